// A TOML file of `key = "one line of text"` entries: cases/tags.toml (tag =
// meaning) and baselines/<backend>.toml (case id = reason).
#pragma once

#include "runner/diagnostic.hpp"

#include <filesystem>
#include <map>
#include <string>

namespace memconform {

using StringTable = std::map<std::string, Located, std::less<>>;

// The entries of [file]. A file that is not TOML, or an entry that is not
// one non-empty line of text, goes to [out]; [example] shows the expected
// form (`tag = "meaning"`).
StringTable load_string_table(const std::filesystem::path& file, std::string_view example, Diagnostics& out);

}  // namespace memconform
