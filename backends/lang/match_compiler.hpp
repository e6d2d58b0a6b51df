// The match statement (PEP 634), compiled as CPython 3.11's compile.c
// compiles it (compiler_match and the compiler_pattern_* functions): the
// subject and the values a pattern takes apart stay on the stack while it
// is matched, captured names are stored only once the whole pattern
// matched, and a failure pops what the pattern had pushed so far.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "assembler.hpp"
#include "ast.hpp"

namespace lang {

// What the match compiler needs of the compiler of the unit it is in.
class PatternHost {
  public:
    virtual ~PatternHost() = default;
    virtual void emit(Opcode op, int arg = 0) = 0;
    virtual int new_label() = 0;
    virtual void bind(int label) = 0;
    // SET_LOC: the location of the instructions that follow, until the next.
    virtual void locate(const ast::Span& s) = 0;
    virtual void expr(const ast::Expr& e) = 0;
    virtual void jump_if(const ast::Expr& e, int label, bool cond) = 0;
    virtual void stmts(const ast::StmtList& body) = 0;
    virtual void store_name(const std::string& name) = 0;
    virtual const std::optional<Constant>& fold(const ast::Expr& e) = 0;
    // LOAD_CONST of a constant the compiler makes (a length, an index).
    virtual void load_made_const(Constant c) = 0;
    // A constant the compiler adds that the optimizer's rewrite loads no more.
    virtual void add_unloaded_const(Constant c) = 0;
    // BUILD_TUPLE of the last `items` LOAD_CONSTs, folded by the optimizer.
    virtual void fold_loads_at_assembly(Tuple t) = 0;
    // The SWAP emitted next is one CPython's optimizer may apply statically.
    virtual void note_static_swap() = 0;
    // repr() of a constant, if the compiler can write it as the runtime does.
    virtual std::optional<std::string> repr(const Constant& c) const = 0;
    virtual void unsupported(std::string what, const ast::Span& s) = 0;
    // CompileOptions::class_and_mapping_patterns
    virtual bool class_and_mapping_patterns() const = 0;
    [[noreturn]] virtual void error(std::string message, const ast::Span& s) const = 0;
};

void compile_match(PatternHost& host, const ast::Match& m);

// 3.11's swaptimize and apply_static_swaps for the SWAPs at `swaps` (in
// order): a run of SWAPs becomes the fewest that permute the stack alike,
// and a SWAP whose operands go straight to STORE_FAST or POP_TOP on one line
// is dropped by swapping those instructions instead (which changes the order
// in which the stores release the names' old values).
void apply_static_swaps(std::vector<PendingInstruction>& code, const std::vector<int>& labels,
                        const std::vector<std::size_t>& swaps);

}  // namespace lang
