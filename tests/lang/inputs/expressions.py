r = a + b * c - d / e // f % g ** h ** i
s = -x ** 2
t = not a == b
u = a < b <= c != d
v = a is not None and b not in c
w = x[1:2], x[::2], x[1:], x[:, 1]
y = f"{name} is {age!r} and {value!s}" + f'{{literal}}'
z = "single" + 'double' + """triple""" + r"\raw" + "\n\t\x41\u00e9"
n = 1_000 + 0x1F + 0o17 + 0b101 + 1.5 + 2e3
by = b"bytes" + rb"\raw"
m = ~a | b & c ^ d << 1 >> 2
k = {"a": 1, "b": 2}
k2 = {key: value}
st = {1, 2}
lst = [1, [2, 3], ()]
e = ...
cond = a if b else (c if d else e)
call = f(1, x=2)(3)
chain = obj.method(arg).attr[0]
