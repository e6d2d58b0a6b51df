// The work of `memconform peer`: where each backend's peer suite is, and
// each file of it run on each backend, judged against the listing recorded
// for the backend's profile (runner/peer.hpp, docs/peer.md).
#pragma once

#include "runner/expected.hpp"
#include "runner/peer.hpp"
#include "runner/session.hpp"

#include <filesystem>
#include <map>
#include <string>
#include <vector>

namespace memconform {

// Where a backend's `test` package is, or why it has none here.
struct PeerSource {
    std::string dir;  // empty: none (reason says why)
    std::string reason;  // how it was found, or why there is none
};

using PeerSources = std::map<std::string, PeerSource, std::less<>>;  // backend -> its suite

// The suite of each available backend of [backends]: its `peer_dir` in
// backends.toml; else, for a real backend, the folder its own interpreter
// names (kPeerDirProbe, cached in [cache_dir] as the capability probes
// are); for a model, the suite of the first real backend of [registry] of
// its profile (probed as needed): the installed tests of the runtime it
// models.
PeerSources find_peer_sources(const std::vector<const Backend*>& backends, Registry& registry, const Vars& base,
                              const std::filesystem::path& cache_dir, const Limits& limits);

// [limits] for [file] on [backend]: the file's time limit.
Limits peer_limits(const PeerFile& file, const Backend& backend, const Limits& limits);

// One run of [file] from [dir] on [backend] with [driver].
Observation run_peer_file(const PeerFile& file, const std::string& dir, const Backend& backend, std::string_view driver,
                          const Limits& limits);

// The case id of a peer file's results: peer/<module>.
std::string peer_case_id(const PeerFile& file);

struct PeerMatrix {
    std::vector<Result> results;  // file order, then backend order; none for what an interruption cut short
    std::vector<PeerEntry> entries;  // of the files that ran
};

// Every file on every backend: SKIPPED where the backend is not available,
// has no suite, or its suite lacks the file; else judged (judge_peer).
PeerMatrix run_peer_matrix(const std::vector<PeerFile>& files, const std::vector<const Backend*>& backends,
                           const PeerSources& sources, const ExpectedStore& store, std::string_view driver,
                           const Settings& settings, Progress& progress);

// Each file [attempts] times on [backend]: attempts[file][i].
std::vector<std::vector<Observation>> run_peer_attempts(const std::vector<PeerFile>& files, const Backend& backend,
                                                        const std::string& dir, std::string_view driver, int attempts,
                                                        const Settings& settings, Progress& progress);

// The console's table: per file and backend, the status and the counts.
std::string peer_summary(const RunRecord& run);

}  // namespace memconform
