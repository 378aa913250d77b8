"""Memory per element (bench/src/workloads/memory.rs): Python's side.

Args: KIND N. Builds a list of the ints 0..N-1 (KIND `vector`) or a dict of
N int keys to int values (KIND `map`) and prints count, rss-before and
rss-after (VmRSS in KB) and heap-bytes: the sizes (sys.getsizeof) of the
list or dict and of every distinct int object it holds.
"""
import re
import sys


def rss_kb():
    with open("/proc/self/status") as f:
        return int(re.search(r"VmRSS:\s+(\d+)", f.read()).group(1))


def main():
    kind, n = sys.argv[1], int(sys.argv[2])
    before = rss_kb()
    if kind == "vector":
        built = list(range(n))
    else:
        built = {i: i for i in range(n)}
    after = rss_kb()
    ints = {id(x): sys.getsizeof(x) for x in built}
    heap = sys.getsizeof(built) + sum(ints.values())
    print("count", len(built))
    print("rss-before", before)
    print("rss-after", after)
    print("heap-bytes", heap)


main()
