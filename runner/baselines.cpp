#include "runner/baselines.hpp"

namespace memconform {

namespace fs = std::filesystem;

fs::path baseline_file(const fs::path& dir, std::string_view backend) { return dir / (std::string(backend) + ".toml"); }

Baseline load_baseline(const fs::path& dir, std::string_view backend, Diagnostics& out) {
    auto file = baseline_file(dir, backend);
    if (!fs::exists(file)) return {};
    return load_string_table(file, "\"area/case\" = \"why it fails\"", out);
}

}  // namespace memconform
