// The backend registry: backends.toml (format: docs/case-format.md, "Adding
// a backend"), its discovery rules, the backends named on the command line,
// and whether each one can run on this machine.
#pragma once

#include "runner/command_template.hpp"
#include "runner/diagnostic.hpp"
#include "runner/environment.hpp"
#include "runner/execute.hpp"

#include <filesystem>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace memconform {

enum class BackendKind {
    Real,  // a real interpreter: its outcomes may be recorded
    Model,  // pymodel: judged against real outcomes; exit status kUnsupportedExit (status.hpp) = UNSUPPORTED
};

std::string_view kind_name(BackendKind kind);

// The profile a backend named on the command line is judged against unless
// it names one, and the reference of the differences document.
inline constexpr std::string_view kReferenceProfile = "cpython-3.11";

struct Backend {
    std::string name;
    BackendKind kind = BackendKind::Real;
    std::string command;  // template; {case} is the case file
    std::string explain;  // the command that also writes an explain trace to {trace}; empty: none
    std::string version_command;  // empty for a backend named on the command line
    std::string version_match;  // regular expression; its groups are {version.N}
    std::string profile;  // template until probed
    Environment env;
    std::vector<std::string> required_files;  // `requires`: files that must exist
    std::map<std::string, bool, std::less<>> declared_capabilities;  // `capabilities`: what probes need not find
    std::string install;  // how to get it, shown when it is missing
    std::size_t memory_mib = 0;  // 0: the default limit
    double timeout_seconds = 0;  // 0: the default limit
    std::string peer_dir;  // the `test` folder of its peer suite (runner/peer.hpp); empty: ask the runtime
    std::string origin;  // where it was declared

    // Set by probe().
    bool available = false;
    std::string reason;  // why it is not available
    std::string version;  // the answer of the version query
    Vars vars;  // {root}, {build}, {version.N}
};

struct Registry {
    std::vector<Backend> backends;
    std::vector<std::string> notes;  // what each discovery rule found or why not
    Diagnostics problems;

    Backend* find(std::string_view name);
    const Backend* find(std::string_view name) const;
};

// The placeholders every template may use: {root} (the project) and
// {build} (the build tree the memconform binary is in).
Vars base_vars(const std::filesystem::path& root, const std::filesystem::path& build);

// Reads [file]; runs its discovery rules ([[discover]]) unless [named] (the
// backends the caller will use; empty: every one) names only backends the
// file declares in tables of their own: then the rules' keys are checked
// but their commands (a version manager's, a dozen processes) do not run.
Registry load_registry(const std::filesystem::path& file, const Vars& base, const std::vector<std::string>& named = {});

// One --backend argument, read once: NAME (a backend of the registry),
// NAME:PROFILE, or NAME[:PROFILE]=COMMAND (a backend of its own).
struct BackendSpec {
    std::string name;
    std::string profile;  // empty: none named
    std::optional<std::string> command;
};
BackendSpec parse_backend_spec(std::string_view spec);

// The backend `NAME[:PROFILE]=COMMAND` declares (kReferenceProfile when no
// profile is named). Throws std::invalid_argument.
Backend adhoc_backend(const BackendSpec& spec);
Backend adhoc_backend(std::string_view spec);

// Decides whether [backend] can run here: its program and required files
// exist and its version query answers (matching version_match). Sets its
// profile from that answer.
void probe(Backend& backend, const Vars& base);
void probe_all(const std::vector<Backend*>& backends, const Vars& base);

// The Python version a version answer names: its first X.Y.Z ("Python
// 3.11.2 (main, ...)" -> "3.11.2"); empty when it names none.
std::string python_version(std::string_view version_answer);

// The model of [registry] that starts as [real] does: of [real]'s profile,
// available, and answering the same Python version (3.11.7 and 3.11.2
// start with different heaps, so their automatic collections fall at
// other points). Probes the models of that profile; null when none does.
const Backend* model_starting_as(Registry& registry, const Backend& real, const Vars& base);

// The longest time limit a case may have (--timeout, `timeout`): a day.
inline constexpr double kLongestTimeoutSeconds = 24 * 60 * 60;

// [defaults] with the limits [backend] declares in backends.toml.
Limits limits_for(const Backend& backend, Limits defaults);

// The command that runs [case_file] on [backend]; with a [trace] file, the
// one that also writes its explain trace there (`explain`).
std::vector<std::string> case_command(const Backend& backend, const std::filesystem::path& case_file,
                                      const std::filesystem::path& trace = {});

}  // namespace memconform
