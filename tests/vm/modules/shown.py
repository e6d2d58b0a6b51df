"""What the probes print of one call: its result's repr, or the exception
it raised, after a label."""


def show(label, f, *args, **kwargs):
    try:
        r = f(*args, **kwargs)
    except Exception as e:
        print(label, type(e).__name__, e)
    else:
        print(label, repr(r))
