// Every process a case starts dies with the case, even one that left the
// case's process group (setsid()). Each case's environment carries a marker,
// MEMCONFORM_CASE=<runner pid>.<serial>, which its descendants inherit; when
// the case ends, every process carrying its marker is killed. memconform is
// a child subreaper (PR_SET_CHILD_SUBREAPER), so a case's orphans are
// re-parented to it, not to init, and it reaps them; so too the processes
// carrying a marker are looked for among its descendants only (the whole
// of /proc where the kernel does not list a process's children).
#pragma once

#include <cstddef>
#include <string>

#include <sys/types.h>

namespace memconform {

// The name of the environment variable that marks a case's processes.
inline constexpr std::string_view kCaseMarkerVariable = "MEMCONFORM_CASE";

// A marker value no other case of this memconform process has.
std::string new_case_marker();

// Makes this process the subreaper of its descendants (idempotent).
void become_subreaper();

// Notes [pid] as a case's own process, a child of this process, from its
// start until its waiter has reaped it.
void note_case_process(pid_t pid);
void forget_case_process(pid_t pid);

// Kills every process whose environment holds MEMCONFORM_CASE=[marker], then
// reaps the orphans re-parented here that have ended (never a case's own
// process: its waiter reaps it). Returns how many it killed. When the case's
// own process has exited ([own_process_exited]), whatever it left was
// re-parented here: if every child of this process is a case's own
// process, nothing is left and no environment is read.
std::size_t kill_marked(const std::string& marker, bool own_process_exited);

// Kills the processes of every case of this memconform process.
std::size_t kill_every_case_process();

}  // namespace memconform
