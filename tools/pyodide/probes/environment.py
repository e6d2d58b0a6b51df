# os.environ is the environment the process was given, in its order, with
# nothing added: not Emscripten's USER or LOGNAME, nor Pyodide's
# LD_LIBRARY_PATH. ("_" is the command path the shell sets.)
import os

for name, value in os.environ.items():
    if name != "_":
        print(name, "=", value)
