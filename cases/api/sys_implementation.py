# ---
# summary = "sys.implementation.name and sys.version_info identify the runtime"
# tags = ["api", "api-presence", "version-dependent"]
# requires = ["py3-syntax"]
# refs = [
#   "https://docs.python.org/3/library/sys.html#sys.implementation",
#   "https://docs.python.org/3/library/sys.html#sys.version_info",
# ]
# explain = """
# The portable way for a program to tell the runtimes apart: "cpython" or
# "pypy", and the language version each implements (PyPy 7.3.11 implements
# Python 3.9)."""
# portable = "Branch on `sys.implementation.name` and `sys.version_info` when code must differ by runtime, never on the presence of an unrelated attribute."
# ---
import sys

print("implementation:", sys.implementation.name)
print("language version:", sys.version_info[0], sys.version_info[1])
print("version_info is a tuple of", len(tuple(sys.version_info)))
