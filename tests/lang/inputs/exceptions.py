class Boom(Exception):
    pass

try:
    risky()
except (Boom, ValueError) as e:
    print(e.args)
except KeyError:
    raise
except Exception as e:
    raise RuntimeError("wrapped") from e
else:
    print("no error")
finally:
    print("cleanup")

try:
    pass
finally:
    print("always")

def check(x):
    assert x > 0, "positive"
    assert x
    raise Boom
    raise Boom("msg") from None
