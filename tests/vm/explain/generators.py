# Generators: one closed when it dies inside its try block, one finished,
# one in a cycle.
import gc


def counting(name):
    try:
        yield 1
        yield 2
    finally:
        print("finally", name)


g = counting("g")
next(g)
del g
done = counting("done")
print(list(done))
del done
c = counting("cycle")
next(c)
holder = [c]
holder.append(holder)
del c, holder
gc.collect()
print("end")
