// pymodel: the model interpreter's command line. It compiles the file (a
// syntax error or an unsupported construct is reported here, before
// anything runs), then either prints what it compiled (--dis, --ast) or
// runs it on the chosen runtime profile.
#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <sstream>

#include <CLI/CLI.hpp>
#include <fmt/format.h>

#include "lang/ast.hpp"
#include "lang/disassembler.hpp"
#include "lang/lang.hpp"
#include "lang/parser.hpp"

namespace {

// Exit statuses besides the program's own.
constexpr int EXIT_USAGE = 2;           // as python3 for a bad command line or an unreadable file
constexpr int EXIT_NOT_IMPLEMENTED = 4;  // the file compiled, but running programs is not implemented yet

struct Options {
    std::string file;
    std::string runtime = "cpython-3.11";
    bool dis = false;
    bool ast = false;
};

std::optional<std::string> read_file(const std::string& path) {
    if (std::filesystem::is_directory(path)) {
        errno = EISDIR;
        return std::nullopt;
    }
    std::ifstream in(path, std::ios::binary);
    if (!in) return std::nullopt;
    std::ostringstream text;
    text << in.rdbuf();
    return text.str();
}

// The main file's name as CPython 3.11 shows it: made absolute by joining
// the current directory, without normalizing (python3 ./t.py -> /cwd/./t.py).
std::string main_file_name(const std::string& path) {
    if (path.empty() || path[0] == '/') return path;
    std::error_code error;
    std::filesystem::path cwd = std::filesystem::current_path(error);
    return error ? path : cwd.string() + "/" + path;
}

int print_ast(const std::string& source, const std::string& file) {
    lang::Notes notes;
    try {
        std::cout << lang::ast::dump(lang::parse(source, file, notes));
        return 0;
    } catch (const lang::DiagnosticError& e) {
        std::cerr << lang::format_diagnostic(e.diagnostic, source);
        return lang::exit_status(e.diagnostic);
    }
}

// Runs `code` as the main module on `runtime`. The VM is the next issue.
int run(const lang::Code&, const std::string& runtime) {
    std::cerr << fmt::format("pymodel: the file compiled, but running it on '{}' is not implemented yet "
                             "(pymodel's VM does not exist yet)\n",
                             runtime);
    return EXIT_NOT_IMPLEMENTED;
}

}  // namespace

int main(int argc, char** argv) {
    Options opt;
    CLI::App app{"pymodel: a model Python interpreter for memory-management conformance.\n"
                 "Compiles FILE (a syntax error exits with status 1 as in python3; a construct outside\n"
                 "pymodel's subset exits with status 3 and 'pymodel: unsupported: WHAT at FILE:LINE:COL'),\n"
                 "then prints its bytecode (--dis) or AST (--ast), or runs it on --runtime. Running is not\n"
                 "implemented yet: a file that compiles exits with status 4 in run mode."};
    app.add_option("FILE", opt.file, "the Python file")->required();
    app.add_option("--runtime", opt.runtime, "the runtime profile to model (cpython-3.11, pypy-7.3, ...)")
        ->capture_default_str();
    auto* dis = app.add_flag("--dis", opt.dis, "print the bytecode of the module and of every nested code object");
    app.add_flag("--ast", opt.ast, "print the syntax tree")->excludes(dis);
    try {
        app.parse(argc, argv);
    } catch (const CLI::ParseError& e) {
        int status = app.exit(e);
        return status == 0 ? 0 : EXIT_USAGE;
    }

    std::string filename = main_file_name(opt.file);
    std::optional<std::string> source = read_file(opt.file);
    if (!source) {
        int error = errno;
        std::cerr << fmt::format("pymodel: can't open file '{}': [Errno {}] {}\n", filename, error, std::strerror(error));
        return EXIT_USAGE;
    }
    if (opt.ast) return print_ast(*source, filename);

    lang::CompileResult result = lang::compile(*source, filename);
    for (const lang::Warning& w : result.warnings) std::cerr << lang::format_warning(w, filename, *source);
    if (result.diagnostic) {
        // An unsupported construct names the file as the user gave it.
        if (result.diagnostic->kind == lang::Diagnostic::Kind::Unsupported) result.diagnostic->filename = opt.file;
        std::cerr << lang::format_diagnostic(*result.diagnostic, *source);
        return lang::exit_status(*result.diagnostic);
    }
    if (opt.dis) {
        std::cout << lang::disassemble(*result.code);
        return 0;
    }
    return run(*result.code, opt.runtime);
}
