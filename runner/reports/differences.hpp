// docs/differences.md: every case whose recorded outcomes differ between two
// profiles (CPython 3.11 and PyPy 7.3 by default), with its summary,
// source, both outcomes side by side, its `explain` and `portable` texts and, from the
// explain traces of the two profiles' models, what happened to each object
// whose fate differs.
#pragma once

#include "runner/corpus.hpp"
#include "runner/expected.hpp"

#include <map>
#include <optional>
#include <string>
#include <vector>

namespace memconform {

inline constexpr std::string_view kDifferencesLeft = "cpython-3.11";
inline constexpr std::string_view kDifferencesRight = "pypy-7.3";

// The explain traces of one case on the models of the two profiles.
struct ModelTraces {
    std::string left, right;
    bool left_agrees = true, right_agrees = true;  // the model's outcome is its profile's recorded one
};

// The models whose traces a document tells (their backend names), and
// their traces of the cases that differ.
struct ModelsTold {
    std::string left, right;
    std::map<std::string, ModelTraces, std::less<>> traces;
};

// The cases whose recorded outcomes differ between [left] and [right].
std::vector<const Case*> differing_cases(const Corpus& corpus, const ExpectedStore& store, std::string_view left,
                                         std::string_view right);

std::string differences_document(const Corpus& corpus, const ExpectedStore& store, std::string_view left,
                                 std::string_view right, const ModelsTold& models = {});

// The recorded outcome of [c] on [profile], or, when the profile's
// interpreter lacks a capability the case requires, a line saying so;
// nullopt when neither is recorded.
std::optional<std::string> outcome_or_lack(const ExpectedStore& store, std::string_view profile, const Case& c);

// The id of a case's section in a Markdown document.
std::string case_anchor(std::string_view id);

}  // namespace memconform
