#include "support.hpp"

#include <algorithm>
#include <fstream>
#include <map>
#include <sstream>

#include <catch2/catch.hpp>

namespace test {

std::string read_file(const std::filesystem::path& path) {
    std::ifstream in(path, std::ios::binary);
    std::ostringstream text;
    text << in.rdbuf();
    return text.str();
}

std::vector<std::filesystem::path> files_in(const std::filesystem::path& dir, const std::string& ext) {
    std::vector<std::filesystem::path> files;
    if (!std::filesystem::is_directory(dir)) return files;
    for (const auto& entry : std::filesystem::recursive_directory_iterator(dir))
        if (entry.is_regular_file() && entry.path().extension() == ext) files.push_back(entry.path());
    std::sort(files.begin(), files.end());
    return files;
}

std::filesystem::path test_dir(const std::string& name) { return std::filesystem::path(LANG_TEST_DIR) / name; }

const lang::UnicodeTables& unicode_tables(const std::string& version) {
    static std::map<std::string, lang::UnicodeTables> read;
    if (auto found = read.find(version); found != read.end()) return found->second;
    std::string name = std::string(PROFILES_DIR) + "/unicode-" + version + ".unicode", error;
    std::optional<lang::UnicodeTables> tables = lang::UnicodeTables::index(read_file(name), name, error);
    if (!tables) FAIL(error);
    return read.emplace(version, std::move(*tables)).first->second;
}

std::shared_ptr<const lang::Code> compile_ok(const std::string& source, const lang::CompileOptions& options) {
    lang::CompileResult result = lang::compile(source, "t.py", options);
    if (result.diagnostic) FAIL(lang::format_diagnostic(*result.diagnostic, source));
    return result.code;
}

std::string diagnose(const std::string& source) {
    lang::CompileResult result = lang::compile(source, "t.py");
    return result.diagnostic ? lang::format_diagnostic(*result.diagnostic, source) : "";
}

void check_golden(const std::string& ext, const std::function<std::string(const std::string&)>& render) {
    auto inputs = files_in(test_dir("inputs"), ".py");
    REQUIRE(!inputs.empty());
    for (const auto& input : inputs) {
        SECTION(input.filename().string()) {
            auto golden = test_dir("golden") / (input.stem().string() + ext);
            REQUIRE(std::filesystem::exists(golden));
            CHECK(render(read_file(input)) == read_file(golden));
        }
    }
}

std::string opcodes(const lang::Code& code) {
    std::string out;
    for (const lang::Instruction& ins : code.instructions)
        out += std::string(out.empty() ? "" : " ") + lang::opcode_name(ins.op);
    return out;
}

const lang::Code* nested(const lang::Code& code, const std::string& name) {
    for (const lang::Constant& c : code.constants) {
        auto* inner = std::get_if<std::shared_ptr<const lang::Code>>(&c.value);
        if (!inner) continue;
        if ((*inner)->name == name) return inner->get();
        if (const lang::Code* found = nested(**inner, name)) return found;
    }
    return nullptr;
}

}  // namespace test
