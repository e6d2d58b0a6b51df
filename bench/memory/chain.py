# Peak memory per live instance: LIVE instances of a class, each holding
# one attribute (bench/programs/chain_free.py's linked list), all alive at
# once. memory.sh sets LIVE.
LIVE = 100000


class Node:
    def __init__(self, nxt):
        self.nxt = nxt


head = None
for i in range(LIVE):
    head = Node(head)
print("built")
