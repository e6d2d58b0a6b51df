"""pymodel's threading: one thread runs. Starting another stops the model
as unsupported (_thread.start_new_thread), but under unittest, where the
test is skipped as on a build that cannot start threads; so does a wait that
only another thread could end."""

import sys
import _thread


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
        _thread.start_new_thread(self._target, ())

    def join(self, timeout=None):
        raise RuntimeError("cannot join thread before it is started")


Lock = _thread.allocate_lock
RLock = _thread.RLock


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
        if not self._flag and timeout is None:
            _pymodel_unsupported("threading.Event.wait() on an event only another thread could set")
        return self._flag


def _threads_not_modeled(unittest):
    class ThreadsNotModeled(unittest.SkipTest, RuntimeError):
        pass

    return ThreadsNotModeled
