# ---
# summary = "Inside __del__ the object's attributes are still alive; they are released after __del__ returns"
# tags = ["finalizers", "finalizer", "dealloc-order", "pypy-finalizer-order"]
# requires = ["py3-syntax", "finalizers"]
# refs = [
#   "https://github.com/python/cpython/blob/3.11/Objects/typeobject.c",
#   "https://doc.pypy.org/en/latest/discussion/finalizer-order.html",
# ]
# explain = """
# A finalizer may use what its object holds: a Session flushes through its
# Socket. CPython runs Session.__del__, then releases the attributes, and
# the Socket's own __del__ follows in the same cascade. PyPy guarantees the
# same "outer first" order but finalizes the Socket, reachable from the
# Session, only at the next collection."""
# portable = "Flush and close from an explicit close() method (Session.close() closes its Socket) instead of chaining __del__ methods, whose second link PyPy runs a collection later."
# ---
import gc

class Socket:
    def __init__(self):
        self.open = True
    def send(self, data):
        print("  socket sends", data, "(open:", str(self.open) + ")")
    def __del__(self):
        self.open = False
        print("  socket closed")

class Session:
    def __init__(self):
        self.sock = Socket()
        self.pending = ["bye"]
    def __del__(self):
        print("  session __del__ flushes")
        for item in self.pending:
            self.sock.send(item)

gc.collect()
s = Session()
print("del session")
del s
print("collect 1")
gc.collect()
print("collect 2")
gc.collect()
