// Which cases a command works on: tags, glob patterns, and a shard.
#pragma once

#include "runner/corpus.hpp"

#include <optional>
#include <string>
#include <vector>

namespace memconform {

struct Shard {
    unsigned index = 1;  // 1-based
    unsigned count = 1;
};

// "I/N" with 1 <= I <= N. Throws std::invalid_argument.
Shard parse_shard(std::string_view text);

// Cases go to shards by a stable hash of their id: a case stays in its shard
// whatever cases are added or removed, on every machine.
bool in_shard(std::string_view case_id, const Shard& shard);

struct Selection {
    std::vector<std::string> tags;  // a case with any of them; none: every case
    std::vector<std::string> patterns;  // globs on case ids, or case files; none: every case
    Shard shard;
    // `--failed-from RUN`: only these case ids (those that failed there).
    std::optional<std::vector<std::string>> only;
};

struct Selected {
    std::vector<const Case*> cases;
    std::vector<std::string> unsharded;  // the ids the tags and patterns pick, every shard's
    std::vector<std::string> unmatched;  // patterns that selected nothing
    std::vector<std::string> unknown_tags;  // tags cases/tags.toml does not declare
};

Selected select_cases(const Corpus& corpus, const Selection& selection);

}  // namespace memconform
