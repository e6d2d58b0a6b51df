with open("f.txt", "w") as f:
    f.write("data")
with A() as a, B() as b:
    pass
with lock:
    pass
with (A() as a, B() as b):
    pass
with (A()):
    pass
