"""pymodel's test.support.os_helper: the names test files import; the
helpers that touch the file system skip."""

import contextlib
import unittest

TESTFN = "@test_pymodel_tmp"


def unlink(filename):
    raise unittest.SkipTest("os_helper.unlink is not modeled by pymodel")


@contextlib.contextmanager
def temp_dir(path=None, quiet=False):
    raise unittest.SkipTest("temporary directories are not modeled by pymodel")
    yield
