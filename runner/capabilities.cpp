#include "runner/capabilities.hpp"

#include "runner/run_case.hpp"
#include "runner/scheduler.hpp"
#include "runner/text.hpp"

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <cctype>
#include <tuple>

namespace memconform {

namespace fs = std::filesystem;

namespace {

constexpr std::string_view kEntryKeys[] = {"meaning", "probe", "uses", "tag", "guarded"};

}  // namespace

Vocabulary read_vocabulary(const toml::table& capabilities, const fs::path& file, Diagnostics& out) {
    Vocabulary vocabulary;
    for (const auto& [key, node] : capabilities) {
        int line = static_cast<int>(node.source().begin.line);
        std::string name(key.str());
        const toml::table* entry = node.as_table();
        auto text = [&](std::string_view field) { return entry ? (*entry)[field].value_or(std::string()) : ""; };
        Capability c;
        c.name = name;
        c.meaning = text("meaning");
        c.probe = text("probe");
        c.uses = text("uses");
        c.tag = text("tag");
        c.guarded = text("guarded");
        c.line = line;
        if (!entry || trim(c.meaning).empty() || trim(c.probe).empty() || trim(c.uses).empty() == trim(c.tag).empty()) {
            out.push_back(
                {file, line,
                 "[capabilities." + name + "] needs `meaning`, `probe`, and `uses` or `tag` (and may have `guarded`)"});
            continue;
        }
        for (auto [field, pattern, compiled] :
             {std::tuple{"uses", &c.uses, &c.uses_pattern}, std::tuple{"guarded", &c.guarded, &c.guarded_pattern}}) {
            try {
                *compiled = boost::regex(*pattern);
            } catch (const boost::regex_error& e) {
                out.push_back(
                    {file, line,
                     fmt::format("[capabilities.{}] `{}` is not a regular expression: {}", name, field, e.what())});
            }
        }
        for (const auto& [field, value] : *entry)
            if (std::find(std::begin(kEntryKeys), std::end(kEntryKeys), field.str()) == std::end(kEntryKeys))
                out.push_back({file, static_cast<int>(value.source().begin.line),
                               fmt::format("[capabilities.{}]: unknown key `{}`", name, field.str())});
        vocabulary.emplace(name, std::move(c));
    }
    return vocabulary;
}

namespace {

// A trivial program: a backend that cannot run it cannot be probed.
constexpr std::string_view kSanityProbe = "print(\"yes\")\n";

bool answered_yes(const Observation& seen) {
    if (seen.raw.ending != Ending::Exited || seen.raw.code != 0) return false;
    auto lines = split_lines(seen.raw.output);
    return std::any_of(lines.begin(), lines.end(), [](const std::string& line) { return trim(line) == "yes"; });
}

// Whether [line] starts with the name of an exception, as a traceback's
// last line does: a dotted name one of whose prefixes, ending at a dot or
// at its end, ends in Error, Exception or Exit (`ValueError: ...`,
// `module.CustomException`, `SystemExit`). A scan, not std::regex, whose
// backtracking recurses once per character of a long line of a backend's.
bool names_exception(std::string_view line) {
    auto is_name_char = [](char c) { return std::isalnum(static_cast<unsigned char>(c)) || c == '_' || c == '.'; };
    auto end = std::find_if_not(line.begin(), line.end(), is_name_char) - line.begin();
    auto name = line.substr(0, static_cast<std::size_t>(end));
    for (std::size_t i = 0; i <= name.size(); ++i) {
        if (i < name.size() && name[i] != '.') continue;
        auto prefix = name.substr(0, i);
        if (prefix.ends_with("Error") || prefix.ends_with("Exception") || prefix.ends_with("Exit")) return true;
    }
    return false;
}

// [line], trimmed, printable and cut after kShownLine bytes: a warning quotes it.
std::string shown_line(std::string_view line) {
    constexpr std::size_t kShownLine = 200;
    line = trim(line);
    if (line.size() <= kShownLine) return fmt::format("`{}`", printable(line));
    return fmt::format("`{}...` ({} bytes)", printable(line.substr(0, kShownLine)), line.size());
}

// Why a probe did not answer `yes`: the last exception it reported, else
// the last line it printed, and how it ended.
std::string probe_failure(const Observation& seen) {
    auto lines = split_lines(seen.outcome);
    std::string ending = lines.empty() ? "" : lines.back();
    if (!lines.empty()) lines.pop_back();
    std::erase_if(lines, [](const std::string& line) { return trim(line).empty(); });
    auto exception =
        std::find_if(lines.rbegin(), lines.rend(), [](const std::string& line) { return names_exception(line); });
    if (exception != lines.rend()) return fmt::format("the probe printed {}, then {}", shown_line(*exception), ending);
    if (!lines.empty()) return fmt::format("the probe printed {}, then {}", shown_line(lines.back()), ending);
    return "the probe printed nothing, then " + ending;
}

// A probe's answer, or why it gave none: the runner could not run it (a
// full TMPDIR), or it was cut short (out of time on a loaded machine, an
// interrupted run). Neither tells anything of the backend: not cached.
struct ProbeAnswer {
    std::optional<Presence> presence;
    std::string unknown_because;
};

ProbeAnswer probed(const Capability& capability, const Backend& backend, const Limits& limits) {
    auto seen = run_source(capability.probe, "probe.py", backend, limits);
    if (!seen.runner_error.empty()) return {std::nullopt, seen.runner_error};
    if (seen.raw.ending == Ending::TimedOut)
        return {std::nullopt, fmt::format("the probe ran out of its {} s", limits.timeout.count() / 1000.0)};
    if (seen.raw.ending == Ending::Interrupted) return {std::nullopt, "the run was interrupted"};
    if (answered_yes(seen)) return {Presence{true, "probed"}, ""};
    return {Presence{false, probe_failure(seen)}, ""};
}

}  // namespace

std::string backend_key(const Backend& backend) {
    std::string key = backend.command + "\n" + backend.version + "\n";
    for (const auto& [name, value] : backend.env) key += name + "=" + value + "\n";
    auto argv = case_command(backend, "probe.py");
    for (std::size_t i = 0; i < argv.size(); ++i) {
        fs::path file = i == 0 ? find_program(argv[0]) : fs::path(argv[i]);
        std::error_code error;
        if (file.empty() || !fs::is_regular_file(file, error)) continue;
        auto time = fs::last_write_time(file, error).time_since_epoch().count();
        key += fmt::format("{} {} {}\n", file.string(), fs::file_size(file, error), time);
    }
    return fmt::format("{:016x}", stable_hash(key));
}

nlohmann::json read_cache(const fs::path& file) {
    try {
        if (fs::is_regular_file(file)) return nlohmann::json::parse(read_file(file));
    } catch (const std::exception&) {  // a damaged cache is probed again
    }
    return nlohmann::json::object();
}

// write_file() leaves the old cache or the new, never half of one.
void write_cache(const fs::path& file, const nlohmann::json& cache) {
    try {
        write_file(file, cache.dump(1) + "\n");
    } catch (const std::exception&) {  // no cache: the next run probes again
    }
}

namespace {

std::string probe_key(const Capability& capability) { return fmt::format("{:016x}", stable_hash(capability.probe)); }

}  // namespace

Capabilities find_capabilities(const Backend& backend, const Vocabulary& vocabulary,
                               const std::vector<std::string>& wanted, const fs::path& cache_dir, unsigned workers,
                               std::vector<std::string>& warnings, const Limits& defaults) {
    Capabilities found;
    auto cache_file = cache_dir / (backend.name + ".json");
    auto cache = read_cache(cache_file);
    auto key = backend_key(backend);
    if (cache.value("backend", std::string()) != key)
        cache = {{"backend", key}, {"capabilities", nlohmann::json::object()}};
    auto& cached = cache["capabilities"];
    std::vector<const Capability*> to_probe;
    for (const auto& name : wanted) {
        const Capability& capability = vocabulary.at(name);
        if (auto declared = backend.declared_capabilities.find(name); declared != backend.declared_capabilities.end())
            found[name] = {declared->second, declared->second ? "declared" : "declared absent in backends.toml"};
        else if (cached.contains(name) && cached[name].value("probe", std::string()) == probe_key(capability))
            found[name] = {cached[name].value("has", true), cached[name].value("reason", std::string())};
        else to_probe.push_back(&capability);
    }
    if (to_probe.empty()) return found;
    auto limits = limits_for(backend, defaults);
    auto sanity = run_source(kSanityProbe, "probe.py", backend, limits);
    if (!answered_yes(sanity)) {
        warnings.push_back(
            sanity.runner_error.empty()
                ? fmt::format("{}: not probed for capabilities, since it cannot run `print(\"yes\")`: {}", backend.name,
                              probe_failure(sanity))
                : fmt::format("{}: not probed for capabilities: {}", backend.name, sanity.runner_error));
        for (const Capability* capability : to_probe) found[capability->name] = {true, std::string(kNotProbed)};
        return found;
    }
    std::vector<ProbeAnswer> answers(to_probe.size());
    run_parallel(to_probe.size(), workers, [&](std::size_t i) { answers[i] = probed(*to_probe[i], backend, limits); });
    for (std::size_t i = 0; i < to_probe.size(); ++i) {
        const auto& name = to_probe[i]->name;
        const auto& presence = answers[i].presence;
        if (!presence) {
            // Its cases run and are judged: a capability it lacks shows as their failure.
            found[name] = {true, std::string(kNotProbed)};
            warnings.push_back(fmt::format("{}: capability {} not probed ({}): the cases that require it run",
                                           backend.name, name, answers[i].unknown_because));
            continue;
        }
        found[name] = *presence;
        cached[name] = {{"probe", probe_key(*to_probe[i])}, {"has", presence->has}, {"reason", presence->reason}};
    }
    write_cache(cache_file, cache);
    return found;
}

std::optional<std::string> missing_capability(const std::vector<std::string>& required, const Capabilities& have) {
    for (const auto& name : required)
        if (auto it = have.find(name); it != have.end() && !it->second.has)
            return fmt::format("lacks {}: {}", name, it->second.reason);
    return std::nullopt;
}

std::vector<UndeclaredUse> undeclared_uses(std::string_view source, int first_line, const std::vector<Located>& tags,
                                           const std::vector<std::string>& required, const Vocabulary& vocabulary) {
    std::vector<UndeclaredUse> found;
    auto lines = split_lines(source);
    std::string text(source);
    for (const auto& [name, capability] : vocabulary) {
        if (std::find(required.begin(), required.end(), name) != required.end()) continue;
        if (!capability.guarded.empty() && boost::regex_search(text, capability.guarded_pattern)) continue;
        if (!capability.tag.empty()) {
            auto tagged = std::find_if(tags.begin(), tags.end(),
                                       [&tag = capability.tag](const Located& t) { return t.text == tag; });
            if (tagged != tags.end()) found.push_back({name, tagged->line});
            continue;
        }
        for (std::size_t i = static_cast<std::size_t>(std::max(first_line - 1, 0)); i < lines.size(); ++i)
            if (boost::regex_search(lines[i], capability.uses_pattern)) {
                found.push_back({name, static_cast<int>(i) + 1});
                break;
            }
    }
    return found;
}

}  // namespace memconform
