# SystemExit ends the program as in python3: its status, its message on
# stderr, and the shutdown (atexit, __del__) still runs. One run per form:
# argv: status
# argv: message
# argv: none
# argv: true
# argv: raise
import atexit
import sys


class Noisy:
    def __del__(self):
        print("del at exit")


keep = Noisy()
atexit.register(print, "atexit")
print("before exit")
form = sys.argv[1]
if form == "status":
    sys.exit(3)
elif form == "message":
    sys.exit("fatal: message")
elif form == "none":
    sys.exit()
elif form == "true":
    sys.exit(True)
else:
    raise SystemExit(7)
