// Expectation mapping, in one place (as lit's Test.setResult): what status a
// case gets on a backend and what its baseline makes of it (whether it
// fails the run: result_codes.hpp).
#pragma once

#include "runner/execute.hpp"
#include "runner/registry.hpp"
#include "runner/result_codes.hpp"

#include <optional>
#include <string>

namespace memconform {

// The status a model backend exits with when it rejects a construct
// (`pymodel: unsupported: WHAT at FILE:LINE:COL`; pymodel --help).
inline constexpr int kUnsupportedExit = 3;

// The status of one outcome against the expected one (nothing: not recorded).
//   TIMEOUT      the time limit killed it
//   PASS         the outcome is the expected one, however it ended
//   UNSUPPORTED  a model backend exited with kUnsupportedExit (it rejected a construct); a case
//                that requires a capability the backend lacks never gets here (session.hpp)
//   CRASH        killed by a signal, or the command could not start
//   NO-EXPECTED  nothing recorded for the backend's profile
//   FAIL         anything else
Status judge(BackendKind kind, const RawOutcome& raw, const std::string& outcome,
             const std::optional<std::string>& expected);

// A case the backend's baseline lists is expected to fail: FAIL becomes
// XFAIL, PASS becomes XPASS; other statuses stay.
Status apply_baseline(Status status, bool listed);

}  // namespace memconform
