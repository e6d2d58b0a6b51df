def plain():
    pass

def defaults(a, b=1, *args, c, d=2, **kwargs):
    return a, b, args, c, d, kwargs

def positional_only(a, /, b):
    return a + b

def annotated(x: int, y: "str" = "s") -> None:
    """Docstring."""
    return None

square = lambda n, k=2: n ** k

def counter():
    count = 0
    def increment(step=1):
        nonlocal count
        count += step
        return count
    return increment

def uses_global():
    global total
    total = 1

def closure_of_argument(value):
    return lambda: value

def nested():
    a = 1
    def middle():
        def inner():
            return a
        return inner
    return middle
