"""Legal numbers as dated data with citations, loaded from ``nmgpolicy/data/<ruleset>.toml``.

Thresholds, ratios and periods never appear as literals in rule code: each is a
:class:`Parameter` in the rule set's data file, with its citation (document, article, clause,
quoted text) and the dates it applies from and to, in the manner of OpenFisca's parameters.
Each criterion a rule set decides is also described there (:class:`CriterionInfo`), so that
``nmgpolicy rules`` can print every criterion with its article and quoted text.

Callers may override parameters for what-if analysis (``parameters={"name": value}``); the
override is parsed with the parameter's own type, checked against the parameter's legal range
(``range`` in the data file) and recorded in the Decision, which lists every parameter whose
value differs from the data file's (and every one the caller named).

Data-file layout::

    [ruleset]
    id = "first_set"
    title = { zh = "…", en = "…" }
    document = "《…》"
    in_force_from = "2024-01-01"     # optional; absent = unknown
    in_force_to = "2025-12-31"       # optional
    successor = "…"                  # optional, named by NotInForce

    [parameters.threshold_complete_set]
    # type: period | amount:<kind> | share | ratio | decimal | int | date | str | bool | choice:a|b
    type = "amount:money_per_set"
    value = "80万元/套"               # or [[parameters.X.values]] with from / to / value
    range = "[0元/套, 1e18元/套]"     # the legal range: [ ] include a bound, ( ) exclude it
    description = { zh = "…", en = "…" }
    citation = { document = "…", article = "第五条", clause = "（五）", text = "…" }

    [criteria."first_set.unit_value"]
    title = { zh = "…", en = "…" }
    citation = { … }

Ranges. ``range`` is an interval in the usual notation, its two bounds written as values of the
parameter's own type: ``"[0, 100%]"`` (a share), ``"(0, 10]"`` (a ratio above 0, at most 10),
``"[0, 1000000]"`` (a count), ``"[0元, 1e18元]"`` (an amount, its bounds with a unit),
``"[0日, 10年]"`` (a period), ``"[2000-01-01, 2100-12-31]"`` (a date). Every bundled parameter
of type int, decimal, share, amount or period has one (a test checks it); a date may have one;
bool and choice parameters are checked by their type, a date by its own parser, and a str
parameter is at most :data:`MAX_TEXT` characters. Periods are compared by their mean length
(a year of 365.2425 days, a month of a twelfth of that, a working day of 7/5 days). The data
file's own values are checked against the range when the file is loaded, every override when
it is applied. Besides its range, every value obeys the limits of its type: a whole number at
most 10^18 in magnitude, a decimal number at most 10^18 with at most :data:`MAX_PLACES` decimal
places, a text (any override given as text) at most :data:`MAX_TEXT` characters.
"""

from __future__ import annotations

import bisect
import datetime as dt
import functools
import json
import re
import threading
import tomllib
from collections.abc import Callable, Iterable, Mapping
from decimal import Decimal, InvalidOperation
from fractions import Fraction
from importlib import resources
from typing import Any

import attrs

from nmgpolicy._exact import exact
from nmgpolicy.errors import InputError, Problem, UnknownRuleSet, shown
from nmgpolicy.outcome import Amount, Citation, FrozenDict, Message, freeze
from nmgpolicy.periods import Period, PeriodUnit, parse_period
from nmgpolicy.units import Kind, parse_amount, parse_ratio, parse_share

__all__ = [
    "MAX_PLACES",
    "MAX_TEXT",
    "CriterionInfo",
    "DatedValue",
    "Parameter",
    "ParameterSet",
    "Range",
    "Resolved",
    "load_parameters",
    "parse_date",
]

MAX_PLACES = 12
"""The most decimal places a decimal, share or amount parameter may have (in its canonical
unit: 元, 吨, a fraction for shares): 1e-12 is far finer than any legal threshold, and a finer
value would make the displays of a decision print thousands of digits."""

MAX_TEXT = 1000
"""The most characters a parameter value given as text (any override, a str parameter) may
have."""

_MAX_NUMBER = 10**18
_MAX_DECIMAL = Decimal(_MAX_NUMBER)

_DATE_EXAMPLE = 'e.g. "2026-06-01"'
_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")


def parse_date(value: object, path: str) -> dt.date:
    """An ISO ``YYYY-MM-DD`` string or a :class:`datetime.date` (not a datetime) → date."""
    if isinstance(value, dt.datetime):
        raise InputError.single(path, f"expected a date, not a date-time; {_DATE_EXAMPLE}")
    if isinstance(value, dt.date):
        return value
    if isinstance(value, str) and _ISO_DATE.fullmatch(value.strip()):
        try:
            return dt.date.fromisoformat(value.strip())
        except ValueError:
            pass
    raise InputError.single(
        path, f"expected an ISO date YYYY-MM-DD, got {shown(value)}; {_DATE_EXAMPLE}"
    )


def _parse_decimal(value: object, path: str) -> Decimal:
    if isinstance(value, bool) or not isinstance(value, int | str | Decimal | float):
        raise InputError.single(path, f'expected a decimal number, got {shown(value)}; e.g. "1.25"')
    if isinstance(value, int) and abs(value) > _MAX_NUMBER:  # before str(): 10**5000 has none
        raise InputError.single(
            path, f'expected a decimal number of at most 10^18; e.g. "1.25", got {shown(value)}'
        )
    try:
        result = Decimal(str(value).strip())
    except InvalidOperation:
        raise InputError.single(
            path, f'expected a decimal number, got {shown(value)}; e.g. "1.25"'
        ) from None
    if not result.is_finite() or result.copy_abs() > _MAX_DECIMAL:  # copy_abs: no context
        raise InputError.single(
            path,
            f'expected a finite decimal number of at most 10^18; e.g. "1.25", got {shown(value)}',
        )
    return result


def _parse_int(value: object, path: str) -> int:
    if isinstance(value, bool) or not isinstance(value, int):
        raise InputError.single(path, f"expected a whole number, got {shown(value)}; e.g. 3")
    if abs(value) > _MAX_NUMBER:
        raise InputError.single(
            path, f"expected a whole number of at most 10^18, got {shown(value)}; e.g. 3"
        )
    return value


def _parse_bool(value: object, path: str) -> bool:
    if not isinstance(value, bool):
        raise InputError.single(path, f"expected true or false, got {shown(value)}; e.g. true")
    return value


def _parse_str(value: object, path: str) -> str:
    if not isinstance(value, str):
        raise InputError.single(path, f'expected a text, got {shown(value)}; e.g. "cagr"')
    return value


def _places(value: Decimal) -> int:
    """The decimal places of ``value`` once trailing zeros are dropped (no context involved)."""
    _sign, digits, exponent = value.as_tuple()
    assert isinstance(exponent, int)  # finite: the parsers refuse NaN and infinity
    if exponent >= 0:
        return 0
    trailing = len(digits) - len("".join(map(str, digits)).rstrip("0"))
    return max(0, -exponent - trailing)


def _checked_text(value: object, path: str) -> None:
    """Any value given as text is at most :data:`MAX_TEXT` characters long."""
    if isinstance(value, str) and len(value) > MAX_TEXT:
        raise InputError.single(
            path,
            f"expected at most {MAX_TEXT} characters, got {len(value)}; e.g. a value as "
            "the data file writes it",
        )


# Mean lengths in days, to compare periods of different units (a range of "[0日, 10年]").
_UNIT_DAYS: Mapping[PeriodUnit, Fraction] = {
    PeriodUnit.DAY: Fraction(1),
    PeriodUnit.WORKING_DAY: Fraction(7, 5),
    PeriodUnit.MONTH: Fraction(146097, 400 * 12),
    PeriodUnit.YEAR: Fraction(146097, 400),
}


def _order_key(value: Any) -> Any:
    """What a range compares: the value, or a period's mean length in days."""
    if isinstance(value, Period):
        return value.amount * _UNIT_DAYS[value.unit]
    return value


_ORDERED = ("int", "decimal", "share", "ratio", "date", "period")
_INTERVAL = re.compile(r"\s*([\[(])\s*([^,\[\]()]+?)\s*,\s*([^,\[\]()]+?)\s*([\])])\s*")
_INT_TEXT = re.compile(r"[+-]?\d{1,19}")


def _is_ordered(type_name: str) -> bool:
    return type_name in _ORDERED or type_name.startswith("amount:")


def _quoted(value: object) -> str:
    """A value as an example in a message: texts and dates quoted, numbers bare."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, dt.date):
        return f'"{value.isoformat()}"'
    return json.dumps(str(value), ensure_ascii=False)


_TYPE_EXAMPLES: Mapping[str, str] = {
    "int": "3",
    "decimal": '"1.25"',
    "share": '"60%"',
    "ratio": '"-5%"',
    "period": '"20个工作日"',
    "date": '"2026-06-01"',
    "bool": "true",
}


@attrs.frozen
class Range:
    """The legal range of a parameter: ``low``/``high`` with whether each bound is included.

    Written in the data file as an interval (``range = "(0, 10]"``); ``low_text`` and
    ``high_text`` keep the bounds as written, for messages.
    """

    low: Any
    high: Any
    low_closed: bool
    high_closed: bool
    low_text: str
    high_text: str
    _keys: tuple[Any, Any] = attrs.field(init=False, eq=False, repr=False)
    """The bounds as compared (:func:`_order_key`), computed once."""

    def __attrs_post_init__(self) -> None:
        object.__setattr__(self, "_keys", (_order_key(self.low), _order_key(self.high)))

    def __str__(self) -> str:
        return (
            f"{'[' if self.low_closed else '('}{self.low_text}, "
            f"{self.high_text}{']' if self.high_closed else ')'}"
        )

    def describe(self) -> str:
        """In words: ``at least 0 and at most 100%``, ``above 0 and at most 10``."""
        low = "at least" if self.low_closed else "above"
        high = "at most" if self.high_closed else "below"
        return f"{low} {self.low_text} and {high} {self.high_text}"

    def contains(self, value: Any) -> bool:
        key = _order_key(value)
        low, high = self._keys
        above = low <= key if self.low_closed else low < key
        below = key <= high if self.high_closed else key < high
        return bool(above and below)

    @property
    def example(self) -> str:
        """A bound inside the range, quoted (for a parameter the data file gives no value)."""
        if self.low_closed:
            return self.low_text if isinstance(self.low, int) else _quoted(self.low_text)
        return self.high_text if isinstance(self.high, int) else _quoted(self.high_text)


def parse_range(text: object, type_name: str, path: str) -> Range:
    """Read a data file's ``range = "[low, high]"`` for a parameter of ``type_name``."""
    example = 'e.g. "[0, 100%]" or "(0, 10]"'
    if not _is_ordered(type_name):
        raise InputError.single(path, f"a {type_name} parameter has no range; remove it")
    found = _INTERVAL.fullmatch(text) if isinstance(text, str) else None
    if found is None:
        raise InputError.single(
            path, f"expected an interval such as [low, high], got {shown(text)}; {example}"
        )
    opening, low_text, high_text, closing = found.groups()
    low, high = (_bound(part, type_name, path) for part in (low_text, high_text))
    result = Range(low, high, opening == "[", closing == "]", low_text, high_text)
    if not _order_key(low) < _order_key(high):
        raise InputError.single(path, f"the low bound must be below the high one, got {text}")
    return result


def _bound(text: str, type_name: str, path: str) -> Any:
    if type_name == "int":
        if not _INT_TEXT.fullmatch(text):
            raise InputError.single(path, f"expected a whole number as a bound, got {shown(text)}")
        return _parse_int(int(text), path)
    return value_parser(type_name)(text, path)


@functools.lru_cache(maxsize=256)
def value_parser(type_name: str) -> Callable[[object, str], Any]:
    """The parser for a parameter type name (see the module docstring); made once per name
    (a bounded cache: the names come from data files)."""
    if type_name.startswith("amount:"):
        kind = Kind[type_name.partition(":")[2].upper()]
        return lambda value, path: parse_amount(value, kind, path=path)
    simple: dict[str, Callable[[object, str], Any]] = {
        "period": lambda value, path: parse_period(value, path=path),  # type: ignore[arg-type]
        "share": lambda value, path: parse_share(value, path=path),
        "ratio": lambda value, path: parse_ratio(value, path=path),
        "decimal": _parse_decimal,
        "int": _parse_int,
        "date": parse_date,
        "bool": _parse_bool,
        "str": _parse_str,
    }
    if type_name.startswith("choice:"):
        choices = tuple(type_name.partition(":")[2].split("|"))

        def parse_choice(value: object, path: str) -> str:
            if value not in choices:
                expected = " or ".join(f'"{c}"' for c in choices)
                raise InputError.single(path, f"expected {expected}, got {shown(value)}")
            return str(value)

        return parse_choice
    return simple[type_name]


@attrs.frozen
class DatedValue:
    """A parameter's value over ``[start, end]`` (both inclusive; ``None`` = open)."""

    value: Any
    start: dt.date | None = None
    end: dt.date | None = None

    def covers(self, on: dt.date) -> bool:
        return (self.start is None or self.start <= on) and (self.end is None or on <= self.end)


def _dated_values(values: Iterable[DatedValue]) -> tuple[DatedValue, ...]:
    return tuple(values)


@attrs.frozen
class Parameter:
    """A legal number (threshold, ratio, period …) with its citation and dated values.

    ``values`` is empty for parameters the law does not give (the caller must supply them).
    """

    name: str
    type: str
    description: Message
    citation: Citation | None
    values: tuple[DatedValue, ...] = attrs.field(converter=_dated_values)
    raw: tuple[Any, ...] = attrs.field(default=(), converter=freeze)
    range: Range | None = None
    """The legal range (``range`` in the data file); ``None`` for bool, choice and str."""

    @property
    def latest(self) -> Any:
        """The latest value the data file gives (``None`` when it gives none)."""
        return self.values[-1].value if self.values else None

    def at(self, on: dt.date) -> Any:
        """The value in force on ``on``, or ``None`` if the law gives none for that date."""
        for dated in self.values:
            if dated.covers(on):
                return dated.value
        return None

    def parse(self, value: object, path: str) -> Any:
        """Parse a value (e.g. a caller's override) with this parameter's type, and check it
        against the limits of the type and the parameter's range (:class:`InputError` at
        ``path`` naming the range, with an example, when it is outside)."""
        _checked_text(value, path)
        parsed = value_parser(self.type)(value, path)
        if isinstance(parsed, Decimal) and _places(parsed) > MAX_PLACES:
            raise InputError.single(
                path,
                f"expected at most {MAX_PLACES} decimal places, got {_places(parsed)}; "
                f"e.g. {self.example}",
            )
        if self.range is not None and not self.range.contains(parsed):
            raise InputError.single(
                path,
                f"out of range: expected {self.range.describe()} (range {self.range}), got "
                f"{shown(value)}; e.g. {self.example}",
            )
        return parsed

    @property
    def example(self) -> str:
        """A valid value, quoted as a caller writes it: the data file's latest value."""
        if self.raw:
            return _quoted(self.raw[-1])
        if self.range is not None:
            return self.range.example
        kind, _, detail = self.type.partition(":")
        if kind == "amount":
            return _quoted(Kind[detail.upper()].example)
        if kind == "choice":
            return _quoted(detail.partition("|")[0])
        return _TYPE_EXAMPLES.get(kind, '"…"')

    def display(self, value: Any) -> Any:
        """``value`` as results and overrides show it: an amount with its unit (``"90万元/套"``)."""
        if self.type.startswith("amount:") and isinstance(value, Decimal):
            return Amount(value, Kind[self.type.partition(":")[2].upper()])
        return value


@attrs.frozen
class CriterionInfo:
    """A criterion as described in the data file: id, title and citation (for ``rules``)."""

    id: str
    title: Message
    citation: Citation | None
    binding: bool = True


def _frozen(value: Any) -> Any:
    """:func:`~nmgpolicy.outcome.freeze`, which gives a FrozenDict back as it is, at once."""
    return value if type(value) is FrozenDict else freeze(value)


_PLAIN = frozenset({type(None), bool, int, str, Decimal, dt.date, Period, Amount})
"""Types of parameter values (parsed or shown) that :func:`~nmgpolicy.outcome.freeze` keeps
as they are: it changes only mappings, lists, tuples and sets."""


def _frozen_flat(items: Mapping[str, Any]) -> FrozenDict[str, Any]:
    """``freeze(items)`` for a flat mapping of parameter values, without walking it again."""
    if all(type(value) in _PLAIN for value in items.values()):
        return FrozenDict._wrap(dict(items))
    frozen: FrozenDict[str, Any] = freeze(items)
    return frozen


@attrs.frozen
class Resolved:
    """Parameter values for one evaluation date, after the caller's overrides.

    ``values`` are the values used; ``overrides`` the caller's overrides as parsed; ``defaults``
    the data file's values on that date (what :meth:`changed` compares with). All three are
    read-only.
    """

    values: Mapping[str, Any] = attrs.field(converter=_frozen)
    overrides: Mapping[str, Any] = attrs.field(converter=_frozen)
    defaults: Mapping[str, Any] = attrs.field(factory=dict, converter=_frozen)
    _changed: tuple[str, ...] | None = attrs.field(default=None, init=False, eq=False, repr=False)
    """What :meth:`changed` answers, when :meth:`ParameterSet.resolve` knows it already."""

    def __getitem__(self, name: str) -> Any:
        return self.values[name]

    def changed(self) -> tuple[str, ...]:
        """The parameters a Decision records: every one the caller overrode (even with the data
        file's own value: the caller asked for it), and every one whose value differs from the
        data file's, whatever changed it."""
        if self._changed is not None:
            return self._changed
        if self.values is self.defaults and not self.overrides:
            return ()  # the data file's values as they are (what resolve() gives without any)
        return tuple(
            name
            for name, value in self.values.items()
            if name in self.overrides
            or type(value) is not type(self.defaults.get(name))
            or value != self.defaults.get(name)
        )


_NOTHING_SHOWN: FrozenDict[str, Any] = freeze({})


def shown_overrides(data: ParameterSet, params: Resolved) -> FrozenDict[str, Any]:
    """The parameters a Decision records (:meth:`Resolved.changed`), amounts with their units,
    in the data file's order."""
    changed = params.changed()
    if not changed:
        return _NOTHING_SHOWN  # read-only, so one for every decision
    shown = {
        name: (
            data.parameters[name].display(params.values[name])
            if name in data.parameters
            else params.values[name]
        )
        for name in changed
    }
    return _frozen_flat(shown)


def _overridden(base: Resolved, applied: Mapping[str, Any]) -> Resolved:
    """``base`` (the data file's values, frozen) with the caller's parsed ``applied`` values.

    The values are frozen once: the data file's are already, so the merged mapping is wrapped
    rather than walked again. What :meth:`Resolved.changed` answers is known here: the names
    overridden, in the data file's order (every other value is the data file's own object).
    """
    frozen = _frozen_flat(applied)
    values: FrozenDict[str, Any] = FrozenDict._wrap({**base.values, **frozen})
    resolved = Resolved(values, frozen, base.defaults)
    changed = tuple(frozen) if len(frozen) == 1 else tuple([n for n in values if n in frozen])
    object.__setattr__(resolved, "_changed", changed)  # before anyone sees it
    return resolved


class _ByDate:
    """What :meth:`ParameterSet.resolve` keeps of a data file: the dates on which some value
    starts or stops applying (``starts``, sorted), and the values in force between two of them
    (a :class:`Resolved` without overrides, read-only, made on first use). There is at most one
    more span than there are dates, so the cache is bounded by the data file, not by the dates
    asked for."""

    __slots__ = ("by_span", "starts")

    def __init__(self) -> None:
        self.starts: tuple[dt.date, ...] | None = None
        self.by_span: dict[int, Resolved] = {}


_BY_DATE_LOCK = threading.Lock()


def _starts(parameters: Iterable[Parameter]) -> tuple[dt.date, ...]:
    """Every date on which a dated value starts or stops applying (the day after its end):
    between two of them, every parameter has one value."""
    starts: set[dt.date] = set()
    for parameter in parameters:
        for dated in parameter.values:
            if dated.start is not None:
                starts.add(dated.start)
            if dated.end is not None and dated.end < dt.date.max:
                starts.add(dated.end + dt.timedelta(days=1))
    return tuple(sorted(starts))


@attrs.frozen
class ParameterSet:
    """Everything a rule set's data file holds: metadata, parameters and criteria."""

    ruleset: str
    title: Message
    document: str
    in_force_from: dt.date | None
    in_force_to: dt.date | None
    successor: str | None
    window_note: Message | None
    parameters: Mapping[str, Parameter] = attrs.field(converter=freeze)
    criteria: Mapping[str, CriterionInfo] = attrs.field(converter=freeze)
    extra: Mapping[str, Any] = attrs.field(factory=dict, converter=freeze)
    """The data file's other tables, read-only (:class:`~nmgpolicy.outcome.FrozenDict`, arrays
    as :class:`~nmgpolicy.outcome.FrozenList`)."""
    labels: Mapping[str, Message] = attrs.field(factory=dict, converter=freeze)
    """How code values (enumeration values, mapping keys) read in Chinese and English."""
    _by_date: _ByDate = attrs.field(init=False, factory=_ByDate, eq=False, repr=False)

    def label(self, code: str) -> Message:
        """The label of a code value; the code itself where the data file gives none."""
        found = self.labels.get(code)
        return found if found is not None else Message(code, code)

    def citation(self, criterion_id: str) -> Citation | None:
        """The citation of a criterion (by finding id)."""
        return self.criteria[criterion_id].citation

    @exact
    def resolve(self, on: dt.date, overrides: Mapping[str, object] | None = None) -> Resolved:
        """Values in force on ``on``, with ``overrides`` parsed, range-checked and applied.

        Every bad override (unknown name, wrong type, out of range) is reported at
        ``$.parameters.<name>`` in one :class:`InputError`.
        """
        base = self._in_force(on)
        if overrides is None:
            return base
        if not isinstance(overrides, Mapping):
            raise InputError.single(
                "$.parameters",
                'expected an object of parameter overrides; e.g. {"name": value}, '
                f"known: {', '.join(self.parameters)}",
            )
        applied: dict[str, Any] = {}
        problems: list[Problem] = []
        for name, raw in overrides.items():
            path = f"$.parameters.{name}"
            parameter = self.parameters.get(name) if isinstance(name, str) else None
            if parameter is None:
                problems.append(
                    Problem(path, f"unknown parameter; known: {', '.join(self.parameters)}")
                )
                continue
            if raw is None and not parameter.values:
                continue  # a caller-supplied parameter left unset, as if not given
            try:
                applied[name] = parameter.parse(raw, path)
            except InputError as error:
                problems.extend(error.problems)
        if problems:
            raise InputError(problems)
        if not applied:
            return base
        return _overridden(base, applied)

    def _in_force(self, on: dt.date) -> Resolved:
        """The data file's values on ``on``, without overrides: made once per span of dates in
        which no value changes (under a lock), then shared (it is read-only)."""
        cache = self._by_date
        starts = cache.starts
        if starts is None:
            with _BY_DATE_LOCK:
                if cache.starts is None:
                    cache.starts = _starts(self.parameters.values())
                starts = cache.starts
        span = bisect.bisect_right(starts, on)
        found = cache.by_span.get(span)
        if found is None:
            with _BY_DATE_LOCK:
                found = cache.by_span.get(span)
                if found is None:
                    defaults = freeze({name: p.at(on) for name, p in self.parameters.items()})
                    found = cache.by_span[span] = Resolved(defaults, {}, defaults)
        return found


def _message(data: object, fallback: str = "") -> Message:
    if isinstance(data, Mapping):
        return Message(zh=str(data.get("zh", fallback)), en=str(data.get("en", fallback)))
    return Message(zh=str(data or fallback), en=str(data or fallback))


def _citation(data: object) -> Citation | None:
    return Citation.from_mapping(data) if isinstance(data, Mapping) else None


def _optional_date(data: Mapping[str, Any], key: str, where: str) -> dt.date | None:
    value = data.get(key)
    return None if value is None else parse_date(value, f"{where}.{key}")


def _parameter(name: str, data: Mapping[str, Any], where: str) -> Parameter:
    type_name = str(data["type"])
    bounds = (
        None if "range" not in data else parse_range(data["range"], type_name, f"{where}.range")
    )
    parse = Parameter(name, type_name, Message(name, name), None, (), (), bounds).parse
    entries: list[Mapping[str, Any]]
    if "values" in data:
        entries = list(data["values"])
    elif "value" in data:
        entries = [{"value": data["value"], "from": data.get("from"), "to": data.get("to")}]
    else:
        entries = []
    dated = tuple(
        DatedValue(
            value=parse(entry["value"], f"{where}.value"),
            start=_optional_date(entry, "from", where),
            end=_optional_date(entry, "to", where),
        )
        for entry in entries
    )
    return Parameter(
        name=name,
        type=type_name,
        description=_message(data.get("description"), name),
        citation=_citation(data.get("citation")),
        values=dated,
        raw=tuple(entry["value"] for entry in entries),
        range=bounds,
    )


def parameter_set_from_mapping(data: Mapping[str, Any], source: str) -> ParameterSet:
    """Build a :class:`ParameterSet` from a parsed data file (``source`` names it in errors)."""
    meta = data["ruleset"]
    parameters = {
        name: _parameter(name, spec, f"{source}:parameters.{name}")
        for name, spec in data.get("parameters", {}).items()
    }
    criteria = {
        cid: CriterionInfo(
            id=cid,
            title=_message(spec.get("title"), cid),
            citation=_citation(spec.get("citation")),
            binding=bool(spec.get("binding", True)),
        )
        for cid, spec in data.get("criteria", {}).items()
    }
    note = meta.get("window_note")
    return ParameterSet(
        ruleset=str(meta["id"]),
        title=_message(meta.get("title"), str(meta["id"])),
        document=str(meta.get("document", "")),
        in_force_from=_optional_date(meta, "in_force_from", source),
        in_force_to=_optional_date(meta, "in_force_to", source),
        successor=meta.get("successor"),
        window_note=_message(note) if note else None,
        parameters=parameters,
        criteria=criteria,
        extra={
            k: v
            for k, v in data.items()
            if k not in {"ruleset", "parameters", "criteria", "labels"}
        },
        labels={
            str(code): _message(text, str(code)) for code, text in data.get("labels", {}).items()
        },
    )


_DATA_ID = re.compile(r"[a-z][a-z0-9_]{0,63}")


def load_parameters(ruleset_id: str) -> ParameterSet:
    """The parsed data file of a rule set (``data/<ruleset_id>.toml``), read once and cached.

    Read-only, all the way down (shared by every caller). An id with no data file is an
    :class:`~nmgpolicy.errors.UnknownRuleSet` naming the data files there are.
    """
    if type(ruleset_id) is str:  # the hot path (every evaluation): one read, once loaded
        loaded = _LOADED.get(ruleset_id)
        if loaded is not None:
            return loaded
    if not isinstance(ruleset_id, str) or not _DATA_ID.fullmatch(ruleset_id):
        raise UnknownRuleSet(ruleset_id, _data_ids())
    if ruleset_id not in _data_ids():
        raise UnknownRuleSet(ruleset_id, _data_ids())
    data = _load_parameters(ruleset_id)
    if type(ruleset_id) is str:  # (a str subclass could hash or compare as it likes)
        data = _LOADED.setdefault(ruleset_id, data)
    return data


_LOADED: dict[str, ParameterSet] = {}
"""The data files :func:`load_parameters` has read, by id (at most one per data file, each
the object :func:`_load_parameters` keeps; ``setdefault`` is atomic, so every thread gets it)."""


_RULESET_TABLE = re.compile(r"^\[ruleset\]", re.MULTILINE)


@functools.cache
def _data_ids() -> tuple[str, ...]:
    """The data files that describe a rule set (a ``[ruleset]`` table), by id."""
    folder = resources.files("nmgpolicy").joinpath("data")
    return tuple(
        sorted(
            entry.name.removesuffix(".toml")
            for entry in folder.iterdir()
            if entry.name.endswith(".toml")
            and _DATA_ID.fullmatch(entry.name.removesuffix(".toml"))
            and _RULESET_TABLE.search(entry.read_text(encoding="utf-8"))
        )
    )


@functools.cache
def _load_parameters(ruleset_id: str) -> ParameterSet:
    resource = resources.files("nmgpolicy").joinpath("data", f"{ruleset_id}.toml")
    with resource.open("rb") as handle:
        data = tomllib.load(handle)
    return parameter_set_from_mapping(data, f"{ruleset_id}.toml")
