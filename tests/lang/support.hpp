// Helpers shared by the front end's tests.
#pragma once

#include <filesystem>
#include <functional>
#include <string>
#include <vector>

#include "lang/code.hpp"
#include "lang/lang.hpp"

namespace test {

std::string read_file(const std::filesystem::path& path);

// The files of `dir` with extension `ext`, sorted (none if `dir` is missing).
std::vector<std::filesystem::path> files_in(const std::filesystem::path& dir, const std::string& ext);

// tests/lang/<name>
std::filesystem::path test_dir(const std::string& name);

// The Unicode tables backends/profiles/unicode-<version>.unicode, read once.
const lang::UnicodeTables& unicode_tables(const std::string& version = "14.0.0");

// Compiles `source`, failing the test on a diagnostic.
std::shared_ptr<const lang::Code> compile_ok(const std::string& source, const lang::CompileOptions& options = {});

// The diagnostic `source` gets, as pymodel prints it (file "t.py").
std::string diagnose(const std::string& source);

// Checks `render(source)` of every tests/lang/inputs/NAME.py against
// tests/lang/golden/NAME<ext> (update-golden.sh writes them).
void check_golden(const std::string& ext, const std::function<std::string(const std::string&)>& render);

// The opcode names of `code`, space-separated.
std::string opcodes(const lang::Code& code);

// The first nested code object named `name` (depth first).
const lang::Code* nested(const lang::Code& code, const std::string& name);

}  // namespace test
