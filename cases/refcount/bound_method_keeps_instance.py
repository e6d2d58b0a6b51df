# ---
# summary = "A stored bound method keeps its instance alive"
# tags = ["refcount", "closure", "finalizer", "realistic"]
# requires = ["py3-syntax", "finalizers"]
# refs = ["https://docs.python.org/3/reference/datamodel.html#instance-methods"]
# explain = """
# A bound method holds a strong reference to __self__. Registering
# `widget.on_click` in a handler table keeps the widget alive after the
# application dropped it; on CPython it dies when the table entry is
# removed. PyPy frees nothing before gc.collect()."""
# portable = "Register `weakref.WeakMethod(widget.on_click)` in the handler table, or unregister the handler explicitly when the widget is closed; do not rely on the table entry's removal to free it."
# ---
import gc

class Widget:
    def __init__(self, name):
        self.name = name
    def on_click(self):
        print("clicked", self.name)
    def __del__(self):
        print("free", self.name)

handlers = {}
w = Widget("button")
handlers["click"] = w.on_click
del w
print("widget name dropped")
handlers["click"]()
del handlers["click"]
print("handler removed")
gc.collect()
print("after gc.collect()")
