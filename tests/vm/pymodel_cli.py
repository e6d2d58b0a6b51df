"""pymodel's command line: `-` reads the program from stdin, a decimal literal
past CPython 3.11's 4300 digits is its SyntaxError, the profiles are
found beside the binary or under the install prefix, never in the source
tree, and --explain wants a file it can write. Imports of the program's own
files from sys.path, and pymodel's unittest running a test module, print
what the python3 running this script prints.

usage: pymodel_cli.py PYMODEL BUILD_DIR SOURCE_DIR
"""

import os
import shutil
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


def test_program_arguments(scratch):
    # What follows FILE is the program's, options included: sys.argv is
    # FILE as given and those; sys.path[0] the folder of FILE's real path.
    folder = Path(scratch) / "args"
    folder.mkdir()
    program = folder / "show_argv.py"
    program.write_text("import sys\nprint(sys.argv, sys.path[0])\n")
    link = Path(scratch) / "link_to_show_argv.py"
    link.symlink_to(program)
    for args, cwd in ((["show_argv.py", "x", "--runtime", "-"], folder), ([str(link), "--dis"], None)):
        expected = subprocess.run([sys.executable, "-S", *args], capture_output=True, text=True, cwd=cwd).stdout
        status, out, err = pymodel(*args, cwd=cwd)
        check(status == 0 and out == expected, f"argv: {args}: {status} {out!r} {err!r}, python3 {expected!r}")
    status, out, err = pymodel("-", "a", program="import sys\nprint(sys.argv, repr(sys.path[0]))\n")
    check(status == 0 and out == "['-', 'a'] ''\n", f"argv: stdin: {status} {out!r} {err!r}")


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
    at_limit.write_text("y = " + "7" * 4300 + "\nprint(len(str(y)), y % 1000)\n")
    status, out, err = pymodel(str(at_limit))
    check(status == 0 and out == "4300 777\n", f"literal: 4300 digits are valid Python: {status} {out!r} {err!r}")


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
    # A profile key that names a builtin type the VM lacks is refused as the
    # program starts, naming the key and the type.
    profiles = Path(scratch) / "profiles"
    shutil.copytree(Path(PYMODEL).parent / "profiles", profiles)
    (profiles / "typo.toml").write_text('extends = "cpython-3.11"\n[weakref]\nweakrefable_types = ["no_such_type"]\n')
    done = subprocess.run([PYMODEL, "--runtime", "typo", str(program)], capture_output=True, text=True,
                          env={**os.environ, "PYMODEL_PROFILES": str(profiles)})
    check(done.returncode == 2 and "weakref.weakrefable_types names no builtin type: no_such_type" in done.stderr,
          f"profiles: a key naming an unknown builtin type: {done.returncode} {done.stderr!r}")


def test_unsupported_in_generator():
    # The generator's frame goes while the stack unwinds: no crash, no
    # "generator already executing", the place is the generator's line.
    program = "import tracemalloc\nprint(' '.join(str(tracemalloc.take_snapshot()) for n in (1, 2)))\n"
    status, _, err = pymodel("-", program=program)
    check(status == 3 and err == "pymodel: unsupported: tracemalloc.take_snapshot at <stdin>:2\n",
          f"unsupported in a generator: {status} {err!r}")


def test_absent_module():
    # The runtime has subprocess: outside unittest a caught ImportError would
    # be a wrong answer, so the import stops the program.
    program = "try:\n    import subprocess\nexcept ImportError:\n    print('no subprocess')\n"
    status, out, err = pymodel("-", program=program)
    check(status == 3 and out == "" and err.startswith("pymodel: unsupported: `import subprocess`: a module of the"),
          f"an absent module outside unittest: {status} {out!r} {err!r}")


def test_unmodeled_operations_stop():
    # What the runtime's types do and the model's lack stops the program: a
    # TypeError there, or a str decoded otherwise, would be a wrong answer.
    for program, reason in [
        ("b = bytearray(b'a')\ntry:\n    b[0] = 66\nexcept TypeError:\n    print('no')\n", "bytearray.__setitem__"),
        ("for x in b'ab':\n    print(x)\n", "iterating over a 'bytes' through __getitem__"),
        ("class G:\n    def __getitem__(self, i):\n        return i\nprint(list(G()))\n", "through __getitem__"),
        ("print(b'\\xe9'.decode('latin-1'))\n", "bytes.decode with the encoding latin-1"),
        ("print(b'\\xff'.decode())\n", "bytes.decode of bytes that are not valid UTF-8"),
    ]:
        status, out, err = pymodel("-", program=program)
        check(status == 3 and out == "" and reason in err, f"{program!r}: {status} {out!r} {err!r}")
    status, out, _ = pymodel("-", program="print(b'\\xc3\\xa9'.decode('UTF_8'), b'ab'.decode(errors='strict'))\n")
    check(status == 0 and out == "\u00e9 ab\n", f"bytes.decode of UTF-8: {status} {out!r}")


def test_percent_conversion_takes_an_argument():
    # '%5%' (a width on '%%') takes an argument in CPython's formatter: a
    # TypeError without one, a ValueError with one, never a '%'.
    program = ("for args in [(), (1,)]:\n    try:\n        print('%5%' % args)\n"
               "    except (TypeError, ValueError) as e:\n        print(type(e).__name__, e)\n")
    expected = subprocess.run([sys.executable, "-S", "-"], input=program, capture_output=True, text=True).stdout
    status, out, err = pymodel("-", program=program)
    check(status == 0 and out == expected, f"'%5%': {status} {out!r} {err!r}, python3 {expected!r}")


def test_class_hooks():
    # type_new calls __set_name__, then __init_subclass__ with the class
    # statement's keywords (the default runtime, 3.11); what the model cannot
    # do as the runtime does stops the statement.
    hooks = (
        "class D:\n    def __set_name__(self, owner, name):\n        print(owner.__name__, name)\n"
        "class B:\n    def __init_subclass__(cls, **kw):\n        print(cls.__name__, kw)\n"
        "class S(B, flag=1, metaclass=type):\n    a = D()\n"
    )
    status, out, err = pymodel("-", program=hooks)
    check((status, out, err) == (0, "S a\nS {'flag': 1}\n", ""), f"class hooks: {status} {out!r} {err!r}")
    status, out, err = pymodel("--runtime", "cpython-3.13", "-", program=hooks)
    check(status == 3 and out == "S a\n" and "an __init_subclass__ of the program's" in err and "<stdin>:7" in err,
          f"__init_subclass__ on 3.13: {status} {out!r} {err!r}")
    for program, reason, line in [
        ("class M(type):\n    pass\nclass C(metaclass=M):\n    pass\n", "subclassing 'type'", 1),
        ("def m(*a):\n    return 1\nclass C(metaclass=m):\n    pass\n", "a metaclass other than type", 3),
        ("class D:\n    def __set_name__(self, o, n):\n        raise KeyError\nclass C:\n    a = D()\n",
         "an error raised by __set_name__", 4),
    ]:
        status, out, err = pymodel("-", program=program)
        check(status == 3 and err.startswith("pymodel: unsupported: " + reason) and f"<stdin>:{line}" in err,
              f"{reason}: {status} {out!r} {err!r}")


def test_annotation_objects():
    # An alias answers what it models; calling one stops. A union's
    # allocations are not counted: a count after one stops until a
    # gc.collect(). (pymodel() runs the cpython-3.11 profile.)
    status, out, err = pymodel("-", program="x = dict[str, list[int]]\nprint(x, x.__args__[1].__origin__)\n")
    check(status == 0 and out == "dict[str, list[int]] <class 'list'>\n", f"alias: {status} {out!r} {err!r}")
    status, out, err = pymodel("-", program="x = list[int]\nx()\n")
    check(status == 3 and "unsupported: calling list[int] (a types.GenericAlias)" in err and "<stdin>:2" in err,
          f"alias call refused: {status} {out!r} {err!r}")
    union = "import gc\nu = int | None\nprint(u, u == (None | int))\n"
    status, out, err = pymodel("-", program=union + "gc.get_count()\n")
    check(status == 3 and out == "int | None True\n" and "gc.get_count() after a union type" in err,
          f"union: the count after it refused: {status} {out!r} {err!r}")
    status, out, err = pymodel("-", program=union + "gc.collect()\nprint(gc.get_count())\n")
    check(status == 0 and out == "int | None True\n(0, 0, 0)\n", f"union: known after gc.collect(): {status} {out!r} {err!r}")
    status, out, err = pymodel("--runtime", "cpython-3.9", "-", program="print(int | None)\n")
    check(status == 1 and "unsupported operand type(s) for |: 'type' and 'NoneType'" in err,
          f"union: a TypeError to 3.9: {status} {out!r} {err!r}")


def test_counts_after_uncharged_import():
    # The profile has no trace of what `import textwrap` allocates: a count
    # that shows it stops the program. A gc.collect() whose count is dropped
    # shows nothing, and frees what the import left. `time` is loaded at
    # start-up.
    imports = "import gc\nimport textwrap\n"
    refused = [("gc.get_count()", "gc.get_count()"), ("print(gc.collect())", "gc.collect()'s count"),
               ("n = gc.collect(0)", "gc.collect()'s count")]
    for line, what in refused:
        status, out, err = pymodel("-", program=imports + line + "\n")
        check(status == 3 and f"unsupported: {what} after `import textwrap`: the profile has no trace" in err,
              f"uncharged import: {line!r} refused: {status} {err!r}")
    status, out, err = pymodel("-", program=imports + "gc.collect()\nprint(gc.collect(), gc.get_count())\n")
    check(status == 0 and out == "0 (0, 0, 0)\n", f"uncharged import: known after gc.collect(): {status} {out!r} {err!r}")
    status, out, err = pymodel("-", program="import gc\nimport time\nprint(gc.get_count()[0] > 0)\n")
    check(status == 0 and out == "True\n", f"uncharged import: time is preloaded: {status} {out!r} {err!r}")


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
    # `--explain prog.py` takes prog.py as the trace: with no program left
    # it is a usage error, and a trace naming the program is refused, both
    # before anything is written.
    script = Path(scratch) / "prog.py"
    script.write_text(program)
    status, out, err = pymodel("--explain", str(script))
    check(status == 2 and "a FILE is required" in err and script.read_text() == program,
          f"explain: --explain PROGRAM without FILE leaves the program as it was: {status} {err!r}")
    status, out, err = pymodel("--explain", str(script), str(script))
    check(status == 2 and out == "" and f"the explain trace '{script}' is the program itself" in err and
          script.read_text() == program, f"explain: a trace that is the program is refused: {status} {err!r}")


TEST_MODULE = """
import contextlib
import unittest

log = []

def setUpModule():
    log.append("setUpModule")

class Fixtures(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        log.append("setUpClass")

    def setUp(self):
        log.append("setUp " + self._testMethodName)

    def tearDown(self):
        log.append("tearDown")

    def test_b_fails(self):
        self.assertEqual([1], [2])

    def test_a_passes(self):
        with self.assertRaises(KeyError):
            {}[1]
        self.assertRegex("<Thing at 0x1f>", "<Thing at 0x.*>")

    def test_c_errors(self):
        raise OSError("no")

    @unittest.skip("not today")
    def test_d_skipped(self):
        pass

    @unittest.expectedFailure
    def test_e_expected(self):
        self.fail()

    def test_f_subtests(self):
        for i in range(3):
            with self.subTest(i=i):
                self.assertNotEqual(i, 1)

@unittest.skipIf(True, "whole class")
class Skipped(unittest.TestCase):
    def test_x(self):
        pass

class Mixin:
    def test_from_mixin(self):
        @contextlib.contextmanager
        def cm():
            log.append("enter")
            yield 5
            log.append("exit")
        with cm() as v:
            self.assertIs(v, 5)

class WithMixin(Mixin, unittest.TestCase):
    pass
"""

DRIVER = """
import sys
import unittest
sys.path.insert(0, DIR)
module = __import__("peer_sample")
helper = __import__("helper")  # an import statement may name only the modules pymodel knows
sub = __import__("pkg.sub", fromlist=["NAME"])
print(helper.NAME, sub.NAME, sys.modules["pkg.sub"] is sub)
for name in ("absent_module", "ctypes"):
    try:
        __import__(name)
    except ImportError as e:
        print(type(e).__name__, name)

class Result(unittest.TestResult):
    def addSuccess(self, test):
        print("pass", test.id())
    def addFailure(self, test, err):
        print("fail", test.id(), err[0].__name__)
    def addError(self, test, err):
        print("error", test.id(), err[0].__name__)
    def addSkip(self, test, reason):
        print("skip", test.id(), reason)
    def addExpectedFailure(self, test, err):
        print("xfail", test.id())
    def addSubTest(self, test, subtest, err):
        if err is not None:
            print("subtest", subtest.id(), err[0].__name__)

unittest.defaultTestLoader.loadTestsFromModule(module).run(Result())
print(module.log)
"""


def test_imports_and_unittest(scratch):
    directory = Path(scratch) / "peer"
    (directory / "pkg").mkdir(parents=True)
    (directory / "peer_sample.py").write_text(TEST_MODULE)
    (directory / "helper.py").write_text('NAME = "helper"\n')
    (directory / "pkg" / "__init__.py").write_text("")
    (directory / "pkg" / "sub.py").write_text('NAME = "pkg.sub"\n')
    program = Path(scratch) / "driver.py"
    program.write_text(f"DIR = {str(directory)!r}\n" + DRIVER)
    expected = subprocess.run([sys.executable, "-S", str(program)], capture_output=True, text=True)
    # ctypes exists on CPython; pymodel does not model it.
    expected_out = expected.stdout.replace("absent_module\n", "absent_module\nModuleNotFoundError ctypes\n")
    status, out, err = pymodel(str(program))
    check(status == 0 and err == "", f"unittest: exit status {status}: {err}")
    check(out == expected_out, f"unittest: prints what python3 prints:\n{out}\n----- python3:\n{expected_out}")


def main():
    with tempfile.TemporaryDirectory(prefix="pymodel-cli-") as scratch:
        test_stdin()
        test_program_arguments(scratch)
        test_huge_literal(scratch)
        test_profiles(scratch)
        test_unsupported_in_generator()
        test_absent_module()
        test_unmodeled_operations_stop()
        test_percent_conversion_takes_an_argument()
        test_class_hooks()
        test_annotation_objects()
        test_counts_after_uncharged_import()
        test_explain(scratch)
        test_imports_and_unittest(scratch)
    print(f"{len(failures)} failures" if failures else "all pymodel command-line tests passed")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
