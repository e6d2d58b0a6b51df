#include "runner/execute.hpp"

#include "runner/containment.hpp"
#include "runner/interrupt.hpp"

#include <boost/process/args.hpp>
#include <boost/process/child.hpp>
#include <boost/process/env.hpp>
#include <boost/process/environment.hpp>
#include <boost/process/exe.hpp>
#include <boost/process/extend.hpp>
#include <boost/process/group.hpp>
#include <boost/process/io.hpp>
#include <boost/process/pipe.hpp>
#include <boost/process/search_path.hpp>
#include <boost/process/start_dir.hpp>

#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <sys/personality.h>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <fstream>

namespace memconform {

namespace bp = boost::process;
using Clock = std::chrono::steady_clock;

namespace {

// Runs in the child between fork and exec: the signals memconform blocks
// unblocked, death with the thread that started it (if memconform itself is
// killed), no core files, no address-space randomization, and the memory
// limit. With randomization, where PyPy's nursery lands moves its minor
// collections, and with them which weakrefs are cleared and which slots its
// flush list reuses: about one run in 30 differs (setarch -R is the same
// switch; where the system refuses it, the case runs randomized).
// RLIMIT_DATA counts memory a process writes to, not the address space V8
// and the JVM reserve up front, so one limit suits every backend.
struct ResourceLimits : bp::extend::handler {
    std::size_t memory_mib;

    template <class Executor> void on_exec_setup(Executor&) const {
        sigset_t none_blocked;
        sigemptyset(&none_blocked);
        sigprocmask(SIG_SETMASK, &none_blocked, nullptr);
        prctl(PR_SET_PDEATHSIG, SIGKILL);
        rlimit none{0, 0};
        setrlimit(RLIMIT_CORE, &none);
        if (int persona = personality(0xffffffff); persona != -1)
            personality(static_cast<unsigned long>(persona) | ADDR_NO_RANDOMIZE);
        if (memory_mib == 0) return;
        rlim_t bytes = static_cast<rlim_t>(memory_mib) << 20;
        rlimit data{bytes, bytes};
        setrlimit(RLIMIT_DATA, &data);
    }
};

// The child's merged output, read until every writer is gone. The pipe
// holds the whole output cap where the kernel allows it
// (/proc/sys/fs/pipe-max-size), so that a write never waits for the reader:
// when PyPy's writes to a full pipe block, its finalizers' output can come in
// another order (seen with a reader that waits: a raising __del__'s report
// moved to the exit), so an outcome of more than 64 KiB would depend on how
// busy the machine is.
class OutputPipe {
  public:
    explicit OutputPipe(std::size_t cap) {
        int fds[2];
        if (pipe2(fds, O_CLOEXEC) != 0) throw std::system_error(errno, std::generic_category(), "pipe2");
        pipe_ = bp::pipe(fds[0], fds[1]);
        // Failing (over the user's pipe quota), the pipe keeps its default size.
        if (std::size_t size = std::min(cap, largest_pipe()); size > kDefaultPipe)
            fcntl(fds[1], F_SETPIPE_SZ, static_cast<int>(size));
    }
    bp::pipe& pipe() { return pipe_; }
    int fd() const { return pipe_.native_source(); }

    // Reads what is there; false at end of file.
    bool read_into(std::string& output, std::size_t cap, bool& capped) {
        char buffer[65536];
        ssize_t n = ::read(fd(), buffer, sizeof buffer);
        if (n < 0) return errno == EINTR || errno == EAGAIN;
        if (n == 0) return false;
        std::size_t room = cap > output.size() ? cap - output.size() : 0;
        output.append(buffer, std::min(room, static_cast<std::size_t>(n)));
        if (static_cast<std::size_t>(n) > room) capped = true;
        return true;
    }

  private:
    static constexpr std::size_t kDefaultPipe = 1 << 16;
    static std::size_t largest_pipe() {
        static const std::size_t kLargest = [] {
            std::size_t bytes = 1 << 20;  // the kernel's default limit
            std::ifstream("/proc/sys/fs/pipe-max-size") >> bytes;
            return bytes;
        }();
        return kLargest;
    }

    bp::pipe pipe_;
};

bp::environment to_boost(const Environment& env, const std::string& marker) {
    bp::environment out;
    out.clear();
    for (const auto& [name, value] : env) out[name] = value;
    out[std::string(kCaseMarkerVariable)] = marker;
    return out;
}

int milliseconds_until(Clock::time_point deadline) {
    auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - Clock::now()).count();
    return static_cast<int>(std::max<long long>(left, 0));
}

// Follows one started child until its output ends and it has exited.
class Watch {
  public:
    Watch(bp::child& child, bp::group& group, const std::string& marker, OutputPipe& out, const Limits& limits)
        : child_(child),
          group_(group),
          marker_(marker),
          out_(out),
          limits_(limits),
          pidfd_(static_cast<int>(::syscall(SYS_pidfd_open, child.id(), 0))),
          deadline_(Clock::now() + limits.timeout) {}
    ~Watch() {
        if (pidfd_ >= 0) ::close(pidfd_);
    }

    RawOutcome run(Clock::time_point started) {
        RawOutcome outcome;
        while (!stopped_ && (open_ || !exited_)) step(outcome.output);
        stop_group();
        drain(outcome.output);
        std::error_code ignored;
        child_.wait(ignored);
        outcome.seconds = std::chrono::duration<double>(exit_time_ - started).count();
        set_ending(outcome);
        return outcome;
    }

  private:
    // Waits for output, the exit of the child, the deadline or an interrupt.
    void step(std::string& output) {
        pollfd fds[3] = {
            {open_ ? out_.fd() : -1, POLLIN, 0}, {exited_ ? -1 : pidfd_, POLLIN, 0}, {interrupt_fd(), POLLIN, 0}};
        int ready = ::poll(fds, 3, milliseconds_until(deadline_));
        if (ready < 0 && errno == EINTR) return;
        if (ready == 0) return time_out();
        if (fds[2].revents) {
            interrupted_ = stopped_ = true;
            return;
        }
        if (fds[0].revents) open_ = out_.read_into(output, limits_.output_cap, capped_);
        if (fds[1].revents || (!open_ && pidfd_ < 0)) note_exit();  // no pidfd: take EOF for the exit
        if (capped_) stopped_ = true;
    }

    void note_exit() {
        exited_ = true;
        exit_time_ = Clock::now();
        stopped_ = open_;  // a process the case left behind still holds the pipe
    }

    void time_out() {
        timed_out_ = !exited_;
        stopped_ = true;
    }

    // Kills every process of the case's group, and every one that left it:
    // whatever is left must not outlive the case. The leader is not reaped
    // yet, so its group id is still ours.
    void stop_group() {
        std::error_code ignored;
        group_.terminate(ignored);
        kill_marked(marker_);
        if (!exited_) exit_time_ = Clock::now();
    }

    // Reads what the killed processes had written, for a short while: a
    // process that left the group may hold the pipe open for ever.
    void drain(std::string& output) {
        auto grace = Clock::now() + std::chrono::seconds(2);
        while (open_) {
            pollfd fd{out_.fd(), POLLIN, 0};
            if (::poll(&fd, 1, milliseconds_until(grace)) <= 0) break;
            open_ = out_.read_into(output, limits_.output_cap, capped_);
        }
    }

    void set_ending(RawOutcome& outcome) const {
        int status = child_.native_exit_code();
        if (interrupted_) {
            outcome.ending = Ending::Interrupted;
        } else if (timed_out_) {
            outcome.ending = Ending::TimedOut;
        } else if (capped_) {
            outcome.ending = Ending::Capped;
        } else if (WIFSIGNALED(status)) {
            outcome.ending = Ending::Signaled;
            outcome.code = WTERMSIG(status);
        } else {
            outcome.ending = Ending::Exited;
            outcome.code = WEXITSTATUS(status);
        }
    }

    bp::child& child_;
    bp::group& group_;
    const std::string& marker_;
    OutputPipe& out_;
    const Limits& limits_;
    int pidfd_;
    Clock::time_point deadline_;
    Clock::time_point exit_time_;
    bool open_ = true, exited_ = false, stopped_ = false, timed_out_ = false, capped_ = false, interrupted_ = false;
};

RawOutcome not_started(std::string why) {
    RawOutcome outcome;
    outcome.output = std::move(why);
    return outcome;
}

}  // namespace

std::filesystem::path find_program(const std::string& argv0) {
    if (argv0.find('/') != std::string::npos)
        return ::access(argv0.c_str(), X_OK) == 0 ? std::filesystem::path(argv0) : std::filesystem::path();
    return bp::search_path(argv0);
}

RawOutcome execute(const std::vector<std::string>& argv, const Environment& env, const std::filesystem::path& cwd,
                   const Limits& limits) {
    if (interrupting_signal()) {
        RawOutcome outcome;
        outcome.ending = Ending::Interrupted;
        return outcome;
    }
    if (argv.empty()) return not_started("empty command");
    auto program = find_program(argv[0]);
    if (program.empty()) return not_started(argv[0] + ": not found");
    [[maybe_unused]] static const bool kBecameSubreaper = (become_subreaper(), true);
    auto started = Clock::now();
    try {
        auto marker = new_case_marker();
        OutputPipe out(limits.output_cap);
        bp::group group;
        bp::child child(bp::exe = program.string(), bp::args = std::vector<std::string>(argv.begin() + 1, argv.end()),
                        to_boost(env, marker), bp::start_dir = cwd.string(),
                        bp::std_in<bp::null, (bp::std_out & bp::std_err)> out.pipe(), group,
                        ResourceLimits{{}, limits.memory_mib});
        return Watch(child, group, marker, out, limits).run(started);
    } catch (const bp::process_error& e) {
        return not_started(argv[0] + ": " + e.what());
    }
}

}  // namespace memconform
