# ---
# summary = "A transaction context manager commits on success, rolls back on error, and is released after the block"
# tags = ["generators", "context-manager", "finalizer", "realistic"]
# requires = ["py3-syntax", "finalizers"]
# refs = [
#   "https://docs.python.org/3/reference/compound_stmts.html#the-with-statement",
#   "https://docs.python.org/3/library/contextlib.html",
# ]
# explain = """
# Explicit resource management gives the same commit/rollback order on
# every runtime. Only the transaction objects' own __del__ (a safety net
# that would roll back an unfinished transaction) runs at different times:
# right after the with statement on CPython, at gc.collect() on PyPy."""
# portable = "This is the portable pattern: commit or roll back in __exit__; keep __del__ only as a safety net that logs, and do not depend on when it runs."
# ---
import gc

class Transaction:
    def __init__(self, db, name):
        self.db = db
        self.name = name
        self.done = False
    def __enter__(self):
        self.db.append("begin " + self.name)
        return self
    def __exit__(self, exc_type, exc, tb):
        if exc_type is None:
            self.db.append("commit " + self.name)
        else:
            self.db.append("rollback " + self.name)
        self.done = True
        return False
    def __del__(self):
        print("  transaction", self.name, "released, finished:", self.done)

db = []
with Transaction(db, "t1"):
    db.append("insert 1")
print("after t1")
try:
    with Transaction(db, "t2"):
        db.append("insert 2")
        raise ValueError("constraint violated")
except ValueError as e:
    print("t2 failed:", e)
print("after t2")
print(db)
gc.collect()
print("after gc.collect()")
