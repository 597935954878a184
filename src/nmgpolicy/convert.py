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

Two paths, one answer. Most input is valid, so :func:`structure` first runs a structurer
generated from the model (once per model, as Python source, like cattrs' generated functions):
one pass with the fewest checks that still hold the input to the whole budget, and no paths.
At the first doubt (a wrong type, an unknown key, a value a parser refuses, a limit reached, a
``dict`` or ``list`` subclass) it gives up, and the full walk above structures the input again
from the start, building the :class:`~nmgpolicy.errors.InputError` with every path. The fast
path accepts only what the full walk accepts, and returns what it returns (the same parsers
make the values); a test holds the two equal on generated valid and invalid input.

The structurers are private (a plan per type, built once); :func:`structure` is the only entry.
"""

from __future__ import annotations

import datetime as dt
import inspect
import json
import math
import re
import threading
import types
import typing
import unicodedata
from collections import abc
from collections.abc import Callable, Mapping, Sequence, Sized
from decimal import Decimal
from functools import partial
from typing import Any, Literal, NewType, TypeVar, get_args, get_origin

import attrs

from nmgpolicy import units as _units
from nmgpolicy._codegen import Writer
from nmgpolicy._exact import exact
from nmgpolicy.errors import InputError, Problem, shown
from nmgpolicy.limits import BUDGET, Budget, _plainly_within, number_problem, over
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
    """The state of one :func:`structure` call: the problems found and the budget spent.

    ``replay`` holds what the fast path parsed before it gave up, as flat triples (value, hook,
    result) in the order the walk meets them, so that the walk does not parse those values
    again (the hooks are pure: the same value and hook give the same result).
    """

    __slots__ = ("budget", "depth", "problems", "replay", "replayed", "values")

    def __init__(self, budget: Budget, replay: Sequence[object] = ()) -> None:
        self.budget = budget
        self.values = 1  # the top-level object
        self.depth = 0
        self.problems: list[Problem] = []
        self.replay = replay
        self.replayed = 0

    def replayed_result(self, value: object, hook: object) -> object:
        """The fast path's result for ``value`` and ``hook`` if it is the next one it parsed,
        else ``_INVALID`` (and no replay from there on: the two walks went different ways)."""
        at = self.replayed
        replay = self.replay
        if at < len(replay):
            if replay[at] is value and replay[at + 1] is hook:
                self.replayed = at + 3
                return replay[at + 2]
            self.replay = ()
        return _INVALID

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


_KINDS = tuple(Kind)


def _measure(value: object) -> Measure:
    amount, kind = parse_measure(value, _KINDS, path="$")
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


_MAX_INT = 10**12  # a whole-number fact (a year, a count written as int) is at most this


def _int_hook(value: object) -> int:
    if isinstance(value, bool) or not isinstance(value, int):
        raise _FieldError(f"expected a whole number, got {shown(value)}; e.g. 2025")
    if abs(value) > _MAX_INT:
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

_SHORTCUT_NAMES: dict[str, object] = {
    "_readings": _units._READINGS,
    "_plain_reading": _units._plain_reading,
    "_MAX_COUNT": _units._MAX_COUNT,
    **_units._FAST_ANSWER_NAMES,
    **{f"_KIND_{kind.name}": kind for kind in Kind},
}
"""The names the shortcuts of :meth:`_Source.shortcut` use."""

_SHORTCUTS: dict[object, tuple[str, Kind | None]] = {
    Money: ("amount", Kind.MONEY),
    Tonnes: ("amount", Kind.MASS),
    Kva: ("amount", Kind.APPARENT_POWER),
    AreaKm2: ("amount", Kind.AREA),
    TonnesPerYuan: ("amount", Kind.MASS_PER_MONEY),
    Share: ("share", None),
    Count: ("count", None),
}
"""For the unit types, which of the hooks' own fast paths (``parse_amount`` of a kind,
``parse_share``, ``parse_count``) answers from a text's reading: its condition and answer are
:data:`nmgpolicy.units._FAST_ANSWERS`, the one statement both read, written into the generated
structurer (:meth:`_Source.shortcut`)."""


def _shortcut_test(type_: object) -> tuple[str, str] | None:
    """The condition and the answer of ``type_``'s shortcut on reading ``{r}`` (None: none)."""
    entry = _SHORTCUTS.get(type_)
    if entry is None:
        return None
    name, kind = entry
    condition, answer = _units._FAST_ANSWERS[name]
    kind_name = "None" if kind is None else f"_KIND_{kind.name}"
    return condition.replace("{kind}", kind_name), answer


_INLINED = frozenset({bool, int, str})
"""The scalar types whose hook the fast path writes out as code (:meth:`_Source.scalar`); it
keeps the results of the others' hooks for a replay."""


# --------------------------------------------------------------------------------------------
# Plans: one function per type, built once
# --------------------------------------------------------------------------------------------

_Plan = Callable[[object, str, _Walk], Any]
_PLANS: dict[object, _Plan] = {}
_PLANS_LOCK = threading.Lock()


def _plan(type_: object) -> _Plan:
    """The structuring function of ``type_`` (built once, on first use, under a lock)."""
    plan = _PLANS.get(type_)
    if plan is None:
        with _PLANS_LOCK:  # building a plan calls no other plan (field plans come on first use)
            plan = _PLANS.get(type_)
            if plan is None:
                plan = _PLANS[type_] = _build_plan(type_)
    return plan


def _build_plan(type_: Any) -> _Plan:
    hook = _SCALARS.get(type_)
    if hook is not None:
        plan = _scalar_plan(hook, replayed=type_ not in _INLINED)
        return _accepting_plan(type_, plan) if type_ in _INLINED else plan
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


def _scalar_plan(hook: Callable[[object], object], *, replayed: bool = False) -> _Plan:
    def plan(value: object, path: str, walk: _Walk) -> object:
        if replayed and walk.replay:
            result = walk.replayed_result(value, hook)
            if type(result) is _Refused:
                walk.problem(path, result.message)
                return _INVALID
            if result is not _INVALID:
                return result
        message = _value_problem(value, walk.budget)
        if message is None:
            try:
                return hook(value)
            except (_FieldError, InputError) as error:
                message = _hook_message(error)
        walk.problem(path, message)
        return _INVALID

    return plan


def _accepting_plan(type_: object, plan: _Plan) -> _Plan:
    """``plan`` of a bool, a text or a whole number, after a shortcut for a value its hook
    (``_bool_hook``, ``_str_hook``, ``_int_hook``) returns as it is, with no budget problem (an
    int within ``_MAX_INT`` is far within ``max_digits``): the same result, sooner."""
    if type_ is bool:

        def accepting(value: object, path: str, walk: _Walk) -> object:
            return value if value is True or value is False else plan(value, path, walk)

    elif type_ is str:

        def accepting(value: object, path: str, walk: _Walk) -> object:
            if type(value) is str and len(value) <= walk.budget.max_string_length:
                return value
            return plan(value, path, walk)

    else:

        def accepting(value: object, path: str, walk: _Walk) -> object:
            if type(value) is int and -_MAX_INT <= value <= _MAX_INT:
                return value
            return plan(value, path, walk)

    return accepting


def _hook_message(error: _FieldError | InputError) -> str:
    """The problem a scalar hook's error records (a boundary parser's, at "$": its words)."""
    if isinstance(error, InputError):
        return "; ".join(p.message for p in error.problems)
    return str(error)


class _Refused:
    """A value a hook refused in the fast path, with the message, for the walk's replay."""

    __slots__ = ("message",)

    def __init__(self, error: _FieldError | InputError) -> None:
        self.message = _hook_message(error)


def _literal_hook(choices: tuple[object, ...], value: object) -> object:
    for choice in choices:
        if value == choice and type(value) is type(choice):
            return choice
    expected = " or ".join(json.dumps(c, ensure_ascii=False) for c in choices)
    example = json.dumps(choices[0], ensure_ascii=False)
    raise _FieldError(f"expected {expected}, got {shown(value)}; e.g. {example}")


def _lazy_plan(type_: object) -> Callable[[], _Plan]:
    """The plan of ``type_``, looked up on the first call (so that a model may contain itself)
    and kept (a typing form hashes slowly)."""
    found: list[_Plan] = []

    def get() -> _Plan:
        if not found:
            found.append(_plan(type_))
        return found[0]

    return get


def _optional_plan(inner: object) -> _Plan:
    inner_plan = _lazy_plan(inner)

    def plan(value: object, path: str, walk: _Walk) -> object:
        return None if value is None else inner_plan()(value, path, walk)

    return plan


def _list_plan(element: object, collect: Callable[[list[object]], object]) -> _Plan:
    element_plan = _lazy_plan(element)

    def plan(value: object, path: str, walk: _Walk) -> object:
        if not isinstance(value, list | tuple):
            walk.problem(path, f"expected a list, got {shown(value)}; e.g. []")
            return _INVALID
        if not walk.enter(value, path):
            return _INVALID
        item_plan = element_plan()
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
    key_plan, item_plan = _lazy_plan(key_type), _lazy_plan(value_type)

    def plan(value: object, path: str, walk: _Walk) -> object:
        if not isinstance(value, Mapping):
            walk.problem(path, f'expected an object, got {shown(value)}; e.g. {{"name": …}}')
            return _INVALID
        if not walk.enter(value, path):
            return _INVALID
        structure_key, structure_item = key_plan(), item_plan()
        items: dict[object, object] = {}
        valid = True
        for key, item in value.items():
            where = f"{path}.{key}"  # a text: walk.enter checked every key
            structured_key = structure_key(key, where, walk)
            result = structure_item(item, where, walk)
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
    resolved: list[tuple[tuple[str, str, _Plan, bool, bool], ...] | None] = [None]

    def plan(value: object, path: str, walk: _Walk) -> object:
        if type(value) is not dict and not isinstance(value, Mapping):
            walk.problem(path, f"expected an object with keys {allowed}, got {shown(value)}")
            return _INVALID
        if not walk.enter(value, path):
            return _INVALID
        plans = resolved[0]
        if plans is None:  # on first use, so that a model may contain itself
            plans = resolved[0] = tuple(_field_plan(a) for a in fields)
        kwargs: dict[str, object] = {}
        valid = True
        for name, alias, field_plan, required, optional in plans:
            if name in value:
                item = value[name]
                if item is None and optional:
                    kwargs[alias] = None
                    continue
                result = field_plan(item, f"{path}.{name}", walk)
                if result is _INVALID:
                    valid = False
                kwargs[alias] = result
            elif required:
                walk.problem(f"{path}.{name}", "required field is missing")
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


def _field_plan(a: attrs.Attribute[Any]) -> tuple[str, str, _Plan, bool, bool]:
    """What the walk needs of field ``a``: its name, alias, plan, whether it is required, and
    whether it is optional (then null is null, and the plan is that of the inner type)."""
    inner = _optional_inner(a.type)
    plan = _plan(a.type if inner is None else inner)
    return a.name, a.alias or a.name, plan, a.default is attrs.NOTHING, inner is not None


def _cut(message: str, limit: int = 300) -> str:
    """A message from elsewhere (a model's validator), which may quote the value, cut."""
    return message if len(message) <= limit else message[: limit - 3] + "..."


# --------------------------------------------------------------------------------------------
# The fast path: a structurer generated from the model, for valid input
# --------------------------------------------------------------------------------------------


class _Bail(Exception):
    """The fast path met something it does not accept at once: the full walk takes over."""


class _NoFast(Exception):
    """No fast structurer for this type (the full walk structures it, or refuses the model)."""


_MISSING: Any = object()
_FAST_MAX_LINES = 3000  # a model whose generated code would be longer is left to the full walk
_EXACT_WRAPPER = exact(lambda: None).__code__  # the code of every function exact() wraps
_FACTORY: type[Any] = type(attrs.Factory(list))  # attrs.Factory's class (the stubs hide it)


def _unwrapped(hook: Callable[[object], object]) -> Callable[[object], object]:
    """``hook`` without :func:`~nmgpolicy._exact.exact`'s wrapper, which only enters the
    library's decimal context, already entered by :func:`structure` (a nested call would do
    nothing else); a ``partial`` of such a function keeps its arguments."""
    if isinstance(hook, partial):
        return partial(_unwrapped(hook.func), *hook.args, **hook.keywords)
    if getattr(hook, "__code__", None) is _EXACT_WRAPPER:
        return typing.cast(Callable[[object], object], hook.__wrapped__)  # type: ignore[attr-defined]
    return hook


def _optional_inner(type_: object) -> object | None:
    """``X`` for ``X | None`` (the form :func:`_build_plan` reads as optional), else None."""
    args = get_args(type_)
    if get_origin(type_) in (typing.Union, types.UnionType) and len(args) == 2:
        if args[1] is type(None):
            return typing.cast(object, args[0])
        if args[0] is type(None):
            return typing.cast(object, args[1])
    return None


class _Source(Writer):
    """The Python source of one fast structurer, and the objects it names.

    :meth:`value` writes the code that checks the value held in a local variable and replaces
    it by its structured value, raising ``_Bail`` at the first doubt. Its checks are those of the
    full walk, for the same budget: ``n`` counts the values as :meth:`_Walk.enter` does (checked
    at each container, so that hostile input costs no more than the budget allows), the depth of
    each container is known from the model, and scalars go through the same hooks (a unit
    text the units module has read, or reads in its common form, is taken from that reading
    under the hook's own conditions: :meth:`shortcut`). A model whose attrs ``__init__`` only
    stores its arguments is made slot by slot (:func:`_slot_setters`).
    """

    def __init__(self, budget: Budget) -> None:
        super().__init__(
            {
                "_Bail": _Bail,
                "_MISSING": _MISSING,
                "_number_problem": number_problem,
                "_HookErrors": (_FieldError, InputError),
                "_Refused": _Refused,
                "_new": object.__new__,
            }
        )
        self.budget = budget
        self.active: list[object] = []  # the models being written (a model that contains itself)

    def emit(self, indent: int, line: str) -> None:
        if len(self.lines) >= _FAST_MAX_LINES:
            raise _NoFast
        super().emit(indent, line)

    def block(self, type_: object, var: str, indent: int, level: int) -> None:
        """:meth:`value` as the body of an ``if`` or ``else`` (``pass`` if it writes nothing)."""
        mark = len(self.lines)
        self.value(type_, var, indent, level)
        if len(self.lines) == mark:
            self.emit(indent, "pass")

    def value(self, type_: Any, var: str, indent: int, level: int) -> None:
        """Structure the value in ``var`` (a container there is at ``level``; the top is 1)."""
        hook = _SCALARS.get(type_)
        if hook is not None:
            self.scalar(type_, hook, var, indent)
            return
        if attrs.has(type_):
            self.model(type_, var, indent, level)
            return
        origin = get_origin(type_)
        args: tuple[Any, ...] = get_args(type_)
        inner = _optional_inner(type_)
        if origin is Literal:
            self.literal(args, var, indent)
        elif inner is not None:
            self.emit(indent, f"if {var} is not None:")
            self.block(inner, var, indent + 1, level)
        elif origin in (list, Sequence, abc.Sequence) or (
            origin is tuple and len(args) == 2 and args[1] is Ellipsis
        ):
            self.sequence(args[0] if args else Any, origin is tuple, var, indent, level)
        elif origin in (dict, Mapping, abc.Mapping) and len(args) == 2:
            self.mapping(args[0], args[1], var, indent, level)
        else:
            raise _NoFast  # the full walk refuses the model (TypeError), as before

    def scalar(
        self, type_: object, hook: Callable[[object], object], var: str, indent: int
    ) -> None:
        limit = self.budget.max_string_length
        if type_ is bool:  # _bool_hook
            self.emit(indent, f"if {var} is not True and {var} is not False: raise _Bail")
        elif type_ is str:  # _str_hook, a text within the budget
            self.emit(indent, f"if type({var}) is not str or len({var}) > {limit}: raise _Bail")
        elif type_ is int:  # _int_hook (within _MAX_INT, far within max_digits)
            bound = f"not {-_MAX_INT} <= {var} <= {_MAX_INT}"
            self.emit(indent, f"if type({var}) is not int or {bound}: raise _Bail")
        else:  # _scalar_plan: _value_problem, then the hook; the result kept for a replay
            self.hooked(type_, hook, var, indent)

    def hooked(
        self, type_: object, hook: Callable[[object], object], var: str, indent: int
    ) -> None:
        """A scalar parsed by its hook (after the budget's checks), the result recorded for
        the walk's replay; the common valid value of a unit type read at once (:meth:`shortcut`)."""
        limit = self.budget.max_string_length
        name = self.constant("hook", _unwrapped(hook))
        key = self.constant("key", hook) if type_ in _SCALARS else ""
        if key and self.shortcut(type_, key, var, indent):
            self.emit(indent, "else:")  # the general code below, as the shortcut's ``else``
            indent += 1
        within = _plainly_within(self.budget)  # an int below: no need to ask
        small = f"type({var}) is int and {-within} < {var} < {within}"
        self.emit(indent, f"if isinstance({var}, str):")
        self.emit(indent + 1, f"if len({var}) > {limit}: raise _Bail")
        self.emit(indent, f"elif not ({small}) and _number_problem({var}) is not None:")
        self.emit(indent + 1, "raise _Bail")
        if not key:  # as _build_plan (a Literal's hook is made per plan)
            self.emit(indent, f"{var} = {name}({var})")
            return
        result = self.local("result")
        self.emit(indent, "try:")
        self.emit(indent + 1, f"{result} = {name}({var})")
        self.emit(indent, "except _HookErrors as error:")  # kept for the walk's replay
        self.emit(indent + 1, f"done += ({var}, {key}, _Refused(error))")
        self.emit(indent + 1, "raise")
        self.emit(indent, f"done += ({var}, {key}, {result})")
        self.emit(indent, f"{var} = {result}")

    def shortcut(self, type_: object, key: str, var: str, indent: int) -> bool:
        """Write ``if <the common valid value>: <its result>`` for an amount, a count or a
        share (False, nothing written, for other types): a text already read (the units
        cache) or in the common form (:func:`~nmgpolicy.units._plain_reading`), or a count
        written as an int, gives at once what the hook's own fast path gives (the same
        conditions on the same reading), recorded for the replay as the hook's result would be.
        Any other value goes to the budget's checks and the hook (the ``else`` that follows).

        A text the units module reads is at most ``_MAX_TEXT`` characters, so within the
        budget's ``max_string_length`` unless that is smaller (then it is checked here too).
        """
        test = _shortcut_test(type_)
        if test is None:
            return False
        condition, value = test
        reading, result = self.local("reading"), self.local("result")
        limit = self.budget.max_string_length
        text = f"type({var}) is str"
        if limit < _units._MAX_TEXT:
            text += f" and len({var}) <= {limit}"
        read = f"({reading} := (_readings._data.get({var}) or _plain_reading({var}))) is not None"
        self.names.update(_SHORTCUT_NAMES)
        if type_ is Count:  # a count written as an int, as parse_count's fast path takes it
            self.emit(indent, f"if type({var}) is int and 0 <= {var} <= _MAX_COUNT:")
            self.emit(indent + 1, f"done += ({var}, {key}, {var})")
            self.emit(indent, f"elif {text} and {read} and {condition.format(r=reading)}:")
        else:
            self.emit(indent, f"if {text} and {read} and {condition.format(r=reading)}:")
        self.emit(indent + 1, f"{result} = {value.format(r=reading)}")
        self.emit(indent + 1, f"done += ({var}, {key}, {result})")
        self.emit(indent + 1, f"{var} = {result}")
        return True

    def literal(self, choices: tuple[object, ...], var: str, indent: int) -> None:
        if not all(type(choice) is str for choice in choices):
            self.scalar(None, partial(_literal_hook, choices), var, indent)
            return
        table: dict[object, object] = {}
        for choice in choices:  # the first equal choice, as _literal_hook returns it
            table.setdefault(choice, choice)
        name = self.constant("choices", table)
        self.emit(indent, f"if type({var}) is not str: raise _Bail")
        self.emit(indent, f"{var} = {name}[{var}]")  # KeyError: not a choice

    def enter(self, var: str, indent: int, limit: int) -> None:
        """Charge the container in ``var`` (of at most ``limit`` items) to ``n``."""
        self.emit(indent, f"if len({var}) > {limit}: raise _Bail")
        self.emit(indent, f"n += len({var})")
        self.emit(indent, f"if n > {self.budget.max_values}: raise _Bail")

    def sequence(self, element: object, as_tuple: bool, var: str, indent: int, level: int) -> None:
        if level > self.budget.max_depth:
            self.emit(indent, "raise _Bail")
            return
        self.emit(indent, f"if type({var}) is not list and type({var}) is not tuple: raise _Bail")
        self.enter(var, indent, self.budget.max_list_length)
        item = self.local("item")
        collect = "tuple" if as_tuple else "list"
        if element in (bool, str, int):  # checked, not converted: the items are the result
            self.emit(indent, f"for {item} in {var}:")
            self.value(element, item, indent + 1, level + 1)
            self.emit(indent, f"{var} = {collect}({var})")
            return
        out = self.local("out")
        self.emit(indent, f"{out} = []")
        self.emit(indent, f"for {item} in {var}:")
        self.value(element, item, indent + 1, level + 1)
        self.emit(indent + 1, f"{out}.append({item})")
        self.emit(indent, f"{var} = {collect}({out})" if as_tuple else f"{var} = {out}")

    def mapping(self, key: object, item_type: object, var: str, indent: int, level: int) -> None:
        if level > self.budget.max_depth:
            self.emit(indent, "raise _Bail")
            return
        self.emit(indent, f"if type({var}) is not dict: raise _Bail")
        self.enter(var, indent, self.budget.max_keys)
        name, item, out = self.local("key"), self.local("item"), self.local("out")
        self.emit(indent, f"{out} = {{}}")
        self.emit(indent, f"for {name}, {item} in {var}.items():")
        too_long = f"len({name}) > {self.budget.max_key_length}"
        self.emit(indent + 1, f"if type({name}) is not str or {too_long}: raise _Bail")
        self.value(key, name, indent + 1, level + 1)
        self.value(item_type, item, indent + 1, level + 1)
        self.emit(indent + 1, f"{out}[{name}] = {item}")
        self.emit(indent, f"{var} = {out}")

    def model(self, cls: type[Any], var: str, indent: int, level: int) -> None:
        budget = self.budget
        try:
            attrs.resolve_types(cls)
        except Exception:  # the full walk reports it, as before
            raise _NoFast from None
        fields = [a for a in attrs.fields(cls) if a.init]
        names = frozenset(a.name for a in fields)
        if (
            level > budget.max_depth
            or cls in self.active
            or len(names) > budget.max_keys
            or any(len(name) > budget.max_key_length for name in names)
            or any(isinstance(a.default, _FACTORY) and a.default.takes_self for a in fields)
        ):
            self.emit(indent, "raise _Bail")  # the full walk decides (too deep, a cycle …)
            return
        key = self.local("key")
        self.emit(indent, f"if type({var}) is not dict: raise _Bail")
        self.emit(indent, f"for {key} in {var}:")  # every key a known field name, a str
        known = self.constant("names", names)
        self.emit(indent + 1, f"if type({key}) is not str or {key} not in {known}: raise _Bail")
        self.emit(indent, f"n += len({var})")
        self.emit(indent, f"if n > {budget.max_values}: raise _Bail")
        self.active.append(cls)
        values = [self.field(a, var, indent, level) for a in fields]
        self.active.pop()
        setters = _slot_setters(cls)
        if setters is not None:  # what its __init__ does, one C call per slot
            self.emit(indent, f"{var} = _new({self.constant(cls.__name__, cls)})")
            for setter, value in zip(setters, values, strict=True):
                self.emit(indent, f"{self.constant('set', setter)}({var}, {value})")
            return
        positional = _positional(cls, fields)
        arguments = [
            value if index < positional else f"{a.alias}={value}"
            for index, (a, value) in enumerate(zip(fields, values, strict=True))
        ]
        self.emit(indent, f"{var} = {self.constant(cls.__name__, cls)}({', '.join(arguments)})")

    def field(self, a: attrs.Attribute[Any], var: str, indent: int, level: int) -> str:
        """The local holding field ``a`` of the object in ``var``: its value, or its default
        when absent (the value attrs would give it, so that passing it changes nothing)."""
        local = self.local("f")
        default = a.default
        if default is None and _optional_inner(a.type) is not None:  # absent or null: None
            self.emit(indent, f"{local} = {var}.get({a.name!r})")
            self.value(a.type, local, indent, level + 1)
            return local
        self.emit(indent, f"{local} = {var}.get({a.name!r}, _MISSING)")
        if default is attrs.NOTHING:
            self.emit(indent, f"if {local} is _MISSING: raise _Bail")  # required
            self.value(a.type, local, indent, level + 1)
            return local
        if isinstance(default, _FACTORY):
            absent = f"{self.constant('factory', default.factory)}()"
        else:
            absent = self.constant("default", default)
        self.emit(indent, f"if {local} is _MISSING:")
        self.emit(indent + 1, f"{local} = {absent}")
        self.emit(indent, "else:")
        self.block(a.type, local, indent + 1, level + 1)
        return local


def _slot_setters(cls: type[Any]) -> tuple[Callable[[object, object], None], ...] | None:
    """The ``__set__`` of each field's slot, in field order, when ``cls.__init__`` is the one
    attrs wrote and does nothing but store its arguments (slots; every field set by it, none
    validated or converted; no ``__attrs_pre_init__`` or ``__attrs_post_init__``): then
    setting the slots on ``object.__new__(cls)`` makes the object its ``__init__`` makes, about
    twice as fast (the facts models of every rule set). None for any other class."""
    init = getattr(cls.__init__, "__code__", None)
    if (
        init is None
        or not init.co_filename.startswith("<attrs generated")
        or getattr(cls, "__new__", None) is not object.__new__
        or hasattr(cls, "__attrs_pre_init__")
        or hasattr(cls, "__attrs_post_init__")
    ):
        return None
    setters = []
    for a in attrs.fields(cls):
        slot = inspect.getattr_static(cls, a.name, None)
        if (
            not a.init
            or a.validator is not None
            or a.converter is not None
            or type(slot) is not types.MemberDescriptorType
        ):
            return None
        setters.append(slot.__set__)
    slots = {
        name
        for klass in cls.__mro__
        for name in getattr(klass, "__slots__", ())
        if name not in ("__weakref__", "__dict__")
    }
    if slots != {a.name for a in attrs.fields(cls)}:  # e.g. attrs' cached hash, set by __init__
        return None
    return tuple(setters)


def _positional(cls: type[Any], fields: Sequence[attrs.Attribute[Any]]) -> int:
    """How many of ``fields``, from the first, ``cls(…)`` takes by position as it would by
    name (its ``__init__`` names them so, in this order): a call by position is quicker."""
    try:
        parameters = list(inspect.signature(cls.__init__).parameters.values())[1:]
    except (TypeError, ValueError):
        return 0
    count = 0
    for a, parameter in zip(fields, parameters, strict=False):
        if parameter.name != a.alias or parameter.kind is not parameter.POSITIONAL_OR_KEYWORD:
            break
        count += 1
    return count


_Fast = Callable[[object, list[object]], Any]
_FAST: dict[object, _Fast | None] = {}
_FAST_LOCK = threading.Lock()
_FAST_MAX_TYPES = 256  # the cache is bounded: types past this many use the full walk


def _compile_fast(type_: object, budget: Budget) -> _Fast | None:
    """Generate the fast structurer of ``type_``: a function of the input and a list to which
    it adds what it parsed (for :attr:`_Walk.replay`), that returns the structured value or
    raises (``_Bail`` or whatever a hook raised). None if there is none."""
    source = _Source(budget)
    try:
        source.emit(1, "n = 1")  # the top-level object, as _Walk counts it
        source.value(type_, "value", 1, 1)
        source.emit(1, "return value")
    except _NoFast:
        return None
    name = getattr(type_, "__name__", "type")
    text = "def structure_fast(value, done):\n" + "\n".join(source.lines) + "\n"
    filename = f"<nmgpolicy.convert fast structurer of {name}>"
    return typing.cast(_Fast, source.compiled(text, filename, "structure_fast"))


def _fast_structurer(type_: object) -> _Fast | None:
    """The fast structurer of ``type_``, generated once (under a lock) and cached."""
    try:
        return _FAST[type_]
    except KeyError:
        pass
    with _FAST_LOCK:
        if type_ in _FAST:
            return _FAST[type_]
        if len(_FAST) >= _FAST_MAX_TYPES:
            return None
        fast = _FAST[type_] = _compile_fast(type_, BUDGET)
        return fast


def _structure_full(
    data: object, cls: type[T], root: str = "$", replay: Sequence[object] = ()
) -> T:
    """The full walk of a mapping ``data``: the result, or the InputError with every path."""
    walk = _Walk(BUDGET, replay)
    try:
        result = _plan(cls)(data, root, walk)
    except _Stop:
        result = _INVALID
    if result is _INVALID or walk.problems:
        raise InputError(walk.problems)
    return typing.cast(T, result)


@exact
def structure(data: object, cls: type[T], *, root: str = "$") -> T:
    """Structure ``data`` into ``cls``; every problem → one :class:`InputError` with paths.

    The input is held to :data:`nmgpolicy.limits.BUDGET` as it is structured, in the same
    pass: a value over budget is a problem at its path naming the limit. Valid input takes the
    generated fast path; anything else, the full walk (the module says how they agree).
    """
    if not isinstance(data, Mapping):
        raise InputError.single(
            root, f"expected a JSON object (mapping of fact names to values), got {shown(data)}"
        )
    fast = _fast_structurer(cls)
    if fast is None:
        return _structure_full(data, cls, root)
    done: list[object] = []
    try:
        return typing.cast(T, fast(data, done))
    except Exception:  # any doubt: the full walk decides, and says why (outside this block,
        pass  # so that its InputError does not carry the fast path's exception as context)
    return _structure_full(data, cls, root, done)
