def gen(n):
    for i in range(n):
        received = yield i
        if received:
            return received

def expression_yield():
    x = yield
    yield x

def try_in_generator():
    try:
        yield 1
    finally:
        print("closed")

squares = (i * i for i in range(10))
total = sum(x for x in range(3))
