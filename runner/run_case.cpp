#include "runner/run_case.hpp"

#include "runner/normalize.hpp"
#include "runner/temp_dir.hpp"
#include "runner/text.hpp"

namespace memconform {

namespace fs = std::filesystem;

namespace {

// The spellings of [dir] a program may print: as created, and with
// symlinks resolved.
std::vector<std::string> spellings(const fs::path& dir) {
    std::error_code ignored;
    return {dir.string(), fs::canonical(dir, ignored).string()};
}

}  // namespace

Observation run_source(std::string_view source, const std::string& file_name, const Backend& backend,
                       const Limits& limits) {
    TempDir dir("memconform-");
    auto copy = dir.path() / file_name;
    write_file(copy, source);
    Observation seen;
    try {
        seen.raw = execute(case_command(backend, copy), case_environment(backend.env), dir.path(), limits);
    } catch (const std::exception& e) {  // a malformed command: the backend, not the runner, fails
        seen.raw.output = e.what();
    }
    seen.outcome = outcome_text(seen.raw, limits, {spellings(dir.path())});
    return seen;
}

Observation run_case(const Case& c, const Backend& backend, const Limits& limits) {
    return run_source(c.source, c.path.filename().string(), backend, limits);
}

}  // namespace memconform
