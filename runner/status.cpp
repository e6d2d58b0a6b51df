#include "runner/status.hpp"

#include <algorithm>

namespace memconform {

namespace {

// The status a model backend exits with when it rejects a construct
// (`pymodel: unsupported: WHAT at FILE:LINE:COL`).
constexpr int kUnsupportedExit = 3;

}  // namespace

Status judge(Kind kind, const RawOutcome& raw, const std::string& outcome, const std::optional<std::string>& expected) {
    if (raw.ending == Ending::TimedOut) return Status::Timeout;
    if (expected && *expected == outcome) return Status::Pass;
    if (kind == Kind::Model && raw.ending == Ending::Exited && raw.code == kUnsupportedExit) return Status::Unsupported;
    if (raw.ending == Ending::Signaled || raw.ending == Ending::NotStarted) return Status::Crash;
    if (!expected) return Status::NoExpected;
    return Status::Fail;
}

Status apply_baseline(Status status, bool listed) {
    if (!listed) return status;
    if (status == Status::Fail) return Status::XFail;
    if (status == Status::Pass) return Status::XPass;
    return status;
}

bool fails_run(Status status, bool strict) {
    if (result_code(status).is_failure) return true;
    return strict && (status == Status::NoExpected || status == Status::Unsupported || status == Status::Skipped);
}

int exit_status(std::span<const Status> statuses, bool strict) {
    return std::any_of(statuses.begin(), statuses.end(), [&](Status s) { return fails_run(s, strict); }) ? 1 : 0;
}

}  // namespace memconform
