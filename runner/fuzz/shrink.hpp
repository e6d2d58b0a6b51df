// Shrinking: remove statements from a program while a disagreement stays,
// in the manner of delta debugging — chunks of statements first, halving
// them, then one statement at a time until none can go.
#pragma once

#include "runner/fuzz/program.hpp"

#include <cstddef>
#include <functional>

namespace memconform::fuzz {

// True when the program without the given statements still shows what is
// being shrunk for.
using KeepsProblem = std::function<bool(const Removed&)>;

struct Shrunk {
    Removed removed;
    std::size_t tries = 0;  // calls of the predicate
};

// The smallest program found within [budget] calls of [keeps]. Every
// candidate is closed (close_removal): it is valid Python whatever goes.
Shrunk shrink(const Program& program, const KeepsProblem& keeps, std::size_t budget);

}  // namespace memconform::fuzz
