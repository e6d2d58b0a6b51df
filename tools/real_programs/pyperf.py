"""A stand-in for pyperf (README.md beside this file): each benchmark runs
once, with one loop, and prints its name; no timing is printed, so that the
output is the same on every runtime."""

import sys


def perf_counter():
    return 0.0


def python_implementation():
    return sys.implementation.name


class _Namespace:
    pass


class _ArgumentParser:
    """Options take their defaults; positionals take the program's arguments
    in order, else their first choice (pyperformance passes a benchmark's
    variant as one)."""

    def __init__(self):
        self.namespace = _Namespace()
        self.positionals = []

    def add_argument(self, *names, **options):
        name = options.get("dest") or names[-1].lstrip("-").replace("-", "_")
        default = options.get("default")
        if options.get("action") == "store_true":
            default = False
        if not names[0].startswith("-"):
            self.positionals.append(name)
            if default is None and options.get("choices"):
                default = list(options["choices"])[0]
        setattr(self.namespace, name, default)

    def parse_args(self):
        for name, value in zip(self.positionals, sys.argv[1:]):
            setattr(self.namespace, name, value)
        return self.namespace


class Runner:
    def __init__(self, *args, **kwargs):
        self.metadata = {}
        self.argparser = _ArgumentParser()
        self.args = self.argparser.namespace

    def parse_args(self, args=None):
        return self.argparser.parse_args()

    def bench_func(self, name, func, *args, **kwargs):
        func(*args)
        print("ran", name)

    def bench_time_func(self, name, func, *args, **kwargs):
        func(1, *args)
        print("ran", name)

    def bench_async_func(self, name, func, *args, **kwargs):
        import asyncio

        asyncio.run(func(*args))
        print("ran", name)

    def bench_command(self, name, command):
        print("skipped", name, "(a command: it would run another interpreter)")
