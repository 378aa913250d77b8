"""Python peer of the shared-counter benchmark: multiprocessing.Value with its lock.

Args: P N. The script starts P processes that share one Value('q'); each does
N increments under the Value's lock. When all P are started and waiting it
prints ready, waits for a line on stdin (go), releases them, prints done once
all have finished, then the final count.
"""
import multiprocessing as mp
import sys


def work(counter, n, barrier, go):
    barrier.wait()
    go.wait()
    for _ in range(n):
        with counter.get_lock():
            counter.value += 1


def main():
    p, n = int(sys.argv[1]), int(sys.argv[2])
    counter = mp.Value("q", 0)
    barrier = mp.Barrier(p + 1)
    go = mp.Event()
    procs = [mp.Process(target=work, args=(counter, n, barrier, go)) for _ in range(p)]
    for proc in procs:
        proc.start()
    barrier.wait()
    print("ready", flush=True)
    sys.stdin.readline()
    go.set()
    for proc in procs:
        proc.join()
    print("done", flush=True)
    print("count", counter.value, flush=True)


if __name__ == "__main__":
    main()
