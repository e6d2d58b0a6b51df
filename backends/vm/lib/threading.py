"""pymodel's threading: one thread runs; starting another fails, as on a
build that cannot start threads (under unittest: the test is skipped)."""

import sys


class Thread:
    def __init__(self, group=None, target=None, name=None, args=(), kwargs=None, *, daemon=None):
        self._target = target

    def start(self):
        # Threads are not modeled. Under unittest the error is a SkipTest
        # too: a test that starts a thread is skipped with this reason
        # (docs/peer.md), as test.support skips those that ask first.
        message = "can't start new thread (threads are not modeled by pymodel)"
        unittest = sys.modules.get("unittest")
        if unittest is not None:
            raise _threads_not_modeled(unittest)(message)
        raise RuntimeError(message)

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


def _threads_not_modeled(unittest):
    class ThreadsNotModeled(unittest.SkipTest, RuntimeError):
        pass

    return ThreadsNotModeled
