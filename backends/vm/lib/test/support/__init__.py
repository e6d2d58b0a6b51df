"""pymodel's test.support: the helpers of CPython's test.support that the
memory tests use, with CPython 3.11's behavior. What needs a facility pymodel
does not model (threads, subprocesses, _testcapi) is skipped with a reason."""

import contextlib
import gc
import sys
import unittest

verbose = 0
use_resources = None
is_jython = False
is_android = False
is_emscripten = False
is_wasi = False
has_subprocess_support = False
MISSING_C_DOCSTRINGS = False
Py_DEBUG = hasattr(sys, "gettotalrefcount")

SkipTest = unittest.SkipTest


class Error(Exception):
    pass


class TestFailed(Error):
    pass


class ResourceDenied(unittest.SkipTest):
    pass


def _id(obj):
    return obj


def gc_collect():
    gc.collect()
    gc.collect()
    gc.collect()


@contextlib.contextmanager
def disable_gc():
    have_gc = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if have_gc:
            gc.enable()


def is_resource_enabled(resource):
    return use_resources is None or resource in use_resources


def requires(resource, msg=None):
    if not is_resource_enabled(resource):
        raise ResourceDenied(msg or "Use of the %r resource not enabled" % resource)


def requires_resource(resource):
    if is_resource_enabled(resource):
        return _id
    return unittest.skip("resource {0!r} is not enabled".format(resource))


def _parse_guards(guards):
    if not guards:
        return ({"cpython": True}, False)
    is_true = list(guards.values())[0]
    assert list(guards.values()) == [is_true] * len(guards)
    return (guards, not is_true)


def check_impl_detail(**guards):
    guards, default = _parse_guards(guards)
    return guards.get(sys.implementation.name, default)


def impl_detail(msg=None, **guards):
    if check_impl_detail(**guards):
        return _id
    if msg is None:
        guardnames, default = _parse_guards(guards)
        if default:
            msg = "implementation detail not available on {0}"
        else:
            msg = "implementation detail specific to {0}"
        msg = msg.format(" or ".join(sorted(guardnames.keys())))
    return unittest.skip(msg)


def cpython_only(test):
    return impl_detail(cpython=True)(test)


def no_tracing(func):
    return func


def refcount_test(test):
    return no_tracing(cpython_only(test))


def requires_subprocess():
    return unittest.skipUnless(has_subprocess_support, "requires subprocess support")


def bigmemtest(size, memuse, dry_run=True):
    def decorator(f):
        def wrapper(self):
            return f(self, size)
        wrapper.__name__ = f.__name__
        return wrapper
    return decorator


class _ALWAYS_EQ:
    def __eq__(self, other):
        return True

    def __ne__(self, other):
        return False


ALWAYS_EQ = _ALWAYS_EQ()


class _NEVER_EQ:
    def __eq__(self, other):
        return False

    def __ne__(self, other):
        return True

    def __hash__(self):
        return 1


NEVER_EQ = _NEVER_EQ()


@contextlib.contextmanager
def swap_attr(obj, attr, new_val):
    if hasattr(obj, attr):
        real_val = getattr(obj, attr)
        setattr(obj, attr, new_val)
        try:
            yield real_val
        finally:
            setattr(obj, attr, real_val)
    else:
        setattr(obj, attr, new_val)
        try:
            yield
        finally:
            if hasattr(obj, attr):
                delattr(obj, attr)


@contextlib.contextmanager
def captured_stderr():
    raise unittest.SkipTest("captured output (io.StringIO) is not modeled by pymodel")
    yield


# Python 3.9's test.support had these itself (PyPy 7.3's test files import
# them from there); 3.10 moved them to the helper modules.
from test.support.import_helper import import_module  # noqa: E402
from test.support.os_helper import TESTFN, temp_dir, unlink  # noqa: E402
from test.support.threading_helper import reap_threads, start_threads  # noqa: E402
