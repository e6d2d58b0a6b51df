# Module globals die at interpreter shutdown, after atexit: their __del__
# runs then, in the order the module teardown releases them.
import atexit


class Noisy:
    def __init__(self, name):
        self.name = name

    def __del__(self):
        print("del", self.name)


first = Noisy("first")
second = Noisy("second")
_private = Noisy("_private")
holder = [Noisy("in list")]
atexit.register(print, "atexit runs before the globals die")
print("main done")
