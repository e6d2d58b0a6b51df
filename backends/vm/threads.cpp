// The program's threads: an OS thread per Python thread and a baton
// (threads.hpp).
#include "threads.hpp"

#include <pthread.h>
#include <sys/mman.h>
#include <unistd.h>

#include <algorithm>

#include "api.hpp"
#include "interpreter.hpp"

namespace vm {

bool g_threads_contended = false;

namespace {

// Each thread's C++ stack is as large as the main program's (pymodel.cpp):
// Python frames and finalizers nest C++ calls. It is mapped as a stack
// (MAP_GROWSDOWN), which RLIMIT_DATA, the runner's memory limit, does not
// count, and only the pages used are memory.
constexpr std::size_t kThreadStack = std::size_t(1) << 30;

}  // namespace

struct Threads::ModelThread {
    Threads* owner = nullptr;
    std::unique_ptr<ThreadState> own_state;  // null for the main thread's (the runtime's)
    ThreadState* state = nullptr;
    std::uint64_t ident = 0;
    std::uint64_t native_id = 0;
    enum class Status { Running, Ready, Waiting, Ended } status = Status::Ready;
    const void* waits_on = nullptr;
    bool timed = false;  // its wait has a deadline
    double deadline = 0;
    bool timed_out = false;
    std::condition_variable turn;  // signalled when it gets the baton
    pthread_t os{};
    void* stack = nullptr;  // kThreadStack bytes
    Object* func = nullptr;  // counted until the thread calls it
    Object* args = nullptr;  // counted
    Object* kwargs = nullptr;  // counted, or null
};

Threads::Threads(ThreadState& main) {
    auto t = std::make_unique<ModelThread>();
    t->owner = this;
    t->state = &main;
    t->ident = static_cast<std::uint64_t>(pthread_self());
    t->native_id = static_cast<std::uint64_t>(gettid());
    t->status = ModelThread::Status::Running;
    running_ = t.get();
    threads_.push_back(std::move(t));
    g_threads_contended = false;
}

// Only once every thread has ended (Runtime::~Runtime).
Threads::~Threads() {
    reclaim_stacks();
    g_threads_contended = false;
}

// The stacks of the threads that ended: their OS threads return once they
// have passed the baton on.
void Threads::reclaim_stacks() {
    for (auto& t : threads_)
        if (t->stack && t->status == ModelThread::Status::Ended) {
            pthread_join(t->os, nullptr);
            munmap(t->stack, kThreadStack);
            t->stack = nullptr;
        }
}

Threads::ModelThread* Threads::self() {
    ThreadState* ts = &rt().thread();
    for (auto& t : threads_)
        if (t->state == ts) return t.get();
    return threads_.front().get();
}

bool Threads::all_ended() const {
    return std::all_of(threads_.begin() + 1, threads_.end(),
                       [](const auto& t) { return t->status == ModelThread::Status::Ended; });
}

std::int64_t Threads::running_count() const {
    return std::count_if(threads_.begin() + 1, threads_.end(),
                         [](const auto& t) { return t->status != ModelThread::Status::Ended; });
}

std::uint64_t Threads::ident(const ThreadState& ts) const {
    for (const auto& t : threads_)
        if (t->state == &ts) return t->ident;
    return threads_.front()->ident;
}

std::uint64_t Threads::native_id(const ThreadState& ts) const {
    for (const auto& t : threads_)
        if (t->state == &ts) return t->native_id;
    return threads_.front()->native_id;
}

bool Threads::is_main(const ThreadState& ts) const { return threads_.front()->state == &ts; }

std::size_t Threads::number(const ThreadState& ts) const {
    if (threads_.front()->state == &ts) return 0;
    for (std::size_t i = 1; i < threads_.size(); ++i)
        if (threads_[i]->state == &ts) return i;
    return 0;
}

void Threads::make_ready(ModelThread* t) {
    t->status = ModelThread::Status::Ready;
    ready_.push_back(t);
}

void Threads::update_contention() {
    bool contended = !ready_.empty() || std::any_of(threads_.begin(), threads_.end(), [](const auto& t) {
        return t->status == ModelThread::Status::Waiting && t->timed;
    });
    if (contended && !g_threads_contended) request_eval_breaker();
    g_threads_contended = contended;
}

void Threads::count_switch_free_step() {
    if (!g_threads_contended) return;
    if (--budget_ <= 0) {
        budget_ = kSwitchFreeBudget;
        unsupported(
            fmt::format("a thread ran {} steps without blocking while another thread could run: where the "
                        "runtime switches threads then depends on time",
                        kSwitchFreeBudget));
    }
    request_eval_breaker();
}

// The first ready thread; when none is, the model's clock moves on to the
// earliest deadline of a timed wait, which ends.
Threads::ModelThread* Threads::choose_next(std::unique_lock<std::mutex>&) {
    while (!ready_.empty()) {
        ModelThread* t = ready_.front();
        ready_.pop_front();
        if (t->status == ModelThread::Status::Ready) return t;
    }
    ModelThread* earliest = nullptr;
    for (auto& t : threads_)
        if (t->status == ModelThread::Status::Waiting && t->timed && (!earliest || t->deadline < earliest->deadline))
            earliest = t.get();
    if (!earliest) return nullptr;
    now_ = std::max(now_, earliest->deadline);
    earliest->timed_out = true;
    earliest->status = ModelThread::Status::Ready;
    return earliest;
}

void Threads::pass_baton(ModelThread* next) {
    running_ = next;
    next->status = ModelThread::Status::Running;
    next->turn.notify_one();
}

void Threads::await_baton(ModelThread* me, std::unique_lock<std::mutex>& lock) {
    me->turn.wait(lock, [&] { return running_ == me; });
    rt().set_thread(me->state);
    budget_ = kSwitchFreeBudget;
    update_contention();
}

std::uint64_t Threads::start(Object* func, Object* args, Object* kwargs) {
    std::unique_lock lock(mutex_);
    reclaim_stacks();
    auto owned = std::make_unique<ModelThread>();
    ModelThread* t = owned.get();
    t->owner = this;
    t->own_state = std::make_unique<ThreadState>();
    t->state = t->own_state.get();
    t->func = share(func).release();
    t->args = share(args).release();
    t->kwargs = kwargs ? share(kwargs).release() : nullptr;
    void* stack = mmap(nullptr, kThreadStack, PROT_READ | PROT_WRITE,
                       MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE | MAP_GROWSDOWN | MAP_STACK, -1, 0);
    int failed = stack == MAP_FAILED;
    if (!failed) {
        pthread_attr_t attr;
        pthread_attr_init(&attr);
        pthread_attr_setstack(&attr, stack, kThreadStack);
        failed = pthread_create(&t->os, &attr, &thread_main, t);
        pthread_attr_destroy(&attr);
        if (failed) munmap(stack, kThreadStack);
        else t->stack = stack;
    }
    if (failed) {
        decref(t->func);
        decref(t->args);
        xdecref(t->kwargs);
        lock.unlock();
        raise(types.RuntimeError, "can't start new thread");
    }
    t->ident = static_cast<std::uint64_t>(t->os);
    threads_.push_back(std::move(owned));
    make_ready(t);
    update_contention();
    return t->ident;
}

bool Threads::wait(const void* on, const std::function<bool()>& ready, double timeout) {
    if (ready()) return true;
    ModelThread* me = self();
    std::unique_lock lock(mutex_);
    if (me->state->uninterruptible && !all_ended()) {
        lock.unlock();
        unsupported("a wait inside a finalizer or a weakref callback (another thread would run in the middle of it)");
    }
    const double deadline = now_ + timeout;
    for (;;) {
        me->status = ModelThread::Status::Waiting;
        me->waits_on = on;
        me->timed = timeout >= 0;
        me->deadline = deadline;
        me->timed_out = false;
        ModelThread* next = choose_next(lock);
        if (!next) {
            me->status = ModelThread::Status::Running;
            lock.unlock();
            if (is_main(*me->state)) unsupported("every thread waits for another (the runtime would hang)");
            stop("every thread waits for another (the runtime would hang)");
        }
        if (next != me) {
            pass_baton(next);
            await_baton(me, lock);
        } else {
            pass_baton(me);
            update_contention();
        }
        if (!stop_reason_.empty()) {
            lock.unlock();
            throw Unsupported{stop_reason_, " (in a thread the program started)"};
        }
        me->waits_on = nullptr;
        const bool timed_out = me->timed_out;
        lock.unlock();
        if (ready()) return true;
        if (timed_out) return false;
        lock.lock();
    }
}

void Threads::notify(const void* on) {
    std::unique_lock lock(mutex_);
    for (auto& t : threads_)
        if (t->status == ModelThread::Status::Waiting && t->waits_on == on) make_ready(t.get());
    update_contention();
}

void Threads::check_at_exit() {
    std::unique_lock lock(mutex_);
    for (auto& t : threads_)
        if (t->status == ModelThread::Status::Ready || (t->status == ModelThread::Status::Waiting && t->timed))
            unsupported("a thread that can still run at exit (the runtime stops it at a point that depends on time)");
}

// A thread that cannot go on (unsupported, or every thread waits) stops
// the program from the main thread, which waits: it reports why. This one
// waits for good, its C++ frames never unwound (that would run the
// program's code).
void Threads::stop(const std::string& why) {
    std::unique_lock lock(mutex_);
    stop_reason_ = why;
    ModelThread* me = self();
    me->status = ModelThread::Status::Waiting;
    me->timed = false;
    me->waits_on = nullptr;
    pass_baton(threads_.front().get());
    me->turn.wait(lock, [] { return false; });
    std::abort();  // never woken
}

void* Threads::thread_main(void* arg) {
    auto* me = static_cast<ModelThread*>(arg);
    Threads* owner = me->owner;
    {
        std::unique_lock lock(owner->mutex_);
        me->native_id = static_cast<std::uint64_t>(gettid());
        owner->await_baton(me, lock);
    }
    owner->run_thread(me);
    return nullptr;
}

void Threads::run_thread(ModelThread* me) {
    std::string failure;
    try {
        {
            Ref<> func = Ref<>::take(me->func);
            Ref<TupleObject> args = Ref<TupleObject>::take(static_cast<TupleObject*>(me->args));
            Ref<DictObject> kwargs = Ref<DictObject>::take(static_cast<DictObject*>(me->kwargs));
            me->func = me->args = me->kwargs = nullptr;
            try {
                call_ex(func.get(), args, kwargs);
            } catch (const PyException&) {
                Ref<> exc = take_exception();
                if (!exception_is(exc.get(), types.SystemExit))
                    unsupported("an exception that leaves a function _thread.start_new_thread started");
            }
        }
        for (auto& hook : end_hooks_) hook(*me->state);
    } catch (const Unsupported& u) {
        failure = u.what + (u.where.empty() ? frame_location(me->state->current_frame) : u.where);
    }
    if (!failure.empty()) stop(failure);
    std::unique_lock lock(mutex_);
    me->status = ModelThread::Status::Ended;
    ModelThread* next = choose_next(lock);
    if (!next) {
        lock.unlock();
        stop("every thread waits for another (the runtime would hang)");
    }
    pass_baton(next);
}

}  // namespace vm
