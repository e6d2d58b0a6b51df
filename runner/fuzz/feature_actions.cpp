// The actions of each Feature (generator.hpp), in its order; each is
// taken only when its feature is on (Generator::kActions).
#include "runner/fuzz/generator_internal.hpp"

namespace memconform::fuzz::detail {

// ---- closures -----------------------------------------------------------------------------------

bool Generator::make_closure() {
    auto maker = fresh("mk");
    const Var* arg = pick_kind(ObjectKind::Instance);
    Stmt def = make(fmt::format("def {}({}):", maker, arg ? "p" : ""), {});
    StmtId call = program_.new_id();
    ObjId closure = heap_.new_object(ObjectKind::Closure);
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
    ObjId method = heap_.new_object(ObjectKind::Method);
    obj(method).hidden.push_back(owner->obj);
    Fact needs = joined(owner->fact, {classes_[obj(owner->obj).cls].touch});
    std::string expr = fmt::format("{}.touch", owner->name);
    if (rnd_.chance(40)) {  // kept on its own instance: a cycle
        if (!options_.has(Feature::Cycles)) return false;
        auto key = std::string(kAttributes[rnd_.below(std::size(kAttributes))]);
        StmtId id = emit(fmt::format("{}.{} = {}", owner->name, key, expr), needs, 1);
        heap_.store(owner->obj, key, method, established(id));
        return true;
    }
    auto name = fresh("m");
    StmtId id = emit(fmt::format("{} = {}", name, expr), needs, 1);
    bind(name, method, id);
    return true;
}

// ---- weakrefs -----------------------------------------------------------------------------------

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
    bind(name, heap_.new_object(ObjectKind::WeakRef), id);
    return true;
}

// A class derived from weakref.ref whose __init__ calls the slot wrapper
// through super() with arguments: CPython packs them in a tuple
// (cycles/gen0_count_slot_wrapper_calls).
StmtId Generator::weakref_subclass() {
    StmtId weakref = module("weakref");
    return resource(
        "WRef",
        [&] {
            Stmt s = make("class WRef(weakref.ref):", {weakref});
            Stmt init = make("def __init__(self, ob, callback=None):", {}, Removal::WithNeeds);
            init.body.push_back(make("super().__init__(ob, callback)", {}, Removal::WithNeeds));
            init.body.push_back(make("self.tag = \"w\"", {}));
            s.body.push_back(std::move(init));
            return s;
        },
        definitions_);
}

bool Generator::new_weakref_subclass() {
    if (!options_.has(Feature::Weakrefs)) return false;
    const Var* target = pick_var([&](const Var& v) { return weakrefable(v.obj); });
    if (!target) return false;
    auto name = fresh("w");
    Fact needs{weakref_subclass()};
    add(needs, target->fact);
    add(needs, obj(target->obj).kind_fact);
    std::string callback = rnd_.chance(60) ? fmt::format(", lambda r: print(\"callback\", \"{}\")", name) : "";
    StmtId id = emit(fmt::format("{} = WRef({}{})", name, target->name, callback), needs, 3);
    bind(name, heap_.new_object(ObjectKind::WeakRef), id);
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
    bind(name, heap_.new_object(ObjectKind::Proxy), id);
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
    bind(name, heap_.new_object(ObjectKind::Finalizer), id);
    return true;
}

// ---- weak-containers ----------------------------------------------------------------------------

bool Generator::new_weak_container() {
    static const std::vector<std::pair<ObjectKind, std::string_view>> kContainers = {
        {ObjectKind::WeakValues, "WeakValueDictionary"},
        {ObjectKind::WeakKeys, "WeakKeyDictionary"},
        {ObjectKind::WeakSet, "WeakSet"}};
    const auto& [kind, type] = rnd_.pick(kContainers);
    auto name = fresh("wc");
    StmtId id = emit(fmt::format("{} = weakref.{}()", name, type), {module("weakref")}, 8);
    bind(name, heap_.new_object(kind), id);
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

// ---- files --------------------------------------------------------------------------------------

bool Generator::open_file() {
    auto name = fresh("f");
    ObjId file = heap_.new_object(ObjectKind::File);
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
    ObjId file = heap_.new_object(ObjectKind::File);
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
    for (const auto& o : heap_.objects())
        if (o.kind == ObjectKind::File) paths.push_back(o.label);
    if (paths.empty()) return false;
    auto path = rnd_.pick(paths);
    emit(fmt::format("print(\"file\", \"{}\", size(\"{}\"))", path, path), {size_helper()}, 4);
    return true;
}

// ---- generators ---------------------------------------------------------------------------------

bool Generator::make_generator() {
    auto fn = fresh("gen");
    const Var* arg = pick_var([&](const Var&) { return true; });
    Stmt def = make(fmt::format("def {}({}):", fn, arg ? "p" : ""), {});
    ObjId gen = heap_.new_object(ObjectKind::Generator);
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

// ---- exceptions ---------------------------------------------------------------------------------

bool Generator::raise_and_keep() {
    StmtId boom = boom_class();
    ObjId exc = heap_.new_object(ObjectKind::Exception);
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
        for (ObjId f : exc.frames) heap_.note_removed(e->obj, f, established(id));
        exc.frames.clear();
        return true;
    }
    emit(fmt::format("print(\"kept\", \"{}\", len({}.args))", e->name, e->name), e->fact);
    return true;
}

// ---- cycles -------------------------------------------------------------------------------------

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
    heap_.store(v->obj, key, v->obj, established(id));
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
        heap_.store(from.obj, key, to.obj, established(id));
    }
    return true;
}

// ---- gc-calls -----------------------------------------------------------------------------------

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

// ---- atexit -------------------------------------------------------------------------------------

bool Generator::register_atexit() {
    Fact needs{module("atexit")};
    std::string callback;
    const Var* w = pick_kind(ObjectKind::WeakRef);
    std::vector<std::string> paths;
    for (const auto& o : heap_.objects())
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

// ---- gc-automatic -------------------------------------------------------------------------------

// A function whose loop allocates hundreds of containers: instances (with
// f-string or %-formatted labels, some made by a helper called with *args
// and **kwargs), lists or dicts, each in a cycle or not, some kept, some
// watched by a weakref with a callback. Crossing the thresholds starts
// automatic collections; the loop's prints show where the __del__ calls
// and callbacks fall. The allocations are outside the program's budget.
// PyPy's JIT compiles a loop after 1,039 turns and a function after 1,619
// calls (its `threshold` and `function_threshold`), and the model has no
// JIT: a PyPy model's loops turn fewer than that in all, so that neither
// the loops nor what they call get compiled.
constexpr int kTurnsBeforeJit = 1000;
constexpr int kFewestTurns = 150;
constexpr int kThresholdTurns = 5000;

bool Generator::churn() {
    if (options_.pypy_model && turns_ + kFewestTurns > kTurnsBeforeJit) return false;
    int id = ++counter_;
    auto fn = fmt::format("churn{}", id);
    const ClassInfo& cls = classes_[rnd_.below(classes_.size())];
    Stmt def = make(fmt::format("def {}(n):", fn), {cls.stmt, cls.init});
    Stmt keep = make("keep = []", {});
    StmtId keep_id = keep.id;
    Stmt loop = make("for i in range(n):", {});
    std::string label = rnd_.chance(50) ? fmt::format("f\"c{}.{{i}}\"", id) : fmt::format("\"c{}.%d\" % i", id);
    bool instances = !(options_.pypy_model && cls.del_raises);
    auto kind = rnd_.below(instances ? 4 : 2);  // 2 and 3 make instances
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
    // After a low threshold, long enough for the older generations' turns;
    // only for lists and dicts, as instances' finalizers and callbacks would
    // print past the output cap.
    bool long_turns = thresholds_set_ && !instance;
    int most = options_.pypy_model ? kTurnsBeforeJit - turns_ : long_turns ? kThresholdTurns : 1500;
    int iterations = rnd_.between(kFewestTurns, most);
    turns_ += iterations;
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
    if (thresholds_set_) emit("print(\"count\", gc.get_count())", {module("gc")});
    return true;
}

// ---- gc-thresholds ------------------------------------------------------------------------------

// gc.set_threshold() with low thresholds, sometimes of generation 0 only or
// of the first two: the older generations' collections come within the
// loops that follow (which then turn longer), where the long-lived rule
// (collector.md) decides whether the oldest is collected. The counts are
// printed after each loop. PyPy has no thresholds.
bool Generator::set_thresholds() {
    if (options_.pypy_model || !options_.has(Feature::GcCalls) || !options_.has(Feature::GcAutomatic) ||
        thresholds_set_ >= 2)
        return false;
    std::vector<int> thresholds{rnd_.pick(std::vector<int>{1, 2, 3, 5, 8, 13, 25, 50, 100, 300})};
    for (int more = rnd_.below(3); more > 0; --more) thresholds.push_back(rnd_.between(1, 12));
    ++thresholds_set_;
    StmtId gc = module("gc");
    emit(fmt::format("gc.set_threshold({})", fmt::join(thresholds, ", ")), {gc});
    emit("print(\"threshold\", gc.get_threshold(), gc.get_count())", {gc});
    return true;
}

// ---- comprehensions -----------------------------------------------------------------------------

// A comprehension's loop variable lives in its own scope (a function to
// 3.11; from 3.12, inlined, a hidden local of the enclosing code whose
// outer value is saved and restored), so its last value dies when the
// comprehension ends. What each turn makes is modeled as new objects; what
// the comprehension holds only while it runs (its loop variable, map's
// instances it does not keep) is not.

const Var* Generator::outer_var(const std::vector<std::string>& hidden, bool globals) {
    auto visible = [&](const Var& v) { return std::find(hidden.begin(), hidden.end(), v.name) == hidden.end(); };
    if (globals && in_function() && rnd_.chance(30)) {
        // A global read in a function's body: the function runs right after
        // its def, and no name of the function is a global's.
        std::vector<const Var*> fitting;
        for (const auto& v : scopes_.front().vars)
            if (visible(v)) fitting.push_back(&v);
        if (!fitting.empty()) return fitting[rnd_.below(fitting.size())];
    }
    return pick_var(visible);
}

// What a comprehension may read of its loop variable [v] without keeping
// it: an instance's name, else whether it is None (a built-in type's name
// is not the same on every runtime: PyPy's weakref.ref is `weakref`).
std::string Generator::shown(const std::string& v, const Source& source) {
    return source.instances ? v + ".name" : fmt::format("{} is not None", v);
}

Generator::Source Generator::comprehension_source(const std::vector<std::string>& hidden) {
    auto visible = [&](const Var& v) { return std::find(hidden.begin(), hidden.end(), v.name) == hidden.end(); };
    Source s;
    auto roll = rnd_.below(10);
    if (roll < 3) {  // a list of a name: item i is at index i only if the items before it are
        if (const Var* list = pick_var([&](const Var& v) { return is(v, ObjectKind::List) && visible(v); })) {
            s.expr = list->name;
            s.needs = list->fact;
            s.list = list->obj;
            Fact upto;
            for (const auto& slot : obj(list->obj).slots) {
                s.items.push_back(slot.target);
                add(upto, slot.fact);
                s.item_facts.push_back(upto);
            }
            return s;
        }
    }
    if (roll < 6) {  // a display of names
        std::vector<std::string> names;
        s.instances = true;
        for (int n = rnd_.between(1, 3); n > 0; --n) {
            const Var* v = pick_var(visible);
            if (!v) break;
            names.push_back(v->name);
            s.items.push_back(v->obj);
            s.item_facts.emplace_back();
            add(s.needs, v->fact);
            s.instances = s.instances && is(*v, ObjectKind::Instance);
        }
        if (!names.empty()) {
            s.expr = fmt::format("[{}]", fmt::join(names, ", "));
            return s;
        }
        s = Source{};
    }
    // map(Class, labels): an instance made each turn, which dies at the next
    // unless the comprehension keeps it.
    s.cls = static_cast<int>(rnd_.below(classes_.size()));
    const auto& info = classes_[s.cls];
    s.needs = {info.stmt, info.init};
    s.instances = true;
    std::vector<std::string> labels;
    for (int n = rnd_.between(1, 3); n > 0; --n) {
        s.labels.push_back(fresh("n"));
        labels.push_back(quoted(s.labels.back()));
    }
    s.expr = fmt::format("map({}, [{}])", info.name, fmt::join(labels, ", "));
    allocated_ += 1;
    return s;
}

std::vector<ObjId> Generator::evaluate(const Source& source) {
    if (source.cls < 0) return source.items;
    std::vector<ObjId> made;
    for (const auto& label : source.labels) {
        ObjId id = heap_.new_object(ObjectKind::Instance);
        obj(id).cls = source.cls;
        obj(id).label = label;
        made.push_back(id);
        allocated_ += 1;  // most die at once
    }
    return made;
}

Generator::Element Generator::element(const std::string& v, const Source& source,
                                      const std::vector<std::string>& hidden, Fact& needs, const Fact& by, bool keeps) {
    std::string name = shown(v, source);
    auto roll = rnd_.below(10);
    if (keeps && roll < 3) return {v, [](const std::vector<ObjId>& items, std::size_t i) { return items[i]; }};
    if (keeps && roll < 5) {  // an outer local (a cell of the enclosing function, to 3.11) or a global
        if (const Var* outer = outer_var(hidden, true)) {
            add(needs, outer->fact);
            ObjId target = outer->obj;
            return {fmt::format("[{}, {}]", v, outer->name),
                    [this, target, by](const std::vector<ObjId>& items, std::size_t i) {
                        ObjId pair = heap_.new_object(ObjectKind::List);
                        heap_.store(pair, "", items[i], by);
                        heap_.store(pair, "", target, by);
                        allocated_ += 1;
                        return pair;
                    }};
        }
    }
    if (keeps && roll < 7 && options_.has(Feature::Closures)) {
        // Without a default every lambda reads the loop variable's one cell,
        // which keeps the last item.
        bool late = rnd_.chance(50);
        return {late ? fmt::format("lambda: {}", name) : fmt::format("lambda {}={}: {}", v, v, name),
                [this, late](const std::vector<ObjId>& items, std::size_t i) {
                    ObjId closure = heap_.new_object(ObjectKind::Closure);
                    obj(closure).hidden.push_back(late ? items.back() : items[i]);
                    allocated_ += 1;
                    return closure;
                }};
    }
    return {name, [](const std::vector<ObjId>&, std::size_t) { return kNoObject; }};
}

bool Generator::comprehension() {
    std::string v = fresh("v");
    if (rnd_.chance(20) && !scope().vars.empty()) v = rnd_.pick(scope().vars).name;  // hides an outer name
    std::vector<std::string> hidden{v};
    Source source = comprehension_source({});  // the first iterable is evaluated outside
    StmtId id = program_.new_id();
    Fact by = established(id), needs = source.needs;
    auto items = evaluate(source);
    auto item_fact = [&](const Source& s, std::size_t i) {
        return s.item_facts.empty() ? by : joined(by, s.item_facts[i]);
    };
    // The name it binds: a new one, or one whose old value it drops (to
    // 3.11 after the comprehension's frame is gone; from 3.12 before the
    // loop variable's outer value is restored).
    std::string name = fresh("r");
    if (const Var* old = pick_var([&](const Var& x) { return x.name != v; }); old && rnd_.chance(25)) name = old->name;
    ObjId result = kNoObject;
    std::string line;
    auto roll = rnd_.below(12);
    if (roll < 4) {  // a list comprehension or list() of a generator expression
        Element e = element(v, source, hidden, needs, by, true);
        result = heap_.new_object(ObjectKind::List);
        for (std::size_t i = 0; i < items.size(); ++i) heap_.store(result, "", e.make(items, i), item_fact(source, i));
        line = roll < 3 ? fmt::format("{} = [{} for {} in {}]", name, e.expr, v, source.expr)
                        : fmt::format("{} = list({} for {} in {})", name, e.expr, v, source.expr);
    } else if (roll < 6) {  // a dict comprehension, keyed by name or by index
        bool by_name = source.instances && rnd_.chance(50);
        hidden.push_back("i");
        Element e = element(v, source, hidden, needs, by, true);
        result = heap_.new_object(ObjectKind::Dict);
        for (std::size_t i = 0; i < items.size(); ++i)
            heap_.store(result, by_name ? obj(items[i]).label : fmt::format("k{}", i), e.make(items, i),
                        item_fact(source, i));
        line = by_name
                   ? fmt::format("{} = {{{}.name: {} for {} in {}}}", name, v, e.expr, v, source.expr)
                   : fmt::format("{} = {{f\"k{{i}}\": {} for i, {} in enumerate({})}}", name, e.expr, v, source.expr);
    } else if (roll < 8 && allocated_ + 20 < kAllocationBudget) {  // nested: the inner source is evaluated each turn
        std::string u = fresh("u");
        hidden.push_back(u);
        Source inner = comprehension_source({v});
        add(needs, inner.needs);
        auto inner_roll = rnd_.below(3);
        std::string e = inner_roll == 0 ? u : inner_roll == 1 ? v : shown(u, inner);
        result = heap_.new_object(ObjectKind::List);
        for (std::size_t i = 0; i < items.size(); ++i) {
            ObjId row = heap_.new_object(ObjectKind::List);
            auto inner_items = evaluate(inner);
            for (std::size_t j = 0; j < inner_items.size(); ++j)
                heap_.store(row, "",
                            inner_roll == 0   ? inner_items[j]
                            : inner_roll == 1 ? items[i]
                                              : kNoObject,
                            joined(item_fact(source, i), inner.item_facts.empty() ? Fact{} : inner.item_facts[j]));
            heap_.store(result, "", row, item_fact(source, i));
            allocated_ += 1;
        }
        line = fmt::format("{} = [[{} for {} in {}] for {} in {}]", name, e, u, inner.expr, v, source.expr);
    } else {  // an expression statement
        const Var* target =
            pick_var([&](const Var& x) { return is(x, ObjectKind::List) && x.name != v && x.obj != source.list; });
        Element e = element(v, source, hidden, needs, by, target != nullptr);
        std::vector<ObjId> made;
        bool appends = target != nullptr;
        if (appends) {
            add(needs, target->fact);
            for (std::size_t i = 0; i < items.size(); ++i) {
                made.push_back(e.make(items, i));
                appends = appends && may_link(target->obj, made.back(), needs);
            }
        }
        if (appends) {
            for (std::size_t i = 0; i < items.size(); ++i) heap_.store(target->obj, "", made[i], item_fact(source, i));
            line = fmt::format("[{}.append({}) for {} in {}]", target->name, e.expr, v, source.expr);
        } else {
            std::string name = shown(v, source);
            auto form = rnd_.below(3);
            line = form == 0   ? fmt::format("[print(\"item\", {}) for {} in {}]", name, v, source.expr)
                   : form == 1 ? fmt::format("print(\"set\", sorted({{{} for {} in {}}}))", name, v, source.expr)
                               : fmt::format("print(\"sorted\", sorted({} for {} in {}))", name, v, source.expr);
        }
    }
    Stmt s = make(line, needs);
    s.id = id;
    place(std::move(s));
    allocated_ += 3;
    if (result != kNoObject) bind(name, result, id);
    return true;
}

// A class whose body keeps a comprehension's list: the class is a cycle
// (its __dict__, __mro__ and descriptors), so it needs Feature::Cycles. The
// comprehension sees the globals, not the class's names.
bool Generator::class_comprehension() {
    if (!options_.has(Feature::Cycles)) return false;
    std::string v = fresh("v");
    Source source = comprehension_source({});
    auto name = fmt::format("H{}", ++counter_);
    StmtId id = program_.new_id();
    Fact by = established(id), needs = source.needs;
    auto items = evaluate(source);
    Element e = element(v, source, {v}, needs, by, true);
    ObjId list = heap_.new_object(ObjectKind::List);
    for (std::size_t i = 0; i < items.size(); ++i)
        heap_.store(list, "", e.make(items, i), source.item_facts.empty() ? by : joined(by, source.item_facts[i]));
    ObjId cls = heap_.new_object(ObjectKind::Class);
    obj(cls).hidden.push_back(cls);
    heap_.store(cls, "items", list, by);
    Stmt s = make(fmt::format("class {}:", name), needs);
    s.id = id;
    s.body.push_back(make(fmt::format("items = [{} for {} in {}]", e.expr, v, source.expr), {}, Removal::WithNeeds));
    place(std::move(s));
    allocated_ += 10;
    bind(name, cls, id);
    if (rnd_.chance(40)) {
        auto alias = fresh("l");
        StmtId taken = emit(fmt::format("{} = {}.items", alias, name), established(id));
        bind(alias, list, taken);
    } else if (rnd_.chance(50)) {
        emit(fmt::format("print(\"class\", \"{}\", len({}.items))", name, name), established(id));
    }
    return true;
}

}  // namespace memconform::fuzz::detail
