// `memconform compare`: where one backend's outcome stands among every
// recorded profile — the view of someone porting a runtime.
#pragma once

#include "runner/expected.hpp"
#include "runner/results.hpp"

#include <string>
#include <vector>

namespace memconform {

// The family of a profile: `cpython` for cpython-3.11, `pypy` for pypy-7.3.
std::string profile_family(std::string_view profile);

// "all" (matches every profile recorded for the case: portable), "none"
// (new behavior), "only <family>" (every match is of one family: only
// cpython, only pypy), "some", or "unrecorded" (no profile has the case).
std::string verdict(const std::vector<std::string>& matches, const std::vector<std::string>& recorded);

// Compares [outcome], of [case_id] on [backend], with the outcome recorded
// for each of [profiles] that has one.
Comparison classify(const std::string& case_id, const std::string& backend, const std::string& outcome,
                    const ExpectedStore& store, const std::vector<std::string>& profiles);

// classify() for every result that ran, against every profile of [store].
std::vector<Comparison> classify_all(const std::vector<Result>& results, const ExpectedStore& store);

}  // namespace memconform
