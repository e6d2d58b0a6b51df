#include "runner/text.hpp"

#include <fnmatch.h>

#include <algorithm>
#include <fstream>
#include <sstream>
#include <stdexcept>

namespace memconform {

std::string read_file(const fs::path& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in) throw std::runtime_error("cannot read " + path.string());
    std::ostringstream content;
    content << in.rdbuf();
    return content.str();
}

void write_file(const fs::path& path, std::string_view content) {
    if (path.has_parent_path()) fs::create_directories(path.parent_path());
    fs::path partial = path;
    partial += ".partial";
    {
        std::ofstream out(partial, std::ios::binary | std::ios::trunc);
        out.write(content.data(), static_cast<std::streamsize>(content.size()));
        if (!out) throw std::runtime_error("cannot write " + path.string());
    }
    fs::rename(partial, path);
}

std::vector<std::string> split_lines(std::string_view text) {
    std::vector<std::string> lines;
    while (!text.empty()) {
        auto end = text.find('\n');
        lines.emplace_back(text.substr(0, end));
        if (end == std::string_view::npos) break;
        text.remove_prefix(end + 1);
    }
    return lines;
}

std::string one_line(std::string_view text) {
    std::string out;
    for (const auto& line : split_lines(text)) out += (out.empty() ? "" : " ") + std::string(trim(line));
    return out;
}

std::string_view trim(std::string_view text) {
    constexpr std::string_view kBlanks = " \t\r\n";
    auto first = text.find_first_not_of(kBlanks);
    if (first == std::string_view::npos) return {};
    auto last = text.find_last_not_of(kBlanks);
    return text.substr(first, last - first + 1);
}

bool glob_match(std::string_view pattern, std::string_view name) {
    return fnmatch(std::string(pattern).c_str(), std::string(name).c_str(), 0) == 0;
}

namespace {

constexpr char32_t kReplacement = 0xFFFD;

// The character [text] starts with and its length in bytes; a byte that does
// not start a well-formed UTF-8 sequence is U+FFFD, one byte long.
std::pair<char32_t, std::size_t> decode(std::string_view text) {
    auto byte = [&](std::size_t i) { return static_cast<unsigned char>(text[i]); };
    unsigned char lead = byte(0);
    if (lead < 0x80) return {lead, 1};
    std::size_t length = lead >= 0xF8 ? 0 : lead >= 0xF0 ? 4 : lead >= 0xE0 ? 3 : lead >= 0xC0 ? 2 : 0;
    if (length == 0 || length > text.size()) return {kReplacement, 1};
    char32_t c = lead & (0x7F >> length);
    for (std::size_t i = 1; i < length; ++i) {
        if ((byte(i) & 0xC0) != 0x80) return {kReplacement, 1};
        c = (c << 6) | (byte(i) & 0x3F);
    }
    static constexpr char32_t kSmallest[] = {0, 0, 0x80, 0x800, 0x10000};
    bool well_formed = c >= kSmallest[length] && c <= 0x10FFFF && !(c >= 0xD800 && c <= 0xDFFF);
    return well_formed ? std::pair{c, length} : std::pair{kReplacement, std::size_t{1}};
}

constexpr std::string_view kReplacementUtf8 = "\uFFFD";

// [text], valid UTF-8, each character of it kept unless [replaced] says so.
template <class Replaced> std::string transcode(std::string_view text, Replaced replaced) {
    std::string out;
    out.reserve(text.size());
    while (!text.empty()) {
        auto [c, length] = decode(text);
        if (c == kReplacement || replaced(c)) out += kReplacementUtf8;
        else out += text.substr(0, length);
        text.remove_prefix(length);
    }
    return out;
}

bool is_control(char32_t c) { return (c < 0x20 && c != '\n' && c != '\t' && c != '\r') || (c >= 0x7F && c < 0xA0); }

}  // namespace

std::string valid_utf8(std::string_view text) {
    return transcode(text, [](char32_t) { return false; });
}

std::string printable(std::string_view text) { return transcode(text, is_control); }

std::string escape_markup(std::string_view text) {
    auto valid = transcode(text, [](char32_t c) { return is_control(c) || c == 0xFFFE || c == 0xFFFF; });
    std::string out;
    out.reserve(valid.size() + valid.size() / 8);
    // The runs between the characters markup escapes are appended whole.
    std::size_t run = 0;
    for (std::size_t i = 0; i < valid.size(); ++i) {
        std::string_view escaped;
        switch (valid[i]) {
        case '&': escaped = "&amp;"; break;
        case '<': escaped = "&lt;"; break;
        case '>': escaped = "&gt;"; break;
        case '"': escaped = "&quot;"; break;
        case '\'': escaped = "&#39;"; break;
        default: continue;
        }
        out.append(valid, run, i - run);
        out += escaped;
        run = i + 1;
    }
    out.append(valid, run);
    return out;
}

std::string markdown_fence(std::string_view text, std::string_view language) {
    std::size_t longest = 0, run = 0;
    for (char c : text) {
        run = c == '`' ? run + 1 : 0;
        longest = std::max(longest, run);
    }
    std::string fence(std::max<std::size_t>(3, longest + 1), '`');
    std::string body(text);
    if (!body.empty() && !body.ends_with('\n')) body.push_back('\n');
    return fence + std::string(language) + "\n" + body + fence + "\n";
}

std::uint64_t stable_hash(std::string_view text) {
    std::uint64_t hash = 0xcbf29ce484222325ULL;
    for (unsigned char c : text) {
        hash ^= c;
        hash *= 0x100000001b3ULL;
    }
    return hash;
}

bool natural_less(std::string_view a, std::string_view b) {
    auto is_digit = [](char c) { return c >= '0' && c <= '9'; };
    std::size_t i = 0, j = 0;
    while (i < a.size() && j < b.size()) {
        if (is_digit(a[i]) && is_digit(b[j])) {
            auto i_end = i, j_end = j;
            while (i_end < a.size() && a[i_end] == '0') ++i_end;  // leading zeros do not count
            while (j_end < b.size() && b[j_end] == '0') ++j_end;
            auto i_digits = i_end, j_digits = j_end;
            while (i_end < a.size() && is_digit(a[i_end])) ++i_end;
            while (j_end < b.size() && is_digit(b[j_end])) ++j_end;
            auto x = a.substr(i_digits, i_end - i_digits), y = b.substr(j_digits, j_end - j_digits);
            if (x.size() != y.size()) return x.size() < y.size();
            if (x != y) return x < y;
            i = i_end;
            j = j_end;
        } else {
            if (a[i] != b[j]) return a[i] < b[j];
            ++i;
            ++j;
        }
    }
    return a.size() - i < b.size() - j;
}

}  // namespace memconform
