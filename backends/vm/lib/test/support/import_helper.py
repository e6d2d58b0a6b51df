"""pymodel's test.support.import_helper."""

import unittest


def import_module(name, deprecated=False, *, required_on=()):
    try:
        return __import__(name, fromlist=["__name__"])
    except ImportError as msg:
        raise unittest.SkipTest(str(msg))
