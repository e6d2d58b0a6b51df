# sys.argv, __name__ and __file__ as python3 FILE ARGS sets them.
import os
import sys

print("argv:", sys.argv)
print("name:", __name__)
print("file is absolute:", os.path.isabs(__file__))
print("file is the script:", os.path.basename(__file__) == os.path.basename(sys.argv[0]))
