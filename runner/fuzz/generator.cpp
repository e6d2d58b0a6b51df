// How a program is made: the generator keeps an abstract heap (heap.hpp:
// what each name, attribute, item and hidden reference points to, and
// which statement put it there) and picks, at each step, an action whose
// preconditions the heap meets. Each statement records the statements it
// needs (program.hpp), taken from the facts it reads. This file holds the
// driver, the prologue's resources, the classes and the actions every
// program may take; feature_actions.cpp the actions of each Feature.
#include "runner/fuzz/generator_internal.hpp"

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
    {Feature::Comprehensions, "comprehensions",
     "list, set and dict comprehensions and generator expressions, nested, with lambdas, in class bodies"},
    {Feature::Subclasses, "subclasses",
     "a weakref.ref subclass whose __init__ calls super().__init__(ob, callback) (with weakrefs)"},
    {Feature::GcThresholds, "gc-thresholds",
     "low gc.set_threshold()s, each generation's, and gc-automatic loops long enough to collect the older "
     "generations (with gc-calls and gc-automatic; not against PyPy)"},
};

}  // namespace

namespace detail {

// ---- resources ----------------------------------------------------------------------------------

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

// ---- classes ------------------------------------------------------------------------------------

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
        info.del_raises = parent.del_raises;
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
            info.del_raises = roll == 1 && options_.has(Feature::Exceptions);
            if (info.del_raises) del.body.push_back(make("raise Boom(self.name)", {boom_class()}));
        }
        info.del = del.id;
        info.has_del = true;
        cls.body.push_back(std::move(del));
    }
    if (cls.body.empty()) cls.body.push_back(make("pass", {}, Removal::WithNeeds));
    classes_.push_back(info);
    definitions_.push_back(std::move(cls));
}

// ---- objects ------------------------------------------------------------------------------------

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

Value Generator::fresh_instance() {
    int cls = static_cast<int>(rnd_.below(classes_.size()));
    ObjId id = heap_.new_object(ObjectKind::Instance);
    obj(id).cls = cls;
    obj(id).label = fresh("n");
    const auto& info = classes_[cls];
    allocated_ += 2;
    return {fmt::format("{}({})", info.name, quoted(obj(id).label)), id, {info.stmt, info.init}};
}

// ---- actions ------------------------------------------------------------------------------------

// The table's order is part of every seed's program: a new action goes last.
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
    {4, &Generator::comprehension, Feature::Comprehensions, true},
    {1, &Generator::class_comprehension, Feature::Comprehensions, false},
    {2, &Generator::new_weakref_subclass, Feature::Subclasses, true},
    {2, &Generator::set_thresholds, Feature::GcThresholds, false},
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
    ObjId list = heap_.new_object(ObjectKind::List);
    auto name = fresh("l");
    StmtId id = program_.new_id();  // the items' fact names this statement before it exists
    Fact needs, by = established(id);
    std::vector<std::string> items;
    for (int n = rnd_.between(0, 3); n > 0; --n) {
        auto value = any_value();
        if (!may_link(list, value.obj, needs)) continue;
        add(needs, value.needs);
        items.push_back(value.expr);
        heap_.store(list, "", value.obj, by);
    }
    Stmt s = make(fmt::format("{} = [{}]", name, fmt::join(items, ", ")), needs);
    s.id = id;
    place(std::move(s));
    allocated_ += 1;
    bind(name, list, id);
    return true;
}

bool Generator::new_dict() {
    ObjId dict = heap_.new_object(ObjectKind::Dict);
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
        heap_.store(dict, std::string(key), value.obj, by);
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
    heap_.store(owner->obj, key, value.obj, established(id));
    return true;
}

bool Generator::delete_attribute() {
    const Var* owner = pick_var([&](const Var& v) { return is(v, ObjectKind::Instance) && !obj(v.obj).slots.empty(); });
    if (!owner) return false;
    Object& o = obj(owner->obj);
    std::size_t index = rnd_.below(o.slots.size());
    StmtId id =
        emit(fmt::format("del {}.{}", owner->name, o.slots[index].key), joined(owner->fact, o.slots[index].fact));
    heap_.drop_slot(owner->obj, index, established(id));
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
        heap_.drop_slot(id, items.size() - 1, established(s));
        return true;
    }
    if (roll < 8) {  // del the first
        StmtId s = emit(fmt::format("del {}[0]", list->name), joined(list->fact, items.front().fact));
        heap_.drop_slot(id, 0, established(s));
        return true;
    }
    if (roll < 9) {  // replace one: it needs every item up to it
        std::size_t index = rnd_.below(items.size());
        auto value = any_value();
        Fact needs = joined(list->fact, value.needs);
        for (std::size_t i = 0; i <= index; ++i) add(needs, items[i].fact);
        if (!may_link(id, value.obj, needs)) return false;
        StmtId s = emit(fmt::format("{}[{}] = {}", list->name, index, value.expr), needs);
        heap_.note_removed(id, items[index].target, established(s));
        obj(id).slots[index] = {"", value.obj, established(s)};
        return true;
    }
    StmtId s = emit(fmt::format("{}.clear()", list->name), list->fact);
    while (!obj(id).slots.empty()) heap_.drop_slot(id, 0, established(s));
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
        heap_.store(id, key, value.obj, established(s));
        return true;
    }
    if (roll < 9) {
        std::size_t index = rnd_.below(entries.size());
        auto form = roll < 7 ? "del {}[{}]" : "{}.pop({})";
        StmtId s = emit(fmt::format(fmt::runtime(form), dict->name, quoted(entries[index].key)),
                        joined(dict->fact, entries[index].fact));
        heap_.drop_slot(id, index, established(s));
        return true;
    }
    StmtId s = emit(fmt::format("{}.clear()", dict->name), dict->fact);
    while (!obj(id).slots.empty()) heap_.drop_slot(id, 0, established(s));
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

}  // namespace detail

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

Program generate(std::uint64_t seed, const GeneratorOptions& options) { return detail::Generator(seed, options).run(); }

}  // namespace memconform::fuzz