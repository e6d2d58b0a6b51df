// UTF-8, the Unicode tables' file and the str repr they decide.
#include "unicode.hpp"

#include <algorithm>
#include <charconv>
#include <stdexcept>

#include <fmt/format.h>

namespace lang {

char32_t code_point_at(std::string_view s, std::size_t i, std::size_t& width) {
    auto c = static_cast<unsigned char>(s[i]);
    int extra = c >= 0xF0 ? 3 : c >= 0xE0 ? 2 : c >= 0xC0 ? 1 : 0;
    char32_t cp = extra ? c & (0x3F >> extra) : c;
    width = 1;
    for (; width <= static_cast<std::size_t>(extra) && i + width < s.size(); ++width)
        cp = (cp << 6) | (static_cast<unsigned char>(s[i + width]) & 0x3F);
    return cp;
}

std::u32string decode_utf8(std::string_view s) {
    std::u32string out;
    for (std::size_t i = 0, width = 0; i < s.size(); i += width) out += code_point_at(s, i, width);
    return out;
}

void append_utf8(std::string& out, char32_t u) {
    if (u < 0x80) out += static_cast<char>(u);
    else if (u < 0x800) out += {static_cast<char>(0xC0 | (u >> 6)), static_cast<char>(0x80 | (u & 0x3F))};
    else if (u < 0x10000)
        out += {static_cast<char>(0xE0 | (u >> 12)), static_cast<char>(0x80 | ((u >> 6) & 0x3F)),
                static_cast<char>(0x80 | (u & 0x3F))};
    else
        out += {static_cast<char>(0xF0 | (u >> 18)), static_cast<char>(0x80 | ((u >> 12) & 0x3F)),
                static_cast<char>(0x80 | ((u >> 6) & 0x3F)), static_cast<char>(0x80 | (u & 0x3F))};
}

std::string encode_utf8(std::u32string_view s) {
    std::string out;
    for (char32_t u : s) append_utf8(out, u);
    return out;
}

// ---- the tables' file ---------------------------------------------------------------------------

namespace {

constexpr std::string_view kSetNames[] = {"printable", "alpha", "decimal", "digit", "numeric",
                                          "upper",     "lower", "title",   "cased", "case_ignorable"};
constexpr std::string_view kMappingNames[] = {"to_upper", "to_lower", "to_title", "to_casefold"};
static_assert(std::size(kSetNames) == UnicodeTables::kSets);

// The hex numbers of `token` separated by `separator`, into `out`; false
// unless it has exactly out.size() of them (a leading - negates one).
bool parse_fields(std::string_view token, char separator, std::vector<std::int64_t>& out) {
    std::size_t at = 0;
    for (std::size_t k = 0; k < out.size(); ++k) {
        std::size_t end = k + 1 < out.size() ? token.find(separator, at) : token.size();
        if (end == std::string_view::npos) return false;
        std::string_view field = token.substr(at, end - at);
        bool negative = !field.empty() && field[0] == '-';
        if (negative) field.remove_prefix(1);
        std::uint32_t value = 0;
        auto [ptr, ec] = std::from_chars(field.data(), field.data() + field.size(), value, 16);
        if (field.empty() || ec != std::errc() || ptr != field.data() + field.size()) return false;
        out[k] = negative ? -static_cast<std::int64_t>(value) : value;
        at = end + 1;
    }
    return true;
}

template <class F> bool for_each_token(std::string_view tokens, F&& f) {
    for (std::size_t at = 0; at < tokens.size();) {
        std::size_t end = std::min(tokens.find(' ', at), tokens.size());
        if (!f(tokens.substr(at, end - at))) return false;
        at = end + 1;
    }
    return true;
}

}  // namespace

std::optional<UnicodeTables> UnicodeTables::index(std::string text, const std::string& name, std::string& error) {
    UnicodeTables tables;
    tables.text_ = std::make_shared<const std::string>(std::move(text));
    tables.name_ = name;
    std::string_view all = *tables.text_;
    std::size_t line_start = 0;
    for (int number = 1; line_start < all.size(); ++number) {
        std::size_t line_end = std::min(all.find('\n', line_start), all.size());
        std::string_view line = all.substr(line_start, line_end - line_start);
        line_start = line_end + 1;
        if (line.empty() || line[0] == '#') continue;
        std::size_t key_end = std::min(line.find(' '), line.size());
        std::string_view key = line.substr(0, key_end);
        Line tokens{key_end < line.size() ? line.substr(key_end + 1) : std::string_view(), number};
        const auto* set = std::find(std::begin(kSetNames), std::end(kSetNames), key);
        const auto* mapping = std::find(std::begin(kMappingNames), std::end(kMappingNames), key);
        if (key == "unicode") tables.version_ = tokens.tokens;
        else if (set != std::end(kSetNames)) tables.set_lines_[set - std::begin(kSetNames)] = tokens;
        else if (mapping != std::end(kMappingNames)) tables.map_lines_[mapping - std::begin(kMappingNames)] = tokens;
        else {
            error = fmt::format("{}:{}: `{}` is no set, mapping or `unicode VERSION`", name, number, key);
            return std::nullopt;
        }
    }
    if (tables.version_.empty()) {
        error = name + ": no `unicode VERSION` line";
        return std::nullopt;
    }
    return tables;
}

bool UnicodeTables::parse_ranges(std::string_view tokens, std::vector<Range>& ranges) {
    std::int64_t end = 0;
    std::vector<std::int64_t> fields(2);
    return for_each_token(tokens, [&](std::string_view token) {
        if (!parse_fields(token, ',', fields) || fields[0] < 0 || fields[1] <= 0) return false;
        ranges.push_back({static_cast<char32_t>(end + fields[0]), static_cast<char32_t>(end + fields[0] + fields[1])});
        end = ranges.back().end;
        return true;
    });
}

bool UnicodeTables::parse_map(std::string_view tokens, Map& map) {
    std::int64_t next = 0;
    std::vector<std::int64_t> run(4), gap(1), item(1);
    return for_each_token(tokens, [&](std::string_view token) {
        if (std::size_t colon = token.find(':'); colon != std::string_view::npos) {
            if (!parse_fields(token.substr(0, colon), ',', gap) || gap[0] < 0) return false;
            std::u32string several;
            std::string_view items = token.substr(colon + 1);
            for (std::size_t at = 0; at <= items.size();) {
                std::size_t end = std::min(items.find('.', at), items.size());
                if (!parse_fields(items.substr(at, end - at), ',', item) || item[0] < 0) return false;
                several += static_cast<char32_t>(item[0]);
                at = end + 1;
            }
            map.runs.push_back(
                {static_cast<char32_t>(next + gap[0]), 1, 1, static_cast<std::int32_t>(map.several.size()), true});
            map.several.push_back(std::move(several));
            next += gap[0] + 1;
            return true;
        }
        if (!parse_fields(token, ',', run) || run[0] < 0 || run[1] <= 0 || run[2] <= 0) return false;
        map.runs.push_back({static_cast<char32_t>(next + run[0]), static_cast<std::uint32_t>(run[1]),
                            static_cast<std::uint32_t>(run[2]), static_cast<std::int32_t>(run[3]), false});
        next += run[0] + (run[1] - 1) * run[2] + 1;
        return true;
    });
}

std::string UnicodeTables::token_error(const Line& line, std::string_view key) const {
    return fmt::format("{}:{}: `{}` has a token the format does not allow", name_, line.number, key);
}

const std::vector<UnicodeTables::Range>& UnicodeTables::ranges(Set set) const {
    auto index = static_cast<std::size_t>(set);
    if (auto& parsed = sets_[index]) return *parsed;
    std::vector<Range> ranges;
    if (!parse_ranges(set_lines_[index].tokens, ranges))
        throw std::runtime_error(token_error(set_lines_[index], kSetNames[index]));
    return sets_[index].emplace(std::move(ranges));
}

const UnicodeTables::Map& UnicodeTables::map_of(Mapping mapping) const {
    auto index = static_cast<std::size_t>(mapping);
    if (auto& parsed = maps_[index]) return *parsed;
    Map map;
    if (!parse_map(map_lines_[index].tokens, map))
        throw std::runtime_error(token_error(map_lines_[index], kMappingNames[index]));
    return maps_[index].emplace(std::move(map));
}

bool UnicodeTables::check(std::string& error) const {
    try {
        for (std::size_t set = 0; set < kSets; ++set) ranges(static_cast<Set>(set));
        for (Mapping mapping : {Mapping::Upper, Mapping::Lower, Mapping::Title, Mapping::Casefold}) map_of(mapping);
    } catch (const std::runtime_error& e) {
        error = e.what();
        return false;
    }
    return true;
}

const UnicodeTables::Range* UnicodeTables::find(const std::vector<Range>& ranges, char32_t c) {
    auto after =
        std::upper_bound(ranges.begin(), ranges.end(), c, [](char32_t v, const Range& r) { return v < r.first; });
    if (after == ranges.begin() || c >= (after - 1)->end) return nullptr;
    return &*(after - 1);
}

bool UnicodeTables::has(Set set, char32_t c) const { return find(ranges(set), c) != nullptr; }

bool UnicodeTables::lookup(const Map& map, char32_t c, std::u32string& out) {
    auto after =
        std::upper_bound(map.runs.begin(), map.runs.end(), c, [](char32_t v, const Run& r) { return v < r.first; });
    if (after == map.runs.begin()) return false;
    const Run& run = *(after - 1);
    std::uint32_t offset = c - run.first;
    if (offset % run.stride != 0 || offset / run.stride >= run.count) return false;
    if (run.to_several) out += map.several[run.delta];
    else out += static_cast<char32_t>(static_cast<std::int64_t>(c) + run.delta);
    return true;
}

void UnicodeTables::map(Mapping mapping, char32_t c, std::u32string& out) const {
    if (lookup(map_of(mapping), c, out)) return;
    if (mapping == Mapping::Title && lookup(map_of(Mapping::Upper), c, out)) return;
    if (mapping == Mapping::Casefold && lookup(map_of(Mapping::Lower), c, out)) return;
    out += c;
}

int UnicodeTables::decimal_value(char32_t c) const {
    // Decimal digits come in runs of ten from 0 (tools/unicode/record.py checks it).
    const Range* range = find(ranges(Set::Decimal), c);
    return range ? static_cast<int>((c - range->first) % 10) : -1;
}

// ---- repr ---------------------------------------------------------------------------------------

namespace {

// ' unless the text has ' and no ".
char quote_for(std::string_view s) {
    return s.find('\'') != std::string_view::npos && s.find('"') == std::string_view::npos ? '"' : '\'';
}

// The escapes every repr writes (the quote, \\, \n, \r, \t): false if `c` has none.
bool escape_special(char32_t c, char quote, std::string& out) {
    switch (c) {
    case '\n': out += "\\n"; return true;
    case '\r': out += "\\r"; return true;
    case '\t': out += "\\t"; return true;
    case '\\': out += "\\\\"; return true;
    default:
        if (c != static_cast<unsigned char>(quote)) return false;
        out += '\\';
        out += quote;
        return true;
    }
}

}  // namespace

std::string str_repr(std::string_view s, const UnicodeTables& tables) {
    char quote = quote_for(s);
    std::string out(1, quote);
    for (std::size_t i = 0, width = 1; i < s.size(); i += width) {
        char32_t c = code_point_at(s, i, width);
        if (escape_special(c, quote, out)) continue;
        if (c < 0x80 ? c >= 0x20 && c != 0x7F : tables.has(UnicodeTables::Set::Printable, c)) out += s.substr(i, width);
        else if (c < 0x100) out += fmt::format("\\x{:02x}", static_cast<std::uint32_t>(c));
        else if (c < 0x10000) out += fmt::format("\\u{:04x}", static_cast<std::uint32_t>(c));
        else out += fmt::format("\\U{:08x}", static_cast<std::uint32_t>(c));
    }
    out += quote;
    return out;
}

std::string bytes_repr(std::string_view s) {
    char quote = quote_for(s);
    std::string out = {'b', quote};
    for (char c : s) {
        auto u = static_cast<unsigned char>(c);
        if (escape_special(u, quote, out)) continue;
        if (u < 0x20 || u >= 0x7F) out += fmt::format("\\x{:02x}", u);
        else out += c;
    }
    out += quote;
    return out;
}

}  // namespace lang
