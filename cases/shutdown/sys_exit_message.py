# ---
# summary = "sys.exit('message') prints the message to stderr and exits with status 1"
# tags = ["shutdown", "sys-exit", "atexit"]
# requires = ["atexit"]
# refs = ["https://docs.python.org/3/library/sys.html#sys.exit"]
# explain = """
# A non-integer argument to sys.exit is printed to stderr when the
# SystemExit reaches the top level, and the exit status is 1. atexit
# handlers run afterwards, during finalization. The same on both runtimes.
# """
# ---
import atexit
import sys

atexit.register(print, "atexit handler runs")
print("exiting")
sys.exit("fatal: configuration missing")
