// The code list _sre.compile is given, renumbered into the engine's opcodes
// and checked the way CPython's _validate checks it (Modules/_sre), so that
// the engine can trust every skip and argument.
#include "sre_code.hpp"

namespace vm::sre {

namespace {

// The opcodes in the order of sre_constants.py's OPCODES (MAGIC 20171005,
// CPython 3.8 to 3.10 and PyPy 7.3): 3.11's order without its three new
// ones, and CALL after BRANCH, which no compiler emits (invalid code).
constexpr Code kNoOp = kOpCount;
struct Numbering2017 {
    Code ops[kOpCount] = {};
    std::size_t count = 0;
    constexpr Numbering2017() {
        for (Code op = 0; op < kOpCount; ++op) {
            if (op == ATOMIC_GROUP || op == POSSESSIVE_REPEAT || op == POSSESSIVE_REPEAT_ONE) continue;
            ops[count++] = op;
            if (op == BRANCH) ops[count++] = kNoOp;  // CALL
        }
    }
};
constexpr Numbering2017 kNumbering2017;

// Walks the code as _validate does, renumbering each opcode it meets in
// place. Every check returns false for code CPython calls invalid.
class Checker {
  public:
    Checker(std::vector<Code>& code, Numbering numbering, std::size_t groups, Code max_repeat)
        : code_(code), numbering_(numbering), groups_(groups), max_repeat_(max_repeat) {}

    bool check_all() {
        std::size_t n = code_.size();
        if (n == 0) return false;
        std::size_t last = n - 1;
        if (!renumber(last) || code_[last] != SUCCESS) return false;
        Width width = 0;
        return inner(0, last, width) == Result::Ok;
    }

    // Whether a REPEAT's (or a possessive repeat's) item can match the
    // empty string, or holds a MIN_REPEAT_ONE.
    bool repeats_empty_item = false;
    bool lazy_single_in_repeat = false;

  private:
    // Ok, Invalid, or a range that ended with a JUMP (a then-part's end).
    enum class Result { Ok, Invalid, EndsWithJump };
    // The fewest characters a range of code matches (at most kWide).
    using Width = std::uint64_t;
    static constexpr Width kWide = Width(1) << 40;
    static Width times(Width a, Width b) { return b == 0 ? 0 : a > kWide / b ? kWide : a * b; }

    // The opcode at `at`, renumbered; false for no opcode of the version.
    bool renumber(std::size_t at) {
        Code raw = code_[at];
        if (numbering_ == Numbering::Sre2017) {
            if (raw >= kNumbering2017.count) return false;
            raw = kNumbering2017.ops[raw];
        }
        if (raw >= kOpCount) return false;
        code_[at] = raw;
        return true;
    }
    bool op(std::size_t& at, std::size_t end, Code& out) {
        if (at >= end || !renumber(at)) return false;
        out = code_[at++];
        return true;
    }
    bool arg(std::size_t& at, std::size_t end, Code& out) {
        if (at >= end) return false;
        out = code_[at++];
        return true;
    }
    // A skip: the words it spans (less `adjust`) must be there.
    bool skip(std::size_t& at, std::size_t end, Code& out, Code adjust = 0) {
        if (at >= end) return false;
        out = code_[at];
        if (static_cast<Code>(out - adjust) > end - at) return false;
        ++at;
        return true;
    }

    bool charset(std::size_t at, std::size_t end) {
        while (at < end) {
            Code o = 0, a = 0;
            if (!op(at, end, o)) return false;
            switch (o) {
            case NEGATE: break;
            case LITERAL:
                if (!arg(at, end, a)) return false;
                break;
            case RANGE:
            case RANGE_UNI_IGNORE:
                if (!arg(at, end, a) || !arg(at, end, a)) return false;
                break;
            case CHARSET:  // a bitmap of 256 bits
                if (end - at < 8) return false;
                at += 8;
                break;
            case BIGCHARSET: {
                Code blocks = 0;
                if (!arg(at, end, blocks) || end - at < 64) return false;
                const auto* indices = reinterpret_cast<const unsigned char*>(&code_[at]);
                for (int i = 0; i < 256; ++i)
                    if (indices[i] >= blocks) return false;
                at += 64;
                if (end - at < std::size_t(blocks) * 8) return false;
                at += std::size_t(blocks) * 8;
                break;
            }
            case CATEGORY:
                if (!arg(at, end, a) || a >= kCategoryCount) return false;
                break;
            default: return false;
            }
        }
        return true;
    }

    // Checks [at, end) and adds the fewest characters it matches to `width`.
    Result inner(std::size_t at, std::size_t end, Width& width) {
        if (at > end) return Result::Invalid;
        while (at < end) {
            Code o = 0, a = 0, s = 0;
            if (!op(at, end, o)) return Result::Invalid;
            width = std::min(width, kWide);
            switch (o) {
            case MARK:
                if (!arg(at, end, a) || a > 2 * groups_ + 1) return Result::Invalid;
                break;
            case LITERAL:
            case NOT_LITERAL:
            case LITERAL_IGNORE:
            case NOT_LITERAL_IGNORE:
            case LITERAL_UNI_IGNORE:
            case NOT_LITERAL_UNI_IGNORE:
            case LITERAL_LOC_IGNORE:
            case NOT_LITERAL_LOC_IGNORE:
                if (!arg(at, end, a)) return Result::Invalid;
                ++width;
                break;
            case SUCCESS:
            case FAILURE: break;
            case ANY:
            case ANY_ALL: ++width; break;
            case AT:
                if (!arg(at, end, a) || a >= kAtCount) return Result::Invalid;
                break;
            case IN:
            case IN_IGNORE:
            case IN_UNI_IGNORE:
            case IN_LOC_IGNORE:
                // <IN> <skip> set... <FAILURE>
                if (!skip(at, end, s) || s < 2 || !charset(at, at + s - 2)) return Result::Invalid;
                if (!renumber(at + s - 2) || code_[at + s - 2] != FAILURE) return Result::Invalid;
                at += s - 1;
                ++width;
                break;
            case INFO:
                if (!info(at, end)) return Result::Invalid;
                break;
            case BRANCH: {
                // <BRANCH> (<skip> alternative <JUMP> <skip>)... <0>: every
                // JUMP to the same place, the end of the last alternative.
                std::size_t target = 0;
                bool first = true;
                Width fewest = kWide;
                for (;;) {
                    if (!skip(at, end, s)) return Result::Invalid;
                    if (s == 0) break;
                    Width alternative = 0;
                    if (s < 3 || inner(at, at + s - 3, alternative) != Result::Ok) return Result::Invalid;
                    fewest = std::min(fewest, alternative);
                    at += s - 3;
                    Code jump = 0;
                    if (!op(at, end, jump) || jump != JUMP || !skip(at, end, s)) return Result::Invalid;
                    std::size_t to = at + s - 1;
                    if (first) target = to;
                    else if (to != target) return Result::Invalid;
                    first = false;
                }
                if (first || at != target) return Result::Invalid;
                width += fewest;
                break;
            }
            case REPEAT_ONE:
            case MIN_REPEAT_ONE:
            case POSSESSIVE_REPEAT_ONE: {
                if (o == MIN_REPEAT_ONE && repeat_depth_ > 0) lazy_single_in_repeat = true;
                // <op> <skip> <min> <max> item <SUCCESS> tail
                Code min = 0, max = 0;
                if (!skip(at, end, s) || !arg(at, end, min) || !arg(at, end, max) || min > max || max > max_repeat_ ||
                    s < 4)
                    return Result::Invalid;
                Width item = 0;
                if (inner(at, at + s - 4, item) != Result::Ok) return Result::Invalid;
                at += s - 4;
                if (!op(at, end, a) || a != SUCCESS) return Result::Invalid;
                width += times(item, min);
                break;
            }
            case REPEAT:
            case POSSESSIVE_REPEAT: {
                // <op> <skip> <min> <max> item <UNTIL, or SUCCESS for a possessive one> tail
                Code min = 0, max = 0;
                if (!skip(at, end, s) || !arg(at, end, min) || !arg(at, end, max) || min > max || max > max_repeat_ ||
                    s < 3)
                    return Result::Invalid;
                Width item = 0;
                ++repeat_depth_;
                Result in_item = inner(at, at + s - 3, item);
                --repeat_depth_;
                if (in_item != Result::Ok) return Result::Invalid;
                at += s - 3;
                if (!op(at, end, a)) return Result::Invalid;
                if (o == POSSESSIVE_REPEAT ? a != SUCCESS : (a != MAX_UNTIL && a != MIN_UNTIL)) return Result::Invalid;
                if (item == 0) repeats_empty_item = true;
                width += times(item, min);
                break;
            }
            case ATOMIC_GROUP:
                // <ATOMIC_GROUP> <skip> pattern <SUCCESS> tail
                if (!skip(at, end, s) || s < 2 || inner(at, at + s - 2, width) != Result::Ok) return Result::Invalid;
                at += s - 2;
                if (!op(at, end, a) || a != SUCCESS) return Result::Invalid;
                break;
            case GROUPREF:
            case GROUPREF_IGNORE:
            case GROUPREF_UNI_IGNORE:
            case GROUPREF_LOC_IGNORE:
                if (!arg(at, end, a) || a >= groups_) return Result::Invalid;
                break;
            case GROUPREF_EXISTS: {
                // <GROUPREF_EXISTS> <group> <skip> then [<JUMP> <skip> else]:
                // the skip counts from the group word; a then-part ending
                // with a JUMP has an else-part.
                if (!arg(at, end, a) || a >= groups_ || !skip(at, end, s, 1)) return Result::Invalid;
                --at;
                if (s < 1) return Result::Invalid;
                Width yes = 0, no = 0;  // no else-part matches nothing
                Result then = inner(at + 1, at + s - 1, yes);
                if (then == Result::EndsWithJump) {
                    at += s - 2;
                    if (!skip(at, end, s) || s < 1) return Result::Invalid;
                    then = inner(at, at + s - 1, no);
                }
                if (then != Result::Ok) return Result::Invalid;
                at += s - 1;
                width += std::min(yes, no);
                break;
            }
            case ASSERT:
            case ASSERT_NOT: {
                // <op> <skip> <back> pattern <SUCCESS>
                if (!skip(at, end, s) || !arg(at, end, a) || s < 2) return Result::Invalid;
                --at;
                Width lookaround = 0;  // matches nothing itself
                if (inner(at + 1, at + s - 2, lookaround) != Result::Ok) return Result::Invalid;
                at += s - 2;
                if (!op(at, end, a) || a != SUCCESS) return Result::Invalid;
                break;
            }
            case JUMP:
                // Only a then-part's last operation.
                if (at + 1 != end) return Result::Invalid;
                return Result::EndsWithJump;
            default: return Result::Invalid;
            }
        }
        return Result::Ok;
    }

    // <INFO> <skip> <flags> <min> <max> [<prefix length> <prefix skip>
    // prefix overlap | charset <FAILURE>]
    bool info(std::size_t& at, std::size_t end) {
        Code s = 0, flags = 0, a = 0;
        if (!skip(at, end, s) || s < 1) return false;
        const std::size_t next = at + s - 1;
        if (!arg(at, end, flags) || !arg(at, end, a) || !arg(at, end, a)) return false;
        if (flags & ~(kInfoPrefix | kInfoLiteral | kInfoCharset)) return false;
        if ((flags & kInfoPrefix) && (flags & kInfoCharset)) return false;
        if ((flags & kInfoLiteral) && !(flags & kInfoPrefix)) return false;
        if (flags & kInfoPrefix) {
            Code length = 0;
            if (!arg(at, end, length) || !arg(at, end, a)) return false;
            if (at > next || length > next - at) return false;
            at += length;
            if (length > next - at) return false;
            for (Code i = 0; i < length; ++i)
                if (code_[at + i] >= length) return false;
            at += length;
        }
        if (flags & kInfoCharset) {
            if (next < 1 || at > next - 1 || !charset(at, next - 1)) return false;
            if (!renumber(next - 1) || code_[next - 1] != FAILURE) return false;
            at = next;
        } else if (at != next) {
            return false;
        }
        return true;
    }

    int repeat_depth_ = 0;  // REPEAT items the walk is in
    std::vector<Code>& code_;
    Numbering numbering_;
    std::size_t groups_;
    Code max_repeat_;
};

}  // namespace

bool prepare_code(std::vector<Code>& code, Numbering numbering, std::size_t groups, Code max_repeat,
                  CodeTraits* traits) {
    Checker checker(code, numbering, groups, max_repeat);
    if (!checker.check_all()) return false;
    if (traits) *traits = {checker.repeats_empty_item, checker.lazy_single_in_repeat};
    return true;
}

}  // namespace vm::sre
