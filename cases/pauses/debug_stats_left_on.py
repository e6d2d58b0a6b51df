# ---
# summary = "gc.set_debug(gc.DEBUG_STATS) left on in a service: every automatic collection writes its report to stderr, in each version's format"
# tags = ["pauses", "gc-debug", "gc-automatic", "cycle", "realistic", "version-dependent", "seed"]
# requires = ["py3-syntax"]
# refs = [
#   "https://docs.python.org/3/library/gc.html#gc.DEBUG_STATS",
#   "https://docs.python.org/3/library/gc.html#gc.set_debug",
# ]
# explain = """
# One of this project's seed stories: a long-lived server whose frequent
# automatic collections caused pauses, made worse by a gc.set_debug call
# left on, which writes a report of every collection to stderr. The
# report goes through sys.stderr, so the case catches it there and
# rewrites what is a measurement (the time elapsed) or depends on start-up
# (the size of the oldest and the permanent generations) as `?`. It shows
# each version's format (3.7 adds the permanent generation's line), and one
# report per automatic collection of the 2,000 garbage cycles: five on 3.6
# to 3.10, two on 3.11 and 3.12 (threshold 700, instances without a
# __dict__ object), one on 3.13 (threshold 2000), and on 3.14's incremental
# collector (Pyodide's 3.14.2) one of generation 1 that finds none of them
# unreachable (pauses/request_loop_collections). PyPy has no
# gc.set_debug."""
# portable = "Never leave gc.set_debug on in production; measure collections with gc.callbacks (CPython) or gc.hooks (PyPy) and log a summary instead."
# ---
import gc
import re
import sys


class Report:
    def __init__(self):
        self.text = ""

    def write(self, text):
        self.text += text

    def flush(self):
        pass


class Node:
    def __init__(self):
        self.me = self


def normalize(line):
    line = re.sub(r"\d+\.\d+s elapsed", "?s elapsed", line)
    line = re.sub(r"(objects in each generation: \d+ \d+) \d+", r"\1 ?", line)
    return re.sub(r"(objects in permanent generation:) \d+", r"\1 ?", line)


if not hasattr(gc, "set_debug"):
    print("gc.set_debug missing")
else:
    gc.collect()
    report, stderr = Report(), sys.stderr
    sys.stderr = report
    gc.set_debug(gc.DEBUG_STATS)
    for request in range(2000):
        Node()
    gc.set_debug(0)
    sys.stderr = stderr
    lines = report.text.splitlines()
    starts = [index for index, line in enumerate(lines) if "collecting generation" in line]
    print("reports written:", len(starts))
    for start, end in zip(starts, starts[1:] + [len(lines)]):
        print("report:")
        for line in lines[start:end]:
            print("   ", normalize(line))
