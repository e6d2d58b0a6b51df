// expected/: the outcomes recorded from real interpreters, one folder per
// profile (`expected/<profile>/<area>/<name>.out`) with a profile.toml that
// says how they were recorded.
#pragma once

#include "runner/environment.hpp"

#include <filesystem>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace memconform {

struct ProfileInfo {
    std::string profile;
    std::string backend;  // the backend it was recorded with
    std::string version;  // that backend's version answer
    std::string command;  // its command template
    Environment env;  // the variables set on top of the caller's
    std::vector<std::string> normalize;  // the normalization rules applied
    // The capabilities the interpreter lacked (and why): the cases that
    // require one have no outcome here, on purpose.
    std::map<std::string, std::string, std::less<>> lacks;
};

class ExpectedStore {
  public:
    explicit ExpectedStore(std::filesystem::path dir) : dir_(std::move(dir)) {}

    const std::filesystem::path& dir() const { return dir_; }
    std::filesystem::path file(std::string_view profile, std::string_view case_id) const;

    std::optional<std::string> outcome(std::string_view profile, std::string_view case_id) const;
    void save(std::string_view profile, std::string_view case_id, std::string_view outcome) const;
    // Removes the outcome, if there is one; says whether there was.
    bool remove(std::string_view profile, std::string_view case_id) const;

    // The listing recorded for the peer suite file [module] (runner/peer.hpp):
    // <profile>/peer/<module>.txt, which no case id can name.
    std::filesystem::path peer_file(std::string_view profile, std::string_view module) const;
    std::optional<std::string> peer_listing(std::string_view profile, std::string_view module) const;
    void save_peer_listing(std::string_view profile, std::string_view module, std::string_view listing) const;

    // Every profile folder, in natural order (cpython-3.8 before cpython-3.10).
    std::vector<std::string> profiles() const;
    // The case ids [profile] has an outcome for, sorted.
    std::vector<std::string> case_ids(std::string_view profile) const;

    // profile.toml; throws std::runtime_error naming the file when malformed.
    std::optional<ProfileInfo> info(std::string_view profile) const;
    // Writes profile.toml, unless it already says the same.
    void save_info(const ProfileInfo& info) const;

    // Readies <profile>/ for a recording, before anything runs: removes the
    // partial files a recording killed mid-write left (and returns them),
    // and throws std::system_error, naming the folder, when a file cannot
    // be written there (a full disk).
    std::vector<std::filesystem::path> prepare_recording(std::string_view profile) const;

  private:
    std::filesystem::path dir_;
};

}  // namespace memconform
