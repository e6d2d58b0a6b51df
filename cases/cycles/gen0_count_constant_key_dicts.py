# ---
# summary = "What exec() of a string leaves in generation 0 by its first line when it builds dicts with constant keys: a dict display, keyword-only defaults"
# tags = ["cycles", "gc-module", "version-dependent"]
# requires = ["py3-syntax", "gc-counts", "gc-control"]
# refs = [
#   "https://github.com/python/cpython/blob/3.13/Python/compile.c",
#   "https://github.com/python/cpython/blob/3.14/Python/codegen.c",
#   "https://github.com/python/cpython/issues/122160",
# ]
# explain = """
# From 3.6 to 3.13 the compiler gathers constant keys into one tuple
# constant for BUILD_CONST_KEY_MAP: a dict display whose keys are all
# constants (two or more), a def's keyword-only defaults (their names,
# through a list) and the keywords of a call beside a **mapping. That tuple
# is a container the compiler makes, and the constants tuple that holds it
# stays tracked. 3.14 removed the opcode (gh-122160): each key is loaded as
# its own constant and BUILD_MAP builds the dict, so none of these adds a
# tuple. Each line is the count at an exec()'d source's first line less
# the count before the call; the namespaces are kept, so that nothing an
# earlier source's functions hold is freed in between. PyPy has no
# gc.get_count."""
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
count_compile("def f1(a): return {'k1': a}\n")
count_compile("def f1(a): return {'k1': a, 'k2': a}\n")
count_compile("def f1(a): return {'k1': a, 'k2': a, 'k3': a}\n")
count_compile("def f1(a): return {a: a, 'k2': a}\n")
count_compile("def f1(*, a=1): return a\n")
count_compile("def f1(*, a=1, b=2): return a\n")
