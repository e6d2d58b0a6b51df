#include "runner/peer.hpp"

#include "runner/diff.hpp"
#include "runner/status.hpp"
#include "runner/text.hpp"

#include <fmt/format.h>
#include <toml++/toml.h>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <map>
#include <regex>

namespace memconform {

namespace fs = std::filesystem;

namespace {

constexpr std::string_view kLinePrefix = "@peer ";
constexpr std::string_view kReasonMark = " -- ";
constexpr std::string_view kDirPrefix = "@peer-dir ";
// The lines of an unfinished run's output that its listing shows.
constexpr std::size_t kTailLines = 12;

bool known_status(std::string_view status) {
    return std::find(std::begin(kPeerStatuses), std::end(kPeerStatuses), status) != std::end(kPeerStatuses);
}

// `<id> <status>` or `<status> <id>` (as [status_first] says), then
// ` -- <reason>`; nothing when [text] is not that.
std::optional<PeerMethod> read_method(std::string_view text, bool status_first) {
    auto mark = text.find(kReasonMark);
    std::string_view head = text.substr(0, mark);
    std::string reason =
        mark == std::string_view::npos ? "" : std::string(trim(text.substr(mark + kReasonMark.size())));
    auto space = status_first ? head.find(' ') : head.rfind(' ');
    if (space == std::string_view::npos) return std::nullopt;
    auto status = status_first ? head.substr(0, space) : head.substr(space + 1);
    auto id = trim(status_first ? head.substr(space + 1) : head.substr(0, space));
    if (!known_status(status) || id.empty()) return std::nullopt;
    return PeerMethod{std::string(id), std::string(status), without_paths(reason)};
}

std::string method_line(const PeerMethod& m) {
    return m.id + " " + m.status + (m.reason.empty() ? "" : std::string(kReasonMark) + m.reason);
}

// Each test id's statuses, sorted (a test with failing subtests has several).
std::map<std::string, std::vector<std::string>> statuses_by_id(const std::vector<PeerMethod>& methods) {
    std::map<std::string, std::vector<std::string>> by_id;
    for (const auto& m : methods) by_id[m.id].push_back(m.status);
    for (auto& [id, statuses] : by_id) std::sort(statuses.begin(), statuses.end());
    return by_id;
}

void compare(const std::vector<PeerMethod>& seen, const std::vector<PeerMethod>& recorded, PeerCounts& counts) {
    auto actual = statuses_by_id(seen);
    auto wanted = statuses_by_id(recorded);
    for (const auto& [id, statuses] : actual)
        if (!wanted.contains(id)) counts.unrecorded += statuses.size();
    for (const auto& [id, want] : wanted) {
        auto got = actual.find(id);
        if (got == actual.end()) counts.not_run += want.size();
        else if (got->second == want) counts.agree += want.size();
        else if (std::all_of(got->second.begin(), got->second.end(), [](const auto& s) { return s == "skip"; }))
            counts.skipped_here += want.size();
        else counts.differ += want.size();
    }
}

// What the output said besides its @peer lines, at its end: why a run did
// not finish.
std::string output_tail(std::string_view outcome) {
    std::vector<std::string> kept;
    for (auto& line : split_lines(outcome))
        if (!line.starts_with(kLinePrefix)) kept.push_back(std::move(line));
    if (kept.size() > kTailLines) kept.erase(kept.begin(), kept.end() - kTailLines);
    std::string text;
    for (const auto& line : kept) text += line + "\n";
    return text;
}

std::string last_line(std::string_view outcome) {
    auto lines = split_lines(outcome);
    return lines.empty() ? "" : lines.back();
}

std::string comparison_note(const PeerCounts& c, std::size_t recorded) {
    std::vector<std::string> parts;
    for (auto [n, what] : {std::pair{c.differ, "differ"}, std::pair{c.not_run, "not run"},
                           std::pair{c.unrecorded, "not in the recording"}, std::pair{c.skipped_here, "skipped here"}})
        if (n) parts.push_back(fmt::format("{} {}", n, what));
    return fmt::format("{} of {} recorded methods agree{}{}", c.agree, recorded, parts.empty() ? "" : "; ",
                       fmt::join(parts, ", "));
}

}  // namespace

std::vector<PeerFile> load_peer_files(const fs::path& file) {
    toml::table table;
    try {
        table = toml::parse_file(file.string());
    } catch (const toml::parse_error& e) {
        throw std::runtime_error(fmt::format("{}:{}: {}", file.string(), e.source().begin.line, e.description()));
    }
    static const std::regex kModuleName("[A-Za-z_][A-Za-z0-9_]*");
    std::vector<PeerFile> files;
    for (const auto& [key, node] : table) {
        auto where = fmt::format("{}:{}: [{}]", file.string(), node.source().begin.line, key.str());
        const auto* entry = node.as_table();
        std::string module(key.str());
        if (!entry || !std::regex_match(module, kModuleName))
            throw std::runtime_error(where + " must be a table named after a module of the `test` package");
        for (const auto& [field, value] : *entry)
            if (field.str() != "about" && field.str() != "timeout")
                throw std::runtime_error(fmt::format("{}: unknown key `{}`", where, field.str()));
        auto about = (*entry)["about"].value<std::string>();
        auto timeout = (*entry)["timeout"].value<double>();
        if (!about || !timeout || *timeout <= 0 || *timeout > kLongestTimeoutSeconds)
            throw std::runtime_error(where + " needs `about` (a string) and `timeout` (seconds, more than 0)");
        files.push_back({module, *about, *timeout});
    }
    return files;
}

PeerOutput parse_peer_output(std::string_view output) {
    PeerOutput out;
    for (const auto& line : split_lines(output)) {
        if (!line.starts_with(kLinePrefix) || out.done) continue;
        auto rest = std::string_view(line).substr(kLinePrefix.size());
        if (trim(rest) == "done") out.done = true;
        else if (auto method = read_method(rest, true)) out.methods.push_back(std::move(*method));
        else out.stray.push_back(line);
    }
    return out;
}

// Each run of folders `/a/b/` (the longest at each place) is cut out. A
// scan, not std::regex, whose backtracking recurses once per character of
// a long reason.
std::string without_paths(std::string_view reason) {
    auto in_name = [](char c) {
        return !std::isspace(static_cast<unsigned char>(c)) &&
               std::string_view("/'\"():,").find(c) == std::string_view::npos;
    };
    std::string out;
    for (std::size_t i = 0; i < reason.size();) {
        std::size_t folders_end = 0;
        for (std::size_t slash = i; slash < reason.size() && reason[slash] == '/';) {
            auto name_end = std::find_if_not(reason.begin() + slash + 1, reason.end(), in_name) - reason.begin();
            auto next = static_cast<std::size_t>(name_end);
            if (next == slash + 1) break;  // `//`: no folder name
            if (next < reason.size() && reason[next] == '/') folders_end = next + 1;
            slash = next;
        }
        if (folders_end) i = folders_end;
        else out.push_back(reason[i++]);
    }
    return out;
}

std::string peer_listing(std::vector<PeerMethod> methods) {
    std::stable_sort(methods.begin(), methods.end(), [](const auto& a, const auto& b) { return a.id < b.id; });
    std::string text;
    for (const auto& m : methods) text += method_line(m) + "\n";
    return text;
}

std::vector<PeerMethod> parse_peer_listing(std::string_view text) {
    std::vector<PeerMethod> methods;
    int number = 0;
    for (const auto& line : split_lines(text)) {
        ++number;
        auto method = read_method(line, false);
        if (!method)
            throw std::runtime_error(
                fmt::format("line {} is not `<test id> <status>[ -- <reason>]`: {}", number, line));
        methods.push_back(std::move(*method));
    }
    return methods;
}

PeerCounts count_methods(const std::vector<PeerMethod>& methods) {
    PeerCounts c;
    std::map<std::string_view, std::size_t*> slot{{"pass", &c.pass}, {"fail", &c.fail},   {"error", &c.error},
                                                  {"skip", &c.skip}, {"xfail", &c.xfail}, {"xpass", &c.xpass}};
    for (const auto& m : methods) ++*slot.at(m.status);
    return c;
}

PeerVerdict judge_peer(BackendKind kind, const RawOutcome& raw, std::string_view outcome,
                       const std::optional<std::string>& recorded) {
    auto out = parse_peer_output(outcome);
    PeerVerdict v{Status::Pass, peer_listing(out.methods), "", count_methods(out.methods)};
    if (!out.done) v.actual += "-- ended without `@peer done`; its last lines:\n" + output_tail(outcome);
    std::vector<PeerMethod> wanted;
    if (recorded) {
        try {
            wanted = parse_peer_listing(*recorded);
        } catch (const std::runtime_error& e) {
            return {Status::Error, v.actual, std::string("the recorded listing is broken: ") + e.what(), v.counts};
        }
        compare(out.methods, wanted, v.counts);
    }
    auto compared = comparison_note(v.counts, wanted.size());
    if (raw.ending == Ending::TimedOut) {
        v.status = Status::Timeout;
        v.note = fmt::format("killed at the file's time limit after {} methods; {}", out.methods.size(), compared);
    } else if (!out.done && kind == BackendKind::Model && raw.ending == Ending::Exited &&
               raw.code == kUnsupportedExit) {
        v.status = Status::Unsupported;
        auto lines = split_lines(output_tail(outcome));
        auto said = std::find_if(lines.rbegin(), lines.rend(),
                                 [](const std::string& l) { return l.find("unsupported") != std::string::npos; });
        v.note = said != lines.rend() ? *said : last_line(outcome);
    } else if (!out.done) {
        v.status = Status::Crash;
        v.note = fmt::format("ended without `@peer done` ({}) after {} methods; {}", last_line(outcome),
                             out.methods.size(), compared);
    } else if (!recorded) {
        v.status = Status::NoExpected;
        v.note = fmt::format("{} methods, nothing recorded for the profile", out.methods.size());
    } else {
        bool agree = v.counts.differ + v.counts.not_run + v.counts.unrecorded + out.stray.size() == 0;
        v.status = agree ? Status::Pass : Status::Fail;
        v.note = compared;
    }
    if (!out.stray.empty())
        v.note += fmt::format("; {} unreadable @peer lines, the first: {}", out.stray.size(), out.stray.front());
    return v;
}

std::string peer_refusal(const std::vector<RawOutcome>& raws, const std::vector<std::string>& outcomes) {
    for (std::size_t i = 0; i < raws.size(); ++i) {
        auto out = parse_peer_output(outcomes[i]);
        if (!out.done || raws[i].ending != Ending::Exited)
            return fmt::format("run {} did not finish, not recorded:\n{}", i + 1, output_tail(outcomes[i]));
        if (!out.stray.empty())
            return fmt::format("run {} printed unreadable @peer lines, not recorded: {}", i + 1, out.stray.front());
    }
    auto first = peer_listing(parse_peer_output(outcomes[0]).methods);
    for (std::size_t i = 1; i < outcomes.size(); ++i) {
        auto other = peer_listing(parse_peer_output(outcomes[i]).methods);
        if (other != first) return fmt::format("unstable: runs 1 and {} differ\n{}", i + 1, unified_diff(first, other));
    }
    return "";
}

std::string peer_program(std::string_view driver, const std::string& dir, const std::string& module) {
    // A JSON string is a Python string literal too.
    return fmt::format("PEER_DIR = {}\nPEER_MODULE = {}\n{}", nlohmann::json(dir).dump(), nlohmann::json(module).dump(),
                       driver);
}

std::optional<std::string> probed_peer_dir(std::string_view output) {
    for (const auto& line : split_lines(output))
        if (line.starts_with(kDirPrefix)) {
            auto dir = trim(std::string_view(line).substr(kDirPrefix.size()));
            if (!dir.empty()) return std::string(dir);
        }
    return std::nullopt;
}

}  // namespace memconform
