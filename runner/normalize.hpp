// Normalization: what turns a case's raw output into its outcome, the text
// compared with the expected one. Each rule has a name, so that a recording
// (profile.toml) can say which rules made it.
#pragma once

#include "runner/execute.hpp"

#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace memconform {

struct NormalizeContext {
    // The case's temporary folder, in every spelling the output may use
    // (as created and with symlinks resolved).
    std::vector<std::string> temp_dirs;
};

struct NormalizeRule {
    std::string_view name;
    std::string_view description;
    std::string (*apply)(std::string_view text, const NormalizeContext& context);
};

// The rule `temp-dir`: the case's folder becomes `.` (also in explain traces).
std::string replace_temp_dirs(std::string_view text, const NormalizeContext& context);

// In the order they apply.
std::span<const NormalizeRule> normalize_rules();

// Every rule's name, in order, for profile.toml.
std::vector<std::string> normalize_rule_names();

// The last line of an outcome: `[exit N]`, `[signal NAME]`, `[timeout]`,
// `[output capped at N bytes]` or `[not started]`.
std::string ending_line(const RawOutcome& raw, const Limits& limits);

// The outcome: the output with every rule applied, then the ending line.
std::string outcome_text(const RawOutcome& raw, const Limits& limits, const NormalizeContext& context);

}  // namespace memconform
