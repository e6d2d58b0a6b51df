// vm::Pymalloc, the accounting of CPython's small-object allocator: blocks
// counted as _Py_GetAllocatedBlocks counts them, arenas mapped and unmapped
// as obmalloc.c maps them (backends/vm/allocator.md).
#include "vm/pymalloc.hpp"

#include <catch2/catch.hpp>

#include <vector>

namespace {

// A small allocator: 2 pools per arena, a pool of 64 bytes after its 16-byte
// header holds 4 blocks of 16 bytes (class 0) or 2 of 32 (class 1).
vm::Pymalloc::Params small() {
    vm::Pymalloc::Params p;
    p.alignment = 16;
    p.max_small = 32;
    p.pool_size = 80;
    p.pool_overhead = 16;
    p.pools_per_arena = 2;
    return p;
}

}  // namespace

TEST_CASE("blocks are counted in pools and past the small-request threshold", "[pymalloc]") {
    vm::Pymalloc m(small());
    auto a = m.allocate(1);
    auto b = m.allocate(16);
    auto big = m.allocate(33);  // malloc's: no pool, but a block all the same
    CHECK(m.allocated_blocks() == 3);
    CHECK(m.arena_counts().current == 1);
    m.free(big);
    m.free(a);
    CHECK(m.allocated_blocks() == 1);
    m.free(b);
    CHECK(m.allocated_blocks() == 0);
}

TEST_CASE("a size class fills its pool before it takes another", "[pymalloc]") {
    vm::Pymalloc m(small());
    std::vector<std::uint32_t> blocks;
    for (int i = 0; i < 4; ++i) blocks.push_back(m.allocate(16));
    CHECK(m.arena_counts().allocated_total == 1);
    for (auto b : blocks) CHECK(b == blocks.front());  // one pool
    auto fifth = m.allocate(16);
    CHECK(fifth != blocks.front());  // the pool is full: the arena's second
    CHECK(m.arena_counts().current == 1);
    m.allocate(32);  // another size class needs a pool of its own: a new arena
    CHECK(m.arena_counts().current == 2);
    CHECK(m.arena_counts().highwater == 2);
}

TEST_CASE("an arena whose pools are all free is unmapped, unless it is the last usable one", "[pymalloc]") {
    vm::Pymalloc m(small());
    auto first = m.allocate(16);
    auto other = m.allocate(32);  // the first arena's second pool
    auto other_too = m.allocate(32);  // class 1 again: room in that pool
    CHECK(m.arena_counts().current == 1);
    std::vector<std::uint32_t> more;
    for (int i = 0; i < 4; ++i) more.push_back(m.allocate(16));  // 3 fit, the 4th needs a pool: arena 2
    CHECK(m.arena_counts().current == 2);

    // Emptying arena 2 leaves it the only arena with a free pool: it stays.
    m.free(more.back());
    CHECK(m.arena_counts().current == 2);
    CHECK(m.arena_counts().reclaimed == 0);

    // Emptying arena 1 while arena 2 is usable too unmaps arena 1.
    m.free(first);
    for (std::size_t i = 0; i + 1 < more.size(); ++i) m.free(more[i]);
    m.free(other);
    m.free(other_too);
    CHECK(m.allocated_blocks() == 0);
    CHECK(m.arena_counts().reclaimed == 1);
    CHECK(m.arena_counts().current == 1);
    CHECK(m.arena_counts().allocated_total == 2);
    CHECK(m.arena_counts().highwater == 2);

    // Arena 2 is used first again; the counts go on.
    m.allocate(16);
    m.allocate(32);
    m.allocate(32);
    m.allocate(32);  // class 1's pool is full: a third pool, a second arena
    CHECK(m.arena_counts().current == 2);
    CHECK(m.arena_counts().allocated_total == 3);
}
