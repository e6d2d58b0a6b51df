// The VM needs nothing of a memory manager but the interface: a manager
// that never frees an object before exit (as a tracing collector that never
// collects) still runs programs, and frees everything at the end.
#include <catch2/catch.hpp>

#include <cstdio>
#include <vector>

#include "lang/lang.hpp"
#include "tests/support/vm_runtime.hpp"
#include "vm/api.hpp"

namespace {

class HoardingManager final : public vm::MemoryManager {
  public:
    std::size_t allocated = 0, zeroed = 0, breaker_calls = 0;

    void on_allocate(vm::Object* obj, bool tracked) override {
        ++allocated;
        if (tracked) obj->gc.bits |= vm::kGcTracked;
        objects_.push_back(obj);
    }
    void on_zero_refcount(vm::Object*) override { ++zeroed; }
    void track(vm::Object* obj) override { obj->gc.bits |= vm::kGcTracked; }
    void untrack(vm::Object* obj) override { obj->gc.bits &= ~vm::kGcTracked; }
    void on_eval_breaker() override { ++breaker_calls; }
    void register_gc_module(vm::NativeModule& gc) override {
        gc.add_function("collect", [](vm::Object*, vm::Args, void*) { return vm::new_none(); });
    }
    void collect_at_exit() override {}
    void free_all() override {
        std::vector<void (*)(vm::Object*)> destroyers;
        for (vm::Object* o : objects_) destroyers.push_back(o->type->layout->destroy);
        for (vm::Object* o : objects_) vm::release_refs(o);
        for (std::size_t i = 0; i < objects_.size(); ++i) destroyers[i](objects_[i]);
        objects_.clear();
    }
    void for_each_object(const std::function<void(vm::Object*)>& fn) override {
        for (vm::Object* o : objects_) fn(o);
    }

  private:
    std::vector<vm::Object*> objects_;
};

}  // namespace

TEST_CASE("a manager that frees nothing before exit runs programs", "[vm][manager]") {
    test::Outcome o = test::run_program(R"(
import gc, weakref
class A:
    def __del__(self):
        print("never printed: A is never freed")
a = A()
r = weakref.ref(a)
del a
print(r() is not None, gc.collect())
with open("/tmp/pymodel-hoard.txt", "w") as f:
    f.write("x")
print(open("/tmp/pymodel-hoard.txt").read())
import os
os.remove("/tmp/pymodel-hoard.txt")
)",
                                        std::make_unique<HoardingManager>());
    CHECK(o.output == "True None\nx\n");
    CHECK(o.status == 0);
}

TEST_CASE("the eval breaker calls the manager at the next instruction", "[vm][manager]") {
    auto runtime = test::make_runtime(std::make_unique<HoardingManager>());
    auto& m = static_cast<HoardingManager&>(vm::rt().manager());
    vm::request_eval_breaker();
    lang::CompileResult c = lang::compile("x = 1\n", "/test/breaker.py");
    runtime->run_main(c.code, "x = 1\n");
    CHECK(m.breaker_calls == 1);
    CHECK(m.zeroed > 0);
    CHECK(m.allocated > 0);
}

TEST_CASE("a profile that flushes files at exit flushes the ones nobody closed", "[vm][manager]") {
    vm::Profile p = test::cpython_profile();
    p.exit_flush_files = true;
    test::Outcome o = test::run_program(R"(
import atexit
def size():
    with open("/tmp/pymodel-flush.txt") as f:
        return len(f.read())
def check():
    print("at atexit:", size())
atexit.register(check)
f = open("/tmp/pymodel-flush.txt", "w")
f.write("pending")
)",
                                        std::make_unique<HoardingManager>(), &p);
    CHECK(o.output == "at atexit: 0\n");
    std::FILE* f = std::fopen("/tmp/pymodel-flush.txt", "r");
    REQUIRE(f);
    char buf[16] = {};
    CHECK(std::fread(buf, 1, sizeof buf, f) == 7);
    std::fclose(f);
    std::remove("/tmp/pymodel-flush.txt");
}
