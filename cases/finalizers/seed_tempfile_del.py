# ---
# summary = "The seed's TempFile: __del__ prints 'Deleting' at del on CPython, never on PyPy"
# tags = ["finalizers", "finalizer", "del", "seed", "pypy-doc"]
# requires = ["py3-syntax", "finalizers"]
# refs = [
#   "https://docs.python.org/3/reference/datamodel.html#object.__del__",
#   "https://doc.pypy.org/en/latest/cpython_differences.html#differences-related-to-garbage-collection-strategies",
# ]
# explain = """
# The seed's example, verbatim: on CPython `del f` drops the only reference
# and __del__ runs at once. PyPy runs __del__ only after a major collection
# finds the object dead; this program never triggers one, and PyPy does not
# collect at exit ("CPython tries to do a gc.collect() automatically when
# the program finishes; not PyPy"), so "Deleting" never appears."""
# portable = "Remove the temporary file in an explicit close() or a `with` block (tempfile.NamedTemporaryFile or TemporaryDirectory); PyPy may never run __del__, not even at exit."
# ---
class TempFile:
    def __init__(self, name):
        self.name = name
        print(f"Created {name}")
    def __del__(self):
        print(f"Deleting {self.name}")

f = TempFile("data.tmp")
del f
print("end of program")
