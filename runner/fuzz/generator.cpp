// How a program is made: the generator keeps an abstract heap (what each
// name, attribute, item and hidden reference points to, and which statement
// put it there) and picks, at each step, an action whose preconditions the
// heap meets. Each statement records the statements it needs (program.hpp),
// taken from the facts it reads. Without Feature::Cycles an action that
// would close a cycle is not taken, and a link that would close one if a
// statement that broke a link were removed needs that statement.
#include "runner/fuzz/generator.hpp"

#include "runner/fuzz/random.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <deque>
#include <functional>
#include <map>

namespace memconform::fuzz {

namespace {

constexpr FeatureInfo kFeatures[] = {
    {Feature::Finalizers, "finalizers", "classes with __del__ (printing, resurrecting, raising, calling super)"},
    {Feature::Slots, "slots", "classes with __slots__"},
    {Feature::Weakrefs, "weakrefs", "weakref.ref with and without callbacks, proxy, finalize"},
    {Feature::WeakContainers, "weak-containers", "WeakValueDictionary, WeakKeyDictionary, WeakSet"},
    {Feature::Closures, "closures", "closures and bound methods"},
    {Feature::Files, "files", "files written, closed or dropped"},
    {Feature::Generators, "generators", "generators advanced, exhausted or dropped mid-way"},
    {Feature::Exceptions, "exceptions", "exceptions raised, caught and kept with their tracebacks"},
    {Feature::GcCalls, "gc-calls", "gc.collect(), gc.disable()/enable()"},
    {Feature::Atexit, "atexit", "atexit callbacks"},
    {Feature::Cycles, "cycles", "reference cycles of every shape"},
    {Feature::Shutdown, "shutdown", "objects alive at exit (else every name is dropped before the end)"},
    {Feature::GcAutomatic, "gc-automatic",
     "loops that allocate enough to start automatic collections, with and without cycles and __del__"},
};

// CPython 3.11 collects generation 0 once its count of tracked allocations
// passes 700, and it starts programs near 450 and more. Outside the loops
// of Feature::GcAutomatic (churn) a program stays well below.
constexpr int kAllocationBudget = 220;

using Fact = std::vector<StmtId>;  // the statements something depends on

void add(Fact& to, const Fact& more) { to.insert(to.end(), more.begin(), more.end()); }

Fact joined(Fact a, const Fact& b) {
    add(a, b);
    return a;
}

using ObjId = int;
constexpr ObjId kNoObject = -1;

enum class ObjectKind {
    Instance,
    List,
    Dict,
    Closure,
    Method,
    Generator,
    Exception,
    File,
    WeakRef,
    Proxy,
    Finalizer,
    WeakValues,
    WeakKeys,
    WeakSet
};

// One reference an object holds that a statement stored: an attribute, a
// dict entry or a list item.
struct Slot {
    std::string key;  // attribute name or dict key; "" for a list item
    ObjId target;  // kNoObject: a literal
    Fact fact;
};

struct Object {
    ObjectKind kind = ObjectKind::Instance;
    int cls = -1;  // an instance's class
    std::string label;  // an instance's name, a file's path
    std::vector<Slot> slots;
    std::vector<ObjId> hidden;  // references no statement edits: closure cells, generator frames, exception args
    std::vector<ObjId> frames;  // an exception's traceback: the locals of the frames it keeps
    Fact kind_fact;  // what makes it this kind at run time: a generator function's yields
    std::vector<StmtId> yields;  // a generator's yield statements, in order
    std::size_t consumed = 0;  // yields a generator has given
    bool finished = false;  // a generator exhausted or closed; a file closed
};

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
    bool weakrefable = true;
};

// A link that a statement removed: restoring it could close a cycle.
struct RemovedLink {
    ObjId from, to;
    Fact fact;
};

constexpr std::string_view kAttributes[] = {"a", "b", "c"};
constexpr std::string_view kKeys[] = {"k1", "k2", "k3"};

std::string quoted(std::string_view text) { return fmt::format("\"{}\"", text); }

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

    // ---------------------------------------------------------------- emitting
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

    // ---------------------------------------------------------------- resources
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

    // ---------------------------------------------------------------- the heap
    ObjId new_object(ObjectKind kind) {
        Object o;
        o.kind = kind;
        heap_.push_back(std::move(o));
        return static_cast<ObjId>(heap_.size() - 1);
    }
    Object& obj(ObjId id) { return heap_[static_cast<std::size_t>(id)]; }
    bool is(const Var& v, ObjectKind kind) { return obj(v.obj).kind == kind; }
    bool weakrefable(ObjId id);
    bool reaches(ObjId from, ObjId to, bool through_removed);
    // Whether [owner] may come to hold [target], and what that link needs.
    bool may_link(ObjId owner, ObjId target, Fact& needs);
    void note_removed(ObjId from, ObjId to, const Fact& fact) {
        if (to != kNoObject) removed_links_.push_back({from, to, fact});
    }
    Slot* find_slot(Object& o, std::string_view key) {
        for (auto& s : o.slots)
            if (s.key == key) return &s;
        return nullptr;
    }
    void drop_slot(Object& owner, ObjId owner_id, std::size_t index, const Fact& by) {
        note_removed(owner_id, owner.slots[index].target, by);
        owner.slots.erase(owner.slots.begin() + static_cast<std::ptrdiff_t>(index));
    }
    // Stores [value] under [key] of [owner] ("" for a list's new last item).
    void store(ObjId owner_id, const std::string& key, const Value& value, const Fact& by);

    // ---------------------------------------------------------------- names
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

    // ---------------------------------------------------------------- values
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

    // ---------------------------------------------------------------- actions
    void make_classes();
    void make_class(int index);
    bool act();
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
    bool make_closure();
    bool call_closure();
    bool bound_method();
    bool new_weakref();
    bool check_weakref();
    bool new_proxy();
    bool new_finalizer();
    bool new_weak_container();
    bool add_to_weak_container();
    bool check_weak_container();
    bool open_file();
    bool write_file();
    bool close_file();
    bool with_file();
    bool check_file();
    bool make_generator();
    bool advance_generator();
    bool finish_generator();
    bool raise_and_keep();
    bool use_kept_exception();
    bool frame_cycle();
    bool self_cycle();
    bool ring_cycle();
    bool collect();
    bool toggle_gc();
    bool register_atexit();
    bool churn();
    bool checkpoint();
    bool check_state();
    void epilogue();

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
    std::deque<Object> heap_;  // references stay valid as it grows
    std::vector<ClassInfo> classes_;
    std::vector<Scope> scopes_;
    std::vector<RemovedLink> removed_links_;
    std::vector<std::string> module_names_;  // every name bound at the top level, in order
    std::map<std::string, std::vector<StmtId>> module_bindings_;  // and the statements binding each
    int counter_ = 0;
    int allocated_ = 0;
};

// ---------------------------------------------------------------- resources

StmtId Generator::boom_class() {
    return resource(
        "Boom",
        [&] {
            Stmt s = make("class Boom(Exception):", {});
            s.body.push_back(make("pass", {}, Removal::WithNeeds));
            return s;
        },
        definitions_);
}

StmtId Generator::size_helper() {
    StmtId os = module("os");
    return resource(
        "size",
        [&] {
            Stmt s = make("def size(path):", {os});
            Stmt check = make("if not os.path.exists(path):", {}, Removal::WithNeeds);
            check.body.push_back(make("return None", {}, Removal::WithNeeds));
            Stmt with = make("with open(path) as r:", {}, Removal::WithNeeds);
            with.body.push_back(make("return len(r.read())", {}, Removal::WithNeeds));
            s.body.push_back(std::move(check));
            s.body.push_back(std::move(with));
            return s;
        },
        definitions_);
}

StmtId Generator::alive_helper() {
    return resource(
        "alive",
        [&] {
            Stmt s = make("def alive(proxy):", {});
            Stmt attempt = make("try:", {}, Removal::WithNeeds);
            attempt.body.push_back(make("proxy.name", {}, Removal::WithNeeds));
            attempt.body.push_back(make("return True", {}, Removal::WithNeeds));
            Stmt handler = make("except ReferenceError:", {}, Removal::WithNeeds);
            handler.body.push_back(make("return False", {}, Removal::WithNeeds));
            s.body.push_back(std::move(attempt));
            s.body.push_back(std::move(handler));
            return s;
        },
        definitions_);
}

// PyPy clears a weakref to a dead young object at the minor collection
// that comes when its nursery fills, and what PyPy allocates (compiling the
// program too) decides when that is: another moment no program may depend
// on. A collection first makes the check the same on every runtime.
StmtId Generator::collected_helper() {
    StmtId gc = module("gc");
    return resource(
        "collected",
        [&] {
            Stmt s = make("def collected(weak):", {gc});
            s.body.push_back(make("gc.collect()", {}, Removal::WithNeeds));
            s.body.push_back(make("return weak", {}, Removal::WithNeeds));
            return s;
        },
        definitions_);
}

std::string Generator::settled(const std::string& name, Fact& needs) {
    if (!options_.has(Feature::GcCalls)) return name;
    needs.push_back(collected_helper());
    return fmt::format("collected({})", name);
}

StmtId Generator::graveyard() {
    return resource(
        "graveyard", [&] { return make("graveyard = []", {}); }, definitions_);
}

// ---------------------------------------------------------------- classes

void Generator::make_classes() {
    int count = rnd_.between(1, 3);
    for (int i = 0; i < count; ++i) make_class(i);
}

void Generator::make_class(int index) {
    ClassInfo info;
    info.name = fmt::format("K{}", index);
    int base = index > 0 && rnd_.chance(30) ? static_cast<int>(rnd_.below(classes_.size())) : -1;
    Stmt cls = make(
        base < 0 ? fmt::format("class {}:", info.name) : fmt::format("class {}({}):", info.name, classes_[base].name),
        base < 0 ? Fact{} : Fact{classes_[base].stmt});
    info.stmt = cls.id;
    std::vector<StmtId> del_needs;
    if (base >= 0) {
        const auto& parent = classes_[base];
        info.init = parent.init;
        info.touch = parent.touch;
        info.has_del = parent.has_del;
        info.weakrefable = true;  // no __slots__ of its own: it has __dict__ and __weakref__
    } else {
        if (options_.has(Feature::Slots) && rnd_.chance(25)) {
            info.weakrefable = rnd_.chance(50);
            // Removing the line only widens what instances accept.
            cls.body.push_back(make(fmt::format("__slots__ = (\"name\", \"a\", \"b\", \"c\"{})",
                                                info.weakrefable ? ", \"__weakref__\"" : ""),
                                    {}));
        }
        Stmt init = make("def __init__(self, name):", {}, Removal::WithNeeds);
        init.body.push_back(make("self.name = name", {}, Removal::WithNeeds));
        info.init = init.id;
        cls.body.push_back(std::move(init));
        Stmt touch = make("def touch(self):", {});
        touch.body.push_back(make("return self.name", {}, Removal::WithNeeds));
        info.touch = touch.id;
        cls.body.push_back(std::move(touch));
    }
    if (options_.has(Feature::Finalizers) && rnd_.chance(base >= 0 ? 50 : 70)) {
        Stmt del = make("def __del__(self):", {});
        del.body.push_back(make("print(\"del\", self.name)", {}));
        if (base >= 0 && classes_[base].del) {
            del.body.push_back(make("super().__del__()", {*classes_[base].del}));
        } else {
            auto roll = rnd_.below(10);
            if (roll == 0) del.body.push_back(make("graveyard.append(self)", {graveyard()}));
            if (roll == 1 && options_.has(Feature::Exceptions))
                del.body.push_back(make("raise Boom(self.name)", {boom_class()}));
        }
        info.del = del.id;
        info.has_del = true;
        cls.body.push_back(std::move(del));
    }
    if (cls.body.empty()) cls.body.push_back(make("pass", {}, Removal::WithNeeds));
    classes_.push_back(info);
    definitions_.push_back(std::move(cls));
}

// ---------------------------------------------------------------- the heap

bool Generator::weakrefable(ObjId id) {
    const Object& o = obj(id);
    switch (o.kind) {
    case ObjectKind::Instance: return classes_[o.cls].weakrefable;
    case ObjectKind::Closure:
    case ObjectKind::Generator:
    case ObjectKind::Method: return true;
    default: return false;
    }
}

bool Generator::reaches(ObjId from, ObjId to, bool through_removed) {
    std::vector<bool> seen(heap_.size(), false);
    std::vector<ObjId> todo{from};
    while (!todo.empty()) {
        ObjId at = todo.back();
        todo.pop_back();
        if (at == to) return true;
        if (at == kNoObject || seen[at]) continue;
        seen[at] = true;
        const Object& o = obj(at);
        for (const auto& s : o.slots) todo.push_back(s.target);
        for (ObjId h : o.hidden) todo.push_back(h);
        for (ObjId f : o.frames) todo.push_back(f);
        if (through_removed)
            for (const auto& link : removed_links_)
                if (link.from == at) todo.push_back(link.to);
    }
    return false;
}

bool Generator::may_link(ObjId owner, ObjId target, Fact& needs) {
    if (target == kNoObject || options_.has(Feature::Cycles)) return true;
    if (reaches(target, owner, false)) return false;
    if (reaches(target, owner, true))
        for (const auto& link : removed_links_) add(needs, link.fact);
    return true;
}

void Generator::store(ObjId owner_id, const std::string& key, const Value& value, const Fact& by) {
    Object& owner = obj(owner_id);
    if (!key.empty()) {
        if (Slot* old = find_slot(owner, key)) {
            note_removed(owner_id, old->target, by);
            old->target = value.obj;
            old->fact = by;
            return;
        }
    }
    owner.slots.push_back({key, value.obj, by});
}

Value Generator::fresh_instance() {
    int cls = static_cast<int>(rnd_.below(classes_.size()));
    ObjId id = new_object(ObjectKind::Instance);
    obj(id).cls = cls;
    obj(id).label = fresh("n");
    const auto& info = classes_[cls];
    allocated_ += 2;
    return {fmt::format("{}({})", info.name, quoted(obj(id).label)), id, {info.stmt, info.init}};
}

// ---------------------------------------------------------------- actions

const std::vector<Generator::ActionInfo> Generator::kActions = {
    {16, &Generator::new_instance, std::nullopt, true},
    {5, &Generator::new_list, std::nullopt, true},
    {4, &Generator::new_dict, std::nullopt, true},
    {12, &Generator::set_attribute, std::nullopt, true},
    {5, &Generator::delete_attribute, std::nullopt, true},
    {7, &Generator::list_operation, std::nullopt, true},
    {5, &Generator::dict_operation, std::nullopt, true},
    {3, &Generator::alias, std::nullopt, true},
    {3, &Generator::load, std::nullopt, true},
    {5, &Generator::rebind, std::nullopt, true},
    {8, &Generator::delete_name, std::nullopt, true},
    {5, &Generator::call_function, std::nullopt, false},
    {3, &Generator::make_closure, Feature::Closures, false},
    {2, &Generator::call_closure, Feature::Closures, false},
    {2, &Generator::bound_method, Feature::Closures, true},
    {5, &Generator::new_weakref, Feature::Weakrefs, true},
    {6, &Generator::check_weakref, Feature::Weakrefs, false},
    {2, &Generator::new_proxy, Feature::Weakrefs, false},
    {2, &Generator::new_finalizer, Feature::Weakrefs, true},
    {2, &Generator::new_weak_container, Feature::WeakContainers, false},
    {4, &Generator::add_to_weak_container, Feature::WeakContainers, false},
    {3, &Generator::check_weak_container, Feature::WeakContainers, false},
    {3, &Generator::open_file, Feature::Files, false},
    {3, &Generator::write_file, Feature::Files, false},
    {1, &Generator::close_file, Feature::Files, false},
    {1, &Generator::with_file, Feature::Files, false},
    {3, &Generator::check_file, Feature::Files, false},
    {3, &Generator::make_generator, Feature::Generators, false},
    {4, &Generator::advance_generator, Feature::Generators, false},
    {1, &Generator::finish_generator, Feature::Generators, false},
    {3, &Generator::raise_and_keep, Feature::Exceptions, false},
    {3, &Generator::use_kept_exception, Feature::Exceptions, false},
    {2, &Generator::frame_cycle, Feature::Cycles, false},
    {3, &Generator::self_cycle, Feature::Cycles, false},
    {3, &Generator::ring_cycle, Feature::Cycles, false},
    {4, &Generator::collect, Feature::GcCalls, false},
    {1, &Generator::toggle_gc, Feature::GcCalls, false},
    {1, &Generator::register_atexit, Feature::Atexit, false},
    {6, &Generator::churn, Feature::GcAutomatic, false},
    {2, &Generator::checkpoint, std::nullopt, true},
    {2, &Generator::check_state, std::nullopt, true},
};

bool Generator::act() {
    std::vector<unsigned> weights;
    for (const auto& a : kActions) {
        bool allowed = (!a.feature || options_.has(*a.feature)) && (a.in_functions || !in_function());
        weights.push_back(allowed ? a.weight : 0);
    }
    for (int attempt = 0; attempt < 20; ++attempt)
        if ((this->*kActions[rnd_.weighted(weights)].run)()) return true;
    return false;
}

bool Generator::new_instance() {
    auto value = fresh_instance();
    auto name = fmt::format("o{}", counter_);
    StmtId id = emit(fmt::format("{} = {}", name, value.expr), value.needs);
    bind(name, value.obj, id);
    return true;
}

bool Generator::new_list() {
    ObjId list = new_object(ObjectKind::List);
    auto name = fresh("l");
    StmtId id = program_.new_id();  // the items' fact names this statement before it exists
    Fact needs, by = established(id);
    std::vector<std::string> items;
    for (int n = rnd_.between(0, 3); n > 0; --n) {
        auto value = any_value();
        if (!may_link(list, value.obj, needs)) continue;
        add(needs, value.needs);
        items.push_back(value.expr);
        store(list, "", value, by);
    }
    Stmt s = make(fmt::format("{} = [{}]", name, fmt::join(items, ", ")), needs);
    s.id = id;
    place(std::move(s));
    allocated_ += 1;
    bind(name, list, id);
    return true;
}

bool Generator::new_dict() {
    ObjId dict = new_object(ObjectKind::Dict);
    auto name = fresh("d");
    StmtId id = program_.new_id();
    Fact needs, by = established(id);
    std::vector<std::string> entries;
    for (auto key : kKeys) {
        if (rnd_.chance(40)) continue;
        auto value = any_value();
        if (!may_link(dict, value.obj, needs)) continue;
        add(needs, value.needs);
        entries.push_back(fmt::format("{}: {}", quoted(key), value.expr));
        store(dict, std::string(key), value, by);
    }
    Stmt s = make(fmt::format("{} = {{{}}}", name, fmt::join(entries, ", ")), needs);
    s.id = id;
    place(std::move(s));
    allocated_ += 1;
    bind(name, dict, id);
    return true;
}

bool Generator::set_attribute() {
    const Var* owner = pick_kind(ObjectKind::Instance);
    if (!owner) return false;
    auto value = any_value();
    Fact needs = joined(owner->fact, value.needs);
    if (!may_link(owner->obj, value.obj, needs)) return false;
    auto key = std::string(kAttributes[rnd_.below(std::size(kAttributes))]);
    StmtId id = emit(fmt::format("{}.{} = {}", owner->name, key, value.expr), needs);
    store(owner->obj, key, value, established(id));
    return true;
}

bool Generator::delete_attribute() {
    const Var* owner = pick_var([&](const Var& v) { return is(v, ObjectKind::Instance) && !obj(v.obj).slots.empty(); });
    if (!owner) return false;
    Object& o = obj(owner->obj);
    std::size_t index = rnd_.below(o.slots.size());
    StmtId id =
        emit(fmt::format("del {}.{}", owner->name, o.slots[index].key), joined(owner->fact, o.slots[index].fact));
    drop_slot(o, owner->obj, index, established(id));
    return true;
}

bool Generator::list_operation() {
    const Var* list = pick_kind(ObjectKind::List);
    if (!list) return false;
    ObjId id = list->obj;
    auto& items = obj(id).slots;
    auto roll = rnd_.below(10);
    if (roll < 4 || items.empty()) {  // append or insert
        auto value = any_value();
        Fact needs = joined(list->fact, value.needs);
        if (!may_link(id, value.obj, needs)) return false;
        bool front = rnd_.chance(30);
        StmtId s = emit(front ? fmt::format("{}.insert(0, {})", list->name, value.expr)
                              : fmt::format("{}.append({})", list->name, value.expr),
                        needs);
        Slot slot{"", value.obj, established(s)};
        obj(id).slots.insert(front ? obj(id).slots.begin() : obj(id).slots.end(), slot);
        return true;
    }
    if (roll < 6) {  // pop the last
        StmtId s = emit(fmt::format("{}.pop()", list->name), joined(list->fact, items.back().fact));
        drop_slot(obj(id), id, items.size() - 1, established(s));
        return true;
    }
    if (roll < 8) {  // del the first
        StmtId s = emit(fmt::format("del {}[0]", list->name), joined(list->fact, items.front().fact));
        drop_slot(obj(id), id, 0, established(s));
        return true;
    }
    if (roll < 9) {  // replace one: it needs every item up to it
        std::size_t index = rnd_.below(items.size());
        auto value = any_value();
        Fact needs = joined(list->fact, value.needs);
        for (std::size_t i = 0; i <= index; ++i) add(needs, items[i].fact);
        if (!may_link(id, value.obj, needs)) return false;
        StmtId s = emit(fmt::format("{}[{}] = {}", list->name, index, value.expr), needs);
        note_removed(id, items[index].target, established(s));
        obj(id).slots[index] = {"", value.obj, established(s)};
        return true;
    }
    StmtId s = emit(fmt::format("{}.clear()", list->name), list->fact);
    while (!obj(id).slots.empty()) drop_slot(obj(id), id, 0, established(s));
    return true;
}

bool Generator::dict_operation() {
    const Var* dict = pick_kind(ObjectKind::Dict);
    if (!dict) return false;
    ObjId id = dict->obj;
    auto& entries = obj(id).slots;
    auto roll = rnd_.below(10);
    if (roll < 5 || entries.empty()) {
        auto value = any_value();
        Fact needs = joined(dict->fact, value.needs);
        if (!may_link(id, value.obj, needs)) return false;
        auto key = std::string(kKeys[rnd_.below(std::size(kKeys))]);
        StmtId s = emit(fmt::format("{}[{}] = {}", dict->name, quoted(key), value.expr), needs);
        store(id, key, value, established(s));
        return true;
    }
    if (roll < 9) {
        std::size_t index = rnd_.below(entries.size());
        auto form = roll < 7 ? "del {}[{}]" : "{}.pop({})";
        StmtId s = emit(fmt::format(fmt::runtime(form), dict->name, quoted(entries[index].key)),
                        joined(dict->fact, entries[index].fact));
        drop_slot(obj(id), id, index, established(s));
        return true;
    }
    StmtId s = emit(fmt::format("{}.clear()", dict->name), dict->fact);
    while (!obj(id).slots.empty()) drop_slot(obj(id), id, 0, established(s));
    return true;
}

bool Generator::alias() {
    if (scope().vars.empty()) return false;
    const Var& v = rnd_.pick(scope().vars);
    auto name = fresh("a");
    ObjId target = v.obj;
    StmtId id = emit(fmt::format("{} = {}", name, v.name), v.fact);
    bind(name, target, id);
    return true;
}

bool Generator::load() {
    const Var* owner = pick_var([&](const Var& v) {
        auto k = obj(v.obj).kind;
        if (k != ObjectKind::Instance && k != ObjectKind::List && k != ObjectKind::Dict) return false;
        for (const auto& s : obj(v.obj).slots)
            if (s.target != kNoObject) return true;
        return false;
    });
    if (!owner) return false;
    const auto& slots = obj(owner->obj).slots;
    std::vector<std::size_t> objects;
    for (std::size_t i = 0; i < slots.size(); ++i)
        if (slots[i].target != kNoObject) objects.push_back(i);
    std::size_t index = rnd_.pick(objects);
    Fact needs = owner->fact;
    std::string source;
    switch (obj(owner->obj).kind) {
    case ObjectKind::Instance: source = fmt::format("{}.{}", owner->name, slots[index].key); break;
    case ObjectKind::Dict: source = fmt::format("{}[{}]", owner->name, quoted(slots[index].key)); break;
    default:
        source = fmt::format("{}[{}]", owner->name, index);
        for (std::size_t i = 0; i < index; ++i) add(needs, slots[i].fact);
    }
    add(needs, slots[index].fact);
    ObjId target = slots[index].target;
    auto name = fresh("x");
    StmtId id = emit(fmt::format("{} = {}", name, source), needs);
    bind(name, target, id);
    return true;
}

bool Generator::rebind() {
    const Var* v = pick_kind(ObjectKind::Instance);
    if (!v) return false;
    auto name = v->name;
    if (rnd_.chance(30)) {
        emit(fmt::format("{} = None", name), v->fact);
        unbind(name);
        return true;
    }
    auto value = fresh_instance();
    StmtId id = emit(fmt::format("{} = {}", name, value.expr), value.needs);
    bind(name, value.obj, id);
    return true;
}

bool Generator::delete_name() {
    if (scope().vars.empty()) return false;
    auto v = rnd_.pick(scope().vars);
    emit(fmt::format("del {}", v.name), v.fact);
    unbind(v.name);
    return true;
}

void Generator::function_body(Stmt& def, const std::vector<std::string>& params, const std::vector<ObjId>& args,
                              StmtId call, int actions) {
    Scope body{{}, &def.body, joined(scope().context, {call})};
    for (std::size_t i = 0; i < params.size(); ++i) body.vars.push_back({params[i], args[i], {}});
    scopes_.push_back(std::move(body));
    for (int i = 0; i < actions; ++i) act();
}

bool Generator::call_function() {
    std::vector<std::string> params, args;
    std::vector<ObjId> objects;
    Fact call_needs;
    for (int n = rnd_.between(0, 2); n > 0 && !scope().vars.empty(); --n) {
        const Var& v = rnd_.pick(scope().vars);
        params.push_back(fmt::format("p{}", params.size()));
        args.push_back(v.name);
        objects.push_back(v.obj);
        add(call_needs, v.fact);
    }
    auto fn = fresh("f");
    Stmt def = make(fmt::format("def {}({}):", fn, fmt::join(params, ", ")), {});
    StmtId call = program_.new_id();
    function_body(def, params, objects, call, rnd_.between(1, 4));
    std::optional<Var> returned;
    if (rnd_.chance(40) && !scope().vars.empty()) {
        const Var& r = rnd_.pick(scope().vars);
        StmtId ret = emit(fmt::format("return {}", r.name), r.fact);
        returned = Var{"", r.obj, {call, ret}};
    }
    scopes_.pop_back();  // the locals die at return
    call_needs.push_back(place(std::move(def)));
    std::string result = returned ? fresh("r") : "";
    Stmt s = make(fmt::format("{}{}({})", returned ? result + " = " : "", fn, fmt::join(args, ", ")), call_needs);
    s.id = call;
    place(std::move(s));
    if (returned) bind(result, returned->obj, call, returned->fact);
    return true;
}

bool Generator::make_closure() {
    auto maker = fresh("mk");
    const Var* arg = pick_kind(ObjectKind::Instance);
    Stmt def = make(fmt::format("def {}({}):", maker, arg ? "p" : ""), {});
    StmtId call = program_.new_id();
    ObjId closure = new_object(ObjectKind::Closure);
    Fact closure_fact;
    fill_block(def, [&] {
        std::string captured = arg ? "p" : "";
        ObjId captured_obj = arg ? arg->obj : kNoObject;
        Fact captured_fact;
        if (!arg || rnd_.chance(50)) {
            auto value = fresh_instance();
            captured = fresh("t");
            captured_obj = value.obj;
            captured_fact = {emit(fmt::format("{} = {}", captured, value.expr), value.needs)};
        }
        bool self_reference = options_.has(Feature::Cycles) && rnd_.chance(25);
        Stmt inner = make("def get():", {});
        inner.body.push_back(make(self_reference ? "return get.__name__" : fmt::format("return {}.name", captured),
                                  self_reference ? Fact{} : captured_fact));
        if (self_reference) obj(closure).hidden.push_back(closure);
        else obj(closure).hidden.push_back(captured_obj);
        StmtId inner_id = place(std::move(inner));
        StmtId ret = emit("return get", {inner_id});
        closure_fact = {call, ret, inner_id};
    });
    Fact call_needs{place(std::move(def))};
    if (arg) add(call_needs, arg->fact);
    auto name = fresh("c");
    Stmt s = make(fmt::format("{} = {}({})", name, maker, arg ? arg->name : ""), call_needs);
    s.id = call;
    place(std::move(s));
    allocated_ += 4;
    bind(name, closure, call, closure_fact);
    return true;
}

bool Generator::call_closure() {
    const Var* c = pick_var([&](const Var& v) { return is(v, ObjectKind::Closure) || is(v, ObjectKind::Method); });
    if (!c) return false;
    emit(fmt::format("print(\"call\", \"{}\", {}())", c->name, c->name), c->fact);
    return true;
}

bool Generator::bound_method() {
    const Var* owner = pick_kind(ObjectKind::Instance);
    if (!owner) return false;
    ObjId method = new_object(ObjectKind::Method);
    obj(method).hidden.push_back(owner->obj);
    Fact needs = joined(owner->fact, {classes_[obj(owner->obj).cls].touch});
    std::string expr = fmt::format("{}.touch", owner->name);
    if (rnd_.chance(40)) {  // kept on its own instance: a cycle
        if (!options_.has(Feature::Cycles)) return false;
        auto key = std::string(kAttributes[rnd_.below(std::size(kAttributes))]);
        StmtId id = emit(fmt::format("{}.{} = {}", owner->name, key, expr), needs, 1);
        store(owner->obj, key, {expr, method, needs}, established(id));
        return true;
    }
    auto name = fresh("m");
    StmtId id = emit(fmt::format("{} = {}", name, expr), needs, 1);
    bind(name, method, id);
    return true;
}

bool Generator::new_weakref() {
    StmtId weakref = module("weakref");
    const Var* target = pick_var([&](const Var& v) { return weakrefable(v.obj); });
    auto name = fresh("w");
    Fact needs{weakref};
    std::string referent;
    if (target && rnd_.chance(85)) {
        referent = target->name;
        add(needs, target->fact);
        add(needs, obj(target->obj).kind_fact);
    } else {  // a weakref to an object that dies at once
        auto value = fresh_instance();
        if (!classes_[obj(value.obj).cls].weakrefable) return false;
        referent = value.expr;
        add(needs, value.needs);
    }
    std::string callback = rnd_.chance(60) ? fmt::format(", lambda r: print(\"callback\", \"{}\")", name) : "";
    StmtId id = emit(fmt::format("{} = weakref.ref({}{})", name, referent, callback), needs, 2);
    bind(name, new_object(ObjectKind::WeakRef), id);
    return true;
}

bool Generator::check_weakref() {
    const Var* w = pick_var([&](const Var& v) {
        return is(v, ObjectKind::WeakRef) || is(v, ObjectKind::Proxy) || is(v, ObjectKind::Finalizer);
    });
    if (!w) return false;
    Fact needs = w->fact;
    std::string weak = settled(w->name, needs);
    switch (obj(w->obj).kind) {
    case ObjectKind::WeakRef:
        emit(fmt::format("print(\"alive\", \"{}\", {}() is not None)", w->name, weak), needs);
        break;
    case ObjectKind::Proxy:
        needs.push_back(alive_helper());
        emit(fmt::format("print(\"proxy\", \"{}\", alive({}))", w->name, weak), needs);
        break;
    default: emit(fmt::format("print(\"finalizer\", \"{}\", {}.alive)", w->name, weak), needs);
    }
    return true;
}

bool Generator::new_proxy() {
    const Var* target = pick_var([&](const Var& v) { return is(v, ObjectKind::Instance) && weakrefable(v.obj); });
    if (!target) return false;
    auto name = fresh("p");
    std::string callback = rnd_.chance(40) ? fmt::format(", lambda r: print(\"callback\", \"{}\")", name) : "";
    StmtId id = emit(fmt::format("{} = weakref.proxy({}{})", name, target->name, callback),
                     joined(target->fact, {module("weakref")}), 2);
    bind(name, new_object(ObjectKind::Proxy), id);
    return true;
}

bool Generator::new_finalizer() {
    const Var* target = pick_var([&](const Var& v) { return is(v, ObjectKind::Instance) && weakrefable(v.obj); });
    if (!target) return false;
    Fact needs = joined(target->fact, {module("weakref")});
    auto call = fmt::format("weakref.finalize({}, print, \"finalize\", \"{}\")", target->name, obj(target->obj).label);
    if (in_function() || rnd_.chance(50)) {
        emit(call, needs, 3);
        return true;
    }
    auto name = fresh("z");
    StmtId id = emit(fmt::format("{} = {}", name, call), needs, 3);
    bind(name, new_object(ObjectKind::Finalizer), id);
    return true;
}

bool Generator::new_weak_container() {
    static const std::vector<std::pair<ObjectKind, std::string_view>> kContainers = {
        {ObjectKind::WeakValues, "WeakValueDictionary"},
        {ObjectKind::WeakKeys, "WeakKeyDictionary"},
        {ObjectKind::WeakSet, "WeakSet"}};
    const auto& [kind, type] = rnd_.pick(kContainers);
    auto name = fresh("wc");
    StmtId id = emit(fmt::format("{} = weakref.{}()", name, type), {module("weakref")}, 8);
    bind(name, new_object(kind), id);
    return true;
}

bool Generator::add_to_weak_container() {
    const Var* container = pick_var([&](const Var& v) {
        auto k = obj(v.obj).kind;
        return k == ObjectKind::WeakValues || k == ObjectKind::WeakKeys || k == ObjectKind::WeakSet;
    });
    const Var* target = pick_var([&](const Var& v) { return is(v, ObjectKind::Instance) && weakrefable(v.obj); });
    if (!container || !target) return false;
    Fact needs = joined(container->fact, target->fact);
    switch (obj(container->obj).kind) {
    case ObjectKind::WeakValues:
        emit(fmt::format("{}[\"{}\"] = {}", container->name, obj(target->obj).label, target->name), needs, 2);
        break;
    case ObjectKind::WeakKeys: emit(fmt::format("{}[{}] = 1", container->name, target->name), needs, 2); break;
    default: emit(fmt::format("{}.add({})", container->name, target->name), needs, 2);
    }
    return true;
}

bool Generator::check_weak_container() {
    const Var* c = pick_var([&](const Var& v) {
        auto k = obj(v.obj).kind;
        return k == ObjectKind::WeakValues || k == ObjectKind::WeakKeys || k == ObjectKind::WeakSet;
    });
    if (!c) return false;
    // Sorted: a WeakSet's order follows hashes, which follow addresses.
    Fact needs = c->fact;
    std::string weak = settled(c->name, needs);
    std::string what;
    switch (obj(c->obj).kind) {
    case ObjectKind::WeakValues: what = fmt::format("sorted({}.keys())", weak); break;
    case ObjectKind::WeakKeys: what = fmt::format("sorted(k.name for k in {}.keys())", weak); break;
    default: what = fmt::format("sorted(k.name for k in {})", weak);
    }
    if (rnd_.chance(30)) what = fmt::format("len({})", weak);
    emit(fmt::format("print(\"weak\", \"{}\", {})", c->name, what), needs, 3);
    return true;
}

bool Generator::open_file() {
    auto name = fresh("f");
    ObjId file = new_object(ObjectKind::File);
    obj(file).label = name + ".txt";
    StmtId id = emit(fmt::format("{} = open(\"{}\", \"w\")", name, obj(file).label), {}, 4);
    bind(name, file, id);
    return true;
}

bool Generator::write_file() {
    const Var* f = pick_var([&](const Var& v) { return is(v, ObjectKind::File) && !obj(v.obj).finished; });
    if (!f) return false;
    emit(fmt::format("{}.write(\"{}\\n\")", f->name, fresh("line")), f->fact);
    return true;
}

bool Generator::close_file() {
    const Var* f = pick_var([&](const Var& v) { return is(v, ObjectKind::File) && !obj(v.obj).finished; });
    if (!f) return false;
    emit(fmt::format("{}.close()", f->name), f->fact);
    obj(f->obj).finished = true;
    return true;
}

bool Generator::with_file() {
    auto name = fresh("f");
    ObjId file = new_object(ObjectKind::File);
    obj(file).label = name + ".txt";
    Stmt with = make(fmt::format("with open(\"{}\", \"w\") as {}:", obj(file).label, name), {});
    fill_block(with, [&] { emit(fmt::format("{}.write(\"{}\\n\")", name, fresh("line")), {}); });
    obj(file).finished = true;
    StmtId id = place(std::move(with));
    allocated_ += 4;
    bind(name, file, id);
    return true;
}

bool Generator::check_file() {
    std::vector<std::string> paths;
    for (const auto& o : heap_)
        if (o.kind == ObjectKind::File) paths.push_back(o.label);
    if (paths.empty()) return false;
    auto path = rnd_.pick(paths);
    emit(fmt::format("print(\"file\", \"{}\", size(\"{}\"))", path, path), {size_helper()}, 4);
    return true;
}

bool Generator::make_generator() {
    auto fn = fresh("gen");
    const Var* arg = pick_var([&](const Var&) { return true; });
    Stmt def = make(fmt::format("def {}({}):", fn, arg ? "p" : ""), {});
    ObjId gen = new_object(ObjectKind::Generator);
    if (arg) obj(gen).hidden.push_back(arg->obj);
    fill_block(def, [&] {
        if (rnd_.chance(50)) {
            auto value = fresh_instance();
            obj(gen).hidden.push_back(value.obj);
            emit(fmt::format("{} = {}", fresh("t"), value.expr), value.needs);
        }
        Stmt attempt = make("try:", {});
        fill_block(attempt, [&] {
            for (int n = rnd_.between(1, 3), i = 1; i <= n; ++i)
                obj(gen).yields.push_back(emit(fmt::format("yield {}", i), {}));
        });
        Stmt cleanup = make("finally:", {attempt.id});
        attempt.needs.push_back(cleanup.id);
        cleanup.body.push_back(make(fmt::format("print(\"finally\", \"{}\")", fn), {}));
        place(std::move(attempt));
        place(std::move(cleanup));
    });
    obj(gen).kind_fact = obj(gen).yields;
    Fact needs{place(std::move(def))};
    if (arg) add(needs, arg->fact);
    auto name = fresh("g");
    StmtId id = emit(fmt::format("{} = {}({})", name, fn, arg ? arg->name : ""), needs, 2);
    bind(name, gen, id);
    return true;
}

bool Generator::advance_generator() {
    const Var* g = pick_var([&](const Var& v) {
        return is(v, ObjectKind::Generator) && !obj(v.obj).finished && obj(v.obj).consumed < obj(v.obj).yields.size();
    });
    if (!g) return false;
    Object& gen = obj(g->obj);
    emit(fmt::format("print(\"next\", \"{}\", next({}))", g->name, g->name),
         joined(g->fact, {gen.yields[gen.consumed]}));
    ++gen.consumed;
    return true;
}

bool Generator::finish_generator() {
    const Var* g = pick_var([&](const Var& v) { return is(v, ObjectKind::Generator) && !obj(v.obj).finished; });
    if (!g) return false;
    Fact needs = joined(g->fact, obj(g->obj).kind_fact);
    if (rnd_.chance(50)) emit(fmt::format("print(\"rest\", \"{}\", list({}))", g->name, g->name), needs, 1);
    else emit(fmt::format("{}.close()", g->name), needs);
    obj(g->obj).finished = true;
    return true;
}

bool Generator::raise_and_keep() {
    StmtId boom = boom_class();
    ObjId exc = new_object(ObjectKind::Exception);
    const Var* arg = pick_kind(ObjectKind::Instance);
    Fact call_needs{boom};
    std::string raise_arg = "\"boom\"";
    if (arg && rnd_.chance(60)) {  // the exception's args keep the object alive
        raise_arg = arg->name;
        obj(exc).hidden.push_back(arg->obj);
        add(call_needs, arg->fact);
    }
    Stmt attempt = make("try:", {});
    StmtId raised = 0, call = 0;
    if (rnd_.chance(50)) {
        raised = call = program_.new_id();
        fill_block(attempt, [&] {
            Stmt s = make(fmt::format("raise Boom({})", raise_arg), call_needs);
            s.id = raised;
            place(std::move(s));
        });
    } else {  // raised in a function: the traceback keeps its frame, and the frame its locals
        auto fn = fresh("fail");
        Stmt def = make(fmt::format("def {}(p):", fn), {boom});
        fill_block(def, [&] {
            if (rnd_.chance(70)) {
                auto value = fresh_instance();
                obj(exc).frames.push_back(value.obj);
                emit(fmt::format("{} = {}", fresh("t"), value.expr), value.needs);
            }
            raised = emit(fmt::format("raise Boom({})", arg && raise_arg != "\"boom\"" ? "p" : "\"boom\""), {});
        });
        if (arg && raise_arg != "\"boom\"") obj(exc).frames.push_back(arg->obj);
        Fact def_needs{place(std::move(def))};
        add(call_needs, def_needs);
        fill_block(attempt, [&] { call = emit(fmt::format("{}({})", fn, raise_arg), call_needs); });
    }
    Stmt handler = make("except Boom as e:", {attempt.id});
    attempt.needs.push_back(handler.id);
    auto name = fresh("e");
    StmtId kept = 0;
    fill_block(handler, [&] {
        if (rnd_.chance(50)) emit("print(\"caught\", type(e).__name__)", {raised, call});
        kept = emit(fmt::format("{} = e", name), {raised, call}, 3);
    });
    place(std::move(attempt));
    place(std::move(handler));
    bind(name, exc, kept);
    return true;
}

bool Generator::use_kept_exception() {
    const Var* e = pick_kind(ObjectKind::Exception);
    if (!e) return false;
    Object& exc = obj(e->obj);
    if (!exc.frames.empty() && rnd_.chance(50)) {
        StmtId id = emit(fmt::format("{}.__traceback__ = None", e->name), e->fact);
        for (ObjId f : exc.frames) note_removed(e->obj, f, established(id));
        exc.frames.clear();
        return true;
    }
    emit(fmt::format("print(\"kept\", \"{}\", len({}.args))", e->name, e->name), e->fact);
    return true;
}

bool Generator::frame_cycle() {
    if (!options_.has(Feature::Exceptions)) return false;
    auto fn = fresh("catch");
    StmtId boom = boom_class();
    Stmt def = make(fmt::format("def {}():", fn), {boom});
    fill_block(def, [&] {
        auto value = fresh_instance();
        emit(fmt::format("{} = {}", fresh("t"), value.expr), value.needs);
        Stmt attempt = make("try:", {});
        StmtId raised = 0;
        fill_block(attempt, [&] { raised = emit("raise Boom(\"cycle\")", {}); });
        Stmt handler = make("except Boom as e:", {attempt.id});
        attempt.needs.push_back(handler.id);
        StmtId kept = 0;
        fill_block(handler, [&] { kept = emit("err = e", {raised}); });  // frame -> err -> traceback -> frame
        place(std::move(attempt));
        place(std::move(handler));
        emit("print(\"caught\", type(err).__name__)", {kept});
    });
    emit(fmt::format("{}()", fn), {place(std::move(def))}, 6);
    return true;
}

bool Generator::self_cycle() {
    const Var* v = pick_var([&](const Var& v) {
        return is(v, ObjectKind::Instance) || is(v, ObjectKind::List) || is(v, ObjectKind::Dict);
    });
    if (!v) return false;
    Value self{v->name, v->obj, v->fact};
    StmtId id;
    std::string key;
    switch (obj(v->obj).kind) {
    case ObjectKind::Instance:
        key = std::string(kAttributes[rnd_.below(std::size(kAttributes))]);
        id = emit(fmt::format("{}.{} = {}", v->name, key, v->name), v->fact);
        break;
    case ObjectKind::List: id = emit(fmt::format("{}.append({})", v->name, v->name), v->fact); break;
    default:
        key = std::string(kKeys[rnd_.below(std::size(kKeys))]);
        id = emit(fmt::format("{}[{}] = {}", v->name, quoted(key), v->name), v->fact);
    }
    store(v->obj, key, self, established(id));
    return true;
}

bool Generator::ring_cycle() {
    std::vector<const Var*> members;
    for (int n = rnd_.between(2, 4); n > 0; --n) {
        const Var* v = pick_var([&](const Var& v) {
            return (is(v, ObjectKind::Instance) || is(v, ObjectKind::List) || is(v, ObjectKind::Dict)) &&
                   std::find(members.begin(), members.end(), &v) == members.end();
        });
        if (v) members.push_back(v);
    }
    if (members.size() < 2) return false;
    for (std::size_t i = 0; i < members.size(); ++i) {
        const Var& from = *members[i];
        const Var& to = *members[(i + 1) % members.size()];
        Value value{to.name, to.obj, to.fact};
        Fact needs = joined(from.fact, to.fact);
        StmtId id;
        std::string key;
        switch (obj(from.obj).kind) {
        case ObjectKind::Instance:
            key = std::string(kAttributes[rnd_.below(std::size(kAttributes))]);
            id = emit(fmt::format("{}.{} = {}", from.name, key, to.name), needs);
            break;
        case ObjectKind::List: id = emit(fmt::format("{}.append({})", from.name, to.name), needs); break;
        default:
            key = std::string(kKeys[rnd_.below(std::size(kKeys))]);
            id = emit(fmt::format("{}[{}] = {}", from.name, quoted(key), to.name), needs);
        }
        store(from.obj, key, value, established(id));
    }
    return true;
}

bool Generator::collect() {
    StmtId gc = module("gc");
    emit(rnd_.chance(60) ? "print(\"collect\", gc.collect())" : "gc.collect()", {gc});
    allocated_ = 0;  // the collection resets generation 0's count
    return true;
}

bool Generator::toggle_gc() {
    static const std::vector<std::string> kCalls = {"gc.disable()", "gc.enable()",
                                                    "print(\"enabled\", gc.isenabled())"};
    emit(rnd_.pick(kCalls), {module("gc")});
    return true;
}

bool Generator::register_atexit() {
    Fact needs{module("atexit")};
    std::string callback;
    const Var* w = pick_kind(ObjectKind::WeakRef);
    std::vector<std::string> paths;
    for (const auto& o : heap_)
        if (o.kind == ObjectKind::File) paths.push_back(o.label);
    auto roll = rnd_.below(3);
    if (roll == 0 && w) {
        add(needs, w->fact);
        callback = fmt::format("lambda w={}: print(\"atexit\", \"{}\", {}() is not None)", w->name, w->name,
                               settled("w", needs));
    } else if (roll == 1 && !paths.empty()) {
        auto path = rnd_.pick(paths);
        callback = fmt::format("lambda: print(\"atexit\", \"{}\", size(\"{}\"))", path, path);
        needs.push_back(size_helper());
    } else {
        callback = fmt::format("print, \"atexit\", {}", counter_);
    }
    emit(fmt::format("atexit.register({})", callback), needs, 1);
    return true;
}

// A function whose loop allocates hundreds of containers: instances (with
// f-string or %-formatted labels, some made by a helper called with *args
// and **kwargs), lists or dicts, each in a cycle or not, some kept, some
// watched by a weakref with a callback. Crossing the thresholds starts
// automatic collections; the loop's prints show where the __del__ calls
// and callbacks fall. The allocations are outside the program's budget.
bool Generator::churn() {
    int id = ++counter_;
    auto fn = fmt::format("churn{}", id);
    const ClassInfo& cls = classes_[rnd_.below(classes_.size())];
    Stmt def = make(fmt::format("def {}(n):", fn), {cls.stmt, cls.init});
    Stmt keep = make("keep = []", {});
    StmtId keep_id = keep.id;
    Stmt loop = make("for i in range(n):", {});
    std::string label = rnd_.chance(50) ? fmt::format("f\"c{}.{{i}}\"", id) : fmt::format("\"c{}.%d\" % i", id);
    auto kind = rnd_.below(4);
    Stmt made;
    StmtId helper = 0;
    if (kind == 0) {
        made = make("x = [i]", {});
    } else if (kind == 1) {
        made = make("x = {\"i\": i}", {});
    } else if (kind == 2) {
        // A helper taking *args and **kwargs: each call packs a tuple and a dict.
        Stmt make_fn = make(fmt::format("def make{}(i, *args, **kwargs):", id), {cls.stmt, cls.init});
        make_fn.body.push_back(
            make(fmt::format("return {}({} + str(len(args) + len(kwargs)))", cls.name, label), {}, Removal::WithNeeds));
        helper = make_fn.id;
        definitions_.push_back(std::move(make_fn));
        made = make(fmt::format("x = make{}(i, i, tag=i)", id), {helper});
    } else {
        made = make(fmt::format("x = {}({})", cls.name, label), {});
    }
    StmtId made_id = made.id;
    loop.body.push_back(std::move(made));
    bool instance = kind >= 2;
    if (options_.has(Feature::Cycles) && rnd_.chance(70)) {
        std::string cycle = kind == 0 ? "x.append(x)" : kind == 1 ? "x[\"self\"] = x" : "x.a = x";
        loop.body.push_back(make(cycle, {made_id}));
    }
    if (instance && options_.has(Feature::Closures) && rnd_.chance(30))
        loop.body.push_back(make("x.touch()", {made_id, cls.touch}));
    if (rnd_.chance(50)) {
        Stmt kept = make(fmt::format("if i % {} == 0:", rnd_.pick(std::vector<int>{3, 7, 50})), {keep_id});
        kept.body.push_back(make("keep.append(x)", {made_id}));
        loop.body.push_back(std::move(kept));
    }
    if (instance && cls.weakrefable && options_.has(Feature::Weakrefs) && rnd_.chance(40)) {
        StmtId weakref = module("weakref");
        Stmt watched = make(fmt::format("if i % {} == 1:", rnd_.pick(std::vector<int>{5, 40})), {keep_id, weakref});
        watched.body.push_back(
            make(fmt::format("keep.append(weakref.ref(x, lambda r, i=i: print(\"callback\", {}, i)))", id), {made_id}));
        loop.body.push_back(std::move(watched));
    }
    int iterations = rnd_.between(150, 1500);
    int every = rnd_.pick(std::vector<int>{25, 100, 250});
    Stmt shown = make(fmt::format("if i % {} == 0:", every), {});
    shown.body.push_back(make(fmt::format("print(\"iter\", {}, i)", id), {}));
    loop.body.push_back(std::move(shown));
    def.body.push_back(std::move(keep));
    def.body.push_back(std::move(loop));
    def.body.push_back(make("return len(keep)", {keep_id}));
    StmtId def_id = place(std::move(def));
    bool disabled = options_.has(Feature::GcCalls) && rnd_.chance(25);
    Fact call_needs{def_id};
    StmtId off = 0;
    if (disabled) off = emit("gc.disable()", {module("gc")});
    emit(fmt::format("print(\"churn\", {}, {}({}))", id, fn, iterations), call_needs);
    if (disabled) emit("gc.enable()", {off});
    return true;
}

bool Generator::checkpoint() {
    emit(fmt::format("print(\"step\", {})", ++counter_), {});
    return true;
}

bool Generator::check_state() {
    const Var* v = pick_var([&](const Var& v) {
        return is(v, ObjectKind::Instance) || is(v, ObjectKind::List) || is(v, ObjectKind::Dict);
    });
    if (!v) return false;
    if (is(*v, ObjectKind::Instance)) {
        auto key = kAttributes[rnd_.below(std::size(kAttributes))];
        emit(fmt::format("print(\"has\", \"{}.{}\", hasattr({}, \"{}\"))", v->name, key, v->name, key), v->fact);
    } else {
        emit(fmt::format("print(\"len\", \"{}\", len({}))", v->name, v->name), v->fact);
    }
    return true;
}

// Without Feature::Shutdown, every name the top level ever bound is set to
// None before the end (`x = None` works whether or not shrinking left x
// bound), and what the finalizers resurrected is dropped, so that nothing
// but atexit callbacks and finalize objects runs at exit. The program's
// last line marks the end either way.
void Generator::epilogue() {
    if (!options_.has(Feature::Shutdown)) {
        for (const auto& name : module_names_) {
            Stmt drop = make(name + " = None", {}, Removal::WithNeeds);
            drop.needs_any = module_bindings_[name];
            place(std::move(drop));
        }
        if (auto found = resources_.find("graveyard"); found != resources_.end()) {
            // Objects a clearing frees may resurrect themselves in turn, once each.
            Stmt drain = make("while graveyard:", {found->second}, Removal::WithNeeds);
            drain.body.push_back(make("graveyard.clear()", {}, Removal::WithNeeds));
            place(std::move(drain));
        }
    }
    place(make(fmt::format("print(\"{}\")", kEndMarker), {}, Removal::WithNeeds));
}

Program Generator::run() {
    scopes_.push_back({{}, &main_, {}});
    make_classes();
    for (int n = rnd_.between(6, 40); n > 0 && allocated_ < kAllocationBudget; --n) act();
    epilogue();
    for (auto* part : {&imports_, &definitions_, &main_})
        for (auto& s : *part) program_.stmts.push_back(std::move(s));
    return std::move(program_);
}

}  // namespace

std::span<const FeatureInfo> feature_list() { return kFeatures; }

std::optional<Feature> feature_named(std::string_view name) {
    for (const auto& f : kFeatures)
        if (f.name == name) return f.feature;
    return std::nullopt;
}

std::string_view feature_name(Feature feature) {
    for (const auto& f : kFeatures)
        if (f.feature == feature) return f.name;
    return "?";
}

std::string GeneratorOptions::without_list() const {
    std::vector<std::string_view> names;
    for (Feature f : without) names.push_back(feature_name(f));
    return fmt::format("{}", fmt::join(names, ","));
}

Program generate(std::uint64_t seed, const GeneratorOptions& options) { return Generator(seed, options).run(); }

}  // namespace memconform::fuzz
