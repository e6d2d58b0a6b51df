# threading with one thread: locks, events; then a thread started, which
# the model cannot run and must refuse (exit 3), not report as an error a
# program could catch.
import threading

lock = threading.Lock()
print(lock.acquire(), lock.acquire(False), lock.locked())
lock.release()
print(lock.locked(), lock.acquire(timeout=0.01))
lock.release()
rlock = threading.RLock()
print(rlock.acquire(), rlock.acquire(), rlock.acquire(False))
with rlock:
    pass
event = threading.Event()
print(event.is_set(), event.wait(0.01))
event.set()
print(event.wait(), event.wait(0.01))

ran = []
thread = threading.Thread(target=lambda: ran.append(1))
try:
    thread.start()
    thread.join()
except RuntimeError as e:
    print("cannot start a thread:", e)
print(ran)
