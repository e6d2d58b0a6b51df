// Whether a backend named on the command line starts the way the pinned
// backends of backends.toml do. What a CPython-like runtime's `site` runs
// before the program (site-packages and their .pth files, sitecustomize,
// the user site) moves its collector's state, and with it the outcome of
// every case that depends on exit order or automatic collections.
#pragma once

#include "runner/registry.hpp"

#include <string>

namespace memconform {

// Runs a small probe program on [backend] (available, real). When it shows
// that `site` ran before the program, returns a warning saying so and how to
// pin the start-up; otherwise (site did not run, or the runtime is not one
// the probe understands) returns an empty string.
std::string start_up_warning(const Backend& backend, const Limits& limits);

}  // namespace memconform
