# ---
# summary = "An exception raised while handling another keeps it as __context__; an uncaught one prints both"
# tags = ["exceptions", "traceback", "sys-exit"]
# requires = ["py3-syntax"]
# refs = ["https://docs.python.org/3/library/exceptions.html#exception-context"]
# explain = """
# Raising inside an except block sets __context__ to the exception being
# handled; `raise ... from None` hides it (__suppress_context__). An
# uncaught chained exception prints both tracebacks joined by "During
# handling of the above exception, another exception occurred:" and exits
# with status 1, on every runtime."""
# portable = "Use `raise NewError(...) from err` (or `from None`) to say explicitly which exception is chained, and do not parse the printed traceback; its text differs between runtimes."
# ---
def parse(text):
    try:
        return int(text)
    except ValueError:
        raise LookupError("no number in %r" % text)

def parse_quiet(text):
    try:
        return int(text)
    except ValueError:
        raise LookupError("no number") from None

try:
    parse("x")
except LookupError as e:
    print("context:", type(e.__context__).__name__, "| cause:", e.__cause__)
try:
    parse_quiet("y")
except LookupError as e:
    print("suppressed:", e.__suppress_context__, "| context kept:", type(e.__context__).__name__)
parse("z")
