"""pymodel's threading: one thread runs; starting another fails, as on a
build that cannot start threads."""


class Thread:
    def __init__(self, group=None, target=None, name=None, args=(), kwargs=None, *, daemon=None):
        self._target = target

    def start(self):
        raise RuntimeError("can't start new thread (threads are not modeled by pymodel)")

    def join(self, timeout=None):
        raise RuntimeError("cannot join thread before it is started")


class Lock:
    def acquire(self, blocking=True, timeout=-1):
        return True

    def release(self):
        pass

    def __enter__(self):
        return self.acquire()

    def __exit__(self, *args):
        self.release()


RLock = Lock


class Event:
    def __init__(self):
        self._flag = False

    def is_set(self):
        return self._flag

    def set(self):
        self._flag = True

    def clear(self):
        self._flag = False

    def wait(self, timeout=None):
        return self._flag
