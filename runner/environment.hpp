// The environment a case runs in: the caller's, less what would change an
// interpreter's behavior from outside, plus the pinned variables and the
// backend's own.
#pragma once

#include <map>
#include <string>

namespace memconform {

using Environment = std::map<std::string, std::string>;

// Set for every backend: unbuffered output, a fixed hash seed, one locale.
const Environment& pinned_variables();

// True for a variable of the caller's that never reaches a case: PYTHON*
// (PYTHONPATH, PYTHONSTARTUP, ...), PYPY* (GC tuning) and FORCE_COLOR.
bool is_scrubbed(std::string_view name);

// The caller's environment, scrubbed, with pinned_variables() and then
// [backend_env] set on top.
Environment case_environment(const Environment& backend_env);

}  // namespace memconform
