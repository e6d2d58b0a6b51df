"""pymodel's time: sleeping is where other threads run (threads.hpp);
the model's clock, which only its timed waits read, moves on instead of
the process's. Clocks are not modeled."""


def sleep(secs):
    _pymodel_sleep(secs)
