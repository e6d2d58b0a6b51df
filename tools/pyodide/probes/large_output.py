# Output larger than a pipe's buffer arrives whole and in order.
import sys

for i in range(4000):
    print(f"out {i:05d} " + "x" * 40)
    if i % 500 == 0:
        print(f"err {i:05d}", file=sys.stderr)
print("end")
