// A type's __dict__: a new read-only mappingproxy of a class's dict at
// each access (its __doc__ there as CPython puts it); a built-in type's,
// whose dict the model does not hold whole, answers only the names it
// holds and stops the program on anything else. The expected outputs are
// python3.11's.
#include <catch2/catch.hpp>

#include "tests/support/vm_runtime.hpp"

TEST_CASE("a class's __dict__ is a new read-only mappingproxy with __doc__ in it", "[vm]") {
    CHECK(test::run_output(R"(
class C:
    x = 1
    def f(self): pass
class D(C):
    "doc"
    __slots__ = ("a",)
class E:
    def __eq__(self, other): return True
print(type(C.__dict__).__name__, C.__dict__ is C.__dict__, C.__dict__ == C.__dict__)
print(list(C.__dict__), list(D.__dict__), list(E.__dict__))
print(C.__dict__["x"], "x" in C.__dict__, C.__dict__.get("zz", 5), repr(C.__doc__), D.__dict__["__doc__"])
try:
    C.__dict__["y"] = 2
except TypeError as e:
    print("TypeError:", e)
)") == "mappingproxy False True\n"
       "['__module__', 'x', 'f', '__dict__', '__weakref__', '__doc__'] ['__module__', '__doc__', '__slots__', "
       "'a'] ['__module__', '__eq__', '__dict__', '__weakref__', '__doc__', '__hash__']\n"
       "1 True 5 None doc\n"
       "TypeError: 'mappingproxy' object does not support item assignment\n");
}

TEST_CASE("a built-in type's __dict__ answers the names the model holds and stops on the rest", "[vm]") {
    // types.py: MappingProxyType = type(type.__dict__).
    CHECK(test::run_output("print(type(type.__dict__).__name__, 'append' in list.__dict__)\n") ==
          "mappingproxy True\n");
    for (const char* read :
         {"list(int.__dict__)", "len(dict.__dict__)", "'no_such_name' in list.__dict__",
          "list.__dict__['no_such_name']", "list.__dict__.get('no_such_name')", "repr(object.__dict__)"}) {
        INFO(read);
        test::Outcome outcome = test::run_program(std::string("x = ") + read + "\n");
        CHECK(outcome.status == 3);
        CHECK(outcome.output.find("which the model does not hold whole") != std::string::npos);
    }
}
