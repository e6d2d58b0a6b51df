# ---
# summary = "compile() of a module's source: the first call also makes the ast module's types; a later one only what the compiler keeps"
# tags = ["imports", "gc-module", "version-dependent"]
# requires = ["py3-syntax", "gc-counts", "gc-control"]
# refs = ["https://github.com/python/cpython/blob/v3.11.7/Python/bltinmodule.c"]
# explain = """
# builtin compile() asks PyAST_Check whether its source is an AST node,
# which on the first call creates the types of the ast module (hundreds of
# classes, each with its dict, tuples and descriptors), alive until exit.
# The import system compiles each module it reads from source this way.
# A second compile() of the same source moves the count only by the
# containers its code objects keep (constant and name tuples)."""
# portable = "Do not count on gc.get_count() across compile()."
# ---
import gc

gc.disable()
source = b"X = 1\ndef f(a):\n    return [a, (1, 2)]\nclass C:\n    pass\n"
c0 = gc.get_count()
code = compile(source, "m.py", "exec", dont_inherit=True)
c1 = gc.get_count()
code2 = compile(source, "m.py", "exec", dont_inherit=True)
c2 = gc.get_count()
del code2
c3 = gc.get_count()
# Differences only: the count at the start depends on the build and on
# sys.path (one importer cache entry per folder).
print(c1[0] - c0[0], c2[0] - c1[0], c3[0] - c2[0], c0[1:] == c1[1:] == c2[1:] == c3[1:])
