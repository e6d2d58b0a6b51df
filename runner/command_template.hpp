// Command templates of backends.toml: `{name}` placeholders and shell-like
// word splitting (quotes, no expansions: no shell ever runs).
#pragma once

#include <map>
#include <regex>
#include <string>
#include <string_view>
#include <vector>

namespace memconform {

using Vars = std::map<std::string, std::string, std::less<>>;

// [text] with each `{name}` whose name is in [vars] replaced by its value;
// other braces are left as they are.
std::string expand(std::string_view text, const Vars& vars);

// The words of [command], split at blanks outside '...' and "..." quotes
// (a backslash escapes the next character outside single quotes). Throws
// std::invalid_argument on an unclosed quote.
std::vector<std::string> split_words(std::string_view command);

// The placeholders [text] uses, in order: each `{name}` whose name is a
// word, or words joined by dots (`{case}`, `{version.1}`); other braces (a
// Python snippet's `{}`, `{1}`) are not placeholders.
std::vector<std::string> placeholders(std::string_view text);

// split_words, then expand each word: a value with blanks stays one argument.
std::vector<std::string> command_argv(std::string_view command, const Vars& vars);

// Adds `{prefix}.0` (the whole match), `{prefix}.1`, ... from [match].
void add_match_vars(Vars& vars, std::string_view prefix, const std::smatch& match);

}  // namespace memconform
