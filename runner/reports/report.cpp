#include "runner/reports/report.hpp"

#include "runner/text.hpp"

#include <fmt/chrono.h>
#include <fmt/format.h>

namespace memconform {

namespace fs = std::filesystem;

std::vector<std::unique_ptr<ReportWriter>> all_reports() {
    std::vector<std::unique_ptr<ReportWriter>> writers;
    writers.push_back(json_report());
    writers.push_back(junit_report());
    writers.push_back(markdown_report());
    writers.push_back(html_report());
    return writers;
}

std::string new_run_id(const fs::path& reports_dir, std::chrono::system_clock::time_point started) {
    auto stamp = fmt::format("{:%Y%m%d-%H%M%S}", fmt::gmtime(std::chrono::system_clock::to_time_t(started)));
    auto id = stamp;
    for (int n = 2; fs::exists(reports_dir / id); ++n) id = fmt::format("{}-{}", stamp, n);
    return id;
}

std::string utc_timestamp(std::chrono::system_clock::time_point time) {
    return fmt::format("{:%Y-%m-%dT%H:%M:%SZ}", fmt::gmtime(std::chrono::system_clock::to_time_t(time)));
}

void point_latest(const fs::path& reports_dir, const std::string& run_id) {
    auto latest = reports_dir / "latest";
    fs::remove(latest);
    fs::create_directory_symlink(run_id, latest);
}

fs::path write_reports(const RunRecord& run, const fs::path& reports_dir) {
    auto dir = reports_dir / run.id;
    for (const auto& writer : all_reports()) {
        // Its companions first: a report is never there without them.
        for (const auto& file : writer->companions(run)) write_file(dir / file.path, file.text);
        write_file(dir / writer->file_name(), writer->render(run));
    }
    point_latest(reports_dir, run.id);
    return dir;
}

RunRecord read_latest_run(const fs::path& reports_dir) {
    auto file = reports_dir / "latest" / "results.json";
    if (!fs::exists(file)) throw std::runtime_error("no run to report on: " + file.string() + " does not exist");
    try {
        return run_from_json(nlohmann::json::parse(read_file(file)));
    } catch (const nlohmann::json::exception& e) {
        throw std::runtime_error(file.string() + ": " + e.what());
    }
}

}  // namespace memconform
