"""The interpreter workloads (bench/src/workloads/interp.rs) in idiomatic Python 3.

Args: REPS WARMUPS FIB LOOP MAP VEC STR (the sizes). Same algorithms as
interp.clj; each workload is timed inside the process with
time.perf_counter_ns. Prints one line per timed run:
    result NAME MILLISECONDS VALUE
"""
import sys
import time


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
    reps, warmups, fib_n, loop_n, map_n, vec_n, str_n = map(int, sys.argv[1:8])
    v = list(range(vec_n))
    workloads = [
        ("fib", lambda: fib(fib_n)),
        ("loop-sum", lambda: loop_sum(loop_n)),
        ("map-build", lambda: map_build(map_n)),
        ("map-inc", lambda: map_inc(v)),
        ("str-build", lambda: str_build(str_n)),
    ]
    sys.setrecursionlimit(10000)
    for name, f in workloads:
        for _ in range(warmups):
            f()
        for _ in range(reps):
            t0 = time.perf_counter_ns()
            r = f()
            t1 = time.perf_counter_ns()
            print("result", name, (t1 - t0) / 1e6, r, flush=True)


if __name__ == "__main__":
    main()
