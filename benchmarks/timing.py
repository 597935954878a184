"""Timing helpers: one timed call per distinct input, medians, and interleaved runs.

Every figure of the benchmark is a *single-call* time: each input is passed once, timed with
``time.perf_counter_ns`` around the call, and the median (and the 90th percentile) of those
times is reported. No input is timed twice, so no cache of inputs or answers can serve a
repeat. Paths compared with each other are *interleaved* (input 1 on path A, input 1 on path B,
input 2 on A, …) so that a change of load on a shared machine touches both alike.
"""

from __future__ import annotations

import contextlib
import statistics
import time
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

Call = Callable[[Any], object]

CLOCKS: dict[str, Callable[[], int]] = {
    "wall": time.perf_counter_ns,
    "cpu": time.process_time_ns,
}
"""``wall``: elapsed time (what a caller waits). ``cpu``: CPU time of the whole process, every
thread (a native engine's worker threads included): steadier on a loaded machine, where a long
call is preempted more often than a short one; each reading costs about 1 µs more."""


@dataclass
class Sample:
    """The single-call times of one path (nanoseconds) and the calls that raised."""

    name: str
    times_ns: list[int] = field(default_factory=list)
    errors: int = 0
    first_error: str | None = None

    @property
    def n(self) -> int:
        return len(self.times_ns)

    @property
    def median_us(self) -> float:
        return statistics.median(self.times_ns) / 1e3 if self.times_ns else float("nan")

    def percentile_us(self, q: float) -> float:
        """The ``q``-th percentile (0–100), nearest rank."""
        if not self.times_ns:
            return float("nan")
        ordered = sorted(self.times_ns)
        rank = min(len(ordered) - 1, max(0, round(q / 100 * len(ordered)) - 1))
        return ordered[rank] / 1e3

    @property
    def mean_us(self) -> float:
        return sum(self.times_ns) / len(self.times_ns) / 1e3 if self.times_ns else float("nan")

    @property
    def rows_per_s(self) -> float:
        """Throughput of the same calls run back to back: calls ÷ the sum of their times."""
        total = sum(self.times_ns)
        return len(self.times_ns) / total * 1e9 if total else float("nan")


def timer_overhead_ns(count: int = 20_000) -> float:
    """Median cost of the timing itself (an empty call between two clock reads)."""
    clock = time.perf_counter_ns

    def nothing(_: object) -> None:
        return None

    times = []
    for i in range(count):
        start = clock()
        nothing(i)
        times.append(clock() - start)
    return statistics.median(times)


def warm(call: Call, inputs: Iterable[Any], *, calls: int | None = None) -> None:
    """Call ``call`` on ``inputs`` (cycled up to ``calls`` calls), untimed, errors ignored."""
    items = list(inputs)
    if not items:
        return
    total = len(items) if calls is None else calls
    for i in range(total):
        with contextlib.suppress(Exception):  # warm-up only: errors are counted when timed
            call(items[i % len(items)])


def interleaved(
    paths: Mapping[str, Call],
    inputs: Sequence[Mapping[str, Any]],
    *,
    block: int = 1,
    catch: type[BaseException] = Exception,
    clock: Callable[[], int] = time.perf_counter_ns,
) -> dict[str, Sample]:
    """Time every path once on every input, in turns of ``block`` inputs per path.

    ``inputs[i][name]`` is what path ``name`` gets for input ``i``. With ``block=1`` the paths
    alternate input by input; with ``block=50`` each path runs 50 inputs back to back, then the
    next path the same 50, and so on: each path is timed warm (a native engine such as ZEN is
    several times slower on a call that follows other work, see ``docs/benchmarks.md``) while
    a change of load still touches every path alike. A call that raises ``catch`` is counted
    in :attr:`Sample.errors` and not timed. ``clock`` is one of :data:`CLOCKS`.
    """
    samples = {name: Sample(name) for name in paths}
    for start in range(0, len(inputs), block):
        chunk = inputs[start : start + block]
        for name, call in paths.items():
            sample = samples[name]
            for item in chunk:
                argument = item[name]
                begin = clock()
                try:
                    call(argument)
                except catch as error:
                    sample.errors += 1
                    sample.first_error = sample.first_error or f"{type(error).__name__}: {error}"
                    continue
                sample.times_ns.append(clock() - begin)
    return samples


def after_other_work(
    call: Call,
    inputs: Sequence[Any],
    busy: Callable[[], object],
    clock: Callable[[], int] = time.perf_counter_ns,
) -> Sample:
    """Time ``call`` once per input, each call right after ``busy()`` (other work)."""
    sample = Sample("after other work")
    for argument in inputs:
        busy()
        begin = clock()
        call(argument)
        sample.times_ns.append(clock() - begin)
    return sample


@dataclass(frozen=True)
class Best:
    """The shortest of several runs by each clock (seconds; each clock's own best run)."""

    wall: float  # elapsed time: what a caller waits
    cpu: float  # CPU time of the process (every thread): time spent preempted is not counted


def best_of_clocks(run: Callable[[], object], repeat: int) -> tuple[Best, object]:
    """The shortest of ``repeat`` runs of ``run`` by the wall clock and by the CPU clock, and
    the last run's result. On a shared machine the wall time of a batch that takes tens of
    milliseconds includes whatever other processes ran meanwhile; the CPU time does not (for a
    single-threaded computation the two agree on a quiet machine)."""
    wall = cpu = float("inf")
    result: object = None
    for _ in range(repeat):
        start, start_cpu = time.perf_counter(), time.process_time()
        result = run()
        cpu = min(cpu, time.process_time() - start_cpu)
        wall = min(wall, time.perf_counter() - start)
    return Best(wall, cpu), result


def best_of(run: Callable[[], object], repeat: int) -> tuple[float, object]:
    """The shortest of ``repeat`` runs of ``run`` (seconds, wall clock) and the last run's
    result."""
    best, result = best_of_clocks(run, repeat)
    return best.wall, result
