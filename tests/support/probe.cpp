#include "tests/support/probe.hpp"

namespace probe {

std::vector<std::string> events;
std::vector<Object*> resurrected;

namespace {

void probe_finalize(Object* self) {
    auto* p = static_cast<Probe*>(self);
    events.push_back("fin " + std::to_string(p->id));
    if (p->on_finalize) p->on_finalize();
    if (p->resurrect) {
        p->resurrect = false;
        incref(p);
        resurrected.push_back(p);
    }
}

}  // namespace

TypeObject* probe_type() {
    TypeObject* t = new_builtin_type("Probe", types.object, &LayoutOf<Probe>::ops, TF_GC | TF_WEAKREFABLE, "test");
    inherit_slots(t);
    t->tp.finalize = &probe_finalize;
    return t;
}

Ref<> log_callback(Object*, Args args, void* label) {
    auto* wr = static_cast<WeakRefObject*>(args[0]);
    events.push_back(std::string("cb ") + static_cast<const char*>(label) + (wr->referent ? " alive" : " dead"));
    return new_none();
}

std::vector<std::string> seq(std::initializer_list<const char*> items) { return {items.begin(), items.end()}; }

Fixture::Fixture() {
    events.clear();
    resurrected.clear();
}

Fixture::~Fixture() {
    for (Object* o : resurrected) decref(o);
    resurrected.clear();
}

}  // namespace probe
