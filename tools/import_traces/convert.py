#!/usr/bin/env python3
"""Turns record_gdb.py's log of a program `import gc; gc.disable(); import
MODULE; gc.collect(0)` into the events of MODULE's import, in the token
format of backends/profiles/*.imports (see there). Usage: convert.py LOG MODULE"""
import sys


def read_log(path):
    with open(path) as f:
        return [tuple(line.split()) for line in f if line.strip()]


def import_section(log, module):
    """(first, last): the indices of the program's top-level `[ module` and its `]`."""
    depth, start = 0, None
    for i, (tag, *args) in enumerate(log):
        if tag == "[":
            if depth == 0 and args and args[0] == module:
                start = i
            depth += 1
        elif tag == "]":
            depth -= 1
            if depth == 0 and start is not None:
                return start, i
    sys.exit(f"no top-level import of {module} in the log")


def events(log, module):
    first, last = import_section(log, module)
    imported = {args[0] for tag, *args in log[:first] if tag == "[" and args} | {module}
    tokens = []
    section_of = {}  # address of a linked allocation -> the index of its section
    freeing = {}  # address -> token: deallocation entered, no PyObject_GC_Del yet
    link_follows = False  # the allocation just seen took nothing from its free list
    sections = []  # per open nested import: its index, or None when not the module's first import
    ends = {0: None}  # section index -> the index of its "]" token (0: the import itself)

    def settle_frees():
        # A deallocation without PyObject_GC_Del put its object on a free list.
        tokens.extend(freeing.values())
        freeing.clear()

    def current():
        return next((i for i in reversed(sections) if i is not None), 0)

    for tag, *args in log[first + 1 : last]:
        if tag in ("T", "L", "D"):
            settle_frees()
            tokens.append({"T": f"t{args[0]}" if args else "", "L": "l", "D": "d"}[tag])
            link_follows = int(args[-1]) == 0
            continue
        if tag == "+":
            settle_frees()
            if not link_follows:
                tokens.append("o")
            section_of[args[0]] = current()
        elif tag in ("t", "l", "d"):
            freeing[args[0]] = {"t": f"T{args[1]}" if len(args) > 1 else "", "l": "L", "d": "D"}[tag]
        elif tag == "-":
            freeing.pop(args[0], None)
            tokens.append("O")
        elif tag == "[":
            settle_frees()
            name = args[0] if args else ""  # "": a relative import, inlined
            first_time = name != "" and name not in imported
            imported.add(name)
            sections.append(len(ends) if first_time else None)
            if first_time:
                ends[len(ends)] = None
                tokens.append("[" + name)
        elif tag in ("{", "}"):
            settle_frees()
            tokens.append(tag)
        elif tag == "]":
            settle_frees()
            index = sections.pop()
            if index is not None:
                ends[index] = len(tokens)
                tokens.append("]")
        link_follows = False
    settle_frees()
    # The first collection after the import finds its cyclic garbage: each
    # object counts in the section that allocated it; one taken from a free
    # list (its address unknown) in the section with the most of them, and
    # so do the objects a collection frees that it did not count (or count
    # the other way).
    start = next(i for i in range(last, len(log)) if log[i][0] == "C")
    end = next(i for i in range(start, len(log)) if log[i][0] == "c")
    found = int(log[end][1])
    freed = dict.fromkeys(args[0] for tag, *args in log[start:end] if tag in ("-", "t", "l", "d"))
    garbage = {}
    for address in freed:
        if address in section_of:
            garbage[section_of[address]] = garbage.get(section_of[address], 0) + 1
    most = max(garbage, key=garbage.get) if garbage else 0
    garbage[most] = garbage.get(most, 0) + found - sum(garbage.values())
    garbage = {index: count for index, count in garbage.items() if count > 0}
    for index, count in sorted(garbage.items(), key=lambda kv: -(ends[kv[0]] or len(tokens))):
        at = ends[index] if ends[index] is not None else len(tokens)
        tokens.insert(at, f"!{count}")
    return tokens


def lines(tokens, width=100):
    """Runs as TOKEN*N, wrapped."""
    runs = []
    for t in tokens:
        if runs and runs[-1][0] == t:
            runs[-1][1] += 1
        else:
            runs.append([t, 1])
    words = [t if n == 1 else f"{t}*{n}" for t, n in runs]
    line = ""
    for w in words:
        if line and len(line) + 1 + len(w) > width:
            yield line
            line = w
        else:
            line = f"{line} {w}" if line else w
    if line:
        yield line


if __name__ == "__main__":
    log, module = read_log(sys.argv[1]), sys.argv[2]
    print(f"import {module}")
    for line in lines(events(log, module)):
        print(line)
