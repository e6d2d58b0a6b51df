#include "runner/string_table.hpp"

#include "runner/text.hpp"

#include <toml++/toml.h>

namespace memconform {

StringTable load_string_table(const std::filesystem::path& file, std::string_view example, Diagnostics& out) {
    StringTable entries;
    toml::table table;
    try {
        table = toml::parse_file(file.string());
    } catch (const toml::parse_error& e) {
        out.push_back(
            {file, static_cast<int>(e.source().begin.line), "not valid TOML: " + std::string(e.description())});
        return entries;
    }
    for (const auto& [key, node] : table) {
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
