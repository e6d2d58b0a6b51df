// `memconform compare`: where one backend's outcome stands among every
// recorded profile — the view of someone porting a runtime.
#pragma once

#include "runner/expected.hpp"
#include "runner/results.hpp"

#include <optional>
#include <string>
#include <utility>
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

// Whether [r] has an outcome to compare: SKIPPED and ERROR never ran, and
// UNSUPPORTED observed nothing (a capability missing, a construct rejected).
bool ran(const Result& r);

// classify() for every result that ran, against every profile of [store].
std::vector<Comparison> classify_all(const std::vector<Result>& results, const ExpectedStore& store);

// The behaviors recorded for each of [case_ids] in [store] (results.hpp).
std::vector<CaseBehaviors> recorded_behaviors(const std::vector<std::string>& case_ids, const ExpectedStore& store);

// The index of the behavior [outcome] shows among [c]'s, or nullopt: a
// behavior no profile recorded.
std::optional<std::size_t> behavior_index(const CaseBehaviors& c, std::string_view outcome);

// What reports call behavior [index]: A to Z, then AA, AB, ...
std::string behavior_letter(std::size_t index);

// How alike a backend and a profile are: of the cases both have an outcome
// for, how many outcomes are equal.
struct Likeness {
    std::string profile;
    std::size_t alike = 0;
    std::size_t compared = 0;
};

// For each backend of [run] that ran a case with behaviors: every profile,
// most alike first (by cases alike, then by share): a port author's
// headline ("like cpython-3.12 on 172 of 172 cases").
std::vector<std::pair<std::string, std::vector<Likeness>>> likeness_by_backend(const RunRecord& run);

}  // namespace memconform
