# ---
# summary = "sys.exit(3) in a function: finally blocks and with exits run, the exit status is 3"
# tags = ["shutdown", "sys-exit", "context-manager", "finalizer"]
# requires = ["py3-syntax", "finalizers"]
# refs = [
#   "https://docs.python.org/3/library/sys.html#sys.exit",
#   "https://docs.python.org/3/library/exceptions.html#SystemExit",
# ]
# explain = """
# sys.exit raises SystemExit, which unwinds like any exception: finally
# blocks and __exit__ methods run on the way out (with SystemExit as the
# exception), then the interpreter exits with the given status without a
# traceback. On CPython the unnamed manager dies right after its __exit__,
# and the function's local when the SystemExit and its traceback are
# released at exit; PyPy runs neither __del__."""
# portable = "This is portable: put cleanup in `finally` or `with` blocks, which sys.exit() runs everywhere; do not rely on __del__ at exit."
# ---
import sys

class Res:
    def __init__(self, name):
        self.name = name
    def __enter__(self):
        return self
    def __exit__(self, exc_type, exc, tb):
        print("__exit__ sees", exc_type.__name__, exc.code)
        return False
    def __del__(self):
        print("__del__", self.name)

def main():
    local = Res("local")
    try:
        with Res("managed"):
            sys.exit(3)
    finally:
        print("finally runs")

main()
print("never printed")
