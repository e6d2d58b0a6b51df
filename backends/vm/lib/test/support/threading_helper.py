"""pymodel's test.support.threading_helper: pymodel runs one thread, so
the tests that need more skip, as on a build without threads."""

import contextlib
import unittest

can_start_thread = False


def requires_working_threading(*, module=False):
    msg = "requires threading support"
    if module:
        raise unittest.SkipTest(msg)
    return unittest.skipUnless(can_start_thread, msg)


def reap_threads(func):
    return func


@contextlib.contextmanager
def start_threads(threads, unlock=None):
    raise unittest.SkipTest("requires threads")
    yield


def threading_setup():
    return (1,)


def threading_cleanup(*original_values):
    pass
