#include "runner/corpus.hpp"

#include "runner/text.hpp"

#include <fmt/format.h>
#include <toml++/toml.h>

#include <algorithm>
#include <cctype>

namespace memconform {

namespace fs = std::filesystem;

bool Case::has_tag(std::string_view tag) const {
    return std::any_of(front.tags.begin(), front.tags.end(), [&](const Located& t) { return t.text == tag; });
}

std::vector<std::string> Case::required() const {
    std::vector<std::string> names;
    for (const auto& capability : front.required) names.push_back(capability.text);
    return names;
}

std::string Case::body() const {
    auto lines = split_lines(source);
    std::string body;
    for (std::size_t i = static_cast<std::size_t>(front.end_line); i < lines.size(); ++i)
        body.append(lines[i]).push_back('\n');
    return body;
}

const Case* Corpus::find(std::string_view id) const {
    auto it = std::lower_bound(cases.begin(), cases.end(), id,
                               [](const Case& c, std::string_view key) { return c.id < key; });
    return it != cases.end() && it->id == id ? &*it : nullptr;
}

Diagnostics Corpus::blocking_problems() const {
    Diagnostics blocking;
    for (const auto& d : problems) {
        bool own =
            std::any_of(cases.begin(), cases.end(), [&](const Case& c) { return c.is_broken() && c.path == d.file; });
        if (d.is_error && !own) blocking.push_back(d);
    }
    return blocking;
}

std::string case_id(const fs::path& cases_dir, const fs::path& file) {
    auto relative = fs::weakly_canonical(file).lexically_relative(fs::weakly_canonical(cases_dir));
    if (relative.empty() || *relative.begin() == ".." || relative.extension() != ".py") return "";
    return relative.replace_extension().generic_string();
}

namespace {

std::vector<fs::path> python_files(const fs::path& dir) {
    std::vector<fs::path> files;
    for (const auto& entry : fs::recursive_directory_iterator(dir))
        if (entry.is_regular_file() && entry.path().extension() == ".py") files.push_back(entry.path());
    std::sort(files.begin(), files.end());  // diagnostics in a stable order
    return files;
}

void check_tags_declared(const Case& c, const Corpus& corpus, Diagnostics& out) {
    for (const auto& tag : c.front.tags)
        if (!corpus.tags.contains(tag.text))
            out.push_back({c.path, tag.line, "unknown tag `" + tag.text + "` (declare it in cases/tags.toml)"});
    for (const auto& capability : c.front.required)
        if (!corpus.capabilities.contains(capability.text))
            out.push_back(
                {c.path, capability.line,
                 "unknown capability `" + capability.text + "` (declare it in cases/tags.toml [capabilities])"});
}

// A case that uses what a runtime may lack must say so, or it would fail
// (not be UNSUPPORTED) there.
void check_required(const Case& c, const Corpus& corpus, Diagnostics& out) {
    for (const auto& use :
         undeclared_uses(c.source, c.front.end_line + 1, c.front.tags, c.required(), corpus.capabilities))
        out.push_back({c.path, use.line,
                       fmt::format("needs {} ({}): add \"{}\" to `requires` in its front matter, or guard against "
                                   "its absence",
                                   use.capability, corpus.capabilities.at(use.capability).meaning, use.capability)});
}

// The case in [file]; broken, with the errors it adds to [out], when they are
// about it.
Case load_case(const fs::path& file, const std::string& id, const Corpus& corpus, Diagnostics& out) {
    auto first = out.size();
    Case c{id, file, {}, "", {}};
    auto bytes = fs::file_size(file);
    if (bytes > kMostCaseBytes) {
        out.push_back({file, 0,
                       fmt::format("{} bytes: a case file is at most {} KiB (a small program; the reports hold it "
                                   "once per backend)",
                                   bytes, kMostCaseBytes / 1024)});
    } else if (c.source = read_file(file); id.find('/') == std::string::npos) {
        out.push_back({file, 0, "a case lives in an area folder: cases/<area>/<name>.py"});
    } else if (auto front = parse_front_matter(c.source, file, out)) {
        c.front = std::move(*front);
        check_tags_declared(c, corpus, out);
        check_required(c, corpus, out);
    }
    for (auto d = out.begin() + static_cast<std::ptrdiff_t>(first); d != out.end(); ++d)
        if (d->is_error) c.broken += (c.broken.empty() ? "" : "\n") + d->str();
    return c;
}

std::string folded(std::string id) {
    std::transform(id.begin(), id.end(), id.begin(), [](unsigned char ch) { return std::tolower(ch); });
    return id;
}

// Ids are paths, so two cases share one only on a case-insensitive file
// system, where they would also share their expected files.
void check_duplicate_ids(const std::vector<Case>& cases, Diagnostics& out) {
    std::map<std::string, const Case*> seen;
    for (const Case& c : cases) {
        auto [it, fresh] = seen.emplace(folded(c.id), &c);
        if (!fresh)
            out.push_back(
                {c.path, 0,
                 "duplicate case id `" + c.id + "` (also " + it->second->path.string() + ", ids ignore case)"});
    }
}

void check_unused_tags(const Corpus& corpus, const fs::path& tags_file, Diagnostics& out) {
    for (const auto& [tag, info] : corpus.tags) {
        bool used = std::any_of(corpus.cases.begin(), corpus.cases.end(),
                                [&tag = tag](const Case& c) { return c.has_tag(tag); });
        if (!used) out.push_back({tags_file, info.line, "tag `" + tag + "` is used by no case", false});
    }
}

// tags.toml: `tag = "meaning"` entries, then the [capabilities] table.
void load_tags_file(const fs::path& file, Corpus& corpus) {
    auto table = parse_toml_file(file, corpus.problems);
    if (!table) return;
    corpus.tags = string_table_of(*table, file, "tag = \"what it means\"", corpus.problems, "capabilities");
    if (const toml::table* capabilities = (*table)["capabilities"].as_table())
        corpus.capabilities = read_vocabulary(*capabilities, file, corpus.problems);
}

}  // namespace

Corpus load_corpus(const fs::path& cases_dir) {
    Corpus corpus;
    corpus.dir = cases_dir;
    auto tags_file = cases_dir / "tags.toml";
    if (!fs::is_directory(cases_dir)) {
        corpus.problems.push_back({cases_dir, 0, "no cases folder"});
        return corpus;
    }
    if (fs::exists(tags_file)) load_tags_file(tags_file, corpus);
    else corpus.problems.push_back({tags_file, 0, "missing: every tag is declared here"});
    for (const auto& file : python_files(cases_dir))
        corpus.cases.push_back(load_case(file, case_id(cases_dir, file), corpus, corpus.problems));
    std::sort(corpus.cases.begin(), corpus.cases.end(), [](const Case& a, const Case& b) { return a.id < b.id; });
    check_duplicate_ids(corpus.cases, corpus.problems);
    check_unused_tags(corpus, tags_file, corpus.problems);
    return corpus;
}

}  // namespace memconform
