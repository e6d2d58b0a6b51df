class Base:
    """A base."""
    count = 0
    __slots__ = ("name", "__secret")

    def __init__(self, name):
        self.name = name
        self.__secret = 1
        Base.count += 1

    def __del__(self):
        print("freed", self.name)

class Child(Base):
    def __init__(self, name):
        super().__init__(name)

    def describe(self):
        return f"{self.name!r} of {__class__.__name__}"

class Empty(object):
    pass

def factory():
    size = 3
    class Local:
        value = size
        def get(self):
            return size
    return Local
