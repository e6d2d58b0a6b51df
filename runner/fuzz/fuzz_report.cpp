#include "runner/fuzz/fuzz_report.hpp"

#include "runner/diff.hpp"
#include "runner/fuzz/classify.hpp"
#include "runner/reports/report.hpp"
#include "runner/text.hpp"

#include <fmt/format.h>

namespace memconform::fuzz {

namespace fs = std::filesystem;

namespace {

std::string_view kind_description(std::string_view kind) {
    for (const auto& k : disagreement_kinds())
        if (k.name == kind) return k.description;
    return "";
}

std::string backend_line(const BackendEntry& b) {
    return fmt::format("{} ({}, {})", b.name, b.profile, one_line(b.version));
}

std::string kinds_table(const CampaignResult& result) {
    std::string out = "| kind | disagreements | what it points to |\n|---|---:|---|\n";
    for (const auto& [kind, n] : result.count_by_kind())
        out += fmt::format("| {} | {} | {} |\n", kind, n, kind_description(kind));
    return out;
}

std::string finding_section(const CampaignRecord& record, const Finding& f) {
    return fmt::format(
        "\n### seed {}: {} ({} of {} statements)\n\n"
        "Replay: `{}`. Files: `{}/` (program.py, original.py, real.out, model.out).\n\n"
        "{}\nReal (`---`) and model (`+++`) outcomes:\n\n{}",
        f.seed, f.kind, f.statements, f.original_statements, replay_command(record, f.seed), f.seed,
        markdown_fence(f.program, "python"), markdown_fence(unified_diff(f.real, f.model), "diff"));
}

std::string unstable_section(const Unstable& u) {
    return fmt::format("\n### seed {}\n\n`unstable/{}.py`\n\n{}", u.seed, u.seed, markdown_fence(u.why, "text"));
}

std::string interruption_note(const CampaignRecord& record) {
    if (record.interrupted.empty()) return "";
    return fmt::format("Interrupted by {}: {} of {} programs examined; the others have no verdict.\n",
                       record.interrupted, record.result.programs, campaign_size(record.settings));
}

}  // namespace

std::string seed_range(const CampaignSettings& settings) {
    auto range = fmt::format("seeds {} to {}", settings.seed, settings.seed + settings.count - 1);
    if (settings.shard.count == 1) return range;
    return fmt::format("{}, shard {}/{}", range, settings.shard.index, settings.shard.count);
}

std::string replay_command(const CampaignRecord& record, std::uint64_t seed) {
    auto without = record.settings.generator.without_list();
    return fmt::format("memconform fuzz --backend {} --against {} --seed {} --count 1{}", record.model.name,
                       record.real.name, seed, without.empty() ? "" : " --without " + without);
}

std::string campaign_summary(const CampaignRecord& record) {
    const auto& r = record.result;
    std::string out = fmt::format("{} programs ({}) on {} against {}: {} agreed, {} disagreed, {} unstable\n",
                                  r.programs, seed_range(record.settings), record.model.name, record.real.name,
                                  r.agreed, r.findings.size(), r.unstable.size());
    for (const auto& [kind, n] : r.count_by_kind()) out += fmt::format("  {:<16} {}\n", kind, n);
    return out + interruption_note(record);
}

std::string summary_markdown(const CampaignRecord& record) {
    const auto& r = record.result;
    auto without = record.settings.generator.without_list();
    std::string out = fmt::format(
        "# memconform fuzz {}\n\n`{}` — started {}, {:.1f} s, exit status {}\n\n"
        "Model: {}. Real interpreter: {}.\n"
        "Programs: {}; features turned off: {}.\n\n"
        "| programs | agreed | disagreed | unstable |\n|---:|---:|---:|---:|\n| {} | {} | {} | {} |\n",
        record.id, record.command, record.started, record.seconds, record.exit_status, backend_line(record.model),
        backend_line(record.real), seed_range(record.settings), without.empty() ? "none" : without, r.programs,
        r.agreed, r.findings.size(), r.unstable.size());
    if (!record.interrupted.empty()) out += "\n**" + std::string(trim(interruption_note(record))) + "**\n";
    if (!r.findings.empty()) {
        out += "\n## Disagreements by kind\n\n" + kinds_table(r) + "\n## Disagreements\n";
        for (const auto& f : r.findings) out += finding_section(record, f);
    }
    if (!r.unstable.empty()) {
        out += "\n## Unstable programs (generator defects)\n";
        for (const auto& u : r.unstable) out += unstable_section(u);
    }
    return out;
}

nlohmann::json to_json(const CampaignRecord& record) {
    auto backend = [](const BackendEntry& b) {
        return nlohmann::json{{"name", b.name}, {"profile", b.profile}, {"version", b.version}};
    };
    const auto& r = record.result;
    nlohmann::json findings = nlohmann::json::array(), unstable = nlohmann::json::array();
    for (const auto& f : r.findings)
        findings.push_back({{"seed", f.seed},
                            {"kind", f.kind},
                            {"statements", f.statements},
                            {"original_statements", f.original_statements},
                            {"model", f.model},
                            {"real", f.real}});
    for (const auto& u : r.unstable) unstable.push_back({{"seed", u.seed}, {"why", u.why}});
    return {{"schema", kFuzzSchema},
            {"id", record.id},
            {"command", record.command},
            {"started", record.started},
            {"seconds", record.seconds},
            {"seed", record.settings.seed},
            {"count", record.settings.count},
            {"without", record.settings.generator.without_list()},
            {"shard", fmt::format("{}/{}", record.settings.shard.index, record.settings.shard.count)},
            {"model", backend(record.model)},
            {"real", backend(record.real)},
            {"programs", r.programs},
            {"agreed", r.agreed},
            {"kinds", r.count_by_kind()},
            {"disagreements", findings},
            {"unstable", unstable},
            {"interrupted", record.interrupted},
            {"exit_status", record.exit_status}};
}

fs::path write_campaign_report(const CampaignRecord& record, const fs::path& dir) {
    auto out = dir / record.id;
    write_file(out / "summary.md", summary_markdown(record));
    write_file(out / "fuzz.json", to_json(record).dump(2, ' ', false, nlohmann::json::error_handler_t::replace) + "\n");
    for (const auto& f : record.result.findings) {
        auto folder = out / std::to_string(f.seed);
        write_file(folder / "program.py", f.program);
        write_file(folder / "original.py", f.original);
        write_file(folder / "real.out", f.real);
        write_file(folder / "model.out", f.model);
    }
    for (const auto& u : record.result.unstable)
        write_file(out / "unstable" / (std::to_string(u.seed) + ".py"), u.program);
    point_latest(dir, record.id);
    return out;
}

}  // namespace memconform::fuzz
