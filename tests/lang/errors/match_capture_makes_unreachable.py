def f(v):
    match v:
        case name:
            return 1
        case 2:
            return 2
