"""pymodel's test.support.script_helper: running another interpreter
process is not modeled, so every use skips."""

import unittest

_REASON = "running a Python subprocess is not modeled by pymodel"


def assert_python_ok(*args, **env_vars):
    raise unittest.SkipTest(_REASON)


def assert_python_failure(*args, **env_vars):
    raise unittest.SkipTest(_REASON)


def run_python_until_end(*args, **env_vars):
    raise unittest.SkipTest(_REASON)


def spawn_python(*args, **kw):
    raise unittest.SkipTest(_REASON)


def make_script(script_dir, script_basename, source, omit_suffix=False):
    raise unittest.SkipTest(_REASON)
