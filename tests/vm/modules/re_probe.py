# The re module a program meets: each part below is its own program, and
# pymodel either prints what the runtime prints or stops as unsupported,
# never raising an error the runtime does not raise nor answering otherwise.
import re

# probe: backreference, the error caught
try:
    print(re.search(r"(a)\1", "xaa"))
except re.error as e:
    print("re.error", e)

# probe: named group and look-arounds, the error caught
for pattern in [r"(?P<x>a)", r"a(?=b)", r"(?<!b)a"]:
    try:
        print(re.search(pattern, "ab"))
    except re.error as e:
        print("re.error", e)

# probe: a bad pattern's error, its message and position
for pattern in ["(", "a)", "[a", "*", "a**", "[b-a]"]:
    try:
        re.compile(pattern)
    except re.error as e:
        print("re.error", e, e.pos)

# probe: the names a Match and a Pattern have
m = re.match("(a)", "a")
print(hasattr(m, "groups"), hasattr(m, "lastindex"), hasattr(m, "nothing"))
p = re.compile("a")
print(hasattr(p, "findall"), hasattr(p, "groups"), hasattr(p, "nothing"))

# probe: groups of a match
m = re.match("(a)(b)?", "ab")
print(m.group(0), m[0], m.span(), m.start(), m.end())
print(m.group(1), m.groups(), m.span(2))

# probe: Unicode's classes
print(re.search(r"\s", "a\xa0b"), re.search(r"\d", "\u0663"), re.search(r"\w+", "\xe9t\xe9"))

# probe: MULTILINE anchors
print(re.search("^b", "a\nb", re.M), re.search("a$", "a\nb", re.M), re.search("^b", "a\nb"))
print(re.findall("^.", "ab\ncd", re.M))

# probe: IGNORECASE, outside ASCII too
print(re.search("b", "aB", re.I), re.search("B+", "abBc", re.IGNORECASE))
print(re.search("k", "\u212a", re.I), re.search("s", "\u017f", re.I), re.search("[a-z]", "Q", re.I))

# probe: flags print as the runtime's
print(re.I, repr(re.M), int(re.S), re.I == 2, re.compile("a", re.I | re.S))
print(re.compile("a", re.I).flags, re.compile("a").flags, re.compile("a", re.M | re.S).flags)
print(re.I | re.M)

# probe: escape
print(repr(re.escape("a b-c@d_\xe9.#&~")), repr(re.escape("%!/=<>'\"")))

# probe: a brace that is no repeat count, counts, repeats
print(re.search("x{2}", "axxx"), re.search("x{,2}y", "xxy"), re.search("x{1,}?", "xx"), re.search("(?:ab){2,3}", "abababab"))
print(re.search("x{a}", "x{a}"))

# probe: sets
print(re.search("[]a]+", "]a]"), re.search(r"[\d-]+", "1-2"), re.search("[^a-c]", "abcd"), re.search(r"[\]\\.]+", "].\\"))
print(re.search(r"[\b]", "\b"))
print(re.search("[[a]", "[a"))

# probe: the cache gives an equal pattern back
p = re.compile("a+")
print(re.compile("a+") is p, p == re.compile("a+"), p == re.compile("a+", re.I), re.compile(p) is p)

# probe: the error class
e = re.error("x")
print(type(e).__name__, repr(e), e.msg, e.pos, e.pattern, e.lineno)

# probe: search, match and fullmatch
print(re.match("a|ab", "ab"), re.fullmatch("a|ab", "ab"), re.search("b*?c", "abbc"), re.search("", ""))
print(re.search(r"\bfoo\b", "a foo b"), re.search(r"\Afoo\Z", "foo"), re.search("a.c", "a\nc"), re.search("a.c", "a\nc", re.S))
print(re.compile("a").search("xa", 1))

# probe: the collector's counts after a search
import gc

gc.collect()
re.search(r"(x|y)+z", "xyxyz")
print(gc.get_count())
print(gc.collect())
re.search(r"(x|y)+z", "xyxyz")
print(gc.collect())
