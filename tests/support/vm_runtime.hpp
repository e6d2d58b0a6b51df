// Helpers for the VM and manager tests: a Runtime on the cpython-3.11
// profile, running a program with its output captured.
#pragma once

#include <memory>
#include <string>

#include "vm/runtime.hpp"

namespace test {

// The profiles of backends/profiles.
vm::Profile load_profile(const std::string& name);
vm::Profile cpython_profile();
vm::Profile pypy_profile();

// A Runtime with the refcount manager (or `manager`) on the cpython-3.11
// profile (or `profile`); destroying it frees everything.
std::unique_ptr<vm::Runtime> make_runtime(std::unique_ptr<vm::MemoryManager> manager = nullptr,
                                          const vm::Profile* profile = nullptr);

struct Outcome {
    std::string output;  // stdout and stderr, merged in order
    int status;
};

// Runs `source` as __main__ on a fresh runtime, like `pymodel FILE`.
Outcome run_program(const std::string& source, std::unique_ptr<vm::MemoryManager> manager = nullptr,
                    const vm::Profile* profile = nullptr);

// run_program on the cpython-3.11 profile, checked (Catch2) to exit 0:
// its output.
std::string run_output(const std::string& source);

}  // namespace test
