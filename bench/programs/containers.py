# A million short-lived containers: lists, dicts and tuples.
def churn(n):
    total = 0
    for i in range(n):
        pair = (i, [i, i + 1], {"k": i})
        total += len(pair[1]) + pair[2]["k"]
    return total


print(churn(1000000))
