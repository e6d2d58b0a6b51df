// The front end of pymodel: Python source to lang::Code.
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "code.hpp"
#include "diagnostic.hpp"

namespace lang {

struct CompileResult {
    std::shared_ptr<const Code> code;  // set when the file compiled
    std::optional<Diagnostic> diagnostic;  // set otherwise
    std::vector<Warning> warnings;  // CPython's compile-time SyntaxWarnings, in its order
};

// Compiles the module `source` read from `filename`. A syntax error
// anywhere wins over an unsupported construct, as the file would not run
// on CPython either; among unsupported constructs the first in the file is
// reported.
CompileResult compile(std::string_view source, const std::string& filename);

}  // namespace lang
