// See match_compiler.hpp. Each function names the compile.c function of
// CPython 3.11 whose instruction sequence it emits.
#include "match_compiler.hpp"

#include <algorithm>
#include <numeric>
#include <set>

#include <fmt/format.h>

namespace lang {

namespace {

using namespace ast;
using lang::Constant;
using lang::Tuple;

constexpr const char* kOtherTemporaries = "on CPython 3.10 (whose temporaries the model does not make), a ";

bool is_wildcard(const Pattern& p) {
    return p.kind == PatternKind::As && !p.as<MatchAs>().pattern && p.as<MatchAs>().name.empty();
}
bool is_star_wildcard(const Pattern& p) { return p.kind == PatternKind::Star && p.as<MatchStar>().name.empty(); }

// CPython's pattern_context.
struct PatternContext {
    std::vector<std::string> stores;  // the names captured so far; the last one deepest on the stack
    bool allow_irrefutable = false;
    // fail_pop[n]: the label a failure jumps to with n items to pop; each
    // pops one and falls through to fail_pop[n - 1].
    std::vector<int> fail_pop;
    int on_top = 0;  // items above the captures that a failure pops too
};

class MatchCompiler {
  public:
    explicit MatchCompiler(PatternHost& host) : h_(host) {}

    // compiler_match_inner
    void match(const Match& m) {
        h_.expr(*m.subject);
        const int end = h_.new_label();
        const std::size_t cases = m.cases.size();
        const bool has_default = is_wildcard(*m.cases.back().pattern) && cases > 1;
        const std::size_t last = cases - has_default - 1;
        for (std::size_t i = 0; i < cases - has_default; ++i) {
            const MatchCase& c = m.cases[i];
            h_.locate(c.pattern->span);
            if (i != last) h_.emit(Opcode::COPY, 1);  // the last case consumes the subject
            pc_ = PatternContext{};
            pc_.allow_irrefutable = c.guard || i == cases - 1;
            pattern(*c.pattern);
            for (const std::string& name : pc_.stores) h_.store_name(name);
            if (c.guard) {
                ensure_fail_pop(0);
                h_.jump_if(*c.guard, pc_.fail_pop[0], false);
            }
            if (i != last) h_.emit(Opcode::POP_TOP);
            h_.stmts(c.body);
            h_.emit(Opcode::JUMP_FORWARD, end);
            h_.locate(c.pattern->span);
            emit_and_reset_fail_pop();
        }
        if (has_default) {
            const MatchCase& c = m.cases.back();
            h_.locate(c.pattern->span);
            h_.emit(Opcode::NOP_LINE);  // the default case's line
            if (c.guard) h_.jump_if(*c.guard, end, false);
            h_.stmts(c.body);
        }
        h_.bind(end);
    }

  private:
    PatternHost& h_;
    PatternContext pc_;

    void ensure_fail_pop(std::size_t n) {
        while (pc_.fail_pop.size() <= n) pc_.fail_pop.push_back(h_.new_label());
    }
    // jump_to_fail_pop: a failure pops the items on top and the captures.
    void jump_to_fail_pop(Opcode op) {
        std::size_t pops = static_cast<std::size_t>(pc_.on_top) + pc_.stores.size();
        ensure_fail_pop(pops);
        h_.emit(op, pc_.fail_pop[pops]);
    }
    void emit_and_reset_fail_pop() {
        if (pc_.fail_pop.empty()) return;
        for (std::size_t n = pc_.fail_pop.size() - 1; n > 0; --n) {
            h_.bind(pc_.fail_pop[n]);
            h_.emit(Opcode::POP_TOP);
        }
        h_.bind(pc_.fail_pop[0]);
        pc_.fail_pop.clear();
    }

    // pattern_helper_rotate: the top item goes `count - 1` places down.
    void rotate(int count) {
        for (; count > 1; --count) {
            h_.note_static_swap();
            h_.emit(Opcode::SWAP, count);
        }
    }

    // pattern_helper_store_name: the value on top is captured under the
    // items kept above the captures.
    void store_name(const std::string& name, const Span& s) {
        if (name.empty()) {
            h_.emit(Opcode::POP_TOP);
            return;
        }
        if (name == "__debug__") h_.error("cannot assign to __debug__", s);
        if (std::find(pc_.stores.begin(), pc_.stores.end(), name) != pc_.stores.end())
            h_.error(fmt::format("multiple assignments to name '{}' in pattern", name), s);
        rotate(pc_.on_top + static_cast<int>(pc_.stores.size()) + 1);
        pc_.stores.push_back(name);
    }

    // compiler_pattern
    void pattern(const Pattern& p) {
        h_.locate(p.span);
        switch (p.kind) {
        case PatternKind::Value: return value(p.as<MatchValue>());
        case PatternKind::Singleton: return singleton(p.as<MatchSingleton>());
        case PatternKind::Sequence: return sequence(p.as<MatchSequence>());
        case PatternKind::Mapping: return mapping(p.as<MatchMapping>());
        case PatternKind::Class: return class_pattern(p.as<MatchClass>());
        case PatternKind::Star: return store_name(p.as<MatchStar>().name, p.span);
        case PatternKind::As: return as_pattern(p.as<MatchAs>());
        case PatternKind::Or: return or_pattern(p.as<MatchOr>());
        }
    }

    // compiler_pattern_subpattern: a subpattern may be irrefutable.
    void subpattern(const Pattern& p) {
        bool allow = pc_.allow_irrefutable;
        pc_.allow_irrefutable = true;
        pattern(p);
        pc_.allow_irrefutable = allow;
    }

    void compare_equal() { h_.emit(Opcode::COMPARE_OP, static_cast<int>(CompareOp::Eq)); }
    void compare(CompareOp op) { h_.emit(Opcode::COMPARE_OP, static_cast<int>(op)); }
    void load_int(std::size_t n) { h_.load_made_const(Constant{static_cast<std::int64_t>(n)}); }

    // compiler_pattern_value
    void value(const MatchValue& p) {
        h_.expr(*p.value);
        compare_equal();
        jump_to_fail_pop(Opcode::POP_JUMP_IF_FALSE);
    }

    // compiler_pattern_singleton; the optimizer makes `is None` a jump.
    void singleton(const MatchSingleton& p) {
        if (std::holds_alternative<NoneConst>(p.value.value)) {
            h_.add_unloaded_const(p.value);
            return jump_to_fail_pop(Opcode::POP_JUMP_IF_NOT_NONE);
        }
        h_.load_made_const(p.value);
        h_.emit(Opcode::IS_OP, 0);
        jump_to_fail_pop(Opcode::POP_JUMP_IF_FALSE);
    }

    // compiler_pattern_as
    void as_pattern(const MatchAs& p) {
        if (!p.pattern) {
            if (!pc_.allow_irrefutable) {
                if (!p.name.empty())
                    h_.error(fmt::format("name capture '{}' makes remaining patterns unreachable", p.name), p.span);
                h_.error("wildcard makes remaining patterns unreachable", p.span);
            }
            return store_name(p.name, p.span);
        }
        ++pc_.on_top;
        h_.emit(Opcode::COPY, 1);
        pattern(*p.pattern);
        --pc_.on_top;
        store_name(p.name, p.span);
    }

    // compiler_pattern_sequence
    void sequence(const MatchSequence& p) {
        const std::size_t size = p.patterns.size();
        std::optional<std::size_t> star;
        bool only_wildcard = true, star_wildcard = false;
        for (std::size_t i = 0; i < size; ++i) {
            const Pattern& item = *p.patterns[i];
            if (item.kind == PatternKind::Star) {
                if (star) h_.error("multiple starred names in sequence pattern", p.span);
                star_wildcard = is_star_wildcard(item);
                only_wildcard = only_wildcard && star_wildcard;
                star = i;
                continue;
            }
            only_wildcard = only_wildcard && is_wildcard(item);
        }
        ++pc_.on_top;  // the subject stays on top for the checks
        h_.emit(Opcode::MATCH_SEQUENCE);
        jump_to_fail_pop(Opcode::POP_JUMP_IF_FALSE);
        if (!star) {
            h_.emit(Opcode::GET_LEN);
            load_int(size);
            compare_equal();
            jump_to_fail_pop(Opcode::POP_JUMP_IF_FALSE);
        } else if (size > 1) {
            h_.emit(Opcode::GET_LEN);
            load_int(size - 1);
            compare(CompareOp::Ge);
            jump_to_fail_pop(Opcode::POP_JUMP_IF_FALSE);
        }
        --pc_.on_top;  // what follows consumes the subject
        if (only_wildcard) h_.emit(Opcode::POP_TOP);
        else if (star_wildcard) sequence_subscripts(p.patterns, *star);
        else sequence_unpack(p.patterns, star);
    }

    // pattern_helper_sequence_unpack
    void sequence_unpack(const PatternList& patterns, std::optional<std::size_t> star) {
        const std::size_t size = patterns.size();
        if (star) {
            if (*star >= 256 || size - *star - 1 >= (1u << 23))
                h_.error("too many expressions in star-unpacking assignment", patterns[*star]->span);
            h_.emit(Opcode::UNPACK_EX, static_cast<int>(*star + ((size - *star - 1) << 8)));
        } else {
            h_.emit(Opcode::UNPACK_SEQUENCE, static_cast<int>(size));
        }
        pc_.on_top += static_cast<int>(size);
        for (const PatternPtr& item : patterns) {
            --pc_.on_top;
            subpattern(*item);
        }
    }

    // pattern_helper_sequence_subscr: with `*_`, the items are indexed (from
    // the end after the star) instead of unpacked into a list.
    void sequence_subscripts(const PatternList& patterns, std::size_t star) {
        const std::size_t size = patterns.size();
        ++pc_.on_top;
        for (std::size_t i = 0; i < size; ++i) {
            const Pattern& item = *patterns[i];
            if (is_wildcard(item) || i == star) continue;
            h_.emit(Opcode::COPY, 1);
            if (i < star) {
                load_int(i);
            } else {
                h_.emit(Opcode::GET_LEN);
                load_int(size - i);
                h_.emit(Opcode::BINARY_OP, static_cast<int>(BinaryOp::Subtract));
            }
            h_.emit(Opcode::BINARY_SUBSCR);
            subpattern(item);
        }
        --pc_.on_top;
        h_.emit(Opcode::POP_TOP);
    }

    // compiler_pattern_mapping
    void mapping(const MatchMapping& p) {
        if (!h_.class_and_mapping_patterns() && (!p.keys.empty() || !p.rest.empty()))
            h_.unsupported(kOtherTemporaries + std::string("mapping pattern with keys or **rest"), p.span);
        const std::size_t size = p.keys.size();
        ++pc_.on_top;
        h_.emit(Opcode::MATCH_MAPPING);
        jump_to_fail_pop(Opcode::POP_JUMP_IF_FALSE);
        if (size == 0 && p.rest.empty()) {
            --pc_.on_top;
            h_.emit(Opcode::POP_TOP);
            return;
        }
        if (size > 0) {
            h_.emit(Opcode::GET_LEN);
            load_int(size);
            compare(CompareOp::Ge);
            jump_to_fail_pop(Opcode::POP_JUMP_IF_FALSE);
        }
        std::vector<Constant> seen;
        bool all_constant = true;
        for (const ExprPtr& key : p.keys) {
            const std::optional<Constant>& constant = h_.fold(*key);
            if (constant) {
                if (std::find(seen.begin(), seen.end(), *constant) != seen.end()) {
                    std::optional<std::string> repr = h_.repr(*constant);
                    if (!repr) h_.unsupported("a duplicate non-ASCII key in a mapping pattern", key->span);
                    else h_.error(fmt::format("mapping pattern checks duplicate key ({})", *repr), p.span);
                }
                seen.push_back(*constant);
            } else if (key->kind != ExprKind::Attribute) {
                h_.error("mapping pattern keys may only match literals and attribute lookups", key->span);
            } else {
                all_constant = false;
            }
            h_.expr(*key);
        }
        if (all_constant) h_.fold_loads_at_assembly(Tuple{seen});
        else h_.emit(Opcode::BUILD_TUPLE, static_cast<int>(size));
        h_.emit(Opcode::MATCH_KEYS);
        pc_.on_top += 2;  // the keys and the values (or None) on top of the subject
        h_.emit(Opcode::COPY, 1);
        h_.add_unloaded_const(Constant{NoneConst{}});
        jump_to_fail_pop(Opcode::POP_JUMP_IF_NONE);
        h_.emit(Opcode::UNPACK_SEQUENCE, static_cast<int>(size));
        pc_.on_top += static_cast<int>(size) - 1;
        for (const PatternPtr& item : p.patterns) {
            --pc_.on_top;
            subpattern(*item);
        }
        pc_.on_top -= 2;  // what follows consumes the keys and the subject
        if (p.rest.empty()) {
            h_.emit(Opcode::POP_TOP);
            h_.emit(Opcode::POP_TOP);
            return;
        }
        // rest = dict(subject); del rest[key] for each key
        h_.emit(Opcode::BUILD_MAP, 0);
        h_.note_static_swap();
        h_.emit(Opcode::SWAP, 3);
        h_.emit(Opcode::DICT_UPDATE, 2);
        h_.emit(Opcode::UNPACK_SEQUENCE, static_cast<int>(size));
        for (std::size_t left = size; left > 0; --left) {
            h_.emit(Opcode::COPY, static_cast<int>(left) + 1);
            h_.note_static_swap();
            h_.emit(Opcode::SWAP, 2);
            h_.emit(Opcode::DELETE_SUBSCR);
        }
        store_name(p.rest, p.span);
    }

    // compiler_pattern_class
    void class_pattern(const MatchClass& p) {
        if (!h_.class_and_mapping_patterns() && !(p.patterns.empty() && p.kwd_patterns.empty()))
            h_.unsupported(kOtherTemporaries + std::string("class pattern with subpatterns"), p.span);
        const std::size_t nargs = p.patterns.size(), nattrs = p.kwd_attrs.size();
        for (std::size_t i = 0; i < nattrs; ++i) {
            if (p.kwd_attrs[i] == "__debug__") h_.error("cannot assign to __debug__", p.kwd_patterns[i]->span);
            for (std::size_t j = i + 1; j < nattrs; ++j)
                if (p.kwd_attrs[i] == p.kwd_attrs[j])
                    h_.error("attribute name repeated in class pattern: " + p.kwd_attrs[i], p.kwd_patterns[j]->span);
        }
        h_.expr(*p.cls);
        Tuple names;
        for (const std::string& attr : p.kwd_attrs) names.items.push_back(Constant{attr});
        h_.load_made_const(Constant{std::move(names)});
        h_.emit(Opcode::MATCH_CLASS, static_cast<int>(nargs));
        h_.emit(Opcode::COPY, 1);
        h_.add_unloaded_const(Constant{NoneConst{}});
        ++pc_.on_top;  // the tuple of attributes, or None
        jump_to_fail_pop(Opcode::POP_JUMP_IF_NONE);
        h_.emit(Opcode::UNPACK_SEQUENCE, static_cast<int>(nargs + nattrs));
        pc_.on_top += static_cast<int>(nargs + nattrs) - 1;
        for (std::size_t i = 0; i < nargs + nattrs; ++i) {
            --pc_.on_top;
            const Pattern& item = i < nargs ? *p.patterns[i] : *p.kwd_patterns[i - nargs];
            if (is_wildcard(item)) {
                h_.emit(Opcode::POP_TOP);
                continue;
            }
            subpattern(item);
        }
    }

    // compiler_pattern_or: each alternative matches a copy of the subject;
    // the names the first binds are the order the others' are rotated to.
    void or_pattern(const MatchOr& p) {
        const int end = h_.new_label();
        PatternContext old = std::move(pc_);
        std::vector<std::string> control;
        for (std::size_t i = 0; i < p.patterns.size(); ++i) {
            const Pattern& alternative = *p.patterns[i];
            h_.locate(alternative.span);
            pc_ = PatternContext{};
            pc_.allow_irrefutable = i + 1 == p.patterns.size() && old.allow_irrefutable;
            h_.emit(Opcode::COPY, 1);
            pattern(alternative);
            if (i == 0) {
                control = pc_.stores;
            } else if (pc_.stores.size() != control.size()) {
                h_.error("alternative patterns bind different names", alternative.span);
            } else {
                reorder_like(control, alternative.span);
            }
            h_.emit(Opcode::JUMP_FORWARD, end);
            emit_and_reset_fail_pop();
        }
        pc_ = std::move(old);
        // No alternative matched: pop the subject's copy and fail.
        h_.emit(Opcode::POP_TOP);
        jump_to_fail_pop(Opcode::JUMP_FORWARD);
        h_.bind(end);
        const int rotations = static_cast<int>(control.size()) + 1 + pc_.on_top + static_cast<int>(pc_.stores.size());
        for (const std::string& name : control) {
            rotate(rotations);
            if (std::find(pc_.stores.begin(), pc_.stores.end(), name) != pc_.stores.end())
                h_.error(fmt::format("multiple assignments to name '{}' in pattern", name), p.span);
            pc_.stores.push_back(name);
        }
        h_.emit(Opcode::POP_TOP);  // the subject's copy
    }

    // The captures of an alternative, rotated on the stack (and in
    // pc_.stores) into the order of the first alternative's.
    void reorder_like(const std::vector<std::string>& control, const Span& s) {
        for (std::size_t icontrol = control.size(); icontrol-- > 0;) {
            auto found = std::find(pc_.stores.begin(), pc_.stores.end(), control[icontrol]);
            if (found == pc_.stores.end()) h_.error("alternative patterns bind different names", s);
            const std::size_t istores = static_cast<std::size_t>(found - pc_.stores.begin());
            if (istores == icontrol) continue;
            const std::size_t rotations = istores + 1;
            std::vector<std::string> rotated(pc_.stores.begin(), pc_.stores.begin() + rotations);
            pc_.stores.erase(pc_.stores.begin(), pc_.stores.begin() + rotations);
            pc_.stores.insert(pc_.stores.begin() + (icontrol - istores), rotated.begin(), rotated.end());
            for (std::size_t r = 0; r < rotations; ++r) rotate(static_cast<int>(icontrol) + 1);
        }
    }
};

bool is_swappable(Opcode op) { return op == Opcode::STORE_FAST || op == Opcode::POP_TOP; }
bool is_nop(Opcode op) { return op == Opcode::NOP || op == Opcode::NOP_LINE; }

struct BlockBounds {
    std::vector<bool> starts;  // a label is bound there
    bool ends_after(const std::vector<PendingInstruction>& code, std::size_t i) const {
        return i + 1 >= code.size() || starts[i + 1] || opcode_arg_kind(code[i].op) == ArgKind::JUMP ||
               code[i].op == Opcode::RETURN_VALUE || code[i].op == Opcode::RAISE_VARARGS ||
               code[i].op == Opcode::RERAISE;
    }
};

// next_swappable_instruction: in the block, on `line` if it is given.
std::optional<std::size_t> next_swappable(const std::vector<PendingInstruction>& code, const BlockBounds& bounds,
                                          std::size_t i, std::optional<int> line) {
    while (!bounds.ends_after(code, i)) {
        ++i;
        if (line && code[i].position.line != *line) return std::nullopt;
        if (is_nop(code[i].op)) continue;
        if (is_swappable(code[i].op)) return i;
        return std::nullopt;
    }
    return std::nullopt;
}

// apply_static_swaps, from the SWAP at `i` leftwards in its block.
void apply_static_swaps_from(std::vector<PendingInstruction>& code, const BlockBounds& bounds, std::size_t i) {
    for (std::size_t at = i + 1; at-- > 0;) {
        PendingInstruction& swap = code[at];
        if (swap.op != Opcode::SWAP) {
            if (!is_nop(swap.op) && !is_swappable(swap.op)) return;
            if (bounds.starts[at]) return;
            continue;
        }
        std::optional<std::size_t> j = next_swappable(code, bounds, at, std::nullopt);
        if (!j) return;
        std::size_t k = *j;
        const int line = code[*j].position.line;
        for (int count = swap.arg - 1; count > 0; --count) {
            std::optional<std::size_t> next = next_swappable(code, bounds, k, line);
            if (!next) return;
            k = *next;
        }
        swap.op = Opcode::NOP_LINE;
        std::swap(code[*j], code[k]);
        if (bounds.starts[at]) return;
    }
}

// swaptimize: the run of SWAPs (and NOPs) from `first` rewritten as the
// fewest SWAPs with the same effect, placed at its end. Returns its last index.
std::size_t swaptimize(std::vector<PendingInstruction>& code, const BlockBounds& bounds, std::size_t first) {
    std::size_t len = 1;
    int depth = code[first].arg;
    bool more = false;
    while (!bounds.ends_after(code, first + len - 1) &&
           (code[first + len].op == Opcode::SWAP || is_nop(code[first + len].op))) {
        if (code[first + len].op == Opcode::SWAP) {
            depth = std::max(depth, code[first + len].arg);
            more = true;
        }
        ++len;
    }
    if (!more) return first;
    std::vector<int> stack(static_cast<std::size_t>(depth));
    std::iota(stack.begin(), stack.end(), 0);
    for (std::size_t i = 0; i < len; ++i)
        if (code[first + i].op == Opcode::SWAP)
            std::swap(stack[0], stack[static_cast<std::size_t>(code[first + i].arg) - 1]);
    constexpr int kVisited = -1;
    std::size_t current = len;  // the rewritten SWAPs fill the run from its end
    for (std::size_t i = 0; i < stack.size(); ++i) {
        if (stack[i] == kVisited || stack[i] == static_cast<int>(i)) continue;
        std::size_t j = i;
        for (;;) {
            if (j != 0) {
                --current;
                code[first + current].op = Opcode::SWAP;
                code[first + current].arg = static_cast<int>(j) + 1;
            }
            if (stack[j] == kVisited) break;
            std::size_t next = static_cast<std::size_t>(stack[j]);
            stack[j] = kVisited;
            j = next;
        }
    }
    while (current > 0) code[first + --current].op = Opcode::NOP_LINE;
    return first + len - 1;
}

}  // namespace

void compile_match(PatternHost& host, const ast::Match& m) { MatchCompiler(host).match(m); }

void apply_static_swaps(std::vector<PendingInstruction>& code, const std::vector<int>& labels,
                        const std::vector<std::size_t>& swaps) {
    if (swaps.empty()) return;
    BlockBounds bounds{std::vector<bool>(code.size() + 1)};
    for (int label : labels)
        if (label >= 0) bounds.starts[static_cast<std::size_t>(label)] = true;
    for (std::size_t swap : swaps) {
        if (swap >= code.size() || code[swap].op != Opcode::SWAP) continue;  // rewritten with an earlier run
        if (code[swap].arg == 1) {
            code[swap].op = Opcode::NOP_LINE;
            continue;
        }
        apply_static_swaps_from(code, bounds, swaptimize(code, bounds, swap));
    }
}

}  // namespace lang
