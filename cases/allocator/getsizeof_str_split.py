# ---
# summary = "str.split preallocates its list (12 slots to 3.11, as many as the string can give from 3.12); a str with no separator is its own only item"
# tags = ["allocator", "getsizeof", "refcount", "version-dependent"]
# requires = ["py3-syntax"]
# refs = [
#   "https://github.com/python/cpython/blob/3.11/Objects/stringlib/split.h",
#   "https://github.com/python/cpython/blob/3.12/Objects/unicodeobject.c",
# ]
# explain = """
# str.split makes its list before it splits, for PREALLOC_SIZE(maxcount)
# items: 12 (MAX_PREALLOC) unless maxsplit is smaller, and from 3.12 no
# more than the string can give (len / len(sep) + 1, or (len - 1) / 2 + 1
# on whitespace). The list keeps those slots whatever it holds; a 13th item
# grows it as an append does. A string shorter than the separator gives a
# list of one slot. splitlines appends to an empty list. When there is no
# separator in an exact str, the list holds the str itself, not a copy.
# Sizes are printed in slots (a 32-bit build's pointer is 4 bytes). PyPy
# raises TypeError for sys.getsizeof; its split also returns the str
# itself."""
# portable = "Do not rely on the memory a split's list holds (`list(s.split())` or a slice trims nothing); nor on `s.split()[0] is s` beyond CPython and PyPy."
# ---
import sys

s = "word"
print("no separator, the same str:", s.split()[0] is s, s.split(",")[0] is s, s.splitlines()[0] is s)
print("with a separator, a new str:", "word ".split()[0] is s)

try:
    sys.getsizeof([])
except TypeError:
    print("sys.getsizeof: TypeError")
    raise SystemExit(0)

pointer = 8 if sys.maxsize > 2**32 else 4


def slots(a_list):
    return (sys.getsizeof(a_list) - sys.getsizeof([])) // pointer


for text in ["", "a", "a b", "a b c d", "x " * 11, "x " * 13]:
    print(repr(text[:8]), "split:", slots(text.split()), "split(' '):", slots(text.split(" ")),
          "split(' ', 1):", slots(text.split(" ", 1)), "split('ab'):", slots(text.split("ab")))
print("splitlines:", slots("".splitlines()), slots("a".splitlines()), slots("a\nb".splitlines()),
      slots("a\nb\nc\nd\ne".splitlines()))
