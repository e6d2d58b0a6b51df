# Files reach the host at once: in the current directory, left open or
# closed, and at an absolute path (the last argument, in $TMPDIR); a new
# file's mode is 0644 less the umask.
import os
import sys

tmp = sys.argv[-1]
with open("closed.txt", "w") as f:
    f.write("closed\n")
left_open = open("left_open.txt", "w")
left_open.write("written, never closed\n")
open(tmp + "/absolute.txt", "w").write("at an absolute path\n")
with open("scratch.txt", "w") as scratch:
    scratch.write("x")
print("exists:", "scratch.txt" in os.listdir("."))
os.remove("scratch.txt")
print("listing:", sorted(os.listdir(".")))
with open("closed.txt", "a") as f:
    f.write("appended\n")
print("read back:", open("closed.txt").read().split())
print("mode (umask 0):", oct(os.stat("closed.txt")[0] & 0o777))
print("cwd:", os.getcwd())
try:
    open("missing.txt")
except OSError as e:
    print("missing:", type(e).__name__)
