# math: what the random differential check (tests/vm/math_differential.py)
# does not draw: the constants, the errors of each kind of argument, the
# special methods floor, ceil and trunc call, and the functions a version
# lacks.
import math
import sys


def show(f, *args, **kwargs):
    try:
        r = f(*args, **kwargs)
    except Exception as e:
        print(type(e).__name__, e)
    else:
        print(type(r).__name__, repr(r))


class Floaty:
    def __float__(self):
        return 2.5


class Indexy:
    def __index__(self):
        return 7


class Rounding:
    def __floor__(self):
        return "floor"

    def __ceil__(self):
        return "ceil"

    def __trunc__(self):
        return "trunc"


class MyInt(int):
    pass


class MyFloat(float):
    pass


print(math.pi, math.e, math.tau, math.inf, -math.inf, math.nan)
print(sorted(n for n in dir(math) if not n.startswith("_")))
for arg in [Floaty(), Indexy(), MyInt(9), MyFloat(2.25), True, "x", None, [1], 1j]:
    show(math.sqrt, arg)
for f in [math.floor, math.ceil, math.trunc]:
    for arg in [Rounding(), 2.5, -2.5, MyInt(4), MyFloat(-1.5), True, 7, Floaty(), Indexy(), "s", float("inf"),
                float("nan"), 1e300]:
        show(f, arg)
x = 12345678
print(math.floor(x) is x, math.ceil(x) is x, math.trunc(x) is x)
for entry in [(math.gcd, ()), (math.gcd, (12,)), (math.gcd, (-12, 18, 30)), (math.gcd, (1.5, 2)),
                (math.factorial, (5.0,)), (math.factorial, (5.5,)), (math.factorial, (-1,)), (math.factorial, ("1",)),
                (math.isqrt, (-1,)), (math.isqrt, (2.0,)), (math.comb, (5, -1)), (math.comb, (-5, 1)),
                (math.comb, (5, 1.0)), (math.perm, (5,)), (math.perm, (5, None)), (math.perm, (3, 5)),
                (math.ldexp, (1.0, 1.5)), (math.ldexp, (1.0, 10**6)), (math.ldexp, (1.0, -10**6)),
                (math.log, (8, 2)), (math.log, (1, 1)), (math.log, (0,)), (math.log, (-1,)), (math.log, (True,)),
                (math.log2, (1024,)), (math.log10, (1000,)), (math.log, (0.0,)), (math.log, ("a",)),
                (math.fsum, ([1e308, 1e308],)), (math.fsum, ([float("inf"), -float("inf")],)),
                (math.fsum, ([float("inf"), float("nan")],)), (math.fsum, ("ab",)), (math.fsum, (5,)),
                (math.hypot, ()), (math.hypot, (3,)), (math.hypot, (3, "4")),
                (math.dist, ((1, 2), (1,))), (math.dist, ([1, 2], [4, 6])), (math.dist, (1, 2)),
                (math.prod, ([1, 2, 3],)), (math.prod, ([2, 3],), {"start": 4}), (math.prod, (["a", 2],)),
                (math.prod, ([],), {"start": "s"}), (math.isclose, (1, 1.0000000001)),
                (math.isclose, (1, 2), {"rel_tol": -1}), (math.isclose, (), {"a": 1.0, "b": 1.0}),
                (math.isclose, (1.0, 1.1), {"abs_tol": 0.2}), (math.pow, (0.0, -1.0)), (math.pow, (-8.0, 1 / 3)),
                (math.pow, (10.0, 400.0)), (math.pow, (0.0, -math.inf)), (math.fmod, (1.0, 0.0)),
                (math.fmod, (math.inf, 1.0)), (math.atan2, (math.inf, -math.inf)), (math.copysign, (1.0, -0.0)),
                (math.frexp, (0.0,)), (math.frexp, (math.inf,)), (math.modf, (-math.inf,)), (math.modf, (2.5,)),
                (math.lgamma, (-2.0,)), (math.gamma, (-2.0,)), (math.gamma, (0.0,)), (math.gamma, (172.0,)),
                (math.exp, (1000,)), (math.expm1, (1000.0,)), (math.expm1, (-1000.0,)), (math.sinh, (1000.0,)),
                (math.acosh, (0.5,)), (math.atanh, (1.0,)), (math.erf, (math.inf,)), (math.remainder, (5.0, 0.0)),
                (math.degrees, (math.pi,)), (math.radians, (180,))]:
    f, args, kwargs = (entry + ({},))[:3]
    show(f, *args, **kwargs)
for name, args in [("lcm", ()), ("lcm", (4, 6, 0)), ("nextafter", (1.0, 2.0)), ("ulp", (1.0,)), ("ulp", (0.0,)),
                   ("cbrt", (-27.0,)), ("exp2", (10,)), ("sumprod", ([1, 2], [3, 4])), ("sumprod", ([1], [2, 3])),
                   ("fma", (2.0, 3.0, 4.0)), ("fma", (math.inf, 0.0, 1.0))]:
    if hasattr(math, name):
        show(getattr(math, name), *args)
    else:
        print("no math." + name)
if sys.version_info >= (3, 12):
    show(math.nextafter, 1.0, 2.0, steps=3)
    show(math.nextafter, 1.0, 2.0, steps=-1)
    show(math.nextafter, 0.0, -1.0, steps=5)
