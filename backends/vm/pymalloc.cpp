// CPython's pymalloc as an accounting (pymalloc.hpp), after obmalloc.c's
// pymalloc_alloc and pymalloc_free.
#include "pymalloc.hpp"

#include <algorithm>

namespace vm {

Pymalloc::Pymalloc(Params params) : params_(params) {
    used_pools_.assign(static_cast<std::size_t>(params.max_small / params.alignment), kNone);
    size_class_of_.resize(static_cast<std::size_t>(params.max_small) + 1);
    for (std::int64_t size = 0; size <= params.max_small; ++size)
        size_class_of_[size] = static_cast<std::uint16_t>((std::max<std::int64_t>(size, 1) - 1) / params.alignment);
}

std::uint32_t Pymalloc::allocate_updating_lists(std::int64_t size) {
    if (size > params_.max_small) {
        ++raw_blocks_;
        return kRaw;
    }
    int size_class = size_class_of_[static_cast<std::size_t>(std::max<std::int64_t>(size, 0))];
    int pool = used_pools_[size_class];
    if (pool == kNone) pool = new_pool(size_class);
    Pool& p = pools_[pool];
    if (++p.used == p.capacity) unlink_used(pool);
    ++blocks_in_pools_;
    return static_cast<std::uint32_t>(pool) + 2;
}

void Pymalloc::free_updating_lists(std::uint32_t handle) {
    if (handle == kRaw) {
        --raw_blocks_;
        return;
    }
    int pool = static_cast<int>(handle) - 2;
    Pool& p = pools_[pool];
    --blocks_in_pools_;
    bool was_full = p.used-- == p.capacity;
    if (p.used == 0) {
        if (!was_full) unlink_used(pool);
        pool_emptied(pool);
    } else if (was_full) {
        link_used_front(pool);
    }
}

// A pool for `size_class` from the first usable arena, mapping an arena
// when none has a free pool.
int Pymalloc::new_pool(int size_class) {
    if (usable_.empty()) {
        int slot;
        if (unused_slots_.empty()) {
            slot = static_cast<int>(arena_slots_.size());
            arena_slots_.emplace_back();
            pools_.resize(pools_.size() + static_cast<std::size_t>(params_.pools_per_arena));
        } else {
            slot = unused_slots_.back();
            unused_slots_.pop_back();
        }
        arena_slots_[slot] = Arena{true, static_cast<int>(params_.pools_per_arena), 0, {}};
        usable_.insert(usable_.begin(), slot);
        ++arenas_.allocated_total;
        arenas_.highwater = std::max(arenas_.highwater, ++arenas_.current);
    }
    int slot = usable_.front();
    Arena& a = arena_slots_[slot];
    int pool;
    if (!a.free_pools.empty()) {
        pool = a.free_pools.back();
        a.free_pools.pop_back();
    } else {
        pool = slot * static_cast<int>(params_.pools_per_arena) + a.carved++;
    }
    if (--a.free_count == 0) usable_.erase(usable_.begin());
    Pool& p = pools_[pool];
    p = Pool{size_class, 0,
             static_cast<int>((params_.pool_size - params_.pool_overhead) / ((size_class + 1) * params_.alignment))};
    link_used_front(pool);
    return pool;
}

void Pymalloc::unlink_used(int pool) {
    Pool& p = pools_[pool];
    if (p.prev != kNone) pools_[p.prev].next = p.next;
    else used_pools_[p.size_class] = p.next;
    if (p.next != kNone) pools_[p.next].prev = p.prev;
    p.prev = p.next = kNone;
}

void Pymalloc::link_used_front(int pool) {
    Pool& p = pools_[pool];
    int& head = used_pools_[p.size_class];
    p.prev = kNone;
    p.next = head;
    if (head != kNone) pools_[head].prev = pool;
    head = pool;
}

// The pool goes back to its arena. An arena whose pools are all free is
// unmapped, unless it is the last usable arena; the others keep their place
// in usable_arenas by their count of free pools.
void Pymalloc::pool_emptied(int pool) {
    int slot = pool / static_cast<int>(params_.pools_per_arena);
    Arena& a = arena_slots_[slot];
    a.free_pools.push_back(pool);
    pools_[pool].size_class = kNone;
    ++a.free_count;
    if (a.free_count == 1) {  // it was full: not usable until now
        usable_.insert(usable_.begin(), slot);
        return;
    }
    auto position = static_cast<std::size_t>(std::find(usable_.begin(), usable_.end(), slot) - usable_.begin());
    if (a.free_count == params_.pools_per_arena && position + 1 < usable_.size()) {
        usable_.erase(usable_.begin() + static_cast<std::ptrdiff_t>(position));
        a = Arena{};
        unused_slots_.push_back(slot);
        ++arenas_.reclaimed;
        --arenas_.current;
        return;
    }
    keep_usable_sorted(position);
}

// The arena at `position` gained a free pool: it moves past the arenas that
// have fewer.
void Pymalloc::keep_usable_sorted(std::size_t position) {
    for (; position + 1 < usable_.size() &&
           arena_slots_[usable_[position]].free_count > arena_slots_[usable_[position + 1]].free_count;
         ++position)
        std::swap(usable_[position], usable_[position + 1]);
}

}  // namespace vm
