#include "runner/run_case.hpp"

#include "runner/normalize.hpp"
#include "runner/temp_dir.hpp"
#include "runner/text.hpp"

#include <fmt/format.h>

#include <atomic>
#include <deque>
#include <fstream>

namespace memconform {

namespace fs = std::filesystem;

namespace {

// The spellings of [dir] a program may print: as created, and with
// symlinks resolved.
std::vector<std::string> spellings(const fs::path& dir) {
    std::error_code ignored;
    return {dir.string(), fs::canonical(dir, ignored).string()};
}

// The trace [path] holds, its middle cut out past kTraceHeadLines +
// kTraceTailLines lines; empty if there is none.
std::string read_trace(const fs::path& path) {
    std::ifstream in(path, std::ios::binary);
    std::string head, line;
    std::deque<std::string> tail;
    std::size_t lines = 0;
    while (std::getline(in, line)) {
        if (++lines <= kTraceHeadLines) {
            head += line + "\n";
            continue;
        }
        tail.push_back(line + "\n");
        if (tail.size() > kTraceTailLines) tail.pop_front();
    }
    if (lines > kTraceHeadLines + kTraceTailLines)
        head += fmt::format("... {} lines left out ...\n", lines - kTraceHeadLines - kTraceTailLines);
    for (const auto& kept : tail) head += kept;
    return head;
}

// Where the traces go: one folder for every run of this process, outside
// the run's own folder (which the program may list), each run's trace a
// file of its own, removed once read. A folder made and removed for each
// run cost a mkdir and an rmdir, and ext4's rmdir takes about a
// millisecond of waiting on the journal, on the busy machine.
fs::path new_trace_path() {
    static TempDir folder("memconform-trace-");
    static std::atomic<unsigned long> serial{0};
    return folder.path() / fmt::format("trace-{}", ++serial);
}

}  // namespace

namespace {

Observation run_in_temp_dir(std::string_view source, const std::string& file_name, const Backend& backend,
                            const Limits& limits, bool explain) {
    TempDir dir("memconform-");
    auto copy = dir.path() / file_name;
    write_scratch_file(copy, source);
    auto trace = explain && !backend.explain.empty() ? new_trace_path() : fs::path();
    Observation seen;
    try {
        seen.raw = execute(case_command(backend, copy, trace), case_environment(backend.env), dir.path(), limits);
    } catch (const std::invalid_argument& e) {  // a malformed command: the backend, not the runner, fails
        seen.raw.output = e.what();
    }
    NormalizeContext context{spellings(dir.path())};
    seen.outcome = outcome_text(seen.raw, limits, context);
    if (!trace.empty()) {
        seen.trace = replace_temp_dirs(read_trace(trace), context);
        std::error_code ignored;
        fs::remove(trace, ignored);
    }
    return seen;
}

}  // namespace

Observation run_source(std::string_view source, const std::string& file_name, const Backend& backend,
                       const Limits& limits, bool explain) {
    try {
        return run_in_temp_dir(source, file_name, backend, limits, explain);
    } catch (const std::exception& e) {  // the runner's own failure: a full TMPDIR, no process left
        Observation seen;
        seen.runner_error = e.what();
        seen.raw.output = "memconform could not run it: " + seen.runner_error;
        seen.outcome = outcome_text(seen.raw, limits, {});
        return seen;
    }
}

Observation run_case(const Case& c, const Backend& backend, const Limits& limits) {
    Limits mine = limits;
    if (c.front.long_timeout) mine.timeout *= kLongTimeoutFactor;
    return run_source(c.source, c.path.filename().string(), backend, mine, true);
}

}  // namespace memconform
