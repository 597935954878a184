"""The suite's clock: another process's load does not count, this process's work does."""

from __future__ import annotations

import threading
import time

from tests.clock import Stopwatch


def test_waiting_on_another_process_is_not_counted() -> None:
    with Stopwatch() as watch:
        time.sleep(0.2)  # the core given away, as to a neighbour's work
    assert watch.seconds < 0.1


def test_work_is_counted_and_the_stopwatch_stops_at_the_block_end() -> None:
    with Stopwatch() as watch:
        end = time.perf_counter() + 0.1
        while time.perf_counter() < end:
            pass
    stopped = watch.seconds
    assert 0.05 < stopped < 1.0
    end = time.perf_counter() + 0.05
    while time.perf_counter() < end:
        pass
    assert watch.seconds == stopped  # work after the block is not counted


def test_work_on_several_threads_is_counted_once() -> None:
    def spin() -> None:
        end = time.perf_counter() + 0.2
        while time.perf_counter() < end:
            pass

    with Stopwatch() as watch:
        threads = [threading.Thread(target=spin) for _ in range(2)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
    assert watch.seconds < 0.35  # the wall clock's 0.2 s, not the 0.4 s of CPU


def test_a_running_stopwatch_reads_the_time_so_far() -> None:
    watch = Stopwatch()
    first = watch.seconds
    end = time.perf_counter() + 0.02
    while time.perf_counter() < end:
        pass
    assert watch.seconds > first
