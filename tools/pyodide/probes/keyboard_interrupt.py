# An uncaught KeyboardInterrupt: traceback, the shutdown, then the process
# kills itself with SIGINT (status 130 in a shell), as Py_RunMain does.
import atexit

atexit.register(print, "atexit")
print("before")
raise KeyboardInterrupt
