# os._exit skips the shutdown: no atexit, no __del__.
import atexit
import os


class Noisy:
    def __del__(self):
        print("del at exit")


keep = Noisy()
atexit.register(print, "atexit")
print("before", end="", flush=True)
os._exit(5)
