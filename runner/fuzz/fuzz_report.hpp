// The report of a fuzzing campaign, in reports/fuzz/<run id>/:
//   summary.md   the counts, the disagreements by kind, each shrunk program
//                with the diff of its outcomes and how to replay it
//   fuzz.json    the same, for machines (schema: docs/differential-fuzzing.md)
//   <seed>/      each disagreement: program.py (shrunk), original.py,
//                real.out and model.out (the shrunk program's outcomes)
//   unstable/    each program whose real outcome was not stable: <seed>.py
// and reports/fuzz/latest points at it.
#pragma once

#include "runner/fuzz/campaign.hpp"
#include "runner/results.hpp"

#include <filesystem>
#include <string>

namespace memconform::fuzz {

inline constexpr int kFuzzSchema = 1;

struct CampaignRecord {
    std::string id;  // its folder's name
    std::string command;  // the memconform command line
    std::string started;  // ISO 8601, UTC
    double seconds = 0;
    CampaignSettings settings;
    BackendEntry model, real;
    CampaignResult result;
    std::string interrupted;  // the signal that cut the campaign short ("SIGTERM"), or empty
    int exit_status = 0;
};

// "seeds S to E", and which shard of them runs.
std::string seed_range(const CampaignSettings& settings);

// The command that generates and runs only the program of [seed] again.
std::string replay_command(const CampaignRecord& record, std::uint64_t seed);

// What the terminal shows at the end: the counts and the disagreements by kind.
std::string campaign_summary(const CampaignRecord& record);

std::string summary_markdown(const CampaignRecord& record);
nlohmann::json to_json(const CampaignRecord& record);

// Writes the report into [dir]/<id>/, points [dir]/latest at it and
// returns that folder.
std::filesystem::path write_campaign_report(const CampaignRecord& record, const std::filesystem::path& dir);

}  // namespace memconform::fuzz
