# sys.argv, __name__ and __file__ as python3 FILE ARGS sets them, and no
# names but the module attributes every __main__ has.
ATTRIBUTES = {"name", "doc", "package", "loader", "spec", "builtins", "file",
              "cached", "annotations"}
print("other names:", sorted(n for n in globals() if n.strip("_") not in ATTRIBUTES))

import os
import sys

print("argv:", sys.argv)
print("name:", __name__)
print("file is absolute:", __file__ == os.path.abspath(sys.argv[0]))
print("path[0] is the script's directory:", sys.path[0] == os.path.dirname(__file__))
print("'' on sys.path:", "" in sys.path)
print("built-in excepthook:", sys.excepthook is sys.__excepthook__)
print("cwd holds the script:", os.path.exists(os.path.basename(__file__)))
