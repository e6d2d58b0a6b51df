#include "runner/result_codes.hpp"

#include <algorithm>

namespace memconform {

static_assert(
    [] {
        for (std::size_t i = 0; i < kResultCodes.size(); ++i)
            if (static_cast<std::size_t>(kResultCodes[i].status) != i) return false;
        return true;
    }(),
    "kResultCodes must list the statuses in declaration order");

std::optional<Status> status_named(std::string_view name) {
    for (const auto& code : kResultCodes)
        if (code.name == name) return code.status;
    return std::nullopt;
}

bool fails_run(Status status, bool strict) {
    if (result_code(status).is_failure) return true;
    return strict && (status == Status::NoExpected || status == Status::Unsupported || status == Status::Skipped);
}

}  // namespace memconform
