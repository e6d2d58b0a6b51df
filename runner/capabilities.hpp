// Capabilities: what a runtime must have for a case to observe anything
// (user finalizers, the weakref module, sys.getrefcount, ...). The closed
// vocabulary lives in cases/tags.toml ([capabilities.NAME]: its meaning, the
// probe program that shows a runtime has it, and the source patterns lint
// checks a case's `requires` against). A case names what it needs in its
// front matter; on a backend that lacks one, it is UNSUPPORTED with the
// missing capability as its reason, not run. See docs/case-format.md.
#pragma once

#include "runner/diagnostic.hpp"
#include "runner/execute.hpp"
#include "runner/registry.hpp"

#include <toml++/toml.h>
#include <boost/regex.hpp>
#include <nlohmann/json.hpp>

#include <filesystem>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace memconform {

struct Capability {
    std::string name;
    std::string meaning;
    std::string probe;  // prints the line `yes` when the runtime has it
    std::string uses;  // regular expression: a source line that needs it
    std::string tag;  // or: a case with this tag needs it
    std::string guarded;  // regular expression: a case source that handles its absence (may be empty)
    int line = 0;  // in tags.toml
    // `uses` and `guarded` compiled once: lint reads every case with them
    // (Boost's engine: std::regex took a tenth of a second over the corpus).
    boost::regex uses_pattern, guarded_pattern;
};

using Vocabulary = std::map<std::string, Capability, std::less<>>;

// The [capabilities] table of tags.toml; problems go to [out].
Vocabulary read_vocabulary(const toml::table& capabilities, const std::filesystem::path& file, Diagnostics& out);

// The reason of a capability whose probe gave no answer: counted as present,
// so that its cases run and fail rather than hide as UNSUPPORTED.
inline constexpr std::string_view kNotProbed = "not probed";

// Whether one backend has one capability, and how that is known.
struct Presence {
    bool has = true;
    std::string reason;  // when it lacks it: what the probe ended with, or "declared in backends.toml"
};

using Capabilities = std::map<std::string, Presence, std::less<>>;
using CapabilityTable = std::map<std::string, Capabilities, std::less<>>;  // backend -> what it has

// What [backend] has of [wanted]: declared in backends.toml, else taken from
// the cache (a JSON file per backend in [cache_dir], valid while the
// backend's command, version answer, program file and the probe are the
// same), else probed by running each capability's probe. A backend that
// cannot run a trivial program is not probed (every capability counts as
// present, so that its cases fail instead of hiding as UNSUPPORTED);
// [warnings] says so. Probes run with the backend's limits over
// [defaults].
Capabilities find_capabilities(const Backend& backend, const Vocabulary& vocabulary,
                               const std::vector<std::string>& wanted, const std::filesystem::path& cache_dir,
                               unsigned workers, std::vector<std::string>& warnings, const Limits& defaults);

// What a probe's cached answers depend on besides the probe: the backend's
// command, version answer and variables, and each file its command names
// (the interpreter's binary, a launcher script), by size and time.
std::string backend_key(const Backend& backend);
// A cache file of probe answers (JSON); an empty object when there is none
// or it is damaged.
nlohmann::json read_cache(const std::filesystem::path& file);
// Written whole, then renamed: a run cut short leaves the old cache or the new.
void write_cache(const std::filesystem::path& file, const nlohmann::json& cache);

// The first capability in [required] that [have] lacks, as the reason an
// UNSUPPORTED result gives: `lacks weakref: ImportError: No module named weakref`.
std::optional<std::string> missing_capability(const std::vector<std::string>& required, const Capabilities& have);

// Lint: each line of [source] (from [first_line] on) that uses a capability
// not in [required], unless the source guards against its absence.
struct UndeclaredUse {
    std::string capability;
    int line = 0;
};
std::vector<UndeclaredUse> undeclared_uses(std::string_view source, int first_line, const std::vector<Located>& tags,
                                           const std::vector<std::string>& required, const Vocabulary& vocabulary);

}  // namespace memconform
