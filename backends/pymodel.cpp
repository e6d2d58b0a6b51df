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

#include <fmt/format.h>
#include <CLI/CLI.hpp>

#include <fcntl.h>
#include <malloc.h>
#include <pthread.h>
#include <sys/resource.h>
#include <unistd.h>

#include "lang/ast.hpp"
#include "lang/disassembler.hpp"
#include "lang/lang.hpp"
#include "lang/parser.hpp"
#include "refcount/manager.hpp"
#include "tracing/manager.hpp"
#include "vm/explain.hpp"
#include "vm/runtime.hpp"

namespace {

// Exit statuses besides the program's own.
constexpr int kExitUsage = 2;  // as python3 for a bad command line or an unreadable file

// The interpreter runs on a thread with a large stack: Python frames nest
// C++ calls (up to the recursion limit), and so do __del__ methods called
// from deallocations.
constexpr std::size_t kInterpreterStack = std::size_t(1) << 30;

struct Options {
    std::string file;
    std::vector<std::string> program_args;  // what follows FILE: sys.argv[1:]
    std::string runtime = "cpython-3.11";
    std::string explain;  // the explain trace's file, if asked for
    bool dis = false;
    bool ast = false;
    bool version = false;
};

// [path]'s text; `-` is the standard input, as for python.
std::optional<std::string> read_file(const std::string& path) {
    if (path == "-") {
        std::ostringstream text;
        text << std::cin.rdbuf();
        return text.str();
    }
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
// the current directory, without normalizing (python3 ./t.py -> /cwd/./t.py);
// <stdin> for `-`.
std::string main_file_name(const std::string& path) {
    if (path == "-") return "<stdin>";
    if (path.empty() || path[0] == '/') return path;
    std::error_code error;
    std::filesystem::path cwd = std::filesystem::current_path(error);
    return error ? path : cwd.string() + "/" + path;
}

// The explain trace's file, on a descriptor far above those the program
// opens (open() takes the lowest free one, which --explain must not move).
// Null, with errno set, if it cannot be written.
std::FILE* open_explain_file(const std::string& path) {
    int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0666);
    if (fd < 0) return nullptr;
    rlimit limit{};
    rlim_t most = ::getrlimit(RLIMIT_NOFILE, &limit) == 0 ? std::min<rlim_t>(limit.rlim_cur, 1024) : 64;
    int high = ::fcntl(fd, F_DUPFD_CLOEXEC, static_cast<int>(most / 2));
    if (high >= 0) {
        ::close(fd);
        fd = high;
    }
    std::FILE* out = ::fdopen(fd, "w");
    if (!out) ::close(fd);
    return out;
}

int print_ast(const std::string& source, const std::string& file, const lang::UnicodeTables& tables) {
    lang::Notes notes;
    try {
        std::cout << lang::ast::dump(lang::parse(source, file, notes), tables);
        return 0;
    } catch (const lang::DiagnosticError& e) {
        std::cerr << lang::format_diagnostic(e.diagnostic, source);
        return lang::exit_status(e.diagnostic);
    }
}

std::unique_ptr<vm::MemoryManager> make_manager(const vm::Profile& profile) {
    if (profile.manager == "tracing") return std::make_unique<tracing::Manager>(profile);
    return std::make_unique<refcount::Manager>(profile);
}

struct RunRequest {
    const vm::Profile* profile;
    std::shared_ptr<const lang::Code> code;
    std::string source;
    std::vector<std::string> argv;
    int status = 0;
};

void* run_thread(void* arg) {
    auto* req = static_cast<RunRequest*>(arg);
    try {
        vm::Runtime runtime(*req->profile, make_manager(*req->profile));
        runtime.argv = std::move(req->argv);
        req->status = runtime.run_main(req->code, req->source);
    } catch (const std::exception& e) {  // a profile the VM cannot use
        std::cerr << "pymodel: " << e.what() << "\n";
        req->status = kExitUsage;
    }
    return nullptr;
}

// Runs `code` as the main module on the profile's runtime model. The
// thread allocates from the process's one malloc arena: a second one, which
// glibc gives a new thread, is mapped and grown page by page with a system
// call each time, for a process that never has two threads allocating at
// once.
int run(std::shared_ptr<const lang::Code> code, std::string source, const vm::Profile& profile,
        std::vector<std::string> argv) {
    RunRequest req{&profile, std::move(code), std::move(source), std::move(argv)};
    mallopt(M_ARENA_MAX, 1);
    pthread_attr_t attr;
    pthread_attr_init(&attr);
    pthread_attr_setstacksize(&attr, kInterpreterStack);
    pthread_t thread;
    if (pthread_create(&thread, &attr, &run_thread, &req) != 0) run_thread(&req);
    else pthread_join(thread, nullptr);
    pthread_attr_destroy(&attr);
    return req.status;
}

struct CloseFile {
    void operator()(std::FILE* f) const { std::fclose(f); }
};
using FilePtr = std::unique_ptr<std::FILE, CloseFile>;

void explain_file_error(const std::string& path) {
    std::cerr << fmt::format("pymodel: can't write the explain trace '{}': {}\n", path, std::strerror(errno));
}

// run(), writing the explain trace to `out` (opened from `path`).
int run_explained(std::shared_ptr<const lang::Code> code, std::string source, const vm::Profile& profile,
                  std::vector<std::string> argv, FilePtr out, const std::string& path) {
    vm::Explain explain(out.get());
    vm::g_explain = &explain;
    int status = run(std::move(code), std::move(source), profile, std::move(argv));
    vm::g_explain = nullptr;
    explain.finish();
    bool written = !std::ferror(out.get());
    if (std::fclose(out.release()) != 0) written = false;
    if (!written) {
        explain_file_error(path);
        return kExitUsage;
    }
    return status;
}

// Where pymodel's own arguments end: at FILE, the first argument that is
// not an option or an option's value. What follows is the program's
// (sys.argv[1:]), options included, as python3 leaves them to the script.
int end_of_own_arguments(int argc, char** argv) {
    for (int i = 1; i < argc; ++i) {
        std::string_view arg = argv[i];
        if (arg == "--runtime" || arg == "--explain") ++i;  // its value follows
        else if (arg == "-" || !arg.starts_with("-")) return i + 1;
    }
    return argc;
}

}  // namespace

int main(int argc, char** argv) {
    Options opt;
    CLI::App app{
        "pymodel: a model Python interpreter for memory-management conformance.\n"
        "Compiles FILE (a syntax error exits with status 1 as in python3; a construct outside\n"
        "pymodel's subset exits with status 3 and 'pymodel: unsupported: WHAT at FILE:LINE:COL'),\n"
        "then prints its bytecode (--dis) or AST (--ast), or runs it like `python -u FILE` on the\n"
        "runtime --runtime models: RUNTIME.toml of $PYMODEL_PROFILES, else of `profiles` beside\n"
        "pymodel (the build tree's copy of backends/profiles), else of ../share/pymodel/profiles."};
    app.add_option("FILE", opt.file,
                   "the Python file; - reads the program from stdin. The arguments after it are the\n"
                   "program's: sys.argv is FILE and those");
    app.add_option("--runtime", opt.runtime,
                   "the runtime profile to model (cpython-3.8 to cpython-3.14, cpython-3.11.2, pypy-7.3)")
        ->capture_default_str();
    app.add_flag("--version", opt.version, "print the modeled runtime's version line and exit");
    auto* dis = app.add_flag("--dis", opt.dis,
                             "print the bytecode and constants of the module and of every nested code object");
    auto* ast = app.add_flag("--ast", opt.ast, "print the syntax tree")->excludes(dis);
    app.add_option("--explain", opt.explain,
                   "write the run's memory events to FILE, one a line, each with the source line that was\n"
                   "running: objects freed, collections (what they found, resurrected, freed), finalizers,\n"
                   "weakrefs cleared and callbacks, files flushed and closed, the exit phases. FILE is a file,\n"
                   "not - nor the program: the program's output and exit status stay the same as without it\n"
                   "(backends/vm/README.md, \"The explain trace\")")
        ->option_text("FILE")
        ->excludes(dis)
        ->excludes(ast);
    int own = end_of_own_arguments(argc, argv);
    opt.program_args.assign(argv + own, argv + argc);
    try {
        app.parse(own, argv);
    } catch (const CLI::ParseError& e) {
        int status = app.exit(e);
        return status == 0 ? 0 : kExitUsage;
    }

    if (opt.explain == "-") {
        std::cerr << "pymodel: --explain needs a file: stdout and stderr are the program's\n";
        return kExitUsage;
    }
    std::string profile_error;
    std::optional<vm::Profile> profile = vm::Profile::load(vm::default_profile_dir(), opt.runtime, profile_error);
    if (!profile) {
        std::cerr << "pymodel: " << profile_error << "\n";
        return kExitUsage;
    }
    if (opt.version) {
        std::cout << profile->version_line << "\n";
        return 0;
    }
    if (opt.file.empty()) {
        std::cerr << "pymodel: a FILE is required (see --help)\n";
        return kExitUsage;
    }
    std::string filename = main_file_name(opt.file);
    std::optional<std::string> source = read_file(opt.file);
    if (!source) {
        int error = errno;
        std::cerr << fmt::format("pymodel: can't open file '{}': [Errno {}] {}\n", filename, error,
                                 std::strerror(error));
        return kExitUsage;
    }
    // The trace's file exists from here on: empty if the program does not
    // compile. It is opened once the program is read, and never over it
    // (`--explain prog.py` with no FILE is a usage error above, not a run
    // that truncates the program).
    FilePtr explain_out;
    if (!opt.explain.empty()) {
        std::error_code same_error;
        if (opt.file != "-" && std::filesystem::equivalent(opt.explain, opt.file, same_error)) {
            std::cerr << fmt::format("pymodel: the explain trace '{}' is the program itself\n", opt.explain);
            return kExitUsage;
        }
        explain_out.reset(open_explain_file(opt.explain));
        if (!explain_out) {
            explain_file_error(opt.explain);
            return kExitUsage;
        }
    }
    if (opt.ast) return print_ast(*source, filename, profile->unicode_tables());

    lang::CompileResult result = lang::compile(*source, filename, profile->compile);
    for (const lang::Warning& w : result.warnings) std::cerr << lang::format_warning(w, filename, *source);
    if (result.diagnostic) {
        // An unsupported construct names the file as the user gave it.
        if (result.diagnostic->kind == lang::Diagnostic::Kind::Unsupported) result.diagnostic->filename = opt.file;
        std::cerr << lang::format_diagnostic(*result.diagnostic, *source);
        return lang::exit_status(*result.diagnostic);
    }
    if (opt.dis) {
        std::cout << lang::disassemble(*result.code, profile->unicode_tables());
        return 0;
    }
    // A traceback shows no line of a program read from stdin, as in CPython.
    std::string program_source = opt.file == "-" ? "" : *source;
    std::vector<std::string> program_argv{opt.file};
    program_argv.insert(program_argv.end(), opt.program_args.begin(), opt.program_args.end());
    if (!explain_out) return run(result.code, std::move(program_source), *profile, std::move(program_argv));
    return run_explained(result.code, std::move(program_source), *profile, std::move(program_argv),
                         std::move(explain_out), opt.explain);
}
