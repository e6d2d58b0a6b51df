#include "runner/fuzz/classify.hpp"

#include "runner/compare.hpp"
#include "runner/diff.hpp"
#include "runner/fuzz/generator.hpp"
#include "runner/text.hpp"

#include <algorithm>
#include <set>

namespace memconform::fuzz {

namespace {

constexpr DisagreementKind kKinds[] = {
    {"front-end", "the front end rejects a program of the subset, or finds a syntax error Python does not"},
    {"vm-unsupported", "the VM stops at something it does not model (exit status 3 while running)"},
    {"crash", "the model crashed, hung or flooded its output"},
    {"vm", "VM semantics or a builtin: a value, a check or an uncaught exception differs"},
    {"exception", "a caught or kept exception, or one reported as ignored in a finalizer or callback"},
    {"dealloc-order", "the same lines in another order: what is freed first"},
    {"pypy-ordering", "the same lines in another order on a PyPy model: finalizer and callback order"},
    {"finalizer", "a __del__ runs, or does not, at another point"},
    {"weakref", "a weakref, proxy, finalize or weak container: a check or a callback"},
    {"file", "what a file holds on disk"},
    {"generator", "a generator's values or its finally block"},
    {"collector", "what gc.collect() returns or gc.isenabled() says"},
    {"shutdown", "what happens after the program's last line: atexit, finalizers at exit, exit status"},
};

// The kind the first word of a generated program's line points to.
std::string_view kind_of_line(std::string_view line) {
    static const std::pair<std::string_view, std::string_view> kWords[] = {
        {"del", "finalizer"},   {"callback", "weakref"},    {"finalize", "weakref"},  {"alive", "weakref"},
        {"proxy", "weakref"},   {"finalizer", "weakref"},   {"weak", "weakref"},      {"file", "file"},
        {"next", "generator"},  {"rest", "generator"},      {"finally", "generator"}, {"caught", "exception"},
        {"kept", "exception"},  {"Exception", "exception"}, {"collect", "collector"}, {"enabled", "collector"},
        {"atexit", "shutdown"},
    };
    auto word = line.substr(0, line.find(' '));
    for (const auto& [w, kind] : kWords)
        if (w == word) return kind;
    return "vm";
}

// The model's complaint that it does not support something, if any.
std::string_view unsupported_line(const std::vector<std::string>& lines) {
    for (const auto& line : lines)
        if (line.starts_with("pymodel: unsupported: ")) return line;
    return {};
}

bool has_syntax_error(const std::vector<std::string>& lines) {
    return std::any_of(lines.begin(), lines.end(), [](const std::string& line) {
        return line.starts_with("SyntaxError:") || line.starts_with("IndentationError:");
    });
}

// True when both outcomes reach the end marker with the same lines.
bool same_until_end(const std::vector<std::string>& a, const std::vector<std::string>& b) {
    auto end_a = std::find(a.begin(), a.end(), kEndMarker);
    auto end_b = std::find(b.begin(), b.end(), kEndMarker);
    if (end_a == a.end() || end_b == b.end()) return false;
    return std::equal(a.begin(), end_a + 1, b.begin(), end_b + 1);
}

}  // namespace

std::span<const DisagreementKind> disagreement_kinds() { return kKinds; }

std::string classify(const Outcomes& o) {
    auto ending = o.model_raw.ending;
    if (ending != Ending::Exited) return "crash";
    auto model = split_lines(o.model), real = split_lines(o.real);
    if (auto line = unsupported_line(model); !line.empty()) {
        auto where = line.substr(line.rfind(" at ") + 4);
        return std::count(where.begin(), where.end(), ':') == 2 ? "front-end" : "vm-unsupported";
    }
    if (has_syntax_error(model) && !has_syntax_error(real)) return "front-end";
    if (same_until_end(model, real)) return "shutdown";
    auto sorted_model = model, sorted_real = real;
    std::sort(sorted_model.begin(), sorted_model.end());
    std::sort(sorted_real.begin(), sorted_real.end());
    if (sorted_model == sorted_real) return profile_family(o.profile) == "pypy" ? "pypy-ordering" : "dealloc-order";
    for (const auto& row : side_by_side(o.real, o.model)) {
        if (row.kind == DiffRow::Kind::Same) continue;
        auto kind = kind_of_line(row.left);
        if (kind == "vm" || row.left.empty()) kind = kind_of_line(row.right);
        return std::string(kind);
    }
    return "vm";
}

std::vector<std::string> exception_names(std::string_view outcome) {
    std::set<std::string> names;
    auto lines = split_lines(outcome);
    for (std::size_t i = 0; i + 1 < lines.size(); ++i)
        if (lines[i] == "Traceback (most recent call last):")
            names.insert(lines[i + 1].substr(0, lines[i + 1].find(':')));
    return {names.begin(), names.end()};
}

}  // namespace memconform::fuzz
