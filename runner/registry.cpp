#include "runner/registry.hpp"

#include "runner/execute.hpp"
#include "runner/string_table.hpp"
#include "runner/text.hpp"

#include <fmt/format.h>
#include <toml++/toml.h>

#include <algorithm>
#include <future>
#include <regex>
#include <set>
#include <stdexcept>
#include <utility>

namespace memconform {

namespace fs = std::filesystem;

std::string_view kind_name(BackendKind kind) { return kind == BackendKind::Model ? "model" : "real"; }

const Backend* Registry::find(std::string_view name) const {
    auto it = std::find_if(backends.begin(), backends.end(), [&](const Backend& b) { return b.name == name; });
    return it != backends.end() ? &*it : nullptr;
}

Backend* Registry::find(std::string_view name) { return const_cast<Backend*>(std::as_const(*this).find(name)); }

Vars base_vars(const fs::path& root, const fs::path& build) {
    return {{"root", root.string()}, {"build", build.string()}};
}

namespace {

// A version query or a discovery command may be slow to start (a JVM, Node
// loading WebAssembly) but never takes this long.
constexpr std::chrono::seconds kQueryTimeout{60};

bool valid_name(std::string_view name) {
    static const std::regex kNameForm("[A-Za-z0-9][A-Za-z0-9._-]*");
    return std::regex_match(name.begin(), name.end(), kNameForm);
}

// The trimmed output of [command], or nothing with [why] set. Queries run
// without a memory limit: they are not cases, and a sanitizer build's shadow
// memory does not fit under RLIMIT_DATA.
std::optional<std::string> query(const std::string& command, const Vars& vars, std::string& why) {
    Limits limits{kQueryTimeout, 1 << 16, 0};
    auto out = execute(command_argv(command, vars), case_environment({}), fs::current_path(), limits);
    std::string answer(trim(out.output));
    if (out.ending == Ending::Exited && out.code == 0) return answer;
    why = "`" + command + "` failed" + (answer.empty() ? "" : ": " + split_lines(answer).front());
    return std::nullopt;
}

// ---- templates ----------------------------------------------------------------------------------

using Names = std::set<std::string, std::less<>>;

// The placeholders every template may use.
const Names kBaseNames = {"root", "build"};

// The placeholders {version.0} to {version.N} of a version_match with
// [groups] groups.
Names version_names(std::size_t groups) {
    Names names;
    for (std::size_t i = 0; i <= groups; ++i) names.insert(fmt::format("version.{}", i));
    return names;
}

Names operator+(Names names, const Names& more) {
    names.insert(more.begin(), more.end());
    return names;
}

// What is wrong with the placeholders of [text] (the value of [key]), which
// may use [known]; empty when nothing is.
std::string placeholder_problem(std::string_view key, std::string_view text, const Names& known) {
    for (const auto& name : placeholders(text)) {
        if (known.contains(name)) continue;
        std::vector<std::string> listed;
        for (const auto& k : known)
            if (!k.starts_with("version.")) listed.push_back("{" + k + "}");
        if (auto groups = std::count_if(known.begin(), known.end(), [](auto& k) { return k.starts_with("version."); }))
            listed.push_back(fmt::format("{{version.0}} to {{version.{}}} (version_match's groups)", groups - 1));
        return fmt::format("`{}` uses {{{}}}, which is no placeholder here; it may use {}", key, name,
                           fmt::join(listed, ", "));
    }
    return "";
}

// What is wrong with the command template [text] (the value of [key]): it
// must split into words, and contain each of [needed]; empty when nothing is.
std::string command_problem(std::string_view key, std::string_view text, const Names& known,
                            std::initializer_list<std::string_view> needed = {}) {
    try {
        if (split_words(text).empty()) return fmt::format("`{}` is empty", key);
    } catch (const std::invalid_argument& e) {
        return fmt::format("`{}`: {}", key, e.what());
    }
    for (auto placeholder : needed)
        if (text.find(placeholder) == std::string_view::npos)
            return fmt::format("`{}` must contain {}, where {} goes", key, placeholder,
                               placeholder == "{case}" ? "the case file" : "the trace file");
    return placeholder_problem(key, text, known);
}

// ---- parsing ------------------------------------------------------------------------------------

// Reads the keys of one backend table. Strings are expanded with [vars]
// (the groups and `let` answers of a discovery rule; empty otherwise).
class BackendReader {
  public:
    BackendReader(const fs::path& file, Vars vars, Diagnostics& out) : file_(file), vars_(std::move(vars)), out_(out) {}

    bool read(const toml::table& table, Backend& b, std::set<std::string_view> extra_keys = {}) {
        std::size_t before = out_.size();
        check_keys(table, extra_keys);
        b.command = required(table, "command");
        b.explain = string(table, "explain");
        b.profile = required(table, "profile");
        b.version_command = required(table, "version");
        b.kind = kind(table);
        b.version_match = string(table, "version_match");
        b.install = string(table, "install");
        b.peer_dir = string(table, "peer_dir");
        b.env = strings_table(table, "env");
        b.required_files = strings_array(table, "requires");
        b.declared_capabilities = booleans_table(table, "capabilities");
        b.memory_mib = static_cast<std::size_t>(number(table, "memory_limit", kMostMemoryMib));
        b.timeout_seconds = number(table, "timeout", kLongestTimeoutSeconds);
        auto groups = regex_groups(table.get("version_match"), "version_match", b.version_match);
        // A version_match that is no regular expression says so; its groups are not checked then.
        auto versions = b.version_match.empty() ? Names{} : version_names(groups.value_or(kManyGroups));
        check_templates(table, b, versions);
        return out_.size() == before;
    }

    // Reports what command_problem() finds in [node]'s value [text].
    void check_command(const toml::node* node, std::string_view key, std::string_view text, const Names& known,
                       std::initializer_list<std::string_view> needed = {}) {
        if (auto problem = command_problem(key, text, known, needed); node && !problem.empty()) error(*node, problem);
    }

    // The number of groups of the regular expression [pattern], the value of
    // [key] at [node]; nothing, with an error, when it is not one.
    std::optional<std::size_t> regex_groups(const toml::node* node, std::string_view key, const std::string& pattern) {
        try {
            return std::regex(pattern).mark_count();
        } catch (const std::regex_error& e) {
            if (node) error(*node, fmt::format("`{}` is not a regular expression: {}", key, e.what()));
            return std::nullopt;
        }
    }

    std::string string(const toml::table& table, std::string_view key) {
        const toml::node* node = table.get(key);
        if (!node) return "";
        if (!node->is_string()) error(*node, "`" + std::string(key) + "` must be a string");
        return expand(node->value_or(std::string()), vars_);
    }

    std::string required(const toml::table& table, std::string_view key) {
        if (!table.contains(key)) error(table, "missing `" + std::string(key) + "`");
        return string(table, key);
    }

    std::vector<std::string> strings_array(const toml::table& table, std::string_view key) {
        std::vector<std::string> items;
        const toml::node* node = table.get(key);
        if (!node) return items;
        const toml::array* array = node->as_array();
        if (!array) error(*node, "`" + std::string(key) + "` must be an array of strings");
        if (array)
            for (const auto& item : *array) items.push_back(expand(item.value_or(std::string()), vars_));
        return items;
    }

    Environment strings_table(const toml::table& table, std::string_view key) {
        Environment items;
        const toml::node* node = table.get(key);
        if (!node) return items;
        const toml::table* inner = node->as_table();
        if (!inner) error(*node, "`" + std::string(key) + "` must be a table of strings");
        if (inner)
            for (const auto& [name, value] : *inner)
                items[std::string(name.str())] = expand(value.value_or(std::string()), vars_);
        return items;
    }

    std::map<std::string, bool, std::less<>> booleans_table(const toml::table& table, std::string_view key) {
        std::map<std::string, bool, std::less<>> items;
        const toml::node* node = table.get(key);
        if (!node) return items;
        const toml::table* inner = node->as_table();
        if (!inner) error(*node, "`" + std::string(key) + "` must be a table of true or false");
        if (inner)
            for (const auto& [name, value] : *inner) {
                if (!value.is_boolean())
                    error(value, "`" + std::string(key) + "." + std::string(name.str()) + "` must be true or false");
                items[std::string(name.str())] = value.value_or(true);
            }
        return items;
    }

    void error(const toml::node& node, std::string message) {
        out_.push_back({file_, static_cast<int>(node.source().begin.line), std::move(message)});
    }

  private:
    static constexpr double kMostMemoryMib = 1 << 30;  // a petabyte
    static constexpr std::size_t kManyGroups = 99;  // of a version_match that does not compile
    static constexpr std::string_view kKeys[] = {"command", "explain",       "profile", "version",  "kind",
                                                 "install", "version_match", "env",     "requires", "memory_limit",
                                                 "timeout", "capabilities",  "peer_dir"};

    void check_keys(const toml::table& table, const std::set<std::string_view>& extra) {
        for (const auto& [key, node] : table)
            if (std::find(std::begin(kKeys), std::end(kKeys), key.str()) == std::end(kKeys) &&
                !extra.contains(key.str()))
                error(node, "unknown key `" + std::string(key.str()) + "`");
    }

    BackendKind kind(const toml::table& table) {
        auto text = required(table, "kind");
        if (text == "model") return BackendKind::Model;
        if (text != "real" && table.contains("kind")) error(*table.get("kind"), "`kind` is \"real\" or \"model\"");
        return BackendKind::Real;
    }

    // A limit: more than 0 and at most [most].
    double number(const toml::table& table, std::string_view key, double most) {
        const toml::node* node = table.get(key);
        if (!node) return 0;
        auto value = node->value<double>();
        if (!value || !(*value > 0 && *value <= most)) {
            error(*node, fmt::format("`{}` must be a number more than 0 and at most {}", key, most));
            return 0;
        }
        return *value;
    }

    // Every command splits into words, and every template uses only the
    // placeholders it is given: a backend that cannot run as written is an
    // error here, not a backend that is not installed. [versions]: the
    // {version.N} of its version_match.
    void check_templates(const toml::table& table, const Backend& b, const Names& versions) {
        auto running = kBaseNames + versions + Names{"case"};
        check_command(table.get("command"), "command", b.command, running, {"{case}"});
        if (!b.explain.empty())
            check_command(table.get("explain"), "explain", b.explain, running + Names{"trace"}, {"{case}", "{trace}"});
        check_command(table.get("version"), "version", b.version_command, kBaseNames);
        auto check = [&](std::string_view key, std::string_view text, const Names& known) {
            if (auto problem = placeholder_problem(key, text, known); !problem.empty()) error(*table.get(key), problem);
        };
        check("profile", b.profile, kBaseNames + versions);
        check("peer_dir", b.peer_dir, kBaseNames + versions);
        for (const auto& [name, value] : b.env) check("env", value, kBaseNames + versions);
        // Checked before the version query runs.
        for (const auto& file : b.required_files) check("requires", file, kBaseNames);
    }

    const fs::path& file_;
    const Vars vars_;
    Diagnostics& out_;
};

std::string origin(const fs::path& file, const toml::node& node) {
    return file.filename().string() + ":" + std::to_string(node.source().begin.line);
}

void add_backend(Registry& registry, Backend backend, const fs::path& file, const toml::node& where) {
    if (!valid_name(backend.name)) {
        registry.problems.push_back({file, static_cast<int>(where.source().begin.line),
                                     "backend name `" + backend.name + "`: use letters, digits, . _ -"});
    } else if (registry.find(backend.name)) {
        registry.notes.push_back(backend.name + " (" + backend.origin + ") is shadowed by an earlier one");
    } else {
        registry.backends.push_back(std::move(backend));
    }
}

void read_backends(const toml::table& root, const fs::path& file, Registry& registry) {
    const toml::table* table = root["backend"].as_table();
    if (!table) return;
    // In the order of the file (a toml::table keeps its keys sorted).
    std::vector<std::pair<std::string_view, const toml::node*>> entries;
    for (const auto& [name, node] : *table) entries.emplace_back(name.str(), &node);
    std::sort(entries.begin(), entries.end(),
              [](const auto& a, const auto& b) { return a.second->source().begin < b.second->source().begin; });
    for (const auto& [name, pointer] : entries) {
        const toml::node& node = *pointer;
        BackendReader reader(file, {}, registry.problems);
        Backend backend;
        backend.name = std::string(name);
        backend.origin = origin(file, node);
        if (!node.is_table()) reader.error(node, "[backend." + backend.name + "] must be a table");
        else if (reader.read(*node.as_table(), backend)) add_backend(registry, std::move(backend), file, node);
    }
}

// ---- discovery ----------------------------------------------------------------------------------

// One [[discover]] rule: `list` is a command printing one candidate per
// line; each line `match` matches fully becomes a backend, whose strings may
// use {match.N} and the answers of the `let` commands.
class Discovery {
  public:
    Discovery(const toml::table& rule, const fs::path& file, const Vars& base, Registry& registry)
        : rule_(rule), file_(file), base_(base), registry_(registry), where_(origin(file, rule)) {}

    void run() {
        if (!checked()) return;
        BackendReader reader(file_, {}, registry_.problems);
        auto list = reader.string(rule_, "list");
        if (!bind_lets(reader)) return;
        std::string why;
        auto answer = query(list, base_, why);
        if (!answer) return note(why + ": nothing discovered");
        std::regex pattern(reader.string(rule_, "match"));
        std::vector<std::string> found;
        for (const auto& line : split_lines(*answer))
            if (std::smatch m; std::regex_match(line, m, pattern) && !add(m, found)) return;
        note("`" + list + "` gave " + (found.empty() ? "no match" : fmt::format("{}", fmt::join(found, ", "))));
    }

    // What run() checks before its first command: the rule's keys and
    // templates, with stand-ins for the `let` answers and the groups of
    // `match`; nothing runs, nothing is discovered.
    void check() {
        if (checked()) note("not run: every backend named is declared in its own table");
    }

  private:
    static constexpr std::string_view kRuleKeys[] = {"list", "match", "let", "name"};
    static constexpr std::size_t kManyGroups = 99;  // of a `match` that does not compile

    // Whether the rule's keys and templates hold: every command splits into
    // words and uses only the placeholders it is given.
    bool checked() {
        std::size_t before = registry_.problems.size();
        BackendReader reader(file_, {}, registry_.problems);
        reader.check_command(rule_.get("list"), "list", reader.required(rule_, "list"), kBaseNames);
        reader.required(rule_, "name");
        auto groups = reader.regex_groups(rule_.get("match"), "match", reader.required(rule_, "match"));
        Vars stand_ins;
        for (const auto& [name, command] : reader.strings_table(rule_, "let")) {
            reader.check_command(rule_.get("let"), "let." + name, command, kBaseNames);
            stand_ins[name] = name;
        }
        for (std::size_t i = 0; i <= groups.value_or(kManyGroups); ++i) stand_ins[fmt::format("match.{}", i)] = "0";
        BackendReader as_backend(file_, stand_ins, registry_.problems);
        Backend backend;
        as_backend.read(rule_, backend, {std::begin(kRuleKeys), std::end(kRuleKeys)});
        return registry_.problems.size() == before;
    }

    bool bind_lets(BackendReader& reader) {
        for (const auto& [name, command] : reader.strings_table(rule_, "let")) {
            std::string why;
            auto answer = query(command, base_, why);
            if (!answer) {
                note("let " + name + ": " + why + ": nothing discovered");
                return false;
            }
            lets_[name] = *answer;
        }
        return true;
    }

    bool add(const std::smatch& m, std::vector<std::string>& found) {
        Vars vars = lets_;
        add_match_vars(vars, "match", m);
        BackendReader reader(file_, vars, registry_.problems);
        Backend backend;
        backend.name = reader.string(rule_, "name");
        backend.origin = where_ + " [[discover]] " + m[0].str();
        if (!reader.read(rule_, backend, {std::begin(kRuleKeys), std::end(kRuleKeys)})) return false;
        found.push_back(backend.name);
        add_backend(registry_, std::move(backend), file_, rule_);
        return true;
    }

    void note(const std::string& text) { registry_.notes.push_back("[[discover]] at " + where_ + ": " + text); }

    const toml::table& rule_;
    const fs::path& file_;
    const Vars& base_;
    Registry& registry_;
    std::string where_;
    Vars lets_;
};

void read_rules(const toml::table& root, const fs::path& file, const Vars& base, Registry& registry, bool run) {
    const toml::node* node = root.get("discover");
    if (!node) return;
    const toml::array* rules = node->as_array();
    if (!rules || !rules->is_array_of_tables()) {
        registry.problems.push_back(
            {file, static_cast<int>(node->source().begin.line), "`discover` is an array of tables: [[discover]]"});
        return;
    }
    for (const auto& rule : *rules) {
        Discovery discovery(*rule.as_table(), file, base, registry);
        if (run) discovery.run();
        else discovery.check();
    }
}

// Whether every name of [named] is a backend the file declares itself.
bool all_declared(const Registry& registry, const std::vector<std::string>& named) {
    if (named.empty()) return false;
    return std::all_of(named.begin(), named.end(), [&](const std::string& name) { return registry.find(name); });
}

// ---- probing ------------------------------------------------------------------------------------

std::string probe_program(const Backend& b) {
    auto argv = command_argv(b.command, b.vars);
    if (argv.empty()) return "empty command";
    if (!find_program(argv[0]).empty()) return "";
    bool is_path = argv[0].find('/') != std::string::npos;
    return "`" + argv[0] + (is_path ? "` does not exist" : "` is not on PATH");
}

std::string probe_version(Backend& b) {
    if (!b.version_command.empty()) {
        std::string why;
        auto answer = query(b.version_command, b.vars, why);
        if (!answer) return "version query " + why;
        b.version = *answer;
    }
    if (b.version_match.empty()) return "";
    std::smatch m;
    if (!std::regex_search(b.version, m, std::regex(b.version_match)))
        return "version answer `" + b.version + "` does not match `" + b.version_match + "`";
    add_match_vars(b.vars, "version", m);
    return "";
}

// BackendReader has checked the templates: their commands split into words,
// and they use only the placeholders b.vars gives.
std::string unavailability(Backend& b) {
    if (auto why = probe_program(b); !why.empty()) return why;
    for (const auto& file : b.required_files)
        if (auto path = expand(file, b.vars); !fs::exists(path)) return "missing " + path;
    if (auto why = probe_version(b); !why.empty()) return why;
    b.profile = expand(b.profile, b.vars);
    for (auto& [name, value] : b.env) value = expand(value, b.vars);
    return "";
}

}  // namespace

Registry load_registry(const fs::path& file, const Vars& base, const std::vector<std::string>& named) {
    Registry registry;
    auto parsed = parse_toml_file(file, registry.problems);
    if (!parsed) return registry;
    const toml::table& root = *parsed;
    for (const auto& [key, node] : root)
        if (key.str() != "backend" && key.str() != "discover")
            registry.problems.push_back(
                {file, static_cast<int>(node.source().begin.line),
                 "unknown key `" + std::string(key.str()) + "` ([backend.NAME] or [[discover]])"});
    read_backends(root, file, registry);
    read_rules(root, file, base, registry, !all_declared(registry, named));
    return registry;
}

BackendSpec parse_backend_spec(std::string_view spec) {
    BackendSpec parsed;
    auto eq = spec.find('=');
    auto head = spec.substr(0, eq);
    auto colon = head.find(':');
    parsed.name = std::string(head.substr(0, colon));
    if (colon != std::string_view::npos) parsed.profile = std::string(head.substr(colon + 1));
    if (eq != std::string_view::npos) parsed.command = std::string(spec.substr(eq + 1));
    return parsed;
}

Backend adhoc_backend(const BackendSpec& spec) {
    if (!spec.command)
        throw std::invalid_argument(fmt::format("expected NAME[:PROFILE]=COMMAND, got `{}{}{}`", spec.name,
                                                spec.profile.empty() ? "" : ":", spec.profile));
    Backend b;
    b.name = spec.name;
    b.profile = spec.profile.empty() ? std::string(kReferenceProfile) : spec.profile;
    b.command = *spec.command;
    b.origin = "--backend";
    if (!valid_name(b.name)) throw std::invalid_argument("backend name `" + b.name + "`: use letters, digits, . _ -");
    if (auto problem = command_problem("command", b.command, kBaseNames + Names{"case"}, {"{case}"}); !problem.empty())
        throw std::invalid_argument(fmt::format("--backend {}: {}", b.name, problem));
    return b;
}

Backend adhoc_backend(std::string_view spec) { return adhoc_backend(parse_backend_spec(spec)); }

Limits limits_for(const Backend& backend, Limits defaults) {
    if (backend.memory_mib) defaults.memory_mib = backend.memory_mib;
    if (backend.timeout_seconds > 0)
        defaults.timeout = std::chrono::milliseconds(static_cast<long long>(backend.timeout_seconds * 1000));
    return defaults;
}

void probe(Backend& backend, const Vars& base) {
    backend.vars = base;
    backend.reason = unavailability(backend);
    backend.available = backend.reason.empty();
    if (!backend.available && !backend.install.empty()) backend.reason += " (to get it: " + backend.install + ")";
}

void probe_all(const std::vector<Backend*>& backends, const Vars& base) {
    std::vector<std::future<void>> probes;
    for (Backend* backend : backends) probes.push_back(std::async(std::launch::async, [=] { probe(*backend, base); }));
    for (auto& p : probes) p.get();
}

std::string python_version(std::string_view version_answer) {
    static const std::regex kVersion(R"((\d+)\.(\d+)\.(\d+))");
    std::match_results<std::string_view::const_iterator> m;
    if (!std::regex_search(version_answer.begin(), version_answer.end(), m, kVersion)) return "";
    return m.str(0);
}

const Backend* model_starting_as(Registry& registry, const Backend& real, const Vars& base) {
    auto version = python_version(real.version);
    if (version.empty()) return nullptr;
    std::vector<Backend*> models;
    for (auto& b : registry.backends)
        if (b.kind == BackendKind::Model && b.profile == real.profile) models.push_back(&b);
    probe_all(models, base);
    for (const Backend* b : models)
        if (b->available && python_version(b->version) == version) return b;
    return nullptr;
}

std::vector<std::string> case_command(const Backend& backend, const fs::path& case_file, const fs::path& trace) {
    Vars vars = backend.vars;
    vars["case"] = case_file.string();
    if (trace.empty()) return command_argv(backend.command, vars);
    vars["trace"] = trace.string();
    return command_argv(backend.explain, vars);
}

}  // namespace memconform
