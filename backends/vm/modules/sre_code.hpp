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

// Renumbers `code` into the engine's opcodes in place and checks its
// structure as CPython's _validate does; false for invalid code (CPython's
// RuntimeError "invalid SRE code"), no repeat bound above `max_repeat`.
// `repeats_empty_item`, if given, says whether a repeat of a group (REPEAT,
// POSSESSIVE_REPEAT) has an item that can match the empty string.
bool prepare_code(std::vector<Code>& code, Numbering numbering, std::size_t groups, Code max_repeat,
                  bool* repeats_empty_item = nullptr);

}  // namespace vm::sre
