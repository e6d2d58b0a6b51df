# ---
# summary = "__main__ loses __file__ and __cached__ when its code ends, before atexit handlers run"
# tags = ["shutdown", "atexit"]
# requires = ["py3-syntax", "atexit"]
# refs = ["https://docs.python.org/3/library/atexit.html"]
# explain = """
# CPython sets __file__ and __cached__ in the main module's globals when it
# runs a script, and deletes them when the script's code ends (unless it
# ends by SystemExit), so atexit handlers and finalizers at exit do not see
# them. PyPy leaves them in place."""
# portable = "Read `__file__` while the main code runs and pass the value to the atexit handler (`atexit.register(cleanup, path)`), instead of reading it at exit."
# ---
import atexit


def report():
    g = globals()
    print("at exit:", "__file__" in g, "__cached__" in g)


atexit.register(report)
g = globals()
print("while running:", "__file__" in g, "__cached__" in g)
