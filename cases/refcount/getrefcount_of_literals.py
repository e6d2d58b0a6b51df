# ---
# summary = "While the main file runs, the parser's arena holds one reference to each literal's object (and, to 3.13, to each constant the AST optimizer folded); exec() of a str too"
# tags = ["refcount", "getrefcount", "version-dependent"]
# requires = ["py3-syntax", "getrefcount", "atexit"]
# refs = [
#   "https://github.com/python/cpython/blob/3.13/Python/pythonrun.c",
#   "https://github.com/python/cpython/issues/126835",
# ]
# explain = """
# CPython parses the main file into an AST whose memory is an arena, and
# the arena keeps a list of every object the parser made: each literal,
# and to 3.13 each constant the AST optimizer folded (-7, 2**40, a tuple of
# constants). The compiler merges equal constants into the first one, so
# the object the code loads is in that list once, and the list lives until
# the main file's code has returned: while it runs, sys.getrefcount of a
# literal is one more than its holders. 3.14 folds in the compiler's
# optimizer instead (gh-126835): a folded constant is not the parser's,
# and reads one less. On 3.12 and 3.13 a bytes literal of one token is in
# the list twice. exec() of a str keeps its own arena while its code runs.
# Once the main file has returned, the arena is gone: an atexit callback
# sees only the holders. PyPy has no sys.getrefcount."""
# portable = "Never read an absolute reference count: it is the runtime's business (the parser's own lists, immortal objects, borrowed references, a tracing collector). Test lifetimes with weakref or __del__."
# ---
import atexit
import sys

print("int literal", sys.getrefcount(12345678901))
print("float literal", sys.getrefcount(1234.5))
print("complex literal", sys.getrefcount(3j))
print("str literal", sys.getrefcount("a b c"))
print("f-string of no field", sys.getrefcount(f"d e f"))
print("bytes literal", sys.getrefcount(b"g h"))
print("bytes literals concatenated", sys.getrefcount(b"i j" b" k"))
print("str literals concatenated", sys.getrefcount("l m" " n"))
print("negative int", sys.getrefcount(-70000))
print("power", sys.getrefcount(2**40))
print("str times int", sys.getrefcount("o p " * 3))
print("tuple of literals", sys.getrefcount((4.25, "q r")))
held = 99999.5
print("held by a global", sys.getrefcount(held))
again = 99999.5
print("the same literal twice", sys.getrefcount(held), held is again)
pair = (88888.5, "s t")
print("tuple held", sys.getrefcount(pair), sys.getrefcount(pair[0]))
item = 88888.5
print("its item written again", sys.getrefcount(item))
nested = ((77777.5, -66666), 1)
print("nested tuple", sys.getrefcount(nested[0]), sys.getrefcount(nested[0][1]))


def reads_literal():
    return sys.getrefcount(55555.5)


print("in a function", reads_literal())


class Documented:
    """a docstring of two words"""


print("class docstring", sys.getrefcount(Documented.__doc__))
namespace = {"sys": sys}
exec("value = 44444.5\nseen = sys.getrefcount(value)\nneg = sys.getrefcount(-33333)", namespace)
print("exec() of a str, while it runs", namespace["seen"], namespace["neg"])
print("exec() of a str, after", sys.getrefcount(namespace["value"]))
atexit.register(lambda: print("after the main file returned", sys.getrefcount(held), sys.getrefcount(pair)))
