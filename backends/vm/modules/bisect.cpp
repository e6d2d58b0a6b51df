// _bisect and _heapq, as CPython's Modules/_bisectmodule.c and
// _heapqmodule.c compare and move items: the same comparisons in the same
// order (a class's __lt__ sees each), the list changed under them
// detected, and heappop's list shrunk as PyList_SetSlice shrinks it.
#include "modules.hpp"

#include "../api.hpp"

namespace vm {

namespace {

// ---- _bisect ------------------------------------------------------------------------------------

CallKey bisect_key(const char* name) { return {"_bisect", name}; }

// The arguments (a, x, lo=0, hi=None, *, key=None); hi is -1 for None.
struct BisectArgs {
    Object* a = nullptr;
    Object* x = nullptr;
    std::int64_t lo = 0, hi = -1;
    Object* key = nullptr;  // null: none
};

BisectArgs bisect_args(const char* name, Args args) {
    Object *a = nullptr, *x = nullptr, *lo = nullptr, *hi = nullptr, *key = nullptr;
    CallKey call_key = bisect_key(name);
    if (args.nargs > 4) raise_arity_error(call_key, args.nargs);
    if (rt().profile().bisect.key)
        parse_args(call_key, args, {"a", "x", "lo", "hi", "key"}, 2, {&a, &x, &lo, &hi, &key});
    else parse_args(call_key, args, {"a", "x", "lo", "hi"}, 2, {&a, &x, &lo, &hi});
    BisectArgs out{a, x};
    if (lo) out.lo = as_index(lo);
    if (hi) {
        if (hi == consts.None && !rt().profile().bisect.hi_accepts_none)
            raise(types.TypeError, "'NoneType' object cannot be interpreted as an integer");
        if (hi != consts.None) {
            if (!hi->type->tp.index)
                raise_message(types.TypeError, "bisect_hi_type", "argument should be integer or None, not '{}'",
                              type_name(hi));
            out.hi = as_index(hi);
        }
    }
    if (key && key != consts.None) out.key = key;
    return out;
}

// internal_bisect_right and _left: `right` puts x after its equals.
std::int64_t bisect(const BisectArgs& b, Object* x, bool right) {
    std::int64_t lo = b.lo, hi = b.hi;
    if (lo < 0) raise(types.ValueError, "lo must be non-negative");
    if (hi == -1) hi = static_cast<std::int64_t>(length(b.a));
    while (lo < hi) {
        std::int64_t mid = static_cast<std::int64_t>((static_cast<std::uint64_t>(lo) + hi) / 2);
        Ref<> index = new_int(mid);
        Ref<> item = getitem(b.a, index.get());
        index.reset();
        if (b.key) item = call(b.key, {item.get()});
        bool less =
            right ? richcompare_bool(x, item.get(), CompareOp::Lt) : richcompare_bool(item.get(), x, CompareOp::Lt);
        if (right ? less : !less) hi = mid;
        else lo = mid + 1;
    }
    return lo;
}

template <bool Right> Ref<> b_bisect(Object*, Args args, void* name) {
    BisectArgs b = bisect_args(static_cast<const char*>(name), args);
    return new_int(bisect(b, b.x, Right));
}

// insort: the index of x (of key(x) with a key), then the list's insert
// (PyList_Insert for an exact list, the insert method for anything else).
template <bool Right> Ref<> b_insort(Object*, Args args, void* name) {
    BisectArgs b = bisect_args(static_cast<const char*>(name), args);
    Ref<> probe = b.key ? call(b.key, {b.x}) : share(b.x);
    std::int64_t index = bisect(b, probe.get(), Right);
    probe.reset();
    if (b.a->type == types.list) {
        list_insert(static_cast<ListObject*>(b.a), index, b.x);
    } else {
        Ref<> at = new_int(index);
        static StrObject* const insert = rt().intern("insert");
        call_method(b.a, insert, {at.get(), b.x});
    }
    return new_none();
}

// ---- _heapq -------------------------------------------------------------------------------------

CallKey heapq_key(const char* name) { return {"_heapq", name}; }

ListObject* heap_list(Object* heap, const char* function, bool only_argument) {
    if (!is_list(heap))
        raise_message(types.TypeError, "heap_not_list", "{}() {} must be list, not {}", function,
                      only_argument ? "argument" : "argument 1", type_name(heap));
    return static_cast<ListObject*>(heap);
}

[[noreturn]] void changed_size() { raise(types.RuntimeError, "list changed size during iteration"); }

// The comparison of a min-heap (a < b) or a max-heap (b < a), each item
// held while compared.
bool less(Object* a, Object* b, bool max_heap) {
    Ref<> x = share(a), y = share(b);
    return max_heap ? richcompare_bool(y.get(), x.get(), CompareOp::Lt)
                    : richcompare_bool(x.get(), y.get(), CompareOp::Lt);
}

// siftdown: the item at pos moves towards the root past the parents
// greater than it.
void sift_down(ListObject* heap, std::size_t startpos, std::size_t pos, bool max_heap) {
    std::size_t size = heap->size();
    if (pos >= size) raise(types.IndexError, "list index out of range");
    while (pos > startpos) {
        std::size_t parentpos = (pos - 1) >> 1;
        bool smaller = less(heap->items[pos], heap->items[parentpos], max_heap);
        if (size != heap->size()) changed_size();
        if (!smaller) break;
        std::swap(heap->items[parentpos], heap->items[pos]);
        pos = parentpos;
    }
}

// siftup: the smaller child moves up until pos is a leaf, then the item
// that was at pos sifts down from there.
void sift_up(ListObject* heap, std::size_t pos, bool max_heap) {
    std::size_t endpos = heap->size(), startpos = pos;
    if (pos >= endpos) raise(types.IndexError, "list index out of range");
    std::size_t limit = endpos >> 1;
    while (pos < limit) {
        std::size_t childpos = 2 * pos + 1;
        if (childpos + 1 < endpos) {
            bool left_smaller = less(heap->items[childpos], heap->items[childpos + 1], max_heap);
            if (!left_smaller) ++childpos;
            if (endpos != heap->size()) changed_size();
        }
        std::swap(heap->items[childpos], heap->items[pos]);
        pos = childpos;
    }
    sift_down(heap, startpos, pos, max_heap);
}

Ref<> h_heappush(Object*, Args args, void*) {
    check_nargs(heapq_key("heappush"), args, 2, 2);
    ListObject* heap = heap_list(args[0], "heappush", false);
    list_append(heap, args[1]);
    sift_down(heap, 0, heap->size() - 1, false);
    return new_none();
}

// heappop: the last item takes the root's place (the list shrunk first).
Ref<> heappop(Object* heap_arg, const char* name, bool max_heap) {
    ListObject* heap = heap_list(heap_arg, name, true);
    std::size_t n = heap->size();
    if (n == 0) raise(types.IndexError, "index out of range");
    Ref<> last = share(heap->items[n - 1]);
    list_delete_slice(heap, n - 1, n);
    if (n == 1) return last;
    Ref<> top = Ref<>::take(heap->items[0]);
    heap->items[0] = last.release();
    sift_up(heap, 0, max_heap);
    return top;
}

Ref<> h_heappop(Object*, Args args, void*) {
    check_nargs(heapq_key("heappop"), args, 1, 1);
    return heappop(args[0], "heappop", false);
}

Ref<> h_heappop_max(Object*, Args args, void*) {
    check_nargs(heapq_key("_heappop_max"), args, 1, 1);
    return heappop(args[0], "_heappop_max", true);
}

Ref<> heapreplace(Args args, const char* name, bool max_heap) {
    check_nargs(heapq_key(name), args, 2, 2);
    ListObject* heap = heap_list(args[0], name, false);
    if (heap->size() == 0) raise(types.IndexError, "index out of range");
    Ref<> top = Ref<>::take(heap->items[0]);
    heap->items[0] = share(args[1]).release();
    sift_up(heap, 0, max_heap);
    return top;
}

Ref<> h_heapreplace(Object*, Args args, void*) { return heapreplace(args, "heapreplace", false); }
Ref<> h_heapreplace_max(Object*, Args args, void*) { return heapreplace(args, "_heapreplace_max", true); }

Ref<> h_heappushpop(Object*, Args args, void*) {
    check_nargs(heapq_key("heappushpop"), args, 2, 2);
    ListObject* heap = heap_list(args[0], "heappushpop", false);
    Object* item = args[1];
    if (heap->size() == 0) return share(item);
    bool top_smaller = less(heap->items[0], item, false);
    if (!top_smaller) return share(item);
    if (heap->size() == 0) raise(types.IndexError, "index out of range");
    Ref<> top = Ref<>::take(heap->items[0]);
    heap->items[0] = share(item).release();
    sift_up(heap, 0, false);
    return top;
}

// The largest power of two not above n.
std::size_t keep_top_bit(std::size_t n) {
    int shift = 0;
    while (n > 1) {
        n >>= 1;
        ++shift;
    }
    return n << shift;
}

// heapify: bottom-up; past 2500 items in CPython's cache-friendly order
// (each pair of siblings, then their parent at once), which compares the
// same items but in another order.
Ref<> heapify(Object* heap_arg, const char* name, bool max_heap) {
    ListObject* heap = heap_list(heap_arg, name, true);
    std::size_t n = heap->size();
    if (n > 2500) {
        std::size_t m = n >> 1, leftmost = keep_top_bit(m + 1) - 1, mhalf = m >> 1;
        auto sift_pairs = [&](std::size_t from, std::size_t down_to) {
            for (std::size_t i = from; i-- > down_to;) {
                for (std::size_t j = i;; j >>= 1) {
                    sift_up(heap, j, max_heap);
                    if (!(j & 1)) break;
                }
            }
        };
        sift_pairs(leftmost, mhalf);
        sift_pairs(m, leftmost);
        return new_none();
    }
    for (std::size_t i = n >> 1; i-- > 0;) sift_up(heap, i, max_heap);
    return new_none();
}

Ref<> h_heapify(Object*, Args args, void*) {
    check_nargs(heapq_key("heapify"), args, 1, 1);
    return heapify(args[0], "heapify", false);
}

Ref<> h_heapify_max(Object*, Args args, void*) {
    check_nargs(heapq_key("_heapify_max"), args, 1, 1);
    return heapify(args[0], "_heapify_max", true);
}

}  // namespace

Ref<ModuleObject> make_bisect_module() {
    require_runtime_module("_bisect");
    NativeModule m("_bisect");
    m.add_function("bisect_right", &b_bisect<true>, const_cast<char*>("bisect_right"));
    m.add_function("bisect_left", &b_bisect<false>, const_cast<char*>("bisect_left"));
    m.add_function("insort_right", &b_insort<true>, const_cast<char*>("insort_right"));
    m.add_function("insort_left", &b_insort<false>, const_cast<char*>("insort_left"));
    m.keep_runtime_names();
    return m.take();
}

Ref<ModuleObject> make_heapq_module() {
    require_runtime_module("_heapq");
    NativeModule m("_heapq");
    m.add_function("heappush", &h_heappush);
    m.add_function("heappop", &h_heappop);
    m.add_function("heapreplace", &h_heapreplace);
    m.add_function("heappushpop", &h_heappushpop);
    m.add_function("heapify", &h_heapify);
    m.add_function("_heappop_max", &h_heappop_max);
    m.add_function("_heapreplace_max", &h_heapreplace_max);
    m.add_function("_heapify_max", &h_heapify_max);
    m.keep_runtime_names();
    return m.take();
}

}  // namespace vm
