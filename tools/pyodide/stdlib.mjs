// The standard library Pyodide ships is source only, so every start-up
// compiled the ~190 modules Pyodide's bootstrap imports (about a second).
// `node stdlib.mjs` (npm's postinstall) adds to a copy of it the bytecode of
// every module, compiled by that same interpreter, as unchecked hash-based
// .pyc files beside the sources, which tracebacks still read.

import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

const HERE = path.dirname(fileURLToPath(import.meta.url));
const PYODIDE = path.join(HERE, "node_modules/pyodide");
const PACKAGE_STDLIB = path.join(PYODIDE, "python_stdlib.zip");

const readJson = (file) => JSON.parse(fs.readFileSync(path.join(PYODIDE, file), "utf8"));

// Named by the package's version: a copy made from another version's
// sources is never used.
function compiledStdlib() {
  const { version } = readJson("package.json");
  return path.join(HERE, `node_modules/.cache/memconform-pyodide/python_stdlib-${version}.zip`);
}

// The compiled copy when there is one, else the package's zip: the same
// behavior, a slower start.
export function stdlibZip() {
  const compiled = compiledStdlib();
  return fs.existsSync(compiled) ? compiled : PACKAGE_STDLIB;
}

// Pyodide's lock file lists the packages it could load; listing none keeps
// the interpreter to the standard library, and keeps Pyodide's hints about
// those packages out of ModuleNotFoundError messages.
export function noPackages() {
  return { info: readJson("pyodide-lock.json").info, packages: {} };
}

// Paths as the interpreter sees them; the stdlib zip is mounted at STDLIB_AT
// (its path goes into each code object, as when zipimport compiles it).
const COMPILE = `
import importlib.util, sys, zipfile
from importlib._bootstrap_external import _code_to_hash_pyc

STDLIB_AT = next(p for p in sys.path if p.endswith(".zip"))
with zipfile.ZipFile(SOURCE) as src, zipfile.ZipFile(TARGET, "w") as out:
    for entry in src.infolist():
        data = src.read(entry)
        out.writestr(entry, data)
        if entry.filename.endswith(".py"):
            code = compile(data, f"{STDLIB_AT}/{entry.filename}", "exec",
                           dont_inherit=True)
            pyc = zipfile.ZipInfo(entry.filename + "c", entry.date_time)
            pyc.compress_type = zipfile.ZIP_DEFLATED
            out.writestr(pyc, _code_to_hash_pyc(
                code, importlib.util.source_hash(data), checked=False))
`;

async function build() {
  const { loadPyodide } = await import("pyodide");
  const py = await loadPyodide({
    stdLibURL: PACKAGE_STDLIB,
    lockFileContents: noPackages(),
  });
  py.FS.writeFile("/tmp/source.zip", fs.readFileSync(PACKAGE_STDLIB));
  py.globals.set("SOURCE", "/tmp/source.zip");
  py.globals.set("TARGET", "/tmp/target.zip");
  py.runPython(COMPILE);
  const compiled = compiledStdlib();
  fs.mkdirSync(path.dirname(compiled), { recursive: true });
  const partial = `${compiled}.${process.pid}`;
  fs.writeFileSync(partial, py.FS.readFile("/tmp/target.zip"));
  fs.renameSync(partial, compiled);
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  await build();
}
