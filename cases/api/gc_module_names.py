# ---
# summary = "Which names the gc module defines on each runtime"
# tags = ["api", "api-presence", "gc-module", "version-dependent"]
# requires = ["py3-syntax"]
# refs = [
#   "https://docs.python.org/3/library/gc.html",
#   "https://github.com/pypy/pypy/blob/main/pypy/module/gc/moduledef.py",
# ]
# explain = """
# CPython's gc module exposes the generational collector: counts,
# thresholds, debug flags, callbacks, freeze (3.7+), is_finalized (3.9+).
# PyPy's exposes collect/enable/disable/isenabled, garbage (always empty),
# the referent/referrer walkers and get_stats, plus PyPy-only controls
# (enable_finalizers, disable_finalizers, collect_step, dump_rpy_heap,
# hooks), and none of the generational API."""
# portable = "Use only collect, enable, disable, isenabled, garbage and the referrer walkers unconditionally; test every other gc name with `hasattr` first."
# ---
import gc

names = [
    "collect", "enable", "disable", "isenabled", "garbage",
    "get_objects", "get_referents", "get_referrers", "get_stats",
    "get_count", "get_threshold", "set_threshold",
    "get_debug", "set_debug", "DEBUG_SAVEALL", "DEBUG_LEAK", "DEBUG_STATS",
    "callbacks", "is_tracked", "is_finalized",
    "freeze", "unfreeze", "get_freeze_count",
    "enable_finalizers", "disable_finalizers", "collect_step", "dump_rpy_heap", "hooks",
]
for name in names:
    print(name, hasattr(gc, name))
