# ---
# summary = "sys.exit() called from an atexit handler: the remaining handlers run and the exit status stays 0"
# tags = ["shutdown", "atexit", "sys-exit", "version-dependent"]
# requires = ["py3-syntax", "atexit"]
# refs = ["https://docs.python.org/3/library/atexit.html"]
# explain = """
# SystemExit raised inside an atexit handler does not stop the remaining
# handlers and does not change the exit status (0). CPython 3.10+ reports
# it like any other handler exception ("Exception ignored in atexit
# callback"); CPython 3.8/3.9 and PyPy swallow it silently."""
# portable = "Do not call sys.exit() in an atexit handler; set the exit status in the main code, before the handlers run."
# ---
import atexit
import sys

def earlier():
    print("registered first, runs last")

def exits():
    print("handler calls sys.exit(4)")
    sys.exit(4)

atexit.register(earlier)
atexit.register(exits)
print("end of script")
