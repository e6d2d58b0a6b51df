// The abstract syntax tree: Python 3.11's ast module, for the constructs the
// parser knows (the whole language); every node has
// its source span. Nodes are built by the parser and owned through
// unique_ptr; Expr::kind / Stmt::kind tell which struct a node is.
#pragma once

#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "code.hpp"
#include "diagnostic.hpp"

namespace lang::ast {

struct Span {
    int line = 0, col = 0, end_line = 0, end_col = 0;  // as lang::Position
};

// The error `message` (a SyntaxError unless `type` says otherwise) at `span`.
DiagnosticError syntax_error(std::string message, const std::string& filename, const Span& span,
                             std::string type = "SyntaxError");

// ---- expressions --------------------------------------------------------------------------------

enum class ExprKind {
    Name,
    Constant,
    JoinedStr,
    FormattedValue,
    Tuple,
    List,
    Set,
    Dict,
    ListComp,
    SetComp,
    DictComp,
    GeneratorExp,
    Attribute,
    Subscript,
    Slice,
    Call,
    BinOp,
    UnaryOp,
    BoolOp,
    Compare,
    IfExp,
    Lambda,
    Yield,
    YieldFrom,
    Await,
    NamedExpr,
    Starred,
};

struct Expr {
    ExprKind kind;
    Span span;
    int depth = 1;  // height of the subtree, bounded by the parser
    explicit Expr(ExprKind k) : kind(k) {}
    virtual ~Expr() = default;
    template <class T> const T& as() const { return static_cast<const T&>(*this); }
    template <class T> T& as() { return static_cast<T&>(*this); }
};
using ExprPtr = std::unique_ptr<Expr>;
using ExprList = std::vector<ExprPtr>;

template <ExprKind K> struct ExprOf : Expr {
    static constexpr ExprKind kKind = K;
    ExprOf() : Expr(K) {}
};

struct Name : ExprOf<ExprKind::Name> {
    std::string id;
};
struct Constant : ExprOf<ExprKind::Constant> {
    lang::Constant value;
    int string_tokens = 0;  // the adjacent string literals it was made of (0: a number, or part of an f-string)
};
// f"..."; values are Constant strings and FormattedValue.
struct JoinedStr : ExprOf<ExprKind::JoinedStr> {
    ExprList values;
};
struct FormattedValue : ExprOf<ExprKind::FormattedValue> {
    ExprPtr value;
    Conversion conversion = Conversion::None;
    ExprPtr format_spec;  // a JoinedStr, or null: no ':' in the field
};
struct Tuple : ExprOf<ExprKind::Tuple> {
    ExprList elts;
    bool parenthesized = false;
};
struct List : ExprOf<ExprKind::List> {
    ExprList elts;
};
struct Set : ExprOf<ExprKind::Set> {
    ExprList elts;
};
// A null key stands for `**value`.
struct Dict : ExprOf<ExprKind::Dict> {
    ExprList keys, values;
};

struct Comprehension {
    ExprPtr target, iter;
    ExprList ifs;
    bool is_async = false;
};
// ListComp, SetComp and GeneratorExp use `elt`; DictComp uses `key`, `value`.
struct Comp : Expr {
    ExprPtr elt, key, value;
    std::vector<Comprehension> generators;
    using Expr::Expr;
};

struct Attribute : ExprOf<ExprKind::Attribute> {
    ExprPtr value;
    std::string attr;
};
struct Subscript : ExprOf<ExprKind::Subscript> {
    ExprPtr value, slice;
};
struct Slice : ExprOf<ExprKind::Slice> {
    ExprPtr lower, upper, step;
};

// `f(x, k=v)`; a keyword with an empty `arg` is `**value`.
struct Keyword {
    std::string arg;
    ExprPtr value;
    Span span;
};
struct Call : ExprOf<ExprKind::Call> {
    ExprPtr func;
    ExprList args;
    std::vector<Keyword> keywords;
};

enum class UnaryOpKind { Invert, Not, UAdd, USub };
struct BinOp : ExprOf<ExprKind::BinOp> {
    ExprPtr left, right;
    BinaryOp op;
};
struct UnaryOp : ExprOf<ExprKind::UnaryOp> {
    ExprPtr operand;
    UnaryOpKind op;
};
struct BoolOp : ExprOf<ExprKind::BoolOp> {
    ExprList values;
    bool is_and = false;
};

enum class CmpOpKind { Eq, NotEq, Lt, LtE, Gt, GtE, Is, IsNot, In, NotIn };
struct Compare : ExprOf<ExprKind::Compare> {
    ExprPtr left;
    std::vector<CmpOpKind> ops;
    ExprList comparators;
};
struct IfExp : ExprOf<ExprKind::IfExp> {
    ExprPtr test, body, orelse;
};

struct Arg {
    std::string name;
    ExprPtr annotation;
    Span span;
};
struct Arguments {
    std::vector<Arg> posonlyargs, args, kwonlyargs;
    std::optional<Arg> vararg, kwarg;
    ExprList defaults;  // for the last positional parameters
    ExprList kw_defaults;  // one per kwonly parameter, null where none
};
struct Lambda : ExprOf<ExprKind::Lambda> {
    Arguments args;
    ExprPtr body;
};

struct Yield : ExprOf<ExprKind::Yield> {
    ExprPtr value;
};
struct YieldFrom : ExprOf<ExprKind::YieldFrom> {
    ExprPtr value;
};
struct Await : ExprOf<ExprKind::Await> {
    ExprPtr value;
};
struct NamedExpr : ExprOf<ExprKind::NamedExpr> {
    ExprPtr target, value;
};
struct Starred : ExprOf<ExprKind::Starred> {
    ExprPtr value;
};

// Calls `visit(const Expr&)` for each direct subexpression of `e`, in source
// order (comprehension and lambda parts included).
void for_each_child(const Expr& e, const std::function<void(const Expr&)>& visit);

// ---- statements ---------------------------------------------------------------------------------

enum class StmtKind {
    Expr,
    Assign,
    AugAssign,
    AnnAssign,
    Delete,
    Pass,
    Break,
    Continue,
    Return,
    Raise,
    Global,
    Nonlocal,
    Assert,
    Import,
    ImportFrom,
    If,
    While,
    For,
    With,
    Try,
    FunctionDef,
    ClassDef,
    Match,
    Unsupported,
};

struct Stmt {
    StmtKind kind;
    Span span;
    explicit Stmt(StmtKind k) : kind(k) {}
    virtual ~Stmt() = default;
    template <class T> const T& as() const { return static_cast<const T&>(*this); }
    template <class T> T& as() { return static_cast<T&>(*this); }
};
using StmtPtr = std::unique_ptr<Stmt>;
using StmtList = std::vector<StmtPtr>;

template <StmtKind K> struct StmtOf : Stmt {
    static constexpr StmtKind kKind = K;
    StmtOf() : Stmt(K) {}
};

struct ExprStmt : StmtOf<StmtKind::Expr> {
    ExprPtr value;
};
// `a = b = value`: targets {a, b}.
struct Assign : StmtOf<StmtKind::Assign> {
    ExprList targets;
    ExprPtr value;
};
struct AugAssign : StmtOf<StmtKind::AugAssign> {
    ExprPtr target, value;
    BinaryOp op;
};
// `target: annotation [= value]`; simple: the target is a bare name.
struct AnnAssign : StmtOf<StmtKind::AnnAssign> {
    ExprPtr target, annotation, value;
    bool simple = false;
};
struct Delete : StmtOf<StmtKind::Delete> {
    ExprList targets;
};
struct Pass : StmtOf<StmtKind::Pass> {};
struct Break : StmtOf<StmtKind::Break> {};
struct Continue : StmtOf<StmtKind::Continue> {};
struct Return : StmtOf<StmtKind::Return> {
    ExprPtr value;
};
struct Raise : StmtOf<StmtKind::Raise> {
    ExprPtr exc, cause;
};
struct Global : StmtOf<StmtKind::Global> {
    std::vector<std::string> names;
};
struct Nonlocal : StmtOf<StmtKind::Nonlocal> {
    std::vector<std::string> names;
};
struct Assert : StmtOf<StmtKind::Assert> {
    ExprPtr test, msg;
};

struct Alias {
    std::string name;  // "os.path", or "*"
    std::string asname;  // empty without `as`
    Span span;
};
struct Import : StmtOf<StmtKind::Import> {
    std::vector<Alias> names;
};
struct ImportFrom : StmtOf<StmtKind::ImportFrom> {
    std::string module;  // empty for `from . import x`
    std::vector<Alias> names;
    int level = 0;  // leading dots
};

struct If : StmtOf<StmtKind::If> {
    ExprPtr test;
    StmtList body, orelse;
};
struct While : StmtOf<StmtKind::While> {
    ExprPtr test;
    StmtList body, orelse;
};
struct For : StmtOf<StmtKind::For> {
    ExprPtr target, iter;
    StmtList body, orelse;
    bool is_async = false;
};

struct WithItem {
    ExprPtr context_expr, optional_vars;
};
struct With : StmtOf<StmtKind::With> {
    std::vector<WithItem> items;
    StmtList body;
    bool is_async = false;
};

struct ExceptHandler {
    ExprPtr type;  // null for a bare `except:`
    std::string name;  // empty without `as`
    StmtList body;
    Span span;  // the `except ...:` line
};
struct Try : StmtOf<StmtKind::Try> {
    StmtList body;
    std::vector<ExceptHandler> handlers;
    StmtList orelse, finalbody;
    bool is_star = false;  // except*
};

struct FunctionDef : StmtOf<StmtKind::FunctionDef> {
    std::string name;
    Arguments args;
    StmtList body;
    ExprList decorators;
    ExprPtr returns;
    bool is_async = false;
};
struct ClassDef : StmtOf<StmtKind::ClassDef> {
    std::string name;
    ExprList bases;
    std::vector<Keyword> keywords;
    StmtList body;
    ExprList decorators;
};
// A statement the parser skipped: it was reported as unsupported and is
// never compiled.
struct UnsupportedStmt : StmtOf<StmtKind::Unsupported> {};

// ---- patterns (the `case` of a match statement, PEP 634) ----------------------------------------

enum class PatternKind { Value, Singleton, Sequence, Mapping, Class, Star, As, Or };

struct Pattern {
    PatternKind kind;
    Span span;
    explicit Pattern(PatternKind k) : kind(k) {}
    virtual ~Pattern() = default;
    template <class T> const T& as() const { return static_cast<const T&>(*this); }
};
using PatternPtr = std::unique_ptr<Pattern>;
using PatternList = std::vector<PatternPtr>;

template <PatternKind K> struct PatternOf : Pattern {
    static constexpr PatternKind kKind = K;
    PatternOf() : Pattern(K) {}
};

// A literal other than None, True and False, or a dotted name: compared with ==.
struct MatchValue : PatternOf<PatternKind::Value> {
    ExprPtr value;
};
// None, True or False: compared with `is`.
struct MatchSingleton : PatternOf<PatternKind::Singleton> {
    lang::Constant value;
};
struct MatchSequence : PatternOf<PatternKind::Sequence> {
    PatternList patterns;
};
// `{key: pattern, ..., **rest}`; `rest` is empty without `**`.
struct MatchMapping : PatternOf<PatternKind::Mapping> {
    ExprList keys;
    PatternList patterns;
    std::string rest;
};
struct MatchClass : PatternOf<PatternKind::Class> {
    ExprPtr cls;
    PatternList patterns;
    std::vector<std::string> kwd_attrs;
    PatternList kwd_patterns;
};
// `*name` in a sequence pattern; `*_` has an empty name.
struct MatchStar : PatternOf<PatternKind::Star> {
    std::string name;
};
// `pattern as name`, a capture `name` (no pattern), or the wildcard `_` (neither).
struct MatchAs : PatternOf<PatternKind::As> {
    PatternPtr pattern;
    std::string name;
};
struct MatchOr : PatternOf<PatternKind::Or> {
    PatternList patterns;
};

struct MatchCase {
    PatternPtr pattern;
    ExprPtr guard;
    StmtList body;
};
struct Match : StmtOf<StmtKind::Match> {
    ExprPtr subject;
    std::vector<MatchCase> cases;
};

struct Module {
    StmtList body;
};

// An indented, one-node-per-line rendering with spans, for golden tests and
// `pymodel --ast`; a str constant as repr() shows it on the runtime of `tables`.
std::string dump(const Module& module, const UnicodeTables& tables);

}  // namespace lang::ast
