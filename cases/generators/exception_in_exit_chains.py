# ---
# summary = "An exception raised in __exit__ replaces the body's exception and chains it as __context__"
# tags = ["generators", "context-manager", "traceback"]
# requires = ["py3-syntax"]
# refs = [
#   "https://docs.python.org/3/reference/datamodel.html#object.__exit__",
#   "https://docs.python.org/3/library/exceptions.html#exception-context",
# ]
# explain = """
# If __exit__ raises, the new exception propagates and the body's exception
# becomes its __context__. Uncaught at top level, the runtime prints both
# tracebacks joined by "During handling of the above exception, another
# exception occurred:" and exits with status 1."""
# portable = "Do not let __exit__ raise (catch and log inside it), or the body's exception is only its __context__; do not parse the printed chain, whose text differs by runtime."
# ---
class Flaky:
    def __enter__(self):
        return self
    def __exit__(self, exc_type, exc, tb):
        raise OSError("cleanup failed")

try:
    with Flaky():
        raise ValueError("body failed")
except OSError as e:
    print("caught:", type(e).__name__, e)
    print("context:", type(e.__context__).__name__, e.__context__)
with Flaky():
    raise ValueError("uncaught body failure")
