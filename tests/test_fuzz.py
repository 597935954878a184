"""Fuzz every public entry point: only NmgPolicyError escapes, every answer is JSON, none is slow.

The entry points: each rule set's ``evaluate`` (with and without parameter overrides), every
public function of every rule module (found through the modules' ``__all__``, so that a new
helper is fuzzed without a change here), ``periods``, ``units``, ``disclosure.deadline``,
``load_catalog``/``parse_catalog`` (junk TSV), ``inspection`` (draw, verify, commit …),
``schema.facts_schema``, ``nmgpolicy.evaluate``/``get_ruleset``, and the command line in-process
(``cli.main``). The inputs: the bundled examples mutated (keys dropped, replaced, added in
look-alike or non-string forms, types swapped, numbers of 5000 digits, ``"1e999999999"``, NaN,
lone surrogates, deep nesting, shared and cyclic references, long strings), random JSON, junk
Python values, and hostile objects (a ``__repr__`` that raises, a mapping that lies).

What each call must do:

* raise nothing but :class:`~nmgpolicy.errors.NmgPolicyError` (an ``InputError``'s problems all
  have a ``$`` path and a message; its ``to_dict()`` is JSON);
* return what ``json.dumps(..., allow_nan=False)`` can write (``Decision.to_dict()``,
  ``outcome.jsonable`` of a helper's result), and a Decision explains itself in both languages;
* take under a second (every input here is under 1 MB). Timing is asserted only when no tracer
  (coverage, a debugger) runs, so that the limit is not flaky: under ``pytest --cov`` the
  in-process runs check everything but time, and :func:`test_timed_without_tracing` repeats
  them in a subprocess without coverage, where time is checked.

An exception that the caller's own code raises (:class:`CallerCodeError`, from the hostile
objects' ``__eq__`` or ``__iter__``) is the caller's and may pass through.

Sizes: a few hundred inputs per entry point in CI (the file takes well under a minute on two
cores). ``NMGPOLICY_FUZZ=N`` runs N inputs per entry point, ``NMGPOLICY_FUZZ_SEED=S`` changes
the seed (default ``"nmgpolicy"``); input ``i`` of entry ``E`` is generated from
``random.Random(f"{S}/{E}/{i}")`` alone, so any failure is reproduced from the three values the
report prints. Long runs, without pytest::

    NMGPOLICY_FUZZ=100000 python -m tests.test_fuzz evaluate:cluster evaluate+overrides:cluster
    python -m tests.test_fuzz --list

The counts of each run are printed (``pytest -s`` shows them).
"""

from __future__ import annotations

import collections
import contextlib
import copy
import datetime as dt
import decimal
import functools
import importlib
import inspect
import io
import itertools
import json
import math
import os
import random
import re
import reprlib
import shutil
import subprocess
import sys
import tempfile
import time
import traceback
from collections import Counter
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from fractions import Fraction
from pathlib import Path
from typing import Any, ClassVar

import pytest

import nmgpolicy
from nmgpolicy import cli, inspection, periods, schema, units
from nmgpolicy.errors import InputError, NmgPolicyError
from nmgpolicy.outcome import Decision, jsonable
from tests.clock import Stopwatch

ROOT = Path(__file__).resolve().parents[1]
EXAMPLES = ROOT / "examples"
SEED = os.environ.get("NMGPOLICY_FUZZ_SEED", "nmgpolicy")
LONG_RUN = int(os.environ.get("NMGPOLICY_FUZZ", "0") or 0)
TIME_LIMIT = 1.0  # seconds, per call, for inputs under 1 MB

# --------------------------------------------------------------------------------------------
# Hostile and junk values
# --------------------------------------------------------------------------------------------


class CallerCodeError(Exception):
    """Raised by the caller's own code (the hostile objects below): it may pass through."""


class BadRepr:
    """An object whose ``__repr__`` and ``__str__`` raise (error messages must still work)."""

    def __repr__(self) -> str:
        raise CallerCodeError("repr")

    def __str__(self) -> str:
        raise CallerCodeError("str")


class BadEq(str):
    """A text whose comparisons and hash raise."""

    def __eq__(self, other: object) -> bool:
        raise CallerCodeError("eq")

    def __hash__(self) -> int:
        raise CallerCodeError("hash")


class LyingMapping(Mapping[str, object]):
    """A mapping that lists keys it cannot give and whose iteration raises half way."""

    def __init__(self, keys: Sequence[str]) -> None:
        self._keys = list(keys)

    def __getitem__(self, key: str) -> object:
        raise CallerCodeError(f"getitem {key!r}")

    def __iter__(self) -> Iterator[str]:
        yield from self._keys[:1]
        raise CallerCodeError("iter")

    def __len__(self) -> int:
        return 10**6


class OddInt(int):
    """An int subclass (accepted or refused, never a crash)."""


class OddStr(str):
    """A str subclass."""


class OddDate(dt.date):
    """A date subclass."""


def _deep_list(depth: int) -> list[Any]:
    value: list[Any] = []
    for _ in range(depth):
        value = [value]
    return value


def _deep_dict(depth: int, key: str = "a") -> dict[str, Any]:
    value: dict[str, Any] = {}
    for _ in range(depth):
        value = {key: value}
    return value


def _dag(levels: int) -> list[Any]:
    """``a = [a, a]`` nested ``levels`` deep: 2**levels paths through ``levels`` lists."""
    value: list[Any] = ["2026-01-05"]
    for _ in range(levels):
        value = [value, value]
    return value


def _cycle_list() -> list[Any]:
    value: list[Any] = []
    value.append(value)
    return value


def _cycle_dict() -> dict[str, Any]:
    value: dict[str, Any] = {}
    value["a"] = value
    return value


@functools.cache
def _long(n: int, char: str = "9") -> str:
    return char * n


@functools.cache
def _big_shared() -> list[str]:
    """5000 references to one 200 kB string (1 GB when shown in full)."""
    return [_long(200_000, "字")] * 5000


def _lone_surrogates(rng: random.Random) -> str:
    return rng.choice(["\ud800", "\udcff", "a\ud800b", "\udfff\ud800", "名\udc80称"])


NUMBER_TEXTS = [
    "0",
    "1",
    "-1",
    "0.5",
    "1e999999999",
    "-1e999999999",
    "1e-999999999",
    "1E+5000",
    "1e-5000",
    "1e18",
    "1e19",
    "1e-40",
    "1e-41",
    "NaN",
    "nan",
    "sNaN",
    "Infinity",
    "-inf",
    "9" * 5000,
    "1" * 4301,
    "0." + "0" * 5000 + "1",
    "1" + "0" * 60,
    "12345678901234567890123456789012345678901234567890.123456789",
    "1,000,000",
    "1,0000",
    "１２３",
    "٣",
    "1_000",
    "0x10",
    " 7 ",
    "+5",
    "--5",
    "5.",
    ".5",
    "1e",
    "1.2.3",
]
UNITS = [
    "",
    "元",
    "万元",
    "亿元",
    "吨",
    "万吨",
    "kVA",
    "MVA",
    "kW",
    "平方公里",
    "亩",
    "万元/套",
    "万元/台",
    "万元/吨",
    "吨/万元",
    "%",
    "‰",
    "%%",
    "人",
    "家",
    "个",
    "年",
    "个月",
    "日",
    "天",
    "个工作日",
    "m**0.5",
    "万元/套/套",
    "mVA",
    "亿元亿元",
]
DATE_TEXTS = [
    "2026-01-05",
    "2024-02-29",
    "2025-02-29",
    "2026-02-30",
    "0000-00-00",
    "0001-01-01",
    "9999-12-31",
    "10000-01-01",
    "2026-1-5",
    "20260105",
    "２０２６－０１－０５",
    "2026-01-05T12:00",
    " 2026-01-05 ",
    "2003-12-31",
    "2027-06-01",
    "1900-01-01",
]
PERIOD_TEXTS = [
    "20个工作日",
    "5个工作日",
    "0个工作日",
    "99999999个工作日",
    "30日",
    "0日",
    "-1日",
    "1个月",
    "1.5个月",
    "99999999年",
    "3年",
    "二十个工作日",
    "一万年",
    "1 year",
    "1e999999999日",
    "10**5000日",
    "半年",
    "20working days",
]


def _plausible_amount(rng: random.Random) -> str:
    kind = rng.choice(list(units.Kind))
    number = rng.choice(["0", "1", "15", "0.9", "80", "2.5", "3000", "1.2345"])
    return number + rng.choice(kind.display_units)


def _junk_factories() -> list[Callable[[random.Random], object]]:
    """Junk of every kind; expensive pieces are built once and shared (never mutated)."""
    fixed: list[object] = [
        None,
        True,
        False,
        0,
        -1,
        1,
        2**63,
        -(2**63) - 1,
        10**5000,
        -(10**5000),
        10**4300,
        OddInt(3),
        math.nan,
        math.inf,
        -math.inf,
        1e308,
        5e-324,
        -0.0,
        0.1,
        Decimal("NaN"),
        Decimal("sNaN"),
        Decimal("-Infinity"),
        Decimal("1e999999999"),
        Decimal("1e-999999999"),
        Decimal("-0"),
        Decimal("1E+18"),
        Decimal("0.1"),
        Fraction(1, 3),
        complex(1, 1),
        "",
        " ",
        "\x00",
        "\u202e",
        "🀄",
        "%s%n{0}",
        "{}",
        "[]",
        "null",
        OddStr("x"),
        _long(10_000),
        _long(100_000, "a"),
        _long(100_000, " "),
        _long(10_000, " ") + "20个工作日" + _long(10_000, "\t"),
        _long(50_000, "1 "),
        _long(20_000, "-"),
        _long(20_000, "一"),
        [],
        [None],
        {},
        {"": None},
        {1: 2},
        {None: 1},
        {(1, 2): 3},
        {frozenset(): 1},
        {1.5: 1, "a": 2},
        {True: 1, "b": 2},
        b"bytes",
        bytearray(b"x"),
        memoryview(b"x"),
        object(),
        type,
        len,
        range(10**18),
        set(),
        frozenset({1, "a"}),
        dt.date.min,
        dt.date.max,
        OddDate(2026, 1, 5),
        dt.datetime(2026, 1, 5, 12, 0),
        dt.time(),
        dt.timedelta(days=1),
    ]
    factories: list[Callable[[random.Random], object]] = [lambda r, v=v: v for v in fixed]
    factories += [
        lambda r: r.choice(NUMBER_TEXTS),
        lambda r: r.choice(NUMBER_TEXTS) + r.choice(UNITS),
        lambda r: r.choice(DATE_TEXTS),
        lambda r: r.choice(PERIOD_TEXTS),
        _lone_surrogates,
        lambda r: _deep_list(r.choice([33, 100, 1000, 10_000])),
        lambda r: _deep_dict(r.choice([33, 100, 1000, 10_000])),
        lambda r: _dag(r.choice([15, 20, 22, 25])),
        lambda r: _cycle_list(),
        lambda r: _cycle_dict(),
        lambda r: _big_shared(),
        lambda r: [0] * r.choice([10_001, 100_000]),
        lambda r: iter([1, 2, 3]),
        lambda r: BadRepr(),
        lambda r: [BadRepr()],
        lambda r: {"a": BadRepr()},
        lambda r: BadEq("single"),
        lambda r: LyingMapping(["item", "formed_on"]),
    ]
    return factories


JUNK = _junk_factories()


def junk(rng: random.Random) -> object:
    return rng.choice(JUNK)(rng)


# --------------------------------------------------------------------------------------------
# Random JSON and mutations
# --------------------------------------------------------------------------------------------


@functools.cache
def _vocabulary() -> tuple[tuple[str, ...], tuple[str, ...]]:
    """Field names and enumeration values of every rule set's schema (for plausible junk)."""
    keys: set[str] = set()
    values: set[str] = set()

    def walk(node: object) -> None:
        if isinstance(node, dict):
            for key, sub in node.items():
                if key == "properties" and isinstance(sub, dict):
                    keys.update(sub)
                if key == "enum" and isinstance(sub, list):
                    values.update(v for v in sub if isinstance(v, str))
                walk(sub)
        elif isinstance(node, list):
            for sub in node:
                walk(sub)

    for ruleset_id in nmgpolicy.rulesets():
        walk(schema.facts_schema(ruleset_id))
    return tuple(sorted(keys)), tuple(sorted(values))


def text(rng: random.Random) -> str:
    keys, values = _vocabulary()
    pick = rng.random()
    if pick < 0.25:
        return rng.choice(NUMBER_TEXTS[:20]) + rng.choice(UNITS)
    if pick < 0.4:
        return rng.choice(DATE_TEXTS)
    if pick < 0.5:
        return rng.choice(PERIOD_TEXTS)
    if pick < 0.65:
        return rng.choice(values) if values else "x"
    if pick < 0.75:
        return rng.choice(keys)
    if pick < 0.8:
        return _lone_surrogates(rng)
    alphabet = "aZ09 .-%/万元吨年月日\t\n\u3000\ufeff\u200b"
    return "".join(rng.choice(alphabet) for _ in range(rng.randint(0, 12)))


def json_value(rng: random.Random, depth: int = 0) -> object:
    pick = rng.random()
    if depth > 3 or pick < 0.55:
        leaf = rng.random()
        if leaf < 0.1:
            return None
        if leaf < 0.2:
            return rng.random() < 0.5
        if leaf < 0.35:
            return rng.choice([0, 1, -1, 2, 3, 5, 2026, 10**18, 10**19, rng.randint(-1000, 10**6)])
        if leaf < 0.45:
            return rng.choice([0.5, 1e-7, 1e300, -2.5, math.nan, math.inf, 60.0])
        return text(rng)
    if pick < 0.75:
        return [json_value(rng, depth + 1) for _ in range(rng.randint(0, 4))]
    keys, _ = _vocabulary()
    return {
        (rng.choice(keys) if rng.random() < 0.7 else text(rng)): json_value(rng, depth + 1)
        for _ in range(rng.randint(0, 5))
    }


def random_facts(rng: random.Random) -> object:
    keys, _ = _vocabulary()
    return {rng.choice(keys): json_value(rng, 1) for _ in range(rng.randint(0, 8))}


Path_ = tuple[object, ...]


def _paths(root: object, limit: int = 400) -> list[Path_]:
    """Paths into ``root`` (each container visited once, so shared and cyclic parts are cheap)."""
    found: list[Path_] = []
    seen: set[int] = set()
    todo: list[tuple[object, Path_]] = [(root, ())]
    while todo and len(found) < limit:
        value, here = todo.pop()
        found.append(here)
        if isinstance(value, dict | list) and len(here) < 12 and id(value) not in seen:
            seen.add(id(value))
            items = value.items() if isinstance(value, dict) else enumerate(value)
            todo.extend((sub, (*here, key)) for key, sub in list(items)[:50])
    return found


def _copy(value: object) -> object:
    """A deep copy, or the value itself when it cannot be copied (too deep, a memoryview, an
    iterator …): then it is shared, which is a case worth trying too."""
    try:
        return copy.deepcopy(value)
    except Exception:
        return value


def _get(root: object, path: Path_) -> object:
    for step in path:
        root = root[step]  # type: ignore[index]
    return root


def _swap_type(rng: random.Random, value: object) -> object:
    if isinstance(value, bool):
        return rng.choice(["true", 1, "是", None, [value]])
    if isinstance(value, int | float):
        return rng.choice([show(value), [value], {"value": value}, bool(value), f"{show(value)}万"])
    if isinstance(value, str):
        digits = "".join(c for c in value if c.isdigit() or c in ".-")
        numeric: object = value
        with contextlib.suppress(ValueError):
            numeric = float(digits) if "." in digits else int(digits)
        return rng.choice(
            [numeric, [value], {"value": value}, value.encode("utf-8", "surrogatepass"), None, True]
        )
    if isinstance(value, list):
        return rng.choice([dict(enumerate(value)), tuple(value), set(), value[:1], "[]"])
    if isinstance(value, dict):
        return rng.choice([list(value.values()), list(value), show(value), [value]])
    return rng.choice([show(value), [value]])


def _mutate_text(rng: random.Random, value: str) -> str:
    """Replace the number in a number-with-unit, the date, or the text itself."""
    if value[:4].isdigit() and len(value) >= 10 and value[4:5] == "-":
        return rng.choice(DATE_TEXTS)
    start = next((i for i, c in enumerate(value) if c.isdigit()), None)
    if start is not None:
        end = start
        while end < len(value) and (value[end].isdigit() or value[end] in ".,"):
            end += 1
        return value[:start] + rng.choice(NUMBER_TEXTS) + value[end:]
    return rng.choice([value + _lone_surrogates(rng), value * 3, value.upper(), ""])


def _key_variant(rng: random.Random, key: str) -> object:
    return rng.choice(
        [
            key.upper(),
            f" {key}",
            f"{key} ",
            key.replace("_", "-"),
            "".join(chr(ord(c) + 0xFEE0) if "!" <= c <= "~" else c for c in key),
            key + _lone_surrogates(rng),
            1,
            None,
            (key,),
            2.5,
            True,
        ]
    )


def mutate(rng: random.Random, root: object, log: list[str]) -> object:
    """One mutation of ``root`` (a deep copy is mutated in place where possible)."""
    paths = _paths(root)
    path = rng.choice(paths)
    target = _get(root, path)
    op = rng.randrange(12)
    where = "$" + "".join(f"[{step!r}]" for step in path)
    if not path:  # the root itself
        if op < 3:
            log.append("root replaced by junk")
            return junk(rng)
        if op < 5:
            log.append("root type swapped")
            return _swap_type(rng, root)
    parent = _get(root, path[:-1]) if path else None
    last = path[-1] if path else None

    def put(value: object, what: str) -> object:
        log.append(f"{where} = {what}")
        if parent is None:
            return value
        parent[last] = value  # type: ignore[index]
        return root

    if op == 0 and isinstance(parent, dict):
        log.append(f"{where} dropped")
        del parent[last]
        return root
    if op == 0 and isinstance(parent, list):
        log.append(f"{where} removed")
        del parent[last]  # type: ignore[arg-type]
        return root
    if op == 1:
        return put(junk(rng), "junk")
    if op == 2:
        return put(json_value(rng), "random JSON")
    if op == 3:
        return put(_swap_type(rng, target), "type swapped")
    if op == 4 and isinstance(target, str):
        return put(_mutate_text(rng, target), "text mutated")
    if op == 5 and isinstance(target, dict):
        if target and rng.random() < 0.6:
            key = rng.choice(list(target))
            variant = _key_variant(rng, str(key))
            log.append(f"{where} key {key!r} duplicated as a look-alike")
            target[variant] = _copy(target[key])  # type: ignore[index]
        else:
            keys, _ = _vocabulary()
            log.append(f"{where} key added")
            target[rng.choice(keys) if rng.random() < 0.5 else text(rng)] = json_value(rng)
        return root
    if op == 6 and isinstance(target, list) and target:
        element = rng.choice(target)
        shared = rng.random() < 0.5
        log.append(f"{where} element {'shared' if shared else 'duplicated'}")
        target.append(element if shared else _copy(element))
        return root
    if op == 7:
        depth = rng.choice([2, 33, 200, 5000])
        return put(_deep_list(depth) if rng.random() < 0.5 else [target] * 3, f"nested {depth}")
    if op == 8:
        length = rng.choice([201, 10_001, 200_000])
        return put(_long(length, rng.choice("9a字")), f"a string of {length}")
    if op == 9 and path:
        other = _get(root, rng.choice(paths))
        return put(other, "a reference to another part (shared or cyclic)")
    if op == 10:
        return put(
            rng.choice([10**5000, "1e999999999", math.nan, Decimal("NaN"), -(10**30)]), "huge"
        )
    if op == 11 and isinstance(target, dict) and target:
        log.append(f"{where} non-string keys mixed in")
        target[rng.choice([1, None, 2.5, (1,), True])] = json_value(rng)  # type: ignore[index]
        return root
    return put(junk(rng), "junk")


_FACTORS = [
    Decimal(f) for f in ("0", "0.5", "0.9", "0.99", "0.999", "1", "1.001", "1.01", "1.1", "2", "10")
]


def _scaled(rng: random.Random, value: str) -> str:
    """``"16.2亿元"`` → ``"16.038亿元"``: the number scaled by a factor near 1 (or 0, 2, 10)."""
    start = next(i for i, c in enumerate(value) if c.isdigit())
    end = start
    while end < len(value) and (value[end].isdigit() or value[end] == "."):
        end += 1
    try:
        number = Decimal(value[start:end]) * rng.choice(_FACTORS)
    except decimal.InvalidOperation:
        return value
    shown_ = format(number.normalize(), "f") if number else "0"
    return value[:start] + shown_ + value[end:]


def gentle(rng: random.Random, root: object, log: list[str]) -> None:
    """One change that keeps the facts plausible: a number scaled, a date moved, a flag or a
    choice changed, an optional key or a list item dropped or repeated (in place)."""
    paths = _paths(root)[1:]
    if not paths:
        return
    path = rng.choice(paths)
    parent, last = _get(root, path[:-1]), path[-1]
    target = _get(root, path)
    where = "$" + "".join(f"[{step!r}]" for step in path)
    _, values = _vocabulary()
    new: object = target
    if isinstance(target, bool):
        new = rng.choice([not target, None])
    elif isinstance(target, int):
        new = max(0, target + rng.choice([-2, -1, 1, 2, 10, -target]))
    elif isinstance(target, str) and len(target) == 10 and target[4:5] == "-":
        with contextlib.suppress(ValueError):
            new = (
                dt.date.fromisoformat(target) + dt.timedelta(days=rng.randint(-400, 400))
            ).isoformat()
    elif isinstance(target, str) and any(c.isdigit() for c in target):
        new = _scaled(rng, target)
    elif isinstance(target, str) and target in values:
        new = rng.choice(values)
    elif isinstance(target, list) and target:
        index = rng.randrange(len(target))
        if rng.random() < 0.5:
            log.append(f"{where}[{index}] dropped")
            del target[index]
        else:
            log.append(f"{where}[{index}] repeated")
            target.append(_copy(target[index]))
        return
    if new is target or rng.random() < 0.15:
        if isinstance(parent, dict):
            log.append(f"{where} dropped")
            del parent[last]
        return
    log.append(f"{where} = {show(new)}")
    parent[last] = new  # type: ignore[index]


# --------------------------------------------------------------------------------------------
# Examples, dates and parameter overrides
# --------------------------------------------------------------------------------------------


@functools.cache
def examples() -> dict[str, tuple[tuple[str, str, dt.date], ...]]:
    """Per rule set: (file, JSON text, date) of each bundled example."""
    found: dict[str, list[tuple[str, str, dt.date]]] = {}
    for index in sorted(EXAMPLES.glob("*/index.json")):
        data = json.loads(index.read_text(encoding="utf-8"))
        for case in data["cases"]:
            ruleset = case.get("ruleset", data.get("ruleset"))
            facts_text = (index.parent / case["file"]).read_text(encoding="utf-8")
            found.setdefault(ruleset, []).append(
                (
                    f"{index.parent.name}/{case['file']}",
                    facts_text,
                    dt.date.fromisoformat(case["on"]),
                )
            )
    return {k: tuple(v) for k, v in found.items()}


def some_date(rng: random.Random, near: dt.date = dt.date(2026, 3, 2)) -> object:
    pick = rng.random()
    if pick < 0.6:
        return near + dt.timedelta(days=rng.randint(-1500, 1500))
    if pick < 0.75:
        return rng.choice([dt.date.min, dt.date.max, dt.date(1900, 1, 1), dt.date(2003, 12, 31)])
    if pick < 0.85:
        return (near + dt.timedelta(days=rng.randint(-400, 400))).isoformat()
    return junk(rng)


def override_value(rng: random.Random, type_name: str, current: object) -> object:
    """A value for a parameter of ``type_name``: plausible, at an edge, or junk."""
    pick = rng.random()
    if pick < 0.15:
        return junk(rng)
    if pick < 0.5 and isinstance(current, str) and any(c.isdigit() for c in current):
        return _scaled(rng, current)
    if pick < 0.55 and isinstance(current, int) and not isinstance(current, bool):
        return max(0, current + rng.choice([-1, 1, 2]))
    if pick < 0.6 and current is not None:
        return current
    kind, _, rest = type_name.partition(":")
    if kind == "int":
        return rng.choice([0, 1, 2, 3, 4, 5, 10, 13, 31, 32, -1, 10**5000, 2**63, "3", 3.0, 10**6])
    if kind == "decimal":
        return rng.choice(
            ["0", "5", "-1", "1.25", 1.1, 10**5000, Decimal("1e-999999999"), *NUMBER_TEXTS]
        )
    if kind == "share":
        return rng.choice(
            ["60%", "0", "0%", "100%", "0.6", 0.05, "1e-999999999", "-1%", "101%", *NUMBER_TEXTS]
        )
    if kind == "amount":
        unit = (
            units.Kind(rest).display_units[-1] if rest in {k.value for k in units.Kind} else "万元"
        )
        return rng.choice(NUMBER_TEXTS) + rng.choice([unit, unit, rng.choice(UNITS)])
    if kind == "period":
        if rng.random() < 0.2:
            return {
                "amount": rng.choice([0, 1, 10**5000, -1, "2"]),
                "unit": rng.choice(["day", "month", "year", "working_day", "x"]),
            }
        return rng.choice(PERIOD_TEXTS)
    if kind == "date":
        return rng.choice(DATE_TEXTS)
    if kind == "bool":
        return rng.choice([True, False, "true", 1, None])
    if kind == "choice":
        return rng.choice([*rest.split("|"), "", "other", rest])
    return text(rng)


def overrides(rng: random.Random, data_id: str) -> object:
    from nmgpolicy.params import load_parameters

    parameters = load_parameters(data_id).parameters
    names = list(parameters)
    result: dict[object, object] = {}
    for _ in range(rng.choice([1, 1, 1, 2, 3])):
        pick = rng.random()
        if pick < 0.9 and names:
            name = rng.choice(names)
            spec = parameters[name]
            current = spec.raw[0] if spec.raw else None
            result[name] = override_value(rng, spec.type, current)
        elif pick < 0.93:
            result[text(rng)] = json_value(rng)
        else:
            result[rng.choice([1, None, (1,), _lone_surrogates(rng)])] = json_value(rng)
    if rng.random() < 0.05:
        return junk(rng)
    return result


# --------------------------------------------------------------------------------------------
# Cases and checks
# --------------------------------------------------------------------------------------------


@dataclass
class Case:
    """One call: a description of its input (for the report) and the call itself."""

    label: str
    call: Callable[[], object]
    render: Callable[[object], object] | None = None


_SHOW = reprlib.Repr()
_SHOW.maxstring = 60
_SHOW.maxother = 60
_SHOW.maxlevel = 3
_SHOW.maxlist = _SHOW.maxdict = _SHOW.maxtuple = 4


_ADDRESS = re.compile(r" at 0x[0-9a-fA-F]+")


def show(value: object) -> str:
    """A short description of any value (never raises, never costs more than it prints)."""
    try:
        if isinstance(value, int) and value.bit_length() > 200:
            return f"<int of {value.bit_length() * 30103 // 100000 + 1} digits>"
        return _ADDRESS.sub("", _SHOW.repr(value))
    except Exception:
        return f"<{type(value).__name__}>"


def check_error(error: NmgPolicyError) -> None:
    """An NmgPolicyError must show itself, and an InputError name every problem's path."""
    assert str(error)
    if isinstance(error, InputError):
        assert error.problems
        for path, message in error.problems:
            assert isinstance(path, str) and path.startswith("$"), path
            assert isinstance(message, str) and message, message
        json.dumps(error.to_dict(), allow_nan=False)


def render_any(result: object) -> object:
    """What a caller does with a result: JSON-ready form, written by ``json.dumps``."""
    if isinstance(result, Decision):
        return render_decision(result)
    assert json.dumps(jsonable(result), allow_nan=False)
    return None


_BAD_ARGUMENTS = itertools.cycle([None, 10**5000, _dag(24), "\ud800", "fr", ["zh"], BadRepr()])


def render_decision(decision: object) -> object:
    """Everything a caller reads from a Decision; a bad argument to its methods is refused
    with an NmgPolicyError (UnknownFinding, InputError)."""
    assert isinstance(decision, Decision)
    text_ = json.dumps(decision.to_dict(), allow_nan=False)
    assert decision.explain("zh") and decision.explain("en")
    assert decision.to_markdown("en")
    for finding in decision.findings:
        assert decision.finding(finding.id) is finding
    bad = next(_BAD_ARGUMENTS)
    for method in (decision.finding, decision.explain, decision.to_markdown):
        with contextlib.suppress(NmgPolicyError):
            method(bad)
    assert text_
    return decision.status.value


@dataclass
class Escape:
    """One kind of escape: the exception's type and where in nmgpolicy it was raised."""

    kind: str
    where: str
    message: str
    first: int
    label: str
    count: int = 0


@dataclass
class Stats:
    entry: str
    seed: str
    runs: int = 0
    results: int = 0
    errors: Counter[str] = field(default_factory=Counter)
    outcomes: Counter[str] = field(default_factory=Counter)  # decision statuses, exit codes
    escapes: dict[tuple[str, str], Escape] = field(default_factory=dict)
    slow: list[tuple[float, int, str]] = field(default_factory=list)
    slowest: tuple[float, int, str] = (0.0, -1, "")
    harness: list[str] = field(default_factory=list)
    timed: bool = True
    seconds: float = 0.0

    def summary(self) -> str:
        errors = ", ".join(f"{k} {v}" for k, v in self.errors.most_common())
        seconds, index, label = self.slowest
        outcomes = ", ".join(f"{k} {v}" for k, v in sorted(self.outcomes.items()))
        line = (
            f"{self.entry}: {self.runs} inputs in {self.seconds:.1f} s, {self.results} answers"
            f"{f' ({outcomes})' if outcomes else ''}, "
            f"errors: {errors or 'none'}; escapes: {sum(e.count for e in self.escapes.values())}; "
            f"slowest {seconds * 1000:.1f} ms (#{index}: {label[:100]})"
        )
        if not self.timed:
            line += " [traced: time not checked]"
        return line

    def problems(self) -> list[str]:
        found = [
            f"ESCAPE {e.kind} at {e.where} x{e.count}: {e.message[:200]}\n"
            f"    reproduce: entry={self.entry!r} seed={self.seed!r} index={e.first}: "
            f"{e.label[:300]}"
            for e in self.escapes.values()
        ]
        found += [f"HARNESS {self.entry}: {problem}" for problem in self.harness[:20]]
        found += [
            f"SLOW {seconds:.2f} s: entry={self.entry!r} seed={self.seed!r} index={i}: "
            f"{label[:300]}"
            for seconds, i, label in self.slow
        ]
        return found


def traced() -> bool:
    """Whether a tracer or profiler runs (coverage, a debugger): time is then not checked."""
    if sys.gettrace() is not None or sys.getprofile() is not None:
        return True
    monitoring = getattr(sys, "monitoring", None)
    if monitoring is not None:  # Python 3.12+: coverage's sys.monitoring core
        return any(monitoring.get_tool(tool) is not None for tool in range(6))
    return False


def _where(error: BaseException) -> str:
    try:
        frames = traceback.extract_tb(error.__traceback__)
    except MemoryError:  # pragma: no cover - after a MemoryError escaped
        return "?"
    ours = [f for f in frames if "nmgpolicy" in f.filename and "tests" not in f.filename]
    frame = (ours or frames or [None])[-1]
    if frame is None:
        return "?"
    return f"{Path(frame.filename).name}:{frame.lineno} ({frame.name})"


def run(entry: str, n: int, seed: str = SEED, *, timed: bool | None = None) -> Stats:
    """Run ``n`` inputs through ``entry``; collect answers, errors, escapes and times."""
    make = ENTRIES[entry]
    stats = Stats(entry, seed, timed=not traced() if timed is None else timed)
    began = time.perf_counter()
    with quiet(), periods._scoped_registrations():
        # A registered year, so that the registry is never empty (an empty dict never hashes a
        # key it is asked to drop) and decisions go through the registered-year notes; no
        # evaluation here reaches 2033 (it is not next to the shipped years).
        periods.register_year(2033, holidays=[dt.date(2033, 1, 3)], source="fuzz")
        for index in range(n):
            rng = random.Random(f"{seed}/{entry}/{index}")
            try:
                case = make(rng)
            except Exception as error:  # the generator's own bug: reported, never hidden
                stats.harness.append(f"index {index}: {type(error).__name__}: {show(error)}")
                continue
            stats.runs += 1
            elapsed = 0.0
            try:
                start = Stopwatch()
                try:
                    result = case.call()
                finally:
                    elapsed = start.seconds
                start = Stopwatch()
                try:
                    outcome = (case.render or render_any)(result)
                finally:
                    elapsed = max(elapsed, start.seconds)
                stats.results += 1
                if isinstance(outcome, str):
                    stats.outcomes[outcome] += 1
            except NmgPolicyError as error:
                stats.errors[type(error).__name__] += 1
                try:
                    check_error(error)
                except Exception as bad:  # a malformed error is an escape too
                    _record(stats, bad, index, case.label)
            except CallerCodeError:
                stats.errors["CallerCodeError"] += 1
            except (KeyboardInterrupt, SystemExit):
                raise
            except BaseException as error:
                _record(stats, error, index, case.label)
            if elapsed > stats.slowest[0]:
                stats.slowest = (elapsed, index, case.label)
            if stats.timed and elapsed > TIME_LIMIT:
                stats.slow.append((elapsed, index, case.label))
    stats.seconds = time.perf_counter() - began
    return stats


def _record(stats: Stats, error: BaseException, index: int, label: str) -> None:
    key = (type(error).__name__, _where(error))
    escape = stats.escapes.get(key)
    if escape is None:
        try:
            message = str(error)
        except Exception:
            message = "<unprintable>"
        escape = stats.escapes[key] = Escape(key[0], key[1], message, index, label)
    escape.count += 1


@contextlib.contextmanager
def quiet() -> Iterator[None]:
    """argparse writes usage errors to sys.stderr itself; keep the report readable."""
    with contextlib.redirect_stderr(io.StringIO()), contextlib.redirect_stdout(io.StringIO()):
        yield


# --------------------------------------------------------------------------------------------
# Entry points
# --------------------------------------------------------------------------------------------

ENTRIES: dict[str, Callable[[random.Random], Case]] = {}


def facts_for(rng: random.Random, ruleset: str) -> tuple[object, object, str]:
    """(facts, on, label) for one evaluation of ``ruleset``."""
    cases = examples().get(ruleset, ())
    pick = rng.random()
    log: list[str] = []
    on: object
    if cases and pick < 0.85:
        name, facts_text, on = rng.choice(cases)
        facts: object = json.loads(facts_text)
        log.append(name)
        if pick < 0.45:  # valid-looking variations: reach the decisions, not only the checks
            for _ in range(rng.choice([0, 1, 2, 3, 4, 6])):
                gentle(rng, facts, log)
            if rng.random() < 0.2:
                on = on + dt.timedelta(days=rng.randint(-800, 800))
                log.append(f"on={on}")
        else:
            for _ in range(rng.choice([0, 1, 1, 1, 2, 2, 3, 5])):
                facts = mutate(rng, facts, log)
            if rng.random() < 0.2:
                on = some_date(rng, on)
                log.append(f"on={show(on)}")
    elif pick < 0.96:
        facts, on = random_facts(rng), some_date(rng)
        log.append(f"random facts {show(facts)} on={show(on)}")
    else:
        facts, on = junk(rng), some_date(rng)
        log.append(f"junk facts {show(facts)}")
    return facts, on, "; ".join(log)


def _evaluate_entry(ruleset: str, with_overrides: bool) -> Callable[[random.Random], Case]:
    def make(rng: random.Random) -> Case:
        facts, on, label = facts_for(rng, ruleset)
        params = overrides(rng, ruleset) if with_overrides else None
        if with_overrides:
            label += f"; parameters={show(params)}"
        ruleset_ = nmgpolicy.get_ruleset(ruleset)
        return Case(
            label,
            lambda: ruleset_.evaluate(facts, on=on, parameters=params),  # type: ignore[arg-type]
            render_decision,
        )

    return make


for _id in nmgpolicy.rulesets():
    ENTRIES[f"evaluate:{_id}"] = _evaluate_entry(_id, False)
    ENTRIES[f"evaluate+overrides:{_id}"] = _evaluate_entry(_id, True)


def _engine(rng: random.Random) -> Case:
    ids = nmgpolicy.rulesets()
    ruleset = rng.choice(ids) if rng.random() < 0.5 else junk(rng)
    facts, on, label = facts_for(rng, ruleset if type(ruleset) is str else rng.choice(ids))
    pick = rng.random()
    if pick < 0.7:
        return Case(
            f"evaluate({show(ruleset)}, …): {label}",
            lambda: nmgpolicy.evaluate(ruleset, facts, on=on),  # type: ignore[arg-type]
        )
    if pick < 0.9:
        return Case(f"get_ruleset({show(ruleset)})", lambda: nmgpolicy.get_ruleset(ruleset).id)
    return Case(f"register({show(facts)})", lambda: nmgpolicy.register(facts).id)  # type: ignore[arg-type]


ENTRIES["engine"] = _engine


# Typical arguments by parameter name (per module, then shared), mutated by the fuzzer. A
# parameter with no entry gets junk and random JSON only: a new helper is fuzzed all the same.
def _draw_published() -> dict[str, Any]:
    return inspection.draw(
        ["企业A", "企业B", "企业C", "企业D"],
        ["张三", "李四", {"id": "王五", "conflicts": ["企业A"]}, "赵六"],
        n=2,
        seed="2026-03-02 公开摇号",
    ).to_dict()


@functools.cache
def catalog_text() -> str:
    from importlib import resources

    return (resources.files("nmgpolicy") / "data" / "baotou_miit_catalog.tsv").read_text("utf-8")


def _junk_tsv(rng: random.Random) -> str:
    lines = catalog_text().split("\n")
    pick = rng.random()
    if pick < 0.5:
        for _ in range(rng.randint(1, 6)):
            i = rng.randrange(len(lines))
            op = rng.randrange(6)
            if op == 0:
                del lines[i]
            elif op == 1:
                lines.insert(i, lines[rng.randrange(len(lines))])
            elif op == 2:
                cells = lines[i].split("\t")
                rng.shuffle(cells)
                lines[i] = "\t".join(cells)
            elif op == 3:
                lines[i] = lines[i] + "\t" * rng.randint(1, 50)
            elif op == 4:
                lines[i] = _mutate_text(rng, lines[i]) if lines[i] else text(rng)
            else:
                lines[i] = "\t".join(text(rng) for _ in range(rng.randint(0, 20)))
        return "\n".join(lines)
    if pick < 0.8:
        return "\n".join(
            "\t".join(text(rng) for _ in range(rng.randint(0, 15)))
            for _ in range(rng.randint(0, 30))
        )
    return rng.choice(["", "\t" * 100_000, "\n" * 100_000, "<table>" * 1000, _long(500_000, "\t")])


class _TempFiles:
    """A per-process temporary folder for the files the fuzz writes (removed at exit); only
    the last few files are kept, so that a long run does not fill the disk."""

    _dir: Path | None = None
    _written: ClassVar[collections.deque[Path]] = collections.deque()
    _count = 0

    @classmethod
    def write(cls, data: bytes, suffix: str = "") -> str:
        if cls._dir is None:
            cls._dir = Path(tempfile.mkdtemp(prefix="nmgpolicy-fuzz-"))
            import atexit

            atexit.register(shutil.rmtree, cls._dir, True)
        cls._count += 1
        path = cls._dir / f"f{cls._count}{suffix}"
        path.write_bytes(data)
        cls._written.append(path)
        while len(cls._written) > 16:
            cls._written.popleft().unlink(missing_ok=True)
        return str(path)


def _catalog_source(rng: random.Random) -> object:
    text_ = _junk_tsv(rng)
    pick = rng.random()
    if pick < 0.4:
        return io.StringIO(text_)
    if pick < 0.7:
        return _TempFiles.write(text_.encode("utf-8", "surrogatepass"), ".tsv")
    if pick < 0.8:
        return _TempFiles.write(text_.encode("gb18030", "replace"), ".tsv")
    if pick < 0.85:
        return io.BytesIO(text_.encode("utf-8", "surrogatepass"))
    return (
        rng.choice(["/nonexistent/catalog.tsv", str(ROOT), "", "\x00", Path("/")])
        if rng.random() < 0.7
        else junk(rng)
    )


_DATES = ["2025-09-26", dt.date(2025, 9, 26), "2026-01-31", dt.date(2024, 2, 29), "2026-03-02"]
TYPICAL: dict[str, dict[str, Callable[[random.Random], object]]] = {
    "": {
        "on": lambda r: r.choice([None, "2026-06-01", dt.date(2026, 6, 1), dt.date(2025, 1, 1)]),
        "start": lambda r: r.choice(_DATES),
        "formed_on": lambda r: r.choice(_DATES),
        "published_on": lambda r: r.choice(_DATES),
        "changed_on": lambda r: r.choice(_DATES),
        "recognized_on": lambda r: r.choice(_DATES),
        "year": lambda r: r.choice([2026, 2025, 2004, 1000, 9999]),
        "renewed": lambda r: r.choice([False, True]),
        "kind": lambda r: r.choice(["single", "group", None]),
        "scale_after": lambda r: r.choice(["35万吨", "60万吨", "29.99万吨", "80万吨", "300000吨"]),
        "new_capacity": lambda r: r.choice(
            [
                "30万吨",
                [{"product": "硅铁", "capacity": "20万吨"}],
                [{"product": "硅锰", "capacity": "1吨"}] * 3,
            ]
        ),
        "record": lambda r: {
            "review_failed": r.choice([None, True, False]),
            "reports": [
                {"year": 2026, "submitted_on": r.choice(["2026-03-20", "2026-03-09", None])}
            ],
            "changes": [
                {
                    "changed_on": "2025-05-01",
                    "what": "运营管理机构变更",
                    "filed_on": r.choice([None, "2025-06-10"]),
                }
            ],
            "major_incidents": r.choice([None, True]),
        },
        "item_id": lambda r: r.choice([i.id for i in nmgpolicy.disclosure.catalog()]),
        "name": lambda r: r.choice(["新能源汽车制造", "稀土新材料", "石墨（烯）", "不存在的产业"]),
        "counts": lambda r: {
            "innovative": r.choice([320, "320家", 0]),
            "specialized": 200,
            "little_giant": 12,
        },
        "text": lambda r: _junk_tsv(r),
        "source": _catalog_source,
        "inherit": lambda r: r.choice([frozenset(), frozenset({"office"}), frozenset({"level1"})]),
        "ids": lambda r: r.choice([None, {}, {"标题": "id"}]),
        "encoding": lambda r: r.choice([None, "utf-8", "gb18030", "utf-16"]),
    },
    "periods": {
        "d": lambda r: some_date(r),
        "start": lambda r: some_date(r),
        "a": lambda r: some_date(r),
        "b": lambda r: some_date(r),
        "n": lambda r: r.choice([0, 1, 5, 20, 250, 10**6, -1]),
        "working_days": lambda r: r.choice([1, 5, 20, 0, 10**6]),
        "period": lambda r: (
            r.choice(PERIOD_TEXTS) if r.random() < 0.8 else {"amount": 3, "unit": "month"}
        ),
        "value": lambda r: r.choice(PERIOD_TEXTS),
        "text": lambda r: r.choice(
            ["公示期为5个工作日", "自收到之日起20个工作日内", "2019年", text(r)]
        ),
        "path": lambda r: r.choice(["$.period", "$.x"]),
        "year": lambda r: r.choice([2031, 2032, 2026, 10**5000, 0]),
        "holidays": lambda r: r.choice([["2031-01-01"], [dt.date(2031, 1, 1)], [], ["2031-02-30"]]),
        "workdays": lambda r: r.choice([[], ["2031-01-04"], ["2031-01-01"]]),
        "source": lambda r: r.choice([None, "fuzz", ""]),
        "notice": lambda r: r.choice([None, "通知"]),
    },
    "units": {
        "value": lambda r: r.choice(
            [
                r.choice(NUMBER_TEXTS) + r.choice(UNITS),
                _plausible_amount(r),
                r.choice(["60%", "0.6", 0.6, "-5%", "120%", "1200人", "3家", 3]),
            ]
        ),
        "kind": lambda r: r.choice(list(units.Kind)),
        "kinds": lambda r: r.sample(list(units.Kind), r.randint(1, 3)),
        "unit": lambda r: r.choice(["万元", "元", "吨", "万吨", "kVA", "万元/套", "x", ""]),
        "d": lambda r: Decimal(r.choice(NUMBER_TEXTS[:18])),
        "lang": lambda r: r.choice(["zh", "en", "fr"]),
        "signed": lambda r: r.choice([True, False]),
        "text": lambda r: r.choice(NUMBER_TEXTS) + r.choice(UNITS),
        "path": lambda r: "$.v",
    },
    "inspection": {
        "entities": lambda r: [f"企业{c}" for c in "ABCDEFGH"[: r.choice([0, 2, 3, 4, 5, 8])]],
        "inspectors": lambda r: ["张三", "李四", {"id": "王五", "conflicts": ["企业A"]}, "赵六"][
            : r.choice([1, 2, 3, 4, 4, 4])
        ],
        "n": lambda r: r.choice([1, 1, 2, 2, 3, 0, 10**5000, -1]),
        "per_team": lambda r: r.choice([2, 2, 2, 3, 1, 10**5000]),
        "seed": lambda r: r.choice(["公开摇号"] * 6 + [12345] * 3 + [10**5000, "", -1]),
        "commitment": lambda r: r.choice([None] * 8 + [inspection.commit("公开摇号"), "0" * 64]),
        "min_team_size": lambda r: r.choice([2, 1, 3]),
        "published": lambda r: _draw_published(),
        "name": lambda r: r.choice(["企业 A", "企业Ａ", ""]),
    },
    "schema": {"ruleset_id": lambda r: r.choice(nmgpolicy.rulesets())},
}
DATA_IDS = {
    "cluster": "cluster",
    "ferroalloy": "ferroalloy",
    "first_set": "first_set",
    "disclosure": "disclosure",
    "sme": "sme_policy",
}


def public_functions(module_name: str) -> dict[str, Callable[..., object]]:
    """The functions a module's ``__all__`` names (classes and constants excluded)."""
    module = importlib.import_module(f"nmgpolicy.{module_name}")
    return {
        name: getattr(module, name)
        for name in module.__all__
        if inspect.isfunction(getattr(module, name))
    }


def typical_of(module: str, function: str, name: str) -> Callable[[random.Random], object] | None:
    """Typical values of parameter ``name`` of ``module.function``, if any are known."""
    table = TYPICAL.get(module, {})
    return table.get(f"{function}.{name}") or table.get(name) or TYPICAL[""].get(name)


def argument(rng: random.Random, module: str, function: str, name: str, default: object) -> object:
    typical = typical_of(module, function, name)
    pick = rng.random()
    if name == "path" and typical is not None:
        # ``path`` names where a value sits in the caller's input (for messages): a caller's
        # label, not input; it is always a JSON path here.
        return typical(rng)
    if name == "parameters":
        data_id = DATA_IDS.get(module)
        return (
            overrides(rng, data_id) if data_id and pick < 0.3 else None if pick < 0.9 else junk(rng)
        )
    if typical is not None and pick < 0.9:
        value = typical(rng)
        if rng.random() < 0.15 and isinstance(value, dict | list | str):
            log: list[str] = []
            value = mutate(rng, value, log)
        return value
    if default is not inspect.Parameter.empty and pick < 0.92:
        return default
    return junk(rng) if rng.random() < 0.6 else json_value(rng)


def _helper_entry(
    module: str, name: str, function: Callable[..., object]
) -> Callable[[random.Random], Case]:
    signature = inspect.signature(function)

    def make(rng: random.Random) -> Case:
        args: list[object] = []
        kwargs: dict[str, object] = {}
        for parameter in signature.parameters.values():
            value = argument(rng, module, name, parameter.name, parameter.default)
            if parameter.kind is parameter.KEYWORD_ONLY:
                if parameter.default is inspect.Parameter.empty or rng.random() < 0.8:
                    kwargs[parameter.name] = value
            elif parameter.kind in (
                parameter.POSITIONAL_ONLY,
                parameter.POSITIONAL_OR_KEYWORD,
            ) and (parameter.default is inspect.Parameter.empty or rng.random() < 0.7):
                args.append(value)
        label = (
            f"{module}.{name}("
            + ", ".join([show(a) for a in args] + [f"{k}={show(v)}" for k, v in kwargs.items()])
            + ")"
        )
        if (
            inspect.isgeneratorfunction(inspect.unwrap(function))
            or name == "track_registered_years"
        ):

            def call() -> object:
                with function(*args, **kwargs) as used:  # type: ignore[attr-defined]
                    periods.is_working_day(dt.date(2026, 1, 5))
                    return dict(used)

            return Case(label, call)
        return Case(label, lambda: function(*args, **kwargs))

    return make


HELPER_MODULES = (
    "cluster",
    "ferroalloy",
    "first_set",
    "disclosure",
    "sme",
    "periods",
    "units",
    "inspection",
    "schema",
)
# Not fuzzed: the pint registry (a third-party object the module re-exports for convenience).
NOT_FUZZED = {"units.ureg"}

for _module in HELPER_MODULES:
    for _name, _function in public_functions(_module).items():
        if f"{_module}.{_name}" not in NOT_FUZZED:
            ENTRIES[f"{_module}.{_name}"] = _helper_entry(_module, _name, _function)


def _schedule_file(rng: random.Random) -> str:
    pick = rng.random()
    if pick < 0.3:
        body = (EXAMPLES / "calendar" / "2026.toml").read_bytes()
    elif pick < 0.6:
        year = rng.choice(["2031", "2026", "0", "99999", "abc", "2031.5"])
        day = rng.choice(["2031-01-01", '"2031-02-30"', "1", "[[[[1]]]]"])
        notice = json.dumps(text(rng))
        body = f"[{year}]\nnotice = {notice}\nholidays = [{day}]\n".encode("utf-8", "surrogatepass")
    else:
        body = rng.choice(
            [
                b"",
                b"\xff\xfe\x00",
                b"[" * 10_000,
                b"a = " + b"[" * 5000,
                b"x" * 500_000,
                json.dumps(json_value(rng)).encode(),
            ]
        )
    return _TempFiles.write(body, ".toml")


TYPICAL["periods"]["register_schedule_file.path"] = _schedule_file


def _verify_entry(function: Callable[[Any], object]) -> Callable[[random.Random], Case]:
    def make(rng: random.Random) -> Case:
        published: object = _draw_published()
        log = ["a published draw"]
        for _ in range(rng.choice([0, 1, 1, 2, 3])):
            published = mutate(rng, published, log)
        return Case("; ".join(log), lambda: function(published))

    return make


ENTRIES["inspection.verify"] = _verify_entry(inspection.verify)
ENTRIES["inspection.discrepancies"] = _verify_entry(inspection.discrepancies)


# The command line, in-process --------------------------------------------------------------


def _unfolded(value: object, cap: int = 50_001) -> int:
    """How many values ``value`` holds when written out (shared parts counted each time),
    counted up to ``cap``; characters of long texts count too."""
    count = 0
    todo = [value]
    while todo and count < cap:
        item = todo.pop()
        count += 1 + (len(item) // 100 if isinstance(item, str) else 0)
        if isinstance(item, dict):
            todo.extend(item.values())
        elif isinstance(item, list | tuple):
            todo.extend(item)
    return count


def _json_text(rng: random.Random, ruleset: str) -> bytes:
    facts, _, _ = facts_for(rng, ruleset)
    ascii_ = rng.random() < 0.5
    try:
        if _unfolded(facts) > 50_000:  # shared references: JSON would write each copy
            raise ValueError("too big as JSON")
        body = json.dumps(facts, ensure_ascii=ascii_)
    except (TypeError, ValueError, RecursionError):
        body = json.dumps(json_value(rng))
    pick = rng.random()
    if pick < 0.1 and len(body) > 2:  # a duplicate key
        body = body[0] + '"item": 1, "item": "x", ' + body[1:] if body.startswith("{") else body
    elif pick < 0.15:
        body = body[: rng.randrange(len(body) + 1)]
    elif pick < 0.2:
        body = rng.choice(
            [
                "NaN",
                "[" * 100_000,
                '{"a": 1' + "9" * 5000 + "}",
                "1e999999999",
                '"\\ud800"',
                '{"a": -Infinity}',
            ]
        )
    data = body.encode("utf-8", "surrogatepass")
    if rng.random() < 0.05:
        data = rng.choice(
            [
                b"\xef\xbb\xbf" + data,
                data.decode("utf-8", "replace").encode("utf-16"),
                b"\xff" + data,
                b"\x00" * 1000,
            ]
        )
    return data


def _arg(value: object) -> str:
    """A command-line argument for a generated value."""
    if isinstance(value, dt.date):
        return value.isoformat()
    return value if isinstance(value, str) else show(value)


def _cli(rng: random.Random) -> Case:
    ids = nmgpolicy.rulesets()
    command = rng.choices(
        ["evaluate", "deadline", "catalog", "schema", "rules", "demo", "junk"],
        [60, 15, 7, 7, 4, 1, 6],
    )[0]
    argv: list[str] = []
    stdin = ""
    if rng.random() < 0.05:
        argv += ["--calendar", _schedule_file(rng)]
    if command == "evaluate":
        ruleset = rng.choice(ids) if rng.random() < 0.9 else text(rng)
        data = _json_text(rng, ruleset if ruleset in ids else rng.choice(ids))
        if rng.random() < 0.15:
            stdin = data.decode("utf-8", "surrogateescape")
            path = "-"
        else:
            path = (
                _TempFiles.write(data, ".json")
                if rng.random() < 0.95
                else rng.choice(["/nonexistent", str(ROOT), ""])
            )
        argv += ["evaluate", ruleset, path]
        if rng.random() < 0.95:
            on = some_date(rng)
            argv += ["--on", _arg(on)]
        argv += [
            "--format",
            rng.choice(["text", "json", "markdown"]),
            "--lang",
            rng.choice(["zh", "en"]),
        ]
        for _ in range(rng.choice([0, 0, 1, 2, 3])):
            from nmgpolicy.params import load_parameters

            names = list(load_parameters(ruleset).parameters) if ruleset in ids else ["x"]
            value = override_value(rng, "decimal", None)
            argv += [
                "--param",
                f"{rng.choice(names)}={show(value) if not isinstance(value, str) else value}",
            ]
    elif command == "deadline":
        argv += [
            "deadline",
            _arg(some_date(rng)),
            rng.choice(PERIOD_TEXTS) if rng.random() < 0.8 else text(rng),
        ]
        if rng.random() < 0.5:
            argv.append("-v")
    elif command == "catalog":
        argv += ["catalog", "--format", rng.choice(["text", "json"])]
        if rng.random() < 0.7:
            argv += [
                "--file",
                _TempFiles.write(_junk_tsv(rng).encode("utf-8", "surrogatepass"), ".tsv"),
            ]
    elif command == "schema":
        argv += ["schema", rng.choice(ids) if rng.random() < 0.8 else text(rng)]
    elif command == "rules":
        argv += (
            ["rules"]
            + ([rng.choice(ids)] if rng.random() < 0.5 else [])
            + ["--lang", rng.choice(["zh", "en"])]
        )
    elif command == "demo":
        argv += ["demo", "--lang", rng.choice(["zh", "en"])]
    else:
        argv += [text(rng) for _ in range(rng.randint(0, 4))]

    def call() -> object:
        out, err = io.StringIO(), io.StringIO()
        saved = sys.stdin
        sys.stdin = io.StringIO(stdin)
        try:
            code = cli.main(argv, out=out, err=err)
        finally:
            sys.stdin = saved
        return code, out.getvalue(), err.getvalue()

    def render(result: object) -> object:
        code, out, err = result  # type: ignore[misc]
        assert code in (0, 1, 2), code
        assert "Traceback" not in err, err[-2000:]
        out.encode("utf-8")  # the command's output is valid UTF-8 (no lone surrogate)
        err.encode("utf-8")
        if code == 0 and "--format" in argv and argv[argv.index("--format") + 1] == "json":
            json.loads(out)
        return f"exit {code}"

    return Case(f"nmgpolicy {' '.join(show(a) for a in argv)} (stdin {show(stdin)})", call, render)


ENTRIES["cli"] = _cli


# --------------------------------------------------------------------------------------------
# The tests
# --------------------------------------------------------------------------------------------

# Inputs per entry point in CI: rule sets get more (they are the point), cheap helpers fewer.
CI_COUNTS = {"evaluate": 500, "evaluate+overrides": 500, "cli": 400, "engine": 300}
CI_DEFAULT = 200


def ci_count(entry: str) -> int:
    return LONG_RUN or CI_COUNTS.get(entry.partition(":")[0], CI_DEFAULT)


def _fail_on(stats: Stats) -> None:
    print(stats.summary())
    problems = stats.problems()
    assert not problems, "\n".join([stats.summary(), *problems])


@pytest.mark.parametrize("entry", sorted(ENTRIES))
def test_fuzz(entry: str) -> None:
    """Only NmgPolicyError escapes; answers are JSON; no call takes a second (untraced)."""
    _fail_on(run(entry, ci_count(entry)))


def test_every_public_helper_is_fuzzed() -> None:
    """Every function in a rule module's ``__all__`` (and periods, units, inspection, schema)
    is an entry point here, and has typical arguments for each required parameter (so that the
    fuzz reaches past the argument checks)."""
    untypical = []
    for module in HELPER_MODULES:
        for name, function in public_functions(module).items():
            if f"{module}.{name}" in NOT_FUZZED:
                continue
            assert f"{module}.{name}" in ENTRIES
            for parameter in inspect.signature(function).parameters.values():
                known = typical_of(module, name, parameter.name)
                if parameter.default is inspect.Parameter.empty and known is None:
                    untypical.append(f"{module}.{name}({parameter.name})")
    assert not untypical, f"add typical values to TYPICAL for: {untypical}"


def test_generator_is_deterministic() -> None:
    """Input i of an entry depends on the seed, the entry and i alone (reproducible reports);
    only the names of the temporary files it writes differ."""

    def labels() -> list[str]:
        return [
            re.sub(
                r"nmgpolicy-fuzz-[^/]+/f[0-9]+",
                "TMP",
                ENTRIES[entry](random.Random(f"s/{entry}/{i}")).label,
            )
            for entry in (
                "evaluate+overrides:cluster",
                "cli",
                "units.parse_amount",
                "inspection.draw",
            )
            for i in range(20)
        ]

    assert labels() == labels()


def test_the_fuzz_finds_an_escape() -> None:
    """The harness itself: an entry that lets a ValueError out is reported with its location,
    and a slow call is reported when time is checked."""

    def bad(rng: random.Random) -> Case:
        value = rng.randint(0, 3)
        return Case(f"value={value}", lambda: int("x") if value == 0 else value)

    def spin() -> None:  # 20 ms of this process's work (the suite's clock counts work)
        end = time.process_time() + 0.02
        while time.process_time() < end:
            pass

    def slow(rng: random.Random) -> Case:
        return Case("slow", spin)

    ENTRIES["_bad"], ENTRIES["_slow"] = bad, slow
    try:
        stats = run("_bad", 40, "t")
        escape = stats.escapes[("ValueError", next(iter(stats.escapes))[1])]
        assert escape.count == sum(
            random.Random(f"t/_bad/{i}").randint(0, 3) == 0 for i in range(40)
        )
        assert "reproduce: entry='_bad' seed='t'" in stats.problems()[0]
        global TIME_LIMIT
        saved, TIME_LIMIT = TIME_LIMIT, 0.01
        try:
            slow_stats = run("_slow", 2, "t", timed=True)
        finally:
            TIME_LIMIT = saved
        assert len(slow_stats.slow) == 2 and slow_stats.problems()[0].startswith("SLOW")
    finally:
        del ENTRIES["_bad"], ENTRIES["_slow"]


@pytest.mark.skipif(not traced(), reason="untraced: test_fuzz already checked every call's time")
def test_timed_without_tracing() -> None:
    """Under coverage the in-process fuzz cannot time calls fairly: run it again in a
    subprocess with coverage's variables removed, where every call must take under 1 s."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("COV_CORE_", "COVERAGE_"))}
    if LONG_RUN:
        env["NMGPOLICY_FUZZ"] = str(LONG_RUN)  # else the same CI counts as in-process
    done = subprocess.run(
        [sys.executable, "-m", "tests.test_fuzz", "--timed", "--all"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )
    assert done.returncode == 0, done.stdout[-5000:] + done.stderr[-5000:]
    assert "time checked" in done.stdout


def main(argv: Sequence[str]) -> int:
    """``python -m tests.test_fuzz [--timed] [--all | --list | ENTRY ...]``: a long run."""
    if "--list" in argv:
        print("\n".join(sorted(ENTRIES)))
        return 0
    entries = [a for a in argv if not a.startswith("--")]
    if "--all" in argv or not entries:
        entries = sorted(ENTRIES)
    unknown = [e for e in entries if e not in ENTRIES]
    if unknown:
        print(f"unknown entries: {unknown}; see --list")
        return 2
    if "--timed" in argv and traced():
        print("a tracer is active: time cannot be checked")
        return 2
    failed = 0
    total = 0
    for entry in entries:
        stats = run(entry, ci_count(entry))
        total += stats.runs
        print(stats.summary(), flush=True)
        for problem in stats.problems():
            print("  " + problem, flush=True)
        failed += bool(stats.problems())
    print(
        f"{total} inputs, {len(entries)} entry points, {failed} with problems, seed {SEED!r}, "
        f"time {'checked' if not traced() else 'not checked'}"
    )
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
