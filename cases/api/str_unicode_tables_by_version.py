# ---
# summary = "str's answers for characters outside ASCII come from the Unicode version of each release: repr() escapes, is*(), case mappings, int() of digits"
# tags = ["api", "version-dependent"]
# requires = ["py3-syntax"]
# refs = [
#   "https://docs.python.org/3/library/stdtypes.html#string-methods",
#   "https://docs.python.org/3/library/unicodedata.html",
#   "https://github.com/python/cpython/blob/3.12/Objects/unicodeobject.c",
# ]
# explain = """
# Each release builds its str from one version of the Unicode database
# (unicodedata.unidata_version): 12.1 in 3.8, 13.0 in 3.9 and 3.10 (and
# PyPy 7.3's 3.9), 14.0 in 3.11, 15.0 in 3.12, 15.1 in 3.13, 16.0 in 3.14.
# A character assigned in a later version is unassigned before: repr()
# escapes it (not printable), it is no letter or digit and has no case, so
# upper() leaves it and int() refuses it. A later version also changes a
# few mappings of old characters ('\u0264'.upper() is U+A7CB from 16.0)."""
# portable = "Do not rely on str predicates, case mappings or repr() of recently assigned characters; compare code points (ord) instead."
# ---
def codes(s):
    return " ".join("%04X" % ord(c) for c in s)


def flags(c):
    tests = [c.isalpha(), c.isdigit(), c.isdecimal(), c.isnumeric(), c.isalnum(),
             c.isupper(), c.islower(), c.istitle(), c.isprintable()]
    return "".join("1" if t else "0" for t in tests)


# Stable since before 12.1, then one assigned or changed in each version.
chars = [
    "\u00df", "\u0130", "\u01c5", "\u03a3", "\u0663", "\u00b2", "\u2003", "\u00ad", "\U0001f600", "\u4e00",
    "\ua7c7", "\U0001fbf0", "\u08be",  # 13.0
    "\ua7c0", "\u2c2f", "\u061d", "\U0001e290",  # 14.0
    "\U0001e4f0", "\U0001f6dc", "\U00011f50",  # 15.0
    "\u31ef", "\u2ffc", "\U0002ebf0",  # 15.1
    "\ua7cb", "\u0264", "\u019b", "\u10fc", "\u1c89", "\U00016d70",  # 16.0
]
print("char  alpha digit decimal numeric alnum upper lower title printable | repr | upper | lower | title | casefold")
for c in chars:
    r = repr(c)
    shown = "escaped " + r[1:-1].replace("\\", "/") if "\\" in r else "as is"
    print(codes(c), flags(c), "|", shown, "|", codes(c.upper()), "|", codes(c.lower()), "|", codes(c.title()), "|",
          codes(c.casefold()))

# Whole strs: the final sigma, title() and capitalize() by titlecase.
for s in ["\u0391\u03a3", "\u0391\u03a3.", "x\u03a3y", "\u01c6a \u01c4b", "\u0264\ua7cb \u019b", "\u00dfa"]:
    print(codes(s), "->", codes(s.lower()), "|", codes(s.title()), "|", codes(s.capitalize()), "|",
          codes(s.swapcase()))

# int() reads a decimal digit of any script its version knows.
for s in ["\u0661\u0662", "\U0001e4f1\U0001e4f2", "\U00016d71\U00016d72", "\u00b2"]:
    try:
        print(codes(s), "int", int(s))
    except ValueError:
        print(codes(s), "int: ValueError")
