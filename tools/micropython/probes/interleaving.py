# stdout and stderr reach one pipe in program order, partial lines included,
# and so does /dev/stdout opened by its path.
import sys

print("a", end="")
print("b", file=sys.stderr, end="")
print("c")
sys.stderr.write("err line\n")
for i in range(3):
    print(i, end=" ")
    print(i, end=" ", file=sys.stderr)
print()
out = open("/dev/stdout", "w")
out.write("through /dev/stdout, ")
sys.stderr.write("stderr, ")
print("stdout")
