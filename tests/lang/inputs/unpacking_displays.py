# Star-unpacking in displays (3.11's starunpack_helper and compiler_dict).
a = [1, 2]
b = (3,)
d = {"a": 1}
x = [0, *a]
y = (*a, x, *b)
z = {**d, "k": 1, "j": 2, **d}
w = {*a, 1}
v = [*a]
u = {**d}
t = {"p": 0, **d}
for item in [*a, 5]:
    pass
s = [a, a, a, a, a, a, a, a, a, a, a, a, a, a, a, a, a, a, a, a, a, a, a, a, a, a, a, a, a, a, a]
r = (a, a, a, a, a, a, a, a, a, a, a, a, a, a, a, a, a, a, a, a, a, a, a, a, a, a, a, a, a, a, a)
