"""The clock of the suite's time bounds ("no input under 1 MB takes over a second").

A bound on wall-clock time alone fails when another process takes the core (a CI machine
shared with other work, or the suite's own second run beside it); a bound on the process's CPU
time alone overstates a call whose work runs on several threads (Polars). :class:`Stopwatch`
reads both and reports the smaller: on a quiet machine the two agree for single-threaded work,
so the bound is the one the promise states, and neither a neighbour's load nor this process's
parallelism moves it.
"""

from __future__ import annotations

import time
from types import TracebackType


class Stopwatch:
    """Started on creation; :attr:`seconds` is the time so far (the smaller of wall and CPU).

    >>> watch = Stopwatch()
    >>> watch.seconds < 1.0
    True

    As a context manager, :attr:`seconds` stops at the block's end::

        with Stopwatch() as watch:
            work()
        assert watch.seconds < 1.0
    """

    __slots__ = ("_cpu", "_stopped", "_wall")

    def __init__(self) -> None:
        self._stopped: float | None = None
        self._wall = time.perf_counter()
        self._cpu = time.process_time()

    def _now(self) -> float:
        wall = time.perf_counter() - self._wall
        cpu = time.process_time() - self._cpu
        return min(wall, cpu)

    @property
    def seconds(self) -> float:
        return self._now() if self._stopped is None else self._stopped

    def __enter__(self) -> Stopwatch:
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        trace: TracebackType | None,
    ) -> None:
        self._stopped = self._now()
