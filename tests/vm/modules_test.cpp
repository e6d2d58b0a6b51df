// The native modules CPython writes in C (backends/vm/modules/: math,
// _random, itertools, _bisect, _heapq, _functools, _operator): what they
// refuse rather than answer wrongly (a seed from a hash the model does not
// compute), and a few results recorded from
// python3.11 that the probes (module_probes.py) also check against every
// interpreter installed.
#include <catch2/catch.hpp>

#include "tests/support/vm_runtime.hpp"

namespace {

std::string run(const std::string& source) { return test::run_output(source); }

// The outcome of a program the model must stop as unsupported.
void check_refused(const std::string& source, const std::string& what) {
    test::Outcome outcome = test::run_program(source);
    CHECK(outcome.status == 3);
    CHECK(outcome.output.find(what) != std::string::npos);
}

}  // namespace

TEST_CASE("_random is CPython's Mersenne Twister, seeded by an int's absolute value", "[vm][modules]") {
    CHECK(run(R"(
import _random
r = _random.Random()
r.seed(1)
print(r.random())
r.seed(-1)
print(r.random(), r.getrandbits(32), r.getrandbits(63))
r.seed(2**40 + 5)
print(r.random())
)") == "0.13436424411240122\n0.13436424411240122 3639700191 7044577470827281968\n0.5043802970418443\n");
}

TEST_CASE("_random refuses what CPython seeds from a hash", "[vm][modules]") {
    check_refused("import _random\n_random.Random().seed(1.5)\n", "seeding _random.Random from the hash of a 'float'");
}

TEST_CASE("_random's bits and seeds beyond 64 bits", "[vm][modules]") {
    CHECK(run("import _random\nr = _random.Random(3)\nprint(r.getrandbits(200))\nr.seed(-2**100 - 7)\n"
              "print(r.random())\n") ==
          "972423146019771866516870248760762140138010328523247115255805\n0.41604161323913513\n");
}

TEST_CASE("math's integer results go beyond 64 bits", "[vm][modules]") {
    CHECK(run("import math\nprint(math.factorial(20), math.comb(60, 30), math.isqrt(9223372036854775807))\n") ==
          "2432902008176640000 118264581564861424 3037000499\n");
    CHECK(run("import math\nprint(math.factorial(21), math.comb(100, 50), math.floor(1e19))\n") ==
          "51090942171709440000 100891344545564193334812497256 10000000000000000000\n");
}

TEST_CASE("math gives CPython's exceptions for each kind of argument", "[vm][modules]") {
    CHECK(run(R"(
import math
for f, a in [(math.sqrt, -1), (math.log, 0), (math.exp, 1000), (math.sqrt, "x"), (math.floor, float("nan")),
             (math.fsum, [1e308, 1e308]), (math.fsum, [float("inf"), float("-inf")])]:
    try:
        f(a)
    except Exception as e:
        print(type(e).__name__, e)
)") == "ValueError math domain error\nValueError math domain error\nOverflowError math range error\n"
       "TypeError must be real number, not str\nValueError cannot convert float NaN to integer\n"
       "OverflowError intermediate overflow in fsum\nValueError -inf + inf in fsum\n");
}

TEST_CASE("itertools' iterators refill their result tuple while nobody else holds it", "[vm][modules]") {
    CHECK(run(R"(
import itertools, gc
g = itertools.product("ab", "cd")
first = next(g)
same = id(first)
del first
gc.collect()
second = next(g)
print(second, id(second) == same, gc.is_tracked(second))
print(list(itertools.islice(itertools.count(3), 4)), repr(itertools.repeat("x", 2)))
)") == "('a', 'd') True True\n[3, 4, 5, 6] repeat('x', 2)\n");
}

TEST_CASE("_functools.partial keeps its function, arguments and keywords", "[vm][modules]") {
    CHECK(run(R"(
import _functools
p = _functools.partial(max, 1, key=abs)
print(p(-5), repr(p), p.args, p.keywords)
print(_functools.reduce(lambda a, b: a * b, [1, 2, 3, 4]))
)") == "-5 functools.partial(<built-in function max>, 1, key=<built-in function abs>) (1,) {'key': "
       "<built-in function abs>}\n24\n");
}
