#!/usr/bin/env node
// Runs a Python file on Brython (the npm package brython: Python 3 compiled
// to JavaScript in the page, here in Node) the way `python3 -u FILE ARGS...`
// runs one: the file as __main__, the traceback of an uncaught exception on
// stderr and status 1, SystemExit's status. See README.md.

import fs from "node:fs";
import path from "node:path";
import vm from "node:vm";
import { createRequire } from "node:module";
import { LauncherError, fail, writeAll } from "../launcher.mjs";

const USAGE = `\
usage: node run.mjs FILE [ARGS...]   run FILE as python3 -u FILE ARGS... does
       node run.mjs --version          Brython's version
       node run.mjs --runtime-version  Brython's, its Python's and Node's versions
`;

// Brython reports its own troubles (and some of the program's) with
// console.log, which a page shows in its developer console, not on the
// program's stdout or stderr. They are dropped unless asked for.
function quietConsole() {
  const keep = process.env.MEMCONFORM_BRYTHON_CONSOLE === "1";
  for (const name of ["log", "info", "debug", "warn", "error", "trace", "dir"]) {
    console[name] = keep ? (...args) => writeAll(2, Buffer.from(`[console.${name}] ${args.join(" ")}\n`)) : () => {};
  }
}

// The page Brython expects: a window (globalThis), a location naming the
// script, and a synchronous XMLHttpRequest, through which Brython reads a
// module beside the script and a file opened for reading. Brython imports
// nothing from a file: URL, so the page is served from a host of its own
// whose paths are the machine's.
const HOST = "http://brython.invalid";

function pretendPage(file) {
  // Browsers have Set.prototype.difference (Node from 22). Brython's own
  // stand-in for it takes the receiver as an argument and fails at `import os`.
  if (!Object.hasOwn(Set.prototype, "difference")) {
    Object.defineProperty(Set.prototype, "difference", {
      value(other) {
        return new Set([...this].filter((item) => !other.has(item)));
      },
      writable: true,
      configurable: true,
    });
  }
  globalThis.self = globalThis;
  globalThis.addEventListener = () => {};
  const href = HOST + file;
  globalThis.location = { href, origin: HOST, pathname: file, protocol: "http:" };
  globalThis.XMLHttpRequest = class {
    open(method, url) {
      this.url = url;
    }
    overrideMimeType() {}
    setRequestHeader() {}
    getResponseHeader() {
      return null;
    }
    abort() {}
    send() {
      const url = new URL(this.url, href);
      try {
        if (url.origin !== HOST) throw new Error("not on the page's host");
        this.responseText = this.response = fs.readFileSync(decodeURIComponent(url.pathname), "utf8");
        this.status = 200;
      } catch {
        this.status = 404;
        this.responseText = this.response = "";
      }
      this.readyState = 4;
      this.onreadystatechange?.call(this);
      this.onload?.call(this);
    }
  };
}

function loadBrython() {
  const require = createRequire(import.meta.url);
  let dir;
  try {
    dir = path.dirname(require.resolve("brython/brython.js"));
  } catch {
    throw new LauncherError("no brython package: run npm ci --prefix tools/brython");
  }
  require(path.join(dir, "brython.js"));
  vm.runInThisContext(fs.readFileSync(path.join(dir, "brython_stdlib.js"), "utf8"), {
    filename: path.join(dir, "brython_stdlib.js"),
  });
  const $B = globalThis.__BRYTHON__;
  globalThis.$B = $B; // the JavaScript Brython generates names it so
  // Brython tells the page by an event on the document that its loop is done.
  globalThis.document.dispatchEvent ??= () => true;
  return $B;
}

// sys.stdout and sys.stderr are Brython's `io` objects, which buffer until a
// flush and then call console.log or console.error. Each write goes to the
// process's descriptor at once instead, unbuffered as under python3 -u.
function connectOutput($B) {
  const methods = $B.$io[Object.getOwnPropertySymbols($B.$io).find((s) => s.description === "DICT")];
  const fd = (stream) => (stream.out === "error" ? 2 : 1);
  const write = (stream, text) => {
    if (typeof text !== "string") {
      $B.RAISE($B.builtins.TypeError, `write() argument must be str, not ${$B.class_name(text)}`);
    }
    writeAll(fd(stream), Buffer.from(text));
    return $B.builtins.None;
  };
  const flush = () => $B.builtins.None;
  // An attribute of the instance is looked up in tp_funcs, print() calls
  // the class's method descriptor: both are replaced.
  Object.assign($B.$io.tp_funcs, { write, flush });
  methods.write.method = write;
  methods.flush.method = flush;
}

function brythonVersions($B) {
  const [major, minor, micro] = $B.implementation;
  const [pyMajor, pyMinor, pyMicro] = $B.version_info;
  return { brython: `${major}.${minor}.${micro}`, python: `${pyMajor}.${pyMinor}.${pyMicro}` };
}

// The status python3 exits with for a SystemExit's code, after printing
// what it prints: None is 0, an int itself, anything else its str and 1.
function systemExitStatus($B, err) {
  const code = err.args.length === 0 ? $B.builtins.None : err.args.length === 1 ? err.args[0] : err.args;
  if (code === $B.builtins.None) return 0;
  if (typeof code === "number" || $B.$isinstance(code, $B.builtins.int)) return Number(code) & 255;
  writeAll(2, Buffer.from($B.builtins.str.$factory(code) + "\n"));
  return 1;
}

function runMain($B, given, file, args) {
  let uncaught = null;
  // Brython calls handle_error with an exception that left the program and
  // then throws it; the launcher reports it itself, as python3 would.
  $B.handle_error = (err) => {
    uncaught ??= err;
    throw err;
  };
  // A module's file name is its URL's path, the machine's (Brython's own
  // drops the leading slash), and the main script's is its path alone.
  const mainUrl = `${HOST}${file}#__main__`;
  $B.strip_host = (url) => {
    const parsed = new URL(url);
    return decodeURIComponent(parsed.pathname) + parsed.search + (url === mainUrl ? "" : parsed.hash);
  };
  // sys.argv is Brython's script_path (the page's URL) and its `args` option.
  Object.defineProperty($B, "script_path", { get: () => given, set: () => {} });
  const src = fs.readFileSync(file, "utf8");
  try {
    $B.runPythonSource(src, { id: "__main__", args });
  } catch (e) {
    uncaught ??= e;
  }
  if (uncaught === null) return 0;
  const err = $B.exception(uncaught);
  if ($B.is_exc(err, [$B.builtins.SystemExit])) return systemExitStatus($B, err);
  // Brython's own show_error leaves out the traceback's last newline.
  const stderr = $B.get_stderr();
  $B.$call($B.$getattr(stderr, "write"), $B.error_trace(err) + "\n");
  return 1;
}

function main(argv) {
  const [first, ...args] = argv;
  quietConsole();
  if ((first === "--version" || first === "--runtime-version") && args.length === 0) {
    pretendPage(path.resolve("version.py"));
    const { brython, python } = brythonVersions(loadBrython());
    const line = first === "--version" ? `Brython ${brython}` : `Brython ${brython} (Python ${python}, Node ${process.version})`;
    writeAll(1, Buffer.from(line + "\n"));
    return 0;
  }
  if (first === undefined || first.startsWith("-")) {
    writeAll(2, Buffer.from(USAGE));
    return 2;
  }
  let file;
  try {
    fs.accessSync(first, fs.constants.R_OK);
    file = fs.realpathSync(first);
  } catch (e) {
    throw new LauncherError(`cannot read ${first}: ${e.code ?? e.message}`);
  }
  pretendPage(file);
  const $B = loadBrython();
  connectOutput($B);
  return runMain($B, first, file, args);
}

// The process ends with the program, as python3's does: what it left to a
// timer (Brython's own, such as the time limit of each download) does not
// run.
let status;
try {
  status = main(process.argv.slice(2));
} catch (e) {
  status = fail(e);
}
process.exit(status);
