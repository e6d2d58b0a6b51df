# threading: locks and events, and threads, which the models run one at a
# time, passing control only where the running thread blocks; each part
# prints only what does not depend on where a switch falls.
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
thread.start()
thread.join()
print(ran, thread.is_alive())
# probe: start and join, names and idents
import _thread

seen = []


def work(n):
    seen.append((n, threading.current_thread().name, threading.get_ident() != main_ident))


main_ident = threading.get_ident()
workers = [threading.Thread(target=work, args=(n,), name="w%d" % n) for n in range(3)]
for w in workers:
    w.start()
for w in workers:
    w.join()
print(sorted(seen), threading.current_thread().name, threading.main_thread() is threading.current_thread())
print(threading.active_count(), _thread._count(), [w.is_alive() for w in workers])
# probe: an event hands over
done = threading.Event()
order = []


def waiter():
    done.wait()
    order.append("waiter woke")


t = threading.Thread(target=waiter)
t.start()
order.append("main sets")
done.set()
t.join()
print(order)
# probe: a lock another thread holds
held = threading.Lock()
held.acquire()
log = []


def taker():
    with held:
        log.append("taker got the lock")


t = threading.Thread(target=taker)
t.start()
print(held.acquire(False), t.is_alive())
log.append("main releases")
held.release()
t.join()
print(log)
# probe: a Condition and a Barrier
cond = threading.Condition()
items = []


def consumer():
    with cond:
        cond.wait_for(lambda: items)
        print("consumed", items.pop())


c = threading.Thread(target=consumer)
c.start()
with cond:
    items.append(42)
    cond.notify()
c.join()
barrier = threading.Barrier(3)
arrived = []


def party(n):
    barrier.wait()
    arrived.append(n)


parties = [threading.Thread(target=party, args=(n,)) for n in range(2)]
for p in parties:
    p.start()
barrier.wait()
for p in parties:
    p.join()
print(sorted(arrived))
# probe: threading.local
data = threading.local()
data.x = "main"


def set_local():
    print(hasattr(data, "x"))
    data.x = "worker"


t = threading.Thread(target=set_local)
t.start()
t.join()
print(data.x)
# probe: an exception in a thread
def fail():
    raise ValueError("boom")


caught = []
threading.excepthook = lambda args: caught.append((args.exc_type.__name__, str(args.exc_value), args.thread.name))
t = threading.Thread(target=fail, name="hooked")
t.start()
t.join()
print(caught)
# probe: a timed join and a Timer
stop = threading.Event()
t = threading.Thread(target=stop.wait)
t.start()
t.join(0.01)
print(t.is_alive())
stop.set()
t.join()
print(t.is_alive())
fired = []
timer = threading.Timer(0.01, fired.append, args=("fired",))
timer.start()
timer.join()
print(fired)
