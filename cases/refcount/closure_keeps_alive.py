# ---
# summary = "A closure cell keeps a captured object alive until the function itself dies"
# tags = ["refcount", "closure", "finalizer"]
# requires = ["py3-syntax", "finalizers"]
# refs = ["https://docs.python.org/3/reference/executionmodel.html#binding-of-names"]
# explain = """
# The inner function holds the cell, the cell holds the object. On CPython
# dropping the last reference to the function frees the function, then its
# closure tuple, then the cell, then the object. A lambda stored in a list
# behaves the same. PyPy frees nothing before gc.collect()."""
# portable = "Do not rely on dropping a closure to release what it captured; capture only what it needs, and close resources explicitly rather than in __del__."
# ---
import gc

class Conn:
    def __init__(self, name):
        self.name = name
    def __del__(self):
        print("free", self.name)

def make_sender(name):
    conn = Conn(name)
    def send(msg):
        return conn.name + ":" + msg
    return send

send = make_sender("conn-1")
print(send("hello"))
print("dropping sender")
del send
print("sender dropped")
def make_getter(name):
    conn = Conn(name)
    return lambda: conn.name

handlers = [make_getter("conn-2")]
print("lambda sees", handlers[0]())
handlers.clear()
print("handlers cleared")
gc.collect()
print("after gc.collect()")
