x = 1
if x is 1:
    pass
y = (1, 2)(3) if 0 else 0
assert (x, "m")
z = 1if x else 2
w = 5[0] if 0 else 0
v = 'ab'['a'] if 0 else 0
u = x is not ()
