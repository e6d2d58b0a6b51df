// Small text and file helpers shared by every part of the runner.
#pragma once

#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

namespace memconform {

namespace fs = std::filesystem;

// The whole content of [path]; throws std::runtime_error naming the file.
std::string read_file(const fs::path& path);

// Writes [content] to [path] (creating its folders) through a temporary file
// (`PATH.PID.partial`), flushed to disk and renamed into place, so a reader
// never sees half a file. Throws std::system_error naming [path] when a
// step fails (a full disk), and then [path] is as it was and the partial
// file is gone.
void write_file(const fs::path& path, std::string_view content);

// Writes [content] into a new file [path] of a temporary folder, which no
// one reads half-written and which need not outlive a crash of the machine
// (no fsync). Throws std::system_error naming [path] when a step fails.
void write_scratch_file(const fs::path& path, std::string_view content);

// Whether [path] is a partial file of write_file().
bool is_partial_file(const fs::path& path);

// Removes the partial files of write_file() under [dir] that no live
// process is writing (left by one killed mid-write); returns them.
std::vector<fs::path> remove_stale_partial_files(const fs::path& dir);

// The lines of [text] without their '\n'; a final '\n' does not start a line.
std::vector<std::string> split_lines(std::string_view text);

// [text] on one line: its lines joined with spaces (a version answer).
std::string one_line(std::string_view text);

// [text] with leading and trailing whitespace removed.
std::string_view trim(std::string_view text);

// True when [name] matches the shell-style glob [pattern] (*, ?, [...]).
bool glob_match(std::string_view pattern, std::string_view name);

// [text] as valid UTF-8: each byte that does not belong to a well-formed
// character (a stray or truncated sequence, an overlong form, a surrogate)
// becomes U+FFFD.
std::string valid_utf8(std::string_view text);

// [text] as valid UTF-8 without control characters: a carriage return
// shown as U+240D (␍), the others (NUL, ESC, DEL, ...) as U+FFFD; tabs and
// line ends ('\n') stay. What a report or a terminal shows of a backend's
// output.
std::string printable(std::string_view text);

// [text] safe inside HTML or XML 1.0 text and attributes: & < > " ' escaped,
// valid UTF-8, a carriage return shown as U+240D (as printable() does; XML
// would read it as a line end), and every character XML 1.0 forbids
// (control characters, U+FFFE, U+FFFF) as U+FFFD.
std::string escape_markup(std::string_view text);

// [text] as a Markdown code block of [language], fenced with more
// backticks than any run of them inside.
std::string markdown_fence(std::string_view text, std::string_view language);

// A stable 64-bit FNV-1a hash: the same on every machine and every run.
std::uint64_t stable_hash(std::string_view text);

// Orders names as people read versions: runs of digits by their value, so
// cpython-3.8 comes before cpython-3.10.
bool natural_less(std::string_view a, std::string_view b);

}  // namespace memconform
