// CALL sites as CPython's specializer keeps them: call_site.hpp.
#include "call_site.hpp"

#include <algorithm>
#include <bit>

#include "call_guards.hpp"

namespace vm {

bool enters_init(Object* callable, int nargs) {
    if (callable->type != types.type) return false;
    auto* t = static_cast<TypeObject*>(callable);
    // Inline values: a managed dict not made at the first attribute.
    if (!t->has(TF_HEAPTYPE) || (t->flags & (TF_MANAGED_DICT | TF_DICT_AT_FIRST_ATTRIBUTE)) != TF_MANAGED_DICT ||
        t->tp.new_ != types.object->tp.new_)
        return false;
    Object* init = t->lookup(ids.init);
    if (!init || init->type != types.function) return false;
    const lang::Code& code = *static_cast<FunctionObject*>(init)->code->code;
    return !(code.flags & (lang::CO_VARARGS | lang::CO_VARKEYWORDS)) && code.kwonlyargcount == 0 &&
           code.argcount == nargs + 1;
}

namespace {

// The misses a specialized site counts before the next one changes it
// (ADAPTIVE_COOLDOWN_VALUE; 3.11's miss counter of 53 counts that one too).
constexpr std::uint16_t kCountedMisses = 52;
constexpr int kMaxBackoff = 12;  // MAX_BACKOFF_VALUE: the longest wait is 4095 runs

// The forms are disjoint (each is of one callable, or of a class's, never
// a builtin type's, __init__).
CallForm call_form(Object* callable, bool is_meth, int total, lang::Opcode next) {
    for (CallForm form : {CallForm::Len, CallForm::IsInstance, CallForm::Type1, CallForm::Str1, CallForm::ListAppend,
                          CallForm::InitOfClass})
        if (is_call_of_form(form, callable, is_meth, total, next)) return form;
    return CallForm::Other;
}

// specialize_py_call to 3.12: only a function of plain parameters
// (function_kind's SIMPLE_FUNCTION) given as many positional arguments as
// it takes, or fewer that its defaults make up.
bool takes_positionally(const FunctionObject* f, int total) {
    const lang::Code& code = *f->code->code;
    if ((code.flags & (lang::CO_VARARGS | lang::CO_VARKEYWORDS)) || code.kwonlyargcount) return false;
    const int defaults = f->defaults ? static_cast<int>(f->defaults->size()) : 0;
    return total <= code.argcount && total >= code.argcount - defaults;
}

CallSite specialized(CallFamily family, const void* key, CallForm form = CallForm::Other) {
    return CallSite{family, form, 0, kCountedMisses, key};
}

// _Py_Specialize_Call: the site this call makes, or false where the
// attempt fails. From 3.13 (calls.non_python_general) nothing the model
// calls fails: what no other family takes is CALL_NON_PY_GENERAL.
bool specialize(CallSite& site, Object* callable, bool is_meth, int total, lang::Opcode next) {
    const bool general = rt().profile().non_python_general_calls;
    if (CallForm form = call_form(callable, is_meth, total, next); form != CallForm::Other) {
        site = specialized(CallFamily::Form, form == CallForm::InitOfClass ? callable : nullptr, form);
        return true;
    }
    TypeObject* t = callable->type;
    if (t == types.function) {
        auto* f = static_cast<FunctionObject*>(callable);
        if (!general && !takes_positionally(f, total)) return false;
        site = specialized(CallFamily::PythonFunction, f->code);
        return true;
    }
    if (t == types.method) {
        Object* f = static_cast<MethodObject*>(callable)->func;
        if (f->type != types.function || (!general && !takes_positionally(static_cast<FunctionObject*>(f), total + 1)))
            return false;
        site = specialized(CallFamily::BoundMethod, static_cast<FunctionObject*>(f)->code);
        return true;
    }
    if (t == types.builtin_function || t == types.method_descriptor) {
        const bool varargs = t == types.builtin_function && static_cast<NativeFunctionObject*>(callable)->packing ==
                                                                NativeFunctionObject::Packing::Varargs;
        if (!varargs) {
            site = specialized(CallFamily::Builtin, t);
            return true;
        }
    } else if (t == types.type) {
        auto* cls = static_cast<TypeObject*>(callable);
        if (!cls->has(TF_HEAPTYPE) && !(cls->flags & TF_PACKED_CALL)) {
            site = specialized(CallFamily::BuiltinClass, nullptr);
            return true;
        }
    }
    if (!general) return false;
    site = specialized(CallFamily::NonPython, nullptr);
    return true;
}

// Whether the instruction `site` was rewritten to runs this call (its
// guards), or deoptimizes to the generic CALL.
bool guard_accepts(const CallSite& site, Object* callable, bool is_meth, int total, lang::Opcode next) {
    switch (site.family) {
    case CallFamily::Adaptive: return false;
    case CallFamily::Form: return form_site_takes(site, callable, is_meth, total, next);
    case CallFamily::PythonFunction: return function_site_takes(site, callable);
    case CallFamily::BoundMethod: return method_site_takes(site, callable);
    case CallFamily::Builtin: return builtin_site_takes(site, callable);
    case CallFamily::BuiltinClass:
        return callable->type == types.type && !static_cast<TypeObject*>(callable)->has(TF_HEAPTYPE) &&
               !(static_cast<TypeObject*>(callable)->flags & TF_PACKED_CALL);
    case CallFamily::NonPython: return callable->type != types.function && callable->type != types.method;
    }
    return false;
}

// An attempt at specializing `site` to this call: the run is specialized,
// or generic after a failure, which doubles the wait before the next one
// (adaptive_counter_backoff: 2^backoff - 1 runs, this one the first: the
// instruction is dispatched again, and counts it as a deferred run).
CallDecision attempt(CallSite& site, Object* callable, bool is_meth, int total, lang::Opcode next) {
    if (specialize(site, callable, is_meth, total, next)) return {site.form, true};
    site.family = CallFamily::Adaptive;
    site.backoff = static_cast<std::uint8_t>(std::min(site.backoff + 1, kMaxBackoff));
    site.counter = static_cast<std::uint16_t>((1u << site.backoff) - 2);
    return {};
}

}  // namespace

CallDecision decide_call(CodeObject* co, int pc, Object* callable, bool is_meth, int total, lang::Opcode next) {
    const Profile& profile = rt().profile();
    const int warmup = profile.specialize_after_warmup;
    if (warmup && co->warmup < warmup) return {};  // 3.11: not quickened yet
    if (co->call_sites.empty()) {
        // 3.11 quickens each site with its counter at 0: it specializes at
        // its next run. From 3.12 a site waits one run (adaptive_counter_warmup).
        CallSite adaptive;
        adaptive.backoff = adaptive.counter = warmup ? 0 : 1;
        co->call_sites.assign(co->code->instructions.size(), adaptive);
    }
    CallSite& site = co->call_sites[pc];
    if (site.family != CallFamily::Adaptive) {
        if (guard_accepts(site, callable, is_meth, total, next)) return {site.form, true};
        if (site.counter > 0) {
            --site.counter;
            return {};
        }
        if (const int wait = profile.deoptimized_site_waits) {
            // 3.11: the site goes back to its adaptive instruction, which
            // waits as a first attempt's failure would.
            site.family = CallFamily::Adaptive;
            site.counter = static_cast<std::uint16_t>(wait);
            site.backoff = static_cast<std::uint8_t>(std::bit_width(static_cast<unsigned>(wait)));
            return {};
        }
        return attempt(site, callable, is_meth, total, next);
    }
    if (site.counter > 0) {
        --site.counter;
        return {};
    }
    return attempt(site, callable, is_meth, total, next);
}

}  // namespace vm
