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

from collections.abc import Callable, Mapping, Sequence
from decimal import MAX_EMAX, MAX_PREC, MIN_EMIN, Context, Decimal
from typing import Any

import attrs

from nmgpolicy.criteria_scoring_fill import fill, placeholders
from nmgpolicy.errors import InputError, Problem
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
    "row_problems",
]

_ZERO = Decimal(0)
_HUNDRED = Decimal(100)
_EXACT = Context(prec=MAX_PREC, Emax=MAX_EMAX, Emin=MIN_EMIN)
"""Exact arithmetic for the examples of a fix (a neighbour's value plus a step is never rounded,
whatever the caller's decimal context)."""
_STEP_DIGITS = 5
"""How many steps an example tries (1, 0.1, … 0.0001 of the coarsest) before the middle."""


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


def _shown_value(data: ParameterSet, name: str, value: Any) -> str:
    """A parameter's value as a caller writes it: a share or a ratio as a percentage ("5%"), an
    amount with its unit ("400万元"), a number bare."""
    parameter = data.parameters.get(name)
    type_name = parameter.type if parameter is not None else ""
    if not isinstance(value, Decimal):
        return str(value)
    if type_name in ("share", "ratio"):
        return f"{format_decimal(_EXACT.multiply(value, _HUNDRED))}%"
    if type_name == "amount:money":
        return Amount(value, Kind.MONEY, "万元").text("zh")
    if parameter is not None and type_name.startswith("amount:"):
        return str(parameter.display(value))
    return format_decimal(value)


def _quoted_value(data: ParameterSet, name: str, value: Any) -> str:
    """:func:`_shown_value`, quoted as a caller writes it in JSON (a whole ``int`` bare)."""
    if isinstance(value, int) and not isinstance(value, bool):
        return str(value)
    return f'"{_shown_value(data, name, value)}"'


def _steps(data: ParameterSet, name: str) -> tuple[Decimal, ...]:
    """The steps tried, coarsest first, for an example one step past a neighbour's value: a
    percentage point (then tenths …) for a share, 1万元 for money, 1 (then tenths …) otherwise;
    a whole number only by whole steps."""
    parameter = data.parameters.get(name)
    type_name = parameter.type if parameter is not None else ""
    if type_name == "int":
        return (Decimal(1),)
    base = {"share": Decimal("0.01"), "ratio": Decimal("0.01"), "amount:money": Decimal(10000)}
    first = base.get(type_name, Decimal(1))
    return tuple(first.scaleb(-k) for k in range(_STEP_DIGITS))


def _fits(data: ParameterSet, name: str, value: Any, bounds: tuple[Any, Any], strict: bool) -> bool:
    """Whether ``value`` lies between ``bounds`` (low, high; ``None`` open) and in the range of
    the parameter ``name``."""
    low, high = bounds
    if low is not None and (value <= low if strict else value < low):
        return False
    if high is not None and (value >= high if strict else value > high):
        return False
    parameter = data.parameters.get(name)
    found = parameter.range if parameter is not None else None
    return found is None or found.contains(value)


def _example(
    data: ParameterSet,
    name: str,
    toward: tuple[Any, int],
    bounds: tuple[Any, Any],
    strict: bool,
) -> Any:
    """A valid value for ``name`` next to its neighbour's: ``toward`` is (the neighbour's value,
    the side of it the value must be on: -1 below, +1 above), ``bounds`` what both neighbours
    allow. A strict order gives the neighbour's value one step past it (the coarsest step that
    fits, e.g. 19 below 20, "4%" below 5%); a loose one the neighbour's value itself. When no
    step fits, the middle of ``bounds``; when the bounds leave no room (the neighbours
    themselves are out of order), one step past the neighbour all the same."""
    other, side = toward
    if not strict and _fits(data, name, other, bounds, strict):
        return other
    steps = _steps(data, name)
    for step in steps:
        moved = _EXACT.add(other, _EXACT.multiply(step, side))
        candidate: Any = int(moved) if isinstance(other, int) else moved
        if _fits(data, name, candidate, bounds, strict):
            return candidate
    low, high = bounds
    if low is not None and high is not None and not isinstance(other, int):
        middle = _EXACT.divide(_EXACT.add(low, high), 2)
        if _fits(data, name, middle, bounds, strict):
            return middle
    fallback = _EXACT.add(other, _EXACT.multiply(steps[0], side))
    return int(fallback) if isinstance(other, int) else fallback


@attrs.frozen
class _Chain:
    """Parameters of one indicator that must be ordered down its rows: ``names`` from the best
    row down, each below the one before it (``descending``) or above it, strictly or not;
    ``words`` is what the order means ("points must fall band by band") and ``row`` how a
    neighbour is called ("band", "option"). ``blame_worse_first`` keeps which of two parameters
    out of order a problem names when both are overridden (the worse row's points, the better
    row's edge)."""

    names: tuple[str, ...]
    descending: bool
    strict: bool
    words: str
    row: str
    blame_worse_first: bool


def _chains(spec: IndicatorSpec) -> tuple[_Chain, ...]:
    """The orders an indicator's rows must keep: points (falling band by band, never rising
    option by option), and each measure's edges (moving away from the best band)."""
    rows = spec.rows
    if spec.kind == "choice":
        words = "options are listed best first: points must not rise option by option"
        return (_Chain(tuple(r.points for r in rows), True, False, words, "option", True),)
    if spec.kind != "bands":
        return ()
    found = [_Chain(tuple(r.points for r in rows), True, True, _FALL, "band", True)]
    for m in spec.measures:
        names = tuple(r.edges[m] for r in rows[:-1] if m in r.edges)
        found.append(_Chain(names, spec.direction == "higher", True, _AWAY, "band", False))
    return tuple(found)


_FALL = "points must fall band by band"
_AWAY = "edges must move away from the best band"


Blame = Callable[[Sequence[str]], tuple[str, str]]
"""Which of the parameters out of order a problem names, and where: (name, path) — the first
the caller overrode (``$.parameters.<name>``), else the data file's first."""


def _chain_problems(
    data: ParameterSet, chain: _Chain, values: Mapping[str, Any], blame: Blame
) -> list[Problem]:
    """A problem for each pair of neighbours out of order, at the parameter ``blame`` names
    (an overridden one), naming both values and a valid example for the one named."""
    names, problems = chain.names, []
    for k in range(1, len(names)):
        better, worse = names[k - 1], names[k]
        high, low = values[better], values[worse]
        if not chain.descending:
            high, low = low, high
        if high > low or (not chain.strict and high == low):
            continue
        name, where = blame((worse, better) if chain.blame_worse_first else (better, worse))
        index = k if name == worse else k - 1
        other = names[k - 1] if index == k else names[k]
        # what the named parameter must lie between: the rows before and after it
        before = values[names[index - 1]] if index > 0 else None
        after = values[names[index + 1]] if index + 1 < len(names) else None
        bounds = (after, before) if chain.descending else (before, after)
        # below the row before it and above the row after it (descending), or the reverse
        side = -1 if (index == k) == chain.descending else 1
        if chain.strict:
            relation = "below" if side < 0 else "above"
        else:
            relation = "at most" if side < 0 else "at least"
        position = f"the {chain.row} before it" if index == k else f"the {chain.row} after it"
        example = _example(data, name, (values[other], side), bounds, chain.strict)
        problems.append(
            Problem(
                where,
                f"{chain.words}: {name} ({_shown_value(data, name, values[name])}) must be "
                f"{relation} {other} ({_shown_value(data, other, values[other])}) of {position}"
                f"; e.g. {_quoted_value(data, name, example)}",
            )
        )
    return problems


def row_problems(
    data: ParameterSet,
    spec: IndicatorSpec,
    values: Mapping[str, Any],
    blame: Blame,
) -> list[Problem]:
    """What keeps an indicator's rows from being a table, with ``values`` (every problem, at the
    parameter ``blame`` names): points fall band by band and never rise option by option,
    edges move away from the best band."""
    problems: list[Problem] = []
    for chain in _chains(spec):
        problems += _chain_problems(data, chain, values, blame)
    return problems


def _resolve_indicator(
    data: ParameterSet,
    spec: IndicatorSpec,
    values: Mapping[str, Any],
    source: tuple[Mapping[str, Any], bool],
) -> Indicator:
    """One indicator with ``values`` (checked already: :func:`row_problems`); ``source`` is (the
    values the rows' source words state, where an edge the text leaves open scores)."""
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
