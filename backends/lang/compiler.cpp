// The compiler, after CPython 3.11's Python/compile.c. Each construct is
// compiled to the instruction sequence 3.11 emits for it (the comments name
// the compile.c function it follows); the control-flow constructs push
// "frame blocks" so that return/break/continue can unwind them (call
// __exit__, run finally bodies, pop iterators) on the way out.
//
// Exceptions use 3.11's zero-cost scheme: SETUP_* pseudo instructions mark
// where a handler starts to cover the code, POP_BLOCK where it stops, and the
// assembler turns them into an exception table. It keeps the VM simple (no
// block stack at run time, one table lookup when an exception is raised) and
// each entry's depth says exactly which values the unwinding releases --
// the same values CPython releases, in the same order.
#include "compiler.hpp"

#include <algorithm>
#include <cstring>
#include <map>
#include <optional>
#include <set>
#include <unordered_map>

#include <fmt/format.h>

#include "assembler.hpp"
#include "borrow.hpp"
#include "fold.hpp"
#include "match_compiler.hpp"

namespace lang {

namespace {

using namespace ast;
using lang::Constant;
using lang::Tuple;

constexpr int kMaxBlocks = 20;  // CPython's CO_MAXBLOCKS
constexpr std::size_t kStackUseGuideline = 30;  // CPython's STACK_USE_GUIDELINE: how deep a display may fill the stack

enum class Ctx { Load, Store, Del };

// CPython's fblocktype: what a return/break/continue must undo.
enum class FBlockType {
    WhileLoop,
    ForLoop,
    TryExcept,
    FinallyTry,
    FinallyEnd,
    With,
    HandlerCleanup,
    PopValue,
    ExceptionHandler
};

struct FBlock {
    FBlockType type;
    int block = -1;  // label: loop start
    int exit = -1;  // label: after the loop
    const StmtList* finalbody = nullptr;  // FinallyTry
    const Stmt* with = nullptr;  // With
    const std::string* name = nullptr;  // HandlerCleanup of `except E as name`
};

// Where a tuple folded into another folded tuple is loaded: nowhere.
constexpr std::size_t kFoldedIntoAnother = static_cast<std::size_t>(-1);

// The code object being compiled.
struct Unit {
    Block* block = nullptr;
    std::shared_ptr<Code> code = std::make_shared<Code>();
    std::vector<PendingInstruction> instrs;
    std::vector<int> labels;
    std::unordered_map<std::string, int> names, varnames, cells, frees;
    std::vector<FBlock> fblocks;
    Position loc;
    // LOAD_CONSTs of a tuple of defaults, which CPython's optimizer folds
    // from LOAD_CONSTs and BUILD_TUPLE when it assembles the unit: the
    // constant goes to the end of the table then (exit_scope).
    // An item of another folded tuple has no instruction (kFoldedIntoAnother).
    std::vector<std::pair<std::size_t, Constant>> folded_at_assembly;  // instruction, value
    // A class body's __static_attributes__ (3.13's u_static_attributes).
    std::set<std::string> static_attributes;
    // While an inlined comprehension is compiled (3.12+): the names whose
    // scope in it differs from the unit's, with their scope in it; a module
    // or class body's names it binds, which are fast locals in it
    // (u_fasthidden); and the records of the comprehensions being compiled,
    // innermost last, which take their constants' uses.
    std::map<std::string, Scope> inlined_scopes;
    std::set<std::string> fast_hidden;
    std::vector<Code*> inlined_records;
    // The SWAPs before the stores that restore an inlined comprehension's
    // saved names, which the optimizer may apply statically (exit_scope).
    std::vector<std::size_t> restoring_swaps;
    // The SWAPs of patterns, which the optimizer may apply statically.
    std::vector<std::size_t> pattern_swaps;
};

bool is_constant_expr(const Expr& e) { return e.kind == ExprKind::Constant; }

class Compiler {
  public:
    Compiler(const SymbolTable& symbols, const std::string& filename, Notes& notes, const CompileOptions& options)
        : symbols_(symbols), filename_(filename), notes_(notes), options_(options), folder_(options) {}

    std::shared_ptr<const Code> module(const Module& m) {
        enter_scope(symbols_.block_of(&m), "<module>", "<module>", 1, &m);
        u().loc = Position{1, 0, 1, 0};
        emit(Opcode::RESUME, 0);
        if (find_annotations(m.body)) emit(Opcode::SETUP_ANNOTATIONS);
        body_with_docstring(m.body, false);
        implicit_return();
        return exit_scope();
    }

  private:
    const SymbolTable& symbols_;
    const std::string& filename_;
    Notes& notes_;
    const CompileOptions& options_;
    std::vector<std::unique_ptr<Unit>> units_;
    // How deep the compiler is in a constant test's dead branch that it
    // compiles without emitting (CompileOptions::emits_dead_branches).
    int unemitted_depth_ = 0;
    ConstantFolder folder_;
    std::unordered_map<const Expr*, int> source_nodes_;  // the Source tuples' nodes, numbered
    // How many comprehensions the expression being compiled is inside: a
    // `:=` there binds in the scope around them (PEP 572), which the symbol
    // table does not model, so it is refused.
    int open_comprehensions_ = 0;

    const std::optional<Constant>& fold(const Expr& e) { return folder_.fold(e); }

    Unit& u() { return *units_.back(); }

    // ---- errors ---------------------------------------------------------------------------------

    [[noreturn]] void error(std::string message, const Span& s) const {
        throw syntax_error(std::move(message), filename_, s);
    }
    void unsupported(std::string what, const Span& s) { notes_.unsupported(std::move(what), filename_, s.line, s.col); }

    // ---- warnings -------------------------------------------------------------------------------

    void warn(std::string message) { notes_.warning(u().loc.line, std::move(message)); }

    // The type CPython's compiler infers for `e` (infer_type), or null.
    const char* inferred_type(const Expr& e) {
        switch (e.kind) {
        case ExprKind::Tuple: return "tuple";
        case ExprKind::List:
        case ExprKind::ListComp: return "list";
        case ExprKind::Dict:
        case ExprKind::DictComp: return "dict";
        case ExprKind::Set:
        case ExprKind::SetComp: return "set";
        case ExprKind::GeneratorExp: return "generator";
        case ExprKind::Lambda: return "function";
        case ExprKind::JoinedStr:
        case ExprKind::FormattedValue: return "str";
        case ExprKind::Slice: return "slice";
        default: break;
        }
        const std::optional<Constant>& c = fold(e);
        if (!c) return nullptr;
        static const char* const names[] = {"NoneType", "bool",  "int",      "float", "complex",
                                            "str",      "bytes", "ellipsis", "tuple", "code"};
        return names[c->value.index()];
    }

    // 3.11's check_is_arg: `is` against a literal (not None, True, False, ...).
    bool is_literal(const Expr& e) {
        const std::optional<Constant>& c = fold(e);
        if (!c) return false;
        return !std::holds_alternative<NoneConst>(c->value) && !std::holds_alternative<bool>(c->value) &&
               !std::holds_alternative<EllipsisConst>(c->value);
    }

    void check_compare(const Compare& c) {
        const Expr* left = c.left.get();
        for (std::size_t i = 0; i < c.ops.size(); ++i) {
            const Expr* right = c.comparators[i].get();
            bool is = c.ops[i] == CmpOpKind::Is, is_not = c.ops[i] == CmpOpKind::IsNot;
            if ((is || is_not) && (is_literal(*left) || is_literal(*right)))
                return warn(is ? "\"is\" with a literal. Did you mean \"==\"?"
                               : "\"is not\" with a literal. Did you mean \"!=\"?");
            left = right;
        }
    }

    // 3.11's check_caller: calling a display or a literal.
    void check_caller(const Expr& f) {
        switch (f.kind) {
        case ExprKind::Constant:
        case ExprKind::Tuple:
        case ExprKind::List:
        case ExprKind::ListComp:
        case ExprKind::Dict:
        case ExprKind::DictComp:
        case ExprKind::Set:
        case ExprKind::SetComp:
        case ExprKind::GeneratorExp:
        case ExprKind::JoinedStr:
        case ExprKind::FormattedValue:
            if (const char* type = inferred_type(f))
                warn(fmt::format("'{}' object is not callable; perhaps you missed a comma?", type));
            return;
        default: return;
        }
    }

    // 3.11's check_subscripter and check_index.
    void check_subscript(const Expr& value, const Expr& index) {
        std::optional<Constant> c;
        if (value.kind == ExprKind::Constant || value.kind == ExprKind::UnaryOp) c = fold(value);
        bool not_subscriptable = value.kind == ExprKind::Set || value.kind == ExprKind::SetComp ||
                                 value.kind == ExprKind::GeneratorExp || value.kind == ExprKind::Lambda;
        if (c) {
            const auto& v = c->value;
            not_subscriptable = std::holds_alternative<NoneConst>(v) || std::holds_alternative<EllipsisConst>(v) ||
                                std::holds_alternative<bool>(v) || std::holds_alternative<std::int64_t>(v) ||
                                std::holds_alternative<BigIntConst>(v) || std::holds_alternative<double>(v) ||
                                std::holds_alternative<Complex>(v);
        }
        if (not_subscriptable)
            return warn(
                fmt::format("'{}' object is not subscriptable; perhaps you missed a comma?", inferred_type(value)));
        const char* index_type = inferred_type(index);
        if (!index_type || std::string_view(index_type) == "int" || std::string_view(index_type) == "bool" ||
            std::string_view(index_type) == "slice")
            return;
        bool sequence = value.kind == ExprKind::Tuple || value.kind == ExprKind::List ||
                        value.kind == ExprKind::ListComp || value.kind == ExprKind::JoinedStr ||
                        value.kind == ExprKind::FormattedValue;
        if (c)
            sequence = std::holds_alternative<std::string>(c->value) || std::holds_alternative<Bytes>(c->value) ||
                       std::holds_alternative<Tuple>(c->value);
        if (sequence)
            warn(fmt::format("{} indices must be integers or slices, not {}; perhaps you missed a comma?",
                             inferred_type(value), index_type));
    }

    // ---- emitting -------------------------------------------------------------------------------

    struct LocGuard {
        Unit& unit;
        Position saved;
        LocGuard(Unit& u, const Span& s) : unit(u), saved(u.loc) {
            unit.loc = Position{s.line, s.col, s.end_line, s.end_col};
        }
        ~LocGuard() { unit.loc = saved; }
    };
    LocGuard at(const Span& s) { return LocGuard(u(), s); }
    // Instructions that belong to no line of their own (CPython's UNSET_LOC).
    void unset_loc() { u().loc = Position{}; }

    bool emitting() const { return unemitted_depth_ == 0; }
    void emit(Opcode op, int arg = 0) {
        if (emitting()) u().instrs.push_back({op, arg, u().loc});
    }
    int new_label() {
        u().labels.push_back(-1);
        return static_cast<int>(u().labels.size()) - 1;
    }
    void bind(int label) { u().labels[label] = static_cast<int>(u().instrs.size()); }
    void jump(Opcode op, int label) { emit(op, label); }

    static int constant_index(std::vector<Constant>& consts, Constant c) {
        if (!std::holds_alternative<std::shared_ptr<const Code>>(c.value))
            for (std::size_t i = 0; i < consts.size(); ++i)
                if (consts[i] == c) return static_cast<int>(i);
        consts.push_back(std::move(c));
        return static_cast<int>(consts.size()) - 1;
    }
    // `node`: the source expression a Source tuple was folded from.
    int add_const(Constant c, ConstantUse::Origin origin = ConstantUse::Origin::Source, const Expr* node = nullptr) {
        int source_node = -1;
        if (node && std::holds_alternative<Tuple>(c.value))
            source_node = source_nodes_.try_emplace(node, static_cast<int>(source_nodes_.size())).first->second;
        constant_uses().push_back({origin, c, source_node, !emitting()});
        if (!emitting()) return -1;  // c_do_not_emit_bytecode: no constant added
        return constant_index(u().code->constants, std::move(c));
    }
    // Where the uses of constants go: an inlined comprehension's record, or
    // the unit's code.
    std::vector<ConstantUse>& constant_uses() {
        return u().inlined_records.empty() ? u().code->constant_uses : u().inlined_records.back()->constant_uses;
    }
    void load_const(Constant c, const Expr* node = nullptr) {
        if (options_.cfg_folds_constants)
            if (Tuple* t = std::get_if<Tuple>(&c.value)) return load_folded_in_cfg(std::move(*t));
        emit(Opcode::LOAD_CONST, add_const(std::move(c), ConstantUse::Origin::Source, node));
    }
    // 3.14's codegen loads a tuple of constants item by item and builds it;
    // its CFG optimizer folds the loads, an inner tuple first
    // (fold_tuple_of_constants), so each item is a constant of its own.
    void load_folded_in_cfg(Tuple t) {
        for (const Constant& item : t.items) load_const(item);
        fold_loads_at_assembly(std::move(t));
    }
    void load_made_const(Constant c, ConstantUse::Origin origin = ConstantUse::Origin::Compiler) {
        emit(Opcode::LOAD_CONST, add_const(std::move(c), origin));
    }

    static int index_in(std::unordered_map<std::string, int>& map, std::vector<std::string>& list,
                        const std::string& name) {
        auto [it, inserted] = map.try_emplace(name, static_cast<int>(list.size()));
        if (inserted) list.push_back(name);
        return it->second;
    }
    int name_index(const std::string& name) {
        if (!emitting()) return -1;
        return index_in(u().names, u().code->names, name);
    }
    int varname_index(const std::string& name) { return index_in(u().varnames, u().code->varnames, name); }
    std::string mangled(const std::string& name) { return mangle(u().block->private_name, name); }
    // The scope of `name` where the unit is compiling: an inlined
    // comprehension may give it another.
    Scope scope_of(const std::string& name) {
        auto it = u().inlined_scopes.find(name);
        return it != u().inlined_scopes.end() ? it->second : u().block->scope_of(name);
    }
    // CPython's "localsplus" index of a cell or free variable: cells first.
    int deref_index(const std::string& name) {
        auto c = u().cells.find(name);
        if (c != u().cells.end()) return c->second;
        return static_cast<int>(u().cells.size()) + u().frees.at(name);
    }

    // ---- scopes ---------------------------------------------------------------------------------

    // 3.14's ste_needs_classdict for the classes the model compiles: each
    // def in a class body gets an annotation scope (its `__annotate__`)
    // that reads the class namespace through the `__classdict__` cell.
    bool needs_classdict(const Block& block) const {
        if (!options_.class_dict_cell || block.type != Block::Type::Class) return false;
        return std::any_of(block.children.begin(), block.children.end(), [](const std::unique_ptr<Block>& child) {
            return child->type == Block::Type::Function && !child->is_comprehension && child->name != "lambda";
        });
    }

    void enter_scope(Block& block, std::string name, std::string qualname, int first_line, const void*) {
        units_.push_back(std::make_unique<Unit>());
        Unit& unit = u();
        unit.block = &block;
        Code& code = *unit.code;
        code.name = std::move(name);
        code.qualname = std::move(qualname);
        code.filename = filename_;
        code.first_line = first_line;
        for (const std::string& p : block.params) varname_index(p);
        for (const auto& [n, sym] : block.symbols)
            if (sym.scope == Scope::Cell || (sym.flags & DEF_COMP_CELL)) index_in(unit.cells, code.cellvars, n);
        if (block.needs_class_closure) index_in(unit.cells, code.cellvars, "__class__");
        if (needs_classdict(block)) index_in(unit.cells, code.cellvars, "__classdict__");
        for (const auto& [n, sym] : block.symbols)
            if (sym.scope == Scope::Free || (sym.flags & DEF_FREE_CLASS)) index_in(unit.frees, code.freevars, n);
        if (block.type == Block::Type::Function) code.flags |= CO_OPTIMIZED | CO_NEWLOCALS;
        if (block.is_nested) code.flags |= CO_NESTED;
        if (block.is_coroutine) code.flags |= block.is_generator ? CO_ASYNC_GENERATOR : CO_COROUTINE;
        else if (block.is_generator) code.flags |= CO_GENERATOR;
        code.yield_inside_try = (code.flags & kGeneratorLikeFlags) && block.has_yield_inside_try;
        code.directives = block.directives;
    }

    // Finishes the current unit: prefix instructions, assembly.
    std::shared_ptr<const Code> exit_scope() {
        Unit& unit = u();
        Code& code = *unit.code;
        fold_at_assembly(unit);
        for (std::size_t swap : unit.restoring_swaps) apply_static_swap(unit, swap);
        if (options_.static_pattern_swaps) apply_static_swaps(unit.instrs, unit.labels, unit.pattern_swaps);
        // A cell that is also a varname shares its slot (3.11's
        // compute_localsplus_info): a parameter's, or from 3.12 a name an
        // inlined comprehension saves, whose slot is where its first use in
        // the code put it (LOAD_FAST_AND_CLEAR), not where the cells go.
        for (const std::string& cell : code.cellvars) {
            auto it = unit.varnames.find(cell);
            code.cell2arg.push_back(it == unit.varnames.end() ? -1 : it->second);
        }
        // 3.11's insert_prefix_instructions: free variables, cells, generator.
        std::vector<PendingInstruction> prefix;
        Position first{code.first_line, 0, code.first_line, 0};
        if (!code.freevars.empty())
            prefix.push_back({Opcode::COPY_FREE_VARS, static_cast<int>(code.freevars.size()), first});
        for (std::size_t i = 0; i < code.cellvars.size(); ++i)
            prefix.push_back({Opcode::MAKE_CELL, static_cast<int>(i), first});
        if (code.flags & kGeneratorLikeFlags) {
            prefix.push_back({Opcode::RETURN_GENERATOR, 0, first});
            prefix.push_back({Opcode::POP_TOP, 0, first});
        }
        unit.instrs.insert(unit.instrs.begin(), prefix.begin(), prefix.end());
        for (int& label : unit.labels)
            if (label >= 0) label += static_cast<int>(prefix.size());
        Assembly a = assemble(unit.instrs, unit.labels);
        code.instructions = std::move(a.instructions);
        code.positions = std::move(a.positions);
        code.exception_table = std::move(a.exception_table);
        code.nop_lines = std::move(a.nop_lines);
        code.stacksize = a.stacksize;
        if (options_.borrow_fast_loads) borrow_fast_loads(code);
        std::shared_ptr<const Code> result = std::move(unit.code);
        units_.pop_back();
        return result;
    }

    // The last LOAD_CONSTs, one per item of `t` (their constants stay in the
    // table), become one LOAD_CONST of `t`, placed when the unit is assembled.
    void fold_loads_at_assembly(Tuple t) {
        if (!emitting()) return;
        u().instrs.resize(u().instrs.size() - t.items.size());
        for (auto& [at, value] : u().folded_at_assembly)
            if (at != kFoldedIntoAnother && at >= u().instrs.size()) at = kFoldedIntoAnother;
        u().folded_at_assembly.emplace_back(u().instrs.size(), Constant{std::move(t)});
        emit(Opcode::LOAD_CONST, -1);
    }

    // 3.11's optimize_cfg folds each tuple of constant defaults into a
    // constant appended to the table (or found in it), removes the blocks
    // no path reaches (a constant test's dead branch), and trim_unused_consts
    // then drops the constants at its end that no instruction left loads, but
    // the first (3.12's remove_unused_consts: every one no instruction loads).
    void fold_at_assembly(Unit& unit) const {
        Code& code = *unit.code;
        for (auto& [at, value] : unit.folded_at_assembly) {
            code.constant_uses.push_back({ConstantUse::Origin::Optimizer, value});
            int index = constant_index(code.constants, std::move(value));
            if (at != kFoldedIntoAnother) unit.instrs[at].arg = index;
        }
        std::vector<bool> loaded(code.constants.size());
        std::vector<bool> reached = reachable(unit.instrs, unit.labels);
        for (std::size_t i = 0; i < unit.instrs.size(); ++i)
            if (reached[i] && opcode_arg_kind(unit.instrs[i].op) == ArgKind::CONST) loaded[unit.instrs[i].arg] = true;
        if (!loaded.empty()) loaded[0] = true;  // the first may be a docstring
        if (!options_.removes_unused_constants) {
            while (options_.trims_unused_constants && !loaded.empty() && !loaded.back()) {
                code.constants.pop_back();
                loaded.pop_back();
            }
            return;
        }
        std::vector<int> new_index(code.constants.size(), -1);
        std::vector<Constant> kept;
        for (std::size_t i = 0; i < code.constants.size(); ++i) {
            if (!loaded[i]) continue;
            new_index[i] = static_cast<int>(kept.size());
            kept.push_back(std::move(code.constants[i]));
        }
        code.constants = std::move(kept);
        for (PendingInstruction& in : unit.instrs)
            if (opcode_arg_kind(in.op) == ArgKind::CONST) in.arg = new_index[in.arg];
    }

    // 3.11's compiler_set_qualname, for a def or class (`named`) or a lambda
    // or comprehension about to be compiled in the current unit.
    std::string qualname_for(const std::string& name, bool named) {
        if (units_.size() <= 1) return name;
        const Unit& parent = u();
        if (named && parent.block->scope_of(mangle(parent.block->private_name, name)) == Scope::GlobalExplicit)
            return name;
        bool function = parent.block->type == Block::Type::Function && !parent.block->is_comprehension;
        return parent.code->qualname + (function ? ".<locals>." : ".") + name;
    }

    // The body's docstring: its first statement, when that is a str literal.
    static const Expr* docstring(const StmtList& body) {
        if (body.empty() || body[0]->kind != StmtKind::Expr) return nullptr;
        const Expr& e = *body[0]->as<ExprStmt>().value;
        if (e.kind != ExprKind::Constant || !std::holds_alternative<std::string>(e.as<ast::Constant>().value.value))
            return nullptr;
        return &e;
    }

    // A module or class body: its docstring becomes __doc__.
    void body_with_docstring(const StmtList& body, bool) {
        std::size_t start = 0;
        if (const Expr* doc = docstring(body)) {
            auto loc = at(body[0]->span);
            load_const(*fold(*doc));
            nameop("__doc__", Ctx::Store);
            start = 1;
        }
        for (std::size_t i = start; i < body.size(); ++i) stmt(*body[i]);
    }

    // Does a module or class body contain an annotated name (so that it
    // needs __annotations__)? Nested functions and classes do not count.
    static bool find_annotations(const StmtList& body) {
        for (const StmtPtr& s : body) {
            switch (s->kind) {
            case StmtKind::AnnAssign: return true;
            case StmtKind::If:
                if (find_annotations(s->as<If>().body) || find_annotations(s->as<If>().orelse)) return true;
                break;
            case StmtKind::While:
                if (find_annotations(s->as<While>().body) || find_annotations(s->as<While>().orelse)) return true;
                break;
            case StmtKind::For:
                if (find_annotations(s->as<For>().body) || find_annotations(s->as<For>().orelse)) return true;
                break;
            case StmtKind::With:
                if (find_annotations(s->as<With>().body)) return true;
                break;
            case StmtKind::Match:
                for (const MatchCase& c : s->as<Match>().cases)
                    if (find_annotations(c.body)) return true;
                break;
            case StmtKind::Try: {
                const auto& t = s->as<ast::Try>();
                if (find_annotations(t.body) || find_annotations(t.orelse) || find_annotations(t.finalbody))
                    return true;
                for (const ExceptHandler& h : t.handlers)
                    if (find_annotations(h.body)) return true;
                break;
            }
            default: break;
            }
        }
        return false;
    }

    // ---- names ----------------------------------------------------------------------------------

    // 3.11's compiler_nameop.
    void nameop(const std::string& raw, Ctx ctx) {
        std::string name = mangled(raw);
        Block::Type type = u().block->type;
        bool inlined = !u().inlined_records.empty();
        enum { Fast, Global, Deref, ByName } kind = ByName;
        switch (scope_of(name)) {
        case Scope::Free:
        case Scope::Cell: kind = Deref; break;
        case Scope::Local:
            if (type == Block::Type::Function || u().fast_hidden.count(name)) kind = Fast;
            break;
        case Scope::GlobalImplicit:
            if (type == Block::Type::Function) kind = Global;
            break;
        case Scope::GlobalExplicit: kind = Global; break;
        }
        static constexpr Opcode ops[4][3] = {
            {Opcode::LOAD_FAST, Opcode::STORE_FAST, Opcode::DELETE_FAST},
            {Opcode::LOAD_GLOBAL, Opcode::STORE_GLOBAL, Opcode::DELETE_GLOBAL},
            {Opcode::LOAD_DEREF, Opcode::STORE_DEREF, Opcode::DELETE_DEREF},
            {Opcode::LOAD_NAME, Opcode::STORE_NAME, Opcode::DELETE_NAME},
        };
        Opcode op = ops[kind][static_cast<int>(ctx)];
        // A comprehension inlined in a class body does not see the class's names.
        if (kind == Deref && ctx == Ctx::Load && type == Block::Type::Class && !inlined) op = Opcode::LOAD_CLASSDEREF;
        if (kind == ByName && ctx == Ctx::Load && type == Block::Type::Class && inlined) op = Opcode::LOAD_GLOBAL;
        int arg = kind == Fast ? varname_index(name) : kind == Deref ? deref_index(name) : name_index(name);
        emit(op, arg);
    }

    // ---- frame blocks ---------------------------------------------------------------------------

    void push_fblock(FBlock block, const Span& s) {
        if (u().fblocks.size() >= kMaxBlocks) error("too many statically nested blocks", s);
        u().fblocks.push_back(block);
    }
    void pop_fblock() { u().fblocks.pop_back(); }

    // 3.11's compiler_unwind_fblock: undoes `b` on the way out; with
    // `preserve_tos` the value on top of the stack (a return value) stays.
    void unwind(const FBlock& b, bool preserve_tos) {
        switch (b.type) {
        case FBlockType::WhileLoop:
        case FBlockType::ExceptionHandler: return;
        case FBlockType::ForLoop:
            if (preserve_tos) emit(Opcode::SWAP, 2);
            emit(Opcode::POP_TOP);
            return;
        case FBlockType::TryExcept: emit(Opcode::POP_BLOCK); return;
        case FBlockType::FinallyTry:
            emit(Opcode::POP_BLOCK);
            if (preserve_tos) u().fblocks.push_back({FBlockType::PopValue});
            stmts(*b.finalbody);
            if (preserve_tos) pop_fblock();
            unset_loc();
            return;
        case FBlockType::FinallyEnd:
            if (preserve_tos) emit(Opcode::SWAP, 2);
            emit(Opcode::POP_TOP);
            if (preserve_tos) emit(Opcode::SWAP, 2);
            emit(Opcode::POP_BLOCK);
            emit(Opcode::POP_EXCEPT);
            return;
        case FBlockType::With: {
            auto loc = at(b.with->span);
            emit(Opcode::POP_BLOCK);
            if (preserve_tos) emit(Opcode::SWAP, 2);
            call_exit_with_nones();
            if (b.with->as<With>().is_async) await_result(2);
            emit(Opcode::POP_TOP);
            unset_loc();
            return;
        }
        case FBlockType::HandlerCleanup:
            if (b.name) emit(Opcode::POP_BLOCK);
            if (preserve_tos) emit(Opcode::SWAP, 2);
            emit(Opcode::POP_BLOCK);
            emit(Opcode::POP_EXCEPT);
            if (b.name) clear_handler_name(*b.name);
            return;
        case FBlockType::PopValue:
            if (preserve_tos) emit(Opcode::SWAP, 2);
            emit(Opcode::POP_TOP);
            return;
        }
    }

    // Unwinds the frame blocks down to the innermost loop (returned) or, with
    // `want_loop` false, all of them.
    const FBlock* unwind_stack(bool preserve_tos, bool want_loop) {
        if (u().fblocks.empty()) return nullptr;
        FBlock top = u().fblocks.back();
        if (want_loop && (top.type == FBlockType::WhileLoop || top.type == FBlockType::ForLoop))
            return &u().fblocks.back();
        u().fblocks.pop_back();
        unwind(top, preserve_tos);
        const FBlock* loop = unwind_stack(preserve_tos, want_loop);
        u().fblocks.push_back(top);
        return loop;
    }

    void call_exit_with_nones() {
        load_const(Constant{NoneConst{}});
        load_const(Constant{NoneConst{}});
        load_const(Constant{NoneConst{}});
        emit(Opcode::PRECALL, 2);
        emit(Opcode::CALL, 2);
    }

    void clear_handler_name(const std::string& name) {
        load_const(Constant{NoneConst{}});
        nameop(name, Ctx::Store);
        nameop(name, Ctx::Del);
    }

    void pop_except_and_reraise() {
        emit(Opcode::COPY, 3);
        emit(Opcode::POP_EXCEPT);
        emit(Opcode::RERAISE, 1);
    }

    // ---- statements -----------------------------------------------------------------------------

    void stmts(const StmtList& list) {
        for (const StmtPtr& s : list) stmt(*s);
    }

    void stmt(const Stmt& s) {
        auto loc = at(s.span);
        switch (s.kind) {
        case StmtKind::Expr: {
            const Expr& e = *s.as<ExprStmt>().value;
            if (is_constant_expr(e)) return emit(Opcode::NOP_LINE);  // a docstring-like constant: no code
            expr(e);
            emit(Opcode::POP_TOP);
            return;
        }
        case StmtKind::Assign: return assign(s.as<Assign>());
        case StmtKind::AugAssign: return aug_assign(s.as<AugAssign>());
        case StmtKind::AnnAssign: return ann_assign(s.as<AnnAssign>());
        case StmtKind::Delete:
            for (const ExprPtr& t : s.as<Delete>().targets) target(*t, Ctx::Del);
            return;
        case StmtKind::Pass: return emit(Opcode::NOP_LINE);
        case StmtKind::Global:
        case StmtKind::Nonlocal:
        case StmtKind::Unsupported: return;
        case StmtKind::Break: return break_stmt(s);
        case StmtKind::Continue: return continue_stmt(s);
        case StmtKind::Return: return return_stmt(s.as<Return>());
        case StmtKind::Raise: {
            const auto& r = s.as<Raise>();
            int n = 0;
            if (r.exc) {
                expr(*r.exc), ++n;
                if (r.cause) expr(*r.cause), ++n;
            }
            emit(Opcode::RAISE_VARARGS, n);
            return;
        }
        case StmtKind::Assert: return assert_stmt(s.as<Assert>());
        case StmtKind::Import: return import(s.as<Import>());
        case StmtKind::ImportFrom: return import_from(s.as<ImportFrom>());
        case StmtKind::If: return if_stmt(s.as<If>());
        case StmtKind::While: return while_stmt(s.as<While>());
        case StmtKind::For: return for_stmt(s.as<For>());
        case StmtKind::With: return with_stmt(s.as<With>(), 0);
        case StmtKind::Try: {
            const auto& t = s.as<ast::Try>();
            if (!t.finalbody.empty()) return try_finally(t);
            return try_except(t);
        }
        case StmtKind::FunctionDef: return function_def(s.as<FunctionDef>());
        case StmtKind::ClassDef: return class_def(s.as<ClassDef>());
        case StmtKind::Match: return match_stmt(s);
        }
    }

    // What the match compiler asks of this one.
    class MatchHost final : public PatternHost {
      public:
        explicit MatchHost(Compiler& c) : c_(c) {}
        void emit(Opcode op, int arg) override { c_.emit(op, arg); }
        int new_label() override { return c_.new_label(); }
        void bind(int label) override { c_.bind(label); }
        void locate(const Span& s) override { c_.u().loc = Position{s.line, s.col, s.end_line, s.end_col}; }
        void expr(const Expr& e) override { c_.expr(e); }
        void jump_if(const Expr& e, int label, bool cond) override { c_.jump_if(e, label, cond); }
        void stmts(const StmtList& body) override { c_.stmts(body); }
        void store_name(const std::string& name) override { c_.nameop(name, Ctx::Store); }
        const std::optional<Constant>& fold(const Expr& e) override { return c_.fold(e); }
        void load_made_const(Constant k) override { c_.load_made_const(std::move(k)); }
        void add_unloaded_const(Constant k) override { c_.add_const(std::move(k), ConstantUse::Origin::Compiler); }
        void fold_loads_at_assembly(Tuple t) override { c_.fold_loads_at_assembly(std::move(t)); }
        void note_static_swap() override {
            if (c_.emitting()) c_.u().pattern_swaps.push_back(c_.u().instrs.size());
        }
        // Without the runtime's tables, repr() is exact for ASCII only.
        std::optional<std::string> repr(const Constant& k) const override {
            const auto* text = std::get_if<std::string>(&k.value);
            if (text && std::any_of(text->begin(), text->end(), [](char ch) { return ch & 0x80; })) return std::nullopt;
            return constant_repr(k, UnicodeTables{});
        }
        void unsupported(std::string what, const Span& s) override { c_.unsupported(std::move(what), s); }
        bool class_and_mapping_patterns() const override { return c_.options_.class_and_mapping_patterns; }
        [[noreturn]] void error(std::string message, const Span& s) const override { c_.error(std::move(message), s); }

      private:
        Compiler& c_;
    };

    void match_stmt(const Stmt& s) {
        if (!options_.match_statement)
            return unsupported("'match' statement on a runtime where it is a SyntaxError", s.span);
        MatchHost host(*this);
        compile_match(host, s.as<Match>());
    }

    void assign(const Assign& a) {
        if (a.targets.size() == 1 && swap_assign(*a.targets[0], *a.value)) return;
        expr(*a.value);
        for (std::size_t i = 0; i < a.targets.size(); ++i) {
            if (i + 1 < a.targets.size()) emit(Opcode::COPY, 1);
            target(*a.targets[i], Ctx::Store);
        }
    }

    // `a, b = x, y` with up to three targets: 3.11's optimizer replaces
    // BUILD_TUPLE + UNPACK_SEQUENCE by a SWAP, so no tuple is allocated, and
    // then (apply_static_swaps) drops the SWAP by storing fast locals in the
    // reverse order -- which changes the order the old values are released.
    bool swap_assign(const Expr& lhs, const Expr& value) {
        if ((lhs.kind != ExprKind::Tuple && lhs.kind != ExprKind::List) || value.kind != ExprKind::Tuple) return false;
        const ExprList& targets = lhs.kind == ExprKind::Tuple ? lhs.as<ast::Tuple>().elts : lhs.as<List>().elts;
        const ExprList& values = value.as<ast::Tuple>().elts;
        std::size_t n = values.size();
        if (n < 1 || n > 3 || targets.size() != n || fold(value)) return false;
        for (std::size_t i = 0; i < n; ++i)
            if (targets[i]->kind == ExprKind::Starred || values[i]->kind == ExprKind::Starred) return false;
        for (const ExprPtr& v : values) expr(*v);
        if (n > 1 && distinct_fast_locals_on_one_line(targets)) {
            for (std::size_t i = n; i-- > 0;) target(*targets[i], Ctx::Store);
            return true;
        }
        if (n > 1) {
            auto loc = at(value.span);
            emit(Opcode::SWAP, static_cast<int>(n));
        }
        for (const ExprPtr& t : targets) target(*t, Ctx::Store);
        return true;
    }

    bool distinct_fast_locals_on_one_line(const ExprList& targets) {
        std::set<std::string> seen;
        for (const ExprPtr& t : targets) {
            if (t->kind != ExprKind::Name || t->span.line != targets[0]->span.line) return false;
            std::string name = mangled(t->as<Name>().id);
            if (u().block->type != Block::Type::Function || u().block->scope_of(name) != Scope::Local) return false;
            if (!seen.insert(name).second) return false;
        }
        return true;
    }

    // 3.11's compiler_augassign.
    void aug_assign(const AugAssign& a) {
        const Expr& t = *a.target;
        int op = static_cast<int>(a.op) + kInplaceOffset;
        switch (t.kind) {
        case ExprKind::Attribute: {
            const auto& attr = t.as<Attribute>();
            expr(*attr.value);
            emit(Opcode::COPY, 1);
            {
                auto loc = at(t.span);
                emit(Opcode::LOAD_ATTR, name_index(mangled(attr.attr)));
            }
            expr(*a.value);
            emit(Opcode::BINARY_OP, op);
            auto loc = at(t.span);
            emit(Opcode::SWAP, 2);
            emit(Opcode::STORE_ATTR, name_index(mangled(attr.attr)));
            return;
        }
        case ExprKind::Subscript: {
            const auto& sub = t.as<Subscript>();
            expr(*sub.value);
            subscript_key(*sub.slice);
            emit(Opcode::COPY, 2);
            emit(Opcode::COPY, 2);
            emit(Opcode::BINARY_SUBSCR);
            expr(*a.value);
            emit(Opcode::BINARY_OP, op);
            emit(Opcode::SWAP, 3);
            emit(Opcode::SWAP, 2);
            emit(Opcode::STORE_SUBSCR);
            return;
        }
        default: {  // a name
            auto loc = at(t.span);
            nameop(t.as<Name>().id, Ctx::Load);
            expr(*a.value);
            emit(Opcode::BINARY_OP, op);
            nameop(t.as<Name>().id, Ctx::Store);
            return;
        }
        }
    }

    // 3.11's compiler_annassign: module and class bodies record simple
    // annotations in __annotations__; functions do not evaluate them.
    void ann_assign(const AnnAssign& a) {
        if (a.value) {
            expr(*a.value);
            target(*a.target, Ctx::Store);
        }
        bool evaluated = u().block->type != Block::Type::Function;
        if (a.simple && evaluated) {
            expr(*a.annotation);
            nameop("__annotations__", Ctx::Load);
            load_const(Constant{mangled(a.target->as<Name>().id)});
            emit(Opcode::STORE_SUBSCR);
            return;
        }
        if (!a.value && a.target->kind == ExprKind::Attribute) {
            expr(*a.target->as<Attribute>().value);
            emit(Opcode::POP_TOP);
        } else if (!a.value && a.target->kind == ExprKind::Subscript) {
            expr(*a.target->as<Subscript>().value);
            emit(Opcode::POP_TOP);
            subscript_key(*a.target->as<Subscript>().slice);
            emit(Opcode::POP_TOP);
        }
        if (evaluated && !a.simple) {
            expr(*a.annotation);
            emit(Opcode::POP_TOP);
        }
    }

    void break_stmt(const Stmt& s) {
        const FBlock* loop = unwind_stack(false, true);
        if (!loop) error("'break' outside loop", s.span);
        FBlock copy = *loop;
        unwind(copy, false);
        jump(Opcode::JUMP_FORWARD, copy.exit);
    }

    void continue_stmt(const Stmt& s) {
        const FBlock* loop = unwind_stack(false, true);
        if (!loop) error("'continue' not properly in loop", s.span);
        jump(Opcode::JUMP_BACKWARD, loop->block);
    }

    // 3.11's compiler_return: a non-constant value is computed first and kept
    // on the stack while finally bodies and __exit__ run.
    void return_stmt(const Return& r) {
        if (u().block->type != Block::Type::Function) error("'return' outside function", r.span);
        if (r.value && (u().code->flags & CO_ASYNC_GENERATOR))  // a SyntaxError the model has not recorded
            return unsupported("'return' with a value in an async generator", r.span);
        std::optional<Constant> constant = r.value ? fold(*r.value) : std::optional(Constant{NoneConst{}});
        bool preserve_tos = !constant;
        if (preserve_tos) expr(*r.value);
        unwind_stack(preserve_tos, false);
        if (!preserve_tos) load_const(std::move(*constant), r.value.get());
        emit(Opcode::RETURN_VALUE);
    }

    void assert_stmt(const Assert& a) {
        if (a.test->kind == ExprKind::Tuple && !a.test->as<ast::Tuple>().elts.empty() && !fold(*a.test))
            warn("assertion is always true, perhaps remove parentheses?");
        int end = new_label();
        jump_if(*a.test, end, true);
        emit(Opcode::LOAD_ASSERTION_ERROR);
        if (a.msg) {
            expr(*a.msg);
            emit(Opcode::PRECALL, 0);
            emit(Opcode::CALL, 0);
        }
        emit(Opcode::RAISE_VARARGS, 1);
        bind(end);
    }

    void import(const Import& imp) {
        for (const Alias& a : imp.names) {
            auto loc = at(a.span);
            load_const(Constant{std::int64_t{0}});
            load_const(Constant{NoneConst{}});
            emit(Opcode::IMPORT_NAME, name_index(a.name));
            if (a.asname.empty()) {
                nameop(a.name.substr(0, a.name.find('.')), Ctx::Store);
                continue;
            }
            // `import a.b.c as d` binds d to the submodule (3.11's compiler_import_as).
            std::size_t dot = a.name.find('.');
            if (dot == std::string::npos) {
                nameop(a.asname, Ctx::Store);
                continue;
            }
            for (;;) {
                std::size_t next = a.name.find('.', dot + 1);
                emit(Opcode::IMPORT_FROM, name_index(a.name.substr(dot + 1, next - dot - 1)));
                if (next == std::string::npos) break;
                emit(Opcode::SWAP, 2);
                emit(Opcode::POP_TOP);
                dot = next;
            }
            nameop(a.asname, Ctx::Store);
            emit(Opcode::POP_TOP);
        }
    }

    void import_from(const ImportFrom& imp) {
        load_const(Constant{std::int64_t{imp.level}});
        Tuple names;
        for (const Alias& a : imp.names) names.items.push_back(Constant{a.name});
        load_made_const(Constant{std::move(names)});
        emit(Opcode::IMPORT_NAME, name_index(imp.module));
        if (imp.names.size() == 1 && imp.names[0].name == "*") {
            emit(Opcode::IMPORT_STAR);
            return;
        }
        for (const Alias& a : imp.names) {
            auto loc = at(a.span);
            emit(Opcode::IMPORT_FROM, name_index(a.name));
            nameop(a.asname.empty() ? a.name : a.asname, Ctx::Store);
        }
        emit(Opcode::POP_TOP);
    }

    // To 3.9 (CompileOptions::emits_dead_branches false) compiler_if and
    // compiler_while do not visit a constant test: the branch it rules out
    // is compiled without emitting anything.
    void unemitted(const StmtList& body) {
        ++unemitted_depth_;
        stmts(body);
        --unemitted_depth_;
    }
    std::optional<bool> static_truth(const Expr& test) {
        if (options_.emits_dead_branches) return std::nullopt;
        if (const auto& c = fold(test)) return constant_truth(*c);
        return std::nullopt;
    }

    void if_stmt(const If& s) {
        if (std::optional<bool> truth = static_truth(*s.test)) {
            if (*truth) {
                stmts(s.body);
                unemitted(s.orelse);
            } else {
                unemitted(s.body);
                stmts(s.orelse);
            }
            return;
        }
        int end = new_label();
        int next = s.orelse.empty() ? end : new_label();
        jump_if(*s.test, next, false);
        stmts(s.body);
        if (!s.orelse.empty()) {
            unset_loc();
            jump(Opcode::JUMP_FORWARD, end);
            bind(next);
            stmts(s.orelse);
        }
        bind(end);
    }

    void while_stmt(const While& s) {
        if (static_truth(*s.test) == false) {
            int exit = new_label();
            push_fblock({FBlockType::WhileLoop, exit, exit}, s.span);  // for break and continue to find
            unemitted(s.body);
            pop_fblock();
            stmts(s.orelse);
            bind(exit);
            return;
        }
        int loop = new_label(), body = new_label(), anchor = new_label(), exit = new_label();
        bind(loop);
        push_fblock({FBlockType::WhileLoop, loop, exit}, s.span);
        jump_if(*s.test, anchor, false);
        bind(body);
        stmts(s.body);
        {
            // 3.10-3.13's compiler_while tests again at the bottom: the jump
            // back, where 3.12+ checks the eval breaker, comes after the test.
            auto loc = at(s.span);
            if (options_.while_test_at_bottom) {
                jump_if(*s.test, anchor, false);
                jump(Opcode::JUMP_BACKWARD, body);
            } else {
                jump(Opcode::JUMP_BACKWARD, loop);
            }
        }
        pop_fblock();
        bind(anchor);
        stmts(s.orelse);
        bind(exit);
    }

    void for_stmt(const For& s) {
        if (s.is_async) return async_for_stmt(s);
        int start = new_label(), cleanup = new_label(), end = new_label();
        push_fblock({FBlockType::ForLoop, start, end}, s.span);
        iterable(*s.iter);
        emit(Opcode::GET_ITER);
        bind(start);
        jump(Opcode::FOR_ITER, cleanup);
        target(*s.target, Ctx::Store);
        stmts(s.body);
        unset_loc();
        jump(Opcode::JUMP_BACKWARD, start);
        bind(cleanup);
        pop_fblock();
        stmts(s.orelse);
        bind(end);
    }

    // 3.11's compiler_async_for: each __anext__() awaited under a handler
    // that ends the loop at StopAsyncIteration.
    void async_for_stmt(const For& s) {
        if (!u().block->is_coroutine) return unsupported("'async for' outside an async function", s.span);
        int start = new_label(), except = new_label(), end = new_label();
        expr(*s.iter);
        emit(Opcode::GET_AITER);
        bind(start);
        push_fblock({FBlockType::ForLoop, start, end}, s.span);
        jump(Opcode::SETUP_FINALLY, except);
        emit(Opcode::GET_ANEXT);
        send_loop(3);
        emit(Opcode::POP_BLOCK);
        target(*s.target, Ctx::Store);
        stmts(s.body);
        unset_loc();
        jump(Opcode::JUMP_BACKWARD, start);
        pop_fblock();
        bind(except);
        {
            auto loc = at(s.iter->span);
            emit(Opcode::END_ASYNC_FOR);
        }
        stmts(s.orelse);
        bind(end);
    }

    // GET_AWAITABLE (`where`: 1 __aenter__'s result, 2 __aexit__'s) and
    // the SEND loop of an await.
    void await_result(int where) {
        emit(Opcode::GET_AWAITABLE, where);
        send_loop(3);
    }

    // What `for` and `in` iterate: a list display becomes a tuple, a constant
    // one if it can, and a set display of constants a frozenset (ast_opt.c's
    // fold_iter; PyPy's only for `in`, its `membership`).
    void iterable(const Expr& e, bool membership = false) {
        if (e.kind == ExprKind::Set && (membership || options_.constant_sets_frozen))
            if (std::optional<Constant> frozen = frozen_set(e.as<ast::Set>().elts)) {
                frozen->arena_refs = options_.cfg_folds_constants ? 0 : 1;  // ast_opt.c's, in the arena
                return load_const(std::move(*frozen), &e);
            }
        if (e.kind != ExprKind::List) return expr(e);
        const ExprList& elts = e.as<List>().elts;
        for (const ExprPtr& elt : elts)
            if (elt->kind == ExprKind::Starred) return expr(e);
        auto loc = at(e.span);
        Tuple t;
        for (const ExprPtr& elt : elts) {
            auto c = fold(*elt);
            if (!c) return display(elts, Opcode::BUILD_TUPLE);
            t.items.push_back(std::move(*c));
        }
        load_const(Constant{std::move(t)}, &e);
    }

    // The frozenset of a set display whose items are all constants, or none.
    // Items equal but of other types (1 and True, 1 and 1.0) are one item of
    // the set, whichever came first: not modeled.
    std::optional<Constant> frozen_set(const ExprList& elts) {
        FrozenSet set;
        for (const ExprPtr& elt : elts) {
            const auto& c = fold(*elt);
            if (!c) return std::nullopt;
            set.items.push_back(*c);
        }
        auto number = [](const Constant& c) -> std::optional<Complex> {
            if (auto* b = std::get_if<bool>(&c.value)) return Complex{*b ? 1.0 : 0.0, 0.0};
            if (auto* i = std::get_if<std::int64_t>(&c.value)) return Complex{static_cast<double>(*i), 0.0};
            // Near enough: a big int and a float that round alike stop the program, equal or not.
            if (auto* i = std::get_if<BigIntConst>(&c.value))
                return Complex{std::strtod(i->decimal.c_str(), nullptr), 0.0};
            if (auto* d = std::get_if<double>(&c.value)) return Complex{*d, 0.0};
            if (auto* z = std::get_if<Complex>(&c.value)) return *z;
            return std::nullopt;
        };
        for (std::size_t i = 0; i < set.items.size(); ++i)
            for (std::size_t j = 0; j < i; ++j) {
                auto is_int = [](const Constant& c) {
                    return std::holds_alternative<std::int64_t>(c.value) ||
                           std::holds_alternative<BigIntConst>(c.value);
                };
                if (is_int(set.items[i]) && is_int(set.items[j])) continue;  // equal ints are equal constants
                auto a = number(set.items[i]), b = number(set.items[j]);
                if (a && b && a->real == b->real && a->imag == b->imag && !(set.items[i] == set.items[j]))
                    unsupported("a set display of constants equal but of other types", elts[i]->span);
            }
        return Constant{std::move(set)};
    }

    // 3.11's compiler_try_except.
    void try_except(const ast::Try& t) {
        int body = new_label(), except = new_label(), end = new_label(), cleanup = new_label();
        jump(Opcode::SETUP_FINALLY, except);
        bind(body);
        push_fblock({FBlockType::TryExcept, body}, t.span);
        stmts(t.body);
        pop_fblock();
        unset_loc();
        emit(Opcode::POP_BLOCK);
        stmts(t.orelse);
        unset_loc();
        jump(Opcode::JUMP_FORWARD, end);

        bind(except);
        jump(Opcode::SETUP_CLEANUP, cleanup);
        emit(Opcode::PUSH_EXC_INFO);
        push_fblock({FBlockType::ExceptionHandler}, t.span);
        for (std::size_t i = 0; i < t.handlers.size(); ++i) {
            const ExceptHandler& h = t.handlers[i];
            auto loc = at(h.span);
            if (!h.type && i + 1 < t.handlers.size()) error("default 'except:' must be last", h.span);
            int next_except = new_label();
            if (h.type) {
                expr(*h.type);
                emit(Opcode::CHECK_EXC_MATCH);
                jump(Opcode::POP_JUMP_IF_FALSE, next_except);
            }
            handler_body(h, end);
            bind(next_except);
        }
        unset_loc();
        pop_fblock();
        emit(Opcode::RERAISE, 0);
        bind(cleanup);
        pop_except_and_reraise();
        bind(end);
    }

    // The body of one except clause; `except E as name` clears `name` on
    // every way out, as CPython's `name = None; del name`.
    void handler_body(const ExceptHandler& h, int end) {
        int cleanup_body = new_label();
        if (!h.name.empty()) {
            int cleanup_end = new_label();
            nameop(h.name, Ctx::Store);
            jump(Opcode::SETUP_CLEANUP, cleanup_end);
            bind(cleanup_body);
            push_fblock({FBlockType::HandlerCleanup, cleanup_body, -1, nullptr, nullptr, &h.name}, h.span);
            stmts(h.body);
            pop_fblock();
            unset_loc();
            emit(Opcode::POP_BLOCK);
            emit(Opcode::POP_BLOCK);
            emit(Opcode::POP_EXCEPT);
            clear_handler_name(h.name);
            jump(Opcode::JUMP_FORWARD, end);
            bind(cleanup_end);
            clear_handler_name(h.name);
            emit(Opcode::RERAISE, 1);
            return;
        }
        emit(Opcode::POP_TOP);
        bind(cleanup_body);
        push_fblock({FBlockType::HandlerCleanup, cleanup_body}, h.span);
        stmts(h.body);
        pop_fblock();
        unset_loc();
        emit(Opcode::POP_BLOCK);
        emit(Opcode::POP_EXCEPT);
        jump(Opcode::JUMP_FORWARD, end);
    }

    // 3.11's compiler_try_finally: the finally body is emitted twice, once
    // for the normal way out and once as the exception handler.
    void try_finally(const ast::Try& t) {
        int body = new_label(), end = new_label(), exit = new_label(), cleanup = new_label();
        jump(Opcode::SETUP_FINALLY, end);
        bind(body);
        push_fblock({FBlockType::FinallyTry, body, end, &t.finalbody}, t.span);
        if (!t.handlers.empty()) try_except(t);
        else stmts(t.body);
        unset_loc();
        emit(Opcode::POP_BLOCK);
        pop_fblock();
        stmts(t.finalbody);
        unset_loc();
        jump(Opcode::JUMP_FORWARD, exit);

        bind(end);
        jump(Opcode::SETUP_CLEANUP, cleanup);
        emit(Opcode::PUSH_EXC_INFO);
        push_fblock({FBlockType::FinallyEnd, end}, t.span);
        stmts(t.finalbody);
        pop_fblock();
        unset_loc();
        emit(Opcode::RERAISE, 0);
        bind(cleanup);
        pop_except_and_reraise();
        bind(exit);
    }

    // 3.11's compiler_with, one item at a time.
    void with_stmt(const With& w, std::size_t pos) {
        const WithItem& item = w.items[pos];
        if (w.is_async && !u().block->is_coroutine)
            return unsupported("'async with' outside an async function", w.span);
        int block = new_label(), final = new_label(), exit = new_label();
        expr(*item.context_expr);
        {
            auto loc = at(w.span);
            emit(w.is_async ? Opcode::BEFORE_ASYNC_WITH : Opcode::BEFORE_WITH);
            if (w.is_async) await_result(1);
        }
        jump(Opcode::SETUP_WITH, final);
        bind(block);
        push_fblock({FBlockType::With, block, final, nullptr, &w}, w.span);
        if (item.optional_vars) target(*item.optional_vars, Ctx::Store);
        else emit(Opcode::POP_TOP);
        if (pos + 1 == w.items.size()) stmts(w.body);
        else with_stmt(w, pos + 1);
        pop_fblock();
        auto loc = at(w.span);
        emit(Opcode::POP_BLOCK);
        call_exit_with_nones();
        if (w.is_async) await_result(2);
        emit(Opcode::POP_TOP);
        jump(Opcode::JUMP_FORWARD, exit);

        bind(final);
        int cleanup = new_label(), suppressed = new_label();
        jump(Opcode::SETUP_CLEANUP, cleanup);
        emit(Opcode::PUSH_EXC_INFO);
        emit(Opcode::WITH_EXCEPT_START);
        if (w.is_async) await_result(2);
        jump(Opcode::POP_JUMP_IF_TRUE, suppressed);
        emit(Opcode::RERAISE, 2);
        bind(cleanup);
        pop_except_and_reraise();
        bind(suppressed);
        emit(Opcode::POP_TOP);
        emit(Opcode::POP_BLOCK);
        emit(Opcode::POP_EXCEPT);
        emit(Opcode::POP_TOP);
        emit(Opcode::POP_TOP);
        bind(exit);
    }

    // ---- functions and classes ------------------------------------------------------------------

    // Pushes defaults, keyword-only defaults and annotations of a def or
    // lambda; returns the MAKE_FUNCTION flags they need.
    int function_extras(const Arguments& args, const ExprPtr* returns) {
        int flags = 0;
        if (!args.defaults.empty()) {
            // Loaded one by one, folded into one constant at assembly.
            Tuple t;
            for (const ExprPtr& d : args.defaults) {
                expr(*d);
                if (const auto& c = fold(*d)) t.items.push_back(*c);
            }
            if (t.items.size() == args.defaults.size()) {
                fold_loads_at_assembly(std::move(t));
            } else {
                emit(Opcode::BUILD_TUPLE, static_cast<int>(args.defaults.size()));
            }
            flags |= MF_DEFAULTS;
        }
        Tuple kw_names;
        for (std::size_t i = 0; i < args.kwonlyargs.size(); ++i) {
            if (!args.kw_defaults[i]) continue;
            Constant name{mangled(args.kwonlyargs[i].name)};
            if (!options_.const_key_maps) {
                load_const(name);  // 3.14's codegen_kwonlydefaults: each name, then its value
            } else if (kw_names.items.empty()) {
                constant_uses().push_back({ConstantUse::Origin::TemporaryList, {}});
            }
            kw_names.items.push_back(std::move(name));
            expr(*args.kw_defaults[i]);
        }
        if (!kw_names.items.empty()) {
            int n = static_cast<int>(kw_names.items.size());
            if (options_.const_key_maps) {
                load_made_const(Constant{std::move(kw_names)}, ConstantUse::Origin::CompilerFromList);
                emit(Opcode::BUILD_CONST_KEY_MAP, n);
            } else {
                emit(Opcode::BUILD_MAP, n);
            }
            flags |= MF_KWDEFAULTS;
        }
        int annotations = 0;
        auto annotate = [&](const std::string& name, const ExprPtr& annotation) {
            if (!annotation || annotation->kind == ExprKind::Starred) return;  // *Ts: unsupported, noted by the parser
            load_const(Constant{mangled(name)});
            expr(*annotation);
            annotations += 2;
        };
        for (const Arg& a : args.posonlyargs) annotate(a.name, a.annotation);
        for (const Arg& a : args.args) annotate(a.name, a.annotation);
        if (args.vararg) annotate(args.vararg->name, args.vararg->annotation);
        for (const Arg& a : args.kwonlyargs) annotate(a.name, a.annotation);
        if (args.kwarg) annotate(args.kwarg->name, args.kwarg->annotation);
        if (returns) annotate("return", *returns);
        if (annotations) {
            emit(Opcode::BUILD_TUPLE, annotations);
            flags |= MF_ANNOTATIONS;
        }
        return flags;
    }

    static void set_arg_counts(Code& code, const Arguments& args) {
        code.posonlyargcount = static_cast<int>(args.posonlyargs.size());
        code.argcount = code.posonlyargcount + static_cast<int>(args.args.size());
        code.kwonlyargcount = static_cast<int>(args.kwonlyargs.size());
        if (args.vararg) code.flags |= CO_VARARGS;
        if (args.kwarg) code.flags |= CO_VARKEYWORDS;
    }

    // Pushes the closure of `code` (if any) and the function: 3.11's
    // compiler_make_closure.
    void make_closure(const std::shared_ptr<const Code>& code, int flags) {
        if (!code->freevars.empty()) {
            for (const std::string& name : code->freevars) {
                // A class body's __class__ cell and other free names are all
                // cells or free variables of the current unit.
                emit(Opcode::LOAD_CLOSURE, deref_index(name));
            }
            emit(Opcode::BUILD_TUPLE, static_cast<int>(code->freevars.size()));
            flags |= MF_CLOSURE;
        }
        load_const(Constant{code});
        emit(Opcode::MAKE_FUNCTION, flags);
    }

    void function_def(const FunctionDef& f) {
        for (const ExprPtr& d : f.decorators) expr(*d);
        int flags = function_extras(f.args, f.returns ? &f.returns : nullptr);
        Block& block = symbols_.block_of(&f);
        std::string qualname = qualname_for(f.name, true);
        enter_scope(block, f.name, std::move(qualname), first_line(f.span, f.decorators), &f);
        set_arg_counts(*u().code, f.args);
        const Expr* doc = docstring(f.body);
        if (doc) add_const(*fold(*doc));
        else if (options_.doc_constant_always) add_const(Constant{NoneConst{}});
        u().loc = Position{f.span.line, f.span.col, f.span.line, f.span.col};
        emit(Opcode::RESUME, 0);
        for (std::size_t i = doc ? 1 : 0; i < f.body.size(); ++i) stmt(*f.body[i]);
        implicit_return();
        std::shared_ptr<const Code> code = exit_scope();
        make_closure(code, flags);
        apply_decorators(f.decorators);
        nameop(f.name, Ctx::Store);
    }

    // co_firstlineno of a definition: its first decorator's line.
    static int first_line(const Span& definition, const ExprList& decorators) {
        return decorators.empty() ? definition.line : decorators.front()->span.line;
    }

    // 3.11's compiler_apply_decorators: each decorator, innermost first, is
    // called with what lies above it on the stack as its argument.
    void apply_decorators(const ExprList& decorators) {
        for (auto d = decorators.rbegin(); d != decorators.rend(); ++d) {
            auto loc = at((*d)->span);
            emit(Opcode::PRECALL, 0);
            emit(Opcode::CALL, 0);
        }
    }

    // Skipped after a final `return` or `raise`, unless a jump lands past it
    // (the end of an `if` whose body returns): CPython removes it as
    // unreachable, and with it the None it would load.
    void implicit_return() {
        // The NOP_LINEs of statements after the last instruction are no code.
        const auto& instrs = u().instrs;
        auto last = std::find_if(instrs.rbegin(), instrs.rend(),
                                 [](const PendingInstruction& in) { return in.op != Opcode::NOP_LINE; });
        const auto end = static_cast<int>(instrs.rend() - last);
        bool jump_to_end = std::any_of(u().labels.begin(), u().labels.end(), [&](int label) { return label >= end; });
        bool ends = last != instrs.rend() && (last->op == Opcode::RETURN_VALUE || last->op == Opcode::RAISE_VARARGS ||
                                              last->op == Opcode::RERAISE);
        if (ends && !jump_to_end) return;
        unset_loc();
        load_const(Constant{NoneConst{}});
        emit(Opcode::RETURN_VALUE);
    }

    // 3.11's compiler_class: the body is a function run by __build_class__.
    void class_def(const ClassDef& c) {
        check_repeated_keywords(c.keywords);
        if (unpacks(c.bases, c.keywords)) return unsupported("unpacking in a class definition", c.span);
        for (const ExprPtr& d : c.decorators) expr(*d);
        Block& block = symbols_.block_of(&c);
        std::string qualname = qualname_for(c.name, true);
        enter_scope(block, c.name, qualname, first_line(c.span, c.decorators), &c);
        u().loc = Position{c.span.line, c.span.col, c.span.line, c.span.col};
        emit(Opcode::RESUME, 0);
        nameop("__name__", Ctx::Load);
        nameop("__module__", Ctx::Store);
        load_const(Constant{qualname});
        nameop("__qualname__", Ctx::Store);
        if (options_.class_static_attributes) {
            load_const(Constant{static_cast<std::int64_t>(first_line(c.span, c.decorators))});
            nameop("__firstlineno__", Ctx::Store);
        }
        if (needs_classdict(block)) {
            emit(Opcode::LOAD_LOCALS);
            emit(Opcode::STORE_DEREF, deref_index("__classdict__"));
        }
        if (find_annotations(c.body)) emit(Opcode::SETUP_ANNOTATIONS);
        body_with_docstring(c.body, true);
        unset_loc();
        if (options_.class_static_attributes) {
            // The set's names sorted into a list, made a tuple (3.13's
            // compiler_class_body).
            Tuple attributes;
            for (const std::string& name : u().static_attributes) attributes.items.push_back(Constant{name});
            constant_uses().push_back({ConstantUse::Origin::TemporaryList, {}});
            load_made_const(Constant{std::move(attributes)}, ConstantUse::Origin::CompilerFromList);
            nameop("__static_attributes__", Ctx::Store);
        }
        if (needs_classdict(block)) {
            emit(Opcode::LOAD_CLOSURE, deref_index("__classdict__"));
            nameop("__classdictcell__", Ctx::Store);
        }
        if (block.needs_class_closure) {
            emit(Opcode::LOAD_CLOSURE, deref_index("__class__"));
            emit(Opcode::COPY, 1);
            nameop("__classcell__", Ctx::Store);
        } else {
            load_const(Constant{NoneConst{}});
        }
        emit(Opcode::RETURN_VALUE);
        std::shared_ptr<const Code> code = exit_scope();

        auto loc = at(c.span);
        emit(Opcode::PUSH_NULL);
        emit(Opcode::LOAD_BUILD_CLASS);
        make_closure(code, 0);
        load_const(Constant{c.name});
        call_arguments(c.bases, c.keywords, 2);
        apply_decorators(c.decorators);
        nameop(c.name, Ctx::Store);
    }

    // 3.13's compiler_visit_expr1 for an attribute stored through a name
    // `self`: the attribute, unmangled, joins the __static_attributes__ of
    // the nearest class whose body encloses the current unit (not the
    // current unit itself: a class body's own `self.x = ...` does not count).
    void note_static_attribute(const Attribute& a) {
        if (!options_.class_static_attributes || a.value->kind != ExprKind::Name || a.value->as<Name>().id != "self")
            return;
        for (std::size_t i = units_.size() - 1; i-- > 0;) {
            if (units_[i]->block->type != Block::Type::Class) continue;
            units_[i]->static_attributes.insert(a.attr);
            return;
        }
    }

    // ---- targets --------------------------------------------------------------------------------

    // Stores the value on top of the stack into `t` (or deletes `t`).
    void target(const Expr& t, Ctx ctx) {
        auto loc = at(t.span);
        switch (t.kind) {
        case ExprKind::Name: return nameop(t.as<Name>().id, ctx);
        case ExprKind::Attribute:
            if (ctx == Ctx::Store) note_static_attribute(t.as<Attribute>());
            expr(*t.as<Attribute>().value);
            if (ctx == Ctx::Store) emit(Opcode::STORE_ATTR, name_index(mangled(t.as<Attribute>().attr)));
            else emit(Opcode::DELETE_ATTR, name_index(mangled(t.as<Attribute>().attr)));
            return;
        case ExprKind::Subscript:
            expr(*t.as<Subscript>().value);
            subscript_key(*t.as<Subscript>().slice);
            emit(ctx == Ctx::Store ? Opcode::STORE_SUBSCR : Opcode::DELETE_SUBSCR);
            return;
        case ExprKind::Tuple:
        case ExprKind::List: {
            const ExprList& elts = t.kind == ExprKind::Tuple ? t.as<ast::Tuple>().elts : t.as<List>().elts;
            if (ctx == Ctx::Store) {
                int starred = -1, n = static_cast<int>(elts.size());
                for (int i = 0; i < n; ++i) {
                    if (elts[i]->kind != ExprKind::Starred) continue;
                    if (starred >= 0) error("multiple starred expressions in assignment", t.span);
                    starred = i;
                }
                if (starred < 0) emit(Opcode::UNPACK_SEQUENCE, n);
                else if (starred >= 256 || n - starred - 1 >= (1 << 24))
                    error("too many expressions in star-unpacking assignment", elts[starred]->span);
                else emit(Opcode::UNPACK_EX, starred | (n - starred - 1) << 8);
            }
            for (const ExprPtr& e : elts) target(e->kind == ExprKind::Starred ? *e->as<Starred>().value : *e, ctx);
            return;
        }
        case ExprKind::Starred: error("starred assignment target must be in a list or tuple", t.span);
        default: return;  // rejected by the parser
        }
    }

    void subscript_key(const Expr& slice) {
        if (slice.kind != ExprKind::Slice) return expr(slice);
        const auto& s = slice.as<Slice>();
        auto loc = at(slice.span);
        for (const ExprPtr* part : {&s.lower, &s.upper}) {
            if (*part) expr(**part);
            else load_const(Constant{NoneConst{}});
        }
        if (s.step) expr(*s.step);
        emit(Opcode::BUILD_SLICE, s.step ? 3 : 2);
    }

    // ---- expressions ----------------------------------------------------------------------------

    // 3.11's compiler_jump_if: jumps to `label` if `e` is true (cond) or false.
    void jump_if(const Expr& e, int label, bool cond) {
        auto loc = at(e.span);
        if (const auto& c = fold(e)) {
            add_const(*c, ConstantUse::Origin::Source, &e);  // loaded in 3.11; its optimizer drops the load only
            if (options_.constant_tests_to_bools)
                constant_uses().push_back({ConstantUse::Origin::TestTruth, Constant{constant_truth(*c)}});
            if (constant_truth(*c) == cond) jump(Opcode::JUMP_FORWARD, label);
            return;
        }
        if (e.kind == ExprKind::UnaryOp && e.as<UnaryOp>().op == UnaryOpKind::Not)
            return jump_if(*e.as<UnaryOp>().operand, label, !cond);
        if (e.kind == ExprKind::BoolOp) {
            const auto& b = e.as<BoolOp>();
            bool cond2 = !b.is_and;  // `or`: any true value decides
            int next = cond2 == cond ? label : new_label();
            for (std::size_t i = 0; i + 1 < b.values.size(); ++i) jump_if(*b.values[i], next, cond2);
            jump_if(*b.values.back(), label, cond);
            if (next != label) bind(next);
            return;
        }
        expr(e);
        jump(cond ? Opcode::POP_JUMP_IF_TRUE : Opcode::POP_JUMP_IF_FALSE, label);
    }

    void expr(const Expr& e) {
        auto loc = at(e.span);
        if (e.kind != ExprKind::Constant) {
            if (const auto& c = fold(e)) return load_const(*c, &e);
        }
        switch (e.kind) {
        case ExprKind::Name: return nameop(e.as<Name>().id, Ctx::Load);
        case ExprKind::Constant: return load_const(*fold(e));
        case ExprKind::JoinedStr: {
            const ExprList& values = e.as<JoinedStr>().values;
            for (const ExprPtr& v : values) expr(*v);
            if (values.size() != 1) emit(Opcode::BUILD_STRING, static_cast<int>(values.size()));
            return;
        }
        case ExprKind::FormattedValue: {
            const auto& field = e.as<FormattedValue>();
            expr(*field.value);
            if (field.format_spec) expr(*field.format_spec);
            emit(Opcode::FORMAT_VALUE, static_cast<int>(field.conversion) | (field.format_spec ? kFormatWithSpec : 0));
            return;
        }
        case ExprKind::Tuple: return display(e.as<ast::Tuple>().elts, Opcode::BUILD_TUPLE);
        case ExprKind::List: return display(e.as<List>().elts, Opcode::BUILD_LIST);
        case ExprKind::Set: return display(e.as<Set>().elts, Opcode::BUILD_SET);
        case ExprKind::Dict: return dict(e.as<Dict>());
        case ExprKind::ListComp:
        case ExprKind::SetComp:
        case ExprKind::DictComp:
        case ExprKind::GeneratorExp: return comprehension(e);
        case ExprKind::Attribute:
            expr(*e.as<Attribute>().value);
            emit(Opcode::LOAD_ATTR, name_index(mangled(e.as<Attribute>().attr)));
            return;
        case ExprKind::Subscript:
            check_subscript(*e.as<Subscript>().value, *e.as<Subscript>().slice);
            expr(*e.as<Subscript>().value);
            subscript_key(*e.as<Subscript>().slice);
            emit(Opcode::BINARY_SUBSCR);
            return;
        case ExprKind::Slice: return subscript_key(e);
        case ExprKind::Call: return call(e.as<Call>());
        case ExprKind::BinOp:
            if (percent_format(e.as<BinOp>())) return;
            expr(*e.as<BinOp>().left);
            expr(*e.as<BinOp>().right);
            emit(Opcode::BINARY_OP, static_cast<int>(e.as<BinOp>().op));
            return;
        case ExprKind::UnaryOp: {
            static constexpr Opcode ops[] = {Opcode::UNARY_INVERT, Opcode::UNARY_NOT, Opcode::UNARY_POSITIVE,
                                             Opcode::UNARY_NEGATIVE};
            expr(*e.as<UnaryOp>().operand);
            emit(ops[static_cast<int>(e.as<UnaryOp>().op)]);
            return;
        }
        case ExprKind::BoolOp: {
            const auto& b = e.as<BoolOp>();
            int end = new_label();
            for (std::size_t i = 0; i + 1 < b.values.size(); ++i) {
                expr(*b.values[i]);
                jump(b.is_and ? Opcode::JUMP_IF_FALSE_OR_POP : Opcode::JUMP_IF_TRUE_OR_POP, end);
            }
            expr(*b.values.back());
            bind(end);
            return;
        }
        case ExprKind::Compare: return compare(e.as<Compare>());
        case ExprKind::IfExp: {
            const auto& i = e.as<IfExp>();
            int end = new_label(), next = new_label();
            jump_if(*i.test, next, false);
            expr(*i.body);
            jump(Opcode::JUMP_FORWARD, end);
            bind(next);
            expr(*i.orelse);
            bind(end);
            return;
        }
        case ExprKind::Lambda: return lambda(e);
        case ExprKind::Yield: {
            if (u().block->type != Block::Type::Function) error("'yield' outside function", e.span);
            if (e.as<Yield>().value) expr(*e.as<Yield>().value);
            else load_const(Constant{NoneConst{}});
            emit(Opcode::YIELD_VALUE);
            emit(Opcode::RESUME, 1);
            return;
        }
        case ExprKind::YieldFrom: {
            if (u().block->type != Block::Type::Function) error("'yield' outside function", e.span);
            if (u().block->is_coroutine) {  // a SyntaxError whose wording the model has not recorded
                unsupported("'yield from' inside an async function", e.span);
                return load_const(Constant{NoneConst{}});
            }
            expr(*e.as<YieldFrom>().value);
            emit(Opcode::GET_YIELD_FROM_ITER);
            return send_loop(2);
        }
        case ExprKind::Await: {
            // Outside an async def it is a SyntaxError, or inside a
            // comprehension an asynchronous one: neither is modeled.
            if (!u().block->is_coroutine) {
                unsupported("'await' outside an async function", e.span);
                return load_const(Constant{NoneConst{}});
            }
            expr(*e.as<Await>().value);
            emit(Opcode::GET_AWAITABLE, 0);
            return send_loop(3);
        }
        case ExprKind::NamedExpr: {
            const auto& n = e.as<NamedExpr>();
            if (open_comprehensions_) {
                unsupported("assignment expression (':=') in a comprehension", e.span);
                return load_const(Constant{NoneConst{}});
            }
            expr(*n.value);
            emit(Opcode::COPY, 1);
            return nameop(n.target->as<Name>().id, Ctx::Store);
        }
        case ExprKind::Starred: error("can't use starred expression here", e.span);
        }
    }

    // ---- operators and displays -----------------------------------------------------------------

    // `'%s and %-5r' % (a, b)` compiles as the f-string f'{a!s} and {b!r:5}'
    // (3.11+, ast_opt.c's optimize_format): no tuple is built. Only when
    // every conversion is %s, %r or %a, with flags, a width and a precision
    // at most (simple_format_arg_parse; only `-` of the flags matters), and
    // the counts match.
    bool percent_format(const BinOp& b) {
        if (!options_.percent_formats_as_fstrings || b.op != BinaryOp::Remainder ||
            b.left->kind != ExprKind::Constant || b.right->kind != ExprKind::Tuple)
            return false;
        const std::string* format = std::get_if<std::string>(&b.left->as<ast::Constant>().value.value);
        const ExprList& args = b.right->as<ast::Tuple>().elts;
        if (!format) return false;
        struct Piece {
            std::string literal;
            Conversion conversion = Conversion::None;
            std::string spec;  // the format spec of an argument, or empty
        };
        std::vector<Piece> pieces;  // a literal, or (empty literal) the next argument
        std::string literal;
        std::size_t fields = 0;
        const std::size_t size = format->size();
        auto digits = [&](std::size_t& i) {
            std::string out;
            while (i < size && std::isdigit(static_cast<unsigned char>((*format)[i]))) out += (*format)[i++];
            return out.empty() ? out : std::to_string(std::stoll(out.substr(0, 18)));
        };
        for (std::size_t i = 0; i < size; ++i) {
            char c = (*format)[i];
            if (c != '%') {
                literal += c;
                continue;
            }
            if (++i < size && (*format)[i] == '%') {
                literal += '%';
                continue;
            }
            bool left_justified = false;
            for (; i < size && std::strchr("-+ #0", (*format)[i]); ++i) left_justified |= (*format)[i] == '-';
            std::size_t width_at = i;
            std::string width = digits(i);
            if (i - width_at > 18) return false;  // a width beyond what ast_opt.c parses
            std::string precision;
            bool has_precision = i < size && (*format)[i] == '.';
            if (has_precision) {
                std::size_t precision_at = ++i;
                precision =
                    "." + (i < size && std::isdigit(static_cast<unsigned char>((*format)[i])) ? digits(i) : "0");
                if (i - precision_at > 18) return false;
            }
            if (i >= size) return false;
            char spec = (*format)[i];
            if (spec == 'a') unsupported("'%a' in a %-format, which CPython compiles as an f-string's '!a'", b.span);
            if (spec != 's' && spec != 'r') return false;
            if (!literal.empty()) pieces.push_back({std::move(literal), Conversion::None, {}});
            literal.clear();
            std::string format_spec =
                (!left_justified && !width.empty() && width != "0" ? ">" : "") + width + precision;
            pieces.push_back({"", spec == 's' ? Conversion::Str : Conversion::Repr, std::move(format_spec)});
            ++fields;
        }
        if (!literal.empty()) pieces.push_back({std::move(literal), Conversion::None, {}});
        if (fields != args.size()) return false;
        for (const ExprPtr& arg : args)
            if (arg->kind == ExprKind::Starred) return false;
        // ast_opt.c's new strs (the literals, the specs), in the arena on every version.
        auto load_new_str = [&](std::string text) {
            Constant str{std::move(text)};
            str.arena_refs = 1;
            load_const(std::move(str));
        };
        std::size_t next = 0;
        for (Piece& piece : pieces) {
            if (!piece.literal.empty()) {
                load_new_str(std::move(piece.literal));
                continue;
            }
            expr(*args[next++]);
            int conversion = static_cast<int>(piece.conversion);
            if (!piece.spec.empty()) load_new_str(std::move(piece.spec)), conversion |= kFormatWithSpec;
            emit(Opcode::FORMAT_VALUE, conversion);
        }
        if (pieces.size() != 1) emit(Opcode::BUILD_STRING, static_cast<int>(pieces.size()));
        return true;
    }

    // 3.11's starunpack_helper. A display with a starred item, or of more
    // items than the stack should hold (3.10+), is built as a list (a set)
    // from the items before the first star, or empty when it is too long,
    // and grown item by item; a tuple is made from that list at the end.
    void display(const ExprList& elts, Opcode build) {
        bool constants_extend = elts.size() > 2 && options_.constant_lists_extended;
        if (build == Opcode::BUILD_LIST && constants_extend && constant_list(elts)) return;
        if (build == Opcode::BUILD_SET && constants_extend &&
            std::all_of(elts.begin(), elts.end(), [&](const ExprPtr& elt) { return fold(*elt).has_value(); })) {
            if (!options_.constant_sets_frozen || options_.cfg_folds_constants) {
                build = Opcode::BUILD_CONST_SET;
            } else if (std::optional<Constant> frozen = frozen_set(elts)) {
                emit(Opcode::BUILD_SET, 0);
                load_made_const(std::move(*frozen));
                emit(Opcode::SET_UPDATE, 1);
                return;
            }
        }
        auto starred =
            std::find_if(elts.begin(), elts.end(), [](const ExprPtr& elt) { return elt->kind == ExprKind::Starred; });
        bool big = options_.long_displays_grown && elts.size() > kStackUseGuideline;
        if (starred == elts.end() && !big) {
            for (const ExprPtr& elt : elts) expr(*elt);
            emit(build, static_cast<int>(elts.size()));
            return;
        }
        if (starred != elts.end() && !options_.displays_extended)
            unsupported("star-unpacking in a display on CPython 3.8 (BUILD_LIST_UNPACK)", (*starred)->span);
        bool set = build == Opcode::BUILD_SET;
        Opcode grow = set ? Opcode::BUILD_SET : Opcode::BUILD_LIST;
        bool built = big;
        if (big) emit(grow, 0);
        for (std::size_t i = 0; i < elts.size(); ++i) {
            const Expr& elt = *elts[i];
            if (elt.kind == ExprKind::Starred) {
                if (!built) emit(grow, static_cast<int>(i));
                built = true;
                expr(*elt.as<Starred>().value);
                emit(set ? Opcode::SET_UPDATE : Opcode::LIST_EXTEND, 1);
            } else {
                expr(elt);
                if (built) emit(set ? Opcode::SET_ADD : Opcode::LIST_APPEND, 1);
            }
        }
        if (build == Opcode::BUILD_TUPLE) emit(Opcode::LIST_TO_TUPLE);
    }

    // 3.11's starunpack_helper: a list of more than two constants is built
    // empty and extended by a tuple the compiler makes. (A set of them is
    // updated from a frozenset, display() above; on 3.14 and PyPy the model
    // builds it item by item, by BUILD_CONST_SET, which sizes its table as
    // that update does; the frozenset 3.14's optimizer makes is not modeled.)
    bool constant_list(const ExprList& elts) {
        Tuple t;
        for (const ExprPtr& elt : elts) {
            const auto& c = fold(*elt);
            if (!c) return false;
            t.items.push_back(*c);
        }
        emit(Opcode::BUILD_LIST, 0);
        if (options_.cfg_folds_constants) load_const(Constant{std::move(t)});  // 3.14's optimize_lists_and_sets
        else load_made_const(Constant{std::move(t)});
        emit(Opcode::LIST_EXTEND, 1);
        return true;
    }

    // 3.11's compiler_dict: runs of at most 17 items (from 3.10; to 3.9 a
    // run is as long as the display), each a dict of its own merged into
    // the first (a deep stack is avoided); a `**mapping` is merged into the
    // dict built so far, an empty one before the first.
    void dict(const Dict& d) {
        std::size_t n = d.keys.size();
        bool have_dict = false;
        std::size_t elements = 0;
        auto run = [&](std::size_t begin, std::size_t end) {
            subdict(d, begin, end);
            if (have_dict) emit(Opcode::DICT_UPDATE, 1);
            have_dict = true;
            elements = 0;
        };
        for (std::size_t i = 0; i < n; ++i) {
            if (!d.keys[i]) {  // **mapping
                if (!options_.displays_extended)
                    unsupported("dict unpacking ('**') in a display on CPython 3.8 (BUILD_MAP_UNPACK)",
                                d.values[i]->span);
                if (elements) run(i - elements, i);
                if (!have_dict) emit(Opcode::BUILD_MAP, 0);
                have_dict = true;
                expr(*d.values[i]);
                emit(Opcode::DICT_UPDATE, 1);
            } else if (options_.long_displays_grown && elements * 2 > kStackUseGuideline) {
                run(i - elements, i + 1);
            } else {
                ++elements;
            }
        }
        if (elements) run(n - elements, n);
        if (!have_dict) emit(Opcode::BUILD_MAP, 0);
    }

    // 3.11's compiler_subdict: constant keys make one BUILD_CONST_KEY_MAP
    // (never in 3.14's codegen_subdict).
    void subdict(const Dict& d, std::size_t begin, std::size_t end) {
        std::size_t n = end - begin;
        bool big = options_.long_displays_grown && n * 2 > kStackUseGuideline;
        bool const_keys = n > 1 && !big && options_.const_key_maps;
        Tuple keys;
        for (std::size_t i = begin; i < end && const_keys; ++i) {
            const auto& c = fold(*d.keys[i]);
            if (!c) break;
            keys.items.push_back(*c);
        }
        if (const_keys && keys.items.size() == n) {
            for (std::size_t i = begin; i < end; ++i) expr(*d.values[i]);
            load_made_const(Constant{std::move(keys)});
            emit(Opcode::BUILD_CONST_KEY_MAP, static_cast<int>(n));
            return;
        }
        if (big) emit(Opcode::BUILD_MAP, 0);
        for (std::size_t i = begin; i < end; ++i) {
            expr(*d.keys[i]);
            expr(*d.values[i]);
            if (big) emit(Opcode::MAP_ADD, 1);
        }
        if (!big) emit(Opcode::BUILD_MAP, static_cast<int>(n));
    }

    // ---- comparisons ----------------------------------------------------------------------------

    static Opcode compare_opcode(CmpOpKind op, int& arg) {
        switch (op) {
        case CmpOpKind::Eq: arg = static_cast<int>(CompareOp::Eq); return Opcode::COMPARE_OP;
        case CmpOpKind::NotEq: arg = static_cast<int>(CompareOp::Ne); return Opcode::COMPARE_OP;
        case CmpOpKind::Lt: arg = static_cast<int>(CompareOp::Lt); return Opcode::COMPARE_OP;
        case CmpOpKind::LtE: arg = static_cast<int>(CompareOp::Le); return Opcode::COMPARE_OP;
        case CmpOpKind::Gt: arg = static_cast<int>(CompareOp::Gt); return Opcode::COMPARE_OP;
        case CmpOpKind::GtE: arg = static_cast<int>(CompareOp::Ge); return Opcode::COMPARE_OP;
        case CmpOpKind::Is: arg = 0; return Opcode::IS_OP;
        case CmpOpKind::IsNot: arg = 1; return Opcode::IS_OP;
        case CmpOpKind::In: arg = 0; return Opcode::CONTAINS_OP;
        case CmpOpKind::NotIn: arg = 1; return Opcode::CONTAINS_OP;
        }
        return Opcode::COMPARE_OP;
    }
    void compare_op(CmpOpKind op) {
        int arg = 0;
        Opcode opcode = compare_opcode(op, arg);
        emit(opcode, arg);
    }

    // The right operand of `in`: a list of constants becomes a tuple.
    void comparator(CmpOpKind op, const Expr& e) {
        if (op == CmpOpKind::In || op == CmpOpKind::NotIn) return iterable(e, true);
        expr(e);
    }

    // 3.11's compiler_compare: a chain keeps each middle operand on the stack.
    void compare(const Compare& c) {
        check_compare(c);
        expr(*c.left);
        std::size_t n = c.ops.size();
        if (n == 1) {
            comparator(c.ops[0], *c.comparators[0]);
            return compare_op(c.ops[0]);
        }
        int cleanup = new_label(), end = new_label();
        for (std::size_t i = 0; i + 1 < n; ++i) {
            comparator(c.ops[i], *c.comparators[i]);
            emit(Opcode::SWAP, 2);
            emit(Opcode::COPY, 2);
            compare_op(c.ops[i]);
            jump(Opcode::JUMP_IF_FALSE_OR_POP, cleanup);
        }
        comparator(c.ops[n - 1], *c.comparators[n - 1]);
        compare_op(c.ops[n - 1]);
        jump(Opcode::JUMP_FORWARD, end);
        bind(cleanup);
        emit(Opcode::SWAP, 2);
        emit(Opcode::POP_TOP);
        bind(end);
    }

    // ---- calls ----------------------------------------------------------------------------------

    // Is `e` a name bound by an import at module level? (3.11 then does not
    // use LOAD_METHOD for `e.m()`.)
    bool is_import_originated(const Expr& e) const {
        if (e.kind != ExprKind::Name) return false;
        return symbols_.top->flags_of(e.as<Name>().id) & DEF_IMPORT;
    }

    // Does a call or class definition unpack (*args, **kwargs)?
    static bool unpacks(const ExprList& args, const std::vector<Keyword>& keywords) {
        for (const ExprPtr& a : args)
            if (a->kind == ExprKind::Starred) return true;
        for (const Keyword& k : keywords)
            if (k.arg.empty()) return true;
        return false;
    }

    // 3.11's compiler_call / maybe_optimize_method_call.
    void call(const Call& c) {
        check_repeated_keywords(c.keywords);
        const Expr& f = *c.func;
        check_caller(f);
        if (unpacks(c.args, c.keywords)) {
            emit(Opcode::PUSH_NULL);
            expr(f);
            return call_unpacking(c.args, c.keywords);
        }
        if (f.kind == ExprKind::Attribute && !is_import_originated(*f.as<Attribute>().value)) {
            expr(*f.as<Attribute>().value);
            auto loc = at(f.span);
            emit(Opcode::LOAD_METHOD, name_index(mangled(f.as<Attribute>().attr)));
        } else {
            emit(Opcode::PUSH_NULL);
            expr(f);
        }
        call_arguments(c.args, c.keywords);
    }

    // `pushed`: the positional arguments already on the stack.
    void call_arguments(const ExprList& args, const std::vector<Keyword>& keywords, int pushed = 0) {
        for (const ExprPtr& a : args) expr(*a);
        int n = pushed + static_cast<int>(args.size() + keywords.size());
        if (!keywords.empty()) {
            Tuple names;
            for (const Keyword& k : keywords) {
                expr(*k.value);
                names.items.push_back(Constant{k.arg});
            }
            emit(Opcode::KW_NAMES, add_const(Constant{std::move(names)}, ConstantUse::Origin::Compiler));
        }
        emit(Opcode::PRECALL, n);
        emit(Opcode::CALL, n);
    }

    // The positional arguments of an unpacking call when they are all
    // constants: more than two are one tuple the compiler makes
    // (starunpack_helper); fewer are loaded and built, and the optimizer
    // folds them into a constant as it assembles the unit.
    bool constant_positional_tuple(const ExprList& args) {
        Tuple t;
        for (const ExprPtr& a : args) {
            const auto& c = a->kind == ExprKind::Starred ? std::nullopt : fold(*a);
            if (!c) return false;
            t.items.push_back(*c);
        }
        if (t.items.size() > 2 && options_.constant_lists_extended) {
            load_made_const(Constant{std::move(t)});
            return true;
        }
        for (const ExprPtr& a : args) expr(*a);
        fold_loads_at_assembly(std::move(t));
        return true;
    }

    // 3.11's compiler_call_helper at `ex_call`: the positional arguments as
    // one tuple, the keywords as one dict, then CALL_FUNCTION_EX.
    void call_unpacking(const ExprList& args, const std::vector<Keyword>& keywords) {
        if (args.size() == 1 && args[0]->kind == ExprKind::Starred) {
            expr(*args[0]->as<Starred>().value);
        } else if (!constant_positional_tuple(args)) {
            bool built = false;
            for (std::size_t i = 0; i < args.size(); ++i) {
                const Expr& a = *args[i];
                if (a.kind == ExprKind::Starred) {
                    if (!built) emit(Opcode::BUILD_LIST, static_cast<int>(i));
                    built = true;
                    expr(*a.as<Starred>().value);
                    emit(Opcode::LIST_EXTEND, 1);
                } else {
                    expr(a);
                    if (built) emit(Opcode::LIST_APPEND, 1);
                }
            }
            if (built) emit(Opcode::LIST_TO_TUPLE);
            else emit(Opcode::BUILD_TUPLE, static_cast<int>(args.size()));
        }
        bool have_dict = false;
        if (options_.keyword_maps_unpack_with_call) {
            std::size_t maps = 0;  // each `**mapping`, each run of named keywords
            for (std::size_t i = 0; i < keywords.size(); ++i)
                if (keywords[i].arg.empty() || i == 0 || keywords[i - 1].arg.empty()) ++maps;
            if (keywords.size() == 1 && keywords[0].arg.empty()) {
                expr(*keywords[0].value);
                emit(Opcode::CALL_FUNCTION_EX, 1);
                return;
            }
            if (maps > 1) {
                emit(Opcode::BUILD_MAP, 0);
                have_dict = true;
            }
        }
        std::size_t seen = 0;  // named keywords not yet in a dict
        auto named_keywords = [&](std::size_t end) {
            keyword_map(keywords, end - seen, end);
            if (have_dict) emit(Opcode::DICT_MERGE, 1);
            have_dict = true;
            seen = 0;
        };
        for (std::size_t i = 0; i < keywords.size(); ++i) {
            if (!keywords[i].arg.empty()) {
                ++seen;
                continue;
            }
            if (seen) named_keywords(i);
            if (!have_dict) emit(Opcode::BUILD_MAP, 0);
            have_dict = true;
            expr(*keywords[i].value);
            emit(Opcode::DICT_MERGE, 1);
        }
        if (seen) named_keywords(keywords.size());
        emit(Opcode::CALL_FUNCTION_EX, keywords.empty() ? 0 : 1);
    }

    // 3.11's compiler_subkwargs: keywords [begin, end) as one dict (3.14's
    // codegen_subkwargs: always BUILD_MAP).
    void keyword_map(const std::vector<Keyword>& keywords, std::size_t begin, std::size_t end) {
        if (end - begin > 1 && options_.const_key_maps) {
            Tuple names;
            for (std::size_t i = begin; i < end; ++i) {
                expr(*keywords[i].value);
                names.items.push_back(Constant{keywords[i].arg});
            }
            load_made_const(Constant{std::move(names)});
            emit(Opcode::BUILD_CONST_KEY_MAP, static_cast<int>(end - begin));
            return;
        }
        for (std::size_t i = begin; i < end; ++i) {
            load_const(Constant{keywords[i].arg});
            expr(*keywords[i].value);
        }
        emit(Opcode::BUILD_MAP, static_cast<int>(end - begin));
    }

    // A name given twice; `**mapping`s (no name) may repeat.
    void check_repeated_keywords(const std::vector<Keyword>& keywords) {
        for (std::size_t i = 0; i < keywords.size(); ++i)
            for (std::size_t j = i + 1; j < keywords.size(); ++j)
                if (!keywords[i].arg.empty() && keywords[i].arg == keywords[j].arg)
                    error("keyword argument repeated: " + keywords[j].arg, keywords[j].span);
    }

    // ---- lambdas and comprehensions -------------------------------------------------------------

    // compiler_add_yield_from (3.11): the receiver and the value sent are
    // on the stack; SEND until the receiver returns, yielding what it
    // yields (RESUME's `resumed_after`: 2 after yield from, 3 after await);
    // its return value stays.
    void send_loop(int resumed_after) {
        load_const(Constant{NoneConst{}});
        int start = new_label(), exit = new_label();
        bind(start);
        jump(Opcode::SEND, exit);
        emit(Opcode::YIELD_VALUE);
        emit(Opcode::RESUME, resumed_after);
        jump(Opcode::JUMP_BACKWARD_NO_INTERRUPT, start);
        bind(exit);
    }

    void lambda(const Expr& e) {
        const auto& l = e.as<Lambda>();
        int flags = function_extras(l.args, nullptr);
        enter_scope(symbols_.block_of(&e), "<lambda>", qualname_for("<lambda>", false), e.span.line, &e);
        set_arg_counts(*u().code, l.args);
        if (options_.doc_constant_always) add_const(Constant{NoneConst{}});  // a lambda has no docstring
        u().loc = Position{e.span.line, e.span.col, e.span.line, e.span.col};
        emit(Opcode::RESUME, 0);
        {
            auto loc = at(l.body->span);
            expr(*l.body);
            if (!(u().code->flags & CO_GENERATOR)) {
                emit(Opcode::RETURN_VALUE);
            } else {  // a lambda that yields returns None at its end
                emit(Opcode::POP_TOP);
                load_const(Constant{NoneConst{}});
                emit(Opcode::RETURN_VALUE);
            }
        }
        std::shared_ptr<const Code> code = exit_scope();
        make_closure(code, flags);
    }

    // 3.11's compiler_comprehension: a nested function called with the
    // iterator of its first `for` -- or, inlined (3.12+), code of the unit.
    void comprehension(const Expr& e) {
        ++open_comprehensions_;
        comprehension_code(e);
        --open_comprehensions_;
    }

    void comprehension_code(const Expr& e) {
        const auto& c = e.as<Comp>();
        if (symbols_.block_of(&e).inlined) return inlined_comprehension(e);
        static const char* const names[] = {"<listcomp>", "<setcomp>", "<dictcomp>", "<genexpr>"};
        std::string name = names[static_cast<int>(e.kind) - static_cast<int>(ExprKind::ListComp)];
        enter_scope(symbols_.block_of(&e), name, qualname_for(name, false), e.span.line, &e);
        u().code->argcount = 1;
        // The comprehension's whole span: its code's line table holds it
        // (the assembler merges equal line tables).
        u().loc = Position{e.span.line, e.span.col, e.span.end_line, e.span.end_col};
        emit(Opcode::RESUME, 0);
        bool generator = e.kind == ExprKind::GeneratorExp;
        if (!generator) emit(container_build(e), 0);
        comprehension_generator(e, 0, 0, false);
        if (generator) load_const(Constant{NoneConst{}});
        emit(Opcode::RETURN_VALUE);
        std::shared_ptr<const Code> code = exit_scope();

        make_closure(code, 0);
        iterable(*c.generators[0].iter);
        emit(Opcode::GET_ITER);
        emit(Opcode::PRECALL, 0);
        emit(Opcode::CALL, 0);
    }

    static Opcode container_build(const Expr& e) {
        static constexpr Opcode builds[] = {Opcode::BUILD_LIST, Opcode::BUILD_SET, Opcode::BUILD_MAP};
        return builds[static_cast<int>(e.kind) - static_cast<int>(ExprKind::ListComp)];
    }

    // 3.12's compiler_comprehension of an inlined one (PEP 709). The names
    // it binds (in a class body: all its names) are fast locals of the
    // unit, whose outer values wait on the stack, under the iterator, while
    // it runs (push_inlined_comprehension_state); a handler puts them back
    // if it raises, and they are put back after it, the result left on top
    // (pop_inlined_comprehension_state).
    void inlined_comprehension(const Expr& e) {
        const auto& c = e.as<Comp>();
        const Block& comp = symbols_.block_of(&e);
        iterable(*c.generators[0].iter);
        emit(Opcode::GET_ITER);

        Unit& unit = u();
        bool class_body = unit.block->type == Block::Type::Class && unit.inlined_records.empty();
        auto record = std::make_shared<Code>();
        record->name = comp.name;
        record->inlined_comprehension = true;
        record->inline_swaps_scopes = class_body;
        constant_uses().push_back({ConstantUse::Origin::InlinedComprehension, Constant{record}});
        std::vector<std::string> saved, hidden;
        std::vector<std::pair<std::string, std::optional<Scope>>> outer_scopes;
        for (const std::string& name : comp.symbol_order) {
            const Symbol& symbol = comp.symbols.at(name);
            Scope outer = scope_of(name);
            bool binds = (symbol.flags & DEF_LOCAL) && !(symbol.flags & DEF_NONLOCAL);
            bool saves = binds || class_body;
            bool differs = symbol.scope != outer && !(symbol.scope == Scope::Cell && outer == Scope::Free);
            if (saves) {
                int local = varname_index(name);  // a varname even when saved from its cell, as CPython's
                if (symbol.scope == Scope::Cell) {
                    emit(Opcode::LOAD_CELL_AND_CLEAR, deref_index(name));
                    emit(Opcode::MAKE_CELL, deref_index(name));
                } else {
                    emit(Opcode::LOAD_FAST_AND_CLEAR, local);
                }
                saved.push_back(name);
                if (differs && unit.block->symbols.count(name)) record->inline_swaps_scopes = true;
                if (unit.block->type != Block::Type::Function && unit.fast_hidden.insert(name).second)
                    hidden.push_back(name);
            }
            if (differs && symbol.scope != Scope::Free) {
                auto it = unit.inlined_scopes.find(name);
                outer_scopes.emplace_back(name,
                                          it == unit.inlined_scopes.end() ? std::nullopt : std::optional(it->second));
                unit.inlined_scopes[name] = symbol.scope;
            }
        }
        record->inline_locals = saved;
        unit.inlined_records.push_back(record.get());

        int cleanup = new_label(), end = new_label();
        if (!saved.empty()) {
            emit(Opcode::SWAP, static_cast<int>(saved.size()) + 1);
            jump(Opcode::SETUP_FINALLY, cleanup);
        }
        emit(container_build(e), 0);
        emit(Opcode::SWAP, 2);
        comprehension_generator(e, 0, 0, true);

        unit.inlined_records.pop_back();
        for (const std::string& name : hidden) unit.fast_hidden.erase(name);
        for (auto& [name, scope] : outer_scopes) {
            if (scope) unit.inlined_scopes[name] = *scope;
            else unit.inlined_scopes.erase(name);
        }
        if (saved.empty()) return;
        emit(Opcode::POP_BLOCK);
        jump(Opcode::JUMP_FORWARD, end);
        bind(cleanup);
        {
            Position at = u().loc;
            unset_loc();
            emit(Opcode::SWAP, 2);  // the unfinished result goes
            emit(Opcode::POP_TOP);
            u().loc = at;
        }
        restore_saved(saved, comp, false);
        emit(Opcode::RERAISE, 0);
        bind(end);
        restore_saved(saved, comp, true);
    }

    // restore_inlined_comprehension_locals: the result (or the exception)
    // goes back on top, and each saved value to its name.
    void restore_saved(const std::vector<std::string>& saved, const Block& comp, bool static_swap) {
        if (static_swap && emitting()) u().restoring_swaps.push_back(u().instrs.size());
        emit(Opcode::SWAP, static_cast<int>(saved.size()) + 1);
        for (std::size_t i = saved.size(); i-- > 0;) {
            const std::string& name = saved[i];
            if (comp.symbols.at(name).scope == Scope::Cell) emit(Opcode::STORE_CELL_MAYBE_NULL, deref_index(name));
            else emit(Opcode::STORE_FAST_MAYBE_NULL, varname_index(name));
        }
    }

    // apply_static_swaps for the SWAP that restores the saved names: when
    // the result is stored to a fast local right after them, on the same
    // line, the stores trade places and the SWAP goes, so the result is
    // stored before the names are restored. An expression statement's
    // POP_TOP trades places too from 3.13 (swaps_statement_pops); on 3.12
    // it has no line there, so it stays after them.
    void apply_static_swap(Unit& unit, std::size_t swap) {
        std::vector<PendingInstruction>& in = unit.instrs;
        std::size_t stores = static_cast<std::size_t>(in[swap].arg) - 1;
        std::size_t first = swap + 1, result = first + stores;
        if (result >= in.size()) return;
        const bool stored = in[result].op == Opcode::STORE_FAST;
        const bool dropped = in[result].op == Opcode::POP_TOP && options_.swaps_statement_pops;
        if (!(stored && in[result].position.line == in[first].position.line) && !dropped) return;
        for (int label : unit.labels)
            if (label > static_cast<int>(swap) && label <= static_cast<int>(result)) return;
        for (std::size_t i = first; i < result && stored; ++i)
            if (in[i].op == Opcode::STORE_FAST_MAYBE_NULL && in[i].arg == in[result].arg) return;
        in[swap].op = Opcode::NOP;
        std::swap(in[first], in[result]);
    }

    // One `for` of a comprehension; `depth` counts the iterators of the
    // enclosing `for`s, on the stack above the container being built.
    void comprehension_generator(const Expr& e, std::size_t index, int depth, bool iterator_on_stack) {
        ++depth;
        const auto& c = e.as<Comp>();
        const Comprehension& gen = c.generators[index];
        int start = new_label(), if_cleanup = new_label(), anchor = new_label();
        if (index == 0) {
            if (!iterator_on_stack) emit(Opcode::LOAD_FAST, varname_index(".0"));
        } else {
            iterable(*gen.iter);
            emit(Opcode::GET_ITER);
        }
        bind(start);
        jump(Opcode::FOR_ITER, anchor);
        target(*gen.target, Ctx::Store);
        for (const ExprPtr& cond : gen.ifs) jump_if(*cond, if_cleanup, false);
        if (index + 1 < c.generators.size()) {
            comprehension_generator(e, index + 1, depth, false);
        } else {
            int stack_depth = depth + 1;
            switch (e.kind) {
            case ExprKind::ListComp:
                expr(*c.elt);
                emit(Opcode::LIST_APPEND, stack_depth);
                break;
            case ExprKind::SetComp:
                expr(*c.elt);
                emit(Opcode::SET_ADD, stack_depth);
                break;
            case ExprKind::DictComp:
                expr(*c.key);
                expr(*c.value);
                emit(Opcode::MAP_ADD, stack_depth);
                break;
            default:
                expr(*c.elt);
                emit(Opcode::YIELD_VALUE);
                emit(Opcode::RESUME, 1);
                emit(Opcode::POP_TOP);
            }
        }
        bind(if_cleanup);
        jump(Opcode::JUMP_BACKWARD, start);
        bind(anchor);
    }
};

}  // namespace

std::shared_ptr<const Code> compile_module(const Module& module, const SymbolTable& symbols,
                                           const std::string& filename, Notes& notes, const CompileOptions& options) {
    Compiler compiler(symbols, filename, notes, options);
    return compiler.module(module);
}

}  // namespace lang
