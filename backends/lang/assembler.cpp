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

// Step 1: the stack depth before each instruction (-1: unreachable), the
// handler stack active there, and the greatest depth.
struct Flow {
    std::vector<int> depth, handler_node;
    HandlerStack stacks;
    int stacksize = 0;
};
Flow flow(const std::vector<PendingInstruction>& code, const std::vector<int>& labels) {
    const int n = static_cast<int>(code.size());
    Flow f{std::vector<int>(n + 1, -1), std::vector<int>(n + 1, -1), {}, 0};
    std::vector<FlowState> work{{0, 0, -1}};
    while (!work.empty()) {
        auto [i, d, h] = work.back();
        work.pop_back();
        for (; i < n; ++i) {
            if (d < 0) throw std::logic_error("assembler: stack underflow");
            if (f.depth[i] >= 0) {
                if (f.depth[i] != d) throw std::logic_error("assembler: inconsistent stack depth");
                break;
            }
            f.depth[i] = d;
            f.handler_node[i] = h;
            const PendingInstruction& ins = code[i];
            if (opcode_arg_kind(ins.op) == ArgKind::JUMP)
                work.push_back({labels[ins.arg], d + stack_effect(ins.op, ins.arg, true), h});
            if (is_setup(ins.op)) h = f.stacks.push(h, i);
            else if (ins.op == Opcode::POP_BLOCK) h = h < 0 ? h : f.stacks.nodes[h].parent;
            d += stack_effect(ins.op, ins.arg, false);
            f.stacksize = std::max(f.stacksize, d);
            if (never_falls_through(ins.op)) break;
        }
    }
    for (int d : f.depth) f.stacksize = std::max(f.stacksize, d);
    return f;
}

}  // namespace

std::vector<bool> reachable(const std::vector<PendingInstruction>& code, const std::vector<int>& labels) {
    std::vector<int> depth = flow(code, labels).depth;
    std::vector<bool> out(code.size());
    for (std::size_t i = 0; i < code.size(); ++i) out[i] = depth[i] >= 0;
    return out;
}

Assembly assemble(const std::vector<PendingInstruction>& code, const std::vector<int>& labels) {
    const int n = static_cast<int>(code.size());
    Flow f = flow(code, labels);
    const std::vector<int>& depth = f.depth;
    const std::vector<int>& handler_node = f.handler_node;
    const HandlerStack& stacks = f.stacks;
    Assembly out;
    out.stacksize = f.stacksize;

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
