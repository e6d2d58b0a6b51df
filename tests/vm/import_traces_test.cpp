// The import traces' parse (backends/vm/profile.cpp, ImportTraces) against
// the parse it replaced (change 23, docs/performance.md), kept here as the
// reference: for every module of every shipped trace file, the events are
// the same, every field of every event and of its garbage objects.
#include <catch2/catch.hpp>

#include <cctype>
#include <charconv>
#include <filesystem>
#include <fstream>
#include <optional>
#include <sstream>
#include <string>
#include <tuple>
#include <vector>

#include "vm/profile.hpp"

namespace {

using vm::Container;
using vm::GarbageObject;
using vm::RuntimeEvent;

// Every field, by a structured binding: a field added to either struct
// stops this compiling until it is compared too.
auto fields(const GarbageObject& g) {
    const auto& [kind, size, tracked, untrackable, holder, held_outside] = g;
    return std::tie(kind, size, tracked, untrackable, holder, held_outside);
}

bool same(const GarbageObject& a, const GarbageObject& b) { return fields(a) == fields(b); }

bool same(const RuntimeEvent& a, const RuntimeEvent& b) {
    const auto& [op, kind, size, repeat, module, garbage, piece] = a;
    const auto& [op2, kind2, size2, repeat2, module2, garbage2, piece2] = b;
    return std::tie(op, kind, size, repeat, module, piece) == std::tie(op2, kind2, size2, repeat2, module2, piece2) &&
           std::equal(garbage.begin(), garbage.end(), garbage2.begin(), garbage2.end(),
                      [](const GarbageObject& x, const GarbageObject& y) { return same(x, y); });
}

namespace reference {

// The token parse as it was before change 23 (one std::optional event a
// token, std::islower, std::from_chars, a chain of starts_with).
// A number of at least 1, the whole of `digits`.
bool positive_number(std::string_view digits, int& out) {
    auto [end, ec] = std::from_chars(digits.data(), digits.data() + digits.size(), out);
    return ec == std::errc() && end == digits.data() + digits.size() && out > 0;
}

bool non_negative_number(std::string_view digits, int& out) {
    auto [end, ec] = std::from_chars(digits.data(), digits.data() + digits.size(), out);
    return ec == std::errc() && !digits.empty() && end == digits.data() + digits.size() && out >= 0;
}

// A container of a trace, allocated (d l tN m c o) or freed (D L TN M C O),
// with an optional *K: its kind, size and repeat in `e`; the case tells which.
bool container_token(std::string_view token, RuntimeEvent& e, bool& allocated) {
    if (auto star = token.find('*'); star != std::string_view::npos) {
        if (!positive_number(token.substr(star + 1), e.repeat)) return false;
        token = token.substr(0, star);
    }
    if (token.empty()) return false;
    char c = token[0];
    allocated = std::islower(static_cast<unsigned char>(c));
    switch (std::tolower(static_cast<unsigned char>(c))) {
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

// One token of a trace: d l tN m c o D L TN M C O f F, each with an optional *K;
// !X,Y,...; &K:X,Y,..., !&K and -&K; [module and ] around a nested import; { and } around
// unmarshalling; ^ an eval breaker check.
std::optional<RuntimeEvent> trace_event(std::string_view token) {
    using Op = RuntimeEvent::Op;
    RuntimeEvent e;
    if (token.size() > 1 && token[0] == '[') {
        e.op = Op::BeginImport;
        e.module = std::string(token.substr(1));
        return e;
    }
    if (token == "^") {
        e.op = Op::Check;
        return e;
    }
    if (token == "]" || token == "{" || token == "}") {
        e.op = token == "]" ? Op::EndImport : token == "{" ? Op::BeginNoChecks : Op::EndNoChecks;
        return e;
    }
    if (token.size() > 2 && token.starts_with("d@")) {
        e.op = Op::SubclassesDict;
        e.kind = Container::Dict;
        e.module = std::string(token.substr(2));
        return e;
    }
    if (token == "f" || token.starts_with("f*") || token.starts_with("f@")) {
        // f@CODE: the frame of CODE's first call (CODE: FILE:LINE:NAME);
        // f: a frame allocated whenever the trace runs.
        e.op = Op::CodeFrame;
        e.kind = Container::Frame;
        std::string_view rest = token.substr(1);
        if (rest.starts_with('@')) {
            std::size_t star = rest.find('*');
            e.module = std::string(rest.substr(1, star == std::string_view::npos ? std::string_view::npos : star - 1));
            if (e.module.empty()) return std::nullopt;
            rest = star == std::string_view::npos ? std::string_view() : rest.substr(star);
        }
        return rest.empty() || (rest[0] == '*' && positive_number(rest.substr(1), e.repeat)) ? std::optional(e)
                                                                                             : std::nullopt;
    }
    if (token.starts_with("!&")) {
        e.op = Op::Garbage;
        return non_negative_number(token.substr(2), e.piece) ? std::optional(e) : std::nullopt;
    }
    if (token.starts_with('!')) {
        e.op = Op::Garbage;
        return garbage_token(token.substr(1), e) ? std::optional(e) : std::nullopt;
    }
    if (token.starts_with("-&")) {
        e.op = Op::ReleaseHeld;
        return non_negative_number(token.substr(2), e.piece) ? std::optional(e) : std::nullopt;
    }
    if (token.starts_with('&')) {
        // &K:X,Y,...: objects of piece K of garbage, allocated here.
        e.op = Op::GarbageAllocated;
        std::size_t colon = token.find(':');
        return colon != std::string_view::npos && non_negative_number(token.substr(1, colon - 1), e.piece) &&
                       garbage_token(token.substr(colon + 1), e, true)
                   ? std::optional(e)
                   : std::nullopt;
    }
    bool allocated = false;
    if (!container_token(token, e, allocated)) return std::nullopt;
    e.op = allocated ? Op::Allocate : Op::Free;
    return e;
}

// Each module's events, read the plain way: a line `import MODULE`, then
// its lines' whitespace-separated tokens (comments and blank lines aside).
std::vector<std::pair<std::string, std::vector<RuntimeEvent>>> parse_file(const std::string& text) {
    std::vector<std::pair<std::string, std::vector<RuntimeEvent>>> modules;
    std::istringstream lines(text);
    for (std::string line; std::getline(lines, line);) {
        if (line.starts_with("import ")) {
            modules.emplace_back(line.substr(7), std::vector<RuntimeEvent>{});
            continue;
        }
        if (line.empty() || line[0] == '#') continue;
        REQUIRE(!modules.empty());
        std::istringstream tokens(line);
        for (std::string token; tokens >> token;) {
            std::optional<RuntimeEvent> e = trace_event(token);
            INFO(token);
            REQUIRE(e);
            modules.back().second.push_back(std::move(*e));
        }
    }
    return modules;
}

}  // namespace reference

std::string read_text(const std::filesystem::path& path) {
    std::ifstream in(path, std::ios::binary);
    std::ostringstream text;
    text << in.rdbuf();
    return std::move(text).str();
}

}  // namespace

TEST_CASE("import traces: every shipped module's events are the reference parse's", "[profile][imports]") {
    int files = 0, modules = 0;
    std::size_t events = 0;
    for (const auto& entry : std::filesystem::directory_iterator(PROFILES_DIR)) {
        if (entry.path().extension() != ".imports") continue;
        ++files;
        std::string text = read_text(entry.path());
        std::string error;
        auto traces = vm::ImportTraces::index(text, entry.path().string(), error);
        REQUIRE(traces);
        auto expected = reference::parse_file(text);
        CHECK(traces->size() == expected.size());
        for (const auto& [module, want] : expected) {
            INFO(entry.path().filename().string() << ": import " << module);
            const std::vector<RuntimeEvent>* got = traces->find(module);
            REQUIRE(got);
            REQUIRE(got->size() == want.size());
            for (std::size_t i = 0; i < want.size(); ++i) {
                INFO("event " << i);
                CHECK(same((*got)[i], want[i]));
            }
            ++modules;
            events += want.size();
        }
    }
    CHECK(files >= 6);
    CHECK(modules >= 6 * 7);
    CHECK(events > 100000);
}

TEST_CASE("import traces: the comparison sees a change to any field", "[profile][imports]") {
    RuntimeEvent e;
    e.op = RuntimeEvent::Op::GarbageAllocated;
    e.garbage = {GarbageObject{Container::Tuple, 2, true, false, 1}};
    e.piece = 0;
    REQUIRE(same(e, e));
    std::vector<void (*)(RuntimeEvent&)> changes = {
        [](RuntimeEvent& x) { x.op = RuntimeEvent::Op::Garbage; },
        [](RuntimeEvent& x) { x.kind = Container::Dict; },
        [](RuntimeEvent& x) { x.size = 3; },
        [](RuntimeEvent& x) { x.repeat = 2; },
        [](RuntimeEvent& x) { x.module.push_back('m'); },
        [](RuntimeEvent& x) { x.piece = 1; },
        [](RuntimeEvent& x) { x.garbage.push_back(x.garbage.back()); },
        [](RuntimeEvent& x) { x.garbage[0].kind = Container::List; },
        [](RuntimeEvent& x) { x.garbage[0].size = 3; },
        [](RuntimeEvent& x) { x.garbage[0].tracked = false; },
        [](RuntimeEvent& x) { x.garbage[0].untrackable = true; },
        [](RuntimeEvent& x) { x.garbage[0].holder = -1; },
        [](RuntimeEvent& x) { x.garbage[0].held_outside = true; },
    };
    for (std::size_t i = 0; i < changes.size(); ++i) {
        INFO("change " << i);
        RuntimeEvent changed = e;
        changes[i](changed);
        CHECK_FALSE(same(e, changed));
    }
}
