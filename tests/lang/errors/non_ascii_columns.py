x = "é" + f(a b)
