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
// renamed into place, so a reader never sees half a file.
void write_file(const fs::path& path, std::string_view content);

// The lines of [text] without their '\n'; a final '\n' does not start a line.
std::vector<std::string> split_lines(std::string_view text);

// [text] on one line: its lines joined with spaces (a version answer).
std::string one_line(std::string_view text);

// [text] with leading and trailing whitespace removed.
std::string_view trim(std::string_view text);

// True when [name] matches the shell-style glob [pattern] (*, ?, [...]).
bool glob_match(std::string_view pattern, std::string_view name);

// [text] safe inside HTML or XML text and attributes: & < > " ' escaped,
// and control characters XML forbids shown as U+FFFD.
std::string escape_markup(std::string_view text);

// [text] as a Markdown code block of [language], fenced with more
// backticks than any run of them inside.
std::string markdown_fence(std::string_view text, std::string_view language);

// A stable 64-bit FNV-1a hash: the same on every machine and every run.
std::uint64_t stable_hash(std::string_view text);

}  // namespace memconform
