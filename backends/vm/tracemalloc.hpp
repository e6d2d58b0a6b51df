// CPython's tracemalloc as an accounting: the blocks allocated while tracing
// and still alive, each with the size its allocator was asked for, their
// sum (current) and its high-water mark (peak). What a block is and how
// big comes from the profile's [sizes] (sizes.cpp); allocator.md says what
// the model traces and what CPython traces besides.
#pragma once

#include <cstddef>
#include <cstdint>
#include <vector>

namespace vm {

// The live traces, block address -> size: open addressing with linear
// probing and removal by backward shift, so that a trace costs no
// allocation of its own (a node per trace made std::unordered_map 42% of
// a tracing program's instructions). Nothing walks the traces: their
// order is never observable.
class TraceTable {
  public:
    // Traces `size` at `address` (never 0); returns the size of the trace
    // it replaces, 0 if there was none.
    std::int64_t assign(std::uintptr_t address, std::int64_t size);
    // Forgets the trace at `address`; returns its size, 0 if there was none.
    std::int64_t remove(std::uintptr_t address);
    // Forgets every trace and frees the slots.
    void clear();
    std::size_t size() const { return count_; }
    bool empty() const { return count_ == 0; }

  private:
    struct Slot {
        std::uintptr_t address = 0;  // 0: empty
        std::int64_t size = 0;
    };
    // The first slot to look in for `address` (tracemalloc.cpp).
    std::size_t home(std::uintptr_t address) const;
    // The slot holding `address`, or the empty slot that ends its probe.
    std::size_t probe(std::uintptr_t address) const;
    void grow();

    static constexpr std::size_t kFirstCapacity = 64;
    std::vector<Slot> slots_;  // a power of two of them, never full (assign grows them)
    std::size_t count_ = 0;
    int shift_ = 64;  // 64 - log2(slots_.size())
};

class Tracemalloc {
  public:
    // start() and stop(); stop() forgets every trace (tracemalloc_stop).
    void start() { tracing_ = true; }
    void stop();
    bool tracing() const { return tracing_; }

    // A block of `size` bytes at `address`, new or reallocated there (a
    // reallocation replaces its trace, or traces a block allocated before
    // start()); nothing when not tracing.
    // Asked of every object: the test inline, the trace apart.
    void allocated(std::uintptr_t address, std::int64_t size) {
        if (tracing_) trace(address, size);
    }
    // The block at `address` was freed: its trace, if any, goes.
    void freed(std::uintptr_t address) {
        if (!traces_.empty()) current_ -= traces_.remove(address);
    }

    // clear_traces(): no trace, current and peak 0; reset_peak(): the peak
    // is the current size.
    void clear_traces();
    void reset_peak() { peak_ = current_; }
    std::int64_t current() const { return current_; }
    std::int64_t peak() const { return peak_; }

  private:
    void trace(std::uintptr_t address, std::int64_t size);

    bool tracing_ = false;
    TraceTable traces_;
    std::int64_t current_ = 0;
    std::int64_t peak_ = 0;
};

}  // namespace vm
