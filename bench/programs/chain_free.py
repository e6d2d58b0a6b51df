# A million-node linked list, freed at once when its head goes.
class Node:
    def __init__(self, nxt):
        self.nxt = nxt


def build(n):
    head = None
    for i in range(n):
        head = Node(head)
    return head


head = build(1000000)
del head
print("freed")
