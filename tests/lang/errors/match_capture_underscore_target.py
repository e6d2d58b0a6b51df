match 5:
    case 1 as _:
        pass
