# sys.stdin reads what the process's standard input gives.
import sys

lines = sys.stdin.readlines()
print(len(lines), "lines:", [line.rstrip("\n") for line in lines])
print("isatty:", sys.stdin.isatty(), sys.stdout.isatty())
