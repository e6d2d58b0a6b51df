// Assembly in three steps:
//  1. walk every path from the entry (and from each exception handler),
//     recording the stack depth and the active handler before each
//     instruction -- the handler stack is pushed by SETUP_* and popped by
//     POP_BLOCK along each path, as CPython's label_exception_targets;
//  2. drop pseudo and unreachable instructions and resolve labels;
//  3. merge runs of instructions with the same handler into exception
//     table entries.
#include "assembler.hpp"

#include <algorithm>
#include <stdexcept>

namespace lang {

namespace {

bool is_setup(Opcode op) {
    return op == Opcode::SETUP_FINALLY || op == Opcode::SETUP_CLEANUP || op == Opcode::SETUP_WITH;
}

// Handler stacks are shared persistent lists: node i is (handler, parent).
struct HandlerStack {
    struct Node {
        int setup;  // index of the SETUP_* instruction
        int parent;
    };
    std::vector<Node> nodes;
    int push(int parent, int setup) {
        nodes.push_back({setup, parent});
        return static_cast<int>(nodes.size()) - 1;
    }
};

struct FlowState {
    int index, depth, handlers;
};

}  // namespace

Assembly assemble(const std::vector<PendingInstruction>& code, const std::vector<int>& labels) {
    const int n = static_cast<int>(code.size());
    std::vector<int> depth(n + 1, -1), handler_node(n + 1, -1);
    HandlerStack stacks;
    Assembly out;

    // 1. flow
    std::vector<FlowState> work{{0, 0, -1}};
    while (!work.empty()) {
        auto [i, d, h] = work.back();
        work.pop_back();
        for (; i < n; ++i) {
            if (d < 0) throw std::logic_error("assembler: stack underflow");
            if (depth[i] >= 0) {
                if (depth[i] != d) throw std::logic_error("assembler: inconsistent stack depth");
                break;
            }
            depth[i] = d;
            handler_node[i] = h;
            const PendingInstruction& ins = code[i];
            if (opcode_arg_kind(ins.op) == ArgKind::JUMP)
                work.push_back({labels[ins.arg], d + stack_effect(ins.op, ins.arg, true), h});
            if (is_setup(ins.op)) h = stacks.push(h, i);
            else if (ins.op == Opcode::POP_BLOCK) h = h < 0 ? h : stacks.nodes[h].parent;
            d += stack_effect(ins.op, ins.arg, false);
            out.stacksize = std::max(out.stacksize, d);
            if (never_falls_through(ins.op)) break;
        }
    }
    for (int d : depth) out.stacksize = std::max(out.stacksize, d);

    // 2. final instructions; new_index[i] is the index of the first kept
    // instruction at or after i
    std::vector<int> new_index(n + 1);
    int kept = 0;
    for (int i = 0; i < n; ++i) {
        new_index[i] = kept;
        if (depth[i] >= 0 && !is_pseudo(code[i].op)) ++kept;
    }
    new_index[n] = kept;
    std::vector<int> handler_of;  // per kept instruction: index of its SETUP_*, or -1
    for (int i = 0; i < n; ++i) {
        const PendingInstruction& ins = code[i];
        if (depth[i] >= 0 && ins.op == Opcode::NOP_LINE) out.nop_lines.push_back({new_index[i], ins.position.line});
        if (depth[i] < 0 || is_pseudo(ins.op)) continue;
        int arg = opcode_arg_kind(ins.op) == ArgKind::JUMP ? new_index[labels[ins.arg]] : ins.arg;
        out.instructions.push_back({ins.op, arg});
        out.positions.push_back(ins.position);
        handler_of.push_back(handler_node[i] < 0 ? -1 : stacks.nodes[handler_node[i]].setup);
    }

    // 3. exception table
    for (int i = 0; i < kept;) {
        int setup = handler_of[i], start = i;
        while (i < kept && handler_of[i] == setup) ++i;
        if (setup < 0) continue;
        const PendingInstruction& ins = code[setup];
        int target = labels[ins.arg];
        bool lasti = ins.op != Opcode::SETUP_FINALLY;
        out.exception_table.push_back({start, i, new_index[target], depth[target] - 1 - (lasti ? 1 : 0), lasti});
    }
    return out;
}

}  // namespace lang
