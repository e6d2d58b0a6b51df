// The object model through the VM's C++ API.
#include <catch2/catch.hpp>

#include "tests/support/vm_runtime.hpp"
#include "vm/api.hpp"

using namespace vm;

namespace {

struct Fixture {
    std::unique_ptr<Runtime> runtime = test::make_runtime();
};

std::string repr_of(Object* o) { return repr_string(o); }

}  // namespace

TEST_CASE_METHOD(Fixture, "dicts keep insertion order through deletions and growth", "[vm]") {
    auto d = new_dict();
    for (int i = 0; i < 100; ++i) dict_set(d.get(), new_int(i).get(), new_int(i * i).get());
    for (int i = 0; i < 100; i += 2) CHECK(dict_del(d.get(), new_int(i).get()));
    CHECK(dict_size(d.get()) == 50);
    std::vector<std::int64_t> keys;
    dict_for_each(d.get(), [&](Object* k, Object*) { keys.push_back(int_value(k)); });
    REQUIRE(keys.size() == 50);
    CHECK(keys.front() == 1);
    CHECK(keys.back() == 99);
    CHECK(int_value(dict_get(d.get(), new_int(51).get())) == 51 * 51);
    CHECK(dict_get(d.get(), new_int(50).get()) == nullptr);
}

TEST_CASE_METHOD(Fixture, "reprs are CPython's", "[vm]") {
    Ref<> t = tuple_of({new_int(1).get()});
    CHECK(repr_of(t.get()) == "(1,)");
    Ref<> s = new_str("it's");
    CHECK(repr_of(s.get()) == "\"it's\"");
    auto l = new_list();
    list_append(l.get(), l.get());
    CHECK(repr_of(l.get()) == "[[...]]");
    l->clear();
    CHECK(repr_of(new_float(1e16).get()) == "1e+16");
    CHECK(repr_of(new_float(2.0).get()) == "2.0");
}

TEST_CASE_METHOD(Fixture, "a Python exception raised in C++ carries CPython's message", "[vm]") {
    auto l = new_list();
    Ref<> key = new_int(3);
    CHECK_THROWS_AS(getitem(l.get(), key.get()), PyException);
    Ref<> exc = take_exception();
    CHECK(str_string(exc.get()) == "list index out of range");
    CHECK(exc->type == types.IndexError);
}

TEST_CASE_METHOD(Fixture, "bytecode that would run past its end is rejected", "[vm]") {
    auto code = std::make_shared<lang::Code>();
    code->name = code->qualname = "broken";
    code->instructions = {{lang::Opcode::RESUME, 0}, {lang::Opcode::JUMP_FORWARD, 7}};
    code->positions.resize(2);
    CHECK_THROWS_AS(new_code(code), Unsupported);
}
