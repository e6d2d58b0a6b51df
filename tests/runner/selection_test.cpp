#include "runner/selection.hpp"
#include "tests/support/runner_helpers.hpp"

#include <catch2/catch.hpp>

using namespace memconform;
using namespace memconform::testing;

namespace {

std::vector<std::string> ids(const Selected& selected) {
    std::vector<std::string> out;
    for (const Case* c : selected.cases) out.push_back(c->id);
    return out;
}

}  // namespace

TEST_CASE("--shard I/N is parsed and checked", "[selection]") {
    CHECK(parse_shard("2/3").index == 2);
    CHECK(parse_shard("2/3").count == 3);
    for (auto bad : {"0/3", "4/3", "1", "a/b", "1/0", "1/2x"})
        CHECK_THROWS_WITH(parse_shard(bad), Catch::Contains("I/N"));
}

TEST_CASE("shards split the cases, each case in exactly one", "[selection]") {
    std::vector<std::string> all;
    for (int i = 0; i < 200; ++i) all.push_back("area/case_" + std::to_string(i));
    for (unsigned n : {1u, 2u, 3u, 7u}) {
        std::vector<int> owners(all.size());
        for (unsigned shard = 1; shard <= n; ++shard)
            for (std::size_t i = 0; i < all.size(); ++i) owners[i] += in_shard(all[i], {shard, n});
        CHECK(std::all_of(owners.begin(), owners.end(), [](int o) { return o == 1; }));
    }
}

TEST_CASE("a case's shard depends on its id alone, the same everywhere", "[selection]") {
    // FNV-1a (values computed independently): a change of hash would move
    // cases between CI shards.
    CHECK(stable_hash("") == 0xcbf29ce484222325ULL);
    CHECK(stable_hash("del/alias_keeps_alive") == 0xbd2234cdcbdea4eaULL);
    CHECK(in_shard("del/alias_keeps_alive", {3, 4}));
}

TEST_CASE("cases are chosen by glob, path and tag", "[selection]") {
    auto corpus = load_corpus(fixture("corpus/cases"));
    CHECK(ids(select_cases(corpus, {})).size() == 3);
    CHECK(ids(select_cases(corpus, {{}, {"del/*"}, {}, {}})) == std::vector<std::string>{"del/alias_keeps_alive"});
    CHECK(ids(select_cases(corpus, {{}, {"*call*", "errors/chained"}, {}, {}})) ==
          std::vector<std::string>{"errors/chained", "weakref/callback"});
    auto path = (fixture("corpus/cases") / "weakref/callback.py").string();
    CHECK(ids(select_cases(corpus, {{}, {path}, {}, {}})) == std::vector<std::string>{"weakref/callback"});
    CHECK(ids(select_cases(corpus, {{"refcount"}, {}, {}, {}})) ==
          std::vector<std::string>{"del/alias_keeps_alive", "weakref/callback"});
    CHECK(ids(select_cases(corpus, {{"traceback", "del"}, {"*/c*"}, {}, {}})) ==
          std::vector<std::string>{"errors/chained"});
    // --failed-from's ids, with the other selections: those of them.
    using Ids = std::vector<std::string>;
    CHECK(ids(select_cases(corpus, {{}, {}, {}, Ids{"weakref/callback", "errors/chained"}})) ==
          Ids{"errors/chained", "weakref/callback"});
    CHECK(ids(select_cases(corpus, {{"refcount"}, {}, {}, Ids{"weakref/callback", "errors/chained"}})) ==
          Ids{"weakref/callback"});
    CHECK(ids(select_cases(corpus, {{}, {}, {}, Ids{}})).empty());
}

TEST_CASE("a pattern that selects nothing is reported", "[selection]") {
    auto corpus = load_corpus(fixture("corpus/cases"));
    auto selected = select_cases(corpus, {{}, {"del/*", "nothing/*"}, {}, {}});
    CHECK(selected.unmatched == std::vector<std::string>{"nothing/*"});
}

TEST_CASE("a tag tags.toml does not declare is reported", "[selection]") {
    auto corpus = load_corpus(fixture("corpus/cases"));
    auto selected = select_cases(corpus, {{"del", "nosuchtag"}, {}, {}, {}});
    CHECK(selected.unknown_tags == std::vector<std::string>{"nosuchtag"});
    CHECK(select_cases(corpus, {{"del"}, {}, {}, {}}).unknown_tags.empty());
}
