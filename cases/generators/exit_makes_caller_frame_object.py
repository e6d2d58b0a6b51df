# ---
# summary = "a generator that ends while a traceback keeps its frame: whether its caller's frame object is made then"
# tags = ["generators", "generator", "traceback", "gc-module", "fuzz-regression", "version-dependent"]
# requires = ["py3-syntax", "gc-counts"]
# refs = [
#   "https://github.com/python/cpython/blob/v3.12.0/Python/ceval.c",
#   "https://github.com/python/cpython/blob/v3.12.0/Python/frame.c",
# ]
# explain = """
# Found by `memconform fuzz` (3.13, seed 450731: a gen-0 collection one
# allocation later than CPython's).
# A frame object still referenced when its frame is cleared takes the
# frame's data and links its caller's frame object as f_back, making it if
# the caller has none yet (take_ownership). Up to 3.11 a generator's frame
# is unlinked from its caller before it is cleared (gen_send_ex2), so the
# frame object a traceback keeps has no f_back and nothing more is made.
# From 3.12 the frame is cleared as it exits, inside the eval loop
# (clear_gen_frame), still linked: closing a generator suspended in a
# try/finally (GeneratorExit passes through its frame) makes the frame
# object of the code that dropped it, which then lives as long as that
# code runs, one more container in generation 0. 3.14 links it too, but
# its count moves when a container is tracked, and a frame object is
# tracked only once it owns its frame's data: the caller's is not."""
# portable = "Do not count on a frame object's f_back after its frame ended, nor on gc.get_count() around a generator that ends by an exception."
# ---
import gc


def gen():
    try:
        yield 1
    finally:
        pass


def failing():
    yield 1
    raise KeyError("end")


def drop_suspended():
    g = gen()
    next(g)
    before = gc.get_count()[0]
    del g
    return gc.get_count()[0] - before


def keep_traceback():
    g = failing()
    next(g)
    try:
        next(g)
    except KeyError as e:
        return e


print("close in a function, gen-0 moves by", drop_suspended())
print("again, gen-0 moves by", drop_suspended())
error = keep_traceback()
frame = error.__traceback__.tb_next.tb_frame
print("generator frame", frame.f_code.co_name, "f_back is", None if frame.f_back is None else frame.f_back.f_code.co_name)
