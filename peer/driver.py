# Runs one test file of a peer suite and prints one line per test method:
#   @peer <status> <test id>[ -- <reason>]
# status: pass, fail, error, skip, xfail (expected failure), xpass
# (unexpected success); then `@peer done`. A file that cannot be imported
# is one line with the module's name as its id: `skip` when it raised
# unittest.SkipTest (the reason is the skip's), else `error` with the
# exception's type and first line. The runner prepends PEER_DIR and
# PEER_MODULE (docs/peer.md).
import sys
import unittest

sys.path.insert(0, PEER_DIR)


def report(test_id, status, reason=None):
    line = "@peer " + status + " " + test_id
    if reason:
        line += " -- " + " ".join(str(reason).split())
    print(line)
    sys.stdout.flush()


class PeerResult(unittest.TestResult):
    def addSuccess(self, test):
        report(test.id(), "pass")

    def addFailure(self, test, err):
        report(test.id(), "fail")

    def addError(self, test, err):
        report(test.id(), "error", err[0].__name__)

    def addSkip(self, test, reason):
        report(test.id(), "skip", reason)

    def addExpectedFailure(self, test, err):
        report(test.id(), "xfail")

    def addUnexpectedSuccess(self, test):
        report(test.id(), "xpass")

    def addSubTest(self, test, subtest, err):
        if err is not None:
            failed = issubclass(err[0], test.failureException)
            report(subtest.id(), "fail" if failed else "error")


try:
    module = __import__(PEER_MODULE)
except unittest.SkipTest as skip:
    report(PEER_MODULE, "skip", skip)
    module = None
except Exception as error:
    message = str(error).splitlines()
    report(PEER_MODULE, "error", type(error).__name__ + (": " + message[0] if message else ""))
    module = None
if module is not None:
    unittest.defaultTestLoader.loadTestsFromModule(module).run(PeerResult())
print("@peer done")
