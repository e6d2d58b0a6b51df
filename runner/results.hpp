// The record of one run: what ran, on what, with what result. Every report
// is written from it, and results.json is it, serialized (schema: see
// docs/reports.md), so `memconform report` can write the others again.
#pragma once

#include "runner/result_codes.hpp"

#include <nlohmann/json.hpp>

#include <map>
#include <optional>
#include <string>
#include <vector>

namespace memconform {

inline constexpr int kResultsSchema = 1;

struct BackendEntry {
    std::string name;
    std::string kind;
    std::string profile;
    std::string command;
    std::string version;
    bool available = false;
    std::string reason;  // why it is not available
    // What the run's cases require, found (runner/capabilities.hpp): what
    // it has (how that is known) and what it lacks (why).
    std::map<std::string, std::string> capabilities;
    std::map<std::string, std::string> lacks;
};

struct CaseEntry {
    std::string id;
    std::string summary;
    std::vector<std::string> tags;
    std::string source;  // the case file, front matter included (its line numbers are the outcome's)
};

struct Result {
    std::string case_id;
    std::string backend;
    Status status = Status::Pass;
    std::string actual;  // the outcome; empty when SKIPPED
    std::optional<std::string> expected;  // nothing when not recorded
    std::string note;  // baseline reason, why skipped, ...
    double seconds = 0;
    // UNSUPPORTED for a capability the profile's interpreter lacked too when
    // it was recorded: the backend agrees with its reference, so even
    // --strict does not fail on it.
    bool lacked_as_recorded = false;
    std::string trace{};  // the backend's explain trace of the case (a model's); empty: none
};

// Whether [result] fails a run (--strict: [strict]); a capability its
// profile's interpreter lacked too never does.
inline bool fails_run(const Result& result, bool strict) {
    return fails_run(result.status, strict && !result.lacked_as_recorded);
}

// `memconform compare`: which recorded profiles one outcome matches.
struct Comparison {
    std::string case_id;
    std::string backend;
    std::vector<std::string> matches;  // profiles whose outcome it is
    std::vector<std::string> recorded;  // profiles with an outcome for the case
    std::string verdict;  // "all", "none", "only <family>" or "some"
};

// One behavior of a case: the profiles that recorded the same outcome.
struct Behavior {
    std::vector<std::string> profiles;  // in ExpectedStore::profiles() order
    std::string outcome;
};

// A case's recorded outcomes grouped into behaviors, in the order of the
// first profile (ExpectedStore::profiles() order) that shows each: reports call them A, B, C, ...
struct CaseBehaviors {
    std::string case_id;
    std::vector<Behavior> behaviors;
};

// One peer suite file on one backend (runner/peer.hpp), counted: what the
// backend reported for its test methods, and how that compares with the
// listing recorded for the backend's profile.
struct PeerCounts {
    std::size_t pass = 0, fail = 0, error = 0, skip = 0, xfail = 0, xpass = 0;
    // Of the recorded methods (by their lines): those whose status is the
    // recorded one; whose status differs; that the backend skipped where the
    // recording ran them (not a disagreement: the skip states its reason);
    // that the backend never reported (after a crash, say). Then the lines
    // of methods the recording lacks.
    std::size_t agree = 0, differ = 0, skipped_here = 0, not_run = 0, unrecorded = 0;

    // As unittest sums up a run: an expected failure passes, an unexpected success fails.
    std::size_t passed() const { return pass + xfail; }
    std::size_t failed() const { return fail + xpass; }
    // The methods recorded for the profile (by their lines).
    std::size_t recorded() const { return agree + differ + skipped_here + not_run; }
    bool operator==(const PeerCounts&) const = default;
};

struct PeerEntry {
    std::string file;  // its results' case id: peer/test_gc
    std::string backend;
    std::string dir;  // the `test` folder it ran from
    PeerCounts counts;
};

// The cases a run's selection picks before --shard takes its part: shards
// of one run have the same, which `memconform merge` checks.
struct CaseSet {
    std::size_t cases = 0;
    std::string digest;  // of the sorted ids; empty in a results.json older than merge

    bool operator==(const CaseSet&) const = default;
};

// The CaseSet of [ids], in any order.
CaseSet case_set(std::vector<std::string> ids);

struct RunRecord {
    int schema = kResultsSchema;
    std::string id;  // also the name of its folder under reports/
    std::string command;  // the memconform command line
    std::string started;  // ISO 8601, UTC
    double seconds = 0;
    std::string shard;  // "I/N"
    std::string root;  // the project folder
    CaseSet selection;  // what the whole run (every shard) covers
    bool strict = false;  // --strict: NO-EXPECTED, UNSUPPORTED and SKIPPED fail the run too
    std::string interrupted;  // the signal that cut the run short ("SIGTERM"), or empty
    int exit_status = 0;
    std::vector<BackendEntry> backends;
    // Backends a default run left out, once each: their profile has no
    // recorded outcome, so every case would be NO-EXPECTED (reason says so).
    std::vector<BackendEntry> not_run;
    std::vector<CaseEntry> cases;
    std::vector<Result> results;
    std::vector<Comparison> comparisons;
    std::vector<CaseBehaviors> behaviors;  // of every case of the run
    std::vector<PeerEntry> peer;  // `memconform peer`: each file run on each backend

    const CaseEntry* find_case(std::string_view id) const;
    const BackendEntry* find_backend(std::string_view name) const;
    // How many results of [backend] have each status.
    std::map<Status, std::size_t> count(std::string_view backend) const;
    // The statuses of the run's results, in table order; PASS always.
    std::vector<Status> statuses_seen() const;
    const Result* find_result(std::string_view case_id, std::string_view backend) const;
    // The counts of the peer file whose results have [case_id] on [backend]; null when it did not run.
    const PeerEntry* find_peer(std::string_view case_id, std::string_view backend) const;
    // Whether [result] fails the run: every report lists it as a failure.
    bool fails(const Result& result) const { return fails_run(result, strict); }
    // 0 when no result fails the run, else 1.
    int failing_status() const;
    // What an interrupted run's reports say about it; empty when it was not.
    std::string interruption_note() const;
};

nlohmann::json to_json(const RunRecord& run);
// Throws std::runtime_error on a schema it does not know.
RunRecord run_from_json(const nlohmann::json& json);

}  // namespace memconform
