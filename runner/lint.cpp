#include "runner/lint.hpp"

#include "runner/baselines.hpp"

#include <algorithm>

namespace memconform {

namespace fs = std::filesystem;

namespace {

void lint_expected(const Corpus& corpus, const ExpectedStore& store, Diagnostics& out) {
    for (const auto& profile : store.profiles()) {
        if (!fs::exists(store.dir() / profile / "profile.toml"))
            out.push_back({store.dir() / profile, 0, "no profile.toml: record it with `memconform record`"});
        for (const auto& id : store.case_ids(profile))
            if (!corpus.find(id))
                out.push_back({store.file(profile, id), 0, "expected outcome of a case that does not exist: `" + id + "`"});
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

}  // namespace

Diagnostics lint(const Project& project, const Corpus& corpus, const Registry& registry, const ExpectedStore& store) {
    Diagnostics out = corpus.problems;
    out.insert(out.end(), registry.problems.begin(), registry.problems.end());
    lint_expected(corpus, store, out);
    lint_baselines(project.baselines(), corpus, registry, out);
    return out;
}

}  // namespace memconform
