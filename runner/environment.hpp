// The environment a case runs in: pinned. Of the caller's variables only a
// few pass (passes_through); the pinned variables and the backend's own are
// set on top. Nothing else of the machine's reaches a case: PyPy's start-up
// allocates for every variable, and what it allocates moves its first
// collections and so the state the program starts in (docs/case-format.md).
#pragma once

#include <map>
#include <string>

namespace memconform {

using Environment = std::map<std::string, std::string>;

// Set for every backend: unbuffered output, a fixed hash seed, one locale.
const Environment& pinned_variables();

// True for a variable of the caller's that a case gets: where programs are
// (PATH), the home folder (pyenv's shims find their versions from it),
// JAVA_HOME (Jython) and the sanitizers' options (a model built with them).
bool passes_through(std::string_view name);

// passes_through() of the caller's environment, with pinned_variables() and
// then [backend_env] set on top.
Environment case_environment(const Environment& backend_env);

}  // namespace memconform
