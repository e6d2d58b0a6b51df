#include "runner/results.hpp"

#include "runner/text.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <stdexcept>

namespace memconform {

NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE_WITH_DEFAULT(BackendEntry, name, kind, profile, command, version, available, reason,
                                                capabilities, lacks)
NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE_WITH_DEFAULT(CaseEntry, id, summary, tags, source)
NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE(CaseSet, cases, digest)
NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE(Behavior, profiles, outcome)
NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE(PeerCounts, pass, fail, error, skip, xfail, xpass, agree, differ, skipped_here,
                                   not_run, unrecorded)
NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE(PeerEntry, file, backend, dir, counts)

void to_json(nlohmann::json& json, const CaseBehaviors& c) { json = {{"case", c.case_id}, {"behaviors", c.behaviors}}; }

void from_json(const nlohmann::json& json, CaseBehaviors& c) {
    json.at("case").get_to(c.case_id);
    json.at("behaviors").get_to(c.behaviors);
}

CaseSet case_set(std::vector<std::string> ids) {
    std::sort(ids.begin(), ids.end());
    std::string all;
    for (const auto& id : ids) all += id + "\n";
    return {ids.size(), fmt::format("{:016x}", stable_hash(all))};
}

void to_json(nlohmann::json& json, const Comparison& c) {
    json = {{"case", c.case_id},
            {"backend", c.backend},
            {"matches", c.matches},
            {"recorded", c.recorded},
            {"verdict", c.verdict}};
}

void from_json(const nlohmann::json& json, Comparison& c) {
    json.at("case").get_to(c.case_id);
    json.at("backend").get_to(c.backend);
    json.at("matches").get_to(c.matches);
    json.at("recorded").get_to(c.recorded);
    json.at("verdict").get_to(c.verdict);
}

void to_json(nlohmann::json& json, const Result& r) {
    json = {{"case", r.case_id},
            {"backend", r.backend},
            {"status", result_code(r.status).name},
            {"actual", r.actual},
            {"expected", r.expected ? nlohmann::json(*r.expected) : nlohmann::json()},
            {"note", r.note},
            {"seconds", r.seconds},
            {"lacked_as_recorded", r.lacked_as_recorded},
            {"trace", r.trace}};
}

void from_json(const nlohmann::json& json, Result& r) {
    auto name = json.at("status").get<std::string>();
    auto status = status_named(name);
    if (!status) throw std::runtime_error("unknown status " + name);
    r.case_id = json.at("case").get<std::string>();
    r.backend = json.at("backend").get<std::string>();
    r.status = *status;
    r.actual = json.at("actual").get<std::string>();
    if (!json.at("expected").is_null()) r.expected = json.at("expected").get<std::string>();
    r.note = json.at("note").get<std::string>();
    r.seconds = json.at("seconds").get<double>();
    r.lacked_as_recorded = json.value("lacked_as_recorded", false);
    r.trace = json.value("trace", "");
}

const CaseEntry* RunRecord::find_case(std::string_view case_id) const {
    auto it = std::find_if(cases.begin(), cases.end(), [&](const CaseEntry& c) { return c.id == case_id; });
    return it != cases.end() ? &*it : nullptr;
}

const BackendEntry* RunRecord::find_backend(std::string_view name) const {
    auto it = std::find_if(backends.begin(), backends.end(), [&](const BackendEntry& b) { return b.name == name; });
    return it != backends.end() ? &*it : nullptr;
}

std::map<Status, std::size_t> RunRecord::count(std::string_view backend) const {
    std::map<Status, std::size_t> counts;
    for (const auto& r : results)
        if (r.backend == backend) ++counts[r.status];
    return counts;
}

std::vector<Status> RunRecord::statuses_seen() const {
    std::vector<Status> seen;
    for (const auto& code : kResultCodes) {
        bool present =
            std::any_of(results.begin(), results.end(), [&](const Result& r) { return r.status == code.status; });
        if (present || code.status == Status::Pass) seen.push_back(code.status);
    }
    return seen;
}

const Result* RunRecord::find_result(std::string_view case_id, std::string_view backend) const {
    auto it = std::find_if(results.begin(), results.end(),
                           [&](const Result& r) { return r.case_id == case_id && r.backend == backend; });
    return it != results.end() ? &*it : nullptr;
}

const PeerEntry* RunRecord::find_peer(std::string_view case_id, std::string_view backend) const {
    auto it = std::find_if(peer.begin(), peer.end(),
                           [&](const PeerEntry& e) { return e.file == case_id && e.backend == backend; });
    return it != peer.end() ? &*it : nullptr;
}

int RunRecord::failing_status() const {
    return std::any_of(results.begin(), results.end(), [&](const Result& r) { return fails(r); }) ? 1 : 0;
}

nlohmann::json to_json(const RunRecord& run) {
    auto results = nlohmann::json::array();
    for (const auto& r : run.results) {
        nlohmann::json entry = r;
        entry["fails_run"] = run.fails(r);
        results.push_back(std::move(entry));
    }
    return {{"schema", run.schema},
            {"id", run.id},
            {"command", run.command},
            {"started", run.started},
            {"seconds", run.seconds},
            {"shard", run.shard},
            {"root", run.root},
            {"selection", run.selection},
            {"strict", run.strict},
            {"interrupted", run.interrupted},
            {"exit_status", run.exit_status},
            {"backends", run.backends},
            {"not_run", run.not_run},
            {"cases", run.cases},
            {"results", results},
            {"comparisons", run.comparisons},
            {"behaviors", run.behaviors},
            {"peer", run.peer}};
}

std::string RunRecord::interruption_note() const {
    if (interrupted.empty()) return "";
    return fmt::format("Interrupted by {}: {} of {} results; the cases it cut short or kept from starting have none.",
                       interrupted, results.size(), cases.size() * backends.size());
}

RunRecord run_from_json(const nlohmann::json& json) {
    RunRecord run;
    json.at("schema").get_to(run.schema);
    if (run.schema != kResultsSchema)
        throw std::runtime_error("results.json has schema " + std::to_string(run.schema) +
                                 "; this memconform reads schema " + std::to_string(kResultsSchema));
    json.at("id").get_to(run.id);
    json.at("command").get_to(run.command);
    json.at("started").get_to(run.started);
    json.at("seconds").get_to(run.seconds);
    json.at("shard").get_to(run.shard);
    // Absent from the results.json of older versions.
    run.root = json.value("root", "");
    run.selection = json.value("selection", CaseSet{});
    run.strict = json.value("strict", false);
    run.interrupted = json.value("interrupted", "");
    json.at("exit_status").get_to(run.exit_status);
    json.at("backends").get_to(run.backends);
    run.not_run = json.value("not_run", std::vector<BackendEntry>{});
    json.at("cases").get_to(run.cases);
    json.at("results").get_to(run.results);
    json.at("comparisons").get_to(run.comparisons);
    run.behaviors = json.value("behaviors", std::vector<CaseBehaviors>{});
    run.peer = json.value("peer", std::vector<PeerEntry>{});
    return run;
}

}  // namespace memconform
