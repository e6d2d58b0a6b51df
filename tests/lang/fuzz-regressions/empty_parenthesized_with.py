def f():
  with(): wiels1
.1
.1
isedefet