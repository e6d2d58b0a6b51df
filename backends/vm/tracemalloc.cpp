// tracemalloc's traces (tracemalloc.hpp), after Modules/_tracemalloc.c's
// tracemalloc_add_trace and tracemalloc_remove_trace.
#include "tracemalloc.hpp"

#include <algorithm>
#include <bit>

namespace vm {

// ---- the table ----------------------------------------------------------------------------------
// Blocks are at least 8-byte aligned and those of one size class lie a
// fixed step apart, chunk after chunk: the address without its zero low
// bits, multiplied by 2^64 / phi, gives its slot in the product's high
// bits, which every bit of the address moves. (The address itself,
// multiplied, took five times the probes on tracemalloc_current_and_peak's
// blocks: the zero bits push the product's best mixed bits off its top.)
std::size_t TraceTable::home(std::uintptr_t address) const {
    return static_cast<std::size_t>(((static_cast<std::uint64_t>(address) >> 3) * 0x9E3779B97F4A7C15u) >> shift_);
}

std::size_t TraceTable::probe(std::uintptr_t address) const {
    const std::size_t mask = slots_.size() - 1;
    std::size_t i = home(address);
    while (slots_[i].address != 0 && slots_[i].address != address) i = (i + 1) & mask;
    return i;
}

std::int64_t TraceTable::assign(std::uintptr_t address, std::int64_t size) {
    // Grown at 3/4 full: at 1/2 the corpus's tracemalloc cases took as many
    // instructions and twice the memory.
    if ((count_ + 1) * 4 > slots_.size() * 3) grow();
    Slot& slot = slots_[probe(address)];
    const std::int64_t replaced = slot.address != 0 ? slot.size : 0;
    if (slot.address == 0) ++count_;
    slot = {address, size};
    return replaced;
}

std::int64_t TraceTable::remove(std::uintptr_t address) {
    if (count_ == 0) return 0;
    const std::size_t mask = slots_.size() - 1;
    std::size_t hole = probe(address);
    if (slots_[hole].address == 0) return 0;
    const std::int64_t removed = slots_[hole].size;
    --count_;
    // Each later slot of the run moves back into the hole unless its home
    // lies after the hole (it would no longer be found from there).
    for (std::size_t next = (hole + 1) & mask; slots_[next].address != 0; next = (next + 1) & mask) {
        const std::size_t from_home = (next - home(slots_[next].address)) & mask;
        if (from_home >= ((next - hole) & mask)) {
            slots_[hole] = slots_[next];
            hole = next;
        }
    }
    slots_[hole] = Slot{};
    return removed;
}

void TraceTable::clear() {
    slots_ = {};
    count_ = 0;
    shift_ = 64;
}

void TraceTable::grow() {
    std::vector<Slot> old = std::move(slots_);
    slots_.assign(old.empty() ? kFirstCapacity : old.size() * 2, Slot{});
    shift_ = 64 - std::countr_zero(slots_.size());
    for (const Slot& slot : old)
        if (slot.address != 0) slots_[probe(slot.address)] = slot;
}

// ---- the accounting -----------------------------------------------------------------------------
void Tracemalloc::stop() {
    tracing_ = false;
    clear_traces();
}

void Tracemalloc::trace(std::uintptr_t address, std::int64_t size) {
    current_ += size - traces_.assign(address, size);
    peak_ = std::max(peak_, current_);
}

void Tracemalloc::clear_traces() {
    traces_.clear();
    current_ = peak_ = 0;
}

}  // namespace vm
