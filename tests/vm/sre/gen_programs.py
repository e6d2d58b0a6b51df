"""Writes programs that exercise _sre directly, for the differential test
(differential.py beside this file): run with a real interpreter, it draws
random patterns from a small grammar, compiles each with that interpreter's
own re compiler (re._parser and re._compiler from 3.11, sre_parse and
sre_compile before) and writes a program that gives the code lists to
_sre.compile and prints what every method answers on random subjects. The
same program then runs on the real interpreter and on pymodel, whose
outputs must be equal.

    python3.X -S gen_programs.py SEED PROGRAMS PATTERNS_PER_PROGRAM OUTDIR
"""

import random
import sys
import warnings

warnings.simplefilter("ignore")
try:
    from re import _compiler as compiler, _parser as parser
except ImportError:
    import sre_compile as compiler
    import sre_parse as parser

I, L, M, S, X, A = 2, 4, 8, 16, 64, 256
MODERN = sys.version_info >= (3, 11)
PYPY = sys.implementation.name == "pypy"

# Characters the subjects and literals are made of: ASCII, and outside it
# the ones whose classes or cases are special (NBSP is a space, ARABIC-INDIC
# THREE a digit, the Kelvin sign K's case partner, dotted capital I lowers
# to two characters, final sigma, LINE SEPARATOR a line break for \s).
ASCII = "abcAB_ 1\n"
UNICODE = "\xe9\xc9\xdf\u0130\u0131\u212a\u03c3\u03a3\u03c2\xa0\u0663\u2028\U0001F600\u017f\xb5"
ATOMS = ["a", "b", "c", "ab", "A", ".", r"\d", r"\w", r"\s", r"\D", r"\W", r"\S", "[ab]", "[^a]", "[a-c]",
         r"[\d_]", "[A-Za-z]", r"[\s\d]", "[^\\w ]", "_", " ", "1", r"\n"]
UNICODE_ATOMS = ["\xe9", "\u212a", "\xdf", "\u0130", "\u03c3", "[\xe0-\xff]", "\u0663", "[\u03c3-\u03c9]",
                 "[^\xe9]", "\U0001F600", "\u017f", "\xb5", "[\u0100-\U0001F600]"]
ANCHORS = [r"\b", r"\B", "^", "$", r"\A", r"\Z"]


class Gen:
    def __init__(self, rng, unicode_ok):
        self.rng = rng
        self.unicode_ok = unicode_ok
        self.groups = 0
        self.names = []

    def atom(self):
        r = self.rng.random()
        if r < 0.12:
            return self.rng.choice(ANCHORS)
        if self.unicode_ok and r < 0.3:
            return self.rng.choice(UNICODE_ATOMS)
        return self.rng.choice(ATOMS)

    def quantifier(self):
        q = self.rng.choice(["*", "+", "?", "{2}", "{1,3}", "{0,2}", "{2,}", "{,2}"])
        r = self.rng.random()
        if r < 0.3:
            q += "?"
        elif r < 0.4 and MODERN:
            q += "+"
        return q

    def item(self, depth):
        r = self.rng.random()
        if depth <= 0 or r < 0.35:
            node = self.atom()
        elif r < 0.5:
            self.groups += 1
            node = "(" + self.alternation(depth - 1) + ")"
        elif r < 0.58:
            self.groups += 1
            name = "g%d" % self.groups
            self.names.append(name)
            node = "(?P<%s>%s)" % (name, self.alternation(depth - 1))
        elif r < 0.66:
            node = "(?:" + self.alternation(depth - 1) + ")"
        elif r < 0.71:
            node = self.rng.choice(["(?=", "(?!"]) + self.alternation(depth - 1) + ")"
        elif r < 0.75:
            node = self.rng.choice(["(?<=", "(?<!"]) + self.rng.choice(["a", "b", "ab", r"\d", "[ab]", "\xe9"]) + ")"
        elif r < 0.8 and self.groups:
            node = "\\%d" % self.rng.randint(1, self.groups)
        elif r < 0.83 and self.names:
            node = "(?P=%s)" % self.rng.choice(self.names)
        elif r < 0.87 and self.groups:
            node = "(?(%d)%s|%s)" % (self.rng.randint(1, self.groups), self.sequence(depth - 1),
                                     self.sequence(depth - 1))
        elif r < 0.9 and MODERN:
            node = "(?>" + self.alternation(depth - 1) + ")"
        elif r < 0.93:
            node = "(?%s:%s)" % (self.rng.choice(["i", "s", "m", "-i"]), self.alternation(depth - 1))
        else:
            node = self.atom()
        if self.rng.random() < 0.3 and node not in ANCHORS:
            node += self.quantifier()
        return node

    def sequence(self, depth):
        return "".join(self.item(depth) for _ in range(self.rng.randint(1, 3)))

    def alternation(self, depth):
        parts = [self.sequence(depth)]
        while self.rng.random() < 0.25:
            parts.append(self.sequence(depth))
        return "|".join(parts)


def fewest(subpattern):
    """The fewest characters the parsed pattern matches as pymodel's code
    check counts them (a backreference none, as it may be empty)."""
    total = 0
    for op, av in subpattern:
        if op in (parser.SUBPATTERN, getattr(parser, "ATOMIC_GROUP", None)):
            total += fewest(av[-1] if op is parser.SUBPATTERN else av)
        elif op is parser.BRANCH:
            total += min(fewest(b) for b in av[1])
        elif op is parser.GROUPREF_EXISTS:
            total += min(fewest(av[1]), fewest(av[2]) if av[2] else 0)
        elif op in (parser.MAX_REPEAT, parser.MIN_REPEAT, getattr(parser, "POSSESSIVE_REPEAT", None)):
            total += av[0] * fewest(av[2])
        elif op in (parser.LITERAL, parser.NOT_LITERAL, parser.ANY, parser.IN, parser.CATEGORY):
            total += 1
    return total


def refused_on_pypy(subpattern, in_repeat=False):
    """Whether pymodel refuses the parsed pattern on PyPy, whose engine
    matches it otherwise: a repeat whose item can match the empty string,
    or a lazy repeat inside a repeat (here any, not only of one character)."""
    repeats = (parser.MAX_REPEAT, parser.MIN_REPEAT, getattr(parser, "POSSESSIVE_REPEAT", None))
    for op, av in subpattern:
        if op in repeats and (fewest(av[2]) == 0 or (in_repeat and op is parser.MIN_REPEAT)):
            return True
        for part in av if isinstance(av, (tuple, list)) else ():
            parts = part if isinstance(part, list) else [part]
            if any(isinstance(x, parser.SubPattern) and refused_on_pypy(x, in_repeat or op in repeats)
                   for x in parts):
                return True
    return False


def compile_args(pattern, flags):
    """What re's compile() gives _sre.compile, or None when re refuses (or
    on PyPy, where pymodel would refuse it)."""
    try:
        p = parser.parse(pattern, flags)
        code = compiler._code(p, flags)
    except Exception:  # re.error, a RecursionError, an OverflowError
        return None
    if PYPY and refused_on_pypy(p):
        return None
    groupindex = dict(p.state.groupdict)
    indexgroup = [None] * p.state.groups
    for k, i in groupindex.items():
        indexgroup[i] = k
    return [pattern, flags | p.state.flags, [int(c) for c in code], p.state.groups - 1, groupindex, tuple(indexgroup)]


def subject(rng, as_bytes):
    alphabet = ASCII if as_bytes else ASCII + UNICODE
    text = "".join(rng.choice(alphabet) for _ in range(rng.randint(0, 10)))
    return text.encode("latin-1") if as_bytes else text


PROGRAM_HEAD = '''import _sre


def show(what, value):
    print(what, repr(value))


def described(m):
    if m is None:
        return None
    return (m.span(), m.groups(), m.groupdict(), m.lastindex, m.lastgroup, m.regs, m.group(0))


def attempt(what, f):
    try:
        show(what, f())
    except Exception as e:
        print(what, type(e).__name__, str(e))


def bracket(m):
    g = m.group()
    if isinstance(g, bytes):
        return b"<" + g + b">"
    return "<" + g + ">"


def run(args, subjects):
    p = _sre.compile(*args)
    print("pattern", repr(p), p.groups, p.flags)
    for s in subjects:
        n = len(s)
        attempt("match", lambda: described(p.match(s)))
        attempt("fullmatch", lambda: described(p.fullmatch(s)))
        attempt("search", lambda: described(p.search(s)))
        attempt("search window", lambda: described(p.search(s, 1, n - 1)))
        attempt("match at 2", lambda: described(p.match(s, 2)))
        attempt("findall", lambda: p.findall(s))
        attempt("finditer", lambda: [m.span() for m in p.finditer(s)])
        attempt("split", lambda: p.split(s))
        attempt("split 1", lambda: p.split(s, 1))
        attempt("sub", lambda: p.sub(bracket, s))
        attempt("subn", lambda: p.subn(b"-" if isinstance(s, bytes) else "-", s, 2))


'''


def write_program(rng, patterns, path):
    lines = [PROGRAM_HEAD]
    made = 0
    while made < patterns:
        as_bytes = rng.random() < 0.2
        g = Gen(rng, unicode_ok=not as_bytes)
        text = g.alternation(rng.randint(1, 3))
        flags = rng.choice([0, 0, I, M, S, A, I | A, I | M, S | M])
        if as_bytes:
            flags &= ~A
            if rng.random() < 0.3:
                flags |= L
            source = text.encode("latin-1")
        else:
            source = text
        args = compile_args(source, flags)
        if args is None:
            continue
        subjects = [subject(rng, as_bytes) for _ in range(4)]
        lines.append("run(%r, %r)\n" % (args, subjects))
        made += 1
    with open(path, "w", encoding="utf-8") as f:
        f.write("".join(lines))


CHARS_PROGRAM = '''import _sre

# The case functions re's compiler asks, over every code point: a sum per
# block of 4096, so that a difference names its block.
for block in range(0, 0x110000, 4096):
    lower = cased = 0
    for c in range(block, block + 4096):
        lower += (_sre.unicode_tolower(c) - c) * (c % 251 + 1)
        cased += _sre.unicode_iscased(c) * (c % 241 + 1)
    print(block, lower, cased)
print(_sre.ascii_iscased(65), _sre.ascii_tolower(65), _sre.ascii_tolower(0x130), _sre.unicode_tolower(-1))

# The classes over every character outside the surrogates: the spans of
# their runs.
everything = "".join([chr(c) for c in range(0xD800)] + [chr(c) for c in range(0xE000, 0x110000)])
'''


def write_chars_program(path):
    """A program of the Unicode answers: the case functions over every code
    point, and each Unicode class (IGNORECASE too) over a str of them all."""
    lines = [CHARS_PROGRAM]
    for pattern, flags in [(r"\w+", 0), (r"\d+", 0), (r"\s+", 0), (r"\W+", 0), (r"\b.", 0), (r"[^\W\d_]+", 0),
                           (r"[a-z\xb5]+", I), (r"k+", I), (r"s+", I), (r"[\u0100-\u017f]+", I), (r"\u03c3+", I),
                           (r"(.)\1", I), (r"\w+", A | I), (r".+", 0)]:
        args = compile_args(pattern, flags)
        lines.append("p = _sre.compile(*%r)\nprint(%r, [m.span() for m in p.finditer(everything)][:3000])\n"
                     % (args, pattern))
    with open(path, "w", encoding="utf-8") as f:
        f.write("".join(lines))


MEMORY_PROGRAM = '''import _sre
import gc
import sys

gc.collect()  # what the import made is old from here on
gc.disable()


def count():
    return gc.get_count()[0]


def size(o):
    try:
        return sys.getsizeof(o)
    except TypeError:  # PyPy
        return None


def tracked(o):
    return gc.is_tracked(o) if hasattr(gc, "is_tracked") else None


c = count()
p = _sre.compile(*NAMED)
print("compile", count() - c, tracked(p), size(p), sys.getrefcount(p))
c = count()
q = _sre.compile(*PLAIN)
print("compile plain", count() - c, tracked(q), size(q), type(q.groupindex).__name__)
c = count()
m = p.match("ab")
print("match", count() - c, tracked(m), size(m), sys.getrefcount(m), sys.getrefcount(p))
c = count()
none = p.match("xx")
print("no match", count() - c, none)
c = count()
g = m.group()
g1 = m.group(1)
print("group", count() - c, g, g1)
c = count()
gs = m.group(1, 2)
print("group tuple", count() - c, gs)
c = count()
t = m.groups()
print("groups", count() - c, t, tracked(t))
c = count()
d = m.groupdict()
print("groupdict", count() - c, d, tracked(d))
c = count()
sp = m.span(1)
print("span", count() - c, sp)
c = count()
r1 = m.regs
r2 = m.regs
print("regs", count() - c, r1 is r2, r1)
c = count()
del r1, r2, sp, t, d, gs
print("freed", count() - c)
c = count()
gi = p.groupindex
print("groupindex", count() - c, type(gi).__name__, gi["n"], len(gi), "n" in gi, list(gi), str(gi), repr(gi))
del gi
c = count()
found = p.findall("abab")
print("findall", count() - c, found)
c = count()
it = p.finditer("abab")
print("finditer", count() - c, type(it).__name__, tracked(it))
c = count()
spans = [x.span() for x in it]
print("iterated", count() - c, spans)
c = count()
parts = p.split("xabyab")
print("split", count() - c, parts)
c = count()
text = p.sub(lambda x: "<" + x.group() + ">", "xabyab")
print("sub", count() - c, text)
c = count()
pair = p.subn("-", "xabyab")
print("subn", count() - c, pair)
c = count()
sc = p.scanner("abab")
print("scanner", count() - c, tracked(sc), size(sc))
c = count()
first = sc.search()
print("scanner search", count() - c, first.span(), sc.match(), sc.search())
c = count()
k = p.match(string="ab")
k2 = p.match(string="ab", pos=0)
print("keywords", count() - c, k.span())
print("referents", len(gc.get_referents(p)) if hasattr(gc, "get_referents") else None)
c = count()
del m, k, k2, first, sc, it, p, found
print("released", count() - c)
'''


def write_memory_program(path):
    """A program of what each _sre call allocates, as gc.get_count() sees it,
    of which objects are tracked and of their sizes."""
    text = MEMORY_PROGRAM.replace("NAMED", repr(compile_args("(?P<n>a)(b)?", 0)))
    text = text.replace("PLAIN", repr(compile_args("a|b", 0)))
    with open(path, "w", encoding="utf-8") as f:
        f.write(text)


def main():
    seed, programs, patterns, outdir = int(sys.argv[1]), int(sys.argv[2]), int(sys.argv[3]), sys.argv[4]
    rng = random.Random(seed)
    for i in range(programs):
        write_program(rng, patterns, "%s/sre_%03d.py" % (outdir, i))
    if "--chars" in sys.argv:
        write_chars_program("%s/sre_chars.py" % outdir)
    if "--memory" in sys.argv:
        write_memory_program("%s/sre_memory.py" % outdir)


main()
