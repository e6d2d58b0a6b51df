# ---
# summary = "After join(), a finished Thread has released its target's arguments and frame, but a Thread subclass keeps its own attributes as long as the Thread object lives"
# tags = ["threads", "thread", "weakref"]
# requires = ["py3-syntax", "threads", "weakref"]
# refs = ["https://docs.python.org/3/library/threading.html#threading.Thread.run"]
# explain = """
# Thread.run() deletes its references to the target and its arguments when
# the target returns ("to avoid a refcycle if the thread is running a
# function with an argument that has a member that points to the thread"),
# and the target's frame and locals are gone with the return: once join()
# returns, a job passed as an argument is released, on CPython at once. A
# subclass that stores the job on self keeps it until the Thread object
# itself dies, which is usually much later (a list of workers, a pool).
# PyPy frees them at the next collection."""
# portable = "Pass work to a thread as arguments (or through a queue) rather than storing it on the Thread object, and drop finished Thread objects."
# ---
import gc
import threading
import weakref


class Job:
    pass


class JobThread(threading.Thread):
    def __init__(self, job):
        threading.Thread.__init__(self)
        self.job = job

    def run(self):
        local_copy = self.job


def work(job):
    local_copy = job


as_argument, as_attribute = Job(), Job()
watches = [weakref.ref(as_argument), weakref.ref(as_attribute)]
threads = [threading.Thread(target=work, args=(as_argument,)), JobThread(as_attribute)]
del as_argument, as_attribute
for thread in threads:
    thread.start()
    thread.join()
print("after join: the argument alive", watches[0]() is not None, "the attribute alive", watches[1]() is not None)
gc.collect()
print("after gc.collect():", watches[0]() is not None, watches[1]() is not None)
del threads, thread
gc.collect()
print("after dropping the Thread objects:", watches[0]() is not None, watches[1]() is not None)
