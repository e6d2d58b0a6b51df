// The python3 of this machine, for the tests that need a real interpreter
// (they are skipped, with a warning, when there is none).
#pragma once

#include "runner/registry.hpp"
#include "runner/run_case.hpp"

#include <catch2/catch.hpp>

#include <optional>

namespace memconform::fuzz::testing {

// The file python3 runs from, or nothing: a pyenv shim in between doubles
// the time of every run.
inline std::optional<std::string> python3_file() {
    auto where = execute({"python3", "-c", "import sys; print(sys.executable)"}, case_environment({}), ".", Limits{});
    if (where.ending != Ending::Exited || where.code != 0) {
        WARN("no python3 here: " << where.output);
        return std::nullopt;
    }
    where.output.pop_back();
    return where.output;
}

inline std::optional<Backend> python3() {
    auto file = python3_file();
    if (!file) return std::nullopt;
    auto backend = adhoc_backend("python3=" + *file + " -u {case}");
    probe(backend, {});
    return backend;
}

// The normalized outcome of [source] on [backend].
inline std::string outcome_on(const Backend& backend, const std::string& source) {
    return run_source(source, "program.py", backend, Limits{}).outcome;
}

}  // namespace memconform::fuzz::testing
