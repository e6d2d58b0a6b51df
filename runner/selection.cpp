#include "runner/selection.hpp"

#include "runner/text.hpp"

#include <algorithm>
#include <charconv>
#include <stdexcept>

namespace memconform {

namespace {

unsigned parse_number(std::string_view text) {
    unsigned value = 0;
    auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
    if (error != std::errc() || end != text.data() + text.size()) throw std::invalid_argument("");
    return value;
}

// A pattern ending in .py names a case file (`cases/del/x.py`); any other is
// a glob on case ids (`del/*`).
std::string id_pattern(const Corpus& corpus, const std::string& pattern) {
    if (!pattern.ends_with(".py")) return pattern;
    auto id = case_id(corpus.dir, pattern);
    return id.empty() ? pattern : id;
}

// A broken case's tags are unknown: it is in every selection by tag, so that
// it fails the run rather than vanish from it.
bool has_any_tag(const Case& c, const std::vector<std::string>& tags) {
    return tags.empty() || c.is_broken() ||
           std::any_of(tags.begin(), tags.end(), [&](const auto& t) { return c.has_tag(t); });
}

}  // namespace

Shard parse_shard(std::string_view text) {
    auto slash = text.find('/');
    try {
        if (slash == std::string_view::npos) throw std::invalid_argument("");
        Shard shard{parse_number(text.substr(0, slash)), parse_number(text.substr(slash + 1))};
        if (shard.index < 1 || shard.index > shard.count) throw std::invalid_argument("");
        return shard;
    } catch (const std::invalid_argument&) {
        throw std::invalid_argument("--shard takes I/N with 1 <= I <= N, got `" + std::string(text) + "`");
    }
}

bool in_shard(std::string_view case_id, const Shard& shard) {
    return stable_hash(case_id) % shard.count == shard.index - 1;
}

Selected select_cases(const Corpus& corpus, const Selection& selection) {
    Selected out;
    std::vector<std::string> patterns;
    for (const auto& p : selection.patterns) patterns.push_back(id_pattern(corpus, p));
    std::vector<bool> used(patterns.size());
    for (const auto& c : corpus.cases) {
        bool wanted = patterns.empty();
        for (std::size_t i = 0; i < patterns.size(); ++i)
            if (glob_match(patterns[i], c.id)) wanted = used[i] = true;
        if (!wanted || !has_any_tag(c, selection.tags)) continue;
        if (selection.only && std::find(selection.only->begin(), selection.only->end(), c.id) == selection.only->end())
            continue;
        out.unsharded.push_back(c.id);
        if (in_shard(c.id, selection.shard)) out.cases.push_back(&c);
    }
    for (std::size_t i = 0; i < patterns.size(); ++i)
        if (!used[i]) out.unmatched.push_back(selection.patterns[i]);
    for (const auto& tag : selection.tags)
        if (!corpus.tags.contains(tag)) out.unknown_tags.push_back(tag);
    return out;
}

}  // namespace memconform
