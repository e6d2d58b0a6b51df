#!/usr/bin/env python3
"""Turns record_gdb.py's log of a program `import gc; gc.disable(); import
MODULE; gc.collect(0)` into the events of MODULE's import, in the token
format of backends/profiles/*.imports (see there). Usage: convert.py LOG
MODULE [FORCED_LOG], FORCED_LOG the log of `import gc; import MODULE;
gc.collect(0)` recorded with $FORCE_COLLECT=MODULE: where each piece of
cyclic garbage is found (README.md)."""
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


# The log's deallocations (tupledealloc, list_dealloc, dict_dealloc,
# frame_dealloc, 3.8's method_dealloc and meth_dealloc) and the token of
# each: the object goes to its free list unless PyObject_GC_Del follows (O).
FREE_TOKENS = {"l": "L", "d": "D", "z": "F", "m": "M", "b": "C"}
FREES = ("t",) + tuple(FREE_TOKENS)


def free_token(tag, args):
    return (f"T{args[1]}" if len(args) > 1 else "") if tag == "t" else FREE_TOKENS[tag]


# importlib's work that a process does once, for whichever import needs it
# first: a sys.path entry's finder made (_path_hooks; the script's folder
# is the first import from a file after start-up) and its listing read
# (FileFinder._fill_cache).
ONCE_PER_PROCESS = ("_path_hooks", "_fill_cache")


def first_time_path(log, call):
    """The index where the caller of the call whose F is at `call` began
    the path it takes only the first time: the KeyError its frame raised
    last before the call (`k`; _path_importer_cache's lookup of the path in
    sys.path_importer_cache), else `call`. That path (the KeyError, the
    bound method it calls, their deallocations) runs only with the call."""
    depth = 0
    for j in range(call - 1, -1, -1):
        tag = log[j][0]
        if tag == "e":
            depth += 1
        elif tag == "E":
            if depth == 0:
                break  # the caller's frame starts here
            depth -= 1
        elif tag == "k" and depth == 0:
            return j
    return call


def once_per_process(log):
    """{index where the call begins: (name, index of its end)} for the calls of
    ONCE_PER_PROCESS (to 3.10, where F names the code), each named
    (CODE#N) after its N-th call in the process. A call begins at its F, or
    where its caller's first-time path began (first_time_path), and ends
    after its return and the deallocations that follow it of what it
    allocated since it began: its frame's locals die as the frame is
    cleared (_fill_cache's listing), the caller's exception and bound
    method after the call."""
    calls, seen = {}, {}
    for i, (tag, *args) in enumerate(log):
        if tag != "F" or len(args) < 2:
            continue
        code = args[1].rsplit(":", 1)[-1]
        if code not in ONCE_PER_PROCESS:
            continue
        seen[code] = seen.get(code, 0) + 1
        begin = next(j for j in range(i + 1, len(log)) if log[j][0] == "E")
        depth = 0
        for j in range(begin, len(log)):
            depth += {"E": 1, "e": -1}.get(log[j][0], 0)
            if depth == 0:
                begin = first_time_path(log, i)
                calls[begin] = (f"({code}#{seen[code]})", frame_cleared(log, begin, j))
                break
    return calls


def frame_cleared(log, call, returned):
    """The index of the last deallocation right after `returned` of an
    object allocated from `call` to it, else `returned`."""
    allocated = set()
    for tag, *args in log[call:returned]:
        if tag == "+":
            allocated.add(args[0])
        elif tag in ("T", "L", "D", "M", "B"):
            held = args[1 if tag == "T" else 0:]
            if len(held) > 1:
                allocated.add(held[1])  # taken from its free list
    end = returned
    while end + 1 < len(log) and log[end + 1][0] in FREES + ("-",) and log[end + 1][1] in allocated:
        end += 1
    return end


def events(log, module, collections_out=None, objects_out=None):
    """MODULE's import's tokens. collections_out (a $FORCE_COLLECT log) gets
    each collection inside the import (the ordinal of the allocation that
    started it, its garbage, the references among it) and last ("refcount",
    {ordinal of an object freed outside the collections: how many
    allocations came before its free, whether it was a tuple no longer
    tracked)}, None); objects_out gets "pieces": the allocation ordinal of
    each object of each `!`, in the tokens' order, and "referrers": the
    ordinals of the found objects that refer to each one."""
    first, last = import_section(log, module)
    once = once_per_process(log)
    once_ends = {}  # index of a once-per-process call's return -> its name
    imported = {args[0] for tag, *args in log[:first] if tag == "[" and args} | {module}
    called = {args[1] for tag, *args in log[:first] if tag == "F"}  # codes that ran before the import
    tokens = []
    section_of = {}  # address of a linked allocation -> the index of its section
    freeing = {}  # address -> token: deallocation entered, no PyObject_GC_Del yet
    link_follows = False  # the allocation just seen took nothing from its free list
    sections = []  # per open nested import: its index, or None when not the module's first import
    ends = {0: None}  # section index -> the index of its "]" token (0: the import itself)
    importing = [module]  # the names of the imports under way, innermost last

    kept = set()  # addresses of the objects on a free list (as far as the log says)
    # The free lists' objects, by token (T3, L, D...), last kept last: from
    # 3.11 the log does not say which one an allocation takes (the last).
    free_lists = {}
    # Objects freed outside the collections: (address, its ordinal, the
    # number of allocations made before it was freed, whether it was a
    # tuple the collector no longer tracked).
    refcount_frees = []
    untracked = set()  # addresses of tuples whose deallocation found them untracked

    def settle_frees():
        # A deallocation without PyObject_GC_Del put its object on a free list.
        tokens.extend(freeing.values())
        kept.update(freeing)
        for address, token in freeing.items():
            free_lists.setdefault(token, []).append(address)
            refcount_frees.append((address, ordinal_of.get(address), allocations_so_far(), address in untracked))
        freeing.clear()

    def current():
        return next((i for i in reversed(sections) if i is not None), 0)

    subclassed = None  # inside add_subclass: the base's name
    # The traceback printer is C code: it checks the eval breaker only where
    # it runs Python code or calls PyErr_CheckSignals, so its events are
    # inside { } but where those happen.
    # A log with R events (3.12+) says where each scheduled collection would
    # run: `^` there, and no { } (the model checks nowhere else).
    marks_checks = any(tag == "R" for tag, *args in log)
    link_first = ("V", "link-first") in log  # 3.11: the link (+) comes before its collection
    in_c = module == "(source-line)" and not marks_checks
    python_depth = 0
    if in_c:
        tokens.append("{")
    def begin_nested(name):
        settle_frees()
        first_time = name != "" and name not in imported
        imported.add(name)
        sections.append(len(ends) if first_time else None)
        if first_time:
            ends[len(ends)] = None
            tokens.append("[" + name)

    def end_nested():
        settle_frees()
        index = sections.pop()
        if index is not None:
            ends[index] = len(tokens)
            tokens.append("]")

    counted = [0, 0]  # tokens counted so far, allocations among them

    def allocations_so_far():
        # tokens is only appended to until the loop ends.
        counted[1] += sum(t[0] in ALLOCATIONS for t in tokens[counted[0]:])
        counted[0] = len(tokens)
        return counted[1]

    collections = []  # (ordinal of the allocation that collected, the garbage's tokens,
    #                    ordinal of the first allocation of it that was linked, or None)
    ordinal_of = {}  # address of a linked allocation -> its ordinal among the allocations
    skip_to = None
    for at in range(first + 1, last):
        if skip_to is not None:
            if at <= skip_to:
                continue
            skip_to = None
        tag, *args = log[at]
        if tag == "C":
            # A collection (only in a $FORCE_COLLECT log, whose every
            # allocation collects): the allocation under way started it,
            # whose token is written already when it was a tuple, list, dict
            # or frame waiting for its link, or (3.11) linked; its garbage is
            # no event.
            skip_to = next(i for i in range(at, len(log)) if log[i][0] == "c")
            allocating = allocations_so_far() - (1 if link_follows or link_first else 0)
            # A full collection (every one in a $FORCE_COLLECT log) also
            # empties the free lists (clear_freelists): those objects are no
            # garbage.
            garbage = collected(log[at:skip_to], kept | set(freeing))
            cleared = {address for tag, *args in log[at:skip_to] if tag == "-" for address in args}
            kept.difference_update(cleared)
            for held in free_lists.values():
                held[:] = [address for address in held if address not in cleared]
            if garbage:
                # Each object with the ordinal of its allocation, where it was seen.
                objects = [(token, address, ordinal_of.get(address)) for token, address in garbage]
                collections.append((allocating, objects, references(log[at:skip_to])))
            continue
        if at in once:
            # Replayed as a nested import of that name: once in a process.
            name, returned = once[at]
            begin_nested(name)
            once_ends[returned] = name
        if tag in ("T", "L", "D", "M", "B"):
            settle_frees()
            # A base's first subclass makes its subclasses dict: only the
            # first import in a process that subclasses it pays for it.
            dict_token = f"d@{subclassed}" if subclassed else "d"
            tokens.append({"T": f"t{args[0]}" if args else "", "L": "l", "D": dict_token, "M": "m", "B": "c"}[tag])
            # T SIZE HELD [ADDR], L HELD [ADDR], D HELD [ADDR] (3.8: M, B
            # the same for bound methods and builtin functions): ADDR the
            # object taken from the free list (to 3.10).
            held = args[1 if tag == "T" else 0:]
            link_follows = int(held[0]) == 0
            listed = free_lists.get({"T": f"T{args[0]}" if args else "", "L": "L", "D": "D", "M": "M", "B": "C"}[tag], [])
            taken = held[1] if len(held) > 1 else listed[-1] if not link_follows and listed else None
            if taken is not None:
                ordinal_of[taken] = allocations_so_far() - 1
                if taken in listed:
                    listed.remove(taken)
            continue
        if tag == "F":
            settle_frees()
            # A frame of a code without a zombie frame (to 3.10), from the
            # frame free list or linked next; one the zombie served costs
            # nothing. The code's first call is f@CODE: its frame becomes the
            # zombie, which any later import's first call of the code takes.
            # A code that ran before has no zombie only while a call of it is
            # under way (or keeps its frame): the frame of a call nested in
            # that one is a plain f. A frame taken from the free list links
            # nothing: the next link is another object's (a generator's).
            if int(args[0]) == 0:
                tokens.append("f" if args[1] in called else "f@" + args[1])
                link_follows = int(args[2]) == 0
            called.add(args[1])
            continue
        if tag == "+":
            settle_frees()
            kept.discard(args[0])
            if not link_follows:
                tokens.append("o")
            section_of[args[0]] = current()
            ordinal_of[args[0]] = allocations_so_far() - 1
        elif tag in FREES:
            freeing[args[0]] = free_token(tag, args)
            if tag == "t" and args[2:] == ["0"]:
                untracked.add(args[0])
            else:
                untracked.discard(args[0])
        elif tag == "-":
            freeing.pop(args[0], None)
            kept.discard(args[0])
            refcount_frees.append((args[0], ordinal_of.get(args[0]), allocations_so_far(), args[0] in untracked))
            tokens.append("O")
        elif tag == "[":
            begin_nested(args[0] if args else "")  # "": a relative import, inlined
            importing.append(args[0] if args else "")
        elif tag == "I":
            # A module's C init (importlib's loader calls _imp): a nested
            # section of its own, which a model that runs importlib replays
            # where its loader calls _imp (`(create_dynamic:math)`).
            begin_nested(f"({args[0]}:{importing[-1]})")
        elif tag == "i":
            end_nested()
        elif tag in ("{", "}"):
            if not marks_checks:
                settle_frees()
                tokens.append(tag)
        elif tag == "R":
            # (Not settle_frees(): a deallocation entered may still end in
            # PyObject_GC_Del; its token comes after the check, which changes
            # no count.)
            if tokens and tokens[-1] != "^":  # a second check with no allocation between changes nothing
                tokens.append("^")
        elif in_c and tag in ("E", "e", "K"):
            settle_frees()
            if tag == "K" and python_depth == 0:
                tokens.extend(["}", "{"])
            elif tag == "E":
                python_depth += 1
                if python_depth == 1:
                    tokens.append("}")
            elif tag == "e" and python_depth > 0:
                python_depth -= 1
                if python_depth == 0:
                    tokens.append("{")
        elif tag == "S":
            subclassed = args[0]
        elif tag == "s":
            subclassed = None
        elif tag == "]":
            end_nested()
            importing.pop()
        if at in once_ends:
            end_nested()
        link_follows = False
    settle_frees()
    if in_c:
        tokens.append("}")
    # The first collection after the import frees its cyclic garbage (G: the
    # objects it found), and with them the untracked objects only they held
    # (marked ~). Each counts in the section that allocated it.
    start = next(i for i in range(last, len(log)) if log[i][0] == "C")
    end = next(i for i in range(start, len(log)) if log[i][0] == "c")
    found, freed = collection(log[start:end])
    garbage = {}
    for address, token in freed.items():
        garbage.setdefault(section_of.get(address), []).append(token if address in found else "~" + token)
        if objects_out is not None:
            objects_out.setdefault(section_of.get(address), []).append(ordinal_of.get(address))
    placed_at = []
    # Untracked objects in a section without tracked garbage were held by
    # another section's: they go where most of the garbage is, as do the
    # objects whose allocation was not seen.
    tracked = {index: sum(not t.startswith("~") for t in objects) for index, objects in garbage.items()}
    most = max((index for index in garbage if index is not None), key=lambda index: tracked[index], default=0)
    for index in [index for index in garbage if index is None or (index != most and not tracked[index])]:
        garbage.setdefault(most, []).extend(garbage.pop(index))
        if objects_out is not None:
            objects_out.setdefault(most, []).extend(objects_out.pop(index))
    for index, objects in sorted(garbage.items(), key=lambda kv: -(ends[kv[0]] or len(tokens))):
        at = ends[index] if ends[index] is not None else len(tokens)
        tokens.insert(at, "!" + ",".join(runs(objects)))
        placed_at.append((at, index))
    if objects_out is not None:
        # The ordinals of each `!`'s objects, in the order of the tokens.
        ordinals = [objects_out.get(index, []) for _, index in sorted(placed_at)]
        objects_out.clear()
        objects_out["pieces"] = ordinals
        # Which of the garbage refers to each found object, by ordinal.
        objects_out["referrers"] = referrers = {}
        for address, refs in references(log[start:end]).items():
            for ref in refs:
                referrers.setdefault(ordinal_of.get(ref), []).append(ordinal_of.get(address))
    if collections_out is not None:
        collections_out.extend(collections)
        # The frees outside collections, keyed by the object's ordinal.
        collections_out.append(("refcount", {ordinal: (made, untracked) for _, ordinal, made, untracked
                                             in refcount_frees if ordinal is not None}, None))
    return tokens


def collection(log):
    """The objects a collection's log (C to c) found, and {address: its free
    token} of every object it freed, in the order of the deallocations."""
    found = {address for tag, *args in log if tag == "G" for address in args}
    freed = {}
    for tag, *args in log:
        if tag in FREES:
            freed.setdefault(args[0], free_token(tag, args))
        elif tag == "-":
            freed[args[0]] = "O"
    return found, freed


def collected(log, kept=()):
    """A collection's garbage as (token, address) (~: untracked, freed with
    it), each of its kind (whichever free list the forced run's went to).
    `kept`: the addresses of the objects on the free lists before it, which
    a full collection frees (PyObject_GC_Del, with no deallocation): no
    garbage."""
    found, freed = collection(log)
    if not found:
        return []
    kinds = {}
    for tag, *args in log:
        if tag in FREES:
            kinds.setdefault(args[0], free_token(tag, args))
    return [(("" if address in found else "~") + kinds.get(address, token), address)
            for address, token in freed.items() if address in found or address in kinds or address not in kept]


def references(log):
    """{address: the addresses it refers to} among the objects a collection
    found (its A events)."""
    return {args[0]: args[1:] for tag, *args in log if tag == "A"}


def holders(objects, refs):
    """For the objects of a piece of garbage (addresses, in their order):
    the index of the one each hangs off (one that refers to it), or None
    for a member of its cycles (or one whose referrers are unknown). A
    member is on a cycle among them (a strongly connected component larger
    than one object); an object that is on none is held by a referrer,
    a member first, else the first."""
    index = {address: i for i, address in enumerate(objects)}
    edges = [[index[r] for r in refs.get(address, []) if r in index] for address in objects]
    # Tarjan's strongly connected components.
    order, low, stack, on_stack, members, counter = {}, {}, [], set(), set(), [0]

    def visit(v):
        order[v] = low[v] = counter[0]
        counter[0] += 1
        stack.append(v)
        on_stack.add(v)
        for w in edges[v]:
            if w not in order:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in on_stack:
                low[v] = min(low[v], order[w])
        if low[v] == order[v]:
            component = []
            while True:
                w = stack.pop()
                on_stack.discard(w)
                component.append(w)
                if w == v:
                    break
            if len(component) > 1 or v in edges[v]:
                members.update(component)

    for v in range(len(objects)):
        if v not in order:
            visit(v)
    result = []
    for v in range(len(objects)):
        referrers = [u for u in range(len(objects)) if v in edges[u] and u != v]
        if v in members or not referrers:
            result.append(None)
        else:
            result.append(min(referrers, key=lambda u: (u not in members, u)))
    return result


ALLOCATIONS = ("t", "l", "d", "o", "f", "m", "c")


def allocation_tokens(tokens):
    """The indices of the tokens that allocate, in order."""
    return [i for i, t in enumerate(tokens) if t[0] in ALLOCATIONS]


def place_garbage(tokens, forced_tokens, collections, objects=None, referrers=None):
    """Moves each piece of cyclic garbage from the end of its section (where
    the collection after the import found it) to where the $FORCE_COLLECT
    run found it: before the allocation whose collection freed it. The two
    runs allocate the same objects in the same order; a piece is taken from
    the `!` nearest after that point (or, failing that, before it): the
    object allocated as the forced run's was, if `objects` (the ordinals of
    each `!`'s objects, in order) says which, else one of its kind
    (`referrers`: the first run's, by ordinal, say which the piece refers
    to). An object that the forced run freed outside its collections (a
    tuple of a code object, which the module's code held until the module
    body ended) hangs off the piece of a function that held it too, held
    from outside until that free."""
    referrers = referrers or {}
    refcount = next((garbage for ordinal, garbage, _ in collections if ordinal == "refcount"), {})
    collections = [c for c in collections if c[0] != "refcount"]
    forced_allocations = allocation_tokens(forced_tokens)
    allocations = allocation_tokens(tokens)
    kinds = lambda ts, indices: [ts[i].split("@")[0] for i in indices]
    if kinds(tokens, allocations) != kinds(forced_tokens, forced_allocations):
        sys.exit("the two logs allocate differently: no garbage placed")
    pieces = {}  # index of a `!` token -> its garbage, one token per object
    ordinals = {}  # index of a `!` token -> the allocation ordinal of each object (or None)
    listed = iter(objects or [])
    for i, t in enumerate(tokens):
        if t.startswith("!"):
            pieces[i] = [u for run in t[1:].split(",") for u in expand(run)]
            ordinals[i] = next(listed, None) or [None] * len(pieces[i])
            assert len(ordinals[i]) == len(pieces[i])

    def take(i, j):
        del ordinals[i][j]
        return pieces[i].pop(j)
    inserts = []  # (index in tokens, token)
    built = []  # each &K piece: (its collection's ordinal, where, first ordinal, its objects, their holders)
    piece = 0
    for ordinal, garbage, refs in collections:
        at = allocations[ordinal] if ordinal < len(allocations) else len(tokens)
        # 3.12+: the collection ran at the first check (^) after the last
        # allocation, and found the piece garbage there already.
        previous = allocations[ordinal - 1] if 0 < ordinal <= len(allocations) else None
        if previous is not None and "^" in tokens[previous:at]:
            at = tokens.index("^", previous)
        placed = []  # (token, address, ordinal of its allocation or None)
        order = sorted(pieces, key=lambda i: (i < at, abs(i - at)))
        in_piece = {allocated for _, _, allocated in garbage if allocated is not None}
        for token, address, allocated in garbage:
            # The same kind, kept on its free list or not (O) in the first
            # run; found or untracked by then (the forced run's full
            # collections untrack tuples of atoms).
            kind = token.lstrip("~")
            same = [(i, ordinals[i].index(allocated)) for i in order if allocated is not None and allocated in ordinals[i]]
            if same:
                candidate = take(*same[0])
                untracked = token.startswith("~") and candidate.startswith("T")
                placed.append(("?" + candidate if untracked else candidate, address, allocated))
                continue
            candidates = [token, kind if token.startswith("~") else "~" + kind]
            candidates += [c.replace(kind, "O") for c in candidates]
            # One that an object of this piece refers to in the first run (the
            # forced run made a class's dict at another allocation, and freed
            # the first run's outside its collections), else one the forced
            # run did not free so.
            referred = lambda i, j: not in_piece.isdisjoint(referrers.get(ordinals[i][j], ()))
            kept = lambda i, j: ordinals[i][j] not in refcount
            for matches, i, candidate in ((m, i, c) for m in (referred, kept) for c in candidates for i in order):
                j = next((j for j, t in enumerate(pieces[i]) if t == candidate and matches(i, j)), None)
                if j is not None:
                    take(i, j)
                    # A tuple the first run found and the forced run's
                    # collections untracked holds no tracked object: any
                    # collection after it was made untracks it (?).
                    untracked = token.startswith("~") and candidate.startswith("T")
                    placed.append(("?" + candidate if untracked else candidate, address, allocated))
                    break
        if not placed:
            continue
        first = min((allocated for _, _, allocated in placed if allocated is not None), default=None)
        if first is None:
            inserts.append((at, "!" + ",".join(runs([token for token, _, _ in placed]))))
            continue
        # A piece of its own (&K), garbage from its !&K on: each object made
        # after its own allocation (one whose allocation was not seen, with
        # the first), in that order, and held as CPython's was: >J after
        # one that is on no cycle of the piece, held by its J-th object.
        placed.sort(key=lambda p: first if p[2] is None else p[2])
        built.append((ordinal, at, first, placed, holders([address for _, address, _ in placed], refs)))
    # An object of the first run's garbage that the forced run freed outside
    # its collections, after the collection of a piece made before it (an
    # untracked tuple of a code object, or a constant tuple, which a function
    # of that piece and the module's code both held): CPython's own
    # collection frees it with the piece if it falls after the module's code
    # let go of it, else leaves it to that moment. So it hangs off the piece
    # (+), held from outside too until its -&K there. A tuple the forced
    # run's collections had untracked holds no tracked object (?): a
    # collection while it lives untracks it. With no such piece, it is freed
    # there, as its kind: no garbage.
    joined = {}  # index in built -> [(token, ordinal, freed at)]
    for i in pieces:
        for j in reversed(range(len(pieces[i]))):
            allocated = ordinals[i][j]
            freed, untracked = refcount.get(allocated, (None, False)) if allocated is not None else (None, False)
            if freed is None or freed <= allocated:
                continue
            token = take(i, j)
            # The piece of a found object that refers to it, else the last
            # one collected between its allocation and its free.
            referring = set(referrers.get(allocated, []))
            holder = next((k for k in range(len(built)) if referring & {p[2] for p in built[k][3]}), None)
            if holder is None:
                holder = next((k for k in reversed(range(len(built))) if allocated < built[k][0] <= freed), None)
            if holder is None:
                inserts.append((allocations[freed] if freed < len(allocations) else len(tokens), token.lstrip("~?")))
                continue
            if untracked and token[0] == "T":
                token = "?" + token
            joined.setdefault(holder, []).append((token, allocated, freed))
    for k, (ordinal, at, first, placed, held) in enumerate(built):
        # The joined objects hang off the piece's first member of its cycles.
        member = next((j for j, h in enumerate(held) if h is None and placed[j][0][0] not in "~?"), None)
        objects = [(token, allocated, holder, None) for (token, _, allocated), holder in zip(placed, held)]
        if member is not None:
            objects += [(token, allocated, -1, freed) for token, allocated, freed in joined.get(k, [])]
        else:
            for token, _, freed in joined.get(k, []):
                inserts.append((allocations[freed] if freed < len(allocations) else len(tokens), token.lstrip("~?")))
        order = sorted(range(len(objects)), key=lambda j: first if objects[j][1] is None else objects[j][1])
        position = {j: n for n, j in enumerate(order)}
        made = {}  # allocation ordinal -> the piece's tokens made after it
        releases = set()
        for j in order:
            token, allocated, holder, freed = objects[j]
            suffix = "" if holder is None else f">{position[member if holder == -1 else holder]}"
            if freed is not None:
                suffix += "+"
                releases.add(freed)
            made.setdefault(first if allocated is None else allocated, []).append((token, suffix))
        for allocated, items in made.items():
            listed = [token + (f"*{n}" if n > 1 else "") + suffix for (token, suffix), n in counted_runs(items)]
            inserts.append((allocations[allocated] + 1, f"&{piece}:{','.join(listed)}"))
        inserts.append((at, f"!&{piece}"))
        if len(releases) > 1:  # -&K lets go of all the piece's + objects
            sys.exit(f"piece {piece}: its objects held from outside are freed at {len(releases)} places")
        for freed in releases:
            inserts.append((allocations[freed] if freed < len(allocations) else len(tokens), f"-&{piece}"))
        piece += 1
    for i, left in pieces.items():
        tokens[i] = "!" + ",".join(runs(left)) if left else None
    for at, token in sorted(inserts, key=lambda insert: -insert[0]):
        tokens.insert(at, token)
    return [t for t in tokens if t is not None]


def expand(run):
    token, _, n = run.partition("*")
    return [token] * int(n or 1)


def counted_runs(items):
    """Runs of equal items as (item, N)."""
    counted = []
    for t in items:
        if counted and counted[-1][0] == t:
            counted[-1][1] += 1
        else:
            counted.append([t, 1])
    return counted


def runs(tokens):
    """Runs of equal tokens as TOKEN*N."""
    return [t if n == 1 else f"{t}*{n}" for t, n in counted_runs(tokens)]


def lines(tokens, width=100):
    """Runs as TOKEN*N, wrapped."""
    words = runs(tokens)
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
    objects = {}
    tokens = events(log, module, objects_out=objects)
    if len(sys.argv) > 3:  # the $FORCE_COLLECT log of the same import
        collections = []
        forced = events(read_log(sys.argv[3]), module, collections)
        tokens = place_garbage(tokens, forced, collections, objects["pieces"], objects["referrers"])
    print(f"import {module}")
    for line in lines(tokens):
        print(line)
