"""The five interpreter workloads of interp.py, one per process, for
bench/instructions (callgrind instruction counts).

Args: NAME N RUN. Builds the workload's input for size N, then runs the
workload once if RUN is 1; bench/instructions subtracts the RUN=0 count.
"""
import sys


def fib(n):
    return n if n < 2 else fib(n - 1) + fib(n - 2)


def loop_sum(n):
    i = 0
    s = 0
    while i < n:
        s += i
        i += 1
    return s


def map_build(n):
    d = {}
    for i in range(n):
        d[i] = i
    return sum(d.values())


def map_inc(v):
    return sum(map(lambda x: x + 1, v))


def str_build(n):
    return len(",".join(map(str, range(n))))


def main():
    name, n, run = sys.argv[1], int(sys.argv[2]), sys.argv[3]
    sys.setrecursionlimit(10000)
    inp = list(range(n)) if name == "mapinc" else n
    f = {"fib": fib, "loop": loop_sum, "map": map_build, "mapinc": map_inc, "str": str_build}[name]
    if run == "1":
        print(f(inp))


main()
