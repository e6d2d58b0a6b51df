// A fuzzing campaign: programs generated from consecutive seeds, each run
// on a model backend and on the real interpreter of its profile. Where the
// normalized outcomes differ, the real outcome is checked to be stable (a
// program whose real outcome changes between runs is the generator's
// defect, not the model's), the disagreement is classified and the program
// shrunk while the disagreement of that kind stays.
#pragma once

#include "runner/display.hpp"
#include "runner/execute.hpp"
#include "runner/fuzz/generator.hpp"
#include "runner/registry.hpp"
#include "runner/selection.hpp"

#include <cstdint>
#include <map>
#include <string>
#include <vector>

namespace memconform::fuzz {

struct CampaignSettings {
    std::uint64_t seed = 0;  // program i has seed + i; the last one's fits in 64 bits
    std::size_t count = 100;
    Shard shard;  // only the programs i with i % N = I - 1
    unsigned workers = 1;
    GeneratorOptions generator;
    Limits limits;  // defaults; a backend may declare its own
    bool shrink = true;
    std::size_t shrink_budget = 400;  // smaller programs tried per disagreement
};

// One disagreement, with the outcomes of the shrunk program.
struct Finding {
    std::uint64_t seed = 0;
    std::string kind;
    std::string original;  // the generated program
    std::string program;  // shrunk
    std::string model;  // normalized outcomes of [program]
    std::string real;
    std::size_t original_statements = 0, statements = 0;
};

// A program whose real outcome is not the same on every run, or was cut
// short: a defect of the generator.
struct Unstable {
    std::uint64_t seed = 0;
    std::string program;
    std::string why;
};

struct CampaignResult {
    std::size_t programs = 0, agreed = 0;
    std::vector<Finding> findings;  // in seed order
    std::vector<Unstable> unstable;  // in seed order

    // How many findings there are of each kind.
    std::map<std::string, std::size_t> count_by_kind() const;
};

// How many programs [settings] runs: its shard's. Their seeds are never
// held at once: a campaign of 10^9 programs takes the memory of one of 10.
std::uint64_t campaign_size(const CampaignSettings& settings);

// The seed of the [k]th program of the shard, k < campaign_size().
std::uint64_t campaign_seed(const CampaignSettings& settings, std::uint64_t k);

// The file name a program gets in its temporary folder.
inline constexpr std::string_view kProgramFile = "program.py";

// Once the run is interrupted, the programs not examined to the end have no
// verdict and do not count in [programs].
CampaignResult run_campaign(const Backend& model, const Backend& real, const CampaignSettings& settings,
                            Progress& progress);

}  // namespace memconform::fuzz
