def classify(subject):
    match subject:
        case [1, x, *rest]:
            return 1
        case [a, *_, b]:
            return 2
        case {"k": v, **kw}:
            return 3
        case Point(x, y=3) if x > 0:
            return 4
        case (1 | 2 | 3) as z:
            return 5
        case None:
            return 6
        case C.D:
            return 7
        case (a, b) | [b, a]:
            return 8
        case -1 | 1 + 2j | "s" if False:
            return 9
        case _:
            return 10


match command.split():
    case [action]:
        pass
    case [action, obj]:
        pass
    case {C.K: value}:
        pass
