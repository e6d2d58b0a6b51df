// The parser. Statements by recursive descent, expressions by precedence
// climbing over `infix_rules`. Error messages and their spans follow CPython
// 3.11's parser (Grammar/python.gram, its invalid_* rules) for the common
// cases; anything else is "invalid syntax" at the token where parsing failed.
#include "parser.hpp"

#include <algorithm>
#include <array>
#include <charconv>
#include <cmath>
#include <cstdlib>

#include <fmt/format.h>
#include <boost/multiprecision/cpp_int.hpp>

#include "lexer.hpp"
#include "modules.hpp"

namespace lang {

namespace {

using namespace ast;

// ---- operator precedence (Python's grammar, lowest first) ---------------------------------------

enum Prec : int {
    PREC_NONE = 0,
    PREC_OR,  // or
    PREC_AND,  // and
    PREC_NOT,  // not (prefix)
    PREC_COMPARISON,  // < > == >= <= != in, not in, is, is not
    PREC_BIT_OR,  // |
    PREC_BIT_XOR,  // ^
    PREC_BIT_AND,  // &
    PREC_SHIFT,  // << >>
    PREC_SUM,  // + -
    PREC_TERM,  // * / // % @
    PREC_UNARY,  // + - ~ (prefix)
    PREC_POWER,  // ** (right-associative)
};

struct InfixRule {
    Prec prec = PREC_NONE;
    BinaryOp op = BinaryOp::Add;  // for the binary arithmetic operators
};

constexpr std::array<InfixRule, kTokenKindCount> make_infix_rules() {
    std::array<InfixRule, kTokenKindCount> rules{};
    auto set = [&](Tok t, Prec p, BinaryOp op = BinaryOp::Add) { rules[static_cast<int>(t)] = {p, op}; };
    set(Tok::Or, PREC_OR);
    set(Tok::And, PREC_AND);
    for (Tok t : {Tok::Less, Tok::Greater, Tok::EqEqual, Tok::GreaterEqual, Tok::LessEqual, Tok::NotEqual, Tok::In,
                  Tok::Not, Tok::Is})
        set(t, PREC_COMPARISON);
    set(Tok::VBar, PREC_BIT_OR, BinaryOp::Or);
    set(Tok::Circumflex, PREC_BIT_XOR, BinaryOp::Xor);
    set(Tok::Amper, PREC_BIT_AND, BinaryOp::And);
    set(Tok::LeftShift, PREC_SHIFT, BinaryOp::LShift);
    set(Tok::RightShift, PREC_SHIFT, BinaryOp::RShift);
    set(Tok::Plus, PREC_SUM, BinaryOp::Add);
    set(Tok::Minus, PREC_SUM, BinaryOp::Subtract);
    set(Tok::Star, PREC_TERM, BinaryOp::Multiply);
    set(Tok::Slash, PREC_TERM, BinaryOp::TrueDivide);
    set(Tok::DoubleSlash, PREC_TERM, BinaryOp::FloorDivide);
    set(Tok::Percent, PREC_TERM, BinaryOp::Remainder);
    set(Tok::At, PREC_TERM, BinaryOp::MatMultiply);
    set(Tok::DoubleStar, PREC_POWER, BinaryOp::Power);
    return rules;
}
constexpr auto infix_rules = make_infix_rules();

const InfixRule& infix_rule(Tok t) { return infix_rules[static_cast<int>(t)]; }

// Augmented assignment operators and their BinaryOp.
std::optional<BinaryOp> augmented_op(Tok t) {
    switch (t) {
    case Tok::PlusEqual: return BinaryOp::Add;
    case Tok::MinEqual: return BinaryOp::Subtract;
    case Tok::StarEqual: return BinaryOp::Multiply;
    case Tok::SlashEqual: return BinaryOp::TrueDivide;
    case Tok::DoubleSlashEqual: return BinaryOp::FloorDivide;
    case Tok::PercentEqual: return BinaryOp::Remainder;
    case Tok::AtEqual: return BinaryOp::MatMultiply;
    case Tok::AmperEqual: return BinaryOp::And;
    case Tok::VBarEqual: return BinaryOp::Or;
    case Tok::CircumflexEqual: return BinaryOp::Xor;
    case Tok::LeftShiftEqual: return BinaryOp::LShift;
    case Tok::RightShiftEqual: return BinaryOp::RShift;
    case Tok::DoubleStarEqual: return BinaryOp::Power;
    default: return std::nullopt;
    }
}

// How CPython names an expression in "cannot assign to ..." messages.
std::string expr_name(const Expr& e) {
    switch (e.kind) {
    case ExprKind::Attribute: return "attribute";
    case ExprKind::Subscript: return "subscript";
    case ExprKind::Starred: return "starred";
    case ExprKind::Name: return "name";
    case ExprKind::List: return "list";
    case ExprKind::Tuple: return "tuple";
    case ExprKind::Lambda: return "lambda";
    case ExprKind::Call: return "function call";
    case ExprKind::BoolOp:
    case ExprKind::BinOp:
    case ExprKind::UnaryOp: return "expression";
    case ExprKind::GeneratorExp: return "generator expression";
    case ExprKind::Yield:
    case ExprKind::YieldFrom: return "yield expression";
    case ExprKind::Await: return "await expression";
    case ExprKind::ListComp: return "list comprehension";
    case ExprKind::SetComp: return "set comprehension";
    case ExprKind::DictComp: return "dict comprehension";
    case ExprKind::Dict: return "dict literal";
    case ExprKind::Set: return "set display";
    case ExprKind::JoinedStr:
    case ExprKind::FormattedValue: return "f-string expression";
    case ExprKind::Constant: {
        const auto& v = e.as<ast::Constant>().value.value;
        if (std::holds_alternative<NoneConst>(v)) return "None";
        if (const bool* b = std::get_if<bool>(&v)) return *b ? "True" : "False";
        if (std::holds_alternative<EllipsisConst>(v)) return "ellipsis";
        return "literal";
    }
    case ExprKind::Compare: return "comparison";
    case ExprKind::IfExp: return "conditional expression";
    case ExprKind::NamedExpr: return "named expression";
    case ExprKind::Slice: return "slice";
    }
    return "expression";
}

// Where a target is bound or deleted: decides CPython's wording.
enum class TargetUse { Assign, Delete, AugAssign };

class Parser {
  public:
    Parser(const TokenStream& stream, const std::string& filename, Notes& notes, int& depth, bool in_fstring)
        : stream_(stream),
          toks_(stream.tokens),
          lex_error_(stream.error),
          filename_(filename),
          notes_(notes),
          depth_(depth),
          in_fstring_(in_fstring) {}

    Module parse_module() {
        Module m;
        try {
            while (cur().kind != Tok::EndMarker) parse_statement(m.body);
        } catch (const DiagnosticError& e) {
            if (tokenizer_error_wins(e.diagnostic)) throw DiagnosticError(*lex_error_);
            throw;
        }
        return m;
    }

    // An f-string replacement field: star_expressions and nothing else.
    ExprPtr parse_fstring_field() {
        if (cur().kind == Tok::EndMarker) error_at(cur(), "f-string: empty expression not allowed");
        ExprPtr e = cur().kind == Tok::Yield ? parse_yield() : parse_star_expressions();
        if (cur().kind != Tok::EndMarker) syntax_error();
        return e;
    }

  private:
    const TokenStream& stream_;
    const std::vector<Token>& toks_;
    const std::optional<Diagnostic>& lex_error_;
    const std::string& filename_;
    Notes& notes_;
    int& depth_;  // shared with the parsers of f-string fields
    bool in_fstring_;
    std::size_t p_ = 0;
    int bracket_level_ = 0;  // for "Perhaps you forgot a comma?"
    std::size_t furthest_failure_ = 0;  // where a speculative parse failed

    // After a syntax error, CPython tokenizes the rest of the file, and a
    // tokenizer error found there is reported instead: any error of its own,
    // or a bracket left open on a line before the last token the parser read
    // (one past the failing token when that one could start an expression).
    bool tokenizer_error_wins(const Diagnostic& parser_error) {
        const std::optional<Diagnostic>& rest = lex_error_;
        if (!rest || parser_error.kind != Diagnostic::Kind::SyntaxError) return false;
        if (parser_error.message == rest->message && parser_error.line == rest->line && parser_error.col == rest->col)
            return false;  // it is the tokenizer's error already
        if (stream_.unclosed) return furthest_read_line() > stream_.unclosed_line;
        // The tokenizer errors CPython reports through error codes, not
        // exceptions, do not count.
        return rest->type == "SyntaxError" && rest->message != "unexpected EOF while parsing" &&
               rest->message != "unexpected character after line continuation character";
    }

    // The line of the furthest token CPython's parser would have read when
    // it failed: PEG alternatives read on from the failing token as far as
    // an expression could go.
    int furthest_read_line() {
        std::size_t failed = std::max(p_, furthest_failure_);
        if (!starts_expression(toks_[failed].kind)) return toks_[failed].line;
        p_ = failed;
        bracket_level_ = 1;
        try {
            parse_expression();
        } catch (const DiagnosticError&) {
        }
        return peek(1).line;
    }

    // ---- tokens ---------------------------------------------------------------------------------

    const Token& cur() const {
        if (toks_[p_].kind == Tok::Error) throw DiagnosticError(*lex_error_);
        return toks_[p_];
    }
    const Token& peek(std::size_t n = 1) const { return toks_[std::min(p_ + n, toks_.size() - 1)]; }
    const Token& prev() const { return toks_[p_ - 1]; }
    const Token& advance() {
        const Token& t = cur();
        if (p_ + 1 < toks_.size()) ++p_;
        return t;
    }
    bool at(Tok k) const { return cur().kind == k; }
    bool accept(Tok k) {
        if (!at(k)) return false;
        advance();
        return true;
    }
    const Token& expect(Tok k) {
        if (!at(k)) syntax_error();
        return advance();
    }
    // The ':' of a compound statement. CPython says "expected ':'" where its
    // grammar forces the token (def, for, try, else, finally) and, elsewhere,
    // when the header ends the line; otherwise "invalid syntax".
    void expect_colon(bool forced = false) {
        if (!at(Tok::Colon)) {
            if (forced || at(Tok::Newline)) error_at(cur(), "expected ':'");
            syntax_error();
        }
        advance();
    }

    // ---- errors ---------------------------------------------------------------------------------

    DiagnosticError diagnostic(std::string message, const Span& s, std::string type = "SyntaxError") const {
        if (in_fstring_ && message.rfind("f-string", 0) != 0) message = "f-string: " + message;
        return ast::syntax_error(std::move(message), filename_, s, std::move(type));
    }
    [[noreturn]] void error(std::string message, const Span& s) const { throw diagnostic(std::move(message), s); }
    static Span span_of(const Token& t) {
        if (t.col < 0) return Span{t.line, -1, t.line, -1};
        return Span{t.line, t.col, t.end_line, std::max(t.end_col, t.col + (t.end_line == t.line ? 1 : 0))};
    }
    [[noreturn]] void error_at(const Token& t, std::string message) const { error(std::move(message), span_of(t)); }
    // "invalid syntax" at the current token, or at the furthest token a
    // speculative parse failed at (a PEG parser reports the furthest).
    [[noreturn]] void syntax_error() const {
        const Token& t = furthest_failure_ > p_ ? toks_[furthest_failure_] : cur();
        if (t.kind == Tok::Indent) {
            throw diagnostic("unexpected indent", Span{t.line, -1, t.line, -1}, "IndentationError");
        }
        if (t.kind == Tok::Dedent) {
            throw diagnostic("unexpected unindent", span_of(t), "IndentationError");
        }
        error_at(t, "invalid syntax");
    }
    void unsupported(std::string what, const Span& s) { notes_.unsupported(std::move(what), filename_, s.line, s.col); }

    // Bounds the recursion of the parser (and, through Expr::depth, of every
    // later pass over the tree).
    struct DepthGuard {
        Parser& p;
        explicit DepthGuard(Parser& parser) : p(parser) {
            if (++p.depth_ > kMaxExpressionDepth) p.too_deep();
        }
        ~DepthGuard() { --p.depth_; }
    };
    [[noreturn]] void too_deep() const {
        Diagnostic d;
        d.kind = Diagnostic::Kind::RecursionError;
        d.type = "RecursionError";
        d.message = "maximum recursion depth exceeded during compilation";
        d.filename = filename_;
        throw DiagnosticError(d);
    }

    // ---- nodes ----------------------------------------------------------------------------------

    Span start_span(const Token& t) const { return Span{t.line, t.col, t.end_line, t.end_col}; }
    // Ends `s` at the last consumed token (a block ends with its last
    // statement, not with the NEWLINE and DEDENTs after it).
    Span finish_span(Span s) const {
        std::size_t last = p_ - 1;
        while (last > 0 && (toks_[last].kind == Tok::Dedent || toks_[last].kind == Tok::Newline)) --last;
        s.end_line = toks_[last].end_line;
        s.end_col = toks_[last].end_col;
        return s;
    }
    static Span join(const Span& a, const Span& b) { return Span{a.line, a.col, b.end_line, b.end_col}; }

    template <class T> std::unique_ptr<T> node(const Span& s) {
        auto n = std::make_unique<T>();
        n->span = s;
        return n;
    }
    // Records the height of a finished expression node.
    ExprPtr finish(ExprPtr e) {
        int depth = 0;
        for_each_child(*e, [&](const Expr& child) { depth = std::max(depth, child.depth); });
        e->depth = depth + 1;
        if (e->depth > kMaxExpressionDepth) too_deep();
        return e;
    }
    template <class T> ExprPtr finish(std::unique_ptr<T> e) { return finish(ExprPtr(std::move(e))); }

    // ---- statements -----------------------------------------------------------------------------

    void parse_statement(StmtList& out) {
        switch (cur().kind) {
        case Tok::If: out.push_back(parse_if()); return;
        case Tok::While: out.push_back(parse_while()); return;
        case Tok::For: out.push_back(parse_for(false, start_span(cur()))); return;
        case Tok::Try: out.push_back(parse_try()); return;
        case Tok::With: out.push_back(parse_with(false, start_span(cur()))); return;
        case Tok::Def: out.push_back(parse_def({}, false, start_span(cur()))); return;
        case Tok::Class: out.push_back(parse_class({}, start_span(cur()))); return;
        case Tok::At: out.push_back(parse_decorated()); return;
        case Tok::Async: out.push_back(parse_async()); return;
        case Tok::Name:
            if (cur().text == "match" && is_match_statement()) {
                out.push_back(parse_match());
                return;
            }
            break;
        default: break;
        }
        parse_simple_statements(out);
    }

    void parse_simple_statements(StmtList& out) {
        for (;;) {
            out.push_back(parse_simple_statement());
            if (!accept(Tok::Semicolon)) break;
            if (at(Tok::Newline)) break;
        }
        if (!at(Tok::Newline)) syntax_error();
        advance();
    }

    // A block after ':' (the colon already consumed).
    StmtList parse_block(std::string_view what, int line) {
        StmtList body;
        if (!at(Tok::Newline)) {
            parse_simple_statements(body);
            return body;
        }
        advance();
        if (!at(Tok::Indent)) {
            const Token& t = cur();
            Span s = t.kind == Tok::EndMarker || t.kind == Tok::Dedent ? Span{t.line, -1, t.line, -1}
                                                                       : Span{t.line, t.col, t.line, t.col + 1};
            throw diagnostic(fmt::format("expected an indented block after {} on line {}", what, line), s,
                             "IndentationError");
        }
        advance();
        while (!at(Tok::Dedent) && !at(Tok::EndMarker)) parse_statement(body);
        accept(Tok::Dedent);
        return body;
    }

    StmtPtr parse_simple_statement() {
        const Token& t = cur();
        Span s = start_span(t);
        switch (t.kind) {
        case Tok::Pass: advance(); return node<Pass>(s);
        case Tok::Break: advance(); return node<Break>(s);
        case Tok::Continue: advance(); return node<Continue>(s);
        case Tok::Return: {
            advance();
            auto r = node<Return>(s);
            if (!at_statement_end()) r->value = parse_star_expressions();
            r->span = finish_span(s);
            return r;
        }
        case Tok::Raise: return parse_raise();
        case Tok::Global:
        case Tok::Nonlocal: return parse_global_nonlocal();
        case Tok::Del: return parse_del();
        case Tok::Assert: {
            advance();
            auto a = node<Assert>(s);
            a->test = parse_expression();
            if (accept(Tok::Comma)) a->msg = parse_expression();
            a->span = finish_span(s);
            return a;
        }
        case Tok::Import: return parse_import();
        case Tok::From: return parse_from_import();
        default: return parse_expression_statement();
        }
    }

    bool at_statement_end() const { return at(Tok::Newline) || at(Tok::Semicolon); }

    StmtPtr parse_raise() {
        Span s = start_span(advance());
        auto r = node<Raise>(s);
        if (!at_statement_end()) {
            r->exc = parse_expression();
            if (accept(Tok::From)) r->cause = parse_expression();
        }
        r->span = finish_span(s);
        return r;
    }

    StmtPtr parse_global_nonlocal() {
        bool global = at(Tok::Global);
        Span s = start_span(advance());
        std::vector<std::string> names;
        do {
            names.emplace_back(expect(Tok::Name).text);
        } while (accept(Tok::Comma));
        if (global) {
            auto g = node<Global>(finish_span(s));
            g->names = std::move(names);
            return g;
        }
        auto n = node<Nonlocal>(finish_span(s));
        n->names = std::move(names);
        return n;
    }

    StmtPtr parse_del() {
        Span s = start_span(advance());
        auto d = node<Delete>(s);
        do {
            if (at_statement_end()) break;
            ExprPtr target = parse_target_element();
            check_target(*target, TargetUse::Delete, false);
            d->targets.push_back(std::move(target));
        } while (accept(Tok::Comma));
        if (d->targets.empty()) syntax_error();
        d->span = finish_span(s);
        return d;
    }

    std::string parse_dotted_name() {
        std::string name(expect(Tok::Name).text);
        while (accept(Tok::Dot)) name += "." + std::string(expect(Tok::Name).text);
        return name;
    }

    StmtPtr parse_import() {
        Span s = start_span(advance());
        auto imp = node<Import>(s);
        do {
            Alias a;
            a.span = start_span(cur());
            a.name = parse_dotted_name();
            if (accept(Tok::As)) a.asname = expect(Tok::Name).text;
            a.span = finish_span(a.span);
            imp->names.push_back(std::move(a));
        } while (accept(Tok::Comma));
        imp->span = finish_span(s);
        return imp;
    }

    StmtPtr parse_from_import() {
        Span s = start_span(advance());
        auto imp = node<ImportFrom>(s);
        Span module_span = start_span(cur());
        for (;;) {
            if (accept(Tok::Dot)) imp->level += 1;
            else if (accept(Tok::Ellipsis)) imp->level += 3;
            else break;
        }
        if (!at(Tok::Import)) imp->module = parse_dotted_name();
        module_span = finish_span(module_span);
        expect(Tok::Import);
        if (at(Tok::Star)) {
            Alias a{"*", "", span_of(cur())};
            advance();
            imp->names.push_back(std::move(a));
        } else {
            bool parenthesized = accept(Tok::LParen);
            do {
                if (parenthesized && at(Tok::RParen)) break;
                Alias a;
                a.span = start_span(cur());
                a.name = expect(Tok::Name).text;
                if (accept(Tok::As)) a.asname = expect(Tok::Name).text;
                a.span = finish_span(a.span);
                imp->names.push_back(std::move(a));
                if (!parenthesized && at(Tok::Comma) && peek().kind == Tok::Newline)
                    error_at(peek(), "trailing comma not allowed without surrounding parentheses");
            } while (accept(Tok::Comma));
            if (parenthesized) expect(Tok::RParen);
        }
        imp->span = finish_span(s);
        return imp;
    }

    StmtPtr parse_expression_statement() {
        Span s = start_span(cur());
        ExprPtr first = at(Tok::Yield) ? parse_yield() : parse_star_expressions();
        if (at(Tok::Equal)) return parse_assignment(std::move(first), s);
        if (auto op = augmented_op(cur().kind)) {
            const Token& op_token = advance();
            auto a = node<AugAssign>(s);
            a->op = *op;
            if (first->kind != ExprKind::Name && first->kind != ExprKind::Attribute &&
                first->kind != ExprKind::Subscript) {
                // CPython names the bad target only once the value parses.
                try {
                    a->value = at(Tok::Yield) ? parse_yield() : parse_star_expressions();
                } catch (const DiagnosticError& e) {
                    if (e.diagnostic.message == "invalid syntax") error_at(op_token, "invalid syntax");
                    throw;
                }
                error(fmt::format("'{}' is an illegal expression for augmented assignment", expr_name(*first)),
                      first->span);
            }
            a->target = std::move(first);
            a->value = at(Tok::Yield) ? parse_yield() : parse_star_expressions();
            a->span = finish_span(s);
            return a;
        }
        if (at(Tok::Colon)) return parse_annotated_assignment(std::move(first), s);
        if (first->kind == ExprKind::Name && first->as<Name>().id == "print" && starts_expression(cur().kind))
            legacy_print(*first);
        auto e = node<ExprStmt>(s);
        e->value = std::move(first);
        e->span = finish_span(s);
        return e;
    }

    [[noreturn]] void legacy_print(const Expr& name) {
        ExprPtr arg = parse_star_expressions();
        error("Missing parentheses in call to 'print'. Did you mean print(...)?", join(name.span, arg->span));
    }

    StmtPtr parse_assignment(ExprPtr first, Span s) {
        auto a = node<Assign>(s);
        a->targets.push_back(std::move(first));
        ExprPtr value;
        while (accept(Tok::Equal)) {
            value = at(Tok::Yield) ? parse_yield() : parse_star_expressions();
            if (at(Tok::Equal)) a->targets.push_back(std::move(value));
        }
        for (std::size_t i = 0; i < a->targets.size(); ++i) {
            const Expr& target = *a->targets[i];
            if (target.kind == ExprKind::Yield || target.kind == ExprKind::YieldFrom)
                error("assignment to yield expression not possible", target.span);
            // CPython's "Maybe you meant '=='" is for the expression right before the value's '='.
            bool last = i + 1 == a->targets.size();
            if (last && target.kind == ExprKind::Tuple && !target.as<ast::Tuple>().parenthesized) {
                const ExprList& elts = target.as<ast::Tuple>().elts;
                for (std::size_t k = 0; k < elts.size(); ++k)
                    check_target(*elts[k], TargetUse::Assign, k + 1 == elts.size() && could_be_comparison(*elts[k]));
                continue;
            }
            check_target(target, TargetUse::Assign, last && could_be_comparison(target));
        }
        a->value = std::move(value);
        a->span = finish_span(s);
        return a;
    }

    StmtPtr parse_annotated_assignment(ExprPtr target, Span s) {
        bool parenthesized_name = target->kind == ExprKind::Name && target->span.col != s.col;
        const Token& colon = advance();
        auto a = node<AnnAssign>(s);
        // CPython judges the target only once the annotation parses.
        try {
            a->annotation = parse_expression();
        } catch (const DiagnosticError& e) {
            bool bad_target = target->kind != ExprKind::Name && target->kind != ExprKind::Attribute &&
                              target->kind != ExprKind::Subscript;
            if (bad_target && e.diagnostic.message == "invalid syntax") error_at(colon, "invalid syntax");
            throw;
        }
        if (target->kind == ExprKind::Tuple) {
            error("only single target (not tuple) can be annotated", target->span);
        } else if (target->kind == ExprKind::List) {
            error("only single target (not list) can be annotated", target->span);
        } else if (target->kind != ExprKind::Name && target->kind != ExprKind::Attribute &&
                   target->kind != ExprKind::Subscript) {
            error("illegal target for annotation", target->span);
        }
        a->simple = target->kind == ExprKind::Name && !parenthesized_name;
        a->target = std::move(target);
        if (accept(Tok::Equal)) a->value = at(Tok::Yield) ? parse_yield() : parse_star_expressions();
        a->span = finish_span(s);
        return a;
    }

    // Would CPython suggest '==' for `e = value`?
    static bool could_be_comparison(const Expr& e) {
        return is_bitwise_or_level(e) && e.kind != ExprKind::List && e.kind != ExprKind::Tuple &&
               e.kind != ExprKind::GeneratorExp && !is_singleton(e);
    }

    static bool is_singleton(const Expr& e) {
        if (e.kind != ExprKind::Constant) return false;
        const auto& v = e.as<ast::Constant>().value.value;
        return std::holds_alternative<NoneConst>(v) || std::holds_alternative<bool>(v);
    }
    // Could `e` be a bitwise_or of the grammar (no comparison, not, and/or, ...)?
    static bool is_bitwise_or_level(const Expr& e) {
        switch (e.kind) {
        case ExprKind::Compare:
        case ExprKind::BoolOp:
        case ExprKind::IfExp:
        case ExprKind::Lambda:
        case ExprKind::Starred:
        case ExprKind::Yield:
        case ExprKind::YieldFrom:
        case ExprKind::NamedExpr: return false;
        case ExprKind::UnaryOp: return e.as<UnaryOp>().op != UnaryOpKind::Not;
        case ExprKind::Tuple: return e.as<ast::Tuple>().parenthesized;
        default: return true;
        }
    }

    // Checks that `e` can be assigned to (or deleted), with CPython's message
    // for the first part that cannot.
    void check_target(const Expr& e, TargetUse use, bool maybe_comparison) {
        switch (e.kind) {
        case ExprKind::Name:
            if (e.as<Name>().id == "__debug__") error("cannot assign to __debug__", e.span);
            return;
        case ExprKind::Attribute:
        case ExprKind::Subscript: return;
        case ExprKind::Tuple:
        case ExprKind::List: {
            const ExprList& elts = e.kind == ExprKind::Tuple ? e.as<ast::Tuple>().elts : e.as<List>().elts;
            for (const ExprPtr& elt : elts) check_target(*elt, use, false);
            return;
        }
        case ExprKind::Starred:
            if (use == TargetUse::Delete) error("cannot delete starred", e.span);
            check_target(*e.as<Starred>().value, use, false);
            return;
        default: break;
        }
        std::string what = expr_name(e);
        if (use == TargetUse::Delete) error("cannot delete " + what, e.span);
        if (maybe_comparison)
            error(fmt::format("cannot assign to {} here. Maybe you meant '==' instead of '='?", what), e.span);
        error("cannot assign to " + what, e.span);
    }

    // ---- compound statements --------------------------------------------------------------------

    StmtPtr parse_if() {
        const Token& kw = advance();
        Span s = start_span(kw);
        std::string what = kw.kind == Tok::If ? "'if' statement" : "'elif' statement";
        auto n = node<If>(s);
        n->test = parse_named_expression();
        expect_colon();
        n->body = parse_block(what, kw.line);
        if (at(Tok::Elif)) {
            n->orelse.push_back(parse_if());
        } else if (at(Tok::Else)) {
            int line = advance().line;
            expect_colon(true);
            n->orelse = parse_block("'else' statement", line);
        }
        n->span = finish_span(s);
        return n;
    }

    StmtList parse_else_block() {
        if (!at(Tok::Else)) return {};
        int line = advance().line;
        expect_colon(true);
        return parse_block("'else' statement", line);
    }

    StmtPtr parse_while() {
        const Token& kw = advance();
        Span s = start_span(kw);
        auto n = node<While>(s);
        n->test = parse_named_expression();
        expect_colon();
        n->body = parse_block("'while' statement", kw.line);
        n->orelse = parse_else_block();
        n->span = finish_span(s);
        return n;
    }

    StmtPtr parse_for(bool is_async, Span s) {
        const Token& kw = advance();
        auto n = node<For>(s);
        n->is_async = is_async;
        n->target = parse_target_list();
        check_target(*n->target, TargetUse::Assign, false);
        expect(Tok::In);
        n->iter = parse_star_expressions();
        expect_colon(true);
        n->body = parse_block("'for' statement", kw.line);
        n->orelse = parse_else_block();
        n->span = finish_span(s);
        return n;
    }

    StmtPtr parse_try() {
        const Token& kw = advance();
        Span s = start_span(kw);
        auto n = node<Try>(s);
        expect_colon(true);
        n->body = parse_block("'try' statement", kw.line);
        while (at(Tok::Except)) {
            ExceptHandler h;
            const Token& ex = advance();
            h.span = start_span(ex);
            if (accept(Tok::Star)) {
                n->is_star = true;
                unsupported("'except*'", h.span);
            }
            if (!at(Tok::Colon)) {
                h.type = parse_expression();
                if (at(Tok::Comma)) {
                    ExprPtr rest = parse_star_expressions();
                    error("multiple exception types must be parenthesized", join(h.type->span, rest->span));
                }
                if (accept(Tok::As)) h.name = expect(Tok::Name).text;
            }
            expect_colon();
            h.span = finish_span(h.span);
            h.body = parse_block(n->is_star ? "'except*' statement" : "'except' statement", ex.line);
            n->handlers.push_back(std::move(h));
        }
        n->orelse = n->handlers.empty() ? StmtList{} : parse_else_block();
        if (at(Tok::Finally)) {
            int line = advance().line;
            expect_colon(true);
            n->finalbody = parse_block("'finally' statement", line);
        }
        if (n->handlers.empty() && n->finalbody.empty()) error_at(cur(), "expected 'except' or 'finally' block");
        n->span = finish_span(s);
        return n;
    }

    StmtPtr parse_with(bool is_async, Span s) {
        const Token& kw = advance();
        auto n = node<With>(s);
        n->is_async = is_async;
        if (!at(Tok::LParen) || !parse_parenthesized_with_items(n->items)) {
            do {
                n->items.push_back(parse_with_item());
            } while (accept(Tok::Comma));
        }
        expect_colon();
        n->body = parse_block("'with' statement", kw.line);
        n->span = finish_span(s);
        return n;
    }

    WithItem parse_with_item() {
        WithItem item;
        item.context_expr = parse_expression();
        if (accept(Tok::As)) {
            item.optional_vars = parse_target_element();
            check_target(*item.optional_vars, TargetUse::Assign, false);
        }
        return item;
    }

    // `with (a as b, c as d):` -- tried first, as CPython's grammar does; on
    // failure the parser backs up and reads a parenthesized expression.
    bool parse_parenthesized_with_items(std::vector<WithItem>& items) {
        std::size_t save = p_;
        Notes saved_notes = notes_;
        try {
            advance();
            ++bracket_level_;
            std::vector<WithItem> parsed;
            do {
                if (at(Tok::RParen)) break;
                parsed.push_back(parse_with_item());
            } while (accept(Tok::Comma));
            --bracket_level_;
            if (accept(Tok::RParen) && at(Tok::Colon) && !parsed.empty()) {
                items = std::move(parsed);
                return true;
            }
        } catch (const DiagnosticError&) {
            furthest_failure_ = std::max(furthest_failure_, p_);
        }
        bracket_level_ = 0;
        p_ = save;
        notes_ = saved_notes;
        return false;
    }

    StmtPtr parse_decorated() {
        ExprList decorators;
        while (at(Tok::At)) {
            advance();
            decorators.push_back(parse_named_expression());
            expect(Tok::Newline);
        }
        // As in CPython's tree, the definition starts at `def` or `class`.
        if (at(Tok::Def)) return parse_def(std::move(decorators), false, start_span(cur()));
        if (at(Tok::Class)) return parse_class(std::move(decorators), start_span(cur()));
        if (at(Tok::Async) && peek().kind == Tok::Def) {
            Span def = start_span(advance());
            return parse_def(std::move(decorators), true, def);
        }
        syntax_error();
    }

    StmtPtr parse_async() {
        Span s = start_span(advance());
        switch (cur().kind) {
        case Tok::Def: return parse_def({}, true, s);
        case Tok::For: return parse_for(true, s);
        case Tok::With: return parse_with(true, s);
        default: syntax_error();
        }
    }

    StmtPtr parse_def(ExprList decorators, bool is_async, Span s) {
        const Token& kw = advance();
        auto f = node<FunctionDef>(s);
        f->decorators = std::move(decorators);
        f->is_async = is_async;
        f->name = expect(Tok::Name).text;
        if (!at(Tok::LParen)) error_at(cur(), "expected '('");
        advance();
        ++bracket_level_;
        f->args = parse_parameters(Tok::RParen, true);
        --bracket_level_;
        expect(Tok::RParen);
        if (accept(Tok::RArrow)) f->returns = parse_expression();
        expect_colon(true);
        f->body = parse_block("function definition", kw.line);
        f->span = finish_span(s);
        return f;
    }

    StmtPtr parse_class(ExprList decorators, Span s) {
        const Token& kw = advance();
        auto c = node<ClassDef>(s);
        c->decorators = std::move(decorators);
        c->name = expect(Tok::Name).text;
        if (at(Tok::LParen)) {
            Span args_span = start_span(advance());
            ++bracket_level_;
            parse_call_arguments(c->bases, c->keywords);
            --bracket_level_;
            expect(Tok::RParen);
            args_span = finish_span(args_span);
        }
        expect_colon();
        c->body = parse_block("class definition", kw.line);
        c->span = finish_span(s);
        return c;
    }

    // `match` is a soft keyword: a statement starting with it is a match
    // statement when its logical line ends with ':' (no other statement
    // starting with a name can).
    bool is_match_statement() const {
        Tok next = peek().kind;
        if (next == Tok::Equal || next == Tok::Dot || next == Tok::Colon || next == Tok::Newline ||
            next == Tok::Comma || next == Tok::Semicolon || augmented_op(next))
            return false;
        int level = 0;
        for (std::size_t i = p_ + 1; i < toks_.size(); ++i) {
            Tok k = toks_[i].kind;
            if (k == Tok::LParen || k == Tok::LBracket || k == Tok::LBrace) ++level;
            if (k == Tok::RParen || k == Tok::RBracket || k == Tok::RBrace) --level;
            if (k == Tok::Newline || k == Tok::EndMarker || k == Tok::Error || k == Tok::Semicolon)
                return k == Tok::Newline && toks_[i - 1].kind == Tok::Colon;
            if (level < 0) return false;
        }
        return false;
    }

    // ---- match statements (PEP 634) -------------------------------------------------------------

    bool at_soft_keyword(std::string_view word) const { return at(Tok::Name) && cur().text == word; }

    StmtPtr parse_match() {
        const Token& keyword = advance();
        Span s = start_span(keyword);
        auto m = node<Match>(s);
        m->subject = parse_subject();
        expect_colon(true);
        if (!at(Tok::Newline)) syntax_error();
        advance();
        if (!at(Tok::Indent)) {
            const Token& t = cur();
            throw diagnostic(fmt::format("expected an indented block after 'match' statement on line {}", s.line),
                             Span{t.line, t.col, t.line, t.col + 1}, "IndentationError");
        }
        advance();
        do {
            if (!at_soft_keyword("case")) syntax_error();
            m->cases.push_back(parse_case());
        } while (!at(Tok::Dedent) && !at(Tok::EndMarker));
        m->span = finish_span(s);
        accept(Tok::Dedent);
        return m;
    }

    // subject_expr: `star_named_expression ',' star_named_expressions?` (a
    // tuple) or `named_expression`.
    ExprPtr parse_subject() {
        Span s = start_span(cur());
        ExprPtr first = at(Tok::Star) ? parse_star_expression() : parse_named_expression();
        if (!at(Tok::Comma)) {
            if (first->kind == ExprKind::Starred) syntax_error();
            return first;
        }
        auto t = node<ast::Tuple>(s);
        t->elts.push_back(std::move(first));
        while (accept(Tok::Comma)) {
            if (at(Tok::Colon)) break;
            t->elts.push_back(at(Tok::Star) ? parse_star_expression() : parse_named_expression());
        }
        t->span = finish_span(s);
        return finish(std::move(t));
    }

    MatchCase parse_case() {
        const int line = advance().line;
        MatchCase c;
        c.pattern = parse_top_pattern();
        if (accept(Tok::If)) c.guard = parse_named_expression();
        expect_colon(true);
        c.body = parse_block("'case' statement", line);
        return c;
    }

    template <class T> std::unique_ptr<T> pattern_node(const Span& s) {
        auto p = std::make_unique<T>();
        p->span = s;
        return p;
    }
    PatternPtr finish_pattern(PatternPtr p, const Span& s) {
        p->span = finish_span(s);
        return p;
    }

    // patterns: an open sequence (`case a, *b:`) or one pattern.
    PatternPtr parse_top_pattern() {
        DepthGuard guard(*this);
        Span s = start_span(cur());
        PatternPtr first = parse_maybe_star_pattern();
        if (!at(Tok::Comma)) {
            if (first->kind == PatternKind::Star) syntax_error();
            return first;
        }
        auto seq = pattern_node<MatchSequence>(s);
        seq->patterns.push_back(std::move(first));
        while (accept(Tok::Comma) && !at(Tok::Colon) && !at(Tok::If))
            seq->patterns.push_back(parse_maybe_star_pattern());
        return finish_pattern(std::move(seq), s);
    }

    PatternPtr parse_maybe_star_pattern() {
        if (!at(Tok::Star)) return parse_pattern();
        Span s = start_span(advance());
        auto star = pattern_node<MatchStar>(s);
        if (!at(Tok::Name)) syntax_error();
        if (cur().text != "_") star->name = capture_target();
        else advance();
        return finish_pattern(std::move(star), s);
    }

    // A name a pattern binds: not `_`, nor followed by what makes it a
    // value or a class pattern.
    std::string capture_target() {
        const Token& t = expect(Tok::Name);
        if (t.text == "_") error_at(t, "cannot use '_' as a target");
        return std::string(t.text);
    }

    // as_pattern | or_pattern
    PatternPtr parse_pattern() {
        DepthGuard guard(*this);
        Span s = start_span(cur());
        PatternPtr p = parse_or_pattern();
        if (!accept(Tok::As)) return p;
        auto as = pattern_node<MatchAs>(s);
        as->pattern = std::move(p);
        if (!at(Tok::Name)) error_at(cur(), "invalid pattern target");
        as->name = capture_target();
        return finish_pattern(std::move(as), s);
    }

    PatternPtr parse_or_pattern() {
        Span s = start_span(cur());
        PatternPtr first = parse_closed_pattern();
        if (!at(Tok::VBar)) return first;
        auto alternatives = pattern_node<MatchOr>(s);
        alternatives->patterns.push_back(std::move(first));
        while (accept(Tok::VBar)) alternatives->patterns.push_back(parse_closed_pattern());
        return finish_pattern(std::move(alternatives), s);
    }

    PatternPtr parse_closed_pattern() {
        DepthGuard guard(*this);
        const Token& t = cur();
        Span s = start_span(t);
        switch (t.kind) {
        case Tok::None:
        case Tok::True:
        case Tok::False: {
            auto singleton = pattern_node<MatchSingleton>(s);
            if (t.kind == Tok::None) singleton->value.value = NoneConst{};
            else singleton->value.value = t.kind == Tok::True;
            advance();
            return finish_pattern(std::move(singleton), s);
        }
        case Tok::Minus:
        case Tok::Number:
        case Tok::String: {
            auto value = pattern_node<MatchValue>(s);
            value->value = parse_literal_expression();
            return finish_pattern(std::move(value), s);
        }
        case Tok::Name: return parse_name_pattern();
        case Tok::LParen: return parse_paren_pattern();
        case Tok::LBracket: {
            advance();
            auto seq = pattern_node<MatchSequence>(s);
            while (!at(Tok::RBracket)) {
                seq->patterns.push_back(parse_maybe_star_pattern());
                if (!accept(Tok::Comma)) break;
            }
            expect(Tok::RBracket);
            return finish_pattern(std::move(seq), s);
        }
        case Tok::LBrace: return parse_mapping_pattern();
        default: syntax_error();
        }
    }

    // A literal of a pattern: a signed number, a complex `real ± imag`, or
    // strings (no f-string).
    ExprPtr parse_literal_expression() {
        Span s = start_span(cur());
        if (at(Tok::String)) {
            ExprPtr e = parse_strings();
            if (e->kind != ExprKind::Constant) error("patterns may only match literals and attribute lookups", e->span);
            return e;
        }
        ExprPtr number = parse_signed_number();
        if (!at(Tok::Plus) && !at(Tok::Minus)) return number;
        auto sum = node<BinOp>(s);
        sum->op = at(Tok::Plus) ? BinaryOp::Add : BinaryOp::Subtract;
        advance();
        if (!at(Tok::Number)) syntax_error();
        sum->left = std::move(number);
        sum->right = parse_number();
        const auto& real = sum->left->kind == ExprKind::UnaryOp ? sum->left->as<UnaryOp>().operand : sum->left;
        if (std::holds_alternative<Complex>(real->as<ast::Constant>().value.value))
            error("real number required in complex literal", sum->left->span);
        if (!std::holds_alternative<Complex>(sum->right->as<ast::Constant>().value.value))
            error("imaginary number required in complex literal", sum->right->span);
        sum->span = finish_span(s);
        return finish(std::move(sum));
    }

    ExprPtr parse_signed_number() {
        if (!at(Tok::Minus)) {
            if (!at(Tok::Number)) syntax_error();
            return parse_number();
        }
        Span s = start_span(advance());
        if (!at(Tok::Number)) syntax_error();
        auto negative = node<UnaryOp>(s);
        negative->op = UnaryOpKind::USub;
        negative->operand = parse_number();
        negative->span = finish_span(s);
        return finish(std::move(negative));
    }

    // `_`, a capture, a dotted value, or a class pattern.
    PatternPtr parse_name_pattern() {
        Span s = start_span(cur());
        Tok next = peek().kind;
        if (next != Tok::Dot && next != Tok::LParen && next != Tok::Equal) {
            auto capture = pattern_node<MatchAs>(s);
            if (cur().text != "_") capture->name = std::string(cur().text);
            advance();
            return finish_pattern(std::move(capture), s);
        }
        ExprPtr name = parse_name_or_attribute();
        if (at(Tok::LParen)) return parse_class_pattern(std::move(name), s);
        if (name->kind == ExprKind::Name) syntax_error();
        auto value = pattern_node<MatchValue>(s);
        value->value = std::move(name);
        return finish_pattern(std::move(value), s);
    }

    ExprPtr parse_name_or_attribute() {
        Span s = start_span(cur());
        auto n = node<Name>(s);
        n->id = std::string(expect(Tok::Name).text);
        ExprPtr e = finish(std::move(n));
        while (accept(Tok::Dot)) {
            auto a = node<Attribute>(s);
            a->value = std::move(e);
            a->attr = std::string(expect(Tok::Name).text);
            a->span = finish_span(s);
            e = finish(std::move(a));
        }
        return e;
    }

    PatternPtr parse_class_pattern(ExprPtr cls, Span s) {
        advance();
        auto c = pattern_node<MatchClass>(s);
        c->cls = std::move(cls);
        while (!at(Tok::RParen)) {
            if (at(Tok::Name) && peek().kind == Tok::Equal) {
                c->kwd_attrs.push_back(std::string(advance().text));
                advance();
                c->kwd_patterns.push_back(parse_pattern());
            } else {
                PatternPtr p = parse_pattern();
                if (!c->kwd_patterns.empty()) error("positional patterns follow keyword patterns", p->span);
                c->patterns.push_back(std::move(p));
            }
            if (!accept(Tok::Comma)) break;
        }
        expect(Tok::RParen);
        return finish_pattern(std::move(c), s);
    }

    // A group `(pattern)` or a sequence `()`, `(p,)`, `(p, q)`.
    PatternPtr parse_paren_pattern() {
        Span s = start_span(advance());
        auto seq = pattern_node<MatchSequence>(s);
        if (accept(Tok::RParen)) return finish_pattern(std::move(seq), s);
        PatternPtr first = parse_maybe_star_pattern();
        if (at(Tok::RParen) && first->kind != PatternKind::Star) {
            advance();
            return first;
        }
        seq->patterns.push_back(std::move(first));
        while (accept(Tok::Comma) && !at(Tok::RParen)) seq->patterns.push_back(parse_maybe_star_pattern());
        expect(Tok::RParen);
        return finish_pattern(std::move(seq), s);
    }

    PatternPtr parse_mapping_pattern() {
        Span s = start_span(advance());
        auto m = pattern_node<MatchMapping>(s);
        while (!at(Tok::RBrace)) {
            if (accept(Tok::DoubleStar)) {
                m->rest = capture_target();
                accept(Tok::Comma);
                break;
            }
            if (at(Tok::Name)) {
                ExprPtr key = parse_name_or_attribute();
                if (key->kind == ExprKind::Name) syntax_error();
                m->keys.push_back(std::move(key));
            } else if (at(Tok::None) || at(Tok::True) || at(Tok::False)) {
                m->keys.push_back(parse_atom());
            } else {
                m->keys.push_back(parse_literal_expression());
            }
            if (!at(Tok::Colon)) syntax_error();
            advance();
            m->patterns.push_back(parse_pattern());
            if (!accept(Tok::Comma)) break;
        }
        expect(Tok::RBrace);
        return finish_pattern(std::move(m), s);
    }

    // ---- parameters (def and lambda) ------------------------------------------------------------

    Arguments parse_parameters(Tok closing, bool annotations) {
        Arguments a;
        bool star_seen = false, default_seen = false, slash_seen = false;
        std::optional<Span> bare_star;
        while (!at(closing)) {
            if (at(Tok::Slash)) {
                const Token& slash = advance();
                if (slash_seen) error_at(slash, "/ may appear only once");
                if (star_seen) error_at(slash, "/ must be ahead of *");
                if (a.args.empty()) error_at(slash, "at least one argument must precede /");
                slash_seen = true;
                a.posonlyargs = std::move(a.args);
                a.args.clear();
            } else if (at(Tok::Star)) {
                const Token& star = advance();
                if (star_seen) error_at(star, "* argument may appear only once");
                star_seen = true;
                if (at(Tok::Comma) || at(closing)) {
                    bare_star = span_of(star);
                } else {
                    a.vararg = parse_parameter(annotations, true);
                }
            } else if (at(Tok::DoubleStar)) {
                advance();
                a.kwarg = parse_parameter(annotations);
                if (at(Tok::Equal)) error_at(cur(), "var-keyword argument cannot have default value");
                accept(Tok::Comma);
                if (!at(closing)) error_at(cur(), "arguments cannot follow var-keyword argument");
                break;
            } else {
                Arg arg = parse_parameter(annotations);
                ExprPtr def;
                if (accept(Tok::Equal)) def = parse_expression();
                if (star_seen) {
                    a.kwonlyargs.push_back(std::move(arg));
                    a.kw_defaults.push_back(std::move(def));
                } else {
                    if (def) default_seen = true;
                    else if (default_seen) error("non-default argument follows default argument", arg.span);
                    if (def) a.defaults.push_back(std::move(def));
                    a.args.push_back(std::move(arg));
                }
            }
            if (!accept(Tok::Comma)) break;
        }
        if (bare_star && a.kwonlyargs.empty()) error("named arguments must follow bare *", *bare_star);
        return a;
    }

    Arg parse_parameter(bool annotations, bool star_annotation = false) {
        Arg arg;
        const Token& name = expect(Tok::Name);
        arg.name = name.text;
        arg.span = span_of(name);
        if (annotations && accept(Tok::Colon)) {
            if (star_annotation && at(Tok::Star)) {  // def f(*args: *Ts), PEP 646
                arg.annotation = parse_starred([this] { return parse_expression(); });
                unsupported("starred annotation", arg.annotation->span);
            } else {
                arg.annotation = parse_expression();
            }
        }
        arg.span = finish_span(arg.span);
        return arg;
    }

    // ---- expressions ----------------------------------------------------------------------------

    static bool starts_expression(Tok k) {
        switch (k) {
        case Tok::Name:
        case Tok::Number:
        case Tok::String:
        case Tok::LParen:
        case Tok::LBracket:
        case Tok::LBrace:
        case Tok::Minus:
        case Tok::Plus:
        case Tok::Tilde:
        case Tok::Not:
        case Tok::Lambda:
        case Tok::None:
        case Tok::True:
        case Tok::False:
        case Tok::Ellipsis:
        case Tok::Await: return true;
        default: return false;
        }
    }

    // star_expressions: a tuple without parentheses when there is a comma.
    ExprPtr parse_star_expressions() {
        Span s = start_span(cur());
        ExprPtr first = parse_star_expression();
        if (!at(Tok::Comma)) return first;
        auto t = node<ast::Tuple>(s);
        t->elts.push_back(std::move(first));
        while (accept(Tok::Comma)) {
            if (!starts_expression(cur().kind) && !at(Tok::Star)) break;
            t->elts.push_back(parse_star_expression());
        }
        t->span = finish_span(s);
        return finish(std::move(t));
    }

    ExprPtr parse_star_expression() {
        if (!at(Tok::Star)) return parse_expression();
        return parse_starred([this] { return parse_prec(PREC_BIT_OR); });
    }

    template <class F> ExprPtr parse_starred(F operand) {
        Span s = start_span(advance());
        auto st = node<Starred>(s);
        st->value = operand();
        st->span = finish_span(s);
        return finish(std::move(st));
    }

    // A target of `for`, `del`, `with ... as`: bitwise_or-level expressions,
    // so that the `in` of `for x in y` is not read as an operator.
    ExprPtr parse_target_element() {
        if (at(Tok::Star)) return parse_starred([this] { return parse_prec(PREC_BIT_OR); });
        return parse_prec(PREC_BIT_OR);
    }

    ExprPtr parse_target_list() {
        Span s = start_span(cur());
        ExprPtr first = parse_target_element();
        if (!at(Tok::Comma)) return first;
        auto t = node<ast::Tuple>(s);
        t->elts.push_back(std::move(first));
        while (accept(Tok::Comma)) {
            if (at(Tok::In) || at(Tok::Equal)) break;
            t->elts.push_back(parse_target_element());
        }
        t->span = finish_span(s);
        return finish(std::move(t));
    }

    // named_expression: `name := value` or an expression; an `=` after it is
    // CPython's "Maybe you meant '=='" error.
    ExprPtr parse_named_expression() {
        Span s = start_span(cur());
        if (at(Tok::Name) && peek().kind == Tok::ColonEqual) {
            auto n = node<NamedExpr>(s);
            auto target = node<Name>(span_of(cur()));
            target->id = advance().text;
            n->target = finish(std::move(target));
            advance();
            n->value = parse_expression();
            n->span = finish_span(s);
            return finish(std::move(n));
        }
        ExprPtr e = parse_expression();
        if (at(Tok::ColonEqual))
            error(fmt::format("cannot use assignment expressions with {}", expr_name(*e)), e->span);
        if (at(Tok::Equal) && peek().kind != Tok::Equal) {
            if (e->kind == ExprKind::Name) {
                advance();
                ExprPtr value = parse_prec(PREC_BIT_OR);
                error("invalid syntax. Maybe you meant '==' or ':=' instead of '='?", join(e->span, value->span));
            }
            if (could_be_comparison(*e))
                error(fmt::format("cannot assign to {} here. Maybe you meant '==' instead of '='?", expr_name(*e)),
                      e->span);
        }
        return e;
    }

    // expression: lambda, conditional expression, or disjunction.
    ExprPtr parse_expression() {
        DepthGuard guard(*this);
        if (at(Tok::Lambda)) return parse_lambda();
        Span s = start_span(cur());
        ExprPtr body = parse_prec(PREC_OR);
        if (!at(Tok::If)) return body;
        advance();
        auto e = node<IfExp>(s);
        e->body = std::move(body);
        e->test = parse_prec(PREC_OR);
        if (!at(Tok::Else)) error("expected 'else' after 'if' expression", join(s, e->test->span));
        advance();
        e->orelse = parse_expression();
        e->span = finish_span(s);
        return finish(std::move(e));
    }

    ExprPtr parse_lambda() {
        Span s = start_span(advance());
        auto l = node<Lambda>(s);
        l->args = parse_parameters(Tok::Colon, false);
        expect(Tok::Colon);
        l->body = parse_expression();
        l->span = finish_span(s);
        return finish(std::move(l));
    }

    // Precedence climbing: operators binding at least as tightly as `min`.
    ExprPtr parse_prec(int min) {
        DepthGuard guard(*this);
        ExprPtr left = parse_prefix();
        for (;;) {
            Tok k = cur().kind;
            const InfixRule& rule = infix_rule(k);
            if (rule.prec == PREC_NONE || rule.prec < min) break;
            if (k == Tok::Not && peek().kind != Tok::In) break;
            left = parse_infix(std::move(left), rule);
        }
        return left;
    }

    ExprPtr parse_prefix() {
        Span s = start_span(cur());
        switch (cur().kind) {
        case Tok::Not: return parse_unary(UnaryOpKind::Not, PREC_NOT);
        case Tok::Minus: return parse_unary(UnaryOpKind::USub, PREC_UNARY);
        case Tok::Plus: return parse_unary(UnaryOpKind::UAdd, PREC_UNARY);
        case Tok::Tilde: return parse_unary(UnaryOpKind::Invert, PREC_UNARY);
        case Tok::Await: {
            advance();
            auto a = node<Await>(s);
            a->value = parse_primary();
            a->span = finish_span(s);
            return finish(std::move(a));
        }
        default: return parse_primary();
        }
    }

    ExprPtr parse_unary(UnaryOpKind op, Prec operand_prec) {
        Span s = start_span(advance());
        auto u = node<UnaryOp>(s);
        u->op = op;
        u->operand = parse_prec(operand_prec);
        u->span = finish_span(s);
        return finish(std::move(u));
    }

    ExprPtr parse_infix(ExprPtr left, const InfixRule& rule) {
        Span s = left->span;
        switch (rule.prec) {
        case PREC_OR:
        case PREC_AND: {
            auto b = node<BoolOp>(s);
            b->is_and = rule.prec == PREC_AND;
            Tok op = cur().kind;
            b->values.push_back(std::move(left));
            while (accept(op)) b->values.push_back(parse_prec(rule.prec + 1));
            b->span = finish_span(s);
            return finish(std::move(b));
        }
        case PREC_COMPARISON: {
            auto c = node<Compare>(s);
            c->left = std::move(left);
            while (auto op = comparison_operator()) {
                c->ops.push_back(*op);
                c->comparators.push_back(parse_prec(PREC_BIT_OR));
            }
            c->span = finish_span(s);
            return finish(std::move(c));
        }
        default: {
            advance();
            auto b = node<BinOp>(s);
            b->op = rule.op;
            b->left = std::move(left);
            // ** is right-associative and binds its right operand below unary minus.
            b->right = parse_prec(rule.prec == PREC_POWER ? PREC_UNARY : rule.prec + 1);
            b->span = finish_span(s);
            return finish(std::move(b));
        }
        }
    }

    std::optional<CmpOpKind> comparison_operator() {
        switch (cur().kind) {
        case Tok::Less: advance(); return CmpOpKind::Lt;
        case Tok::Greater: advance(); return CmpOpKind::Gt;
        case Tok::EqEqual: advance(); return CmpOpKind::Eq;
        case Tok::NotEqual: advance(); return CmpOpKind::NotEq;
        case Tok::LessEqual: advance(); return CmpOpKind::LtE;
        case Tok::GreaterEqual: advance(); return CmpOpKind::GtE;
        case Tok::In: advance(); return CmpOpKind::In;
        case Tok::Not:
            if (peek().kind != Tok::In) return std::nullopt;
            advance(), advance();
            return CmpOpKind::NotIn;
        case Tok::Is: advance(); return accept(Tok::Not) ? CmpOpKind::IsNot : CmpOpKind::Is;
        default: return std::nullopt;
        }
    }

    // primary: an atom and its trailers (.name, [subscript], (arguments)).
    ExprPtr parse_primary() {
        Span s = start_span(cur());
        ExprPtr e = parse_atom();
        for (;;) {
            if (accept(Tok::Dot)) {
                auto a = node<Attribute>(s);
                a->value = std::move(e);
                a->attr = expect(Tok::Name).text;
                a->span = finish_span(s);
                e = finish(std::move(a));
            } else if (at(Tok::LParen)) {
                advance();
                ++bracket_level_;
                auto c = node<Call>(s);
                c->func = std::move(e);
                parse_call_arguments(c->args, c->keywords);
                --bracket_level_;
                expect(Tok::RParen);
                c->span = finish_span(s);
                e = finish(std::move(c));
            } else if (at(Tok::LBracket)) {
                advance();
                ++bracket_level_;
                auto sub = node<Subscript>(s);
                sub->value = std::move(e);
                sub->slice = parse_slices();
                --bracket_level_;
                expect(Tok::RBracket);
                sub->span = finish_span(s);
                e = finish(std::move(sub));
            } else {
                return e;
            }
        }
    }

    ExprPtr parse_slices() {
        Span s = start_span(cur());
        ExprPtr first = parse_slice();
        if (!at(Tok::Comma) && first->kind != ExprKind::Starred) return first;
        auto t = node<ast::Tuple>(s);
        t->elts.push_back(std::move(first));
        while (accept(Tok::Comma) && !at(Tok::RBracket)) t->elts.push_back(parse_slice());
        t->span = finish_span(s);
        return finish(std::move(t));
    }

    ExprPtr parse_slice() {
        Span s = start_span(cur());
        if (at(Tok::Star)) {  // a[*b], PEP 646
            ExprPtr starred = parse_starred([this] { return parse_prec(PREC_BIT_OR); });
            unsupported("star-unpacking in a subscript", starred->span);
            return starred;
        }
        ExprPtr lower;
        if (!at(Tok::Colon)) {
            lower = parse_named_expression();
            if (!at(Tok::Colon)) return lower;
        }
        auto sl = node<Slice>(s);
        sl->lower = std::move(lower);
        advance();
        if (!at(Tok::Colon) && !at(Tok::Comma) && !at(Tok::RBracket)) sl->upper = parse_expression();
        if (accept(Tok::Colon) && !at(Tok::Comma) && !at(Tok::RBracket)) sl->step = parse_expression();
        sl->span = finish_span(s);
        return finish(std::move(sl));
    }

    // The arguments of a call or class definition, up to the closing ')'.
    void parse_call_arguments(ExprList& args, std::vector<Keyword>& keywords) {
        bool keyword_seen = false, double_star_seen = false;
        std::optional<Span> bare_genexp;
        while (!at(Tok::RParen)) {
            Span s = start_span(cur());
            if (at(Tok::Star)) {
                if (double_star_seen) error_at(cur(), "iterable argument unpacking follows keyword argument unpacking");
                ExprPtr st = parse_starred([this] { return parse_expression(); });
                args.push_back(std::move(st));
            } else if (at(Tok::DoubleStar)) {
                advance();
                Keyword k;
                k.value = parse_expression();
                k.span = finish_span(s);
                keywords.push_back(std::move(k));
                double_star_seen = true;
            } else if (at(Tok::Name) && peek().kind == Tok::Equal) {
                Keyword k;
                k.arg = advance().text;
                advance();
                k.value = parse_expression();
                k.span = finish_span(s);
                keywords.push_back(std::move(k));
                keyword_seen = true;
            } else {
                ExprPtr arg = parse_named_expression_in_call();
                check_juxtaposed(*arg);
                if (at(Tok::For) || at(Tok::Async)) {
                    arg = parse_comprehension(ExprKind::GeneratorExp, std::move(arg), nullptr, s);
                    if (!args.empty() || !keywords.empty() || at(Tok::Comma)) bare_genexp = arg->span;
                }
                if (at(Tok::Equal))
                    error("expression cannot contain assignment, perhaps you meant \"==\"?",
                          join(arg->span, span_of(cur())));
                if (keyword_seen || double_star_seen) {
                    const Token& t = at(Tok::Comma) || at(Tok::RParen) ? cur() : prev();
                    error_at(t, double_star_seen ? "positional argument follows keyword argument unpacking"
                                                 : "positional argument follows keyword argument");
                }
                args.push_back(std::move(arg));
            }
            if (!accept(Tok::Comma)) break;
        }
        if (bare_genexp && (args.size() + keywords.size() > 1))
            error("Generator expression must be parenthesized", *bare_genexp);
    }

    ExprPtr parse_named_expression_in_call() {
        if (at(Tok::Name) && peek().kind == Tok::ColonEqual) return parse_named_expression();
        ExprPtr e = parse_expression();
        if (at(Tok::ColonEqual))
            error(fmt::format("cannot use assignment expressions with {}", expr_name(*e)), e->span);
        return e;
    }

    ExprPtr parse_yield() {
        Span s = start_span(advance());
        if (accept(Tok::From)) {
            auto y = node<YieldFrom>(s);
            y->value = parse_expression();
            y->span = finish_span(s);
            return finish(std::move(y));
        }
        auto y = node<Yield>(s);
        if (!at(Tok::RParen) && !at(Tok::Newline) && !at(Tok::Semicolon) && !at(Tok::Equal) && !at(Tok::RBracket) &&
            !at(Tok::RBrace) && !at(Tok::EndMarker))
            y->value = parse_star_expressions();
        y->span = finish_span(s);
        return finish(std::move(y));
    }

    // ---- atoms ----------------------------------------------------------------------------------

    ExprPtr parse_atom() {
        DepthGuard guard(*this);
        const Token& t = cur();
        Span s = span_of(t);
        switch (t.kind) {
        case Tok::Name: {
            auto n = node<Name>(start_span(t));
            n->id = advance().text;
            return finish(std::move(n));
        }
        case Tok::True: advance(); return constant(s, true);
        case Tok::False: advance(); return constant(s, false);
        case Tok::None: advance(); return constant(s, NoneConst{});
        case Tok::Ellipsis: advance(); return constant(start_span(t), EllipsisConst{});
        case Tok::Number: return parse_number();
        case Tok::String: return parse_strings();
        case Tok::LParen: return parse_paren();
        case Tok::LBracket: return parse_list();
        case Tok::LBrace: return parse_brace();
        default: syntax_error();
        }
    }

    template <class V> ExprPtr constant(const Span& s, V value) {
        auto c = node<ast::Constant>(s);
        c->value.value = std::move(value);
        return finish(std::move(c));
    }

    ExprPtr parse_number() {
        const Token& t = advance();
        Span s = start_span(t);
        std::string text;
        for (char c : t.text)
            if (c != '_') text += c;
        char last = text.back();
        if (last == 'j' || last == 'J') {
            text.pop_back();
            return constant(s, Complex{0.0, std::strtod(text.c_str(), nullptr)});
        }
        bool prefixed = text.size() > 1 && text[0] == '0' && std::isalpha(static_cast<unsigned char>(text[1]));
        if (!prefixed && text.find_first_of(".eE") != std::string::npos)
            return constant(s, std::strtod(text.c_str(), nullptr));
        int base = 10;
        std::size_t start = 0;
        if (prefixed) {
            char b = static_cast<char>(std::tolower(static_cast<unsigned char>(text[1])));
            base = b == 'x' ? 16 : b == 'o' ? 8 : 2;
            start = 2;
        }
        // CPython 3.11 converts a decimal literal under sys.int_info's limit
        // (int_max_str_digits); past it the literal is a SyntaxError.
        constexpr std::size_t kMaxStrDigits = 4300;
        if (base == 10 && text.size() > kMaxStrDigits)
            error(fmt::format("Exceeds the limit ({} digits) for integer string conversion: value has {} digits; use "
                              "sys.set_int_max_str_digits() to increase the limit - Consider hexadecimal for huge "
                              "integer literals to avoid decimal conversion limits.",
                              kMaxStrDigits, text.size()),
                  Span{s.line, -1, s.line, -1});
        std::int64_t value = 0;
        auto [ptr, ec] = std::from_chars(text.data() + start, text.data() + text.size(), value, base);
        if (ec == std::errc::result_out_of_range) {  // beyond 64 bits: the VM's big int
            boost::multiprecision::cpp_int big = 0;
            for (std::size_t i = start; i < text.size(); ++i) {
                char c = static_cast<char>(std::tolower(static_cast<unsigned char>(text[i])));
                big = big * base + (c <= '9' ? c - '0' : c - 'a' + 10);
            }
            return constant(s, BigIntConst{big.str()});
        }
        if (ec != std::errc() || ptr != text.data() + text.size()) unsupported("this integer literal", s);
        return constant(s, value);
    }

    // Adjacent string literals concatenate; any f-string makes a JoinedStr.
    ExprPtr parse_strings() {
        Span s = start_span(cur());
        std::vector<const Token*> parts;
        while (at(Tok::String)) parts.push_back(&advance());
        s = finish_span(s);
        bool bytes = string_prefix(parts[0]->text).bytes, formatted = false;
        for (const Token* t : parts) {
            StringPrefix p = string_prefix(t->text);
            if (p.bytes != bytes) error("cannot mix bytes and nonbytes literals", span_of(peek(0)));
            formatted |= p.formatted;
        }
        if (bytes)
            for (const Token* t : parts)
                if (std::any_of(t->text.begin(), t->text.end(),
                                [](char c) { return static_cast<unsigned char>(c) >= 0x80; }))
                    error("bytes can only contain ASCII literal characters", span_of(*t));
        std::string literal;
        auto j = formatted ? node<JoinedStr>(s) : nullptr;
        for (const Token* t : parts) {
            if (string_prefix(t->text).formatted) {
                parse_fstring(*t, *j, literal);
                continue;
            }
            EscapeProblem problem;
            literal += decode_string(*t, problem);
            check_escapes(problem, span_of(*t));
        }
        if (!formatted) {
            ExprPtr c = bytes ? constant(s, Bytes{std::move(literal)}) : constant(s, std::move(literal));
            static_cast<ast::Constant&>(*c).string_tokens = static_cast<int>(parts.size());
            return c;
        }
        flush_literal(*j, literal, s);
        // Without replacement fields an f-string is a plain constant, as in CPython.
        if (j->values.empty()) return constant(s, std::string());
        if (j->values.size() == 1 && j->values[0]->kind == ExprKind::Constant) {
            j->values[0]->span = s;
            return std::move(j->values[0]);
        }
        return finish(std::move(j));
    }

    // A literal's escape problem: \N{...} is unsupported (noted at the
    // literal), a bad escape is CPython's error (at the next token).
    void check_escapes(const EscapeProblem& problem, const Span& literal) {
        if (problem.kind == EscapeProblem::Kind::NamedEscape) unsupported("named unicode escape ('\\N{...}')", literal);
        else if (problem.kind != EscapeProblem::Kind::None) error(escape_problem_message(problem), span_of(peek(0)));
    }

    void flush_literal(JoinedStr& j, std::string& literal, const Span& s) {
        if (literal.empty()) return;
        auto c = node<ast::Constant>(s);
        c->value.value = std::move(literal);
        j.values.push_back(std::move(c));
        literal.clear();
    }

    // Splits the body of an f-string token into literal text (appended to
    // `literal`) and replacement fields (appended to `j`), as CPython 3.11's
    // fstring_find_literal / fstring_find_expr do.
    void parse_fstring(const Token& t, JoinedStr& j, std::string& literal) {
        StringPrefix prefix = string_prefix(t.text);
        std::size_t body_start = prefix.length + prefix.quote;
        std::string_view body = t.text.substr(body_start, t.text.size() - body_start - prefix.quote);
        Span s = span_of(peek(0));  // CPython reports f-string errors at the next token
        Span here = span_of(t);  // and pymodel its unsupported parts at the string
        std::size_t i = 0, piece = 0;
        auto flush_piece = [&](std::size_t end) {
            EscapeProblem problem;
            literal += decode_escapes(body.substr(piece, end - piece), prefix, problem);
            check_escapes(problem, here);
        };
        while (i < body.size()) {
            char c = body[i];
            if (c == '\\' && !prefix.raw && i + 1 < body.size()) {
                if (body[i + 1] == 'N' && i + 2 < body.size() && body[i + 2] == '{') {  // \N{NAME} is no field
                    std::size_t close = body.find('}', i);
                    i = close == std::string_view::npos ? body.size() : close + 1;
                } else {
                    i += 2;
                }
            } else if ((c == '{' || c == '}') && i + 1 < body.size() && body[i + 1] == c) {
                flush_piece(i + 1);
                i += 2;
                piece = i;
            } else if (c == '}') {
                error("f-string: single '}' is not allowed", s);
            } else if (c == '{') {
                flush_piece(i);
                flush_literal(j, literal, s);
                i = parse_fstring_field(t, body, body_start, i + 1, j);
                piece = i;
            } else {
                ++i;
            }
        }
        flush_piece(body.size());
    }

    // Reads the replacement field starting at body[i] (after '{'); returns the
    // index after its '}'.
    std::size_t parse_fstring_field(const Token& t, std::string_view body, std::size_t body_start, std::size_t i,
                                    JoinedStr& j) {
        Span s = span_of(peek(0));
        Span here = span_of(t);
        std::size_t start = i;
        bool debug_specifier = false;
        std::vector<char> brackets;
        char quote = 0;
        bool triple = false;  // the string being skipped is triple-quoted
        auto quotes_at = [&](std::size_t k, char q) {
            return k + 2 < body.size() && body[k] == q && body[k + 1] == q && body[k + 2] == q;
        };
        for (; i < body.size(); ++i) {
            char c = body[i];
            if (quote) {
                if (c == quote && (!triple || quotes_at(i, quote))) {
                    if (triple) i += 2;
                    quote = 0;
                }
                continue;
            }
            if (c == '\\') error("f-string expression part cannot include a backslash", s);
            if (c == '\'' || c == '"') {
                quote = c;
                triple = quotes_at(i, c);
                if (triple) i += 2;
            } else if (c == '#') {
                error("f-string expression part cannot include '#'", s);
            } else if (c == '(' || c == '[' || c == '{') {
                if (brackets.size() >= 200) error("f-string: too many nested parenthesis", s);
                brackets.push_back(c);
            } else if (c == ')' || c == ']' || (c == '}' && !brackets.empty())) {
                if (brackets.empty()) error(fmt::format("f-string: unmatched '{}'", c), s);
                char open = brackets.back();
                if ((open == '(' && c != ')') || (open == '[' && c != ']') || (open == '{' && c != '}'))
                    error(fmt::format("f-string: closing parenthesis '{}' does not match opening parenthesis '{}'", c,
                                      open),
                          s);
                brackets.pop_back();
            } else if (brackets.empty() &&
                       (c == '}' || c == ':' || (c == '!' && i + 1 < body.size() && body[i + 1] != '='))) {
                break;
            } else if (brackets.empty() && c == '=' && i + 1 < body.size() && body[i + 1] != '=' &&
                       (i == start || std::string_view("=!<>").find(body[i - 1]) == std::string_view::npos)) {
                unsupported("'=' in an f-string replacement field", here);
                debug_specifier = true;
                break;
            }
        }
        if (quote) error("f-string: unterminated string", s);
        if (i >= body.size()) error("f-string: expecting '}'", s);
        std::string_view text = body.substr(start, i - start);
        if (text.find_first_not_of(" \t\n\r\f") == std::string_view::npos)
            error("f-string: empty expression not allowed", s);

        auto field = node<FormattedValue>(s);
        field->value = parse_fstring_expression(t, body_start + start, text);
        if (debug_specifier) {  // f'{x = }': the '=' and the blanks after it
            ++i;
            while (i < body.size() && std::isspace(static_cast<unsigned char>(body[i]))) ++i;
            if (i >= body.size()) error("f-string: expecting '}'", s);
        }
        if (body[i] == '!') {
            char conv = i + 1 < body.size() ? body[i + 1] : '\0';
            if (conv == 'r') field->conversion = Conversion::Repr;
            else if (conv == 's') field->conversion = Conversion::Str;
            else if (conv == 'a') unsupported("'!a' conversion in an f-string", here);
            else if (conv == '}' || conv == ':' || conv == '\0')
                error("f-string: missing conversion character: expected 's', 'r', or 'a'", s);
            else error("f-string: invalid conversion character: expected 's', 'r', or 'a'", s);
            i += 2;
            if (i >= body.size() || (body[i] != '}' && body[i] != ':')) error("f-string: expecting '}'", s);
        }
        if (body[i] == ':') {  // its literal text and the fields nested in it
            auto spec = node<JoinedStr>(here);
            std::string literal;
            for (++i; i < body.size() && body[i] != '}';) {
                if (body[i] != '{') {
                    literal += body[i++];
                    continue;
                }
                flush_literal(*spec, literal, here);
                i = parse_fstring_field(t, body, body_start, i + 1, *spec);
            }
            if (i >= body.size()) error("f-string: expecting '}'", s);
            flush_literal(*spec, literal, here);
            field->format_spec = finish(std::move(spec));
        }
        j.values.push_back(finish(std::move(field)));
        return i + 1;
    }

    // Parses the expression `text`, found at byte `offset` of token `t`.
    ExprPtr parse_fstring_expression(const Token& t, std::size_t offset, std::string_view text) {
        int line = t.line, col = t.col;
        for (std::size_t k = 0; k < offset; ++k) {
            if (t.text[k] == '\n') ++line, col = 0;
            else ++col;
        }
        TokenStream stream = tokenize_fstring_expression(text, filename_, line, col);
        try {
            if (stream.error) stream.error->message = "f-string: " + stream.error->message;
            for (const Warning& w : stream.warnings) notes_.warning(w.line, w.message);
            Parser sub(stream, filename_, notes_, depth_, true);
            return sub.parse_fstring_field();
        } catch (DiagnosticError& e) {
            // CPython shows the field as "(expr)", with columns in that text.
            Diagnostic& d = e.diagnostic;
            if (d.kind == Diagnostic::Kind::SyntaxError && d.line == line && d.col >= col) {
                d.text = "(" + std::string(text) + ")";
                d.col = d.col - col + 1;
                d.end_col = d.end_line == line ? d.end_col - col + 1 : d.end_col;
            }
            throw;
        }
    }

    // ( ... ): tuple, parenthesized expression, yield, or generator expression.
    ExprPtr parse_paren() {
        Span s = start_span(advance());
        ++bracket_level_;
        ExprPtr result;
        if (at(Tok::RParen)) {
            result = node<ast::Tuple>(s);
        } else if (at(Tok::Yield)) {
            result = parse_yield();
        } else {
            ExprPtr first = at(Tok::Star) ? parse_star_expression() : parse_named_expression();
            if (at(Tok::For) || at(Tok::Async)) {
                result = parse_comprehension(ExprKind::GeneratorExp, std::move(first), nullptr, s);
            } else if (at(Tok::Comma)) {
                auto t = node<ast::Tuple>(s);
                t->elts.push_back(std::move(first));
                while (accept(Tok::Comma) && !at(Tok::RParen)) t->elts.push_back(parse_element());
                result = std::move(t);
            } else {
                check_juxtaposed(*first);
                result = std::move(first);
                if (result->kind == ExprKind::Starred) error("cannot use starred expression here", result->span);
            }
        }
        --bracket_level_;
        expect(Tok::RParen);
        if (result->kind == ExprKind::Tuple) {
            result->span = finish_span(s);
            result->as<ast::Tuple>().parenthesized = true;
            return finish(std::move(result));
        }
        if (result->kind == ExprKind::GeneratorExp) result->span = finish_span(s);
        return result;
    }

    ExprPtr parse_element() {
        ExprPtr e = at(Tok::Star) ? parse_star_expression() : parse_named_expression();
        check_juxtaposed(*e);
        return e;
    }

    // Inside brackets, two expressions side by side are CPython's "Perhaps
    // you forgot a comma?".
    void check_juxtaposed(const Expr& e) {
        if (bracket_level_ > 0 && starts_expression(cur().kind) && !at(Tok::Not) && !at(Tok::Lambda)) {
            std::size_t mark = p_;
            ExprPtr next;
            try {
                next = parse_expression();
            } catch (const DiagnosticError&) {
                p_ = mark;
                return;
            }
            error("invalid syntax. Perhaps you forgot a comma?", join(e.span, next->span));
        }
    }

    ExprPtr parse_list() {
        Span s = start_span(advance());
        ++bracket_level_;
        auto l = node<List>(s);
        if (!at(Tok::RBracket)) {
            ExprPtr first = parse_element();
            if (at(Tok::For) || at(Tok::Async)) {
                ExprPtr comp = parse_comprehension(ExprKind::ListComp, std::move(first), nullptr, s);
                --bracket_level_;
                expect(Tok::RBracket);
                comp->span = finish_span(s);
                return comp;
            }
            l->elts.push_back(std::move(first));
            while (accept(Tok::Comma) && !at(Tok::RBracket)) l->elts.push_back(parse_element());
        }
        --bracket_level_;
        expect(Tok::RBracket);
        l->span = finish_span(s);
        return finish(std::move(l));
    }

    ExprPtr parse_brace() {
        Span s = start_span(advance());
        ++bracket_level_;
        ExprPtr result;
        if (at(Tok::RBrace)) {
            result = node<Dict>(s);
        } else if (at(Tok::DoubleStar)) {
            result = parse_dict_rest(s, nullptr, nullptr);
        } else {
            ExprPtr first = parse_element();
            if (accept(Tok::Colon)) {
                ExprPtr value = parse_expression();
                if (at(Tok::For) || at(Tok::Async))
                    result = parse_comprehension(ExprKind::DictComp, std::move(first), std::move(value), s);
                else result = parse_dict_rest(s, std::move(first), std::move(value));
            } else if (at(Tok::For) || at(Tok::Async)) {
                result = parse_comprehension(ExprKind::SetComp, std::move(first), nullptr, s);
            } else {
                auto set = node<Set>(s);
                set->elts.push_back(std::move(first));
                while (accept(Tok::Comma) && !at(Tok::RBrace)) set->elts.push_back(parse_element());
                result = std::move(set);
            }
        }
        --bracket_level_;
        expect(Tok::RBrace);
        result->span = finish_span(s);
        return finish(std::move(result));
    }

    ExprPtr parse_dict_rest(Span s, ExprPtr key, ExprPtr value) {
        auto d = node<Dict>(s);
        bool first = key || value;
        if (first) {
            d->keys.push_back(std::move(key));
            d->values.push_back(std::move(value));
        }
        while (!first || accept(Tok::Comma)) {
            first = true;
            if (at(Tok::RBrace)) break;
            if (at(Tok::DoubleStar)) {
                advance();
                d->keys.push_back(nullptr);
                d->values.push_back(parse_prec(PREC_BIT_OR));
                continue;
            }
            d->keys.push_back(parse_expression());
            expect_colon();
            d->values.push_back(parse_expression());
        }
        return d;
    }

    // `for target in iter [if cond]...` after the element of a comprehension.
    ExprPtr parse_comprehension(ExprKind kind, ExprPtr elt, ExprPtr value, Span s) {
        auto c = std::make_unique<Comp>(kind);
        if (elt && elt->kind == ExprKind::Starred)
            error(kind == ExprKind::DictComp ? "dict unpacking cannot be used in dict comprehension"
                                             : "iterable unpacking cannot be used in comprehension",
                  elt->span);
        if (kind == ExprKind::DictComp) {
            c->key = std::move(elt);
            c->value = std::move(value);
        } else {
            c->elt = std::move(elt);
        }
        while (at(Tok::For) || at(Tok::Async)) {
            Comprehension gen;
            if (accept(Tok::Async)) {
                gen.is_async = true;
                unsupported("asynchronous comprehension", s);
            }
            expect(Tok::For);
            gen.target = parse_target_list();
            check_target(*gen.target, TargetUse::Assign, false);
            if (!at(Tok::In)) check_juxtaposed(*gen.target);
            expect(Tok::In);
            gen.iter = parse_prec(PREC_OR);
            while (accept(Tok::If)) gen.ifs.push_back(parse_prec(PREC_OR));
            c->generators.push_back(std::move(gen));
        }
        c->span = finish_span(s);
        return finish(std::move(c));
    }
};

}  // namespace

ast::Module parse(std::string_view source, const std::string& filename, Notes& notes) {
    TokenStream stream = tokenize(source, filename);
    for (const Warning& w : stream.warnings) notes.warning(w.line, w.message);
    if (stream.foreign_encoding)
        notes.unsupported(fmt::format("source encoding '{}'", *stream.foreign_encoding), filename, stream.encoding_line,
                          0);
    int depth = 0;
    Parser parser(stream, filename, notes, depth, false);
    return parser.parse_module();
}

}  // namespace lang
