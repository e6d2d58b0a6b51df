// The program's threads (_thread.start_new_thread). The interpreter recurses
// on the C++ stack, so each Python thread runs on an OS thread of its own,
// and a baton lets exactly one of them run at a time. The schedule is
// deterministic: control passes only where the running thread blocks (a
// lock it must wait for, which join, Event and Condition waits are made
// of; time.sleep; its end), to the thread that became ready first. Where
// the runtime's outcome could depend on a switch at another point (the
// running thread goes on and on while another could run), the program
// stops as unsupported (backends/vm/README.md, "Threads").
#pragma once

#include <condition_variable>
#include <cstdint>
#include <deque>
#include <functional>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "thread.hpp"

namespace vm {

struct Object;

// The eval-breaker checks a thread may pass without blocking while another
// thread is ready or waits with a timeout. CPython hands the GIL over after
// its switch interval (5 ms), in which it runs far more instructions than
// this; PyPy likewise.
constexpr int kSwitchFreeBudget = 20000;

// Set while another thread could run (the interpreter counts the running
// thread's instructions against the budget then).
extern bool g_threads_contended;

class Threads {
  public:
    explicit Threads(ThreadState& main);
    ~Threads();
    Threads(const Threads&) = delete;

    // Starts a thread that calls func(*args, **kwargs) (kwargs may be
    // null); it first runs when the running thread blocks. Returns its
    // ident (get_ident() in it).
    std::uint64_t start(Object* func, Object* args, Object* kwargs);

    // Blocks the running thread until `ready()` holds (asked each time the
    // thread is woken on `on`), or `timeout` seconds pass (negative: no
    // limit; the time is the model's, which advances only when every
    // thread waits). False when the time passed.
    bool wait(const void* on, const std::function<bool()>& ready, double timeout);
    // Makes the threads waiting on `on` ready; they run once the running
    // thread blocks.
    void notify(const void* on);

    // What a thread's end does besides dropping its call (the threading.local
    // values it set, its sentinel locks): called in the ending thread.
    void on_thread_end(std::function<void(ThreadState&)> hook) { end_hooks_.push_back(std::move(hook)); }

    std::int64_t running_count() const;  // _thread._count(): threads started and not ended
    std::uint64_t ident(const ThreadState& ts) const;  // _thread.get_ident()
    std::uint64_t native_id(const ThreadState& ts) const;  // _thread.get_native_id()
    bool is_main(const ThreadState& ts) const;
    // 0 for the main thread, N for the Nth thread the program started (the
    // explain trace's name of it).
    std::size_t number(const ThreadState& ts) const;
    // Whether every thread but the main one has ended (else the OS threads
    // of those still waiting use this object until the process ends).
    bool all_ended() const;

    // The interpreter's eval-breaker check while another thread could run:
    // stops the program once the running thread has used its budget.
    void count_switch_free_step();
    // At exit, once threading._shutdown has joined the threads: a thread
    // still able to run would go on while the runtime shuts down.
    void check_at_exit();

    struct ModelThread;

  private:
    ModelThread* self();
    void make_ready(ModelThread* t);
    // Gives the baton to the next thread to run (the running one blocks or
    // ends); null when none can run.
    ModelThread* choose_next(std::unique_lock<std::mutex>& lock);
    void pass_baton(ModelThread* next);
    void await_baton(ModelThread* me, std::unique_lock<std::mutex>& lock);
    void update_contention();
    void reclaim_stacks();
    static void* thread_main(void* arg);
    void run_thread(ModelThread* me);
    [[noreturn]] void stop(const std::string& why);

    std::mutex mutex_;
    std::vector<std::unique_ptr<ModelThread>> threads_;  // main first, then in start order
    std::deque<ModelThread*> ready_;
    ModelThread* running_ = nullptr;
    double now_ = 0;  // the model's clock for timed waits
    int budget_ = kSwitchFreeBudget;
    std::string stop_reason_;  // set when a thread stopped the program: the main thread reports it
    std::vector<std::function<void(ThreadState&)>> end_hooks_;
};

}  // namespace vm
