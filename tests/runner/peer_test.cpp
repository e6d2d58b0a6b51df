#include "runner/peer.hpp"

#include "tests/support/runner_helpers.hpp"

#include <catch2/catch.hpp>

using namespace memconform;
using memconform::testing::ended;
using memconform::testing::Scratch;

namespace {

const std::string kFinished =
    "@peer pass test_x.A.test_one\n"
    "something a test printed\n"
    "@peer skip test_x.A.test_two -- requires /usr/lib/python3.11/test/_testcapi.c\n"
    "@peer fail test_x.B.test_three (i=1)\n"
    "@peer error test_x.B.test_four -- TypeError\n"
    "@peer done\n"
    "[exit 0]\n";

const std::string kRecorded =
    "test_x.A.test_one pass\n"
    "test_x.A.test_two skip -- requires _testcapi.c\n"
    "test_x.B.test_four error -- TypeError\n"
    "test_x.B.test_three (i=1) fail\n";

}  // namespace

TEST_CASE("the driver's lines become one result per method", "[peer]") {
    auto out = parse_peer_output(kFinished);
    CHECK(out.done);
    CHECK(out.stray.empty());
    REQUIRE(out.methods.size() == 4);
    CHECK(out.methods[0] == PeerMethod{"test_x.A.test_one", "pass", ""});
    CHECK(out.methods[1].reason == "requires _testcapi.c");  // no path: recordings hold on any machine
    CHECK(out.methods[2] == PeerMethod{"test_x.B.test_three (i=1)", "fail", ""});  // a subtest keeps its parameters

    auto garbage = parse_peer_output("@peer maybe test_x.A.t\n@peer pass\n@peerdone\n[exit 0]\n");
    CHECK_FALSE(garbage.done);
    CHECK(garbage.methods.empty());
    CHECK(garbage.stray.size() == 2);

    // What comes after `@peer done` is not the driver's.
    CHECK(parse_peer_output("@peer done\n@peer pass test_x.A.t\n").methods.empty());
}

TEST_CASE("a listing is sorted by test id and reads back", "[peer]") {
    auto listing = peer_listing(parse_peer_output(kFinished).methods);
    CHECK(listing == kRecorded);
    CHECK(parse_peer_listing(listing) == parse_peer_listing(kRecorded));
    CHECK(peer_listing(parse_peer_listing(listing)) == listing);
    CHECK_THROWS_WITH(parse_peer_listing("test_x.A.t pass\nnonsense\n"), Catch::Contains("line 2"));
    CHECK_THROWS(parse_peer_listing("test_x.A.t passed\n"));
}

TEST_CASE("paths leave skip reasons, their file names stay", "[peer]") {
    CHECK(without_paths("/usr/lib/pypy3.9/_testcapimodule.c missing") == "_testcapimodule.c missing");
    CHECK(without_paths("not enough memory: 4.0G minimum needed") == "not enough memory: 4.0G minimum needed");
    CHECK(without_paths("'/a/b/c.py' and /d/e") == "'c.py' and e");
}

TEST_CASE("a finished file agrees with its recording method by method", "[peer]") {
    auto exited = ended(Ending::Exited);
    auto same = judge_peer(BackendKind::Real, exited, kFinished, kRecorded);
    CHECK(same.status == Status::Pass);
    CHECK(same.actual == kRecorded);
    CHECK(same.counts.agree == 4);
    CHECK(same.counts.pass == 1);
    CHECK(same.counts.skip == 1);
    CHECK(same.counts.fail == 1);
    CHECK(same.counts.error == 1);
    CHECK(same.note == "4 of 4 recorded methods agree");

    SECTION("a status that differs fails the file") {
        std::string differs = kFinished;
        differs.replace(differs.find("@peer pass"), 10, "@peer fail");
        auto v = judge_peer(BackendKind::Real, exited, differs, kRecorded);
        CHECK(v.status == Status::Fail);
        CHECK(v.counts.differ == 1);
        CHECK(v.counts.agree == 3);
    }
    SECTION("a skip where the recording ran the method is no disagreement") {
        std::string skipped = kFinished;
        skipped.replace(skipped.find("@peer pass test_x.A.test_one"), 28, "@peer skip test_x.A.test_one -- no threads");
        auto v = judge_peer(BackendKind::Model, exited, skipped, kRecorded);
        CHECK(v.status == Status::Pass);
        CHECK(v.counts.skipped_here == 1);
        CHECK(v.note == "3 of 4 recorded methods agree; 1 skipped here");
    }
    SECTION("a method the recording lacks, or one it has that never ran, fails") {
        auto extra = "@peer pass test_x.C.test_new\n" + kFinished;
        CHECK(judge_peer(BackendKind::Real, exited, extra, kRecorded).counts.unrecorded == 1);
        CHECK(judge_peer(BackendKind::Real, exited, extra, kRecorded).status == Status::Fail);
        auto fewer = kFinished.substr(kFinished.find("something"));
        auto v = judge_peer(BackendKind::Real, exited, fewer, kRecorded);
        CHECK(v.status == Status::Fail);
        CHECK(v.counts.not_run == 1);
    }
    SECTION("nothing recorded") {
        auto v = judge_peer(BackendKind::Real, exited, kFinished, std::nullopt);
        CHECK(v.status == Status::NoExpected);
        CHECK(v.counts.agree == 0);
    }
    SECTION("a broken recording is an error, not a pass") {
        CHECK(judge_peer(BackendKind::Real, exited, kFinished, std::string("junk\n")).status == Status::Error);
    }
    SECTION("unreadable @peer lines fail a finished file") {
        auto v = judge_peer(BackendKind::Real, exited, "@peer ??? x\n" + kFinished, kRecorded);
        CHECK(v.status == Status::Fail);
        CHECK_THAT(v.note, Catch::Contains("1 unreadable @peer lines"));
    }
}

TEST_CASE("a file that does not finish says how it ended; its other methods did not run", "[peer]") {
    const std::string half = "@peer pass test_x.A.test_one\nFatal Python error: Aborted\n[signal SIGABRT]\n";
    auto crashed = judge_peer(BackendKind::Real, ended(Ending::Signaled, 6), half, kRecorded);
    CHECK(crashed.status == Status::Crash);
    CHECK(crashed.counts.agree == 1);
    CHECK(crashed.counts.not_run == 3);
    CHECK_THAT(crashed.note, Catch::Contains("ended without `@peer done` ([signal SIGABRT]) after 1 methods"));
    CHECK_THAT(crashed.actual, Catch::Contains("Fatal Python error: Aborted"));

    const std::string exited = "@peer pass test_x.A.test_one\n[exit 1]\n";
    CHECK(judge_peer(BackendKind::Real, ended(Ending::Exited, 1), exited, kRecorded).status == Status::Crash);
    CHECK(judge_peer(BackendKind::Real, ended(Ending::Exited, 1), exited, std::nullopt).status == Status::Crash);
    CHECK(judge_peer(BackendKind::Real, ended(Ending::Capped), exited, kRecorded).status == Status::Crash);
    auto timed_out =
        judge_peer(BackendKind::Real, ended(Ending::TimedOut), "@peer pass test_x.A.test_one\n[timeout]\n", kRecorded);
    CHECK(timed_out.status == Status::Timeout);
    CHECK(timed_out.counts.not_run == 3);
}

TEST_CASE("a model that rejects the file is UNSUPPORTED with what it said", "[peer]") {
    const std::string rejected = "pymodel: unsupported: decorator at ./test_x.py:3:1\n[exit 3]\n";
    auto v = judge_peer(BackendKind::Model, ended(Ending::Exited, 3), rejected, kRecorded);
    CHECK(v.status == Status::Unsupported);
    CHECK(v.note == "pymodel: unsupported: decorator at ./test_x.py:3:1");
    // A real interpreter's exit 3 is no rejection.
    CHECK(judge_peer(BackendKind::Real, ended(Ending::Exited, 3), rejected, kRecorded).status == Status::Crash);
}

TEST_CASE("only a file that finishes alike every time is recorded", "[peer]") {
    auto exited = ended(Ending::Exited);
    CHECK(peer_refusal({exited, exited, exited}, {kFinished, kFinished, kFinished}).empty());
    // A line a test prints between methods is not part of the listing.
    auto chatty = "noise\n" + kFinished;
    CHECK(peer_refusal({exited, exited}, {kFinished, chatty}).empty());
    std::string differs = kFinished;
    differs.replace(differs.find("@peer pass"), 10, "@peer fail");
    CHECK_THAT(peer_refusal({exited, exited}, {kFinished, differs}),
               Catch::StartsWith("unstable: runs 1 and 2 differ"));
    CHECK_THAT(peer_refusal({exited, ended(Ending::Exited, 1)}, {kFinished, "Traceback\n[exit 1]\n"}),
               Catch::StartsWith("run 2 did not finish"));
    CHECK_THAT(peer_refusal({ended(Ending::TimedOut)}, {kFinished}), Catch::StartsWith("run 1 did not finish"));
}

TEST_CASE("the driver's program and the probe's answer", "[peer]") {
    CHECK(peer_program("print(PEER_MODULE)\n", "/a \"b\"/test", "test_gc") ==
          "PEER_DIR = \"/a \\\"b\\\"/test\"\nPEER_MODULE = \"test_gc\"\nprint(PEER_MODULE)\n");
    CHECK(probed_peer_dir("noise\n@peer-dir /usr/lib/python3.11/test\n[exit 0]\n") == "/usr/lib/python3.11/test");
    CHECK_FALSE(probed_peer_dir("ModuleNotFoundError: No module named 'test'\n[exit 1]\n"));
}

TEST_CASE("peer/suites.toml names modules with a time limit each", "[peer]") {
    Scratch scratch;
    auto good =
        scratch.write("good.toml", "[test_b]\nabout = \"b\"\ntimeout = 5\n[test_a]\nabout = \"a\"\ntimeout = 1.5\n");
    auto files = load_peer_files(good);
    REQUIRE(files.size() == 2);
    CHECK(files[0].module == "test_a");
    CHECK(files[0].timeout_seconds == 1.5);
    CHECK_THROWS_WITH(load_peer_files(scratch.write("a.toml", "[test_a]\nabout = \"a\"\n")),
                      Catch::Contains("timeout"));
    CHECK_THROWS_WITH(load_peer_files(scratch.write("b.toml", "[test_a]\nabout = \"a\"\ntimeout = 1\nx = 1\n")),
                      Catch::Contains("unknown key `x`"));
    CHECK_THROWS_WITH(load_peer_files(scratch.write("c.toml", "[\"a.b\"]\nabout = \"a\"\ntimeout = 1\n")),
                      Catch::Contains("a module"));
    CHECK_THROWS_WITH(load_peer_files(scratch.write("d.toml", "[test_a\n")), Catch::Contains("d.toml:1"));
}
