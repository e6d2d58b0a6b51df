# A million objects, each created and freed at once (refcount: freed by
# the next iteration's rebinding).
class Node:
    def __init__(self, value):
        self.value = value


def churn(n):
    total = 0
    for i in range(n):
        node = Node(i)
        total += node.value
    return total


print(churn(1000000))
