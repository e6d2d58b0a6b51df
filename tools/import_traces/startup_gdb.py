# Run by gdb: prints what CPython's start-up left when it starts the script
# (_PyRun_SimpleFileObject), as the profile's gc.startup_counts and
# gc.startup_free_lists. Needs a CPython with debug information (3.11+):
#   gdb -q -batch -x tools/import_traces/startup_gdb.py --args PYTHON -S EMPTY.py
import gdb

gdb.execute("set pagination off")
gdb.execute("start", to_string=True)  # libpython's symbols are loaded from here on
gdb.execute("break _PyRun_SimpleFileObject", to_string=True)
gdb.execute("continue", to_string=True)
INTERP = "_PyRuntime.interpreters.main->"


def value(field):
    return int(gdb.parse_and_eval(INTERP + field))


def free_list(field_311, field_313):
    """The free list's field: in the interpreter (3.11, 3.12) or in its object_state (3.13)."""
    try:
        gdb.parse_and_eval(INTERP + field_311)
        return field_311
    except gdb.error:
        return field_313


tuples_field = free_list("tuple.numfree", "object_state.freelists.tuples.numfree")
sizes = int(gdb.parse_and_eval(f"sizeof({INTERP}{tuples_field}) / sizeof({INTERP}{tuples_field}[0])"))
counts = [value(f"gc.generations[{i}].count") for i in range(3)]
tuples = [value(f"{tuples_field}[{i}]") for i in range(sizes)]
while tuples and tuples[-1] == 0:
    tuples.pop()
dicts = value(free_list("dict_state.numfree", "object_state.freelists.dicts.numfree"))
lists = value(free_list("list.numfree", "object_state.freelists.lists.numfree"))
print(f"startup_counts = {counts}")
print(f"startup_free_lists = {{ dicts = {dicts}, lists = {lists}, tuples = {tuples} }}")
gdb.execute("kill", to_string=True)
