# sys.argv, __name__, __file__ and sys.path[0] as `micropython FILE ARGS`
# sets them, no other names in __main__, and no module imported yet (sys is
# built in: never in sys.modules).
print("names:", sorted(globals()))

import sys

print("modules:", sorted(sys.modules))

import os

print("argv:", sys.argv)
print("name:", __name__)
print("file:", __file__)
print("path[0] is the cwd:", sys.path[0] == os.getcwd())
