"""A random check of pymodel's C recursion (issue 63): programs that repr,
print, format and compare nested containers and instances of a class whose
__eq__ calls isinstance, near the recursion limit, each run on a real
interpreter and on pymodel with that runtime's profile. Not a ctest (it runs
minutes); a campaign:

    recursion_random.py PYMODEL [--programs N] [--seed N] [--runtime NAME]... [--keep DIR]

Prints, per runtime, how many programs agree, how many pymodel stopped as
unsupported (exit 3), and each wrong one (exit 0 with another output than
the real interpreter's), whose file stays in DIR (--keep, else a temporary
directory, kept when something was wrong). Exits 1 when a program was wrong."""

import argparse
import pathlib
import random
import re
import subprocess
import sys
import tempfile

HOME = pathlib.Path.home()
INTERPRETERS = {
    "cpython-3.8": HOME / ".pyenv/versions/3.8.18/bin/python3.8",
    "cpython-3.10": HOME / ".pyenv/versions/3.10.13/bin/python3.10",
    "cpython-3.11": HOME / ".pyenv/versions/3.11.7/bin/python3.11",
    "cpython-3.12": HOME / ".pyenv/versions/3.12.1/bin/python3.12",
    "cpython-3.13": HOME / ".pyenv/versions/3.13.0/bin/python3.13",
}

OPS = ["repr(a)", "str(a)", "f'{a!r}'", "f'{a!s}'", "a == b", "a != b", "len(repr(a))", "print(a) or 0",
       "[a] == [b]", "(a,) == (b,)", "'%r' % (a,)", "isinstance(a, (int, (str, R)))"]


def program(seed):
    r = random.Random(seed)
    lines = ["import sys"]
    limit = r.choice([None, None, 60, 100, 200, 1000, 3000])
    if limit:
        lines.append(f"sys.setrecursionlimit({limit})")
    check = r.choice(["isinstance(o, R)", "isinstance(o, (int, R))", "type(o) is R"])
    lines += ["class R:", "    def __init__(self, c): self.c = c",
              "    def __repr__(self): return 'R' + " + r.choice(["repr(self.c)", "f'{self.c!r}'", "str(self.c)"]),
              f"    def __eq__(self, o): return {check} and self.c == o.c",
              "def build(d, kinds):",
              "    x = []",
              "    for i in range(d):",
              "        k = kinds[i % len(kinds)]",
              "        x = [x] if k == 'l' else (x,) if k == 't' else {1: x} if k == 'd' else R(x)",
              "    return x",
              "def down(n, f):",
              "    return f() if n == 0 else down(n - 1, f)"]
    for _ in range(r.randint(1, 4)):
        edge = r.choice([limit or 1000, 1000, 1500, 10000 // 4, 300, 50])
        d = max(1, edge + r.randint(-8, 4)) if r.random() < 0.8 else r.randint(1, 2000)
        kinds = "".join(r.choice("lltdR") for _ in range(r.randint(1, 3)))
        op = r.choice(OPS)
        depth = r.choice([0, 0, 5, 50, 400])
        lines += [f"a = build({d}, {kinds!r}); b = build({d}, {kinds!r})",
                  "try:",
                  f"    v = down({depth}, lambda: {op})",
                  "    print('ok', len(v) if isinstance(v, str) else v)",
                  "except RecursionError as e:",
                  "    print('RecursionError', e)"]
    return "\n".join(lines) + "\n"


def run(cmd):
    try:
        p = subprocess.run(cmd, capture_output=True, text=True, timeout=120)
    except subprocess.TimeoutExpired:
        return None, ""
    return p.returncode, re.sub(r" at 0x[0-9a-f]+", "", p.stdout + p.stderr)


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("pymodel")
    ap.add_argument("--programs", type=int, default=100)
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--runtime", action="append", choices=sorted(INTERPRETERS))
    ap.add_argument("--keep")
    args = ap.parse_args()
    out = pathlib.Path(args.keep or tempfile.mkdtemp(prefix="recursion_random."))
    out.mkdir(parents=True, exist_ok=True)
    wrong_any = False
    for name in args.runtime or sorted(INTERPRETERS):
        python = INTERPRETERS[name]
        if not python.exists():
            print(f"{name}: {python} not installed, skipped")
            continue
        agree = unsupported = 0
        wrong = []
        for seed in range(args.seed, args.seed + args.programs):
            f = out / f"p{seed}.py"
            f.write_text(program(seed))
            _, real = run([str(python), "-S", "-u", str(f)])
            rc, model = run([args.pymodel, "--runtime", name, str(f)])
            if rc == 3:
                unsupported += 1
            elif model == real:
                agree += 1
            else:
                wrong.append(f.name)
        print(f"{name}: agree={agree} unsupported={unsupported} wrong={len(wrong)} {' '.join(wrong)}", flush=True)
        wrong_any |= bool(wrong)
    if wrong_any or args.keep:
        print(f"programs in {out}")
    return 1 if wrong_any else 0


if __name__ == "__main__":
    sys.exit(main())
