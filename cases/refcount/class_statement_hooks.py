# ---
# summary = "A class statement calls __set_name__ and __init_subclass__ with its keywords; what it allocates on the way"
# tags = ["refcount", "temporaries", "gc-module", "version-dependent"]
# requires = ["py3-syntax", "gc-counts"]
# refs = [
#   "https://github.com/python/cpython/blob/3.11/Objects/typeobject.c",
#   "https://github.com/python/cpython/blob/3.11/Python/bltinmodule.c",
# ]
# explain = """
# type_new, once the class is ready, calls __set_name__(cls, name) of
# each value of the class dict that has one, over a copy of that dict,
# then super(cls, cls).__init_subclass__(**keywords): the class
# statement's keywords but metaclass, which __build_class__ keeps in a
# dict of its own while the body runs. object.__init_subclass__ takes no
# keyword: naming the class in its error from 3.9. What stays allocated
# per statement (the class, its dict, its MRO and bases tuples, the
# subclass weakref) differs by version; the copy, the super object and
# the bound method are freed before the statement ends."""
# portable = "A class statement allocates a handful of tracked objects; never count on gc.get_count() around one."
# ---
import gc

seen = []


class Named:
    def __set_name__(self, owner, name):
        seen.append((owner.__name__, name))


class Plugin:
    def __init_subclass__(cls, **keywords):
        seen.append((cls.__name__, sorted(keywords.items())))
        super().__init_subclass__()


gc.collect()
print(gc.get_count())


class Fields:
    first = Named()
    second = Named()


print(gc.get_count())


class Typed(metaclass=type):
    pass


print(gc.get_count())


class Loaded(Plugin, kind="csv", level=2):
    field = Named()


class Bare(Plugin):
    pass


print(seen)
gc.collect()
print(gc.get_count())


class Again(Fields):
    third = Named()


print(gc.get_count(), seen[-1])


try:

    class Refused(Fields, flag=True):
        pass

except TypeError as e:
    print("TypeError:", e)
print(seen[-1])
