# ---
# summary = "A file's method called with the wrong number of arguments or a keyword raises each runtime's own wording"
# tags = ["files", "file", "version-dependent"]
# requires = ["py3-syntax", "files"]
# refs = [
#   "https://github.com/python/cpython/blob/3.11/Modules/_io/clinic/textio.c.h",
#   "https://github.com/python/cpython/blob/3.11/Modules/_io/iobase.c",
# ]
# explain = """
# The methods of the io classes are Argument Clinic functions, METH_NOARGS
# or METH_O: "TextIOWrapper.close() takes no arguments (1 given)" from 3.9
# (3.8 names no class), "read expected at most 1 argument, got 2",
# "TextIOWrapper.write() takes exactly one argument (2 given)"; PyPy's
# gateway words them as a Python method's and counts self ("write() takes
# 2 positional arguments but 3 were given"). The buffer and the raw file
# under a text file word theirs after their own class."""
# portable = "Catch the TypeError and never compare or parse its message: the wording depends on the runtime, the version and the method's parser."
# ---
out = open("out.txt", "w")
out.write("line\n")
out.flush()
inp = open("out.txt")
calls = [
    ("out.write()", lambda: out.write()),
    ("out.write('a', 'b')", lambda: out.write("a", "b")),
    ("out.write(s='a')", lambda: out.write(s="a")),
    ("out.writelines()", lambda: out.writelines()),
    ("out.flush(1)", lambda: out.flush(1)),
    ("out.close(1)", lambda: out.close(1)),
    ("out.fileno(1)", lambda: out.fileno(1)),
    ("out.isatty(1)", lambda: out.isatty(1)),
    ("out.readable(1)", lambda: out.readable(1)),
    ("out.writable(1)", lambda: out.writable(1)),
    ("out.__enter__(1)", lambda: out.__enter__(1)),
    ("inp.read(1, 2)", lambda: inp.read(1, 2)),
    ("inp.read(n=1)", lambda: inp.read(n=1)),
    ("inp.readline(1, 2)", lambda: inp.readline(1, 2)),
    ("inp.readlines(1, 2)", lambda: inp.readlines(1, 2)),
    ("out.buffer.flush(1)", lambda: out.buffer.flush(1)),
    ("out.buffer.raw.close(1)", lambda: out.buffer.raw.close(1)),
    ("out.buffer.raw.readall(1)", lambda: out.buffer.raw.readall(1)),
    ("inp.buffer.close(1)", lambda: inp.buffer.close(1)),
]


def message(call):
    try:
        call()
    except TypeError as e:
        return str(e)
    return "no error"


for text, call in calls:
    print(text, "->", message(call))
with out, inp:
    print(inp.read(), end="")
print(out.closed, inp.closed)
