# A SystemExit raised by the program ends it as in python3: its status, its
# message on stderr. (Brython's sys.exit(N) raises SystemExit('') whatever
# N is: the corpus shows that, the launcher does not hide it.)
# argv: status
# argv: message
# argv: none
import sys

print("before exit")
form = sys.argv[1]
if form == "status":
    raise SystemExit(3)
elif form == "message":
    raise SystemExit("fatal: message")
else:
    raise SystemExit
