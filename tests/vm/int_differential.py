"""Differential check of pymodel's ints against a real interpreter: random
ints around the 64-bit boundary and far beyond it, through arithmetic,
comparisons with ints and floats, hashing, text conversions, format specs,
bytes, rounding and the math functions on ints. One program holds every
call as a literal; each prints its result or its exception, and every line
must be the same on pymodel (with the profile that models the interpreter)
and on the interpreter.

    tests/vm/int_differential.py PYMODEL PROFILE PYTHON [--count N] [--seed S]

    tests/vm/int_differential.py build/backends/pymodel cpython-3.11 \\
        ~/.pyenv/versions/3.11.7/bin/python3.11 --count 5000

Exits 1 on any difference, printing the first ones."""

import argparse
import math
import random
import subprocess
import sys
import tempfile

PRELUDE = """import math, sys
def t(f):
    try:
        r = repr(f())
    except Exception as e:
        r = type(e).__name__ + ": " + str(e)
    print(r)
"""

SPECS = ["", "d", ",", "_", "x", "X", "#x", "o", "#o", "b", "_b", "_x", "+d", " d", ">60", "<50,", "^70_", "e", ".3f"]


def an_int(rng):
    kind = rng.randrange(8)
    if kind == 0:
        return rng.choice([0, 1, -1, 2, 255, 256, -5, -6])
    if kind == 1:  # near the 64-bit boundary
        return rng.choice([1, -1]) * (2**63 + rng.randrange(-3, 4))
    if kind == 2:
        return rng.choice([1, -1]) * (2**64 + rng.randrange(-3, 4))
    if kind == 3:
        return rng.randrange(-(2**62), 2**62)
    if kind == 4:  # a power of two, give or take one
        return rng.choice([1, -1]) * (2 ** rng.randrange(60, 1100) + rng.randrange(-1, 2))
    if kind == 5:  # a float's neighbourhood: rounding to double
        return rng.choice([1, -1]) * ((2**53 + rng.randrange(-2, 3)) << rng.randrange(0, 1000))
    return rng.choice([1, -1]) * rng.getrandbits(rng.randrange(64, 3000))


def a_float(rng):
    kind = rng.randrange(4)
    if kind == 0:
        return rng.choice([0.0, -0.0, 0.5, 1e308, -1e308, 2.0**63, -(2.0**63), 2.0**64, 9007199254740993.0])
    if kind == 1:
        return float(rng.choice([1, -1]) * 2 ** rng.randrange(0, 1023))
    if kind == 2:
        return rng.uniform(-1e30, 1e30)
    return math.ldexp(rng.random(), rng.randrange(-20, 1024))


def calls(rng, count):
    for _ in range(count):
        a, b = an_int(rng), an_int(rng)
        small = rng.randrange(0, 200)
        f = a_float(rng)
        kind = rng.randrange(12)
        if kind == 0:
            yield from (f"{a!r} + {b!r}", f"{a!r} - {b!r}", f"{a!r} * {b!r}", f"-({a!r})", f"~({a!r})", f"abs({a!r})")
        elif kind == 1:
            yield from (f"{a!r} // {b!r}", f"{a!r} % {b!r}", f"divmod({a!r}, {b!r})", f"{a!r} / {b!r}")
        elif kind == 2:
            yield from (f"{a!r} << {small}", f"{a!r} >> {small}", f"{a!r} >> {small * 20}", f"{a!r} & {b!r}",
                        f"{a!r} | {b!r}", f"{a!r} ^ {b!r}")
        elif kind == 3:
            yield from (f"{a!r} < {b!r}", f"{a!r} == {b!r}", f"{a!r} >= {b!r}", f"{a!r} < {f!r}",
                        f"{a!r} == {float(a)!r}" if abs(a) < 2**1000 else f"{a!r} > {f!r}", f"{f!r} <= {a!r}")
        elif kind == 4:
            yield from (f"hash({a!r})", f"hash({a!r}) == hash(float({a!r}))", f"float({a!r})", f"{a!r} + {f!r}",
                        f"{a!r} * 0.5")
        elif kind == 5:
            yield from (f"str({a!r})", f"int({str(a)!r})", f"int({format(a, 'x')!r}, 16)",
                        f"int({format(a, '_b')!r}, 2)")
        elif kind == 6:
            yield f"format({a!r}, {rng.choice(SPECS)!r})"
            yield f"'%d %x' % ({a!r}, {a!r})"
        elif kind == 7:
            length = (abs(a).bit_length() + 8) // 8
            yield from (f"({a!r}).bit_length()", f"({a!r}).to_bytes({length}, 'big', signed=True)",
                        f"({abs(a)!r}).to_bytes({length}, 'little')", f"({a!r}).to_bytes(8, 'big', signed=True)",
                        f"int.from_bytes({(abs(a) % 2**200).to_bytes(26, 'big')!r}, 'big', signed=True)")
        elif kind == 8:
            yield from (f"round({a!r}, {-rng.randrange(0, 60)})", f"round({a!r})", f"{a!r} ** {rng.randrange(0, 6)}",
                        f"{b % 2**70!r} ** {rng.randrange(0, 20)}", f"{a!r} ** -1")
        elif kind == 9:
            yield from (f"math.gcd({a!r}, {b!r})", f"math.isqrt({abs(a)!r})", f"math.log({abs(a) + 1!r})",
                        f"math.log2({abs(a) + 1!r})", f"math.log10({abs(a) + 1!r})", f"math.floor({f!r})",
                        f"math.ceil({f!r})", f"int({f!r})", f"round({f!r})")
        elif kind == 10:
            n, k = rng.randrange(0, 120), rng.randrange(0, 60)
            yield from (f"math.factorial({n})", f"math.comb({n}, {k})", f"math.perm({n}, {k})",
                        f"sorted([{a!r}, {b!r}, {f!r}, 0])", f"{{{a!r}: 1, {b!r}: 2}}")
        else:
            yield from (f"({a!r}).bit_count()" if sys.version_info >= (3, 10) else f"bool({a!r})",
                        f"max({a!r}, {b!r})", f"sum([{a!r}, {b!r}, {small}])", f"{a!r} in {{{b!r}, {a!r}}}")


def run(command, program):
    with tempfile.NamedTemporaryFile("w", suffix=".py", delete=False) as f:
        f.write(program)
    return subprocess.run(command + [f.name], capture_output=True, text=True, timeout=600)


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("pymodel")
    parser.add_argument("profile")
    parser.add_argument("python")
    parser.add_argument("--count", type=int, default=100)
    parser.add_argument("--seed", type=int, default=58)
    args = parser.parse_args()
    rng = random.Random(args.seed)
    lines = list(calls(rng, args.count))
    program = PRELUDE + "".join(f"t(lambda: {line})\n" for line in lines)
    real = run([args.python, "-S"], program)
    model = run([args.pymodel, "--runtime", args.profile], program)
    if model.returncode != 0 or real.returncode != 0:
        print(f"exit {model.returncode} (pymodel), {real.returncode} ({args.python})")
        print(model.stderr[-2000:], real.stderr[-2000:])
        return 1
    differences = [(line, m, r) for line, m, r in zip(lines, model.stdout.splitlines(), real.stdout.splitlines())
                   if m != r]
    for line, m, r in differences[:10]:
        print(f"{line[:200]}\n  pymodel: {m[:300]}\n  python:  {r[:300]}")
    print(f"{len(lines)} calls, {len(differences)} differences")
    return 1 if differences else 0


if __name__ == "__main__":
    sys.exit(main())
