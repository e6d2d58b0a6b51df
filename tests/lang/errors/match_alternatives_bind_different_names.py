match 5:
    case 1 | x:
        pass
