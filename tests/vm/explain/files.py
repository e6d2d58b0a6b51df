# Files: closed by close(), by a with block, by the death of the file
# object, and left open for the exit to deal with.
def write(name, text):
    f = open(name, "w")
    f.write(text)


f = open("closed.txt", "w")
f.write("closed\n")
f.close()
with open("with.txt", "w") as w:
    w.write("with\n")
write("dropped.txt", "dropped\n")
big = open("big.txt", "w")
big.write("x" * 10000)
kept = open("kept.txt", "w")
kept.write("kept\n")
print("end")
