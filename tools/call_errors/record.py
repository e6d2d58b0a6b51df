"""Prints the messages a Python runtime's builtins give for a call with the
wrong number of arguments or an unexpected keyword (README.md beside this
file). Run it with -S -I on the runtime a profile models; the output is
backends/profiles/<profile>.callerrors."""

import builtins
import functools
import inspect
import os
import platform
import re
import shutil
import tempfile
import warnings
import weakref

MAX_COUNT = 7  # counts 0..MAX_COUNT are called; a template extends the last run past it
KEYWORD = "probe_kw"
HEAPTYPE = 1 << 9  # Py_TPFLAGS_HEAPTYPE: a class written in Python
ACCEPTED = "(accepted)"

# The module functions pymodel writes in C++ (backends/vm/modules/,
# backends/*/gc_module.cpp), by the module a program calls them from.
MODULE_FUNCTIONS = {
    "gc": ["collect", "disable", "enable", "freeze", "get_count", "get_debug", "get_freeze_count",
           "get_objects", "get_referents", "get_referrers", "get_stats", "get_threshold", "is_finalized",
           "is_tracked", "isenabled", "set_debug", "set_threshold", "unfreeze", "enable_finalizers",
           "disable_finalizers"],
    "sys": ["_debugmallocstats", "_getframe", "exc_info", "exit", "getallocatedblocks", "getrecursionlimit",
            "getrefcount", "getsizeof", "intern", "setrecursionlimit"],
    "os": ["close", "dup", "dup2", "getcwd", "getpid", "open", "remove", "unlink"],
    "atexit": ["_clear", "_ncallbacks", "_run_exitfuncs", "register", "unregister"],
    "weakref": ["getweakrefcount", "getweakrefs", "proxy", "_remove_dead_weakref"],
    "os.path": ["basename", "dirname", "exists", "isdir", "isfile", "join"],
    "warnings": ["warn"],
    "_collections": ["_count_elements"],
    "_functools": ["reduce", "cmp_to_key"],
    "_operator": None,
    "_bisect": ["bisect_left", "bisect_right", "insort_left", "insort_right"],
    "_heapq": ["heappush", "heappop", "heapreplace", "heappushpop", "heapify", "_heappop_max", "_heapreplace_max",
               "_heapify_max"],
    "itertools": ["tee"],
    "linecache": ["getline"],
    "math": ["acos", "acosh", "asin", "asinh", "atan", "atan2", "atanh", "cbrt", "ceil", "comb", "copysign", "cos",
             "cosh", "degrees", "dist", "erf", "erfc", "exp", "exp2", "expm1", "fabs", "factorial", "floor", "fma",
             "fmod", "frexp", "fsum", "gamma", "gcd", "hypot", "isclose", "isfinite", "isinf", "isnan", "isqrt",
             "lcm", "ldexp", "lgamma", "log", "log10", "log1p", "log2", "modf", "nextafter", "perm", "pow", "prod",
             "radians", "remainder", "sin", "sinh", "sqrt", "sumprod", "tan", "tanh", "trunc", "ulp"],
    "tracemalloc": ["clear_traces", "get_object_traceback", "get_traceback_limit", "get_traced_memory", "is_tracing",
                    "reset_peak", "start", "stop"],
}

# Callables that act even when every argument is a probe (or take none),
# each with the fewest and the most positional arguments it takes (None:
# any number): called only with fewer or more, where its parser refuses the
# call before it acts, and never with a keyword.
EFFECTS = {
    "print": (0, None), "input": (0, 1), "breakpoint": (0, None), "open": (1, 8),
    "gc.collect": (0, 1), "gc.disable": (0, 0), "gc.enable": (0, 0), "gc.freeze": (0, 0), "gc.unfreeze": (0, 0),
    "gc.set_debug": (1, 1), "gc.enable_finalizers": (0, 0), "gc.disable_finalizers": (0, 0),
    "gc.set_threshold": (1, 3),
    "sys.exit": (0, 1), "sys._debugmallocstats": (0, 0), "sys.setrecursionlimit": (1, 1),
    "os.close": (1, 1), "os.dup": (1, 1), "os.dup2": (2, 3), "os.open": (2, 4), "os.remove": (1, 1),
    "os.unlink": (1, 1),
    "warnings.warn": (1, 4), "tracemalloc.start": (0, 1), "tracemalloc.stop": (0, 0),
    "tracemalloc.clear_traces": (0, 0), "tracemalloc.reset_peak": (0, 0),
    "atexit._clear": (0, 0), "atexit._run_exitfuncs": (0, 0), "atexit.register": (1, None),
    "atexit.unregister": (1, 1),
}

# Callables of EFFECTS whose parser refuses a keyword it does not know
# before they act: called with the keyword alone, never without it.
KEYWORD_CHECKED_FIRST = ["print"]

# What a built-in type's method is in its __dict__ (PyPy's are functions).
METHOD_KINDS = ["method_descriptor", "wrapper_descriptor", "classmethod_descriptor", "builtin_function_or_method",
                "staticmethod", "classmethod", "function", "builtin_function"]


class ProbeA:
    pass


class ProbeB:
    """Unlike ProbeA callable and an empty iterable: a check that needs
    either ("first argument must be callable") then tells them apart."""

    def __call__(self, *args):
        return None

    def __iter__(self):
        return iter(())


def probe_function(*args, **kwargs):
    return None


# What a type check asks for, one value of each kind: None, an int, a str,
# a class, a function. A call that fails the same way with every one of
# them and with both probes fails on its count.
ACCEPTED_VALUES = (None, 0, "", ProbeA, probe_function)


class Holder:
    def method(self):
        pass


def sample_instances():
    """A fresh instance of each built-in type whose methods are probed, by the
    type that defines them: calling a method on one changes nothing shared."""
    def gen():
        yield

    makers = [list, dict, set, frozenset, str, bytes, bytearray, int, float, complex, tuple, object, bool,
              lambda: range(0), lambda: slice(0), lambda: iter([]), lambda: iter(()), lambda: iter(""),
              lambda: iter({}), lambda: iter(set()), lambda: iter(range(0)), lambda: {}.keys(),
              lambda: {}.values(), lambda: {}.items(), lambda: iter({}.values()), lambda: iter({}.items()),
              lambda: reversed([]), lambda: enumerate([]), lambda: zip(), lambda: map(len, []),
              lambda: filter(None, []), gen, property, lambda: super(int, 0),
              lambda: BaseException(), lambda: type("Fresh", (), {}), lambda: weakref.ref(ProbeA),
              lambda: Holder().method]
    return makers


# The files the probes opened, each with the raw file under it: closed after
# every call, so that a method that detaches a layer leaks no descriptor.
OPEN_FILES = []


def file_makers(directory):
    """A maker of a fresh file of each type pymodel's open() makes (a text
    file, the buffers under one writing and one reading, the raw file), on a
    file in `directory`: calling a method on one changes nothing else."""
    path = os.path.join(directory, "probe.txt")
    open(path, "w").close()

    def maker(mode, buffering=-1):
        def make():
            f = open(path, mode, buffering=buffering)
            OPEN_FILES.extend([f, getattr(getattr(f, "buffer", f), "raw", f)])
            return f
        return make

    return [maker("w"), maker("wb"), maker("rb"), maker("rb", buffering=0)]


def close_files():
    while OPEN_FILES:
        try:
            OPEN_FILES.pop(0).close()
        except Exception:  # a text file whose buffer a probe detached
            pass


# The types of the modules CPython writes in C that pymodel writes in C++
# (backends/vm/modules/), by module, each with a maker of a fresh instance
# whose methods are probed (None: only the type's call is).
NATIVE_TYPES = {
    "_random": {"Random": lambda m: m.Random()},
    "_functools": {
        "partial": lambda m: m.partial(len), "KeyWrapper": lambda m: m.cmp_to_key(len),
        "_lru_cache_wrapper": lambda m: m._lru_cache_wrapper(len, 1, False, tuple),
    },
    "_collections": {
        "deque": lambda m: m.deque(), "defaultdict": lambda m: m.defaultdict(),
        "_deque_iterator": lambda m: iter(m.deque()), "_deque_reverse_iterator": lambda m: reversed(m.deque()),
        "_tuplegetter": lambda m: m._tuplegetter(0, None),
    },
    "_operator": {
        "itemgetter": lambda m: m.itemgetter(0), "attrgetter": lambda m: m.attrgetter("real"),
        "methodcaller": lambda m: m.methodcaller("count"),
    },
    "itertools": {
        "accumulate": lambda m: m.accumulate([]), "batched": lambda m: m.batched([], 1),
        "chain": lambda m: m.chain(), "combinations": lambda m: m.combinations([], 1),
        "combinations_with_replacement": lambda m: m.combinations_with_replacement([], 1),
        "compress": lambda m: m.compress([], []), "count": lambda m: m.count(),
        "cycle": lambda m: m.cycle([]), "dropwhile": lambda m: m.dropwhile(len, []),
        "filterfalse": lambda m: m.filterfalse(len, []), "groupby": lambda m: m.groupby([]),
        "_grouper": None, "islice": lambda m: m.islice([], 0), "pairwise": lambda m: m.pairwise([]),
        "permutations": lambda m: m.permutations([]), "product": lambda m: m.product(),
        "repeat": lambda m: m.repeat(0, 0), "starmap": lambda m: m.starmap(len, []),
        "takewhile": lambda m: m.takewhile(len, []), "_tee": lambda m: m.tee([])[0],
        "_tee_dataobject": None, "zip_longest": lambda m: m.zip_longest(),
    },
}


def native_types():
    """The native modules' types this runtime has, each with its maker."""
    found = {}
    for module_name, kinds in NATIVE_TYPES.items():
        try:
            module = __import__(module_name)
        except ImportError:
            continue
        for name, make in kinds.items():
            t = getattr(module, name, None)
            if t is None and make:  # a type the module does not name (functools.KeyWrapper)
                try:
                    t = type(make(module))
                except AttributeError:  # nor has: a version without it
                    continue
            if isinstance(t, type):
                found[type_key(t)] = (t, make and (lambda make=make, module=module: make(module)))
    return found


def type_key(t):
    """The type's name as its tp_name gives it: `list`, `weakref.ReferenceType`."""
    return t.__name__ if t.__module__ == "builtins" else t.__module__ + "." + t.__name__


def builtin_types():
    found = {}
    for value in vars(builtins).values():
        if isinstance(value, type):
            found[type_key(value)] = value
    for make in sample_instances():
        t = type(make())
        found.setdefault(type_key(t), t)
    for key, (t, _) in native_types().items():
        found.setdefault(key, t)
    return found


def call(fn, count, keyword, probe):
    """The message of the TypeError fn raises, None if it raises none, "" if
    it raises something else."""
    args = [probe() for _ in range(count)]
    kwargs = {KEYWORD: probe()} if keyword else {}
    try:
        fn()(*args, **kwargs)
    except TypeError as e:
        return str(e)
    except BaseException:
        return ""
    finally:
        close_files()
    return None


def outcome(fn, count, keyword=False, compare_without=True):
    """The call's arity or keyword message; ACCEPTED when the arguments got
    past the parser: no TypeError, another exception, or a TypeError whose
    message depends on the arguments' values (a type error names the type,
    an arity error does not). `compare_without`: the call may also be made
    without the keyword (not for a callable with an effect)."""
    a = call(fn, count, keyword, ProbeA)
    b = call(fn, count, keyword, ProbeB)
    if not a or a != b:
        return ACCEPTED
    # A type error that names no type ("slice indices must be integers or
    # None", "isinstance() arg 2 must be a type", "module name must be a
    # string") is the same for both probes: one of the values builtins do
    # take, passed as every argument, gets past it. A keyword's error is
    # not one the call raises without the keyword ("__build_class__: func
    # must be a function"); the arguments it comes with may fail other
    # checks first, so values are not tried with it.
    if keyword and compare_without and call(fn, count, False, ProbeA) == a:
        return ACCEPTED
    for value in () if keyword else ACCEPTED_VALUES:
        if call(fn, count, keyword, lambda: value) != a:
            return ACCEPTED
    return a if "\n" not in a else None  # PyPy's docstring for a call it cannot make: not stored


def template(message, count, offset):
    """`message` with the count `count + offset` as `{n}` (`{n+1}`: PyPy
    counts `self`)."""
    return re.sub(r"\b%d\b" % (count + offset), "{n+1}" if offset else "{n}", message)


def entries(key, fn):
    fewest, most = EFFECTS.get(key, (0, -1))
    last_count = max(MAX_COUNT, (most or 0) + 2)
    if key in EFFECTS:
        counts = [n for n in range(last_count + 1) if n < fewest or (most is not None and n > most)]
    else:
        counts = list(range(last_count + 1))
    found = [(n, outcome(fn, n)) for n in counts]
    lines = []
    # A run of counts whose messages differ only in the count is one line,
    # its template; a run reaching the last count called covers every count
    # past it too.
    pairs = [(n, m, m2) for (n, m), (n2, m2) in zip(found, found[1:]) if n2 == n + 1 and None not in (m, m2)]
    offset = 1 if any(template(m, n, 1) == template(m2, n + 1, 1) != m for n, m, m2 in pairs) else 0
    run = []
    for n, message in found + [(None, None)]:
        shape = None if message is None else template(message, n, offset)
        if run and (shape != run[0][1] or n != run[-1][0] + 1):
            first, last = run[0][0], run[-1][0]
            if last == counts[-1] and last > first:
                lines.append((key, "%d+" % first, run[0][1]))
            elif last > first:
                lines.append((key, "%d-%d" % (first, last), run[0][1]))
            else:
                lines.append((key, str(first), dict(found)[first]))
            run = []
        if shape is not None:
            run.append((n, shape))
    if key not in EFFECTS:
        lines.extend(keyword_entry(key, fn, found))
    elif key in KEYWORD_CHECKED_FIRST:
        lines.extend(keyword_lines(key, fn, outcome(fn, 0, keyword=True, compare_without=False)))
    return lines


def keyword_entry(key, fn, found):
    # The keyword's message at the fewest positional arguments that alone
    # raise no arity error: there the keyword is the error. It is the
    # message of a keyword the callable does not know; one its signature
    # names is accepted.
    for n, message in found:
        if message == ACCEPTED:
            return keyword_lines(key, fn, outcome(fn, n, keyword=True))
    return []


def keyword_lines(key, fn, message):
    if not message or message == ACCEPTED:
        return []
    accepted = [(key, "kw=" + name, ACCEPTED) for name in keyword_names(fn)]
    return [(key, "kw", message.replace(KEYWORD, "{kw}"))] + accepted


def keyword_names(fn):
    """The parameters a keyword can name, by the callable's signature; none
    where it has none (a builtin without a text signature)."""
    try:
        parameters = inspect.signature(fn()).parameters.values()
    except (TypeError, ValueError):
        return []
    finally:
        close_files()
    return [p.name for p in parameters if p.kind in (p.POSITIONAL_OR_KEYWORD, p.KEYWORD_ONLY)]


def file_method_entries(t, make):
    """The entries of every method a file of type `t` has but object's, by
    `t` whichever class of the io hierarchy defines it (the runtimes define
    them in different ones), called as `f.method(...)` calls it: the
    descriptor with the file first (its message names the defining class,
    "_IOBase.__enter__()", where a bound method names the file's). Not
    __init__, which would open what a value names (`FileIO(0)`: the
    standard input)."""
    lines = []
    for name in sorted(set().union(*(vars(base) for base in t.__mro__[:-1]))):
        if name in ("__new__", "__init__", "__init_subclass__", "__subclasshook__", "__class_getitem__"):
            continue
        attribute = next(vars(base)[name] for base in t.__mro__ if name in vars(base))
        if type(attribute).__name__ not in METHOD_KINDS or attribute is vars(object).get(name):
            continue
        lines.extend(entries(type_key(t) + "." + name,
                             lambda attribute=attribute: functools.partial(attribute, make())))
    return lines


def main():
    warnings.simplefilter("ignore")  # what a probe call deprecates
    lines = []
    for name, value in sorted(vars(builtins).items()):
        # A heap type's instance is site's (exit, help, copyright), which Pyodide loads.
        if callable(value) and not isinstance(value, type) and not type(value).__flags__ & HEAPTYPE:
            lines.extend(entries(name, lambda value=value: value))
    for module_name, names in sorted(MODULE_FUNCTIONS.items()):
        try:
            module = __import__(module_name, fromlist=["_"])
        except ImportError:
            continue
        if names is None:  # every function of the module
            names = sorted(n for n, v in vars(module).items()
                           if not n.startswith("__") and callable(v) and not isinstance(v, type))
        for name in names:
            value = getattr(module, name, None)
            if callable(value) and not isinstance(value, type):
                lines.extend(entries(module_name + "." + name, lambda value=value: value))
    makers = {}
    for make in sample_instances():
        for t in type(make()).__mro__[:-1] if type(make()) is not object else (object,):
            makers.setdefault(t, make)
    for t, make in native_types().values():
        if make:
            makers.setdefault(t, make)
    for type_name, t in sorted(builtin_types().items()):
        if type_name in EFFECTS:
            continue
        lines.extend(entries(type_name, lambda t=t: t))
        make = makers.get(t)
        if make is None and issubclass(t, BaseException):
            make = t
        if make is None:
            continue
        try:
            make()
        except Exception:  # BaseExceptionGroup() needs arguments: no fresh instance
            continue
        for name, attribute in sorted(vars(t).items()):
            if name in ("__new__", "__init_subclass__", "__subclasshook__", "__class_getitem__"):
                continue
            if type(attribute).__name__ not in METHOD_KINDS:
                continue
            bind = attribute.__get__
            lines.extend(entries(type_name + "." + name, lambda make=make, t=t, bind=bind: bind(make(), t)))
    directory = tempfile.mkdtemp()
    try:
        for make in file_makers(directory):
            t = type(make())
            close_files()
            lines.extend(file_method_entries(t, make))
    finally:
        shutil.rmtree(directory)
    version = "%s %s" % (platform.python_implementation(), platform.python_version())
    print("# The messages of %s's call errors: recorded by" % version)
    print("# tools/call_errors/record.py (README.md there), not written by hand.")
    for key, spec, message in lines:
        print("%s %s %s" % (key, spec, message))


main()
