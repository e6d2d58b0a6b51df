// pymodel: the model interpreter's command line. It compiles the file (a
// syntax error or an unsupported construct is reported here, before
// anything runs), then either prints what it compiled (--dis, --ast) or
// runs it on the chosen runtime profile.
#include <cstdio>
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
    std::ifstream in(path, std::ios::binary);
    if (!in) return std::nullopt;
    std::ostringstream text;
    text << in.rdbuf();
    return text.str();
}

int print_ast(const std::string& source, const std::string& file) {
    lang::UnsupportedLog unsupported;
    try {
        std::cout << lang::ast::dump(lang::parse(source, file, unsupported));
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

    std::optional<std::string> source = read_file(opt.file);
    if (!source) {
        std::cerr << fmt::format("pymodel: can't open file '{}': [Errno 2] No such file or directory\n", opt.file);
        return EXIT_USAGE;
    }
    if (opt.ast) return print_ast(*source, opt.file);

    lang::CompileResult result = lang::compile(*source, opt.file);
    if (result.diagnostic) {
        std::cerr << lang::format_diagnostic(*result.diagnostic, *source);
        return lang::exit_status(*result.diagnostic);
    }
    if (opt.dis) {
        std::cout << lang::disassemble(*result.code);
        return 0;
    }
    return run(*result.code, opt.runtime);
}
