"""pymodel's `test` package stands for CPython's: its own support modules
come first, and its other modules are read from the installed test
directory when one is on sys.path (the directory of the test files run)."""

import sys

__path__ = [d for d in sys.path if isinstance(d, str) and d.rstrip("/").endswith("/test")]
