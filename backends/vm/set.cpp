// set and frozenset: CPython's Objects/setobject.c, whose table decides
// the order a set iterates in (objects.hpp: SetObject). Each operation
// takes its items in CPython's order (an intersection walks the smaller
// set, a symmetric difference starts from a copy of the other operand,
// ...), which PyPy's sets follow too, over their insertion order.
#include <bit>
#include <cstdint>

#include "api.hpp"
#include "iterators.hpp"

namespace vm {

namespace {

constexpr std::size_t kMinSize = 8;  // PySet_MINSIZE
constexpr std::size_t kLinearProbes = 9;  // LINEAR_PROBES
constexpr int kPerturbShift = 5;  // PERTURB_SHIFT
constexpr std::size_t kNoSlot = SIZE_MAX;

SetObject* as_set(Object* o) { return static_cast<SetObject*>(o); }
bool is_any_set(const Object* o) {
    return o->type == types.set || o->type == types.frozenset || o->type->is_subtype(types.set) ||
           o->type->is_subtype(types.frozenset);
}
bool is_exact_any_set(const Object* o) { return o->type == types.set || o->type == types.frozenset; }
bool insertion_ordered() { return rt().profile().sets_insertion_ordered; }

bool active(const SetSlot& e) { return e.key && e.key != kSetDummy; }

// The hash as the probe's size_t sees it: 32 bits wide on a 32-bit build.
std::uint64_t probe_bits(std::int64_t hash) {
    auto h = static_cast<std::uint64_t>(hash);
    return hash_spec().width == 64 ? h : static_cast<std::uint32_t>(h);
}

// The table, allocated at its first use (8 unused slots until then).
void allocate_slots(SetObject* s) {
    if (s->slots.empty()) s->slots.resize(s->mask + 1);
}

// ---- the table ----------------------------------------------------------------------------------

// Compares slot i's key with `key` (the slot's key on the left, as
// set_lookkey compares them). 1: equal; 0: not; -1: the comparison
// replaced the table or the slot's key, and the search starts again.
int compare_slot(SetObject* s, std::size_t i, Object* key) {
    Object* startkey = s->slots[i].key;
    if (startkey == key) return 1;
    if (startkey->type == types.str && key->type == types.str)
        return str_equal(static_cast<StrObject*>(startkey), static_cast<StrObject*>(key));
    std::uint32_t version = s->version;
    Ref<> keep = share(startkey);
    bool eq = richcompare_bool(startkey, key, CompareOp::Eq);
    if (s->version != version || s->slots[i].key != startkey) return -1;
    return eq;
}

// The probe sequence of a hash: from hash & mask, that slot and the 9
// after it when they fit in the table, then on from the perturbed hash.
// Calls visit(slot) until it returns true; returns that slot.
template <class Visit> std::size_t probe(std::size_t mask, std::int64_t hash, Visit&& visit) {
    std::uint64_t perturb = probe_bits(hash);
    std::size_t i = perturb & mask;
    while (true) {
        std::size_t last = i + kLinearProbes <= mask ? i + kLinearProbes : i;
        for (std::size_t j = i; j <= last; ++j)
            if (visit(j)) return j;
        perturb >>= kPerturbShift;
        i = (i * 5 + 1 + perturb) & mask;
    }
}

// set_lookkey: the slot of `key`, or the unused slot its probe ends at.
std::size_t lookkey(SetObject* s, Object* key, std::int64_t hash) {
    allocate_slots(s);
    while (true) {
        bool restart = false;
        std::size_t found = probe(s->mask, hash, [&](std::size_t j) {
            const SetSlot& e = s->slots[j];
            if (!e.key) return true;
            if (e.hash != hash) return false;
            int eq = compare_slot(s, j, key);
            restart = eq < 0;
            return eq != 0;
        });
        if (!restart) return found;
    }
}

// set_insert_clean: a key known to be absent, into a table without dummies.
void insert_clean(std::vector<SetSlot>& table, std::size_t mask, Object* key, std::int64_t hash) {
    std::size_t j = probe(mask, hash, [&](std::size_t i) { return !table[i].key; });
    table[j] = {key, hash};
}

// set_table_resize: the smallest table of more than `minused` slots, the
// active keys inserted again in slot order, the dummies dropped. A small
// table without dummies is left as it is.
void table_resize(SetObject* s, std::size_t minused) {
    std::size_t size = kMinSize;
    while (size <= minused) size <<= 1;
    if (size == kMinSize && s->mask + 1 == kMinSize && s->fill == s->used) return;
    std::vector<SetSlot> old = std::move(s->slots);
    s->slots.assign(size, SetSlot{});
    s->mask = size - 1;
    s->fill = s->used;
    ++s->version;
    for (const SetSlot& e : old)
        if (active(e)) insert_clean(s->slots, s->mask, e.key, e.hash);
}

// set_add_entry: false when an equal key is there already. Else the key
// (a new reference) takes the first dummy slot its probe passed, or the
// unused slot it ended at, and the table grows once 3/5 of it is filled.
bool add_entry(SetObject* s, Object* key, std::int64_t hash) {
    Ref<> kept = share(key);  // an __eq__ could drop the caller's reference
    if (insertion_ordered()) {
        if (s->table.find(key, hash) >= 0) return false;
        s->table.append(kept.release(), hash, nullptr);
        ++s->used;
        return true;
    }
    allocate_slots(s);
    while (true) {
        bool restart = false;
        std::size_t freeslot = kNoSlot;
        std::size_t j = probe(s->mask, hash, [&](std::size_t i) {
            const SetSlot& e = s->slots[i];
            if (!e.key) return true;
            if (e.hash == hash) {
                int eq = compare_slot(s, i, key);
                restart = eq < 0;
                return eq != 0;
            }
            if (e.key == kSetDummy) freeslot = i;
            return false;
        });
        if (restart) continue;
        if (s->slots[j].key) return false;  // found
        ++s->used;
        if (freeslot != kNoSlot) {
            s->slots[freeslot] = {kept.release(), hash};
            return true;
        }
        s->slots[j] = {kept.release(), hash};
        if (++s->fill * 5 >= s->mask * 3) table_resize(s, s->used > 50000 ? s->used * 2 : s->used * 4);
        return true;
    }
}

bool add_key(SetObject* s, Object* key) { return add_entry(s, key, key_hash(key)); }

bool contains_entry(SetObject* s, Object* key, std::int64_t hash) {
    if (insertion_ordered()) return s->table.find(key, hash) >= 0;
    return s->slots[lookkey(s, key, hash)].key != nullptr;
}

// set_discard_entry: the key's slot becomes a dummy; its reference goes
// last, once the set is consistent.
bool discard_entry(SetObject* s, Object* key, std::int64_t hash) {
    Ref<> old;
    if (insertion_ordered()) {
        std::int64_t ix = s->table.find(key, hash);
        if (ix < 0) return false;
        old = Ref<>::take(s->table.remove(ix).key);
    } else {
        std::size_t j = lookkey(s, key, hash);
        if (!s->slots[j].key) return false;
        old = Ref<>::take(s->slots[j].key);
        s->slots[j] = {kSetDummy, -1};
    }
    --s->used;
    return true;
}

// set_clear_internal: the set is made empty (the small table again)
// before the keys are dropped, in slot order.
void clear_internal(SetObject* s) {
    if (insertion_ordered()) {
        s->table.clear();
        s->used = 0;
        return;
    }
    std::vector<SetSlot> old = std::move(s->slots);
    s->slots.clear();
    s->mask = kMinSize - 1;
    s->fill = s->used = 0;
    ++s->version;
    for (const SetSlot& e : old)
        if (active(e)) decref(e.key);
}

// set_next: the next active entry from `pos` in iteration order.
bool set_next(SetObject* s, std::size_t& pos, Object*& key, std::int64_t& hash) {
    if (insertion_ordered()) {
        auto entries = s->table.entries();
        while (pos < entries.size() && !entries[pos].key) ++pos;
        if (pos >= entries.size()) return false;
        key = entries[pos].key;
        hash = entries[pos++].hash;
        return true;
    }
    while (pos < s->slots.size() && !active(s->slots[pos])) ++pos;
    if (pos >= s->slots.size()) return false;
    key = s->slots[pos].key;
    hash = s->slots[pos++].hash;
    return true;
}

// Calls fn(key, hash) for each item in iteration order, each key kept
// alive during its call (fn may run Python code, which may change the set).
template <class F> void for_each_entry(SetObject* s, F&& fn) {
    std::size_t pos = 0;
    Object* key;
    std::int64_t hash;
    while (set_next(s, pos, key, hash)) {
        Ref<> kept = share(key);
        fn(key, hash);
    }
}

// The items in iteration order, each kept alive.
std::vector<Ref<>> items_of(SetObject* s) {
    std::vector<Ref<>> items;
    for_each_entry(s, [&](Object* key, std::int64_t) { items.push_back(share(key)); });
    return items;
}

// ---- filling a set ------------------------------------------------------------------------------

// set_merge: one resize for both first; into an empty table of the same
// size without dummies the slots are copied, into another empty table the
// keys go in slot order without a check (set_insert_clean).
void merge(SetObject* s, SetObject* other) {
    if (other == s || other->used == 0) return;
    if (insertion_ordered()) {
        for_each_entry(other, [&](Object* key, std::int64_t hash) { add_entry(s, key, hash); });
        return;
    }
    if ((s->fill + other->used) * 5 >= s->mask * 3) table_resize(s, (s->used + other->used) * 2);
    allocate_slots(s);
    if (s->fill == 0 && s->mask == other->mask && other->fill == other->used) {
        for (std::size_t i = 0; i < other->slots.size(); ++i)
            if (Object* key = other->slots[i].key) s->slots[i] = {share(key).release(), other->slots[i].hash};
        s->fill = other->fill;
        s->used = other->used;
        return;
    }
    if (s->fill == 0) {
        s->fill = s->used = other->used;
        for (const SetSlot& e : other->slots)
            if (active(e)) insert_clean(s->slots, s->mask, share(e.key).release(), e.hash);
        return;
    }
    std::vector<SetSlot> items;  // kept alive: an add may run __eq__
    for (const SetSlot& e : other->slots)
        if (active(e)) items.push_back({share(e.key).release(), e.hash});
    for (const SetSlot& e : items) {
        Ref<> item = Ref<>::take(e.key);
        add_entry(s, item.get(), e.hash);
    }
}

// set_update_internal: a set is merged; a dict's keys (with the hashes it
// keeps) come after one resize for all of them; anything else is added
// item by item.
void update_internal(SetObject* s, Object* other) {
    if (is_any_set(other)) return merge(s, as_set(other));
    if (other->type == types.dict) {
        auto* d = static_cast<DictObject*>(other);
        std::size_t n = dict_size(d);
        if (!insertion_ordered() && (s->fill + n) * 5 >= s->mask * 3) table_resize(s, (s->used + n) * 2);
        std::vector<std::pair<Ref<>, std::int64_t>> keys;
        for (const HashTable::Entry& e : d->table.entries())
            if (e.key) keys.emplace_back(share(e.key), e.hash);
        for (auto& [key, hash] : keys) add_entry(s, key.get(), hash);
        return;
    }
    Ref<> it = get_iter(other);
    while (Ref<> x = iter_next(it.get())) add_key(s, x.get());
}

// make_new_set_basetype: set for a set or a subclass of it, else frozenset.
TypeObject* basetype_of(const Object* o) { return o->type->is_subtype(types.set) ? types.set : types.frozenset; }

Ref<SetObject> make_new_set(TypeObject* type, Object* iterable) {
    auto s = make<SetObject>(type);
    if (iterable) update_internal(s.get(), iterable);
    return s;
}

// set_copy: a frozenset is its own copy.
Ref<SetObject> set_copy(SetObject* s) {
    if (s->type == types.frozenset) return share(s);
    return make_new_set(basetype_of(s), s);
}

// set_swap_bodies, for `a` to take the items of `b` in its order (b is
// left with a's).
void swap_bodies(SetObject* a, SetObject* b) {
    if (insertion_ordered()) {
        std::vector<Ref<>> taken = items_of(b);
        clear_internal(b);
        merge(b, a);
        clear_internal(a);
        for (Ref<>& item : taken) add_key(a, item.get());
        return;
    }
    std::swap(a->slots, b->slots);
    std::swap(a->mask, b->mask);
    std::swap(a->fill, b->fill);
    std::swap(a->used, b->used);
    std::swap(a->finger, b->finger);
    ++a->version;
    ++b->version;
}

// ---- the operations -----------------------------------------------------------------------------

// set_intersection: the items of the smaller operand (of `other` if they
// are as large) that the larger holds, in that smaller one's order.
Ref<SetObject> intersection(SetObject* so, Object* other) {
    if (other == so) return make_new_set(basetype_of(so), so);
    auto result = make_new_set(basetype_of(so), nullptr);
    if (is_any_set(other)) {
        SetObject *larger = so, *smaller = as_set(other);
        if (smaller->used > larger->used) std::swap(larger, smaller);
        for_each_entry(smaller, [&](Object* key, std::int64_t hash) {
            if (contains_entry(larger, key, hash)) add_entry(result.get(), key, hash);
        });
        return result;
    }
    Ref<> it = get_iter(other);
    while (Ref<> key = iter_next(it.get())) {
        std::int64_t hash = key_hash(key.get());
        if (contains_entry(so, key.get(), hash)) add_entry(result.get(), key.get(), hash);
    }
    return result;
}

// set_difference_update_internal: each item of `other` discarded (of
// their intersection when `other` is more than 8 times larger); then a
// table more than a quarter dummies is rebuilt.
void difference_update_internal(SetObject* so, Object* other) {
    if (other == so) return clear_internal(so);
    if (is_any_set(other)) {
        Ref<SetObject> from = share(as_set(other));
        if ((from->used >> 3) > so->used) from = intersection(so, other);
        for_each_entry(from.get(), [&](Object* key, std::int64_t hash) { discard_entry(so, key, hash); });
    } else {
        Ref<> it = get_iter(other);
        while (Ref<> key = iter_next(it.get())) discard_entry(so, key.get(), key_hash(key.get()));
    }
    if (insertion_ordered() || so->fill - so->used <= so->mask / 4) return;
    table_resize(so, so->used > 50000 ? so->used * 2 : so->used * 4);
}

// set_difference: a copy less `other` when `so` is more than 4 times
// larger (or `other` is neither a set nor a dict), else the items of `so`
// that `other` lacks, added to an empty set.
Ref<SetObject> difference(SetObject* so, Object* other) {
    std::size_t other_size;
    if (is_any_set(other)) other_size = as_set(other)->used;
    else if (other->type == types.dict) other_size = dict_size(static_cast<DictObject*>(other));
    else other_size = SIZE_MAX;
    if (other_size == SIZE_MAX || (so->used >> 2) > other_size) {
        Ref<SetObject> result = make_new_set(basetype_of(so), so);
        difference_update_internal(result.get(), other);
        return result;
    }
    auto result = make_new_set(basetype_of(so), nullptr);
    for_each_entry(so, [&](Object* key, std::int64_t hash) {
        bool in_other = other->type == types.dict ? dict_get(static_cast<DictObject*>(other), key) != nullptr
                                                  : contains_entry(as_set(other), key, hash);
        if (!in_other) add_entry(result.get(), key, hash);
    });
    return result;
}

// set_symmetric_difference_update: each item of `other` (a set made of it
// if it is neither a set nor a dict) discarded if there, else added.
void symmetric_difference_update(SetObject* so, Object* other) {
    if (other == so) return clear_internal(so);
    Ref<SetObject> from;
    if (other->type == types.dict) {
        std::vector<std::pair<Ref<>, std::int64_t>> keys;
        for (const HashTable::Entry& e : static_cast<DictObject*>(other)->table.entries())
            if (e.key) keys.emplace_back(share(e.key), e.hash);
        for (auto& [key, hash] : keys)
            if (!discard_entry(so, key.get(), hash)) add_entry(so, key.get(), hash);
        return;
    }
    from = is_any_set(other) ? share(as_set(other)) : make_new_set(basetype_of(so), other);
    for_each_entry(from.get(), [&](Object* key, std::int64_t hash) {
        if (!discard_entry(so, key, hash)) add_entry(so, key, hash);
    });
}

// set_symmetric_difference: a new set of `other` updated with `so`.
Ref<SetObject> symmetric_difference(SetObject* so, Object* other) {
    Ref<SetObject> result = make_new_set(basetype_of(so), other);
    symmetric_difference_update(result.get(), so);
    return result;
}

// set_issubset: `so` no larger, and each of its items in `other`.
bool issubset(SetObject* so, Object* other) {
    if (!is_any_set(other)) {
        Ref<SetObject> tmp = make_new_set(types.set, other);
        return issubset(so, tmp.get());
    }
    SetObject* o = as_set(other);
    if (so->used > o->used) return false;
    bool all = true;
    std::size_t pos = 0;
    Object* key;
    std::int64_t hash;
    while (all && set_next(so, pos, key, hash)) {
        Ref<> kept = share(key);
        all = contains_entry(o, key, hash);
    }
    return all;
}

bool issuperset(SetObject* so, Object* other) {
    if (is_any_set(other)) return issubset(as_set(other), so);
    Ref<SetObject> tmp = make_new_set(types.set, other);
    return issubset(tmp.get(), so);
}

// ---- the type's slots ---------------------------------------------------------------------------

// set_repr: a list of the items made for the purpose, shown between braces.
Ref<> set_repr(Object* self) {
    SetObject* s = as_set(self);
    ReprGuard guard(self);
    if (guard.recursive()) return new_str(self->type->name + "(...)");
    if (!s->used) return new_str(self->type->name + "()");
    std::vector<Ref<>> kept = items_of(s);
    std::vector<Object*> items;
    for (Ref<>& r : kept) items.push_back(r.get());
    Ref<ListObject> listed = list_of(items);
    std::string listrepr = str_value(repr(listed.get()).get());
    std::string body = "{" + listrepr.substr(1, listrepr.size() - 2) + "}";
    return new_str(self->type == types.set ? body : self->type->name + "(" + body + ")");
}

std::size_t set_len(Object* self) { return as_set(self)->used; }

// set_contains: a set that is unhashable is looked for as a frozenset.
bool set_contains_slot(Object* self, Object* item) {
    try {
        return contains_entry(as_set(self), item, key_hash(item));
    } catch (const PyException&) {
        if (!item->type->is_subtype(types.set) || !exception_is(rt().thread().curexc, types.TypeError)) throw;
        take_exception();
        Ref<SetObject> frozen = make_new_set(types.frozenset, item);
        return contains_entry(as_set(self), frozen.get(), key_hash(frozen.get()));
    }
}

Ref<> set_iter(Object* self) { return make<SetIterObject>(types.set_iterator, as_set(self)); }

Ref<> set_richcompare(Object* a, Object* b, CompareOp op) {
    if (!is_any_set(b)) return share(consts.NotImplemented);
    SetObject *x = as_set(a), *y = as_set(b);
    switch (op) {
    case CompareOp::Eq: return new_bool(x->used == y->used && issubset(x, y));
    case CompareOp::Ne: return new_bool(!(x->used == y->used && issubset(x, y)));
    case CompareOp::Le: return new_bool(issubset(x, y));
    case CompareOp::Ge: return new_bool(issuperset(x, y));
    case CompareOp::Lt: return new_bool(x->used < y->used && issubset(x, y));
    case CompareOp::Gt: return new_bool(x->used > y->used && issuperset(x, y));
    }
    return share(consts.NotImplemented);
}

// frozenset(iterable) of an exact frozenset is that frozenset.
Ref<> set_new(TypeObject* type, Args args) {
    check_nargs(type->name, args, 0, 1);
    Object* iterable = args.nargs ? args[0] : nullptr;
    if (type == types.frozenset && iterable && iterable->type == types.frozenset) return share(iterable);
    return make_new_set(type, iterable);
}

// set_or, set_and, set_sub, set_xor: both operands sets, the result of
// the left one's base type.
template <lang::BinaryOp OP> Ref<> set_binary(Object* a, Object* b) {
    using Op = lang::BinaryOp;
    if (!is_any_set(a) || !is_any_set(b)) return share(consts.NotImplemented);
    SetObject* so = as_set(a);
    if constexpr (OP == Op::Or) {
        auto result = make_new_set(basetype_of(so), so);
        if (b != a) update_internal(result.get(), b);
        return result;
    } else if constexpr (OP == Op::And) {
        return intersection(so, b);
    } else if constexpr (OP == Op::Subtract) {
        return difference(so, b);
    } else {
        return symmetric_difference(so, b);
    }
}

// set_ior, set_iand, set_isub, set_ixor: the left set changed in place.
template <lang::BinaryOp OP> Ref<> set_inplace(Object* a, Object* b) {
    using Op = lang::BinaryOp;
    if (!is_any_set(b)) return share(consts.NotImplemented);
    SetObject* so = as_set(a);
    if constexpr (OP == Op::Or) {
        update_internal(so, b);
    } else if constexpr (OP == Op::And) {
        Ref<SetObject> tmp = intersection(so, b);
        swap_bodies(so, tmp.get());
    } else if constexpr (OP == Op::Subtract) {
        difference_update_internal(so, b);
    } else {
        symmetric_difference_update(so, b);
    }
    return share(a);
}

Ref<> m_add(Object* self, Args args, void*) {
    check_nargs("set.add", args, 1, 1);
    add_key(as_set(self), args[0]);
    return new_none();
}

// set_discard_key, with an unhashable set looked for as a frozenset.
bool discard_key(SetObject* s, Object* key) {
    try {
        return discard_entry(s, key, key_hash(key));
    } catch (const PyException&) {
        if (!key->type->is_subtype(types.set) || !exception_is(rt().thread().curexc, types.TypeError)) throw;
        take_exception();
        Ref<SetObject> frozen = make_new_set(types.frozenset, key);
        return discard_entry(s, frozen.get(), key_hash(frozen.get()));
    }
}

Ref<> m_discard(Object* self, Args args, void*) {
    check_nargs("set.discard", args, 1, 1);
    discard_key(as_set(self), args[0]);
    return new_none();
}

Ref<> m_remove(Object* self, Args args, void*) {
    check_nargs("set.remove", args, 1, 1);
    if (!discard_key(as_set(self), args[0])) key_error(args[0]);
    return new_none();
}

// set_pop: CPython's takes the first active slot from the finger on, and
// leaves the finger after it; PyPy's the item added last.
Ref<> m_set_pop(Object* self, Args args, void*) {
    check_nargs("set.pop", args, 0, 0);
    SetObject* s = as_set(self);
    if (!s->used) raise(types.KeyError, "pop from an empty set");
    --s->used;
    if (insertion_ordered()) {
        auto entries = s->table.entries();
        std::size_t i = entries.size();
        while (!entries[i - 1].key) --i;
        return Ref<>::take(s->table.remove(static_cast<std::int64_t>(i - 1)).key);
    }
    std::size_t i = s->finger & s->mask;
    while (!active(s->slots[i])) i = i == s->mask ? 0 : i + 1;
    Object* key = s->slots[i].key;
    s->slots[i] = {kSetDummy, -1};
    s->finger = i + 1;
    return Ref<>::take(key);
}

Ref<> m_set_clear(Object* self, Args args, void*) {
    check_nargs("set.clear", args, 0, 0);
    clear_internal(as_set(self));
    return new_none();
}

Ref<> m_set_copy(Object* self, Args args, void*) {
    check_nargs({self->type->name, "copy"}, args, 0, 0);
    return set_copy(as_set(self));
}

Ref<> m_set_update(Object* self, Args args, void*) {
    no_keywords("set.update", args);
    for (std::size_t i = 0; i < args.nargs; ++i) update_internal(as_set(self), args[i]);
    return new_none();
}

// set_union: a copy updated with each argument in turn.
Ref<> m_union(Object* self, Args args, void*) {
    no_keywords({self->type->name, "union"}, args);
    Ref<SetObject> result = make_new_set(basetype_of(self), self);
    for (std::size_t i = 0; i < args.nargs; ++i)
        if (args[i] != self) update_internal(result.get(), args[i]);
    return result;
}

// set_intersection_multi: the intersection with each argument in turn.
Ref<> m_intersection(Object* self, Args args, void*) {
    no_keywords({self->type->name, "intersection"}, args);
    if (!args.nargs) return set_copy(as_set(self));
    Ref<SetObject> result = share(as_set(self));
    for (std::size_t i = 0; i < args.nargs; ++i) result = intersection(result.get(), args[i]);
    return result;
}

// set_difference_multi: the difference with the first argument, then each
// other one removed.
Ref<> m_difference(Object* self, Args args, void*) {
    no_keywords({self->type->name, "difference"}, args);
    if (!args.nargs) return set_copy(as_set(self));
    Ref<SetObject> result = difference(as_set(self), args[0]);
    for (std::size_t i = 1; i < args.nargs; ++i) difference_update_internal(result.get(), args[i]);
    return result;
}

Ref<> m_symmetric_difference(Object* self, Args args, void*) {
    check_nargs({self->type->name, "symmetric_difference"}, args, 1, 1);
    return symmetric_difference(as_set(self), args[0]);
}

Ref<> m_issubset(Object* self, Args args, void*) {
    check_nargs({self->type->name, "issubset"}, args, 1, 1);
    return new_bool(issubset(as_set(self), args[0]));
}

Ref<> m_issuperset(Object* self, Args args, void*) {
    check_nargs({self->type->name, "issuperset"}, args, 1, 1);
    return new_bool(issuperset(as_set(self), args[0]));
}

// set_isdisjoint: the smaller set's items looked for in the larger one
// (an exact set or frozenset; else each item of the iterable).
Ref<> m_isdisjoint(Object* self, Args args, void*) {
    check_nargs({self->type->name, "isdisjoint"}, args, 1, 1);
    SetObject* so = as_set(self);
    Object* other = args[0];
    if (other == self) return new_bool(so->used == 0);
    bool disjoint = true;
    if (is_exact_any_set(other)) {
        SetObject *larger = so, *smaller = as_set(other);
        if (smaller->used > larger->used) std::swap(larger, smaller);
        std::size_t pos = 0;
        Object* key;
        std::int64_t hash;
        while (disjoint && set_next(smaller, pos, key, hash)) {
            Ref<> kept = share(key);
            disjoint = !contains_entry(larger, key, hash);
        }
        return new_bool(disjoint);
    }
    Ref<> it = get_iter(other);
    while (disjoint)
        if (Ref<> key = iter_next(it.get())) disjoint = !contains_entry(so, key.get(), key_hash(key.get()));
        else break;
    return new_bool(disjoint);
}

Ref<> m_difference_update(Object* self, Args args, void*) {
    no_keywords("set.difference_update", args);
    for (std::size_t i = 0; i < args.nargs; ++i) difference_update_internal(as_set(self), args[i]);
    return new_none();
}

// set_intersection_update_multi: the intersection, whose table the set takes.
Ref<> m_intersection_update(Object* self, Args args, void*) {
    no_keywords("set.intersection_update", args);
    Ref<SetObject> result = share(as_set(self));
    for (std::size_t i = 0; i < args.nargs; ++i) result = intersection(result.get(), args[i]);
    if (result.get() != self) swap_bodies(as_set(self), result.get());
    return new_none();
}

Ref<> m_symmetric_difference_update(Object* self, Args args, void*) {
    check_nargs("set.symmetric_difference_update", args, 1, 1);
    symmetric_difference_update(as_set(self), args[0]);
    return new_none();
}

// frozenset_hash: each item's hash shuffled and combined (hash.hpp).
std::int64_t frozenset_hash(Object* self) {
    FrozensetHash h;
    for_each_entry(as_set(self), [&](Object*, std::int64_t hash) { h.add(hash); });
    return h.finish(as_set(self)->used);
}

}  // namespace

void SetObject::traverse(Visitor v) {
    if (insertion_ordered()) {
        for (HashTable::Entry& e : table.entries()) v(e.key);
        return;
    }
    for (const SetSlot& e : slots)
        if (active(e)) v(e.key);
}

void SetObject::clear() { clear_internal(this); }

// setiter_iternext: the next active slot, or RuntimeError once the set's
// size changed.
Ref<> setiter_iternext(Object* self) {
    auto* it = static_cast<SetIterObject*>(self);
    if (!it->set) return nullptr;
    if (it->set->used != it->expected_used) {
        it->expected_used = SIZE_MAX;  // stays broken, as CPython's si_used = -1
        raise(types.RuntimeError, "Set changed size during iteration");
    }
    Object* key;
    std::int64_t hash;
    if (!set_next(it->set, it->pos, key, hash)) {
        it->clear();
        return nullptr;
    }
    --it->left;
    return share(key);
}

Ref<SetObject> new_set(TypeObject* type) { return make<SetObject>(type ? type : types.set); }

void set_add(SetObject* s, Object* item) { add_key(s, item); }

void set_update(SetObject* s, Object* iterable) { update_internal(s, iterable); }

namespace {

// Whether interning `o`'s strs when its code object is made replaces one
// by another object (intern_string_constants): an identifier-like str
// whose value the parser interned as a name, or the runtime at its start,
// is a new object of the parser's until then; a one-character str is a
// singleton, which the runtime's static identifiers replace for some
// characters (the profile's sets.interning_replaced_chars). Tuples are
// looked into.
bool interning_replaces(Object* o) {
    if (o->type == types.tuple) {
        for (Object* item : static_cast<TupleObject*>(o)->items)
            if (interning_replaces(item)) return true;
        return false;
    }
    if (o->type != types.str) return false;
    const auto* s = static_cast<StrObject*>(o);
    if (s->interned == Interned::No) return false;  // not identifier-like
    const Profile& p = rt().profile();
    if (s->length == 1) return p.interning_replaced_chars.find(s->value) != std::string::npos;
    return s->interned != Interned::Constant || p.startup_interned().count(s->value).has_value();
}

// A frozenset of `from`'s items added in its iteration order.
Ref<SetObject> rebuilt(SetObject* from) {
    Ref<SetObject> made = make_new_set(types.frozenset, nullptr);
    for_each_entry(from, [&](Object* key, std::int64_t hash) { add_entry(made.get(), key, hash); });
    return made;
}

}  // namespace

// A frozenset the compiler makes of constants: built from the items in
// order, then again from its own items in its slot order (the compiler's
// merge of constants), and once more when interning its strs replaced one
// (the code object's creation).
Ref<SetObject> new_frozenset_constant(std::span<Object* const> items) {
    auto built = make<SetObject>(types.frozenset);
    bool replaced = false;
    for (Object* item : items) {
        add_key(built.get(), item);
        replaced = replaced || interning_replaces(item);
    }
    Ref<SetObject> constant = rebuilt(built.get());
    if (replaced) constant = rebuilt(constant.get());
    return constant;
}

// A set display of constants (BUILD_SET 0, then SET_UPDATE of the
// frozenset the compiler made): that frozenset, merged into the new set.
Ref<SetObject> new_set_of_constants(std::span<Object* const> items) {
    Ref<SetObject> constant = new_frozenset_constant(items);
    auto s = new_set();
    merge(s.get(), constant.get());
    return s;
}

bool set_discard(SetObject* s, Object* item) { return discard_entry(s, item, key_hash(item)); }
bool set_contains(SetObject* s, Object* item) { return contains_entry(s, item, key_hash(item)); }
std::size_t set_size(const SetObject* s) { return s->used; }

void init_set_types() {
    using Op = lang::BinaryOp;
    for (TypeObject* s : {types.set, types.frozenset}) {
        s->tp.repr = &set_repr;
        s->tp.hash = s == types.set ? &hash_not_implemented : &frozenset_hash;
        s->tp.richcompare = &set_richcompare;
        s->tp.len = &set_len;
        s->tp.contains = &set_contains_slot;
        s->tp.iter = &set_iter;
        s->tp.new_ = &set_new;
        s->tp.init = nullptr;
        s->tp.number[number_slot(Op::And)] = &set_binary<Op::And>;
        s->tp.number[number_slot(Op::Or)] = &set_binary<Op::Or>;
        s->tp.number[number_slot(Op::Subtract)] = &set_binary<Op::Subtract>;
        s->tp.number[number_slot(Op::Xor)] = &set_binary<Op::Xor>;
        add_method(s, "copy", &m_set_copy);
        add_method(s, "union", &m_union);
        add_method(s, "intersection", &m_intersection);
        add_method(s, "difference", &m_difference);
        add_method(s, "symmetric_difference", &m_symmetric_difference);
        add_method(s, "issubset", &m_issubset);
        add_method(s, "issuperset", &m_issuperset);
        add_method(s, "isdisjoint", &m_isdisjoint);
    }
    TypeObject* s = types.set;
    s->tp.number[inplace_slot(Op::And)] = &set_inplace<Op::And>;
    s->tp.number[inplace_slot(Op::Or)] = &set_inplace<Op::Or>;
    s->tp.number[inplace_slot(Op::Subtract)] = &set_inplace<Op::Subtract>;
    s->tp.number[inplace_slot(Op::Xor)] = &set_inplace<Op::Xor>;
    add_method(s, "add", &m_add);
    add_method(s, "discard", &m_discard);
    add_method(s, "remove", &m_remove);
    add_method(s, "pop", &m_set_pop);
    add_method(s, "clear", &m_set_clear);
    add_method(s, "update", &m_set_update);
    add_method(s, "difference_update", &m_difference_update);
    add_method(s, "intersection_update", &m_intersection_update);
    add_method(s, "symmetric_difference_update", &m_symmetric_difference_update);
}

}  // namespace vm
