// What the runner's tests share: fixture paths and scratch folders.
#pragma once

#include "runner/execute.hpp"
#include "runner/temp_dir.hpp"
#include "runner/text.hpp"

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include <chrono>
#include <filesystem>
#include <string>
#include <thread>
#include <vector>

namespace memconform::testing {

namespace fs = std::filesystem;

inline fs::path fixture(const std::string& relative) { return fs::path(FIXTURES) / relative; }

// True while [pid] runs: a killed process whose parent has not reaped it
// yet (a zombie) is dead.
inline bool is_running(int pid) {
    std::error_code error;
    auto stat = fs::path("/proc") / std::to_string(pid) / "stat";
    if (!fs::exists(stat, error)) return false;
    auto text = read_file(stat);
    auto state = text.find(") ");
    return state != std::string::npos && text[state + 2] != 'Z' && text[state + 2] != 'X';
}

// True once [pid] has died, within [limit]: SIGKILL is delivered
// asynchronously, later on a loaded machine. A process left running (what
// these tests guard against) outlives the limit by far: they sleep 60 s.
inline bool dies_within(int pid, std::chrono::milliseconds limit) {
    auto deadline = std::chrono::steady_clock::now() + limit;
    while (is_running(pid)) {
        if (std::chrono::steady_clock::now() > deadline) return false;
        std::this_thread::sleep_for(std::chrono::milliseconds(10));
    }
    return true;
}

// A raw outcome that ended as [ending] with [code], for the judges' tests.
inline RawOutcome ended(Ending ending, int code = 0) {
    RawOutcome raw;
    raw.ending = ending;
    raw.code = code;
    return raw;
}

// A temporary folder for one test, removed at its end.
class Scratch : public TempDir {
  public:
    Scratch() : TempDir("memconform-test-") {}

    fs::path write(const std::string& relative, std::string_view content) const {
        write_file(path() / relative, content);
        return path() / relative;
    }
};

struct Invocation {
    int status;
    std::string output;
};

// A copy of the fixture project [name] that a test may change.
inline fs::path copy_of_fixture(const std::string& name, const Scratch& scratch) {
    auto root = scratch.path() / name;
    fs::copy(fixture(name), root, fs::copy_options::recursive);
    return root;
}

// The result of [case_id] on [backend] in the last run of [reports].
inline nlohmann::json result_of(const fs::path& reports, const std::string& case_id, const std::string& backend) {
    auto run = nlohmann::json::parse(read_file(reports / "latest" / "results.json"));
    for (const auto& r : run["results"])
        if (r["case"] == case_id && r["backend"] == backend) return r;
    FAIL("no result for " << case_id << " on " << backend);
    return {};
}

// The memconform binary, on the project at [root], with [args].
inline Invocation invoke(const fs::path& root, std::vector<std::string> args, const Environment& extra = {}) {
    args.insert(args.begin(), {MEMCONFORM_BINARY, "--root", root.string()});
    auto raw = execute(args, case_environment(extra), root, {std::chrono::seconds(300), 1 << 24, 0});
    INFO(raw.output);
    REQUIRE(raw.ending == Ending::Exited);  // whatever the cases did, memconform itself exits
    return {raw.code, raw.output};
}

}  // namespace memconform::testing
