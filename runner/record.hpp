// `memconform record`: expected outcomes from a real interpreter. Each case
// runs several times; an outcome that changes between runs, or that a limit
// cut short, is refused rather than recorded.
#pragma once

#include "runner/capabilities.hpp"
#include "runner/expected.hpp"
#include "runner/registry.hpp"
#include "runner/run_case.hpp"

#include <optional>
#include <string>
#include <vector>

namespace memconform {

inline constexpr int kRecordAttempts = 3;

// Why [attempts] (of one case) cannot be recorded, showing the variants of
// an unstable outcome; "" when they can. An outcome that ends in a
// SyntaxError is refused too: the case needs a language the interpreter
// lacks, and says so with `requires`.
std::string refusal(const std::vector<Observation>& attempts);

// What a recording did to the outcomes of expected/<profile>/.
struct RecordCounts {
    std::size_t refused = 0, added = 0, changed = 0, unchanged = 0;
    std::size_t removed = 0;  // outcomes of cases the interpreter lacks a capability for

    // Counts [now] against what expected/ holds ([before]); true when it
    // is new or changed, so the caller saves it.
    template <class Value> bool differs(const std::optional<Value>& before, const Value& now) {
        if (before == now) {
            ++unchanged;
            return false;
        }
        ++(before ? changed : added);
        return true;
    }
};

// What profile.toml says of a recording by [backend]: how it was made, and
// what the interpreter lacks ([found] this time, over what [store]'s
// profile.toml said before).
ProfileInfo profile_info(const Backend& backend, const Capabilities& found, const ExpectedStore& store);

// Whether the version answer [version] is of [profile]: the version at the
// end of a profile's name (`cpython-3.11`, `pypy-7.3`) must appear in it as
// a version (`Python 3.11.7`, not `Python 3.1`); a name without one says
// nothing to check.
bool version_fits_profile(std::string_view version, std::string_view profile);

// Why [backend] may not record into [store] now, or "": only a real
// backend with a version answer that fits its profile records, and only a
// full recording may change the interpreter a profile was recorded from.
std::string record_refusal(const Backend& backend, const ExpectedStore& store, bool full);

}  // namespace memconform
