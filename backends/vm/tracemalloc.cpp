// tracemalloc's traces (tracemalloc.hpp), after Modules/_tracemalloc.c's
// tracemalloc_add_trace and tracemalloc_remove_trace.
#include "tracemalloc.hpp"

#include <algorithm>

namespace vm {

void Tracemalloc::stop() {
    tracing_ = false;
    clear_traces();
}

void Tracemalloc::trace(std::uintptr_t address, std::int64_t size) {
    auto [trace, added] = traces_.try_emplace(address, size);
    if (!added) {
        current_ -= trace->second;
        trace->second = size;
    }
    current_ += size;
    peak_ = std::max(peak_, current_);
}

void Tracemalloc::untrace(std::uintptr_t address) {
    auto trace = traces_.find(address);
    if (trace == traces_.end()) return;
    current_ -= trace->second;
    traces_.erase(trace);
}

void Tracemalloc::clear_traces() {
    traces_.clear();
    current_ = peak_ = 0;
}

}  // namespace vm
