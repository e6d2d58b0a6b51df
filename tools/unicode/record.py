"""Prints the Unicode tables a Python runtime's str methods answer from
(README.md beside this file). Run it with -S -I on the runtime a profile
models; the output is backends/profiles/unicode-<version>.unicode."""

import sys
import unicodedata

LAST = 0x10FFFF


def chars():
    return map(chr, range(LAST + 1))


# The sets: each a predicate of one character, as the runtime's str asks
# it (a str of one character answers for that character alone).
def is_title(c):
    return c.istitle() and not c.isupper()  # "X".istitle() is isupper or istitle


def is_cased(c):
    # title() lowers a letter after a cased character and uppercases it
    # after any other.
    return (c + "a").title()[-1] == "a"


def is_case_ignorable(c):
    # lower()'s final sigma skips case-ignorable characters around a
    # capital sigma: after "A" it stays final before an uncased c unless c
    # is skipped to the "a"; before it, a cased c is skipped to the "1".
    if is_cased(c):
        return ("1" + c + "\u03a3").lower()[-1] == "\u03c3"
    return ("A\u03a3" + c + "a").lower()[1] == "\u03c3"


SETS = [
    ("printable", str.isprintable),
    ("alpha", str.isalpha),
    ("decimal", str.isdecimal),
    ("digit", str.isdigit),
    ("numeric", str.isnumeric),
    ("upper", str.isupper),
    ("lower", str.islower),
    ("title", is_title),
    ("cased", is_cased),
    ("case_ignorable", is_case_ignorable),
]


def ranges(predicate):
    """The runs of code points the predicate holds for, as `GAP,LENGTH`
    tokens in hex: GAP from the end of the run before (from 0 for the first)."""
    tokens, start, end = [], None, 0
    for cp, c in enumerate(chars()):
        if predicate(c):
            if start is None:
                start = cp
        elif start is not None:
            tokens.append("%x,%x" % (start - end, cp - start))
            start, end = None, cp
    if start is not None:
        tokens.append("%x,%x" % (start - end, LAST + 1 - start))
    return tokens


def mapping(function, base=None):
    """Where function(c) is not c (not base(c), when given), as tokens in
    hex: `GAP,COUNT,STRIDE,DELTA`, COUNT code points STRIDE apart, each
    mapped to itself plus DELTA; `GAP:A.B.C`, one code point mapped to
    several. GAP counts from the code point after the token before."""
    entries = []
    for cp, c in enumerate(chars()):
        mapped = function(c)
        if mapped != (c if base is None else base(c)):
            entries.append((cp, mapped))
    tokens, next_cp, i = [], 0, 0
    while i < len(entries):
        cp, mapped = entries[i]
        if len(mapped) > 1:
            tokens.append("%x:%s" % (cp - next_cp, ".".join("%x" % ord(m) for m in mapped)))
            next_cp, i = cp + 1, i + 1
            continue
        delta = ord(mapped) - cp
        count, stride = 1, 1
        if i + 1 < len(entries):
            stride = entries[i + 1][0] - cp
        while (i + count < len(entries) and len(entries[i + count][1]) == 1
               and entries[i + count][0] == cp + count * stride
               and ord(entries[i + count][1]) - entries[i + count][0] == delta):
            count += 1
        if count == 1:
            stride = 1
        tokens.append("%x,%x,%x,%s" % (cp - next_cp, count, stride, ("-%x" % -delta) if delta < 0 else "%x" % delta))
        next_cp, i = cp + (count - 1) * stride + 1, i + count
    return tokens


def check_decimal_runs():
    """int() reads a decimal character as its place in a run of ten from
    0: the table keeps the runs, not the values."""
    start = None
    for cp, c in enumerate(chars()):
        if c.isdecimal():
            if start is None:
                start = cp
            assert int(c) == (cp - start) % 10, "U+%04X is not digit %d of its run" % (cp, (cp - start) % 10)
        else:
            start = None


def main():
    check_decimal_runs()
    impl = sys.implementation
    version = "%d.%d.%d" % sys.version_info[:3]
    print("# The Unicode tables of %s %s (Unicode %s): tools/unicode/record.py" %
          (impl.name, version, unicodedata.unidata_version))
    print("unicode %s" % unicodedata.unidata_version)
    for name, predicate in SETS:
        print(" ".join([name] + ranges(predicate)))
    print(" ".join(["to_upper"] + mapping(str.upper)))
    print(" ".join(["to_lower"] + mapping(str.lower)))
    print(" ".join(["to_title"] + mapping(str.title, str.upper)))
    print(" ".join(["to_casefold"] + mapping(str.casefold, str.lower)))


main()
