"""pymodel's stand-in for CPython's _testcapi, which the model lacks.
Importing one of its names raises ImportError (as on a runtime without
_testcapi), except for the class decorators, whose classes cannot be made:
a test that makes one, or reaches any other name, is skipped with the name
as reason."""

import sys
import unittest

# The pypy-7.3 profile is recorded from Debian's PyPy, whose
# lib_pypy/_testcapi.py builds the module from _testcapimodule.c at import,
# and the package lacks that file: importing _testcapi raises there.
if sys.implementation.name == "pypy":
    raise FileNotFoundError(2, "No such file or directory", "/usr/lib/pypy3.9/_testcapimodule.c")


class NotModeled(ImportError, unittest.SkipTest):
    pass


def _not_modeled(name):
    return NotModeled("_testcapi.%s is not modeled by pymodel" % name)


def _class_decorator(name):
    def decorator(cls):
        class NotModeledClass:
            def __new__(cls, *args, **kwargs):
                raise _not_modeled(name)
        return NotModeledClass
    return decorator


with_tp_del = _class_decorator("with_tp_del")
without_gc = _class_decorator("without_gc")


def __getattr__(name):
    if name.startswith("__"):
        raise AttributeError(name)
    raise _not_modeled(name)
