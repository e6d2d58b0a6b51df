a = [x * 2 for x in items if x if x > 1]
b = {x for x in items}
c = {k: v for k, v in pairs}
d = [(x, y) for x in range(3) for y in range(x)]
e = [x for x in [1, 2, 3]]
def in_function(n):
    return [i + n for i in range(n)]
class InClass:
    values = [v for v in range(3)]
