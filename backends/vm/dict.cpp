// The insertion-ordered hash table and dict (set is in set.cpp).
#include <algorithm>
#include <bit>
#include <cstring>

#include "api.hpp"
#include "iterators.hpp"

namespace vm {

// ---- HashTable ----------------------------------------------------------------------------------

namespace {

std::size_t probe_start(std::int64_t hash, std::size_t mask) { return static_cast<std::size_t>(hash) & mask; }

// CPython's probe sequence: perturbed linear congruence.
std::size_t probe_next(std::size_t i, std::uint64_t& perturb, std::size_t mask) {
    perturb >>= 5;
    return (i * 5 + perturb + 1) & mask;
}

// calculate_log2_keysize: the power of two at or above minsize, 8 slots at
// least. 3.10 to 3.13 compute bit_length((minsize | 8) - 1), which doubles
// it for 1 to 7 and for a power of two from 16 (the profile's
// sizes.dict_keysize_overshoots).
std::uint8_t keys_log2_size(std::size_t minsize) {
    const std::optional<Profile::Sizes>& z = rt().profile().sizes;
    if (z && z->dict_keysize_overshoots) return static_cast<std::uint8_t>(std::bit_width((minsize | 8) - 1));
    return static_cast<std::uint8_t>(std::bit_width((std::max<std::size_t>(minsize, 1) - 1) | 7));
}

// estimate_log2_keysize: a table for n entries, with room to spare (3.8's
// ESTIMATE_SIZE, (n * 3 + 1) / 2 slots), at most 2^17 slots (max_presize).
std::uint8_t estimated_log2_size(std::size_t n) { return std::min<std::uint8_t>(keys_log2_size((n * 3 + 1) / 2), 17); }

// USABLE_FRACTION: the entries a table of 1 << log2_size slots holds (none
// for the shared empty keys, of one slot).
std::size_t usable_entries(std::uint8_t log2_size) { return log2_size ? (std::size_t(2) << log2_size) / 3 : 0; }

// Whether str-only keys are a kind of their own (3.11's DICT_KEYS_UNICODE,
// whose entries have no hash), which a key of another type changes.
bool has_unicode_keys_kind() {
    const std::optional<Profile::Sizes>& z = rt().profile().sizes;
    return z && z->dict_unicode_entry < z->dict_entry;
}

}  // namespace

std::int32_t HashTable::slot(std::size_t i) const {
    switch (slot_shift(log2_size_)) {
    case 0: return reinterpret_cast<const std::int8_t*>(block_)[i];
    case 1: return reinterpret_cast<const std::int16_t*>(block_)[i];
    default: return reinterpret_cast<const std::int32_t*>(block_)[i];
    }
}

void HashTable::set_slot(std::size_t i, std::int32_t entry) {
    switch (slot_shift(log2_size_)) {
    case 0: reinterpret_cast<std::int8_t*>(block_)[i] = static_cast<std::int8_t>(entry); break;
    case 1: reinterpret_cast<std::int16_t*>(block_)[i] = static_cast<std::int16_t>(entry); break;
    default: reinterpret_cast<std::int32_t*>(block_)[i] = entry; break;
    }
}

void HashTable::free_block() {
    if (block_) free_memory(block_, block_bytes());
    block_ = nullptr;
    nentries_ = capacity_ = 0;
    log2_size_ = 0;
}

std::int64_t HashTable::find(Object* key, std::int64_t hash) {
    for (;;) {
        if (!block_) return -1;
        std::size_t mask = index_size() - 1;
        auto perturb = static_cast<std::uint64_t>(hash);
        std::uint32_t start_generation = generation;
        bool restarted = false;
        for (std::size_t i = probe_start(hash, mask);; i = probe_next(i, perturb, mask)) {
            std::int32_t ix = slot(i);
            if (ix == kEmpty) return -1;
            if (ix == kDummy) continue;
            Entry& e = entry_data()[ix];
            if (e.key == key) return ix;
            if (e.hash != hash) continue;
            Ref<> candidate = share(e.key);
            bool eq = equal(candidate.get(), key);
            // The table was replaced or the entry emptied during __eq__
            // (entries may have moved: index them again).
            if (generation != start_generation || entry_data()[ix].key != candidate.get()) {
                restarted = true;
                break;
            }
            if (eq) return ix;
        }
        if (!restarted) return -1;
    }
}

std::size_t HashTable::slot_of_entry(std::int64_t hash, std::int64_t entry) const {
    std::size_t mask = index_size() - 1;
    auto perturb = static_cast<std::uint64_t>(hash);
    for (std::size_t i = probe_start(hash, mask);; i = probe_next(i, perturb, mask))
        if (slot(i) == entry) return i;
}

// A new block: an index of 1 << log2_size slots, the live entries moved to
// it in order, room for `capacity` of them.
void HashTable::rebuild(std::uint8_t log2_size, std::size_t capacity) {
    std::size_t size = std::size_t(1) << log2_size;
    std::size_t index = size << slot_shift(log2_size);
    auto* block = static_cast<char*>(allocate_memory(index + capacity * sizeof(Entry)));
    std::memset(block, 0xFF, index);  // every slot kEmpty
    auto* to = reinterpret_cast<Entry*>(block + index);
    std::uint32_t n = 0;
    for (Entry& e : entries())
        if (e.key) to[n++] = e;
    free_block();
    block_ = block;
    log2_size_ = log2_size;
    capacity_ = static_cast<std::uint32_t>(capacity);
    nentries_ = n;
    ++generation;
    std::size_t mask = size - 1;
    for (std::uint32_t k = 0; k < n; ++k) {
        auto perturb = static_cast<std::uint64_t>(to[k].hash);
        std::size_t i = probe_start(to[k].hash, mask);
        while (slot(i) != kEmpty) i = probe_next(i, perturb, mask);
        set_slot(i, static_cast<std::int32_t>(k));
    }
}

// More room for entries under the same index (a reallocation, not a
// rebuild: the entry numbers stay), doubling up to the index's 2/3.
void HashTable::grow_entries() {
    std::size_t usable = index_size() * 2 / 3;
    std::size_t old_bytes = block_bytes();
    char* old_block = block_;
    std::size_t index = index_bytes();
    capacity_ = static_cast<std::uint32_t>(std::min(usable, std::max<std::size_t>(capacity_ * 2, 1)));
    block_ = static_cast<char*>(allocate_memory(block_bytes()));
    std::memcpy(block_, old_block, index + nentries_ * sizeof(Entry));
    free_memory(old_block, old_bytes);
}

// insertion_resize: a full index grows to GROWTH_RATE, three times the
// live entries.
void HashTable::grow() { rebuild(keys_log2_size(std::size_t(used) * 3), used + 1); }

// 3.11's insertdict: a key that is not a str makes str-only keys general,
// by an insertion_resize.
void HashTable::leave_unicode_keys() {
    unicode_keys = false;
    if (block_ && has_unicode_keys_kind()) grow();
}

void HashTable::clone(const HashTable& from) {
    free_block();  // no live entry
    if (from.block_) {
        std::size_t bytes = from.index_bytes() + from.nentries_ * sizeof(Entry);
        block_ = static_cast<char*>(allocate_memory(bytes));
        std::memcpy(block_, from.block_, bytes);
        log2_size_ = from.log2_size_;
        nentries_ = capacity_ = from.nentries_;
        for (Entry& e : entries())
            if (e.key) {
                incref(e.key);
                xincref(e.value);
            }
    }
    used = from.used;
    unicode_keys = from.unicode_keys;
    ++generation;
    if (of_type) type_lookups_changed();
    if (watched) ++g_watched_dicts_epoch;
}

void HashTable::append(Object* key, std::int64_t hash, Object* value) {
    if (key->type != types.str && unicode_keys) leave_unicode_keys();
    if ((nentries_ + 1) * 3 > index_size() * 2) grow();
    else if (nentries_ == capacity_) grow_entries();
    std::size_t mask = index_size() - 1;
    auto perturb = static_cast<std::uint64_t>(hash);
    std::size_t i = probe_start(hash, mask);
    while (slot(i) >= 0) i = probe_next(i, perturb, mask);
    set_slot(i, static_cast<std::int32_t>(nentries_));
    entry_data()[nentries_++] = {hash, key, value};
    ++used;
    if (of_type) type_lookups_changed();
    if (watched) ++g_watched_dicts_epoch;
}

HashTable::Entry HashTable::remove(std::int64_t entry) {
    Entry& e = entry_data()[entry];
    Entry removed = e;
    set_slot(slot_of_entry(e.hash, entry), kDummy);
    e.key = nullptr;
    e.value = nullptr;
    --used;
    if (of_type) type_lookups_changed();
    if (watched) ++g_watched_dicts_epoch;
    return removed;
}

void HashTable::clear() {
    char* old_block = block_;
    std::size_t old_bytes = block_bytes();
    std::span<Entry> old = entries();
    block_ = nullptr;
    nentries_ = capacity_ = 0;
    log2_size_ = 0;
    used = 0;
    unicode_keys = true;
    ++generation;
    if (of_type) type_lookups_changed();
    if (watched) ++g_watched_dicts_epoch;
    for (Entry& e : old)
        if (e.key) {
            decref(e.key);
            xdecref(e.value);
        }
    if (old_block) free_memory(old_block, old_bytes);
}

// ---- dict ---------------------------------------------------------------------------------------

std::uint64_t g_watched_dicts_epoch = 1;

bool may_be_tracked(const Object* o) { return is_gc(o) && (o->type != types.tuple || (o->gc.bits & kGcTracked)); }

// A dict is untracked until it holds a container, except on 3.14, which
// tracks every dict (gc.dicts_always_tracked).
Ref<DictObject> new_dict() {
    if (rt().profile().gc_dicts_always_tracked) return make<DictObject>(types.dict);
    return make_untracked<DictObject>(types.dict);
}

static void maintain_tracking(DictObject* d, Object* key, Object* value) {
    if (!(d->gc.bits & kGcTracked) && (may_be_tracked(key) || may_be_tracked(value))) g_manager->track(d);
}

std::int64_t key_hash(Object* key) {
    if (key->type == types.str) return str_hash(static_cast<StrObject*>(key));
    return hash(key);
}

Object* dict_get(DictObject* d, Object* key) {
    std::int64_t ix = d->table.find(key, key_hash(key));
    return ix < 0 ? nullptr : d->table.entries()[ix].value;
}

Object* dict_get(DictObject* d, std::string_view key) { return dict_get(d, rt().intern(key)); }

void dict_set(DictObject* d, Object* key, Object* value) {
    std::int64_t h = key_hash(key);
    std::int64_t ix = d->table.find(key, h);
    maintain_tracking(d, key, value);
    incref(value);
    if (ix >= 0) {
        Object* old = d->table.entries()[ix].value;
        d->table.entries()[ix].value = value;
        if (d->table.of_type) type_lookups_changed();
        if (d->table.watched) ++g_watched_dicts_epoch;
        decref(old);
        return;
    }
    incref(key);
    d->table.append(key, h, value);
    if (d->view_of) view_key_added(d, key);
}

void dict_set(DictObject* d, std::string_view key, Object* value) { dict_set(d, rt().intern(key), value); }

Ref<> dict_pop(DictObject* d, Object* key) {
    std::int64_t ix = d->table.find(key, key_hash(key));
    if (ix < 0) return nullptr;
    HashTable::Entry e = d->table.remove(ix);
    decref(e.key);
    return Ref<>::take(e.value);
}

bool dict_del(DictObject* d, Object* key) { return static_cast<bool>(dict_pop(d, key)); }

std::size_t dict_size(const DictObject* d) { return d->table.used; }

void presize_dict(DictObject* d, std::size_t n, bool str_keys) {
    d->table.unicode_keys = str_keys;
    d->table.resize(estimated_log2_size(n));
}

namespace {

// clone_combined_dict_keys into an empty dict, which is tracked if `from`
// is.
void clone_into(DictObject* d, DictObject* from) {
    d->table.clone(from->table);
    if ((from->gc.bits & kGcTracked) && !(d->gc.bits & kGcTracked)) g_manager->track(d);
}

// dict_merge of a dict: into an empty dict, a dense one is cloned (3.8 and
// 3.9 size the copy by ESTIMATE_SIZE instead, which gives the same table);
// else one resize for both dicts' entries first, then each entry in order.
void dict_merge(DictObject* d, DictObject* other) {
    const HashTable& from = other->table;
    if (other == d || !from.used) return;
    if (!d->table.used && !d->view_of && from.used == from.entries().size() &&
        (from.log2_size() == 3 || usable_entries(from.log2_size() - 1) < from.used))
        return clone_into(d, other);
    if (usable_entries(d->table.log2_size()) < from.used) {
        if (has_unicode_keys_kind()) d->table.unicode_keys = d->table.unicode_keys && from.unicode_keys;
        d->table.resize(estimated_log2_size(d->table.used + from.used));
    }
    // __eq__ may change `other` under the loop: its entries are held first
    // (CPython holds each as it goes; no object of the program's is made).
    std::vector<std::pair<Ref<>, Ref<>>> entries;
    entries.reserve(from.used);
    dict_for_each(other, [&](Object* k, Object* v) { entries.emplace_back(share(k), share(v)); });
    for (auto& [k, v] : entries) dict_set(d, k.get(), v.get());
}

}  // namespace

// PyDict_Copy: an empty dict for an empty one, a clone of one with few
// deleted entries, else a merge (which compacts).
Ref<DictObject> dict_copy(DictObject* d) {
    const HashTable& t = d->table;
    if (!t.used) return new_dict();
    if (t.used < t.entries().size() * 2 / 3) {
        auto c = new_dict();
        dict_merge(c.get(), d);
        return c;
    }
    // clone_combined_dict, for a dict (not a subclass's) with a combined
    // table, takes its references to the keys and values before it allocates
    // the copy: a collection that allocation starts (to 3.11) finds them held
    // from outside, reachable where they are in the generation's list.
    std::vector<Ref<>> held;
    if (d->type == types.dict && !t.split)
        for (const HashTable::Entry& e : t.entries())
            if (e.key) {
                held.push_back(share(e.key));
                held.push_back(share(e.value));
            }
    auto c = new_dict();
    clone_into(c.get(), d);
    return c;
}

// PyMapping_Keys: what keys() returns, as a list (that list itself when it
// is one).
Ref<ListObject> mapping_keys(Object* mapping) {
    Ref<> keys = call_method(mapping, ids.keys, {});
    if (keys->type == types.list) return Ref<ListObject>::take(static_cast<ListObject*>(keys.release()));
    if (!keys->type->tp.iter)
        raisef(types.TypeError, "{}.keys() returned a non-iterable (type {})", type_name(mapping),
               type_name(keys.get()));
    Ref<> it = get_iter(keys.get());
    return list_from_iterable(it.get());
}

// PyDict_Update: a dict's items, or another mapping's through the list of
// its keys, each looked up.
void dict_update_from_mapping(DictObject* d, Object* mapping) {
    if (is_dict(mapping)) return dict_merge(d, static_cast<DictObject*>(mapping));
    Ref<> it;
    {
        Ref<ListObject> keys = mapping_keys(mapping);
        it = get_iter(keys.get());
    }
    while (Ref<> k = iter_next(it.get())) {
        Ref<> v = getitem(mapping, k.get());
        dict_set(d, k.get(), v.get());
    }
}

// dict.update's argument: a dict, an object with keys(), or pairs.
void dict_update(DictObject* d, Object* other) {
    if (is_dict(other)) return dict_merge(d, static_cast<DictObject*>(other));
    if (lookup_attr(other, ids.keys)) return dict_update_from_mapping(d, other);
    Ref<> it = get_iter(other);
    for (std::size_t n = 0;; ++n) {
        Ref<> pair = iter_next(it.get());
        if (!pair) break;
        // PySequence_Fast: a tuple or a list is used as it is, anything
        // else becomes a new list.
        Ref<> kv = std::move(pair);
        if (!is_tuple(kv.get()) && !is_list(kv.get())) kv = list_from_iterable(kv.get());
        const ItemArray& items =
            is_tuple(kv.get()) ? static_cast<TupleObject*>(kv.get())->items : static_cast<ListObject*>(kv.get())->items;
        if (items.size() != 2)
            raisef(types.ValueError, "dictionary update sequence element #{} has length {}; 2 is required", n,
                   items.size());
        Ref<> key = share(items[0]), value = share(items[1]);  // a list may change under dict_set
        dict_set(d, key.get(), value.get());
    }
}

void update_kwargs(DictObject* d, Args args) {
    for (std::size_t k = 0; k < args.nkw(); ++k) dict_set(d, args.kwnames->items[k], args[args.nargs + k]);
}

namespace {

DictObject* as_dict(Object* o) { return static_cast<DictObject*>(o); }

Ref<> dict_repr(Object* self) {
    DictObject* d = as_dict(self);
    ReprGuard guard(self);  // before the empty dict's "{}", as in CPython
    if (guard.recursive()) return new_str("{...}");
    if (!d->table.used) return new_str("{}");
    std::string out = "{";
    bool first = true;
    for (std::size_t i = 0; i < d->table.entries().size(); ++i) {
        if (!d->table.entries()[i].key) continue;
        Ref<> k = share(d->table.entries()[i].key), v = share(d->table.entries()[i].value);
        if (!first) out += ", ";
        first = false;
        out += repr_string(k.get()) + ": " + repr_string(v.get());
    }
    return new_str(out + "}");
}

Ref<> dict_richcompare(Object* a, Object* b, CompareOp op) {
    if (!is_dict(a) || !is_dict(b) || (op != CompareOp::Eq && op != CompareOp::Ne)) return share(consts.NotImplemented);
    bool eq = dict_size(as_dict(a)) == dict_size(as_dict(b));
    for (std::size_t i = 0; eq && i < as_dict(a)->table.entries().size(); ++i) {
        auto& e = as_dict(a)->table.entries()[i];
        if (!e.key) continue;
        Ref<> k = share(e.key), v = share(e.value);
        Object* other = dict_get(as_dict(b), k.get());
        eq = other && equal(v.get(), other);
    }
    return new_bool(op == CompareOp::Eq ? eq : !eq);
}

std::size_t dict_len(Object* self) { return dict_size(as_dict(self)); }

Ref<> dict_getitem(Object* self, Object* key) {
    if (Object* v = dict_get(as_dict(self), key)) return share(v);
    key_error(key);
}

void dict_setitem(Object* self, Object* key, Object* value) {
    if (value) return dict_set(as_dict(self), key, value);
    if (!dict_del(as_dict(self), key)) key_error(key);
}

bool dict_contains(Object* self, Object* key) { return dict_get(as_dict(self), key) != nullptr; }

Ref<> dict_iter(Object* self) {
    return make<DictIterObject>(types.dict_keyiterator, self, &as_dict(self)->table, DictPart::Keys);
}

Ref<> dict_new(TypeObject* type, Args) {
    // dict_new untracks the dict tp_alloc tracked
    if (type == types.dict) {
        auto d = make_with_tp_alloc<DictObject>(types.dict, rt().profile().gc_dicts_always_tracked);
        const std::optional<Profile::Sizes>& z = rt().profile().sizes;
        if (z && z->dict_new_allocates_keys) static_cast<DictObject*>(d.get())->table.resize(3);
        return d;
    }
    Object* o = type->class_layout->sub->allocate(type);
    allocate_block(o);
    g_manager->on_allocate(o, true);
    return Ref<>::take(o);
}

void dict_init(Object* self, Args args) {
    check_nargs("dict", Args{args.items, args.nargs, nullptr}, 0, 1);
    if (args.nargs) dict_update(as_dict(self), args[0]);
    update_kwargs(as_dict(self), args);
}

Ref<> m_get(Object* self, Args args, void*) {
    check_nargs("dict.get", args, 1, 2);
    if (Object* v = dict_get(as_dict(self), args[0])) return share(v);
    return args.nargs > 1 ? share(args[1]) : new_none();
}

Ref<> m_pop(Object* self, Args args, void*) {
    check_nargs("dict.pop", args, 1, 2);
    if (Ref<> v = dict_pop(as_dict(self), args[0])) return v;
    if (args.nargs > 1) return share(args[1]);
    key_error(args[0]);
}

Ref<> m_popitem(Object* self, Args args, void*) {
    check_nargs("dict.popitem", args, 0, 0);
    DictObject* d = as_dict(self);
    for (auto i = d->table.entries().size(); i-- > 0;)
        if (d->table.entries()[i].key) {
            HashTable::Entry e = d->table.remove(static_cast<std::int64_t>(i));
            return new_tuple({e.key, e.value});
        }
    raise(types.KeyError, "popitem(): dictionary is empty");
}

Ref<> m_setdefault(Object* self, Args args, void*) {
    check_nargs("dict.setdefault", args, 1, 2);
    if (Object* v = dict_get(as_dict(self), args[0])) return share(v);
    Object* value = args.nargs > 1 ? args[1] : consts.None;
    dict_set(as_dict(self), args[0], value);
    return share(value);
}

// Whether the runtime calls dict.update with its positional arguments in a
// new tuple and its keywords in a new dict (METH_VARARGS | METH_KEYWORDS,
// to 3.13): the profile's builtins.varargs names it.
bool update_packs_arguments() {
    static std::uint64_t serial = 0;
    static bool packs = false;
    if (serial != rt().serial()) {
        packs = rt().profile().packs_arguments("dict", "update");
        serial = rt().serial();
    }
    return packs;
}

Ref<> m_update(Object* self, Args args, void*) {
    check_nargs("dict.update", Args{args.items, args.nargs, nullptr}, 0, 1);
    Ref<TupleObject> packed;  // alive during the call, as CPython's
    if (update_packs_arguments()) packed = positional_tuple(args);
    if (args.nargs) dict_update(as_dict(self), args[0]);
    if (update_packs_arguments() && args.nkw()) {
        Ref<DictObject> keywords = new_dict();
        update_kwargs(keywords.get(), args);
        dict_update_from_mapping(as_dict(self), keywords.get());
        return new_none();
    }
    update_kwargs(as_dict(self), args);
    return new_none();
}

Ref<> m_clear(Object* self, Args args, void*) {
    check_nargs("dict.clear", args, 0, 0);
    as_dict(self)->table.clear();
    return new_none();
}

Ref<> m_copy(Object* self, Args args, void*) {
    check_nargs("dict.copy", args, 0, 0);
    return dict_copy(as_dict(self));
}

template <DictPart P> Ref<> m_view(Object* self, Args args, void*) {
    check_nargs(P == DictPart::Keys ? "dict.keys" : P == DictPart::Values ? "dict.values" : "dict.items", args, 0, 0);
    TypeObject* t = P == DictPart::Keys     ? types.dict_keys
                    : P == DictPart::Values ? types.dict_values
                                            : types.dict_items;
    return make<DictViewObject>(t, share(as_dict(self)).release(), P);
}

// PEP 584's union operators, from CPython 3.9 on: dict | dict, a new dict;
// dict |= mapping or pairs, as update().
bool has_union_operators() {
    const std::array<int, 3>& v = rt().profile().version_info;
    return v[0] > 3 || (v[0] == 3 && v[1] >= 9);
}

Ref<> dict_or(Object* a, Object* b) {
    if (!has_union_operators() || !is_dict(a) || !is_dict(b)) return share(consts.NotImplemented);
    Ref<DictObject> result = dict_copy(as_dict(a));
    dict_update(result.get(), b);
    return result;
}

Ref<> dict_ior(Object* self, Object* other) {
    if (!has_union_operators()) return share(consts.NotImplemented);
    dict_update(as_dict(self), other);
    return share(self);
}

}  // namespace

void init_dict_type() {
    TypeObject* t = types.dict;
    t->tp.repr = &dict_repr;
    t->tp.hash = &hash_not_implemented;
    t->tp.richcompare = &dict_richcompare;
    t->tp.len = &dict_len;
    t->tp.getitem = &dict_getitem;
    t->tp.setitem = &dict_setitem;
    t->tp.contains = &dict_contains;
    t->tp.iter = &dict_iter;
    t->tp.new_ = &dict_new;
    t->tp.init = &dict_init;
    t->tp.number[number_slot(lang::BinaryOp::Or)] = &dict_or;
    t->tp.number[inplace_slot(lang::BinaryOp::Or)] = &dict_ior;
    add_method(t, "get", &m_get);
    add_method(t, "pop", &m_pop);
    add_method(t, "popitem", &m_popitem);
    add_method(t, "setdefault", &m_setdefault);
    add_method(t, "update", &m_update);
    add_method(t, "clear", &m_clear);
    add_method(t, "copy", &m_copy);
    add_method(t, "keys", &m_view<DictPart::Keys>);
    add_method(t, "values", &m_view<DictPart::Values>);
    add_method(t, "items", &m_view<DictPart::Items>);
}

}  // namespace vm
