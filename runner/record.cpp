#include "runner/record.hpp"

#include "runner/diff.hpp"
#include "runner/normalize.hpp"
#include "runner/text.hpp"

#include <fmt/format.h>

#include <regex>

namespace memconform {

std::string refusal(const std::vector<Observation>& attempts) {
    for (const auto& seen : attempts)
        if (!seen.runner_error.empty()) return "not run, not recorded: " + seen.runner_error;
    for (const auto& seen : attempts) {
        auto ending = seen.raw.ending;
        if (ending == Ending::TimedOut || ending == Ending::Capped || ending == Ending::NotStarted ||
            ending == Ending::Interrupted)
            return "cut short, not recorded:\n" + seen.outcome;
    }
    for (const auto& line : split_lines(attempts.front().outcome))
        if (line.starts_with("SyntaxError") && attempts.front().raw.code != 0)
            return "ends in a SyntaxError: the case needs a language this interpreter lacks; declare it with "
                   "`requires` (py3-syntax, py38-syntax, ...) in its front matter:\n" +
                   attempts.front().outcome;
    for (std::size_t i = 1; i < attempts.size(); ++i)
        if (attempts[i].outcome != attempts[0].outcome)
            return fmt::format("unstable: runs 1 and {} differ\n{}", i + 1,
                               unified_diff(attempts[0].outcome, attempts[i].outcome));
    return "";
}

ProfileInfo profile_info(const Backend& backend, const Capabilities& found, const ExpectedStore& store) {
    Environment env = pinned_variables();
    for (const auto& [name, value] : backend.env) env[name] = value;
    ProfileInfo info{backend.profile, backend.name, backend.version, backend.command, env, normalize_rule_names(), {}};
    if (auto before = store.info(backend.profile)) info.lacks = before->lacks;
    for (const auto& [name, presence] : found) {
        if (presence.has) info.lacks.erase(name);
        else info.lacks[name] = presence.reason;
    }
    return info;
}

bool version_fits_profile(std::string_view version, std::string_view profile) {
    static const std::regex kVersionSuffix(R"(-(\d+(\.\d+)*)$)");
    std::match_results<std::string_view::const_iterator> number;
    if (!std::regex_search(profile.begin(), profile.end(), number, kVersionSuffix)) return true;
    auto dotted = std::regex_replace(number[1].str(), std::regex(R"(\.)"), R"(\.)");
    std::regex as_version("(^|[^0-9.])" + dotted + "(?![0-9])");
    return std::regex_search(version.begin(), version.end(), as_version);
}

std::string record_refusal(const Backend& backend, const ExpectedStore& store, bool full) {
    if (backend.kind != BackendKind::Real)
        return backend.name + " is a model: expected outcomes come from real interpreters only";
    if (!backend.available) return backend.name + " is not available: " + backend.reason;
    if (trim(backend.version).empty())
        return backend.name +
               " has no version answer (a backend named on the command line has no version query): declare it in "
               "backends.toml, with `version` and `version_match`, to record from it";
    if (!version_fits_profile(backend.version, backend.profile))
        return fmt::format("{} answers `{}`, which is not a version of profile {}: it may not record into expected/{}",
                           backend.name, one_line(backend.version), backend.profile, backend.profile);
    auto info = store.info(backend.profile);
    if (full || !info || info->version == backend.version) return "";
    return fmt::format("expected/{} was recorded from `{}`, not `{}`: record every case (no filter) to switch",
                       backend.profile, info->version, backend.version);
}

}  // namespace memconform
