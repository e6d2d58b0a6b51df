#include "runner/text.hpp"

#include <fcntl.h>
#include <fnmatch.h>
#include <signal.h>
#include <unistd.h>

#include <algorithm>
#include <fstream>
#include <sstream>
#include <stdexcept>
#include <string>
#include <system_error>

namespace memconform {

std::string read_file(const fs::path& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in) throw std::runtime_error("cannot read " + path.string());
    std::ostringstream content;
    content << in.rdbuf();
    return content.str();
}

namespace {

constexpr std::string_view kPartialSuffix = ".partial";

// Where write_file() writes [path] before renaming it: a name of this
// process's own, so that two memconform processes writing one file never
// write into the same partial file.
fs::path partial_path(const fs::path& path) {
    fs::path partial = path;
    partial += "." + std::to_string(::getpid()) + std::string(kPartialSuffix);
    return partial;
}

[[noreturn]] void throw_write_error(const fs::path& path, int error) {
    throw std::system_error(error, std::generic_category(), "cannot write " + path.string());
}

// Writes all of [content] to [fd]; the errno of the first failure, or 0.
int write_all(int fd, std::string_view content) {
    while (!content.empty()) {
        auto written = ::write(fd, content.data(), content.size());
        if (written < 0 && errno == EINTR) continue;
        if (written < 0) return errno;
        content.remove_prefix(static_cast<std::size_t>(written));
    }
    return 0;
}

}  // namespace

void write_file(const fs::path& path, std::string_view content) {
    if (path.has_parent_path()) fs::create_directories(path.parent_path());
    auto partial = partial_path(path);
    int fd = ::open(partial.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0666);
    if (fd < 0) throw_write_error(path, errno);
    // A full disk may show only at fsync or close (delayed allocation, NFS):
    // every step is checked, and a failed write never replaces the file.
    int error = write_all(fd, content);
    if (!error && ::fsync(fd) != 0) error = errno;
    if (::close(fd) != 0 && !error) error = errno;
    if (!error && ::rename(partial.c_str(), path.c_str()) != 0) error = errno;
    if (error) {
        ::unlink(partial.c_str());
        throw_write_error(path, error);
    }
}

void write_scratch_file(const fs::path& path, std::string_view content) {
    int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0666);
    if (fd < 0) throw_write_error(path, errno);
    int error = write_all(fd, content);
    if (::close(fd) != 0 && !error) error = errno;
    if (error) throw_write_error(path, error);
}

bool is_partial_file(const fs::path& path) { return path.filename().string().ends_with(kPartialSuffix); }

std::vector<fs::path> remove_stale_partial_files(const fs::path& dir) {
    std::vector<fs::path> removed;
    std::error_code error;
    if (!fs::is_directory(dir, error)) return removed;
    for (fs::recursive_directory_iterator it(dir, error), end; !error && it != end; it.increment(error)) {
        const auto& file = it->path();
        if (!is_partial_file(file) || !it->is_regular_file(error)) continue;
        // `NAME.PID.partial` of a process still writing it stays.
        auto stem = file.stem().string();
        auto writer = stem.substr(stem.find_last_of('.') + 1);
        bool digits = !writer.empty() && writer.find_first_not_of("0123456789") == std::string::npos;
        if (digits && writer.size() < 10 && (::kill(std::stoi(writer), 0) == 0 || errno == EPERM)) continue;
        std::error_code ignored;
        if (fs::remove(file, ignored)) removed.push_back(file);
    }
    std::sort(removed.begin(), removed.end());
    return removed;
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
// A carriage return, shown: a raw one would move a terminal's cursor back,
// and a diff of `a\r\n` against `a\n` would look like no difference.
constexpr std::string_view kCarriageReturnUtf8 = "\u240D";

// [text], valid UTF-8, each character of it kept unless [shown_as] gives
// what to show instead.
template <class ShownAs> std::string transcode(std::string_view text, ShownAs shown_as) {
    std::string out;
    out.reserve(text.size());
    while (!text.empty()) {
        auto [c, length] = decode(text);
        std::string_view instead = c == kReplacement ? kReplacementUtf8 : shown_as(c);
        if (!instead.empty()) out += instead;
        else out += text.substr(0, length);
        text.remove_prefix(length);
    }
    return out;
}

bool is_control(char32_t c) { return (c < 0x20 && c != '\n' && c != '\t') || (c >= 0x7F && c < 0xA0); }

// What a report or a terminal shows instead of [c]: nothing for a
// character it shows as it is.
std::string_view shown_as(char32_t c) {
    if (c == '\r') return kCarriageReturnUtf8;
    return is_control(c) ? kReplacementUtf8 : "";
}

}  // namespace

std::string valid_utf8(std::string_view text) {
    return transcode(text, [](char32_t) { return std::string_view(); });
}

std::string printable(std::string_view text) { return transcode(text, shown_as); }

std::string escape_markup(std::string_view text) {
    auto valid =
        transcode(text, [](char32_t c) { return c == 0xFFFE || c == 0xFFFF ? kReplacementUtf8 : shown_as(c); });
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
