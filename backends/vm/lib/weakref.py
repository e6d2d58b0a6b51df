# weakref: the classes of CPython 3.11's Lib/weakref.py (with
# _iterates_copies, 3.14's: _weakrefset.py; with _finalize_unpacks_args,
# 3.8's finalize.__init__) that pymodel models (WeakMethod, WeakValueDictionary, WeakKeyDictionary, finalize),
# written for pymodel's subset and following CPython's code paths: the same
# weakrefs with the same callbacks, entries removed when a callback runs.
# The weak dictionaries derive from _MutableMapping, the part of
# _collections_abc.MutableMapping they use.
# The VM runs this file with the native part in its namespace: ref, proxy,
# getweakrefcount, getweakrefs, ReferenceType, ProxyType, CallableProxyType,
# _remove_dead_weakref, WeakSet, _IterationGuard, _len_counts_live,
# _iterates_copies, _commit_while_list and _live_count (from _weakrefset), _finalize_unpacks_args
# (weakref.finalize_unpacks_args: 3.8's finalize.__init__), and a helper for what
# the subset cannot write: _print_exception(exc) for
# sys.excepthook(*sys.exc_info()).
# Where CPython's module writes a method out in both weak dictionaries
# (__ior__, __or__, __ror__), so does this file: each is a function object
# CPython makes on import and frees at exit, and the model counts them.

import sys

ProxyTypes = (ProxyType, CallableProxyType)


class WeakMethod(ref):
    # A weak reference to a bound method: to its object and its function.
    __slots__ = ("_func_ref", "_meth_type", "_alive", "__weakref__")

    def __new__(cls, meth, callback=None):
        try:
            obj = meth.__self__
            func = meth.__func__
        except AttributeError:
            raise TypeError("argument should be a bound method, not {}".format(type(meth))) from None

        def _cb(arg):
            self = self_wr()
            if self._alive:
                self._alive = False
                if callback is not None:
                    callback(self)

        self = ref.__new__(cls, obj, _cb)
        self._func_ref = ref(func, _cb)
        self._meth_type = type(meth)
        self._alive = True
        self_wr = ref(self)
        return self

    def __call__(self):
        obj = ref.__call__(self)
        func = self._func_ref()
        if obj is None or func is None:
            return None
        return self._meth_type(func, obj)

    def __eq__(self, other):
        if isinstance(other, WeakMethod):
            if not self._alive or not other._alive:
                return self is other
            return ref.__eq__(self, other) and self._func_ref == other._func_ref
        return NotImplemented

    def __ne__(self, other):
        if isinstance(other, WeakMethod):
            if not self._alive or not other._alive:
                return self is not other
            return ref.__ne__(self, other) or self._func_ref != other._func_ref
        return NotImplemented

    __hash__ = ref.__hash__


class KeyedRef(ref):
    # A weakref that remembers the dict key it is stored under.
    __slots__ = ("key",)

    def __new__(type, ob, callback, key):
        self = ref.__new__(type, ob, callback)
        self.key = key
        return self

    def __init__(self, ob, callback, key):
        super().__init__(ob, callback)


class _MutableMapping:
    # What the weak dictionaries inherit from _collections_abc.MutableMapping
    # and do not define themselves: Mapping's __eq__, MutableMapping's
    # clear, and Iterable's __class_getitem__ (3.9+). (pymodel has no
    # abstract base classes: a mapping here is a dict or one of these.)
    __slots__ = ()
    __reversed__ = None
    if hasattr(list, "__class_getitem__"):
        __class_getitem__ = classmethod(type(list[int]))

    def __eq__(self, other):
        if not _is_mapping(other):
            return NotImplemented
        return dict(self.items()) == dict(other.items())

    __hash__ = None

    def clear(self):
        try:
            while True:
                self.popitem()
        except KeyError:
            pass


def _is_mapping(o):
    return isinstance(o, (dict, _MutableMapping))


class WeakValueDictionary(_MutableMapping):
    # Values are held through KeyedRefs whose callback removes the entry.
    # With _iterates_copies (3.14) an instance has no pending removals nor
    # iterations of its own (_weakrefset.py says why these stand for them).
    _pending_removals = ()
    _iterating = ()

    def __init__(self, other=(), /, **kw):
        def remove(wr, selfref=ref(self), _atomic_removal=_remove_dead_weakref):
            self = selfref()
            if self is not None:
                if self._iterating:
                    self._pending_removals.append(wr.key)
                else:
                    _atomic_removal(self.data, wr.key)

        self._remove = remove
        if not _iterates_copies:
            self._pending_removals = []
            self._iterating = set()
        self.data = {}
        self.update(other, **kw)

    def _commit_removals(self):
        if _commit_while_list:
            # 3.8's, as WeakSet's.
            l = self._pending_removals
            d = self.data
            while l:
                key = l.pop()
                _remove_dead_weakref(d, key)
            return
        pop = self._pending_removals.pop
        d = self.data
        while True:
            try:
                key = pop()
            except IndexError:
                return
            _remove_dead_weakref(d, key)

    def __getitem__(self, key):
        if self._pending_removals:
            self._commit_removals()
        o = self.data[key]()
        if o is None:
            raise KeyError(key)
        else:
            return o

    def __delitem__(self, key):
        if self._pending_removals:
            self._commit_removals()
        del self.data[key]

    def __len__(self):
        if self._pending_removals:
            self._commit_removals()
        if _len_counts_live:
            return _live_count(list(self.data.values()))
        return len(self.data)

    def __contains__(self, key):
        if self._pending_removals:
            self._commit_removals()
        try:
            o = self.data[key]()
        except KeyError:
            return False
        return o is not None

    def __repr__(self):
        return "<%s at %#x>" % (self.__class__.__name__, id(self))

    def __setitem__(self, key, value):
        if self._pending_removals:
            self._commit_removals()
        self.data[key] = KeyedRef(value, self._remove, key)

    def copy(self):
        if self._pending_removals:
            self._commit_removals()
        new = WeakValueDictionary()
        if _iterates_copies:
            for key, wr in self.data.copy().items():
                o = wr()
                if o is not None:
                    new[key] = o
        else:
            with _IterationGuard(self):
                for key, wr in self.data.items():
                    o = wr()
                    if o is not None:
                        new[key] = o
        return new

    __copy__ = copy

    def __deepcopy__(self, memo):
        from copy import deepcopy
        if self._pending_removals:
            self._commit_removals()
        new = self.__class__()
        if _iterates_copies:
            for key, wr in self.data.copy().items():
                o = wr()
                if o is not None:
                    new[deepcopy(key, memo)] = o
        else:
            with _IterationGuard(self):
                for key, wr in self.data.items():
                    o = wr()
                    if o is not None:
                        new[deepcopy(key, memo)] = o
        return new

    def get(self, key, default=None):
        if self._pending_removals:
            self._commit_removals()
        try:
            wr = self.data[key]
        except KeyError:
            return default
        else:
            o = wr()
            if o is None:
                return default
            else:
                return o

    def items(self):
        if self._pending_removals:
            self._commit_removals()
        if _iterates_copies:
            for k, wr in self.data.copy().items():
                v = wr()
                if v is not None:
                    yield k, v
        else:
            with _IterationGuard(self):
                for k, wr in self.data.items():
                    v = wr()
                    if v is not None:
                        yield k, v

    def keys(self):
        if self._pending_removals:
            self._commit_removals()
        if _iterates_copies:
            for k, wr in self.data.copy().items():
                if wr() is not None:
                    yield k
        else:
            with _IterationGuard(self):
                for k, wr in self.data.items():
                    if wr() is not None:
                        yield k

    def __iter__(self):
        return self.keys()

    def itervaluerefs(self):
        if self._pending_removals:
            self._commit_removals()
        if _iterates_copies:
            for wr in self.data.copy().values():
                yield wr
        else:
            with _IterationGuard(self):
                for wr in self.data.values():
                    yield wr

    def values(self):
        if self._pending_removals:
            self._commit_removals()
        if _iterates_copies:
            for wr in self.data.copy().values():
                obj = wr()
                if obj is not None:
                    yield obj
        else:
            with _IterationGuard(self):
                for wr in self.data.values():
                    obj = wr()
                    if obj is not None:
                        yield obj

    def popitem(self):
        if self._pending_removals:
            self._commit_removals()
        while True:
            key, wr = self.data.popitem()
            o = wr()
            if o is not None:
                return key, o

    def pop(self, key, *args):
        if self._pending_removals:
            self._commit_removals()
        try:
            o = self.data.pop(key)()
        except KeyError:
            o = None
        if o is None:
            if args:
                return args[0]
            else:
                raise KeyError(key)
        else:
            return o

    def setdefault(self, key, default=None):
        try:
            o = self.data[key]()
        except KeyError:
            o = None
        if o is None:
            if self._pending_removals:
                self._commit_removals()
            self.data[key] = KeyedRef(default, self._remove, key)
            return default
        else:
            return o

    def update(self, other=None, /, **kwargs):
        if self._pending_removals:
            self._commit_removals()
        d = self.data
        if other is not None:
            if not hasattr(other, "items"):
                other = dict(other)
            for key, o in other.items():
                d[key] = KeyedRef(o, self._remove, key)
        for key, o in kwargs.items():
            d[key] = KeyedRef(o, self._remove, key)

    def valuerefs(self):
        if self._pending_removals:
            self._commit_removals()
        if _iterates_copies:
            return list(self.data.copy().values())
        return list(self.data.values())

    def __ior__(self, other):
        self.update(other)
        return self

    def __or__(self, other):
        if _is_mapping(other):
            c = self.copy()
            c.update(other)
            return c
        return NotImplemented

    def __ror__(self, other):
        if _is_mapping(other):
            c = self.__class__()
            c.update(other)
            c.update(self)
            return c
        return NotImplemented


class WeakKeyDictionary(_MutableMapping):
    # Keys are held through weakrefs whose callback removes the entry.
    # With _iterates_copies (3.14), as WeakValueDictionary's.
    _pending_removals = ()
    _iterating = ()
    _dirty_len = False

    def __init__(self, dict=None):
        self.data = {}

        def remove(k, selfref=ref(self)):
            self = selfref()
            if self is not None:
                if self._iterating:
                    self._pending_removals.append(k)
                else:
                    try:
                        del self.data[k]
                    except KeyError:
                        pass

        self._remove = remove
        if not _iterates_copies:
            self._pending_removals = []
            self._iterating = set()
            self._dirty_len = False
        if dict is not None:
            self.update(dict)

    def _commit_removals(self):
        if _commit_while_list:
            # 3.8's, as WeakSet's.
            l = self._pending_removals
            d = self.data
            while l:
                try:
                    del d[l.pop()]
                except KeyError:
                    pass
            return
        pop = self._pending_removals.pop
        d = self.data
        while True:
            try:
                key = pop()
            except IndexError:
                return
            try:
                del d[key]
            except KeyError:
                pass

    def _scrub_removals(self):
        d = self.data
        self._pending_removals = [k for k in self._pending_removals if k in d]
        self._dirty_len = False

    def __delitem__(self, key):
        if not _iterates_copies:
            self._dirty_len = True
        del self.data[ref(key)]

    def __getitem__(self, key):
        return self.data[ref(key)]

    def __len__(self):
        if _len_counts_live:
            return _live_count(list(self.data))
        if self._dirty_len and self._pending_removals:
            self._scrub_removals()
        return len(self.data) - len(self._pending_removals)

    def __repr__(self):
        return "<%s at %#x>" % (self.__class__.__name__, id(self))

    def __setitem__(self, key, value):
        self.data[ref(key, self._remove)] = value

    def copy(self):
        new = WeakKeyDictionary()
        if _iterates_copies:
            for key, value in self.data.copy().items():
                o = key()
                if o is not None:
                    new[o] = value
        else:
            with _IterationGuard(self):
                for key, value in self.data.items():
                    o = key()
                    if o is not None:
                        new[o] = value
        return new

    __copy__ = copy

    def __deepcopy__(self, memo):
        from copy import deepcopy
        new = self.__class__()
        if _iterates_copies:
            for key, value in self.data.copy().items():
                o = key()
                if o is not None:
                    new[o] = deepcopy(value, memo)
        else:
            with _IterationGuard(self):
                for key, value in self.data.items():
                    o = key()
                    if o is not None:
                        new[o] = deepcopy(value, memo)
        return new

    def get(self, key, default=None):
        return self.data.get(ref(key), default)

    def __contains__(self, key):
        try:
            wr = ref(key)
        except TypeError:
            return False
        return wr in self.data

    def items(self):
        if _iterates_copies:
            for wr, value in self.data.copy().items():
                key = wr()
                if key is not None:
                    yield key, value
        else:
            with _IterationGuard(self):
                for wr, value in self.data.items():
                    key = wr()
                    if key is not None:
                        yield key, value

    def keys(self):
        if _iterates_copies:
            for wr in self.data.copy():
                obj = wr()
                if obj is not None:
                    yield obj
        else:
            with _IterationGuard(self):
                for wr in self.data:
                    obj = wr()
                    if obj is not None:
                        yield obj

    def __iter__(self):
        return self.keys()

    def values(self):
        if _iterates_copies:
            for wr, value in self.data.copy().items():
                if wr() is not None:
                    yield value
        else:
            with _IterationGuard(self):
                for wr, value in self.data.items():
                    if wr() is not None:
                        yield value

    def keyrefs(self):
        return list(self.data)

    def popitem(self):
        if not _iterates_copies:
            self._dirty_len = True
        while True:
            key, value = self.data.popitem()
            o = key()
            if o is not None:
                return o, value

    def pop(self, key, *args):
        if not _iterates_copies:
            self._dirty_len = True
        if args:
            return self.data.pop(ref(key), args[0])
        return self.data.pop(ref(key))

    def setdefault(self, key, default=None):
        return self.data.setdefault(ref(key, self._remove), default)

    def update(self, dict=None, /, **kwargs):
        d = self.data
        if dict is not None:
            if not hasattr(dict, "items"):
                dict = type({})(dict)
            for key, value in dict.items():
                d[ref(key, self._remove)] = value
        if len(kwargs):
            self.update(kwargs)

    def __ior__(self, other):
        self.update(other)
        return self

    def __or__(self, other):
        if _is_mapping(other):
            c = self.copy()
            c.update(other)
            return c
        return NotImplemented

    def __ror__(self, other):
        if _is_mapping(other):
            c = self.__class__()
            c.update(other)
            c.update(self)
            return c
        return NotImplemented


# CPython's finalize._index_iter is an itertools.count, whose next() runs no
# Python code: the index is counted in place, as a call of a Python
# function would make a frame object on its first call (to 3.10).
_finalize_index = [0]


class _FinalizeInfo:
    __slots__ = ("weakref", "func", "args", "kwargs", "atexit", "index")


class finalize:
    # Calls func(*args, **kwargs) when obj dies (through a weakref whose
    # callback is this object), when called, or at exit if still pending.
    __slots__ = ()
    _registry = {}
    _shutdown = False
    _dirty = False
    _registered_with_atexit = False

    if _finalize_unpacks_args:
        # 3.8's: every argument packed in one tuple (self too), unpacked by
        # a starred target (an iterator, a list of the rest: list_extend
        # binds the iterator's __length_hint__), then tuple(args). Not
        # modeled: the deprecated func= and obj=, which import warnings.
        # The rest is the other __init__'s, written out in both as a shared
        # helper would be one call (a frame) more than CPython makes.
        def __init__(*args, **kwargs):
            if len(args) >= 3:
                self, obj, func, *args = args
            elif not args:
                raise TypeError("descriptor '__init__' of 'finalize' object needs an argument")
            elif "func" not in kwargs or (len(args) < 2 and "obj" not in kwargs):
                raise TypeError("finalize expected at least 2 positional arguments, got %d" % (len(args) - 1))
            else:
                raise TypeError("pymodel does not model finalize's deprecated func= and obj= (they warn)")
            args = tuple(args)
            if not self._registered_with_atexit:
                import atexit
                atexit.register(self._exitfunc)
                finalize._registered_with_atexit = True
            info = _FinalizeInfo()
            info.weakref = ref(obj, self)
            info.func = func
            info.args = args
            info.kwargs = kwargs or None
            info.atexit = True
            _finalize_index[0] += 1
            info.index = _finalize_index[0]
            self._registry[self] = info
            finalize._dirty = True

    else:
        def __init__(self, obj, func, /, *args, **kwargs):
            if not self._registered_with_atexit:
                import atexit
                atexit.register(self._exitfunc)
                finalize._registered_with_atexit = True
            info = _FinalizeInfo()
            info.weakref = ref(obj, self)
            info.func = func
            info.args = args
            info.kwargs = kwargs or None
            info.atexit = True
            _finalize_index[0] += 1
            info.index = _finalize_index[0]
            self._registry[self] = info
            finalize._dirty = True

    def __call__(self, _=None):
        info = self._registry.pop(self, None)
        if info and not self._shutdown:
            return info.func(*info.args, **(info.kwargs or {}))

    def detach(self):
        info = self._registry.get(self)
        obj = info and info.weakref()
        if obj is not None and self._registry.pop(self, None):
            return (obj, info.func, info.args, info.kwargs or {})

    def peek(self):
        info = self._registry.get(self)
        obj = info and info.weakref()
        if obj is not None:
            return (obj, info.func, info.args, info.kwargs or {})

    def _get_alive(self):
        return self in self._registry

    alive = property(_get_alive)

    def _get_atexit(self):
        info = self._registry.get(self)
        return bool(info) and info.atexit

    def _set_atexit(self, value):
        info = self._registry.get(self)
        if info:
            info.atexit = bool(value)

    atexit = property(_get_atexit, _set_atexit)

    def __repr__(self):
        info = self._registry.get(self)
        obj = info and info.weakref()
        if obj is None:
            return "<%s object at %#x; dead>" % (type(self).__name__, id(self))
        else:
            return "<%s object at %#x; for %r at %#x>" % (type(self).__name__, id(self), type(obj).__name__, id(obj))

    def _select_for_exit(cls):
        # The live finalizers marked for exit, oldest first.
        L = [(f, i) for (f, i) in cls._registry.items() if i.atexit]
        L.sort(key=lambda item: item[1].index)
        return [f for (f, i) in L]

    _select_for_exit = classmethod(_select_for_exit)

    def _exitfunc(cls):
        # At shutdown, calls the finalizers whose atexit is true, newest first.
        reenable_gc = False
        try:
            if cls._registry:
                import gc
                if gc.isenabled():
                    reenable_gc = True
                    gc.disable()
                pending = None
                while True:
                    if pending is None or finalize._dirty:
                        pending = cls._select_for_exit()
                        finalize._dirty = False
                    if not pending:
                        break
                    f = pending.pop()
                    try:
                        f()
                    except Exception as e:
                        _print_exception(e)
                    assert f not in cls._registry
        finally:
            finalize._shutdown = True
            if reenable_gc:
                gc.enable()

    _exitfunc = classmethod(_exitfunc)
