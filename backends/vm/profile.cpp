// Loading a runtime profile from its TOML file.
#include "profile.hpp"

#include <toml++/toml.h>
#include <algorithm>
#include <cerrno>
#include <charconv>
#include <cstdio>
#include <fstream>
#include <set>
#include <sstream>
#include <stdexcept>

namespace vm {

std::filesystem::path default_profile_dir() {
    if (const char* dir = std::getenv("PYMODEL_PROFILES")) return dir;
    std::error_code error;
    auto here = std::filesystem::read_symlink("/proc/self/exe", error).parent_path();
    auto beside = here / "profiles";  // the build tree, or a copy of it
    if (std::filesystem::is_directory(beside, error)) return beside;
    return (here / ".." / "share" / "pymodel" / "profiles").lexically_normal();  // cmake --install
}

namespace {

struct Reader {
    const toml::table& root;
    std::string& error;
    // Every key looked up, so that one nobody reads (a misspelled knob,
    // whose default the model would silently use) is an error: unread_key.
    mutable std::set<std::string, std::less<>> read{};

    void mark_read(std::string_view path) const { read.emplace(path); }
    const toml::node* find(std::string_view path) const {
        mark_read(path);
        const toml::node* n = root.at_path(path).node();
        if (!n && error.empty()) error = fmt_missing(path);
        return n;
    }
    static std::string fmt_missing(std::string_view path) { return "missing key '" + std::string(path) + "'"; }
    void wrong(std::string_view path, const char* what) const {
        if (error.empty()) error = "key '" + std::string(path) + "' must be " + what;
    }

    void get(std::string_view path, std::string& out) const {
        if (const toml::node* n = find(path)) {
            if (auto v = n->value<std::string>()) out = *v;
            else wrong(path, "a string");
        }
    }
    void get(std::string_view path, bool& out) const {
        if (const toml::node* n = find(path)) {
            if (auto v = n->value<bool>()) out = *v;
            else wrong(path, "a boolean");
        }
    }
    void get(std::string_view path, int& out) const {
        if (const toml::node* n = find(path)) {
            if (auto v = n->value<std::int64_t>()) out = static_cast<int>(*v);
            else wrong(path, "an integer");
        }
    }
    void get(std::string_view path, std::int64_t& out) const {
        if (const toml::node* n = find(path)) {
            if (auto v = n->value<std::int64_t>(); v && *v >= 0) out = *v;
            else wrong(path, "a non-negative integer");
        }
    }
    void get(std::string_view path, double& out) const {
        if (const toml::node* n = find(path)) {
            if (auto v = n->value<double>(); v && *v > 0) out = *v;
            else wrong(path, "a positive number");
        }
    }
    void get(std::string_view path, std::vector<std::string>& out) const {
        const toml::node* n = find(path);
        if (!n) return;
        const toml::array* a = n->as_array();
        if (!a) return wrong(path, "an array of strings");
        for (const toml::node& item : *a) {
            if (auto v = item.value<std::string>()) out.push_back(*v);
            else return wrong(path, "an array of strings");
        }
    }
    void get(std::string_view path, std::vector<int>& out) const {
        const toml::node* n = find(path);
        if (!n) return;
        const toml::array* a = n->as_array();
        if (!a) return wrong(path, "an array of non-negative integers");
        for (const toml::node& item : *a) {
            if (auto v = item.value<std::int64_t>(); v && *v >= 0) out.push_back(static_cast<int>(*v));
            else return wrong(path, "an array of non-negative integers");
        }
    }
    void get(std::string_view path, std::array<int, 3>& out) const {
        const toml::node* n = find(path);
        if (!n) return;
        const toml::array* a = n->as_array();
        if (!a || a->size() != 3) return wrong(path, "an array of 3 integers");
        for (std::size_t i = 0; i < 3; ++i) {
            if (auto v = (*a)[i].value<std::int64_t>()) out[i] = static_cast<int>(*v);
            else return wrong(path, "an array of 3 integers");
        }
    }
    void get(std::string_view path, std::map<std::string, std::vector<std::string>, std::less<>>& out) const {
        const toml::node* n = find(path);
        if (!n) return;
        if (const toml::array* none = n->as_array(); none && none->empty()) return out.clear();  // [] replaces a base's
        const toml::table* t = n->as_table();
        if (!t) return wrong(path, "a table of arrays of strings");
        for (const auto& [key, value] : *t) {
            std::string item_path = std::string(path) + "." + std::string(key.str());
            get(item_path, out[std::string(key.str())]);
        }
    }
    void get(std::string_view path, std::map<std::string, std::int64_t, std::less<>>& out) const {
        const toml::node* n = find(path);
        if (!n) return;
        const toml::table* t = n->as_table();
        if (!t) return wrong(path, "a table of non-negative integers");
        for (const auto& [key, value] : *t) {
            if (auto v = value.value<std::int64_t>(); v && *v >= 0) out[std::string(key.str())] = *v;
            else return wrong(path, "a table of non-negative integers");
        }
    }
    void get(std::string_view path, std::map<std::string, std::array<int, 3>, std::less<>>& out) const {
        const toml::node* n = find(path);
        if (!n) return;
        const toml::table* t = n->as_table();
        if (!t) return wrong(path, "a table of arrays of 3 integers");
        for (const auto& [key, value] : *t) {
            const toml::array* a = value.as_array();
            if (!a || a->size() != 3) return wrong(path, "a table of arrays of 3 integers");
            for (std::size_t i = 0; i < 3; ++i) {
                if (auto v = (*a)[i].value<std::int64_t>()) out[std::string(key.str())][i] = static_cast<int>(*v);
                else return wrong(path, "a table of arrays of 3 integers");
            }
        }
    }
    void get(std::string_view path, std::map<std::string, std::string, std::less<>>& out) const {
        const toml::node* n = find(path);
        if (!n) return;
        const toml::table* t = n->as_table();
        if (!t) return wrong(path, "a table of strings");
        for (const auto& [key, value] : *t) {
            if (auto v = value.value<std::string>()) out[std::string(key.str())] = *v;
            else return wrong(path, "a table of strings");
        }
    }
    // A key that may be absent: `out` keeps its default then.
    template <typename T> void get_optional(std::string_view path, T& out) const {
        mark_read(path);
        if (root.at_path(path)) get(path, out);
    }

    // The first key of `table` (at `prefix`) that neither it nor a table
    // around it was read as, or "".
    std::string unread_key(const toml::table& table, const std::string& prefix = "") const {
        for (const auto& [key, value] : table) {
            std::string path = prefix.empty() ? std::string(key.str()) : prefix + "." + std::string(key.str());
            if (read.contains(path)) continue;
            if (const toml::table* inner = value.as_table()) {
                if (std::string unread = unread_key(*inner, path); !unread.empty()) return unread;
            } else {
                return path;
            }
        }
        return "";
    }
};

}  // namespace

// ---- errno --------------------------------------------------------------------------------------

namespace {

// The errno names a profile's [errno] may renumber: the host's value, or 0.
int host_errno_named(std::string_view name) {
    static const std::pair<const char*, int> known[] = {
        {"EPERM", EPERM},   {"ENOENT", ENOENT},       {"EINTR", EINTR},   {"EBADF", EBADF},   {"EACCES", EACCES},
        {"EEXIST", EEXIST}, {"ENOTDIR", ENOTDIR},     {"EISDIR", EISDIR}, {"EINVAL", EINVAL}, {"ENOSPC", ENOSPC},
        {"EPIPE", EPIPE},   {"ENOTEMPTY", ENOTEMPTY}, {"EAGAIN", EAGAIN},
    };
    for (auto [n, v] : known)
        if (name == n) return v;
    return 0;
}

}  // namespace

int Profile::modeled_errno(int host) const {
    auto it = errno_numbers.find(host);
    return it == errno_numbers.end() ? host : it->second;
}

int Profile::host_errno(int modeled) const {
    for (auto [host, number] : errno_numbers)
        if (number == modeled) return host;
    // A host number the platform gives to another errno stands for none.
    return errno_numbers.count(modeled) ? -1 : modeled;
}

// ---- import traces ------------------------------------------------------------------------------

namespace {

// `digits` read as std::from_chars reads an int (a minus sign too): false
// unless that is the whole of them. Up to 9 plain digits, what the traces
// hold, are read here, without the call.
bool whole_number(std::string_view digits, int& out) {
    if (!digits.empty() && digits.size() <= 9 &&
        std::all_of(digits.begin(), digits.end(), [](char c) { return c >= '0' && c <= '9'; })) {
        out = 0;
        for (char c : digits) out = out * 10 + (c - '0');
        return true;
    }
    auto [end, ec] = std::from_chars(digits.data(), digits.data() + digits.size(), out);
    return ec == std::errc() && end == digits.data() + digits.size();
}

// A number of at least 1, the whole of `digits`.
bool positive_number(std::string_view digits, int& out) { return whole_number(digits, out) && out > 0; }

bool non_negative_number(std::string_view digits, int& out) { return whole_number(digits, out) && out >= 0; }

// A container of a trace, allocated (d l tN m c o) or freed (D L TN M C O),
// with an optional *K: its kind, size and repeat in `e`; the case tells which.
bool container_token(std::string_view token, RuntimeEvent& e, bool& allocated) {
    if (auto star = std::find(token.begin(), token.end(), '*'); star != token.end()) {
        if (!positive_number(token.substr(star - token.begin() + 1), e.repeat)) return false;
        token = token.substr(0, star - token.begin());
    }
    if (token.empty()) return false;
    char c = token[0];
    allocated = c >= 'a' && c <= 'z';  // not std::islower: a call into the C library per token
    switch (c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c) {
    case 'd': e.kind = Container::Dict; break;
    case 'l': e.kind = Container::List; break;
    case 't': e.kind = Container::Tuple; return positive_number(token.substr(1), e.size);
    case 'm': e.kind = Container::Method; break;  // a bound method (3.8)
    case 'c': e.kind = Container::BuiltinMethod; break;  // a builtin function or method (3.8)
    case 'o': e.kind = Container::Other; break;
    case 'f':  // F, a frame freed (f, a frame allocated, is a CodeFrame event)
        if (allocated) return false;
        e.kind = Container::Frame;
        break;
    default: return false;
    }
    return token.size() == 1;
}

// !X,Y,...: the garbage, each object as it is freed, ~ before an untracked
// one, ? before a tuple that holds no tracked object. In a piece (&K:, with
// `holders`), X>J: an object on no cycle, held by the piece's J-th object;
// X+ (after any >J): one held from outside too, until the piece's -&K.
bool garbage_token(std::string_view list, RuntimeEvent& e, bool holders = false) {
    while (!list.empty()) {
        std::size_t comma = list.find(',');
        std::string_view item = list.substr(0, comma);
        list = comma == std::string_view::npos ? std::string_view() : list.substr(comma + 1);
        bool held_outside = holders && item.ends_with('+');
        if (held_outside) item.remove_suffix(1);
        int holder = -1;
        if (std::size_t held = item.find('>'); held != std::string_view::npos) {
            if (!holders || !non_negative_number(item.substr(held + 1), holder)) return false;
            item = item.substr(0, held);
        }
        bool tracked = !item.starts_with('~');
        bool untrackable = item.starts_with('?');
        if (!tracked || untrackable) item.remove_prefix(1);
        RuntimeEvent object;
        bool allocated = false;
        if (!container_token(item, object, allocated) || allocated) return false;
        if (untrackable && object.kind != Container::Tuple) return false;
        e.garbage.insert(e.garbage.end(), object.repeat,
                         GarbageObject{object.kind, object.size, tracked, untrackable, holder, held_outside});
        if (comma != std::string_view::npos && list.empty()) return false;
    }
    return !e.garbage.empty();
}

// One token of a trace, made into `e` (a default event): d l tN m c o D L TN M C O
// f F, each with an optional *K; !X,Y,...; &K:X,Y,..., !&K and -&K; [module and
// ] around a nested import; { and } around unmarshalling; ^ an eval breaker
// check. False when it is none of them. The first character tells which
// rule to try (the events of a section are parsed at its first import:
// about 4,000 tokens for `import weakref`), and the event is built where
// the section's vector keeps it.
bool trace_event(std::string_view token, RuntimeEvent& e) {
    using Op = RuntimeEvent::Op;
    const bool single = token.size() == 1;
    switch (token[0]) {
    case '[':
        if (single) break;
        e.op = Op::BeginImport;
        e.module.assign(token.substr(1));
        return true;
    case '^':
        if (!single) break;
        e.op = Op::Check;
        return true;
    case ']':
    case '{':
    case '}':
        if (!single) break;
        e.op = token[0] == ']' ? Op::EndImport : token[0] == '{' ? Op::BeginNoChecks : Op::EndNoChecks;
        return true;
    case 'd':
        if (token.size() <= 2 || token[1] != '@') break;
        e.op = Op::SubclassesDict;
        e.kind = Container::Dict;
        e.module.assign(token.substr(2));
        return true;
    case 'f': {
        if (!single && token[1] != '*' && token[1] != '@') break;
        // f@CODE: the frame of CODE's first call (CODE: FILE:LINE:NAME);
        // f: a frame allocated whenever the trace runs.
        e.op = Op::CodeFrame;
        e.kind = Container::Frame;
        std::string_view rest = token.substr(1);
        if (rest.starts_with('@')) {
            std::size_t star = rest.find('*');
            e.module.assign(rest.substr(1, star == std::string_view::npos ? std::string_view::npos : star - 1));
            if (e.module.empty()) return false;
            rest = star == std::string_view::npos ? std::string_view() : rest.substr(star);
        }
        return rest.empty() || (rest[0] == '*' && positive_number(rest.substr(1), e.repeat));
    }
    case '!':
        e.op = Op::Garbage;
        if (!single && token[1] == '&') return non_negative_number(token.substr(2), e.piece);
        return garbage_token(token.substr(1), e);
    case '-':
        // -&K: piece K's objects held from outside (+) lose that holder here.
        if (!token.starts_with("-&")) break;
        e.op = Op::ReleaseHeld;
        return non_negative_number(token.substr(2), e.piece);
    case '&': {
        // &K:X,Y,...: objects of piece K of garbage, allocated here.
        e.op = Op::GarbageAllocated;
        std::size_t colon = token.find(':');
        return colon != std::string_view::npos && non_negative_number(token.substr(1, colon - 1), e.piece) &&
               garbage_token(token.substr(colon + 1), e, true);
    }
    default: break;
    }
    bool allocated = false;
    if (!container_token(token, e, allocated)) return false;
    e.op = allocated ? Op::Allocate : Op::Free;
    return true;
}

}  // namespace

namespace {

// The lines of `text` from `begin` to `end`, each with its number, counting
// from `first_line`; `visit` returns false to stop.
template <class Visit>
bool for_each_line(std::string_view text, std::size_t begin, std::size_t end, int first_line, Visit visit) {
    for (int number = first_line; begin < end; ++number) {
        std::size_t newline = text.find('\n', begin);
        if (newline == std::string_view::npos || newline > end) newline = end;
        if (!visit(text.substr(begin, newline - begin), number)) return false;
        begin = newline + 1;
    }
    return true;
}

bool is_comment_or_blank(std::string_view line) { return line.empty() || line[0] == '#'; }

}  // namespace

std::optional<ImportTraces> ImportTraces::index(std::string text, std::string name, std::string& error) {
    ImportTraces traces;
    traces.text_ = std::make_shared<const std::string>(std::move(text));
    traces.name_ = std::move(name);
    std::string_view all = *traces.text_;
    Section* current = nullptr;
    bool ok = for_each_line(all, 0, all.size(), 1, [&](std::string_view line, int number) {
        // Where the next line starts: the line is a view into `all`.
        std::size_t next = std::min(static_cast<std::size_t>(line.data() - all.data()) + line.size() + 1, all.size());
        if (line.starts_with("import ")) {
            auto [section, added] = traces.sections_.try_emplace(std::string(line.substr(7)));
            if (!added) {
                error = traces.name_ + ":" + std::to_string(number) + ": a second `" + std::string(line) + "`";
                return false;
            }
            current = &section->second;
            current->begin = current->end = next;
            current->first_line = number + 1;
        } else if (current) {
            current->end = next;
            if (!is_comment_or_blank(line) && line.find('^') != std::string_view::npos) traces.marks_checks_ = true;
        } else if (!is_comment_or_blank(line)) {
            error = traces.name_ + ":" + std::to_string(number) + ": events before the first `import MODULE` line";
            return false;
        }
        return true;
    });
    if (!ok) return std::nullopt;
    return traces;
}

std::optional<std::vector<RuntimeEvent>> ImportTraces::parse(const Section& section, std::string& error) const {
    auto space = [](char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\v' || c == '\f'; };
    // Room for every token at once: each but the first follows a space or
    // a newline (a byte up to ' ').
    std::size_t most = 0;
    for (std::size_t i = section.begin; i < section.end; ++i) most += static_cast<unsigned char>((*text_)[i]) <= ' ';
    std::vector<RuntimeEvent> events;
    events.reserve(most + 1);
    int depth = 0;
    bool ok =
        for_each_line(*text_, section.begin, section.end, section.first_line, [&](std::string_view line, int number) {
            if (is_comment_or_blank(line)) return true;
            for (std::size_t end = 0;;) {
                std::size_t begin = end;
                while (begin < line.size() && space(line[begin])) ++begin;
                if (begin == line.size()) return true;
                for (end = begin; end < line.size() && !space(line[end]);) ++end;
                std::string_view token = line.substr(begin, end - begin);
                RuntimeEvent& event = events.emplace_back();
                if (!trace_event(token, event)) {
                    error = name_ + ":" + std::to_string(number) + ": not an event: '" + std::string(token) + "'";
                    return false;
                }
                depth += event.op == RuntimeEvent::Op::BeginImport ? 1
                         : event.op == RuntimeEvent::Op::EndImport ? -1
                                                                   : 0;
                if (depth < 0) {
                    error = name_ + ":" + std::to_string(number) + ": ] closes no nested import";
                    return false;
                }
            }
        });
    if (!ok) return std::nullopt;
    if (depth) {
        error = name_ + ":" + std::to_string(section.first_line - 1) + ": a nested import is not closed with ]";
        return std::nullopt;
    }
    return events;
}

const std::vector<RuntimeEvent>* ImportTraces::find(std::string_view module) const {
    auto it = sections_.find(module);
    if (it == sections_.end()) return nullptr;
    const Section& section = it->second;
    if (!section.events) {
        std::string error;
        section.events = parse(section, error);
        if (!section.events) throw std::runtime_error(error);
    }
    return &*section.events;
}

bool ImportTraces::check(std::string& error) const {
    for (const auto& [module, section] : sections_)
        if (!section.events && !(section.events = parse(section, error))) return false;
    return true;
}

namespace {

// The rest of `in`, read in blocks (an istreambuf_iterator goes a
// character at a time: 4 M instructions for 3.11's traces).
std::string read_all(std::istream& in) {
    std::ostringstream text;
    text << in.rdbuf();
    return std::move(text).str();
}

// The whole file at `path` in one read (the stream above costs 150,000
// instructions for 3.11's traces, in every process); nullopt when it cannot
// be read.
std::optional<std::string> read_file(const std::filesystem::path& path) {
    std::unique_ptr<std::FILE, int (*)(std::FILE*)> file(std::fopen(path.c_str(), "rb"), std::fclose);
    if (!file) return std::nullopt;
    std::error_code no_size;
    std::string text(std::filesystem::file_size(path, no_size) + 1, '\0');  // + 1: the read that finds the end
    std::size_t size = 0;
    for (std::size_t n = 1; n;) {
        if (size == text.size()) text.resize(2 * size + 4096);
        n = std::fread(text.data() + size, 1, text.size() - size, file.get());
        size += n;
    }
    if (std::ferror(file.get())) return std::nullopt;
    text.resize(size);
    return text;
}

}  // namespace

std::optional<RuntimeNames> RuntimeNames::index(std::string text, std::string name, std::string& error) {
    RuntimeNames names;
    names.text_ = std::make_shared<const std::string>(std::move(text));
    std::string_view all = *names.text_;
    bool ok = for_each_line(all, 0, all.size(), 1, [&](std::string_view line, int number) {
        if (is_comment_or_blank(line)) return true;
        // The owner is one word (builtins) or two (module gc, type str).
        std::size_t first = line.find(' ');
        std::string_view kind = line.substr(0, first);
        bool two_words = kind == "module" || kind == "type";
        std::size_t end = two_words && first != std::string_view::npos ? line.find(' ', first + 1) : first;
        std::string_view owner = line.substr(0, end);
        std::string_view listed = end == std::string_view::npos ? std::string_view() : line.substr(end + 1);
        if ((!two_words && kind != "builtins") || (two_words && first == std::string_view::npos) ||
            !names.owners_.emplace(std::string(owner), listed).second) {
            error = name + ":" + std::to_string(number) + ": `" + std::string(owner) +
                    "` is no `builtins`, `module M` or `type T` followed by names, or has a line before";
            return false;
        }
        return true;
    });
    if (!ok) return std::nullopt;
    return names;
}

bool RuntimeNames::has(std::string_view owner, std::string_view name) const {
    auto found = owners_.find(owner);
    if (found == owners_.end() || name.empty()) return false;
    std::string_view names = found->second;
    for (std::size_t at = names.find(name); at != std::string_view::npos; at = names.find(name, at + 1)) {
        std::size_t end = at + name.size();
        if ((at == 0 || names[at - 1] == ' ') && (end == names.size() || names[end] == ' ')) return true;
    }
    return false;
}

namespace {

// A file beside the profile, read and indexed (T::index) the first time it
// is asked for: empty when the profile names none.
template <class T> const T& read_once(std::optional<T>& slot, const std::filesystem::path& file, const char* what) {
    if (slot) return *slot;
    if (file.empty()) return slot.emplace();
    std::optional<std::string> text = read_file(file);
    if (!text) throw std::runtime_error(std::string("cannot read ") + what + " " + file.string());
    std::string error;
    std::optional<T> indexed = T::index(std::move(*text), file.string(), error);
    if (!indexed) throw std::runtime_error(error);
    slot = std::move(indexed);
    return *slot;
}

}  // namespace

const RuntimeNames& Profile::runtime_names() const {
    return read_once(runtime_names_, runtime_names_file, "the runtime's names");
}

std::optional<CallErrors> CallErrors::index(std::string text, const std::string& name, std::string& error) {
    CallErrors errors;
    auto parse_count = [](std::string_view digits, std::size_t& out) {
        int count = 0;
        if (!non_negative_number(digits, count)) return false;
        out = static_cast<std::size_t>(count);
        return true;
    };
    bool ok = for_each_line(text, 0, text.size(), 1, [&](std::string_view line, int number) {
        if (is_comment_or_blank(line)) return true;
        std::size_t key_end = line.find(' ');
        std::size_t spec_end = key_end == std::string_view::npos ? key_end : line.find(' ', key_end + 1);
        Entry entry;
        bool valid = spec_end != std::string_view::npos;
        if (valid) {
            std::string_view spec = line.substr(key_end + 1, spec_end - key_end - 1);
            entry.message = line.substr(spec_end + 1);
            entry.accepted = entry.message == "(accepted)";
            entry.for_keyword = spec == "kw" || spec.starts_with("kw=");
            if (entry.for_keyword) {
                entry.keyword = spec.substr(std::min(spec.size(), std::size_t{3}));
                valid = spec == "kw" || (!entry.keyword.empty() && entry.accepted);
            } else {
                std::size_t dash = spec.find_first_of("-+");
                valid = parse_count(spec.substr(0, dash), entry.first);
                if (dash == std::string_view::npos) entry.last = entry.first;
                else if (spec.substr(dash) == "+") entry.last = SIZE_MAX;
                else valid = valid && parse_count(spec.substr(dash + 1), entry.last) && entry.last > entry.first;
            }
        }
        if (!valid) {
            error = name + ":" + std::to_string(number) +
                    ": not `KEY SPEC MESSAGE` with SPEC `N`, `N-M`, `N+` or `kw`, or `KEY kw=NAME (accepted)`";
            return false;
        }
        errors.entries_.emplace(std::string(line.substr(0, key_end)), std::move(entry));
        return true;
    });
    if (!ok) return std::nullopt;
    return errors;
}

namespace {

void replace_all(std::string& text, std::string_view from, std::string_view to) {
    for (std::size_t at = text.find(from); at != std::string::npos; at = text.find(from, at + to.size()))
        text.replace(at, from.size(), to);
}

}  // namespace

CallErrors::Found CallErrors::arity(std::string_view key, std::size_t count, std::string& message) const {
    auto [first, last] = entries_.equal_range(key);
    for (auto it = first; it != last; ++it) {
        const Entry& entry = it->second;
        if (entry.for_keyword || count < entry.first || count > entry.last) continue;
        if (entry.accepted) return Found::Accepted;
        message = entry.message;
        replace_all(message, "{n}", std::to_string(count));
        replace_all(message, "{n+1}", std::to_string(count + 1));
        return Found::Message;
    }
    return Found::Nothing;
}

CallErrors::Found CallErrors::keyword(std::string_view key, std::string_view keyword, std::string& message) const {
    auto [first, last] = entries_.equal_range(key);
    const Entry* unknown_keyword = nullptr;
    for (auto it = first; it != last; ++it) {
        if (!it->second.for_keyword) continue;
        if (it->second.keyword == keyword) return Found::Accepted;
        if (it->second.keyword.empty()) unknown_keyword = &it->second;
    }
    if (!unknown_keyword) return Found::Nothing;
    message = unknown_keyword->message;
    replace_all(message, "{kw}", keyword);
    return Found::Message;
}

const CallErrors& Profile::call_errors() const {
    return read_once(call_errors_, call_errors_file, "the runtime's call errors");
}

const lang::UnicodeTables& Profile::unicode_tables() const {
    return read_once(unicode_tables_, unicode_tables_file, "the runtime's Unicode tables");
}

std::optional<StartupInterned> StartupInterned::index(std::string text, const std::string& name, std::string& error) {
    StartupInterned interned;
    interned.text_ = std::make_shared<const std::string>(std::move(text));
    std::string_view all = *interned.text_;
    bool ok = for_each_line(all, 0, all.size(), 1, [&](std::string_view line, int number) {
        if (is_comment_or_blank(line)) return true;
        if (line.starts_with("= ")) {
            std::int64_t n = 0;
            auto [end, failed] = std::from_chars(line.data() + 2, line.data() + line.size(), n);
            interned.groups_.push_back({n, {}});
            if (failed == std::errc() && end == line.data() + line.size() && n >= 0) return true;
        } else if (!interned.groups_.empty() &&
                   (interned.groups_.back().names.empty() || interned.groups_.back().names.back() < line)) {
            interned.groups_.back().names.push_back(line);
            return true;
        }
        error = name + ":" + std::to_string(number) +
                ": not `= N` (N a count), a name before the first, or a name out of order";
        return false;
    });
    if (!ok) return std::nullopt;
    return interned;
}

std::optional<std::int64_t> StartupInterned::count(std::string_view s) const {
    for (const Group& group : groups_)
        if (std::binary_search(group.names.begin(), group.names.end(), s)) return group.count;
    return std::nullopt;
}

const StartupInterned& Profile::startup_interned() const {
    return read_once(startup_interned_, interned_strs_file, "the runtime's interned strs");
}

std::optional<ImportTraces> read_import_traces(std::istream& in, const std::string& name, std::string& error) {
    auto traces = ImportTraces::index(read_all(in), name, error);
    if (traces && !traces->check(error)) return std::nullopt;
    return traces;
}

// ---- the file's text ---------------------------------------------------------------------------

namespace {

// Where the string that opens at text[open] ends (one past its closing
// quotes); at the end of its line when it has none there, for the parser
// to refuse.
std::size_t string_end(std::string_view text, std::size_t open) {
    const char quote = text[open];
    const bool basic = quote == '"';  // escapes: "..." and """..."""; none in '...' and '''...'''
    const std::string_view triple = basic ? R"(""")" : "'''";
    const std::size_t n = text.size();
    if (text.compare(open, 3, triple) == 0) {  // multi-line
        for (std::size_t i = open + 3; i < n; ++i) {
            if (basic && text[i] == '\\') {
                ++i;
                continue;
            }
            if (text.compare(i, 3, triple) != 0) continue;
            std::size_t end = i + 3;
            for (int extra = 0; extra < 2 && end < n && text[end] == quote; ++extra) ++end;  // """a"""" is `a"`
            return end;
        }
        return n;
    }
    for (std::size_t i = open + 1; i < n; ++i) {
        if (text[i] == '\n') return i;
        if (basic && text[i] == '\\') {
            if (i + 1 < n && text[i + 1] != '\n') ++i;
            continue;
        }
        if (text[i] == quote) return i + 1;
    }
    return n;
}

}  // namespace

std::string toml_without_comments(std::string_view text) {
    std::string out;
    out.reserve(text.size());
    const std::size_t n = text.size();
    bool line_start = true;
    for (std::size_t i = 0; i < n;) {
        const char c = text[i];
        if (line_start && (c == ' ' || c == '\t')) {
            ++i;
            continue;
        }
        line_start = c == '\n';
        if (c == '#') {  // to the end of the line, and the blanks before it
            while (!out.empty() && (out.back() == ' ' || out.back() == '\t')) out.pop_back();
            while (i < n && text[i] != '\n') ++i;
            continue;
        }
        if (c == '"' || c == '\'') {  // copied whole
            std::size_t end = string_end(text, i);
            out.append(text, i, end - i);
            i = end;
            continue;
        }
        out += c;
        ++i;
    }
    return out;
}

// ---- extends ------------------------------------------------------------------------------------

namespace {

// `overrides` laid over `base`: a table merges key by key, anything else
// (an array included) replaces the base's value whole.
void merge_into(toml::table& base, const toml::table& overrides) {
    for (const auto& [key, value] : overrides) {
        toml::table* base_table = base[key].as_table();
        if (base_table && value.is_table()) merge_into(*base_table, *value.as_table());
        else base.insert_or_assign(key, value);
    }
}

// The profile `name` of `dir` as one table: the profile it `extends` (a
// name in the same folder), recursively, with its own keys laid over it.
std::optional<toml::table> read_table(const std::filesystem::path& dir, const std::string& name,
                                      std::vector<std::string>& chain, std::string& error) {
    std::filesystem::path file = dir / (name + ".toml");
    if (name.empty() || name.find('/') != std::string::npos || !std::filesystem::is_regular_file(file)) {
        error = "no runtime profile '" + name + "' (looked for " + file.string() + ")";
        return std::nullopt;
    }
    if (std::find(chain.begin(), chain.end(), name) != chain.end()) {
        error = file.string() + ": `extends` makes a loop through '" + name + "'";
        return std::nullopt;
    }
    chain.push_back(name);
    std::optional<std::string> text = read_file(file);
    if (!text) {
        error = file.string() + ": File could not be opened for reading";  // toml::parse_file's words
        return std::nullopt;
    }
    toml::table root;
    try {
        root = toml::parse(toml_without_comments(*text), std::string_view(file.string()));
    } catch (const toml::parse_error& e) {
        error = file.string() + ": " + std::string(e.description());
        return std::nullopt;
    }
    const toml::node* extends = root.get("extends");
    if (!extends) return root;
    std::optional<std::string> base_name = extends->value<std::string>();
    if (!base_name) {
        error = file.string() + ": key 'extends' must be a string, the name of a profile";
        return std::nullopt;
    }
    std::optional<toml::table> base = read_table(dir, *base_name, chain, error);
    if (!base) {
        error = file.string() + ": extends '" + *base_name + "': " + error;
        return std::nullopt;
    }
    root.erase("extends");
    base->erase("extends");
    merge_into(*base, root);
    return base;
}

}  // namespace

std::optional<Profile> Profile::load(const std::filesystem::path& dir, const std::string& name, std::string& error) {
    std::filesystem::path file = dir / (name + ".toml");
    std::vector<std::string> chain;
    std::optional<toml::table> read = read_table(dir, name, chain, error);
    if (!read) return std::nullopt;
    const toml::table& root = *read;
    Profile p;
    p.name = name;
    Reader r{root, error};
    r.get("description", p.description);
    r.get("manager", p.manager);
    r.get("version_line", p.version_line);
    r.get("sys.implementation_name", p.implementation_name);
    r.get("sys.version_info", p.version_info);
    r.get("sys.release_level", p.release_level);
    r.get("sys.serial", p.serial);
    r.get("sys.version", p.sys_version);
    r.get("sys.platform", p.platform);
    r.get_optional("sys.immortal_refcount", p.immortal_refcount);
    r.get_optional("sys.interned_immortal_refcount", p.interned_immortal_refcount);
    r.get_optional("sys.immortal_names_only", p.immortal_names_only);
    r.get("sys.names", p.sys_names);
    r.get("sys.flags", p.sys_flags);
    r.get_optional("sys.flags_int_max_str_digits", p.sys_flags_int_max_str_digits);
    r.get_optional("ints.format_limits_str_digits", p.int_format_limits_str_digits);
    r.get("sys.recursion_limit", p.recursion_limit);
    std::string c_recursion = "shared";
    r.get_optional("sys.c_recursion", c_recursion);
    if (c_recursion == "shared") p.c_recursion = CRecursion::Shared;
    else if (c_recursion == "counted") p.c_recursion = CRecursion::Counted;
    else if (c_recursion == "stack") p.c_recursion = CRecursion::Stack;
    else r.wrong("sys.c_recursion", "\"shared\", \"counted\" or \"stack\"");
    r.get_optional("sys.c_recursion_limit", p.c_recursion_limit);
    r.get_optional("sys.c_recursion_at_start", p.c_recursion_at_start);
    r.get_optional("sys.c_recursion_safe_depth", p.c_recursion_safe_depth);
    r.get_optional("sys.c_stack_sized_by_limit", p.c_stack_sized_by_limit);
    r.get_optional("hash.width", p.hash.width);
    if (p.hash.width != 64 && p.hash.width != 32) r.wrong("hash.width", "64 or 32");
    std::string algorithm = "siphash13";
    r.get_optional("hash.algorithm", algorithm);
    if (algorithm == "siphash13") p.hash.algorithm = StrHash::SipHash13;
    else if (algorithm == "siphash24") p.hash.algorithm = StrHash::SipHash24;
    else if (algorithm == "fnv" && p.hash.width == 32) p.hash.algorithm = StrHash::Fnv;
    else r.wrong("hash.algorithm", "\"siphash13\", \"siphash24\", or \"fnv\" (32 bits wide)");
    r.get_optional("hash.utf8", p.hash.utf8);
    r.get_optional("hash.none", p.none_hash);
    r.get_optional("hash.nan_is_zero", p.nan_hash_zero);
    r.get_optional("hash.slices", p.hashable_slices);
    r.get_optional("sets.insertion_ordered", p.sets_insertion_ordered);
    r.get_optional("sets.interning_replaced_chars", p.interning_replaced_chars);
    std::string starred_error = "value";
    r.get_optional("unpacking.starred_error", starred_error);
    if (starred_error == "value") p.starred_error = Profile::StarredError::ValueAfterStar;
    else if (starred_error == "iterable") p.starred_error = Profile::StarredError::NotIterable;
    else if (starred_error == "callee") p.starred_error = Profile::StarredError::NamesCallee;
    else r.wrong("unpacking.starred_error", "\"value\", \"iterable\" or \"callee\"");
    r.get_optional("unpacking.display_mapping_needs_getitem", p.display_mapping_needs_getitem);
    if (root.at_path("sizes")) {  // optional
        Profile::Sizes& z = p.sizes.emplace(Profile::Sizes{});
        for (auto [key, field] : std::initializer_list<std::pair<const char*, std::int64_t Profile::Sizes::*>>{
                 {"pointer", &Profile::Sizes::pointer},
                 {"gc_header", &Profile::Sizes::gc_header},
                 {"object", &Profile::Sizes::object},
                 {"int_header", &Profile::Sizes::int_header},
                 {"int_digit", &Profile::Sizes::int_digit},
                 {"int_min_digits", &Profile::Sizes::int_min_digits},
                 {"float", &Profile::Sizes::float_},
                 {"str_ascii", &Profile::Sizes::str_ascii},
                 {"str_compact", &Profile::Sizes::str_compact},
                 {"tuple", &Profile::Sizes::tuple},
                 {"list", &Profile::Sizes::list},
                 {"dict", &Profile::Sizes::dict},
                 {"dict_keys", &Profile::Sizes::dict_keys},
                 {"dict_entry", &Profile::Sizes::dict_entry},
                 {"dict_unicode_entry", &Profile::Sizes::dict_unicode_entry},
                 {"set", &Profile::Sizes::set},
                 {"managed_dict", &Profile::Sizes::managed_dict}})
            r.get(std::string("sizes.") + key, z.*field);
        r.get_optional("sizes.weakref_in_preheader", z.weakref_in_preheader);
        r.get_optional("sizes.dict_pointer_with_items", z.dict_pointer_with_items);
        r.get_optional("sizes.types", z.types);
        r.get_optional("sizes.dict_keysize_overshoots", z.dict_keysize_overshoots);
        r.get_optional("sizes.dict_new_allocates_keys", z.dict_new_allocates_keys);
        r.get_optional("sizes.frame", z.frame);
    } else {
        r.get("sys.getsizeof_error", p.getsizeof_error);
    }
    // Optional: a table, or `pymalloc = false` for a build without it (which
    // replaces the table of a profile this one extends).
    if (const toml::node* n = root.get("pymalloc"); n && !n->is_table()) r.mark_read("pymalloc");
    if (const toml::node* n = root.get("pymalloc"); n && !n->is_table() && n->value<bool>() != false) {
        r.wrong("pymalloc", "a table, or false for a build without pymalloc");
    } else if (n && n->is_table()) {
        Pymalloc::Params& m = p.pymalloc.emplace();
        r.get("pymalloc.alignment", m.alignment);
        r.get("pymalloc.max_small", m.max_small);
        r.get("pymalloc.pool_size", m.pool_size);
        r.get("pymalloc.pool_overhead", m.pool_overhead);
        r.get("pymalloc.pools_per_arena", m.pools_per_arena);
        if (!p.sizes) r.wrong("pymalloc", "a table with a [sizes] table beside it");
        if (m.alignment <= 0 || m.max_small % m.alignment || m.pool_size <= m.pool_overhead + m.max_small ||
            m.pools_per_arena <= 0)
            r.wrong("pymalloc", "alignment dividing max_small, pools larger than their header and a block");
    }
    if (root.at_path("tracemalloc")) {  // optional
        r.get("tracemalloc.names", p.tracemalloc_names.emplace());
        if (!p.sizes) r.wrong("tracemalloc", "a table with a [sizes] table beside it");
    }
    r.get("gc.names", p.gc_names);
    r.get("gc.thresholds", p.gc_thresholds);
    r.get_optional("gc.settable_thresholds", p.gc_settable_thresholds);
    r.get("gc.collect_returns_count", p.gc_collect_returns_count);
    r.get_optional("gc.startup_counts", p.gc_startup_counts);
    r.get_optional("gc.startup_generation", p.gc_startup_generation);
    if (p.gc_startup_generation < 0 || p.gc_startup_generation > 2) r.wrong("gc.startup_generation", "0, 1 or 2");
    r.get_optional("gc.startup_free_lists.dicts", p.gc_startup_free_lists.dicts);
    r.get_optional("gc.startup_free_lists.lists", p.gc_startup_free_lists.lists);
    r.get_optional("gc.startup_free_lists.tuples", p.gc_startup_free_lists.tuples);
    r.get_optional("gc.startup_free_lists.frames", p.gc_startup_free_lists.frames);
    r.get_optional("gc.startup_free_lists.methods", p.gc_startup_free_lists.methods);
    r.get_optional("gc.startup_free_lists.cfunctions", p.gc_startup_free_lists.cfunctions);
    r.get_optional("gc.startup_unmodeled.young", p.gc_startup_unmodeled.young);
    r.get_optional("gc.startup_unmodeled.startup_generation", p.gc_startup_unmodeled.startup_generation);
    r.get_optional("gc.startup_unmodeled.tuples", p.gc_startup_unmodeled.tuples);
    r.get_optional("gc.startup_unmodeled.dicts", p.gc_startup_unmodeled.dicts);
    r.get_optional("gc.import_unmodeled", p.gc_import_unmodeled);
    r.get_optional("gc.tuple_reuse_size", p.gc_tuple_reuse_size);
    if (p.gc_tuple_reuse_size < 0 || p.gc_tuple_reuse_size > 20) r.wrong("gc.tuple_reuse_size", "0 to 20");
    r.get_optional("gc.tuple_keep_size", p.gc_tuple_keep_size);
    if (p.gc_tuple_keep_size < 0 || p.gc_tuple_keep_size > 20) r.wrong("gc.tuple_keep_size", "0 to 20");
    r.get_optional("gc.compile_allocations", p.gc_compile_allocations);
    r.get_optional("gc.compiler_unit_dicts", p.gc_compiler_unit_dicts);
    if (p.gc_compiler_unit_dicts < 5) r.wrong("gc.compiler_unit_dicts", "at least 5");
    r.get_optional("gc.compiler_exception_table", p.gc_compiler_exception_table);
    r.get_optional("gc.compiler_generator_handler", p.gc_compiler_generator_handler);
    r.get_optional("gc.compiler_inline_swaps_argument", p.gc_compiler_inline_swaps_argument);
    r.get_optional("gc.compiler_merges_bytes", p.gc_compiler_merges_bytes);
    r.get_optional("gc.compiler_bytes_of_3_10", p.gc_compiler_bytes_of_3_10);
    r.get_optional("gc.compiler_qualname_constants", p.gc_compiler_qualname_constants);
    r.get_optional("gc.compiler_annotation_list", p.gc_compiler_annotation_list);
    r.get_optional("gc.compiler_directive_items", p.gc_compiler_directive_items);
    r.get_optional("gc.compiler_peephole_folds", p.gc_compiler_peephole_folds);
    if (p.gc_compiler_directive_items < 1) r.wrong("gc.compiler_directive_items", "at least 1");
    r.get_optional("gc.compiler_atom_constants_untracked", p.gc_compiler_atom_constants_untracked);
    r.get_optional("gc.compiler_small_int_loads", p.gc_compiler_small_int_loads);
    r.get_optional("gc.collect_at_eval_breaker", p.gc_collect_at_eval_breaker);
    r.get_optional("gc.scheduled_collection_checks_enabled", p.gc_scheduled_collection_checks_enabled);
    r.get_optional("gc.collect_at_check_signals", p.gc_collect_at_check_signals);
    std::vector<std::string> unchecked_calls;
    r.get_optional("gc.unchecked_specialized_calls", unchecked_calls);
    for (const std::string& call : unchecked_calls) {
        static const std::map<std::string, CallForm, std::less<>> forms = {{"len", CallForm::Len},
                                                                           {"isinstance", CallForm::IsInstance},
                                                                           {"list.append", CallForm::ListAppend},
                                                                           {"type", CallForm::Type1}};
        // Never CallForm::Other: the loop's CALL at a settled site relies on it.
        if (auto form = forms.find(call); form != forms.end())
            p.gc_unchecked_call_forms |= 1u << static_cast<unsigned>(form->second);
        else if (error.empty())
            error = "gc.unchecked_specialized_calls: '" + call + "' is not len, isinstance, list.append or type";
    }
    r.get_optional("gc.count_tracked", p.gc_count_tracked);
    r.get_optional("gc.dicts_always_tracked", p.gc_dicts_always_tracked);
    r.get_optional("gc.incremental", p.gc_incremental);
    r.get_optional("gc.array_tuples_untracked", p.gc_array_tuples_untracked);
    r.get_optional("gc.startup_collects_main", p.gc_startup_collects_main);
    r.get_optional("gc.main_dict_before_module", p.gc_main_dict_before_module);
    r.get_optional("gc.startup_heap", p.gc_startup_heap);
    r.get_optional("gc.startup_marked", p.gc_startup_marked);
    r.get_optional("gc.frame_objects", p.gc_frame_objects);
    r.get_optional("gc.resurrection_blocks_collection", p.gc_resurrection_blocks_collection);
    r.get_optional("gc.instance_dict_objects", p.gc_instance_dict_objects);
    r.get_optional("gc.inline_values_only_from_object_new", p.gc_inline_values_only_from_object_new);
    r.get_optional("gc.inline_values_only_without_slots", p.gc_inline_values_only_without_slots);
    r.get_optional("gc.materialized_dict_is_view", p.gc_materialized_dict_is_view);
    r.get_optional("gc.clear_weakrefs_tuple_from", p.gc_clear_weakrefs_tuple_from);
    if (p.gc_clear_weakrefs_tuple_from < 1) r.wrong("gc.clear_weakrefs_tuple_from", "at least 1");
    r.get_optional("calls.caller_keeps_arguments", p.caller_keeps_arguments);
    r.get_optional("calls.frame_without_function", p.frame_without_function);
    r.get_optional("calls.clear_locals_backwards", p.clear_locals_backwards);
    r.get_optional("calls.argument_cells_in_place", p.argument_cells_in_place);
    r.get_optional("compiler.while_test_at_bottom", p.compile.while_test_at_bottom);
    r.get_optional("compiler.borrow_fast_loads", p.compile.borrow_fast_loads);
    r.get_optional("compiler.class_static_attributes", p.compile.class_static_attributes);
    r.get_optional("compiler.removes_unused_constants", p.compile.removes_unused_constants);
    r.get_optional("compiler.trims_unused_constants", p.compile.trims_unused_constants);
    r.get_optional("compiler.merges_equal_constants", p.compile.merges_equal_constants);
    r.get_optional("compiler.keyword_maps_unpack_with_call", p.compile.keyword_maps_unpack_with_call);
    r.get_optional("compiler.class_dict_cell", p.compile.class_dict_cell);
    r.get_optional("compiler.const_key_maps", p.compile.const_key_maps);
    r.get_optional("compiler.constant_lists_extended", p.compile.constant_lists_extended);
    r.get_optional("compiler.displays_extended", p.compile.displays_extended);
    r.get_optional("compiler.long_displays_grown", p.compile.long_displays_grown);
    r.get_optional("compiler.match_statement", p.compile.match_statement);
    r.get_optional("compiler.static_pattern_swaps", p.compile.static_pattern_swaps);
    r.get_optional("compiler.class_and_mapping_patterns", p.compile.class_and_mapping_patterns);
    r.get_optional("compiler.inline_comprehensions", p.compile.inline_comprehensions);
    r.get_optional("compiler.swaps_statement_pops", p.compile.swaps_statement_pops);
    r.get_optional("compiler.doc_constant_always", p.compile.doc_constant_always);
    r.get_optional("compiler.constant_tests_to_bools", p.compile.constant_tests_to_bools);
    r.get_optional("compiler.emits_dead_branches", p.compile.emits_dead_branches);
    r.get_optional("compiler.cfg_folds_constants", p.compile.cfg_folds_constants);
    r.get_optional("compiler.percent_formats_as_fstrings", p.compile.percent_formats_as_fstrings);
    r.get_optional("compiler.constant_sets_frozen", p.compile.constant_sets_frozen);
    r.get_optional("compiler.arena_holds_one_token_bytes_twice", p.compile.arena_holds_one_token_bytes_twice);
    r.get_optional("calls.unstarted_generator_close_keeps_frame", p.unstarted_generator_close_keeps_frame);
    r.get_optional("calls.generator_cleared_on_exit", p.generator_cleared_on_exit);
    r.get_optional("calls.call_ex_releases_before_frame", p.call_ex_releases_before_frame);
    r.get_optional("calls.c_raise_makes_exception", p.c_raise_makes_exception);
    r.get_optional("calls.list_init_asks_len", p.list_init_asks_len);
    r.get_optional("calls.list_length_hint_before_iter", p.list_length_hint_before_iter);
    r.get_optional("lists.growth_rounded", p.list_growth_rounded);
    r.get_optional("lists.preallocation_even", p.list_preallocation_even);
    r.get_optional("lists.extend_preallocates", p.list_extend_preallocates);
    r.get_optional("lists.pop_emptied_frees", p.list_pop_emptied_frees);
    r.get_optional("lists.del_item_resizes", p.list_del_item_resizes);
    r.get_optional("lists.extend_resizes_for_sets_and_dicts", p.list_extend_resizes_for_sets_and_dicts);
    r.get_optional("lists.split_prealloc_bounded", p.list_split_prealloc_bounded);
    r.get_optional("calls.tuple_asks_length_hint", p.tuple_asks_length_hint);
    r.get_optional("calls.exception_vectorcall", p.exception_vectorcall);
    r.get_optional("calls.star_call_passes_tuple", p.star_call_passes_tuple);
    r.get_optional("calls.class_call_enters_init", p.class_call_enters_init);
    r.get_optional("calls.specialize_after_warmup", p.specialize_after_warmup);
    r.get_optional("calls.deoptimized_site_waits", p.deoptimized_site_waits);
    r.get_optional("calls.non_python_general", p.non_python_general_calls);
    r.get_optional("gc.subclass_weakrefs", p.subclass_weakrefs);
    r.get_optional("gc.repr_thread_state", p.repr_thread_state);
    r.get_optional("gc.subclassed_at_startup", p.subclassed_at_startup);
    r.get_optional("gc.class_statement_temporaries", p.class_statement_temporaries);
    r.get_optional("gc.class_dict_held_by_type_new", p.class_dict_held_by_type_new);
    r.get("weakref.names", p.weakref_names);
    r.get("weakref.slotted_instances", p.weakref_slotted_instances);
    r.get("weakref.len_counts_live", p.weak_containers_count_live);
    r.get_optional("weakref.iterates_copies", p.weak_containers_iterate_copies);
    r.get_optional("weakref.finalize_unpacks_args", p.finalize_unpacks_args);
    r.get_optional("weakref.commit_removals_while_list", p.weak_containers_commit_while_list);
    r.get_optional("weakref.weakrefable_types", p.weakrefable_types);
    r.get("messages.finalizer_error", p.finalizer_error_header);
    r.get("messages.callback_error", p.callback_error_header);
    r.get("messages.generator_error", p.generator_error_header);
    r.get("messages.atexit_error", p.atexit_error_header);
    r.get("messages.atexit_ignores_system_exit", p.atexit_ignores_system_exit);
    r.get("messages.unraisable_chain", p.unraisable_chain);
    r.get("messages.unraisable_gets_current_frame", p.unraisable_gets_current_frame);
    r.get_optional("messages.unraisable_c_writer", p.unraisable_c_writer);
    r.get("messages.name_suggestion", p.name_suggestion);
    r.get("messages.del_added_later", p.del_added_later_warning);
    r.get_optional("messages.file_finalizer_error", p.file_finalizer_error_header);
    r.get_optional("messages.unawaited_coroutine_through_warnings", p.unawaited_coroutine_through_warnings);
    r.get_optional("messages.warning_file_without_frame", p.warning_file_without_frame);
    r.get_optional("messages.warning_line_without_frame", p.warning_line_without_frame);
    r.get("messages.qualified_names_in_call_errors", p.qualified_names_in_call_errors);
    r.get_optional("messages.main_module_in_exception_names", p.main_module_in_exception_names);
    r.get_optional("messages.mro_error_as_cycle", p.mro_error_as_cycle);
    r.mark_read("errors");
    if (const toml::table* errors = root["errors"].as_table()) {  // optional
        for (const auto& [id, text] : *errors) {
            if (auto v = text.value<std::string>()) p.error_messages.emplace(std::string(id.str()), *v);
            else r.wrong("errors." + std::string(id.str()), "a string");
        }
    }
    r.get("builtins.app_level", p.app_level_builtins);
    if (root.at_path("import")) {  // optional
        r.get("import.preloaded", p.preloaded_modules);
        r.get("import.dunder_import_finds", p.dunder_import_finds);
        r.get("import.text_encoding_finds", p.text_encoding_finds);
        r.get_optional("import.text_encoding_module", p.text_encoding_module);
        r.get_optional("import.specs_without_initializing", p.specs_without_initializing);
        r.get_optional("import.initializing_lookup_raises", p.initializing_lookup_raises);
        r.get("import.startup_module_locks", p.startup_module_locks);
        r.get("import.unraisable_module_locks", p.unraisable_module_locks);
    }
    if (root.at_path("library")) {  // optional
        Profile::Library& l = p.library.emplace();
        r.get("library.runtime", l.runtime);
        r.get("library.folders", l.folders);
        r.get("library.install", l.install);
        r.get("library.path", l.path);
        r.get("library.absolute_pythonpath", l.absolute_pythonpath);
        r.get_optional("library.script_key_absolute", l.script_key_absolute);
        r.get("library.startup_modules", l.startup_modules);
        r.get("library.builtin_modules", l.builtin_modules);
        r.get_optional("library.builtin_modules_once", l.builtin_modules_once);
        r.get("library.frozen_modules", l.frozen_modules);
        r.get("library.frozen_packages", l.frozen_packages);
        r.get("library.frozen_code_unmarshalled", l.frozen_code_unmarshalled);
        r.get("library.extension_suffixes", l.extension_suffixes);
        r.get("library.cache_tag", l.cache_tag);
        r.get("library.magic_number", l.magic_number);
        r.get("library.lock_objects_tracked", l.lock_objects_tracked);
        r.get_optional("library.counted_imports", l.counted_imports);
    }
    if (std::string traces; (r.get_optional("import.traces", traces), !traces.empty())) {
        std::optional<std::string> text = read_file(dir / traces);
        if (!text) error = "cannot read the import traces " + (dir / traces).string();
        else if (auto indexed = ImportTraces::index(std::move(*text), (dir / traces).string(), error))
            p.import_traces = std::move(*indexed);
    }
    if (std::string file; (r.get_optional("runtime_names", file), !file.empty())) p.runtime_names_file = dir / file;
    if (std::string file; (r.get_optional("call_errors", file), !file.empty())) p.call_errors_file = dir / file;
    if (std::string file; (r.get_optional("unicode_tables", file), !file.empty())) p.unicode_tables_file = dir / file;
    if (std::string file; (r.get_optional("interned_strs", file), !file.empty())) p.interned_strs_file = dir / file;
    if (root.at_path("tracing")) {  // optional
        Profile::Tracing& t = p.tracing;
        r.get("tracing.nursery_size", t.nursery_size);
        r.get("tracing.min_heap_size", t.min_heap_size);
        r.get("tracing.major_collection_threshold", t.major_collection_threshold);
        r.get("tracing.max_delta", t.max_delta);
        r.get("tracing.growth_rate_max", t.growth_rate_max);
        r.get("tracing.increment_step", t.increment_step);
        r.get("tracing.startup_nursery_used", t.startup_nursery_used);
    }
    r.get_optional("builtins.varargs", p.varargs_builtins);
    r.get_optional("builtins.clinic_varargs", p.clinic_varargs_builtins);
    r.get_optional("builtins.keyword_parsers", p.keyword_parser_builtins);
    r.get_optional("builtins.tp_call_types", p.tp_call_types);
    r.get_optional("builtins.class_getitem_types", p.class_getitem_types);
    r.get_optional("builtins.wrapper_copied_attributes", p.wrapper_copied_attributes);
    r.get_optional("builtins.property_subclass_doc_always_set", p.property_subclass_doc_always_set);
    r.get_optional("builtins.variable_size_types", p.variable_size_types);
    r.get_optional("builtins.class_getitem_none_is_absent", p.class_getitem_none_is_absent);
    r.get_optional("builtins.generic_alias_type", p.generic_alias_type);
    r.get_optional("builtins.union_type", p.union_type);
    r.get_optional("builtins.type_names", p.builtin_type_names);
    r.get_optional("builtins.reuse_result_tuples", p.reuse_result_tuples);
    r.get_optional("builtins.dotted_native_type_names", p.dotted_native_type_names);
    r.get_optional("modules.unverified", p.unverified_modules);
    r.get_optional("math.range_error_below", p.math.range_error_below);
    r.get_optional("math.erf_from_libm", p.math.erf_from_libm);
    r.get_optional("math.pow_zero_to_minus_infinity_raises", p.math.pow_zero_to_minus_infinity_raises);
    r.get_optional("math.hypot_scales_by_power_of_two", p.math.hypot_scales_by_power_of_two);
    r.get_optional("math.dist_leaks_tuples_on_mismatch", p.math.dist_leaks_tuples_on_mismatch);
    r.get_optional("math.gcd_varargs", p.math.gcd_varargs);
    r.get_optional("math.factorial_accepts_floats", p.math.factorial_accepts_floats);
    r.get_optional("math.factorial_floats_deprecated", p.math.factorial_floats_deprecated);
    r.get_optional("math.nextafter_steps", p.math.nextafter_steps);
    r.get_optional("math.float_from_index", p.math.float_from_index);
    r.get_optional("random.seeds_in_new", p.random.seeds_in_new);
    r.get_optional("random.zero_bits", p.random.zero_bits);
    r.get_optional("random.seeds_from_argument_tuple", p.random.seeds_from_argument_tuple);
    r.get_optional("random.checks_like_cpython", p.random.checks_like_cpython);
    r.get_optional("itertools.heap_types", p.itertools.heap_types);
    r.get_optional("itertools.pairwise_reuses_result", p.itertools.pairwise_reuses_result);
    r.get_optional("itertools.batched_strict", p.itertools.batched_strict);
    r.get_optional("itertools.count_keeps_int_subclass", p.itertools.count_keeps_int_subclass);
    r.get_optional("functools.heap_types", p.functools.heap_types);
    r.get_optional("functools.key_wrapper_gc", p.functools.key_wrapper_gc);
    // The tables of switches of the native modules: booleans only.
    for (const char* table : {"operator", "collections", "struct", "array", "time", "binascii", "hashlib", "socket"}) {
        r.mark_read(table);
        const toml::table* t = root[table].as_table();
        if (!t) continue;
        for (const auto& [key, value] : *t) {
            std::string path = std::string(table) + "." + std::string(key.str());
            if (auto v = value.value<bool>()) p.module_flags[path] = *v;
            else if (error.empty()) error = "key '" + path + "' must be a boolean";
        }
    }
    r.get_optional("bisect.key", p.bisect.key);
    r.get_optional("bisect.hi_accepts_none", p.bisect.hi_accepts_none);
    r.get_optional("builtins.identity_by_value", p.identity_by_value);
    r.get_optional("builtins.tp_new_wrapper_packs", p.tp_new_wrapper_packs);
    r.get_optional("builtins.type_of_packs", p.type_of_packs);
    r.get_optional("builtins.slot_wrapper_calls_pack", p.slot_wrapper_calls_pack);
    r.get("io.c_open", p.io_c_open);
    r.get("io.warn_unclosed", p.io_warn_unclosed);
    r.get_optional("io.unclosed_warning_unmodeled", p.io_unclosed_warning_unmodeled);
    r.get_optional("io.newline_decoder_tracked", p.io_newline_decoder_tracked);
    r.get_optional("io.dicts_at_creation", p.io_dicts_at_creation);
    r.get_optional("io.min_buffer_size", p.io_min_buffer_size);
    r.get_optional("io.c_method_calls_bind", p.io_c_method_calls_bind);
    r.get_optional("io.file_write_binds", p.io_file_write_binds);
    r.mark_read("errno");
    if (const toml::table* numbers = root.at_path("errno").as_table()) {  // optional
        for (const auto& [name, value] : *numbers) {
            int host = host_errno_named(name.str());
            std::optional<std::int64_t> number = value.value<std::int64_t>();
            if (!host || !number)
                error = "errno." + std::string(name.str()) + ": not an errno the model knows, or not a number";
            else p.errno_numbers[host] = static_cast<int>(*number);
        }
    }
    r.get("exit.collect", p.exit_collect);
    r.get_optional("exit.collect_when_disabled", p.exit_collect_when_disabled);
    r.get_optional("exit.atexit_callback_tuples", p.atexit_callback_tuples);
    r.get("exit.finalize_modules", p.exit_finalize_modules);
    r.get_optional("exit.modules_held_by_embedding", p.modules_held_by_embedding);
    r.get_optional("exit.main_file_removed", p.main_file_removed);
    r.get("exit.flush_files", p.exit_flush_files);
    if (p.exit_flush_files) {
        r.get("exit.flush_list", p.flush_list);
        if (error.empty() && (p.flush_list.empty() || p.flush_list.find_first_not_of("fdgl") != std::string::npos))
            error = "exit.flush_list must be one letter per slot: f (free), d (dead), g (start-up garbage), l (live)";
    }
    if (std::string unread = r.unread_key(root); !unread.empty() && error.empty())
        error = "unknown key '" + unread + "' (the model reads no such knob: misspelled, or left from an older one?)";
    if (!error.empty()) {
        error = file.string() + (chain.size() > 1 ? " or a profile it extends" : "") + ": " + error;
        return std::nullopt;
    }
    if (p.manager != "refcount" && p.manager != "tracing") {
        error = file.string() + ": manager must be \"refcount\" or \"tracing\", not \"" + p.manager + "\"";
        return std::nullopt;
    }
    if (p.manager == "tracing" && p.tracing.nursery_size == 0) {
        error = file.string() + ": the tracing manager needs a [tracing] table with a nursery_size";
        return std::nullopt;
    }
    return p;
}

}  // namespace vm
