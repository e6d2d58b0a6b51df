# Peak memory per live instance: LIVE records, each an instance holding a
# list of two ints and a dict of two str keys, all alive at once.
# memory.sh sets LIVE.
LIVE = 100000


class Record:
    def __init__(self, i):
        self.items = [i, i + 1]
        self.fields = {"id": i, "next": i + 1}


records = []
for i in range(LIVE):
    records.append(Record(i))
print("built")
