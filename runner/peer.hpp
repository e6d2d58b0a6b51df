// Peer suites: CPython's and PyPy's own tests of memory behavior
// (test_finalization, test_gc, test_weakref, ...), taken from the test
// package installed with each runtime and run unchanged by peer/driver.py,
// which prints one `@peer <status> <test id>[ -- <reason>]` line per test
// method and `@peer done` at the end. This part reads that output, writes
// and reads the recorded listings (expected/<profile>/peer/<file>.txt) and
// judges one file's run against its recording. docs/peer.md.
#pragma once

#include "runner/execute.hpp"
#include "runner/registry.hpp"
#include "runner/result_codes.hpp"
#include "runner/results.hpp"

#include <filesystem>
#include <optional>
#include <string>
#include <vector>

namespace memconform {

// One test file of peer/suites.toml.
struct PeerFile {
    std::string module;  // test_gc: the file test_gc.py of the runtime's `test` package
    std::string about;  // one line: what its tests are about
    double timeout_seconds = 0;  // how long the whole file may run
};

// peer/suites.toml, in its order. Throws std::runtime_error naming the file
// and line of a problem.
std::vector<PeerFile> load_peer_files(const std::filesystem::path& file);

// The statuses the driver prints (unittest's outcomes).
inline constexpr std::string_view kPeerStatuses[] = {"pass", "fail", "error", "skip", "xfail", "xpass"};

struct PeerMethod {
    std::string id;  // module.Class.method (a failed subtest: with its parameters)
    std::string status;  // one of kPeerStatuses
    std::string reason;  // a skip's reason, an error's exception type; paths stripped

    auto operator<=>(const PeerMethod&) const = default;
};

// What one run of the driver printed.
struct PeerOutput {
    std::vector<PeerMethod> methods;
    bool done = false;  // `@peer done` came: every method ran
    std::vector<std::string> stray;  // `@peer` lines that do not parse
};

PeerOutput parse_peer_output(std::string_view output);

// [reason] without the folders of the paths in it (a skip reason may name
// the installed file): recordings must not depend on where the suite is.
std::string without_paths(std::string_view reason);

// The listing of [methods] as recorded: one `<id> <status>[ -- <reason>]`
// line each, sorted by id.
std::string peer_listing(std::vector<PeerMethod> methods);
// Reads a listing back; throws std::runtime_error on a line that is not one.
std::vector<PeerMethod> parse_peer_listing(std::string_view text);

PeerCounts count_methods(const std::vector<PeerMethod>& methods);

struct PeerVerdict {
    Status status = Status::Pass;
    std::string actual;  // the listing, then how the run ended when it did not finish
    std::string note;
    PeerCounts counts;
};

// The status of one file's run ([raw], normalized [outcome]) on a backend of
// [kind] against its [recorded] listing (nothing: none recorded):
//   TIMEOUT      the file's time limit killed it
//   UNSUPPORTED  a model exited with kUnsupportedExit before `@peer done`
//   CRASH        killed by a signal, not started, or ended without `@peer done`
//                (an exit, garbage, the output cap): the recorded methods it
//                never reported count as not run
//   NO-EXPECTED  nothing recorded for the backend's profile
//   FAIL         a method differs, was not run, or is not in the recording
//   PASS         every method agrees, or was skipped here with a reason
PeerVerdict judge_peer(BackendKind kind, const RawOutcome& raw, std::string_view outcome,
                       const std::optional<std::string>& recorded);

// Why a file's [outcomes] (of attempts on one interpreter, normalized) may
// not be recorded, or "": every attempt must finish, and all must list the
// same methods with the same statuses.
std::string peer_refusal(const std::vector<RawOutcome>& raws, const std::vector<std::string>& outcomes);

// The program that runs [module] of the `test` package in [dir]: the
// driver's source after the two assignments it expects.
std::string peer_program(std::string_view driver, const std::string& dir, const std::string& module);

// Asks a runtime where its `test` package is: prints `@peer-dir <folder>`.
inline constexpr std::string_view kPeerDirProbe =
    "import os\nimport test\nprint(\"@peer-dir \" + os.path.dirname(os.path.abspath(test.__file__)))\n";

// The folder the probe's [output] names, or nothing.
std::optional<std::string> probed_peer_dir(std::string_view output);

}  // namespace memconform
