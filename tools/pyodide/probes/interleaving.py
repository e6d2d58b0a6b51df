# stdout and stderr reach one pipe in program order, partial lines included,
# with the "Exception ignored" blocks of finalizers that raise.
import sys


class Raises:
    def __del__(self):
        print("in __del__", end="; ")
        raise ValueError("from __del__")


print("a", end="")
print("b", file=sys.stderr, end="")
print("c")
sys.stderr.write("err line\n")
r = Raises()
del r
print("after del")
for i in range(3):
    print(i, end=" ")
    print(i, end=" ", file=sys.stderr)
print()
