// `memconform lint`: every problem of the inputs, with file and line — the
// corpus and its tags, backends.toml, the baselines, and expected outcomes
// whose case is gone.
#pragma once

#include "runner/corpus.hpp"
#include "runner/expected.hpp"
#include "runner/project.hpp"
#include "runner/registry.hpp"

namespace memconform {

Diagnostics lint(const Project& project, const Corpus& corpus, const Registry& registry, const ExpectedStore& store);

}  // namespace memconform
