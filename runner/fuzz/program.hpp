// A generated program as the shrinker sees it: a tree of statements, each
// with the statements it needs to run. Removing a statement removes every
// statement that needs it (a use of a name goes with its binding, `except`
// with its `try`, a call's later uses with the `return` that gave the
// value), so every program the shrinker makes is still valid Python that
// runs without a new NameError. A statement may instead need any one of a
// set (the `x = None` that drops a name at the end goes only when every
// statement binding the name has gone).
#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace memconform::fuzz {

using StmtId = std::uint32_t;

enum class Removal {
    Free,  // the shrinker may remove it
    WithNeeds,  // it goes only with a statement it needs (the end marker, the cleanup before it)
};

struct Stmt {
    StmtId id = 0;
    std::string line;  // without indentation; a compound statement's header ends with ':'
    std::vector<Stmt> body;  // its indented block; rendered `pass` once every statement of it is removed
    std::vector<StmtId> needs;  // all of them
    std::vector<StmtId> needs_any;  // one of them, when not empty
    Removal removal = Removal::Free;
};

// Which statements are removed: removed[id].
using Removed = std::vector<bool>;

struct Program {
    std::uint64_t seed = 0;
    std::vector<Stmt> stmts;  // the module's top level
    StmtId next_id = 0;

    StmtId new_id() { return next_id++; }
    Removed none_removed() const { return Removed(next_id, false); }
};

// The source of [program] without the [removed] statements.
std::string render(const Program& program, const Removed& removed);
std::string render(const Program& program);

// [removed] with everything that cannot stay without it: statements that
// need a removed one (or whose every alternative is removed) and the blocks
// of removed compound statements, transitively.
Removed close_removal(const Program& program, Removed removed);

// The statements the shrinker may remove that are still there, in source
// order (a compound statement before its block).
std::vector<StmtId> removable(const Program& program, const Removed& removed);

// How many statements are still there.
std::size_t statement_count(const Program& program, const Removed& removed);

}  // namespace memconform::fuzz
