// The command line: every subcommand, its options and its --help (CLI11).
#pragma once

#include "runner/execute.hpp"
#include "runner/reports/differences.hpp"
#include "runner/selection.hpp"

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace memconform {

struct Options {
    std::string command;  // list, lint, run, record, compare, report, merge, fuzz, peer
    std::string root;  // --root; empty: found from the current folder

    // Which cases (run, record, compare); fuzz: its shard only.
    Selection selection;
    std::string failed_from;  // run, compare: a run whose failures are the selection
    // How they run (run, record, compare).
    std::vector<std::string> backends;  // names, or NAME[:PROFILE]=COMMAND
    unsigned jobs = 0;  // 0 (not given): one per core
    // The limits of a run, by default runner/execute.hpp's.
    double timeout_seconds = std::chrono::duration<double>(Limits{}.timeout).count();
    std::size_t output_cap = Limits{}.output_cap;
    std::size_t memory_mib = Limits{}.memory_mib;
    bool verbose = false;
    bool quiet = false;  // run and compare: the headline and the failures only
    bool strict = false;
    std::string reports;  // empty: <root>/reports

    // peer: record the listings instead of judging (one backend)
    bool record = false;
    // baseline: write baselines/ from a run
    bool update = false;
    // list
    bool list_cases = false, list_tags = false, list_backends = false;
    // report
    bool differences = false, versions = false, check = false;
    std::string left{kDifferencesLeft}, right{kDifferencesRight};
    std::string output;  // report: empty: docs/differences.md; diff: the --html page
    // merge: results.json files, or the folders that hold them; diff: its two runs
    std::vector<std::string> inputs;
    // fuzz (--backend is the model, --against the real interpreter)
    std::string against;
    std::optional<std::uint64_t> seed;  // none: a random one
    std::size_t count = 100;
    std::vector<std::string> without;  // features turned off
    bool show = false, no_shrink = false;
    std::size_t shrink_tries = 400;  // runs of both backends per disagreement
};

// Fills [options] from the command line. Returns the exit status when
// memconform should stop here (--help, or a usage error already printed).
std::optional<int> parse_command_line(int argc, char** argv, Options& options);

// The command line as typed, for the reports.
std::string command_line_text(int argc, char** argv);

}  // namespace memconform
