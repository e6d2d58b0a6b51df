// The assembler: the compiler's instruction list (jumps to labels,
// SETUP_*/POP_BLOCK pseudo instructions) to the final instructions, the
// exception table and the stack size, as CPython 3.11's assemble() does.
#pragma once

#include <vector>

#include "code.hpp"

namespace lang {

// An instruction as the compiler emits it: a JUMP-kind argument is a label.
struct PendingInstruction {
    Opcode op;
    int arg;
    Position position;
};

struct Assembly {
    std::vector<Instruction> instructions;
    std::vector<Position> positions;
    std::vector<ExceptionEntry> exception_table;
    std::vector<NopLine> nop_lines;  // the NOP_LINEs dropped, each before the instruction that followed it
    int stacksize = 0;
};

// `labels[id]` is the index in `code` where label `id` was placed.
// Unreachable instructions are dropped. Throws std::logic_error if the
// stack depths do not add up (a compiler bug).
Assembly assemble(const std::vector<PendingInstruction>& code, const std::vector<int>& labels);
// Which instructions a path from the entry (or a handler) reaches: those
// assemble() keeps.
std::vector<bool> reachable(const std::vector<PendingInstruction>& code, const std::vector<int>& labels);

}  // namespace lang
