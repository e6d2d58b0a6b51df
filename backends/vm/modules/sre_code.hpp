// The code list of _sre.compile: renumbered and validated for the engine.
#pragma once

#include <vector>

#include "sre_engine.hpp"

namespace vm::sre {

// How a version's re compiler numbers its opcodes: sre_constants.py's
// (MAGIC 20171005: CPython 3.8 to 3.10, PyPy 7.3, with CALL) or
// re/_constants.py's (3.11 on, with ATOMIC_GROUP and the possessive
// repeats), which is the engine's own.
enum class Numbering { Sre2017, Sre2022 };

// What the check learns of code where PyPy's engine (rsre) is known to
// answer otherwise than CPython's.
struct CodeTraits {
    // A repeat of a group (REPEAT, POSSESSIVE_REPEAT) has an item that can
    // match the empty string.
    bool repeats_empty_item = false;
    // A lazy one-character repeat (MIN_REPEAT_ONE) inside a REPEAT's item:
    // rsre takes more than its bound there (b'(?:1{2}?1)?' fullmatches
    // b'11111').
    bool lazy_single_in_repeat = false;
};

// Renumbers `code` into the engine's opcodes in place and checks its
// structure as CPython's _validate does; false for invalid code (CPython's
// RuntimeError "invalid SRE code"), no repeat bound above `max_repeat`.
bool prepare_code(std::vector<Code>& code, Numbering numbering, std::size_t groups, Code max_repeat,
                  CodeTraits* traits = nullptr);

}  // namespace vm::sre
