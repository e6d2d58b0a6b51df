#include "runner/fuzz/heap.hpp"

#include <catch2/catch.hpp>

using namespace memconform::fuzz;

TEST_CASE("reaches follows slots, hidden references and traceback frames", "[heap]") {
    AbstractHeap heap;
    ObjId a = heap.new_object(ObjectKind::Instance), b = heap.new_object(ObjectKind::List),
          c = heap.new_object(ObjectKind::Closure), d = heap.new_object(ObjectKind::Exception),
          e = heap.new_object(ObjectKind::Instance);
    heap.store(a, "x", b, {1});
    heap.store(b, "", c, {2});
    heap[c].hidden.push_back(d);
    heap[d].frames.push_back(e);
    CHECK(heap.reaches(a, e, false));
    CHECK(heap.reaches(a, a, false));
    CHECK_FALSE(heap.reaches(e, a, false));
    CHECK_FALSE(heap.reaches(c, b, false));
}

TEST_CASE("store replaces a key's target and remembers the link it removed", "[heap]") {
    AbstractHeap heap;
    ObjId owner = heap.new_object(ObjectKind::Dict), old = heap.new_object(ObjectKind::Instance),
          fresh = heap.new_object(ObjectKind::Instance);
    heap.store(owner, "k1", old, {1});
    heap.store(owner, "k1", fresh, {2});
    REQUIRE(heap[owner].slots.size() == 1);
    CHECK(heap[owner].slots[0].target == fresh);
    CHECK(heap[owner].slots[0].fact == Fact{2});
    CHECK_FALSE(heap.reaches(owner, old, false));
    CHECK(heap.reaches(owner, old, true));  // the link statement 2 removed

    heap.store(owner, "", kNoObject, {3});  // a list item: appended, a literal
    CHECK(heap[owner].slots.size() == 2);
    heap.drop_slot(owner, 0, {4});
    REQUIRE(heap[owner].slots.size() == 1);
    CHECK(heap[owner].slots[0].target == kNoObject);
    CHECK(heap.reaches(owner, fresh, true));
}

TEST_CASE("a link that closes a cycle is refused; one that would once a removal is shrunk away needs it", "[heap]") {
    AbstractHeap heap;
    ObjId a = heap.new_object(ObjectKind::Instance), b = heap.new_object(ObjectKind::Instance);
    heap.store(a, "x", b, {1});
    Fact needs;
    CHECK_FALSE(heap.may_link_acyclic(b, a, needs));  // a -> b -> a
    CHECK(heap.may_link_acyclic(a, b, needs));  // a second a -> b is no cycle
    CHECK(heap.may_link_acyclic(b, kNoObject, needs));  // a literal
    CHECK(needs.empty());

    heap.drop_slot(a, 0, {7});  // `del a.x`, statement 7
    CHECK(heap.may_link_acyclic(b, a, needs));
    CHECK(needs == Fact{7});  // without statement 7, b -> a would close a -> b -> a
}
