# An uncaught exception: traceback on stderr, exit status 1, then the
# shutdown still runs atexit and __del__.
import atexit


class Noisy:
    def __del__(self):
        print("del at exit")


keep = Noisy()
atexit.register(print, "atexit after the traceback")


def fail():
    try:
        {}["key"]
    except KeyError as e:
        raise ValueError("boom") from e


print("before")
fail()
