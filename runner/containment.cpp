#include "runner/containment.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <atomic>
#include <cctype>
#include <csignal>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <functional>
#include <mutex>
#include <string_view>
#include <unordered_set>
#include <vector>

#include <fcntl.h>
#include <sys/prctl.h>
#include <sys/wait.h>
#include <unistd.h>

namespace memconform {

namespace fs = std::filesystem;

namespace {

bool is_number(const std::string& name) {
    return !name.empty() && std::all_of(name.begin(), name.end(), [](unsigned char c) { return std::isdigit(c); });
}

// The numeric entries of a /proc folder (a process may end while it is read).
std::vector<pid_t> numbered_entries(const fs::path& folder) {
    std::vector<pid_t> ids;
    std::error_code error;
    for (const auto& entry : fs::directory_iterator(folder, error))
        if (auto name = entry.path().filename().string(); is_number(name))
            ids.push_back(static_cast<pid_t>(std::stol(name)));
    return ids;
}

// The text of /proc/[pid]/[name], or what could be read of it: the process
// may end while it is read (ESRCH), which is not an error here.
std::string proc_file(pid_t pid, const std::string& name) {
    std::string text;
    int fd = ::open(fmt::format("/proc/{}/{}", pid, name).c_str(), O_RDONLY | O_CLOEXEC);
    if (fd < 0) return text;
    char buffer[4096];
    for (ssize_t n; (n = ::read(fd, buffer, sizeof buffer)) > 0;) text.append(buffer, static_cast<std::size_t>(n));
    ::close(fd);
    return text;
}

// Whether the kernel lists each thread's children (CONFIG_PROC_CHILDREN).
bool children_listed() {
    static const bool listed = fs::exists(fmt::format("/proc/{}/task/{}/children", getpid(), getpid()));
    return listed;
}

// The children of [pid]'s threads, as /proc lists them.
std::vector<pid_t> children_of(pid_t pid) {
    std::vector<pid_t> children;
    for (pid_t thread : numbered_entries(fmt::format("/proc/{}/task", pid))) {
        auto list = proc_file(pid, fmt::format("task/{}/children", thread));
        for (const char* p = list.c_str(); *p;) {
            char* end = nullptr;
            long child = std::strtol(p, &end, 10);
            if (end == p) break;
            children.push_back(static_cast<pid_t>(child));
            p = end;
        }
    }
    return children;
}

// The processes a case may have left: this process's descendants. It is
// their subreaper, so whatever a case starts stays below it even when its
// parent dies; walking them costs what the cases started, not what runs on
// the machine. Every process on the system where the kernel does not list
// children.
std::vector<pid_t> descendants() {
    if (!children_listed()) return numbered_entries("/proc");
    std::vector<pid_t> found = children_of(getpid());
    for (std::size_t i = 0; i < found.size(); ++i)
        for (pid_t child : children_of(found[i])) found.push_back(child);
    return found;
}

// Whether one NUL-separated entry of [pid]'s environment satisfies [wanted]
// (a zombie's, or another user's, reads as empty).
bool environment_has(pid_t pid, const std::function<bool(std::string_view)>& wanted) {
    auto environ_text = proc_file(pid, "environ");
    std::string_view rest = environ_text;
    while (!rest.empty()) {
        auto end = rest.find('\0');
        if (wanted(rest.substr(0, end))) return true;
        if (end == std::string_view::npos) break;
        rest.remove_prefix(end + 1);
    }
    return false;
}

// SIGKILLs every process whose environment satisfies [wanted], again until
// none is left: one may fork between the listing and its kill.
std::size_t kill_matching(const std::function<bool(std::string_view)>& wanted) {
    std::size_t killed = 0;
    for (int round = 0; round < 100; ++round) {
        std::size_t found = 0;
        for (pid_t pid : descendants())
            if (pid != getpid() && environment_has(pid, wanted) && ::kill(pid, SIGKILL) == 0) ++found;
        if (!found) break;
        killed += found;
    }
    return killed;
}

struct ProcessState {
    char state = '?';
    pid_t parent = 0, group = 0, session = 0;
};

ProcessState state_of(pid_t pid) {
    // pid (comm) state ppid pgrp session ...; comm may hold spaces and parentheses.
    auto stat = proc_file(pid, "stat");
    auto close = stat.rfind(") ");
    ProcessState s;
    if (close == std::string::npos) return s;
    std::sscanf(stat.c_str() + close + 2, "%c %d %d %d", &s.state, &s.parent, &s.group, &s.session);
    return s;
}

// Reaps the ended orphans re-parented here. A case's own process leads its
// process group in memconform's session; an orphan does not, or leads a
// session of its own.
void reap_adopted() {
    const pid_t self = getpid(), own_session = getsid(0);
    for (pid_t pid : children_listed() ? children_of(self) : numbered_entries("/proc")) {
        auto s = state_of(pid);
        bool case_leader = s.group == pid && s.session == own_session;
        if (s.parent == self && s.state == 'Z' && !case_leader) ::waitpid(pid, nullptr, WNOHANG);
    }
}

std::string entry_prefix() { return fmt::format("{}={}.", kCaseMarkerVariable, getpid()); }

// The cases' own processes, started and not yet reaped.
std::mutex case_processes_lock;
std::unordered_set<pid_t> case_processes;

// Whether every child of this process is a case's own process. A process a
// case left, once that case's own process has exited, is a child of this
// process (its subreaper) and none of those. A child started by another
// worker a moment ago and not yet noted reads as a stray: the full search
// follows, as it would anyway.
bool only_case_processes_below() {
    if (!children_listed()) return false;
    auto children = children_of(getpid());
    std::lock_guard hold(case_processes_lock);
    return std::all_of(children.begin(), children.end(), [](pid_t pid) { return case_processes.contains(pid); });
}

}  // namespace

std::string new_case_marker() {
    static std::atomic<unsigned long> serial{0};
    return fmt::format("{}.{}", getpid(), ++serial);
}

void become_subreaper() { ::prctl(PR_SET_CHILD_SUBREAPER, 1); }

void note_case_process(pid_t pid) {
    std::lock_guard hold(case_processes_lock);
    case_processes.insert(pid);
}

void forget_case_process(pid_t pid) {
    std::lock_guard hold(case_processes_lock);
    case_processes.erase(pid);
}

std::size_t kill_marked(const std::string& marker, bool own_process_exited) {
    // Reading the environments is what costs here: each /proc entry looked
    // up is one more for the kernel to flush when its process is reaped.
    if (own_process_exited && only_case_processes_below()) return 0;
    const auto entry = fmt::format("{}={}", kCaseMarkerVariable, marker);
    auto killed = kill_matching([&](std::string_view e) { return e == entry; });
    reap_adopted();
    return killed;
}

std::size_t kill_every_case_process() {
    const auto prefix = entry_prefix();
    return kill_matching([&](std::string_view e) { return e.starts_with(prefix); });
}

}  // namespace memconform
