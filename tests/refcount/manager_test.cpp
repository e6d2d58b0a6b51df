// The refcount manager on objects built by hand (probe.hpp): death at
// refcount zero in CPython's orders, the trashcan, the exit.
#include <catch2/catch.hpp>

#include <algorithm>
#include <string>
#include <vector>

#include "refcount/manager.hpp"
#include "tests/support/probe.hpp"

using namespace vm;
using namespace probe;

namespace {

bool listed(Object* o) {
    bool found = false;
    g_manager->for_each_object([&](Object* x) { found |= x == o; });
    return found;
}

}  // namespace

TEST_CASE_METHOD(Fixture, "every allocation is on the manager's lists, containers tracked", "[refcount]") {
    auto l = new_list();
    Ref<> s = new_str("text");
    auto d = new_dict();
    CHECK(listed(l.get()));
    CHECK(listed(s.get()));
    CHECK((l->gc.bits & kGcTracked));
    CHECK_FALSE((s->gc.bits & kGcTracked));
    CHECK_FALSE((d->gc.bits & kGcTracked));  // a dict is tracked once it holds a container
    dict_set(d.get(), "k", l.get());
    CHECK((d->gc.bits & kGcTracked));
}

TEST_CASE_METHOD(Fixture, "an object dies when its last reference goes, and its references with it", "[refcount]") {
    auto outer = probe(1);
    auto inner = probe(2);
    outer->refs.push_back(share(inner.get()).release());
    inner.reset();
    CHECK(events.empty());
    outer.reset();
    CHECK(events == seq({"fin 1", "fin 2", "free 2", "free 1"}));
}

TEST_CASE_METHOD(Fixture, "containers release their items in CPython's order", "[refcount]") {
    SECTION("a list: last to first") {
        auto l = new_list();
        for (int i = 0; i < 3; ++i) list_append(l.get(), probe(i).get());
        l.reset();
        CHECK(events == seq({"fin 2", "free 2", "fin 1", "free 1", "fin 0", "free 0"}));
    }
    SECTION("a tuple: last to first") {
        Ref<> t = tuple_of({probe(0).get(), probe(1).get()});
        events.clear();
        t.reset();
        CHECK(events == seq({"fin 1", "free 1", "fin 0", "free 0"}));
    }
    SECTION("a dict: each key, then its value, in insertion order") {
        auto d = new_dict();
        Ref<> k1 = probe(10), v1 = probe(11), k2 = probe(20), v2 = probe(21);
        dict_set(d.get(), k1.get(), v1.get());
        dict_set(d.get(), k2.get(), v2.get());
        k1.reset();
        v1.reset();
        k2.reset();
        v2.reset();
        d.reset();
        CHECK(events == seq({"fin 10", "free 10", "fin 11", "free 11", "fin 20", "free 20", "fin 21", "free 21"}));
    }
    SECTION("a replaced dict value dies after the new one is stored") {
        auto d = new_dict();
        dict_set(d.get(), "k", probe(1).get());
        Ref<> second = probe(2);
        dict_set(d.get(), "k", second.get());
        CHECK(dict_get(d.get(), "k") == second.get());
        CHECK(events == seq({"fin 1", "free 1"}));
    }
}

TEST_CASE_METHOD(Fixture, "the finalizer runs at most once; a resurrected object lives on", "[refcount]") {
    auto p = probe(7);
    p->resurrect = true;
    Probe* raw = p.get();
    p.reset();
    CHECK(events == seq({"fin 7"}));
    REQUIRE(resurrected.size() == 1);
    CHECK(raw->finalized());
    CHECK(raw->refcnt == 1);
    decref(resurrected.back());
    resurrected.clear();
    CHECK(events == seq({"fin 7", "free 7"}));
}

TEST_CASE_METHOD(Fixture, "weakrefs are cleared after the finalizer; callbacks run newest first", "[refcount]") {
    auto p = probe(1);
    const char* labels[] = {"first", "second", "third"};
    std::vector<Ref<WeakRefObject>> refs;
    for (const char* label : labels) {
        auto cb = new_native_function("cb", &log_callback, const_cast<char*>(label));
        refs.push_back(new_weakref(types.weakref, p.get(), cb.get()));
    }
    Ref<WeakRefObject> plain = new_weakref(types.weakref, p.get(), nullptr);
    CHECK(weakref_count(p.get()) == 4);
    p.reset();
    CHECK(events == seq({"fin 1", "cb third dead", "cb second dead", "cb first dead", "free 1"}));
    CHECK(plain->referent == nullptr);
    for (auto& r : refs) CHECK(r->referent == nullptr);
}

TEST_CASE_METHOD(Fixture, "a basic weakref without callback is shared", "[refcount]") {
    auto p = probe(1);
    Ref<WeakRefObject> a = new_weakref(types.weakref, p.get(), nullptr);
    Ref<WeakRefObject> b = new_weakref(types.weakref, p.get(), nullptr);
    CHECK(a.get() == b.get());
    CHECK(weakref_count(p.get()) == 1);
}

TEST_CASE_METHOD(Fixture, "a million-node chain frees without overflowing the stack, in order", "[refcount]") {
    constexpr int N = 1000000;
    Ref<Probe> head = probe(0);
    Probe* tail = head.get();
    for (int i = 1; i < N; ++i) {
        Ref<Probe> next = probe(i);
        Probe* raw = next.get();
        tail->refs.push_back(next.release());
        tail = raw;
    }
    events.clear();
    head.reset();
    REQUIRE(events.size() == 2u * N);
    // The trashcan keeps CPython's order: the finalizers run head to tail.
    std::vector<std::string> fins;
    for (const std::string& e : events)
        if (e.starts_with("fin")) fins.push_back(e);
    for (int i : {0, 1, 49, 50, 51, 1000, N - 1}) CHECK(fins[i] == "fin " + std::to_string(i));
}

TEST_CASE_METHOD(Fixture, "a collection a finalizer runs does not see what the trashcan deferred", "[refcount]") {
    // test_gc's test_trashcan: node i holds [leaf i, node i+1]. At the
    // nesting limit leaf 49 and node 50 are deposited with a count of zero;
    // node 50's finalizer then collects while leaf 49 waits. Deposited
    // objects are untracked, so the collection frees nothing and runs no
    // finalizer a second time.
    auto& manager = static_cast<refcount::Manager&>(*g_manager);
    constexpr int N = 150;
    std::vector<std::int64_t> collected;
    Ref<Probe> head = probe(0);
    Probe* tail = head.get();
    for (int i = 0; i < N; ++i) {
        tail->on_finalize = [&] { collected.push_back(manager.collect(2)); };
        Ref<Probe> leaf = probe(1000 + i);
        tail->refs.push_back(leaf.release());
        if (i == N - 1) break;
        Ref<Probe> next = probe(i + 1);
        Probe* raw = next.get();
        tail->refs.push_back(next.release());
        tail = raw;
    }
    events.clear();
    head.reset();
    REQUIRE(events.size() == 4u * N);
    CHECK(collected == std::vector<std::int64_t>(N, 0));
    std::vector<std::string> fins;
    for (const std::string& e : events)
        if (e.starts_with("fin")) fins.push_back(e);
    // Past the limit, the deposited node 50 comes first, leaf 49 after it.
    CHECK(fins[98] == "fin 49");
    CHECK(fins[99] == "fin 50");
    CHECK(std::find(fins.begin(), fins.end(), "fin 1049") > fins.begin() + 99);
}

TEST_CASE("everything left at exit is freed without running finalizers", "[refcount]") {
    events.clear();
    {
        auto runtime = test::make_runtime();
        TypeObject* t = probe_type();
        auto p = make<Probe>(t, 1);
        p->refs.push_back(share<Object>(p.get()).release());  // a cycle nothing collects
        p.reset();
    }
    CHECK(events == seq({"free 1"}));
}

TEST_CASE_METHOD(Fixture, "the manager's gc functions", "[refcount]") {
    Ref<ModuleObject> gc = rt().import_module(rt().intern("gc"));
    Ref<> collect = getattr(gc.get(), "collect");
    CHECK(int_value(call(collect.get(), {}).get()) == 0);
    Ref<> two = new_int(2), five = new_int(5);
    CHECK(int_value(call(collect.get(), {two.get()}).get()) == 0);
    CHECK_THROWS_AS(call(collect.get(), {five.get()}), PyException);
    take_exception();
    Ref<> disable = getattr(gc.get(), "disable"), isenabled = getattr(gc.get(), "isenabled");
    call(disable.get(), {});
    CHECK(call(isenabled.get(), {}).get() == consts.False);
}
