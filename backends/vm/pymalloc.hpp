// CPython's small-object allocator (Objects/obmalloc.c) as an accounting:
// which pool of which arena each object's block is in, so that
// sys.getallocatedblocks and the arena counts of sys._debugmallocstats
// answer as CPython's do (allocator.md). No memory is placed anywhere: the
// objects themselves live in C++'s heap.
#pragma once

#include <cstdint>
#include <vector>

namespace vm {

class Pymalloc {
  public:
    // The profile's [pymalloc], in bytes.
    struct Params {
        std::int64_t alignment = 16;  // ALIGNMENT: the step between size classes
        std::int64_t max_small = 512;  // SMALL_REQUEST_THRESHOLD: larger requests go to malloc
        std::int64_t pool_size = 0;  // POOL_SIZE
        std::int64_t pool_overhead = 0;  // POOL_OVERHEAD: the pool header
        std::int64_t pools_per_arena = 0;  // pools an arena holds once aligned
    };
    struct ArenaCounts {
        std::int64_t allocated_total = 0;  // arenas mapped so far
        std::int64_t reclaimed = 0;  // arenas unmapped so far
        std::int64_t highwater = 0;  // most arenas mapped at once
        std::int64_t current = 0;  // arenas mapped now
    };

    explicit Pymalloc(Params params);

    // A block of `size` bytes; the handle that free() takes (never 0).
    // Asked for every object: inline when a pool of the size class has a
    // free block and keeps one after it (no pool list changes), else
    // allocate_updating_lists below.
    std::uint32_t allocate(std::int64_t size) {
        if (size >= 0 && size <= params_.max_small) {
            int pool = used_pools_[size_class_of_[static_cast<std::size_t>(size)]];
            if (pool != kNone) {
                Pool& p = pools_[static_cast<std::size_t>(pool)];
                if (p.used + 1 < p.capacity) {
                    ++p.used;
                    ++blocks_in_pools_;
                    return static_cast<std::uint32_t>(pool) + 2;
                }
            }
        }
        return allocate_updating_lists(size);
    }
    // The same: inline when the pool neither empties nor was full.
    void free(std::uint32_t handle) {
        if (handle != kRaw) {
            Pool& p = pools_[handle - 2];
            if (p.used > 1 && p.used != p.capacity) {
                --p.used;
                --blocks_in_pools_;
                return;
            }
        }
        free_updating_lists(handle);
    }

    // Blocks in use in the pools, plus the allocations passed to malloc
    // (_Py_GetAllocatedBlocks).
    std::int64_t allocated_blocks() const { return blocks_in_pools_ + raw_blocks_; }
    const ArenaCounts& arena_counts() const { return arenas_; }

  private:
    static constexpr std::uint32_t kRaw = 1;  // a handle: malloc's, not a pool's
    static constexpr int kNone = -1;

    struct Pool {
        int size_class = kNone;
        int used = 0;  // blocks in use
        int capacity = 0;  // blocks the pool holds
        int prev = kNone, next = kNone;  // usedpools[size_class]: pools with a free block
    };
    struct Arena {
        bool mapped = false;
        int free_count = 0;  // pools free or never used
        int carved = 0;  // pools used at least once
        std::vector<int> free_pools;  // pools used once and emptied, newest last
    };

    // Any allocation and free, the pools' and arenas' lists updated.
    std::uint32_t allocate_updating_lists(std::int64_t size);
    void free_updating_lists(std::uint32_t handle);
    int new_pool(int size_class);
    void unlink_used(int pool);
    void link_used_front(int pool);
    void pool_emptied(int pool);
    void keep_usable_sorted(std::size_t position);

    Params params_;
    std::vector<Pool> pools_;  // arena a's are [a * pools_per_arena, (a + 1) * pools_per_arena)
    std::vector<Arena> arena_slots_;
    std::vector<int> unused_slots_;  // of unmapped arenas, reused newest first
    // usable_arenas: the mapped arenas with a free pool, fewest free pools
    // first, so that the fullest arena is used first and the emptiest get a
    // chance to empty completely.
    std::vector<int> usable_;
    std::vector<int> used_pools_;  // per size class: the first pool with a free block
    // The size class of each request size up to max_small: a table, not a
    // division per allocation.
    std::vector<std::uint16_t> size_class_of_;
    std::int64_t blocks_in_pools_ = 0;
    std::int64_t raw_blocks_ = 0;
    ArenaCounts arenas_;
};

}  // namespace vm
