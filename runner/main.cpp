// memconform's main: each subcommand is a pipeline of the runner's parts —
// find the project, load and select cases, pick and probe backends, run,
// judge, report — and main owns the exit status (0 fine, 1 failures, 2
// usage or input errors).
#include "runner/baselines.hpp"
#include "runner/cli.hpp"
#include "runner/compare.hpp"
#include "runner/fuzz/campaign.hpp"
#include "runner/fuzz/fuzz_report.hpp"
#include "runner/interrupt.hpp"
#include "runner/lint.hpp"
#include "runner/merge.hpp"
#include "runner/peer_run.hpp"
#include "runner/project.hpp"
#include "runner/record.hpp"
#include "runner/reports/differences.hpp"
#include "runner/reports/report.hpp"
#include "runner/reports/versions.hpp"
#include "runner/run_case.hpp"
#include "runner/run_diff.hpp"
#include "runner/scheduler.hpp"
#include "runner/session.hpp"
#include "runner/start_up.hpp"
#include "runner/status.hpp"
#include "runner/text.hpp"

#include <fmt/format.h>

#include <unistd.h>

#include <algorithm>
#include <iostream>
#include <limits>
#include <map>
#include <random>
#include <set>

using namespace memconform;
namespace fs = std::filesystem;

namespace {

using Clock = std::chrono::system_clock;

bool on_terminal() { return isatty(STDOUT_FILENO) != 0; }

// ---- loading ------------------------------------------------------------------------------------

void print(const Diagnostics& diagnostics) {
    for (const auto& d : diagnostics) fmt::print(stderr, "{}\n", d.str());
}

// The corpus, unless it has problems beyond broken cases (which fail only
// themselves: ERROR).
Corpus checked_corpus(const Project& project) {
    auto corpus = load_corpus(project.cases());
    auto blocking = corpus.blocking_problems();
    if (blocking.empty()) return corpus;
    print(blocking);
    throw std::runtime_error("the corpus has problems (above); `memconform lint` checks it");
}

// The cases that failed the run [given] (merge.hpp's read_shard reads it).
std::vector<std::string> failed_cases(const std::string& given) {
    auto earlier = read_shard(given).run;
    std::vector<std::string> ids;
    for (const auto& r : earlier.results)
        if (earlier.fails(r) && std::find(ids.begin(), ids.end(), r.case_id) == ids.end()) ids.push_back(r.case_id);
    if (ids.empty()) fmt::print(stderr, "memconform: nothing failed in {}: no case to run\n", given);
    return ids;
}

Selected chosen_cases(const Corpus& corpus, const Options& o) {
    Selection selection = o.selection;
    if (!o.failed_from.empty()) selection.only = failed_cases(o.failed_from);
    auto selected = select_cases(corpus, selection);
    if (!selected.unmatched.empty())
        throw std::runtime_error(fmt::format("no case matches {}", fmt::join(selected.unmatched, ", ")));
    if (!selected.unknown_tags.empty()) {
        std::vector<std::string> known;
        for (const auto& [tag, meaning] : corpus.tags) known.push_back(tag);
        throw std::runtime_error(fmt::format("no tag {} in cases/tags.toml; known: {}",
                                             fmt::join(selected.unknown_tags, ", "), fmt::join(known, ", ")));
    }
    return selected;
}

// [named]: the backends the command will use (empty: every one), so that
// the discovery rules run only when one of them may come from a rule.
Registry checked_registry(const Project& project, const std::vector<std::string>& named = {}) {
    auto registry = load_registry(project.registry_file(), base_vars(project.root, project.build), named);
    if (!has_errors(registry.problems)) return registry;
    print(registry.problems);
    throw std::runtime_error("backends.toml has problems (above)");
}

std::vector<BackendSpec> backend_specs(const Options& o) {
    std::vector<BackendSpec> specs;
    for (const auto& text : o.backends) specs.push_back(parse_backend_spec(text));
    return specs;
}

// The names of the backends --backend names; none (every backend) when one
// is given with a command, whose name must not be a discovered one's.
std::vector<std::string> named_backends(const std::vector<BackendSpec>& specs) {
    std::vector<std::string> names;
    for (const auto& spec : specs) {
        if (spec.command) return {};
        names.push_back(spec.name);
    }
    return names;
}

std::string known_names(const Registry& registry) {
    std::vector<std::string_view> names;
    for (const auto& b : registry.backends) names.push_back(b.name);
    return fmt::format("{}", fmt::join(names, ", "));
}

// Throws unless expected/ has a folder for [profile], which [named_by] names.
void check_recorded(const ExpectedStore& store, const std::string& profile, const std::string& named_by) {
    auto recorded = store.profiles();
    if (std::find(recorded.begin(), recorded.end(), profile) != recorded.end()) return;
    throw std::runtime_error(fmt::format("{}: no profile `{}` in {}; recorded: {}", named_by, profile,
                                         store.dir().string(), fmt::join(recorded, ", ")));
}

// A backend named on the command line must run, and one named with a
// profile must name a recorded one: a typo there is an error, where the
// default (every backend) skips what is not installed here.
void check_named(const std::vector<Backend*>& named, const ExpectedStore& store) {
    for (const Backend* b : named) {
        if (b->origin == "--backend") check_recorded(store, b->profile, "backend " + b->name);
        if (!b->available) throw std::runtime_error(fmt::format("backend {} is not available: {}", b->name, b->reason));
    }
}

// The backends [specs] name (all when none), probed. Backends named with a
// command join the registry first.
std::vector<const Backend*> chosen_backends(Registry& registry, const Project& project,
                                            const std::vector<BackendSpec>& specs, const ExpectedStore& store) {
    for (const auto& spec : specs) {
        if (!spec.command) continue;
        auto backend = adhoc_backend(spec);
        if (registry.find(backend.name)) throw std::runtime_error("a backend is already named " + backend.name);
        registry.backends.push_back(std::move(backend));
    }
    std::vector<Backend*> chosen;
    for (const auto& spec : specs) {
        Backend* b = registry.find(spec.name);
        if (!b) throw std::runtime_error(fmt::format("no backend `{}`; known: {}", spec.name, known_names(registry)));
        // backends.toml gives its backends their profile (and baselines/ their
        // known failures against it): another one named here is refused, not
        // silently ignored.
        if (!spec.command && !spec.profile.empty())
            throw std::runtime_error(fmt::format(
                "--backend {}:{}: {} is judged against its profile in backends.toml, {}; a profile is named only "
                "with a command, NAME:PROFILE='COMMAND {{case}}'",
                spec.name, spec.profile, b->name, b->profile));
        chosen.push_back(b);
    }
    if (specs.empty())
        for (auto& b : registry.backends) chosen.push_back(&b);
    probe_all(chosen, base_vars(project.root, project.build));
    if (!specs.empty()) check_named(chosen, store);
    // backends.toml pins the start-up of the runtimes it names; one typed on
    // the command line may not be.
    for (const Backend* b : chosen)
        if (b->origin == "--backend" && b->available && b->kind == BackendKind::Real)
            if (auto warning = start_up_warning(*b, Limits{}); !warning.empty()) fmt::print(stderr, "{}\n", warning);
    return {chosen.begin(), chosen.end()};
}

// The default run (every backend) leaves out, and names once, a backend
// that runs here but whose profile has no recorded outcome: each of its
// cells would say NO-EXPECTED and tell nothing. Named with --backend, it
// runs.
std::vector<BackendEntry> leave_out_unrecorded(std::vector<const Backend*>& backends, const ExpectedStore& store,
                                               const Options& o) {
    if (!o.backends.empty()) return {};
    auto recorded = store.profiles();
    std::vector<BackendEntry> left_out;
    std::erase_if(backends, [&](const Backend* b) {
        if (!b->available || std::find(recorded.begin(), recorded.end(), b->profile) != recorded.end()) return false;
        auto entry = backend_entries({b}).front();
        entry.reason = fmt::format("no outcomes recorded for profile {}; `memconform record --backend {}` records them",
                                   b->profile, b->name);
        if (!o.quiet) fmt::print("not run: {}: {}\n", b->name, entry.reason);  // the headline's table says it too
        left_out.push_back(std::move(entry));
        return true;
    });
    return left_out;
}

// What run, compare and record work on: the chosen cases and backends
// (which point into the corpus and the registry, so it never moves).
struct Workload {
    Project project;
    ExpectedStore store;  // the project's expected/
    Corpus corpus;
    Selected selected;
    std::vector<const Case*> cases;  // the selected ones
    std::vector<BackendSpec> specs;  // --backend's
    Registry registry;
    std::vector<const Backend*> backends;
    std::vector<BackendEntry> not_run;  // left out of a default run: leave_out_unrecorded
    CapabilityTable capabilities;  // of each available backend, what the cases require: find_all_capabilities

    explicit Workload(const Options& o)
        : project(find_project(o.root)),
          store(project.expected()),
          corpus(checked_corpus(project)),
          selected(chosen_cases(corpus, o)),
          cases(selected.cases),
          specs(backend_specs(o)),
          registry(checked_registry(project, named_backends(specs))),
          backends(chosen_backends(registry, project, specs, store)),
          not_run(leave_out_unrecorded(backends, store, o)) {}
    Workload(const Workload&) = delete;
    Workload& operator=(const Workload&) = delete;
};

// What each available backend of [w] has of the capabilities its cases
// require (probed, or from the cache in [cache_dir]); prints what each
// lacks, with the probe's answer, since its cases that need it will be
// UNSUPPORTED (not under -q: the headline and the failures only).
CapabilityTable find_all_capabilities(const Workload& w, const fs::path& cache_dir, const Settings& settings,
                                      bool quiet) {
    std::set<std::string> wanted;
    for (const Case* c : w.cases)
        if (!c->is_broken())
            for (auto& name : c->required()) wanted.insert(name);
    CapabilityTable table;
    if (wanted.empty()) return table;
    std::vector<std::string> warnings;
    for (const Backend* b : w.backends) {
        if (!b->available) continue;
        table[b->name] = find_capabilities(*b, w.corpus.capabilities, {wanted.begin(), wanted.end()}, cache_dir,
                                           settings.workers, warnings, settings.limits);
        std::vector<std::string> lacks;
        for (const auto& [name, presence] : table[b->name])
            if (!presence.has) lacks.push_back(fmt::format("{} ({})", name, presence.reason));
        if (!lacks.empty() && !quiet) fmt::print("capabilities: {} lacks {}\n", b->name, fmt::join(lacks, "; "));
    }
    for (const auto& warning : warnings) fmt::print(stderr, "memconform: warning: {}\n", warning);
    return table;
}

fs::path capability_cache(const fs::path& reports_dir) { return reports_dir / ".capabilities"; }

Baselines load_baselines(const Project& project, const std::vector<const Backend*>& backends) {
    Baselines baselines;
    Diagnostics problems;
    for (const Backend* b : backends) baselines[b->name] = load_baseline(project.baselines(), b->name, problems);
    if (!has_errors(problems)) return baselines;
    print(problems);
    throw std::runtime_error("a baseline has problems (above)");
}

Settings settings_of(const Options& o) {
    Limits limits{std::chrono::milliseconds(static_cast<long long>(o.timeout_seconds * 1000)), o.output_cap,
                  o.memory_mib};
    return {limits, o.jobs ? o.jobs : default_workers()};
}

// ---- finishing ----------------------------------------------------------------------------------

struct RunContext {
    const Options& options;
    std::string command;
    fs::path reports_dir;
    Clock::time_point started = Clock::now();
};

// What every run's record says of itself: when, what command, on what project.
RunRecord run_header(const RunContext& ctx, const Project& project) {
    RunRecord run;
    run.id = new_run_id(ctx.reports_dir, ctx.started);
    run.command = ctx.command;
    run.started = utc_timestamp(ctx.started);
    run.seconds = std::chrono::duration<double>(Clock::now() - ctx.started).count();
    const auto& shard = ctx.options.selection.shard;
    run.shard = fmt::format("{}/{}", shard.index, shard.count);
    run.root = project.root.string();
    run.strict = ctx.options.strict;
    return run;
}

// Ends [run]'s record: whether a signal cut it short, and its exit status.
void settle(RunRecord& run) {
    run.interrupted = interrupting_signal_name();
    run.exit_status = run.interrupted.empty() ? run.failing_status() : interrupted_exit_status();
}

RunRecord record_of(const RunContext& ctx, const Workload& w, std::vector<Result> results) {
    auto run = run_header(ctx, w.project);
    run.selection = case_set(w.selected.unsharded);
    run.cases = case_entries(w.cases);
    std::vector<std::string> ids;
    for (const Case* c : w.cases) ids.push_back(c->id);
    run.behaviors = recorded_behaviors(ids, w.store);
    run.backends = backend_entries(w.backends, w.capabilities);
    run.not_run = w.not_run;
    run.results = std::move(results);
    settle(run);
    return run;
}

// Makes the reports folder, before any case runs: a run must not end with
// nowhere to write its reports.
void check_reports_dir(const fs::path& dir) {
    std::error_code error;
    fs::create_directories(dir, error);
    if (!error && ::access(dir.c_str(), W_OK) != 0) error = std::error_code(errno, std::generic_category());
    if (error) throw std::runtime_error(fmt::format("cannot write reports into {}: {}", dir.string(), error.message()));
}

// Writes the reports and prints the answer first: the headline, then
// [details] (none under -q), then the failures.
int finish(const RunRecord& run, const RunContext& ctx, const std::string& details = "") {
    auto dir = write_reports(run, ctx.reports_dir);
    bool color = on_terminal();
    fmt::print("\n{}", headline(run, color));
    if (!run.interrupted.empty()) fmt::print("{}\n", run.interruption_note());
    if (!ctx.options.quiet) fmt::print("{}{}", details, unsupported_counts(run));
    fmt::print("{}\nReports: {}\n", failure_list(run, color), (dir / "index.html").string());
    return run.exit_status;
}

// ---- commands -----------------------------------------------------------------------------------

int command_run(const Options& o, const RunContext& ctx) {
    check_reports_dir(ctx.reports_dir);
    Workload w(o);
    auto baselines = load_baselines(w.project, w.backends);
    w.capabilities = find_all_capabilities(w, capability_cache(ctx.reports_dir), settings_of(o), o.quiet);
    Progress progress(w.cases.size() * w.backends.size(), std::cout, on_terminal(), o.verbose, o.strict, true);
    auto results = run_matrix(w.cases, w.backends, w.store, baselines, w.capabilities, settings_of(o), progress);
    progress.finish();
    return finish(record_of(ctx, w, std::move(results)), ctx);
}

int command_compare(const Options& o, const RunContext& ctx) {
    check_reports_dir(ctx.reports_dir);
    Workload w(o);
    w.capabilities = find_all_capabilities(w, capability_cache(ctx.reports_dir), settings_of(o), o.quiet);
    Progress progress(w.cases.size(), std::cout, on_terminal(), o.verbose, false, true);
    auto results = run_matrix(w.cases, w.backends, w.store, {}, w.capabilities, settings_of(o), progress);
    progress.finish();
    auto run = record_of(ctx, w, std::move(results));
    run.comparisons = classify_all(run.results, w.store);
    return finish(run, ctx, comparison_details(run));
}

// Saves each case's outcome unless the case is broken or refusal() refuses
// it, counting what changed in expected/.
RecordCounts save_stable(const std::vector<const Case*>& cases, const std::vector<std::vector<Observation>>& attempts,
                         const Backend& backend, const ExpectedStore& store) {
    RecordCounts counts;
    for (std::size_t i = 0; i < cases.size(); ++i) {
        auto why = cases[i]->is_broken() ? "the case file is broken:\n" + cases[i]->broken : refusal(attempts[i]);
        if (!why.empty()) {
            fmt::print("REFUSED: {} :: {}: {}\n", backend.name, cases[i]->id, printable(why));
            ++counts.refused;
            continue;
        }
        const auto& outcome = attempts[i][0].outcome;
        if (counts.differs(store.outcome(backend.profile, cases[i]->id), outcome))
            store.save(backend.profile, cases[i]->id, outcome);
    }
    return counts;
}

// Readies expected/<profile>/ before anything runs (ExpectedStore::prepare_recording).
void prepare_recording(const ExpectedStore& store, const std::string& profile) {
    for (const auto& file : store.prepare_recording(profile))
        fmt::print("Removed {}, left by a recording cut short\n", file.string());
}

int command_record(const Options& o, const RunContext& ctx) {
    Workload w(o);
    const Backend& backend = *w.backends.front();
    const ExpectedStore& store = w.store;
    bool full = o.selection.patterns.empty() && o.selection.tags.empty() && o.selection.shard.count == 1;
    if (auto why = record_refusal(backend, store, full); !why.empty()) throw std::runtime_error(why);
    prepare_recording(store, backend.profile);
    w.capabilities = find_all_capabilities(w, capability_cache(ctx.reports_dir), settings_of(o), o.quiet);
    // A case that needs what the interpreter lacks has no outcome here.
    std::vector<const Case*> runnable;
    std::vector<std::pair<const Case*, std::string>> unsupported;
    for (const Case* c : w.cases) {
        auto lacking = missing_capability(c->required(), w.capabilities[backend.name]);
        if (lacking && !c->is_broken()) unsupported.emplace_back(c, *lacking);
        else runnable.push_back(c);
    }
    Progress progress(runnable.size() * kRecordAttempts, std::cout, on_terminal(), false);
    auto attempts = run_attempts(runnable, backend, kRecordAttempts, settings_of(o), progress);
    progress.finish();
    if (interrupting_signal()) {
        fmt::print("Interrupted by {}: nothing recorded\n", interrupting_signal_name());
        return interrupted_exit_status();
    }
    auto counts = save_stable(runnable, attempts, backend, store);
    for (const auto& [c, why] : unsupported) {
        fmt::print("UNSUPPORTED: {} :: {}: {}\n", backend.name, c->id, why);
        counts.removed += store.remove(backend.profile, c->id);
    }
    store.save_info(profile_info(backend, w.capabilities[backend.name], store));
    fmt::print(
        "Recorded {} of {} cases from {} ({}) into {}: {} changed, {} new, {} unchanged; {} unsupported "
        "({} outcomes removed)\n",
        runnable.size() - counts.refused, w.cases.size(), backend.name, one_line(backend.version),
        (store.dir() / backend.profile).string(), counts.changed, counts.added, counts.unchanged, unsupported.size(),
        counts.removed);
    return counts.refused ? 1 : 0;
}

// The two profiles of the differences document must be two recorded ones.
void check_pair(const ExpectedStore& store, const Options& o) {
    check_recorded(store, o.left, "--left");
    check_recorded(store, o.right, "--right");
    if (o.left == o.right) throw std::runtime_error("--left and --right are both " + o.left + ": name two profiles");
}

// The command that writes the document [o] checks.
std::string differences_command(const Options& o) {
    std::string command = "memconform report --differences";
    if (o.left != kDifferencesLeft) command += " --left " + o.left;
    if (o.right != kDifferencesRight) command += " --right " + o.right;
    if (!o.output.empty()) command += " --output " + o.output;
    return command;
}

// The first available model backend of [profile] that writes explain traces.
const Backend* model_of(const Registry& registry, std::string_view profile) {
    for (const auto& b : registry.backends)
        if (b.kind == BackendKind::Model && b.available && b.profile == profile && !b.explain.empty()) return &b;
    return nullptr;
}

// The traces of the cases that differ between the two profiles, on the
// models of both; none when either has no model here.
ModelsTold models_told(const Project& project, const Corpus& corpus, const ExpectedStore& store, const Options& o) {
    auto registry = checked_registry(project);
    std::vector<Backend*> models;
    for (auto& b : registry.backends)
        if (b.kind == BackendKind::Model) models.push_back(&b);
    probe_all(models, base_vars(project.root, project.build));
    const Backend* left = model_of(registry, o.left);
    const Backend* right = model_of(registry, o.right);
    if (!left || !right) {
        fmt::print(stderr, "no model backend with an explain command for {}: the document tells no trace\n",
                   left ? o.right : o.left);
        return {};
    }
    auto cases = differing_cases(corpus, store, o.left, o.right);
    std::vector<Observation> seen(cases.size() * 2);
    auto settings = settings_of(o);
    // A trace is not a verdict: a slow build (a sanitizer's, whose shadow
    // memory does not fit under RLIMIT_DATA) or a loaded machine must not
    // change the document, so the models get their time and memory.
    settings.limits.timeout = std::max(settings.limits.timeout, std::chrono::milliseconds(600'000));
    settings.limits.memory_mib = 0;
    run_parallel(seen.size(), settings.workers, [&](std::size_t i) {
        const Backend& model = i % 2 ? *right : *left;
        seen[i] = run_case(*cases[i / 2], model, limits_for(model, settings.limits));
    });
    ModelsTold told{left->name, right->name, {}};
    for (std::size_t i = 0; i < cases.size(); ++i) {
        const Case& c = *cases[i];
        told.traces[c.id] = {seen[2 * i].trace, seen[2 * i + 1].trace,
                             store.outcome(o.left, c.id) == seen[2 * i].outcome,
                             store.outcome(o.right, c.id) == seen[2 * i + 1].outcome};
    }
    return told;
}

// Writes a generated document, or with --check says whether it is current.
int write_or_check(const Options& o, const fs::path& file, const std::string& text, const std::string& command) {
    if (!o.check) {
        write_file(file, text);
        fmt::print("Wrote {}\n", file.string());
        return 0;
    }
    if (fs::exists(file) && read_file(file) == text) return 0;
    fmt::print(stderr, "{} is stale: run `{}` and commit it\n", file.string(), command);
    return 1;
}

int command_differences(const Options& o) {
    auto project = find_project(o.root);
    ExpectedStore store(project.expected());
    check_pair(store, o);
    auto corpus = checked_corpus(project);
    auto text = differences_document(corpus, store, o.left, o.right, models_told(project, corpus, store, o));
    auto file = o.output.empty() ? project.differences() : fs::absolute(o.output);
    return write_or_check(o, file, text, differences_command(o));
}

int command_versions(const Options& o) {
    auto project = find_project(o.root);
    auto corpus = checked_corpus(project);
    auto text = versions_document(corpus, ExpectedStore(project.expected()));
    return write_or_check(o, project.versions(), text, "memconform report --versions");
}

int command_report(const Options& o, const RunContext& ctx) {
    if (o.differences) return command_differences(o);
    if (o.versions) return command_versions(o);
    if (o.check) throw std::runtime_error("--check needs --differences or --versions");
    auto run = read_latest_run(ctx.reports_dir);
    auto dir = write_reports(run, ctx.reports_dir);
    fmt::print("Wrote the reports of run {} into {}\n", run.id, dir.string());
    return 0;
}

int command_lint(const Options& o, const RunContext&) {
    auto project = find_project(o.root);
    auto corpus = load_corpus(project.cases());
    auto registry = load_registry(project.registry_file(), base_vars(project.root, project.build));
    auto problems = lint(project, corpus, registry, ExpectedStore(project.expected()));
    print(problems);
    auto errors = std::count_if(problems.begin(), problems.end(), [](const auto& d) { return d.is_error; });
    fmt::print("{} cases, {} tags: {} errors, {} warnings\n", corpus.cases.size(), corpus.tags.size(), errors,
               problems.size() - errors);
    return errors ? 1 : 0;
}

void list_cases(const Corpus& corpus) {
    for (const auto& c : corpus.cases) {
        if (c.is_broken()) {
            fmt::print("{:<44} BROKEN: {}\n", c.id, one_line(c.broken));
            continue;
        }
        std::vector<std::string> tags;
        for (const auto& t : c.front.tags) tags.push_back(t.text);
        fmt::print("{:<44} {} [{}]\n", c.id, c.front.summary, fmt::join(tags, ", "));
    }
}

void list_tags(const Corpus& corpus) {
    for (const auto& [tag, meaning] : corpus.tags) {
        auto n = std::count_if(corpus.cases.begin(), corpus.cases.end(), [&](const Case& c) { return c.has_tag(tag); });
        fmt::print("{:<20} {:>4} cases  {}\n", tag, n, meaning.text);
    }
}

void list_backends(Registry& registry, const Project& project) {
    auto backends = chosen_backends(registry, project, {}, ExpectedStore(project.expected()));
    for (const Backend* b : backends) {
        auto state = printable(b->available ? fmt::format("{} ({})", b->profile, one_line(b->version))
                                            : "not available: " + b->reason);
        fmt::print("{:<24} {:<6} {}\n{:<31} {}  [{}]\n", b->name, kind_name(b->kind), state, "", b->command, b->origin);
    }
    for (const auto& note : registry.notes) fmt::print("note: {}\n", note);
}

int command_list(const Options& o, const RunContext&) {
    auto project = find_project(o.root);
    auto corpus = load_corpus(project.cases());
    bool all = !o.list_cases && !o.list_tags && !o.list_backends;
    if (all || o.list_cases) list_cases(corpus);
    if (all) fmt::print("\n");
    if (all || o.list_tags) list_tags(corpus);
    if (all) fmt::print("\n");
    if (all || o.list_backends) {
        auto registry = checked_registry(project);
        list_backends(registry, project);
    }
    return 0;
}

constexpr auto kLastSeed = std::numeric_limits<std::uint64_t>::max();

// A random seed from 0 to [highest].
std::uint64_t random_seed(std::uint64_t highest) {
    std::random_device random;
    std::uint64_t drawn = std::uint64_t{random()} << 32 | random();
    return highest == kLastSeed ? drawn : drawn % (highest + 1);
}

fuzz::CampaignSettings campaign_settings(const Options& o) {
    fuzz::CampaignSettings settings;
    settings.shard = o.selection.shard;
    if (settings.shard.count > 1 && !o.seed)
        throw std::runtime_error("--shard needs --seed: every shard must split the same campaign");
    // Program i has seed S+i: the last seed must fit in 64 bits, never wrap to 0.
    std::uint64_t highest_first = kLastSeed - (o.count - 1);
    if (o.seed && *o.seed > highest_first)
        throw std::runtime_error(fmt::format("--seed {} with --count {} goes past the last seed, {}: --seed at most {}",
                                             *o.seed, o.count, kLastSeed, highest_first));
    settings.seed = o.seed ? *o.seed : random_seed(highest_first);
    settings.count = o.count;
    for (const auto& name : o.without) settings.generator.without.insert(*fuzz::feature_named(name));
    auto common = settings_of(o);
    settings.workers = common.workers;
    settings.limits = common.limits;
    settings.shrink = !o.no_shrink;
    settings.shrink_budget = o.shrink_tries;
    return settings;
}

// Each program as it is generated, until the last or an interruption.
int show_programs(const fuzz::CampaignSettings& settings) {
    for (std::uint64_t k = 0, size = fuzz::campaign_size(settings); k < size && !interrupting_signal(); ++k) {
        auto seed = fuzz::campaign_seed(settings, k);
        fmt::print("# seed {}\n{}", seed, fuzz::render(fuzz::generate(seed, settings.generator)));
    }
    return interrupting_signal() ? interrupted_exit_status() : 0;
}

int command_fuzz(const Options& o, const RunContext& ctx) {
    auto settings = campaign_settings(o);
    auto project = find_project(o.root);
    auto registry = checked_registry(project);
    if (o.show) {  // no backend need be available: a PyPy model's programs if backends.toml names one
        const Backend* named =
            registry.find(o.backends.empty() ? o.against : parse_backend_spec(o.backends.front()).name);
        settings.generator.pypy_model = named && profile_family(named->profile) == "pypy";
        return show_programs(settings);
    }
    Options pair = o;
    pair.backends.push_back(o.against);
    auto backends = chosen_backends(registry, project, backend_specs(pair), ExpectedStore(project.expected()));
    const Backend& real = *backends.back();
    if (real.kind != BackendKind::Real)
        throw std::runtime_error("--against must name a real interpreter; " + real.name + " is a model");
    if (o.backends.empty()) {  // the model that starts as REAL does
        const Backend* found = model_starting_as(registry, real, base_vars(project.root, project.build));
        if (!found) {
            fmt::print("fuzz skipped: no model of {} starts as {} ({}) does\n", real.profile, real.name,
                       python_version(real.version));
            return 0;
        }
        backends = {found, &real};
    }
    const Backend& model = *backends[0];
    settings.generator.pypy_model = profile_family(model.profile) == "pypy";
    // Against another version every difference between versions would count.
    if (real.profile != model.profile) {
        fmt::print("fuzz skipped: {} is {}, not {} ({}'s profile)\n", real.name, real.profile, model.profile,
                   model.name);
        return 0;
    }
    if (settings.generator.has(fuzz::Feature::GcAutomatic) &&
        python_version(model.version) != python_version(real.version))
        fmt::print(stderr,
                   "note: {} starts as Python {}, {} as {}: their automatic collections fall at other points, "
                   "so gc-automatic programs may disagree (a model of the same start-up, or --without "
                   "gc-automatic)\n",
                   model.name, python_version(model.version), real.name, python_version(real.version));
    auto dir = ctx.reports_dir / "fuzz";
    check_reports_dir(dir);
    fmt::print("Fuzzing {} against {}: {} (one program again: --seed S --count 1)\n", model.name, real.name,
               fuzz::seed_range(settings));
    Progress progress(fuzz::campaign_size(settings), std::cout, on_terminal(), o.verbose);
    fuzz::CampaignRecord record;
    record.result = fuzz::run_campaign(model, real, settings, progress);
    progress.finish();
    record.id = new_run_id(dir, ctx.started);
    record.command = ctx.command;
    record.started = utc_timestamp(ctx.started);
    record.seconds = std::chrono::duration<double>(Clock::now() - ctx.started).count();
    record.settings = settings;
    auto entries = backend_entries(backends);
    record.model = entries[0];
    record.real = entries[1];
    record.interrupted = interrupting_signal_name();
    record.exit_status = !record.interrupted.empty()                                        ? interrupted_exit_status()
                         : record.result.findings.empty() && record.result.unstable.empty() ? 0
                                                                                            : 1;
    auto out = fuzz::write_campaign_report(record, dir);
    fmt::print("\n{}Report: {}\n", fuzz::campaign_summary(record), (out / "summary.md").string());
    return record.exit_status;
}

int command_merge(const Options& o, const RunContext& ctx) {
    std::vector<ShardRun> shards;
    for (const auto& input : o.inputs) shards.push_back(read_shard(input));
    auto run = merge_shards(shards);
    run.id = new_run_id(ctx.reports_dir, ctx.started);
    run.command = ctx.command;
    fmt::print("Merged {} shards: {} cases, {} results\n", shards.size(), run.cases.size(), run.results.size());
    return finish(run, ctx);
}

int command_diff(const Options& o, const RunContext&) {
    auto before = read_shard(o.inputs[0]), after = read_shard(o.inputs[1]);
    auto diff = diff_runs(before.run, after.run);
    fmt::print("{}", diff_text(diff, o.inputs[0], o.inputs[1]));
    if (!o.output.empty()) {
        write_file(o.output, diff_html(diff, o.inputs[0], o.inputs[1]));
        fmt::print("\nWrote {}\n", o.output);
    }
    bool regressed = std::any_of(diff.changes.begin(), diff.changes.end(),
                                 [](const ResultChange& c) { return c.change == Change::Regressed; });
    return regressed ? 1 : 0;
}

int command_baseline(const Options& o, const RunContext& ctx) {
    auto project = find_project(o.root);
    auto source = o.inputs.empty() ? ctx.reports_dir.string() : o.inputs[0];
    auto run = read_shard(source).run;
    for (const auto& backend : run.backends) {
        BaselineUpdate update{{}, {}, fmt::format("TODO: why it fails (FAIL in run {})", run.id)};
        for (const auto& r : run.results) {
            if (r.backend != backend.name) continue;
            if (r.status == Status::Fail) update.add.push_back(r.case_id);
            if (r.status == Status::XPass) update.remove.push_back(r.case_id);
        }
        if (update.add.empty() && update.remove.empty()) continue;
        auto file = baseline_file(project.baselines(), backend.name);
        Diagnostics problems;
        auto current = load_baseline(project.baselines(), backend.name, problems);
        if (has_errors(problems)) {
            print(problems);
            throw std::runtime_error(file.string() + " has problems (above): fix them first");
        }
        auto text = fs::exists(file) ? read_file(file) : std::string();
        write_file(file, updated_baseline(text, current, update, backend.name));
        fmt::print("{}: {} added (write why each fails), {} removed (they pass now)\n", file.string(),
                   update.add.size(), update.remove.size());
    }
    return 0;
}

// ---- peer suites -------------------------------------------------------------------------------

// The files of peer/suites.toml the patterns pick (all without one); a
// pattern that picks none is an error.
std::vector<PeerFile> chosen_peer_files(const Project& project, const Options& o) {
    auto files = load_peer_files(project.peer_suites());
    if (o.selection.patterns.empty()) return files;
    std::vector<std::string> unmatched, known;
    for (const auto& pattern : o.selection.patterns)
        if (std::none_of(files.begin(), files.end(), [&](const PeerFile& f) { return glob_match(pattern, f.module); }))
            unmatched.push_back(pattern);
    for (const auto& f : files) known.push_back(f.module);
    if (!unmatched.empty())
        throw std::runtime_error(fmt::format("no peer file matches {}; {} has {}", fmt::join(unmatched, ", "),
                                             project.peer_suites().string(), fmt::join(known, ", ")));
    std::erase_if(files, [&](const PeerFile& f) {
        return std::none_of(o.selection.patterns.begin(), o.selection.patterns.end(),
                            [&](const std::string& pattern) { return glob_match(pattern, f.module); });
    });
    return files;
}

// peer --record: each file's listing from one real interpreter, stable over
// kRecordAttempts runs, into expected/<profile>/peer/.
int record_peer(const std::vector<PeerFile>& files, const Backend& backend, const PeerSources& sources,
                const ExpectedStore& store, std::string_view driver, const Options& o) {
    if (auto why = record_refusal(backend, store, false); !why.empty()) throw std::runtime_error(why);
    auto source = sources.find(backend.name);
    if (source == sources.end() || source->second.dir.empty())
        throw std::runtime_error(backend.name +
                                 " has no peer suite here: " + (source == sources.end() ? "" : source->second.reason));
    const auto& dir = source->second.dir;
    prepare_recording(store, backend.profile);
    std::vector<PeerFile> present;
    for (const auto& f : files) {
        if (fs::is_regular_file(fs::path(dir) / (f.module + ".py"))) present.push_back(f);
        else fmt::print("SKIPPED: {} :: {}: {} has no {}.py\n", backend.name, f.module, dir, f.module);
    }
    Progress progress(present.size() * kRecordAttempts, std::cout, on_terminal(), false);
    auto attempts = run_peer_attempts(present, backend, dir, driver, kRecordAttempts, settings_of(o), progress);
    progress.finish();
    if (interrupting_signal()) {
        fmt::print("Interrupted by {}: nothing recorded\n", interrupting_signal_name());
        return interrupted_exit_status();
    }
    RecordCounts counts;
    for (std::size_t i = 0; i < present.size(); ++i) {
        std::vector<RawOutcome> raws;
        std::vector<std::string> outcomes;
        for (const auto& seen : attempts[i]) {
            raws.push_back(seen.raw);
            outcomes.push_back(seen.outcome);
        }
        if (auto why = peer_refusal(raws, outcomes); !why.empty()) {
            fmt::print("REFUSED: {} :: {}: {}\n", backend.name, present[i].module, printable(why));
            ++counts.refused;
            continue;
        }
        auto listing = peer_listing(parse_peer_output(outcomes[0]).methods);
        if (counts.differs(store.peer_listing(backend.profile, present[i].module), listing))
            store.save_peer_listing(backend.profile, present[i].module, listing);
    }
    if (!store.info(backend.profile)) store.save_info(profile_info(backend, {}, store));
    fmt::print("Recorded {} of {} peer files from {} ({}), suite {}, into {}: {} changed, {} new, {} unchanged\n",
               present.size() - counts.refused, files.size(), backend.name, one_line(backend.version), dir,
               store.peer_file(backend.profile, "").parent_path().string(), counts.changed, counts.added,
               counts.unchanged);
    return counts.refused ? 1 : 0;
}

int command_peer(const Options& o, const RunContext& ctx) {
    if (o.record && o.backends.size() != 1) throw std::runtime_error("peer --record records from one --backend");
    if (!o.record) check_reports_dir(ctx.reports_dir);
    auto project = find_project(o.root);
    auto files = chosen_peer_files(project, o);
    auto driver = read_file(project.peer_driver());
    auto registry = checked_registry(project);
    ExpectedStore store(project.expected());
    auto backends = chosen_backends(registry, project, backend_specs(o), store);
    auto settings = settings_of(o);
    auto sources = find_peer_sources(backends, registry, base_vars(project.root, project.build),
                                     capability_cache(ctx.reports_dir), settings.limits);
    if (o.record) return record_peer(files, *backends.front(), sources, store, driver, o);
    Progress progress(files.size() * backends.size(), std::cout, on_terminal(), o.verbose);
    auto matrix = run_peer_matrix(files, backends, sources, store, driver, settings, progress);
    progress.finish();
    auto run = run_header(ctx, project);
    std::vector<std::string> ids;
    for (const auto& f : files) {
        ids.push_back(peer_case_id(f));
        run.cases.push_back({ids.back(), f.about, {"peer"}, ""});
    }
    run.selection = case_set(ids);
    run.backends = backend_entries(backends);
    run.results = std::move(matrix.results);
    run.peer = std::move(matrix.entries);
    settle(run);
    fmt::print("\n{}", peer_summary(run));
    return finish(run, ctx);
}

using Command = int (*)(const Options&, const RunContext&);

// The commands that run cases: SIGINT and SIGTERM interrupt them (runner/interrupt.hpp).
const std::set<std::string> kInterruptible = {"run", "record", "compare", "fuzz", "peer"};

const std::map<std::string, Command> kCommands = {
    {"list", command_list},     {"lint", command_lint},         {"run", command_run},
    {"record", command_record}, {"compare", command_compare},   {"report", command_report},
    {"fuzz", command_fuzz},     {"merge", command_merge},       {"peer", command_peer},
    {"diff", command_diff},     {"baseline", command_baseline},
};

fs::path reports_dir(const Options& o) {
    if (!o.reports.empty()) return fs::absolute(o.reports);
    return find_project(o.root).reports();
}

}  // namespace

int main(int argc, char** argv) {
    Options options;
    if (auto status = parse_command_line(argc, argv, options)) return *status;
    if (kInterruptible.contains(options.command)) handle_interrupts();
    try {
        RunContext ctx{options, command_line_text(argc, argv), reports_dir(options)};
        return kCommands.at(options.command)(options, ctx);
    } catch (const std::exception& e) {
        fmt::print(stderr, "memconform: {}\n", printable(e.what()));
        return 2;
    }
}
