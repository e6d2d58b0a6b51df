# Method calls: a Python method through the instance, one inherited from
# a base class, a bound method kept and called, and builtin methods of
# lists and dicts.
class Base:
    def twice(self, v):
        return v + v


class Account(Base):
    def __init__(self):
        self.balance = 0

    def deposit(self, amount):
        self.balance += amount
        return self.balance


def run(n):
    a = Account()
    deposit = a.deposit
    items = []
    seen = {}
    for i in range(n):
        a.deposit(i)
        deposit(1)
        a.twice(i)
        items.append(i)
        seen.get(i, 0)
        if len(items) > 100:
            items.clear()
    return a.balance


print(run(250000))
