// `pymodel --dis`: a readable listing of a code object and of every code
// object nested in its constants, in the spirit of CPython's dis module.
#pragma once

#include <string>

#include "code.hpp"

namespace lang {

// A str constant is shown as repr() shows it on the runtime of `tables`.
std::string disassemble(const Code& code, const UnicodeTables& tables);

}  // namespace lang
