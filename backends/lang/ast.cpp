// Walking and printing the AST.
#include "ast.hpp"

#include <fmt/format.h>
#include <fmt/ranges.h>

namespace lang::ast {

DiagnosticError syntax_error(std::string message, const std::string& filename, const Span& span, std::string type) {
    Diagnostic d;
    d.type = std::move(type);
    d.message = std::move(message);
    d.filename = filename;
    d.line = span.line, d.col = span.col, d.end_line = span.end_line, d.end_col = span.end_col;
    return DiagnosticError(std::move(d));
}

void for_each_child(const Expr& e, const std::function<void(const Expr&)>& visit) {
    auto each = [&](const ExprList& list) {
        for (const ExprPtr& x : list)
            if (x) visit(*x);
    };
    auto maybe = [&](const ExprPtr& x) {
        if (x) visit(*x);
    };
    auto arguments = [&](const Arguments& a) {
        each(a.defaults);
        each(a.kw_defaults);
        for (const auto* list : {&a.posonlyargs, &a.args, &a.kwonlyargs})
            for (const Arg& arg : *list) maybe(arg.annotation);
        if (a.vararg) maybe(a.vararg->annotation);
        if (a.kwarg) maybe(a.kwarg->annotation);
    };
    switch (e.kind) {
    case ExprKind::Name:
    case ExprKind::Constant: return;
    case ExprKind::JoinedStr: return each(e.as<JoinedStr>().values);
    case ExprKind::FormattedValue:
        maybe(e.as<FormattedValue>().value);
        return maybe(e.as<FormattedValue>().format_spec);
    case ExprKind::Tuple: return each(e.as<Tuple>().elts);
    case ExprKind::List: return each(e.as<List>().elts);
    case ExprKind::Set: return each(e.as<Set>().elts);
    case ExprKind::Dict: {
        const auto& d = e.as<Dict>();
        for (std::size_t i = 0; i < d.keys.size(); ++i) {
            maybe(d.keys[i]);
            maybe(d.values[i]);
        }
        return;
    }
    case ExprKind::ListComp:
    case ExprKind::SetComp:
    case ExprKind::DictComp:
    case ExprKind::GeneratorExp: {
        const auto& c = e.as<Comp>();
        maybe(c.elt);
        maybe(c.key);
        maybe(c.value);
        for (const Comprehension& g : c.generators) {
            maybe(g.target);
            maybe(g.iter);
            each(g.ifs);
        }
        return;
    }
    case ExprKind::Attribute: return maybe(e.as<Attribute>().value);
    case ExprKind::Subscript: maybe(e.as<Subscript>().value); return maybe(e.as<Subscript>().slice);
    case ExprKind::Slice: {
        const auto& s = e.as<Slice>();
        maybe(s.lower);
        maybe(s.upper);
        return maybe(s.step);
    }
    case ExprKind::Call: {
        const auto& c = e.as<Call>();
        maybe(c.func);
        each(c.args);
        for (const Keyword& k : c.keywords) maybe(k.value);
        return;
    }
    case ExprKind::BinOp: maybe(e.as<BinOp>().left); return maybe(e.as<BinOp>().right);
    case ExprKind::UnaryOp: return maybe(e.as<UnaryOp>().operand);
    case ExprKind::BoolOp: return each(e.as<BoolOp>().values);
    case ExprKind::Compare: maybe(e.as<Compare>().left); return each(e.as<Compare>().comparators);
    case ExprKind::IfExp: {
        const auto& i = e.as<IfExp>();
        maybe(i.body);
        maybe(i.test);
        return maybe(i.orelse);
    }
    case ExprKind::Lambda: arguments(e.as<Lambda>().args); return maybe(e.as<Lambda>().body);
    case ExprKind::Yield: return maybe(e.as<Yield>().value);
    case ExprKind::YieldFrom: return maybe(e.as<YieldFrom>().value);
    case ExprKind::Await: return maybe(e.as<Await>().value);
    case ExprKind::NamedExpr: maybe(e.as<NamedExpr>().target); return maybe(e.as<NamedExpr>().value);
    case ExprKind::Starred: return maybe(e.as<Starred>().value);
    }
}

namespace {

const char* unary_name(UnaryOpKind op) {
    switch (op) {
    case UnaryOpKind::Invert: return "~";
    case UnaryOpKind::Not: return "not";
    case UnaryOpKind::UAdd: return "+";
    case UnaryOpKind::USub: return "-";
    }
    return "?";
}

const char* compare_name(CmpOpKind op) {
    static const char* const names[] = {"==", "!=", "<", "<=", ">", ">=", "is", "is not", "in", "not in"};
    return names[static_cast<int>(op)];
}

class Dumper {
  public:
    explicit Dumper(const UnicodeTables& tables) : tables_(tables) {}
    std::string out;

    void stmts(const StmtList& list, int indent) {
        for (const StmtPtr& s : list) stmt(*s, indent);
    }

  private:
    const UnicodeTables& tables_;

    void line(int indent, const Span& s, std::string_view text) {
        out +=
            fmt::format("{}{}:{}-{}:{} {}\n", std::string(2 * indent, ' '), s.line, s.col, s.end_line, s.end_col, text);
    }
    void label(int indent, std::string_view text) { out += fmt::format("{}{}\n", std::string(2 * indent, ' '), text); }

    void field(int indent, std::string_view name, const ExprPtr& e) {
        if (!e) return;
        label(indent, std::string(name) + ":");
        expr(*e, indent + 1);
    }
    void fields(int indent, std::string_view name, const ExprList& list) {
        if (list.empty()) return;
        label(indent, std::string(name) + ":");
        for (const ExprPtr& e : list) {
            if (e) expr(*e, indent + 1);
            else label(indent + 1, "(none)");
        }
    }
    void block(int indent, std::string_view name, const StmtList& list) {
        if (list.empty()) return;
        label(indent, std::string(name) + ":");
        stmts(list, indent + 1);
    }
    void arguments(const Arguments& a, int indent) {
        auto one = [&](std::string_view kind, const Arg& arg) {
            line(indent, arg.span, fmt::format("{} {}", kind, arg.name));
            field(indent + 1, "annotation", arg.annotation);
        };
        for (const Arg& arg : a.posonlyargs) one("posonly", arg);
        for (const Arg& arg : a.args) one("arg", arg);
        if (a.vararg) one("vararg", *a.vararg);
        for (const Arg& arg : a.kwonlyargs) one("kwonly", arg);
        if (a.kwarg) one("kwarg", *a.kwarg);
        fields(indent, "defaults", a.defaults);
        fields(indent, "kw_defaults", a.kw_defaults);
    }
    void expr(const Expr& e, int indent) {
        switch (e.kind) {
        case ExprKind::Name: return line(indent, e.span, "Name " + e.as<Name>().id);
        case ExprKind::Constant:
            return line(indent, e.span, "Constant " + constant_repr(e.as<ast::Constant>().value, tables_));
        case ExprKind::JoinedStr:
            line(indent, e.span, "JoinedStr");
            return fields(indent + 1, "values", e.as<JoinedStr>().values);
        case ExprKind::FormattedValue: {
            static const char* const conv[] = {"", " !s", " !r"};
            line(indent, e.span,
                 fmt::format("FormattedValue{}", conv[static_cast<int>(e.as<FormattedValue>().conversion)]));
            field(indent + 1, "value", e.as<FormattedValue>().value);
            if (e.as<FormattedValue>().format_spec)
                field(indent + 1, "format_spec", e.as<FormattedValue>().format_spec);
            return;
        }
        case ExprKind::Tuple: line(indent, e.span, "Tuple"); return fields(indent + 1, "elts", e.as<Tuple>().elts);
        case ExprKind::List: line(indent, e.span, "List"); return fields(indent + 1, "elts", e.as<List>().elts);
        case ExprKind::Set: line(indent, e.span, "Set"); return fields(indent + 1, "elts", e.as<Set>().elts);
        case ExprKind::Dict:
            line(indent, e.span, "Dict");
            fields(indent + 1, "keys", e.as<Dict>().keys);
            return fields(indent + 1, "values", e.as<Dict>().values);
        case ExprKind::ListComp:
        case ExprKind::SetComp:
        case ExprKind::DictComp:
        case ExprKind::GeneratorExp: {
            static const char* const names[] = {"ListComp", "SetComp", "DictComp", "GeneratorExp"};
            const auto& c = e.as<Comp>();
            line(indent, e.span, names[static_cast<int>(e.kind) - static_cast<int>(ExprKind::ListComp)]);
            field(indent + 1, "elt", c.elt);
            field(indent + 1, "key", c.key);
            field(indent + 1, "value", c.value);
            for (const Comprehension& g : c.generators) {
                label(indent + 1, g.is_async ? "async for:" : "for:");
                field(indent + 2, "target", g.target);
                field(indent + 2, "iter", g.iter);
                fields(indent + 2, "ifs", g.ifs);
            }
            return;
        }
        case ExprKind::Attribute:
            line(indent, e.span, "Attribute ." + e.as<Attribute>().attr);
            return field(indent + 1, "value", e.as<Attribute>().value);
        case ExprKind::Subscript:
            line(indent, e.span, "Subscript");
            field(indent + 1, "value", e.as<Subscript>().value);
            return field(indent + 1, "slice", e.as<Subscript>().slice);
        case ExprKind::Slice:
            line(indent, e.span, "Slice");
            field(indent + 1, "lower", e.as<Slice>().lower);
            field(indent + 1, "upper", e.as<Slice>().upper);
            return field(indent + 1, "step", e.as<Slice>().step);
        case ExprKind::Call: {
            const auto& c = e.as<Call>();
            line(indent, e.span, "Call");
            field(indent + 1, "func", c.func);
            fields(indent + 1, "args", c.args);
            for (const Keyword& k : c.keywords) {
                line(indent + 1, k.span, k.arg.empty() ? "keyword **" : "keyword " + k.arg);
                expr(*k.value, indent + 2);
            }
            return;
        }
        case ExprKind::BinOp:
            line(indent, e.span, fmt::format("BinOp {}", binary_op_symbol(static_cast<int>(e.as<BinOp>().op))));
            field(indent + 1, "left", e.as<BinOp>().left);
            return field(indent + 1, "right", e.as<BinOp>().right);
        case ExprKind::UnaryOp:
            line(indent, e.span, fmt::format("UnaryOp {}", unary_name(e.as<UnaryOp>().op)));
            return field(indent + 1, "operand", e.as<UnaryOp>().operand);
        case ExprKind::BoolOp:
            line(indent, e.span, e.as<BoolOp>().is_and ? "BoolOp and" : "BoolOp or");
            return fields(indent + 1, "values", e.as<BoolOp>().values);
        case ExprKind::Compare: {
            const auto& c = e.as<Compare>();
            std::string ops;
            for (CmpOpKind op : c.ops) ops += fmt::format(" {}", compare_name(op));
            line(indent, e.span, "Compare" + ops);
            field(indent + 1, "left", c.left);
            return fields(indent + 1, "comparators", c.comparators);
        }
        case ExprKind::IfExp:
            line(indent, e.span, "IfExp");
            field(indent + 1, "test", e.as<IfExp>().test);
            field(indent + 1, "body", e.as<IfExp>().body);
            return field(indent + 1, "orelse", e.as<IfExp>().orelse);
        case ExprKind::Lambda:
            line(indent, e.span, "Lambda");
            arguments(e.as<Lambda>().args, indent + 1);
            return field(indent + 1, "body", e.as<Lambda>().body);
        case ExprKind::Yield: line(indent, e.span, "Yield"); return field(indent + 1, "value", e.as<Yield>().value);
        case ExprKind::YieldFrom:
            line(indent, e.span, "YieldFrom");
            return field(indent + 1, "value", e.as<YieldFrom>().value);
        case ExprKind::Await: line(indent, e.span, "Await"); return field(indent + 1, "value", e.as<Await>().value);
        case ExprKind::NamedExpr:
            line(indent, e.span, "NamedExpr");
            field(indent + 1, "target", e.as<NamedExpr>().target);
            return field(indent + 1, "value", e.as<NamedExpr>().value);
        case ExprKind::Starred:
            line(indent, e.span, "Starred");
            return field(indent + 1, "value", e.as<Starred>().value);
        }
    }

    void pattern(const Pattern& p, int indent) {
        switch (p.kind) {
        case PatternKind::Value: line(indent, p.span, "MatchValue"); return expr(*p.as<MatchValue>().value, indent + 1);
        case PatternKind::Singleton:
            return line(indent, p.span, "MatchSingleton " + constant_repr(p.as<MatchSingleton>().value, tables_));
        case PatternKind::Sequence:
            line(indent, p.span, "MatchSequence");
            return patterns(p.as<MatchSequence>().patterns, indent + 1);
        case PatternKind::Star: return line(indent, p.span, "MatchStar " + optional_name(p.as<MatchStar>().name));
        case PatternKind::As:
            line(indent, p.span, "MatchAs " + optional_name(p.as<MatchAs>().name));
            if (p.as<MatchAs>().pattern) pattern(*p.as<MatchAs>().pattern, indent + 1);
            return;
        case PatternKind::Or: line(indent, p.span, "MatchOr"); return patterns(p.as<MatchOr>().patterns, indent + 1);
        case PatternKind::Mapping: {
            const auto& m = p.as<MatchMapping>();
            line(indent, p.span, m.rest.empty() ? "MatchMapping" : "MatchMapping **" + m.rest);
            for (std::size_t i = 0; i < m.keys.size(); ++i) {
                field(indent + 1, "key", m.keys[i]);
                pattern(*m.patterns[i], indent + 2);
            }
            return;
        }
        case PatternKind::Class: {
            const auto& c = p.as<MatchClass>();
            line(indent, p.span, "MatchClass");
            field(indent + 1, "cls", c.cls);
            patterns(c.patterns, indent + 1);
            for (std::size_t i = 0; i < c.kwd_attrs.size(); ++i) {
                label(indent + 1, "keyword " + c.kwd_attrs[i]);
                pattern(*c.kwd_patterns[i], indent + 2);
            }
            return;
        }
        }
    }
    void patterns(const PatternList& list, int indent) {
        for (const PatternPtr& p : list) pattern(*p, indent);
    }
    static std::string optional_name(const std::string& name) { return name.empty() ? "_" : name; }

    void stmt(const Stmt& s, int indent) {
        switch (s.kind) {
        case StmtKind::Expr: line(indent, s.span, "Expr"); return expr(*s.as<ExprStmt>().value, indent + 1);
        case StmtKind::Assign:
            line(indent, s.span, "Assign");
            fields(indent + 1, "targets", s.as<Assign>().targets);
            return field(indent + 1, "value", s.as<Assign>().value);
        case StmtKind::AugAssign:
            line(
                indent, s.span,
                fmt::format("AugAssign {}", binary_op_symbol(static_cast<int>(s.as<AugAssign>().op) + kInplaceOffset)));
            field(indent + 1, "target", s.as<AugAssign>().target);
            return field(indent + 1, "value", s.as<AugAssign>().value);
        case StmtKind::AnnAssign:
            line(indent, s.span, s.as<AnnAssign>().simple ? "AnnAssign simple" : "AnnAssign");
            field(indent + 1, "target", s.as<AnnAssign>().target);
            field(indent + 1, "annotation", s.as<AnnAssign>().annotation);
            return field(indent + 1, "value", s.as<AnnAssign>().value);
        case StmtKind::Delete:
            line(indent, s.span, "Delete");
            return fields(indent + 1, "targets", s.as<Delete>().targets);
        case StmtKind::Pass: return line(indent, s.span, "Pass");
        case StmtKind::Break: return line(indent, s.span, "Break");
        case StmtKind::Continue: return line(indent, s.span, "Continue");
        case StmtKind::Return: line(indent, s.span, "Return"); return field(indent + 1, "value", s.as<Return>().value);
        case StmtKind::Raise:
            line(indent, s.span, "Raise");
            field(indent + 1, "exc", s.as<Raise>().exc);
            return field(indent + 1, "cause", s.as<Raise>().cause);
        case StmtKind::Global:
            return line(indent, s.span, "Global " + fmt::format("{}", fmt::join(s.as<Global>().names, ", ")));
        case StmtKind::Nonlocal:
            return line(indent, s.span, "Nonlocal " + fmt::format("{}", fmt::join(s.as<Nonlocal>().names, ", ")));
        case StmtKind::Assert:
            line(indent, s.span, "Assert");
            field(indent + 1, "test", s.as<Assert>().test);
            return field(indent + 1, "msg", s.as<Assert>().msg);
        case StmtKind::Import:
        case StmtKind::ImportFrom: {
            bool from = s.kind == StmtKind::ImportFrom;
            const auto& names = from ? s.as<ImportFrom>().names : s.as<Import>().names;
            line(indent, s.span,
                 from ? fmt::format("ImportFrom {}{}", std::string(s.as<ImportFrom>().level, '.'),
                                    s.as<ImportFrom>().module)
                      : "Import");
            for (const Alias& a : names)
                line(indent + 1, a.span, a.asname.empty() ? a.name : a.name + " as " + a.asname);
            return;
        }
        case StmtKind::If:
            line(indent, s.span, "If");
            field(indent + 1, "test", s.as<If>().test);
            block(indent + 1, "body", s.as<If>().body);
            return block(indent + 1, "orelse", s.as<If>().orelse);
        case StmtKind::While:
            line(indent, s.span, "While");
            field(indent + 1, "test", s.as<While>().test);
            block(indent + 1, "body", s.as<While>().body);
            return block(indent + 1, "orelse", s.as<While>().orelse);
        case StmtKind::For:
            line(indent, s.span, s.as<For>().is_async ? "AsyncFor" : "For");
            field(indent + 1, "target", s.as<For>().target);
            field(indent + 1, "iter", s.as<For>().iter);
            block(indent + 1, "body", s.as<For>().body);
            return block(indent + 1, "orelse", s.as<For>().orelse);
        case StmtKind::With:
            line(indent, s.span, s.as<With>().is_async ? "AsyncWith" : "With");
            for (const WithItem& item : s.as<With>().items) {
                label(indent + 1, "item:");
                expr(*item.context_expr, indent + 2);
                field(indent + 2, "as", item.optional_vars);
            }
            return block(indent + 1, "body", s.as<With>().body);
        case StmtKind::Try: {
            const auto& t = s.as<Try>();
            line(indent, s.span, t.is_star ? "TryStar" : "Try");
            block(indent + 1, "body", t.body);
            for (const ExceptHandler& h : t.handlers) {
                line(indent + 1, h.span, h.name.empty() ? "except" : "except as " + h.name);
                field(indent + 2, "type", h.type);
                block(indent + 2, "body", h.body);
            }
            block(indent + 1, "orelse", t.orelse);
            return block(indent + 1, "finalbody", t.finalbody);
        }
        case StmtKind::FunctionDef: {
            const auto& f = s.as<FunctionDef>();
            line(indent, s.span, (f.is_async ? "AsyncFunctionDef " : "FunctionDef ") + f.name);
            fields(indent + 1, "decorators", f.decorators);
            arguments(f.args, indent + 1);
            field(indent + 1, "returns", f.returns);
            return block(indent + 1, "body", f.body);
        }
        case StmtKind::ClassDef: {
            const auto& c = s.as<ClassDef>();
            line(indent, s.span, "ClassDef " + c.name);
            fields(indent + 1, "decorators", c.decorators);
            fields(indent + 1, "bases", c.bases);
            for (const Keyword& k : c.keywords) {
                line(indent + 1, k.span, k.arg.empty() ? "keyword **" : "keyword " + k.arg);
                expr(*k.value, indent + 2);
            }
            return block(indent + 1, "body", c.body);
        }
        case StmtKind::Match:
            line(indent, s.span, "Match");
            field(indent + 1, "subject", s.as<Match>().subject);
            for (const MatchCase& c : s.as<Match>().cases) {
                label(indent + 1, "case:");
                pattern(*c.pattern, indent + 2);
                field(indent + 2, "guard", c.guard);
                block(indent + 2, "body", c.body);
            }
            return;
        case StmtKind::Unsupported: return line(indent, s.span, "(unsupported statement)");
        }
    }
};

}  // namespace

std::string dump(const Module& module, const UnicodeTables& tables) {
    Dumper d(tables);
    d.stmts(module.body, 0);
    return d.out;
}

}  // namespace lang::ast
