#include "runner/baselines.hpp"

#include "runner/text.hpp"

#include <fmt/format.h>

#include <set>

namespace memconform {

namespace fs = std::filesystem;

fs::path baseline_file(const fs::path& dir, std::string_view backend) { return dir / (std::string(backend) + ".toml"); }

Baseline load_baseline(const fs::path& dir, std::string_view backend, Diagnostics& out) {
    auto file = baseline_file(dir, backend);
    if (!fs::exists(file)) return {};
    return load_string_table(file, "\"area/case\" = \"why it fails\"", out);
}

namespace {

// A TOML basic string, as the baselines write their entries.
std::string toml_quoted(std::string_view text) {
    std::string out = "\"";
    for (char c : text) {
        if (c == '"' || c == '\\') out += '\\';
        out += c;
    }
    return out + "\"";
}

}  // namespace

std::string updated_baseline(const std::string& text, const Baseline& current, const BaselineUpdate& update,
                             std::string_view backend) {
    std::set<int> drop;
    for (const auto& id : update.remove)
        if (auto found = current.find(id); found != current.end()) drop.insert(found->second.line);
    std::string out;
    if (text.empty())
        out = fmt::format(
            "# Known failures of {}, each with its reason (docs/case-format.md, \"Baselines\").\n"
            "# Add an entry only with its reason, and remove it when its case passes (an XPASS\n"
            "# fails the run).\n",
            backend);
    int line = 0;
    for (const auto& kept : split_lines(text))
        if (!drop.contains(++line)) out += kept + "\n";
    for (const auto& id : update.add)
        if (!current.contains(id)) out += fmt::format("{} = {}\n", toml_quoted(id), toml_quoted(update.reason));
    return out;
}

}  // namespace memconform
