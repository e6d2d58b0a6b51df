# ---
# summary = "A weak proxy works like the object until it dies, then raises ReferenceError"
# tags = ["weakref", "proxy", "pypy-doc"]
# requires = ["py3-syntax", "weakref"]
# refs = [
#   "https://docs.python.org/3/library/weakref.html#weakref.proxy",
#   "https://doc.pypy.org/en/latest/cpython_differences.html#differences-related-to-garbage-collection-strategies",
# ]
# explain = """
# PyPy doc: weak proxies "will appear to stay alive for a bit longer in
# PyPy, and suddenly they will really be dead, raising a ReferenceError on
# the next access. Any code that uses weak proxies must carefully catch
# such ReferenceError at any place that uses them." On CPython the proxy
# dies at `del`; on PyPy at gc.collect(). The message differs too:
# "weakly-referenced" on CPython, "weakly referenced" on PyPy."""
# portable = "Catch ReferenceError at every use of a weak proxy, and do not match its message text (it differs between runtimes); or use weakref.ref and test for None."
# ---
import gc
import weakref

class Config:
    def __init__(self):
        self.level = 3
    def describe(self):
        return "level %d" % self.level

def use(p, when):
    try:
        print(when, "->", p.describe(), p.level)
    except ReferenceError as e:
        print(when, "-> ReferenceError:", e)

cfg = Config()
proxy = weakref.proxy(cfg)
use(proxy, "alive")
del cfg
use(proxy, "after del")
gc.collect()
use(proxy, "after gc.collect()")
