// The front end of pymodel: Python source to lang::Code.
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "code.hpp"
#include "diagnostic.hpp"

namespace lang {

struct CompileResult {
    std::shared_ptr<const Code> code;  // set when the file compiled
    std::optional<Diagnostic> diagnostic;  // set otherwise
    std::vector<Warning> warnings;  // CPython's compile-time SyntaxWarnings, in its order
};

// How the bytecode of the modeled CPython version is laid out, where the
// runtime can tell (3.12+ checks its eval breaker at a jump back).
struct CompileOptions {
    // A while loop's test is compiled again at the end of its body, which
    // jumps back only when it holds (3.10 to 3.13); else the body jumps
    // back to the test at the top (3.9 and earlier, 3.14, PyPy).
    bool while_test_at_bottom = true;
    // A local whose value is consumed before its basic block ends, while
    // the local still holds it, is loaded without a new reference
    // (LOAD_FAST_BORROW, 3.14: gh-130704; borrow.hpp).
    bool borrow_fast_loads = false;
    // A class body stores __firstlineno__ (its first line, decorators
    // included) and __static_attributes__ (the sorted names of the
    // attributes its functions assign through `self.NAME`, gh-115775):
    // two more names and constants in its code (3.13+).
    bool class_static_attributes = false;
    // A class body that defines a function keeps its namespace in a
    // `__classdict__` cell, which the functions' annotation scopes may read
    // (3.14, PEP 649): LOAD_LOCALS and STORE_DEREF at its start, and the
    // cell stored as `__classdictcell__` at its end, which type() removes.
    // Its code has one more cell, so a tuple of its fast locals' names.
    bool class_dict_cell = false;
    // Assembly drops every constant no instruction loads but the first
    // (3.12's remove_unused_consts), not only those at the end of the
    // table (3.11's trim_unused_consts): a default folded into a tuple
    // leaves no constant of its own.
    bool removes_unused_constants = false;
    // Without removes_unused_constants: assembly drops the constants at the
    // end of the table that no instruction loads (3.10 and 3.11's
    // trim_unused_consts), those of code after a `return` or `raise` among
    // them. To 3.9 every constant the compiler added stays, dead or not.
    bool trims_unused_constants = true;
    // Equal constants anywhere in one compiled source are one object: the
    // compiler's constant cache (merge_consts_recursive, from 3.8) makes
    // `(1, 2)` in two functions, and as an item of another constant, the
    // same tuple, with a reference from each. PyPy's compiler does not.
    bool merges_equal_constants = true;
    // A call's keywords that are one `**mapping` alone pass the mapping
    // itself to CALL_FUNCTION_EX, which copies it only when it is not a
    // dict; several make one new dict of them all (3.8's
    // BUILD_MAP_UNPACK_WITH_CALL, here BUILD_MAP 0 and a DICT_MERGE of
    // each). From 3.9 a `**mapping` is always merged into a new dict.
    bool keyword_maps_unpack_with_call = false;
    // Constant keys (a dict display's, a call's keywords beside a
    // `**mapping`, a def's keyword-only defaults) make one tuple constant
    // and BUILD_CONST_KEY_MAP (3.6 to 3.13); 3.14's compiler loads each key
    // and builds the dict with BUILD_MAP (gh-122160): no tuple of keys.
    bool const_key_maps = true;
    // A list display of more than two constants is built empty and
    // extended by one tuple constant the compiler makes, and so are the
    // positional arguments of an unpacking call (3.9's starunpack_helper,
    // LIST_EXTEND); 3.8 loads each constant and builds the list (its
    // peephole optimizer folds only a tuple of constants).
    bool constant_lists_extended = true;
    // A starred item of a list, tuple or set display, and a `**mapping`
    // of a dict display, extend the display built so far (3.9+:
    // LIST_EXTEND, SET_UPDATE, DICT_UPDATE). 3.8 builds it from all the
    // items at once (BUILD_LIST_UNPACK, ...): not modeled, unsupported.
    bool displays_extended = true;
    // A display of more than 30 items without a star is built empty and
    // grown item by item (LIST_APPEND, SET_ADD; 3.10+'s STACK_USE_GUIDELINE
    // in starunpack_helper): a list is over-allocated as appends make it;
    // a dict display of more than 16 items is built in runs of 17, each
    // its own dict merged into the first. To 3.9 each is built at once
    // from the items on the stack.
    bool long_displays_grown = true;
    // A list, set or dict comprehension is compiled inline, in the code
    // around it, with no function object, call or frame (3.12+, PEP 709):
    // its names are that code's fast locals, their outer values saved on
    // the stack while it runs (LOAD_FAST_AND_CLEAR) and restored after it.
    bool inline_comprehensions = false;
    // An inlined comprehension whose result an expression statement drops
    // has the result dropped before the saved names are restored (3.13+):
    // the statement's POP_TOP, which has no location of its own, takes the
    // line of the store before it by the time apply_static_swaps runs, so
    // it trades places with the restores as a STORE_FAST on their line
    // does. On 3.12 it is lineless there, and the names come back first.
    bool swaps_statement_pops = false;
    // A function's or lambda's first constant is its docstring, or None
    // when it has none (to 3.13); 3.14 adds only a docstring (the
    // CO_HAS_DOCSTRING flag, gh-126072), so `def f(): return 5` has (5,).
    bool doc_constant_always = true;
    // A constant test's TO_BOOL is folded into a load of its truth, a bool
    // constant the optimizer adds, with its key, to the constant cache
    // (3.13's optimize_basic_block); no instruction loads it once the jump
    // is folded too.
    bool constant_tests_to_bools = false;
    // A constant test's dead branch (`if 0:`'s body, `if 1:`'s else,
    // `while 0:`'s body) is compiled as live code and its blocks removed
    // after (from 3.10); to 3.9 it is compiled without emitting anything
    // (c_do_not_emit_bytecode): no constant or name is added, and a code
    // object made there is in no table and dies at once.
    bool emits_dead_branches = true;
    // A set display of constants is a frozenset constant where `for` or a
    // comprehension iterates it (ast_opt.c's fold_iter), and from 3.9 where
    // it has more than two items (starunpack_helper: BUILD_SET 0 and a
    // SET_UPDATE from it). PyPy makes one only for the operand of `in`,
    // which every version does, and builds the others' sets.
    bool constant_sets_frozen = true;
    // `'%s %-5r' % (a, b)` compiles as an f-string, and builds no tuple
    // (3.11+, ast_opt.c's optimize_format); 3.10 and PyPy run the `%`.
    bool percent_formats_as_fstrings = true;
    // Constants are folded by the optimizer as the unit is assembled
    // (3.14's CFG, gh-126835), not by the AST optimizer into the parser's
    // arena. A tuple of constants the source spells (a tuple display, a
    // list display that `for` or `in` iterates, a list display of three or
    // more constants) is loaded item by item and folded: each item is a
    // constant first, and a tuple no reachable instruction loads is held by
    // the constant cache alone. A folded `-7` or `2**40` is the compiler's
    // object, which the arena does not hold (Constant::arena_refs).
    bool cfg_folds_constants = false;
    // A bytes literal of one token is in the parser's arena twice
    // (Constant::arena_refs), as gc.get_referrers() shows on 3.12 and 3.13;
    // adjacent literals concatenated are in it once.
    bool arena_holds_one_token_bytes_twice = false;
    // The match statement (3.10+). To 3.9 (and PyPy 7.3, a 3.9) it is a
    // SyntaxError, whose wording the model does not write: unsupported.
    bool match_statement = true;
    // The SWAPs a pattern emits to keep its captures under the values it
    // still takes apart are applied statically where they precede stores
    // to fast locals (3.11's swaptimize and apply_static_swaps): a function
    // stores a pattern's names in another order than 3.10's.
    bool static_pattern_swaps = true;
    // MATCH_CLASS and MATCH_KEYS make and free their temporaries as 3.11's
    // do. 3.10's differ (a bound `get` method, the tuple of attributes
    // indexed and kept until the subpatterns matched), which the model
    // does not write: a class or mapping pattern that takes the subject
    // apart is unsupported there.
    bool class_and_mapping_patterns = true;
};

// Compiles the module `source` read from `filename`. A syntax error
// anywhere wins over an unsupported construct, as the file would not run
// on CPython either; among unsupported constructs the first in the file is
// reported.
CompileResult compile(std::string_view source, const std::string& filename, const CompileOptions& options = {});

}  // namespace lang
