// The PyPy model's gc module: what gc.get_referents answers.
#include <catch2/catch.hpp>

#include "tests/support/vm_runtime.hpp"
#include "tracing/manager.hpp"

TEST_CASE("gc.get_referents of an instance lists its __dict__ once read, as mapdict keeps it", "[tracing]") {
    vm::Profile profile = test::pypy_profile();
    test::Outcome o = test::run_program(R"(
import gc
class Plain:
    pass
a = Plain()
a.me = a
print(any(type(r) is dict for r in gc.get_referents(a)), any(r is a for r in gc.get_referents(a)))
d = a.__dict__
print(any(r is d for r in gc.get_referents(a)), any(r is a for r in gc.get_referents(a)))
)",
                                        std::make_unique<tracing::Manager>(profile), &profile);
    CHECK(o.output == "False True\nTrue True\n");
}
