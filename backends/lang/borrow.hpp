// CPython 3.14's borrowed loads of locals (gh-130704, flowgraph.c's
// optimize_load_fast): a LOAD_FAST whose value is consumed in its basic
// block while the local still holds it becomes LOAD_FAST_BORROW, which
// pushes the local without a new reference.
#pragma once

#include "code.hpp"

namespace lang {

// Turns the LOAD_FASTs of `code` that CPython 3.14 would borrow into
// LOAD_FAST_BORROW and fills code.borrowed_slots (code.hpp), by CPython's
// abstract interpretation of each basic block on this bytecode: a load
// stays strong when its value is still on the stack at the end of its
// block, when the local is stored or deleted while the value is on the
// stack, or when the value is stored into a local. Blocks reached only
// through an exception handler are not optimized (3.14 reaches none of
// them), and two loads CPython fuses into LOAD_FAST_LOAD_FAST (adjacent, on
// one line, both locals under 16) are borrowed together or not at all; a
// load fused after a STORE_FAST (STORE_FAST_LOAD_FAST) is never borrowed,
// nor is one CPython checks (LOAD_FAST_CHECK: the local may be unbound
// there, as after a comprehension that rebinds it), which fuses with
// nothing.
// A block that jumps to a small exit block (at most 4 instructions of 3.14,
// which has no PRECALL and no separate PUSH_NULL before a global) or to one
// of no line goes on into it, as CPython copies it there
// (inline_small_or_no_lineno_blocks). Each expectation of
// tests/lang/borrow_test.cpp is what Pyodide's 3.14.2 compiles.
//
// It fills code.duplicated_slots too, across blocks: a strong load
// duplicates the local's stack reference, borrowed or not, so a local that
// holds a borrowed argument gives borrowed values to every strong load and
// to every local they are stored in (the VM follows which, at run time).
void borrow_fast_loads(Code& code);

}  // namespace lang
