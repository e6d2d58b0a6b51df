// Hand-built objects for the refcount tests: Probe, a GC type whose
// finalizer and destructor write to a log, holding counted references to
// any objects; a weakref callback that logs; a fixture with a fresh runtime.
#pragma once

#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "tests/support/vm_runtime.hpp"
#include "vm/api.hpp"

namespace probe {

using namespace vm;

extern std::vector<std::string> events;
extern std::vector<Object*> resurrected;  // counted: finalizers that keep their object

struct Probe : Object {
    int id;
    bool resurrect = false;  // the finalizer keeps the object (in `resurrected`)
    std::function<void()> on_finalize;  // run by the finalizer after it logs
    std::vector<Object*> refs;  // counted

    Probe(TypeObject* t, int i) : Object(t), id(i) {}
    ~Probe() { events.push_back("free " + std::to_string(id)); }
    void traverse(Visitor v) {
        for (Object* o : refs) v(o);
    }
    void clear() { release(); }
    void release() {
        std::vector<Object*> old;
        old.swap(refs);
        for (Object* o : old) decref(o);
    }
    // Adds a counted reference to `o`.
    void hold(Object* o) {
        incref(o);
        refs.push_back(o);
    }
};

// A GC type with a finalizer that logs "fin <id>".
TypeObject* probe_type();

// A weakref callback (data: its label) that logs "cb <label> alive|dead".
Ref<> log_callback(Object*, Args args, void* label);

std::vector<std::string> seq(std::initializer_list<const char*> items);

struct Fixture {
    std::unique_ptr<Runtime> runtime = test::make_runtime();
    TypeObject* Probe_ = probe_type();

    Fixture();
    ~Fixture();
    Ref<Probe> probe(int id) { return make<Probe>(Probe_, id); }
};

}  // namespace probe
