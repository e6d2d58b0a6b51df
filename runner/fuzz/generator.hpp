// The generator of random programs inside pymodel's subset. A program
// builds and mutates an object graph the way memory tests do, and makes
// every object observable only through what it prints: `__del__`, weakref
// callbacks and finalizers, explicit checks (a weakref still alive, a
// file's size on disk, what gc.collect() returns), never addresses or ids.
// It is deterministic: a seed gives the same program on every machine.
#pragma once

#include "runner/fuzz/program.hpp"

#include <cstdint>
#include <optional>
#include <set>
#include <span>
#include <string>
#include <string_view>

namespace memconform::fuzz {

// What a program may use; each can be turned off (`--without`).
enum class Feature {
    Finalizers,  // classes with __del__ (printing, resurrecting, raising, calling super)
    Slots,  // classes with __slots__
    Weakrefs,  // weakref.ref with and without callbacks, proxy, finalize
    WeakContainers,  // WeakValueDictionary, WeakKeyDictionary, WeakSet
    Closures,  // closures and bound methods
    Files,  // files written, closed or dropped
    Generators,  // generators advanced, exhausted or dropped mid-way
    Exceptions,  // exceptions raised, caught and kept with their tracebacks
    GcCalls,  // gc.collect(), gc.disable()/enable()
    Atexit,  // atexit callbacks
    Cycles,  // reference cycles of every shape (garbage for the cycle collector)
    Shutdown,  // objects still alive at exit (else the program drops every name before its end)
    GcAutomatic,  // loops that allocate enough to start automatic collections
    Comprehensions,  // list, set and dict comprehensions and generator expressions
    Subclasses,  // classes derived from builtin types whose __init__ calls super().__init__
    GcThresholds,  // low gc.set_threshold()s, each generation's, before longer gc-automatic loops
};

struct FeatureInfo {
    Feature feature;
    std::string_view name;
    std::string_view description;
};

std::span<const FeatureInfo> feature_list();

// The feature named [name], if there is one.
std::optional<Feature> feature_named(std::string_view name);
std::string_view feature_name(Feature feature);

struct GeneratorOptions {
    std::set<Feature> without;
    // The model is PyPy's, which it follows but for two things, so that
    // gc-automatic's loops leave them out (docs/differential-fuzzing.md):
    // - finalizers run at safe points after a collection, and where a
    //   raising __del__'s report lands among the other finalizers' output
    //   depends on what PyPy itself allocates: no instance whose __del__
    //   raises;
    // - the model has no JIT, and what PyPy's JIT compiles (a loop after
    //   1,039 turns, a function after 1,619 calls) changes the order of
    //   later finalizers: fewer than 1,000 turns in all.
    bool pypy_model = false;

    bool has(Feature f) const { return !without.contains(f); }
    // The names of the features turned off, comma-separated ("" when none).
    std::string without_list() const;
};

// The line every program prints last: what follows it happens at exit.
inline constexpr std::string_view kEndMarker = "-- end";

Program generate(std::uint64_t seed, const GeneratorOptions& options);

}  // namespace memconform::fuzz
