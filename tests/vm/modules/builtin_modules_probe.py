# The runtime's C modules pymodel does not write: a build may have them
# built in (Debian's 3.11.2: _socket, select, zlib) or as lib-dynload files
# (pyenv's). Either way the import stops as unsupported, never as an
# ImportError a program could catch and take a fallback for.
import _imp
import sys

print(sys.builtin_module_names)
print([(name, _imp.is_builtin(name)) for name in sys.builtin_module_names + ("no_such_module",)])

# probe: socket (its _socket) and select, an ImportError caught
try:
    import socket
    import select
except ImportError as e:
    print("ImportError", e)
