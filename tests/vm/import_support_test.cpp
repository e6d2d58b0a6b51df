// What importlib's bootstrap (the runtime's own _bootstrap.py and
// _bootstrap_external.py, which the VM runs to import a program's own
// modules: backends/vm/importer.hpp) needs of the builtins, each answered as
// python3.11 answers it (the expected text was printed by it), and what the
// model refuses rather than answer wrongly.
#include <catch2/catch.hpp>

#include "tests/support/vm_runtime.hpp"

TEST_CASE("the builtins importlib's bootstrap uses answer as CPython's", "[vm][imports]") {
    CHECK(test::run_output(R"(
print("a.b.c".rpartition("."), "abc".rpartition("."), "a.b.c".partition("."))
print("a.b.c".rsplit(".", 1), "a.b.c".rsplit("."), "abc".rsplit("."), "x.pyc.opt".rsplit(".", 2)[-2])
print((3495).to_bytes(2, "little") + b"\r\n", (1).to_bytes(4, "big"), (-2).to_bytes(2, "little", signed=True))
print(int.from_bytes(b"\xa7\r", "little"), int.from_bytes(b"\xff\xfe", "big", signed=True), int.from_bytes(b"", "little"))
for bad in [lambda: (256).to_bytes(1, "little"), lambda: (-1).to_bytes(2, "big"), lambda: (128).to_bytes(1, "big", signed=True), lambda: (1).to_bytes(1, "middle"), lambda: "a".rsplit(""), lambda: "a".rpartition("")]:
    try:
        bad()
    except (OverflowError, ValueError) as e:
        print(type(e).__name__, e)
def f():
    pass
f.__dict__["x"] = 1
print(f.x, f.__dict__)
try:
    f.__dict__ = 5
except TypeError as e:
    print(e)
import sys
ns = type(sys.implementation)(filename="m.py", origname="m")
print(ns.filename, ns.origname, sys.flags.verbose, sys.version_info.major)
data = b"\x01\x02\x03\x04\x05"
print(data[1:3], data[::2], data[-2:], bytearray(b"ab")[1:])
ba = bytearray(b"ab")
ba.extend(b"cd")
ba.extend([101, 102])
print(ba, len(memoryview(data)[2:]))
)") == R"(('a.b', '.', 'c') ('', '', 'abc') ('a', '.', 'b.c')
['a.b', 'c'] ['a', 'b', 'c'] ['abc'] pyc
b'\xa7\r\r\n' b'\x00\x00\x00\x01' b'\xfe\xff'
3495 -2 0
OverflowError int too big to convert
OverflowError can't convert negative int to unsigned
OverflowError int too big to convert
ValueError byteorder must be either 'little' or 'big'
ValueError empty separator
ValueError empty separator
1 {'x': 1}
__dict__ must be set to a dictionary, not a 'int'
m.py m 0 3
b'\x02\x03' b'\x01\x03\x05' b'\x04\x05' bytearray(b'b')
bytearray(b'abcdef') 3
)");
}

TEST_CASE("what the model cannot answer of those builtins stops the program", "[vm][imports]") {
    for (auto [source, what] : {std::pair{"'a b'.rsplit()\n", "str.rsplit() at whitespace"},
                                std::pair{"(1).to_bytes(2)\n", "without its length and byteorder"}}) {
        test::Outcome outcome = test::run_program(source);
        INFO(source << outcome.output);
        CHECK(outcome.status == 3);
        CHECK(outcome.output.find(what) != std::string::npos);
    }
}
