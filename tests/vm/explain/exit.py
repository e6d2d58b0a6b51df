# The exit: atexit callbacks, module teardown, what is left alive.
import atexit


class Node:
    def __init__(self, name):
        self.name = name
        self.other = None

    def __del__(self):
        print("del", self.name)


def goodbye():
    print("atexit")
    local = Node("in atexit")


atexit.register(goodbye)
g = Node("global")
cyc = Node("cycle")
cyc.other = cyc
print("end")
