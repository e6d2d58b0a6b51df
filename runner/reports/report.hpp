// The reports of a run, each written from its RunRecord by one writer:
// results.json, junit.xml, summary.md, index.html (in reports/<run id>/).
#pragma once

#include "runner/results.hpp"

#include <chrono>
#include <filesystem>
#include <memory>
#include <string>
#include <vector>

namespace memconform {

// A file a report writes beside its own, at [path] relative to the run's folder.
struct ReportFile {
    std::string path;
    std::string text;
};

class ReportWriter {
  public:
    virtual ~ReportWriter() = default;
    virtual std::string_view file_name() const = 0;
    virtual std::string render(const RunRecord& run) const = 0;
    // What the report needs beside it (index.html: each case's panels).
    virtual std::vector<ReportFile> companions(const RunRecord&) const { return {}; }
};

std::unique_ptr<ReportWriter> json_report();
std::unique_ptr<ReportWriter> junit_report();
std::unique_ptr<ReportWriter> markdown_report();
std::unique_ptr<ReportWriter> html_report();

std::vector<std::unique_ptr<ReportWriter>> all_reports();

// A new run's id: its UTC start time (20250101-120000), with a suffix when
// [reports_dir] already has a folder of that name.
std::string new_run_id(const std::filesystem::path& reports_dir, std::chrono::system_clock::time_point started);

// [time] in ISO 8601, UTC: 2025-01-01T12:00:00Z.
std::string utc_timestamp(std::chrono::system_clock::time_point time);

// Points [reports_dir]/latest at its folder [run_id].
void point_latest(const std::filesystem::path& reports_dir, const std::string& run_id);

// Writes every report into [reports_dir]/<run id>/ and points
// [reports_dir]/latest at it; returns that folder.
std::filesystem::path write_reports(const RunRecord& run, const std::filesystem::path& reports_dir);

// The run [reports_dir]/latest/results.json holds. Throws std::runtime_error.
RunRecord read_latest_run(const std::filesystem::path& reports_dir);

}  // namespace memconform
