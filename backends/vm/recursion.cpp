#include "recursion.hpp"

#include <algorithm>

#include "api.hpp"
#include "errors.hpp"
#include "interpreter.hpp"
#include "runtime.hpp"

namespace vm {

namespace {

// The C levels below which the runtime's stack cannot run out: where it
// may, the point is the C stack's, which the model cannot know.
int safe_depth(const Profile& p) {
    if (p.c_stack_sized_by_limit) return std::min(p.c_recursion_safe_depth, recursion_limit() / 2);
    return p.c_recursion_safe_depth;
}

// `levels` counted now, this one included, of which `maybe` the runtime
// may not count: raises where the runtime certainly fails, stops where it
// may or may not.
void check_limit(int levels, int maybe, int limit, const char* where) {
    if (levels <= limit) return;
    if (levels - maybe <= limit || !where)
        unsupported("a RecursionError at a depth of C calls the model does not know exactly");
    raisef(types.RecursionError, "maximum recursion depth exceeded{}", where);
}

}  // namespace

CRecursionGuard::CRecursionGuard(const char* where, Charge charge) {
    ThreadState& ts = rt().thread();
    const Profile& p = rt().profile();
    if (ts.c_depth + 1 > safe_depth(p))
        unsupported(fmt::format("C code nested {} deep, where the runtime's stack may run out", ts.c_depth + 1));
    counted_ = charge != Charge::StackOnly && p.c_recursion != CRecursion::Stack;
    shared_ = counted_ && p.c_recursion == CRecursion::Shared;
    maybe_ = counted_ && charge == Charge::MaybeLevel;
    const int maybe = ts.c_maybe + maybe_;
    if (shared_) check_limit(ts.depth + 1, maybe, recursion_limit(), where);
    else if (counted_) check_limit(p.c_recursion_at_start + ts.c_counted + 1, maybe, p.c_recursion_limit, where);
    ++ts.c_depth;
    if (counted_) ++(shared_ ? ts.depth : ts.c_counted);
    ts.c_maybe += maybe_;
}

CRecursionGuard::~CRecursionGuard() {
    ThreadState& ts = rt().thread();
    --ts.c_depth;
    ts.c_maybe -= maybe_;
    if (counted_) --(shared_ ? ts.depth : ts.c_counted);
}

}  // namespace vm
