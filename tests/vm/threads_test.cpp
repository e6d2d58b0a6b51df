// The program's threads (backends/vm/threads.hpp): the schedule, what it
// refuses, and a thread's end.
#include <catch2/catch.hpp>

#include "tests/support/vm_runtime.hpp"

TEST_CASE("threads hand over only where they block; under unittest starting one is a SkipTest", "[vm]") {
    // A peer suite's test that starts a thread is skipped with the reason
    // (docs/peer.md), the others run.
    CHECK(test::run_output(R"(
import threading, unittest
class T(unittest.TestCase):
    def test_thread(self):
        threading.Thread(target=print).start()
class R(unittest.TestResult):
    def addSkip(self, test, reason):
        print("skip", reason)
unittest.defaultTestLoader.loadTestsFromTestCase(T).run(R())
)") == "skip can't start new thread (pymodel skips threaded tests)\n");
    // The started thread runs once the main one waits (start() waits for
    // it to run), until it blocks itself; the main one goes on only when
    // what it waits for is there.
    CHECK(test::run_output(R"(
import threading
log = []
go = threading.Event()
def work():
    log.append("worker runs")
    go.wait()
    log.append("worker goes on")
t = threading.Thread(target=work)
t.start()
log.append("main after start")
go.set()
log.append("main after set")
t.join()
print(log)
)") == "['worker runs', 'main after start', 'main after set', 'worker goes on']\n");
    // Every thread waiting: the runtime would hang.
    test::Outcome deadlock = test::run_program(R"(
import threading
a, b = threading.Lock(), threading.Lock()
a.acquire()
def work():
    b.acquire()
    a.acquire()
t = threading.Thread(target=work)
t.start()
b.acquire()
)");
    CHECK(deadlock.status == 3);
    CHECK(deadlock.output.find("every thread waits for another") != std::string::npos);
    // A thread that spins while another could run: where the runtime
    // switches decides what it prints.
    test::Outcome spin = test::run_program(R"(
import threading
def work():
    n = 0
    while n < 1000000:
        n += 1
t = threading.Thread(target=work)
t.start()
print("main goes on")
t.join()
)");
    CHECK(spin.status == 3);
    CHECK(spin.output.find("without blocking while another thread could run") != std::string::npos);
    // What the model cannot do in a thread stops the program from the main
    // thread, which reports it.
    test::Outcome in_thread = test::run_program(R"(
import threading
def work():
    dir()
t = threading.Thread(target=work)
t.start()
t.join()
)");
    CHECK(in_thread.status == 3);
    CHECK(in_thread.output.find("(in a thread the program started)") != std::string::npos);
    // Timed waits end on the model's clock, earliest deadline first, once
    // no thread can run: the sleeps' order, and a timeout shorter than the
    // holder's sleep (python3.11 prints the same).
    CHECK(test::run_output(R"(
import threading, time
out = []
def sleeper(name, secs):
    time.sleep(secs)
    out.append(name)
ts = [threading.Thread(target=sleeper, args=a) for a in (("slow", 0.2), ("fast", 0.1))]
for t in ts: t.start()
for t in ts: t.join()
lock = threading.Lock()
def hold():
    with lock:
        time.sleep(0.3)
h = threading.Thread(target=hold)
h.start()
print(out, lock.acquire(timeout=0.1), lock.acquire(timeout=1))
)") == "['fast', 'slow'] False True\n");
}
