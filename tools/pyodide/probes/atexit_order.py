# atexit callbacks run last registered first, after the program, with their
# arguments; one that raises is reported and the others still run.
import atexit
import sys


def goodbye(name, *, punctuation="."):
    print(f"goodbye {name}{punctuation}")


def fails():
    raise RuntimeError("in atexit")


atexit.register(goodbye, "first")
atexit.register(fails)
atexit.register(goodbye, "second", punctuation="!")
atexit.register(sys.stdout.write, "no newline at the very end")
print("main done")
