# Run by gdb (startup.sh): prints what CPython's start-up left when it starts
# the script (_PyRun_SimpleFileObject), as the profile's gc.startup_counts
# and gc.startup_free_lists (3.11 and 3.12; needs debug information).
import gdb

gdb.execute("set pagination off")
gdb.execute("start", to_string=True)  # libpython's symbols are loaded from here on
gdb.execute("break _PyRun_SimpleFileObject", to_string=True)
gdb.execute("continue", to_string=True)
INTERP = "_PyRuntime.interpreters.main->"


def value(field):
    return int(gdb.parse_and_eval(INTERP + field))


counts = [value(f"gc.generations[{i}].count") for i in range(3)]
tuples = [value(f"tuple.numfree[{i}]") for i in range(int(gdb.parse_and_eval(f"sizeof({INTERP}tuple.numfree) / sizeof({INTERP}tuple.numfree[0])")))]
while tuples and tuples[-1] == 0:
    tuples.pop()
print(f"startup_counts = {counts}")
print(f"startup_free_lists = {{ dicts = {value('dict_state.numfree')}, lists = {value('list.numfree')}, tuples = {tuples} }}")
gdb.execute("kill", to_string=True)
