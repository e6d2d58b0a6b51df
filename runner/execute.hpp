// Runs one command as a case runs: in its own process group, with its
// stdout and stderr merged into one pipe, under a time limit, an output cap
// and a memory limit. Whatever the command does, execute() returns, and no
// process it started outlives it (runner/containment.hpp). Once the run is
// interrupted (runner/interrupt.hpp), it kills the command, or starts none.
#pragma once

#include "runner/environment.hpp"

#include <chrono>
#include <filesystem>
#include <string>
#include <vector>

namespace memconform {

struct Limits {
    std::chrono::milliseconds timeout{10'000};
    std::size_t output_cap = 1 << 20;  // bytes kept; the process is killed past it
    std::size_t memory_mib = 2048;  // RLIMIT_DATA; 0 = unlimited
};

enum class Ending {
    Exited,  // code = exit status
    Signaled,  // code = signal number
    TimedOut,  // the whole group was killed at the time limit
    Capped,  // the whole group was killed past the output cap
    NotStarted,  // output = why
    Interrupted,  // the run was interrupted: killed, or never started
};

struct RawOutcome {
    std::string output;
    Ending ending = Ending::NotStarted;
    int code = 0;
    double seconds = 0;
};

RawOutcome execute(const std::vector<std::string>& argv, const Environment& env, const std::filesystem::path& cwd,
                   const Limits& limits);

// The full path of the program [argv0] names (searched on PATH when it has
// no slash), or empty when there is none.
std::filesystem::path find_program(const std::string& argv0);

}  // namespace memconform
