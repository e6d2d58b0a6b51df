#!/usr/bin/env node
// Runs a Python file on MicroPython compiled to WebAssembly (the npm package
// @micropython/micropython-webassembly-pyscript) the way MicroPython's unix
// port runs `micropython FILE ARGS...`: the file as __main__, the traceback of
// an uncaught exception on stderr and status 1, SystemExit's status, and the
// host's files at their own paths. See README.md.

import fs from "node:fs";
import path from "node:path";
import { LauncherError, fail, writeAll } from "../launcher.mjs";

const PACKAGE = "@micropython/micropython-webassembly-pyscript";
const USAGE = `\
usage: node run.mjs FILE [ARGS...]   run FILE as micropython FILE ARGS... does
       node run.mjs --version          MicroPython's version
       node run.mjs --runtime-version  MicroPython's and Node's versions
`;

// Emscripten's errno numbers are WASI's: the position of each name here.
const WASI_ERRNO_NAMES = `SUCCESS E2BIG EACCES EADDRINUSE EADDRNOTAVAIL EAFNOSUPPORT EAGAIN
  EALREADY EBADF EBADMSG EBUSY ECANCELED ECHILD ECONNABORTED ECONNREFUSED ECONNRESET EDEADLK
  EDESTADDRREQ EDOM EDQUOT EEXIST EFAULT EFBIG EHOSTUNREACH EIDRM EILSEQ EINPROGRESS EINTR EINVAL
  EIO EISCONN EISDIR ELOOP EMFILE EMLINK EMSGSIZE EMULTIHOP ENAMETOOLONG ENETDOWN ENETRESET
  ENETUNREACH ENFILE ENOBUFS ENODEV ENOENT ENOEXEC ENOLCK ENOLINK ENOMEM ENOMSG ENOPROTOOPT ENOSPC
  ENOSYS ENOTCONN ENOTDIR ENOTEMPTY ENOTRECOVERABLE ENOTSOCK ENOTSUP ENOTTY ENXIO EOVERFLOW
  EOWNERDEAD EPERM EPIPE EPROTO EPROTONOSUPPORT EPROTOTYPE ERANGE EROFS ESPIPE ESRCH ESTALE
  ETIMEDOUT ETXTBSY EXDEV`.split(/\s+/);
const EIO = WASI_ERRNO_NAMES.indexOf("EIO");

// MicroPython's file functions are libc's, which Emscripten turns into calls
// on its own in-memory file system. This file system type passes them on to
// the host's, like Emscripten's NODEFS (which this build of the package
// leaves out). It is mounted at a host directory's own path, so a node's
// path in Emscripten's tree is its path on the host. Writes go straight to
// the host: MicroPython's files have no buffer of their own. The host follows
// symbolic links (Emscripten could not follow /proc/self/fd/1 to a pipe);
// MicroPython's os has no lstat, readlink or symlink to show them.
function hostFileSystem(FS) {
  const host = (operation) => {
    try {
      return operation();
    } catch (e) {
      if (typeof e.code !== "string") throw e;
      const errno = WASI_ERRNO_NAMES.indexOf(e.code);
      throw new FS.ErrnoError(errno > 0 ? errno : EIO);
    }
  };
  const hostPath = (node) => FS.getPath(node);
  // Emscripten truncates only regular files, and refuses O_TRUNC on anything
  // but a character device; the kernel ignores it on a pipe or a socket (the
  // /dev/stdout of a pipeline): those are shown to Emscripten as character
  // devices.
  const modeOf = (file) => {
    const stat = fs.statSync(file);
    const { S_IFMT, S_IFCHR } = fs.constants;
    return stat.isFIFO() || stat.isSocket() ? (stat.mode & ~S_IFMT) | S_IFCHR : stat.mode;
  };
  const childPath = (parent, name) => path.posix.join(hostPath(parent), name);
  const createNode = (parent, name, mode) => {
    const node = FS.createNode(parent, name, mode);
    node.node_ops = nodeOps;
    node.stream_ops = streamOps;
    return node;
  };
  // Only the access mode (O_RDONLY, O_WRONLY or O_RDWR, the same numbers in
  // Emscripten as in Linux): FS.open has created and truncated the file.
  const accessMode = (flags) => flags & 3;
  const nodeOps = {
    getattr: (node) => host(() => fs.statSync(hostPath(node))),
    setattr(node, attr) {
      // FS.open creates a file with every permission, then sets the mode asked
      // for (MicroPython's open() asks for 0644): less the umask, as open(2).
      if (attr.mode !== undefined) {
        host(() => fs.chmodSync(hostPath(node), attr.mode & 0o7777 & ~process.umask()));
      }
      if (attr.size !== undefined) host(() => fs.truncateSync(hostPath(node), attr.size));
    },
    lookup: (parent, name) =>
      createNode(parent, name, host(() => modeOf(childPath(parent, name)))),
    mknod(parent, name, mode) {
      const file = childPath(parent, name);
      if (FS.isDir(mode)) host(() => fs.mkdirSync(file, mode & 0o7777));
      else host(() => fs.closeSync(fs.openSync(file, "wx", 0o666)));
      return createNode(parent, name, host(() => modeOf(file)));
    },
    rename(node, newParent, newName) {
      host(() => fs.renameSync(hostPath(node), childPath(newParent, newName)));
      try {
        FS.hashRemoveNode(FS.lookupNode(newParent, newName)); // the file it replaced
      } catch {
        // nothing was there
      }
      node.name = newName;
    },
    unlink: (parent, name) => host(() => fs.unlinkSync(childPath(parent, name))),
    rmdir: (parent, name) => host(() => fs.rmdirSync(childPath(parent, name))),
    readdir: (node) => [".", "..", ...host(() => fs.readdirSync(hostPath(node)))],
  };
  // Emscripten keeps each stream's position; a pipe or a terminal (opened as
  // /dev/stdout, say) has none, and takes no position.
  const at = (stream, position) => (stream.seekable ? position : null);
  const streamOps = {
    open(stream) {
      stream.hostFd = host(() => fs.openSync(hostPath(stream.node), accessMode(stream.flags)));
      const stat = host(() => fs.fstatSync(stream.hostFd));
      stream.seekable = stat.isFile() || stat.isDirectory() || stat.isBlockDevice();
    },
    close: (stream) => host(() => fs.closeSync(stream.hostFd)),
    getattr: (stream) => host(() => fs.fstatSync(stream.hostFd)),
    read: (stream, buffer, offset, length, position) =>
      host(() => fs.readSync(stream.hostFd, buffer, offset, length, at(stream, position))),
    write: (stream, buffer, offset, length, position) =>
      host(() => fs.writeSync(stream.hostFd, buffer, offset, length, at(stream, position))),
    llseek(stream, offset, whence) {
      const base = [0, stream.position, host(() => fs.fstatSync(stream.hostFd).size)][whence];
      if (base + offset < 0) throw new FS.ErrnoError(WASI_ERRNO_NAMES.indexOf("EINVAL"));
      return base + offset;
    },
  };
  return { mount: (mount) => createNode(null, "/", host(() => modeOf(mount.mountpoint))) };
}

// The host directories the program sees at their own paths: every one at the
// top of the host's tree (/dev and /proc too: /dev/stdout and
// /proc/self/statm are the process's own, as for the unix port) but /lib,
// which stays the port's own empty library folder on sys.path, so that no
// file of the machine's can be imported from it.
const KEPT = new Set(["lib"]);

function mountHost(FS, cwd) {
  if (cwd === "/") {
    throw new LauncherError("cannot run in /: the files the program writes there would not reach the host");
  }
  const hostFS = hostFileSystem(FS);
  for (const entry of fs.readdirSync("/")) {
    const dir = `/${entry}`;
    if (KEPT.has(entry) || !fs.statSync(dir, { throwIfNoEntry: false })?.isDirectory()) continue;
    try {
      FS.mkdir(dir);
    } catch {
      // Emscripten's own /tmp, /home, /dev and /proc, mounted over
    }
    FS.mount(hostFS, {}, dir);
  }
  FS.chdir(cwd);
}

// MicroPython writes stdout and stderr to file descriptors 1 and 2 of
// Emscripten's file system; they become the process's own, unbuffered, so
// what the program writes keeps its order when both go to one pipe. (It
// never reads descriptor 0: this port's stdin gives no input.)
function connectOutput(FS) {
  for (const fd of [1, 2]) {
    FS.getStream(fd).stream_ops = {
      write(stream, buffer, offset, length) {
        writeAll(fd, buffer.subarray(offset, offset + length));
        return length;
      },
    };
  }
}

// What the unix port's main does with FILE, as a function so that its names
// stay out of __main__. It imports what it needs when it is defined, before
// the host's files are mounted (a file named io.py beside the program would
// be imported in place of this build's frozen io), then forgets it: the
// program starts with sys.modules empty. Its own frame is the outermost of
// any traceback, and the unix port has none there: it is cut from what is
// printed.
const MAIN = `
def main(file, args, script_dir, io=__import__("io"), sys=__import__("sys")):
    del globals()["main"]
    sys.modules.clear()
    sys.argv[:] = [file] + list(args)
    sys.path[0] = script_dir
    g = globals()
    g["__file__"] = file
    try:
        execfile(file, g)
    except SystemExit as e:
        # None is 0, an int its low byte, anything else 1.
        status = e.args[0] if e.args else None
        return 0 if status is None else status & 255 if isinstance(status, int) else 1
    except BaseException as e:
        text = io.StringIO()
        sys.print_exception(e, text)
        lines = text.getvalue().split("\\n")
        if lines[0] == "Traceback (most recent call last):":
            del lines[1]
        sys.stderr.write("\\n".join(lines))
        return 1
    return 0
`;

// The package, or a refusal that says how to install it.
async function loadPackage() {
  try {
    return await import(PACKAGE);
  } catch (e) {
    if (e.code !== "ERR_MODULE_NOT_FOUND") throw e;
    throw new LauncherError(`no ${PACKAGE} package: run npm ci --prefix tools/micropython`);
  }
}

async function boot() {
  const { loadMicroPython } = await loadPackage();
  const mp = await loadMicroPython();
  connectOutput(mp.FS);
  return mp;
}

// "1.27.0" from MicroPython's own sys.implementation.
function micropythonVersion(mp) {
  mp.runPython("import sys\nv = '.'.join(str(n) for n in sys.implementation.version[:3])\ndel sys");
  const version = mp.globals.get("v");
  mp.runPython("del v");
  return version;
}

async function main(argv) {
  const [first, ...args] = argv;
  if ((first === "--version" || first === "--runtime-version") && args.length === 0) {
    const version = `MicroPython ${micropythonVersion(await boot())}`;
    const line = first === "--version" ? version : `${version} (Node ${process.version})`;
    writeAll(1, Buffer.from(line + "\n"));
    return 0;
  }
  if (first === undefined || first.startsWith("-")) {
    writeAll(2, Buffer.from(USAGE));
    return 2;
  }
  let scriptDir;
  try {
    fs.accessSync(first, fs.constants.R_OK);
    scriptDir = path.dirname(fs.realpathSync(first));
  } catch (e) {
    throw new LauncherError(`cannot read ${first}: ${e.code ?? e.message}`);
  }
  const mp = await boot();
  mp.runPython(MAIN);
  const run = mp.globals.get("main");
  mountHost(mp.FS, process.cwd());
  return run(first, args, scriptDir);
}

main(process.argv.slice(2)).then(
  (status) => process.exit(status),
  (e) => process.exit(fail(e)),
);
