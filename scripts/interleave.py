#!/usr/bin/env python3
"""Times commands interleaved (A B, B A, A B, ...) and prints the median, 10th percentile and
minimum wall time of each: on a shared machine, whose speed drifts, this compares builds or
settings fairly where running all of A then all of B would not.

    scripts/interleave.py BIN[,BIN...] ARGS...        # N=60 runs each by default
    scripts/interleave.py "old/sansho,RUST_BACKTRACE=1:new/sansho" check examples/hospital -q

A spec `VAR=value;VAR2=value:path` runs `path` with those environment variables set.
RUST_BACKTRACE is removed from the environment unless a spec sets it.
"""
import os
import statistics
import subprocess
import sys
import time

base = dict(os.environ)
base.pop("RUST_BACKTRACE", None)
if len(sys.argv) < 2:
    sys.exit(__doc__)
specs = sys.argv[1].split(",")
args = sys.argv[2:]
n = int(os.environ.get("N", "60"))


def parse(spec):
    env = dict(base)
    path = spec
    if ":" in spec:
        assignments, path = spec.split(":", 1)
        for kv in assignments.split(";"):
            k, v = kv.split("=", 1)
            env[k] = v
    return path, env


times = {s: [] for s in specs}
for i in range(n):
    for spec in specs if i % 2 == 0 else specs[::-1]:
        path, env = parse(spec)
        start = time.perf_counter()
        subprocess.run([path] + args, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env)
        times[spec].append((time.perf_counter() - start) * 1000)
for spec in specs:
    v = sorted(times[spec])
    print(f"{spec}: median {statistics.median(v):.1f} ms  p10 {v[len(v) // 10]:.1f}  min {v[0]:.1f}  ({n} runs)")
