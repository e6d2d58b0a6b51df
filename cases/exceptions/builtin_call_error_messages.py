# ---
# summary = "A builtin called with the wrong number of arguments or an unexpected keyword raises each runtime's own wording"
# tags = ["exceptions", "version-dependent"]
# requires = ["py3-syntax", "weakref"]
# refs = [
#   "https://github.com/python/cpython/blob/3.11/Python/getargs.c",
#   "https://docs.python.org/3/howto/clinic.html",
# ]
# explain = """
# The message comes from the builtin's argument parser: METH_O and
# METH_NOARGS ("len() takes exactly one argument (2 given)"),
# _PyArg_CheckPositional ("list expected at most 1 argument, got 2"),
# PyArg_ParseTupleAndKeywords ("str() takes at most 3 arguments (4
# given)"), Argument Clinic's keyword parser, which 3.13 moved many
# builtins to ("str expected at most 3 arguments, got 4"); PyPy's gateway
# words them as a Python function's ("len() takes 1 positional argument but
# 2 were given", counting self in a method's)."""
# portable = "Catch the TypeError and never compare or parse its message: the wording depends on the runtime, the version and the builtin's parser."
# ---
import gc
import os
import sys
import weakref


class C:
    pass


class E(Exception):
    pass


c = C()
calls = [
    ("str(1, 2, 3, 4)", lambda: str(1, 2, 3, 4)),
    ("sum()", lambda: sum()),
    ("enumerate()", lambda: enumerate()),
    ("zip(a=1)", lambda: zip(a=1)),
    ("int(1, 2, 3)", lambda: int(1, 2, 3)),
    ("reversed()", lambda: reversed()),
    ("max()", lambda: max()),
    ("super(1, 2, 3)", lambda: super(1, 2, 3)),
    ("list.append([])", lambda: list.append([])),
    ("dict.get({})", lambda: dict.get({})),
    ("list(1, 2)", lambda: list(1, 2)),
    ("list(a=1)", lambda: list(a=1)),
    ("dict(1, 2)", lambda: dict(1, 2)),
    ("tuple(1, 2)", lambda: tuple(1, 2)),
    ("set(1, 2)", lambda: set(1, 2)),
    ("len()", lambda: len()),
    ("len(1, 2)", lambda: len(1, 2)),
    ("abs(1, 2)", lambda: abs(1, 2)),
    ("iter(1, 2, 3)", lambda: iter(1, 2, 3)),
    ("next()", lambda: next()),
    ("getattr(1)", lambda: getattr(1)),
    ("setattr(1, 2)", lambda: setattr(1, 2)),
    ("isinstance(1)", lambda: isinstance(1)),
    ("hasattr(1)", lambda: hasattr(1)),
    ("repr()", lambda: repr()),
    ("id(1, 2)", lambda: id(1, 2)),
    ("sorted()", lambda: sorted()),
    ("[].append()", lambda: [].append()),
    ("{}.get(1, 2, 3)", lambda: {}.get(1, 2, 3)),
    ("[].pop(1, 2)", lambda: [].pop(1, 2)),
    ("object(1)", lambda: object(1)),
    ("type(1, 2)", lambda: type(1, 2)),
    ("len([], key=1)", lambda: len([], key=1)),
    ("len(1, 2, 3, 4, 5, 6, 7, 8, 9)", lambda: len(1, 2, 3, 4, 5, 6, 7, 8, 9)),
    ("hash()", lambda: hash()),
    ("callable()", lambda: callable()),
    ("chr()", lambda: chr()),
    ("ord(1, 2)", lambda: ord(1, 2)),
    ("divmod(1)", lambda: divmod(1)),
    ("round()", lambda: round()),
    ("any()", lambda: any()),
    ("all(1, 2)", lambda: all(1, 2)),
    ("sum(1, 2, 3)", lambda: sum(1, 2, 3)),
    ("min()", lambda: min()),
    ("range()", lambda: range()),
    ("range(1, 2, 3, 4)", lambda: range(1, 2, 3, 4)),
    ("bool(1, 2)", lambda: bool(1, 2)),
    ("float(1, 2)", lambda: float(1, 2)),
    ("filter()", lambda: filter()),
    ("map()", lambda: map()),
    ("delattr(1)", lambda: delattr(1)),
    ("issubclass(1)", lambda: issubclass(1)),
    ("{}.pop()", lambda: {}.pop()),
    ("{}.setdefault()", lambda: {}.setdefault()),
    ("{}.keys(1)", lambda: {}.keys(1)),
    ("{}.copy(1)", lambda: {}.copy(1)),
    ("{}.clear(1)", lambda: {}.clear(1)),
    ("{}.popitem(1)", lambda: {}.popitem(1)),
    ("set().add()", lambda: set().add()),
    ("set().add(1, 2)", lambda: set().add(1, 2)),
    ("set().discard()", lambda: set().discard()),
    ("set().remove()", lambda: set().remove()),
    ("set().pop(1)", lambda: set().pop(1)),
    ("set().copy(1)", lambda: set().copy(1)),
    ("''.join()", lambda: "".join()),
    ("''.strip(1, 2)", lambda: "".strip(1, 2)),
    ("''.startswith()", lambda: "".startswith()),
    ("''.replace(1)", lambda: "".replace(1)),
    ("''.count()", lambda: "".count()),
    ("''.zfill()", lambda: "".zfill()),
    ("''.upper(1)", lambda: "".upper(1)),
    ("''.find()", lambda: "".find()),
    ("''.split(1, 2, 3)", lambda: "".split(1, 2, 3)),
    ("[].insert(1)", lambda: [].insert(1)),
    ("[].index()", lambda: [].index()),
    ("[].count()", lambda: [].count()),
    ("[].remove()", lambda: [].remove()),
    ("[].extend()", lambda: [].extend()),
    ("[].reverse(1)", lambda: [].reverse(1)),
    ("[].copy(1)", lambda: [].copy(1)),
    ("[].clear(1)", lambda: [].clear(1)),
    ("[].sort(x=1)", lambda: [].sort(x=1)),
    ("().index()", lambda: ().index()),
    ("().count()", lambda: ().count()),
    ("gc.collect(1, 2)", lambda: gc.collect(1, 2)),
    ("sys.getsizeof()", lambda: sys.getsizeof()),
    ("sys.intern()", lambda: sys.intern()),
    ("sys.getrecursionlimit(1)", lambda: sys.getrecursionlimit(1)),
    ("sys.exc_info(1)", lambda: sys.exc_info(1)),
    ("os.getpid(1)", lambda: os.getpid(1)),
    ("os.getcwd(1)", lambda: os.getcwd(1)),
    ("weakref.getweakrefcount()", lambda: weakref.getweakrefcount()),
    ("weakref.ref()", lambda: weakref.ref()),
    ("weakref.ref(c)(1)", lambda: weakref.ref(c)(1)),
    ("isinstance(1, int, k=1)", lambda: isinstance(1, int, k=1)),
    ("issubclass(int, int, k=1)", lambda: issubclass(int, int, k=1)),
    ("print(k=1)", lambda: print(k=1)),
    ("sys.intern(1)", lambda: sys.intern(1)),
    ("ValueError(x=1)", lambda: ValueError(x=1)),
    ("E(x=1)", lambda: E(x=1)),
    ("OSError(x=1)", lambda: OSError(x=1)),
    ("FileNotFoundError(x=1)", lambda: FileNotFoundError(x=1)),
    ("C(1)", lambda: C(1)),
    ("object.__init__(c, 1)", lambda: object.__init__(c, 1)),
]
for text, call in calls:
    try:
        call()
        print(text, "-> no error")
    except TypeError as e:
        print(text, "->", e)
