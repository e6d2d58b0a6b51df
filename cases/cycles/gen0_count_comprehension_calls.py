# ---
# summary = "Where automatic collections fall in a loop that calls a list comprehension: to 3.11 each call makes a function object, from 3.12 (inlined, PEP 709) none"
# tags = ["cycles", "gc-module", "gc-automatic", "version-dependent"]
# requires = ["py3-syntax", "gc-counts", "gc-control", "gc-callbacks"]
# refs = [
#   "https://peps.python.org/pep-0709/",
#   "https://docs.python.org/3/library/gc.html#gc.callbacks",
# ]
# explain = """
# With the generation-0 threshold at 7, each turn keeps one new list and
# the callback records the turns at which a generation-0 collection
# starts. To 3.11 a list comprehension is a function of its own: each call
# makes a function object (and to 3.10 a frame object) that dies when the
# call returns, one more allocation in flight, so the threshold is crossed
# on an earlier turn. 3.12 compiles it inline, with no function object,
# and collects every seventh turn; a generator expression is still a
# function with a generator. 3.14's incremental collector counts and
# reports its young collections its own way. PyPy has no set_threshold."""
# portable = "Never depend on where automatic collections fall: the allocations a construct makes change from one version to the next."
# ---
import gc


def comprehension(n):
    return [n for _ in (1,)]


def generator(n):
    return list(n for _ in (1,))


def turns_collected(make):
    keep = []
    collected = []
    turn = [0]

    def on_gc(phase, info):
        if phase == "start" and info["generation"] == 0:
            collected.append(turn[0])

    gc.collect()
    gc.callbacks.append(on_gc)
    for turn[0] in range(40):
        keep.append(make(turn[0]))
    gc.callbacks.remove(on_gc)
    return collected


gc.set_threshold(7)
print("list comprehension:", turns_collected(comprehension))
print("generator expression:", turns_collected(generator))
