# ---
# summary = "What exec() of a string leaves in generation 0 by its first line when a class's methods assign attributes of self: the __static_attributes__ tuple"
# tags = ["cycles", "gc-module", "version-dependent"]
# requires = ["py3-syntax", "gc-counts", "gc-control"]
# refs = [
#   "https://github.com/python/cpython/blob/3.14/Python/codegen.c",
#   "https://github.com/python/cpython/issues/139951",
# ]
# explain = """
# From 3.13 the compiler gives a class body a __static_attributes__
# constant: the names its methods assign as attributes of self, sorted into
# a list and made a tuple. The compiler merges equal constants and name
# tuples, so when a method's co_names is that same tuple (it names only the
# attribute) the class keeps no tuple of its own. When the method names
# something else too, the tuple stays: tracked to 3.13, untracked from
# 3.14.1, which makes a tuple made from a list of atoms untracked at once
# (gh-139951), so it no longer counts. Each line is the count at an
# exec()'d source's first line less the count before the call; the
# namespaces are kept, so that nothing an earlier source holds is freed in
# between. PyPy has no gc.get_count."""
# portable = "Never depend on where automatic collections fall: what compiling a source allocates moves them."
# ---
import gc

gc.disable()
namespaces = []


def count_compile(source):
    namespace = {"gc": gc, "before": 0}
    namespaces.append(namespace)
    namespace["before"] = gc.get_count()[0]
    exec("print(gc.get_count()[0] - before)\n" + source, namespace)


count_compile("")
count_compile("class C:\n    def f(self):\n        g()\n")
count_compile("class C:\n    def f(self):\n        self.tag = 1\n")
count_compile("class C:\n    def f(self):\n        g()\n        self.tag = 1\n")
count_compile("class C:\n    def f(self):\n        g()\n        self.tag = 1\n        self.other = 2\n")
