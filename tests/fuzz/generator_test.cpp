#include "runner/fuzz/generator.hpp"
#include "python.hpp"
#include "runner/fuzz/classify.hpp"
#include "runner/fuzz/random.hpp"
#include "runner/scheduler.hpp"
#include "runner/text.hpp"

#include "lang/lang.hpp"

#include <catch2/catch.hpp>

#include <algorithm>
#include <functional>
#include <map>
#include <regex>
#include <set>
#include <thread>

using namespace memconform;
using namespace memconform::fuzz;
using namespace memconform::fuzz::testing;
using Catch::Contains;

namespace {

GeneratorOptions without(std::initializer_list<Feature> features) { return {std::set<Feature>(features)}; }

// What `lang::compile` says of [source]: "" when it compiles.
std::string compile_problem(const std::string& source) {
    auto result = lang::compile(source, "program.py");
    return result.diagnostic ? lang::format_diagnostic(*result.diagnostic, source) : "";
}

// [program] without a random part of its removable statements, closed.
Removed random_removal(const Program& program, Random& random) {
    auto removed = program.none_removed();
    for (StmtId id : removable(program, removed))
        if (random.chance(30)) removed[id] = true;
    return close_removal(program, removed);
}

}  // namespace

TEST_CASE("a seed gives the same program every time, on any thread", "[generator]") {
    for (std::uint64_t seed : {0ull, 1ull, 977ull, 18446744073709551615ull}) {
        auto first = render(generate(seed, {}));
        std::string on_thread;
        std::thread([&] { on_thread = render(generate(seed, {})); }).join();
        CHECK(render(generate(seed, {})) == first);
        CHECK(on_thread == first);
    }
}

TEST_CASE("different seeds give different programs", "[generator]") {
    std::set<std::string> programs;
    for (std::uint64_t seed = 0; seed < 200; ++seed) programs.insert(render(generate(seed, {})));
    CHECK(programs.size() >= 195);
}

TEST_CASE("every program compiles with pymodel's front end, whole or shrunk", "[generator]") {
    Random random(5);
    for (const auto& options : {GeneratorOptions{}, without({Feature::Cycles, Feature::Shutdown})}) {
        for (std::uint64_t seed = 0; seed < 300; ++seed) {
            auto program = generate(seed, options);
            auto source = render(program);
            INFO("seed " << seed << "\n" << source);
            REQUIRE(compile_problem(source).empty());
            auto shrunk = render(program, random_removal(program, random));
            INFO("shrunk to\n" << shrunk);
            REQUIRE(compile_problem(shrunk).empty());
        }
    }
}

TEST_CASE("a feature turned off leaves its constructs out", "[generator]") {
    const std::pair<Feature, std::vector<std::string>> kTraces[] = {
        {Feature::Finalizers, {"__del__"}},
        {Feature::Slots, {"__slots__"}},
        {Feature::Weakrefs, {"weakref.ref", "weakref.proxy", "weakref.finalize"}},
        {Feature::WeakContainers, {"WeakValueDictionary", "WeakKeyDictionary", "WeakSet"}},
        {Feature::Closures, {"def get", ".touch"}},
        {Feature::Files, {"open("}},
        {Feature::Generators, {"yield"}},
        {Feature::Exceptions, {"raise Boom", "except Boom"}},
        {Feature::GcCalls, {"gc."}},
        {Feature::Atexit, {"atexit"}},
        {Feature::Cycles, {"err = e", "get.__name__"}},
        {Feature::GcAutomatic, {"def churn"}},
        {Feature::Comprehensions, {" for v", "map(K"}},
        {Feature::Subclasses, {"WRef("}},
        {Feature::GcThresholds, {"gc.set_threshold("}},
    };
    for (const auto& [feature, traces] : kTraces) {
        std::size_t seen_with = 0;
        for (std::uint64_t seed = 0; seed < 150; ++seed) {
            auto off = render(generate(seed, without({feature})));
            auto on = render(generate(seed, {}));
            for (const auto& trace : traces) {
                INFO(feature_name(feature) << " off, seed " << seed << ": " << trace);
                CHECK(off.find(trace) == std::string::npos);
                seen_with += on.find(trace) != std::string::npos;
            }
        }
        INFO(feature_name(feature) << " on");
        CHECK(seen_with > 0);
    }
}

TEST_CASE("without shutdown, every top-level name is dropped before the end, whatever shrinking removes",
          "[generator]") {
    Random random(3);
    for (std::uint64_t seed = 0; seed < 50; ++seed) {
        auto program = generate(seed, without({Feature::Shutdown}));
        for (const auto& removed : {program.none_removed(), random_removal(program, random)}) {
            auto lines = split_lines(render(program, removed));
            auto end = std::find(lines.begin(), lines.end(), "print(\"-- end\")");
            REQUIRE(end != lines.end());
            std::set<std::string> bound, dropped;
            for (auto line = lines.begin(); line != end; ++line) {
                auto eq = line->find(" = ");
                if (line->starts_with(" ") || eq == std::string::npos || line->find_first_of(".[") < eq) continue;
                (*line == line->substr(0, eq) + " = None" ? dropped : bound).insert(line->substr(0, eq));
            }
            bound.erase("graveyard");
            INFO("seed " << seed);
            for (const auto& name : bound) CHECK(dropped.contains(name));
        }
    }
}

namespace {

// The classes of [program] whose __del__, their own or inherited, raises.
std::set<std::string> raising_classes(const std::string& program) {
    std::map<std::string, std::string> base;
    std::map<std::string, bool> own_del, raises_itself, calls_super;
    std::string current;
    bool in_del = false;
    for (const auto& line : split_lines(program)) {
        if (line.starts_with("class ")) {
            auto open = line.find('('), colon = line.find(':');
            current = line.substr(6, std::min(open, colon) - 6);
            if (open != std::string::npos) base[current] = line.substr(open + 1, line.find(')') - open - 1);
            in_del = false;
        } else if (!line.starts_with(" ")) {
            current.clear();
        } else if (!current.empty() && line.starts_with("    def ")) {
            in_del = line.starts_with("    def __del__");
            own_del[current] |= in_del;
        } else if (in_del) {
            raises_itself[current] |= line.find("raise Boom") != std::string::npos;
            calls_super[current] |= line.find("super().__del__()") != std::string::npos;
        }
    }
    std::set<std::string> out;
    std::function<bool(const std::string&)> raises = [&](const std::string& k) {
        bool inherited = base.contains(k) && raises(base[k]);
        return own_del[k] ? raises_itself[k] || (calls_super[k] && inherited) : inherited;
    };
    for (const auto& [k, _] : own_del)
        if (raises(k)) out.insert(k);
    for (const auto& [k, _] : base)
        if (raises(k)) out.insert(k);
    return out;
}

// The classes whose instances a gc-automatic loop makes (labelled "cN.").
std::set<std::string> churned_classes(const std::string& program) {
    static const std::regex kMade(R"((K\d+)\((f"c\d+\.|"c\d+\.))");
    std::set<std::string> out;
    for (std::sregex_iterator it(program.begin(), program.end(), kMade), end; it != end; ++it) out.insert((*it)[1]);
    return out;
}

}  // namespace

TEST_CASE("for a PyPy model, gc-automatic's loops make no instance whose __del__ raises, nor turn for the JIT",
          "[generator]") {
    GeneratorOptions pypy;
    pypy.pypy_model = true;
    std::size_t raising_churned = 0, churned = 0;
    int most_turns = 0, most_turns_pypy = 0;  // the loops' turns in one program, in all
    auto turns = [](const std::string& program) {
        static const std::regex kCall(R"(churn\d+\((\d+)\))");
        int all = 0;
        for (std::sregex_iterator it(program.begin(), program.end(), kCall), end; it != end; ++it)
            all += std::stoi((*it)[1]);
        return all;
    };
    for (std::uint64_t seed = 0; seed < 300; ++seed) {
        auto count = [&](const std::string& program) {
            auto raising = raising_classes(program);
            std::size_t n = 0;
            for (const auto& k : churned_classes(program)) n += raising.contains(k);
            return n;
        };
        INFO("seed " << seed);
        CHECK(count(render(generate(seed, pypy))) == 0);
        churned += !churned_classes(render(generate(seed, pypy))).empty();
        raising_churned += count(render(generate(seed, {})));
        most_turns_pypy = std::max(most_turns_pypy, turns(render(generate(seed, pypy))));
        most_turns = std::max(most_turns, turns(render(generate(seed, {}))));
    }
    CHECK(most_turns_pypy <= 1000);  // PyPy's JIT compiles a loop at 1,039 turns
    CHECK(most_turns > 1619);  // a CPython model's loops turn more, in all
    CHECK(churned > 0);
    CHECK(raising_churned > 0);  // a CPython model's loops do
}

TEST_CASE("comprehensions come in every form, at the top level, in functions and in class bodies", "[generator]") {
    const std::vector<std::pair<std::string, std::regex>> kForms = {
        {"list comprehension", std::regex(R"(^ *\w+ = \[[^\[].* for \w+ in .*\]$)")},
        {"generator expression in list()", std::regex(R"(^ *\w+ = list\(.* for \w+ in .*\)$)")},
        {"dict comprehension by name", std::regex(R"(^ *\w+ = \{\w+\.name: .* for \w+ in .*\}$)")},
        {"dict comprehension by index", std::regex(R"(^ *\w+ = \{f"k\{i\}": .* for i, \w+ in enumerate\(.*\)\}$)")},
        {"set comprehension", std::regex(R"(^ *print\("set", sorted\(\{.* for \w+ in .*\}\)\)$)")},
        {"generator expression argument", std::regex(R"(^ *print\("sorted", sorted\(.* for \w+ in .*\)\)$)")},
        {"expression statement", std::regex(R"(^ *\[(print|\w+\.append)\(.*\) for \w+ in .*\]$)")},
        {"nested", std::regex(R"(^ *\w+ = \[\[.* for u\d+ in .*\] for \w+ in .*\]$)")},
        {"in a function", std::regex(R"(^    \w+ = \[.* for \w+ in .*\]$)")},
        {"in a class body", std::regex(R"(^    items = \[.* for \w+ in .*\]$)")},
        {"over new instances", std::regex(R"( for \w+ in map\(K\d+, \[)")},
        {"late-binding lambda", std::regex(R"(\[lambda: .* for (\w+) in )")},
        {"lambda with a default", std::regex(R"(\[lambda (\w+)=\1: .* for \1 in )")},
        {"reading an outer name", std::regex(R"(\[\[(\w+), \w+\] for \1 in )")},
        {"hiding an outer name", std::regex(R"( for ([oxalr]\d+) in )")},
    };
    std::map<std::string, int> seen;
    for (std::uint64_t seed = 0; seed < 400; ++seed)
        for (const auto& line : split_lines(render(generate(seed, {}))))
            for (const auto& [form, pattern] : kForms) seen[form] += std::regex_search(line, pattern);
    for (const auto& [form, _] : kForms) {
        INFO(form);
        CHECK(seen[form] > 0);
    }
    // Without cycles no class keeps one: a class is a cycle.
    for (std::uint64_t seed = 0; seed < 200; ++seed)
        CHECK_THAT(render(generate(seed, without({Feature::Cycles}))), !Contains("    items = ["));
}

TEST_CASE("comprehensions keep the default mix: other actions stay the most", "[generator]") {
    std::size_t comprehensions = 0, lines = 0;
    for (std::uint64_t seed = 0; seed < 300; ++seed) {
        for (const auto& line : split_lines(render(generate(seed, {})))) {
            ++lines;
            comprehensions += line.find(" for v") != std::string::npos || line.find(" in map(") != std::string::npos;
        }
    }
    CHECK(comprehensions > 0);
    CHECK(comprehensions * 20 < lines);  // fewer than one line in 20
}

TEST_CASE("features are named on the command line by their names", "[generator]") {
    for (const auto& f : feature_list()) CHECK(feature_named(f.name) == f.feature);
    CHECK_FALSE(feature_named("nonsense"));
    CHECK(without({Feature::Shutdown, Feature::Cycles}).without_list() == "cycles,shutdown");
}

// The properties below need the real interpreter.

TEST_CASE("programs run on python3 without an error, whole or shrunk", "[generator][python3]") {
    auto python = python3();
    if (!python) return;
    constexpr std::size_t kSeeds = 60;
    std::vector<std::string> sources;
    Random random(9);
    for (std::uint64_t seed = 0; seed < kSeeds; ++seed) {
        auto program = generate(seed, {});
        sources.push_back(render(program));
        for (int i = 0; i < 2; ++i) sources.push_back(render(program, random_removal(program, random)));
    }
    std::vector<std::string> outcomes(sources.size());
    run_parallel(sources.size(), default_workers(),
                 [&](std::size_t i) { outcomes[i] = outcome_on(*python, sources[i]); });
    for (std::size_t i = 0; i < sources.size(); ++i) {
        INFO(sources[i] << "\n=> " << outcomes[i]);
        CHECK_THAT(outcomes[i], Catch::EndsWith("[exit 0]\n"));
        // A __del__ may raise Boom (reported as ignored); nothing else raises.
        for (const auto& name : exception_names(outcomes[i])) CHECK(name == "Boom");
    }
}

TEST_CASE(
    "programs with comprehensions run on python3 without an error, whole or shrunk, and without cycles leave "
    "no garbage",
    "[generator][python3]") {
    auto python = python3();
    if (!python) return;
    // The generator's heap says what a comprehension's result, its appends
    // and lambdas hold: without Feature::Cycles none of it closes a cycle,
    // and a shrunk program still finds every key and item it uses.
    const std::string count_garbage = "import gc\nprint(\"garbage\", gc.collect())\n";
    std::vector<std::string> sources;
    Random random(11);
    for (std::uint64_t seed = 0; sources.size() < 90 && seed < 2000; ++seed) {
        auto options =
            without({Feature::Cycles, Feature::Shutdown, Feature::GcAutomatic, Feature::Exceptions, Feature::Atexit});
        auto program = generate(seed, options);
        auto source = render(program);
        if (source.find(" for v") == std::string::npos) continue;
        sources.push_back(source + count_garbage);
        for (int i = 0; i < 2; ++i) sources.push_back(render(program, random_removal(program, random)) + count_garbage);
    }
    std::vector<std::string> outcomes(sources.size());
    run_parallel(sources.size(), default_workers(),
                 [&](std::size_t i) { outcomes[i] = outcome_on(*python, sources[i]); });
    for (std::size_t i = 0; i < sources.size(); ++i) {
        INFO(sources[i] << "\n=> " << outcomes[i]);
        CHECK_THAT(outcomes[i], Catch::EndsWith("garbage 0\n[exit 0]\n"));
        CHECK(exception_names(outcomes[i]).empty());
    }
}

TEST_CASE("programs set off automatic collections on python3 only with gc-automatic", "[generator][python3]") {
    auto python = python3();
    if (!python) return;
    const std::string watch =
        "import gc\n"
        "def watch(phase, info):\n"
        "    if phase == 'start' and info['generation'] < 2:\n"
        "        print('AUTOMATIC COLLECTION')\n"
        "gc.callbacks.append(watch)\n";
    constexpr std::size_t kSeeds = 80;
    std::vector<std::string> without_loops(kSeeds), with_loops(kSeeds);
    run_parallel(kSeeds, default_workers(), [&](std::size_t seed) {
        without_loops[seed] = outcome_on(*python, watch + render(generate(seed, without({Feature::GcAutomatic}))));
        with_loops[seed] = outcome_on(*python, watch + render(generate(seed, {})));
    });
    for (const auto& outcome : without_loops) CHECK_THAT(outcome, !Contains("AUTOMATIC COLLECTION"));
    auto collecting = std::count_if(with_loops.begin(), with_loops.end(), [](const std::string& outcome) {
        return outcome.find("AUTOMATIC COLLECTION") != std::string::npos;
    });
    CHECK(collecting >= static_cast<long>(kSeeds / 4));
}

TEST_CASE("a weak check follows a collection, whatever shrinking removes, unless the program may not collect",
          "[generator]") {
    // On PyPy a weakref to a dead young object stays set until the nursery
    // fills: only a collection makes the check the same everywhere.
    const std::vector<std::string> kChecks = {"print(\"alive\"", "print(\"proxy\"", "print(\"finalizer\"",
                                              "print(\"weak\"", "print(\"atexit\", \"w"};
    auto is_check = [&](const std::string& line) {
        return std::any_of(kChecks.begin(), kChecks.end(),
                           [&](const auto& c) { return line.find(c) != std::string::npos; });
    };
    Random random(5);
    std::size_t checks = 0, bare = 0;
    for (std::uint64_t seed = 0; seed < 150; ++seed) {
        auto program = generate(seed, {});
        for (const auto& removed : {program.none_removed(), random_removal(program, random)}) {
            auto source = render(program, removed);
            for (const auto& line : split_lines(source)) {
                if (!is_check(line)) continue;
                ++checks;
                INFO("seed " << seed << ": " << line);
                CHECK(line.find("collected(") != std::string::npos);
                CHECK(source.find("def collected(weak):\n    gc.collect()\n    return weak\n") != std::string::npos);
            }
        }
        for (const auto& line : split_lines(render(generate(seed, without({Feature::GcCalls})))))
            bare += is_check(line);
    }
    CHECK(checks > 0);
    CHECK(bare > 0);  // still checked, without the collection
}
