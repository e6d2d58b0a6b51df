"""Outcomes must not depend on the machine they were recorded on.

Runs the whole corpus, and a fixed sample of fuzz programs against both
models, on the real CPython and PyPy of backends.toml, each time with one
perturbation of the machine:

  other-build   another build of the same CPython (Debian's /usr/bin/python3
                beside pyenv's), when this machine has two;
  sitecustomize a sitecustomize.py on PYTHONPATH that imports 50 modules;
  environment   200 more variables in memconform's own environment;
  deep-tmpdir   the cases' temporary folders 12 levels deeper.

Every corpus outcome must stay the recorded one: a case that changes fails
the test, named by memconform's FAIL lines under the perturbation's heading.
The fuzz sample is first run unperturbed; under each perturbation the models
must agree and disagree with the real interpreter on exactly the same
programs, so that the test measures the machine, not the models' accuracy
(the fuzz smokes measure that). Before a perturbation is trusted, it is shown
to change what an unpinned interpreter does, so that a pass means the pinning
held, not that nothing happened.

Usage: machine_independence.py MEMCONFORM PROJECT_ROOT [--shard I/N]
(--shard: only that shard of the corpus under each perturbation; CI's
sample, docs/ci.md.)
"""

import os
import re
import shutil
import subprocess
import sys
import tempfile

FUZZ_SEED = 7500
FUZZ_COUNT = 50
# Not gc-automatic: where an automatic collection falls depends on the count
# start-up leaves, which differs between builds (3.11.2 starts 8 lower than
# 3.11.7) and with the sys.path entries start-up searches (PYTHONPATH).
FUZZ_WITHOUT = "gc-automatic"
STDLIB_MODULES = [
    "abc", "argparse", "ast", "base64", "bisect", "calendar", "collections", "contextlib", "copy", "csv",
    "dataclasses", "datetime", "decimal", "difflib", "dis", "email", "enum", "fnmatch", "fractions", "functools",
    "getopt", "glob", "gzip", "hashlib", "heapq", "hmac", "inspect", "io", "ipaddress", "itertools",
    "json", "locale", "logging", "numbers", "operator", "os", "pathlib", "pickle", "pprint", "queue",
    "random", "re", "shlex", "shutil", "socket", "statistics", "string", "struct", "tempfile", "textwrap",
]
assert len(STDLIB_MODULES) == 50

memconform, project = sys.argv[1], os.path.abspath(sys.argv[2])
shard = sys.argv[3:5] if sys.argv[3:4] == ["--shard"] else []
scratch = tempfile.mkdtemp(prefix="memconform-machine-")
failures = []


def sh(argv, env=None, cwd=None):
    return subprocess.run(argv, env=env, cwd=cwd, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)


def backend_command(name):
    """The command template backends.toml gives a backend (a one-line string)."""
    text = open(os.path.join(project, "backends.toml")).read()
    block = re.search(r"\[backend\.%s\]\n(.*?)(?:\n\[|\Z)" % re.escape(name), text, re.S).group(1)
    return re.search(r'^command = "(.*)"$', block, re.M).group(1)


def project_copy(extra_toml=""):
    """A project whose cases, recordings and baselines are this one's, and
    whose backends.toml is this one's plus [extra_toml]."""
    root = tempfile.mkdtemp(prefix="root-", dir=scratch)
    for entry in ["cases", "expected", "baselines", "tools"]:
        os.symlink(os.path.join(project, entry), os.path.join(root, entry))
    with open(os.path.join(root, "backends.toml"), "w") as out:
        out.write(open(os.path.join(project, "backends.toml")).read() + "\n" + extra_toml)
    return root


def model_of(real):
    return "pymodel-pypy-7.3" if "pypy" in real else "pymodel-cpython-3.11"


def fuzz_disagreements(root, model, real, env=None):
    """The seeds, with their kinds, on which [model] and [real] disagree in
    the fuzz sample; None when the fuzz run was skipped."""
    reports = os.path.join(scratch, "reports")
    fuzz = sh([memconform, "--root", root, "fuzz", "--backend", model, "--against", real, "--seed", str(FUZZ_SEED),
               "--count", str(FUZZ_COUNT), "--without", FUZZ_WITHOUT, "--no-shrink", "--reports", reports], env)
    if "fuzz skipped" in fuzz.stdout:
        print(fuzz.stdout.strip().splitlines()[-1])
        return None
    if fuzz.returncode not in (0, 1):
        failures.append(f"fuzz {model} against {real} did not run:\n" + fuzz.stdout[-3000:])
    return sorted(re.findall(r"^DISAGREE: seed (\d+) \[([a-z-]+)\]", fuzz.stdout, re.M))


# The fuzz sample's disagreements on the unperturbed machine, per real backend.
unperturbed = {}
for real in ["python3", "pypy3"]:
    unperturbed[real] = fuzz_disagreements(project, model_of(real), real)
    print(f"== unperturbed: {model_of(real)} against {real} disagrees on {unperturbed[real]}", flush=True)


def check(perturbation, root, backends, env=None):
    """The corpus on [backends] (perturbed backend: the unperturbed one it
    stands for), then the fuzz sample of each model against each of them,
    compared with the unperturbed sample."""
    print(f"== {perturbation}: the corpus on {', '.join(backends)}", flush=True)
    base = [memconform, "--root", root]
    reports = os.path.join(scratch, "reports")
    run = sh(base + ["run", "--strict", "--reports", reports] + shard + sum([["--backend", b] for b in backends], []), env)
    if run.returncode != 0:
        lines = [l for l in run.stdout.splitlines() if re.match(r"(FAIL|CRASH|TIMEOUT|NO-EXPECTED|SKIPPED)", l)]
        failures.append(f"{perturbation}: the corpus changed\n  " + "\n  ".join(lines or run.stdout.splitlines()[-20:]))
    for real in backends:
        expected = unperturbed[backends[real]]
        print(f"== {perturbation}: {FUZZ_COUNT} fuzz programs, {model_of(real)} against {real}", flush=True)
        found = fuzz_disagreements(root, model_of(real), real, env)
        if found is not None and expected is not None and found != expected:
            failures.append(f"{perturbation}: the fuzz sample against {real} disagrees on {found}, "
                            f"unperturbed on {expected}")


def modules_at_start(argv, env):
    out = sh(argv + ["-c", "import sys; print(len(sys.modules))"], env)
    return int(out.stdout.split()[-1])


# other-build: Debian's CPython 3.11 beside the python3 that backends.toml runs.
python3 = shutil.which("python3")
debian = "/usr/bin/python3"
python3_real = sh(["python3", "-c", "import sys; print(sys.executable)"]).stdout.strip()
if (os.path.exists(debian) and python3_real and os.path.realpath(debian) != os.path.realpath(python3_real)
        and sh([debian, "-c", "import sys; print(sys.version_info[:2])"]).stdout.strip()
        == sh(["python3", "-c", "import sys; print(sys.version_info[:2])"]).stdout.strip()):
    command = backend_command("python3").replace("python3", debian, 1)
    root = project_copy(f'[backend.other-build]\nkind = "real"\ncommand = "{command}"\n'
                        f'version = "{debian} -VV"\nversion_match = \'Python (\\d+)\\.(\\d+)\'\n'
                        'profile = "cpython-{version.1}.{version.2}"\n')
    check("other-build", root, {"other-build": "python3"})
else:
    print("== other-build: skipped, this machine has one build of its python3's version")

# sitecustomize: a sitecustomize.py on PYTHONPATH that imports 50 modules.
site_dir = os.path.join(scratch, "site")
os.makedirs(site_dir)
with open(os.path.join(site_dir, "sitecustomize.py"), "w") as f:
    f.write("".join(f"try:\n    import {m}\nexcept ImportError:\n    pass\n" for m in STDLIB_MODULES))
with_site = dict(os.environ, PYTHONPATH=site_dir)
for interpreter in ["python3", "pypy3"]:
    if shutil.which(interpreter):
        plain, perturbed = modules_at_start([interpreter], os.environ), modules_at_start([interpreter], with_site)
        assert perturbed >= plain + 20, f"the sitecustomize did not run on unpinned {interpreter}: {plain} {perturbed}"
extra = "".join(
    f'[backend.{name}-sitecustomize]\nkind = "real"\ncommand = "{backend_command(name)}"\n'
    f'version = "{name} --version"\nversion_match = \'{pattern}\'\nprofile = "{profile}"\n'
    f'env = {{ PYTHONPATH = "{site_dir}"{nursery} }}\n'
    for name, pattern, profile, nursery in [
        ("python3", r"Python (\d+)\.(\d+)", "cpython-{version.1}.{version.2}", ""),
        ("pypy3", r"PyPy (\d+)\.(\d+)", "pypy-{version.1}.{version.2}", ', PYPY_GC_NURSERY = "1M"'),
    ])
check("sitecustomize", project_copy(extra), {"python3-sitecustomize": "python3", "pypy3-sitecustomize": "pypy3"})

# environment: 200 more variables in the caller's environment.
crowded = dict(os.environ, **{f"MEMCONFORM_EXTRA_{i}": "x" * (i % 40) for i in range(200)})
check("environment", project, {"python3": "python3", "pypy3": "pypy3"}, crowded)

# deep-tmpdir: the temporary folders 12 levels deeper.
deep = os.path.join(scratch, *[f"level-{i}-of-a-deeper-temporary-folder" for i in range(12)])
os.makedirs(deep)
check("deep-tmpdir", project, {"python3": "python3", "pypy3": "pypy3"}, dict(os.environ, TMPDIR=deep))

shutil.rmtree(scratch, ignore_errors=True)
if failures:
    print("\nOutcomes that depend on the machine:\n" + "\n".join(failures))
    sys.exit(1)
print("every outcome held under every perturbation")
