# ---
# summary = "raise ... from ... keeps the original exception, its traceback and its frames alive as __cause__"
# tags = ["exceptions", "traceback", "finalizer"]
# requires = ["py3-syntax", "finalizers"]
# refs = [
#   "https://docs.python.org/3/reference/simple_stmts.html#the-raise-statement",
#   "https://docs.python.org/3/library/exceptions.html#BaseException.__cause__",
# ]
# explain = """
# The new exception refers to the old one (__cause__), whose traceback
# refers to the frame of the low-level function and its locals. Holding the
# high-level exception keeps all of it alive; on CPython it is freed when
# the handler ends, on PyPy at gc.collect()."""
# portable = "When you keep a high-level exception, drop what the cause's frames hold first: close resources in `with`/`finally` in the low-level function, or use `from None` if the cause is not needed."
# ---
import gc

class Handle:
    def __init__(self, name):
        self.name = name
    def __del__(self):
        print("  freed", self.name)

class ConfigError(Exception):
    pass

def read_raw():
    h = Handle("raw handle")
    raise KeyError("port")

def load():
    h = Handle("loader handle")
    try:
        read_raw()
    except KeyError as e:
        raise ConfigError("config incomplete") from e

try:
    load()
except ConfigError as e:
    print("caught:", e, "| cause:", repr(e.__cause__))
    print("suppress context:", e.__suppress_context__)
print("after the handler")
gc.collect()
print("after gc.collect()")
