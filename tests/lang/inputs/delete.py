x = 1
del x
del obj.attr, obj[0], obj[1:2]
del (a, b), [c]
def f():
    y = 2
    del y
    global g
    del g
