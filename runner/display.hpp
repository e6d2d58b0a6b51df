// What a person sees while memconform works: a live progress line on a
// terminal (plain lines elsewhere), then the headline.
#pragma once

#include "runner/results.hpp"

#include <cstdint>
#include <iosfwd>
#include <mutex>
#include <string>

namespace memconform {

// `NAME` in the status colour when [color] is on.
std::string paint(std::string_view name, std::uint32_t rgb, bool color);

class Progress {
  public:
    // [live]: redraw one progress line (a terminal); otherwise one line per
    // step. [verbose]: print the diff of each failure too. [strict]: the
    // statuses --strict fails count as failures. [answer_first] (run and
    // compare, whose headline and failures follow): no line per step, and a
    // failure's own line only when verbose.
    Progress(std::size_t total, std::ostream& out, bool live, bool verbose, bool strict = false,
             bool answer_first = false);

    // One finished step; may be called from any thread. [notable] steps are
    // printed on their own line even in live mode, with [detail] when verbose;
    // [failed] ones are counted on the progress line.
    void step(std::string_view code, std::uint32_t rgb, bool notable, bool failed, std::string_view subject,
              std::string_view detail);
    void report(const Result& result);
    void finish();

  private:
    void redraw(std::string_view subject);

    std::mutex mutex_;
    std::ostream& out_;
    std::size_t total_, done_ = 0, failed_ = 0;
    bool live_, verbose_, strict_, answer_first_;
};

// The answer, which the console prints first: per backend its profile and
// how many results have each status, the recorded profiles it is most like,
// and a WARNING for one judged against a profile it is less like.
std::string headline(const RunRecord& run, bool color);

// compare's detail after the headline: each backend's capabilities, the
// verdicts counted, and each case's verdict and the profiles it matches.
std::string comparison_details(const RunRecord& run);

// Each backend's UNSUPPORTED results, one count per reason.
std::string unsupported_counts(const RunRecord& run);

// The results that fail the run; of compare's, what each matches.
std::string failure_list(const RunRecord& run, bool color);

}  // namespace memconform
