if a:
    print(1)
elif b and not c:
    print(2)
else:
    print(3)
while x > 0:
    x -= 1
    if x == 5:
        continue
    if x == 2:
        break
else:
    print("done")
for i in range(3):
    if i:
        break
else:
    pass
for k, v in d.items():
    print(k, v)
while True:
    break
y = a if b else c
z = a or b or c
w = a and b
