#include "runner/interrupt.hpp"

#include "runner/containment.hpp"
#include "runner/temp_dir.hpp"

#include <atomic>
#include <csignal>
#include <cstdlib>
#include <cstring>
#include <mutex>
#include <thread>

#include <fcntl.h>
#include <unistd.h>

namespace memconform {

namespace {

std::atomic<int> first_signal{0};
int ready_pipe[2] = {-1, -1};  // readable once interrupted: nothing is ever read from it

sigset_t interrupt_signals() {
    sigset_t set;
    sigemptyset(&set);
    sigaddset(&set, SIGINT);
    sigaddset(&set, SIGTERM);
    return set;
}

// The second signal: whatever the run is doing, it ends now, its case
// processes and temporary folders with it.
[[noreturn]] void end_now(int signal) {
    kill_every_case_process();
    remove_every_temp_dir();
    std::_Exit(128 + signal);
}

void wait_for_signals() {
    auto set = interrupt_signals();
    for (;;) {
        int signal = 0;
        if (sigwait(&set, &signal) != 0) continue;
        int none = 0;
        if (!first_signal.compare_exchange_strong(none, signal)) end_now(signal);
        char byte = 1;
        [[maybe_unused]] auto written = ::write(ready_pipe[1], &byte, 1);
    }
}

}  // namespace

void handle_interrupts() {
    static std::once_flag once;
    std::call_once(once, [] {
        if (::pipe2(ready_pipe, O_CLOEXEC) != 0) return;
        auto set = interrupt_signals();
        pthread_sigmask(SIG_BLOCK, &set, nullptr);
        std::thread(wait_for_signals).detach();
    });
}

int interrupting_signal() { return first_signal.load(); }

int interrupt_fd() { return ready_pipe[0]; }

int interrupted_exit_status() { return 128 + interrupting_signal(); }

std::string interrupting_signal_name() {
    int signal = interrupting_signal();
    if (!signal) return "";
    const char* name = sigabbrev_np(signal);
    return name ? std::string("SIG") + name : std::to_string(signal);
}

}  // namespace memconform
