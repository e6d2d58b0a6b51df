// The work of run, compare and record: many cases on some backends, in
// parallel, each result judged as it comes in.
#pragma once

#include "runner/baselines.hpp"
#include "runner/capabilities.hpp"
#include "runner/corpus.hpp"
#include "runner/display.hpp"
#include "runner/expected.hpp"
#include "runner/registry.hpp"
#include "runner/results.hpp"
#include "runner/run_case.hpp"

#include <map>
#include <vector>

namespace memconform {

struct Settings {
    Limits limits;  // defaults; a backend may declare its own
    unsigned workers = 1;
};

using Baselines = std::map<std::string, Baseline, std::less<>>;  // backend -> baseline

// Every case on every backend: judged against the expected outcome of the
// backend's profile and mapped through its baseline. An unavailable backend
// gives SKIPPED results with its reason; a case that requires what a
// backend lacks ([capabilities]) is UNSUPPORTED there, not run. Results come in case order; once
// the run is interrupted, the cases it cut short or kept from starting have
// none.
std::vector<Result> run_matrix(const std::vector<const Case*>& cases, const std::vector<const Backend*>& backends,
                               const ExpectedStore& store, const Baselines& baselines,
                               const CapabilityTable& capabilities, const Settings& settings, Progress& progress);

// Runs each case [attempts] times on [backend]: attempts[case][i].
std::vector<std::vector<Observation>> run_attempts(const std::vector<const Case*>& cases, const Backend& backend,
                                                   int attempts, const Settings& settings, Progress& progress);

// The parts of a RunRecord that describe its cases and backends.
std::vector<CaseEntry> case_entries(const std::vector<const Case*>& cases);
std::vector<BackendEntry> backend_entries(const std::vector<const Backend*>& backends,
                                          const CapabilityTable& capabilities = {});

}  // namespace memconform
