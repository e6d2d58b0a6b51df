"""pymodel's test.support.os_helper: the names test files import; unlink
removes a file as CPython's does, the other helpers that touch the file
system skip."""

import contextlib
import os
import unittest

TESTFN = "@test_pymodel_tmp"


def unlink(filename):
    try:
        os.unlink(filename)
    except (FileNotFoundError, NotADirectoryError):
        pass


@contextlib.contextmanager
def temp_dir(path=None, quiet=False):
    raise unittest.SkipTest("temporary directories are not modeled by pymodel")
    yield
