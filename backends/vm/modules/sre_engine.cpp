// The _sre matching engine (sre_engine.hpp). It is written from the
// semantics of CPython's Modules/_sre/sre_lib.h: the same opcodes, the same
// order of attempts, the same saving and restoring of the group marks, so
// that every match, every group and every lastindex is CPython's.
//
// A call of a subpattern (a branch, a repeat's item, a repeat's tail, a
// lookaround) pushes a Frame and jumps to `enter`; its end pops the frame
// and resumes its parent where the frame says (Resume). Nothing recurses
// on the C++ stack but `count`'s match of a one-character item.
#include <deque>

#include "sre_engine.hpp"

namespace vm::sre {

namespace {

// A REPEAT's context, shared by its MAX_UNTIL or MIN_UNTIL (SRE_REPEAT).
struct Repeat {
    std::int64_t count;
    const Code* pattern;  // REPEAT's operands: skip, min, max, then the item
    std::int64_t last_ptr;  // zero-width match protection; -1: none
    Repeat* prev;
};

// Where a frame continues when the subpattern it called returns.
enum class Resume : std::uint8_t {
    None,
    Branch,
    RepeatOneLiteral,
    RepeatOne,
    MinRepeatOne,
    Repeat,
    UntilMinimum,
    MaxUntilMore,
    MaxUntilTail,
    MinUntilTail,
    MinUntilMore,
    PossessiveMinimum,
    PossessiveMore,
    AtomicGroup,
    Assert,
    AssertNot,
};

// One call of a subpattern (CPython's match_context).
struct Frame {
    const Code* pattern = nullptr;  // saved while a child runs
    std::int64_t ptr = 0;
    std::int64_t count = 0;
    Repeat* rep = nullptr;
    Code chr = 0;
    int lastmark = -1, lastindex = -1;  // LASTMARK_SAVE
    bool toplevel = false;
    bool marks_saved = false;  // MARK_PUSH ran: its pop must run too
    Resume resume = Resume::None;
};

// The engine's working storage: no Python code runs while it is in use, and
// it is empty between two searches, so one serves every state.
struct Work {
    std::vector<Frame> frames;
    std::vector<std::int64_t> data;  // saved marks and last_ptrs (CPython's data stack)
    std::deque<Repeat> repeats;  // a stack: a REPEAT's context dies before its parent's
};

Work& work() {
    static Work w;
    return w;
}

template <class Char> class Machine {
  public:
    Machine(State& state, const Char* text, const Dialect& dialect)
        : s_(state), text_(text), dialect_(dialect), w_(work()) {}

    std::int64_t match(const Code* pattern, bool toplevel);
    std::int64_t search(const Code* pattern);

  private:
    std::int64_t count(const Code* pattern, std::int64_t maxcount);
    bool in_charset(const Code* set, Code ch) const;
    bool in_charset_loc_ignore(const Code* set, Code ch) const {
        Code lower = Chars::loc_lower(ch);
        if (in_charset(set, lower)) return true;
        Code upper = Chars::loc_upper(ch);
        return upper != lower && in_charset(set, upper);
    }
    static bool char_loc_ignore(Code pattern, Code ch) {
        return ch == pattern || Chars::loc_lower(ch) == pattern || Chars::loc_upper(ch) == pattern;
    }
    // Whether `ch` matches a LITERAL-like opcode `op` (LITERAL, NOT_LITERAL
    // and their IGNORE variants) of character `literal`.
    static bool literal_matches(Code op, Code literal, Code ch) {
        switch (op) {
        case LITERAL: return ch == literal;
        case NOT_LITERAL: return ch != literal;
        case LITERAL_IGNORE: return Chars::ascii_lower(ch) == literal;
        case NOT_LITERAL_IGNORE: return Chars::ascii_lower(ch) != literal;
        case LITERAL_UNI_IGNORE: return Chars::uni_lower(ch) == literal;
        case NOT_LITERAL_UNI_IGNORE: return Chars::uni_lower(ch) != literal;
        case LITERAL_LOC_IGNORE: return char_loc_ignore(literal, ch);
        default: return !char_loc_ignore(literal, ch);  // NOT_LITERAL_LOC_IGNORE
        }
    }
    // Whether `ch` is in the set of an IN-like opcode `op`.
    bool set_matches(Code op, const Code* set, Code ch) const {
        switch (op) {
        case IN: return in_charset(set, ch);
        case IN_IGNORE: return in_charset(set, Chars::ascii_lower(ch));
        case IN_UNI_IGNORE: return in_charset(set, Chars::uni_lower(ch));
        default: return in_charset_loc_ignore(set, ch);  // IN_LOC_IGNORE
        }
    }
    bool at(std::int64_t ptr, Code at) const;
    static int pypy_locale_word_class(Code c) { return Chars::loc_alnum(c) ? 2 : c == '_' ? 1 : 0; }
    bool locale_boundary(std::int64_t ptr) const {
        if (!dialect_.locale_boundary_three_classes) return word_before_and_at(ptr, &Chars::loc_word);
        int before = ptr > 0 ? pypy_locale_word_class(text_[ptr - 1]) : 0;
        int here = ptr < s_.end ? pypy_locale_word_class(text_[ptr]) : 0;
        return before != here;
    }
    bool word_before_and_at(std::int64_t ptr, bool (*word)(Code)) const {
        bool before = ptr > 0 && word(text_[ptr - 1]);
        bool here = ptr < s_.end && word(text_[ptr]);
        return before != here;
    }

    // MARK_PUSH and its pops: the marks up to `lastmark` on the data stack.
    void mark_push(int lastmark) {
        if (lastmark >= 0) w_.data.insert(w_.data.end(), s_.marks.begin(), s_.marks.begin() + lastmark + 1);
    }
    void mark_pop_keep(int lastmark) {
        if (lastmark >= 0) std::copy(w_.data.end() - (lastmark + 1), w_.data.end(), s_.marks.begin());
    }
    void mark_pop_discard(int lastmark) {
        if (lastmark >= 0) w_.data.resize(w_.data.size() - (lastmark + 1));
    }
    void mark_pop(int lastmark) {
        mark_pop_keep(lastmark);
        mark_pop_discard(lastmark);
    }
    // Whether a backtracking point saves the marks (MARK_PUSH), not only
    // the last mark.
    bool saves_marks() const { return repeat_ != nullptr || dialect_.saves_marks_everywhere; }
    // After an attempt that matched: what MARK_PUSH saved goes; after one
    // that failed: the marks and the last mark are back as they were.
    void drop_saved_marks(const Frame* f) {
        if (f->marks_saved) mark_pop_discard(f->lastmark);
    }
    void restore_saved_marks(const Frame* f) {
        if (f->marks_saved) mark_pop_keep(f->lastmark);
        lastmark_restore(f);
    }
    void lastmark_save(Frame* f) const {
        f->lastmark = s_.lastmark;
        f->lastindex = s_.lastindex;
    }
    void lastmark_restore(const Frame* f) {
        s_.lastmark = f->lastmark;
        s_.lastindex = f->lastindex;
    }

    State& s_;
    const Char* text_;
    const Dialect& dialect_;
    Work& w_;
    Repeat* repeat_ = nullptr;  // the innermost REPEAT being matched (state->repeat)
};

template <class Char> bool Machine<Char>::in_charset(const Code* set, Code ch) const {
    bool ok = true;
    for (;;) {
        switch (*set++) {
        case FAILURE: return !ok;
        case LITERAL:
            if (ch == set[0]) return ok;
            ++set;
            break;
        case CATEGORY:
            if (Chars::category(set[0], ch)) return ok;
            ++set;
            break;
        case CHARSET:  // a bitmap of 256 bits
            if (ch < 256 && (set[ch / 32] & (1u << (ch & 31)))) return ok;
            set += 8;
            break;
        case RANGE:
            if (set[0] <= ch && ch <= set[1]) return ok;
            set += 2;
            break;
        case RANGE_UNI_IGNORE: {  // `ch` is lowercase already
            if (set[0] <= ch && ch <= set[1]) return ok;
            Code upper = Chars::uni_upper(ch);
            if (set[0] <= upper && upper <= set[1]) return ok;
            set += 2;
            break;
        }
        case NEGATE: ok = !ok; break;
        case BIGCHARSET: {
            // The block count, a block number per high byte (bytes packed
            // into the code words in memory order), then the 256-bit blocks.
            Code blocks = *set++;
            int block = ch < 0x10000 ? reinterpret_cast<const unsigned char*>(set)[ch >> 8] : -1;
            set += 64;
            if (block >= 0 && (set[(block * 256 + (ch & 255)) / 32] & (1u << (ch & 31)))) return ok;
            set += blocks * 8;
            break;
        }
        default:  // validated code has none
            return false;
        }
    }
}

template <class Char> bool Machine<Char>::at(std::int64_t ptr, Code code) const {
    const std::int64_t end = s_.end;
    const bool empty_non_boundary = dialect_.non_boundary_matches_empty;
    switch (code) {
    case AT_BEGINNING:
    case AT_BEGINNING_STRING: return ptr == 0;
    case AT_BEGINNING_LINE: return ptr == 0 || text_[ptr - 1] == '\n';
    case AT_END: return (end - ptr == 1 && text_[ptr] == '\n') || ptr == end;
    case AT_END_LINE: return ptr == end || text_[ptr] == '\n';
    case AT_END_STRING: return ptr == end;
    case AT_BOUNDARY: return end != 0 && word_before_and_at(ptr, &Chars::ascii_word);
    case AT_NON_BOUNDARY: return end == 0 ? empty_non_boundary : !word_before_and_at(ptr, &Chars::ascii_word);
    case AT_LOC_BOUNDARY: return end != 0 && locale_boundary(ptr);
    case AT_LOC_NON_BOUNDARY: return end == 0 ? empty_non_boundary : !locale_boundary(ptr);
    case AT_UNI_BOUNDARY: return end != 0 && word_before_and_at(ptr, &Chars::uni_word);
    case AT_UNI_NON_BOUNDARY: return end == 0 ? empty_non_boundary : !word_before_and_at(ptr, &Chars::uni_word);
    default: return false;
    }
}

// How many times the one-character item at `pattern` matches from
// state.ptr, at most `maxcount` (SRE_MAXREPEAT: no bound).
template <class Char> std::int64_t Machine<Char>::count(const Code* pattern, std::int64_t maxcount) {
    std::int64_t ptr = s_.ptr;
    std::int64_t end = s_.end;
    if (maxcount < end - ptr && maxcount != dialect_.max_repeat) end = ptr + maxcount;
    const Code chr = pattern[1];
    switch (pattern[0]) {
    case IN:
        while (ptr < end && in_charset(pattern + 2, text_[ptr])) ++ptr;
        break;
    case ANY:
        while (ptr < end && text_[ptr] != '\n') ++ptr;
        break;
    case ANY_ALL: ptr = end; break;
    case LITERAL:
    case LITERAL_IGNORE:
    case LITERAL_UNI_IGNORE:
    case LITERAL_LOC_IGNORE:
    case NOT_LITERAL:
    case NOT_LITERAL_IGNORE:
    case NOT_LITERAL_UNI_IGNORE:
    case NOT_LITERAL_LOC_IGNORE:
        while (ptr < end && literal_matches(pattern[0], chr, text_[ptr])) ++ptr;
        break;
    default:  // any other one-character item: match it again and again
        while (s_.ptr < end) {
            std::int64_t status = match(pattern, false);
            if (status < 0) return status;
            if (!status) break;
        }
        return s_.ptr - ptr;
    }
    return ptr - s_.ptr;
}

template <class Char> std::int64_t Machine<Char>::match(const Code* start_pattern, bool toplevel) {
    std::vector<Frame>& frames = w_.frames;
    const std::size_t base = frames.size();
    const std::size_t data_base = w_.data.size();
    const std::size_t repeats_base = w_.repeats.size();
    const std::int64_t end = s_.end;
    std::vector<std::int64_t>& marks = s_.marks;
    const Code* pattern = start_pattern;
    std::int64_t ptr = 0;
    std::int64_t ret = 0;
    bool call_toplevel = false;
    Frame* f = &frames.emplace_back();
    f->toplevel = toplevel;

// Calls the subpattern at `next` (DO_JUMP): this frame resumes at `resume_at`.
#define SRE_CALL(resume_at, next, child_toplevel) \
    f->pattern = pattern;                         \
    f->ptr = ptr;                                 \
    f->resume = resume_at;                        \
    pattern = (next);                             \
    call_toplevel = (child_toplevel);             \
    f = &frames.emplace_back();                   \
    f->toplevel = call_toplevel;                  \
    goto enter
#define SRE_FAIL  \
    do {          \
        ret = 0;  \
        goto out; \
    } while (0)
#define SRE_SUCCEED \
    do {            \
        ret = 1;    \
        goto out;   \
    } while (0)
#define SRE_FAIL_ON_ERROR \
    do {                  \
        if (ret < 0) {    \
            goto error;   \
        }                 \
    } while (0)
// RETURN_ON_SUCCESS: the attempt matched (after `cleanup`), so this frame does.
#define SRE_SUCCEED_IF_MATCHED(cleanup) \
    do {                                \
        if (ret) {                      \
            cleanup;                    \
            SRE_FAIL_ON_ERROR;          \
            SRE_SUCCEED;                \
        }                               \
    } while (0)

enter:
    ptr = s_.ptr;
    if (pattern[0] == INFO) {
        // <INFO> <skip> <flags> <min> ...: too few characters left cannot match
        if (pattern[3] && static_cast<std::uint64_t>(end - ptr) < pattern[3]) SRE_FAIL;
        pattern += pattern[1] + 1;
    }

dispatch:
    switch (*pattern++) {
    case MARK: {
        const int i = static_cast<int>(pattern[0]);
        if (i & 1) s_.lastindex = i / 2 + 1;
        if (i > s_.lastmark) {
            // The marks between the last valid one and this one were not met.
            for (int j = s_.lastmark + 1; j < i; ++j) marks[j] = -1;
            s_.lastmark = i;
        }
        marks[i] = ptr;
        ++pattern;
        goto dispatch;
    }
    case LITERAL:
    case NOT_LITERAL:
    case LITERAL_IGNORE:
    case NOT_LITERAL_IGNORE:
    case LITERAL_UNI_IGNORE:
    case NOT_LITERAL_UNI_IGNORE:
    case LITERAL_LOC_IGNORE:
    case NOT_LITERAL_LOC_IGNORE:
        if (ptr >= end || !literal_matches(pattern[-1], pattern[0], text_[ptr])) SRE_FAIL;
        ++pattern;
        ++ptr;
        goto dispatch;
    case SUCCESS:
        if (f->toplevel && ((s_.match_all && ptr != s_.end) || (s_.must_advance && ptr == s_.start))) SRE_FAIL;
        s_.ptr = ptr;
        SRE_SUCCEED;
    case AT:
        if (!at(ptr, pattern[0])) SRE_FAIL;
        ++pattern;
        goto dispatch;
    case CATEGORY:
        if (ptr >= end || !Chars::category(pattern[0], text_[ptr])) SRE_FAIL;
        ++pattern;
        ++ptr;
        goto dispatch;
    case ANY:
        if (ptr >= end || text_[ptr] == '\n') SRE_FAIL;
        ++ptr;
        goto dispatch;
    case ANY_ALL:
        if (ptr >= end) SRE_FAIL;
        ++ptr;
        goto dispatch;
    case IN:
    case IN_IGNORE:
    case IN_UNI_IGNORE:
    case IN_LOC_IGNORE:
        if (ptr >= end || !set_matches(pattern[-1], pattern + 1, text_[ptr])) SRE_FAIL;
        pattern += pattern[0];
        ++ptr;
        goto dispatch;
    case JUMP:
    case INFO: pattern += pattern[0]; goto dispatch;

    case BRANCH:
        // <BRANCH> <skip> code <JUMP> ... <0>: each alternative in turn.
        lastmark_save(f);
        f->marks_saved = saves_marks();
        if (f->marks_saved) mark_push(f->lastmark);
        for (; pattern[0]; pattern += pattern[0]) {
            if (pattern[1] == LITERAL && (ptr >= end || text_[ptr] != pattern[2])) continue;
            if (pattern[1] == IN && (ptr >= end || !in_charset(pattern + 3, text_[ptr]))) continue;
            s_.ptr = ptr;
            SRE_CALL(Resume::Branch, pattern + 1, f->toplevel);
        resume_branch:
            SRE_SUCCEED_IF_MATCHED(drop_saved_marks(f));
            restore_saved_marks(f);
        }
        drop_saved_marks(f);
        SRE_FAIL;

    case REPEAT_ONE:
        // <REPEAT_ONE> <skip> <min> <max> item <SUCCESS> tail: a greedy
        // repeat of a one-character item, backtracking a character at a time.
        if (static_cast<std::int64_t>(pattern[1]) > end - ptr) SRE_FAIL;
        s_.ptr = ptr;
        ret = count(pattern + 3, pattern[2]);
        SRE_FAIL_ON_ERROR;
        f = &frames.back();
        f->count = ret;
        ptr += f->count;
        if (f->count < static_cast<std::int64_t>(pattern[1])) SRE_FAIL;
        if (pattern[pattern[0]] == SUCCESS && ptr == s_.end && !(f->toplevel && s_.must_advance && ptr == s_.start)) {
            s_.ptr = ptr;  // the tail is empty
            SRE_SUCCEED;
        }
        lastmark_save(f);
        f->marks_saved = dialect_.restores_marks && saves_marks();
        if (f->marks_saved) mark_push(f->lastmark);
        if (pattern[pattern[0]] == LITERAL) {
            // The tail starts with a literal: try only where it is.
            f->chr = pattern[pattern[0] + 1];
            for (;;) {
                while (f->count >= static_cast<std::int64_t>(pattern[1]) && (ptr >= end || text_[ptr] != f->chr)) {
                    --ptr;
                    --f->count;
                }
                if (f->count < static_cast<std::int64_t>(pattern[1])) break;
                s_.ptr = ptr;
                SRE_CALL(Resume::RepeatOneLiteral, pattern + pattern[0], f->toplevel);
            resume_repeat_one_literal:
                SRE_SUCCEED_IF_MATCHED(drop_saved_marks(f));
                restore_saved_marks(f);
                --ptr;
                --f->count;
            }
        } else {
            while (f->count >= static_cast<std::int64_t>(pattern[1])) {
                s_.ptr = ptr;
                SRE_CALL(Resume::RepeatOne, pattern + pattern[0], f->toplevel);
            resume_repeat_one:
                SRE_SUCCEED_IF_MATCHED(drop_saved_marks(f));
                restore_saved_marks(f);
                --ptr;
                --f->count;
            }
        }
        drop_saved_marks(f);
        SRE_FAIL;

    case MIN_REPEAT_ONE:
        // <MIN_REPEAT_ONE> <skip> <min> <max> item <SUCCESS> tail: the lazy
        // form, one more character each time the tail fails.
        if (static_cast<std::int64_t>(pattern[1]) > end - ptr) SRE_FAIL;
        s_.ptr = ptr;
        if (pattern[1] == 0) {
            f->count = 0;
        } else {
            ret = count(pattern + 3, pattern[1]);
            SRE_FAIL_ON_ERROR;
            f = &frames.back();
            if (ret < static_cast<std::int64_t>(pattern[1])) SRE_FAIL;
            f->count = ret;
            ptr += f->count;
        }
        if (pattern[pattern[0]] == SUCCESS &&
            !(f->toplevel && ((s_.match_all && ptr != s_.end) || (s_.must_advance && ptr == s_.start)))) {
            s_.ptr = ptr;  // the tail is empty
            SRE_SUCCEED;
        }
        lastmark_save(f);
        f->marks_saved = dialect_.restores_marks && saves_marks();
        if (f->marks_saved) mark_push(f->lastmark);
        while (pattern[2] == dialect_.max_repeat || f->count <= static_cast<std::int64_t>(pattern[2])) {
            s_.ptr = ptr;
            SRE_CALL(Resume::MinRepeatOne, pattern + pattern[0], f->toplevel);
        resume_min_repeat_one:
            SRE_SUCCEED_IF_MATCHED(drop_saved_marks(f));
            if (dialect_.restores_marks) restore_saved_marks(f);
            s_.ptr = ptr;
            ret = count(pattern + 3, 1);
            SRE_FAIL_ON_ERROR;
            f = &frames.back();
            if (ret == 0) break;
            ++ptr;
            ++f->count;
            if (!dialect_.restores_marks) lastmark_restore(f);
        }
        drop_saved_marks(f);
        SRE_FAIL;

    case POSSESSIVE_REPEAT_ONE:
        // The greedy one-character repeat that never gives back.
        if (ptr + static_cast<std::int64_t>(pattern[1]) > end) SRE_FAIL;
        s_.ptr = ptr;
        ret = count(pattern + 3, pattern[2]);
        SRE_FAIL_ON_ERROR;
        f = &frames.back();
        f->count = ret;
        ptr += f->count;
        if (f->count < static_cast<std::int64_t>(pattern[1])) SRE_FAIL;
        pattern += pattern[0];
        if (*pattern == SUCCESS && ptr == s_.end && !(f->toplevel && s_.must_advance && ptr == s_.start)) {
            s_.ptr = ptr;
            SRE_SUCCEED;
        }
        goto dispatch;

    case REPEAT:
        // <REPEAT> <skip> <min> <max> item <MAX_UNTIL or MIN_UNTIL> tail:
        // the context the UNTIL at the item's end works in.
        f->rep = &w_.repeats.emplace_back(Repeat{-1, pattern, -1, repeat_});
        repeat_ = f->rep;
        s_.ptr = ptr;
        SRE_CALL(Resume::Repeat, pattern + pattern[0], f->toplevel);
    resume_repeat:
        repeat_ = f->rep->prev;
        w_.repeats.pop_back();
        SRE_SUCCEED_IF_MATCHED((void)0);
        SRE_FAIL;

    case MAX_UNTIL:
    case MIN_UNTIL:
        // The end of a repeat's item. Greedy (MAX_UNTIL): another item if
        // it may, else the tail; lazy (MIN_UNTIL): the tail first, then
        // another item. Both: the item again until the minimum is met.
        f->rep = repeat_;
        if (!f->rep) {
            ret = kErrorState;
            goto error;
        }
        s_.ptr = ptr;
        f->count = f->rep->count + 1;
        if (f->count < static_cast<std::int64_t>(f->rep->pattern[1])) {
            f->rep->count = f->count;
            SRE_CALL(Resume::UntilMinimum, f->rep->pattern + 3, f->toplevel);
        resume_until_minimum:
            SRE_SUCCEED_IF_MATCHED((void)0);
            f->rep->count = f->count - 1;
            s_.ptr = ptr;
            SRE_FAIL;
        }
        if (pattern[-1] == MIN_UNTIL) goto min_until_tail;
        if ((f->count < static_cast<std::int64_t>(f->rep->pattern[2]) || f->rep->pattern[2] == dialect_.max_repeat) &&
            s_.ptr != f->rep->last_ptr) {
            f->rep->count = f->count;
            lastmark_save(f);
            mark_push(f->lastmark);
            w_.data.push_back(f->rep->last_ptr);
            f->rep->last_ptr = s_.ptr;
            SRE_CALL(Resume::MaxUntilMore, f->rep->pattern + 3, f->toplevel);
        resume_max_until_more:
            f->rep->last_ptr = w_.data.back();
            w_.data.pop_back();
            SRE_SUCCEED_IF_MATCHED(mark_pop_discard(f->lastmark));
            mark_pop(f->lastmark);
            lastmark_restore(f);
            f->rep->count = f->count - 1;
            s_.ptr = ptr;
        }
        repeat_ = f->rep->prev;
        SRE_CALL(Resume::MaxUntilTail, pattern, f->toplevel);
    resume_max_until_tail:
        repeat_ = f->rep;
        SRE_SUCCEED_IF_MATCHED((void)0);
        s_.ptr = ptr;
        SRE_FAIL;

    min_until_tail:
        repeat_ = f->rep->prev;
        lastmark_save(f);
        f->marks_saved = dialect_.restores_marks && saves_marks();
        if (f->marks_saved) mark_push(f->lastmark);
        SRE_CALL(Resume::MinUntilTail, pattern, f->toplevel);
    resume_min_until_tail:
        repeat_ = f->rep;
        SRE_SUCCEED_IF_MATCHED(drop_saved_marks(f));
        restore_saved_marks(f);
        drop_saved_marks(f);
        s_.ptr = ptr;
        if ((f->count >= static_cast<std::int64_t>(f->rep->pattern[2]) && f->rep->pattern[2] != dialect_.max_repeat) ||
            s_.ptr == f->rep->last_ptr)
            SRE_FAIL;
        f->rep->count = f->count;
        w_.data.push_back(f->rep->last_ptr);
        f->rep->last_ptr = s_.ptr;
        SRE_CALL(Resume::MinUntilMore, f->rep->pattern + 3, f->toplevel);
    resume_min_until_more:
        f->rep->last_ptr = w_.data.back();
        w_.data.pop_back();
        SRE_SUCCEED_IF_MATCHED((void)0);
        f->rep->count = f->count - 1;
        s_.ptr = ptr;
        SRE_FAIL;

    case POSSESSIVE_REPEAT:
        // <POSSESSIVE_REPEAT> <skip> <min> <max> item <SUCCESS> tail: as
        // many items as match, each matched on its own, never given back.
        s_.ptr = ptr;
        f->count = 0;
        while (f->count < static_cast<std::int64_t>(pattern[1])) {
            SRE_CALL(Resume::PossessiveMinimum, pattern + 3, false);
        resume_possessive_minimum:
            if (!ret) {
                s_.ptr = ptr;
                SRE_FAIL;
            }
            SRE_FAIL_ON_ERROR;
            ++f->count;
        }
        ptr = -1;  // no item matched yet: the loop's first test passes
        while ((f->count < static_cast<std::int64_t>(pattern[2]) || pattern[2] == dialect_.max_repeat) &&
               s_.ptr != ptr) {
            lastmark_save(f);
            mark_push(f->lastmark);
            ptr = s_.ptr;  // an item matching nothing ends the loop
            SRE_CALL(Resume::PossessiveMore, pattern + 3, false);
        resume_possessive_more:
            if (!ret) {
                mark_pop(f->lastmark);
                lastmark_restore(f);
                s_.ptr = ptr;
                break;
            }
            mark_pop_discard(f->lastmark);
            SRE_FAIL_ON_ERROR;
            ++f->count;
        }
        pattern += pattern[0] + 1;
        ptr = s_.ptr;
        goto dispatch;

    case ATOMIC_GROUP:
        // <ATOMIC_GROUP> <skip> pattern <SUCCESS> tail
        s_.ptr = ptr;
        SRE_CALL(Resume::AtomicGroup, pattern + 1, false);
    resume_atomic_group:
        SRE_FAIL_ON_ERROR;
        if (!ret) {
            s_.ptr = ptr;
            SRE_FAIL;
        }
        pattern += pattern[0];
        ptr = s_.ptr;
        goto dispatch;

    case GROUPREF:
    case GROUPREF_IGNORE:
    case GROUPREF_UNI_IGNORE:
    case GROUPREF_LOC_IGNORE: {
        // The text a group matched, again (case-insensitively for the
        // _IGNORE forms): fails when the group did not take part.
        const Code op = pattern[-1];
        const int groupref = static_cast<int>(pattern[0]) * 2;
        if (groupref >= s_.lastmark) SRE_FAIL;
        std::int64_t p = marks[groupref], e = marks[groupref + 1];
        if (p < 0 || e < 0 || e < p) SRE_FAIL;
        for (; p < e; ++p, ++ptr) {
            if (ptr >= end) SRE_FAIL;
            Code a = text_[ptr], b = text_[p];
            if (op == GROUPREF_IGNORE) a = Chars::ascii_lower(a), b = Chars::ascii_lower(b);
            else if (op == GROUPREF_UNI_IGNORE) a = Chars::uni_lower(a), b = Chars::uni_lower(b);
            else if (op == GROUPREF_LOC_IGNORE) a = Chars::loc_lower(a), b = Chars::loc_lower(b);
            if (a != b) SRE_FAIL;
        }
        ++pattern;
        goto dispatch;
    }
    case GROUPREF_EXISTS: {
        // <GROUPREF_EXISTS> <group> <skip> yes <JUMP> no: the skip counts
        // from the group word.
        const int groupref = static_cast<int>(pattern[0]) * 2;
        if (groupref >= s_.lastmark || marks[groupref] < 0 || marks[groupref + 1] < 0 ||
            marks[groupref + 1] < marks[groupref])
            pattern += pattern[1];
        else pattern += 2;
        goto dispatch;
    }

    case ASSERT:
        // <ASSERT> <skip> <back> pattern: a lookahead (back 0) or a
        // lookbehind of a fixed width.
        if (ptr < static_cast<std::int64_t>(pattern[1])) SRE_FAIL;
        s_.ptr = ptr - pattern[1];
        SRE_CALL(Resume::Assert, pattern + 2, false);
    resume_assert:
        SRE_FAIL_ON_ERROR;
        if (!ret) SRE_FAIL;
        pattern += pattern[0];
        goto dispatch;

    case ASSERT_NOT:
        if (ptr >= static_cast<std::int64_t>(pattern[1])) {
            s_.ptr = ptr - pattern[1];
            if (dialect_.restores_marks) lastmark_save(f);
            f->marks_saved = dialect_.restores_marks && saves_marks();
            if (f->marks_saved) mark_push(f->lastmark);
            SRE_CALL(Resume::AssertNot, pattern + 2, false);
        resume_assert_not:
            if (ret) {
                drop_saved_marks(f);
                SRE_FAIL_ON_ERROR;
                SRE_FAIL;
            }
            if (dialect_.restores_marks) {
                restore_saved_marks(f);
                drop_saved_marks(f);
            }
        }
        pattern += pattern[0];
        goto dispatch;

    case FAILURE: SRE_FAIL;

    default:  // an opcode that only a set or an INFO holds
        ret = kErrorIllegal;
        goto error;
    }

out:
    // The frame returns `ret` to its caller.
    frames.pop_back();
    if (frames.size() == base) return ret;
    f = &frames.back();
    pattern = f->pattern;
    ptr = f->ptr;
    switch (f->resume) {
    case Resume::Branch: goto resume_branch;
    case Resume::RepeatOneLiteral: goto resume_repeat_one_literal;
    case Resume::RepeatOne: goto resume_repeat_one;
    case Resume::MinRepeatOne: goto resume_min_repeat_one;
    case Resume::Repeat: goto resume_repeat;
    case Resume::UntilMinimum: goto resume_until_minimum;
    case Resume::MaxUntilMore: goto resume_max_until_more;
    case Resume::MaxUntilTail: goto resume_max_until_tail;
    case Resume::MinUntilTail: goto resume_min_until_tail;
    case Resume::MinUntilMore: goto resume_min_until_more;
    case Resume::PossessiveMinimum: goto resume_possessive_minimum;
    case Resume::PossessiveMore: goto resume_possessive_more;
    case Resume::AtomicGroup: goto resume_atomic_group;
    case Resume::Assert: goto resume_assert;
    case Resume::AssertNot: goto resume_assert_not;
    case Resume::None: break;
    }
    ret = kErrorState;

error:
    // An engine error ends the whole match (RETURN_ERROR).
    frames.resize(base);
    w_.data.resize(data_base);
    while (w_.repeats.size() > repeats_base) w_.repeats.pop_back();
    return ret;

#undef SRE_CALL
#undef SRE_FAIL
#undef SRE_SUCCEED
#undef SRE_FAIL_ON_ERROR
#undef SRE_SUCCEED_IF_MATCHED
}

template <class Char> std::int64_t Machine<Char>::search(const Code* pattern) {
    std::int64_t ptr = s_.start;
    std::int64_t end = s_.end;
    if (ptr > end) return 0;
    Code flags = 0;
    std::int64_t prefix_len = 0, prefix_skip = 0;
    const Code* prefix = nullptr;
    const Code* overlap = nullptr;
    const Code* charset = nullptr;
    if (pattern[0] == INFO) {
        // <INFO> <skip> <flags> <min> <max> <prefix or charset>
        flags = pattern[2];
        if (pattern[3] && end - ptr < static_cast<std::int64_t>(pattern[3])) return 0;
        if (pattern[3] > 1) {
            // No match can start where fewer than min characters are left
            // (one is kept, so that a literal search still works).
            end -= pattern[3] - 1;
            if (end <= ptr) end = ptr;
        }
        if (flags & kInfoPrefix) {
            // <length> <skip> <prefix> <overlap table>
            prefix_len = pattern[5];
            prefix_skip = pattern[6];
            prefix = pattern + 7;
            overlap = prefix + prefix_len - 1;
        } else if (flags & kInfoCharset) {
            charset = pattern + 5;
        }
        pattern += 1 + pattern[1];
    }
    if constexpr (sizeof(Char) == 1)
        for (std::int64_t i = 0; i < prefix_len; ++i)
            if (prefix[i] > 0xFF) return 0;  // no character of the subject can be it

    std::int64_t status = 0;
    if (prefix_len == 1) {
        // The pattern starts with a literal: look for it.
        const Code c = prefix[0];
        end = s_.end;
        s_.must_advance = false;
        while (ptr < end) {
            while (text_[ptr] != c)
                if (++ptr >= end) return 0;
            s_.start = ptr;
            s_.ptr = ptr + prefix_skip;
            if (flags & kInfoLiteral) return 1;  // the prefix is the whole pattern
            status = match(pattern + 2 * prefix_skip, false);
            if (status != 0) return status;
            ++ptr;
            s_.reset();
        }
        return 0;
    }
    if (prefix_len > 1) {
        // The pattern starts with a known string: skip ahead with its
        // overlap table (Knuth-Morris-Pratt).
        end = s_.end;
        if (prefix_len > end - ptr) return 0;
        while (ptr < end) {
            const Code c = prefix[0];
            while (text_[ptr++] != c)
                if (ptr >= end) return 0;
            if (ptr >= end) return 0;
            std::int64_t i = 1;
            s_.must_advance = false;
            do {
                if (text_[ptr] == prefix[i]) {
                    if (++i != prefix_len) {
                        if (++ptr >= end) return 0;
                        continue;
                    }
                    s_.start = ptr - (prefix_len - 1);
                    s_.ptr = ptr - (prefix_len - prefix_skip - 1);
                    if (flags & kInfoLiteral) return 1;
                    status = match(pattern + 2 * prefix_skip, false);
                    if (status != 0) return status;
                    if (++ptr >= end) return 0;
                    s_.reset();
                }
                i = overlap[i];
            } while (i != 0);
        }
        return 0;
    }
    if (charset) {
        // The pattern starts with a character of a known set.
        end = s_.end;
        s_.must_advance = false;
        for (;;) {
            while (ptr < end && !in_charset(charset, text_[ptr])) ++ptr;
            if (ptr >= end) return 0;
            s_.start = ptr;
            s_.ptr = ptr;
            status = match(pattern, false);
            if (status != 0) break;
            ++ptr;
            s_.reset();
        }
        return status;
    }
    // Every position in turn; only the first is at the top level (where an
    // empty match may be refused).
    s_.start = s_.ptr = ptr;
    status = match(pattern, true);
    s_.must_advance = false;
    if (status == 0 && pattern[0] == AT && (pattern[1] == AT_BEGINNING || pattern[1] == AT_BEGINNING_STRING)) {
        s_.start = s_.ptr = end;  // anchored at the beginning: no other position can match
        return 0;
    }
    while (status == 0 && ptr < end) {
        ++ptr;
        s_.reset();
        s_.start = s_.ptr = ptr;
        status = match(pattern, false);
    }
    return status;
}

template <class F> std::int64_t with_machine(const Program& program, State& state, F&& run) {
    // An exception out of the engine (MemoryError, or a stop as
    // unsupported) leaves its storage as it found it.
    Work& w = work();
    const std::size_t frames = w.frames.size(), data = w.data.size(), repeats = w.repeats.size();
    try {
        if (state.narrow) {
            Machine<std::uint8_t> m(state, state.narrow, program.dialect);
            return run(m);
        }
        Machine<char32_t> m(state, state.wide, program.dialect);
        return run(m);
    } catch (...) {
        w.frames.resize(frames);
        w.data.resize(data);
        while (w.repeats.size() > repeats) w.repeats.pop_back();
        throw;
    }
}

}  // namespace

std::int64_t match(const Program& program, State& state) {
    return with_machine(program, state, [&](auto& m) { return m.match(program.code.data(), true); });
}

std::int64_t search(const Program& program, State& state) {
    return with_machine(program, state, [&](auto& m) { return m.search(program.code.data()); });
}

}  // namespace vm::sre
