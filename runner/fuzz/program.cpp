#include "runner/fuzz/program.hpp"

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
void walk(const std::vector<Stmt>& block, const Stmt* parent, const std::function<void(const Stmt&, const Stmt*)>& visit) {
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
    struct Edge {
        StmtId from, to;  // [to] goes when [from] goes
    };
    std::vector<Edge> edges;
    walk(program.stmts, nullptr, [&](const Stmt& s, const Stmt* parent) {
        if (parent) edges.push_back({parent->id, s.id});
        for (StmtId need : s.needs) edges.push_back({need, s.id});
    });
    for (bool changed = true; changed;) {
        changed = false;
        for (const auto& e : edges)
            if (removed[e.from] && !removed[e.to]) removed[e.to] = changed = true;
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
