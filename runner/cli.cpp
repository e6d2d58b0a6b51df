#include "runner/cli.hpp"

#include "runner/fuzz/classify.hpp"
#include "runner/fuzz/generator.hpp"
#include "runner/normalize.hpp"
#include "runner/registry.hpp"
#include "runner/result_codes.hpp"

#include <fmt/format.h>
#include <CLI/CLI.hpp>

#include <charconv>
#include <cmath>
#include <cstdlib>
#include <limits>

namespace memconform {

namespace {

constexpr std::string_view kDescription =
    "memconform: a conformance suite for Python memory-management behavior.\n"
    "It runs the cases of cases/ on backends (real interpreters and the pymodel models),\n"
    "compares each outcome with the one recorded from the real interpreter of the backend's\n"
    "profile (expected/<profile>/), and writes reports/. See README.md and docs/case-format.md.";

std::string status_help() {
    std::string text = "Statuses:\n";
    for (const auto& code : kResultCodes)
        text += fmt::format("  {:<12} {}{}\n", code.name, code.label, code.is_failure ? " (fails the run)" : "");
    return text;
}

std::string outcome_help() {
    std::string text =
        "An outcome is the case's merged stdout and stderr, normalized, then a last line\n"
        "[exit N], [signal NAME], [timeout], [output capped at N bytes] or [not started].\n"
        "Normalization rules, in order:\n";
    for (const auto& rule : normalize_rules()) text += fmt::format("  {:<10} {}\n", rule.name, rule.description);
    return text;
}

constexpr std::string_view kInterruptedExit = "130 or 143 when SIGINT or SIGTERM interrupted it (docs/reports.md).";

const CLI::Validator kShardForm(
    [](std::string& text) {
        try {
            parse_shard(text);
            return std::string();
        } catch (const std::invalid_argument& e) {
            return std::string(e.what());
        }
    },
    "");

// Accepts a finite number for which [fits] holds; otherwise says what the
// option takes ([wanted]) and what it got, in plain words.
CLI::Validator number_check(bool (*fits)(double), std::string wanted) {
    return CLI::Validator(
        [=](std::string& text) {
            char* end = nullptr;
            double value = std::strtod(text.c_str(), &end);
            bool number = !text.empty() && *end == '\0' && std::isfinite(value);
            return number && fits(value) ? std::string() : fmt::format("takes {}, got `{}`", wanted, text);
        },
        "");
}

const CLI::Validator kTimeoutRange =
    number_check([](double s) { return s > 0 && s <= kLongestTimeoutSeconds; },
                 fmt::format("seconds: more than 0 and at most {} (a day)", kLongestTimeoutSeconds));
// Accepts a whole number in decimal digits (no sign, no exponent) from
// [least] to [most]: a value out of range is refused, never wrapped or
// saturated.
CLI::Validator whole_number(std::uint64_t least, std::uint64_t most) {
    return CLI::Validator(
        [=](std::string& text) {
            std::uint64_t value = 0;
            const char* end = text.data() + text.size();
            auto [stop, error] = std::from_chars(text.data(), end, value);
            if (!text.empty() && error == std::errc() && stop == end && value >= least && value <= most)
                return std::string();
            auto wanted = most == std::numeric_limits<std::uint64_t>::max() && least == 1
                              ? std::string("a whole number, at least 1")
                              : fmt::format("a whole number from {} to {}", least, most);
            return fmt::format("takes {}, got `{}`", wanted, text);
        },
        "");
}

constexpr auto kMostNumber = std::numeric_limits<std::uint64_t>::max();
const CLI::Validator kAtLeastOne = whole_number(1, kMostNumber);
const CLI::Validator kAnyNumber = whole_number(0, kMostNumber);
constexpr std::uint64_t kMostMemoryMib = 1 << 30;  // a petabyte, as backends.toml's `memory_limit`

void add_shard(CLI::App& cmd, Options& o, const std::string& help) {
    cmd.add_option_function<std::string>(
           "--shard", [&o](const std::string& text) { o.selection.shard = parse_shard(text); }, help)
        ->check(kShardForm)
        ->type_name("I/N");
}

void add_selection(CLI::App& cmd, Options& o) {
    cmd.add_option("--tag", o.selection.tags, "Only cases with this tag (repeatable: any of them)")
        ->allow_extra_args(false)
        ->type_name("TAG");
    add_shard(cmd, o,
              "Only shard I of N (1-based); a case's shard is a stable hash of its id, so it stays put as cases are\n"
              "added. `memconform merge` makes the whole run of the shards' results");
    cmd.add_option("patterns", o.selection.patterns,
                   "Only cases whose id matches a glob (del/*, *weakref*) or that a path names (cases/del/x.py)")
        ->type_name("PATTERN");
}

void add_failed_from(CLI::App& cmd, Options& o) {
    cmd.add_option("--failed-from", o.failed_from,
                   "Only the cases that failed the run RUN (a results.json, a run's folder, or a reports folder:\n"
                   "its latest run), on any of its backends; with the other selections, those of them")
        ->type_name("RUN");
}

// -j, --output-cap and --memory-limit of what runs: [unit] is "case" or "file".
void add_job_limits(CLI::App& cmd, Options& o, std::string_view unit) {
    cmd.add_option("-j,--jobs", o.jobs,
                   fmt::format("How many {}s run at once, at least 1 (default: one per core)", unit))
        ->check(kAtLeastOne)
        ->type_name("N");
    cmd.add_option("--output-cap", o.output_cap, fmt::format("Bytes of output kept; past them the {} is killed", unit))
        ->capture_default_str()
        ->check(kAtLeastOne);
    cmd.add_option("--memory-limit", o.memory_mib,
                   fmt::format("MiB of data memory (RLIMIT_DATA) a {} may use, unless its backend sets `memory_limit`; "
                               "0: none, at most 2^30",
                               unit))
        ->capture_default_str()
        ->check(whole_number(0, kMostMemoryMib));
}

void add_execution(CLI::App& cmd, Options& o) {
    add_job_limits(cmd, o, "case");
    cmd.add_option("--timeout", o.timeout_seconds,
                   "Seconds a case may run before its process group is killed, unless its backend sets `timeout`\n"
                   "(6 times that for a case marked `timeout = \"long\"`); at most a day")
        ->capture_default_str()
        ->check(kTimeoutRange);
}

void add_strict(CLI::App& cmd, Options& o) {
    cmd.add_flag("--strict", o.strict,
                 "Every result must PASS or XFAIL: NO-EXPECTED, UNSUPPORTED and SKIPPED fail too (not a\n"
                 "capability the profile's interpreter lacked too)");
}

void add_verbose(CLI::App& cmd, Options& o) {
    cmd.add_flag("-v,--verbose", o.verbose, "Show every result that is not PASS, with its diff, as it comes");
}

// The console of run and compare: a progress line on a terminal, then the
// headline, then the rest.
void add_quiet(CLI::App& cmd, Options& o) {
    cmd.add_flag("-q,--quiet", o.quiet, "Print the headline and the failures only");
}

// --backend of a command that works on exactly one backend.
void add_one_backend(CLI::App& cmd, Options& o, const std::string& help) {
    cmd.add_option("--backend", o.backends, help)->required()->expected(1)->allow_extra_args(false)->type_name("B");
}

void add_reports_dir(CLI::App& cmd, Options& o) {
    cmd.add_option("--reports", o.reports, "Folder of the reports (default: <root>/reports)")->type_name("DIR");
}

void add_list(CLI::App& app, Options& o) {
    auto* cmd = app.add_subcommand("list", "Show cases, tags and backends, and whether each backend is available");
    cmd->add_flag("--cases", o.list_cases, "Only the cases");
    cmd->add_flag("--tags", o.list_tags, "Only the tags");
    cmd->add_flag("--backends", o.list_backends, "Only the backends (probing each: its version query runs)");
}

void add_lint(CLI::App& app) {
    app.add_subcommand("lint",
                       "Check the inputs, reporting FILE:LINE for each problem: front matter, tags, capabilities\n"
                       "(a case that uses one it does not require), duplicate ids, a case file over 256 KiB,\n"
                       "backends.toml (a command that does not split into words, is empty, lacks {case} or uses a\n"
                       "placeholder it is not given), baselines/, a profile.toml without `version`, expected outcomes\n"
                       "whose case no longer exists, a partial file a recording cut short left in expected/, an\n"
                       "outcome with CRLF line ends, and a case without `portable` whose outcomes differ between\n"
                       "two profiles; warns about a case with no outcome in some profile folder (unless its\n"
                       "interpreter lacks what the case requires). Exit status 1 when there is an error (warnings\n"
                       "do not count).");
}

void add_run(CLI::App& app, Options& o) {
    auto* cmd = app.add_subcommand(
        "run",
        "Run cases on backends, judge every outcome, print the headline (per backend its profile, its\n"
        "counts, the recorded profiles it is most like, a WARNING when one is more alike than its own)\n"
        "and the failures, and write reports/<run>/. A progress line shows on a terminal only. Each backend\n"
        "is first probed for the capabilities the cases require (cached in reports/.capabilities/); a case\n"
        "that requires one it lacks is UNSUPPORTED there, with the reason, and does not run.");
    cmd->add_option("--backend", o.backends,
                    "A backend of backends.toml, or one named here as NAME[:PROFILE]='COMMAND {case}' (profile\n"
                    "default: " +
                        std::string(kReferenceProfile) +
                        "); repeatable.\nA backend named here must be available (exit 2 otherwise); the default, "
                        "every backend,\nshows the unavailable ones SKIPPED and names once, without running it, one "
                        "whose profile "
                        "has\nno recorded outcome")
        ->allow_extra_args(false)
        ->type_name("B");
    add_strict(*cmd, o);
    add_execution(*cmd, o);
    add_verbose(*cmd, o);
    add_quiet(*cmd, o);
    add_reports_dir(*cmd, o);
    add_selection(*cmd, o);
    add_failed_from(*cmd, o);
    cmd->footer(status_help() + "\n" + outcome_help() +
                "\nExit status: 0 when no result fails the run, 1 when one does, 2 on a usage or input error,\n" +
                std::string(kInterruptedExit));
}

void add_record(CLI::App& app, Options& o) {
    auto* cmd = app.add_subcommand(
        "record",
        "Record expected/<profile>/ and its profile.toml from a real interpreter. Each case runs three\n"
        "times; an outcome that changes between runs, times out or is capped is refused and shown.\n"
        "An interpreter whose version answer is not of the profile (cpython-3.11: 3.11), or a backend\n"
        "with no version query (one named on the command line), is refused before anything runs.\n"
        "A case that requires a capability the interpreter lacks is not recorded (an old outcome is\n"
        "removed) and profile.toml lists what it lacks; an outcome ending in a SyntaxError is refused.\n"
        "Prints how many outcomes of the profile changed; only those are written, each whole or not at\n"
        "all. First it removes the partial files a recording cut short left, and checks that it can\n"
        "write into expected/<profile>/.");
    add_one_backend(*cmd, o, "The real backend to record from (its profile names the folder)");
    add_execution(*cmd, o);
    add_selection(*cmd, o);
    cmd->footer(
        "Exit status: 0 when every selected case was recorded, 1 when one was refused, 2 on an error (a\n"
        "write that failed, on a full disk say, leaves that outcome as it was),\n" +
        std::string(kInterruptedExit) + " Nothing is recorded then.");
}

void add_compare(CLI::App& app, Options& o) {
    auto* cmd = app.add_subcommand(
        "compare",
        "Run one backend and place each outcome among every recorded profile: it matches all of them\n"
        "(portable), only CPython ones, only PyPy ones, some, or none (new behavior); writes reports/\n"
        "with the behavior map. Prints first the headline: the profile the backend is judged against\n"
        "(cpython-3.11 unless named), its counts, the profiles it is most like and a WARNING when one\n"
        "is more alike than its own; then capabilities, verdicts and each case's; last the failures,\n"
        "each with what it matches (FAIL against cpython-3.11; matches cpython-3.12).\n"
        "Exit status: 0 when every outcome is its own profile's recorded one (or has none), 1 when one\n"
        "differs, crashes or times out, 2 on a usage error, 130 or 143 when interrupted.");
    add_one_backend(*cmd, o, "The backend to compare (a name, or NAME[:PROFILE]='COMMAND {case}')");
    add_execution(*cmd, o);
    add_verbose(*cmd, o);
    add_quiet(*cmd, o);
    add_reports_dir(*cmd, o);
    add_selection(*cmd, o);
    add_failed_from(*cmd, o);
}

void add_peer(CLI::App& app, Options& o) {
    auto* cmd = app.add_subcommand(
        "peer",
        "Run the peer suites, CPython's and PyPy's own tests of memory behavior (peer/suites.toml: test_gc,\n"
        "test_weakref, ...), unchanged on backends, from the `test` package installed with each runtime (a\n"
        "model: a real interpreter's of its profile), and take one result per test method. Each file is\n"
        "judged against the listing recorded for the backend's profile (expected/<profile>/peer/FILE.txt);\n"
        "prints a table per file and backend and writes reports/<run>/ as `run` does. A backend without an\n"
        "installed suite is SKIPPED with the reason. See docs/peer.md.");
    cmd->add_option("--backend", o.backends,
                    "A backend of backends.toml, or NAME[:PROFILE]='COMMAND {case}'; repeatable (default: every "
                    "backend)")
        ->allow_extra_args(false)
        ->type_name("B");
    cmd->add_flag("--record", o.record,
                  "Record the listings of one real --backend into expected/<profile>/peer/ instead: each file runs\n"
                  "three times; one that does not finish or whose methods' statuses change is refused");
    add_strict(*cmd, o);
    add_job_limits(*cmd, o, "file");
    add_verbose(*cmd, o);
    add_reports_dir(*cmd, o);
    cmd->add_option("files", o.selection.patterns, "Only the files whose module matches a glob (test_gc, test_w*)")
        ->type_name("FILE");
    cmd->footer(status_help() +
                "\nPer file: PASS when every method's status is the recorded one (or the backend skipped it, with\n"
                "its reason); FAIL when one differs, was not run or is not recorded; CRASH when the file ended\n"
                "without `@peer done`; UNSUPPORTED when a model rejected a construct; ERROR when the recording\n"
                "is broken.\n"
                "Exit status: as `run` (0, 1 when a file fails the run, 2 on a usage or input error), " +
                std::string(kInterruptedExit) +
                " With --record: 0 when every file was recorded, 1 when one was refused.");
}

void add_report(CLI::App& app, Options& o) {
    auto* cmd = app.add_subcommand(
        "report", "Write the reports of the last run (reports/latest) again, or the differences or versions document");
    auto* differences =
        cmd->add_flag("--differences", o.differences,
                      "Write docs/differences.md: every case whose recorded outcomes differ between two profiles, "
                      "with what happened in the two profiles' models (their explain traces)");
    cmd->add_flag("--versions", o.versions,
                  "Write docs/versions.md: every case whose recorded outcomes differ between CPython "
                  "versions, with the versions that share each outcome")
        ->excludes(differences);
    cmd->add_flag("--check", o.check,
                  "With --differences or --versions: write nothing, exit 1 if the document is stale");
    cmd->add_option("--left", o.left, "First profile of the differences (a folder of expected/)")
        ->capture_default_str()
        ->type_name("PROFILE")
        ->needs(differences);
    cmd->add_option("--right", o.right, "Second profile of the differences, not the first")
        ->capture_default_str()
        ->type_name("PROFILE")
        ->needs(differences);
    cmd->add_option("--output", o.output, "With --differences: the document (default: docs/differences.md)")
        ->type_name("FILE")
        ->needs(differences);
    add_reports_dir(*cmd, o);
    cmd->footer(
        "Exit status: 0 when written (or current, with --check), 1 when --check finds it stale, 2 on an\n"
        "error: an unknown profile, the same profile twice, or --check without a document.");
}

void add_merge(CLI::App& app, Options& o) {
    auto* cmd = app.add_subcommand(
        "merge",
        "Combine the results of the shards of one run (`run --shard I/N`, on one machine or several) into\n"
        "the whole run, and write every report of it into reports/<run>/ as `run` does. See docs/ci.md.");
    cmd->add_option("results", o.inputs,
                    "A shard's results.json, its run folder, or its reports folder (its latest run); one per shard")
        ->required()
        ->type_name("RESULTS");
    add_reports_dir(*cmd, o);
    cmd->footer(
        "The shards must be every shard of one run: the same project, case selection, --strict, shard count\n"
        "and backends, each shard once, each with one result per case and backend.\n"
        "Exit status: 0 when no result fails the whole run, 1 when one does, 2 when the inputs are not the\n"
        "shards of one run (overlapping, mismatched or missing shards) or cannot be read.");
}

void add_baseline(CLI::App& app, Options& o) {
    auto* cmd = app.add_subcommand(
        "baseline",
        "Update baselines/<backend>.toml from a run, as wpt's update-expectations does: each case that\n"
        "FAILed there is added with a reason to fill in (\"TODO: ...\"), each listed case that XPASSed is\n"
        "removed; comments and the other entries stay. Only the backends of the run are touched.");
    cmd->add_flag("--update", o.update, "Write the baselines (required: the command does nothing else yet)")
        ->required();
    cmd->add_option("run", o.inputs,
                    "The run: a results.json, a run's folder, or a reports folder (default: the reports\n"
                    "folder's latest run)")
        ->expected(0, 1)
        ->type_name("RUN");
    add_reports_dir(*cmd, o);
    cmd->footer("Exit status: 0 when written (or nothing to change), 2 when the run cannot be read.");
}

void add_diff(CLI::App& app, Options& o) {
    auto* cmd = app.add_subcommand(
        "diff",
        "What changed from run A to run B, per case and backend: results that now fail the run, that no\n"
        "longer do, with another status, with another outcome (and its diff), and those only one run has.");
    cmd->add_option("runs", o.inputs, "RUN_A and RUN_B: each a results.json, a run's folder, or a reports folder")
        ->required()
        ->expected(2)
        ->type_name("RUN");
    cmd->add_option("--html", o.output, "Also write the listing as a page to FILE")->type_name("FILE");
    cmd->footer(
        "Exit status: 0 when no result fails in B that did not in A, 1 when one does, 2 when a run cannot\n"
        "be read.");
}

std::string feature_help() {
    std::string text = "Features (--without):\n";
    for (const auto& f : fuzz::feature_list()) text += fmt::format("  {:<16} {}\n", f.name, f.description);
    return text;
}

std::string kind_help() {
    std::string text = "Kinds of disagreement:\n";
    for (const auto& k : fuzz::disagreement_kinds()) text += fmt::format("  {:<16} {}\n", k.name, k.description);
    return text;
}

void add_fuzz(CLI::App& app, Options& o) {
    auto* cmd = app.add_subcommand(
        "fuzz",
        "Generate random programs inside pymodel's subset (deterministic for a seed), run each on a\n"
        "backend and on a real interpreter, and report every disagreement of their outcomes, shrunk to\n"
        "a small program, in reports/fuzz/<run>/. A disagreement counts once the real outcome is stable.");
    cmd->add_option("--backend", o.backends,
                    "The backend under test (a model, or NAME[:PROFILE]='COMMAND {case}'). Default: the model\n"
                    "that starts as REAL does (of its profile, answering its Python version X.Y.Z); without one,\n"
                    "`fuzz skipped`")
        ->expected(1)
        ->allow_extra_args(false)
        ->type_name("B");
    cmd->add_option("--against", o.against, "The real interpreter it is compared with, of the same profile")
        ->required()
        ->type_name("REAL");
    cmd->add_option("--seed", o.seed,
                    "Seed of the first program, 0 to 2^64-1; program i has seed S+i, which must fit too\n"
                    "(default: a random one, printed)")
        ->check(kAnyNumber)
        ->type_name("S");
    cmd->add_option("--count", o.count,
                    "How many programs, at least 1; they are generated as they run, so a campaign of any size\n"
                    "runs in the same memory until it ends or is stopped")
        ->capture_default_str()
        ->check(kAtLeastOne)
        ->type_name("N");
    std::vector<std::string> names;
    for (const auto& f : fuzz::feature_list()) names.emplace_back(f.name);
    cmd->add_option("--without", o.without, "Features the programs do not use (comma-separated, see below)")
        ->delimiter(',')
        ->check(CLI::IsMember(names))
        ->type_name("FEATURE,...");
    add_shard(*cmd, o,
              "Only shard I of N (1-based) of the programs: program i when i % N = I - 1; needs --seed, so\n"
              "that every shard splits the same campaign");
    cmd->add_flag("--show", o.show, "Print the programs (each after a `# seed S` line) instead of running them");
    cmd->add_flag("--no-shrink", o.no_shrink, "Report disagreements as generated, unshrunk");
    cmd->add_option("--shrink-tries", o.shrink_tries, "Smaller programs tried (each on both backends) per disagreement")
        ->capture_default_str()
        ->check(kAnyNumber)
        ->type_name("N");
    add_execution(*cmd, o);
    add_verbose(*cmd, o);
    add_reports_dir(*cmd, o);
    cmd->footer(feature_help() + "\n" + kind_help() +
                "\nExit status: 0 when every program agreed (or `fuzz skipped`: REAL's profile is not the\n"
                "backend's, or no model starts as REAL does), 1 when one disagreed or was unstable, 2 on a usage\n"
                "or input error (a named backend that is not available included), " +
                std::string(kInterruptedExit));
}

}  // namespace

std::optional<int> parse_command_line(int argc, char** argv, Options& options) {
    CLI::App app{std::string(kDescription), "memconform"};
    app.add_option("--root", options.root, "The project folder (default: the nearest one up with backends.toml)")
        ->type_name("DIR");
    app.require_subcommand(1);
    add_list(app, options);
    add_lint(app);
    add_run(app, options);
    add_record(app, options);
    add_compare(app, options);
    add_report(app, options);
    add_merge(app, options);
    add_diff(app, options);
    add_baseline(app, options);
    add_fuzz(app, options);
    add_peer(app, options);
    try {
        app.parse(argc, argv);
    } catch (const CLI::ParseError& e) {
        return app.exit(e) == 0 ? 0 : 2;  // --help, or a usage error (printed)
    }
    options.command = app.get_subcommands().front()->get_name();
    return std::nullopt;
}

std::string command_line_text(int argc, char** argv) {
    std::string text = "memconform";
    for (int i = 1; i < argc; ++i) {
        std::string_view arg = argv[i];
        bool plain = arg.find_first_of(" '\"{}*?$") == std::string_view::npos && !arg.empty();
        if (plain) {
            text += fmt::format(" {}", arg);
            continue;
        }
        text += " '";
        for (char c : arg) {
            if (c == '\'') text += "'\\''";  // end the quote, an escaped ', quote again
            else text += c;
        }
        text += "'";
    }
    return text;
}

}  // namespace memconform
