#include "runner/compare.hpp"

#include <algorithm>
#include <map>
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

bool ran(const Result& r) {
    return r.status != Status::Skipped && r.status != Status::Error && r.status != Status::Unsupported;
}

std::vector<Comparison> classify_all(const std::vector<Result>& results, const ExpectedStore& store) {
    std::vector<Comparison> out;
    auto profiles = store.profiles();
    for (const auto& r : results)
        if (ran(r)) out.push_back(classify(r.case_id, r.backend, r.actual, store, profiles));
    return out;
}

std::vector<CaseBehaviors> recorded_behaviors(const std::vector<std::string>& case_ids, const ExpectedStore& store) {
    auto profiles = store.profiles();
    std::vector<CaseBehaviors> out;
    for (const auto& id : case_ids) {
        CaseBehaviors c{id, {}};
        for (const auto& profile : profiles) {
            auto outcome = store.outcome(profile, id);
            if (!outcome) continue;
            if (auto i = behavior_index(c, *outcome)) c.behaviors[*i].profiles.push_back(profile);
            else c.behaviors.push_back({{profile}, *outcome});
        }
        out.push_back(std::move(c));
    }
    return out;
}

std::optional<std::size_t> behavior_index(const CaseBehaviors& c, std::string_view outcome) {
    for (std::size_t i = 0; i < c.behaviors.size(); ++i)
        if (c.behaviors[i].outcome == outcome) return i;
    return std::nullopt;
}

std::string behavior_letter(std::size_t index) {
    std::string letters;
    for (++index; index > 0; index = (index - 1) / 26) letters.insert(letters.begin(), char('A' + (index - 1) % 26));
    return letters;
}

std::vector<std::pair<std::string, std::vector<Likeness>>> likeness_by_backend(const RunRecord& run) {
    std::map<std::string_view, const CaseBehaviors*> behaviors;
    for (const auto& c : run.behaviors) behaviors.emplace(c.case_id, &c);
    std::map<std::string, std::map<std::string, Likeness>> by_backend;
    for (const auto& r : run.results) {
        auto found = behaviors.find(r.case_id);
        if (!ran(r) || found == behaviors.end()) continue;
        auto& by_profile = by_backend[r.backend];
        for (const auto& behavior : found->second->behaviors)
            for (const auto& profile : behavior.profiles) {
                auto& l = by_profile[profile];
                ++l.compared;
                l.alike += behavior.outcome == r.actual;
            }
    }
    std::vector<std::pair<std::string, std::vector<Likeness>>> out;
    for (const auto& b : run.backends) {
        auto found = by_backend.find(b.name);
        if (found == by_backend.end()) continue;
        std::vector<Likeness> ranked;
        for (auto [profile, l] : found->second) {
            l.profile = profile;
            ranked.push_back(l);
        }
        // The most cases alike first (a profile recorded on few cases must
        // not win by its share), then the larger share: x.alike / x.compared
        // > y.alike / y.compared, without division.
        std::stable_sort(ranked.begin(), ranked.end(), [](const Likeness& x, const Likeness& y) {
            if (x.alike != y.alike) return x.alike > y.alike;
            return x.alike * y.compared > y.alike * x.compared;
        });
        out.emplace_back(b.name, std::move(ranked));
    }
    return out;
}

}  // namespace memconform
