match 5:
    case _:
        pass
    case 2:
        pass
