"""The five interpreter workloads of interp.py (and `temp`, one temporary
string and float per element), one per process, for
bench/instructions (callgrind instruction counts).

Args: NAME N RUN. Builds the workload's input for size N, then runs the
workload once if RUN is 1; bench/instructions subtracts the RUN=0 count.
"""
import sys

# The same algorithms as the timed peer script, imported from beside this one.
from interp import fib, loop_sum, map_build, map_inc, str_build


def temp(n):
    """One temporary per element: a short string and a float, each made
    and dropped (the evelisp script's `temp`)."""
    i = c = 0
    while i < n:
        s = str(i)
        x = 1.5 * i
        c = c if x < 0.0 else c + len(s)
        i += 1
    return c


def main():
    name, n, run = sys.argv[1], int(sys.argv[2]), sys.argv[3]
    sys.setrecursionlimit(10000)
    inp = list(range(n)) if name == "mapinc" else n
    f = {"fib": fib, "loop": loop_sum, "map": map_build, "mapinc": map_inc, "str": str_build, "temp": temp}[name]
    if run == "1":
        print(f(inp))


main()
