# ---
# summary = "PyPy's gc.hooks show a request loop's collections: garbage that dies young costs only minor collections; a growing cache brings major ones"
# tags = ["pauses", "gc-automatic", "gc-module", "realistic"]
# requires = ["py3-syntax"]
# refs = [
#   "https://doc.pypy.org/en/latest/gc_info.html#gc-hooks",
#   "https://doc.pypy.org/en/latest/gc_info.html#minimark-environment-variables",
# ]
# explain = """
# PyPy has no gc.callbacks; its gc.hooks call on_gc_minor after
# minor collections, which empty the nursery (pinned here to 1 MiB), and
# on_gc_collect_step and on_gc_collect for the steps and the ends of major
# collections, which mark the old generation incrementally. Request
# objects that die before the next minor collection are never copied out
# of the nursery: 200,000 requests cost a fixed number of minor
# collections (a hook call may report several, in its `count`) and no
# major one. A cache that keeps what it makes fills the old generation, and
# major collections start (how many depends on the heap start-up left, so
# the case prints only that there are some). CPython has no gc.hooks
# (pauses/request_loop_collections uses its gc.callbacks)."""
# portable = "Measure collections with each runtime's own tool (gc.callbacks on CPython, gc.hooks on PyPy), guarded with hasattr; keep request garbage short-lived and free of cycles."
# ---
import gc

minor = []
steps = []
majors = []


def on_minor(stats):
    minor.append(stats.count)


def on_step(stats):
    steps.append(stats.count)


def on_major(stats):
    majors.append(stats.count)


class Request:
    def __init__(self, number):
        self.number = number
        self.me = self


if not hasattr(gc, "hooks"):
    print("no gc.hooks")
else:
    gc.collect()
    gc.hooks.on_gc_minor = on_minor
    gc.hooks.on_gc_collect_step = on_step
    gc.hooks.on_gc_collect = on_major
    for number in range(200000):
        Request(number)
    print("short-lived requests: minor collections", sum(minor), "major collections", sum(majors))
    cache = [Request(number) for number in range(300000)]
    print("a growing cache: major collection steps and ends:", len(steps) > 0, len(majors) > 0)
    gc.hooks.reset()
