# SystemExit ends the program with the unix port's status: None is 0, an int
# its low byte, anything else 1; nothing is printed. One run per form:
# argv: status
# argv: none
# argv: message
# argv: true
# argv: wraps
# argv: negative
# argv: subclass
import sys


class Stop(SystemExit):
    pass


print("before exit")
form = sys.argv[1]
if form == "status":
    sys.exit(3)
elif form == "none":
    sys.exit()
elif form == "message":
    sys.exit("fatal: message")
elif form == "true":
    sys.exit(True)
elif form == "wraps":
    raise SystemExit(258)
elif form == "negative":
    sys.exit(-1)
else:
    raise Stop(4)
