# Deep recursion raises RecursionError, and the program goes on.
import sys


def down(n):
    return down(n + 1)


try:
    down(0)
except RecursionError as e:
    print("RecursionError:", e)
print("limit", sys.getrecursionlimit())


class Chain:
    def __init__(self, next_):
        self.next = next_


head = None
for _ in range(100000):
    head = Chain(head)
del head
print("a long chain freed")
