"""Micro-benchmarks of nmgpolicy.periods (official working days and legal periods).

Run as a script — ``python benchmarks/bench_periods.py`` — to print microseconds per call
(best of several ``timeit`` repeats), or under pytest-benchmark —
``pytest benchmarks/bench_periods.py --benchmark-enable``.

Every lookup is a dictionary probe or a bisect over precomputed arrays, so each call should
take a few microseconds at most; month and year periods add ``dateutil.relativedelta``.
"""

from __future__ import annotations

import datetime as dt
import sys
import timeit
import unicodedata
from collections.abc import Callable
from pathlib import Path
from typing import Any

try:
    from nmgpolicy import periods
except ImportError:  # run from a checkout without installing: use its src/ folder
    sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))
    from nmgpolicy import periods

START = dt.date(2025, 9, 25)  # 20 working days from here cross National Day 2025
TWENTY_WORKING_DAYS = periods.Period(20, periods.PeriodUnit.WORKING_DAY)
ONE_MONTH = periods.Period(1, periods.PeriodUnit.MONTH)

CASES: dict[str, Callable[[], object]] = {
    "add_working_days(d, 20)": lambda: periods.add_working_days(START, 20),
    "deadline(d, Period(20, WORKING_DAY))": lambda: periods.deadline(START, TWENTY_WORKING_DAYS),
    'deadline(d, "20个工作日")': lambda: periods.deadline(START, "20个工作日"),
    "deadline(d, Period(1, MONTH))": lambda: periods.deadline(START, ONE_MONTH),
    'deadline(d, "1个月")': lambda: periods.deadline(START, "1个月"),
    "is_working_day(d)": lambda: periods.is_working_day(START),
    "working_days_between(a, b)": lambda: periods.working_days_between(START, dt.date(2026, 3, 2)),
    "notice_window(d, 5)": lambda: periods.notice_window(START, 5),
}


def measure(call: Callable[[], object], *, number: int = 100_000, repeat: int = 5) -> float:
    """Best-of-``repeat`` microseconds per call."""
    call()  # warm up: builds the calendar snapshot on first use
    return min(timeit.repeat(call, number=number, repeat=repeat)) / number * 1e6


def _width(text: str) -> int:
    """Display width in a terminal: CJK characters take two columns."""
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def main() -> None:
    width = max(_width(name) for name in CASES)
    for name, call in CASES.items():
        padding = " " * (width - _width(name))
        print(f"{name}{padding}  {measure(call):7.3f} µs/call")


# pytest-benchmark entry points (the `benchmark` fixture; disabled by the repo's addopts unless
# --benchmark-enable is given, in which case each runs once as a smoke test).


def test_add_working_days(benchmark: Any) -> None:
    assert benchmark(CASES["add_working_days(d, 20)"]) == dt.date(2025, 10, 29)


def test_deadline_working_days(benchmark: Any) -> None:
    assert benchmark(CASES["deadline(d, Period(20, WORKING_DAY))"]) == dt.date(2025, 10, 29)


def test_deadline_month(benchmark: Any) -> None:
    # 2025-10-25 is a Saturday: the period rolls to Monday 10-27 (《民法典》第二百零三条)
    assert benchmark(CASES["deadline(d, Period(1, MONTH))"]) == dt.date(2025, 10, 27)


def test_is_working_day(benchmark: Any) -> None:
    assert benchmark(CASES["is_working_day(d)"]) is True


if __name__ == "__main__":
    main()
