match 5:
    x = 1
