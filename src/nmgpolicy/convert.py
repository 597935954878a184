"""JSON-like facts → frozen attrs models, with every problem reported by its JSON path.

One structurer, strict where common converters are lenient: a bool is only ``true`` or
``false`` (never the string ``"false"``, which Python would read as true), a whole number is
never a bool or a float, a text is only a string, a date is an ISO string or a ``date``.
Quantities are parsed here, once, at the boundary (:mod:`nmgpolicy.units`), so that rule
code compares plain :class:`~decimal.Decimal` values in canonical units.

Unknown keys are refused: a typo must not pass silently.

The walk is one pass over the input, held to :data:`nmgpolicy.limits.BUDGET` as it goes: each
list and object is charged its length before its items are structured (so a list shared many
times over is charged each time it is reached, and an input that unfolds into more than
``max_values`` values is refused after that many, however small its object graph), each
scalar is checked against the budget before any parser sees it, and each problem is recorded
with its path as it is found, without an exception per problem. After ``max_problems``
problems the walk stops. The work is linear in the values charged.

The structurer is private (a plan per type, built once); :func:`structure` is the only entry.
"""

from __future__ import annotations

import datetime as dt
import json
import math
import re
import types
import typing
import unicodedata
from collections import abc
from collections.abc import Callable, Mapping, Sequence, Sized
from decimal import Decimal
from functools import partial
from typing import Any, Literal, NewType, TypeVar, get_args, get_origin

import attrs

from nmgpolicy._exact import exact
from nmgpolicy.errors import InputError, Problem, shown
from nmgpolicy.limits import BUDGET, Budget, number_problem, over
from nmgpolicy.outcome import Amount
from nmgpolicy.params import parse_date
from nmgpolicy.units import (
    Kind,
    parse_amount,
    parse_count,
    parse_measure,
    parse_ratio,
    parse_share,
)

__all__ = [
    "AreaKm2",
    "Count",
    "Kva",
    "Measure",
    "Money",
    "Ratio",
    "Share",
    "Tonnes",
    "TonnesPerYuan",
    "UnsignedRatio",
    "Years",
    "structure",
]

T = TypeVar("T")

Money = NewType("Money", Decimal)
"""An amount of money in 元 (facts: ``"15亿元"``)."""
Tonnes = NewType("Tonnes", Decimal)
"""A mass or an annual capacity in 吨 (facts: ``"30万吨"``)."""
Kva = NewType("Kva", Decimal)
"""An apparent power in kVA (facts: ``"25500kVA"``)."""
AreaKm2 = NewType("AreaKm2", Decimal)
"""An area in km² (facts: ``"100平方公里"``)."""
TonnesPerYuan = NewType("TonnesPerYuan", Decimal)
"""An intensity in 吨/元 (facts: ``"0.9吨/万元"``)."""
Share = NewType("Share", Decimal)
"""A fraction in [0, 1] (facts: ``"60%"`` or ``0.6``)."""
Ratio = NewType("Ratio", Decimal)
"""A signed ratio that may exceed 100 % (facts: ``"-5%"``, ``"120%"`` or ``0.3``)."""
UnsignedRatio = NewType("UnsignedRatio", Decimal)
"""A ratio that may exceed 100 % but not be negative (facts: ``"120%"`` or ``0.3``)."""
Years = NewType("Years", Decimal)
"""A duration in years, not negative (facts: ``3``, ``2.5`` or ``"3年"``)."""
Count = NewType("Count", int)
"""A non-negative whole count (facts: ``1200`` or ``"1200人"``)."""


@attrs.frozen
class Measure:
    """An amount whose kind the unit decides (e.g. a unit value: 万元/套, 万元/台 or 万元/吨).

    ``value`` is in the canonical unit of ``kind``; the rule checks the kind it expects.
    """

    value: Decimal
    kind: Kind

    def amount(self, unit: str | None = None) -> Amount:
        """The value as an :class:`~nmgpolicy.outcome.Amount` for findings and results."""
        return Amount(self.value, self.kind, unit)


class _FieldError(Exception):
    """A scalar hook's problem with a value; the walk records it at the value's path."""


class _Stop(Exception):
    """The walk stops: the budget's max_values or max_problems ran out (already recorded)."""


_INVALID: Any = object()  # a value that failed (its problems are recorded)


class _Walk:
    """The state of one :func:`structure` call: the problems found and the budget spent."""

    __slots__ = ("budget", "depth", "problems", "values")

    def __init__(self, budget: Budget) -> None:
        self.budget = budget
        self.values = 1  # the top-level object
        self.depth = 0
        self.problems: list[Problem] = []

    def problem(self, path: str, message: str) -> None:
        """Record a problem; past ``max_problems`` the walk stops, saying so."""
        if len(self.problems) >= self.budget.max_problems:
            what = "more problems not listed"
            self.problems.append(Problem("$", over(what, "max_problems", "problems", self.budget)))
            raise _Stop
        self.problems.append(Problem(path, message))

    def enter(self, container: Sized, path: str) -> bool:
        """Charge a list or an object to the budget before its items are structured, one level
        deeper (the caller leaves with ``walk.depth -= 1``); False (with the problem recorded)
        if it is over budget."""
        budget = self.budget
        if self.depth >= budget.max_depth:
            self.problem(
                path, over("nested too deep", "max_depth", "levels of objects and lists", budget)
            )
            return False
        size = len(container)
        if isinstance(container, Mapping):
            message = _keys_problem(container, budget)
            if message is not None:
                self.problem(path, message)
                return False
        elif size > budget.max_list_length:
            self.problem(
                path, over(f"a list of {size:,} items", "max_list_length", "items", budget)
            )
            return False
        self.values += size
        if self.values > budget.max_values:
            what = "too many values (a list or object reached twice counts twice)"
            self.problem(path, over(what, "max_values", "values in one input", budget))
            raise _Stop
        self.depth += 1
        return True


def _keys_problem(mapping: Mapping[object, object], budget: Budget) -> str | None:
    if len(mapping) > budget.max_keys:
        return over(f"an object of {len(mapping):,} keys", "max_keys", "keys", budget)
    for key in mapping:
        if not isinstance(key, str):
            return f"keys must be texts, got {shown(key)}"
        if len(key) > budget.max_key_length:
            what = f"a key of {len(key):,} characters ({shown(key, 30)})"
            return over(what, "max_key_length", "characters", budget)
    return None


def _value_problem(value: object, budget: Budget) -> str | None:
    """Why a scalar is over the input budget, or None."""
    if isinstance(value, str):
        if len(value) > budget.max_string_length:
            what = f"a text of {len(value):,} characters"
            return over(what, "max_string_length", "characters", budget)
        return None
    return number_problem(value, budget)


# --------------------------------------------------------------------------------------------
# Scalar hooks: value → result, or _FieldError / InputError with the message
# --------------------------------------------------------------------------------------------


def _measure(value: object) -> Measure:
    amount, kind = parse_measure(value, tuple(Kind), path="$")
    return Measure(amount, kind)


_YEARS = re.compile(r"\s*(\d+(?:\.\d+)?)\s*(?:年|years?)?\s*", re.IGNORECASE)


def _within_budget(number: Decimal) -> Decimal:
    problem = number_problem(number)
    if problem is not None:
        raise _FieldError(problem)
    return number


def _years_hook(value: object) -> Decimal:
    text = unicodedata.normalize("NFKC", value) if isinstance(value, str) else None
    match = _YEARS.fullmatch(text) if text is not None else None
    if match is not None:
        return _within_budget(Decimal(match[1]))
    if isinstance(value, int | float | Decimal) and not isinstance(value, bool):
        number = Decimal(repr(value)) if isinstance(value, float) else Decimal(value)
        if number.is_finite() and 0 <= number <= 10000:
            return number.copy_abs()  # -0 → 0, exactly, whatever the caller's context
    raise _FieldError(f'expected a number of years, got {shown(value)}; e.g. 3 or "3年"')


def _bool_hook(value: object) -> bool:
    if isinstance(value, bool):
        return value
    raise _FieldError(f"expected true or false, got {shown(value)}; e.g. true")


def _int_hook(value: object) -> int:
    if isinstance(value, bool) or not isinstance(value, int):
        raise _FieldError(f"expected a whole number, got {shown(value)}; e.g. 2025")
    if abs(value) > 10**12:
        raise _FieldError(f"number out of range: {shown(value)}; e.g. 2025")
    return int(value)


def _str_hook(value: object) -> str:
    if isinstance(value, str):
        return value
    raise _FieldError(f"expected a text, got {shown(value)}")


def _decimal_hook(value: object) -> Decimal:
    if isinstance(value, bool) or not isinstance(value, int | float | str | Decimal):
        raise _FieldError(f'expected a number, got {shown(value)}; e.g. "1.25"')
    if isinstance(value, float) and not math.isfinite(value):
        raise _FieldError(f'expected a finite number, got {shown(value)}; e.g. "1.25"')
    try:
        if isinstance(value, str):
            result = Decimal(value.strip())
        else:
            result = Decimal(repr(value)) if isinstance(value, float) else Decimal(value)
    except ArithmeticError:
        raise _FieldError(f'expected a number, got {shown(value)}; e.g. "1.25"') from None
    if not result.is_finite():
        raise _FieldError(f'expected a finite number, got {shown(value)}; e.g. "1.25"')
    result = _within_budget(result)  # before any arithmetic: "1e999999999" overflows abs()
    if result.copy_abs() > Decimal("1e18"):
        raise _FieldError(f'expected a finite number, got {shown(value)}; e.g. "1.25"')
    return result


def _date_hook(value: object) -> dt.date:
    return parse_date(value, "$")


_SCALARS: dict[object, Callable[[object], object]] = {
    bool: _bool_hook,
    int: _int_hook,
    str: _str_hook,
    dt.date: _date_hook,
    Decimal: _decimal_hook,
    Measure: _measure,
    Share: partial(parse_share, path="$"),
    Ratio: partial(parse_ratio, path="$"),
    UnsignedRatio: partial(parse_ratio, path="$", signed=False),
    Years: _years_hook,
    Count: partial(parse_count, path="$"),
    Money: partial(parse_amount, kind=Kind.MONEY, path="$"),
    Tonnes: partial(parse_amount, kind=Kind.MASS, path="$"),
    Kva: partial(parse_amount, kind=Kind.APPARENT_POWER, path="$"),
    AreaKm2: partial(parse_amount, kind=Kind.AREA, path="$"),
    TonnesPerYuan: partial(parse_amount, kind=Kind.MASS_PER_MONEY, path="$"),
}
"""The hook of each scalar type: the value → the result, or an error with the message."""


# --------------------------------------------------------------------------------------------
# Plans: one function per type, built once
# --------------------------------------------------------------------------------------------

_Plan = Callable[[object, str, _Walk], Any]
_PLANS: dict[object, _Plan] = {}


def _plan(type_: object) -> _Plan:
    """The structuring function of ``type_`` (built on first use, then cached)."""
    plan = _PLANS.get(type_)
    if plan is None:
        plan = _PLANS[type_] = _build_plan(type_)
    return plan


def _build_plan(type_: Any) -> _Plan:
    hook = _SCALARS.get(type_)
    if hook is not None:
        return _scalar_plan(hook)
    if attrs.has(type_):
        return _attrs_plan(type_)
    origin = get_origin(type_)
    args: tuple[Any, ...] = get_args(type_)
    if origin is Literal:
        return _scalar_plan(partial(_literal_hook, args))
    if origin in (typing.Union, types.UnionType) and len(args) == 2 and type(None) in args:
        return _optional_plan(args[0] if args[1] is type(None) else args[1])
    if origin in (list, Sequence, abc.Sequence) or (
        origin is tuple and len(args) == 2 and args[1] is Ellipsis
    ):
        return _list_plan(args[0] if args else Any, tuple if origin is tuple else list)
    if origin in (dict, Mapping, abc.Mapping) and len(args) == 2:
        return _mapping_plan(args[0], args[1])
    raise TypeError(f"nmgpolicy.convert cannot structure {type_!r}")  # a model's bug


def _scalar_plan(hook: Callable[[object], object]) -> _Plan:
    def plan(value: object, path: str, walk: _Walk) -> object:
        message = _value_problem(value, walk.budget)
        if message is None:
            try:
                return hook(value)
            except _FieldError as error:
                message = str(error)
            except InputError as error:  # a boundary parser's, at "$": keep its words
                message = "; ".join(p.message for p in error.problems)
        walk.problem(path, message)
        return _INVALID

    return plan


def _literal_hook(choices: tuple[object, ...], value: object) -> object:
    for choice in choices:
        if value == choice and type(value) is type(choice):
            return choice
    expected = " or ".join(json.dumps(c, ensure_ascii=False) for c in choices)
    example = json.dumps(choices[0], ensure_ascii=False)
    raise _FieldError(f"expected {expected}, got {shown(value)}; e.g. {example}")


def _optional_plan(inner: object) -> _Plan:
    def plan(value: object, path: str, walk: _Walk) -> object:
        return None if value is None else _plan(inner)(value, path, walk)

    return plan


def _list_plan(element: object, collect: Callable[[list[object]], object]) -> _Plan:
    def plan(value: object, path: str, walk: _Walk) -> object:
        if not isinstance(value, list | tuple):
            walk.problem(path, f"expected a list, got {shown(value)}; e.g. []")
            return _INVALID
        if not walk.enter(value, path):
            return _INVALID
        item_plan = _plan(element)
        items: list[object] = []
        valid = True
        for index, item in enumerate(value):
            result = item_plan(item, f"{path}[{index}]", walk)
            if result is _INVALID:
                valid = False
            items.append(result)
        walk.depth -= 1
        return collect(items) if valid else _INVALID

    return plan


def _mapping_plan(key_type: object, value_type: object) -> _Plan:
    def plan(value: object, path: str, walk: _Walk) -> object:
        if not isinstance(value, Mapping):
            walk.problem(path, f'expected an object, got {shown(value)}; e.g. {{"name": …}}')
            return _INVALID
        if not walk.enter(value, path):
            return _INVALID
        key_plan, item_plan = _plan(key_type), _plan(value_type)
        items: dict[object, object] = {}
        valid = True
        for key, item in value.items():
            where = f"{path}.{key}"  # a text: walk.enter checked every key
            structured_key = key_plan(key, where, walk)
            result = item_plan(item, where, walk)
            if structured_key is _INVALID or result is _INVALID:
                valid = False
            else:
                items[structured_key] = result
        walk.depth -= 1
        return items if valid else _INVALID

    return plan


def _attrs_plan(cls: type[Any]) -> _Plan:
    attrs.resolve_types(cls)
    fields = [a for a in attrs.fields(cls) if a.init]
    names = frozenset(a.name for a in fields)
    allowed = ", ".join(sorted(names))
    resolved: list[tuple[tuple[str, str, _Plan, bool], ...] | None] = [None]

    def plan(value: object, path: str, walk: _Walk) -> object:
        if not isinstance(value, Mapping):
            walk.problem(path, f"expected an object with keys {allowed}, got {shown(value)}")
            return _INVALID
        if not walk.enter(value, path):
            return _INVALID
        plans = resolved[0]
        if plans is None:  # on first use, so that a model may contain itself
            plans = resolved[0] = tuple(
                (a.name, a.alias, _plan(a.type), a.default is attrs.NOTHING) for a in fields
            )
        kwargs: dict[str, object] = {}
        valid = True
        for name, alias, field_plan, required in plans:
            where = f"{path}.{name}"
            if name in value:
                result = field_plan(value[name], where, walk)
                if result is _INVALID:
                    valid = False
                kwargs[alias] = result
            elif required:
                walk.problem(where, "required field is missing")
                valid = False
        if len(value) > len(kwargs):
            for key in sorted(k for k in value if k not in names):  # keys are texts: enter
                walk.problem(f"{path}.{key}", f"unknown key; allowed keys: {allowed}")
                valid = False
        walk.depth -= 1
        if not valid:
            return _INVALID
        try:
            return cls(**kwargs)
        except (ValueError, TypeError) as error:  # a model's own validator
            walk.problem(path, _cut(str(error) or type(error).__name__))
            return _INVALID

    return plan


def _cut(message: str, limit: int = 300) -> str:
    """A message from elsewhere (a model's validator), which may quote the value, cut."""
    return message if len(message) <= limit else message[: limit - 3] + "..."


@exact
def structure(data: object, cls: type[T], *, root: str = "$") -> T:
    """Structure ``data`` into ``cls``; every problem → one :class:`InputError` with paths.

    The input is held to :data:`nmgpolicy.limits.BUDGET` as it is structured, in the same
    pass: a value over budget is a problem at its path naming the limit.
    """
    if not isinstance(data, Mapping):
        raise InputError.single(
            root, f"expected a JSON object (mapping of fact names to values), got {shown(data)}"
        )
    walk = _Walk(BUDGET)
    try:
        result = _plan(cls)(data, root, walk)
    except _Stop:
        result = _INVALID
    if result is _INVALID or walk.problems:
        raise InputError(walk.problems)
    return typing.cast(T, result)
