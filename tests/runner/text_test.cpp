// write_file() under a write error, and the partial files a killed writer
// leaves: a failed write never replaces a good file, and says why.
#include "runner/text.hpp"
#include "tests/support/runner_helpers.hpp"

#include <fmt/format.h>
#include <catch2/catch.hpp>

#include <signal.h>
#include <sys/resource.h>
#include <unistd.h>

#include <algorithm>

using namespace memconform;
using namespace memconform::testing;
using Catch::Contains;

namespace {

// While it lives, a write past [bytes] into any file fails with EFBIG, as
// on a full disk: RLIMIT_FSIZE, with SIGXFSZ (which would end the process)
// ignored.
class FileSizeLimit {
  public:
    explicit FileSizeLimit(rlim_t bytes) {
        getrlimit(RLIMIT_FSIZE, &saved_);
        old_handler_ = signal(SIGXFSZ, SIG_IGN);
        rlimit limit{bytes, saved_.rlim_max};
        setrlimit(RLIMIT_FSIZE, &limit);
    }
    ~FileSizeLimit() {
        setrlimit(RLIMIT_FSIZE, &saved_);
        signal(SIGXFSZ, old_handler_);
    }
    FileSizeLimit(const FileSizeLimit&) = delete;
    FileSizeLimit& operator=(const FileSizeLimit&) = delete;

  private:
    rlimit saved_{};
    sighandler_t old_handler_;
};

std::vector<std::string> names_in(const fs::path& dir) {
    std::vector<std::string> names;
    for (const auto& entry : fs::directory_iterator(dir)) names.push_back(entry.path().filename().string());
    std::sort(names.begin(), names.end());
    return names;
}

}  // namespace

TEST_CASE("a write that fails leaves the file as it was, and no partial file", "[text]") {
    Scratch scratch;
    auto file = scratch.write("outcome.out", "the good outcome\n[exit 0]\n");
    {
        FileSizeLimit limit(16);
        CHECK_THROWS_WITH(write_file(file, std::string(4096, 'x')),
                          "cannot write " + file.string() + ": File too large");
    }
    CHECK(read_file(file) == "the good outcome\n[exit 0]\n");
    CHECK(names_in(scratch.path()) == std::vector<std::string>{"outcome.out"});
    write_file(file, "replaced\n");
    CHECK(read_file(file) == "replaced\n");
    CHECK(names_in(scratch.path()) == std::vector<std::string>{"outcome.out"});
}

TEST_CASE("a scratch file that cannot be written says why", "[text]") {
    Scratch scratch;
    FileSizeLimit limit(16);
    CHECK_THROWS_WITH(write_scratch_file(scratch.path() / "case.py", std::string(4096, 'x')),
                      Contains("case.py: File too large"));
    CHECK_THROWS_WITH(write_scratch_file(scratch.path() / "no-folder" / "case.py", "x"),
                      Contains("no-folder/case.py: No such file or directory"));
}

TEST_CASE("the partial files of writers that are gone are removed, a live writer's kept", "[text]") {
    Scratch scratch;
    auto dead = scratch.write("a/x.out.partial", "");  // an older memconform's name
    auto dead_pid = scratch.write("a/b/y.out.99999999.partial", "");  // no such process
    auto live = scratch.write(fmt::format("a/z.out.{}.partial", ::getpid()), "");
    auto outcome = scratch.write("a/w.out", "kept\n");
    CHECK(is_partial_file(dead));
    CHECK_FALSE(is_partial_file(outcome));
    CHECK(remove_stale_partial_files(scratch.path()) == std::vector<fs::path>{dead_pid, dead});
    CHECK_FALSE(fs::exists(dead));
    CHECK_FALSE(fs::exists(dead_pid));
    CHECK(fs::exists(live));
    CHECK(fs::exists(outcome));
    CHECK(remove_stale_partial_files(scratch.path() / "nothing-here").empty());
}

TEST_CASE("a carriage return is shown, never printed raw", "[text]") {
    CHECK(printable("a\r\nb\rc\n") == "a\u240D\nb\u240Dc\n");
    CHECK(escape_markup("a\r\n") == "a\u240D\n");
}
