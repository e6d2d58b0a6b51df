#include "runner/fuzz/program.hpp"

#include <algorithm>
#include <functional>

namespace memconform::fuzz {

namespace {

constexpr std::string_view kIndent = "    ";

void render_block(const std::vector<Stmt>& block, const Removed& removed, int depth, std::string& out) {
    bool any = false;
    for (const auto& s : block) {
        if (removed[s.id]) continue;
        any = true;
        for (int i = 0; i < depth; ++i) out += kIndent;
        out += s.line + "\n";
        if (s.line.ends_with(':')) render_block(s.body, removed, depth + 1, out);
    }
    if (any || depth == 0) return;
    for (int i = 0; i < depth; ++i) out += kIndent;
    out += "pass\n";
}

// Calls [visit](stmt, parent or nullptr) for every statement, in source order.
void walk(const std::vector<Stmt>& block, const Stmt* parent,
          const std::function<void(const Stmt&, const Stmt*)>& visit) {
    for (const auto& s : block) {
        visit(s, parent);
        walk(s.body, &s, visit);
    }
}

}  // namespace

std::string render(const Program& program, const Removed& removed) {
    std::string out;
    render_block(program.stmts, removed, 0, out);
    return out;
}

std::string render(const Program& program) { return render(program, program.none_removed()); }

Removed close_removal(const Program& program, Removed removed) {
    std::vector<std::pair<const Stmt*, const Stmt*>> stmts;  // (statement, its compound statement or null)
    walk(program.stmts, nullptr, [&](const Stmt& s, const Stmt* parent) { stmts.emplace_back(&s, parent); });
    auto gone = [&](StmtId id) { return static_cast<bool>(removed[id]); };
    for (bool changed = true; changed;) {
        changed = false;
        for (const auto& [s, parent] : stmts) {
            if (removed[s->id]) continue;
            if ((parent && removed[parent->id]) || std::any_of(s->needs.begin(), s->needs.end(), gone) ||
                (!s->needs_any.empty() && std::all_of(s->needs_any.begin(), s->needs_any.end(), gone)))
                removed[s->id] = changed = true;
        }
    }
    return removed;
}

std::vector<StmtId> removable(const Program& program, const Removed& removed) {
    std::vector<StmtId> ids;
    walk(program.stmts, nullptr, [&](const Stmt& s, const Stmt*) {
        if (!removed[s.id] && s.removal == Removal::Free) ids.push_back(s.id);
    });
    return ids;
}

std::size_t statement_count(const Program& program, const Removed& removed) {
    std::size_t n = 0;
    walk(program.stmts, nullptr, [&](const Stmt& s, const Stmt*) { n += !removed[s.id]; });
    return n;
}

}  // namespace memconform::fuzz
