def ret_in_with():
    with A() as a:
        return a.value

def ret_in_finally():
    try:
        return compute()
    finally:
        print("finally")

def break_in_try():
    for i in range(3):
        try:
            break
        finally:
            print(i)

def continue_in_except():
    while True:
        try:
            work()
        except ValueError as e:
            continue

def ret_in_for():
    for x in items:
        return x
