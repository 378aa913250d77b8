# The JSON workload's Python peer (bench/src/workloads/json.rs): the json
# module (its C accelerator). Args: REPS WARMUPS FILE. Same output as
# json.clj: `result NAME MILLISECONDS VALUE`.
import json
import sys
import time


def checksum(v):
    return f"{len(v)}/{sum(x['id'] for x in v)}"


reps, warmups, path = int(sys.argv[1]), int(sys.argv[2]), sys.argv[3]
with open(path, encoding="utf-8") as f:
    text = f.read()
data = json.loads(text)
for name, f, check in [
    ("parse", lambda: json.loads(text), checksum),
    ("generate", lambda: json.dumps(data, separators=(",", ":")), lambda s: checksum(json.loads(s))),
]:
    for _ in range(warmups):
        f()
    for _ in range(reps):
        t0 = time.perf_counter_ns()
        r = f()
        t1 = time.perf_counter_ns()
        print("result", name, (t1 - t0) / 1e6, check(r), flush=True)
