// set and frozenset, over the dict's hash table.
#include <bit>

#include "api.hpp"
#include "iterators.hpp"

namespace vm {

namespace {

SetObject* as_set(Object* o) { return static_cast<SetObject*>(o); }
bool is_any_set(Object* o);

// set_table_resize: the smallest table of more than minused slots (the
// small table of 8 again if that is enough); the dummies are gone.
void resize_table(SetObject* s, std::size_t minused) {
    s->table_log2 = static_cast<std::uint8_t>(std::bit_width(minused | 7));
    s->fill = s->table.used;
}

// set_add_entry's new key in an unused slot, then its growth past 3/5
// full: to four times the elements (twice past 50,000).
void note_added(SetObject* s) {
    std::size_t used = s->table.used;
    if (s->fill != used - 1) {
        s->table.size_unmodeled = true;  // dummies: it may have taken one
        return;
    }
    std::size_t mask = (std::size_t(1) << s->table_log2) - 1;
    if (++s->fill * 5 >= mask * 3) resize_table(s, used > 50000 ? used * 2 : used * 4);
}

// set_merge of another set: one resize for both first; into an empty
// table the items go in without a check (set_insert_clean).
void set_merge(SetObject* s, SetObject* other) {
    std::size_t incoming = other->table.used;
    if (other == s || !incoming) return;
    std::size_t mask = (std::size_t(1) << s->table_log2) - 1;
    if ((s->fill + incoming) * 5 >= mask * 3) resize_table(s, (s->table.used + incoming) * 2);
    std::vector<std::pair<Ref<>, std::int64_t>> items;  // kept alive: an add may run __eq__
    for (HashTable::Entry& e : other->table.entries())
        if (e.key) items.emplace_back(share(e.key), e.hash);
    if (s->fill) {
        for (auto& [item, hash] : items) set_add(s, item.get());
        return;
    }
    for (auto& [item, hash] : items) s->table.append(item.release(), hash, nullptr);  // distinct items
    s->fill = s->table.used;
}

// set_update_internal: a set is merged, a dict's keys come after one
// resize for them, anything else is added item by item.
void set_update(SetObject* s, Object* iterable) {
    if (is_any_set(iterable)) return set_merge(s, as_set(iterable));
    if (iterable->type == types.dict) {
        std::size_t incoming = dict_size(static_cast<DictObject*>(iterable));
        std::size_t mask = (std::size_t(1) << s->table_log2) - 1;
        if ((s->fill + incoming) * 5 >= mask * 3) resize_table(s, (s->table.used + incoming) * 2);
    }
    Ref<> it = get_iter(iterable);
    while (Ref<> x = iter_next(it.get())) set_add(s, x.get());
}

// The items of a set, each kept alive: comparing or hashing them runs
// Python code, which may change the set.
std::vector<Ref<>> set_items(SetObject* s) {
    std::vector<Ref<>> items;
    for (std::size_t i = 0; i < s->table.entries().size(); ++i)
        if (Object* k = s->table.entries()[i].key) items.push_back(share(k));
    return items;
}

Ref<> set_repr(Object* self) {
    SetObject* s = as_set(self);
    const char* name = self->type == types.frozenset ? "frozenset" : nullptr;
    ReprGuard guard(self);  // before the empty set's "set()", as in CPython
    if (guard.recursive()) return new_str(type_name(self) + "(...)");
    if (!s->table.used) return new_str(name ? "frozenset()" : "set()");
    // CPython shows a list of the items, made for the purpose.
    std::vector<Ref<>> kept = set_items(s);
    std::vector<Object*> items;
    for (Ref<>& r : kept) items.push_back(r.get());
    Ref<ListObject> listed = list_of(items);
    std::string body = join_reprs(listed->items, "{", "}");
    return new_str(name ? "frozenset(" + body + ")" : body);
}

std::size_t set_len(Object* self) { return as_set(self)->table.used; }
bool set_contains_slot(Object* self, Object* item) { return set_contains(as_set(self), item); }
Ref<> set_iter(Object* self) {
    return make<DictIterObject>(types.set_iterator, self, &as_set(self)->table, DictPart::Keys);
}

bool is_any_set(Object* o) {
    return o->type == types.set || o->type == types.frozenset || o->type->is_subtype(types.set);
}

Ref<> set_richcompare(Object* a, Object* b, CompareOp op) {
    if (!is_any_set(a) || !is_any_set(b)) return share(consts.NotImplemented);
    auto subset = [](SetObject* x, SetObject* y) {
        for (Ref<>& item : set_items(x))
            if (!set_contains(y, item.get())) return false;
        return true;
    };
    SetObject *x = as_set(a), *y = as_set(b);
    std::size_t nx = x->table.used, ny = y->table.used;
    switch (op) {
    case CompareOp::Eq: return new_bool(nx == ny && subset(x, y));
    case CompareOp::Ne: return new_bool(!(nx == ny && subset(x, y)));
    case CompareOp::Le: return new_bool(subset(x, y));
    case CompareOp::Lt: return new_bool(nx < ny && subset(x, y));
    case CompareOp::Ge: return new_bool(subset(y, x));
    case CompareOp::Gt: return new_bool(nx > ny && subset(y, x));
    }
    return share(consts.NotImplemented);
}

// make_new_set: an empty set updated from the iterable.
Ref<SetObject> set_from(TypeObject* type, Object* iterable) {
    auto s = new_set(type);
    if (iterable) set_update(s.get(), iterable);
    return s;
}

Ref<> set_new(TypeObject* type, Args args) {
    check_nargs(type->name, args, 0, 1);
    return set_from(type, args.nargs ? args[0] : nullptr);
}

// &, |, - and ^, in the order of the left operand's items, then the right
// one's.
template <lang::BinaryOp OP> Ref<> set_binary(Object* a, Object* b) {
    using Op = lang::BinaryOp;
    if (!is_any_set(a) || !is_any_set(b)) return share(consts.NotImplemented);
    SetObject *x = as_set(a), *y = as_set(b);
    auto out = new_set(a->type == types.frozenset ? types.frozenset : types.set);
    out->table.size_unmodeled = true;  // CPython copies, updates or probes by other paths
    for (Ref<>& item : set_items(x)) {
        bool in_y = set_contains(y, item.get());
        if (OP == Op::Or || (OP == Op::And && in_y) || ((OP == Op::Subtract || OP == Op::Xor) && !in_y))
            set_add(out.get(), item.get());
    }
    if (OP == Op::Or || OP == Op::Xor)
        for (Ref<>& item : set_items(y))
            if (OP == Op::Or || !set_contains(x, item.get())) set_add(out.get(), item.get());
    return out;
}

Ref<> m_add(Object* self, Args args, void*) {
    check_nargs("set.add", args, 1, 1);
    set_add(as_set(self), args[0]);
    return new_none();
}

Ref<> m_discard(Object* self, Args args, void*) {
    check_nargs("set.discard", args, 1, 1);
    set_discard(as_set(self), args[0]);
    return new_none();
}

Ref<> m_remove(Object* self, Args args, void*) {
    check_nargs("set.remove", args, 1, 1);
    if (!set_discard(as_set(self), args[0])) key_error(args[0]);
    return new_none();
}

Ref<> m_set_pop(Object* self, Args args, void*) {
    check_nargs("set.pop", args, 0, 0);
    SetObject* s = as_set(self);
    for (std::size_t i = 0; i < s->table.entries().size(); ++i)
        if (s->table.entries()[i].key) return Ref<>::take(s->table.remove(static_cast<std::int64_t>(i)).key);
    raise(types.KeyError, "pop from an empty set");
}

Ref<> m_set_clear(Object* self, Args args, void*) {
    check_nargs("set.clear", args, 0, 0);
    SetObject* s = as_set(self);
    s->table.clear();
    s->fill = 0;  // set_clear_internal: the small table again
    s->table_log2 = 3;
    s->table.size_unmodeled = false;
    return new_none();
}

Ref<> m_set_copy(Object* self, Args args, void*) {
    check_nargs("set.copy", args, 0, 0);
    return set_from(self->type == types.frozenset ? types.frozenset : types.set, self);
}

Ref<> m_set_update(Object* self, Args args, void*) {
    no_keywords("set.update", args);
    for (std::size_t i = 0; i < args.nargs; ++i) set_update(as_set(self), args[i]);
    return new_none();
}

constexpr const char* set_operation_name(lang::BinaryOp op) {
    return op == lang::BinaryOp::Or ? "union" : op == lang::BinaryOp::And ? "intersection" : "difference";
}

template <lang::BinaryOp OP> Ref<> m_set_op(Object* self, Args args, void*) {
    check_nargs({self->type->name, set_operation_name(OP)}, args, 1, 1);
    Ref<SetObject> other = set_from(types.set, args[0]);
    return set_binary<OP>(self, other.get());
}

Ref<> m_issubset(Object* self, Args args, void*) {
    check_nargs({self->type->name, "issubset"}, args, 1, 1);
    Ref<SetObject> other = set_from(types.set, args[0]);
    return set_richcompare(self, other.get(), CompareOp::Le);
}

std::int64_t frozenset_hash(Object* self) {
    std::uint64_t h = 0;
    for (Ref<>& item : set_items(as_set(self)))
        h ^= static_cast<std::uint64_t>(hash(item.get())) * 0x9E3779B97F4A7C15ull;
    auto r = static_cast<std::int64_t>(h);
    return r == -1 ? -2 : r;
}

}  // namespace

Ref<SetObject> new_set(TypeObject* type) { return make<SetObject>(type ? type : types.set); }

void set_add(SetObject* s, Object* item) {
    std::int64_t h = key_hash(item);
    if (s->table.find(item, h) >= 0) return;
    incref(item);
    s->table.append(item, h, nullptr);
    note_added(s);
}

// 3.9+'s BUILD_SET 0 then SET_UPDATE of the compiler's frozenset: the
// distinct items merged into the empty set (set_merge), which resizes it
// for twice them when they fill 3/5 of its small table.
Ref<SetObject> new_set_of_constants(std::span<Object* const> items) {
    auto s = new_set();
    for (Object* item : items) {
        std::int64_t h = key_hash(item);
        if (s->table.find(item, h) >= 0) continue;
        incref(item);
        s->table.append(item, h, nullptr);
    }
    std::size_t n = s->table.used;
    if (n * 5 >= 7 * 3) resize_table(s.get(), n * 2);
    s->fill = static_cast<std::uint32_t>(n);
    return s;
}

bool set_discard(SetObject* s, Object* item) {
    std::int64_t ix = s->table.find(item, key_hash(item));
    if (ix < 0) return false;
    decref(s->table.remove(ix).key);
    return true;
}

bool set_contains(SetObject* s, Object* item) { return s->table.find(item, key_hash(item)) >= 0; }
std::size_t set_size(const SetObject* s) { return s->table.used; }

void init_set_types() {
    for (TypeObject* s : {types.set, types.frozenset}) {
        s->tp.repr = &set_repr;
        s->tp.hash = s == types.set ? &hash_not_implemented : &frozenset_hash;
        s->tp.richcompare = &set_richcompare;
        s->tp.len = &set_len;
        s->tp.contains = &set_contains_slot;
        s->tp.iter = &set_iter;
        s->tp.new_ = &set_new;
        s->tp.init = nullptr;
        using Op = lang::BinaryOp;
        s->tp.number[number_slot(Op::And)] = &set_binary<Op::And>;
        s->tp.number[number_slot(Op::Or)] = &set_binary<Op::Or>;
        s->tp.number[number_slot(Op::Subtract)] = &set_binary<Op::Subtract>;
        s->tp.number[number_slot(Op::Xor)] = &set_binary<Op::Xor>;
        add_method(s, "copy", &m_set_copy);
        add_method(s, "union", &m_set_op<Op::Or>);
        add_method(s, "intersection", &m_set_op<Op::And>);
        add_method(s, "difference", &m_set_op<Op::Subtract>);
        add_method(s, "issubset", &m_issubset);
    }
    TypeObject* s = types.set;
    add_method(s, "add", &m_add);
    add_method(s, "discard", &m_discard);
    add_method(s, "remove", &m_remove);
    add_method(s, "pop", &m_set_pop);
    add_method(s, "clear", &m_set_clear);
    add_method(s, "update", &m_set_update);
}

}  // namespace vm
