// `memconform merge`: the results.json of the shards of one run (`run
// --shard I/N`, on one machine or on several) combined into the whole run,
// from which every report is written as if it had run at once.
#pragma once

#include "runner/results.hpp"

#include <filesystem>
#include <vector>

namespace memconform {

struct ShardRun {
    std::filesystem::path source;  // where it was read, for the messages
    RunRecord run;
};

// The run [given] holds: a results.json, a run's folder, or a reports folder
// (its latest run). Throws std::runtime_error.
ShardRun read_shard(const std::filesystem::path& given);

// The whole run [shards] make up, its id, command and start still to set:
// the cases and results of every shard in the order one run gives them,
// `seconds` their sum. Throws std::runtime_error, naming the inputs, when
// they are not the shards of one run (another project, case selection,
// --strict, shard count or backend), when two hold the same shard or case,
// or when a shard is missing.
RunRecord merge_shards(const std::vector<ShardRun>& shards);

}  // namespace memconform
