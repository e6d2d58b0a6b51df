// A CALL instruction's specialization, as CPython's specializing
// interpreter keeps it in the instruction and its inline cache
// (Python/specialize.c; the counter of Include/internal/pycore_backoff.h):
// what the site was rewritten to, and the counter that decides when it
// changes. What the model runs apart is a call of a CallForm (profile.hpp);
// the other families are kept so that a site changes when CPython's does.
//
// An adaptive site counts runs down to an attempt: the attempt rewrites it
// to the family of that run's call, or fails and waits twice as long
// again. A specialized site runs the calls its family's guard accepts;
// every other call is a miss, runs the generic CALL and is counted, and
// the miss after 52 counted ones changes the site: from 3.12 it is
// specialized anew to that call, on 3.11 it goes back to adaptive and
// waits 31 runs (calls.deoptimized_site_waits).
#pragma once

#include <cstdint>

#include "lang/code.hpp"
#include "profile.hpp"

namespace vm {

struct Object;
struct CodeObject;

// What a CALL was rewritten to, grouped by what the specialized
// instructions' guards accept.
enum class CallFamily : std::uint8_t {
    Adaptive,  // not specialized: the generic CALL, counting down to its next attempt
    Form,  // a CallForm (CallSite::form); InitOfClass of one class (CallSite::key)
    PythonFunction,  // CALL_PY_*: a function of one code object (key)
    BoundMethod,  // CALL_BOUND_METHOD_*: a method object of a function of one code object (key)
    Builtin,  // CALL_BUILTIN_*, CALL_METHOD_DESCRIPTOR_*: a callable of one type (key)
    BuiltinClass,  // CALL_BUILTIN_CLASS: a builtin type that is not called through tp_call
    NonPython,  // CALL_NON_PY_GENERAL (3.13+): any callable but a function or a method object
};

struct CallSite {
    CallFamily family = CallFamily::Adaptive;
    CallForm form = CallForm::Other;  // of the Form family
    std::uint8_t backoff = 0;  // adaptive: the wait after a failed attempt is 2^backoff - 1
    // Adaptive: runs to wait before the next attempt. Specialized: misses
    // still counted before one changes the site.
    std::uint16_t counter = 0;
    const void* key = nullptr;  // what the guard compares; never followed
};

// What a run of a CALL runs: the instruction specialized to `form`, or
// (specialized false, or form Other) the generic CALL.
struct CallDecision {
    CallForm form = CallForm::Other;
    bool specialized = false;
};

// The run of the CALL at instruction `pc` of `co`, a call without keywords
// on a profile that tracks call sites: decides it, and advances the site
// (`next`: the instruction after the CALL). A call with keywords is of no
// form, and its site sees no other. The interpreter calls it through
// decide_call_at_once (call_guards.hpp), which decides the common runs.
CallDecision decide_call(CodeObject* co, int pc, Object* callable, bool is_meth, int total, lang::Opcode next);

}  // namespace vm
