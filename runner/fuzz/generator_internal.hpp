// The generator's state while it makes one program, and its actions
// (generator.cpp: the driver, the prologue's resources, the classes and
// the actions every program may take; feature_actions.cpp: the actions of
// each Feature). Private to runner/fuzz.
#pragma once

#include "runner/fuzz/generator.hpp"
#include "runner/fuzz/heap.hpp"
#include "runner/fuzz/random.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace memconform::fuzz::detail {

struct Var {
    std::string name;
    ObjId obj;
    Fact fact;  // the binding
};

struct Scope {
    std::vector<Var> vars;
    std::vector<Stmt>* block;
    Fact context;  // what every statement here needs to have run: a function body's call
};

struct Value {
    std::string expr;
    ObjId obj = kNoObject;
    Fact needs;
};

struct ClassInfo {
    std::string name;
    StmtId stmt = 0, init = 0, touch = 0;
    std::optional<StmtId> del;  // its own __del__ method
    bool has_del = false;  // its own or inherited
    bool del_raises = false;  // its __del__ (or the one it inherits) raises Boom
    bool weakrefable = true;
};

// CPython 3.11 collects generation 0 once its count of tracked allocations
// passes 700, and it starts programs near 450 and more. Outside the loops
// of Feature::GcAutomatic (churn) a program stays well below.
inline constexpr int kAllocationBudget = 220;

inline constexpr std::string_view kAttributes[] = {"a", "b", "c"};
inline constexpr std::string_view kKeys[] = {"k1", "k2", "k3"};

inline std::string quoted(std::string_view text) { return fmt::format("\"{}\"", text); }

class Generator {
  public:
    Generator(std::uint64_t seed, const GeneratorOptions& options) : rnd_(seed), options_(options) {
        program_.seed = seed;
    }

    Program run();

  private:
    using Action = bool (Generator::*)();
    struct ActionInfo {
        unsigned weight;
        Action run;
        std::optional<Feature> feature;
        bool in_functions;
    };
    static const std::vector<ActionInfo> kActions;

    // ---- emitting -------------------------------------------------------------------------------
    Scope& scope() { return scopes_.back(); }
    bool in_function() const { return scopes_.size() > 1; }
    std::string fresh(std::string_view prefix) { return fmt::format("{}{}", prefix, ++counter_); }

    Stmt make(std::string line, Fact needs, Removal removal = Removal::Free) {
        Stmt s;
        s.id = program_.new_id();
        s.line = std::move(line);
        std::sort(needs.begin(), needs.end());
        needs.erase(std::unique(needs.begin(), needs.end()), needs.end());
        s.needs = std::move(needs);
        s.removal = removal;
        return s;
    }
    StmtId place(Stmt s) {
        StmtId id = s.id;
        scope().block->push_back(std::move(s));
        return id;
    }
    StmtId emit(std::string line, Fact needs, int cost = 0) {
        allocated_ += cost;
        return place(make(std::move(line), std::move(needs)));
    }
    // What a statement of the current scope establishes.
    Fact established(StmtId id) { return joined(scope().context, {id}); }

    // Runs [fill] with the current scope's statements going into [s]'s block.
    void fill_block(Stmt& s, const std::function<void()>& fill) {
        auto* saved = scope().block;
        scope().block = &s.body;
        fill();
        scope().block = saved;
    }

    // ---- resources ------------------------------------------------------------------------------
    // A statement of the prologue, made on first use: an import, a helper.
    StmtId resource(const std::string& key, const std::function<Stmt()>& make_it, std::vector<Stmt>& where) {
        auto found = resources_.find(key);
        if (found != resources_.end()) return found->second;
        Stmt s = make_it();
        StmtId id = s.id;
        where.push_back(std::move(s));
        resources_[key] = id;
        return id;
    }
    StmtId module(const std::string& name) {
        return resource(
            "import " + name, [&] { return make("import " + name, {}); }, imports_);
    }
    StmtId boom_class();
    StmtId size_helper();
    StmtId alive_helper();
    StmtId collected_helper();
    StmtId graveyard();
    // A weak reference or container as a check sees it: after a collection,
    // when the program may collect.
    std::string settled(const std::string& name, Fact& needs);

    // ---- the heap (heap.hpp) --------------------------------------------------------------------
    Object& obj(ObjId id) { return heap_[id]; }
    bool is(const Var& v, ObjectKind kind) { return obj(v.obj).kind == kind; }
    bool weakrefable(ObjId id);
    // Whether [owner] may come to hold [target], and what that link needs.
    bool may_link(ObjId owner, ObjId target, Fact& needs) {
        return options_.has(Feature::Cycles) || heap_.may_link_acyclic(owner, target, needs);
    }

    // ---- names ----------------------------------------------------------------------------------
    const Var* pick_var(const std::function<bool(const Var&)>& fits) {
        std::vector<const Var*> fitting;
        for (const auto& v : scope().vars)
            if (fits(v)) fitting.push_back(&v);
        return fitting.empty() ? nullptr : fitting[rnd_.below(fitting.size())];
    }
    const Var* pick_kind(ObjectKind kind) {
        return pick_var([&](const Var& v) { return is(v, kind); });
    }
    // Binds [name] to [id] by statement [by] of the current scope; its uses
    // need [by] and [extra] (what made the value: a call's return).
    void bind(const std::string& name, ObjId id, StmtId by, const Fact& extra = {}) {
        unbind(name);
        scope().vars.push_back({name, id, joined(established(by), extra)});
        if (in_function()) return;
        if (!module_bindings_.contains(name)) module_names_.push_back(name);
        module_bindings_[name].push_back(by);
    }
    void unbind(const std::string& name) {
        std::erase_if(scope().vars, [&](const Var& v) { return v.name == name; });
    }

    // ---- values ---------------------------------------------------------------------------------
    Value fresh_instance();
    Value literal() {
        static const std::vector<std::string> kLiterals = {"None", "0", "7", "\"s\""};
        return {rnd_.pick(kLiterals), kNoObject, {}};
    }
    // A value to store: a name's object, a new instance, or a literal.
    Value any_value() {
        auto roll = rnd_.below(10);
        if (roll < 5 && !scope().vars.empty()) {
            const Var& v = rnd_.pick(scope().vars);
            return {v.name, v.obj, v.fact};
        }
        if (roll < 9) return fresh_instance();
        return literal();
    }
    // An instance with a name: a name's, or a new one.
    Value named_instance() {
        if (const Var* v = pick_kind(ObjectKind::Instance); v && rnd_.chance(70)) return {v->name, v->obj, v->fact};
        return fresh_instance();
    }

    // ---- actions --------------------------------------------------------------------------------
    // Each returns false when the heap does not meet its preconditions.
    void make_classes();
    void make_class(int index);
    bool act();
    void epilogue();
    // Every program (generator.cpp).
    bool new_instance();
    bool new_list();
    bool new_dict();
    bool set_attribute();
    bool delete_attribute();
    bool list_operation();
    bool dict_operation();
    bool alias();
    bool load();
    bool rebind();
    bool delete_name();
    bool call_function();
    bool checkpoint();
    bool check_state();
    // Feature::Closures (feature_actions.cpp, as the rest).
    bool make_closure();
    bool call_closure();
    bool bound_method();
    // Feature::Weakrefs.
    bool new_weakref();
    bool check_weakref();
    bool new_proxy();
    bool new_finalizer();
    // Feature::WeakContainers.
    bool new_weak_container();
    bool add_to_weak_container();
    bool check_weak_container();
    // Feature::Files.
    bool open_file();
    bool write_file();
    bool close_file();
    bool with_file();
    bool check_file();
    // Feature::Generators.
    bool make_generator();
    bool advance_generator();
    bool finish_generator();
    // Feature::Exceptions.
    bool raise_and_keep();
    bool use_kept_exception();
    // Feature::Cycles (frame_cycle: with Feature::Exceptions).
    bool frame_cycle();
    bool self_cycle();
    bool ring_cycle();
    // Feature::GcCalls.
    bool collect();
    bool toggle_gc();
    // Feature::Atexit.
    bool register_atexit();
    // Feature::GcAutomatic.
    bool churn();
    // Feature::GcThresholds (with GcCalls and GcAutomatic).
    bool set_thresholds();
    // Feature::Comprehensions.
    bool comprehension();
    // Feature::Subclasses (with Feature::Weakrefs): `w = WRef(x, callback)`.
    bool new_weakref_subclass();
    StmtId weakref_subclass();
    bool class_comprehension();
    // What a comprehension iterates over: a list of a name, a display of
    // names, or map(Class, labels), which makes new instances each time.
    struct Source {
        std::string expr;
        Fact needs;  // what evaluating it needs
        std::vector<ObjId> items;  // what a name or a display yields, in order (kNoObject: a literal)
        std::vector<Fact> item_facts;  // what item i being there, at index i, needs (besides the statement)
        bool instances = false;  // every item is an instance (with a name)
        ObjId list = kNoObject;  // the list it iterates over, when it is a name's
        int cls = -1;  // map(cls, labels)
        std::vector<std::string> labels;
    };
    Source comprehension_source(const std::vector<std::string>& hidden);
    std::string shown(const std::string& v, const Source& source);
    // The items of [source] on one evaluation: map's instances are new ones.
    std::vector<ObjId> evaluate(const Source& source);
    // What a comprehension computes from each item: the expression of its
    // loop variable [v], and the object it makes from items[i] (kNoObject: a
    // literal); links it makes are put there by [by].
    struct Element {
        std::string expr;
        std::function<ObjId(const std::vector<ObjId>& items, std::size_t i)> make;
    };
    Element element(const std::string& v, const Source& source, const std::vector<std::string>& hidden, Fact& needs,
                    const Fact& by, bool keeps);
    // A variable of the current scope that a comprehension may read, none
    // of [hidden]; in a function, sometimes a global.
    const Var* outer_var(const std::vector<std::string>& hidden, bool globals);

    // Opens a function's scope, whose parameters are bound to [args] and
    // whose statements run only if [call] does, and fills [def]'s block
    // with a few actions. The caller closes the scope.
    void function_body(Stmt& def, const std::vector<std::string>& params, const std::vector<ObjId>& args, StmtId call,
                       int actions);

    Random rnd_;
    GeneratorOptions options_;
    Program program_;
    std::vector<Stmt> imports_, definitions_, main_;
    std::map<std::string, StmtId> resources_;
    AbstractHeap heap_;
    std::vector<ClassInfo> classes_;
    std::vector<Scope> scopes_;
    std::vector<std::string> module_names_;  // every name bound at the top level, in order
    std::map<std::string, std::vector<StmtId>> module_bindings_;  // and the statements binding each
    int counter_ = 0;
    int turns_ = 0;  // of the gc-automatic loops so far
    int thresholds_set_ = 0;  // gc.set_threshold() calls so far (gc-thresholds)
    int allocated_ = 0;
};

}  // namespace memconform::fuzz::detail
