#include "runner/scheduler.hpp"

#include "runner/interrupt.hpp"

#include <algorithm>
#include <atomic>
#include <exception>
#include <mutex>
#include <thread>
#include <vector>

namespace memconform {

void run_parallel(std::size_t count, unsigned workers, const std::function<void(std::size_t)>& job) {
    std::atomic<std::size_t> next{0};
    std::atomic<bool> failed{false};
    std::exception_ptr first_failure;
    std::mutex failure_mutex;
    auto work = [&] {
        for (std::size_t i = next++; i < count && !interrupting_signal() && !failed; i = next++) {
            try {
                job(i);
            } catch (...) {  // an exception must not end the process (std::terminate) from a thread
                std::lock_guard lock(failure_mutex);
                if (!first_failure) first_failure = std::current_exception();
                failed = true;
            }
        }
    };
    {
        std::vector<std::jthread> threads;
        unsigned n = static_cast<unsigned>(std::min<std::size_t>(std::max(workers, 1u), count));
        for (unsigned t = 0; t < n; ++t) threads.emplace_back(work);
    }
    if (first_failure) std::rethrow_exception(first_failure);
}

unsigned default_workers() { return std::max(1u, std::thread::hardware_concurrency()); }

}  // namespace memconform
