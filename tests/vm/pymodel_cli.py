"""pymodel's command line: `-` reads the program from stdin, a decimal literal
past CPython 3.11's 4300 digits is its SyntaxError, the profiles are
found beside the binary or under the install prefix, never in the source
tree, and --explain wants a file it can write.

usage: pymodel_cli.py PYMODEL BUILD_DIR SOURCE_DIR
"""

import os
import subprocess
import sys
import tempfile
from pathlib import Path

PYMODEL, BUILD, SOURCE = sys.argv[1], sys.argv[2], sys.argv[3]
failures = []


def check(condition, what):
    if not condition:
        failures.append(what)
        print(f"FAILED: {what}", flush=True)


def pymodel(*args, program=None, binary=PYMODEL, cwd=None):
    env = {k: v for k, v in os.environ.items() if k != "PYMODEL_PROFILES"}
    done = subprocess.run([binary, *args], input=program, capture_output=True, text=True, env=env, cwd=cwd)
    return done.returncode, done.stdout, done.stderr


def test_stdin():
    program = 'print(__file__)\nraise ValueError(2)\n'
    status, out, err = pymodel("-", program=program)
    check(status == 1, f"stdin: exit status {status}")
    check(out == "<stdin>\n", f"stdin: __file__ is <stdin>: {out!r}")
    # CPython shows no source line for a program it read from stdin.
    check(err == 'Traceback (most recent call last):\n  File "<stdin>", line 2, in <module>\nValueError: 2\n',
          f"stdin: the traceback is CPython's: {err!r}")


def test_huge_literal(scratch):
    too_long = Path(scratch) / "too_long.py"
    too_long.write_text("x = 1\ny = " + "7" * 4301 + "\n")
    status, _, err = pymodel(str(too_long))
    check(status == 1, f"literal: exit status {status} (SyntaxError)")
    check(err.startswith(f'  File "{too_long}", line 2\n'), f"literal: where: {err[:80]!r}")
    check(err.endswith("SyntaxError: Exceeds the limit (4300 digits) for integer string conversion: value has 4301 "
                       "digits; use sys.set_int_max_str_digits() to increase the limit - Consider hexadecimal for "
                       "huge integer literals to avoid decimal conversion limits.\n"), f"literal: message: {err[-200:]!r}")
    at_limit = Path(scratch) / "at_limit.py"
    at_limit.write_text("y = " + "7" * 4300 + "\n")
    status, _, err = pymodel(str(at_limit))
    check(status == 3 and "unsupported: integer literal out of the 64-bit range" in err,
          f"literal: 4300 digits are valid Python, beyond pymodel's 64 bits: {status} {err!r}")


def test_profiles(scratch):
    status, _, err = pymodel("--runtime", "nosuch", "x.py")
    beside = Path(PYMODEL).parent / "profiles" / "nosuch.toml"
    check(status == 2 and str(beside) in err, f"profiles: looked for beside the binary: {err!r}")
    check(str(Path(SOURCE) / "backends") not in err, f"profiles: never in the source tree: {err!r}")
    prefix = Path(scratch) / "prefix"
    subprocess.run(["cmake", "--install", BUILD, "--prefix", str(prefix)], check=True, capture_output=True)
    program = Path(scratch) / "hello.py"
    program.write_text("print('hello')\n")
    for runtime in ("cpython-3.11", "pypy-7.3"):
        status, out, err = pymodel("--runtime", runtime, str(program), binary=str(prefix / "bin" / "pymodel"))
        check(status == 0 and out == "hello\n", f"profiles: the installed pymodel runs on {runtime}: {err!r}")


def test_unsupported_in_generator():
    # The generator's frame goes while the stack unwinds: no crash, no
    # "generator already executing", the place is the generator's line.
    program = "import tracemalloc\nprint(' '.join(str(tracemalloc.take_snapshot()) for n in (1, 2)))\n"
    status, _, err = pymodel("-", program=program)
    check(status == 3 and err == "pymodel: unsupported: tracemalloc.take_snapshot at <stdin>:2\n",
          f"unsupported in a generator: {status} {err!r}")


def test_explain(scratch):
    program = "print('hello')\n"
    status, out, err = pymodel("--explain", "-", "-", program=program)
    check(status == 2 and out == "" and "--explain needs a file" in err, f"explain: - refused: {status} {err!r}")
    unwritable = Path(scratch) / "no" / "such" / "trace"
    status, out, err = pymodel("--explain", str(unwritable), "-", program=program)
    check(status == 2 and out == "" and f"can't write the explain trace '{unwritable}'" in err,
          f"explain: an unwritable trace stops before the run: {status} {out!r} {err!r}")
    trace = Path(scratch) / "trace"
    status, out, err = pymodel("--explain", str(trace), "-", program="print(1 +)\n")
    check(status == 1 and trace.exists() and trace.read_text() == "",
          f"explain: a program that does not compile leaves an empty trace: {status} {err!r}")
    status, out, err = pymodel(f"--explain={trace}", "-", program=program)
    check(status == 0 and out == "hello\n" and err == "" and trace.read_text().endswith("left alive at exit 0\n"),
          f"explain: --explain=FILE runs the program and writes the trace: {status} {out!r} {err!r}")


def main():
    with tempfile.TemporaryDirectory(prefix="pymodel-cli-") as scratch:
        test_stdin()
        test_huge_literal(scratch)
        test_profiles(scratch)
        test_unsupported_in_generator()
        test_explain(scratch)
    print(f"{len(failures)} failures" if failures else "all pymodel command-line tests passed")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
