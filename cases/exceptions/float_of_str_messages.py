# ---
# summary = "float() of a str: which texts it accepts, and the ValueError's message; 3.8 and 3.9 show '' for a str of whitespace only"
# tags = ["exceptions", "version-dependent"]
# requires = ["py3-syntax"]
# refs = [
#   "https://docs.python.org/3/library/functions.html#float",
#   "https://github.com/python/cpython/blob/3.9/Objects/floatobject.c",
#   "https://github.com/python/cpython/blob/3.10/Objects/floatobject.c",
# ]
# explain = """
# float() strips surrounding whitespace (any Unicode whitespace), takes an
# optional sign, then "inf", "infinity" or "nan" in any case, or decimal
# digits with an optional point and exponent; an underscore only between
# two digits (3.6+). No hex, no "nan(...)", no exponent without digits.
# A text it rejects is shown by its repr. 3.8 and 3.9 check for an empty
# text only after parsing, where PyOS_string_to_double's own message shows
# the text after the whitespace: '' (3.6 and 3.7 show nothing after the
# colon, even for ''). PyPy and Pyodide show the str, as 3.10 does."""
# portable = "Parse numbers you did not write with a try: around float(), and never match the ValueError's message."
# ---
# U+2003 EM SPACE, made at run time: whitespace outside ASCII that
# float() strips, as a name the texts below can use.
em = chr(0x2003)
texts = [
    # decimal, with whitespace, a sign, underscores between digits
    "1", " 1.5 ", "\t-2.5\n", "+3", "1_000.5", "1_2.3_4e5_6", "1e1_0", "00012.5", "-0", "0.1",
    # misplaced underscores
    "1__0", "_1", "1_", "1_.5", "1._5", "1_e10",
    # exponents, points, out of range
    "1e5", "1E-5", "1e", "1e+", "e5", ".5", "5.", ".", "1..2", "1e5.5",
    "1e500", "-1e500", "1e-400", "1.7976931348623157e308",
    # empty, or whitespace only (Unicode's too)
    "", " ", em, em + "1.5" + em, em + "x", "infinity" + em,
    # words, in any case; no "nan(...)"
    "inf", "-Infinity", "INFINITY ", "iNf", " -inf", "infinit", "in", "nan", "-NaN", "+nan", "nan(1)",
    # what strtod takes and float() does not, and others it rejects
    "0x10", "0x1p3", "1.5j", "1,5", "- 1", "--1",
    # how a rejected text is shown
    " x ", "\tx", "x\n", "x'y", " 1x ", "1" * 400 + "x", "x" * 300,
]
for text in texts:
    try:
        print(repr(text), repr(float(text)))
    except ValueError as e:
        print(repr(text), "ValueError:", e)
