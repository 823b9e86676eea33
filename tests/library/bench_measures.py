"""Benchmark kltools.measures against scipy.stats.entropy.

Run as ``python tests/library/bench_measures.py``. On a (1000, 10000) float64 array of
strictly positive normalised rows it times ``kl_divergence``, ``cross_entropy``
and ``entropy`` (input checks included) against ``scipy.stats.entropy`` in the
same process, alternating the two so that both see the same machine load, and
reports the ratio of the medians. It also reports the tracemalloc peak of one
call as a multiple of the size of ``p`` and the time to ``import kltools`` in a
fresh interpreter. The exit status is 1 if a requirement fails:

* each ratio at most 0.35 (the goal is under 0.2);
* peak extra memory at most 3 times the size of ``p``;
* ``import kltools`` under 0.25 s, without importing scipy, matplotlib or
  ipywidgets.
"""

from __future__ import annotations

import os
import subprocess
import sys
import time
import tracemalloc
from pathlib import Path

import numpy as np
import scipy.stats

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

import kltools  # noqa: E402

SHAPE = (1000, 10000)
REPEATS = 7
MAX_RATIO = 0.35
GOAL_RATIO = 0.2
MAX_PEAK = 3.0
MAX_IMPORT_S = 0.25
FORBIDDEN = ("scipy", "matplotlib", "ipywidgets")


def make_input(seed: int = 20240531) -> tuple[np.ndarray, np.ndarray]:
    rng = np.random.default_rng(seed)
    p = rng.random(SHAPE) + 1e-3
    p /= p.sum(axis=-1, keepdims=True)
    q = rng.random(SHAPE) + 1e-3
    q /= q.sum(axis=-1, keepdims=True)
    return p, q


def paired_medians(ours, theirs, repeats: int = REPEATS) -> tuple[float, float]:
    """Median run times of two callables, timed alternately."""
    ours()
    theirs()
    t_ours, t_theirs = [], []
    for _ in range(repeats):
        for f, times in ((ours, t_ours), (theirs, t_theirs)):
            start = time.perf_counter()
            f()
            times.append(time.perf_counter() - start)
    return float(np.median(t_ours)), float(np.median(t_theirs))


def peak_multiple(f, nbytes: int) -> float:
    tracemalloc.start()
    try:
        f()
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    return peak / nbytes


def import_time() -> tuple[float, list[str]]:
    """Seconds to import kltools in a fresh interpreter, and forbidden modules loaded."""
    code = (
        "import sys, time\n"
        "t = time.perf_counter()\n"
        "import kltools\n"
        "t = time.perf_counter() - t\n"
        f"bad = [m for m in {FORBIDDEN!r} if m in sys.modules]\n"
        "print(t, *bad)\n"
    )
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    times, bad = [], []
    for _ in range(3):
        out = subprocess.run(
            [sys.executable, "-c", code], capture_output=True, text=True, check=True, env=env
        ).stdout.split()
        times.append(float(out[0]))
        bad = out[1:]
    return min(times), bad


def main() -> int:
    p, q = make_input()
    cases = [
        (
            "kl_divergence(p, q)",
            lambda: kltools.kl_divergence(p, q),
            lambda: scipy.stats.entropy(p, q, axis=-1),
        ),
        (
            "cross_entropy(p, q)",
            lambda: kltools.cross_entropy(p, q),
            lambda: scipy.stats.entropy(p, q, axis=-1),
        ),
        ("entropy(p)", lambda: kltools.entropy(p), lambda: scipy.stats.entropy(p, axis=-1)),
    ]
    failed = False
    print(f"input: two {SHAPE} float64 arrays, {p.nbytes / 1e6:.0f} MB each; median of {REPEATS}")
    print()
    header = f"{'function':<22}{'kltools ms':>11}{'scipy ms':>10}{'ratio':>8}{'peak/p':>8}  status"
    print(header)
    print("-" * len(header))
    for name, ours, theirs in cases:
        t_ours, t_theirs = paired_medians(ours, theirs)
        ratio = t_ours / t_theirs
        peak = peak_multiple(ours, p.nbytes)
        ok = ratio <= MAX_RATIO and peak <= MAX_PEAK
        status = "ok" if ok else "FAIL"
        if ok and ratio > GOAL_RATIO:
            status = "ok (above the 0.2 goal)"
        failed |= not ok
        print(
            f"{name:<22}{t_ours * 1e3:>11.1f}{t_theirs * 1e3:>10.1f}"
            f"{ratio:>8.3f}{peak:>8.3f}  {status}"
        )
    print()
    seconds, bad = import_time()
    ok = seconds < MAX_IMPORT_S and not bad
    failed |= not ok
    loaded = f"; loads {', '.join(bad)}" if bad else ""
    print(f"import kltools: {seconds * 1e3:.0f} ms (limit {MAX_IMPORT_S * 1e3:.0f} ms){loaded}")
    print(f"requirements: ratio <= {MAX_RATIO}, peak <= {MAX_PEAK} x size of p")
    print("result:", "FAIL" if failed else "all requirements met")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
