#include "runner/frontmatter.hpp"

#include "runner/text.hpp"

#include <fmt/format.h>
#include <fmt/ranges.h>
#include <toml++/toml.h>

namespace memconform {

namespace {

constexpr std::string_view kFence = "# ---";

// The TOML text of the block, with the `#` (and one space) of each line
// removed, or an error message. Line i of the result is line i + 2 of the
// file.
struct Block {
    std::string toml;
    int end_line = 0;
};

std::optional<Block> extract_block(const std::vector<std::string>& lines, std::string& error) {
    if (lines.empty() || trim(lines[0]) != kFence) {
        error = "no front matter: a case starts with a `# ---` line";
        return std::nullopt;
    }
    Block block;
    for (std::size_t i = 1; i < lines.size(); ++i) {
        std::string_view line = lines[i];
        if (trim(line) == kFence) {
            block.end_line = static_cast<int>(i) + 1;
            return block;
        }
        if (!line.starts_with('#')) {
            error = "front matter not closed: every line up to the closing `# ---` is a comment";
            return std::nullopt;
        }
        line.remove_prefix(1);
        if (line.starts_with(' ')) line.remove_prefix(1);
        block.toml.append(line).push_back('\n');
    }
    error = "front matter not closed: no `# ---` line ends it";
    return std::nullopt;
}

int file_line(const toml::node& node) {
    return static_cast<int>(node.source().begin.line) + 1;  // the block starts on line 2
}

class Reader {
  public:
    Reader(const std::filesystem::path& file, Diagnostics& out) : file_(file), out_(out) {}

    void error(int line, std::string message) { out_.push_back({file_, line, std::move(message)}); }

    std::optional<std::string> string(const toml::table& table, std::string_view key, int fence_line) {
        const toml::node* node = table.get(key);
        if (!node) {
            error(fence_line, "front matter has no `" + std::string(key) + "`");
            return std::nullopt;
        }
        if (!node->is_string()) {
            error(file_line(*node), "`" + std::string(key) + "` must be a string");
            return std::nullopt;
        }
        return node->as_string()->get();
    }

    // Each string of the array [key] with its line; nothing if absent.
    std::vector<Located> strings(const toml::table& table, std::string_view key) {
        std::vector<Located> items;
        const toml::node* node = table.get(key);
        if (!node) return items;
        const toml::array* array = node->as_array();
        if (!array) {
            error(file_line(*node), "`" + std::string(key) + "` must be an array of strings");
            return items;
        }
        for (const toml::node& item : *array) {
            if (item.is_string()) items.push_back({item.as_string()->get(), file_line(item)});
            else error(file_line(item), "`" + std::string(key) + "` must hold only strings");
        }
        return items;
    }

  private:
    const std::filesystem::path& file_;
    Diagnostics& out_;
};

constexpr std::string_view kKeys[] = {"summary", "tags", "requires", "refs", "explain", "portable", "timeout"};

bool is_known_key(std::string_view key) {
    for (auto known : kKeys)
        if (known == key) return true;
    return false;
}

void check_keys(const toml::table& table, Reader& reader) {
    for (const auto& [key, node] : table)
        if (!is_known_key(key.str()))
            reader.error(file_line(node),
                         fmt::format("unknown front matter key `{}` (known: {})", key.str(), fmt::join(kKeys, ", ")));
}

// [key]'s text, which is one line of prose.
void check_one_line(std::string_view key, const std::string& text, int line, Reader& reader) {
    if (trim(text).empty()) reader.error(line, fmt::format("`{}` is empty", key));
    if (text.find('\n') != std::string::npos) reader.error(line, fmt::format("`{}` must be one line", key));
}

void check_repeats(const std::vector<Located>& items, std::string_view what, Reader& reader) {
    for (std::size_t i = 0; i < items.size(); ++i)
        for (std::size_t j = 0; j < i; ++j)
            if (items[i].text == items[j].text)
                reader.error(items[i].line, fmt::format("{} `{}` is named twice", what, items[i].text));
}

void check_tags(const FrontMatter& fm, int fence_line, Reader& reader) {
    if (fm.tags.empty()) reader.error(fence_line, "`tags` is missing or empty: name at least one tag");
    check_repeats(fm.tags, "tag", reader);
}

}  // namespace

std::optional<FrontMatter> parse_front_matter(std::string_view source, const std::filesystem::path& file,
                                              Diagnostics& out) {
    std::string message;
    auto block = extract_block(split_lines(source), message);
    if (!block) {
        out.push_back({file, 1, message});
        return std::nullopt;
    }
    toml::table table;
    try {
        table = toml::parse(block->toml, file.string());
    } catch (const toml::parse_error& e) {
        out.push_back({file, static_cast<int>(e.source().begin.line) + 1,
                       "front matter is not valid TOML: " + std::string(e.description())});
        return std::nullopt;
    }
    std::size_t errors_before = out.size();
    Reader reader(file, out);
    FrontMatter fm;
    fm.end_line = block->end_line;
    check_keys(table, reader);
    if (auto summary = reader.string(table, "summary", 1)) {
        fm.summary = *summary;
        check_one_line("summary", fm.summary, file_line(*table.get("summary")), reader);
    }
    fm.tags = reader.strings(table, "tags");
    check_tags(fm, 1, reader);
    fm.required = reader.strings(table, "requires");
    check_repeats(fm.required, "capability", reader);
    for (auto& ref : reader.strings(table, "refs")) fm.refs.push_back(std::move(ref.text));
    if (table.contains("explain")) fm.explain = reader.string(table, "explain", 1).value_or("");
    if (table.contains("portable"))
        if (auto portable = reader.string(table, "portable", 1)) {
            fm.portable = *portable;
            check_one_line("portable", fm.portable, file_line(*table.get("portable")), reader);
        }
    if (table.contains("timeout"))
        if (auto timeout = reader.string(table, "timeout", 1)) {
            fm.long_timeout = *timeout == "long";
            if (!fm.long_timeout)
                reader.error(file_line(*table.get("timeout")),
                             fmt::format("`timeout` is \"long\" or absent, not \"{}\" (a long case may run {} times "
                                         "its backend's time limit)",
                                         *timeout, kLongTimeoutFactor));
        }
    if (out.size() != errors_before) return std::nullopt;
    return fm;
}

}  // namespace memconform
