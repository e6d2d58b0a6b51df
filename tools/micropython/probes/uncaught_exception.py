# An uncaught exception: MicroPython's traceback on stderr, with the
# program's frames only, and exit status 1.


def fail():
    try:
        {}["key"]
    except KeyError:
        raise ValueError("boom")


print("before")
fail()
