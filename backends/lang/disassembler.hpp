// `pymodel --dis`: a readable listing of a code object and of every code
// object nested in its constants, in the spirit of CPython's dis module.
#pragma once

#include <string>

#include "code.hpp"

namespace lang {

std::string disassemble(const Code& code);

}  // namespace lang
