"""pymodel's time: one thread runs, so sleeping has nothing to wait for.
Clocks are not modeled."""


def sleep(secs):
    pass
