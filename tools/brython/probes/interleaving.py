# stdout and stderr reach one pipe in program order, partial lines
# included, as under python3 -u.
import sys

sys.stdout.write("out, no newline; ")
sys.stderr.write("err, no newline; ")
print("out")
print("err", file=sys.stderr)
for i in range(3):
    print(i, end=" ")
    print(-i, end=" ", file=sys.stderr)
print()
