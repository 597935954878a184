"""The suite's clock (tests/clock.py): the time of the work is the smaller of the wall clock and
the process's CPU time, and waiting counts at a tenth of the wall clock."""

from __future__ import annotations

import time

import pytest

from tests.clock import WAITING_SHARE, Stopwatch


class _Clocks:
    """A wall clock and a CPU clock that the test moves by hand."""

    def __init__(self) -> None:
        self.wall = 100.0
        self.cpu = 7.0

    def advance(self, wall: float, cpu: float) -> None:
        self.wall += wall
        self.cpu += cpu


def _watch(clocks: _Clocks) -> Stopwatch:
    return Stopwatch(wall=lambda: clocks.wall, cpu=lambda: clocks.cpu)


@pytest.mark.parametrize(
    ("wall", "cpu", "seconds"),
    [
        (0.5, 0.5, 0.5),  # a quiet machine, one thread: both clocks agree
        (3.0, 0.5, 0.5),  # a neighbour took the core: its time is not counted
        (0.5, 1.0, 0.5),  # two threads at work: the CPU time counts them twice, the wall once
        (20.0, 0.0, 20.0 / WAITING_SHARE),  # waiting (a sleep, a lock): a tenth of the wall
        (9.0, 1.2, 1.2),  # a tenth of the wall (0.9) is less than the work: the work
        (0.0, 0.0, 0.0),
    ],
)
def test_the_time_of_the_work(wall: float, cpu: float, seconds: float) -> None:
    clocks = _Clocks()
    watch = _watch(clocks)
    clocks.advance(wall, cpu)
    assert watch.seconds == pytest.approx(seconds)


def test_a_call_that_waits_ten_seconds_fails_a_one_second_bound() -> None:
    clocks = _Clocks()
    watch = _watch(clocks)
    clocks.advance(10.5, 0.01)
    assert watch.seconds > 1.0


def test_the_stopwatch_stops_at_the_block_end_and_runs_until_then() -> None:
    clocks = _Clocks()
    with _watch(clocks) as watch:
        clocks.advance(0.2, 0.2)
        assert watch.seconds == pytest.approx(0.2)  # running: the time so far
        clocks.advance(0.1, 0.1)
    clocks.advance(5.0, 5.0)  # after the block: not counted
    assert watch.seconds == pytest.approx(0.3)


def test_the_real_clocks_count_this_process_s_work() -> None:
    """With the default clocks: a spin of 50 ms of this process's CPU reads at least that."""
    with Stopwatch() as watch:
        end = time.process_time() + 0.05
        while time.process_time() < end:
            pass
    assert 0.05 <= watch.seconds < 5.0


def test_the_real_clocks_count_a_sleep_at_a_tenth() -> None:
    with Stopwatch() as watch:
        time.sleep(0.2)
    assert 0.2 / WAITING_SHARE <= watch.seconds < 0.1
