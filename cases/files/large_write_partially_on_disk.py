# ---
# summary = "A write larger than the buffer reaches the disk without flush; the tail of it does not"
# tags = ["files", "file", "buffering"]
# requires = ["py3-syntax", "files"]
# refs = [
#   "https://docs.python.org/3/library/io.html#io.TextIOWrapper",
#   "https://docs.python.org/3/library/io.html#io.DEFAULT_BUFFER_SIZE",
# ]
# explain = """
# The text layer passes data down once it holds more than its chunk size
# (8192 characters on CPython), and the buffered layer writes through to
# the descriptor when its buffer cannot take the data. So a 10000-character
# write is on disk at once, while a 100-character write is not. The sizes
# are implementation details of each io stack; the contents after close
# are the same."""
# portable = "Flush or close the file before reading it back; how much of a large write reaches the disk before that depends on each runtime's buffer sizes."
# ---
def size(path):
    with open(path) as f:
        return len(f.read())

big = open("big.txt", "w")
big.write("x" * 10000)
print("10000 chars written, on disk:", size("big.txt"))
big.write("y" * 100)
print("100 more, on disk:", size("big.txt"))
big.close()
print("after close:", size("big.txt"))
