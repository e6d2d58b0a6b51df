// docs/differences.md: every case whose recorded outcomes differ between two
// profiles (CPython 3.11 and PyPy 7.3 by default), with its summary,
// source, both outcomes side by side and its `explain` text.
#pragma once

#include "runner/corpus.hpp"
#include "runner/expected.hpp"

#include <string>

namespace memconform {

inline constexpr std::string_view kDifferencesLeft = "cpython-3.11";
inline constexpr std::string_view kDifferencesRight = "pypy-7.3";

std::string differences_document(const Corpus& corpus, const ExpectedStore& store, std::string_view left,
                                 std::string_view right);

}  // namespace memconform
