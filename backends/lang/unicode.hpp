// UTF-8, a runtime's Unicode tables and the str repr they decide: shared
// by the front end (`pymodel --dis`'s constants) and the VM's str.
#pragma once

#include <array>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace lang {

// The code point whose UTF-8 starts at s[i], and its byte length in
// `width` (a sequence cut short by the end of s is read as far as it goes).
char32_t code_point_at(std::string_view s, std::size_t i, std::size_t& width);
std::u32string decode_utf8(std::string_view s);
void append_utf8(std::string& out, char32_t c);
std::string encode_utf8(std::u32string_view s);

// The answers of a runtime's str for each code point, recorded from the
// real interpreter by tools/unicode/record.py (the file's format is in
// tools/unicode/README.md): the sets its predicates test and its case
// mappings. A default-made table lists nothing: no character outside ASCII
// is printable, a letter or cased.
class UnicodeTables {
  public:
    enum class Set {
        Printable,  // str.isprintable(): what repr() leaves unescaped
        Alpha,
        Decimal,
        Digit,
        Numeric,
        Upper,
        Lower,
        Title,  // titlecase letters (Lt)
        Cased,
        CaseIgnorable,  // skipped by lower()'s final sigma rule
    };
    static constexpr std::size_t kSets = static_cast<std::size_t>(Set::CaseIgnorable) + 1;
    // The full mappings: _PyUnicode_ToUpperFull, ToLowerFull, ToTitleFull, ToFoldedFull.
    enum class Mapping { Upper, Lower, Title, Casefold };

    // `text` indexed by table; nullopt, with `error` naming `name` (the
    // file) and the line, for a line of no known table or no version line.
    // A table's tokens are parsed the first time it is asked: a malformed
    // one throws std::runtime_error with `name:line: what`.
    static std::optional<UnicodeTables> index(std::string text, const std::string& name, std::string& error);
    // Parses every table: false, with the first error, when one is malformed.
    bool check(std::string& error) const;

    bool empty() const { return version_.empty(); }
    const std::string& version() const { return version_; }  // "15.0.0"
    bool has(Set set, char32_t c) const;
    // Appends what `c` maps to (one code point or several, itself if the
    // mapping leaves it).
    void map(Mapping mapping, char32_t c, std::u32string& out) const;
    // The digit a decimal character stands for (int() reads it), or -1.
    int decimal_value(char32_t c) const;

  private:
    struct Range {
        char32_t first, end;  // [first, end)
    };
    // `count` code points `stride` apart from `first`, each mapped to
    // itself plus `delta`, or (count 1) to `several[delta]`.
    struct Run {
        char32_t first;
        std::uint32_t count, stride;
        std::int32_t delta;
        bool to_several;
    };
    struct Map {
        std::vector<Run> runs;
        std::vector<std::u32string> several;
    };
    struct Line {
        std::string_view tokens;  // a view of text_
        int number = 0;
    };
    static bool parse_ranges(std::string_view tokens, std::vector<Range>& ranges);
    static bool parse_map(std::string_view tokens, Map& map);
    std::string token_error(const Line& line, std::string_view key) const;
    const std::vector<Range>& ranges(Set set) const;  // parsed on first use
    const Map& map_of(Mapping mapping) const;
    static const Range* find(const std::vector<Range>& ranges, char32_t c);
    // Whether `map` maps `c`; its mapping appended to `out` if so.
    static bool lookup(const Map& map, char32_t c, std::u32string& out);

    std::shared_ptr<const std::string> text_;
    std::string name_;
    std::string version_;
    std::array<Line, kSets> set_lines_;
    std::array<Line, 4> map_lines_;  // by Mapping
    mutable std::array<std::optional<std::vector<Range>>, kSets> sets_;
    // Title lists where it differs from Upper, Casefold where it differs from Lower.
    mutable std::array<std::optional<Map>, 4> maps_;
};

// repr() of a str as CPython's unicode_repr writes it: quoted with ' unless
// the text has ' and no ", and a character escaped where `tables` says it
// is not printable (\xNN below U+0100, \uNNNN below U+10000, else
// \UNNNNNNNN), \n \r \t and the quote and backslash escaped.
std::string str_repr(std::string_view s, const UnicodeTables& tables);
// repr() of bytes: b'...' with every byte outside printable ASCII as \xNN.
std::string bytes_repr(std::string_view s);

}  // namespace lang
