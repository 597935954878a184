"""Scoring-table criteria: indicators scored by the rows of a table, a score threshold, and
"one test OR another" — the shapes of a points-based recognition standard.

A scoring table (评价指标表) gives each indicator a number of points by the row its value falls
in: a numeric **band** ("3–5%=15"; a band with several measures is reached when any measure
reaches its edge, as in "≥500万或占比≥10%"), an enumerated **choice** ("国家级=10"), points for
every full **step** ("每满2年得1分"), points for each **item** held ("每项3分"), or a score
**supplied** with the facts (a province's own indicators). Indicators are grouped (创新能力,
成长性 …); an applicant qualifies on the total (and, in some standards, a minimum per group) or
on any one of a few *direct* conditions.

The table is data. Its structure — kinds, groups, the order of the rows, the words of the
source text for each row, whether the text includes an edge ("≥5%"), excludes it ("<1%") or
leaves it open ("3–5%") — is read from the data file's ``[groups.*]`` and ``[indicators.*]``
(:class:`TableSpec`). Every number of it — each band edge, each row's points, each step, cap and
maximum — is a **parameter** of the data file (``[parameters.*]``) that a row names: overridable
per evaluation, datable, each with its citation. The table is resolved for each evaluation from
the parameter values in force (cached: the data file's own values once per dated segment, each
set of overrides in a bounded cache) and checked (points fall row by row, edges move away from
the best band); an override that breaks it is an :class:`~nmgpolicy.errors.InputError` at
``$.parameters.<name>``.

Criterion kinds (:mod:`nmgpolicy.definition`):

* :class:`IndicatorScore` — one indicator, informational: its points, its band, the next band up;
* :class:`ScoreAtLeast` — a score (a group's or the total) of at least a parameter ("60分以上",
  以上 includes the number, 《民法典》第一千二百五十九条); while facts are missing the score is an
  interval, and the test is ``met`` / ``not_met`` as soon as the missing facts could not change
  it;
* :class:`AnyOf` — one finding that any of its parts satisfies ("…；低于该数额的，…亦可");
* :class:`RouteOrDirect` — "every test of the route, OR any of the direct conditions": it
  decides its parts (each a finding of its own, listed through :meth:`RouteOrDirect.members`)
  and marks binding exactly the findings the outcome rests on (:func:`bind_routes`), so that the
  decision's aggregation over binding findings is the three-valued OR.

Every status is decided at once and exactly (Decimal arithmetic in a context wide enough for
every input the units module admits; growth compared by cross-multiplication, never through
roots); every text is written when first read, by a pure function of the values decided.
:func:`fill` writes a data file's text with its ``{parameter}`` placeholders filled, so that a
title never shows a stale number after an override.
"""

from __future__ import annotations

import bisect
import datetime as dt
import decimal
import functools
import itertools
import re
from collections.abc import Callable, Iterable, Mapping, Sequence
from decimal import ROUND_FLOOR, Decimal
from functools import partial
from typing import Any, ClassVar, Protocol

import attrs

from nmgpolicy.definition import Criterion, Fact, Measure, Param, Ref, Row
from nmgpolicy.errors import InputError
from nmgpolicy.outcome import Amount, Finding, Message, Rendered, Status, jsonable
from nmgpolicy.params import ParameterSet, Resolved
from nmgpolicy.units import Kind, format_decimal

__all__ = [
    "EXACT",
    "AnyOf",
    "Band",
    "Choice",
    "Filled",
    "Group",
    "Growth",
    "Indicator",
    "IndicatorScore",
    "MeanGrowth",
    "Measurement",
    "Missing",
    "NextBand",
    "Plain",
    "RouteOrDirect",
    "Routed",
    "ScoreAtLeast",
    "ScoreCard",
    "Scored",
    "ScoringTable",
    "TableSpec",
    "Undefined",
    "band_label",
    "bind_routes",
    "both",
    "either",
    "fact_names",
    "fill",
    "score",
]

EXACT = decimal.Context(prec=400)
"""The context of every comparison and sum of points: facts have at most 50 significant digits
(units.py), so the products compared (at most three factors) are exact at 400 digits."""
_DISPLAY = Decimal("0.000001")  # displayed rates are rounded down to a millionth
_SHOW = decimal.Context(prec=34)  # display only
_ZERO = Decimal(0)


def _check(ok: bool, where: str, message: str) -> None:
    if not ok:
        raise InputError.single(where, message)


# ---------------------------------------------------------------------------------------------
# Texts filled from the parameters
# ---------------------------------------------------------------------------------------------

_PLACEHOLDER = re.compile(r"\{([a-z][a-z0-9_]*)(?::(cn))?\}( years| units)?")
_FILLED_CACHE = 256
"""How many filled texts a :class:`Filled` keeps."""
_NUMERALS = {
    "zh": ("零", "一", "两", "三", "四", "五", "六", "七", "八", "九", "十"),
    "en": ("zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten"),
}


def parameter_text(data: ParameterSet, name: str, value: Any, lang: str, form: str | None) -> str:
    """A parameter's value as a text of the data file shows it in ``lang``.

    An amount with its unit ("500万元", "5 million yuan"), a share as a percentage ("3%"), a
    number plainly ("60"), a choice by its label (the label ``<name>.<value>`` when the data
    file gives one, else the label of the value). ``form`` ``"cn"`` writes a whole number from
    0 to 10 as a word ("三" / "three"; 2 is "两", as in "近两年").
    """
    if form == "cn" and type(value) is int and 0 <= value <= 10:
        return _NUMERALS[lang][value]
    parameter = data.parameters.get(name)
    kind = parameter.type if parameter is not None else ""
    if isinstance(value, Decimal):
        if kind.startswith("amount:"):
            return Amount(value, Kind[kind.partition(":")[2].upper()]).text(lang)
        if kind in ("share", "ratio"):
            return f"{format_decimal(value * 100)}%"
        return format_decimal(value)
    if kind.startswith("choice:"):
        word = data.labels.get(f"{name}.{value}") or data.label(str(value))
        return word.get(lang)
    if isinstance(value, dt.date):
        return value.isoformat()
    return str(value)


def _filled(text: str, lang: str, values: Mapping[str, Any], data: ParameterSet) -> str:
    def one(match: re.Match[str]) -> str:
        name, form, noun = match.groups()
        if name not in values:
            return match.group(0)  # not a parameter: left as written
        value = values[name]
        if noun and value == 1:
            noun = noun[:-1]  # "the last one year", "the last 1 year"
        return parameter_text(data, name, value, lang, form) + (noun or "")

    return _PLACEHOLDER.sub(one, text)


def fill(template: Message, values: Mapping[str, Any], data: ParameterSet) -> Message:
    """``template`` with each ``{parameter}`` (or ``{parameter:cn}``) replaced by the value of
    that parameter in ``values`` (:func:`parameter_text`); a text without placeholders is
    returned as it is."""
    zh, en = template.zh, template.en
    if "{" not in zh and "{" not in en:
        return template
    return Message(_filled(zh, "zh", values, data), _filled(en, "en", values, data))


def placeholders(template: Message) -> tuple[str, ...]:
    """The parameter names a text refers to, in order, each once."""
    found = _PLACEHOLDER.findall(template.zh) + _PLACEHOLDER.findall(template.en)
    return tuple(dict.fromkeys(name for name, _, _ in found))


@attrs.frozen
class Filled:
    """A criterion's subject written with parameters (``"近{equity_window_years}年…"``), filled
    with the values of the evaluation (a ``Subject`` of :mod:`nmgpolicy.criteria`).

    The texts already written are kept, by the values of the parameters they show (a bounded
    cache: the data file's own values are the usual case)."""

    template: Message
    _names: tuple[str, ...] = attrs.field(init=False, repr=False, eq=False)
    _cache: dict[tuple[Any, ...], tuple[ParameterSet, Message]] = attrs.field(
        init=False, repr=False, eq=False, factory=dict
    )

    @_names.default
    def _placeholders(self) -> tuple[str, ...]:
        return placeholders(self.template)

    def __call__(self, row: Row) -> Message:
        params, data = row.params, row.ctx.data
        key = tuple(params.get(n) for n in self._names)
        found = self._cache.get(key)
        if found is not None and found[0] is data:
            return found[1]
        message = fill(self.template, params, data)
        if len(self._cache) >= _FILLED_CACHE:
            self._cache.clear()
        self._cache[key] = (data, message)
        return message

    def references(self) -> tuple[Param, ...]:
        return tuple(Param(name) for name in placeholders(self.template))


# ---------------------------------------------------------------------------------------------
# The table: its structure (from the data file) and its values (parameters)
# ---------------------------------------------------------------------------------------------

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


@attrs.frozen
class RowSpec:
    """One row of an indicator as the data file gives it: the parameters holding its points and
    (a band) its threshold edge per measure, its words in the source text, and (a band) how the
    text places a value exactly on that edge: ``True`` in this band ("≥5%=20", or "<1%=0" below
    it), ``False`` in the next, ``None`` open (the parameter of ``band_lower_inclusive``
    decides). ``value`` is an option's or an item's code value."""

    points: str
    text: str
    edges: Mapping[str, str] = attrs.field(factory=dict)
    fixed: bool | None = None
    value: str = ""

    def in_better(self, inclusive: bool) -> bool:
        """Whether a value exactly on this row's edge scores in this row (the better one)."""
        return inclusive if self.fixed is None else self.fixed


@attrs.frozen
class IndicatorSpec:
    """One indicator's structure: kind, group, words, rows, and the parameters it names."""

    name: str
    order: int
    group: str
    label: str
    title: Message
    kind: str
    direction: str
    measures: Mapping[str, str]
    rows: tuple[RowSpec, ...]
    caps: Mapping[str, str]
    text: str
    note: Message | None
    unverified: bool

    def names(self) -> tuple[str, ...]:
        """Every parameter the indicator reads: its rows', its caps', its title's."""
        found: list[str] = []
        for row in self.rows:
            found += [*row.edges.values(), row.points] if row.points else [*row.edges.values()]
        found += self.caps.values()
        found += placeholders(self.title)
        if self.note is not None:
            found += placeholders(self.note)
        return tuple(dict.fromkeys(found))


@attrs.frozen
class GroupSpec:
    """A group of indicators (创新能力 …): its title and the parameter of its minimum."""

    name: str
    order: int
    title: Message
    minimum: str | None
    indicators: tuple[str, ...]


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


@attrs.frozen
class Band:
    """One band of a numeric indicator, resolved: its points, its words (the source text's line,
    or — when an override changed the row — the row as the parameters now give it), and the
    edge it shares with the next (lower-scoring) band per measure, with how the text places a
    value exactly on it (``fixed``; see :class:`RowSpec`). The last band has no edges."""

    points: Decimal
    text: str
    edges: Mapping[str, Decimal] = attrs.field(factory=dict)
    fixed: bool | None = None

    def in_better(self, inclusive: bool) -> bool:
        """Whether a value exactly on this band's edge scores in this band (the better one)."""
        return inclusive if self.fixed is None else self.fixed


@attrs.frozen
class Choice:
    """One option of an enumerated indicator (or one item of an ``items`` indicator)."""

    value: str
    points: Decimal
    text: str


@attrs.frozen
class Indicator:
    """One scoring indicator, resolved with the parameter values of an evaluation.

    ``labels`` are the data file's ``[labels]``: how facts, measures and code values read.
    """

    name: str
    order: int
    group: str
    label: str
    title: Message
    kind: str
    max_points: Decimal
    direction: str = "higher"
    measures: Mapping[str, str] = attrs.field(factory=dict)
    bands: tuple[Band, ...] = ()
    choices: tuple[Choice, ...] = ()
    step: int = 0
    points_per_step: Decimal = _ZERO
    points_per_item: Decimal = _ZERO
    text: str = ""
    note: Message | None = None
    unverified: bool = False
    labels: Mapping[str, Message] = attrs.field(factory=dict)

    @property
    def min_points(self) -> Decimal:
        """The fewest points the indicator can give."""
        if self.kind == "bands":
            return self.bands[-1].points
        if self.kind == "choice":
            return min(c.points for c in self.choices)
        return _ZERO

    @property
    def heading(self) -> Message:
        """``①与主导产品相关的有效知识产权`` and its English counterpart."""
        return Message(f"{self.label}{self.title.zh}", f"{self.label} {self.title.en}")

    def word(self, code: str) -> Message:
        """How a code value or a fact reads (its label; the code itself without one)."""
        return self.labels.get(code) or Message(code, code)


@attrs.frozen
class Group:
    """A group of indicators, resolved: its maximum (the sum of its indicators') and the name of
    the parameter of its minimum (``None`` when the standard sets none)."""

    name: str
    order: int
    title: Message
    max_points: Decimal
    minimum: str | None
    indicators: tuple[str, ...]


@attrs.frozen
class ScoringTable:
    """A scoring table resolved for one evaluation: groups and indicators in table order."""

    ruleset: str
    groups: tuple[Group, ...]
    indicators: tuple[Indicator, ...]
    _by_name: Mapping[str, Indicator] = attrs.field(
        init=False,
        eq=False,
        repr=False,
        default=attrs.Factory(lambda self: {i.name: i for i in self.indicators}, takes_self=True),
    )

    def indicator(self, name: str) -> Indicator:
        found = self._by_name.get(name)
        if found is None:
            raise InputError.single("$.indicator", f"no indicator {name!r}")
        return found


def _edge_text(value: Decimal, measure_type: str, lang: str = "zh") -> str:
    if measure_type == "money":
        return Amount(value, Kind.MONEY, "万元").text(lang)
    return f"{format_decimal(value * 100)}%"


def _written_band(
    spec: IndicatorSpec, values: Mapping[str, Any], index: int, inclusive: bool = True
) -> str:
    """A band row in the manner of the source text ("≥5%=20", "3–5%=15", "<1%=0"), for a row
    whose edges or points an override changed (its source line would show stale numbers).

    A band with several measures is reached when any measure reaches its edge ("≥500万或占比
    ≥10%"); the last row is below every edge, so its measures are joined with "且" ("<100万元且
    <3%=0"). An edge the text leaves open is placed by ``inclusive`` (``band_lower_inclusive``)."""
    rows, higher = spec.rows, spec.direction == "higher"
    parts: list[str] = []
    for m, kind in spec.measures.items():
        mine = rows[index].edges.get(m)
        above = rows[index - 1].edges[m] if index > 0 else None
        if above is None:
            assert mine is not None
            included = rows[index].in_better(inclusive)
            sign = ("≥" if included else ">") if higher else ("≤" if included else "<")
            parts.append(f"{sign}{_edge_text(values[mine], kind)}")
        elif mine is None:
            included = rows[index - 1].in_better(inclusive)
            sign = ("<" if included else "≤") if higher else (">" if included else "≥")
            parts.append(f"{sign}{_edge_text(values[above], kind)}")
        else:
            low, high = (mine, above) if higher else (above, mine)
            parts.append(f"{_edge_text(values[low], kind)}–{_edge_text(values[high], kind)}")
    joint = "且" if index == len(rows) - 1 else "或"
    return f"{joint.join(parts)}={format_decimal(values[rows[index].points])}"


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


def _written_choice(labels: Mapping[str, Message], value: str, points: Decimal) -> str:
    """An option as a row of the source text ("Ⅰ类知识产权1项以上=12"), for an option whose
    points an override changed."""
    return f"{(labels.get(value) or Message(value, value)).zh}={format_decimal(points)}"


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
        """The days on which one of the table's parameters takes a new value."""
        days: set[dt.date] = set()
        for name in self.names:
            for dated in self.data.parameters[name].values:
                if dated.start is not None:
                    days.add(dated.start)
                if dated.end is not None and dated.end < dt.date.max:
                    days.add(dated.end + dt.timedelta(days=1))
        return tuple(sorted(days))

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
            return {
                n: parameters[n].values[-1].value if parameters[n].values else None
                for n in self.names
            }
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
    """:meth:`TableSpec.resolved`."""
    data = spec.data
    source = f"{data.ruleset}.toml:parameters."

    def blame(*names: str) -> str:
        for name in names:
            if name in overridden:
                return f"$.parameters.{name}"
        return f"{source}{names[0]}"

    for name in spec.names:
        _check(values[name] is not None, f"{source}{name}", "has no value on this date")
    indicators = tuple(
        _resolve_indicator(data, ind, values, (spec.stated, inclusive), blame)
        for ind in spec.indicators
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


def _checked_rows(
    spec: IndicatorSpec, values: Mapping[str, Any], blame: Callable[..., str]
) -> None:
    rows = spec.rows
    if spec.kind not in ("bands", "choice"):
        return
    if spec.kind == "choice":
        for better, worse in itertools.pairwise(rows):
            where = blame(worse.points, better.points)
            _check(
                values[better.points] >= values[worse.points],
                where,
                "options are listed best first: points must not rise option by option",
            )
        return
    for better, worse in itertools.pairwise(rows):
        where = blame(worse.points, better.points)
        _check(values[better.points] > values[worse.points], where, "points must fall band by band")
    for better, worse in itertools.pairwise(rows[:-1]):
        for m, edge in better.edges.items():
            high, low = values[edge], values[worse.edges[m]]
            ordered = high > low if spec.direction == "higher" else high < low
            _check(ordered, blame(edge, worse.edges[m]), "edges must move away from the best band")


def _resolve_indicator(
    data: ParameterSet,
    spec: IndicatorSpec,
    values: Mapping[str, Any],
    source: tuple[Mapping[str, Any], bool],
    blame: Callable[..., str],
) -> Indicator:
    """One indicator with ``values``; ``source`` is (the values the rows' source words state,
    where an edge the text leaves open scores)."""
    _checked_rows(spec, values, blame)
    stated, inclusive = source
    missing = object()

    def written(index: int) -> bool:
        """Whether row ``index`` is as its source line gives it: its points, its edge and (a
        band) the edge of the row above, which bounds it, at the values the line states."""
        row = spec.rows[index]
        names = [row.points, *row.edges.values()]
        if index > 0 and spec.kind == "bands":
            names += spec.rows[index - 1].edges.values()
        return all(values[n] == stated.get(n, missing) for n in names if n)

    bands: tuple[Band, ...] = ()
    choices: tuple[Choice, ...] = ()
    if spec.kind == "bands":
        bands = tuple(
            Band(
                values[r.points],
                r.text if written(i) else _written_band(spec, values, i, inclusive),
                {m: values[p] for m, p in r.edges.items()},
                r.fixed,
            )
            for i, r in enumerate(spec.rows)
        )
        best = bands[0].points
    elif spec.kind == "choice":
        labels = data.labels
        choices = tuple(
            Choice(
                r.value,
                values[r.points],
                r.text if written(i) else _written_choice(labels, r.value, values[r.points]),
            )
            for i, r in enumerate(spec.rows)
        )
        best = max(c.points for c in choices)
    else:
        choices = tuple(Choice(r.value, _ZERO, r.text) for r in spec.rows)
        best = values[spec.caps["max"]]
    caps = spec.caps
    return Indicator(
        name=spec.name,
        order=spec.order,
        group=spec.group,
        label=spec.label,
        title=fill(spec.title, values, data),
        kind=spec.kind,
        max_points=best,
        direction=spec.direction,
        measures=spec.measures,
        bands=bands,
        choices=choices,
        step=values[caps["step"]] if "step" in caps else 0,
        points_per_step=values[caps["points_per_step"]] if "points_per_step" in caps else _ZERO,
        points_per_item=values[caps["points_per_item"]] if "points_per_item" in caps else _ZERO,
        text=spec.text,
        note=None if spec.note is None else fill(spec.note, values, data),
        unverified=spec.unverified,
        labels=data.labels,
    )


# ---------------------------------------------------------------------------------------------
# Measurements: a fact (or a computed rate) compared exactly against a band edge
# ---------------------------------------------------------------------------------------------


class Measurement(Protocol):
    """A measured value of a banded indicator."""

    def compare(self, edge: Decimal) -> int:
        """The sign of (value − edge), computed exactly."""

    def shown(self) -> Any:
        """The value for ``measured`` and ``results`` (Decimal share or rate, or Amount)."""

    def text(self, lang: str) -> str:
        """The value as messages show it ("3.2%", "450万元")."""

    def short_by(self, edge: Decimal, lower: bool) -> Any:
        """How far the value is from ``edge`` on the side that scores less (>= 0)."""

    def short_text(self, edge: Decimal, lower: bool, lang: str) -> str:
        """:meth:`short_by` as text ("1.8个百分点", "50万元")."""


def _sign(value: Decimal) -> int:
    return (value > 0) - (value < 0)


def _percent(value: Decimal) -> str:
    return f"{format_decimal(value * 100)}%"


def _points_gap(value: Decimal, lang: str) -> str:
    shown = format_decimal(value * 100)
    return f"{shown}个百分点" if lang == "zh" else f"{shown} percentage points"


@attrs.frozen
class Plain:
    """A fact compared as it is: a share (fraction) or an amount of money (元)."""

    value: Decimal
    money: bool = False

    def compare(self, edge: Decimal) -> int:
        value = self.value
        return (value > edge) - (value < edge)

    def shown(self) -> Any:
        return Amount(self.value, Kind.MONEY, "万元") if self.money else self.value

    def text(self, lang: str) -> str:
        shown = self.shown()
        return shown.text(lang) if isinstance(shown, Amount) else _percent(self.value)

    def short_by(self, edge: Decimal, lower: bool) -> Any:
        gap = EXACT.subtract(self.value, edge) if lower else EXACT.subtract(edge, self.value)
        return Amount(gap, Kind.MONEY, "万元") if self.money else gap

    def short_text(self, edge: Decimal, lower: bool, lang: str) -> str:
        gap = self.short_by(edge, lower)
        return gap.text(lang) if isinstance(gap, Amount) else _points_gap(gap, lang)


class _ShownRate:
    """Display of a growth rate: subclasses give :meth:`shown` (rounded down to a millionth)."""

    def shown(self) -> Decimal:
        raise NotImplementedError

    def text(self, lang: str) -> str:
        return _percent(self.shown())

    def short_by(self, edge: Decimal, lower: bool) -> Decimal:
        return EXACT.subtract(edge, self.shown())

    def short_text(self, edge: Decimal, lower: bool, lang: str) -> str:
        return _points_gap(self.short_by(edge, lower), lang)


@attrs.frozen
class Growth(_ShownRate):
    """Growth of ``new`` over ``base`` across ``years`` years (``base`` > 0), compared without
    division or roots: growth ≥ r ⇔ new ≥ base × (1 + r) ** years. With ``years`` = 1 this is
    a yearly growth rate; with 2, a compound (CAGR) rate."""

    new: Decimal
    base: Decimal
    years: int = 1

    def compare(self, edge: Decimal) -> int:
        factor = EXACT.power(EXACT.add(Decimal(1), edge), self.years)
        return _sign(EXACT.subtract(self.new, EXACT.multiply(self.base, factor)))

    def shown(self) -> Decimal:
        ctx = _SHOW
        ratio = ctx.divide(self.new, self.base)
        if self.years != 1:
            ratio = ctx.power(ratio, ctx.divide(Decimal(1), Decimal(self.years)))
        # Rounded down, so that a rate below a band's edge is never shown at the edge; in the
        # wide context, so that a rate of 10^40 (its 34 digits and 6 places) can be shown.
        return ctx.subtract(ratio, Decimal(1)).quantize(_DISPLAY, ROUND_FLOOR, context=EXACT)


@attrs.frozen
class MeanGrowth(_ShownRate):
    """The arithmetic mean of two yearly growth rates, y3 → y2 → y1 (y1 the latest year).

    mean ≥ r ⇔ (y1/y2 − 1 + y2/y3 − 1) / 2 ≥ r ⇔ y1·y3 + y2² ≥ (2 + 2r)·y2·y3, with y2, y3 > 0:
    compared exactly, without division.
    """

    y1: Decimal
    y2: Decimal
    y3: Decimal

    def compare(self, edge: Decimal) -> int:
        ctx = EXACT
        left = ctx.add(ctx.multiply(self.y1, self.y3), ctx.multiply(self.y2, self.y2))
        factor = ctx.multiply(ctx.add(Decimal(2), ctx.multiply(Decimal(2), edge)), self.y2)
        return _sign(ctx.subtract(left, ctx.multiply(factor, self.y3)))

    def shown(self) -> Decimal:
        ctx = _SHOW
        first = ctx.subtract(ctx.divide(self.y2, self.y3), Decimal(1))
        second = ctx.subtract(ctx.divide(self.y1, self.y2), Decimal(1))
        mean = ctx.divide(ctx.add(first, second), Decimal(2))
        return mean.quantize(_DISPLAY, ROUND_FLOOR, context=EXACT)


@attrs.frozen
class Missing:
    """The facts an indicator needs are absent (JSON keys of the facts)."""

    facts: tuple[str, ...]


@attrs.frozen
class Undefined:
    """The indicator cannot be computed from the facts given: a growth rate over a base year of
    0 (``zero`` names those facts). A reviewer must score it."""

    zero: tuple[str, ...]


def fact_names(labels: Mapping[str, Message], facts: Sequence[str]) -> Message:
    """Facts as a person reads them: their labels in Chinese; label and key in English."""
    words = [labels.get(f) or Message(f, f) for f in facts]
    return Message(
        "、".join(w.zh for w in words),
        ", ".join(
            w.en if w.en == f else f"{w.en} ({f})" for w, f in zip(words, facts, strict=True)
        ),
    )


def _reason(ind: Indicator, raw: Missing | Undefined) -> Message:
    if isinstance(raw, Missing):
        names = fact_names(ind.labels, raw.facts)
        return Message(f"缺少事实：{names.zh}", f"missing fact(s): {names.en}")
    names = fact_names(ind.labels, raw.zero)
    return Message(
        f"{names.zh}为0，增长率无法计算", f"{names.en} is 0, so the growth rate is undefined"
    )


# ---------------------------------------------------------------------------------------------
# Scoring one indicator: the points now, the words when read
# ---------------------------------------------------------------------------------------------


@attrs.frozen
class NextBand:
    """The band just above the one earned: its points, the gain, and what reaching it needs.

    ``needs`` maps each measure (or ``value``, ``years``, ``items``) to what is required and
    how far the applicant is from it; ``text`` is the band's line of the source text (or its
    name), ``label`` the band as messages describe it.
    """

    points: Decimal
    gain: Decimal
    text: str
    needs: Mapping[str, Any]
    advice: Message
    label: Message | None = None

    def as_mapping(self) -> dict[str, Any]:
        """The values as they are (Decimal, Amount), for ``Decision.results``."""
        return {
            "points": self.points,
            "gain": self.gain,
            "band": self.text,
            "needs": dict(self.needs),
            "advice": self.advice.to_dict(),
        }

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready form."""
        result: dict[str, Any] = jsonable(self.as_mapping())
        return result


@attrs.frozen
class _Shown:
    """What an indicator's explanation and results show (computed when first read)."""

    value: Any = None
    value_text: Message | None = None
    band: str | None = None
    band_label: Message | None = None
    next_up: NextBand | None = None


@attrs.frozen
class Scored:
    """One indicator, scored: status and points (an interval while facts are missing) decided at
    once; the value, band and next band up as messages show them, written when first read.

    ``status``: ``met`` full points; ``not_met`` fewer than full points; ``unknown`` a fact is
    missing; ``review`` the value cannot be computed (a reviewer scores it). ``raw`` is the
    input, ``index`` the band or option earned (the whole steps for ``steps``), ``pending`` what
    leaves the points undetermined.
    """

    indicator: Indicator
    status: Status
    low: Decimal
    high: Decimal
    raw: Any = None
    index: int = -1
    pending: Missing | Undefined | None = None
    inclusive: bool = True
    _cache: list[_Shown] = attrs.field(factory=list, eq=False, repr=False)

    @property
    def points(self) -> Decimal | None:
        """The points earned, or ``None`` while they are not determined."""
        return self.low if self.low == self.high else None

    def _shown(self) -> _Shown:
        cache = self._cache
        if not cache:
            cache.append(_shown(self))
        return cache[0]

    @property
    def value(self) -> Any:
        return self._shown().value

    @property
    def value_text(self) -> Message | None:
        return self._shown().value_text

    @property
    def band(self) -> str | None:
        """The band's line of the source text (or its name)."""
        return self._shown().band

    @property
    def band_label(self) -> Message | None:
        """The band as messages describe it, its edges as scored."""
        return self._shown().band_label

    @property
    def next_up(self) -> NextBand | None:
        return self._shown().next_up

    @property
    def reason(self) -> Message | None:
        """Why the points are undetermined (``None`` when they are)."""
        return None if self.pending is None else _reason(self.indicator, self.pending)


def _determined(
    ind: Indicator, points: Decimal, raw: Any, index: int, inclusive: bool = True
) -> Scored:
    status = Status.MET if points == ind.max_points else Status.NOT_MET
    return Scored(ind, status, points, points, raw, index, inclusive=inclusive)


def _undetermined(ind: Indicator, raw: Missing | Undefined, low: Decimal | None = None) -> Scored:
    status = Status.UNKNOWN if isinstance(raw, Missing) else Status.REVIEW
    floor = ind.min_points if low is None else low
    return Scored(ind, status, floor, ind.max_points, pending=raw)


def _reaches(band: Band, values: Mapping[str, Measurement], lower: bool, inclusive: bool) -> bool:
    if not band.edges:
        return True
    for name, edge in band.edges.items():
        measurement = values.get(name)
        if measurement is None:
            continue
        sign = measurement.compare(edge)
        if lower:
            sign = -sign
        if sign > 0 or (sign == 0 and band.in_better(inclusive)):
            return True
    return False


def _score_bands(ind: Indicator, raw: Mapping[str, Any], inclusive: bool) -> Scored:
    known = {k: v for k, v in raw.items() if not isinstance(v, Missing | Undefined)}
    lower = ind.direction == "lower"
    index = next(i for i, b in enumerate(ind.bands) if _reaches(b, known, lower, inclusive))
    if index > 0 and len(known) < len(raw):
        pending = [v for v in raw.values() if isinstance(v, Missing | Undefined)]
        missing = [p for p in pending if isinstance(p, Missing)]
        reason = Missing(tuple(f for p in missing for f in p.facts)) if missing else pending[0]
        return _undetermined(ind, reason, ind.bands[index].points)
    return _determined(ind, ind.bands[index].points, raw, index, inclusive)


def score(ind: Indicator, raw: Any, *, inclusive: bool) -> Scored:
    """Score one indicator from its input: per kind, a mapping of measure → Measurement |
    Missing | Undefined (``bands``), an option value (``choice``), whole years (``steps``), a
    list of items (``items``), a Decimal score (``supplied``) — or :class:`Missing`.
    ``inclusive`` is where an edge the text leaves open scores (banded indicators)."""
    kind = ind.kind
    if kind == "bands":
        return _score_bands(ind, raw, inclusive)
    if isinstance(raw, Missing):
        return _undetermined(ind, raw)
    if kind == "choice":
        index = next(i for i, c in enumerate(ind.choices) if c.value == raw)
        return _determined(ind, ind.choices[index].points, raw, index)
    if kind == "steps":
        full = int(raw) // ind.step
        return _determined(ind, min(ind.points_per_step * full, ind.max_points), raw, full)
    if kind == "items":
        held = sum(1 for c in ind.choices if c.value in raw)
        return _determined(ind, min(ind.points_per_item * held, ind.max_points), raw, held)
    return _determined(ind, raw, raw, 0)


# -- the words (when read) --------------------------------------------------------------------

_AT_LEAST = ("不低于{}", "at least {}")
_ABOVE = ("高于{}", "above {}")
_BELOW = ("低于{}", "below {}")
_AT_MOST = ("不超过{}", "at most {}")


def _bound_text(
    ind: Indicator, band: Band, inclusive: bool, *, threshold: bool, prefix: bool
) -> Message:
    """One bound of a band as words: ``band``'s edge, seen from the band above it (``threshold``
    = False, the bound is its lower-scoring side) or from itself (``threshold`` = True).

    With several measures each is named and they are joined by 或 (reaching any measure's
    threshold suffices) or 且 (staying below every measure's threshold).
    """
    higher = ind.direction == "higher"
    included = band.in_better(inclusive)
    if threshold:
        form = (_AT_LEAST if included else _ABOVE) if higher else (_AT_MOST if included else _BELOW)
    else:
        form = (_BELOW if included else _AT_MOST) if higher else (_ABOVE if included else _AT_LEAST)
    parts: dict[str, list[str]] = {"zh": [], "en": []}
    for measure, edge in band.edges.items():
        for lang, words in (("zh", form[0]), ("en", form[1])):
            said = words.format(_edge_text(edge, ind.measures[measure], lang))
            if prefix:
                name = ind.word(measure).get(lang)
                said = f"{name}{said}" if lang == "zh" else f"{name} {said}"
            parts[lang].append(said)
    join = ("或", " or ") if threshold else ("且", " and ")
    return Message(join[0].join(parts["zh"]), join[1].join(parts["en"]))


def band_label(ind: Indicator, index: int, inclusive: bool) -> Message:
    """Band ``index`` of a banded indicator in words, its edges as scored under ``inclusive``
    (e.g. "不低于3%且低于5%" when 3% is open and included, 5% fixed in the band above)."""
    band = ind.bands[index]
    multi = len(ind.measures) > 1
    parts: list[Message] = []
    if band.edges:
        parts.append(_bound_text(ind, band, inclusive, threshold=True, prefix=multi))
    if index > 0:
        above = _bound_text(ind, ind.bands[index - 1], inclusive, threshold=False, prefix=multi)
        if multi and band.edges:
            above = Message("未达上一档", "short of the band above")
        parts.append(above)
    if ind.direction == "lower":
        parts.reverse()
    zh = ("，且" if multi else "且").join(p.zh for p in parts)
    en = (", " if multi else " and ").join(p.en for p in parts)
    return Message(zh, en)


def _band_advice(
    ind: Indicator, band: Band, values: Mapping[str, Measurement], inclusive: bool
) -> tuple[dict[str, Any], Message]:
    lower = ind.direction == "lower"
    reach = band.in_better(inclusive)
    needs: dict[str, Any] = {}
    zh: list[str] = []
    en: list[str] = []
    for name, edge in band.edges.items():
        m = values[name]
        target = Plain(edge, money=ind.measures[name] == "money")
        short = m.short_by(edge, lower)
        needs[name] = {"at": target.shown(), "short_by": short}
        if lower:
            verb_zh = "降至" if reach else "降至低于"
            verb_en = "bring it down to" if reach else "bring it below"
            more_zh, more_en = "降低", "lower by"
        else:
            verb_zh = "提高至" if reach else "提高至超过"
            verb_en = "raise it to" if reach else "raise it above"
            more_zh, more_en = "提高", "raise by"
        if (short.value if isinstance(short, Amount) else short) == 0:
            # Exactly on an edge that scores in the band below: any move past it will do.
            zh.append(f"{verb_zh}{target.text('zh')}（现恰为该值）")
            en.append(f"{verb_en} {target.text('en')} (it is exactly at it now)")
            continue
        zh.append(f"{verb_zh}{target.text('zh')}（尚须{more_zh}{m.short_text(edge, lower, 'zh')}）")
        en.append(f"{verb_en} {target.text('en')} ({more_en} {m.short_text(edge, lower, 'en')})")
    return needs, Message("或".join(zh), " or ".join(en))


def _shown_bands(s: Scored) -> _Shown:
    ind, index, inclusive = s.indicator, s.index, s.inclusive
    known = {k: v for k, v in s.raw.items() if not isinstance(v, Missing | Undefined)}
    value_text = Message(
        "、".join(m.text("zh") for m in known.values()),
        ", ".join(m.text("en") for m in known.values()),
    )
    shown = {k: m.shown() for k, m in known.items()}
    value = shown[next(iter(shown))] if len(shown) == 1 else shown
    next_up = None
    if index > 0:
        above, band = ind.bands[index - 1], ind.bands[index]
        needs, advice = _band_advice(ind, above, known, inclusive)
        label = band_label(ind, index - 1, inclusive)
        next_up = NextBand(
            above.points, above.points - band.points, above.text, needs, advice, label
        )
    return _Shown(
        value, value_text, ind.bands[index].text, band_label(ind, index, inclusive), next_up
    )


def _shown_choice(s: Scored) -> _Shown:
    ind, choice = s.indicator, s.indicator.choices[s.index]
    better = [c for c in ind.choices if c.points > choice.points]
    next_up = None
    if better:
        up = min(better, key=lambda c: c.points)
        word = ind.word(up.value)
        advice = Message(f"达到“{word.zh}”", f"reach “{word.en}”")
        label = Message(up.text, word.en)
        next_up = NextBand(
            up.points, up.points - choice.points, up.text, {"value": up.value}, advice, label
        )
    word = ind.word(s.raw)
    return _Shown(s.raw, word, choice.text, Message(choice.text, word.en), next_up)


def _shown_steps(s: Scored) -> _Shown:
    ind, years, full = s.indicator, int(s.raw), s.index
    points = s.low
    if full:
        band = Message(f"满{full * ind.step}年", f"{full * ind.step} full years")
    else:
        band = Message(f"不满{ind.step}年", f"fewer than {ind.step} full years")
    next_up = None
    if points < ind.max_points:
        target = (full + 1) * ind.step
        gain = min(ind.points_per_step * (full + 1), ind.max_points) - points
        advice = Message(
            f"满{target}年（尚差{target - years}年）",
            f"{target} full years ({target - years} more)",
        )
        needs = {"years": {"at": target, "short_by": target - years}}
        label = Message(f"满{target}年", f"{target} full years")
        next_up = NextBand(points + gain, gain, label.zh, needs, advice, label)
    return _Shown(years, Message(f"{years}年", f"{years} years"), band.zh, band, next_up)


def _shown_items(s: Scored) -> _Shown:
    ind, raw, points = s.indicator, s.raw, s.low
    held = [c for c in ind.choices if c.value in raw]
    next_up = None
    if points < ind.max_points:
        gain = min(ind.points_per_item * (len(held) + 1), ind.max_points) - points
        lacking = [c for c in ind.choices if c.value not in raw]
        advice = Message(
            "再满足一项：" + "、".join(ind.word(c.value).zh for c in lacking),
            "one more of: " + ", ".join(ind.word(c.value).en for c in lacking),
        )
        label = Message(f"{len(held) + 1}项", f"{len(held) + 1} items")
        next_up = NextBand(
            points + gain, gain, label.zh, {"items": [c.value for c in lacking]}, advice, label
        )
    text = Message(
        "、".join(ind.word(c.value).zh for c in held) or "无",
        ", ".join(ind.word(c.value).en for c in held) or "none",
    )
    band = Message(f"{len(held)}项", f"{len(held)} items")
    return _Shown(list(raw), text, band.zh, band, next_up)


def _shown_supplied(s: Scored) -> _Shown:
    shown = format_decimal(s.raw)
    text = Message(f"提供的得分{shown}分", f"{shown} points (supplied)")
    band = Message("按提供的得分", "supplied score")
    return _Shown(s.raw, text, band.zh, band, None)


_SHOWN: Mapping[str, Callable[[Scored], _Shown]] = {
    "bands": _shown_bands,
    "choice": _shown_choice,
    "steps": _shown_steps,
    "items": _shown_items,
    "supplied": _shown_supplied,
}


def _shown(s: Scored) -> _Shown:
    if s.pending is not None:
        return _Shown()
    return _SHOWN[s.indicator.kind](s)


def _pts(value: Decimal) -> str:
    return format_decimal(value)


def _negate(value: Any) -> Any:
    if isinstance(value, Amount):
        return Amount(-value.value, value.kind, value.unit)
    return -value


def indicator_text(s: Scored) -> Rendered:
    """The explanation of an indicator: points earned, band, and the nearest band up
    (``measured`` holds value, band and points; ``required`` the maximum and the next band;
    ``gap`` how far the value is from the next band's edge)."""
    ind = s.indicator
    head, top = ind.heading, _pts(ind.max_points)
    if s.points is None:
        reason = s.reason
        assert reason is not None
        low, high = _pts(s.low), _pts(s.high)
        zh = f"{head.zh}：{reason.zh}，得分在{low}–{high}分之间（满分{top}分）。"
        en = f"{head.en}: {reason.en}; scores between {low} and {high} (out of {top})."
        if s.status is Status.REVIEW:
            zh = zh.rstrip("。") + "，须由评审人员评分。"
            en = en.rstrip(".") + "; a reviewer must score it."
    else:
        value_text, label, pts = s.value_text, s.band_label, _pts(s.low)
        assert value_text is not None
        assert label is not None
        zh = f"{head.zh}：{value_text.zh}，所在档“{label.zh}”，得{pts}分（满分{top}分）"
        band_en = "" if label.en == value_text.en else f", band “{label.en}”"
        en = f"{head.en}: {value_text.en}{band_en}: {pts} of {top} points"
        nxt = s.next_up
        if nxt is not None:
            up = nxt.label or Message(nxt.text, nxt.text)
            gets, gain = _pts(nxt.points), _pts(nxt.gain)
            zh += f"；上一档“{up.zh}”得{gets}分（+{gain}分）：{nxt.advice.zh}"
            en += f"; next band “{up.en}” gives {gets} (+{gain}): {nxt.advice.en}"
        zh += "。"
        en += "."
    if ind.note is not None:
        zh += ind.note.zh
        en += " " + ind.note.en
    measured: dict[str, Any] = {"value": s.value, "band": s.band_label, "points": s.points}
    if s.points is None:
        measured["points_range"] = {"min": s.low, "max": s.high}
    required: dict[str, Any] = {"max_points": ind.max_points}
    gap: Any = None
    nxt = s.next_up
    if nxt is not None:
        required["next_band"] = nxt.label
        required["next_points"] = nxt.points
        numeric = {k: v["short_by"] for k, v in nxt.needs.items() if isinstance(v, Mapping)}
        if numeric:
            negated = {k: _negate(v) for k, v in numeric.items()}
            gap = next(iter(negated.values())) if len(negated) == 1 else negated
    return Message(zh, en), measured, required, gap


# ---------------------------------------------------------------------------------------------
# The card: every indicator scored, with group and total intervals (for the results)
# ---------------------------------------------------------------------------------------------


@attrs.frozen
class ScoreCard:
    """Every indicator scored, with group and total intervals."""

    table: ScoringTable
    scored: tuple[Scored, ...]

    def interval(self, names: Iterable[str] | None = None) -> tuple[Decimal, Decimal]:
        """(fewest, most) points of the named indicators (all by default)."""
        wanted = None if names is None else set(names)
        low = high = _ZERO
        for s in self.scored:
            if wanted is None or s.indicator.name in wanted:
                low, high = EXACT.add(low, s.low), EXACT.add(high, s.high)
        return low, high

    def pending(self, names: Iterable[str] | None = None) -> tuple[Scored, ...]:
        """The undetermined indicators among ``names`` (all by default)."""
        chosen = set(names) if names is not None else None
        return tuple(
            s
            for s in self.scored
            if s.points is None and (chosen is None or s.indicator.name in chosen)
        )

    def results(self, params: Mapping[str, Any] | None = None) -> dict[str, Any]:
        """Total, points by group and by indicator, the nearest band up of each indicator and
        the improvements ranked by gain (what would raise the score most)."""
        low, high = self.interval()
        groups: dict[str, Any] = {}
        for g in self.table.groups:
            g_low, g_high = self.interval(g.indicators)
            entry: dict[str, Any] = {
                "title": g.title.zh,
                "points": g_low if g_low == g_high else None,
                "min": g_low,
                "max": g_high,
                "max_points": g.max_points,
            }
            if g.minimum is not None and params is not None:
                entry["minimum"] = params[g.minimum]
            groups[g.name] = entry
        indicators = {
            s.indicator.name: {
                "label": s.indicator.label,
                "group": s.indicator.group,
                "status": s.status,
                "points": s.points,
                "min": s.low,
                "max": s.high,
                "max_points": s.indicator.max_points,
                "band": s.band,
                "value": s.value,
            }
            for s in self.scored
        }
        ups = [(s, s.next_up) for s in self.scored]
        nearest = {s.indicator.name: up.as_mapping() if up else None for s, up in ups}
        ranked = sorted(
            ((s, up) for s, up in ups if up is not None),
            key=lambda p: (-p[1].gain, p[0].indicator.order),
        )
        improvements = [
            {
                "indicator": s.indicator.name,
                "label": s.indicator.label,
                "gain": up.gain,
                "band": up.text,
            }
            for s, up in ranked
        ]
        return {
            "total": low if low == high else None,
            "total_range": {"min": low, "max": high},
            "max_points": sum((g.max_points for g in self.table.groups), _ZERO),
            "groups": groups,
            "indicators": indicators,
            "nearest_band_up": nearest,
            "improvements": improvements,
        }


CARD_RESULTS = (
    "total",
    "total_range",
    "max_points",
    "groups",
    "indicators",
    "nearest_band_up",
    "improvements",
)
"""The keys :meth:`ScoreCard.results` gives."""


# ---------------------------------------------------------------------------------------------
# The criterion kinds
# ---------------------------------------------------------------------------------------------


def _measurement(ref: Ref, value: Any, money: bool) -> Any:
    """An input of a banded indicator: a measure's own result, or a fact as a :class:`Plain`."""
    if value is None:
        return Missing((ref.path if isinstance(ref, Fact) else ref.name,))
    if isinstance(value, Decimal):
        return Plain(value, money=money)
    return value  # a Measurement, Missing or Undefined from a measure


@attrs.frozen
class IndicatorScore(Criterion):
    """One indicator of a scoring table ("②上年度研发费用占营业收入比重（20分）：≥5%=20；3–5%=15
    …"): the value read (``reads``: per measure for a banded indicator, else one reference)
    earns the points of the row it falls in. Informational (the group and total criteria
    decide): ``met`` at full points, ``not_met`` below, ``unknown`` while a fact is missing (the
    points an interval), ``review`` when the value cannot be computed."""

    table: TableSpec = attrs.field(repr=False)
    indicator: str
    reads: Ref | Mapping[str, Ref]

    kind: ClassVar[str] = "indicator_score"

    def scored(self, row: Row) -> Scored:
        """The indicator scored for the application in ``row`` (once per evaluation)."""
        found: Scored | None = row.memo.get(self.id)
        if found is None:
            ind = self.table.table(row).indicator(self.indicator)
            reads = self.reads
            if isinstance(reads, Mapping):
                money = ind.measures
                raw: Any = {
                    m: _measurement(r, row(r), money[m] == "money") for m, r in reads.items()
                }
            else:
                raw = row(reads)
                if raw is None:
                    raw = Missing((reads.path if isinstance(reads, Fact) else reads.name,))
            inclusive = row.params[self.table.inclusive.name]
            found = row.memo[self.id] = score(ind, raw, inclusive=inclusive)
        return found

    def decide(self, row: Row) -> Finding:
        s = self.scored(row)
        return row.ctx.finding(self.id, s.status, render=partial(indicator_text, s))

    def references(self) -> tuple[Ref, ...]:
        reads = tuple(self.reads.values()) if isinstance(self.reads, Mapping) else (self.reads,)
        spec = next(i for i in self.table.indicators if i.name == self.indicator)
        return (*reads, *(Param(n) for n in spec.names()), self.table.inclusive)


def _pending_text(pending: Sequence[Scored]) -> Message:
    return Message(
        "、".join(s.indicator.heading.zh for s in pending),
        "; ".join(s.indicator.heading.en for s in pending),
    )


def score_status(
    low: Decimal, high: Decimal, required: Decimal, pending: Sequence[Status]
) -> Status:
    """A score of ``low``–``high`` points against "``required``分以上": ``met`` when even the
    fewest points reach it, ``not_met`` when even the most do not, else ``unknown`` (``review``
    when only uncomputable indicators are pending)."""
    if low >= required:
        return Status.MET
    if high < required:
        return Status.NOT_MET
    return Status.UNKNOWN if Status.UNKNOWN in pending else Status.REVIEW


def score_text(
    status: Status,
    low: Decimal,
    high: Decimal,
    required: Decimal,
    subject: Message,
    pending: Sequence[Scored],
) -> Rendered:
    """The explanation of a :class:`ScoreAtLeast` finding."""
    req = _pts(required)
    if low == high:
        if status is Status.MET:
            zh = f"{subject.zh}为{_pts(low)}分，要求不低于{req}分，符合。"
            en = f"{subject.en} is {_pts(low)} points; required at least {req}: met."
        else:
            short = _pts(EXACT.subtract(required, low))
            zh = f"{subject.zh}为{_pts(low)}分，要求不低于{req}分，相差{short}分，不符合。"
            en = (
                f"{subject.en} is {_pts(low)} points; required at least {req}; short by {short}: "
                "not met."
            )
        return Message(zh, en), low, required, EXACT.subtract(low, required)
    wait = _pending_text(pending)
    gap: Any = None
    if status is Status.MET:
        zh = (
            f"{subject.zh}至少{_pts(low)}分（待定：{wait.zh}），要求不低于{req}分，"
            "无论待定指标如何均符合。"
        )
        en = (
            f"{subject.en} is at least {_pts(low)} points (pending: {wait.en}); required at "
            f"least {req}: met whatever the pending indicators score."
        )
        gap = EXACT.subtract(low, required)
    elif status is Status.NOT_MET:
        zh = (
            f"{subject.zh}至多{_pts(high)}分（待定：{wait.zh}），要求不低于{req}分，"
            "即使待定指标得满分也不符合。"
        )
        en = (
            f"{subject.en} is at most {_pts(high)} points (pending: {wait.en}); required at "
            f"least {req}: not met even with full marks on the pending indicators."
        )
        gap = EXACT.subtract(high, required)
    else:
        zh = (
            f"{subject.zh}在{_pts(low)}–{_pts(high)}分之间，要求不低于{req}分，"
            f"取决于待定指标：{wait.zh}。"
        )
        en = (
            f"{subject.en} is between {_pts(low)} and {_pts(high)} points; required at least "
            f"{req}: depends on the pending indicators: {wait.en}."
        )
    return Message(zh, en), {"min": low, "max": high}, required, gap


@attrs.frozen
class ScoreAtLeast(Criterion):
    """A score — the sum of some indicators' points (a group's, or the total) — of at least a
    parameter ("评价得分60分以上": 以上 includes the number, 《民法典》第一千二百五十九条).

    While facts are missing the score is an interval (each pending indicator from its fewest to
    its most points): ``met`` as soon as even the fewest points reach the minimum, ``not_met``
    as soon as even the most do not, ``unknown`` (``review``) only in between.
    """

    indicators: tuple[IndicatorScore, ...]
    param: Param
    subject: Message

    kind: ClassVar[str] = "score_at_least"

    def decide(self, row: Row) -> Finding:
        scored = [i.scored(row) for i in self.indicators]
        low = high = _ZERO
        for s in scored:
            low, high = EXACT.add(low, s.low), EXACT.add(high, s.high)
        required: Decimal = row.params[self.param.name]
        pending = tuple(s for s in scored if s.low != s.high)
        status = score_status(low, high, required, [s.status for s in pending])
        return row.ctx.finding(
            self.id,
            status,
            render=partial(score_text, status, low, high, required, self.subject, pending),
        )

    def references(self) -> tuple[Ref, ...]:
        return (*(r for i in self.indicators for r in i.references()), self.param)


# -- "one or the other": three-valued logic ----------------------------------------------------


def _unsure(statuses: Sequence[Status]) -> Status:
    return Status.UNKNOWN if Status.UNKNOWN in statuses else Status.REVIEW


def either(statuses: Iterable[Status]) -> Status:
    """Three-valued OR: any ``met`` → met; all ``not_met`` (or none) → not_met; else
    ``unknown`` (``review`` when no fact is missing but a reviewer must decide)."""
    seen = list(statuses)
    if Status.MET in seen:
        return Status.MET
    if all(s is Status.NOT_MET for s in seen):
        return Status.NOT_MET
    return _unsure(seen)


def both(statuses: Iterable[Status]) -> Status:
    """Three-valued AND: any ``not_met`` → not_met; all ``met`` → met; else unknown/review."""
    seen = list(statuses)
    if Status.NOT_MET in seen:
        return Status.NOT_MET
    if all(s is Status.MET for s in seen):
        return Status.MET
    return _unsure(seen)


def _explained(finding: Finding) -> Rendered:
    """A part's explanation, written from its renderer: this runs inside the parent's
    renderer, which holds the findings' render lock (not reentrant), so reading the part's
    ``message`` there would wait for itself."""
    render = finding._render
    if render is not None:
        return render()
    return finding.message, finding.measured, finding.required, finding.gap


def _any_of_text(
    first: Finding, second: Finding, bridge: Message, keys: tuple[str, str]
) -> Rendered:
    one, two = _explained(first), _explained(second)
    return (
        Message(f"{one[0].zh}{bridge.zh}{two[0].zh}", f"{one[0].en}{bridge.en}{two[0].en}"),
        {keys[0]: one[1], keys[1]: two[1]},
        {keys[0]: one[2], keys[1]: two[2]},
        {keys[0]: one[3], keys[1]: two[3]},
    )


@attrs.frozen
class AnyOf(Criterion):
    """ "A, or (failing A) B": one finding that either part satisfies (three-valued OR).

    ``first`` met decides alone (its finding is the answer). Otherwise ``second`` is tested too
    and the finding says both, ``bridge`` between them; ``keys`` name the two in its measured,
    required and gap values. The parts decide with this criterion's id (and citation).
    """

    first: Criterion
    second: Criterion
    keys: tuple[str, str]
    bridge: Message

    kind: ClassVar[str] = "any_of"

    @property
    def parts(self) -> tuple[Criterion, ...]:
        return (self.first, self.second)

    def decide(self, row: Row) -> Finding:
        first = self.first.decide(row)
        if first.status is Status.MET:
            return first
        second = self.second.decide(row)
        status = either([first.status, second.status])
        return row.ctx.finding(
            self.id, status, render=partial(_any_of_text, first, second, self.bridge, self.keys)
        )

    def references(self) -> tuple[Ref, ...]:
        return (*self.first.references(), *self.second.references())


# -- "the route, OR any direct condition" ------------------------------------------------------


def _binding(overall: Status, route: Status, status: Status) -> bool:
    """Whether a finding of a route binds: see :func:`bind_routes`."""
    if overall is Status.NOT_MET:
        return True
    if overall is Status.MET:
        return route is Status.MET and status is Status.MET
    return route is not Status.NOT_MET and status is not Status.NOT_MET


def bind_routes(
    overall: Status, routes: Sequence[tuple[Status, Sequence[Finding]]]
) -> list[Finding]:
    """Mark binding exactly the findings the outcome of "route A OR route B …" rests on.

    * ``overall`` met: the met findings of the met route(s) (the score route's findings all
      hold; of the direct conditions, those that are met); the rest explain only.
    * ``overall`` not_met: every finding (each route failed, and each finding says why).
    * ``overall`` unknown/review: the findings still open in the routes still open; a route
      that has failed, and a condition that has failed, explain only — so that no binding
      ``not_met`` makes the Decision ineligible while another route could still succeed.

    The Decision's aggregation over binding findings then equals the three-valued OR.
    """
    out: list[Finding] = []
    for route, findings in routes:
        for f in findings:
            binding = _binding(overall, route, f.status)
            out.append(f if f.binding is binding else _rebound(f, binding))
    return out


def _rebound(finding: Finding, binding: bool) -> Finding:
    """``finding`` with another binding flag; one not yet explained stays so (its renderer is
    carried over, not run)."""
    render = finding._render
    if finding._message is None and render is not None:
        return Finding(
            finding.id, finding.status, None, finding.citation, binding=binding, render=render
        )
    return attrs.evolve(finding, binding=binding)


_ROUTE_WORDS = {
    Status.MET: Message("满足", "met"),
    Status.NOT_MET: Message("不满足", "not met"),
    Status.UNKNOWN: Message("尚不能确定（缺少事实）", "not yet determined (facts missing)"),
    Status.REVIEW: Message("须审查", "needs review"),
}


@attrs.frozen
class Outcome:
    """The parts of a :class:`RouteOrDirect` decided: their findings (bound), the status of
    each route and the overall status."""

    findings: Mapping[str, Finding]
    route: Status
    direct: Status
    overall: Status

    def statuses(self) -> dict[str, Status]:
        """The ``routes`` result: each route's status and the overall one."""
        return {"score": self.route, "direct": self.direct, "overall": self.overall}


def route_text(
    overall: Status,
    outcome: Outcome,
    titles: Sequence[Message],
    template: Message,
    noun: Message,
    params: Mapping[str, Any],
    data: ParameterSet,
) -> Rendered:
    """The explanation of a :class:`RouteOrDirect` finding (``template`` says the route,
    filled with ``params``)."""
    subject = fill(template, params, data)
    if overall is Status.MET and outcome.route is Status.MET:
        zh, en = f"符合：{subject.zh}。", f"Met: {subject.en}."
    elif overall is Status.MET:
        zh = f"符合：满足{noun.zh}（" + "；".join(t.zh for t in titles) + "）。"
        en = f"Met through a {noun.en} (" + "; ".join(t.en for t in titles) + ")."
    elif overall is Status.NOT_MET:
        zh = f"不符合：{subject.zh}不满足，且不满足任何{noun.zh}。"
        en = f"Not met: {subject.en} fails, and no {noun.en} is met."
    else:
        s_word, d_word = _ROUTE_WORDS[outcome.route], _ROUTE_WORDS[outcome.direct]
        zh = f"尚不能确定：{subject.zh}{s_word.zh}；{noun.zh}{d_word.zh}。"
        en = f"Not yet determined: {subject.en} {s_word.en}; {noun.en}s {d_word.en}."
    measured = {"score": outcome.route.value, "direct": outcome.direct.value}
    return Message(zh, en), measured, None, None


@attrs.frozen
class RouteOrDirect(Criterion):
    """ "Every test of the route, OR any one of the direct conditions" (评价得分达到60分以上，或满足
    下列条件之一 …), in three-valued logic.

    The parts (``route``: all must hold; ``direct``: one suffices) are criteria of their own,
    each with its finding, listed in the definition through :meth:`members`; this criterion
    decides them once, marks binding exactly the findings the outcome rests on
    (:func:`bind_routes`) and gives the binding summary. ``subject`` says the route (filled from
    the parameters), ``noun`` names a direct condition ("直接认定条件").
    """

    route: tuple[Criterion, ...]
    direct: tuple[Criterion, ...]
    subject: Message
    noun: Message

    kind: ClassVar[str] = "route_or_direct"

    @property
    def parts(self) -> tuple[Criterion, ...]:
        return (*self.route, *self.direct)

    def members(self) -> tuple[Routed, ...]:
        """The parts as the definition lists them (each gives its bound finding)."""
        return tuple(Routed(part.id, part, self) for part in self.parts)

    def outcome(self, row: Row) -> Outcome:
        """Every part decided, bound; the routes' statuses (once per evaluation)."""
        key = f"{self.id}:outcome"
        found: Outcome | None = row.memo.get(key)
        if found is None:
            route = [part.decide(row) for part in self.route]
            direct = [part.decide(row) for part in self.direct]
            route_status = both(f.status for f in route)
            direct_status = either(f.status for f in direct)
            overall = either([route_status, direct_status])
            bound = bind_routes(overall, [(route_status, route), (direct_status, direct)])
            found = row.memo[key] = Outcome(
                {f.id: f for f in bound}, route_status, direct_status, overall
            )
        return found

    def decide(self, row: Row) -> Finding:
        outcome = self.outcome(row)
        overall = outcome.overall
        titles: list[Message] = []
        if overall is Status.MET and outcome.route is not Status.MET:
            titles = [
                row.title(p.id) for p in self.direct if outcome.findings[p.id].status is Status.MET
            ]
        return row.ctx.finding(
            self.id,
            overall,
            render=partial(
                route_text,
                overall,
                outcome,
                titles,
                self.subject,
                self.noun,
                row.params,
                row.ctx.data,
            ),
        )

    def references(self) -> tuple[Ref, ...]:
        return tuple(Param(n) for n in placeholders(self.subject))


@attrs.frozen
class Routed(Criterion):
    """A part of a :class:`RouteOrDirect` in the definition's list: its finding, bound as the
    outcome requires."""

    part: Criterion = attrs.field(repr=False)
    routes: RouteOrDirect = attrs.field(repr=False, eq=False)

    kind: ClassVar[str] = "routed"

    def decide(self, row: Row) -> Finding:
        return self.routes.outcome(row).findings[self.id]

    def references(self) -> tuple[Ref, ...]:
        return self.part.references()


def references_of(*items: object) -> tuple[Ref, ...]:
    """The references of facts, measures, parameters and filled subjects among ``items``."""
    found: list[Ref] = []
    for item in items:
        if isinstance(item, Fact | Measure | Param):
            found.append(item)
        elif isinstance(item, Filled):
            found += item.references()
    return tuple(found)
