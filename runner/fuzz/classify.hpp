// What kind of disagreement a model's outcome has with the real
// interpreter's: the part of the model to look at first. Generated
// programs print in a small vocabulary ("del NAME", "callback w3",
// "file f2.txt 6", ...), so the first line where the outcomes part says
// which mechanism they disagree on.
#pragma once

#include "runner/execute.hpp"

#include <span>
#include <string>
#include <string_view>

namespace memconform::fuzz {

struct DisagreementKind {
    std::string_view name;
    std::string_view description;
};

// Every kind, in the order reports list them.
std::span<const DisagreementKind> disagreement_kinds();

struct Outcomes {
    const RawOutcome& model_raw;
    std::string_view model;  // normalized outcomes
    std::string_view real;
    std::string_view profile;  // the model's profile: its family names the ordering kind
};

// The kind of a disagreement ([model] != [real]).
std::string classify(const Outcomes& outcomes);

// The names of the exceptions [outcome] reports (uncaught, or ignored in
// a finalizer or callback), each once, sorted.
std::vector<std::string> exception_names(std::string_view outcome);

}  // namespace memconform::fuzz
