#include "runner/trace.hpp"

#include "runner/text.hpp"

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <algorithm>
#include <charconv>

namespace memconform {

namespace {

// The line number of an event of [file] (`FILE:LINE: EVENT`), or 0.
int line_in(std::string_view event, std::string_view file) {
    if (!event.starts_with(file) || event.substr(file.size(), 1) != ":") return 0;
    auto digits = event.substr(file.size() + 1);
    int line = 0;
    auto [end, error] = std::from_chars(digits.data(), digits.data() + digits.size(), line);
    return error == std::errc() && std::string_view(end, 2) == ": " ? line : 0;
}

// An event of one object: its label, what happened to it, and why.
struct ObjectEvent {
    std::string label;
    std::string what;
    std::string cause;  // empty: none said
};

// The labels of a list `A, B, C`: a label's str may hold ", " in its quotes.
std::vector<std::string> split_labels(std::string_view list) {
    std::vector<std::string> labels;
    std::string label;
    char quote = 0;
    for (std::size_t i = 0; i < list.size(); ++i) {
        char c = list[i];
        if (quote && c == '\\' && i + 1 < list.size()) {
            label += c;
            label += list[++i];
            continue;
        }
        if (quote ? c == quote : c == '\'' || c == '"') quote = quote ? 0 : c;
        if (!quote && list.substr(i, 2) == ", ") {
            labels.push_back(std::move(label));
            label.clear();
            ++i;
            continue;
        }
        label += c;
    }
    labels.push_back(std::move(label));
    return labels;
}

// `LABEL (CAUSE)` -> LABEL, CAUSE.
std::pair<std::string, std::string> label_and_cause(std::string_view text) {
    auto open = text.rfind(" (");
    if (open == std::string_view::npos || !text.ends_with(")")) return {std::string(text), ""};
    return {std::string(text.substr(0, open)), std::string(text.substr(open + 2, text.size() - open - 3))};
}

std::vector<ObjectEvent> object_events(std::string_view event) {
    auto starts = [&](std::string_view prefix) { return event.starts_with(prefix); };
    auto rest = [&](std::string_view prefix) { return event.substr(prefix.size()); };
    if (starts("free ") || starts("finalize ")) {
        bool free = starts("free ");
        auto [label, cause] = label_and_cause(rest(free ? "free " : "finalize "));
        return {{label, free ? "freed" : "finalized", cause}};
    }
    if (starts("resurrected ") && event.ends_with(" by its finalizer"))
        return {{std::string(rest("resurrected ").substr(0, event.size() - 29)), "resurrected", "its finalizer"}};
    if (starts("queue the finalizer of "))
        return {{std::string(rest("queue the finalizer of ")), "queued for its finalizer", ""}};
    if (starts("queue the weakref callbacks of "))
        return {{std::string(rest("queue the weakref callbacks of ")), "its weakref callbacks queued", ""}};
    if (starts("clear ") && event.find(" to ") != std::string_view::npos)
        return {{std::string(event.substr(event.find(" to ") + 4)), "its weakrefs cleared", ""}};
    if (starts("close file ")) {
        auto [name, by] = label_and_cause(rest("close "));
        return {{name, "closed", by}};
    }
    if (starts("flush file ")) {
        auto [name_and_size, by] = label_and_cause(rest("flush "));
        auto colon = name_and_size.rfind(": ");
        return {{name_and_size.substr(0, colon), "flushed" + name_and_size.substr(colon + 1), by}};
    }
    if (starts("left alive at exit ")) {
        std::vector<ObjectEvent> left;
        auto list = rest("left alive at exit ");
        auto colon = list.find(": ");
        if (colon == std::string_view::npos) return left;
        list.remove_prefix(colon + 2);
        if (auto more = list.rfind(" and "); more != std::string_view::npos && list.ends_with(" more"))
            list = list.substr(0, more);
        for (auto& label : split_labels(list)) left.push_back({std::move(label), "left alive", ""});
        return left;
    }
    return {};
}

// A line written once for N alike ones, `EVENT [N times]`: EVENT and N.
std::pair<std::string_view, std::size_t> repeats(std::string_view event) {
    constexpr std::string_view kTimes = " times]";
    auto open = event.rfind(" [");
    if (open == std::string_view::npos || !event.ends_with(kTimes)) return {event, 1};
    auto digits = event.substr(open + 2, event.size() - open - 2 - kTimes.size());
    std::size_t times = 0;
    auto [end, error] = std::from_chars(digits.data(), digits.data() + digits.size(), times);
    if (error != std::errc() || end != digits.data() + digits.size()) return {event, 1};
    return {event.substr(0, open), times};
}

bool fate_worth_telling(std::string_view label) {
    return !label.starts_with("class ") && !label.starts_with("module ") && !label.starts_with("_io.");
}

// Where an event happened, as a sentence says it.
std::string where(std::string_view event, std::string_view case_file) {
    if (int line = line_in(event, case_file)) return fmt::format("at line {}", line);
    if (event.starts_with("<exit>: ")) return "at exit";
    if (event.starts_with("<start>: ")) return "before the first line";
    return "in " + std::string(event.substr(0, event.find(": ")));
}

// A fate told shortly: repeats counted, the first steps only.
std::string told(const std::vector<Step>& steps) {
    constexpr std::size_t kSteps = 6;
    std::vector<std::string> out;
    for (const Step& step : steps) {
        if (out.size() == kSteps) {
            out.push_back("...");
            break;
        }
        out.push_back(step.times > 1 ? fmt::format("{} (x{})", step.what, step.times) : step.what);
    }
    return out.empty() ? "nothing" : fmt::format("{}", fmt::join(out, ", "));
}

}  // namespace

Fates object_fates(std::string_view trace, std::string_view case_file) {
    Fates fates;
    for (const auto& line : split_lines(trace)) {
        auto colon = line.find(": ");
        if (colon == std::string::npos) continue;
        auto [event, times] = repeats(std::string_view(line).substr(colon + 2));
        for (auto& e : object_events(event)) {
            if (!fate_worth_telling(e.label)) continue;
            auto it = std::find_if(fates.begin(), fates.end(), [&](const auto& f) { return f.first == e.label; });
            if (it == fates.end()) it = fates.insert(fates.end(), {e.label, {}});
            auto what = e.what == "left alive" ? "left alive at exit" : e.what + " " + where(line, case_file);
            if (!e.cause.empty()) what = fmt::format("{} ({})", what, e.cause);
            auto& steps = it->second;
            if (!steps.empty() && steps.back().what == what) steps.back().times += times;
            else steps.push_back({std::move(what), times});
        }
    }
    return fates;
}

std::vector<std::string> what_happened(std::string_view left_name, std::string_view left_trace,
                                       std::string_view right_name, std::string_view right_trace,
                                       std::string_view case_file) {
    auto left = object_fates(left_trace, case_file), right = object_fates(right_trace, case_file);
    auto find = [](const Fates& fates, const std::string& label) -> const std::vector<Step>* {
        auto it = std::find_if(fates.begin(), fates.end(), [&](const auto& f) { return f.first == label; });
        return it == fates.end() ? nullptr : &it->second;
    };
    std::vector<std::string> labels;
    for (const auto* fates : {&left, &right})
        for (const auto& [label, steps] : *fates)
            if (std::find(labels.begin(), labels.end(), label) == labels.end()) labels.push_back(label);
    std::vector<std::string> lines;
    static const std::vector<Step> kNothing;
    for (const auto& label : labels) {
        const auto* l = find(left, label);
        const auto* r = find(right, label);
        if (l && r && *l == *r) continue;
        lines.push_back(fmt::format("`{}`: {}: {}; {}: {}", label, left_name, told(l ? *l : kNothing), right_name,
                                    told(r ? *r : kNothing)));
    }
    return lines;
}

std::string traced_case_file(std::string_view case_id) {
    return "./" + std::string(case_id.substr(case_id.rfind('/') + 1)) + ".py";
}

TraceLines trace_by_line(std::string_view trace, std::string_view case_file) {
    TraceLines out;
    int current = 0;  // the case's line that ran last
    for (const auto& event : split_lines(trace)) {
        if (event.empty()) continue;
        if (int line = line_in(event, case_file)) {
            current = line;
            out.at[line].push_back(event.substr(event.find(": ") + 2));
        } else if (event.starts_with("<exit>: ")) {
            out.exit.push_back(event.substr(8));
        } else if (event.starts_with("<start>: ")) {
            out.start.push_back(event.substr(9));
        } else if (current) {
            out.at[current].push_back(event);
        } else {
            out.start.push_back(event);
        }
    }
    return out;
}

}  // namespace memconform
