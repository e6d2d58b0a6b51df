"""Differential check of pymodel's math module against a real interpreter:
random arguments for every function the runtime's math has, one program
per function, run on the interpreter and on pymodel with the profile that
models it; every line of output (each call's result or exception) must be
the same.

    tests/vm/math_differential.py PYMODEL PROFILE PYTHON [--count N] [--seed S] [--only NAME,...]

    tests/vm/math_differential.py build/backends/pymodel cpython-3.11 \\
        ~/.pyenv/versions/3.11.7/bin/python3.11 --count 10000

The arguments are drawn on the host, so the programs hold them as literals;
integer results beyond 64 bits are left out (tests/vm/int_differential.py
checks the functions on ints beyond them). Exits 1 on any
difference, printing the first ones."""

import argparse
import math
import os
import random
import struct
import subprocess
import sys
import tempfile

INT64 = 2**63


def random_double(rng):
    """A double drawn from all finite bit patterns: every binade as likely."""
    while True:
        x = struct.unpack("<d", struct.pack("<Q", rng.getrandbits(64)))[0]
        if math.isfinite(x):
            return x


SPECIALS = [0.0, -0.0, 1.0, -1.0, 0.5, -0.5, 2.0, 3.0, 10.0, math.pi, math.e, 1e-300, 5e-324, -5e-324,
            1.7976931348623157e308, -1.7976931348623157e308, 2.2250738585072014e-308, 1e16, 1e22, 0.1,
            float("inf"), float("-inf"), float("nan"), 709.78, 710.0, -745.2, 1 - 2**-53, 1 + 2**-52, 171.5,
            -171.5, 200.5, -200.5, 1e-20, -1e-21]


def a_float(rng):
    kind = rng.randrange(9)
    if kind == 0:
        return rng.choice(SPECIALS)
    if kind <= 2:
        return random_double(rng)
    if kind == 3:
        return rng.uniform(-2, 2)
    if kind == 4:
        return rng.uniform(-30, 30)
    if kind == 5:
        return rng.uniform(-800, 800)
    if kind == 6:
        return float(rng.randrange(-50, 51))
    if kind == 7:
        return rng.choice([1.0, -1.0]) + rng.uniform(-1e-6, 1e-6)
    return math.ldexp(rng.random(), rng.randrange(-1080, 1024))


def an_int(rng, small=False):
    kind = rng.randrange(4 if small else 6)
    if kind <= 1:
        return rng.randrange(-20, 21)
    if kind == 2:
        return rng.randrange(-1000, 1001)
    if kind == 3:
        return rng.choice([0, 1, -1, True, False])
    if kind == 4:
        return rng.randrange(-2**62, 2**62)
    return rng.choice([2**62, -2**62, 2**63 - 1, -2**63 + 1, 2**53 + 1, 2**31])


def a_number(rng):
    return a_float(rng) if rng.randrange(4) else an_int(rng)


def literal(v):
    if isinstance(v, bool):
        return repr(v)
    if isinstance(v, float):
        if math.isnan(v):
            return "nan"
        if math.isinf(v):
            return "inf" if v > 0 else "-inf"
        return repr(v)
    if isinstance(v, (list, tuple)):
        inner = ", ".join(literal(x) for x in v)
        return "[%s]" % inner if isinstance(v, list) else "(%s%s)" % (inner, "," if len(v) == 1 else "")
    return repr(v)


def fits(result):
    """Whether an int result is one pymodel's 64-bit ints hold."""
    return not isinstance(result, int) or -INT64 <= result < INT64


# Each function's argument maker: a tuple of positional arguments.
def one_float(rng):
    return (a_number(rng),)


def two_floats(rng):
    return (a_number(rng), a_number(rng))


def int_args(count, small=True):
    def make(rng):
        return tuple(an_int(rng, small) for _ in range(count))
    return make


def varargs(make_item, most):
    def make(rng):
        return tuple(make_item(rng) for _ in range(rng.randrange(most + 1)))
    return make


def iterable_of(make_item, most):
    def make(rng):
        items = [make_item(rng) for _ in range(rng.randrange(most + 1))]
        return (items if rng.randrange(2) else tuple(items),)
    return make


def points(rng):
    n = rng.randrange(6)
    return ([a_number(rng) for _ in range(n)], tuple(a_number(rng) for _ in range(n)))


def ldexp_args(rng):
    return (a_number(rng), rng.choice([rng.randrange(-1100, 1100), rng.randrange(-20, 20), 2**40, -2**40]))


def comb_args(rng):
    n = rng.choice([rng.randrange(-3, 70), rng.randrange(0, 2000), rng.randrange(0, 2**40)])
    return (n, rng.choice([rng.randrange(-2, 70), rng.randrange(0, 5), n - rng.randrange(0, 4)]))


def perm_args(rng):
    # perm(n, k) of k near n is n!: past a few hundred, more digits than
    # the real runtime prints (sys.set_int_max_str_digits).
    n = rng.choice([rng.randrange(-3, 70), rng.randrange(0, 400)])
    return (n, rng.choice([rng.randrange(-2, 70), rng.randrange(0, 5), n - rng.randrange(0, 4)]))


def factorial_args(rng):
    return (rng.choice([rng.randrange(-3, 25), rng.choice([0, 1, 20, 21, True, False])]),)


def isqrt_args(rng):
    return (rng.choice([rng.randrange(-3, 1000), rng.randrange(0, 2**63), rng.choice([2**62, 2**63 - 1, 0, 1])]),)


def prod_args(rng):
    kind = rng.randrange(3)
    make = an_int if kind == 0 else a_number if kind == 1 else a_float
    return (rng.choice([[make(rng) for _ in range(rng.randrange(6))], ()]),)


def log_args(rng):
    return (a_number(rng),) if rng.randrange(2) else (a_number(rng), a_number(rng))


def nextafter_args(rng):
    return (a_number(rng), a_number(rng))


def sumprod_args(rng):
    n = rng.randrange(6)
    make = rng.choice([a_number, an_int, a_float])
    return ([make(rng) for _ in range(n)], [make(rng) for _ in range(n)])


def fma_args(rng):
    return (a_number(rng), a_number(rng), a_number(rng))


def isclose_args(rng):
    a = a_number(rng)
    b = a + rng.choice([0, 1e-10, 1e-5, -1e-9]) * (abs(a) if math.isfinite(a) else 1) if rng.randrange(2) else a_number(rng)
    return (a, b)


MAKERS = {
    "acos": one_float, "acosh": one_float, "asin": one_float, "asinh": one_float, "atan": one_float,
    "atan2": two_floats, "atanh": one_float, "cbrt": one_float, "ceil": one_float, "comb": comb_args,
    "copysign": two_floats, "cos": one_float, "cosh": one_float, "degrees": one_float, "dist": points,
    "erf": one_float, "erfc": one_float, "exp": one_float, "exp2": one_float, "expm1": one_float,
    "fabs": one_float, "factorial": factorial_args, "floor": one_float, "fma": fma_args, "fmod": two_floats,
    "frexp": one_float, "fsum": iterable_of(a_number, 8), "gamma": one_float, "gcd": varargs(lambda r: an_int(r), 4),
    "hypot": varargs(a_number, 5), "isclose": isclose_args, "isfinite": one_float, "isinf": one_float,
    "isnan": one_float, "isqrt": isqrt_args, "lcm": varargs(lambda r: an_int(r, True), 4), "ldexp": ldexp_args,
    "lgamma": one_float, "log": log_args, "log10": one_float, "log1p": one_float, "log2": one_float,
    "modf": one_float, "nextafter": nextafter_args, "perm": perm_args, "pow": two_floats, "prod": prod_args,
    "radians": one_float, "remainder": two_floats, "sin": one_float, "sinh": one_float, "sqrt": one_float,
    "sumprod": sumprod_args, "tan": one_float, "tanh": one_float, "trunc": one_float, "ulp": one_float,
}


def program(name, calls):
    lines = ["import math", "inf = float('inf')", "nan = float('nan')", "f = math.%s" % name, "calls = ["]
    lines += ["    %s," % literal(args) for args in calls]
    lines += ["]",
              "for i, args in enumerate(calls):",
              "    try:",
              "        r = f(*args)",
              "    except Exception as e:",
              "        print(i, type(e).__name__, e)",
              "    else:",
              "        print(i, type(r).__name__, repr(r))"]
    return "\n".join(lines) + "\n"


def run(command, path):
    done = subprocess.run(command + [path], capture_output=True, text=True, timeout=600)
    return done.returncode, done.stdout, done.stderr


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("pymodel")
    parser.add_argument("profile")
    parser.add_argument("python")
    parser.add_argument("--count", type=int, default=1000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--only", default="")
    args = parser.parse_args()
    real = [args.python, "-S"]
    probe = subprocess.run(real + ["-c", "import math\nprint(' '.join(sorted(n for n in dir(math) "
                                   "if not n.startswith('_') and callable(getattr(math, n)))))"],
                           capture_output=True, text=True, check=True)
    names = probe.stdout.split()
    if args.only:
        names = [n for n in names if n in args.only.split(",")]
    failed = False
    with tempfile.TemporaryDirectory() as scratch:
        for name in names:
            rng = random.Random("%s %s" % (args.seed, name))
            maker = MAKERS.get(name)
            if maker is None:
                print("no argument maker for math.%s" % name)
                failed = True
                continue
            calls = [maker(rng) for _ in range(args.count)]
            path = os.path.join(scratch, "math_%s.py" % name)
            with open(path, "w") as f:
                f.write(program(name, calls))
            status, expected, err = run(real, path)
            if status != 0:
                print("math.%s: the real runtime failed (%d): %s" % (name, status, err[-500:]))
                failed = True
                continue
            # Calls whose int result pymodel cannot hold are left out.
            kept = [c for c, line in zip(calls, expected.splitlines())
                    if not (line.split()[1] == "int" and not fits(int(line.split()[2])))]
            if len(kept) != len(calls):
                calls = kept
                with open(path, "w") as f:
                    f.write(program(name, calls))
                status, expected, err = run(real, path)
            status, actual, err = run([args.pymodel, "--runtime", args.profile], path)
            # An intermediate int beyond 64 bits (prod of ints, then a
            # float) stops pymodel as unsupported: a refusal, no difference.
            if status == 3 and "beyond the 64-bit range" in err and expected.startswith(actual):
                print("math.%s: REFUSED after %d calls agree: %s" % (name, actual.count("\n"), err.strip()[-120:]))
                continue
            if status != 0 or actual != expected:
                failed = True
                print("math.%s: DIFFERS (pymodel exit %d) %s" % (name, status, err.strip()[-300:]))
                shown = 0
                for a, b in zip(expected.splitlines(), actual.splitlines()):
                    if a != b and shown < 5:
                        index = int(a.split()[0])
                        print("   args %s\n     real    %s\n     pymodel %s" % (literal(calls[index]), a, b))
                        shown += 1
            else:
                print("math.%s: %d calls agree" % (name, len(calls)))
    sys.exit(1 if failed else 0)


main()
