# ---
# summary = "With ResourceWarning shown (-W always), a socket closed by its finalizer warns: at the del on CPython, inside gc.collect() on PyPy"
# tags = ["sockets", "socket", "pypy-doc", "version-dependent"]
# requires = ["py3-syntax", "sockets"]
# refs = [
#   "https://docs.python.org/3/library/exceptions.html#ResourceWarning",
#   "https://doc.pypy.org/en/latest/cpython_differences.html#differences-related-to-garbage-collection-strategies",
# ]
# explain = """
# PyPy doc: run with -Walways "and a ResourceWarning is produced for every
# file and socket that the garbage collector closes". The default filters
# ignore ResourceWarning; -W always (here warnings.simplefilter, the same
# filter) shows it. CPython warns from the socket's finalizer, at the line
# whose del drops it; PyPy from inside the collection that finalizes it.
# The warning's text is the socket's repr, whose descriptor number is
# replaced by `?` below (it depends on what the process has open), and
# whose family and type are numbers or enum names depending on the
# version."""
# portable = "Close sockets explicitly; run the tests with `-W error::ResourceWarning` (and a final gc.collect() on PyPy) to find those that are not."
# ---
import gc
import re
import socket
import warnings


def show(message, category, filename, lineno, file=None, line=None):
    where = "line %d" % lineno if filename == __file__ else "elsewhere"
    print("%s (%s): %s" % (category.__name__, where, re.sub(r"fd=\d+", "fd=?", str(message))))


warnings.simplefilter("always", ResourceWarning)
warnings.showwarning = show
left, right = socket.socketpair()
right.close()
del left
print("after del")
gc.collect()
print("after gc.collect()")
