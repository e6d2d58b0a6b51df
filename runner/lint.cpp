#include "runner/lint.hpp"

#include "runner/baselines.hpp"
#include "runner/text.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <map>
#include <optional>
#include <utility>

namespace memconform {

namespace fs = std::filesystem;

namespace {

// profile.toml must say which interpreter version the outcomes come from:
// a partial recording is checked against it. Returns what it read.
std::optional<ProfileInfo> lint_profile_info(const ExpectedStore& store, const std::string& profile, Diagnostics& out) {
    auto file = store.dir() / profile / "profile.toml";
    try {
        auto info = store.info(profile);
        if (!info) out.push_back({store.dir() / profile, 0, "no profile.toml: record it with `memconform record`"});
        else if (trim(info->version).empty())
            out.push_back({file, 0, "no `version`: record the profile again with `memconform record`"});
        return info;
    } catch (const std::runtime_error& e) {
        out.push_back({file, 0, e.what()});
        return std::nullopt;
    }
}

void lint_expected(const Corpus& corpus, const ExpectedStore& store, Diagnostics& out) {
    std::map<std::string, std::vector<std::string>> unrecorded;  // case id -> profiles without its outcome
    for (const auto& profile : store.profiles()) {
        auto info = lint_profile_info(store, profile, out);
        auto recorded = store.case_ids(profile);
        for (const auto& id : recorded)
            if (!corpus.find(id))
                out.push_back(
                    {store.file(profile, id), 0, "expected outcome of a case that does not exist: `" + id + "`"});
        // A case that requires what the profile's interpreter lacked has no
        // outcome on purpose.
        auto lacked = [&](const Case& c) {
            auto required = c.required();
            return info && std::any_of(required.begin(), required.end(),
                                       [&](const std::string& name) { return info->lacks.contains(name); });
        };
        for (const auto& c : corpus.cases)
            if (!c.is_broken() && !std::binary_search(recorded.begin(), recorded.end(), c.id) && !lacked(c))
                unrecorded[c.id].push_back(profile);
    }
    // A warning: a case may be left unrecorded on a profile on purpose
    // (refused as unstable there, say); `run` reports it NO-EXPECTED.
    for (const auto& [id, profiles] : unrecorded) {
        out.push_back({corpus.find(id)->path, 0,
                       fmt::format("no expected outcome on {} (`memconform record --backend B {}` with a backend of "
                                   "that profile); `run` reports NO-EXPECTED there",
                                   fmt::join(profiles, ", "), id),
                       false});
    }
}

// What `memconform record` never leaves in expected/: the partial file of a
// recording killed mid-write, and an outcome (or peer listing) whose line
// ends a checkout turned into CRLF. An outcome's last line is the runner's
// own `[exit N]\n`, and a listing's lines have no carriage return, so a
// "\r\n" there is never the interpreter's.
void lint_expected_files(const ExpectedStore& store, Diagnostics& out) {
    if (!fs::is_directory(store.dir())) return;
    std::vector<fs::path> files;
    for (const auto& entry : fs::recursive_directory_iterator(store.dir()))
        if (entry.is_regular_file()) files.push_back(entry.path());
    std::sort(files.begin(), files.end());
    for (const auto& file : files) {
        if (is_partial_file(file)) {
            out.push_back({file, 0,
                           "a partial file of a recording cut short: remove it (the next `memconform record` of "
                           "the profile does)"});
            continue;
        }
        bool outcome = file.extension() == ".out", listing = file.parent_path().filename() == "peer";
        if (!outcome && !listing) continue;
        auto text = read_file(file);
        if (outcome ? text.ends_with("\r\n") : text.find('\r') != std::string::npos)
            out.push_back({file, 0,
                           "CRLF line ends, which the recording did not write (a checkout converted them?): check "
                           "it out again as .gitattributes says (-text), or record it again"});
    }
}

// A case whose runtimes behave differently must say how to write its code
// so that they behave alike (docs/case-format.md).
void lint_portable(const Corpus& corpus, const ExpectedStore& store, Diagnostics& out) {
    auto profiles = store.profiles();
    for (const auto& c : corpus.cases) {
        if (c.is_broken() || !c.front.portable.empty()) continue;
        std::optional<std::pair<std::string, std::string>> first;  // a profile and its outcome
        for (const auto& profile : profiles) {
            auto outcome = store.outcome(profile, c.id);
            if (!outcome) continue;
            if (!first) first.emplace(profile, std::move(*outcome));
            else if (*outcome != first->second) {
                out.push_back({c.path, c.front.end_line,
                               fmt::format("the outcomes recorded on {} and {} differ: add `portable`, how to write "
                                           "the code so that every runtime behaves alike",
                                           first->first, profile)});
                break;
            }
        }
    }
}

std::vector<fs::path> baseline_files(const fs::path& dir) {
    std::vector<fs::path> files;
    if (fs::is_directory(dir))
        for (const auto& entry : fs::directory_iterator(dir))
            if (entry.path().extension() == ".toml") files.push_back(entry.path());
    std::sort(files.begin(), files.end());
    return files;
}

void lint_baselines(const fs::path& dir, const Corpus& corpus, const Registry& registry, Diagnostics& out) {
    for (const auto& file : baseline_files(dir)) {
        auto backend = file.stem().string();
        if (!registry.find(backend))
            out.push_back({file, 0, "baseline of `" + backend + "`, which backends.toml does not declare here", false});
        for (const auto& [id, entry] : load_baseline(dir, backend, out))
            if (!corpus.find(id)) out.push_back({file, entry.line, "no case `" + id + "`"});
    }
}

// A capability a backend declares must be one cases can require.
void lint_declared_capabilities(const Project& project, const Corpus& corpus, const Registry& registry,
                                Diagnostics& out) {
    for (const auto& b : registry.backends)
        for (const auto& [name, has] : b.declared_capabilities)
            if (!corpus.capabilities.contains(name))
                out.push_back({project.registry_file(), 0,
                               fmt::format("backend {} declares capability `{}`, which cases/tags.toml does not "
                                           "declare",
                                           b.name, name)});
}

}  // namespace

Diagnostics lint(const Project& project, const Corpus& corpus, const Registry& registry, const ExpectedStore& store) {
    Diagnostics out = corpus.problems;
    out.insert(out.end(), registry.problems.begin(), registry.problems.end());
    lint_expected(corpus, store, out);
    lint_expected_files(store, out);
    lint_portable(corpus, store, out);
    lint_baselines(project.baselines(), corpus, registry, out);
    lint_declared_capabilities(project, corpus, registry, out);
    return out;
}

}  // namespace memconform
