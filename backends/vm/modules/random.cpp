// _random: the Mersenne Twister (MT19937) that random.py builds on, as
// CPython's Modules/_randommodule.c seeds and reads it, so that every
// function of random.py gives CPython's numbers: an int seed by its
// absolute value, split into 32-bit words for init_by_array; no seed, 624
// words of the system's entropy; random() from two 32-bit outputs;
// getrandbits from whole words, the last one shifted. A seed that CPython
// takes by its hash (a float) stops the program as unsupported: the
// model's hashes are not CPython's.
#include <sys/random.h>

#include <array>
#include <cmath>

#include "../bigint.hpp"
#include "modules.hpp"
#include "native_type.hpp"

namespace vm {

namespace {

constexpr int kN = 624;
constexpr int kM = 397;

struct RandomObject : Atom {
    std::array<std::uint32_t, kN> state{};
    int index = 0;
    // Seeded by 3.8's and 3.9's tp_new from the hash of its argument tuple,
    // which the model does not compute: reading the state before a seed()
    // is unsupported.
    bool seeded_by_hash = false;
    explicit RandomObject(TypeObject* t) : Atom(t) {}

    void init_genrand(std::uint32_t seed) {
        state[0] = seed;
        for (int i = 1; i < kN; ++i)
            state[i] = 1812433253U * (state[i - 1] ^ (state[i - 1] >> 30)) + static_cast<std::uint32_t>(i);
        index = kN;
    }

    void init_by_array(const std::vector<std::uint32_t>& key) {
        init_genrand(19650218U);
        std::size_t i = 1, j = 0;
        for (std::size_t k = std::max<std::size_t>(kN, key.size()); k; --k) {
            state[i] = (state[i] ^ ((state[i - 1] ^ (state[i - 1] >> 30)) * 1664525U)) + key[j] +
                       static_cast<std::uint32_t>(j);
            ++i;
            ++j;
            if (i >= kN) {
                state[0] = state[kN - 1];
                i = 1;
            }
            if (j >= key.size()) j = 0;
        }
        for (std::size_t k = kN - 1; k; --k) {
            state[i] =
                (state[i] ^ ((state[i - 1] ^ (state[i - 1] >> 30)) * 1566083941U)) - static_cast<std::uint32_t>(i);
            ++i;
            if (i >= kN) {
                state[0] = state[kN - 1];
                i = 1;
            }
        }
        state[0] = 0x80000000U;  // a non-zero initial array
    }

    std::uint32_t next_word() {
        constexpr std::uint32_t kUpper = 0x80000000U, kLower = 0x7fffffffU, kMatrix = 0x9908b0dfU;
        auto twist = [](std::uint32_t a, std::uint32_t b, std::uint32_t far) {
            std::uint32_t y = (a & kUpper) | (b & kLower);
            return far ^ (y >> 1) ^ ((y & 1U) ? kMatrix : 0U);
        };
        if (index >= kN) {
            int k = 0;
            for (; k < kN - kM; ++k) state[k] = twist(state[k], state[k + 1], state[k + kM]);
            for (; k < kN - 1; ++k) state[k] = twist(state[k], state[k + 1], state[k + kM - kN]);
            state[kN - 1] = twist(state[kN - 1], state[0], state[kM - 1]);
            index = 0;
        }
        std::uint32_t y = state[index++];
        y ^= y >> 11;
        y ^= (y << 7) & 0x9d2c5680U;
        y ^= (y << 15) & 0xefc60000U;
        y ^= y >> 18;
        return y;
    }
};

TypeObject* g_random_type = nullptr;  // _random.Random, made with the module

RandomObject* as_random(Object* o) { return static_cast<RandomObject*>(o); }

CallKey method_key(const char* name) { return {"_random.Random", name}; }

// random_seed: None (or no argument) seeds from the system's entropy; an
// int from its absolute value's 32-bit words, least significant first.
void seed(RandomObject* r, Object* arg) {
    if (!arg || arg == consts.None) {
        std::vector<std::uint32_t> key(kN);
        std::size_t want = key.size() * sizeof(std::uint32_t), got = 0;
        auto* bytes = reinterpret_cast<char*>(key.data());
        while (got < want) {
            ssize_t n = getrandom(bytes + got, want - got, 0);
            if (n <= 0) unsupported("seeding _random.Random: the system's entropy is not available");
            got += static_cast<std::size_t>(n);
        }
        r->init_by_array(key);
        return;
    }
    if (!is_int(arg)) unsupported("seeding _random.Random from the hash of a '" + type_name(arg) + "'");
    BigInt n = boost::multiprecision::abs(big_value(arg));
    std::vector<std::uint32_t> key{static_cast<std::uint32_t>(n & UINT32_MAX)};
    for (n >>= 32; n != 0; n >>= 32) key.push_back(static_cast<std::uint32_t>(n & UINT32_MAX));
    r->init_by_array(key);
}

const Profile::Random& behavior() { return rt().profile().random; }

// Where the runtime's checks are not CPython's (PyPy's), what CPython
// refuses stops the program instead.
void refused(const char* what) {
    if (!behavior().checks_like_cpython) unsupported(std::string("_random.Random: ") + what + " on this runtime");
}

// The constructor's arguments: no keyword for _random.Random itself (a
// class derived from it takes them in its __init__); at most one, but for
// 3.8's and 3.9's tp_new, which seeds from the whole tuple.
void check_constructor(TypeObject* type, Args args) {
    if (args.nkw() && type == g_random_type) {
        refused("a keyword argument");
        raise_keyword_error("_random.Random", str_value(args.kwnames->items[0]));
    }
    if (args.nargs > 1 && !behavior().seeds_from_argument_tuple) {
        refused("more than one argument");
        raise_arity_error("_random.Random", args.nargs);
    }
}

// The tp_new of 3.11+: the state zeroed, seeded by tp_init.
Ref<> random_new(TypeObject* type, Args) { return new_native_instance<RandomObject>(type, g_random_type, false); }

void random_init(Object* self, Args args) {
    check_constructor(self->type, args);
    seed(as_random(self), args.nargs ? args[0] : nullptr);
}

// The tp_new of 3.8 to 3.10 (and PyPy's): seeded here, with no tp_init.
Ref<> random_new_seeding(TypeObject* type, Args args) {
    check_constructor(type, args);
    Ref<RandomObject> r = new_native_instance<RandomObject>(type, g_random_type, false);
    if (behavior().seeds_from_argument_tuple) r->seeded_by_hash = true;
    else seed(r.get(), args.nargs ? args[0] : nullptr);
    return r;
}

// The generator of `self`, once its state is one the model knows.
RandomObject* generator(Object* self) {
    RandomObject* r = as_random(self);
    if (r->seeded_by_hash) unsupported("_random.Random seeded by tp_new from the hash of its arguments (3.8, 3.9)");
    return r;
}

Ref<> r_seed(Object* self, Args args, void*) {
    check_nargs(method_key("seed"), args, 0, 1);
    as_random(self)->seeded_by_hash = false;
    seed(as_random(self), args.nargs ? args[0] : nullptr);
    return new_none();
}

// random(): 53 random bits, from two words of 27 and 26 bits.
Ref<> r_random(Object* self, Args args, void*) {
    check_nargs(method_key("random"), args, 0, 0);
    RandomObject* r = generator(self);
    std::uint32_t a = r->next_word() >> 5, b = r->next_word() >> 6;
    return new_float((a * 67108864.0 + b) * (1.0 / 9007199254740992.0));
}

Ref<> r_getrandbits(Object* self, Args args, void*) {
    check_nargs(method_key("getrandbits"), args, 1, 1);
    Object* arg = args[0];
    if (!is_int(arg)) refused("getrandbits of a non-int");
    if (is_float(arg))
        raise_message(types.TypeError, "random_bits_float", "'float' object cannot be interpreted as an integer");
    if (!arg->type->tp.index)
        raise_message(types.TypeError, "random_bits_type", "'{}' object cannot be interpreted as an integer",
                      type_name(arg));
    std::int64_t k = as_index(arg);
    if (k > INT32_MAX) {
        refused("getrandbits beyond a C int");
        raise(types.OverflowError, "Python int too large to convert to C int");
    }
    if (k < 0 || (k == 0 && !behavior().zero_bits))
        raise_message(types.ValueError, "random_bits_negative", "number of bits must be non-negative");
    RandomObject* r = generator(self);
    if (k <= 32) return new_int(k == 0 ? 0 : r->next_word() >> (32 - k));
    // Whole words from the least significant; the last one shifted.
    BigInt value = 0;
    unsigned shift = 0;
    for (std::int64_t left = k; left > 0; left -= 32, shift += 32) {
        std::uint32_t word = r->next_word();
        if (left < 32) word >>= 32 - left;
        value |= BigInt(word) << shift;
    }
    return new_int(value);
}

// getstate(): the 624 words, then the index (PyTuple_New, filled in).
Ref<> r_getstate(Object* self, Args args, void*) {
    check_nargs(method_key("getstate"), args, 0, 0);
    RandomObject* r = generator(self);
    Ref<TupleObject> state = none_tuple(kN + 1);
    for (int i = 0; i <= kN; ++i) {
        Object* none = state->items[i];
        state->items[i] = new_int(i < kN ? r->state[i] : r->index).release();
        decref(none);
    }
    return state;
}

Ref<> r_setstate(Object* self, Args args, void*) {
    check_nargs(method_key("setstate"), args, 1, 1);
    Object* arg = args[0];
    if (!is_tuple(arg)) {
        refused("setstate of a non-tuple");
        raise(types.TypeError, "state vector must be a tuple");
    }
    const ItemArray& items = static_cast<TupleObject*>(arg)->items;
    if (items.size() != kN + 1) {
        refused("setstate of the wrong size");
        raise(types.ValueError, "state vector is the wrong size");
    }
    std::array<std::uint32_t, kN> words{};
    for (int i = 0; i < kN; ++i) {
        Object* w = items[i];
        if (!is_int(w) || int_value(w) < 0 || int_value(w) > UINT32_MAX) refused("setstate of a word not of 32 bits");
        if (!is_int(w)) raise(types.TypeError, "an integer is required");
        if (int_value(w) < 0) raise(types.OverflowError, "can't convert negative value to unsigned int");
        words[i] = static_cast<std::uint32_t>(int_value(w));  // PyLong_AsUnsignedLong, cast to 32 bits
    }
    Object* index_arg = items[kN];
    if (!is_int(index_arg)) {
        refused("setstate of a non-int index");
        if (is_float(index_arg) || !index_arg->type->tp.index)
            unsupported("_random.Random.setstate of a state whose index is no int");
    }
    std::int64_t index = as_index(index_arg);
    if (index < 0 || index > kN) {
        refused("setstate of an index out of range");
        raise(types.ValueError, "invalid state");
    }
    RandomObject* r = as_random(self);
    r->state = words;
    r->index = static_cast<int>(index);
    r->seeded_by_hash = false;
    return new_none();
}

}  // namespace

Ref<ModuleObject> make_random_module() {
    require_runtime_module("_random");
    g_random_type = new_native_type<RandomObject>("_random", "Random", TF_BASETYPE);
    TypeObject* t = g_random_type;
    if (rt().profile().random.seeds_in_new) {
        t->tp.new_ = &random_new_seeding;
    } else {
        t->tp.new_ = &random_new;
        t->tp.init = &random_init;
    }
    add_method(t, "seed", &r_seed);
    add_method(t, "random", &r_random);
    add_method(t, "getrandbits", &r_getrandbits);
    add_method(t, "getstate", &r_getstate);
    add_method(t, "setstate", &r_setstate);
    inherit_slots(t);
    add_slot_wrappers(t);
    NativeModule m("_random");
    m.add("Random", t);
    m.keep_runtime_names();
    return m.take();
}

}  // namespace vm
