// The corpus: every case under cases/, its front matter, and the tags
// cases/tags.toml declares.
#pragma once

#include "runner/capabilities.hpp"
#include "runner/diagnostic.hpp"
#include "runner/frontmatter.hpp"
#include "runner/string_table.hpp"

#include <cstdint>
#include <filesystem>
#include <map>
#include <string>
#include <vector>

namespace memconform {

// The largest case file: a case is a small program, and each report holds
// it once per backend. A larger file is a broken case, not read.
inline constexpr std::uintmax_t kMostCaseBytes = 256 * 1024;

struct Case {
    std::string id;  // the path under cases/ without `.py`: `del/alias_keeps_alive`
    std::filesystem::path path;
    FrontMatter front;
    std::string source;
    std::string broken;  // why the file is not a valid case (lint's errors); empty when it is

    bool is_broken() const { return !broken.empty(); }

    std::string area() const { return id.substr(0, id.find('/')); }
    bool has_tag(std::string_view tag) const;
    // The capabilities its front matter requires.
    std::vector<std::string> required() const;
    // The program below the front matter.
    std::string body() const;
};

struct Corpus {
    std::filesystem::path dir;
    StringTable tags;  // tag -> meaning
    Vocabulary capabilities;  // tags.toml's [capabilities]
    std::vector<Case> cases;  // sorted by id; a broken one fails only itself when it runs
    Diagnostics problems;  // everything lint reports about the corpus

    const Case* find(std::string_view id) const;
    // The errors that are not one broken case's: they stop every run.
    Diagnostics blocking_problems() const;
};

// Reads [cases_dir]/tags.toml and every [cases_dir]/<area>/.../<name>.py.
Corpus load_corpus(const std::filesystem::path& cases_dir);

// The case id of a file under [cases_dir], or "" when it is not a case path.
std::string case_id(const std::filesystem::path& cases_dir, const std::filesystem::path& file);

}  // namespace memconform
