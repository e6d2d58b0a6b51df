# ---
# summary = "What exec() of two functions leaves in generation 0 by its first line, when only a function made inside one of them evens up their instruction counts (3.10's qualified-name load)"
# tags = ["cycles", "gc-module", "fuzz-regression", "version-dependent"]
# requires = ["py3-syntax", "gc-counts", "gc-control"]
# refs = [
#   "https://github.com/python/cpython/blob/3.10/Python/compile.c",
# ]
# explain = """
# The compiler merges equal constants of the code objects it makes (its
# constant cache): the line table of each code object among them, through
# a key tuple that stays counted unless an equal one is already there. To
# 3.10 the line table holds lines only, so two functions whose bodies are
# one line of as many instructions share theirs. Until 3.10 making a
# function loads its qualified name first, an instruction 3.11 dropped: a
# body that makes a generator expression is one instruction longer there.
# Found by `memconform fuzz` (3.10, one more in the model's count, which
# moved every automatic collection after it). Each line is the count at an
# exec()'d source's first line less the count before the call; the
# namespaces are kept. PyPy has no gc.get_count."""
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


# Two bodies of 16 instructions each to 3.10, the second's counting the
# load of its generator expression's qualified name.
count_compile(
    "def make(i, *args, **kwargs):\n"
    "    return K(\"c.%d\" % i + str(len(args) + len(kwargs)))\n"
    "def names():\n"
    "    r = list(v.name for v in map(K, ['a', 'b']))\n"
)
# The first body one instruction shorter.
count_compile(
    "def make(i, *args, **kwargs):\n"
    "    return K(\"c.%d\" % i + str(len(args)))\n"
    "def names():\n"
    "    r = list(v.name for v in map(K, ['a', 'b']))\n"
)
# No function made in the second body.
count_compile(
    "def make(i, *args, **kwargs):\n"
    "    return K(\"c.%d\" % i + str(len(args) + len(kwargs)))\n"
    "def names():\n"
    "    r = list(map(K, ['a', 'b', v]))\n"
)
