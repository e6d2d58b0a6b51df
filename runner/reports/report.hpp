// The reports of a run, each written from its RunRecord by one writer:
// results.json, junit.xml, summary.md, index.html (in reports/<run id>/).
#pragma once

#include "runner/results.hpp"

#include <filesystem>
#include <memory>
#include <string>
#include <vector>

namespace memconform {

class ReportWriter {
  public:
    virtual ~ReportWriter() = default;
    virtual std::string_view file_name() const = 0;
    virtual std::string render(const RunRecord& run) const = 0;
};

std::unique_ptr<ReportWriter> json_report();
std::unique_ptr<ReportWriter> junit_report();
std::unique_ptr<ReportWriter> markdown_report();
std::unique_ptr<ReportWriter> html_report();

std::vector<std::unique_ptr<ReportWriter>> all_reports();

// Writes every report into [reports_dir]/<run id>/ and points
// [reports_dir]/latest at it; returns that folder.
std::filesystem::path write_reports(const RunRecord& run, const std::filesystem::path& reports_dir);

// The run [reports_dir]/latest/results.json holds. Throws std::runtime_error.
RunRecord read_latest_run(const std::filesystem::path& reports_dir);

}  // namespace memconform
