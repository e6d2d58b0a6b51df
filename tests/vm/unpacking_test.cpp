// What a call's and a display's unpacking allocate and raise, as CPython
// does: dict.update's packed arguments (METH_VARARGS | METH_KEYWORDS), a
// `**` display merged without a temporary dict. The expected outputs are
// python3.11's.
#include <catch2/catch.hpp>

#include "tests/support/vm_runtime.hpp"

TEST_CASE("dict.update packs its arguments in a new tuple and its keywords in a new dict", "[vm]") {
    // The first count after gc.collect() sees the tuple the one before it
    // returned as well (tuples' free lists are empty after a collection).
    CHECK(test::run_output(R"(
import gc
t = {"k": 1}
e = {"a": 2}
gc.collect()
a = gc.get_count()[0]
e.update(t)
b = gc.get_count()[0]
e.update(z=1)
c = gc.get_count()[0]
e.update()
d = gc.get_count()[0]
print(b - a, c - b, d - c)
)") == "2 1 0\n");
}

TEST_CASE("a dict built and merged leaves only its own objects in the count", "[vm]") {
    CHECK(test::run_output(R"(
import gc
d = {"a": 1}
gc.collect()
r = [0] * 6
r[0] = gc.get_count()[0]
w = {**d, "k": 1}
r[1] = gc.get_count()[0]
e = {"x": 1, "y": 2, "z": 3}
del e["x"]
e2 = dict(e)
r[2] = gc.get_count()[0]
e3 = {}
r[3] = gc.get_count()[0]
e3.update(e2)
r[4] = gc.get_count()[0]
print(r)
)") == "[2, 5, 6, 7, 8, 0]\n");
}

TEST_CASE("a call's unpacking errors name the function as each version does", "[vm]") {
    const std::string program = R"(
def f(*a, **k): pass
class C: pass
for attempt in (lambda: f(**1), lambda: f(*1), lambda: f(a=1, **{'a': 2}), lambda: f(**{1: 2}), lambda: C(**1),
                lambda: f(**{'a': 1}, **{'a': 2})):
    try:
        attempt()
    except TypeError as e:
        print(e)
)";
    // python3.11's and python3.8's outputs.
    CHECK(test::run_output(program) ==
          "__main__.f() argument after ** must be a mapping, not int\n"
          "__main__.f() argument after * must be an iterable, not int\n"
          "__main__.f() got multiple values for keyword argument 'a'\n"
          "keywords must be strings\n"
          "__main__.C() argument after ** must be a mapping, not int\n"
          "__main__.f() got multiple values for keyword argument 'a'\n");
    vm::Profile py38 = test::load_profile("cpython-3.8");
    CHECK(test::run_program(program, nullptr, &py38).output ==
          "f() argument after ** must be a mapping, not int\n"
          "f() argument after * must be an iterable, not int\n"
          "f() got multiple values for keyword argument 'a'\n"
          "f() keywords must be strings\n"
          "type object argument after ** must be a mapping, not int\n"
          "f() got multiple values for keyword argument 'a'\n");
}
