// The tracing manager on object graphs built by hand (the refcount tests'
// probes): nothing dies when its last reference goes; a major collection
// finds the dead, queues their finalizers in PyPy's order (finalizer
// chains, finalizer cycles, a cycle with one finalizer among plain
// objects) and frees the rest; weakref callbacks wait in lifelines; a
// resurrected object is finalized once. Each expectation is PyPy 7.3's
// (docs/memory-semantics.md, P2-P5).
#include <catch2/catch.hpp>

#include <algorithm>

#include "tests/support/probe.hpp"
#include "tracing/manager.hpp"

using namespace vm;
using namespace probe;
using tracing::Manager;

namespace {

Manager& gc() { return static_cast<Manager&>(rt().manager()); }

// A probe type without a finalizer: a plain object.
TypeObject* plain_type() {
    TypeObject* t = new_builtin_type("Plain", types.object, &LayoutOf<Probe>::ops, TF_GC | TF_WEAKREFABLE, "test");
    inherit_slots(t);
    return t;
}

// A runtime on the pypy-7.3 profile, its startup already old, as when a
// program's first line runs.
struct TracingFixture {
    Profile profile = test::pypy_profile();
    std::unique_ptr<Runtime> runtime = test::make_runtime(std::make_unique<Manager>(profile), &profile);
    TypeObject* Probe_ = probe_type();
    TypeObject* Plain_ = plain_type();

    TracingFixture() {
        gc().start_main();
        gc().collect();
        events.clear();
        resurrected.clear();
    }
    ~TracingFixture() {
        for (Object* o : resurrected) decref(o);
        resurrected.clear();
    }
    Ref<Probe> probe(int id) { return make<Probe>(Probe_, id); }
    Ref<Probe> plain(int id) { return make<Probe>(Plain_, id); }
    // gc.collect(), then the events it caused.
    std::vector<std::string> collect() {
        events.clear();
        gc().collect();
        return events;
    }
};

std::vector<std::string> sorted(std::vector<std::string> v) {
    std::sort(v.begin(), v.end());
    return v;
}

Ref<WeakRefObject> weakref_with_callback(Object* target, const char* label) {
    auto cb = new_native_function("cb", &log_callback, const_cast<char*>(label));
    return new_weakref(types.weakref, target, cb.get());
}

}  // namespace

TEST_CASE_METHOD(TracingFixture, "nothing dies when its last reference goes", "[tracing]") {
    Ref<Probe> a = probe(1), b = plain(2);
    Ref<WeakRefObject> wr = new_weakref(types.weakref, b.get(), nullptr);
    a.reset();
    b.reset();
    CHECK(events.empty());
    CHECK(wr->referent != nullptr);
    // The first major collection finalizes the probe and frees the plain
    // object; the finalized probe goes at the next one.
    CHECK(collect() == seq({"free 2", "fin 1"}));
    CHECK(wr->referent == nullptr);
    CHECK(collect() == seq({"free 1"}));
    CHECK(collect().empty());
}

TEST_CASE_METHOD(TracingFixture, "objects reachable from the roots survive", "[tracing]") {
    Ref<Probe> root = plain(1);
    root->hold(probe(2).get());
    root->hold(plain(3).get());
    CHECK(collect().empty());
    CHECK(collect().empty());
    root.reset();
    CHECK(sorted(collect()) == seq({"fin 2", "free 1", "free 3"}));
}

TEST_CASE_METHOD(TracingFixture, "a finalizer chain takes one collection per finalizer", "[tracing]") {
    // a -> b -> c, each with a finalizer: b and c are kept alive for a's.
    for (bool reverse : {false, true}) {
        DYNAMIC_SECTION("created " << (reverse ? "c, b, a" : "a, b, c")) {
            Ref<Probe> a, b, c;
            if (reverse) {
                c = probe(3), b = probe(2), a = probe(1);
            } else {
                a = probe(1), b = probe(2), c = probe(3);
            }
            a->hold(b.get());
            b->hold(c.get());
            a.reset();
            b.reset();
            c.reset();
            CHECK(collect() == seq({"fin 1"}));
            CHECK(collect() == seq({"free 1", "fin 2"}));
            CHECK(collect() == seq({"free 2", "fin 3"}));
            CHECK(collect() == seq({"free 3"}));
        }
    }
}

TEST_CASE_METHOD(TracingFixture, "a finalizer cycle: one member per collection, earliest registered first",
                 "[tracing]") {
    SECTION("two objects") {
        Ref<Probe> a = probe(1), b = probe(2);
        a->hold(b.get());
        b->hold(a.get());
        a.reset();
        b.reset();
        CHECK(collect() == seq({"fin 1"}));
        CHECK(collect() == seq({"fin 2"}));
        CHECK(sorted(collect()) == seq({"free 1", "free 2"}));
    }
    SECTION("three objects made z, y, x") {
        Ref<Probe> z = probe(3), y = probe(2), x = probe(1);
        x->hold(y.get());
        y->hold(z.get());
        z->hold(x.get());
        x.reset();
        y.reset();
        z.reset();
        CHECK(collect() == seq({"fin 3"}));
        CHECK(collect() == seq({"fin 2"}));
        CHECK(collect() == seq({"fin 1"}));
        CHECK(sorted(collect()) == seq({"free 1", "free 2", "free 3"}));
    }
}

TEST_CASE_METHOD(TracingFixture, "a cycle with one finalizer among plain objects takes one collection", "[tracing]") {
    Ref<Probe> x = plain(1), p = probe(2), y = plain(3);
    x->hold(p.get());
    p->hold(y.get());
    y->hold(x.get());
    Ref<WeakRefObject> to_y = new_weakref(types.weakref, y.get(), nullptr);
    x.reset();
    p.reset();
    y.reset();
    // The cycle is kept whole for the finalizer, but weakrefs to what is
    // kept only for it are cleared.
    CHECK(collect() == seq({"fin 2"}));
    CHECK(to_y->referent == nullptr);
    CHECK(sorted(collect()) == seq({"free 1", "free 2", "free 3"}));
}

TEST_CASE_METHOD(TracingFixture, "an object reached from a later finalizer waits behind it", "[tracing]") {
    // q -> p, p registered first: p is reached from q, so only q is queued;
    // p moves to the end of the finalizer list, behind r.
    Ref<Probe> p = probe(1), q = probe(2), r = probe(3);
    q->hold(p.get());
    p.reset();
    q.reset();
    CHECK(collect() == seq({"fin 2"}));
    r.reset();
    std::vector<std::string> second = collect();
    CHECK(second == seq({"free 2", "fin 3", "fin 1"}));
}

TEST_CASE_METHOD(TracingFixture, "weakref callbacks run from lifelines", "[tracing]") {
    SECTION("a plain object: the callback runs at the collection that frees it") {
        Ref<Probe> a = plain(1);
        Ref<WeakRefObject> w1 = weakref_with_callback(a.get(), "first");
        Ref<WeakRefObject> w2 = weakref_with_callback(a.get(), "second");
        a.reset();
        CHECK(collect() == seq({"free 1", "cb second dead", "cb first dead"}));
    }
    SECTION("an object with a finalizer: the callback runs one collection later") {
        Ref<Probe> a = probe(1);
        Ref<WeakRefObject> w = weakref_with_callback(a.get(), "w");
        a.reset();
        CHECK(collect() == seq({"fin 1"}));
        CHECK(w->referent == nullptr);
        CHECK(collect() == seq({"free 1", "cb w dead"}));
    }
    SECTION("a weakref that dies with its object calls nothing") {
        Ref<Probe> a = plain(1);
        a->hold(weakref_with_callback(a.get(), "inside").get());
        a.reset();
        CHECK(collect() == seq({"free 1"}));
    }
    SECTION("a lifeline keeps the position of its first weakref with a callback") {
        Ref<Probe> a = plain(1);
        Ref<WeakRefObject> w = weakref_with_callback(a.get(), "a");
        Ref<Probe> b = probe(2), c = probe(3);
        a.reset();
        b.reset();
        c.reset();
        CHECK(collect() == seq({"free 1", "cb a dead", "fin 2", "fin 3"}));
    }
}

TEST_CASE_METHOD(TracingFixture, "a resurrected object is finalized once", "[tracing]") {
    Ref<Probe> a = probe(1);
    a->resurrect = true;
    Ref<WeakRefObject> w = new_weakref(types.weakref, a.get(), nullptr);
    a.reset();
    CHECK(collect() == seq({"fin 1"}));
    CHECK(w->referent == nullptr);  // cleared before the finalizer ran
    CHECK(collect().empty());  // alive in `resurrected`
    decref(resurrected.back());
    resurrected.pop_back();
    CHECK(collect() == seq({"free 1"}));
}

TEST_CASE_METHOD(TracingFixture, "finalizers wait while disabled", "[tracing]") {
    SECTION("gc.collect() runs them even after gc.disable()") {
        Ref<Probe> a = probe(1);
        a.reset();
        gc().disable();
        CHECK(collect() == seq({"fin 1"}));
        gc().enable();
    }
    SECTION("gc.disable_finalizers() defers them until enable_finalizers()") {
        Ref<Probe> a = probe(1);
        a.reset();
        gc().disable_finalizers();
        CHECK(collect().empty());
        gc().enable_finalizers();
        CHECK(events == seq({"fin 1"}));
    }
    SECTION("gc.disable() stops major collections started by allocation") {
        gc().disable();
        std::size_t majors = gc().stats().major_collections;
        Ref<Probe> keep = plain(0);
        for (int i = 1; i < 200000; ++i) {
            keep->hold(plain(i).get());
            at_instruction_boundary();
        }
        CHECK(gc().stats().major_collections == majors);
        gc().enable();
    }
}

TEST_CASE_METHOD(TracingFixture, "an allocation budget starts major collections", "[tracing]") {
    // Allocations fill the nursery; each safepoint then does a minor
    // collection, and a major one once the old generation passes
    // min_heap_size. Young garbage dies at minor collections only.
    const auto& stats = gc().stats();
    std::size_t minors = stats.minor_collections, majors = stats.major_collections;
    Ref<Probe> keep = plain(0);
    int i = 0;
    while (gc().stats().major_collections == majors && i < 1000000) {
        Ref<Probe> survivor = plain(++i);
        keep->hold(survivor.get());  // everything survives: the old generation grows
        at_instruction_boundary();
    }
    CHECK(stats.minor_collections > minors);
    CHECK(stats.major_collections == majors + 1);
    // The first major collection needs min_heap_size bytes of old objects
    // (80 bytes each, as a PyPy instance).
    CHECK(i * 80 > profile.tracing.min_heap_size);
    CHECK(stats.threshold > profile.tracing.min_heap_size);
    keep.reset();
}
