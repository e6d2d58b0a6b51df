// `memconform record`: expected outcomes from a real interpreter. Each case
// runs several times; an outcome that changes between runs, or that a limit
// cut short, is refused rather than recorded.
#pragma once

#include "runner/expected.hpp"
#include "runner/registry.hpp"
#include "runner/run_case.hpp"

#include <string>
#include <vector>

namespace memconform {

inline constexpr int kRecordAttempts = 3;

// Why [attempts] (of one case) cannot be recorded, showing the variants of
// an unstable outcome; "" when they can.
std::string refusal(const std::vector<Observation>& attempts);

// What profile.toml says of a recording by [backend].
ProfileInfo profile_info(const Backend& backend);

// Why [backend] may not record into [store] now, or "": only a real
// backend records, and only a full recording may change the interpreter a
// profile was recorded from.
std::string record_refusal(const Backend& backend, const ExpectedStore& store, bool full);

}  // namespace memconform
