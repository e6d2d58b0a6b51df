#include "runner/command_template.hpp"

#include <cctype>
#include <stdexcept>

namespace memconform {

std::string expand(std::string_view text, const Vars& vars) {
    std::string out;
    while (!text.empty()) {
        auto open = text.find('{');
        auto close = text.find('}', open);
        if (open == std::string_view::npos || close == std::string_view::npos) break;
        auto it = vars.find(text.substr(open + 1, close - open - 1));
        if (it == vars.end()) {  // not a placeholder: keep the brace, look further
            out.append(text.substr(0, open + 1));
            text.remove_prefix(open + 1);
            continue;
        }
        out.append(text.substr(0, open)).append(it->second);
        text.remove_prefix(close + 1);
    }
    out.append(text);
    return out;
}

namespace {

bool is_blank(char c) { return c == ' ' || c == '\t' || c == '\n'; }

// Appends the quoted text that starts after the quote at [i]; returns the
// index of the closing quote.
std::size_t read_quoted(std::string_view command, std::size_t i, std::string& word) {
    char quote = command[i];
    for (++i; i < command.size() && command[i] != quote; ++i) {
        if (quote == '"' && command[i] == '\\' && i + 1 < command.size()) ++i;
        word.push_back(command[i]);
    }
    if (i == command.size())
        throw std::invalid_argument("unclosed " + std::string(1, quote) + " in: " + std::string(command));
    return i;
}

}  // namespace

std::vector<std::string> split_words(std::string_view command) {
    std::vector<std::string> words;
    std::string word;
    bool in_word = false;
    for (std::size_t i = 0; i < command.size(); ++i) {
        char c = command[i];
        if (is_blank(c)) {
            if (in_word) words.push_back(std::move(word));
            word.clear();
            in_word = false;
            continue;
        }
        in_word = true;
        if (c == '\'' || c == '"') i = read_quoted(command, i, word);
        else if (c == '\\' && i + 1 < command.size()) word.push_back(command[++i]);
        else word.push_back(c);
    }
    if (in_word) words.push_back(std::move(word));
    return words;
}

std::vector<std::string> placeholders(std::string_view text) {
    auto is_word_char = [](char c) { return std::isalnum(static_cast<unsigned char>(c)) || c == '_'; };
    auto is_name = [&](std::string_view name) {
        if (name.empty() || std::isdigit(static_cast<unsigned char>(name.front()))) return false;
        bool after_dot = true;  // no empty word: not first, last or twice in a row
        for (char c : name) {
            if (c == '.' && after_dot) return false;
            if (c != '.' && !is_word_char(c)) return false;
            after_dot = c == '.';
        }
        return !after_dot;
    };
    std::vector<std::string> found;
    for (auto open = text.find('{'); open != std::string_view::npos; open = text.find('{', open + 1)) {
        auto close = text.find('}', open);
        if (close == std::string_view::npos) break;
        if (auto name = text.substr(open + 1, close - open - 1); is_name(name)) found.emplace_back(name);
    }
    return found;
}

std::vector<std::string> command_argv(std::string_view command, const Vars& vars) {
    auto words = split_words(command);
    for (auto& word : words) word = expand(word, vars);
    return words;
}

void add_match_vars(Vars& vars, std::string_view prefix, const std::smatch& match) {
    for (std::size_t i = 0; i < match.size(); ++i) vars[std::string(prefix) + "." + std::to_string(i)] = match[i].str();
}

}  // namespace memconform
