# ---
# summary = "An exception in an atexit handler is reported; the other handlers still run; the exit status stays 0"
# tags = ["shutdown", "atexit", "unraisable", "version-dependent"]
# requires = ["py3-syntax", "unraisable", "atexit"]
# refs = ["https://docs.python.org/3/library/atexit.html#atexit.register"]
# explain = """
# An exception escaping an atexit handler does not stop the others, and
# the exit status stays 0. The report's wording is version-specific: up to
# 3.9 "Error in atexit._run_exitfuncs:", 3.10-3.12 "Exception ignored in
# atexit callback: <function failing ...>", 3.13 "Exception ignored in
# atexit callback <function failing ...>:"; PyPy prints only the
# traceback."""
# portable = "Catch and log exceptions inside each atexit handler; the report of an escaping one differs in wording between runtimes and versions."
# ---
import atexit

def first():
    print("first registered, runs last")

def failing():
    raise ValueError("handler failed")

def last():
    print("last registered, runs first")

atexit.register(first)
atexit.register(failing)
atexit.register(last)
print("end of script")
