"""pymodel's unittest: a compact TestCase, loader, suite and result with
CPython's order of events (fixtures, test, cleanups; classes and methods in
sorted order), enough for CPython's own test files."""

import sys

__unittest = True


class SkipTest(Exception):
    pass


class _ShouldStop(Exception):
    pass


def _id(obj):
    return obj


def skip(reason):
    def decorator(test_item):
        if not isinstance(test_item, type):
            # A helper a test calls skips the test (unittest.case.skip's
            # skip_wrapper; functools.wraps copies the name).
            def skip_wrapper(*args, **kwargs):
                raise SkipTest(reason)

            skip_wrapper.__name__ = test_item.__name__
            skip_wrapper.__doc__ = test_item.__doc__
            test_item = skip_wrapper
        test_item.__unittest_skip__ = True
        test_item.__unittest_skip_why__ = reason
        return test_item
    if isinstance(reason, type(skip)):
        test_item = reason
        reason = ""
        return decorator(test_item)
    return decorator


def skipIf(condition, reason):
    if condition:
        return skip(reason)
    return _id


def skipUnless(condition, reason):
    if not condition:
        return skip(reason)
    return _id


def expectedFailure(test_item):
    test_item.__unittest_expecting_failure__ = True
    return test_item


def _safe_repr(obj):
    try:
        return repr(obj)
    except Exception:
        return object.__repr__(obj)


def strclass(cls):
    return "%s.%s" % (cls.__module__, cls.__qualname__)


class _AssertRaisesContext:
    def __init__(self, expected, test_case, expected_regex=None):
        self.expected = expected
        self.test_case = test_case
        self.expected_regex = expected_regex
        self.msg = None

    def handle(self, name, args, kwargs):
        if not args:
            self.msg = kwargs.pop("msg", None)
            return self
        callable_obj = args[0]
        args = args[1:]
        try:
            with self:
                callable_obj(*args, **kwargs)
        finally:
            self = None

    def __enter__(self):
        return self

    def __exit__(self, exc_type, exc_value, tb):
        if exc_type is None:
            try:
                exc_name = self.expected.__name__
            except AttributeError:
                exc_name = str(self.expected)
            self.test_case.fail(self.msg or "%s not raised" % exc_name)
        if not issubclass(exc_type, self.expected):
            return False
        self.exception = exc_value.with_traceback(None)
        if self.expected_regex is not None:
            import re
            if not re.search(self.expected_regex, str(exc_value)):
                self.test_case.fail('"%s" does not match "%s"' % (self.expected_regex, str(exc_value)))
        return True


class _SubTest:
    def __init__(self, test_case, message, params):
        self.test_case = test_case
        self._message = message
        self.params = params
        self.failureException = test_case.failureException

    def _subDescription(self):
        parts = []
        if self._message is not _subtest_msg_sentinel:
            parts.append("[%s]" % (self._message,))
        if self.params:
            parts.append("(%s)" % ", ".join("%s=%r" % (k, v) for k, v in self.params.items()))
        return " ".join(parts) or "(<subtest>)"

    def id(self):
        return "%s %s" % (self.test_case.id(), self._subDescription())

    def __str__(self):
        return "%s %s" % (self.test_case, self._subDescription())


_subtest_msg_sentinel = object()


class _SubTestContext:
    def __init__(self, test_case, msg, params):
        self.test_case = test_case
        self.subtest = _SubTest(test_case, msg, params)

    def __enter__(self):
        self.parent = self.test_case._subtest
        self.test_case._subtest = self.subtest

    def __exit__(self, exc_type, exc_value, tb):
        test_case = self.test_case
        test_case._subtest = self.parent
        result = test_case._result
        if exc_type is None:
            result.addSubTest(test_case, self.subtest, None)
            return False
        if issubclass(exc_type, SkipTest):
            result.addSkip(self.subtest, str(exc_value))
        elif issubclass(exc_type, (KeyboardInterrupt, _ShouldStop)):
            return False
        else:
            test_case._subtest_failed = True
            result.addSubTest(test_case, self.subtest, (exc_type, exc_value, tb))
        return True


class TestCase:
    failureException = AssertionError
    longMessage = True
    maxDiff = 80 * 8

    _class_cleanups = []

    def __init__(self, methodName="runTest"):
        self._testMethodName = methodName
        self._cleanups = []
        self._subtest = None
        try:
            testMethod = getattr(self, methodName)
        except AttributeError:
            if methodName != "runTest":
                raise ValueError("no such test method in %s: %s" % (self.__class__, methodName))
            self._testMethodDoc = None
        else:
            self._testMethodDoc = testMethod.__doc__

    @classmethod
    def setUpClass(cls):
        pass

    @classmethod
    def tearDownClass(cls):
        pass

    def setUp(self):
        pass

    def tearDown(self):
        pass

    def addCleanup(self, function, *args, **kwargs):
        self._cleanups.append((function, args, kwargs))

    def enterContext(self, cm):
        result = type(cm).__enter__(cm)
        self.addCleanup(type(cm).__exit__, cm, None, None, None)
        return result

    def countTestCases(self):
        return 1

    def defaultTestResult(self):
        return TestResult()

    def id(self):
        return "%s.%s" % (strclass(self.__class__), self._testMethodName)

    def shortDescription(self):
        doc = self._testMethodDoc
        return doc.strip().split("\n")[0].strip() if doc else None

    def __str__(self):
        return "%s (%s.%s)" % (self._testMethodName, strclass(self.__class__), self._testMethodName)

    def __repr__(self):
        return "<%s testMethod=%s>" % (strclass(self.__class__), self._testMethodName)

    def __eq__(self, other):
        if type(self) is not type(other):
            return NotImplemented
        return self._testMethodName == other._testMethodName

    def __hash__(self):
        return hash((type(self), self._testMethodName))

    def subTest(self, msg=_subtest_msg_sentinel, **params):
        return _SubTestContext(self, msg, params)

    # A part of the test (setUp, the method, tearDown, a cleanup): True when
    # it ran through; what it raised goes to the result.
    def _run_part(self, result, function, args=(), kwargs={}, is_test=False):
        try:
            function(*args, **kwargs)
            return True
        except KeyboardInterrupt:
            raise
        except SkipTest as e:
            self._skipped = True
            result.addSkip(self, str(e))
        except BaseException:
            exc_info = sys.exc_info()
            if is_test and self._expecting_failure:
                self._expected_failure = exc_info
            elif issubclass(exc_info[0], self.failureException):
                result.addFailure(self, exc_info)
                self._failed = True
            else:
                result.addError(self, exc_info)
                self._failed = True
            exc_info = None
        return False

    def run(self, result=None):
        if result is None:
            result = self.defaultTestResult()
        result.startTest(self)
        try:
            testMethod = getattr(self, self._testMethodName)
            if getattr(self.__class__, "__unittest_skip__", False) or getattr(testMethod, "__unittest_skip__", False):
                why = getattr(self.__class__, "__unittest_skip_why__", "") or getattr(testMethod, "__unittest_skip_why__", "")
                result.addSkip(self, why)
                return result
            self._expecting_failure = getattr(testMethod, "__unittest_expecting_failure__", False)
            self._expected_failure = None
            self._skipped = False
            self._failed = False
            self._subtest_failed = False
            self._result = result
            if self._run_part(result, self.setUp):
                self._run_part(result, testMethod, is_test=True)
                self._run_part(result, self.tearDown)
            self.doCleanups()
            if not self._skipped and not self._failed:
                if self._expecting_failure:
                    if self._expected_failure is not None:
                        result.addExpectedFailure(self, self._expected_failure)
                    else:
                        result.addUnexpectedSuccess(self)
                elif not self._subtest_failed:
                    result.addSuccess(self)
            return result
        finally:
            self._expected_failure = None
            self._result = None
            testMethod = None
            result.stopTest(self)

    def doCleanups(self):
        while self._cleanups:
            function, args, kwargs = self._cleanups.pop()
            self._run_part(self._result, function, args, kwargs)

    def __call__(self, *args, **kwds):
        return self.run(*args, **kwds)

    def skipTest(self, reason):
        raise SkipTest(reason)

    def fail(self, msg=None):
        raise self.failureException(msg)

    def _formatMessage(self, msg, standardMsg):
        if msg is None:
            return standardMsg
        return "%s : %s" % (standardMsg, msg)

    def assertTrue(self, expr, msg=None):
        if not expr:
            self.fail(self._formatMessage(msg, "%s is not true" % _safe_repr(expr)))

    def assertFalse(self, expr, msg=None):
        if expr:
            self.fail(self._formatMessage(msg, "%s is not false" % _safe_repr(expr)))

    def assertEqual(self, first, second, msg=None):
        if not first == second:
            self.fail(self._formatMessage(msg, "%s != %s" % (_safe_repr(first), _safe_repr(second))))

    def assertNotEqual(self, first, second, msg=None):
        if not first != second:
            self.fail(self._formatMessage(msg, "%s == %s" % (_safe_repr(first), _safe_repr(second))))

    assertListEqual = assertTupleEqual = assertDictEqual = assertSetEqual = assertSequenceEqual = assertEqual

    def assertAlmostEqual(self, first, second, places=7, msg=None):
        if first != second and round(abs(second - first), places) != 0:
            self.fail(self._formatMessage(msg, "%r != %r within %r places" % (first, second, places)))

    def assertCountEqual(self, first, second, msg=None):
        first, second = list(first), list(second)
        for x in first:
            if x in second:
                second.remove(x)
            else:
                self.fail(self._formatMessage(msg, "Element counts were not equal"))
        if second:
            self.fail(self._formatMessage(msg, "Element counts were not equal"))

    def assertIs(self, expr1, expr2, msg=None):
        if expr1 is not expr2:
            self.fail(self._formatMessage(msg, "%s is not %s" % (_safe_repr(expr1), _safe_repr(expr2))))

    def assertIsNot(self, expr1, expr2, msg=None):
        if expr1 is expr2:
            self.fail(self._formatMessage(msg, "unexpectedly identical: %s" % _safe_repr(expr1)))

    def assertIsNone(self, obj, msg=None):
        if obj is not None:
            self.fail(self._formatMessage(msg, "%s is not None" % _safe_repr(obj)))

    def assertIsNotNone(self, obj, msg=None):
        if obj is None:
            self.fail(self._formatMessage(msg, "unexpectedly None"))

    def assertIn(self, member, container, msg=None):
        if member not in container:
            self.fail(self._formatMessage(msg, "%s not found in %s" % (_safe_repr(member), _safe_repr(container))))

    def assertNotIn(self, member, container, msg=None):
        if member in container:
            self.fail(self._formatMessage(msg, "%s unexpectedly found in %s" % (_safe_repr(member),
                                                                                 _safe_repr(container))))

    def assertIsInstance(self, obj, cls, msg=None):
        if not isinstance(obj, cls):
            self.fail(self._formatMessage(msg, "%s is not an instance of %r" % (_safe_repr(obj), cls)))

    def assertNotIsInstance(self, obj, cls, msg=None):
        if isinstance(obj, cls):
            self.fail(self._formatMessage(msg, "%s is an instance of %r" % (_safe_repr(obj), cls)))

    def assertGreater(self, a, b, msg=None):
        if not a > b:
            self.fail(self._formatMessage(msg, "%s not greater than %s" % (_safe_repr(a), _safe_repr(b))))

    def assertGreaterEqual(self, a, b, msg=None):
        if not a >= b:
            self.fail(self._formatMessage(msg, "%s not greater than or equal to %s" % (_safe_repr(a), _safe_repr(b))))

    def assertLess(self, a, b, msg=None):
        if not a < b:
            self.fail(self._formatMessage(msg, "%s not less than %s" % (_safe_repr(a), _safe_repr(b))))

    def assertLessEqual(self, a, b, msg=None):
        if not a <= b:
            self.fail(self._formatMessage(msg, "%s not less than or equal to %s" % (_safe_repr(a), _safe_repr(b))))

    def assertRaises(self, expected_exception, *args, **kwargs):
        context = _AssertRaisesContext(expected_exception, self)
        try:
            return context.handle("assertRaises", args, kwargs)
        finally:
            context = None

    def assertRaisesRegex(self, expected_exception, expected_regex, *args, **kwargs):
        context = _AssertRaisesContext(expected_exception, self, expected_regex)
        return context.handle("assertRaisesRegex", args, kwargs)

    def assertRegex(self, text, expected_regex, msg=None):
        import re
        if not re.search(expected_regex, text):
            self.fail(self._formatMessage(msg, "Regex didn't match: %r not found in %r" % (expected_regex, text)))

    def assertNotRegex(self, text, unexpected_regex, msg=None):
        import re
        if re.search(unexpected_regex, text):
            self.fail(self._formatMessage(msg, "Regex matched: %r matches %r" % (text, unexpected_regex)))


class TestResult:
    def __init__(self, stream=None, descriptions=None, verbosity=None):
        self.failures = []
        self.errors = []
        self.testsRun = 0
        self.skipped = []
        self.expectedFailures = []
        self.unexpectedSuccesses = []
        self.shouldStop = False

    def startTest(self, test):
        self.testsRun += 1

    def stopTest(self, test):
        pass

    def startTestRun(self):
        pass

    def stopTestRun(self):
        pass

    def addSuccess(self, test):
        pass

    def addError(self, test, err):
        self.errors.append((test, str(err[1])))

    def addFailure(self, test, err):
        self.failures.append((test, str(err[1])))

    def addSubTest(self, test, subtest, err):
        if err is not None:
            if issubclass(err[0], test.failureException):
                self.failures.append((subtest, str(err[1])))
            else:
                self.errors.append((subtest, str(err[1])))

    def addSkip(self, test, reason):
        self.skipped.append((test, reason))

    def addExpectedFailure(self, test, err):
        self.expectedFailures.append((test, str(err[1])))

    def addUnexpectedSuccess(self, test):
        self.unexpectedSuccesses.append(test)

    def wasSuccessful(self):
        return not self.failures and not self.errors and not self.unexpectedSuccesses

    def stop(self):
        self.shouldStop = True


class _ErrorHolder:
    """Stands for a class or module fixture that failed (setUpClass, ...)."""
    failureException = None

    def __init__(self, description):
        self.description = description

    def id(self):
        return self.description

    def __str__(self):
        return self.id()


class TestSuite:
    _cleanup = True

    def __init__(self, tests=()):
        self._tests = []
        self.addTests(tests)

    def __iter__(self):
        return iter(self._tests)

    def countTestCases(self):
        return sum(test.countTestCases() for test in self if test is not None)

    def addTest(self, test):
        self._tests.append(test)

    def addTests(self, tests):
        for test in tests:
            self.addTest(test)

    def __call__(self, *args, **kwds):
        return self.run(*args, **kwds)

    def run(self, result, debug=False):
        top_level = not getattr(result, "_testRunEntered", False)
        if top_level:
            result._testRunEntered = True
            result._previousTestClass = None
            result._moduleSetUpFailed = False
        for index, test in enumerate(self._tests):
            if result.shouldStop:
                break
            if isinstance(test, TestSuite):
                test.run(result)
            else:
                self._tearDownPreviousClass(test, result)
                self._handleModuleFixture(test, result)
                self._handleClassSetUp(test, result)
                result._previousTestClass = test.__class__
                if getattr(test.__class__, "_classSetupFailed", False) or result._moduleSetUpFailed:
                    continue
                test(result)
            if self._cleanup:
                self._tests[index] = None
        if top_level:
            self._tearDownPreviousClass(None, result)
            self._handleModuleTearDown(result)
            result._testRunEntered = False
        return result

    def _fixture_error(self, result, exc_info, description):
        error = _ErrorHolder(description)
        if issubclass(exc_info[0], SkipTest):
            result.addSkip(error, str(exc_info[1]))
        else:
            result.addError(error, exc_info)

    def _call_fixture(self, result, function, description):
        try:
            function()
            return True
        except Exception:
            self._fixture_error(result, sys.exc_info(), description)
            return False

    def _handleClassSetUp(self, test, result):
        previous = getattr(result, "_previousTestClass", None)
        current = test.__class__
        if current == previous or result._moduleSetUpFailed:
            return
        if getattr(current, "__unittest_skip__", False):
            return
        current._classSetupFailed = False
        ok = self._call_fixture(result, current.setUpClass, "setUpClass (%s)" % strclass(current))
        if not ok:
            current._classSetupFailed = True
            self._run_class_cleanups(current, result)

    def _run_class_cleanups(self, cls, result):
        cleanups = getattr(cls, "_class_cleanups", [])
        while cleanups:
            function, args, kwargs = cleanups.pop()
            self._call_fixture(result, lambda: function(*args, **kwargs), "tearDownClass (%s)" % strclass(cls))

    def _get_module(self, cls):
        return sys.modules.get(cls.__module__)

    def _handleModuleFixture(self, test, result):
        previous = getattr(result, "_previousTestClass", None)
        current_module = test.__class__.__module__
        if previous is not None and previous.__module__ == current_module:
            return
        self._handleModuleTearDown(result)
        result._moduleSetUpFailed = False
        module = sys.modules.get(current_module)
        setUpModule = getattr(module, "setUpModule", None)
        if setUpModule is not None:
            if not self._call_fixture(result, setUpModule, "setUpModule (%s)" % current_module):
                result._moduleSetUpFailed = True

    def _handleModuleTearDown(self, result):
        previous = getattr(result, "_previousTestClass", None)
        if previous is None or result._moduleSetUpFailed:
            return
        module = sys.modules.get(previous.__module__)
        tearDownModule = getattr(module, "tearDownModule", None)
        if tearDownModule is not None:
            self._call_fixture(result, tearDownModule, "tearDownModule (%s)" % previous.__module__)

    def _tearDownPreviousClass(self, test, result):
        previous = getattr(result, "_previousTestClass", None)
        current = test.__class__ if test is not None else None
        if current == previous or previous is None:
            return
        if getattr(previous, "_classSetupFailed", False) or result._moduleSetUpFailed:
            return
        if getattr(previous, "__unittest_skip__", False):
            return
        self._call_fixture(result, previous.tearDownClass, "tearDownClass (%s)" % strclass(previous))
        self._run_class_cleanups(previous, result)


def _class_names(cls):
    names = set()
    for klass in cls.__mro__:
        if klass is object:  # no test's name: and a built-in type's __dict__ is refused
            continue
        for name in klass.__dict__:
            names.add(name)
    return names


class TestLoader:
    testMethodPrefix = "test"
    suiteClass = TestSuite

    def getTestCaseNames(self, testCaseClass):
        names = [name for name in _class_names(testCaseClass)
                 if name.startswith(self.testMethodPrefix) and callable(getattr(testCaseClass, name))]
        names.sort()
        return names

    def loadTestsFromTestCase(self, testCaseClass):
        if issubclass(testCaseClass, TestSuite):
            raise TypeError("Test cases should not be derived from TestSuite. Maybe you meant to derive from TestCase?")
        names = self.getTestCaseNames(testCaseClass)
        if not names and hasattr(testCaseClass, "runTest"):
            names = ["runTest"]
        return self.suiteClass([testCaseClass(name) for name in names])

    def loadTestsFromModule(self, module, *, pattern=None):
        tests = []
        for name in sorted(module.__dict__):
            obj = getattr(module, name)
            if isinstance(obj, type) and issubclass(obj, TestCase):
                tests.append(self.loadTestsFromTestCase(obj))
        load_tests = getattr(module, "load_tests", None)
        tests = self.suiteClass(tests)
        if load_tests is not None:
            return load_tests(self, tests, pattern)
        return tests


defaultTestLoader = TestLoader()


def main(module="__main__", **kwargs):
    if isinstance(module, str):
        module = sys.modules[module]
    result = TestResult()
    defaultTestLoader.loadTestsFromModule(module).run(result)
    print("Ran %d tests: %d failures, %d errors, %d skipped" % (
        result.testsRun, len(result.failures), len(result.errors), len(result.skipped)))
    sys.exit(not result.wasSuccessful())
