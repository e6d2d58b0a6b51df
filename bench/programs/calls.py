# The call path: Python functions called with positional, default and
# keyword arguments, and a closure, a million times each in all.
def add(a, b):
    return a + b


def scaled(a, b=2, c=3):
    return a * b + c


def counter():
    count = 0

    def step(by):
        nonlocal count
        count += by
        return count

    return step


def run(n):
    step = counter()
    total = 0
    for i in range(n):
        total = add(total, i)
        total -= scaled(i)
        total += scaled(i, c=1)
        step(1)
    return total + step(0)


print(run(250000))
