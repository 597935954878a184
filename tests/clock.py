"""The clock of the suite's time bounds ("no input under 1 MB takes over a second").

A bound on wall-clock time alone fails when another process takes the core (a CI machine
shared with other work, or the suite's own second worker beside it); a bound on the process's
CPU time alone overstates a call whose work runs on several threads (Polars) and does not see a
call that waits (a sleep, a lock, I/O). :class:`Stopwatch` reads both: the time of the work is
the smaller of the two, so that neither a neighbour's load nor this process's parallelism moves
it, and on a quiet machine the two agree for work on one thread, so the bound is the one the
promise states. Time spent waiting still counts at a tenth of the wall clock (a call that hangs
10 s fails a 1-second bound), while a machine would have to be slowed more than tenfold by its
neighbours for their load to fail one.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from types import TracebackType

WAITING_SHARE = 10
"""Wall-clock time counts at least at 1/WAITING_SHARE, whatever the CPU time."""


class Stopwatch:
    """Started on creation; :attr:`seconds` is the time so far:
    ``max(min(wall, cpu), wall / WAITING_SHARE)``.

    >>> watch = Stopwatch()
    >>> watch.seconds < 1.0
    True

    As a context manager, :attr:`seconds` stops at the block's end::

        with Stopwatch() as watch:
            work()
        assert watch.seconds < 1.0

    ``wall`` and ``cpu`` are the clocks (``time.perf_counter``, ``time.process_time``); tests
    of the stopwatch itself give their own.
    """

    __slots__ = ("_cpu", "_cpu_start", "_stopped", "_wall", "_wall_start")

    def __init__(
        self,
        *,
        wall: Callable[[], float] = time.perf_counter,
        cpu: Callable[[], float] = time.process_time,
    ) -> None:
        self._wall, self._cpu = wall, cpu
        self._stopped: float | None = None
        self._wall_start = wall()
        self._cpu_start = cpu()

    def _now(self) -> float:
        wall = self._wall() - self._wall_start
        cpu = self._cpu() - self._cpu_start
        return max(min(wall, cpu), wall / WAITING_SHARE)

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
