# ---
# summary = "atexit handlers run last registered first, with their arguments, after the main program ends"
# tags = ["shutdown", "atexit"]
# requires = ["py3-syntax", "atexit"]
# refs = ["https://docs.python.org/3/library/atexit.html"]
# explain = """
# The atexit registry is a stack: handlers run in reverse order of
# registration, each with the arguments given at registration; a function
# registered twice runs twice; unregister() removes every registration of
# it. Both runtimes run atexit handlers at a normal exit.
# """
# ---
import atexit

def close(name, mode="normal"):
    print("closing", name, "(" + mode + ")")

def never():
    print("never runs")

atexit.register(close, "database")
atexit.register(close, "cache", "fast")
atexit.register(never)
atexit.register(close, "log")
atexit.register(never)
atexit.unregister(never)
print("main program done")
