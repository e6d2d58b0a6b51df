# ---
# summary = "'except E as e' deletes e at the end of the handler, even if e was bound before"
# tags = ["exceptions", "traceback", "del", "version-dependent"]
# requires = ["py3-syntax"]
# refs = ["https://docs.python.org/3/reference/compound_stmts.html#except-clause"]
# explain = """
# The compiler turns `except E as e:` into a handler followed by
# `e = None; del e`, to break the cycle frame -> traceback -> frame that
# keeping the exception in a local would create. A previous value of e is
# lost, and reading e afterwards raises NameError (UnboundLocalError in a
# function). The same on every runtime.
# The UnboundLocalError message changed in 3.11 ("cannot access local
# variable")."""
# portable = "Do not read the `as` name after the handler, and never reuse it for another value; copy what you need (`message = str(e)`) inside the handler. Do not match the exact NameError/UnboundLocalError text, which differs by version."
# ---
e = "previous value"
try:
    raise ValueError("boom")
except ValueError as e:
    print("in handler:", e)
try:
    print(e)
except NameError as err:
    print("NameError:", err)

def inside():
    try:
        raise KeyError("k")
    except KeyError as exc:
        pass
    return exc

try:
    inside()
except UnboundLocalError as err:
    print("UnboundLocalError:", err)
