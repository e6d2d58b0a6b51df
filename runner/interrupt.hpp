// SIGINT and SIGTERM while cases run (a cancelled CI job sends SIGTERM). The
// first one interrupts the run: every running case is killed (execute()
// watches interrupt_fd()), no case starts any more, and the command writes
// partial reports marked interrupted, then exits 128 + the signal. A second
// one ends memconform at once: every case process is killed and every
// temporary folder removed first.
#pragma once

#include <string>

namespace memconform {

// Blocks SIGINT and SIGTERM in the calling thread, and so in every thread
// it starts later, and waits for them on a thread of its own. Call it
// before any thread starts; a second call does nothing.
void handle_interrupts();

// The signal that interrupted the run, or 0.
int interrupting_signal();

// Readable once the run is interrupted (for poll()); -1 before
// handle_interrupts().
int interrupt_fd();

// 128 + the signal, as a shell reports a command a signal ended.
int interrupted_exit_status();

// "SIGINT", "SIGTERM"; empty when the run was not interrupted.
std::string interrupting_signal_name();

}  // namespace memconform
