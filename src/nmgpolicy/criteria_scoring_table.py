"""A scoring table's rows and indicators: as the data file gives them (:class:`RowSpec`,
:class:`IndicatorSpec`, :class:`GroupSpec`) and resolved with the parameter values of an
evaluation (:class:`Band`, :class:`Choice`, :class:`Indicator`, :class:`Group`,
:class:`ScoringTable`).

Resolving checks the table (points fall row by row, edges move away from the best band) and
keeps each row's source words while its numbers are those the words state; a row an override
changed is written anew ("≥5%=20", "3–5%=15", "<1%=0"). Reading the data file is
:mod:`nmgpolicy.criteria_scoring_spec`; the overview is :mod:`nmgpolicy.criteria_scoring`.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable, Mapping
from decimal import Decimal
from typing import Any

import attrs

from nmgpolicy.criteria_scoring_fill import fill, placeholders
from nmgpolicy.errors import InputError
from nmgpolicy.outcome import Amount, Message
from nmgpolicy.params import ParameterSet
from nmgpolicy.units import Kind, format_decimal

__all__ = [
    "Band",
    "Choice",
    "Group",
    "GroupSpec",
    "Indicator",
    "IndicatorSpec",
    "RowSpec",
    "ScoringTable",
]

_ZERO = Decimal(0)


def _check(ok: bool, where: str, message: str) -> None:
    if not ok:
        raise InputError.single(where, message)


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


def _written_choice(labels: Mapping[str, Message], value: str, points: Decimal) -> str:
    """An option as a row of the source text ("Ⅰ类知识产权1项以上=12"), for an option whose
    points an override changed."""
    return f"{(labels.get(value) or Message(value, value)).zh}={format_decimal(points)}"


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
