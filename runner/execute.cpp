#include "runner/execute.hpp"

#include "runner/containment.hpp"
#include "runner/interrupt.hpp"

#include <fmt/format.h>

// search_path.hpp uses boost::system without including it.
#include <boost/system/error_code.hpp>

#include <boost/process/search_path.hpp>

#include <fcntl.h>
#include <poll.h>
#include <sched.h>
#include <signal.h>
#include <sys/mman.h>
#include <sys/personality.h>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <cstring>
#include <fstream>
#include <memory>

namespace memconform {

namespace bp = boost::process;
using Clock = std::chrono::steady_clock;

namespace {

// What the child does between its start and exec, prepared beforehand:
// it runs on the runner's memory (below), so it only makes system calls.
struct Launch {
    const char* program;
    char* const* argv;
    char* const* envp;
    const char* cwd;
    int null_in, out;
    std::size_t memory_mib;
    int error = 0;  // errno of the step that failed, written by the child
};

// Runs in the child until exec: its own process group; stdin from
// /dev/null, stdout and stderr the output pipe; the signals memconform
// blocks unblocked, every handler the runner set back to its default;
// death with the thread that started it (if memconform itself is killed),
// no core files, no address-space randomization, and the memory limit.
// With randomization, where PyPy's nursery lands moves its minor
// collections, and with them which weakrefs are cleared and which slots its
// flush list reuses: about one run in 30 differs (setarch -R is the same
// switch; where the system refuses it, the case runs randomized).
// RLIMIT_DATA counts memory a process writes to, not the address space V8
// and the JVM reserve up front, so one limit suits every backend.
int launch_child(void* arg) {
    auto& launch = *static_cast<Launch*>(arg);
    auto fail = [&] {
        launch.error = errno;
        _exit(127);
        return 0;
    };
    for (int signal = 1; signal < NSIG; ++signal) {
        struct sigaction action;
        if (sigaction(signal, nullptr, &action) != 0 || action.sa_handler == SIG_IGN || action.sa_handler == SIG_DFL)
            continue;
        action.sa_handler = SIG_DFL;
        action.sa_flags = 0;
        sigaction(signal, &action, nullptr);
    }
    if (setpgid(0, 0) != 0) return fail();
    if (dup2(launch.null_in, 0) < 0 || dup2(launch.out, 1) < 0 || dup2(launch.out, 2) < 0) return fail();
    if (chdir(launch.cwd) != 0) return fail();
    prctl(PR_SET_PDEATHSIG, SIGKILL);
    rlimit none{0, 0};
    setrlimit(RLIMIT_CORE, &none);
    if (int persona = personality(0xffffffff); persona != -1)
        personality(static_cast<unsigned long>(persona) | ADDR_NO_RANDOMIZE);
    if (launch.memory_mib != 0) {
        rlim_t bytes = static_cast<rlim_t>(launch.memory_mib) << 20;
        rlimit data{bytes, bytes};
        setrlimit(RLIMIT_DATA, &data);
    }
    sigset_t none_blocked;
    sigemptyset(&none_blocked);
    sigprocmask(SIG_SETMASK, &none_blocked, nullptr);
    execve(launch.program, launch.argv, launch.envp);
    return fail();
}

// Starts [launch] as posix_spawn does, with clone(CLONE_VM | CLONE_VFORK):
// the child runs on the runner's memory until it execs, and this thread
// waits until then. A fork would copy the runner's page tables for every
// case (and the two workers' forks contend for its memory map's lock), and
// the exec would tear that copy down again: most of the runner's own CPU
// over the corpus. The child gets a stack of its own, and every signal is
// blocked while it shares the runner's memory, so that no handler runs
// there. Returns the pid, or -1 with errno set.
pid_t spawn(Launch& launch) {
    constexpr std::size_t kStack = 64 * 1024;
    thread_local std::unique_ptr<char[]> stack(new char[kStack]);
    sigset_t all, before;
    sigfillset(&all);
    pthread_sigmask(SIG_SETMASK, &all, &before);
    pid_t pid = ::clone(launch_child, stack.get() + kStack, CLONE_VM | CLONE_VFORK | SIGCHLD, &launch);
    int clone_error = errno;
    pthread_sigmask(SIG_SETMASK, &before, nullptr);
    if (pid < 0) {
        errno = clone_error;
        return -1;
    }
    if (launch.error != 0) {  // the child has exited: reap it
        ::waitpid(pid, nullptr, 0);
        errno = launch.error;
        return -1;
    }
    return pid;
}

// NAME=VALUE strings and the null-terminated pointers execve takes.
class CStrings {
  public:
    void add(std::string text) { texts_.push_back(std::move(text)); }
    char* const* pointers() {
        pointers_.clear();
        for (auto& text : texts_) pointers_.push_back(text.data());
        pointers_.push_back(nullptr);
        return pointers_.data();
    }

  private:
    std::vector<std::string> texts_;
    std::vector<char*> pointers_;
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
        source_ = fds[0];
        sink_ = fds[1];
        // Failing (over the user's pipe quota), the pipe keeps its default size.
        if (std::size_t size = std::min(cap, largest_pipe()); size > kDefaultPipe)
            fcntl(sink_, F_SETPIPE_SZ, static_cast<int>(size));
    }
    ~OutputPipe() {
        ::close(source_);
        close_sink();
    }
    OutputPipe(const OutputPipe&) = delete;
    OutputPipe& operator=(const OutputPipe&) = delete;

    int fd() const { return source_; }
    int sink() const { return sink_; }
    // Once the child has it: the output ends when the child's copies close.
    void close_sink() {
        if (sink_ >= 0) ::close(sink_);
        sink_ = -1;
    }

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

    int source_ = -1, sink_ = -1;
};

CStrings environment_strings(const Environment& env, const std::string& marker) {
    CStrings out;
    for (const auto& [name, value] : env)
        if (name != kCaseMarkerVariable) out.add(name + "=" + value);
    out.add(fmt::format("{}={}", kCaseMarkerVariable, marker));
    return out;
}

int milliseconds_until(Clock::time_point deadline) {
    auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - Clock::now()).count();
    return static_cast<int>(std::max<long long>(left, 0));
}

// Follows one started child until its output ends and it has exited.
class Watch {
  public:
    Watch(pid_t child, const std::string& marker, OutputPipe& out, const Limits& limits)
        : child_(child),
          marker_(marker),
          out_(out),
          limits_(limits),
          pidfd_(static_cast<int>(::syscall(SYS_pidfd_open, child, 0))),
          deadline_(Clock::now() + limits.timeout) {}
    ~Watch() {
        if (pidfd_ >= 0) ::close(pidfd_);
    }

    RawOutcome run(Clock::time_point started) {
        RawOutcome outcome;
        while (!stopped_ && (open_ || !exited_)) step(outcome.output);
        stop_group();
        drain(outcome.output);
        while (::waitpid(child_, &status_, 0) < 0 && errno == EINTR) {
        }
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
        ::kill(-child_, SIGKILL);
        kill_marked(marker_, exited_ && pidfd_ >= 0);  // without a pidfd, exited_ is the output's end
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
        int status = status_;
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

    pid_t child_;
    int status_ = 0;
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
        int null_in = ::open("/dev/null", O_RDONLY | O_CLOEXEC);
        if (null_in < 0) throw std::system_error(errno, std::generic_category(), "/dev/null");
        CStrings args, environment = environment_strings(env, marker);
        args.add(program.string());  // argv[0] the full path, as it always was
        for (auto arg = argv.begin() + 1; arg != argv.end(); ++arg) args.add(*arg);
        auto program_text = program.string(), cwd_text = cwd.string();
        Launch launch{program_text.c_str(), args.pointers(),  environment.pointers(), cwd_text.c_str(), null_in,
                      out.sink(),           limits.memory_mib};
        pid_t child = spawn(launch);
        int spawn_error = errno;
        ::close(null_in);
        out.close_sink();
        if (child < 0) return not_started(argv[0] + ": " + std::strerror(spawn_error));
        note_case_process(child);
        struct Forget {
            pid_t pid;
            ~Forget() { forget_case_process(pid); }
        } forget{child};  // once reaped, by run()
        return Watch(child, marker, out, limits).run(started);
    } catch (const std::system_error& e) {
        return not_started(argv[0] + ": " + e.what());
    }
}

}  // namespace memconform
