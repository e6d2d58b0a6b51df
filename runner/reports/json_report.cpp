#include "runner/reports/report.hpp"

namespace memconform {

namespace {

// results.json: the RunRecord itself, keys sorted, so two runs diff cleanly.
class JsonReport final : public ReportWriter {
  public:
    std::string_view file_name() const override { return "results.json"; }
    std::string render(const RunRecord& run) const override {
        // Outputs are not always valid UTF-8: replace what is not.
        return to_json(run).dump(2, ' ', false, nlohmann::json::error_handler_t::replace) + "\n";
    }
};

}  // namespace

std::unique_ptr<ReportWriter> json_report() { return std::make_unique<JsonReport>(); }

}  // namespace memconform
