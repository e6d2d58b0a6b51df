#include "program_builder.hpp"

#include <catch2/catch.hpp>

using namespace memconform::fuzz;
using memconform::fuzz::testing::Builder;

TEST_CASE("a program renders with four spaces per level", "[program]") {
    Program p;
    Builder b(p);
    b.add("def f(x):");
    b.add(b.last_block(), "y = x");
    b.add(b.last_block(), "return y");
    b.add("f(1)");
    CHECK(render(p) == "def f(x):\n    y = x\n    return y\nf(1)\n");
}

TEST_CASE("a block whose statements are all removed becomes pass", "[program]") {
    Program p;
    Builder b(p);
    b.add("def f():");
    auto body = b.add(b.last_block(), "print(1)");
    auto removed = p.none_removed();
    removed[body] = true;
    CHECK(render(p, removed) == "def f():\n    pass\n");
}

TEST_CASE("removing a statement removes what needs it and the block under it", "[program]") {
    Program p;
    Builder b(p);
    auto a = b.add("a = 1");
    auto use = b.add("b = a", {a});
    auto use_of_use = b.add("print(b)", {use});
    auto def = b.add("def f():");
    auto inner = b.add(b.last_block(), "print(2)");
    auto call = b.add("f()", {def});
    auto other = b.add("c = 3");

    auto removed = p.none_removed();
    removed[a] = removed[def] = true;
    removed = close_removal(p, removed);
    CHECK(removed[use]);
    CHECK(removed[use_of_use]);
    CHECK(removed[inner]);
    CHECK(removed[call]);
    CHECK_FALSE(removed[other]);
    CHECK(render(p, removed) == "c = 3\n");
    CHECK(statement_count(p, removed) == 1);
}

TEST_CASE("mutual needs keep a try with its except", "[program]") {
    Program p;
    Builder b(p);
    auto attempt = b.add("try:");
    b.add(b.last_block(), "raise ValueError");
    auto handler = b.add("except ValueError:", {attempt});
    p.stmts[0].needs.push_back(handler);
    auto removed = p.none_removed();
    removed[handler] = true;
    removed = close_removal(p, removed);
    CHECK(removed[attempt]);
    CHECK(render(p, removed).empty());
}

TEST_CASE("only free statements are offered for removal, in source order", "[program]") {
    Program p;
    Builder b(p);
    auto first = b.add("x = 1");
    auto def = b.add("def f():");
    auto inner = b.add(b.last_block(), "return 1");
    b.add("print(\"-- end\")", {}, Removal::WithNeeds);
    CHECK(removable(p, p.none_removed()) == std::vector<StmtId>{first, def, inner});
}

TEST_CASE("a statement that needs any one of a set goes when the last of them goes", "[program]") {
    Program p;
    Builder b(p);
    auto first = b.add("x = 1");
    auto second = b.add("x = 2");
    auto drop = b.add("x = None", {}, Removal::WithNeeds);
    p.stmts.back().needs_any = {first, second};

    auto removed = p.none_removed();
    removed[second] = true;
    CHECK_FALSE(close_removal(p, removed)[drop]);
    removed[first] = true;
    CHECK(close_removal(p, removed)[drop]);
}
