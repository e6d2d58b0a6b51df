# ---
# summary = "An identifier-like str constant is interned mortal from 3.13: its count is its holders and the parser's arena, not the interned table; a keyword argument's name is a name, immortal"
# tags = ["refcount", "getrefcount", "version-dependent"]
# requires = ["py3-syntax", "getrefcount"]
# refs = [
#   "https://github.com/python/cpython/blob/3.13/Objects/unicodeobject.c",
#   "https://github.com/python/cpython/blob/3.13/Python/pythonrun.c",
# ]
# explain = """
# CPython interns a string constant that looks like an identifier, and
# sys.intern() interns what it is given. The interned table's references
# are not counted (intern_common takes them off again), so such a string's
# count is its holders, plus, for a literal of the main file or of an
# exec()'d str, the parser's arena while that code runs. When the string
# was interned before (by sys.intern(), or as a literal of the main file),
# an exec()'d literal is merged into that string, and its own arena holds
# another object. 3.12 makes every interned string immortal; from 3.13
# only names are, a keyword argument's name among them, since the parser
# interns every identifier as a name. PyPy has no sys.getrefcount."""
# portable = "Never read an absolute reference count: it is the runtime's business (the interned table, the parser's arena, immortal objects). Compare strings with ==, never with is."
# ---
import sys


def takes(**kwargs):
    return kwargs


takes(qzx_keyword=1)
print("a keyword argument's name is immortal", sys.getrefcount("qzx_keyword") > 1000000)
print("an attribute's name is immortal", sys.getrefcount("qzx_attribute") > 1000000)
sys.qzx_attribute = 1
print("a str constant", sys.getrefcount("qzx_constant"))
held = "qzx_constant"
print("a str constant held", sys.getrefcount(held))
built = "".join(["qzx", "_built"])
interned = sys.intern(built)
print("sys.intern() of a built str", sys.getrefcount(interned), interned is built)
exec("again = 'qzx_constant'\nprint('exec() of a literal interned before', sys.getrefcount(again))", {"sys": sys})
exec("fresh = 'qzx_fresh'\nprint('exec() of a new literal', sys.getrefcount(fresh))", {"sys": sys})
exec("same = 'qzx_built'\nprint('exec() of sys.intern()\\'s str', sys.getrefcount(same))", {"sys": sys})
