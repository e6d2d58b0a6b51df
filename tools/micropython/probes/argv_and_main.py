# sys.argv, __name__, __file__ and sys.path[0] as `micropython FILE ARGS`
# sets them, and no other names in __main__.
print("names:", sorted(globals()))

import os
import sys

print("argv:", sys.argv)
print("name:", __name__)
print("file:", __file__)
print("path[0] is the cwd:", sys.path[0] == os.getcwd())
