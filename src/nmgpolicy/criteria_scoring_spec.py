"""A rule set's scoring table read from its data file (:class:`TableSpec`) and resolved for
each evaluation with the parameter values in force.

The structure — kinds, groups, the order of the rows, the words of the source text for each
row, whether the text includes an edge ("≥5%"), excludes it ("<1%") or leaves it open
("3–5%") — is read from the data file's ``[groups.*]`` and ``[indicators.*]`` and checked (a
defect is an :class:`~nmgpolicy.errors.InputError` naming the data-file path). Every number is a
parameter a row names. The table is resolved once per dated segment of the data file's own
values, and once per set of overrides in a bounded cache.
"""

from __future__ import annotations

import bisect
import datetime as dt
import functools
import re
from collections.abc import Mapping, Sequence
from decimal import Decimal
from typing import Any

import attrs

from nmgpolicy.criteria_scoring_fill import fill, placeholders
from nmgpolicy.criteria_scoring_table import (
    Group,
    GroupSpec,
    IndicatorSpec,
    RowSpec,
    ScoringTable,
    _check,
    _resolve_indicator,
    row_problems,
)
from nmgpolicy.definition import Param, Row
from nmgpolicy.errors import InputError, Problem
from nmgpolicy.outcome import Message
from nmgpolicy.params import ParameterSet, Resolved
from nmgpolicy.units import format_decimal

__all__ = ["TableSpec"]

_ZERO = Decimal(0)

_KINDS = frozenset({"bands", "choice", "steps", "items", "supplied"})
_EDGE_TYPES = {"share": "share", "ratio": "ratio", "growth": "ratio", "money": "amount:money"}
"""The type of the parameter holding a band edge, by the type of the measure: a signed measure
(a growth rate, a profit margin: ``ratio``) has signed edges, unbounded above."""
_CAPS: Mapping[str, tuple[tuple[str, str], ...]] = {
    "steps": (("step", "int"), ("points_per_step", "decimal"), ("max", "decimal")),
    "items": (("points_per_item", "decimal"), ("max", "decimal")),
    "supplied": (("max", "decimal"),),
}
"""The parameters (key, type) each kind names besides its rows."""


def _message(data: object, where: str) -> Message:
    _check(isinstance(data, Mapping) and {"zh", "en"} <= set(data), where, "expected {zh, en}")
    assert isinstance(data, Mapping)
    return Message(str(data["zh"]), str(data["en"]))


def _named(data: ParameterSet, value: object, kind: str, where: str) -> str:
    """``value`` names a parameter of type ``kind`` in ``data``."""
    _check(isinstance(value, str) and value in data.parameters, where, "must name a parameter")
    assert isinstance(value, str)
    found = data.parameters[value].type
    _check(found == kind, where, f"must name a {kind} parameter, not a {found} one")
    return value


def _bound(
    data: ParameterSet, row: Mapping[str, Any], side: str, measures: Mapping[str, str], at: str
) -> tuple[dict[str, str], bool | None] | None:
    """A band row's ``lower`` or ``upper`` bound (the parameter per measure) and its flag."""
    raw = row.get(side)
    if raw is None:
        _check(f"{side}_inclusive" not in row, f"{at}.{side}_inclusive", f"no {side} bound")
        return None
    if not isinstance(raw, Mapping):
        _check(len(measures) == 1, f"{at}.{side}", "give the bound per measure")
        raw = {next(iter(measures)): raw}
    _check(set(raw) == set(measures), f"{at}.{side}", "the bound needs each measure")
    flag = row.get(f"{side}_inclusive")
    _check(
        isinstance(flag, bool) or flag == "open",
        f"{at}.{side}_inclusive",
        'true (the text includes the edge), false (excludes it) or "open"',
    )
    names = {
        str(m): _named(data, v, _EDGE_TYPES[measures[m]], f"{at}.{side}.{m}")
        for m, v in raw.items()
    }
    return names, flag if isinstance(flag, bool) else None


def _band_rows(
    data: ParameterSet,
    spec: Mapping[str, Any],
    measures: Mapping[str, str],
    direction: str,
    where: str,
) -> tuple[RowSpec, ...]:
    """The band rows, best first, checked: contiguous (each row's outer bound names the edge of
    the row above), each edge placed once. A row's bounds are value bounds (``lower`` ≤ value ≤
    ``upper``): a higher-is-better band's threshold is its ``lower``, a lower-is-better one's its
    ``upper``."""
    rows = list(spec.get("bands", []))
    _check(len(rows) >= 2, f"{where}.bands", "a banded indicator needs at least two bands")
    threshold, outer = ("lower", "upper") if direction == "higher" else ("upper", "lower")
    bounds = []
    for index, row in enumerate(rows):
        at = f"{where}.bands[{index}]"
        mine = _bound(data, row, threshold, measures, at)
        theirs = _bound(data, row, outer, measures, at)
        _check(
            (mine is None) == (index == len(rows) - 1),
            at,
            f"every band but the last has a {threshold} bound",
        )
        _check(
            (theirs is None) == (index == 0), at, f"every band but the first has an {outer} bound"
        )
        _check("source" in row, f"{at}.source", "the band's line of the source text")
        bounds.append((mine, theirs))
    result: list[RowSpec] = []
    for index, row in enumerate(rows):
        mine, _ = bounds[index]
        fixed: bool | None = None
        if mine is not None:
            theirs = bounds[index + 1][1]
            assert theirs is not None
            at = f"{where}.bands[{index + 1}].{outer}"
            _check(theirs[0] == mine[0], at, "must name the edge of the band above")
            says = {mine[1], None if theirs[1] is None else not theirs[1]} - {None}
            _check(len(says) <= 1, at, "the two bands place the same edge on both sides")
            fixed = says.pop() if says else None
        points = _named(data, row.get("points"), "decimal", f"{where}.bands[{index}].points")
        result.append(RowSpec(points, str(row["source"]), {} if mine is None else mine[0], fixed))
    return tuple(result)


def _indicator_spec(
    data: ParameterSet, name: str, spec: Mapping[str, Any], where: str
) -> IndicatorSpec:
    kind = str(spec.get("kind"))
    _check(kind in _KINDS, f"{where}.kind", f"unknown kind {kind!r}")
    measures = {str(k): str(v) for k, v in spec.get("measures", {}).items()}
    _check(set(measures.values()) <= set(_EDGE_TYPES), f"{where}.measures", "unknown measure type")
    direction = str(spec.get("direction", "higher"))
    _check(direction in {"higher", "lower"}, f"{where}.direction", "higher or lower")
    rows: tuple[RowSpec, ...] = ()
    if kind == "bands":
        rows = _band_rows(data, spec, measures, direction, where)
    elif kind == "choice":
        rows = tuple(
            RowSpec(
                _named(data, c.get("points"), "decimal", f"{where}.choices[{i}].points"),
                str(c["source"]),
                value=str(c["value"]),
            )
            for i, c in enumerate(spec.get("choices", []))
        )
        _check(bool(rows), f"{where}.choices", "a choice indicator needs its options")
    elif kind == "items":
        rows = tuple(
            RowSpec("", str(c["source"]), value=str(c["value"])) for c in spec.get("items", [])
        )
    caps = {
        key: _named(data, spec.get(key), kind_of, f"{where}.{key}")
        for key, kind_of in _CAPS.get(kind, ())
    }
    note = spec.get("note")
    return IndicatorSpec(
        name=name,
        order=int(spec["order"]),
        group=str(spec["group"]),
        label=str(spec["label"]),
        title=_message(spec.get("title"), f"{where}.title"),
        kind=kind,
        direction=direction,
        measures=measures,
        rows=rows,
        caps=caps,
        text=str(spec.get("source", "")),
        note=_message(note, f"{where}.note") if note is not None else None,
        unverified=bool(spec.get("unverified", False)),
    )


def _states(text: str, value: Any, kind: str) -> bool:
    """Whether a row's source words ``text`` write ``value`` of a parameter of type ``kind``:
    a share or ratio as its percentage ("5" of "≥5%"), an amount of money in 万元 ("500" of
    "≥500万"), points plainly ("20" of "=20")."""
    if not isinstance(value, Decimal):
        return False
    if kind in ("share", "ratio"):
        value = value * 100
    elif kind.startswith("amount:"):
        value = value / 10000
    number = re.escape(format_decimal(value))
    return re.search(rf"(?<![\d.]){number}(?![\d.])", text) is not None


def _stated(data: ParameterSet, indicators: Sequence[IndicatorSpec]) -> dict[str, Any]:
    """Per parameter of a row (its points, its edges), the value its row's source words state:
    the first of the data file's dated values the words write. A parameter none of whose
    values the words write is left out (its row is always written from the values)."""
    found: dict[str, Any] = {}
    for ind in indicators:
        for row in ind.rows:
            for name in [*row.edges.values(), *([row.points] if row.points else [])]:
                parameter = data.parameters[name]
                for dated in parameter.values:
                    if _states(row.text, dated.value, parameter.type):
                        found.setdefault(name, dated.value)
                        break
    return found


def _new_values_on(data: ParameterSet, names: Sequence[str]) -> tuple[dt.date, ...]:
    """The days on which one of the parameters ``names`` takes a new value."""
    days: set[dt.date] = set()
    for name in names:
        for dated in data.parameters[name].values:
            if dated.start is not None:
                days.add(dated.start)
            if dated.end is not None and dated.end < dt.date.max:
                days.add(dated.end + dt.timedelta(days=1))
    return tuple(sorted(days))


@attrs.frozen(eq=False)
class TableSpec:
    """A rule set's scoring table as its data file states it (:meth:`load`), resolved for each
    evaluation with the parameter values in force (:meth:`table`).

    ``inclusive`` names the bool parameter placing a value on an edge the text leaves open.
    """

    ruleset: str
    data: ParameterSet = attrs.field(repr=False)
    groups: tuple[GroupSpec, ...]
    indicators: tuple[IndicatorSpec, ...]
    inclusive: Param = attrs.field(factory=lambda: Param("band_lower_inclusive"))
    names: tuple[str, ...] = attrs.field(init=False)
    _name_set: frozenset[str] = attrs.field(init=False, repr=False)
    _boundaries: tuple[dt.date, ...] = attrs.field(init=False, repr=False)
    _segments: dict[tuple[int, bool], ScoringTable] = attrs.field(
        init=False, repr=False, factory=dict
    )
    stated: Mapping[str, Any] = attrs.field(init=False, repr=False)
    """Per parameter of a row, the value its row's source words state (:func:`_stated`): a row
    whose values are all these is shown in the source's words, any other is written anew."""

    @stated.default
    def _stated_values(self) -> Mapping[str, Any]:
        return _stated(self.data, self.indicators)

    @names.default
    def _names(self) -> tuple[str, ...]:
        found = [n for ind in self.indicators for n in ind.names()]
        found += [n for g in self.groups for n in placeholders(g.title)]
        return tuple(dict.fromkeys(found))

    @_name_set.default
    def _set(self) -> frozenset[str]:
        return frozenset(self.names)

    @_boundaries.default
    def _dates(self) -> tuple[dt.date, ...]:
        return _new_values_on(self.data, self.names)

    @classmethod
    def load(cls, data: ParameterSet) -> TableSpec:
        """The table of a loaded data file, its structure checked (a defect raises
        :class:`InputError` naming the data-file path), its default values checked on every
        dated segment."""
        table = cls(data.ruleset, data, *_table_structure(data))
        for day in (None, *table._boundaries):
            table.resolved(table.defaults(day))
        return table

    def defaults(self, on: dt.date | None = None) -> dict[str, Any]:
        """The data file's values of the table's parameters on ``on`` (the latest by default)."""
        parameters = self.data.parameters
        if on is None:
            return {n: parameters[n].latest for n in self.names}
        return {n: parameters[n].at(on) for n in self.names}

    def table(self, row: Row) -> ScoringTable:
        """The table of the evaluation in ``row`` (resolved once per evaluation)."""
        key = f"table:{self.ruleset}"
        found: ScoringTable | None = row.memo.get(key)
        if found is None:
            found = row.memo[key] = self.for_params(row.ctx.params, row.ctx.on)
        return found

    def for_params(self, params: Resolved, on: dt.date) -> ScoringTable:
        """The table under ``params`` on ``on``: the data file's values (cached per dated
        segment), or the caller's overrides (checked, each set cached in a bounded cache)."""
        overrides = params.overrides
        values = params.values
        inclusive = bool(values.get(self.inclusive.name, True))
        if overrides and not self._name_set.isdisjoint(overrides):
            return _overridden(
                self,
                tuple(values[n] for n in self.names),
                tuple(n for n in self.names if n in overrides),
                inclusive,
            )
        key = (bisect.bisect_right(self._boundaries, on), inclusive)
        found = self._segments.get(key)
        if found is None:
            found = self._segments[key] = self.resolved(
                {n: values[n] for n in self.names}, inclusive=inclusive
            )
        return found

    def resolved(
        self,
        values: Mapping[str, Any],
        defaults: Mapping[str, Any] | None = None,
        overridden: Sequence[str] = (),
        *,
        inclusive: bool = True,
    ) -> ScoringTable:
        """The table with ``values`` (parameter name → value), checked: points fall band by band
        (and never rise option by option), edges move away from the best band. A defect is an
        :class:`InputError` at ``$.parameters.<name>`` of an overridden parameter, or at the
        data file's parameter when none of those involved is overridden. A row keeps its source
        words when its values are those the words state (:attr:`stated`), on every date; any
        other is written from the values, an open edge placed by ``inclusive``. ``defaults``
        (the data file's values on the date) is accepted for compatibility and not needed."""
        del defaults
        return _resolve_table(self, values, overridden, inclusive)


def _resolve_table(
    spec: TableSpec, values: Mapping[str, Any], overridden: Sequence[str], inclusive: bool
) -> ScoringTable:
    """:meth:`TableSpec.resolved`: every problem of every indicator is found before any is
    reported, so that one :class:`InputError` names them all (in table order)."""
    data = spec.data
    source = f"{data.ruleset}.toml:parameters."

    def blame(names: Sequence[str]) -> tuple[str, str]:
        for name in names:
            if name in overridden:
                return name, f"$.parameters.{name}"
        return names[0], f"{source}{names[0]}"

    problems = [
        Problem(f"{source}{name}", "has no value on this date")
        for name in spec.names
        if values[name] is None
    ]
    if not problems:
        for ind in spec.indicators:
            problems += row_problems(data, ind, values, blame)
    if problems:
        raise InputError(problems)
    indicators = tuple(
        _resolve_indicator(data, ind, values, (spec.stated, inclusive)) for ind in spec.indicators
    )
    groups = tuple(
        Group(
            g.name,
            g.order,
            fill(g.title, values, data),
            sum((i.max_points for i in indicators if i.group == g.name), _ZERO),
            g.minimum,
            g.indicators,
        )
        for g in spec.groups
    )
    return ScoringTable(spec.ruleset, groups, indicators)


def _table_structure(
    data: ParameterSet,
) -> tuple[tuple[GroupSpec, ...], tuple[IndicatorSpec, ...]]:
    """The groups and indicators of a data file (``[groups.*]``, ``[indicators.*]``), checked."""
    source = f"{data.ruleset}.toml:"
    raw = data.extra.get("indicators", {})
    indicators = sorted(
        (_indicator_spec(data, n, s, f"{source}indicators.{n}") for n, s in raw.items()),
        key=lambda i: i.order,
    )
    groups: list[GroupSpec] = []
    for name, spec in data.extra.get("groups", {}).items():
        minimum = spec.get("minimum")
        where = f"{source}groups.{name}"
        _check(
            minimum is None or minimum in data.parameters,
            f"{where}.minimum",
            "must name a parameter",
        )
        groups.append(
            GroupSpec(
                name=str(name),
                order=int(spec["order"]),
                title=_message(spec.get("title"), f"{where}.title"),
                minimum=None if minimum is None else str(minimum),
                indicators=tuple(i.name for i in indicators if i.group == name),
            )
        )
    known = {g.name for g in groups}
    for ind in indicators:
        _check(ind.group in known, f"{source}indicators.{ind.name}.group", "unknown group")
    return tuple(sorted(groups, key=lambda g: g.order)), tuple(indicators)


@functools.lru_cache(maxsize=256)
def _overridden(
    spec: TableSpec,
    values: tuple[Any, ...],
    overridden: tuple[str, ...],
    inclusive: bool = True,
) -> ScoringTable:
    """A table under overrides (bounded cache: repeated what-if analyses resolve it once)."""
    return spec.resolved(
        dict(zip(spec.names, values, strict=True)), None, overridden, inclusive=inclusive
    )
