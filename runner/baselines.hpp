// baselines/<backend>.toml: the known failures of a backend, each with the
// reason it fails (`"del/alias_keeps_alive" = "why"`). A listed case that
// fails is XFAIL; one that passes is XPASS, which fails the run.
#pragma once

#include "runner/string_table.hpp"

#include <string>
#include <vector>

namespace memconform {

using Baseline = StringTable;  // case id -> reason

std::filesystem::path baseline_file(const std::filesystem::path& dir, std::string_view backend);

// The baseline of [backend]: empty when it has no file.
Baseline load_baseline(const std::filesystem::path& dir, std::string_view backend, Diagnostics& out);

// `memconform baseline --update` for one backend (as wpt's
// update-expectations): the cases that FAILed are added, each with a reason
// to fill in, and those that XPASSed (they pass now) removed; comments and
// the other entries stay as they are.
struct BaselineUpdate {
    std::vector<std::string> add;  // case ids that failed and are not listed
    std::vector<std::string> remove;  // listed case ids that pass now
    std::string reason;  // what each added entry says until a person writes why
};

// The text of [file] (empty or absent: a new baseline of [backend]) after
// [update]; [current] is its parsed entries, whose lines name what to remove.
std::string updated_baseline(const std::string& text, const Baseline& current, const BaselineUpdate& update,
                             std::string_view backend);

}  // namespace memconform
