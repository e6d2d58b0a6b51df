// What the match statement's instructions do (match.cpp).
#pragma once

#include <cstddef>

#include "object.hpp"

namespace vm {

// MATCH_SEQUENCE and MATCH_MAPPING: the type's Py_TPFLAGS_SEQUENCE or
// Py_TPFLAGS_MAPPING, which a class inherits.
bool match_sequence(Object* subject);
bool match_mapping(Object* subject);
// MATCH_KEYS: a tuple of the values of the tuple `keys` in `map`, or None.
Ref<> match_keys(Object* map, Object* keys);
// MATCH_CLASS: a tuple of the subject's attributes for `nargs` positional
// patterns (by __match_args__) and the keyword patterns' `names`, or None.
Ref<> match_class(Object* subject, Object* type, std::size_t nargs, Object* names);

}  // namespace vm
