// `memconform diff RUN_A RUN_B`: what changed from one run to another, per
// case and backend (as wpt.fyi's diff view shows two runs): results that
// now fail the run, that no longer do, whose status or outcome changed, and
// those only one run has.
#pragma once

#include "runner/results.hpp"

#include <optional>
#include <string>
#include <vector>

namespace memconform {

enum class Change {
    Regressed,  // fails the run in B, not in A (nor did it run there)
    Fixed,  // failed the run in A, not in B
    StatusChanged,  // another status, failing in both or in neither
    OutcomeChanged,  // the same status, another outcome
    Added,  // only B has it, and it does not fail the run
    Removed,  // only A has it
};

struct ResultChange {
    Change change;
    std::string case_id, backend;
    std::optional<Status> before, after;  // nothing where that run has no such result
    std::string outcome_diff;  // OutcomeChanged, StatusChanged: A's outcome against B's
};

struct RunDiff {
    std::vector<ResultChange> changes;  // by kind, then case, then backend
    std::size_t unchanged = 0;
};

RunDiff diff_runs(const RunRecord& before, const RunRecord& after);

// The console listing: a headline of counts, then each kind's results.
std::string diff_text(const RunDiff& diff, std::string_view before_name, std::string_view after_name);
// The same as a page of its own (no script, no external file).
std::string diff_html(const RunDiff& diff, std::string_view before_name, std::string_view after_name);

}  // namespace memconform
