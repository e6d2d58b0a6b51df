#include "runner/start_up.hpp"

#include "runner/run_case.hpp"

#include <fmt/format.h>

namespace memconform {

namespace {

// Valid on Python 2 and 3, on every implementation; prints one line that a
// runtime which is not Python cannot print by accident.
constexpr std::string_view kStartUpProbe =
    "import sys\n"
    "print('memconform-start-up site=%s' % ('site' in sys.modules))\n";

}  // namespace

std::string start_up_warning(const Backend& backend, const Limits& limits) {
    Observation seen = run_source(kStartUpProbe, "start_up_probe.py", backend, limits);
    if (seen.raw.output.find("memconform-start-up site=True") == std::string::npos) return "";
    return fmt::format(
        "warning: backend {} runs `site` before each case (its site-packages, .pth files and sitecustomize), "
        "so its outcomes depend on this machine; run it with -S, as backends.toml runs CPython and PyPy "
        "(docs/case-format.md, \"Adding a backend\")",
        backend.name);
}

}  // namespace memconform
