a = b = 1
x, (y, z) = 1, (2, 3)
[p, q] = "pq"
a += 1
obj.attr -= 2
obj.items[0] *= 3
obj.items[1:2] += [4]
count: int = 0
label: str
obj.field: int = 5
a = -1
t = (1, 2, ("three", None))
big = 2 ** 10
s = "ab" "cd"
