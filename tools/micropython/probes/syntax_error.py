# A syntax error: nothing runs, the traceback names the file, status 1.
print("never printed")
x = (
