"""pymodel's re: a compact backtracking matcher for the patterns test
assertions use: literals, ., classes ([a-z], [^...], \\d \\w \\s and their
negations), anchors (^ $ \\A \\Z \\b), groups, alternation and greedy or lazy
quantifiers (* + ? {m,n}). Anything else, and anything whose answer it cannot
be sure is the runtime's (an error's message, a name its objects lack), stops
the program as unsupported: a program that catches re.error must never go on
with an answer the runtime would not give. Its matching runs as Python code,
allocating what the runtime's C does not: each call leaves the collector's
counts unknown until a full collection."""


import sys


def _refuse(what):
    _pymodel_unsupported("pymodel's re: " + what)


def _uncharged(call):
    _pymodel_uncharged("re." + call + "() of pymodel's re, which allocates what the runtime's C code does not")


class _Flag(int):
    # The runtime's RegexFlag: an int that prints as re.NAME, and whose
    # combinations stay flags.
    def __repr__(self):
        name = _FLAG_NAMES.get(int(self))
        if name is None:
            _refuse("the repr of a combination of flags")
        return "re." + name

    __str__ = __repr__

    def __format__(self, spec):
        _refuse("format() of a flag")

    def __or__(self, other):
        return _Flag(int(self) | int(other)) if isinstance(other, int) else NotImplemented

    __ror__ = __or__

    def __and__(self, other):
        return _Flag(int(self) & int(other)) if isinstance(other, int) else NotImplemented

    __rand__ = __and__

    def __xor__(self, other):
        _refuse("^ of a flag")

    __rxor__ = __xor__

    def __invert__(self):
        _refuse("~ of a flag")

    def __getattr__(self, name):
        _refuse("the flag's attribute " + name)


_FLAG_NAMES = {2: "IGNORECASE", 8: "MULTILINE", 16: "DOTALL"}
DOTALL = S = _Flag(16)
IGNORECASE = I = _Flag(2)
MULTILINE = M = _Flag(8)
_UNICODE = 32  # a str pattern's default, which the runtime's repr leaves out


def _error_init(self, msg, pattern=None, pos=None):
    # The runtime's error places a position in its pattern's lines and its
    # message; this one makes none.
    if pattern is not None or pos is not None:
        _refuse("re.error with a pattern or a position")
    self.msg = msg
    self.pattern = self.pos = self.lineno = self.colno = None
    Exception.__init__(self, msg)


# 3.13 names the class PatternError, and re.error is another name of it.
if sys.version_info >= (3, 13):

    class PatternError(Exception):
        __init__ = _error_init

    error = PatternError
else:

    class error(Exception):
        __init__ = _error_init


# A str pattern's classes are Unicode's, as _sre's: \d a decimal digit,
# \s what str.isspace() takes (NBSP too), \w alphanumeric or '_'.
_CLASSES = {
    "d": lambda c: c.isdecimal(),
    "w": lambda c: c.isalnum() or c == "_",
    "s": lambda c: c.isspace(),
}

_ESCAPES = {"n": "\n", "t": "\t", "r": "\r", "f": "\f", "v": "\v"}

# What the runtime's re.escape() escapes (3.7 on).
_SPECIAL = "()[]{}?*+-|^$\\.&~# \t\n\r\v\f"


def _class_test(letter):
    test = _CLASSES[letter.lower()]
    if letter.isupper():
        return lambda c: not test(c)
    return test


def _is_ascii(text):
    return all(ord(c) < 128 for c in text)


def _is_count(text):
    return text == "" or text.isdigit() and _is_ascii(text)


class _Parser:
    def __init__(self, pattern, flags):
        self.p = pattern
        self.i = 0
        self.flags = flags

    def more(self):
        return self.i < len(self.p)

    def peek(self):
        return self.p[self.i]

    def next(self):
        if not self.more():
            _refuse("a pattern that ends early")
        c = self.p[self.i]
        self.i += 1
        return c

    def alternation(self):
        branches = [self.sequence()]
        while self.more() and self.peek() == "|":
            self.next()
            branches.append(self.sequence())
        return ("alt", branches)

    def sequence(self):
        items = []
        while self.more() and self.peek() not in "|)":
            items.append(self.quantified())
        return items

    def quantified(self):
        atom = self.atom()
        if not self.more():
            return atom
        c = self.peek()
        if c in "*+?":
            self.next()
            low, high = {"*": (0, None), "+": (1, None), "?": (0, 1)}[c]
        elif c == "{":
            close = self.p[self.i:].find("}")
            end = self.i + close if close > 0 else -1
            body = self.p[self.i + 1:end] if end > 0 else ""
            low_text, comma, high_text = body.partition(",")
            # Where the runtime reads '{' as a literal, or refuses the counts.
            if end < 0 or body == "" or not _is_count(low_text) or not _is_count(high_text):
                _refuse("'{' that is not a repeat count")
            self.i = end + 1
            low = int(low_text or "0")
            high = low if not comma else (int(high_text) if high_text else None)
            if high is not None and high < low:
                _refuse("a repeat whose maximum is below its minimum")
        else:
            return atom
        if atom[0] in ("bol", "eol", "bos", "eos", "boundary"):
            _refuse("a repeated anchor")
        lazy = self.more() and self.peek() == "?"
        if lazy:
            self.next()
        if self.more() and self.peek() in "*+?{":
            _refuse("a repeat of a repeat")
        return ("repeat", atom, low, high, lazy)

    def atom(self):
        c = self.next()
        if c == ".":
            dotall = self.flags & DOTALL
            return ("char", lambda ch: dotall or ch != "\n")
        if c == "^":
            return ("bol",)
        if c == "$":
            return ("eol",)
        if c == "(":
            if self.more() and self.peek() == "?":
                self.next()
                if self.next() != ":":
                    _refuse("a group extension other than (?:...)")
            node = self.alternation()
            if not self.more() or self.next() != ")":
                _refuse("a missing )")
            return ("group", node)
        if c == "[":
            return ("char", self.char_class())
        if c == "\\":
            return self.escape()
        if c in "*+?{":
            _refuse("nothing to repeat")
        return ("char", self.literal(c))

    def literal(self, c):
        if self.flags & IGNORECASE:
            if not _is_ascii(c):
                _refuse("IGNORECASE with a character outside ASCII")
            return lambda ch: ch.lower() == c.lower()
        return lambda ch: ch == c

    def escape(self):
        c = self.next()
        if c in "dwsDWS":
            return ("char", _class_test(c))
        if c == "A":
            return ("bos",)
        if c == "Z":
            return ("eos",)
        if c == "b":
            return ("boundary",)
        if c.isalnum() or not _is_ascii(c):
            if c not in _ESCAPES:
                _refuse("\\" + c)
            c = _ESCAPES[c]
        return ("char", self.literal(c))

    def class_member(self):
        c = self.next()
        if c == "[" or c in "-&~|" and self.more() and self.peek() == c:
            _refuse("a set the runtime warns of (nested, or a set operation)")
        if c != "\\":
            return c
        e = self.next()
        if e in "dwsDWS":
            return _class_test(e)
        if e.isalnum() or not _is_ascii(e):
            if e not in _ESCAPES:
                _refuse("\\" + e + " in a set")
            return _ESCAPES[e]
        return e

    def char_class(self):
        if self.flags & IGNORECASE:
            _refuse("a set with IGNORECASE")
        negate = self.more() and self.peek() == "^"
        if negate:
            self.next()
        tests = []
        first = True
        while True:
            if self.more() and self.peek() == "]" and not first:
                self.next()
                break
            first = False
            c = self.class_member()
            if not isinstance(c, str):
                tests.append(c)
                continue
            if self.more() and self.peek() == "-" and self.i + 1 < len(self.p) and self.p[self.i + 1] != "]":
                self.next()
                high = self.class_member()
                if not isinstance(high, str) or high < c:
                    _refuse("a bad range in a set")
                tests.append(lambda ch, low=c, high=high: low <= ch <= high)
            else:
                tests.append(lambda ch, c=c: ch == c)
        if negate:
            return lambda ch: not any(t(ch) for t in tests)
        return lambda ch: any(t(ch) for t in tests)


def _is_word(text, i):
    return 0 <= i < len(text) and (text[i].isalnum() or text[i] == "_")


# Matches `items` (a sequence) at `i`, then calls `k` with the end; returns
# the final end or None.
def _seq(items, text, i, k):
    if not items:
        return k(i)
    return _node(items[0], text, i, lambda j: _seq(items[1:], text, j, k))


def _node(node, text, i, k):
    kind = node[0]
    if kind == "char":
        if i < len(text) and node[1](text[i]):
            return k(i + 1)
        return None
    if kind == "alt":
        for branch in node[1]:
            r = _seq(branch, text, i, k)
            if r is not None:
                return r
        return None
    if kind == "group":
        return _node(node[1], text, i, k)
    if kind == "repeat":
        return _repeat(node, text, i, k, 0)
    if kind == "bol":
        return k(i) if i == 0 or node[1] and text[i - 1] == "\n" else None
    if kind == "bos":
        return k(i) if i == 0 else None
    if kind == "eol":
        at_end = i == len(text) or (i == len(text) - 1 or node[1]) and text[i] == "\n"
        return k(i) if at_end else None
    if kind == "eos":
        return k(i) if i == len(text) else None
    return k(i) if _is_word(text, i - 1) != _is_word(text, i) else None


def _repeat(node, text, i, k, count):
    _, atom, low, high, lazy = node
    can_stop = count >= low
    can_go = high is None or count < high

    def again(j):
        if j == i and count >= low:
            return None
        return _repeat(node, text, j, k, count + 1)

    if lazy:
        if can_stop:
            r = k(i)
            if r is not None:
                return r
        return _node(atom, text, i, again) if can_go else None
    if can_go:
        r = _node(atom, text, i, again)
        if r is not None:
            return r
    return k(i) if can_stop else None


class Match:
    def __init__(self, string, start, end):
        self.string = string
        self._start = start
        self._end = end

    def group(self, *indices):
        _uncharged("Match.group")
        if indices != () and indices != (0,):
            _refuse("a group other than 0")
        return self.string[self._start:self._end]

    def __getitem__(self, index):
        return self.group(index)

    def start(self, *indices):
        self.group(*indices)
        return self._start

    def end(self, *indices):
        self.group(*indices)
        return self._end

    def span(self, *indices):
        self.group(*indices)
        return (self._start, self._end)

    def __repr__(self):
        # CPython's "%.50R": the match's repr cut at 50 characters.
        return "<re.Match object; span=(%d, %d), match=%s>" % (self._start, self._end, repr(self.group())[:50])

    def __getattr__(self, name):
        _refuse("Match." + name)

    def __copy__(self):
        _refuse("copying a Match")

    __deepcopy__ = __copy__


class Pattern:
    def __init__(self, pattern, flags):
        self.pattern = pattern
        self.flags = flags | _UNICODE
        parser = _Parser(pattern, flags)
        self._tree = _anchored(parser.alternation(), flags & MULTILINE)
        if parser.more():
            _refuse("an unbalanced parenthesis")

    def __repr__(self):
        # CPython's: the source's repr cut at 200 characters, then the flags
        # given (UNICODE, a str pattern's default, left out).
        names = [n for n, bit in (("IGNORECASE", I), ("MULTILINE", M), ("DOTALL", S)) if self.flags & bit]
        flags = ", " + "|".join("re." + n for n in names) if names else ""
        return "re.compile(%s%s)" % (repr(self.pattern)[:200], flags)

    def __eq__(self, other):
        if type(other) is not Pattern:
            return NotImplemented
        return self.pattern == other.pattern and self.flags == other.flags

    def __hash__(self):
        _refuse("hash() of a Pattern")

    def __getattr__(self, name):
        _refuse("Pattern." + name)

    def __copy__(self):
        _refuse("copying a Pattern")

    __deepcopy__ = __copy__

    def _subject(self, call, string, pos, endpos):
        _uncharged("Pattern." + call)
        if not isinstance(string, str):
            _refuse("a subject that is not a str")
        if pos is not None or endpos is not None:
            _refuse("pos and endpos")
        if self.flags & IGNORECASE and not _is_ascii(string):
            _refuse("IGNORECASE on a subject outside ASCII")

    def _at(self, string, i):
        end = _node(self._tree, string, i, lambda j: j)
        return None if end is None else Match(string, i, end)

    def match(self, string, pos=None, endpos=None):
        self._subject("match", string, pos, endpos)
        return self._at(string, 0)

    def fullmatch(self, string, pos=None, endpos=None):
        self._subject("fullmatch", string, pos, endpos)
        end = _node(self._tree, string, 0, lambda j: j if j == len(string) else None)
        return None if end is None else Match(string, 0, end)

    def search(self, string, pos=None, endpos=None):
        self._subject("search", string, pos, endpos)
        for i in range(len(string) + 1):
            m = self._at(string, i)
            if m is not None:
                return m
        return None


# The anchors ^ and $ of a MULTILINE pattern also match at line ends.
def _anchored(node, multiline):
    kind = node[0]
    if kind in ("bol", "eol"):
        return (kind, multiline)
    if kind == "alt":
        return ("alt", [[_anchored(item, multiline) for item in branch] for branch in node[1]])
    if kind == "group":
        return ("group", _anchored(node[1], multiline))
    if kind == "repeat":
        return ("repeat", _anchored(node[1], multiline)) + node[2:]
    return node


# The runtime's cache: compiling an equal pattern again gives the same
# object, as long as the cache keeps it (512 patterns on every version).
_cache = {}
_MAXCACHE = 512


def compile(pattern, flags=0):
    _uncharged("compile")
    if isinstance(pattern, Pattern):
        if flags:
            _refuse("flags with a compiled pattern")
        return pattern
    if not isinstance(pattern, str):
        _refuse("a pattern that is not a str")
    if not isinstance(flags, int) or int(flags) & ~(2 | 8 | 16 | _UNICODE):
        _refuse("flags other than IGNORECASE, MULTILINE and DOTALL")
    key = (pattern, int(flags))
    compiled = _cache.get(key)
    if compiled is None:
        if len(_cache) >= _MAXCACHE:
            _refuse("more patterns than the runtime's cache keeps")
        compiled = _cache[key] = Pattern(pattern, int(flags))
    return compiled


def search(pattern, string, flags=0):
    return compile(pattern, flags).search(string)


def match(pattern, string, flags=0):
    return compile(pattern, flags).match(string)


def fullmatch(pattern, string, flags=0):
    return compile(pattern, flags).fullmatch(string)


def escape(pattern):
    _uncharged("escape")
    if not isinstance(pattern, str):
        _refuse("escape() of what is not a str")
    return "".join("\\" + c if c in _SPECIAL else c for c in pattern)
