// Scope analysis in two passes, as CPython's symtable.c: the first walks the
// tree and records how each block uses each name; the second (analyze)
// resolves every name to a scope, top down, and turns locals captured by
// inner functions into cells.
#include "symtable.hpp"

#include <set>

#include <fmt/format.h>

namespace lang {

using namespace ast;

Scope Block::scope_of(const std::string& name) const {
    auto it = symbols.find(name);
    return it == symbols.end() ? Scope::GlobalImplicit : it->second.scope;
}

Symbol& Block::symbol(const std::string& name) {
    auto [it, inserted] = symbols.try_emplace(name);
    if (inserted) symbol_order.push_back(name);
    return it->second;
}

unsigned Block::flags_of(const std::string& name) const {
    auto it = symbols.find(name);
    return it == symbols.end() ? 0 : it->second.flags;
}

std::string mangle(const std::string& private_name, const std::string& name) {
    if (private_name.empty() || name.size() < 3 || name[0] != '_' || name[1] != '_') return name;
    if (name.ends_with("__") || name.find('.') != std::string::npos) return name;
    std::size_t start = private_name.find_first_not_of('_');
    if (start == std::string::npos) return name;
    return "_" + private_name.substr(start) + name;
}

namespace {

using NameSet = std::set<std::string>;

class Builder {
  public:
    Builder(SymbolTable& table, const std::string& filename, bool inline_comprehensions)
        : table_(table), filename_(filename), inline_comprehensions_(inline_comprehensions) {}

    void build(const Module& m) {
        table_.top = std::make_unique<Block>();
        table_.top->type = Block::Type::Module;
        table_.top->name = "top";
        cur_ = table_.top.get();
        table_.blocks[&m] = cur_;
        stmts(m.body);
    }

  private:
    SymbolTable& table_;
    const std::string& filename_;
    bool inline_comprehensions_;
    Block* cur_ = nullptr;
    // Where each `global` / `nonlocal` statement of the current block is,
    // for the errors about them.
    std::map<std::pair<Block*, std::string>, Span> directives_;

    [[noreturn]] void error(std::string message, const Span& s) const {
        throw syntax_error(std::move(message), filename_, s);
    }

    Block* enter(const void* node, Block::Type type, std::string name, int line) {
        auto block = std::make_unique<Block>();
        block->type = type;
        block->name = std::move(name);
        block->line = line;
        block->is_nested = cur_->type == Block::Type::Function || cur_->is_nested;
        block->private_name = type == Block::Type::Class ? block->name : cur_->private_name;
        Block* b = block.get();
        cur_->children.push_back(std::move(block));
        table_.blocks[node] = b;
        Block* outer = cur_;
        cur_ = b;
        return outer;
    }

    void add(const std::string& raw, unsigned flag, const Span& s) {
        std::string name = mangle(cur_->private_name, raw);
        Symbol& sym = cur_->symbol(name);
        if ((flag & DEF_PARAM) && (sym.flags & DEF_PARAM))
            error(fmt::format("duplicate argument '{}' in function definition", name), s);
        sym.flags |= flag;
        if (flag & DEF_PARAM) cur_->params.push_back(name);
    }

    // ---- statements -----------------------------------------------------------------------------

    void stmts(const StmtList& list) {
        for (const StmtPtr& s : list) stmt(*s);
    }

    void stmt(const Stmt& s) {
        switch (s.kind) {
        case StmtKind::Expr: return expr(*s.as<ExprStmt>().value);
        case StmtKind::Assign:
            expr(*s.as<Assign>().value);
            for (const ExprPtr& t : s.as<Assign>().targets) expr(*t, DEF_LOCAL);
            return;
        case StmtKind::AugAssign:
            expr(*s.as<AugAssign>().target, DEF_LOCAL | USE);
            return expr(*s.as<AugAssign>().value);
        case StmtKind::AnnAssign: {
            const auto& a = s.as<AnnAssign>();
            if (a.value) expr(*a.value);
            expr(*a.target, DEF_LOCAL);
            if (cur_->type != Block::Type::Function || !a.simple) expr(*a.annotation);
            return;
        }
        case StmtKind::Delete:
            for (const ExprPtr& t : s.as<Delete>().targets) expr(*t, DEF_LOCAL);
            return;
        case StmtKind::Return:
            if (s.as<Return>().value) expr(*s.as<Return>().value);
            return;
        case StmtKind::Raise:
            if (s.as<Raise>().exc) expr(*s.as<Raise>().exc);
            if (s.as<Raise>().cause) expr(*s.as<Raise>().cause);
            return;
        case StmtKind::Global: return global(s.as<Global>().names, s.span);
        case StmtKind::Nonlocal: return nonlocal(s.as<Nonlocal>().names, s.span);
        case StmtKind::Assert:
            expr(*s.as<Assert>().test);
            if (s.as<Assert>().msg) expr(*s.as<Assert>().msg);
            return;
        case StmtKind::Import:
            for (const Alias& a : s.as<Import>().names)
                add(a.asname.empty() ? a.name.substr(0, a.name.find('.')) : a.asname, DEF_IMPORT, a.span);
            return;
        case StmtKind::ImportFrom:
            for (const Alias& a : s.as<ImportFrom>().names) {
                if (a.name == "*") {
                    if (cur_->type != Block::Type::Module) error("import * only allowed at module level", s.span);
                    continue;
                }
                add(a.asname.empty() ? a.name : a.asname, DEF_IMPORT, a.span);
            }
            return;
        case StmtKind::If:
            expr(*s.as<If>().test);
            stmts(s.as<If>().body);
            return stmts(s.as<If>().orelse);
        case StmtKind::While:
            expr(*s.as<While>().test);
            stmts(s.as<While>().body);
            return stmts(s.as<While>().orelse);
        case StmtKind::For:
            expr(*s.as<For>().target, DEF_LOCAL);
            expr(*s.as<For>().iter);
            stmts(s.as<For>().body);
            return stmts(s.as<For>().orelse);
        case StmtKind::With:
            for (const WithItem& item : s.as<With>().items) {
                expr(*item.context_expr);
                if (item.optional_vars) expr(*item.optional_vars, DEF_LOCAL);
            }
            ++cur_->try_body_depth;
            stmts(s.as<With>().body);
            --cur_->try_body_depth;
            return;
        case StmtKind::Try: {
            const auto& t = s.as<Try>();
            ++cur_->try_body_depth;
            stmts(t.body);
            --cur_->try_body_depth;
            for (const ExceptHandler& h : t.handlers) {
                if (h.type) expr(*h.type);
                if (!h.name.empty()) add(h.name, DEF_LOCAL, h.span);
                stmts(h.body);
            }
            stmts(t.orelse);
            return stmts(t.finalbody);
        }
        case StmtKind::FunctionDef: return function_def(s.as<FunctionDef>());
        case StmtKind::ClassDef: return class_def(s.as<ClassDef>());
        case StmtKind::Match:
            expr(*s.as<Match>().subject);
            for (const MatchCase& c : s.as<Match>().cases) {
                pattern(*c.pattern);
                if (c.guard) expr(*c.guard);
                stmts(c.body);
            }
            return;
        case StmtKind::Pass:
        case StmtKind::Break:
        case StmtKind::Continue:
        case StmtKind::Unsupported: return;
        }
    }

    // The names a pattern binds, and the expressions it evaluates.
    void pattern(const Pattern& p) {
        switch (p.kind) {
        case PatternKind::Value: return expr(*p.as<MatchValue>().value);
        case PatternKind::Singleton: return;
        case PatternKind::Sequence: return patterns(p.as<MatchSequence>().patterns);
        case PatternKind::Star:
            if (!p.as<MatchStar>().name.empty()) add(p.as<MatchStar>().name, DEF_LOCAL, p.span);
            return;
        case PatternKind::As:
            if (p.as<MatchAs>().pattern) pattern(*p.as<MatchAs>().pattern);
            if (!p.as<MatchAs>().name.empty()) add(p.as<MatchAs>().name, DEF_LOCAL, p.span);
            return;
        case PatternKind::Or: return patterns(p.as<MatchOr>().patterns);
        case PatternKind::Mapping: {
            const auto& m = p.as<MatchMapping>();
            for (const ExprPtr& key : m.keys) expr(*key);
            patterns(m.patterns);
            if (!m.rest.empty()) add(m.rest, DEF_LOCAL, p.span);
            return;
        }
        case PatternKind::Class: {
            const auto& c = p.as<MatchClass>();
            expr(*c.cls);
            patterns(c.patterns);
            return patterns(c.kwd_patterns);
        }
        }
    }
    void patterns(const PatternList& list) {
        for (const PatternPtr& p : list) pattern(*p);
    }

    void global(const std::vector<std::string>& names, const Span& s) {
        for (const std::string& raw : names) {
            std::string name = mangle(cur_->private_name, raw);
            unsigned flags = cur_->flags_of(name);
            if (flags & DEF_PARAM) error(fmt::format("name '{}' is parameter and global", name), s);
            if (flags & DEF_NONLOCAL) error(fmt::format("name '{}' is nonlocal and global", name), s);
            if (flags & DEF_LOCAL) error(fmt::format("name '{}' is assigned to before global declaration", name), s);
            if (flags & USE) error(fmt::format("name '{}' is used prior to global declaration", name), s);
            add(name, DEF_GLOBAL, s);
            // As CPython, the module's own symbol is marked global too.
            table_.top->symbol(name).flags |= DEF_GLOBAL;
            directives_[{cur_, name}] = s;
            ++cur_->directives;
        }
    }

    void nonlocal(const std::vector<std::string>& names, const Span& s) {
        for (const std::string& raw : names) {
            std::string name = mangle(cur_->private_name, raw);
            if (cur_->type == Block::Type::Module) error("nonlocal declaration not allowed at module level", s);
            unsigned flags = cur_->flags_of(name);
            if (flags & DEF_PARAM) error(fmt::format("name '{}' is parameter and nonlocal", name), s);
            if (flags & DEF_GLOBAL) error(fmt::format("name '{}' is nonlocal and global", name), s);
            if (flags & DEF_LOCAL) error(fmt::format("name '{}' is assigned to before nonlocal declaration", name), s);
            if (flags & USE) error(fmt::format("name '{}' is used prior to nonlocal declaration", name), s);
            add(name, DEF_NONLOCAL, s);
            directives_[{cur_, name}] = s;
            ++cur_->directives;
        }
    }

    // Defaults, annotations and decorators belong to the enclosing block.
    void outer_parts(const Arguments& args) {
        for (const ExprPtr& d : args.defaults) expr(*d);
        for (const ExprPtr& d : args.kw_defaults)
            if (d) expr(*d);
    }
    void annotations(const Arguments& args) {
        for (const auto* list : {&args.posonlyargs, &args.args, &args.kwonlyargs})
            for (const Arg& a : *list)
                if (a.annotation) expr(*a.annotation);
        if (args.vararg && args.vararg->annotation) expr(*args.vararg->annotation);
        if (args.kwarg && args.kwarg->annotation) expr(*args.kwarg->annotation);
    }
    void params(const Arguments& args) {
        for (const auto* list : {&args.posonlyargs, &args.args, &args.kwonlyargs})
            for (const Arg& a : *list) add(a.name, DEF_PARAM, a.span);
        if (args.vararg) add(args.vararg->name, DEF_PARAM, args.vararg->span);
        if (args.kwarg) add(args.kwarg->name, DEF_PARAM, args.kwarg->span);
    }

    void function_def(const FunctionDef& f) {
        add(f.name, DEF_LOCAL, f.span);
        outer_parts(f.args);
        annotations(f.args);
        if (f.returns) expr(*f.returns);
        for (const ExprPtr& d : f.decorators) expr(*d);
        Block* outer = enter(&f, Block::Type::Function, f.name, f.span.line);
        cur_->is_coroutine = f.is_async;
        params(f.args);
        stmts(f.body);
        cur_ = outer;
    }

    void class_def(const ClassDef& c) {
        add(c.name, DEF_LOCAL, c.span);
        for (const ExprPtr& b : c.bases) expr(*b);
        for (const Keyword& k : c.keywords) expr(*k.value);
        for (const ExprPtr& d : c.decorators) expr(*d);
        Block* outer = enter(&c, Block::Type::Class, c.name, c.span.line);
        stmts(c.body);
        cur_ = outer;
    }

    // ---- expressions (flags: how a Name is used; USE when loaded) -------------------------------

    void expr(const Expr& e, unsigned flags = USE) {
        switch (e.kind) {
        case ExprKind::Name: {
            const std::string& id = e.as<Name>().id;
            add(id, flags, e.span);
            // super() needs the __class__ cell of the enclosing class.
            if (flags == USE && cur_->type == Block::Type::Function && id == "super") add("__class__", USE, e.span);
            return;
        }
        case ExprKind::Tuple:
        case ExprKind::List:
        case ExprKind::Starred:
            // Targets pass their flags down to the names inside.
            for_each_child(e, [&](const Expr& child) { expr(child, flags); });
            return;
        case ExprKind::Attribute:
        case ExprKind::Subscript: for_each_child(e, [&](const Expr& child) { expr(child); }); return;
        case ExprKind::Lambda: {
            const auto& l = e.as<Lambda>();
            outer_parts(l.args);
            Block* outer = enter(&e, Block::Type::Function, "lambda", e.span.line);
            params(l.args);
            expr(*l.body);
            cur_ = outer;
            return;
        }
        case ExprKind::ListComp:
        case ExprKind::SetComp:
        case ExprKind::DictComp:
        case ExprKind::GeneratorExp: return comprehension(e);
        case ExprKind::Yield:
        case ExprKind::YieldFrom:
        case ExprKind::Await:
            if (cur_->is_comprehension && e.kind != ExprKind::Await)
                error(fmt::format("'yield' inside {}", comprehension_description(*cur_)), e.span);
            cur_->is_generator = cur_->is_generator || e.kind != ExprKind::Await;
            // PyPy's CO_YIELD_INSIDE_TRY counts an await as a yield.
            if (cur_->try_body_depth > 0) cur_->has_yield_inside_try = true;
            for_each_child(e, [&](const Expr& child) { expr(child); });
            return;
        case ExprKind::NamedExpr:
            expr(*e.as<NamedExpr>().value);
            expr(*e.as<NamedExpr>().target, DEF_LOCAL);
            return;
        default: for_each_child(e, [&](const Expr& child) { expr(child); }); return;
        }
    }

    static std::string comprehension_description(const Block& b) {
        if (b.name == "listcomp") return "list comprehension";
        if (b.name == "setcomp") return "set comprehension";
        if (b.name == "dictcomp") return "dict comprehension";
        return "generator expression";
    }

    // A comprehension is a function of one argument (.0, the first
    // iterator, evaluated in the enclosing block). Its parts are visited in
    // symtable_handle_comprehension's order -- each `for`'s target before
    // its iterable, a dict's value before its key -- which is the order of
    // its symbols, and so of the names an inlined one saves.
    void comprehension(const Expr& e) {
        const auto& c = e.as<Comp>();
        static const char* const names[] = {"listcomp", "setcomp", "dictcomp", "genexpr"};
        expr(*c.generators[0].iter);
        Block* outer = enter(&e, Block::Type::Function,
                             names[static_cast<int>(e.kind) - static_cast<int>(ExprKind::ListComp)], e.span.line);
        cur_->is_comprehension = true;
        cur_->is_generator = e.kind == ExprKind::GeneratorExp;
        add(".0", DEF_PARAM, e.span);
        for (std::size_t i = 0; i < c.generators.size(); ++i) {
            const Comprehension& g = c.generators[i];
            expr(*g.target, DEF_LOCAL);
            if (i > 0) expr(*g.iter);
            for (const ExprPtr& cond : g.ifs) expr(*cond);
        }
        if (c.value) expr(*c.value);
        if (c.key) expr(*c.key);
        if (c.elt) expr(*c.elt);
        cur_ = outer;
    }

  public:
    // ---- second pass: resolve scopes (CPython's analyze_block) ----------------------------------

    // `bound`: names bound in enclosing function blocks (null at module
    // level); `globals`: names declared global in enclosing blocks. Returns
    // the free names of `b` and its children that `b` does not resolve.
    NameSet analyze(Block& b, const NameSet* bound, NameSet globals) {
        NameSet local, free, new_bound, new_global, inlined_cells;
        if (b.type == Block::Type::Class) {
            new_global = globals;
            if (bound) new_bound = *bound;
        }
        NameSet bound_here = bound ? *bound : NameSet{};
        for (auto& [name, sym] : b.symbols)
            analyze_name(b, name, sym, bound ? &bound_here : nullptr, local, free, globals);
        if (b.type != Block::Type::Class) {
            if (b.type == Block::Type::Function) new_bound.insert(local.begin(), local.end());
            if (bound) new_bound.insert(bound_here.begin(), bound_here.end());
            new_global.insert(globals.begin(), globals.end());
        } else {
            new_bound.insert("__class__");
        }
        NameSet child_free;
        for (auto& child : b.children) {
            NameSet f = analyze(*child, &new_bound, new_global);
            if (inline_comprehensions_ && child->is_comprehension && !child->is_generator) {
                inline_comprehension(b, *child, f, inlined_cells);
                child->inlined = true;
            }
            child_free.insert(f.begin(), f.end());
        }
        if (b.type == Block::Type::Function) {
            for (auto& [name, sym] : b.symbols) {
                if (sym.scope != Scope::Local) continue;
                bool captured = child_free.erase(name) > 0;
                if (captured || inlined_cells.count(name)) sym.scope = Scope::Cell;
            }
        } else if (b.type == Block::Type::Class && child_free.erase("__class__")) {
            b.needs_class_closure = true;
        }
        for (const std::string& name : inlined_cells) b.symbols.at(name).flags |= DEF_COMP_CELL;
        for (const std::string& name : child_free) {
            auto it = b.symbols.find(name);
            if (it != b.symbols.end()) {
                if (b.type == Block::Type::Class && (it->second.flags & (DEF_BOUND | DEF_GLOBAL)))
                    it->second.flags |= DEF_FREE_CLASS;
                continue;
            }
            if (bound && !bound_here.count(name)) continue;  // a global
            b.symbol(name) = Symbol{0, Scope::Free};
        }
        free.insert(child_free.begin(), child_free.end());
        return free;
    }

  private:
    // 3.12's inline_comprehension: the comprehension's names join the block
    // around it (but `.0`, its argument). A name it does not have is copied
    // with the comprehension's scope; a name the block binds is no longer
    // free in the comprehension, unless a function inside it uses it (or
    // the block is a class body, whose names a comprehension cannot see).
    void inline_comprehension(Block& b, const Block& comp, NameSet& comp_free, NameSet& inlined_cells) {
        for (const std::string& name : comp.symbol_order) {
            const Symbol& sym = comp.symbols.at(name);
            if (sym.flags & DEF_PARAM) continue;
            if (sym.scope == Scope::Cell || (sym.flags & DEF_COMP_CELL)) inlined_cells.insert(name);
            auto existing = b.symbols.find(name);
            if (existing == b.symbols.end()) {
                b.symbol(name) = sym;
            } else if ((existing->second.flags & DEF_BOUND) && !free_in_a_function_inside(comp, name) &&
                       b.type != Block::Type::Class) {
                comp_free.erase(name);
            }
        }
    }
    // is_free_in_any_child, whose children are those of the block and of
    // the comprehensions inlined in it.
    static bool free_in_a_function_inside(const Block& b, const std::string& name) {
        for (const auto& child : b.children) {
            if (child->inlined ? free_in_a_function_inside(*child, name) : child->scope_of(name) == Scope::Free)
                return true;
        }
        return false;
    }

    void analyze_name(Block& b, const std::string& name, Symbol& sym, NameSet* bound, NameSet& local, NameSet& free,
                      NameSet& globals) {
        if (sym.flags & DEF_GLOBAL) {
            sym.scope = Scope::GlobalExplicit;
            globals.insert(name);
            if (bound) bound->erase(name);
            return;
        }
        if (sym.flags & DEF_NONLOCAL) {
            if (!bound || !bound->count(name))
                error(fmt::format("no binding for nonlocal '{}' found", name), directives_.at({&b, name}));
            sym.scope = Scope::Free;
            free.insert(name);
            return;
        }
        if (sym.flags & DEF_BOUND) {
            sym.scope = Scope::Local;
            local.insert(name);
            globals.erase(name);
            return;
        }
        if (bound && bound->count(name)) {
            sym.scope = Scope::Free;
            free.insert(name);
            return;
        }
        sym.scope = Scope::GlobalImplicit;
    }
};

}  // namespace

SymbolTable build_symbol_table(const Module& module, const std::string& filename, bool inline_comprehensions) {
    SymbolTable table;
    Builder builder(table, filename, inline_comprehensions);
    builder.build(module);
    builder.analyze(*table.top, nullptr, {});
    return table;
}

}  // namespace lang
