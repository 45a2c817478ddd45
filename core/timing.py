"""Timing helpers shared by the benchmark commands, so that every benchmark
reports its percentiles the same way."""

import statistics
import time
from collections.abc import Callable


def timed(run: Callable[[], object]) -> float:
    """Milliseconds one call of ``run`` takes."""
    started = time.perf_counter()
    run()
    return (time.perf_counter() - started) * 1000


def percentiles(values: list[float]) -> dict[str, float]:
    """p50, p95, p99 and max of ``values`` (at least two)."""
    ordered = sorted(values)
    cuts = statistics.quantiles(ordered, n=100, method="inclusive")
    return {"p50": cuts[49], "p95": cuts[94], "p99": cuts[98], "max": ordered[-1]}
