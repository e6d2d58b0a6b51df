"""pymodel's copy: copy and deepcopy as CPython's Lib/copy.py decides, for
what the model has: atomic values stay themselves, the builtin containers
are copied, __copy__ and __deepcopy__ are called, and an instance of a
class without them is rebuilt from its __dict__ (what __reduce_ex__(4)
gives copy for a plain instance)."""


class Error(Exception):
    pass


error = Error

_atomic = (type(None), int, float, bool, complex, str, bytes, type, range, type(Ellipsis), type(NotImplemented))


def _is_atomic(cls):
    return cls in _atomic or issubclass(cls, type) or cls.__name__ in ("function", "builtin_function_or_method", "code")


def copy(x):
    cls = type(x)
    if _is_atomic(cls) or cls in (tuple, frozenset):
        return x
    if cls is list:
        return x[:]
    if cls is dict or cls is set:
        return x.copy()
    copier = getattr(cls, "__copy__", None)
    if copier is not None:
        return copier(x)
    return _reconstruct(x, None)


# CPython's copy.py nests up to three frames a level of the structure
# (deepcopy, _deepcopy_tuple and, to 3.11, its comprehension; deepcopy and
# _reconstruct for an instance), and a call or two more at the deepest
# point; these nest other frames. Where CPython's could pass the recursion
# limit, where its RecursionError would come and what it would say are
# not known: the program stops as unsupported.
_CPYTHON_FRAMES_A_LEVEL = 3
_CPYTHON_FRAMES_AT_THE_DEEPEST = 4
_levels = 0
_room = 0


def deepcopy(x, memo=None, _nil=[]):
    global _levels, _room
    if _levels == 0:
        # What this copy allocates is not what CPython's copy.py does.
        _pymodel_uncharged("copy.deepcopy")
        _room = _pymodel_recursion_room()
    _levels += 1
    try:
        if _CPYTHON_FRAMES_A_LEVEL * _levels + _CPYTHON_FRAMES_AT_THE_DEEPEST >= _room:
            _pymodel_unsupported("copy.deepcopy %d levels deep, where CPython's may pass the recursion limit" % _levels)
        return _deepcopy(x, memo, _nil)
    except RecursionError:
        _pymodel_unsupported("a RecursionError inside copy.deepcopy, whose frames nest otherwise than CPython's")
    finally:
        _levels -= 1


def _deepcopy(x, memo, _nil):
    if memo is None:
        memo = {}
    d = id(x)
    y = memo.get(d, _nil)
    if y is not _nil:
        return y
    cls = type(x)
    if _is_atomic(cls):
        y = x
    elif cls is list:
        y = []
        memo[d] = y
        for a in x:
            y.append(deepcopy(a, memo))
    elif cls is tuple:
        y = tuple([deepcopy(a, memo) for a in x])
        if len(y) == len(x) and all(a is b for a, b in zip(x, y)):
            y = x
    elif cls is dict:
        y = {}
        memo[d] = y
        for key, value in x.items():
            y[deepcopy(key, memo)] = deepcopy(value, memo)
    else:
        copier = getattr(x, "__deepcopy__", None)
        if copier is not None:
            y = copier(memo)
        else:
            y = _reconstruct(x, memo)
    if y is not x:
        memo[d] = y
        _keep_alive(x, memo)
    return y


def _keep_alive(x, memo):
    try:
        memo[id(memo)].append(x)
    except KeyError:
        memo[id(memo)] = [x]


def _reconstruct(x, memo):
    cls = type(x)
    y = cls.__new__(cls)
    if memo is not None:
        memo[id(x)] = y
    state = getattr(x, "__dict__", None)
    if state:
        if memo is not None:
            state = deepcopy(state, memo)
        y.__dict__.update(state)
    return y
