#include "tests/support/vm_runtime.hpp"

#include <cstdio>
#include <exception>
#include <fstream>
#include <functional>
#include <sstream>
#include <stdexcept>

#include <pthread.h>
#include <unistd.h>

#include <catch2/catch.hpp>

#include "lang/lang.hpp"
#include "refcount/manager.hpp"

namespace test {

vm::Profile load_profile(const std::string& name) {
    std::string error;
    std::optional<vm::Profile> p = vm::Profile::load(PROFILES_DIR, name, error);
    if (!p) throw std::runtime_error(error);
    return *p;
}

vm::Profile cpython_profile() { return load_profile("cpython-3.11"); }
vm::Profile pypy_profile() { return load_profile("pypy-7.3"); }

namespace {

// Runs [body] on a thread with pymodel's 1 GiB stack (backends/pymodel.cpp):
// Python frames nest C++ calls, and a program that nests deep (copy.deepcopy
// of a nested list) needs more than the main thread's 8 MiB under ASan's
// larger frames. An exception [body] throws is rethrown here.
void on_interpreter_stack(const std::function<void()>& body) {
    struct Call {
        const std::function<void()>* body;
        std::exception_ptr error;
    } call{&body, nullptr};
    auto run = [](void* arg) -> void* {
        auto* c = static_cast<Call*>(arg);
        try {
            (*c->body)();
        } catch (...) {
            c->error = std::current_exception();
        }
        return nullptr;
    };
    pthread_attr_t attr;
    pthread_attr_init(&attr);
    pthread_attr_setstacksize(&attr, std::size_t(1) << 30);
    pthread_t thread;
    if (pthread_create(&thread, &attr, run, &call) != 0) run(&call);
    else pthread_join(thread, nullptr);
    pthread_attr_destroy(&attr);
    if (call.error) std::rethrow_exception(call.error);
}

}  // namespace

std::unique_ptr<vm::Runtime> make_runtime(std::unique_ptr<vm::MemoryManager> manager, const vm::Profile* profile) {
    vm::Profile p = profile ? *profile : cpython_profile();
    if (!manager) manager = std::make_unique<refcount::Manager>(p);
    return std::make_unique<vm::Runtime>(p, std::move(manager));
}

Outcome run_program(const std::string& source, std::unique_ptr<vm::MemoryManager> manager, const vm::Profile* profile) {
    // Compiled as the profile's runtime compiles (pymodel does the same).
    lang::CompileResult compiled =
        lang::compile(source, "/test/program.py", profile ? profile->compile : cpython_profile().compile);
    if (compiled.diagnostic) throw std::runtime_error("does not compile: " + compiled.diagnostic->message);
    std::fflush(stdout);
    std::FILE* capture = std::tmpfile();
    // stdout and stderr come back even when the runtime throws (a profile it
    // cannot use), so that Catch can report it.
    struct Redirect {
        int saved_out = ::dup(1), saved_err = ::dup(2);
        explicit Redirect(std::FILE* to) {
            ::dup2(::fileno(to), 1);
            ::dup2(::fileno(to), 2);
        }
        ~Redirect() {
            std::fflush(stdout);
            ::dup2(saved_out, 1);
            ::dup2(saved_err, 2);
            ::close(saved_out);
            ::close(saved_err);
        }
    };
    int status = 0;
    {
        Redirect redirect(capture);
        on_interpreter_stack([&] {
            auto runtime = make_runtime(std::move(manager), profile);
            status = runtime->run_main(compiled.code, source);
        });
    }
    std::rewind(capture);
    std::ostringstream text;
    char buf[4096];
    while (std::size_t n = std::fread(buf, 1, sizeof buf, capture)) text.write(buf, static_cast<std::streamsize>(n));
    std::fclose(capture);
    return {text.str(), status};
}

std::string run_output(const std::string& source) {
    Outcome o = run_program(source);
    INFO(o.output);
    CHECK(o.status == 0);
    return o.output;
}

}  // namespace test
