// The borrowed loads of CPython 3.14 (borrow.hpp).
#include "borrow.hpp"

#include <utility>
#include <vector>

namespace lang {

namespace {

constexpr int kDummy = -1;  // a value already on the stack when the block starts
constexpr int kNotLocal = -1;  // a value no LOAD_FAST pushed

// Why a load must stay strong (optimize_load_fast's LoadFastInstrFlag).
enum : unsigned char { kSupportKilled = 1, kStoredAsLocal = 2, kRefUnconsumed = 4 };

// A value on the abstract stack: the instruction that pushed it and the
// local it was loaded from.
struct AbstractRef {
    int instr = kDummy;
    int local = kNotLocal;
    // A local's own reference, or a copy of one: a strong LOAD_FAST (or
    // LOAD_FAST_CHECK) duplicates the local's, LOAD_FAST_AND_CLEAR moves it.
    bool duplicate = false;
};

bool is_jump(Opcode op) { return opcode_arg_kind(op) == ArgKind::JUMP; }

bool is_unconditional_jump(Opcode op) {
    return op == Opcode::JUMP_FORWARD || op == Opcode::JUMP_BACKWARD || op == Opcode::JUMP_BACKWARD_NO_INTERRUPT;
}

bool exits_scope(Opcode op) {
    return op == Opcode::RETURN_VALUE || op == Opcode::RAISE_VARARGS || op == Opcode::RERAISE;
}

// flowgraph.c's MAX_COPY_SIZE: an exit block this small is copied to the
// end of a block that jumps to it.
constexpr int kMaxCopySize = 4;

// How many values `op` takes from the stack when it falls through; it
// pushes that many plus its stack effect.
int inputs(Opcode op, int arg) {
    switch (op) {
    case Opcode::POP_TOP:
    case Opcode::IMPORT_STAR:
    case Opcode::RETURN_VALUE:
    case Opcode::YIELD_VALUE:
    case Opcode::GET_YIELD_FROM_ITER:
    case Opcode::GET_ITER:
    case Opcode::FOR_ITER:
    case Opcode::STORE_NAME:
    case Opcode::STORE_GLOBAL:
    case Opcode::STORE_FAST:
    case Opcode::STORE_CELL_MAYBE_NULL:
    case Opcode::STORE_DEREF:
    case Opcode::LOAD_ATTR:
    case Opcode::DELETE_ATTR:
    case Opcode::LOAD_METHOD:
    case Opcode::UNARY_POSITIVE:
    case Opcode::UNARY_NEGATIVE:
    case Opcode::UNARY_NOT:
    case Opcode::UNARY_INVERT:
    case Opcode::LIST_TO_TUPLE:
    case Opcode::UNPACK_SEQUENCE:
    case Opcode::UNPACK_EX:
    case Opcode::POP_JUMP_IF_FALSE:
    case Opcode::POP_JUMP_IF_TRUE:
    case Opcode::JUMP_IF_FALSE_OR_POP:
    case Opcode::JUMP_IF_TRUE_OR_POP:
    case Opcode::IMPORT_FROM:
    case Opcode::PUSH_EXC_INFO:
    case Opcode::POP_EXCEPT:
    case Opcode::RERAISE:
    case Opcode::BEFORE_WITH:
    case Opcode::BEFORE_ASYNC_WITH:
    case Opcode::GET_AWAITABLE:
    case Opcode::GET_AITER:
    case Opcode::GET_ANEXT:
    case Opcode::LIST_APPEND:
    case Opcode::SET_ADD:
    case Opcode::DICT_UPDATE:
    case Opcode::LIST_EXTEND:
    case Opcode::SET_UPDATE:
    case Opcode::DICT_MERGE: return 1;
    case Opcode::SEND:
    case Opcode::END_ASYNC_FOR:
    case Opcode::STORE_ATTR:
    case Opcode::BINARY_OP:
    case Opcode::COMPARE_OP:
    case Opcode::IS_OP:
    case Opcode::CONTAINS_OP:
    case Opcode::BINARY_SUBSCR:
    case Opcode::DELETE_SUBSCR:
    case Opcode::IMPORT_NAME:
    case Opcode::CHECK_EXC_MATCH:
    case Opcode::MAP_ADD: return 2;
    case Opcode::STORE_SUBSCR: return 3;
    case Opcode::FORMAT_VALUE: return (arg & kFormatWithSpec) ? 2 : 1;
    case Opcode::WITH_EXCEPT_START: return 4;
    case Opcode::CALL: return arg + 2;
    case Opcode::CALL_FUNCTION_EX: return 3 + (arg & 1);
    case Opcode::MAKE_FUNCTION: return 1 + __builtin_popcount(static_cast<unsigned>(arg));
    case Opcode::BUILD_SLICE:
    case Opcode::BUILD_TUPLE:
    case Opcode::BUILD_LIST:
    case Opcode::BUILD_SET:
    case Opcode::BUILD_CONST_SET:
    case Opcode::BUILD_STRING:
    case Opcode::RAISE_VARARGS: return arg;
    case Opcode::BUILD_MAP: return 2 * arg;
    case Opcode::BUILD_CONST_KEY_MAP: return arg + 1;
    default: return 0;  // loads, deletes of names, jumps, NOP, RESUME, PRECALL, KW_NAMES, ...
    }
}

// The blocks (by their first instruction) a dataflow visits again, each
// queued once at a time.
class Worklist {
  public:
    explicit Worklist(int n) : queued_(n, false) {}
    void add(int start) {
        if (queued_[start]) return;
        queued_[start] = true;
        starts_.push_back(start);
    }
    bool empty() const { return starts_.empty(); }
    int take() {
        int start = starts_.back();
        starts_.pop_back();
        queued_[start] = false;
        return start;
    }

  private:
    std::vector<bool> queued_;
    std::vector<int> starts_;
};

// The LOAD_FASTs CPython 3.12+ makes LOAD_FAST_CHECK
// (add_checks_for_loads_of_uninitialized_variables): those of a local that
// may be unbound there, because no parameter or store binds it on some path,
// or a DELETE_FAST, a LOAD_FAST_AND_CLEAR or a comprehension's restore
// (STORE_FAST_MAYBE_NULL) left it unbound. After such a load the local is
// bound. Locals past the first 64 are known bound only after a load or store
// in the same block.
std::vector<bool> checked_loads(const Code& code, const std::vector<bool>& leader) {
    const int n = static_cast<int>(code.instructions.size());
    const int nlocals = static_cast<int>(code.varnames.size());
    std::vector<bool> checked(n, false);
    if (nlocals == 0) return checked;
    int nparams = code.argcount + code.kwonlyargcount;
    nparams += (code.flags & CO_VARARGS) != 0;
    nparams += (code.flags & CO_VARKEYWORDS) != 0;

    // Locals 64 and up (fast_scan_many_locals): bound from a store or load
    // in the block to the next unbinding.
    std::vector<int> bound_in_block(nlocals > 64 ? nlocals - 64 : 0, -1);
    for (int i = 0, block = 0; i < n; ++i) {
        if (leader[i]) ++block;
        const Instruction& ins = code.instructions[i];
        if (ins.arg < 64 || opcode_arg_kind(ins.op) != ArgKind::LOCAL) continue;
        int& bound = bound_in_block[ins.arg - 64];
        switch (ins.op) {
        case Opcode::DELETE_FAST:
        case Opcode::LOAD_FAST_AND_CLEAR:
        case Opcode::STORE_FAST_MAYBE_NULL: bound = -1; break;
        case Opcode::STORE_FAST: bound = block; break;
        case Opcode::LOAD_FAST:
            checked[i] = bound != block;
            bound = block;
            break;
        default: break;
        }
    }

    // The first 64: bit k of a block's mask is set when local k may be
    // unbound where the block starts; a mask grows until nothing changes.
    std::vector<std::uint64_t> unsafe_at(n, 0);
    Worklist work(n);
    auto reach = [&](int target, std::uint64_t unsafe) {
        if (target >= n || (unsafe_at[target] | unsafe) == unsafe_at[target]) return;
        unsafe_at[target] |= unsafe;
        work.add(target);
    };
    auto scan = [&](int start) {
        std::uint64_t unsafe = unsafe_at[start];
        int i = start;
        for (; i < n && (i == start || !leader[i]); ++i) {
            if (const ExceptionEntry* e = handler_of(code, i)) reach(e->target, unsafe);
            const Instruction& ins = code.instructions[i];
            if (ins.arg >= 64 || opcode_arg_kind(ins.op) != ArgKind::LOCAL) continue;
            std::uint64_t bit = std::uint64_t(1) << ins.arg;
            switch (ins.op) {
            case Opcode::DELETE_FAST:
            case Opcode::LOAD_FAST_AND_CLEAR:
            case Opcode::STORE_FAST_MAYBE_NULL: unsafe |= bit; break;
            case Opcode::STORE_FAST: unsafe &= ~bit; break;
            case Opcode::LOAD_FAST:
                checked[i] = checked[i] || (unsafe & bit) != 0;
                unsafe &= ~bit;
                break;
            default: break;
            }
        }
        const Instruction& last = code.instructions[i - 1];
        if (is_jump(last.op)) reach(last.arg, unsafe);
        if (!never_falls_through(last.op)) reach(i, unsafe);
    };
    std::uint64_t unbound_at_entry = 0;
    for (int k = nparams; k < nlocals && k < 64; ++k) unbound_at_entry |= std::uint64_t(1) << k;
    reach(0, unbound_at_entry);
    // Every block once, for the unbindings it makes itself; then the blocks
    // whose masks grew.
    for (int i = 0; i < n; ++i)
        if (leader[i]) scan(i);
    while (!work.empty()) scan(work.take());
    return checked;
}

struct BlockAnalysis {
    const Code& code;
    const std::vector<bool>& checked;  // per instruction: a LOAD_FAST CPython checks
    std::vector<AbstractRef> stack;
    std::vector<unsigned char>& flags;  // per instruction of the code

    void push(int instr, int local) { stack.push_back({instr, local}); }
    AbstractRef pop() {
        AbstractRef r = stack.back();
        stack.pop_back();
        return r;
    }
    void kill_local(int local) {
        for (const AbstractRef& r : stack)
            if (r.local == local) flags[r.instr] |= kSupportKilled;
    }

    // One instruction on the abstract stack, as optimize_load_fast treats
    // its 3.14 counterpart.
    void step(int i) {
        const Instruction& ins = code.instructions[i];
        switch (ins.op) {
        case Opcode::LOAD_FAST:
            push(i, checked[i] ? kNotLocal : ins.arg);
            stack.back().duplicate = true;
            break;
        case Opcode::STORE_FAST: {
            AbstractRef r = pop();
            kill_local(ins.arg);
            if (r.instr != kDummy) flags[r.instr] |= kStoredAsLocal;
            break;
        }
        case Opcode::DELETE_FAST: kill_local(ins.arg); break;
        case Opcode::LOAD_FAST_AND_CLEAR:
            kill_local(ins.arg);
            push(i, ins.arg);
            stack.back().duplicate = true;
            break;
        case Opcode::STORE_FAST_MAYBE_NULL:
            pop();
            kill_local(ins.arg);
            break;
        case Opcode::COPY: stack.push_back(stack[stack.size() - ins.arg]); break;
        case Opcode::SWAP: std::swap(stack.back(), stack[stack.size() - ins.arg]); break;
        // Values they push that are not new: their inputs stay.
        case Opcode::IMPORT_FROM:
        case Opcode::WITH_EXCEPT_START: push(i, kNotLocal); break;
        case Opcode::LIST_APPEND:
        case Opcode::SET_ADD:
        case Opcode::MAP_ADD:
        case Opcode::DICT_UPDATE:
        case Opcode::LIST_EXTEND:
        case Opcode::SET_UPDATE:
        case Opcode::DICT_MERGE:
        case Opcode::RERAISE:
            for (int k = -stack_effect(ins.op, ins.arg, false); k > 0; --k) pop();
            break;
        // 3.14's LOAD_ATTR of a method: the object may stay as `self`.
        case Opcode::LOAD_METHOD: {
            AbstractRef self = pop();
            push(i, kNotLocal);
            stack.push_back(self);
            break;
        }
        case Opcode::FOR_ITER: push(i, kNotLocal); break;  // the iterator stays
        case Opcode::SEND:
            pop();
            push(i, kNotLocal);
            break;
        // 3.14 keeps a copy of the value where it jumps (COPY, TO_BOOL,
        // POP_JUMP_IF_*): it is still on the stack when the block ends.
        case Opcode::JUMP_IF_FALSE_OR_POP:
        case Opcode::JUMP_IF_TRUE_OR_POP: break;
        default: {
            int in = inputs(ins.op, ins.arg);
            int out = in + stack_effect(ins.op, ins.arg, false);
            for (int k = 0; k < in; ++k) pop();
            for (int k = 0; k < out; ++k) push(i, kNotLocal);
            break;
        }
        }
    }
};

}  // namespace

void borrow_fast_loads(Code& code) {
    const int n = static_cast<int>(code.instructions.size());
    std::vector<bool> leader(n + 1, false);
    leader[0] = true;
    for (int i = 0; i < n; ++i) {
        const Instruction& ins = code.instructions[i];
        if (is_jump(ins.op)) leader[ins.arg] = true;
        if (is_jump(ins.op) || never_falls_through(ins.op)) leader[i + 1] = true;
    }
    for (const ExceptionEntry& e : code.exception_table) leader[e.target] = true;
    const std::vector<bool> checked = checked_loads(code, leader);
    auto block_end = [&](int start) {
        int end = start + 1;
        while (end < n && !leader[end]) ++end;
        return end;
    };

    // The blocks the normal flow reaches, with their start depths.
    std::vector<int> start_depth(n, -1);
    std::vector<int> work{0};
    start_depth[0] = 0;
    std::vector<std::pair<int, int>> blocks;  // [start, end)
    while (!work.empty()) {
        int start = work.back();
        work.pop_back();
        int end = block_end(start), depth = start_depth[start];
        blocks.emplace_back(start, end);
        auto reach = [&](int target, int d) {
            if (target < n && start_depth[target] < 0) {
                start_depth[target] = d;
                work.push_back(target);
            }
        };
        for (int i = start; i < end; ++i) {
            const Instruction& ins = code.instructions[i];
            if (is_jump(ins.op)) reach(ins.arg, depth + stack_effect(ins.op, ins.arg, true));
            depth += stack_effect(ins.op, ins.arg, false);
        }
        if (!never_falls_through(code.instructions[end - 1].op)) reach(end, depth);
    }

    // The blocks CPython copies to the end of `end`'s block, which jumps to
    // them (inline_small_or_no_lineno_blocks): a small block that exits, or
    // one of no line that does not fall through; again from the copy's end.
    auto inlined_after = [&](int end) {
        std::vector<std::pair<int, int>> copies;
        while (copies.size() < 8 && is_unconditional_jump(code.instructions[end - 1].op)) {
            int target = code.instructions[end - 1].arg, target_end = block_end(target);
            Opcode last = code.instructions[target_end - 1].op;
            bool no_line = true;
            for (int i = target; i < target_end; ++i) no_line = no_line && code.positions[i].line == 0;
            // Its size in 3.14's instructions, which have no PRECALL and
            // push a call's NULL with the load of the callable.
            int size = 0;
            for (int i = target; i < target_end; ++i)
                size += code.instructions[i].op != Opcode::PRECALL && code.instructions[i].op != Opcode::PUSH_NULL;
            bool small_exit = exits_scope(last) && size <= kMaxCopySize;
            if (!small_exit && !(no_line && (exits_scope(last) || is_unconditional_jump(last)))) break;
            copies.emplace_back(target, target_end);
            end = target_end;
        }
        return copies;
    };

    std::vector<unsigned char> flags(n, 0);
    std::vector<bool> borrowed(n, false);
    auto line = [&](int i) { return code.positions[i].line; };
    for (auto [start, end] : blocks) {
        BlockAnalysis a{code, checked, std::vector<AbstractRef>(start_depth[start]), flags};
        for (int i = start; i < end; ++i) a.step(i);
        for (auto [from, to] : inlined_after(end))
            for (int i = from; i < to; ++i) a.step(i);
        for (const AbstractRef& r : a.stack)
            if (r.instr != kDummy) flags[r.instr] |= kRefUnconsumed;
        // insert_superinstructions: pairs of the block, left to right.
        // A checked load is LOAD_FAST_CHECK there: neither fused nor borrowed.
        auto plain_load = [&](int i) { return code.instructions[i].op == Opcode::LOAD_FAST && !checked[i]; };
        for (int i = start; i < end; ++i) {
            Opcode op = code.instructions[i].op;
            if (!plain_load(i) && op != Opcode::STORE_FAST) continue;
            bool fused = i + 1 < end && code.instructions[i].arg < 16 && code.instructions[i + 1].arg < 16 &&
                         (line(i) == 0 || line(i + 1) == 0 || line(i) == line(i + 1));
            bool next_loads = i + 1 < end && plain_load(i + 1);
            bool next_stores = i + 1 < end && code.instructions[i + 1].op == Opcode::STORE_FAST;
            if (op == Opcode::LOAD_FAST && next_loads && fused) {
                bool strong = (flags[i] | flags[i + 1]) != 0;
                borrowed[i] = borrowed[i + 1] = !strong;
                ++i;
            } else if (op == Opcode::STORE_FAST && (next_loads || next_stores) && fused) {
                ++i;  // STORE_FAST_LOAD_FAST loads a strong reference
            } else if (op == Opcode::LOAD_FAST) {
                borrowed[i] = flags[i] == 0;
            }
        }
    }

    for (int i = 0; i < n; ++i)
        if (borrowed[i]) code.instructions[i].op = Opcode::LOAD_FAST_BORROW;

    // Where the borrowed and the duplicated values are: each block walked
    // again, the exception handlers' too, from the duplicated values the
    // blocks that reach it leave on the stack, until those stop growing.
    code.borrowed_slots.assign(n, 0);
    code.duplicated_slots.assign(n, 0);
    std::vector<int> depth_at = start_depth;  // at each block's start
    std::vector<std::uint64_t> duplicated_at(n, 0);
    Worklist revisit(n);
    for (auto it = blocks.rbegin(); it != blocks.rend(); ++it) revisit.add(it->first);
    // `target` starts with `depth` values, the bottom `kept` of `stack`.
    auto reach = [&](int target, const std::vector<AbstractRef>& stack, int depth, int kept) {
        if (target >= n) return;
        std::uint64_t dups = 0;
        for (int d = 0; d < kept && d < 64 && d < static_cast<int>(stack.size()); ++d)
            if (stack[d].duplicate) dups |= std::uint64_t(1) << d;
        bool first = depth_at[target] < 0;
        if (first) depth_at[target] = depth;
        if (!first && (duplicated_at[target] | dups) == duplicated_at[target]) return;
        duplicated_at[target] |= dups;
        revisit.add(target);
    };
    std::vector<unsigned char> scratch(n, 0);
    while (!revisit.empty()) {
        int start = revisit.take();
        int end = block_end(start);
        BlockAnalysis a{code, checked, std::vector<AbstractRef>(depth_at[start]), scratch};
        for (int d = 0; d < depth_at[start] && d < 64; ++d) a.stack[d].duplicate = duplicated_at[start] >> d & 1;
        auto walk = [&](int from, int to) {
            for (int i = from; i < to; ++i) {
                for (std::size_t d = 0; d < a.stack.size() && d < 64; ++d) {
                    int load = a.stack[d].instr;
                    if (load != kDummy && borrowed[load]) code.borrowed_slots[i] |= std::uint64_t(1) << d;
                    if (a.stack[d].duplicate) code.duplicated_slots[i] |= std::uint64_t(1) << d;
                }
                if (const ExceptionEntry* e = handler_of(code, i))
                    reach(e->target, a.stack, e->depth + 1 + e->lasti, e->depth);
                Instruction& ins = code.instructions[i];
                if (is_jump(ins.op)) {
                    int depth = static_cast<int>(a.stack.size()) + stack_effect(ins.op, ins.arg, true);
                    reach(ins.arg, a.stack, depth, depth);
                }
                Opcode op = ins.op;
                if (op == Opcode::LOAD_FAST_BORROW) ins.op = Opcode::LOAD_FAST;  // analyzed as the load it was
                a.step(i);
                ins.op = op;
                if (op == Opcode::LOAD_FAST_BORROW) a.stack.back().duplicate = false;  // in borrowed_slots
            }
        };
        walk(start, end);
        // A copied block is this one instruction for instruction: the model
        // runs it once, with the values of every block that jumps to it.
        for (auto [from, to] : inlined_after(end)) {
            walk(from, to);
            end = to;
        }
        if (!never_falls_through(code.instructions[end - 1].op)) {
            int depth = static_cast<int>(a.stack.size());
            reach(end, a.stack, depth, depth);
        }
    }
}

}  // namespace lang
