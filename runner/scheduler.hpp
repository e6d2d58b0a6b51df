// Runs jobs on a fixed number of worker threads. Each job only waits on its
// own child process, so a thread per concurrent case is all it takes.
#pragma once

#include <cstddef>
#include <functional>

namespace memconform {

// Calls [job](i) for every i in [0, count), at most [workers] at a time,
// and returns when all are done, or once the run is interrupted when the
// running ones are. When a job throws, no job starts after it, and the
// first exception is thrown again once the running ones are done.
void run_parallel(std::size_t count, unsigned workers, const std::function<void(std::size_t)>& job);

// The default number of workers: the number of cores.
unsigned default_workers();

}  // namespace memconform
