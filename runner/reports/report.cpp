#include "runner/reports/report.hpp"

#include "runner/text.hpp"

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

fs::path write_reports(const RunRecord& run, const fs::path& reports_dir) {
    auto dir = reports_dir / run.id;
    for (const auto& writer : all_reports()) write_file(dir / writer->file_name(), writer->render(run));
    auto latest = reports_dir / "latest";
    fs::remove(latest);
    fs::create_directory_symlink(run.id, latest);
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
