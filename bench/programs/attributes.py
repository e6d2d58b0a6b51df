# Attribute access: instance attributes read and written, a class
# attribute read through the instance, a property.
class Point:
    scale = 3

    def __init__(self, x, y):
        self.x = x
        self.y = y

    @property
    def area(self):
        return self.x * self.y


def run(n):
    p = Point(1, 2)
    total = 0
    for i in range(n):
        p.x = i
        p.y = p.x + 1
        total += p.x + p.y + p.scale
        if i % 8 == 0:
            total -= p.area
    return total


print(run(500000))
