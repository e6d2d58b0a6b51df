# stdout and stderr reach one pipe in program order, partial lines included.
import sys

print("a", end="")
print("b", file=sys.stderr, end="")
print("c")
sys.stderr.write("err line\n")
for i in range(3):
    print(i, end=" ")
    print(i, end=" ", file=sys.stderr)
print()
