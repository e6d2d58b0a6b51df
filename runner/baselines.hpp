// baselines/<backend>.toml: the known failures of a backend, each with the
// reason it fails (`"del/alias_keeps_alive" = "why"`). A listed case that
// fails is XFAIL; one that passes is XPASS, which fails the run.
#pragma once

#include "runner/string_table.hpp"

namespace memconform {

using Baseline = StringTable;  // case id -> reason

std::filesystem::path baseline_file(const std::filesystem::path& dir, std::string_view backend);

// The baseline of [backend]: empty when it has no file.
Baseline load_baseline(const std::filesystem::path& dir, std::string_view backend, Diagnostics& out);

}  // namespace memconform
