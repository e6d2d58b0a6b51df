# Run by gdb (record.sh): logs, one line per event, what CPython (3.8 to
# 3.13) does with its container objects while it runs a program, to $TRACE_OUT:
#   + ADDR / - ADDR      _PyObject_GC_Link (to 3.10: _PyObject_GC_Malloc's return) /
#                        PyObject_GC_Del: the gen-0 count moves
#   T SIZE HELD [ADDR]   tuple_alloc (3.8: PyTuple_New of SIZE > 0): HELD tuples of
#                        SIZE on the free list (> 0: one is taken, ADDR, to 3.10)
#   L HELD [ADDR] / D HELD [ADDR]  PyList_New / new_dict, the same for lists and dicts
#   t ADDR SIZE TRACKED / l ADDR / d ADDR    tupledealloc (TRACKED: 1 if the collector
#                        still tracks the tuple) / list_dealloc / dict_dealloc entered
#   [ NAME / ]           PyImport_ImportModuleLevelObject entered / returned
#                        (and display_source_line_with_margin, 3.13's
#                        display_source_line, 3.8's to 3.10's
#                        _Py_DisplaySourceLine: NAME "(source-line)")
#   I STEP / i           _imp_create_dynamic, _imp_exec_dynamic, _imp_create_builtin,
#                        _imp_exec_builtin entered (STEP: create_dynamic, ...) / returned:
#                        a module's C init, which importlib's loader calls
#   C / c FOUND          gc_collect_main (to 3.9: collect) entered / returned: the
#                        unreachable objects it found
#   G ADDR...            delete_garbage entered: the objects it frees (final_unreachable)
#   A ADDR REF...        (before G) one of those objects and those of them it refers to
#                        (a pointer to one in its own memory, a dict's entries or a list's items)
#   { / }                marshal_loads entered / returned: C code that runs no bytecode
#   S NAME / s           add_subclass entered (NAME: the base's tp_name) / returned:
#                        a dict made in between is the base's first subclasses dict
#   E / e                _PyEval_EvalFrameDefault entered / returned: Python code runs
#   K                    PyErr_CheckSignals entered (3.12+: a scheduled collection runs)
#   R                    _Py_RunGC entered (3.12+): where a collection scheduled by an
#                        allocation runs, at an eval breaker check or PyErr_CheckSignals.
#                        Every _PyObject_GC_Link, and every tuple, list or dict allocation
#                        that takes from its free list, sets the eval breaker's GC bit, so
#                        that the first check after each allocation is seen (the collector
#                        is disabled: nothing is collected)
#   F ZOMBIE CODE HELD   _PyFrame_New_NoTrack entered (to 3.10, whose frames are objects;
#                        3.8's and 3.9's take the code, 3.10's a PyFrameConstructor):
#                        ZOMBIE is the code's co_zombieframe (0: none, a frame is allocated),
#                        CODE names the code (FILE:FIRSTLINE:NAME, FILE its path's last two parts),
#                        HELD the frames on the frame free list (> 0: one is taken, nothing linked)
#   V link-first         (3.11, first) an allocation's collection runs inside _PyObject_GC_Link,
#                        after its + (to 3.10 before its +; from 3.12 at a later check, R)
#   z ADDR               frame_dealloc entered (to 3.10) of a frame that does not become its
#                        code's zombie: to the frame free list, or PyObject_GC_Del
#   k                    _PyErr_SetKeyError entered: a dict lookup raises KeyError
#   M HELD [ADDR] / m ADDR   (3.8) PyMethod_New entered / method_dealloc entered: a bound
#                        method, HELD on the method free list (> 0: one is taken, ADDR, and
#                        nothing is linked); freed to that list, or PyObject_GC_Del
#   B HELD [ADDR] / b ADDR   (3.8) PyCFunction_NewEx / meth_dealloc, the same for a builtin
#                        function or method (the PyCFunction free list)
# Needs a CPython built with debug information (pyenv's builds are).
import os

import gdb

out = open(os.environ["TRACE_OUT"], "w")
gdb.execute("set pagination off")
gdb.execute("start", to_string=True)  # libpython's symbols are loaded from here on
INTERP = "_PyRuntime.interpreters.main->"


class Event(gdb.Breakpoint):
    def __init__(self, spec, tag, describe):
        super().__init__(spec, internal=True)
        self.tag, self.describe = tag, describe

    def stop(self):
        description = self.describe()
        if description is not None:  # None: no event here
            out.write(f"{self.tag} {description}\n")
        return False  # log and go on


def var(*names):
    """The first of `names` (one variable, named by version or by the caller
    an inlined copy reads it from) that the frame has and did not optimize out."""
    for name in names[:-1]:
        try:
            value = gdb.selected_frame().read_var(name)
            if not value.is_optimized_out:
                return value
        except (ValueError, gdb.error):
            pass
    return gdb.selected_frame().read_var(names[-1])


def address(*names):
    return lambda: str(int(var(*names)))


def exists(expression):
    try:
        gdb.parse_and_eval(expression)
        return True
    except gdb.error:
        return False


def free_list(*fields):
    """The first of the places a free list's count has been in, by version,
    that exists: the interpreter's object_state (3.13), the interpreter (3.10
    to 3.12), a static variable of its object's file (3.8, 3.9)."""
    return next(field for field in fields if exists(field))


def held(field):
    return str(int(gdb.parse_and_eval(field)))


def has_symbol(function):
    return bool(gdb.lookup_global_symbol(function) or gdb.lookup_static_symbol(function))


def inlined_or_not(function):
    """Whether `function` is in the binary, even only inlined (3.9's tuple_alloc)."""
    probe = gdb.Breakpoint(function, internal=True)
    found = bool(probe.locations)
    probe.delete()
    return found


# To 3.10 (whose frames are objects, with a free list) the tuple free lists
# are by size from 0; from 3.11 from 1.
FRAMES_ARE_OBJECTS = any(has_symbol(f) for f in ("_PyFrame_ClearFreeList", "frame_alloc", "PyFrame_ClearFreeList"))
TUPLE_INDEX_BASE = 0 if FRAMES_ARE_OBJECTS else 1
TUPLES = free_list(INTERP + "object_state.freelists.tuples.numfree", INTERP + "tuple.numfree",
                   "'tupleobject.c'::numfree")
LISTS = free_list(INTERP + "object_state.freelists.lists.numfree", INTERP + "list.numfree", "'listobject.c'::numfree")
DICTS = free_list(INTERP + "object_state.freelists.dicts.numfree", INTERP + "dict_state.numfree",
                  "'dictobject.c'::numfree")


# The free lists' objects (to 3.10): the one an allocation takes, so that
# convert.py knows where each object of an import's garbage was allocated
# (the tuples' lists are linked through ob_item[0]; lists and dicts are
# taken from the end of an array).
def free_list_items(*candidates):
    # From 3.11 a name such as 'listobject.c'::free_list may resolve to
    # something else: these addresses are read to 3.10 only.
    return next((f for f in candidates if exists(f)), None) if FRAMES_ARE_OBJECTS else None


TUPLE_HEADS = free_list_items(INTERP + "tuple.free_list", "'tupleobject.c'::free_list")
LIST_ITEMS = free_list_items(INTERP + "list.free_list", "'listobject.c'::free_list")
DICT_ITEMS = free_list_items(INTERP + "dict_state.free_list", "'dictobject.c'::free_list")


def taken(count, items):
    """HELD, and the address of the object taken from a free list whose
    `items` array holds `count` objects (none taken: only HELD)."""
    n = int(gdb.parse_and_eval(count))
    return f"{n} {int(gdb.parse_and_eval(f'{items}[{n - 1}]'))}" if n > 0 and items else str(n)


def tuple_alloc():
    size = int(var("size", "slicelength", "n"))  # 3.9's inlined copies: their caller's
    if not 1 <= size <= 19:
        return f"{size} 0"
    index = size - TUPLE_INDEX_BASE
    n = held(f"{TUPLES}[{index}]")
    if int(n) > 0 and TUPLE_HEADS:
        return f"{size} {n} {int(gdb.parse_and_eval(f'{TUPLE_HEADS}[{index}]'))}"
    return f"{size} {n}"


def returns(function, tag, describe=lambda: ""):
    """An event at each `ret` of `function`, of each of its out-of-line copies
    (3.8's collect has two)."""
    probe = gdb.Breakpoint(function, internal=True)
    starts = sorted({int(loc.address) for loc in probe.locations})
    probe.delete()
    blocks = {}
    for start in starts:
        block = gdb.block_for_pc(start)
        while block.function is None or block.is_global or block.is_static:
            block = block.superblock
        while block.superblock is not None and block.superblock.function is not None:
            block = block.superblock  # out of an inlined copy, to its caller
        if block.function.name == function:
            blocks[block.start] = block
    for block in blocks.values():
        for ins in gdb.selected_inferior().architecture().disassemble(block.start, block.end - 1):
            if ins["asm"].startswith("ret"):
                Event(f"*{hex(ins['addr'])}", tag, describe)


# Where a collection scheduled by an allocation would run (3.12+, whose
# _Py_RunGC runs it): the GC bit is set at every link, so that each eval
# breaker check logs one. 3.13 keeps the eval breaker in the thread state,
# where _PY_GC_SCHEDULED_BIT is its bit 4; 3.12 in the interpreter, whose
# gc_scheduled flag _Py_HandlePending and PyErr_CheckSignals read. 3.12's
# _Py_RunGC does not ask whether the collector is enabled (only an enabled
# one schedules): from the script's first import (every recording program
# starts with `import gc`, which is recorded too) the thresholds are set out
# of reach, so that it collects nothing; before, CPython schedules as it
# would (start-up's collections run).
THREAD = "_PyRuntime.interpreters.main->threads.head"
CEVAL = "_PyRuntime.interpreters.main->ceval"
GC = "_PyRuntime.interpreters.main->gc"
if not has_symbol("_Py_RunGC"):
    SCHEDULE = []
elif any(field.name == "eval_breaker" for field in gdb.lookup_type("PyThreadState").strip_typedefs().fields()):
    SCHEDULE = [f"set var {THREAD}->eval_breaker = {THREAD}->eval_breaker | 16"]
else:
    SCHEDULE = [f"set var {GC}.generations[{i}].threshold = 2147483647" for i in range(3)] + [
        f"set var {CEVAL}.gc_scheduled._value = 1", f"set var {CEVAL}.eval_breaker._value = 1"]
MARKS_CHECKS = bool(SCHEDULE)
if has_symbol("_PyObject_GC_Link") and not MARKS_CHECKS:
    out.write("V link-first\n")  # 3.11: a collection runs inside the link, after its +


script_started = False


def scheduling(describe):
    """`describe`, after scheduling a collection at the next check: at a
    link, and at an allocation that took from a free list, which in another
    program (whose free list is empty) links there. Without the latter, a
    check after free-list takes only was never seen, and a program whose
    count passed the threshold there collected in CPython at that check and
    in the model at the next one marked (3.12: 145 allocations later inside
    `import weakref`)."""

    def schedule_then_describe():
        if SCHEDULE and (len(SCHEDULE) == 1 or script_started):
            for command in SCHEDULE:
                # 3.12's thresholds keep the scheduled runs from collecting,
                # but where $FORCE_COLLECT wants every one to collect.
                if not (forcing and ".threshold" in command):
                    gdb.execute(command, to_string=True)
        return describe()

    return schedule_then_describe


if has_symbol("_PyObject_GC_Link"):
    Event("_PyObject_GC_Link", "+", scheduling(address("op")))
else:  # 3.10: the count moves inside the allocation, which returns the object
    for allocate in ("_PyObject_GC_Malloc", "_PyObject_GC_Calloc"):
        returns(allocate, "+", lambda: str(int(gdb.parse_and_eval("$rax"))))
Event("PyObject_GC_Del", "-", address("op"))
if inlined_or_not("tuple_alloc"):
    Event("tuple_alloc", "T", scheduling(tuple_alloc))
else:  # 3.8: PyTuple_New takes from the free lists; of size 0 it returns the empty tuple
    Event("PyTuple_New", "T", lambda: tuple_alloc() if int(var("size")) > 0 else None)
Event("PyList_New", "L", scheduling(lambda: taken(LISTS, LIST_ITEMS)))
# 3.13's deallocators take `self` (their typed local may be optimized out).
def tuple_freed():
    op = int(var("op", "self"))
    size = int(gdb.parse_and_eval(f"((PyVarObject *){op})->ob_size"))
    tracked = int(gdb.parse_and_eval(f"((PyGC_Head *){op} - 1)->_gc_next")) != 0
    return f"{op} {size} {int(tracked)}"


Event("tupledealloc", "t", tuple_freed)
Event("list_dealloc", "l", address("op", "self"))
Event("dict_dealloc", "d", address("mp", "self"))
# new_dict is inlined in several functions, each copy with two locations
# of which only the first (lowest address) is hit, once per call: 3.11's and
# 3.13's get_dict_state()/freelist getter from pycore_pystate.h (3.13's
# PyDict_New: its own line), 3.12's own line in dictobject.c. 3.8 also keeps
# an out-of-line copy.
probe = gdb.Breakpoint("new_dict", internal=True)
copies = {}
for loc in probe.locations:
    copies.setdefault(loc.function, []).append(int(loc.address))
starts = [min(addresses) for addresses in copies.values()]
probe.delete()
for start in starts:
    Event(f"*{hex(start)}", "D", scheduling(lambda: taken(DICTS, DICT_ITEMS)))
# The name read from memory (a module name is a compact ASCII str, its
# characters after the header): gdb cannot call PyUnicode_AsUTF8 where the
# kernel refuses to write the inferior's extended register state.
# $FORCE_COLLECT (convert.py's second log): from the import of the module it
# names on, every allocation that the count sees starts a full collection
# (the counts are set past any threshold at that import and after each
# collection), so that each piece of cyclic garbage is found at the
# first allocation after it became unreachable.
FORCE_COLLECT = os.environ.get("FORCE_COLLECT")
GC_STATE = next(state for state in (INTERP + "gc", "_PyRuntime.gc") if exists(state))  # 3.8: the runtime's
forcing = False


def force_collections():
    if forcing:
        if len(SCHEDULE) > 1:  # 3.12: undo the thresholds that kept scheduled runs from collecting
            for i in range(3):
                gdb.execute(f"set var {GC_STATE}.generations[{i}].threshold = 1", to_string=True)
        # Every generation, past the long-lived rule: garbage that was old
        # when it became unreachable is found as soon as the young is.
        for field in ("generations[0].count", "generations[1].count", "generations[2].count", "long_lived_pending"):
            gdb.execute(f"set var {GC_STATE}.{field} = 1000000", to_string=True)


def import_entered():
    global forcing, script_started
    name = gdb.parse_and_eval("(const char *)((PyASCIIObject *)name + 1)").string()
    script_started = script_started or name == "gc"
    if FORCE_COLLECT and name == FORCE_COLLECT:
        forcing = True
        force_collections()
    return name


Event("PyImport_ImportModuleLevelObject", "[", import_entered)
returns("PyImport_ImportModuleLevelObject", "]")
# The C part of an import, which importlib's loaders call: a model that runs
# importlib itself replays only these (convert.py names each after the
# module being imported).
# (A FinishBreakpoint logs the return: these static functions of the
# argument clinic's header have no block that returns() can read.)
class InitReturned(gdb.FinishBreakpoint):
    def stop(self):
        out.write("i\n")
        return False


class InitEntered(gdb.Breakpoint):
    def __init__(self, step):
        super().__init__(f"_imp_{step}", internal=True)
        self.step = step

    def stop(self):
        out.write(f"I {self.step}\n")
        InitReturned(gdb.newest_frame(), internal=True)
        return False


for step in ("create_dynamic", "exec_dynamic", "create_builtin", "exec_builtin"):
    InitEntered(step)
Event("add_subclass", "S", lambda: var("base")["tp_name"].string())
returns("add_subclass", "s")
# Shown as an import named "(source-line)": the traceback printer reading one
# line of the script (traceback.c; 3.10's has no margin).
display = next(f for f in ("display_source_line_with_margin", "display_source_line", "_Py_DisplaySourceLine")
               if has_symbol(f))
Event(display, "[", lambda: "(source-line)")
returns(display, "]")
Event("marshal_loads", "{", lambda: "")
returns("marshal_loads", "}")
# Where C code (the traceback printer) lets a scheduled collection run:
# Python code it calls, and PyErr_CheckSignals (PyObject_Str, PyObject_Repr).
Event("_PyEval_EvalFrameDefault", "E", lambda: "")
returns("_PyEval_EvalFrameDefault", "e")
Event("PyErr_CheckSignals", "K", lambda: "")
# Where a caller's first-time path starts (importlib's _path_importer_cache
# misses the path in sys.path_importer_cache, then calls _path_hooks).
Event("_PyErr_SetKeyError", "k", lambda: "")
if MARKS_CHECKS:
    Event("_Py_RunGC", "R", lambda: "")


def ascii_str(expression):
    return gdb.parse_and_eval(f"(const char *)((PyASCIIObject *)({expression}) + 1)").string()


def zombie_frame():
    try:
        code = "((PyCodeObject *)con->fc_code)"  # 3.10
        gdb.parse_and_eval(code)
    except gdb.error:
        code = "code"  # 3.8, 3.9
    # The code named by its file's last two path components, first line and
    # name, without spaces and angle brackets: the same in every process.
    where = "/".join(ascii_str(f"{code}->co_filename").split("/")[-2:])
    name = f"{where}:{int(gdb.parse_and_eval(f'{code}->co_firstlineno'))}:{ascii_str(f'{code}->co_name')}"
    name = name.replace(" ", "_").replace("<", "").replace(">", "")
    return f"{int(gdb.parse_and_eval(f'{code}->co_zombieframe'))} {name} {held(FRAMES)}"


def frame_freed():
    # A frame whose code has a zombie goes to the free list (or is freed
    # with PyObject_GC_Del); else it becomes the zombie: no event.
    return str(int(var("f"))) if int(gdb.parse_and_eval("f->f_code->co_zombieframe")) else None


if FRAMES_ARE_OBJECTS:
    FRAMES = free_list(INTERP + "frame.numfree", "'frameobject.c'::numfree")
    Event("_PyFrame_New_NoTrack", "F", zombie_frame)
    Event("frame_dealloc", "z", frame_freed)


# 3.8's free lists of bound methods (classobject.c) and builtin functions
# (methodobject.c): static numfree and free_list (linked through im_self,
# m_self), from 3.9 gone (PyMethod_ClearFreeList is 3.8's alone). Taking one
# or keeping one there moves no count, so the log says which allocations
# and deallocations did.
def linked_free_list(file):
    count, head = f"'{file}'::numfree", f"'{file}'::free_list"

    def describe():
        n = int(gdb.parse_and_eval(count))
        return f"{n} {int(gdb.parse_and_eval(head))}" if n > 0 else str(n)

    return describe


if has_symbol("PyMethod_ClearFreeList"):
    Event("PyMethod_New", "M", linked_free_list("classobject.c"))
    Event("method_dealloc", "m", address("im"))
if has_symbol("PyCFunction_ClearFreeList"):
    Event("PyCFunction_NewEx", "B", linked_free_list("methodobject.c"))
    Event("meth_dealloc", "b", address("m"))


def garbage():
    # delete_garbage is inlined into gc_collect_main (3.9's collect): its list
    # is the caller's; 3.8's is a function, whose list is its argument.
    frame = gdb.selected_frame()
    try:
        head = frame.read_var("final_unreachable").address
    except ValueError:
        head = frame.read_var("collectable")
    header = gdb.lookup_type("PyGC_Head").sizeof  # the object follows its PyGC_Head
    addresses, node = [], int(head["_gc_next"])
    while node != int(head):
        addresses.append(node + header)
        node = int(gdb.parse_and_eval(f"((PyGC_Head *){node})->_gc_next"))
    found = set(addresses)
    for address in addresses:
        refs = [r for r in referents(address) if r in found]
        if refs:
            out.write(f"A {address} {' '.join(map(str, refs))}\n")
    return " ".join(map(str, addresses))


PY_TPFLAGS_LIST_SUBCLASS, PY_TPFLAGS_DICT_SUBCLASS = 1 << 25, 1 << 29


def words(address, size):
    data = bytes(gdb.selected_inferior().read_memory(address, size))
    return [int.from_bytes(data[i:i + 8], "little") for i in range(0, len(data) - 7, 8)]


def referents(address):
    """What the object at `address` may refer to: every word of its own
    memory (its fields and inline items), a list's items, a dict's keys and
    values. Pointers to the objects a collection found are all that is
    kept of it."""
    obj = gdb.parse_and_eval(f"(PyVarObject *){address}")
    tp = obj["ob_base"]["ob_type"]
    size = int(tp["tp_basicsize"]) + abs(int(obj["ob_size"])) * int(tp["tp_itemsize"])
    found = words(address, size)
    flags = int(tp["tp_flags"])
    if flags & PY_TPFLAGS_LIST_SUBCLASS:
        items = gdb.parse_and_eval(f"(PyListObject *){address}")
        if int(items["ob_item"]):
            found += words(int(items["ob_item"]), 8 * int(items["ob_base"]["ob_size"]))
    elif flags & PY_TPFLAGS_DICT_SUBCLASS:
        mp = gdb.parse_and_eval(f"(PyDictObject *){address}")
        keys = mp["ma_keys"]
        entries = int(keys["dk_nentries"])
        try:  # to 3.10
            slots = int(keys["dk_size"])
            index_bytes = slots * (1 if slots <= 0xff else 2 if slots <= 0xffff else 4 if slots <= 0xffffffff else 8)
            entry_bytes = 24  # (hash, key, value)
        except gdb.error:  # 3.11+: the sizes as logarithms; str-keyed entries are (key, value)
            index_bytes = 1 << int(keys["dk_log2_index_bytes"])
            entry_bytes = 24 if int(keys["dk_kind"]) == 0 else 16
        table = int(keys["dk_indices"].address) + index_bytes
        found += words(table, entry_bytes * entries)
        if int(mp["ma_values"]):
            found += words(int(mp["ma_values"]), 8 * (entries + 1))  # 3.13: after a word of sizes
    return found


collect = "gc_collect_main" if has_symbol("gc_collect_main") else "collect"  # 3.8, 3.9: collect
Event(collect, "C", lambda: "")
Event("delete_garbage", "G", garbage)


def collected():
    found = str(int(gdb.parse_and_eval("$rax")))
    force_collections()
    return found


returns(collect, "c", collected)
gdb.execute("continue")
out.close()
