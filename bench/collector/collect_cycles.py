# The collector benchmark's program: OBJECTS objects of cyclic garbage
# (rings of 10 instances, each holding a list), collected by one
# gc.collect(); done REPEAT times. It prints what the last collection
# found and the mean CPU time of one, in ns. The CPU time is read from
# /proc/thread-self/schedstat (the model has no time module); that clock
# advances at scheduler ticks, so each reading lags by up to a tick, and
# over many repetitions the errors average out. collector.sh sets OBJECTS
# and REPEAT.
import gc

OBJECTS = 20000
REPEAT = 10


class Node:
    def __init__(self):
        self.next = None
        self.items = []


def cpu_ns():
    with open("/proc/thread-self/schedstat") as f:
        return int(f.read().split()[0])


def make_garbage(objects):
    for ring in range(objects // 20):
        first = last = Node()
        for i in range(9):
            node = Node()
            last.next = node
            last = node
        last.next = first


gc.disable()
gc.collect()
total = 0
for r in range(REPEAT):
    make_garbage(OBJECTS)
    start = cpu_ns()
    found = gc.collect()
    total += cpu_ns() - start
print(found, total // REPEAT)
