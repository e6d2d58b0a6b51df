// A TOML file of `key = "one line of text"` entries: cases/tags.toml (tag =
// meaning) and baselines/<backend>.toml (case id = reason).
#pragma once

#include "runner/diagnostic.hpp"

#include <toml++/toml.h>

#include <filesystem>
#include <map>
#include <optional>
#include <string>

namespace memconform {

using StringTable = std::map<std::string, Located, std::less<>>;

// [file] parsed as TOML, or nothing with the parse error (its line) in [out].
std::optional<toml::table> parse_toml_file(const std::filesystem::path& file, Diagnostics& out);

// The entries of [file]. A file that is not TOML, or an entry that is not
// one non-empty line of text, goes to [out]; [example] shows the expected
// form (`tag = "meaning"`).
StringTable load_string_table(const std::filesystem::path& file, std::string_view example, Diagnostics& out);

// The same of a parsed [table], leaving out the keys in [other] (tables of
// another kind in the same file).
StringTable string_table_of(const toml::table& table, const std::filesystem::path& file, std::string_view example,
                            Diagnostics& out, std::string_view other = "");

}  // namespace memconform
