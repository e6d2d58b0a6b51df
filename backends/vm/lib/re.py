"""pymodel's re: a compact backtracking matcher for the patterns test
assertions use: literals, ., classes ([a-z], [^...], \\d \\w \\s and their
negations), anchors (^ $ \\A \\Z \\b), groups, alternation and greedy or lazy
quantifiers (* + ? {m,n}). Anything else is re.error."""

DOTALL = S = 16
IGNORECASE = I = 2
MULTILINE = M = 8


class error(Exception):
    pass


# A str pattern's classes are Unicode's, as _sre's: \d a decimal digit,
# \s what str.isspace() takes (NBSP too), \w alphanumeric or '_'.
_CLASSES = {
    "d": lambda c: c.isdecimal(),
    "w": lambda c: c.isalnum() or c == "_",
    "s": lambda c: c.isspace(),
}


def _class_test(letter):
    test = _CLASSES[letter.lower()]
    if letter.isupper():
        return lambda c: not test(c)
    return test


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
        elif c == "{" and self.p.find("}", self.i) > 0:
            end = self.p.find("}", self.i)
            body = self.p[self.i + 1:end]
            self.i = end + 1
            low_text, _, high_text = body.partition(",")
            low = int(low_text or "0")
            high = low if "," not in body else (int(high_text) if high_text else None)
        else:
            return atom
        lazy = self.more() and self.peek() == "?"
        if lazy:
            self.next()
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
                    raise error("pymodel's re supports only (?:...) among extensions")
            node = self.alternation()
            if not self.more() or self.next() != ")":
                raise error("missing ), unterminated subpattern")
            return ("group", node)
        if c == "[":
            return ("char", self.char_class())
        if c == "\\":
            return self.escape()
        if c in "*+?":
            raise error("nothing to repeat")
        return ("char", self.literal(c))

    def literal(self, c):
        if self.flags & IGNORECASE:
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
        if c.isalnum():
            table = {"n": "\n", "t": "\t", "r": "\r", "f": "\f", "v": "\v"}
            if c not in table:
                raise error("pymodel's re does not support \\%s" % c)
            c = table[c]
        return ("char", self.literal(c))

    def char_class(self):
        negate = self.more() and self.peek() == "^"
        if negate:
            self.next()
        tests = []
        first = True
        while True:
            if not self.more():
                raise error("unterminated character set")
            c = self.next()
            if c == "]" and not first:
                break
            first = False
            if c == "\\":
                e = self.next()
                if e in "dwsDWS":
                    tests.append(_class_test(e))
                    continue
                c = {"n": "\n", "t": "\t"}.get(e, e)
            if self.more() and self.peek() == "-" and self.i + 1 < len(self.p) and self.p[self.i + 1] != "]":
                self.next()
                high = self.next()
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
    if kind in ("bol", "bos"):
        return k(i) if i == 0 else None
    if kind == "eol":
        return k(i) if i == len(text) or (i == len(text) - 1 and text[i] == "\n") else None
    if kind == "eos":
        return k(i) if i == len(text) else None
    if kind == "boundary":
        return k(i) if _is_word(text, i - 1) != _is_word(text, i) else None
    raise error("bad node")


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

    def group(self, index=0):
        if index != 0:
            raise error("pymodel's re keeps no groups")
        return self.string[self._start:self._end]

    def start(self):
        return self._start

    def end(self):
        return self._end

    def span(self):
        return (self._start, self._end)

    def __repr__(self):
        # CPython's "%.50R": the match's repr cut at 50 characters.
        return "<re.Match object; span=(%d, %d), match=%s>" % (self._start, self._end, repr(self.group())[:50])


class Pattern:
    def __init__(self, pattern, flags=0):
        if not isinstance(pattern, str):
            raise error("pymodel's re matches str patterns only")
        self.pattern = pattern
        self.flags = flags | 32  # re.UNICODE, a str pattern's default
        parser = _Parser(pattern, flags)
        self._tree = parser.alternation()
        if parser.more():
            raise error("unbalanced parenthesis")

    def __repr__(self):
        # CPython's: the source's repr cut at 200 characters, then the flags
        # given (UNICODE, a str pattern's default, left out).
        names = [n for n, bit in (("IGNORECASE", I), ("MULTILINE", M), ("DOTALL", S)) if self.flags & bit]
        flags = ", " + "|".join("re." + n for n in names) if names else ""
        return "re.compile(%s%s)" % (repr(self.pattern)[:200], flags)

    def _at(self, string, i):
        end = _node(self._tree, string, i, lambda j: j)
        return None if end is None else Match(string, i, end)

    def match(self, string):
        return self._at(string, 0)

    def fullmatch(self, string):
        end = _node(self._tree, string, 0, lambda j: j if j == len(string) else None)
        return None if end is None else Match(string, 0, end)

    def search(self, string):
        for i in range(len(string) + 1):
            m = self._at(string, i)
            if m is not None:
                return m
        return None


def compile(pattern, flags=0):
    if isinstance(pattern, Pattern):
        return pattern
    return Pattern(pattern, flags)


def search(pattern, string, flags=0):
    return compile(pattern, flags).search(string)


def match(pattern, string, flags=0):
    return compile(pattern, flags).match(string)


def fullmatch(pattern, string, flags=0):
    return compile(pattern, flags).fullmatch(string)


def escape(pattern):
    return "".join("\\" + c if not (c.isalnum() or c == "_") else c for c in pattern)
