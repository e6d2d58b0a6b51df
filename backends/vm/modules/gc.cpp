// The gc module: the VM's part (functions built on traverse and the header
// bits), then the memory manager's (collect, get_objects, and what its
// collector offers; a manager may replace get_referents or get_referrers);
// the profile keeps the names the modeled runtime has.
#include "../api.hpp"
#include "modules.hpp"

namespace vm {

bool refers_to(Object* o, Args targets) {
    struct Search {
        Args targets;
        bool found = false;
    } search{targets};
    traverse(o, Visitor{[](Object* x, void* ctx) {
                            auto* s = static_cast<Search*>(ctx);
                            for (std::size_t i = 0; i < s->targets.nargs; ++i)
                                if (s->targets[i] == x) s->found = true;
                        },
                        &search});
    return search.found;
}

namespace {

Ref<> g_get_referents(Object*, Args args, void*) {
    no_keywords("gc.get_referents", args);
    auto out = new_list();
    for (std::size_t i = 0; i < args.nargs; ++i) {
        if (!is_gc(args[i])) continue;
        traverse(args[i], Visitor{[](Object* o, void* l) { list_append(static_cast<ListObject*>(l), o); }, out.get()});
    }
    return out;
}

Ref<> g_get_referrers(Object*, Args args, void*) {
    no_keywords("gc.get_referrers", args);
    std::vector<Object*> found;
    g_manager->for_each_object([&](Object* o) {
        if ((o->gc.bits & kGcTracked) && o->refcnt > 0 && refers_to(o, args)) found.push_back(o);
    });
    return list_of(found);
}

Ref<> g_is_tracked(Object*, Args args, void*) {
    check_nargs("gc.is_tracked", args, 1, 1);
    return new_bool(args[0]->gc.bits & kGcTracked);
}

Ref<> g_is_finalized(Object*, Args args, void*) {
    check_nargs("gc.is_finalized", args, 1, 1);
    return new_bool(args[0]->finalized());
}

}  // namespace

Ref<ModuleObject> make_gc_module(const Profile& profile) {
    NativeModule gc("gc");
    gc.add_function("get_referents", &g_get_referents);
    gc.add_function("get_referrers", &g_get_referrers);
    gc.add_function("is_tracked", &g_is_tracked);
    gc.add_function("is_finalized", &g_is_finalized);
    g_manager->register_gc_module(gc);
    gc.keep_only(profile.gc_names);
    return gc.take();
}

}  // namespace vm
