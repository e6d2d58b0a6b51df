// The guards of a specialized CALL site (call_site.hpp): whether the
// instruction CPython rewrote the site to runs this call. Inline, so that
// the interpreter decides the runs most calls are at the CALL itself
// (decide_call_at_once): a call to decide_call, out of line, costs the
// loop its registers.
#pragma once

#include "api.hpp"
#include "call_site.hpp"

namespace vm {

// specialize_class_call's test for CALL_ALLOC_AND_ENTER_INIT
// (get_init_for_simple_managed_python_class).
bool enters_init(Object* callable, int nargs);

// Whether this call (of positional arguments only) is of `form`
// (specialize.c's tests for it). No call is of CallForm::Other here: that
// form is what call_form gives when none of these is.
[[gnu::always_inline]] inline bool is_call_of_form(CallForm form, Object* callable, bool is_meth, int total,
                                                   lang::Opcode next) {
    const auto& c = rt().callables;
    switch (form) {
    case CallForm::Len: return callable == c.len && total == 1;
    case CallForm::IsInstance: return callable == c.isinstance && total == 2;
    case CallForm::Type1: return callable == types.type && total == 1;
    case CallForm::Str1: return callable == types.str && total == 1 && !is_meth;
    case CallForm::ListAppend:
        return callable == c.list_append && is_meth && total == 2 && next == lang::Opcode::POP_TOP;
    case CallForm::InitOfClass:
        return rt().profile().class_call_enters_init && !is_meth && enters_init(callable, total);
    case CallForm::Other: return false;
    }
    return false;
}

// The guard of the Form family: a call of the site's form and, for
// InitOfClass, of its class.
[[gnu::always_inline]] inline bool form_site_takes(const CallSite& site, Object* callable, bool is_meth, int total,
                                                   lang::Opcode next) {
    return (site.form != CallForm::InitOfClass || callable == site.key) &&
           is_call_of_form(site.form, callable, is_meth, total, next);
}

// The code object of a function, else null.
inline const void* code_of_function(const Object* f) {
    return f->type == types.function ? static_cast<const FunctionObject*>(f)->code : nullptr;
}

// The guards of the function, method and builtin families: a function of
// the site's code object, a method object of a function of it, a callable
// of its type.
[[gnu::always_inline]] inline bool function_site_takes(const CallSite& site, const Object* callable) {
    return code_of_function(callable) == site.key;
}
[[gnu::always_inline]] inline bool method_site_takes(const CallSite& site, const Object* callable) {
    return callable->type == types.method &&
           code_of_function(static_cast<const MethodObject*>(callable)->func) == site.key;
}
[[gnu::always_inline]] inline bool builtin_site_takes(const CallSite& site, const Object* callable) {
    return callable->type == site.key;
}

// decide_call, with the runs most calls are decided here: a call a
// specialized site's guard takes, and a run an adaptive site waits
// (counted here). The rest, and every miss, go to decide_call.
[[gnu::always_inline]] inline CallDecision decide_call_at_once(CodeObject* co, int pc, Object* callable, bool is_meth,
                                                               int total, lang::Opcode next) {
    if (!co->call_sites.empty()) {
        CallSite& site = co->call_sites[static_cast<std::size_t>(pc)];
        // The families in the order that costs the bench programs least.
        if (site.family == CallFamily::Adaptive) {
            if (site.counter > 0) {
                --site.counter;
                return {};
            }
        } else if (site.family == CallFamily::PythonFunction) {
            if (function_site_takes(site, callable)) return {};
        } else if (site.family == CallFamily::Form) {
            if (form_site_takes(site, callable, is_meth, total, next)) return {site.form, true};
        } else if (site.family == CallFamily::Builtin) {
            if (builtin_site_takes(site, callable)) return {};
        } else if (site.family == CallFamily::BoundMethod) {
            if (method_site_takes(site, callable)) return {};
        }
    }
    return decide_call(co, pc, callable, is_meth, total, next);
}

}  // namespace vm
