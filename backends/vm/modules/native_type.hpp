// What the types of the native modules (math's neighbours: _random,
// itertools, _collections, _functools, ...) share: making such a type, and
// making its instances or those of a Python class derived from it.
#pragma once

#include <utility>

#include "../api.hpp"
#include "../runtime.hpp"

namespace vm {

// A builtin type of module `module` (its tp_name "module.name"), with the
// layout T; `flags` as new_builtin_type's. A type that may be subclassed
// (TF_BASETYPE) gets T's subclass layout, so that a class statement can
// derive from it.
// Its size is the profile's (sizes.types, by tp_name); `buffers`, what
// sys.getsizeof adds to it.
template <class T>
TypeObject* new_native_type(const char* module, const char* name, std::uint32_t flags,
                            std::int64_t (*buffers)(Object*) = nullptr) {
    TypeObject* t = new_builtin_type(name, types.object, &LayoutOf<T>::ops, flags, module);
    if (flags & TF_BASETYPE) t->subclass_layout = &Extended<T>::subclass;
    if (rt().profile().dotted_native_type_names) t->dotted_name = std::string(module) + "." + name;
    t->tp.sizeof_buffers = buffers;
    return t;
}

// A new instance of `type`, which is `builtin` or a class derived from it:
// a T (tracked when `tracked`, as CPython tracks the builtin's instances),
// or the class's extension of T, which a collector always tracks (a class
// of a type without GC gets it for its __dict__). T is made from the type
// alone; the caller fills it in.
template <class T> Ref<T> new_native_instance(TypeObject* type, TypeObject* builtin, bool tracked) {
    if (type == builtin) return tracked ? make<T>(type) : make_untracked<T>(type);
    Object* o = type->class_layout->sub->allocate(type);
    allocate_block(o);
    g_manager->on_allocate(o, true);
    if (type->class_layout->has_dict) type->class_layout->instance_made();
    return Ref<T>::take(static_cast<T*>(o));
}

}  // namespace vm
