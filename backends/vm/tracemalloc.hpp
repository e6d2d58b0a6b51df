// CPython's tracemalloc as an accounting: the blocks allocated while tracing
// and still alive, each with the size its allocator was asked for, their
// sum (current) and its high-water mark (peak). What a block is and how
// big comes from the profile's [sizes] (sizes.cpp); allocator.md says what
// the model traces and what CPython traces besides.
#pragma once

#include <cstdint>
#include <unordered_map>

namespace vm {

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
        if (!traces_.empty()) untrace(address);
    }

    // clear_traces(): no trace, current and peak 0; reset_peak(): the peak
    // is the current size.
    void clear_traces();
    void reset_peak() { peak_ = current_; }
    std::int64_t current() const { return current_; }
    std::int64_t peak() const { return peak_; }

  private:
    void trace(std::uintptr_t address, std::int64_t size);
    void untrace(std::uintptr_t address);

    bool tracing_ = false;
    std::unordered_map<std::uintptr_t, std::int64_t> traces_;  // address -> size
    std::int64_t current_ = 0;
    std::int64_t peak_ = 0;
};

}  // namespace vm
