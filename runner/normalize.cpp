#include "runner/normalize.hpp"

#include "runner/text.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cctype>
#include <cstring>

namespace memconform {

// The case's folder becomes `.`: `File "./case.py", line 3`.
std::string replace_temp_dirs(std::string_view text, const NormalizeContext& context) {
    std::string out(text);
    auto dirs = context.temp_dirs;
    std::sort(dirs.begin(), dirs.end(), [](const auto& a, const auto& b) { return a.size() > b.size(); });
    for (const auto& dir : dirs) {
        if (dir.empty()) continue;
        for (auto at = out.find(dir); at != std::string::npos; at = out.find(dir, at + 1))
            out.replace(at, dir.size(), ".");
    }
    return out;
}

namespace {

// A traceback keeps its header and its final exception line: the frames
// between them (`  File ...`, source lines, `^^^` markers) differ between
// runtimes and versions without saying anything about memory. In a chained
// traceback each block collapses on its own; the "During handling ..."
// lines between blocks are not indented and stay.
std::string collapse_tracebacks(std::string_view text, const NormalizeContext&) {
    std::string out;
    bool in_frames = false;
    for (const auto& line : split_lines(text)) {
        bool indented = line.starts_with(' ');
        if (in_frames && indented) continue;
        in_frames = line == "Traceback (most recent call last):";
        out.append(line).push_back('\n');
    }
    if (!text.empty() && !text.ends_with('\n')) out.pop_back();
    return out;
}

bool is_hex(char c) { return std::isxdigit(static_cast<unsigned char>(c)) != 0; }

// Every `0x` followed by hex digits becomes `0x?`.
std::string hide_addresses(std::string_view text, const NormalizeContext&) {
    std::string out;
    std::size_t i = 0;
    while (i < text.size()) {
        if (text.substr(i, 2) == "0x" && i + 2 < text.size() && is_hex(text[i + 2])) {
            out += "0x?";
            for (i += 2; i < text.size() && is_hex(text[i]); ++i) {
            }
        } else {
            out += text[i++];
        }
    }
    return out;
}

constexpr NormalizeRule kRules[] = {
    {"temp-dir", "the case's temporary folder becomes `.`", replace_temp_dirs},
    {"traceback", "a traceback keeps its header and final exception line", collapse_tracebacks},
    {"address", "hex addresses 0x... become 0x?", hide_addresses},
};

}  // namespace

std::span<const NormalizeRule> normalize_rules() { return kRules; }

std::vector<std::string> normalize_rule_names() {
    std::vector<std::string> names;
    for (const auto& rule : kRules) names.emplace_back(rule.name);
    return names;
}

std::string ending_line(const RawOutcome& raw, const Limits& limits) {
    switch (raw.ending) {
    case Ending::Exited: return fmt::format("[exit {}]", raw.code);
    case Ending::Signaled: {
        const char* name = sigabbrev_np(raw.code);
        return name ? fmt::format("[signal {}]", name) : fmt::format("[signal {}]", raw.code);
    }
    case Ending::TimedOut: return "[timeout]";
    case Ending::Capped: return fmt::format("[output capped at {} bytes]", limits.output_cap);
    case Ending::NotStarted: return "[not started]";
    case Ending::Interrupted: return "[interrupted]";
    }
    return "[?]";
}

std::string outcome_text(const RawOutcome& raw, const Limits& limits, const NormalizeContext& context) {
    std::string text = raw.output;
    for (const auto& rule : kRules) text = rule.apply(text, context);
    if (!text.empty() && !text.ends_with('\n')) text.push_back('\n');
    return text + ending_line(raw, limits) + "\n";
}

}  // namespace memconform
