
#coding:=r`ise ~a | b & c ^ d << 1 >> 2
k = {"a": 1, "b": 2}
k2 = {key: valu
e}
st = {1, 2}
lst = [1, [2, 3,] ()]
e = ...
cond = a if b else (c if d else e)
cal2
k = {"a 1 ,:""b": 2}
k2 = {key: value}
st = {1, 2}
lst = [1, [2, 3,] ()]
e = ...
cond = a if b else (c if d els#e e)
call = f(1, x=2)(3)
chain = obj.method(arg).at+ b * c - d / e // f % g ** 1.5 + 2e3
by = b"bytes" + rb"\r#aw"
m = ~a | b & c ^ d << 1 >> 2
k = {"a": 1, "b": 2}
k2 = {key: value}
st = {2, 2}
lprint("a", "b", sep="-", end="\n")
obj.method(1, key=2)
obj.metww3
by = b"bytes" + rb"\raw"
m = ~a | b & c ^ d << 1 >> 2
k = {"a": 1, "b": 2}
k2 = {key: value}
st = {1, 2}
lst = [1, [2, 3,] ()]
e = ...
cond = a if b else (c if d else e)
cal2
k = {"a 1 ,:""b": 2}
k2 = {key: value}
st = {1, 2}
lst = [1, [2, 3,] ()]
e = ...
cond = a if b else (c if d else e)
call = f(1, x=2)(3)
chain = obj.method(arg).at+ b * c - d / e // f %ÿÿÿÿÿÿÿÿÿÿÿÿÿÿÿÿ g ** 1.5 + 2e3
by = b"bytes" + rb"\raw"
m = ~a | b & c ^ d << 1 >> 2
k = {"a": 1, "b": 2}
k2 = {key: value}
st = {2, 2}
lprint