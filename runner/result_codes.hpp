// The result codes of a case on a backend, as data (after LLVM lit's
// ResultCode): the summary, the reports and the exit status all read this
// one table.
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <string_view>

namespace memconform {

enum class Status {
    // Successes
    Pass,
    XFail,
    Unsupported,
    NoExpected,
    Skipped,
    // Failures
    Fail,
    XPass,
    Crash,
    Timeout,
    Error,
};

struct ResultCode {
    Status status;
    std::string_view name;  // as printed and stored in results.json
    std::string_view label;  // a few words for people
    bool is_failure;  // makes the run exit non-zero
    std::uint32_t color;  // 0xRRGGBB, for the terminal and index.html
};

inline constexpr std::array<ResultCode, 10> kResultCodes{{
    {Status::Pass, "PASS", "passed", false, 0x2e9e44},
    {Status::XFail, "XFAIL", "failed as the baseline expects", false, 0x7fa7d9},
    {Status::Unsupported, "UNSUPPORTED", "lacks a capability the case requires, or the model rejected a construct",
     false, 0xa0a0a0},
    {Status::NoExpected, "NO-EXPECTED", "no recorded outcome for this profile", false, 0xc8a0e0},
    {Status::Skipped, "SKIPPED", "backend not available", false, 0xd0d0d0},
    {Status::Fail, "FAIL", "outcome differs from the expected one", true, 0xd9412b},
    {Status::XPass, "XPASS", "passed although the baseline expects a failure", true, 0xf08c00},
    {Status::Crash, "CRASH", "killed by a signal or could not start", true, 0x8b1a1a},
    {Status::Timeout, "TIMEOUT", "ran past the time limit", true, 0xb8860b},
    {Status::Error, "ERROR", "the case file is broken, or the runner could not run it: not run (the note says why)",
     true, 0x6a1b9a},
}};

constexpr const ResultCode& result_code(Status status) { return kResultCodes[static_cast<std::size_t>(status)]; }

std::optional<Status> status_named(std::string_view name);

// Under --strict, every case must pass: NO-EXPECTED, UNSUPPORTED and
// SKIPPED fail the run too.
bool fails_run(Status status, bool strict);

}  // namespace memconform
