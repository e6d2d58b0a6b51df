#include "runner/compare.hpp"

#include <set>

namespace memconform {

std::string profile_family(std::string_view profile) { return std::string(profile.substr(0, profile.find('-'))); }

std::string verdict(const std::vector<std::string>& matches, const std::vector<std::string>& recorded) {
    if (recorded.empty()) return "unrecorded";
    if (matches.empty()) return "none";
    if (matches.size() == recorded.size()) return "all";
    std::set<std::string> families;
    for (const auto& profile : matches) families.insert(profile_family(profile));
    return families.size() == 1 ? "only " + *families.begin() : "some";
}

Comparison classify(const std::string& case_id, const std::string& backend, const std::string& outcome,
                    const ExpectedStore& store, const std::vector<std::string>& profiles) {
    Comparison c{case_id, backend, {}, {}, ""};
    for (const auto& profile : profiles) {
        auto expected = store.outcome(profile, case_id);
        if (!expected) continue;
        c.recorded.push_back(profile);
        if (*expected == outcome) c.matches.push_back(profile);
    }
    c.verdict = verdict(c.matches, c.recorded);
    return c;
}

std::vector<Comparison> classify_all(const std::vector<Result>& results, const ExpectedStore& store) {
    std::vector<Comparison> out;
    auto profiles = store.profiles();
    for (const auto& r : results)
        if (r.status != Status::Skipped && r.status != Status::Error)  // neither ran
            out.push_back(classify(r.case_id, r.backend, r.actual, store, profiles));
    return out;
}

}  // namespace memconform
