# ---
# summary = "A suspended coroutine in a reference cycle: the collector closes it, runs its finally and frees what it held"
# tags = ["asyncio", "coroutine", "cycle", "finalizer", "gc-collect"]
# requires = ["py3-syntax", "finalizers"]
# refs = ["https://peps.python.org/pep-0442/"]
# explain = """
# A job holds its coroutine and the coroutine's frame holds the job: a
# cycle that reference counting cannot free. The cycle collector
# finalizes the coroutine as it would a generator (tp_finalize closes it,
# so the finally block runs inside gc.collect()), then frees the job and
# the resource. PyPy closes it at the collection too."""
# portable = "Close or cancel a coroutine you abandon, rather than leaving a suspended one in a cycle for the collector."
# ---
import gc


class Resource:
    def __del__(self):
        print("resource freed")


class Pause:
    def __await__(self):
        yield


class Job:
    def __init__(self):
        self.coroutine = self.run()

    async def run(self):
        resource = Resource()
        try:
            await Pause()
        finally:
            print("finally runs")


gc.collect()
job = Job()
job.coroutine.send(None)
del job
print("dropped the job")
gc.collect()
print("after gc.collect()")
