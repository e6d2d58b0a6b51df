#include "runner/string_table.hpp"

#include "runner/text.hpp"

#include <toml++/toml.h>

namespace memconform {

std::optional<toml::table> parse_toml_file(const std::filesystem::path& file, Diagnostics& out) {
    try {
        return toml::parse_file(file.string());
    } catch (const toml::parse_error& e) {
        out.push_back(
            {file, static_cast<int>(e.source().begin.line), "not valid TOML: " + std::string(e.description())});
        return std::nullopt;
    }
}

StringTable load_string_table(const std::filesystem::path& file, std::string_view example, Diagnostics& out) {
    auto table = parse_toml_file(file, out);
    return table ? string_table_of(*table, file, example, out) : StringTable{};
}

StringTable string_table_of(const toml::table& table, const std::filesystem::path& file, std::string_view example,
                            Diagnostics& out, std::string_view other) {
    StringTable entries;
    for (const auto& [key, node] : table) {
        if (!other.empty() && key.str() == other) continue;
        int line = static_cast<int>(node.source().begin.line);
        auto text = node.value<std::string>();
        if (!text || trim(*text).empty() || text->find('\n') != std::string::npos)
            out.push_back(
                {file, line, "`" + std::string(key.str()) + "` needs one line of text: " + std::string(example)});
        else entries[std::string(key.str())] = {*text, line};
    }
    return entries;
}

}  // namespace memconform
