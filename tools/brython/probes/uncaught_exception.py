# An uncaught exception: what was printed stays, the traceback goes to
# stderr, and the status is 1.
def inner():
    raise ValueError("the message")


def outer():
    inner()


print("before")
outer()
print("never")
