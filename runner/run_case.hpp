// One program on one backend: a fresh temporary folder holding a copy of
// the program is its working directory, and the folder's path becomes `.`
// in the outcome. Cases run this way, and so do the programs of `fuzz`.
#pragma once

#include "runner/corpus.hpp"
#include "runner/execute.hpp"
#include "runner/registry.hpp"

#include <string>
#include <string_view>

namespace memconform {

struct Observation {
    RawOutcome raw;
    std::string outcome;  // normalized, ending line included
    std::string trace;  // the explain trace, folder as `.`, cut to kTraceLines; empty: none
    // Why the runner could not run it (a temporary folder it could not make
    // or write, or no process left); empty when it ran. The outcome says it
    // too, ending [not started].
    std::string runner_error;
};

// A trace keeps its first lines and its last ones (the exit), with a line
// that says how many were left out between them.
inline constexpr std::size_t kTraceHeadLines = 1000;
inline constexpr std::size_t kTraceTailLines = 200;

// [source], saved as [file_name] in a fresh temporary folder, run there;
// with [explain], and a backend that has an `explain` command, with its
// trace (written outside that folder, which the program may list). Never
// throws: what keeps it from running is the Observation's runner_error.
Observation run_source(std::string_view source, const std::string& file_name, const Backend& backend,
                       const Limits& limits, bool explain = false);

// A case, with its trace when the backend writes one.
Observation run_case(const Case& c, const Backend& backend, const Limits& limits);

}  // namespace memconform
