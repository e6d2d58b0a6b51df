# ---
# summary = "Output written with end='' and to sys.stderr is flushed at exit in order"
# tags = ["shutdown", "buffering"]
# requires = ["py3-syntax"]
# refs = ["https://docs.python.org/3/library/sys.html#sys.stdout"]
# explain = """
# With -u (as the runner runs every case) stdout and stderr are
# unbuffered, so partial lines appear in program order when both streams
# share one pipe; the final partial line is there at exit on both
# runtimes."""
# portable = "End the output with a newline, or call sys.stdout.flush() (and flush stderr) before exiting, so partial lines appear in order whatever the buffering."
# ---
import sys

print("partial", end="")
print(" line", end="")
print("to stderr", file=sys.stderr)
sys.stdout.write("written directly")
sys.stderr.write("[err no newline]")
print("", end="")
