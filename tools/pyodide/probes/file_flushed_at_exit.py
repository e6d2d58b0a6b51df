# A file left open is flushed and closed by the shutdown; the relative path
# is the real current directory.
import os

out = open("left_open.txt", "w")
out.write("written but never closed\n")
with open("scratch.txt", "w") as scratch:
    scratch.write("x")
print("exists:", os.path.exists("scratch.txt"), os.path.exists("missing.txt"))
os.remove("scratch.txt")
print("after remove:", os.path.exists("scratch.txt"))
print("listing:", sorted(os.listdir(".")))
