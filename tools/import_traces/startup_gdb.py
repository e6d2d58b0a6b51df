# Run by gdb: prints what CPython's start-up left when it starts the script
# (_PyRun_SimpleFileObject; PyRun_SimpleFileExFlags before 3.10), as the
# profile's gc.startup_counts and gc.startup_free_lists. Needs a CPython
# with debug information (pyenv's 3.8 to 3.13):
#   gdb -q -batch -x tools/import_traces/startup_gdb.py --args PYTHON -S EMPTY.py
import gdb

gdb.execute("set pagination off")
gdb.execute("start", to_string=True)  # libpython's symbols are loaded from here on
INTERP = "_PyRuntime.interpreters.main->"


def exists(expression):
    try:
        gdb.parse_and_eval(expression)
        return True
    except gdb.error:
        return False


start = "_PyRun_SimpleFileObject" if exists("_PyRun_SimpleFileObject") else "PyRun_SimpleFileExFlags"  # 3.8, 3.9
gdb.execute(f"break {start}", to_string=True)
gdb.execute("continue", to_string=True)


def first(*expressions):
    """The first of the places a field has been in, by version, that exists."""
    return next(e for e in expressions if exists(e))


def value(expression):
    return int(gdb.parse_and_eval(expression))


# Free lists: in the interpreter's object_state (3.13), in the interpreter
# (3.10 to 3.12), or static in their object's file (3.8, 3.9).
tuples_field = first(INTERP + "object_state.freelists.tuples.numfree", INTERP + "tuple.numfree",
                     "'tupleobject.c'::numfree")
sizes = int(gdb.parse_and_eval(f"sizeof({tuples_field}) / sizeof({tuples_field}[0])"))
tuples = [value(f"{tuples_field}[{i}]") for i in range(sizes)]
# To 3.10 the lists are by size from 0, whose list holds the empty tuple; from
# 3.11 from size 1 (the empty tuple is static).
frames_field = first(INTERP + "frame.numfree", "'frameobject.c'::numfree", "0")
if frames_field != "0":
    tuples = tuples[1:]
while tuples and tuples[-1] == 0:
    tuples.pop()
generations = first(INTERP + "gc.generations", "_PyRuntime.gc.generations")  # 3.8: the runtime's
counts = [value(f"{generations}[{i}].count") for i in range(3)]
dicts = value(first(INTERP + "object_state.freelists.dicts.numfree", INTERP + "dict_state.numfree",
                    "'dictobject.c'::numfree"))
lists = value(first(INTERP + "object_state.freelists.lists.numfree", INTERP + "list.numfree",
                    "'listobject.c'::numfree"))
print(f"startup_counts = {counts}")
frames = f"frames = {value(frames_field)}, " if frames_field != "0" else ""
METHODS_FIELD = "'classobject.c'::numfree"  # bound methods had a free list to 3.8
methods = f"methods = {value(METHODS_FIELD)}, " if exists("PyMethod_ClearFreeList") else ""
print(f"startup_free_lists = {{ dicts = {dicts}, lists = {lists}, {frames}{methods}tuples = {tuples} }}")
gdb.execute("kill", to_string=True)
