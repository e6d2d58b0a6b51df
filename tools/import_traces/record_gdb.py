# Run by gdb (record.sh): logs, one line per event, what CPython (3.10 to
# 3.12) does with its container objects while it runs a program, to $TRACE_OUT:
#   + ADDR / - ADDR      _PyObject_GC_Link (3.10: _PyObject_GC_Malloc's return) /
#                        PyObject_GC_Del: the gen-0 count moves
#   T SIZE HELD          tuple_alloc: HELD tuples of SIZE on the free list (> 0: one is taken)
#   L HELD / D HELD      PyList_New / new_dict, the same for lists and dicts
#   t ADDR SIZE / l ADDR / d ADDR    tupledealloc / list_dealloc / dict_dealloc entered
#   [ NAME / ]           PyImport_ImportModuleLevelObject entered / returned
#                        (and display_source_line_with_margin, 3.10's
#                        _Py_DisplaySourceLine: NAME "(source-line)")
#   C / c FOUND          gc_collect_main entered / returned: the unreachable objects it found
#   G ADDR...            delete_garbage entered: the objects it frees (final_unreachable)
#   { / }                marshal_loads entered / returned: C code that runs no bytecode
#   S NAME / s           add_subclass entered (NAME: the base's tp_name) / returned:
#                        a dict made in between is the base's first subclasses dict
#   E / e                _PyEval_EvalFrameDefault entered / returned: Python code runs
#   K                    PyErr_CheckSignals entered (3.12+: a scheduled collection runs)
#   F ZOMBIE             _PyFrame_New_NoTrack entered (to 3.10, whose frames are objects):
#                        ZOMBIE is the code's co_zombieframe (0: none, a frame is allocated)
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
        out.write(f"{self.tag} {self.describe()}\n")
        return False  # log and go on


def var(name):
    return gdb.selected_frame().read_var(name)


def address(name):
    return lambda: str(int(var(name)))


def held(field):
    return str(int(gdb.parse_and_eval(INTERP + field)))


def has_symbol(function):
    return bool(gdb.lookup_global_symbol(function) or gdb.lookup_static_symbol(function))


# To 3.10 (whose frames are objects, with a free list) the tuple free lists
# are by size from 0; from 3.11 from 1.
TUPLE_INDEX_BASE = 0 if has_symbol("_PyFrame_ClearFreeList") or has_symbol("frame_alloc") else 1


def tuple_alloc():
    size = int(var("size"))
    return f"{size} " + (held(f"tuple.numfree[{size - TUPLE_INDEX_BASE}]") if 1 <= size <= 19 else "0")


def returns(function, tag, describe=lambda: ""):
    """An event at each `ret` of `function`."""
    symbol = gdb.lookup_global_symbol(function) or gdb.lookup_static_symbol(function)
    block = gdb.block_for_pc(int(symbol.value().address))
    for ins in gdb.selected_inferior().architecture().disassemble(block.start, block.end - 1):
        if ins["asm"].startswith("ret"):
            Event(f"*{hex(ins['addr'])}", tag, describe)


if has_symbol("_PyObject_GC_Link"):
    Event("_PyObject_GC_Link", "+", address("op"))
else:  # 3.10: the count moves inside the allocation, which returns the object
    for allocate in ("_PyObject_GC_Malloc", "_PyObject_GC_Calloc"):
        returns(allocate, "+", lambda: str(int(gdb.parse_and_eval("$rax"))))
Event("PyObject_GC_Del", "-", address("op"))
Event("tuple_alloc", "T", tuple_alloc)
Event("PyList_New", "L", lambda: held("list.numfree"))
Event("tupledealloc", "t", lambda: f"{int(var('op'))} {int(var('op')['ob_base']['ob_size'])}")
Event("list_dealloc", "l", address("op"))
Event("dict_dealloc", "d", address("mp"))
# new_dict is inlined in six functions, one location per call: 3.11's
# first line, get_dict_state() from pycore_pystate.h; 3.12's own line in
# dictobject.c, the later of its two (the inlined get_dict_state, defined
# above it there, is never hit).
probe = gdb.Breakpoint("new_dict", internal=True)
sources = [loc.source for loc in probe.locations if loc.source]
in_header = [source for source in sources if source[0].endswith("pycore_pystate.h")]
first_line = in_header[0] if in_header else max(sources, key=lambda source: source[1])
starts = [loc.address for loc in probe.locations if loc.source == first_line]
probe.delete()
for start in starts:
    Event(f"*{hex(start)}", "D", lambda: held("dict_state.numfree"))
Event("PyImport_ImportModuleLevelObject", "[", lambda: gdb.parse_and_eval("PyUnicode_AsUTF8(name)").string())
returns("PyImport_ImportModuleLevelObject", "]")
Event("add_subclass", "S", lambda: var("base")["tp_name"].string())
returns("add_subclass", "s")
# Shown as an import named "(source-line)": the traceback printer reading one
# line of the script (traceback.c; 3.10's has no margin).
display = next(f for f in ("display_source_line_with_margin", "_Py_DisplaySourceLine") if has_symbol(f))
Event(display, "[", lambda: "(source-line)")
returns(display, "]")
Event("marshal_loads", "{", lambda: "")
returns("marshal_loads", "}")
# Where C code (the traceback printer) lets a scheduled collection run:
# Python code it calls, and PyErr_CheckSignals (PyObject_Str, PyObject_Repr).
Event("_PyEval_EvalFrameDefault", "E", lambda: "")
returns("_PyEval_EvalFrameDefault", "e")
Event("PyErr_CheckSignals", "K", lambda: "")
if TUPLE_INDEX_BASE == 0:
    Event("_PyFrame_New_NoTrack", "F", lambda: str(int(gdb.parse_and_eval("((PyCodeObject *)con->fc_code)->co_zombieframe"))))


def garbage():
    # delete_garbage is inlined into gc_collect_main: its list is the caller's.
    head = gdb.selected_frame().read_var("final_unreachable").address
    header = gdb.lookup_type("PyGC_Head").sizeof  # the object follows its PyGC_Head
    addresses, node = [], int(head["_gc_next"])
    while node != int(head):
        addresses.append(str(node + header))
        node = int(gdb.parse_and_eval(f"((PyGC_Head *){node})->_gc_next"))
    return " ".join(addresses)


Event("gc_collect_main", "C", lambda: "")
Event("delete_garbage", "G", garbage)
returns("gc_collect_main", "c", lambda: str(int(gdb.parse_and_eval("$rax"))))
gdb.execute("continue")
out.close()
