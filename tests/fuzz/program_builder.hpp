// Hand-built programs for the tests of the program model and the shrinker.
#pragma once

#include "runner/fuzz/program.hpp"

#include <string>
#include <vector>

namespace memconform::fuzz::testing {

// Appends statements to a program or to a statement's block.
class Builder {
  public:
    explicit Builder(Program& program) : program_(program) {}

    StmtId add(std::vector<Stmt>& block, std::string line, std::vector<StmtId> needs = {},
               Removal removal = Removal::Free) {
        Stmt s;
        s.id = program_.new_id();
        s.line = std::move(line);
        s.needs = std::move(needs);
        s.removal = removal;
        block.push_back(std::move(s));
        return block.back().id;
    }
    StmtId add(std::string line, std::vector<StmtId> needs = {}, Removal removal = Removal::Free) {
        return add(program_.stmts, std::move(line), std::move(needs), removal);
    }
    // The block of the top-level statement added last.
    std::vector<Stmt>& last_block() { return program_.stmts.back().body; }

  private:
    Program& program_;
};

}  // namespace memconform::fuzz::testing
