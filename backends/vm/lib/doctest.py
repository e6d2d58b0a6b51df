"""pymodel's doctest: DocTestSuite gives one test per docstring of the
module's __test__, as CPython's does, and each is skipped: running the
examples needs exec of interactive input with its output captured, which
pymodel does not model."""

import sys
import unittest


class _DocTestCase(unittest.TestCase):
    def __init__(self, name):
        unittest.TestCase.__init__(self)
        self._doctest_name = name

    def id(self):
        return self._doctest_name

    def runTest(self):
        raise unittest.SkipTest("doctest examples are not run by pymodel")


def DocTestSuite(module=None):
    if module is None:
        module = sys.modules[sys._getframe(1).f_globals["__name__"]]
    suite = unittest.TestSuite()
    tests = getattr(module, "__test__", {})
    for name in sorted(tests):
        suite.addTest(_DocTestCase(module.__name__ + ".__test__." + name))
    return suite
