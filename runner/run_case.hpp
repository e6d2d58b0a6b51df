// One case on one backend: a fresh temporary folder holding a copy of the
// case is its working directory, and the folder's path becomes `.` in the
// outcome.
#pragma once

#include "runner/corpus.hpp"
#include "runner/execute.hpp"
#include "runner/registry.hpp"

#include <string>

namespace memconform {

struct Observation {
    RawOutcome raw;
    std::string outcome;  // normalized, ending line included
};

Observation run_case(const Case& c, const Backend& backend, const Limits& limits);

}  // namespace memconform
