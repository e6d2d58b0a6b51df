#include "runner/trace.hpp"

#include "runner/text.hpp"

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

}  // namespace

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
