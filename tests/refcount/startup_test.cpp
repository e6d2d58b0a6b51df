// The CPython model's start-up state (backends/refcount/collector.md,
// "Start-up is data"): the counts and generation a program starts with, and
// what an import adds to the count, on profiles built for each test.
#include <array>
#include <catch2/catch.hpp>
#include <cstdlib>
#include <sstream>

#include "refcount/manager.hpp"
#include "tests/support/vm_runtime.hpp"

namespace {

std::string run(const std::string& source, const vm::Profile& profile) {
    test::Outcome o = test::run_program(source, std::make_unique<refcount::Manager>(profile), &profile);
    INFO(o.output);
    CHECK(o.status == 0);
    return o.output;
}

// The N numbers the program's last line prints.
template <std::size_t N> std::array<int, N> printed(const std::string& output) {
    std::istringstream last(output.substr(output.rfind('\n', output.size() - 2) + 1));
    std::array<int, N> numbers{};
    for (int& n : numbers) last >> n;
    return numbers;
}

// [program] with its FIRST and SECOND imports named.
std::string with_imports(std::string program, const std::string& first, const std::string& second) {
    program.replace(program.find("FIRST"), 5, first);
    program.replace(program.find("SECOND"), 6, second);
    return program;
}

// The test's traces, after an empty one of `import gc`: the tests weigh
// other imports, and one without a trace leaves the counts unknown.
vm::ImportTraces traces(const std::string& text) {
    std::istringstream in("import gc\n" + text);
    std::string error;
    auto read = vm::read_import_traces(in, "test", error);
    INFO(error);
    REQUIRE(read);
    return *read;
}

vm::Profile costed_profile() {
    vm::Profile p = test::cpython_profile();
    p.gc_startup_counts = {0, 0, 0};
    p.gc_compile_allocations = false;  // the imports' counts alone
    p.gc_startup_free_lists = {};
    p.import_traces = traces(R"(
import types
o*100
import os
[types o*100 ] o*20
import weakref
[types o*100 ] o*3
import atexit
o*4 o*5 !O*2,D,L,T2,~T1,~D o
)");
    return p;
}

}  // namespace

TEST_CASE("an import adds the runtime's own allocations to the count, each module once", "[refcount][start-up]") {
    // get_count()'s tuple is freed at once, to the free list: once the first
    // reading has put one there, reading the count leaves it as it was. The
    // names exist before, so that storing them grows no dict.
    CHECK(run(R"(
import gc
a = b = c = d = os = weakref = 0
a = gc.get_count()[0]
a = gc.get_count()[0]
import os
b = gc.get_count()[0]
import weakref
c = gc.get_count()[0]
import weakref
d = gc.get_count()[0]
print(b - a, c - b, d - c)
)",
              costed_profile()) == "120 3 0\n");
}

TEST_CASE("an import's allocations start collections where the runtime's would", "[refcount][start-up]") {
    vm::Profile p = costed_profile();
    p.gc_thresholds = {50, 10, 10};
    // The program's own 2 (gc's count starts at 0 here, `import os` stores a
    // new name), then 120 allocations past a threshold of 50: collections at
    // the 51st and the 102nd allocation, 19 left in generation 0.
    CHECK(run(R"(
import gc
import os
print(gc.get_count())
)",
              p) == "(19, 2, 0)\n");
}

TEST_CASE("an import's garbage piece lives from its allocation (&K) to its drop (!&K)", "[refcount][start-up]") {
    // A collection between the two ages the piece (generation 1): the next
    // collection of generation 0 cannot find it. Garbage made where it is
    // dropped (a plain !) is young.
    vm::Profile p = test::cpython_profile();
    p.gc_compile_allocations = false;
    p.gc_thresholds = {50, 10, 10};
    p.import_traces = traces(R"(
import atexit
&0:O*2 o*60 !&0 o*5
import os
o*60 !O*2 o*5
)");
    std::string program = R"(
import gc
gc.collect()
import atexit
print(gc.collect(0), gc.collect(1))
gc.collect()
import os
print(gc.collect(0), gc.collect(1))
)";
    CHECK(run(program, p) == "0 2\n2 0\n");
}

TEST_CASE("what start-up made lives in the profile's generation; the main module is young", "[refcount][start-up]") {
    // CPython makes __main__ late in its start-up, after its last
    // collection: run with -S, 3.11's main dict is in generation 0 at the
    // first line, sys.modules in generation 1.
    vm::Profile p = test::cpython_profile();
    std::string program = R"(
import gc
import sys
main_dict = globals()
print([any(o is main_dict for o in gc.get_objects(g)) for g in range(3)])
print([any(o is sys.modules for o in gc.get_objects(g)) for g in range(3)])
)";
    p.gc_startup_generation = 1;
    CHECK(run(program, p) == "[True, False, False]\n[False, True, False]\n");
    p.gc_startup_generation = 2;
    CHECK(run(program, p) == "[True, False, False]\n[False, False, True]\n");
}

TEST_CASE("the count at the first line adds what compiling the program allocated", "[refcount][start-up]") {
    // What each program adds to the count at its first line, past the first
    // two lines alone, as CPython 3.11.7 run with -S shows it. The model
    // replays CPython's compiler on fitted free lists: within 2.
    vm::Profile p = test::cpython_profile();
    auto added = [&](const std::string& more) {
        std::string head = "import gc\nprint(gc.get_count())\n";  // "(446, 6, 0)"
        return std::stoi(run(head + more, p).substr(1)) - std::stoi(run(head, p).substr(1));
    };
    CHECK(std::abs(added("x = 1\n") - -1) <= 2);
    CHECK(std::abs(added("x = (1, 2)\n") - 4) <= 2);
    CHECK(std::abs(added("def f(): pass\n") - 11) <= 2);
    CHECK(std::abs(added("class C:\n    def m(self): return 1\n") - 29) <= 2);
    CHECK(std::abs(added("def f0(): pass\n"
                         "def f1(): pass\n"
                         "def f2(): pass\n"
                         "def f3(): pass\n"
                         "def f4(): pass\n") -
                   26) <= 2);
    p.gc_compile_allocations = false;
    CHECK(added("def f(): pass\n") == 0);
}

TEST_CASE("each compiler unit's dicts count where the first unit of a kind is entered", "[refcount][start-up]") {
    // 3.12's compiler unit has a sixth dict (fasthidden, PEP 709): the
    // module's unit makes one more, and the first function's one more again,
    // which later units take back from the free list (CPython 3.12.1: +1,
    // +2, +2 against the same programs on 3.11's five).
    auto count = [](const std::string& more, int unit_dicts) {
        vm::Profile p = test::cpython_profile();
        p.gc_compiler_unit_dicts = unit_dicts;
        return std::stoi(run("import gc\nprint(gc.get_count())\n" + more, p).substr(1));
    };
    CHECK(count("", 6) - count("", 5) == 1);
    CHECK(count("def f(): pass\n", 6) - count("def f(): pass\n", 5) == 2);
    CHECK(count("def f(): pass\ndef g(): pass\n", 6) - count("def f(): pass\ndef g(): pass\n", 5) == 2);
}

TEST_CASE("each code object's exception table is a merged constant from 3.11", "[refcount][start-up]") {
    // 3.10's code objects have no exception table, so no key tuple for one:
    // the count at the first line is one less (CPython 3.10.13 against 3.11's
    // compiler: -1). Empty tables are equal, so a function or class whose
    // table is empty too merges with the module's and costs no more; one
    // whose try block gives it a table of its own costs one more key.
    auto count = [](const std::string& more, bool exception_table) {
        vm::Profile p = test::cpython_profile();
        p.gc_compiler_exception_table = exception_table;
        return std::stoi(run("import gc\nprint(gc.get_count())\n" + more, p).substr(1));
    };
    CHECK(count("", false) - count("", true) == -1);
    CHECK(count("def f(): pass\n", false) - count("def f(): pass\n", true) == -1);
    std::string with_try = "def f():\n    try:\n        pass\n    finally:\n        g = 1\n";
    CHECK(count(with_try, false) - count(with_try, true) == -2);
}

TEST_CASE("from 3.12 a generator's exception table is a key of its own", "[refcount][start-up]") {
    // 3.12 wraps a generator's body in a StopIteration handler, so its
    // exception table is not empty: one more key for each distinct body
    // length (CPython 3.12.1 against 3.11's compiler: +1 for `def g():
    // yield 1`, +1 for two such generators, +2 when their bodies differ).
    auto count = [](const std::string& more, bool handler) {
        vm::Profile p = test::cpython_profile();
        p.gc_compiler_generator_handler = handler;
        return std::stoi(run("import gc\nprint(gc.get_count())\n" + more, p).substr(1));
    };
    CHECK(count("def f(): return 1\n", true) - count("def f(): return 1\n", false) == 0);
    CHECK(count("def g(): yield 1\n", true) - count("def g(): yield 1\n", false) == 1);
    std::string same = "def g(): yield 1\ndef h(): yield 2\n";
    CHECK(count(same, true) - count(same, false) == 1);
    std::string differ = "def g(): yield 1\ndef h():\n    yield 1\n    yield 2\n";
    CHECK(count(differ, true) - count(differ, false) == 2);
}

TEST_CASE("3.8's and 3.9's compiler: qualified names as constants, three name tuples, no merged bytes",
          "[refcount][start-up]") {
    // What the shape changes, each alone, on the test profile's free lists
    // (CPython 3.9.18 under gdb: a def's MAKE_FUNCTION loads its qualified
    // name, makecode() merges varnames, cellvars and freevars, assemble()
    // merges no bytes, and each def makes and frees a list of its
    // annotated names).
    struct Shape {
        bool merges_bytes = true, qualnames = false, annotations = false;
    };
    auto count = [](const std::string& more, Shape shape) {
        vm::Profile p = test::cpython_profile();
        p.gc_startup_free_lists = {};  // every allocation counts
        p.gc_compiler_merges_bytes = shape.merges_bytes;
        p.gc_compiler_qualname_constants = shape.qualnames;
        p.gc_compiler_annotation_list = shape.annotations;
        return std::stoi(run("import gc\nprint(gc.get_count())\n" + more, p).substr(1));
    };
    const std::string def = "def f(a):\n    x = a\n    def g():\n        return x\n    return g\n";
    // Two byte strings less per code object, each a key pair: the module,
    // f and g.
    CHECK(count(def, {false, false, false}) - count(def, {}) == -6);
    // The annotated names' list of each def comes from the list free list
    // (the scope's sorted keys went back there) and goes back: no count.
    CHECK(count(def, {true, false, true}) == count(def, {}));
    // The module: names and three empty tuples, whose key is made once (the
    // later ones are freed), against names and one empty tuple. f and g:
    // their consts hold g's and f's qualified name (one more item each),
    // and f's cellvars and g's freevars ('x',) are one tuple each, the
    // second freed as equal to the first, with its keys.
    CHECK(count("", {true, true, false}) == count("", {}));
    CHECK(count(def, {true, true, false}) - count(def, {}) == 2);
}

TEST_CASE("__main__'s dict can come before its module in generation 0", "[refcount][start-up]") {
    // 3.12 lists the module first, 3.13.0 the dict (gc.get_objects(0) at
    // the first line).
    std::string program = R"(
import gc
import sys
g = globals()
m = sys.modules["__main__"]
print([("dict" if o is g else "module") for o in gc.get_objects(0) if o is g or o is m])
)";
    vm::Profile p = test::cpython_profile();
    CHECK(run(program, p) == "['module', 'dict']\n");
    p.gc_main_dict_before_module = true;
    CHECK(run(program, p) == "['dict', 'module']\n");
}

TEST_CASE("a garbage piece's tuple of untracked items (?TN) is untracked by a collection before its drop",
          "[refcount][start-up]") {
    // As types.py's _C.__bases__, (object,), is in 3.9's `import weakref`:
    // a collection inside the import untracks it, so the last one finds the
    // piece's other objects only (3.9.18 prints 6 for 7, where the import
    // collects once after the class is made).
    vm::Profile p = test::cpython_profile();
    p.gc_compile_allocations = false;
    p.gc_thresholds = {50, 10, 10};
    p.import_traces = traces(R"(
import atexit
&0:O,D,?T1 o*60 !&0 o*5
import os
&0:O,D,?T1 !&0
)");
    std::string program = R"(
import gc
gc.collect()
import atexit
print(gc.collect())
import os
print(gc.collect())
)";
    CHECK(run(program, p) == "2\n3\n");
}

TEST_CASE("a garbage piece's objects are made where they were allocated, each held as CPython's was",
          "[refcount][start-up]") {
    // As types.py's class _C in 3.9's `import weakref`: its method is made
    // first (&0:O>1, held by the class dict, object 1, on no cycle), the
    // rest after a collection that ages the method only. The next young
    // collection finds the young cycle and frees the method with it
    // (3.9.18: 6 found of 7). In one ring, the aged method would keep the
    // young objects alive until a full collection.
    vm::Profile p = test::cpython_profile();
    p.gc_compile_allocations = false;
    p.gc_thresholds = {50, 10, 10};
    std::string program = R"(
import gc
gc.collect()
import atexit
print(gc.collect(0))
print(gc.collect())
)";
    p.import_traces = traces("import atexit\n&0:O>1 o*60 &0:D,O !&0 o*5\n");
    CHECK(run(program, p) == "2\n0\n");
    p.import_traces = traces("import atexit\n&0:O o*60 &0:D,O !&0 o*5\n");
    CHECK(run(program, p) == "0\n3\n");
}

TEST_CASE("an import can leave cyclic garbage for the next collection", "[refcount][start-up]") {
    // Five tracked objects in a cycle, and two untracked ones they hold,
    // made with counting paused (their allocations are the trace's): the
    // collection finds the five whatever the thresholds, and they count
    // once, not again when imported a second time.
    CHECK(run(R"(
import gc
gc.collect()
import atexit
import atexit
print(gc.collect())
print(gc.collect())
)",
              costed_profile()) == "5\n0\n");
}

TEST_CASE("an import's cyclic garbage goes to the free lists CPython's went to", "[refcount][start-up]") {
    // The trace's garbage: two objects CPython did not keep, a dict, a list
    // and a 2-tuple, and an untracked 1-tuple and dict freed with them. The
    // full collection before the import empties the free lists.
    std::string out = run(R"(
import gc, sys
gc.collect()
import atexit
gc.collect(0)
sys._debugmallocstats()
)",
                          costed_profile());
    CHECK_THAT(out, Catch::Contains(" 2 free PyDictObjects"));
    CHECK_THAT(out, Catch::Contains(" 1 free PyListObjects"));
    CHECK_THAT(out, Catch::Contains(" 1 free 1-sized PyTupleObjects"));
    CHECK_THAT(out, Catch::Contains(" 1 free 2-sized PyTupleObjects"));
}

TEST_CASE("an import's containers come from the free lists and go back to them", "[refcount][start-up]") {
    // The trace takes 50 dicts, allocates 10 other objects and frees 2
    // dicts. Of 30 dicts freed before the import, 30 of the 50 come from the
    // free list uncounted: the count moves 30 less. The 2 freed go back to
    // the list, uncounted, and the next dict the program makes takes one.
    vm::Profile p = costed_profile();
    p.import_traces = traces("import weakref\nd*50 o*10 D*2\n");
    auto counts = [&](int freed) {
        return run("import gc\na = b = c = x = weakref = 0\npad = [{} for _ in range(" + std::to_string(freed) +
                       ")]\ndel pad\na = gc.get_count()[0]\nimport weakref\nb = gc.get_count()[0]\n"
                       "x = {1: 2}\nc = gc.get_count()[0]\nprint(b - a, c - b)\n",
                   p);
    };
    std::string none_freed = counts(0), freed = counts(30);
    CHECK(std::stoi(none_freed) - std::stoi(freed) == 30);
    CHECK(std::stoi(freed) >= 30);
    CHECK(none_freed.substr(none_freed.find(' ')) == " 0\n");
    CHECK(freed.substr(freed.find(' ')) == " 0\n");
}

TEST_CASE("a base's subclasses dict is made by the first import or class that subclasses it", "[refcount][start-up]") {
    // Both modules subclass Mapping, and weakref subclasses list (a builtin
    // type here): the module imported second makes no Mapping dict, and a
    // class statement after weakref's makes none for list.
    vm::Profile p = costed_profile();
    const std::string both = "import os\no d@Mapping\nimport weakref\nd@Mapping o d@list\n";
    const std::string program = R"(
import gc
a = b = c = d = os = weakref = 0
a = gc.get_count()[0]
a = gc.get_count()[0]
import FIRST
b = gc.get_count()[0]
import SECOND
c = gc.get_count()[0]
class L(list):
    pass
d = gc.get_count()[0]
print(b - a, c - b, d - c)
)";
    auto deltas = [&](const std::string& imports, const std::string& first, const std::string& second) {
        p.import_traces = traces(imports);
        return printed<3>(run(with_imports(program, first, second), p));
    };
    auto os_first = deltas(both, "os", "weakref");
    CHECK(os_first[0] == 2);
    CHECK(os_first[1] == 2);
    auto weakref_first = deltas(both, "weakref", "os");
    CHECK(weakref_first[0] == 3);
    CHECK(weakref_first[1] == 1);
    CHECK(weakref_first[2] == os_first[2]);
    auto no_list_dict = deltas("import os\no d@Mapping\nimport weakref\nd@Mapping o\n", "os", "weakref");
    CHECK(no_list_dict[2] == os_first[2] + 1);  // the class makes list's dict itself
}

TEST_CASE("a code's first frame is counted once, in whichever trace calls it first; a nested call's every time",
          "[refcount][start-up]") {
    // The traceback printer's trace runs at every source line it shows. The
    // frame of code a's first call (f@a) is allocated the first time only:
    // the second report finds a's zombie frame. A frame of a call nested in
    // another of its code (f) is allocated every time, as are other objects.
    const std::string program = R"(
import gc
class K:
    def __del__(self):
        raise ValueError
a = b = c = 0
a = gc.get_count()[0]
a = gc.get_count()[0]
K()
b = gc.get_count()[0]
K()
c = gc.get_count()[0]
print(b - a, c - b)
)";
    auto deltas = [&](const std::string& trace) {
        vm::Profile p = costed_profile();
        p.import_traces = traces("import (source-line)\n" + trace + "\n");
        return printed<2>(run(program, p));
    };
    auto first_calls = deltas("f@a f@b o"), nested = deltas("f*2 o"), objects = deltas("o*3");
    CHECK(first_calls[0] == objects[0]);
    CHECK(first_calls[1] == objects[1] - 2);
    CHECK(nested[0] == objects[0]);
    CHECK(nested[1] == objects[1]);
}

TEST_CASE("a frame an import frees goes to the frame free list, where a later import takes it",
          "[refcount][start-up]") {
    // os's nested call frames (f) end one on the free list (F) and one
    // freed (O); weakref's frame takes the one kept, uncounted.
    const std::string program = R"(
import gc
a = b = c = os = weakref = 0
a = gc.get_count()[0]
a = gc.get_count()[0]
import os
b = gc.get_count()[0]
import weakref
c = gc.get_count()[0]
print(b - a, c - b)
)";
    auto deltas = [&](const std::string& os_trace) {
        vm::Profile p = costed_profile();
        p.import_traces = traces("import os\n" + os_trace + "\nimport weakref\nf o\n");
        return printed<2>(run(program, p));
    };
    auto kept = deltas("f*2 F O"), none_kept = deltas("f*2 O*2");
    CHECK(kept[0] == 2 - 1);
    CHECK(none_kept[0] == 2 - 2);
    CHECK(kept[1] == 1);  // the frame from the free list, the object counted
    CHECK(none_kept[1] == 2);
}

TEST_CASE("an import takes the zombie frame of a code an earlier import called", "[refcount][start-up]") {
    // Both imports call code x first thing; os also calls y. Imported after
    // os, weakref finds x's zombie: it allocates nothing for x.
    vm::Profile p = costed_profile();
    p.import_traces = traces("import os\nf@x f@y o\nimport weakref\nf@x o\n");
    const std::string program = R"(
import gc
a = b = c = os = weakref = 0
a = gc.get_count()[0]
a = gc.get_count()[0]
import FIRST
b = gc.get_count()[0]
import SECOND
c = gc.get_count()[0]
print(b - a, c - b)
)";
    auto deltas = [&](const std::string& first, const std::string& second) {
        return printed<2>(run(with_imports(program, first, second), p));
    };
    auto os_first = deltas("os", "weakref"), weakref_first = deltas("weakref", "os");
    CHECK(os_first[0] - weakref_first[0] == 1);  // x and y against x
    CHECK(os_first[1] - weakref_first[1] == -1);  // o against y and o
    CHECK(os_first[0] + os_first[1] == weakref_first[0] + weakref_first[1]);
}

TEST_CASE("import traces: a bad event or nesting is a clear error", "[refcount][start-up]") {
    auto error_of = [](const std::string& text) {
        std::istringstream in(text);
        std::string error;
        CHECK_FALSE(vm::read_import_traces(in, "x.imports", error));
        return error;
    };
    CHECK(error_of("import m\no q\n") == "x.imports:2: not an event: 'q'");
    CHECK(error_of("import m\no*0\n") == "x.imports:2: not an event: 'o*0'");
    CHECK(error_of("import m\n!x\n") == "x.imports:2: not an event: '!x'");
    CHECK(error_of("import m\n!5\n") == "x.imports:2: not an event: '!5'");
    CHECK(error_of("import m\n!O,d\n") == "x.imports:2: not an event: '!O,d'");
    CHECK(error_of("import m\n!O,\n") == "x.imports:2: not an event: '!O,'");
    CHECK(error_of("import m\nt0\n") == "x.imports:2: not an event: 't0'");
    CHECK(error_of("import m\nd@\n") == "x.imports:2: not an event: 'd@'");
    CHECK(error_of("import m\nf*0\n") == "x.imports:2: not an event: 'f*0'");
    CHECK(error_of("import m\nf@\n") == "x.imports:2: not an event: 'f@'");
    CHECK(error_of("import m\nf@*2\n") == "x.imports:2: not an event: 'f@*2'");
    CHECK(error_of("import m\nf@a*0\n") == "x.imports:2: not an event: 'f@a*0'");
    CHECK(error_of("import m\nfx\n") == "x.imports:2: not an event: 'fx'");
    CHECK(error_of("import m\n!f\n") == "x.imports:2: not an event: '!f'");
    CHECK(error_of("import m\n!&x\n") == "x.imports:2: not an event: '!&x'");
    CHECK(error_of("import m\n&0\n") == "x.imports:2: not an event: '&0'");
    CHECK(error_of("import m\n&:O\n") == "x.imports:2: not an event: '&:O'");
    CHECK(error_of("import m\n&1:O,\n") == "x.imports:2: not an event: '&1:O,'");
    CHECK(error_of("import m\n&1:O>\n") == "x.imports:2: not an event: '&1:O>'");
    CHECK(error_of("import m\n!O>0\n") == "x.imports:2: not an event: '!O>0'");
    CHECK(error_of("import m\n!?D\n") == "x.imports:2: not an event: '!?D'");
    CHECK(error_of("import m\n!?~T1\n") == "x.imports:2: not an event: '!?~T1'");
    CHECK(error_of("o\n") == "x.imports:1: events before the first `import MODULE` line");
    CHECK(error_of("import m\n]\n") == "x.imports:2: ] closes no nested import");
    CHECK(error_of("import m\n[n o\n") == "x.imports:1: a nested import is not closed with ]");
    CHECK(error_of("import m\no\nimport m\n") == "x.imports:3: a second `import m`");
}

TEST_CASE("import traces: a module's events are parsed when it is first imported", "[refcount][start-up]") {
    std::string error;
    auto traces = vm::ImportTraces::index("# recorded\nimport a\no*2 d\nimport b\no q\n", "x.imports", error);
    REQUIRE(traces);  // indexing reads no event
    CHECK(traces->size() == 2);
    const std::vector<vm::RuntimeEvent>* a = traces->find("a");
    REQUIRE(a);
    REQUIRE(a->size() == 2);
    CHECK((*a)[0].repeat == 2);
    CHECK((*a)[1].kind == vm::Container::Dict);
    auto frames = vm::ImportTraces::index("import a\nf@os.py:1:module f@x:2:g*3 f\n", "x.imports", error);
    REQUIRE(frames);
    const std::vector<vm::RuntimeEvent>* f = frames->find("a");
    REQUIRE(f);
    REQUIRE(f->size() == 3);
    CHECK((*f)[0].op == vm::RuntimeEvent::Op::CodeFrame);
    CHECK((*f)[0].module == "os.py:1:module");
    CHECK((*f)[1].module == "x:2:g");
    CHECK((*f)[1].repeat == 3);
    CHECK((*f)[2].module.empty());
    auto freed = vm::ImportTraces::index("import a\nF*2\n", "x.imports", error);
    REQUIRE(freed);
    const std::vector<vm::RuntimeEvent>* g = freed->find("a");
    REQUIRE(g);
    REQUIRE(g->size() == 1);
    CHECK((*g)[0].op == vm::RuntimeEvent::Op::Free);
    CHECK((*g)[0].kind == vm::Container::Frame);
    CHECK((*g)[0].repeat == 2);
    CHECK(traces->find("a") == a);  // parsed once
    CHECK(traces->find("c") == nullptr);
    CHECK_THROWS_WITH(traces->find("b"), "x.imports:5: not an event: 'q'");
    CHECK_FALSE(traces->check(error));
    CHECK(error == "x.imports:5: not an event: 'q'");
}

TEST_CASE("a class statement allocates the containers type_new does", "[refcount]") {
    // What each class statement adds to the count in CPython 3.11.7: the
    // class, its dict, its MRO, its (object,) bases, its __weakref__ and
    // __dict__ descriptors, its __slots__ tuple and the weakref to it in its
    // base's __subclasses__, as the free lists allow. The class dict holds
    // __doc__ (None) as python3.11's does.
    std::string program = R"(
import gc
g = gc.get_count
a = b = c = d = e = f = h = 0
class W: pass
class Z: pass
a = g()[0]
class A: pass
b = g()[0]
class B:
    def m(self): return 1
c = g()[0]
class C(A): pass
d = g()[0]
class D:
    __slots__ = ("x",)
e = g()[0]
class E:
    def __del__(self): pass
f = g()[0]
class F(D): pass
h = g()[0]
print(b - a, c - b, d - c, e - d, f - e, h - f)
print(A.__bases__ == (object,), sorted(F.__dict__), A().__weakref__)
)";
    CHECK(run(program, test::cpython_profile()) ==
          "4 5 2 4 6 5\nTrue ['__dict__', '__doc__', '__module__', '__weakref__'] None\n");
}

TEST_CASE("a collection an import schedules runs at the trace's next check where the traces mark them",
          "[refcount][start-up]") {
    vm::Profile p = test::cpython_profile();
    p.gc_startup_counts = {0, 0, 0};
    p.gc_compile_allocations = false;
    p.gc_startup_free_lists = {};
    p.gc_collect_at_eval_breaker = true;  // 3.12+
    p.gc_thresholds = {50, 10, 10};
    const std::string program = "import gc\nimport os\nprint(gc.get_count())\n";
    // Unmarked (to 3.12): the replay checks after each allocation, so the
    // 50th of the import's allocations (the program made one) starts a
    // collection, and the 101st.
    p.import_traces = traces("import os\no*60 o*40 o*5\n");
    CHECK_FALSE(p.import_traces.marks_checks());
    CHECK(run(program, p) == "(4, 2, 0)\n");
    // Marked (3.13): only at the ^, after 60 allocations; the next one finds
    // 40, below the threshold.
    p.import_traces = traces("import os\no*60 ^ o*40 ^ o*5\n");
    CHECK(p.import_traces.marks_checks());
    CHECK(run(program, p) == "(45, 1, 0)\n");
}

TEST_CASE("3.10's merged bytecode and line tables are of its instructions and lines", "[refcount][start-up]") {
    // Two code objects alike but for their columns merge their line tables
    // in 3.10, whose co_linetable has lines only: the second's key tuple is
    // freed at once (CPython 3.10.13, at the first line: one less than
    // 3.11's shape). A class body of `pass` returns on the line of the
    // `pass`, so its table is not a lambda's of the same length.
    auto count = [](const std::string& more, bool as_3_10) {
        vm::Profile p = test::cpython_profile();
        p.gc_compiler_exception_table = false;
        p.gc_compiler_qualname_constants = true;
        p.gc_compiler_bytes_of_3_10 = as_3_10;
        return std::stoi(run("import gc\nprint(gc.get_count())\n" + more, p).substr(1));
    };
    const std::string lambdas = "def f():\n    lambda: 1\nlambda: 1\n";
    CHECK(count(lambdas, true) - count(lambdas, false) == -1);
    const std::string pass = "class Boom(Exception):\n    pass\ndef f():\n    lambda r: print('callback', 5, r)\n";
    CHECK(count(pass, true) == count(pass, false));
}
