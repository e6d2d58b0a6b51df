#!/usr/bin/env node
// Runs a Python file on CPython compiled to WebAssembly (the npm package
// `pyodide`) the way `python3 -u FILE ARGS...` runs it on a native CPython:
// CPython's own command-line code runs the file as __main__, then the
// interpreter's own shutdown (Py_FinalizeEx) runs atexit callbacks, the
// collection at exit and module teardown. See README.md.

import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import tty from "node:tty";
import v8 from "node:v8";
import { Worker, isMainThread, workerData } from "node:worker_threads";
import { LAUNCHER_FAILURE, LauncherError, fail, pause, writeAll } from "../launcher.mjs";
import { noPackages, stdlibZip } from "./stdlib.mjs";

const USAGE = `\
usage: node run.mjs FILE [ARGS...]   run FILE as python3 -u FILE ARGS... does
       node run.mjs --version | -V | -VV   the interpreter's own version line
       node run.mjs --runtime-version      Python, Pyodide and Node versions
`;
// The interpreter runs on a thread with this much stack. CPython's guards
// against deep C recursion (the trashcan that frees a long chain of objects
// iteratively, the recursion checks of repr or json) measure Emscripten's
// stack in linear memory, while the wasm frames also fill the JavaScript
// engine's stack: Node's default of under 1 MiB overflows at a chain of
// about 10,000 objects; 256 MiB takes a few hundred thousand.
const STACK_MB = 256;

// Python's file descriptors 1 and 2 write straight to ours, unbuffered, so
// what the program writes keeps its order when both go to one pipe.
function fdWriter(fd) {
  return {
    isatty: tty.isatty(fd),
    write(bytes) {
      writeAll(fd, bytes);
      return bytes.length;
    },
  };
}

function fdReader(fd) {
  return {
    isatty: tty.isatty(fd),
    read(bytes) {
      for (;;) {
        try {
          return fs.readSync(fd, bytes);
        } catch (e) {
          if (e.code === "EOF") return 0;
          if (e.code !== "EAGAIN") throw e;
          pause(1);
        }
      }
    },
  };
}

const isInside = (dir, parent) =>
  dir === parent || dir.startsWith(parent.endsWith("/") ? parent : parent + "/");

// The host directories the program sees at their own paths: the current
// directory and the script's. The rest of the file system is Pyodide's
// in-memory one, whose /lib (the standard library), /dev and /proc must stay.
function hostDirectories(cwd, script) {
  const dirs = [cwd];
  if (script !== undefined) {
    const scriptDir = path.dirname(path.resolve(cwd, script));
    if (fs.existsSync(scriptDir)) dirs.push(scriptDir);
  }
  // A directory inside another is reached through the other's mount.
  const outermost = [];
  for (const dir of dirs.sort((a, b) => a.length - b.length)) {
    if (!outermost.some((o) => isInside(dir, o))) outermost.push(dir);
  }
  for (const dir of outermost) {
    for (const kept of ["/lib", "/dev", "/proc"]) {
      if (isInside(kept, dir)) {
        throw new LauncherError(
          `cannot give the program ${dir}: it would hide Pyodide's own ${kept}`,
        );
      }
    }
  }
  return outermost;
}

// Undo what Pyodide's own start-up left that `python3 FILE` would not have.
// HOST_ENVIRON is the environment python3 would have been given, as pairs in
// the process's order.
const MATCH_PYTHON3 = `
import gc, os, sys, types
# Emscripten adds USER, LOGNAME and the like, Pyodide LD_LIBRARY_PATH, and
# the launcher PYTHONINSPECT.
os.environ.clear()
os.environ.update(HOST_ENVIRON)
# loadPyodide puts "" first on sys.path; run_main adds the script's directory.
if sys.path[:1] == [""]:
    del sys.path[0]
# Pyodide's excepthook is traceback.print_exception; python3 has the built-in.
sys.excepthook = sys.__excepthook__
# A fresh __main__: Pyodide's start-up ran code in this one, and JavaScript
# holds its dict, which would then outlive the teardown of the program's
# globals and change its order.
fresh = types.ModuleType("__main__")
fresh.__dict__.update(
    (k, v) for k, v in vars(sys.modules["__main__"]).items() if k[:2] == "__")
sys.modules["__main__"] = fresh
del HOST_ENVIRON, fresh, os, sys, types
# Pyodide's start-up garbage is not the program's.
gc.collect()
del gc
`;

function matchPython3(py, environ) {
  const pairs = py.toPy(environ);
  py.globals.set("HOST_ENVIRON", pairs);
  pairs.destroy();
  py.runPython(MATCH_PYTHON3);
}

// The package, or a refusal that says how to install it.
async function importPyodide() {
  try {
    return await import("pyodide");
  } catch (e) {
    if (e.code !== "ERR_MODULE_NOT_FOUND") throw e;
    throw new LauncherError("no pyodide package: run npm ci --prefix tools/pyodide");
  }
}

async function boot(args, environ, cwd, script) {
  const { loadPyodide } = await importPyodide();
  const stdout = fdWriter(1);
  const stderr = fdWriter(2);
  const lines = (fd) => (line) => writeAll(fd, Buffer.from(line + "\n"));
  const mounts = hostDirectories(cwd, script);
  return loadPyodide({
    args,
    // python3 inherits the environment; PYTHONINSPECT="" lets SystemExit end
    // the process, which Pyodide otherwise prevents.
    env: { ...Object.fromEntries(environ), PYTHONINSPECT: "" },
    stdLibURL: stdlibZip(),
    // No packages: nothing beyond the standard library is ever loaded.
    lockFileContents: noPackages(),
    // Output before the streams are set up: CPython's usage errors, -V.
    stdout: lines(1),
    stderr: lines(2),
    stdin: () => null,
    fsInit(FS) {
      for (const dir of mounts) {
        FS.mkdirTree(dir);
        FS.mount(FS.filesystems.NODEFS, { root: fs.realpathSync(dir) }, dir);
      }
      FS.chdir(cwd);
    },
  }).then((py) => {
    py.setStdout(stdout);
    py.setStderr(stderr);
    py.setStdin(fdReader(0));
    return py;
  });
}

const isExit = (e) => e?.name === "ExitStatus";

// In place of a status: end the process as Py_RunMain ends one that an
// uncaught KeyboardInterrupt stopped, killed by SIGINT.
const KILLED_BY_SIGINT = "SIGINT";

// Runs CPython's main as Py_RunMain does: the program, then Py_FinalizeEx.
// sys.exit() ends inside the program: CPython's Py_Exit finalizes and calls
// exit(), which Emscripten turns into an ExitStatus.
function runMain(py) {
  try {
    let status = py._module._run_main();
    const interrupted = status !== 0 && endedByKeyboardInterrupt(py._module);
    if (py._module._Py_FinalizeEx() < 0) status = 120;
    return interrupted ? KILLED_BY_SIGINT : status;
  } catch (e) {
    if (isExit(e)) return e.status;
    throw e;
  }
}

// Whether the exception that ended the program (sys.last_exc, set when it
// was printed) is a KeyboardInterrupt. Read through the C API: running Python
// code here could start a collection before the shutdown's own.
function endedByKeyboardInterrupt(module) {
  const name = module.stringToNewUTF8("last_exc");
  const exc = module._PySys_GetObject(name);
  module._free(name);
  const keyboardInterrupt = module.HEAPU32[module._PyExc_KeyboardInterrupt >>> 2];
  return exc !== 0 && module._PyErr_GivenExceptionMatches(exc, keyboardInterrupt) !== 0;
}

async function runtimeVersion(environ, cwd) {
  const py = await boot(["-u"], environ, cwd);
  const python = py.runPython("import platform; platform.python_version()");
  return `Python ${python} (Pyodide ${py.version}, Node ${process.version})\n`;
}

// argv: the launcher's arguments; environ: the process's environment as
// pairs in its order (a worker's process.env has another).
async function main({ argv, environ }) {
  const cwd = process.cwd();
  const [first] = argv;
  if (first === "--runtime-version" && argv.length === 1) {
    writeAll(1, Buffer.from(await runtimeVersion(environ, cwd)));
    return 0;
  }
  const version = ["--version", "-V", "-VV"].includes(first) && argv.length === 1;
  if (first === undefined || (first.startsWith("-") && !version)) {
    writeAll(2, Buffer.from(USAGE));
    return 2;
  }
  let py;
  try {
    py = await boot(["-u", ...argv], environ, cwd, version ? undefined : first);
  } catch (e) {
    if (isExit(e)) return e.status; // -V, or CPython refused the arguments
    throw e;
  }
  matchPython3(py, environ);
  return runMain(py);
}

if (isMainThread) {
  // Compile CPython's wasm with V8's baseline compiler only: a run is short,
  // and the optimizing tier's compile cost more CPU than it saved, about
  // 40% of a case's start-up. What the program does is the same.
  v8.setFlagsFromString("--liftoff-only");
  const worker = new Worker(new URL(import.meta.url), {
    workerData: { argv: process.argv.slice(2), environ: Object.entries(process.env) },
    resourceLimits: { stackSizeMb: STACK_MB },
  });
  worker.on("error", (e) => process.exit(fail(e)));
  worker.on("exit", (status) => process.exit(status));
} else {
  // process.exit in a worker ends the worker with that status. A worker that
  // ends by itself has lost the interpreter: Emscripten gave up on it (as when
  // it cannot have the memory) without an error that reaches main.
  let settled = false;
  const finish = (status) => {
    settled = true;
    if (status === KILLED_BY_SIGINT) {
      process.kill(process.pid, KILLED_BY_SIGINT);
      status = 128 + os.constants.signals.SIGINT; // as CPython if that fails
    }
    process.exit(status);
  };
  process.exitCode = LAUNCHER_FAILURE;
  process.on("exit", () => {
    if (!settled) fail("the interpreter stopped before the program ended");
  });
  main(workerData).then(finish, (e) => finish(fail(e)));
}
