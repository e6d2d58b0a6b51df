#include "runner/fuzz/shrink.hpp"

#include <algorithm>

namespace memconform::fuzz {

namespace {

// One pass over the removable statements with chunks of [chunk], from the
// end of the program (observations come after what they observe, so they
// go first). Returns whether anything went.
bool pass(const Program& program, const KeepsProblem& keeps, std::size_t budget, std::size_t chunk, Shrunk& state) {
    auto ids = removable(program, state.removed);
    bool progress = false;
    for (std::size_t end = ids.size(); end > 0 && state.tries < budget;) {
        std::size_t start = end > chunk ? end - chunk : 0;
        auto candidate = state.removed;
        for (std::size_t i = start; i < end; ++i) candidate[ids[i]] = true;
        candidate = close_removal(program, std::move(candidate));
        if (candidate != state.removed) {
            ++state.tries;
            if (keeps(candidate)) {
                state.removed = std::move(candidate);
                progress = true;
            }
        }
        end = start;
    }
    return progress;
}

}  // namespace

Shrunk shrink(const Program& program, const KeepsProblem& keeps, std::size_t budget) {
    Shrunk state{program.none_removed(), 0};
    std::size_t chunk = std::max<std::size_t>(removable(program, state.removed).size() / 2, 1);
    while (state.tries < budget) {
        bool progress = pass(program, keeps, budget, chunk, state);
        if (chunk > 1) chunk /= 2;
        else if (!progress) break;
    }
    return state;
}

}  // namespace memconform::fuzz
