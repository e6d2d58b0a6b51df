// docs/versions.md: every case whose recorded outcomes differ between the
// CPython versions of expected/ (cpython-3.X), the versions that share each
// outcome, and the outcomes side by side; the cross-version companion of
// docs/differences.md.
#pragma once

#include "runner/corpus.hpp"
#include "runner/expected.hpp"

#include <string>

namespace memconform {

std::string versions_document(const Corpus& corpus, const ExpectedStore& store);

}  // namespace memconform
