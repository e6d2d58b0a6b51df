#include "runner/cli.hpp"

#include <catch2/catch.hpp>

#include <string>
#include <vector>

using namespace memconform;

namespace {

// parse_command_line on `memconform ARGS...`: the exit status it asks for,
// or -1 when memconform goes on.
int parse(std::vector<std::string> args, Options& options) {
    args.insert(args.begin(), "memconform");
    std::vector<char*> argv;
    for (auto& arg : args) argv.push_back(arg.data());
    auto status = parse_command_line(static_cast<int>(argv.size()), argv.data(), options);
    return status ? *status : -1;
}

}  // namespace

TEST_CASE("a subcommand's options fill Options", "[cli]") {
    Options o;
    REQUIRE(parse({"--root", "/p", "run", "--backend", "python3", "--backend", "pypy3", "-j", "3", "--timeout", "2.5",
                   "--tag", "cycles", "--shard", "2/4", "--strict", "del/*"},
                  o) == -1);
    CHECK(o.command == "run");
    CHECK(o.root == "/p");
    CHECK(o.backends == std::vector<std::string>{"python3", "pypy3"});
    CHECK(o.jobs == 3);
    CHECK(o.timeout_seconds == 2.5);
    CHECK(o.selection.tags == std::vector<std::string>{"cycles"});
    CHECK(o.selection.shard.index == 2);
    CHECK(o.selection.shard.count == 4);
    CHECK(o.strict);
    CHECK(o.selection.patterns == std::vector<std::string>{"del/*"});

    Options f;
    REQUIRE(parse({"fuzz", "--backend", "m", "--against", "python3", "--seed", "7", "--count", "5", "--without",
                   "cycles,files", "--show"},
                  f) == -1);
    CHECK(f.command == "fuzz");
    CHECK(f.against == "python3");
    CHECK(f.seed == 7u);
    CHECK(f.count == 5);
    CHECK(f.without == std::vector<std::string>{"cycles", "files"});
    CHECK(f.show);
}

TEST_CASE("--help exits 0, a usage error 2", "[cli]") {
    Options o;
    CHECK(parse({"run", "--help"}, o) == 0);
    CHECK(parse({}, o) == 2);  // no subcommand
    CHECK(parse({"frobnicate"}, o) == 2);
    CHECK(parse({"run", "--shard", "5/4"}, o) == 2);
    CHECK(parse({"run", "--timeout", "0"}, o) == 2);
    CHECK(parse({"run", "--jobs", "0"}, o) == 2);
    CHECK(parse({"record"}, o) == 2);  // --backend is required
    CHECK(parse({"fuzz", "--backend", "m", "--against", "r", "--without", "nonsense"}, o) == 2);
}

TEST_CASE("the command line for the reports quotes what a shell would expand", "[cli]") {
    std::vector<std::string> args{"memconform", "run", "del/*", "--backend", "x=./rt {case}", ""};
    std::vector<char*> argv;
    for (auto& arg : args) argv.push_back(arg.data());
    CHECK(command_line_text(static_cast<int>(argv.size()), argv.data()) ==
          "memconform run 'del/*' --backend 'x=./rt {case}' ''");
    std::vector<std::string> quoted{"memconform", "fuzz", "--backend", "m=sh -c 'sleep 1' {case}"};
    argv.clear();
    for (auto& arg : quoted) argv.push_back(arg.data());
    CHECK(command_line_text(static_cast<int>(argv.size()), argv.data()) ==
          R"(memconform fuzz --backend 'm=sh -c '\''sleep 1'\'' {case}')");
}

TEST_CASE("a number out of range is refused, never wrapped or saturated", "[cli]") {
    auto fuzz = [](std::vector<std::string> more) {
        Options o;
        std::vector<std::string> args{"fuzz", "--backend", "m", "--against", "r"};
        args.insert(args.end(), more.begin(), more.end());
        return parse(args, o);
    };
    for (auto bad : {"-5", "", "1e3", "+7", " 7", "18446744073709551616"}) CHECK(fuzz({"--seed", bad}) == 2);
    for (auto bad : {"0", "-1", "99999999999999999999999", "1.5"}) CHECK(fuzz({"--count", bad}) == 2);
    CHECK(fuzz({"--shrink-tries", "-1"}) == 2);
    CHECK(fuzz({"-j", "4294967296"}) == 2);
    CHECK(fuzz({"--memory-limit", "-1"}) == 2);
    CHECK(fuzz({"--memory-limit", "1073741825"}) == 2);
    Options o;
    REQUIRE(parse({"fuzz", "--backend", "m", "--against", "r", "--seed", "18446744073709551615", "--count",
                   "18446744073709551615", "--shrink-tries", "0", "--memory-limit", "0"},
                  o) == -1);
    CHECK(o.seed == 18446744073709551615u);
    CHECK(o.count == 18446744073709551615u);
    CHECK(o.shrink_tries == 0);
}
