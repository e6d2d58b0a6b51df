# Decorators, unpacking calls and multiple inheritance (3.11's bytecode).
@outer
@inner(1)
def f(a, *args, **kwargs):
    return g(*args, **kwargs)


@register
class C(A, B):
    @staticmethod
    def s():
        pass


f(*a)
f(1, *a, 2)
f(x=1, **k)
f(**k, y=2, z=3)
obj.m(*a, key=1)
