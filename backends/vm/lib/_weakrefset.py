# _weakrefset: WeakSet, as CPython 3.11's Lib/_weakrefset.py builds it, in
# pymodel's subset. The VM runs this file with `ref` (weakref.ref),
# `_len_counts_live` (the profile's weakref.len_counts_live) and
# `_iterates_copies` (weakref.iterates_copies) and `_commit_while_list`
# (weakref.commit_removals_while_list: 3.8's _commit_removals) already in its
# namespace.
#
# With _iterates_copies, the weak containers are 3.14's (gh-123089): an
# iteration walks a copy of the data and a callback removes its entry at
# once, so an instance has no _pending_removals or _iterating of its own.
# The class attributes below stand for them then (empty, never filled), so
# that the methods shared with the earlier versions find nothing to commit.


def _live_count(refs):
    # len() where weakref callbacks run at a later collection (PyPy): the
    # entries whose referents are alive, whatever the callbacks did so far.
    result = 0
    for wr in refs:
        if wr() is not None:
            result += 1
    return result


class _IterationGuard:
    # Registers itself with the weak container while an iteration runs, so
    # that removals wait until the iteration ends.

    def __init__(self, weakcontainer):
        self.weakcontainer = ref(weakcontainer)

    def __enter__(self):
        w = self.weakcontainer()
        if w is not None:
            w._iterating.add(self)
        return self

    def __exit__(self, e, t, b):
        w = self.weakcontainer()
        if w is not None:
            s = w._iterating
            s.remove(self)
            if not s:
                w._commit_removals()


class WeakSet:
    _pending_removals = ()
    _iterating = ()
    if hasattr(list, "__class_getitem__"):  # PEP 585 (3.9+): WeakSet[int]
        __class_getitem__ = classmethod(type(list[int]))

    def __init__(self, data=None):
        self.data = set()

        def _remove(item, selfref=ref(self)):
            self = selfref()
            if self is not None:
                if self._iterating:
                    self._pending_removals.append(item)
                else:
                    self.data.discard(item)

        self._remove = _remove
        if not _iterates_copies:
            self._pending_removals = []
            self._iterating = set()
        if data is not None:
            self.update(data)

    def _commit_removals(self):
        if _commit_while_list:
            # 3.8's: pops while the list is not empty, with no bound pop
            # and no IndexError at the end.
            l = self._pending_removals
            discard = self.data.discard
            while l:
                discard(l.pop())
            return
        pop = self._pending_removals.pop
        discard = self.data.discard
        while True:
            try:
                item = pop()
            except IndexError:
                return
            discard(item)

    def __iter__(self):
        if _iterates_copies:
            for itemref in self.data.copy():
                item = itemref()
                if item is not None:
                    yield item
            return
        with _IterationGuard(self):
            for itemref in self.data:
                item = itemref()
                if item is not None:
                    yield item

    def __len__(self):
        if _len_counts_live:
            return _live_count(self.data)
        return len(self.data) - len(self._pending_removals)

    def __contains__(self, item):
        try:
            wr = ref(item)
        except TypeError:
            return False
        return wr in self.data

    def __repr__(self):
        return "<%s.%s object at %#x>" % (type(self).__module__, type(self).__qualname__, id(self))

    def add(self, item):
        if self._pending_removals:
            self._commit_removals()
        self.data.add(ref(item, self._remove))

    def clear(self):
        if self._pending_removals:
            self._commit_removals()
        self.data.clear()

    def copy(self):
        return self.__class__(self)

    def pop(self):
        if self._pending_removals:
            self._commit_removals()
        while True:
            try:
                itemref = self.data.pop()
            except KeyError:
                raise KeyError("pop from empty WeakSet") from None
            item = itemref()
            if item is not None:
                return item

    def remove(self, item):
        if self._pending_removals:
            self._commit_removals()
        self.data.remove(ref(item))

    def discard(self, item):
        if self._pending_removals:
            self._commit_removals()
        self.data.discard(ref(item))

    def update(self, other):
        if self._pending_removals:
            self._commit_removals()
        for element in other:
            self.add(element)
