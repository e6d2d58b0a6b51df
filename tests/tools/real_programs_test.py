"""tools/real_programs/check.py on programs whose verdicts are known: one
with cycles that the model runs as CPython does (collections during the
run, the counts at the end), one it refuses, one the real interpreter
cannot run, and, against an "interpreter" that prints one line more than
CPython, a WRONG verdict and exit status 1; benchmark folders named
themselves. And its pyperf stand-in, on a pyperformance-style benchmark
(a positional with choices).
Usage: real_programs_test.py CHECK_PY PYMODEL PYTHON3"""

import os
import subprocess
import sys
import tempfile

CHECK, PYMODEL, PYTHON3 = map(os.path.abspath, sys.argv[1:4])

CYCLES = '''class Node:
    def __init__(self):
        self.me = self


for size in range(300):
    nodes = [Node() for _ in range(size)]
print(len(nodes))
'''

BENCHMARK = '''import pyperf


class Node:
    def __init__(self):
        self.me = self


def bench(loops, size):
    for _ in range(loops):
        nodes = [Node() for _ in range(size)]
        del nodes
    return pyperf.perf_counter()


runner = pyperf.Runner()
runner.argparser.add_argument("size", choices=["300", "10"])
args = runner.parse_args()
runner.bench_time_func("cycles", bench, int(args.size))
print("size", args.size)
'''


def check(folder, real):
    done = subprocess.run([sys.executable, CHECK, "--pymodel", PYMODEL, "--runtime", "cpython-3.11.2",
                           "--real", real, folder], capture_output=True, text=True, timeout=300)
    verdicts = {}
    for line in done.stdout.splitlines()[:-1]:
        status, name = line[:12].strip(), line[12:].split()[0]
        verdicts[name] = status
    return done.returncode, verdicts, done.stdout + done.stderr


def expect(what, got, wanted, output):
    if got != wanted:
        print(f"FAIL: {what}: {got!r}, expected {wanted!r}\n{output}")
        sys.exit(1)


with tempfile.TemporaryDirectory() as folder:
    with open(os.path.join(folder, "run_benchmark.py"), "w") as f:
        f.write(BENCHMARK)
    os.symlink(os.path.join(os.path.dirname(CHECK), "pyperf.py"), os.path.join(folder, "pyperf.py"))
    ran = subprocess.run([PYTHON3, "-S", "run_benchmark.py"], cwd=folder, capture_output=True, text=True)
    expect("the pyperf stand-in", ran.stdout, "ran cycles\nsize 300\n", ran.stderr)

with tempfile.TemporaryDirectory() as folder:
    with open(os.path.join(folder, "cycles.py"), "w") as f:
        f.write(CYCLES)
    # Refused by design: to 3.11 None's count is every reference the
    # interpreter holds.
    with open(os.path.join(folder, "refcount_of_none.py"), "w") as f:
        f.write("import sys\nprint(sys.getrefcount(None))\n")
    with open(os.path.join(folder, "missing_package.py"), "w") as f:
        f.write("import no_such_package_anywhere\n")
    status, verdicts, output = check(folder, f"{PYTHON3} -S -u")
    expect("verdicts", verdicts, {"cycles": "SAME", "refcount_of_none": "UNSUPPORTED",
                                  "missing_package": "REAL FAILED"}, output)
    expect("exit status", status, 0, output)
    expect("summary", output.splitlines()[-1].split(";")[0], "1 REAL FAILED, 1 SAME, 1 UNSUPPORTED", output)

    one_line_more = os.path.join(folder, "one_line_more.sh")
    with open(one_line_more, "w") as f:
        f.write(f'{PYTHON3} -S -u "$@" && echo "one line more"\n')
    os.remove(os.path.join(folder, "refcount_of_none.py"))
    os.remove(os.path.join(folder, "missing_package.py"))
    status, verdicts, output = check(folder, f"sh {one_line_more}")
    expect("verdicts against a differing interpreter", verdicts, {"cycles": "WRONG"}, output)
    expect("exit status with a WRONG", status, 1, output)

# Benchmark folders named themselves, two of them: one program each, named
# after its folder (both scripts are run_benchmark.py).
with tempfile.TemporaryDirectory() as parent:
    folders = []
    for name in ("bm_first", "bm_second"):
        folders.append(os.path.join(parent, name))
        os.mkdir(folders[-1])
        with open(os.path.join(folders[-1], "run_benchmark.py"), "w") as f:
            f.write(CYCLES)
    done = subprocess.run([sys.executable, CHECK, "--pymodel", PYMODEL, "--runtime", "cpython-3.11.2", "--real",
                           f"{PYTHON3} -S -u", *folders], capture_output=True, text=True, timeout=300)
    named = [(line[:12].strip(), line[12:].split()[0]) for line in done.stdout.splitlines()[:-1]]
    expect("benchmark folders named directly", (done.returncode, named),
           (0, [("SAME", "bm_first"), ("SAME", "bm_second")]), done.stdout + done.stderr)
print("ok")
