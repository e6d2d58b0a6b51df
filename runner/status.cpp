#include "runner/status.hpp"

namespace memconform {

Status judge(BackendKind kind, const RawOutcome& raw, const std::string& outcome,
             const std::optional<std::string>& expected) {
    if (raw.ending == Ending::TimedOut) return Status::Timeout;
    if (expected && *expected == outcome) return Status::Pass;
    if (kind == BackendKind::Model && raw.ending == Ending::Exited && raw.code == kUnsupportedExit)
        return Status::Unsupported;
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

}  // namespace memconform
