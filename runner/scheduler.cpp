#include "runner/scheduler.hpp"

#include "runner/interrupt.hpp"

#include <algorithm>
#include <atomic>
#include <thread>
#include <vector>

namespace memconform {

void run_parallel(std::size_t count, unsigned workers, const std::function<void(std::size_t)>& job) {
    std::atomic<std::size_t> next{0};
    auto work = [&] {
        for (std::size_t i = next++; i < count && !interrupting_signal(); i = next++) job(i);
    };
    std::vector<std::jthread> threads;
    unsigned n = static_cast<unsigned>(std::min<std::size_t>(std::max(workers, 1u), count));
    for (unsigned t = 0; t < n; ++t) threads.emplace_back(work);
}

unsigned default_workers() { return std::max(1u, std::thread::hardware_concurrency()); }

}  // namespace memconform
