"""pymodel's importlib: import_module, as CPython's importlib/__init__.py
and its bootstrap's _gcd_import behave: the name made absolute against
`package` for each leading dot, imported through the import system, and
the module sys.modules holds under that name returned."""

import sys


def _absolute_name(name, package, level):
    parts = package.split(".")
    if len(parts) < level:
        # 3.8 raises a ValueError there (bpo-37444).
        error = ValueError if sys.version_info < (3, 9) else ImportError
        raise error("attempted relative import beyond top-level package")
    base = ".".join(parts[:len(parts) - level + 1])
    return base + "." + name if name else base


def import_module(name, package=None):
    level = 0
    if name.startswith("."):
        if not package:
            raise TypeError(
                "the 'package' argument is required to perform a relative import for {!r}".format(name))
        while level < len(name) and name[level] == ".":
            level += 1
    name = name[level:]
    if not isinstance(name, str):
        raise TypeError("module name must be str, not {}".format(type(name)))
    if level > 0:
        if not isinstance(package, str):
            raise TypeError("__package__ not set to a string")
        if not package:
            raise ImportError("attempted relative import with no known parent package")
        name = _absolute_name(name, package, level)
    elif not name:
        raise ValueError("Empty module name")
    __import__(name)
    return sys.modules[name]
