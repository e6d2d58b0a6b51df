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
};

// [source], saved as [file_name] in a fresh temporary folder, run there.
Observation run_source(std::string_view source, const std::string& file_name, const Backend& backend,
                       const Limits& limits);

Observation run_case(const Case& c, const Backend& backend, const Limits& limits);

}  // namespace memconform
