// lang::Code: the compiled form of a module, function, class body, lambda or
// comprehension. Plain data: it knows nothing of the VM's objects; the VM
// turns constants into its own objects when it loads a module.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <variant>
#include <vector>

#include "unicode.hpp"

namespace lang {

enum class Opcode : std::uint8_t {
#define OPCODE(name, arg, effect, jump_effect) name,
#define PSEUDO(name, arg, effect, jump_effect) name,
#include "opcodes.def"
#undef OPCODE
#undef PSEUDO
};

// What an instruction's argument refers to (the ARG column of opcodes.def).
enum class ArgKind : std::uint8_t { NONE, CONST, NAME, LOCAL, DEREF, JUMP, COUNT, OTHER };

const char* opcode_name(Opcode op);
ArgKind opcode_arg_kind(Opcode op);
bool is_pseudo(Opcode op);
// An unconditional jump, a return or a raise: the next instruction starts
// another block.
bool never_falls_through(Opcode op);
// Net stack effect of `op` with argument `arg`, when it falls through or jumps.
int stack_effect(Opcode op, int arg, bool jump);

// BINARY_OP's argument: CPython 3.11's NB_* numbering; the in-place forms
// (augmented assignment) are the plain form + kInplaceOffset.
enum class BinaryOp : std::uint8_t {
    Add,
    And,
    FloorDivide,
    LShift,
    MatMultiply,
    Multiply,
    Remainder,
    Or,
    Power,
    RShift,
    Subtract,
    TrueDivide,
    Xor,
};
constexpr int kInplaceOffset = 13;
// "+", "&", ... for BinaryOp; "+=", "&=", ... for the in-place forms.
const char* binary_op_symbol(int arg);

// COMPARE_OP's argument (CPython's Py_LT ... Py_GE).
enum class CompareOp : std::uint8_t { Lt, Le, Eq, Ne, Gt, Ge };
const char* compare_op_symbol(int arg);

// FORMAT_VALUE's argument: the conversion applied before format(), and
// kFormatWithSpec when the format spec is on the stack above the value.
enum class Conversion : std::uint8_t { None = 0, Str = 1, Repr = 2 };
constexpr int kFormatWithSpec = 4;

// MAKE_FUNCTION's flags: which extra values lie under the code object.
enum MakeFunctionFlag : int {
    MF_DEFAULTS = 0x01,  // tuple of positional defaults
    MF_KWDEFAULTS = 0x02,  // dict of keyword-only defaults
    MF_ANNOTATIONS = 0x04,  // tuple (name1, value1, name2, value2, ...)
    MF_CLOSURE = 0x08,  // tuple of cells
};

// Code::flags, CPython's CO_* values.
enum CodeFlag : std::uint32_t {
    CO_OPTIMIZED = 0x0001,  // locals are fast slots (functions, not module or class bodies)
    CO_NEWLOCALS = 0x0002,
    CO_VARARGS = 0x0004,  // *args
    CO_VARKEYWORDS = 0x0008,  // **kwargs
    CO_NESTED = 0x0010,  // defined inside a function
    CO_GENERATOR = 0x0020,
    CO_COROUTINE = 0x0080,  // async def without yield
    CO_ASYNC_GENERATOR = 0x0200,  // async def with yield
};
// The code of these makes a generator-like object when called (RETURN_GENERATOR).
constexpr std::uint32_t kGeneratorLikeFlags = CO_GENERATOR | CO_COROUTINE | CO_ASYNC_GENERATOR;

struct Instruction {
    Opcode op;
    std::int32_t arg;  // 0 when the opcode takes none
};

// Source span of an instruction, 1-based lines, 0-based byte columns, as
// CPython's co_positions(); the end is exclusive. Line 0: an instruction
// of no line of its own (CPython's artificial ones: the implicit
// `return None`, the cleanup of exception handlers).
struct Position {
    int line = 0, col = 0, end_line = 0, end_col = 0;
};

// An entry of the exception table (3.11's zero-cost exceptions). When an
// instruction in [start, end) raises, the VM pops the value stack down to
// `depth` items (releasing them, as CPython does), pushes the index of the
// raising instruction if `lasti`, pushes the exception, and jumps to `target`.
// An instruction outside every entry propagates the exception out of the frame.
struct ExceptionEntry {
    int start, end, target, depth;
    bool lasti;
};

// Where a statement of no code was (a NOP_LINE): before instruction
// `before` (the end when it equals their number), on `line`.
struct NopLine {
    int before, line;
};

struct Code;

struct NoneConst {
    bool operator==(const NoneConst&) const = default;
};
struct EllipsisConst {
    bool operator==(const EllipsisConst&) const = default;
};
// A complex constant (a literal `2j`, or folded: `1 + 2j`); compared
// bitwise, as float constants are.
struct Complex {
    double real = 0, imag = 0;
    bool operator==(const Complex&) const;
};
struct Bytes {
    std::string value;
    bool operator==(const Bytes&) const = default;
};
// An int literal beyond 64 bits: its decimal digits, with a sign.
struct BigIntConst {
    std::string decimal;
    bool operator==(const BigIntConst&) const = default;
};
struct Constant;
struct Tuple {
    std::vector<Constant> items;
    bool operator==(const Tuple&) const;
};
// A frozenset the compiler makes of a set display of constants (`x in
// {1, 2}`, `for x in {1, 2}`; from 3.9 `{1, 2, 3}`), its items in the
// source's order (the VM hashes them into the set): equal when their
// items are, in any order.
struct FrozenSet {
    std::vector<Constant> items;
    bool operator==(const FrozenSet&) const;
};

// A constant: None, bool, int, float, complex, str (UTF-8), bytes, Ellipsis,
// a tuple or frozenset of constants, or a nested code object.
struct Constant {
    std::variant<NoneConst, bool, std::int64_t, double, Complex, std::string, Bytes, EllipsisConst, Tuple,
                 std::shared_ptr<const Code>, FrozenSet, BigIntConst>
        value;
    // The references CPython's parser arena holds to this object while the
    // code compiled from it runs: 1 for a literal or a result of the AST
    // optimizer's folding (to 3.13), 2 for a bytes literal of one token on
    // 3.12 and 3.13, 0 for what the compiler or its optimizer makes. Not
    // part of the value: equal constants compare equal whatever they hold.
    std::uint8_t arena_refs = 0;
    // Same kind and same value (True is not 1, -0.0 is not 0.0), as the
    // compiler's merging of equal constants requires; code objects compare
    // by identity.
    bool operator==(const Constant& other) const;
};

// One addition of a constant to a code object, in the order CPython 3.11's
// compiler makes them (compiler_add_const, once per LOAD_CONST it emits):
// what the refcount model's replay of the compile needs, since each addition
// makes and merges the constant's key tuples, and the tuples the compiler
// makes itself are made at that point.
struct ConstantUse {
    enum class Origin {
        Source,  // a literal, or a tuple folded from the source before compiling (ast_opt.c)
        Compiler,  // a tuple the compiler made here: keyword names, constant keys, `from` names
        CompilerFromList,  // the same, made from the list of TemporaryList (keyword-only defaults)
        TemporaryList,  // the list the next CompilerFromList tuple is made from (no constant)
        Optimizer,  // a tuple folded from LOAD_CONSTs and BUILD_TUPLE as the unit is assembled
        TestTruth,  // a constant test's truth, a bool the optimizer adds as the unit is assembled (no constant)
        // No constant: the record (a Code) of a comprehension compiled
        // inline here (3.12+), which holds the uses inside it.
        InlinedComprehension,
    };
    Origin origin = Origin::Source;
    Constant value;
    // A Source tuple: which node of the source it was folded from (-1: not a
    // tuple). Each node is one tuple, however often it is loaded.
    int source_node = -1;
    // Used where the compiler emits nothing (a constant test's dead branch
    // to 3.9): in no table or cache, and a Code made there dies at once.
    bool unemitted = false;
};

struct Code {
    std::string name;  // "f", "<module>", "<lambda>", "<listcomp>", class name
    std::string qualname;  // "A.m", "f.<locals>.g"
    std::string filename;
    int first_line = 1;
    int argcount = 0;  // positional parameters, positional-only ones included
    int posonlyargcount = 0;
    int kwonlyargcount = 0;
    std::uint32_t flags = 0;  // CodeFlag
    // A generator with a yield inside a try or with body (PyPy's
    // CO_YIELD_INSIDE_TRY; not a CPython flag, so not in `flags`).
    bool yield_inside_try = false;
    // The names its block declares in global and nonlocal statements, each
    // time (CPython's symtable records a tuple for each: the compile replay).
    int directives = 0;
    // The record of a list, set or dict comprehension compiled inline, in
    // the code around it (3.12+, PEP 709), for the compile replay: a Code
    // with no instructions, whose constant_uses are those inside it.
    // `inline_locals`: the names whose outer values it saves
    // (LOAD_FAST_AND_CLEAR). `inline_swaps_scopes`: it is in a class body,
    // or a name it binds has another scope around it, so 3.12's compiler
    // swaps the outer symbols out while it compiles the comprehension
    // (push_inlined_comprehension_state's temp_symbols).
    bool inlined_comprehension = false;
    std::vector<std::string> inline_locals;
    bool inline_swaps_scopes = false;
    int stacksize = 0;  // the value stack never holds more items

    std::vector<Instruction> instructions;
    std::vector<Position> positions;  // one per instruction
    std::vector<ExceptionEntry> exception_table;
    // The statements of no code (`pass`, a constant expression), in order:
    // CPython's NOP, which 3.10 keeps only where its line would otherwise
    // be lost, and whose line an instruction of none after it takes (the
    // compile replay's 3.10 line tables).
    std::vector<NopLine> nop_lines;
    // Empty, or one per instruction (borrow.hpp): bit d is set when slot d
    // of the value stack (0 at its bottom, up to 63) holds a value a
    // LOAD_FAST_BORROW pushed while the instruction runs, one that CPython
    // 3.14 does not count in the object's reference count.
    std::vector<std::uint64_t> borrowed_slots;
    // Empty, or one per instruction (borrow.hpp): bit d is set when slot d
    // may hold a local's own reference or a duplicate of it (a strong
    // LOAD_FAST, LOAD_FAST_AND_CLEAR, or a COPY or SWAP of one), which 3.14
    // does not count either when the local's is borrowed
    // (Frame::borrowed_stack says whether it is).
    std::vector<std::uint64_t> duplicated_slots;
    std::vector<Constant> constants;
    std::vector<ConstantUse> constant_uses;  // in the compiler's order; the Optimizer ones last
    std::vector<std::string> names;  // attributes, globals, module-level names
    // Fast locals: the parameters first (positional, keyword-only, then *args
    // and **kwargs), then the other locals that need no cell.
    std::vector<std::string> varnames;
    std::vector<std::string> cellvars;  // locals captured by nested scopes
    std::vector<std::string> freevars;  // variables of enclosing scopes
    // For each cellvar, the index in varnames of that name, or -1: a
    // parameter's (whose value MAKE_CELL moves into the cell), or from 3.12 a
    // name an inlined comprehension saves (the slot the frame clears it at).
    std::vector<int> cell2arg;
};

// Python's repr() of a constant ("'a'", "(1, 2)", "<code object f, line 3>"), a str's
// by the runtime's Unicode tables.
std::string constant_repr(const Constant& c, const UnicodeTables& tables);
// Appends the text of the constant's key in CPython's compiler's constant
// cache (_PyCode_ConstantKey): equal texts for the constants it merges into
// one object (same type and value, -0.0 apart from 0.0; code objects by
// identity).
void append_constant_key(const Constant& c, std::string& out);
// repr() of a complex, and a / b as CPython's _Py_c_quot computes it (null
// when b is zero): shared by the constant folder and the VM's complex type.
std::string complex_repr(const Complex& c);
std::optional<Complex> complex_quotient(const Complex& a, const Complex& b);
std::string code_repr(const Code& code);
// The exception table entry that covers instruction `i`, or null.
const ExceptionEntry* handler_of(const Code& code, int i);

}  // namespace lang
