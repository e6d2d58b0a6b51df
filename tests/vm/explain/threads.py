# The explain trace names the thread an event happens in: the worker drops
# the last reference to what the main thread made (CPython: it is freed
# there), and the main thread's own object dies in it.
import threading


class Resource:
    def __init__(self, name):
        self.name = name

    def __del__(self):
        pass


def work(box):
    box.pop()


box = [Resource("handed over")]
worker = threading.Thread(target=work, args=(box,))
worker.start()
worker.join()
Resource("main's")
