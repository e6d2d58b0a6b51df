// The panels of index.html, one file per case beside the page
// (panels/<case id>.js): the page loads a case's file only when one of its
// panels is opened, so a large run's page holds only its matrix.
#pragma once

#include "runner/results.hpp"

#include <nlohmann/json.hpp>

#include <string>

namespace memconform {

// Where [case_id]'s panels are, relative to index.html.
std::string panel_file(std::string_view case_id);

// The fragment that opens [backend]'s result of [case_id] (`del/a@pypy3`);
// the case's own panel (its file with line numbers) is `#<case id>`.
std::string result_anchor(std::string_view case_id, std::string_view backend);

// The HTML of [c]'s panel (`source`: its file with line numbers, and the
// models' traces beside it) and of each of its results' panels (`results`,
// by backend).
nlohmann::json case_panels(const RunRecord& run, const CaseEntry& c);

// [c]'s panel file: a script that hands the page the HTML of the case's
// panel and of each of its results' panels, by backend.
std::string case_panels_script(const RunRecord& run, const CaseEntry& c);

}  // namespace memconform
