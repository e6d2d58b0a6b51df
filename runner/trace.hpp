// Explain traces (pymodel --explain, backends/vm/README.md "The explain
// trace") as the reports read them: each event placed on the line of the
// case it happened on, and what became of each object the trace names.
#pragma once

#include <map>
#include <string>
#include <string_view>
#include <vector>

namespace memconform {

// A trace's events by the case's line they happened on. An event in other
// code (a library's Python) goes with the case's line that ran before it,
// shown whole; one before the first line (`<start>`) goes to `start`, one
// after the program's code (`<exit>`) to `exit`.
struct TraceLines {
    std::vector<std::string> start;
    std::map<int, std::vector<std::string>> at;
    std::vector<std::string> exit;
};

// [case_file] is the case as the trace names it: `./name.py`.
TraceLines trace_by_line(std::string_view trace, std::string_view case_file);

// The case's file as a trace names it: `./NAME.py` for the case `AREA/NAME`.
std::string traced_case_file(std::string_view case_id);

// What became of each object a trace names (its class and label: `Node
// 'a'`), in order: finalized, resurrected, queued for its finalizer, its
// weakrefs cleared, freed, left alive at exit, each with where (`line 12`,
// `exit`) and why (`refcount`, `major collection`); and each file flushed
// and closed, and by whom. The program's classes, modules and the layers
// under a text file are left out. A step that happened to several alike
// objects in a row (a trace line `EVENT [N times]`, or N lines) is one step
// with its count.
struct Step {
    std::string what;
    std::size_t times = 1;
    bool operator==(const Step&) const = default;
};
using Fates = std::vector<std::pair<std::string, std::vector<Step>>>;  // in order of first mention
Fates object_fates(std::string_view trace, std::string_view case_file);

// One line for each object whose fate differs between two traces, as
// "`LABEL`: LEFT: what happened to it; RIGHT: what happened to it".
std::vector<std::string> what_happened(std::string_view left_name, std::string_view left_trace,
                                       std::string_view right_name, std::string_view right_trace,
                                       std::string_view case_file);

}  // namespace memconform
