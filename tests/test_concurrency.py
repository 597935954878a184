"""Many threads at once give the sequential answers; a Decision travels between processes.

* Eight threads evaluate every bundled example on several dates, and distinct random valid
  inputs, at once, while another thread registers and unregisters a working-day schedule for a
  year the evaluations do not use (and, in a second test, re-registers an identical copy of a
  year they do use): every answer is exactly the one computed sequentially beforehand.
  :mod:`nmgpolicy.periods` swaps whole immutable calendar snapshots under a lock, so a lookup
  sees the old schedule or the new one, never a mixture.
* A :class:`~nmgpolicy.Decision` (every example, with overrides, with notes) pickles and
  unpickles to an equal object with an equal ``to_dict()``, and so does ``copy.deepcopy``; so do
  the exceptions (for process pools and Dask).
"""

from __future__ import annotations

import concurrent.futures
import copy
import datetime as dt
import json
import multiprocessing
import pickle
import random
import threading
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

import nmgpolicy
from nmgpolicy import periods
from nmgpolicy.cli import example_cases
from nmgpolicy.errors import (
    CalendarNotCovered,
    InputError,
    NmgPolicyError,
    NotInForce,
    UnknownFinding,
    UnknownRuleSet,
)
from nmgpolicy.outcome import Decision

EXAMPLES = example_cases()
THREADS = 8
SHIFTS = (0, 1, 45, 200, -120)  # days added to each example's date
CHURN_PAUSE = 0.001  # seconds between two changes of the calendar (hundreds per test)
UNUSED_YEAR = 2031  # no evaluation here reaches it (none reaches past 2027)

Task = tuple[str, object, dt.date, dict[str, object] | None]


def answer(task: Task) -> tuple[str, ...]:
    """What a caller gets: the decision's JSON and report, or the error's type and text."""
    ruleset, facts, on, parameters = task
    try:
        decision = nmgpolicy.evaluate(ruleset, facts, on=on, parameters=parameters)
    except NmgPolicyError as error:
        return (type(error).__name__, str(error))
    return (json.dumps(decision.to_dict(), sort_keys=True), decision.explain("en"))


def _random_valid(count: int, seed: str = "concurrency") -> list[Task]:
    """Distinct variations of the examples that evaluate (the fuzz's gentle mutations)."""
    from tests.test_fuzz import gentle

    found: list[Task] = []
    seen: set[str] = set()
    index = 0
    while len(found) < count:
        rng = random.Random(f"{seed}/{index}")
        index += 1
        ruleset, _, facts, on, _ = rng.choice(EXAMPLES)
        facts = copy.deepcopy(facts)
        for _ in range(rng.randint(1, 4)):
            gentle(rng, facts, [])
        key = json.dumps([ruleset, facts, on.isoformat()], sort_keys=True)
        task: Task = (ruleset, facts, on, None)
        if key not in seen and answer(task)[0] not in {"InputError", "NotInForce"}:
            seen.add(key)
            found.append(task)
    return found


def tasks() -> list[Task]:
    shifted: list[Task] = [
        (ruleset, facts, on + dt.timedelta(days=shift), None)
        for ruleset, _, facts, on, _ in EXAMPLES
        for shift in SHIFTS
    ]
    overridden: list[Task] = [
        (ruleset, facts, on, {"max_area": "150平方公里", "growth_method": "mean"})
        for ruleset, _, facts, on, _ in EXAMPLES
        if ruleset == "cluster"
    ]
    return shifted + overridden + _random_valid(40)


def _schedule_of(year: int) -> tuple[list[dt.date], list[dt.date]]:
    """The shipped schedule of ``year`` as register_year takes it (holidays, make-up days)."""
    days = [dt.date(year, 1, 1) + dt.timedelta(days=i) for i in range(366)]
    days = [d for d in days if d.year == year]
    holidays = [d for d in days if d.weekday() < 5 and not periods.is_working_day(d)]
    workdays = [d for d in days if d.weekday() >= 5 and periods.is_working_day(d)]
    return holidays, workdays


@pytest.fixture
def scoped_registrations() -> Iterator[None]:
    """Whatever the test registers is undone afterwards."""
    with periods._scoped_registrations():
        yield


def _run_concurrently(
    work: list[Task], churn: Callable[[], None], rounds: int = 3
) -> tuple[list[tuple[Task, tuple[str, ...]]], int]:
    """Evaluate ``work`` ``rounds`` times over, shuffled, from THREADS threads while ``churn``
    runs in a loop in another thread; returns (task, answer) pairs and the churn count."""
    stop = threading.Event()
    churned = 0

    def churner() -> None:
        nonlocal churned
        while not stop.is_set():
            churn()
            churned += 1
            stop.wait(CHURN_PAUSE)  # a change every millisecond or so, not a GIL-bound spin

    order = [task for _ in range(rounds) for task in work]
    random.Random(7).shuffle(order)
    background = threading.Thread(target=churner)
    background.start()
    try:
        with concurrent.futures.ThreadPoolExecutor(max_workers=THREADS) as pool:
            results = list(zip(order, pool.map(answer, order), strict=True))
    finally:
        stop.set()
        background.join()
    return results, churned


def test_threads_give_the_sequential_answers_while_an_unused_year_is_registered(
    scoped_registrations: None,
) -> None:
    work = tasks()
    expected = {id(task): answer(task) for task in work}
    assert len(set(expected.values())) > len(EXAMPLES)  # the work varies
    holidays = [dt.date(UNUSED_YEAR, 1, 1), dt.date(UNUSED_YEAR, 10, 1)]
    flip = [False]

    def churn() -> None:
        if flip[0]:
            periods.unregister_year(UNUSED_YEAR)
        else:
            periods.register_year(UNUSED_YEAR, holidays=holidays, source="churn")
        flip[0] = not flip[0]

    results, churned = _run_concurrently(work, churn)
    assert churned > 10  # the calendar changed many times while the answers were computed
    mismatched = [task[:2] for task, got in results if got != expected[id(task)]]
    assert not mismatched
    assert UNUSED_YEAR not in periods.registrations() or flip[0]


def test_threads_give_the_sequential_answers_while_a_used_year_is_re_registered(
    scoped_registrations: None,
) -> None:
    """A year the evaluations use (2025) is registered as an identical copy of the shipped
    schedule: the decisions that use it carry a note naming the copy, and re-registering the
    same copy over and over while they run changes neither their dates nor their notes."""
    year = 2025
    holidays, workdays = _schedule_of(year)
    periods.register_year(year, holidays=holidays, workdays=workdays, source="copy of 2025")
    work = tasks()
    expected = {id(task): answer(task) for task in work}
    noted = [v for v in expected.values() if "copy of 2025" in v[-1]]
    assert noted  # the registered year is used, and said so

    def churn() -> None:
        periods.register_year(year, holidays=holidays, workdays=workdays, source="copy of 2025")

    results, churned = _run_concurrently(work, churn, rounds=2)
    assert churned > 10
    mismatched = [task[:2] for task, got in results if got != expected[id(task)]]
    assert not mismatched


def test_periods_lookups_under_concurrent_registration(scoped_registrations: None) -> None:
    """The calendar itself: working-day arithmetic from 8 threads while years come and go."""
    starts = [dt.date(2024, 1, 2) + dt.timedelta(days=i) for i in range(0, 900, 7)]
    expected = [
        (periods.add_working_days(s, 20), periods.next_working_day(s), periods.is_working_day(s))
        for s in starts
    ]
    stop = threading.Event()

    def churn() -> None:
        n = 0
        while not stop.is_set():
            periods.register_year(UNUSED_YEAR + n % 3, holidays=[], source="churn")
            periods.unregister_year(UNUSED_YEAR + (n + 1) % 3)
            n += 1

    background = threading.Thread(target=churn)
    background.start()
    try:
        with concurrent.futures.ThreadPoolExecutor(max_workers=THREADS) as pool:
            for _ in range(3):
                got = list(
                    pool.map(
                        lambda s: (
                            periods.add_working_days(s, 20),
                            periods.next_working_day(s),
                            periods.is_working_day(s),
                        ),
                        starts,
                    )
                )
                assert got == expected
    finally:
        stop.set()
        background.join()


# --------------------------------------------------------------------------------------------
# Pickling
# --------------------------------------------------------------------------------------------


def decisions() -> list[Decision]:
    found = [nmgpolicy.evaluate(rs, facts, on=on) for rs, _, facts, on, _ in EXAMPLES]
    cluster = next(e for e in EXAMPLES if e[0] == "cluster")
    found.append(
        nmgpolicy.evaluate(
            "cluster",
            cluster[2],
            on=cluster[3],
            parameters={"max_area": "150平方公里", "min_sme_share": "65%", "growth_method": "mean"},
        )
    )
    ferro = next(e for e in EXAMPLES if e[0] == "ferroalloy")
    found.append(
        nmgpolicy.evaluate("ferroalloy", ferro[2], on=ferro[3], parameters={"ratio_small": "1.3"})
    )
    return found


def _roundtrips(value: Any) -> Iterator[Any]:
    for protocol in range(2, pickle.HIGHEST_PROTOCOL + 1):
        yield pickle.loads(pickle.dumps(value, protocol=protocol))
    yield copy.deepcopy(value)
    yield copy.copy(value)


def test_decisions_pickle_and_copy(scoped_registrations: None) -> None:
    found = decisions()
    # One with a calendar note (a registered year it used) too.
    holidays, workdays = _schedule_of(2025)
    periods.register_year(2025, holidays=holidays, workdays=workdays, source="copy of 2025")
    rs, _, facts, on, _ = next(e for e in EXAMPLES if e[0] == "disclosure")
    noted = nmgpolicy.evaluate(rs, facts, on=on)
    assert any("copy of 2025" in n.en for n in noted.notes)
    found.append(noted)
    assert any(d.overrides for d in found) and all(d.notes or d.findings for d in found)
    for decision in found:
        for copied in _roundtrips(decision):
            assert type(copied) is Decision
            assert copied == decision
            assert copied.to_dict() == decision.to_dict()
            assert copied.explain("en") == decision.explain("en")
            assert json.dumps(copied.to_dict()) == json.dumps(decision.to_dict())


def _errors(tmp_path: Path) -> list[NmgPolicyError]:
    found: list[NmgPolicyError] = []
    calls: list[Callable[[], object]] = [
        lambda: nmgpolicy.evaluate(
            "cluster", {"area": "-5平方公里", "x": 1}, on=dt.date(2025, 6, 1)
        ),
        lambda: nmgpolicy.evaluate("nope", {}, on=dt.date(2025, 6, 1)),
        lambda: nmgpolicy.evaluate(
            "disclosure",
            {"item": "annual-budget", "formed_on": "2010-01-05"},
            on=dt.date(2010, 3, 1),
        ),
        lambda: periods.add_working_days(dt.date(2026, 12, 20), 30),
        lambda: nmgpolicy.evaluate(*EXAMPLES[0][:1], EXAMPLES[0][2], on=EXAMPLES[0][3]).finding(
            "nope"
        ),
        lambda: periods.register_schedule_file(_bad_schedule(tmp_path)),
    ]
    for call in calls:
        with pytest.raises(NmgPolicyError) as info:
            call()
        found.append(info.value)
    kinds = {type(e) for e in found}
    assert {InputError, UnknownRuleSet, NotInForce, CalendarNotCovered, UnknownFinding} <= kinds
    return found


def _bad_schedule(tmp_path: Path) -> Path:
    path = tmp_path / "bad.toml"
    path.write_text('[2031]\nholidays = ["2031-02-30"]\n', encoding="utf-8")
    return path


def test_exceptions_pickle_and_copy(tmp_path: Path) -> None:
    for error in _errors(tmp_path):
        for copied in _roundtrips(error):
            assert type(copied) is type(error)
            assert str(copied) == str(error)
            assert copied.args == error.args
            assert vars(copied) == vars(error)


def _evaluate_example(index: int) -> Decision:
    ruleset, _, facts, on, _ = example_cases()[index]
    return nmgpolicy.evaluate(ruleset, facts, on=on)


def test_a_process_pool_returns_equal_decisions() -> None:
    """Decisions made in another process (spawned: nothing shared) equal those made here."""
    indices = [0, len(EXAMPLES) // 2, len(EXAMPLES) - 1]
    context = multiprocessing.get_context("spawn")
    with concurrent.futures.ProcessPoolExecutor(max_workers=1, mp_context=context) as pool:
        remote = list(pool.map(_evaluate_example, indices))
    assert remote == [_evaluate_example(i) for i in indices]
