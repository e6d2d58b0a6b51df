// What the Node launchers of tools/ (pyodide, micropython) share: their
// exit status for a failure of their own, how they tell it, and blocking
// writes to the process's file descriptors.

import fs from "node:fs";

// Exit status of a launcher failure, not of the Python program (EX_SOFTWARE).
export const LAUNCHER_FAILURE = 70;

// A refusal to run, told without a stack trace.
export class LauncherError extends Error {}

export function writeAll(fd, bytes) {
  let done = 0;
  while (done < bytes.length) {
    try {
      done += fs.writeSync(fd, bytes, done, bytes.length - done);
    } catch (e) {
      if (e.code !== "EAGAIN") throw e;
      pause(1); // a non-blocking pipe is full: wait for the reader
    }
  }
}

export function pause(ms) {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
}

// Tells a launcher failure on stderr, in one line for a LauncherError, and
// returns the status to exit with.
export function fail(e) {
  const told = e instanceof LauncherError ? e.message : (e?.stack ?? e);
  writeAll(2, Buffer.from(`run.mjs: ${told}\n`));
  return LAUNCHER_FAILURE;
}
