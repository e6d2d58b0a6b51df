// C code's recursion (CPython's Py_EnterRecursiveCall): the levels repr,
// str, comparison and calls of builtins nest, counted as the profile's
// sys.c_recursion says, so that a RecursionError comes where the runtime's.
#pragma once

namespace vm {

// One level of C recursion, held for the guard's scope.
class CRecursionGuard {
  public:
    enum class Charge {
        Level,  // the runtime counts this level (Py_EnterRecursiveCall)
        MaybeLevel,  // it may or may not (a call the runtime may have specialized)
        StackOnly,  // it counts nothing, but its C stack grows (tuple's hash)
    };
    // `where` ends the RecursionError's message (" in comparison"); null:
    // the runtime's message is not known, and a failure stops as unsupported.
    explicit CRecursionGuard(const char* where, Charge charge = Charge::Level);
    ~CRecursionGuard();
    CRecursionGuard(const CRecursionGuard&) = delete;
    CRecursionGuard& operator=(const CRecursionGuard&) = delete;

  private:
    bool counted_;  // a level the runtime counts
    bool shared_;  // ... in the Python frames' count (to 3.11)
    bool maybe_;  // ... or may count
};

// What entering and leaving a level at once checks: where C code takes a
// level but nests nothing (a comparison of ints), it may still pass the limit.
inline void check_c_level(const char* where, CRecursionGuard::Charge charge) { CRecursionGuard level(where, charge); }

}  // namespace vm
