match 5:
    case int(real=1, x):
        pass
