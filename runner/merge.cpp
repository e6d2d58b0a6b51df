#include "runner/merge.hpp"

#include "runner/selection.hpp"
#include "runner/text.hpp"

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <algorithm>
#include <map>
#include <set>
#include <stdexcept>

namespace memconform {

namespace fs = std::filesystem;

namespace {

constexpr std::string_view kResultsFile = "results.json";

std::string describe(const BackendEntry& b) {
    return fmt::format("{} ({}, profile {}, {})", b.name, b.kind, b.profile.empty() ? "none" : b.profile,
                       b.available ? "available" : "not available");
}

std::string describe(const std::vector<BackendEntry>& backends) {
    std::vector<std::string> parts;
    for (const auto& b : backends) parts.push_back(describe(b));
    return parts.empty() ? "none" : fmt::format("{}", fmt::join(parts, ", "));
}

bool same_backends(const std::vector<BackendEntry>& a, const std::vector<BackendEntry>& b) {
    return std::equal(a.begin(), a.end(), b.begin(), b.end(), [](const BackendEntry& x, const BackendEntry& y) {
        return x.name == y.name && x.kind == y.kind && x.profile == y.profile && x.available == y.available;
    });
}

// Throws unless [other] is a shard of the run [first] is one of.
void check_same_run(const ShardRun& first, const ShardRun& other) {
    auto mismatch = [&](std::string_view what, const std::string& a, const std::string& b) {
        return std::runtime_error(fmt::format("{} and {} are not shards of one run: {} {} here, {} there",
                                              first.source.string(), other.source.string(), what, a, b));
    };
    const auto &a = first.run, &b = other.run;
    if (a.root != b.root) throw mismatch("project", a.root, b.root);
    if (a.selection != b.selection)
        throw mismatch("case selection", fmt::format("{} cases ({})", a.selection.cases, a.selection.digest),
                       fmt::format("{} cases ({})", b.selection.cases, b.selection.digest));
    if (a.strict != b.strict) throw mismatch("--strict", a.strict ? "on" : "off", b.strict ? "on" : "off");
    auto count_a = parse_shard(a.shard).count, count_b = parse_shard(b.shard).count;
    if (count_a != count_b) throw mismatch("shard count", std::to_string(count_a), std::to_string(count_b));
    if (!same_backends(a.backends, b.backends)) throw mismatch("backends", describe(a.backends), describe(b.backends));
}

// Throws when two shards are the same one, or hold the same case.
void check_disjoint(const std::vector<ShardRun>& shards) {
    std::map<std::string, const ShardRun*> shard_of, case_of;
    for (const auto& s : shards) {
        if (auto [it, fresh] = shard_of.emplace(s.run.shard, &s); !fresh)
            throw std::runtime_error(fmt::format("{} and {} are both shard {}: the shards overlap",
                                                 it->second->source.string(), s.source.string(), s.run.shard));
        for (const auto& c : s.run.cases)
            if (auto [it, fresh] = case_of.emplace(c.id, &s); !fresh)
                throw std::runtime_error(fmt::format("{} and {} both hold case {}: the shards overlap",
                                                     it->second->source.string(), s.source.string(), c.id));
    }
}

// Throws unless [shard] holds one result of each of its cases on each of its
// backends, as a run that was not interrupted does: a results.json that
// lost or repeated some would merge into a run that looks whole.
void check_results(const ShardRun& shard) {
    const auto& run = shard.run;
    std::set<std::string> cases, backends;
    for (const auto& c : run.cases) cases.insert(c.id);
    for (const auto& b : run.backends) backends.insert(b.name);
    std::set<std::pair<std::string, std::string>> seen;
    for (const auto& r : run.results) {
        if (!cases.contains(r.case_id) || !backends.contains(r.backend))
            throw std::runtime_error(fmt::format("{} has a result of {} on {}, not one of its cases and backends",
                                                 shard.source.string(), r.case_id, r.backend));
        if (!seen.emplace(r.case_id, r.backend).second)
            throw std::runtime_error(
                fmt::format("{} has two results of {} on {}", shard.source.string(), r.case_id, r.backend));
    }
    for (const auto& c : cases)
        for (const auto& b : backends)
            if (!seen.contains({c, b}))
                throw std::runtime_error(
                    fmt::format("{} has {} results for its {} cases on {} backends: none of {} "
                                "on {}, and maybe others (a damaged results.json?)",
                                shard.source.string(), run.results.size(), cases.size(), backends.size(), c, b));
}

// Throws unless the shards hold every case of the run's selection.
void check_complete(const std::vector<ShardRun>& shards, const std::vector<std::string>& ids) {
    const auto& whole = shards.front().run.selection;
    if (case_set(ids) == whole) return;
    auto count = parse_shard(shards.front().run.shard).count;
    std::set<std::string> present;
    for (const auto& s : shards) present.insert(s.run.shard);
    std::vector<std::string> missing;
    for (unsigned i = 1; i <= count; ++i)
        if (auto name = fmt::format("{}/{}", i, count); !present.contains(name)) missing.push_back(name);
    throw std::runtime_error(fmt::format("the shards hold {} of the run's {} cases{}", ids.size(), whole.cases,
                                         missing.empty()
                                             ? std::string(": they do not make up one run")
                                             : fmt::format(": shard {} is missing", fmt::join(missing, ", "))));
}

}  // namespace

ShardRun read_shard(const fs::path& given) {
    auto file = given;
    if (fs::is_directory(given))
        file = fs::exists(given / "latest") ? given / "latest" / kResultsFile : given / kResultsFile;
    if (!fs::is_regular_file(file))
        throw std::runtime_error(fmt::format("{}: no {} there", given.string(), kResultsFile));
    try {
        return {file, run_from_json(nlohmann::json::parse(read_file(file)))};
    } catch (const std::exception& e) {
        throw std::runtime_error(fmt::format("{}: {}", file.string(), e.what()));
    }
}

RunRecord merge_shards(const std::vector<ShardRun>& shards) {
    if (shards.empty()) throw std::runtime_error("nothing to merge");
    const auto& first = shards.front();
    if (first.run.selection.digest.empty())
        throw std::runtime_error(first.source.string() +
                                 " comes from a memconform that does not record its case "
                                 "selection: run the shards again");
    for (const auto& s : shards) {
        check_same_run(first, s);
        // Its missing results would read as cases that were never selected.
        if (!s.run.interrupted.empty())
            throw std::runtime_error(
                fmt::format("{} was interrupted by {}: run that shard again", s.source.string(), s.run.interrupted));
        check_results(s);
    }
    check_disjoint(shards);

    RunRecord whole;
    whole.shard = "1/1";
    whole.root = first.run.root;
    whole.selection = first.run.selection;
    whole.strict = first.run.strict;
    whole.backends = first.run.backends;
    whole.not_run = first.run.not_run;
    whole.started = first.run.started;
    for (const auto& s : shards) {
        whole.started = std::min(whole.started, s.run.started);
        whole.seconds += s.run.seconds;
        whole.cases.insert(whole.cases.end(), s.run.cases.begin(), s.run.cases.end());
        whole.results.insert(whole.results.end(), s.run.results.begin(), s.run.results.end());
        whole.comparisons.insert(whole.comparisons.end(), s.run.comparisons.begin(), s.run.comparisons.end());
        whole.behaviors.insert(whole.behaviors.end(), s.run.behaviors.begin(), s.run.behaviors.end());
    }
    std::vector<std::string> ids;
    for (const auto& c : whole.cases) ids.push_back(c.id);
    check_complete(shards, ids);

    // One run lists cases by id and, within a case, results in backend order.
    std::sort(whole.cases.begin(), whole.cases.end(), [](const auto& a, const auto& b) { return a.id < b.id; });
    std::map<std::string, std::size_t> backend_order;
    for (const auto& b : whole.backends) backend_order.emplace(b.name, backend_order.size());
    auto by_case_then_backend = [&](const auto& a, const auto& b) {
        return std::pair(a.case_id, backend_order[a.backend]) < std::pair(b.case_id, backend_order[b.backend]);
    };
    std::sort(whole.results.begin(), whole.results.end(), by_case_then_backend);
    std::sort(whole.comparisons.begin(), whole.comparisons.end(), by_case_then_backend);
    std::sort(whole.behaviors.begin(), whole.behaviors.end(),
              [](const auto& a, const auto& b) { return a.case_id < b.case_id; });
    whole.exit_status = whole.failing_status();
    return whole;
}

}  // namespace memconform
