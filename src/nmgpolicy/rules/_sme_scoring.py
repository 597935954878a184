"""Shared scoring machinery of the 优质中小企业 rule sets (工信部企业〔2022〕63号 附件1 and 附件2).

Both annexes score an enterprise on a 100-point table of indicators grouped in categories, and
both admit it either on the score (附件1 also needs a minimum per group) or on any one of a few
*direct* conditions. This module holds what the two rule sets share, written once:

* the scoring tables, read from the data files (``[groups.*]``, ``[indicators.*]``) and checked
  when loaded (:func:`scoring_table`);
* the five kinds of indicator: numeric ``bands`` (a band is reached when any of its measures
  reaches its edge, e.g. ⑪ "≥500万或占比≥10%"), enumerated ``choice``, ``steps`` ("每满2年得1分"),
  ``items`` ("每项3分") and a ``supplied`` score (the province's 特色化 indicators);
* the band edges: each band row of a data file gives its bounds and, for each bound, whether the
  text includes it (``true``: "≥5%", "≤55%"), excludes it (``false``: "<1%", ">75%") or leaves it
  ``"open"`` ("3–5%"). An edge the text fixes is scored as the text says whatever the parameter;
  only an edge both neighbouring bands leave open follows ``band_lower_inclusive`` (``true``: an
  exact edge value scores in the higher-scoring band). See docs/rules/sme.md, "Band edges";
* missing facts as intervals: an indicator whose fact is absent may score anything from its
  lowest to its highest band, so a group, a total or a route is ``unknown`` only when the
  missing facts could still change its outcome, and ``met`` / ``not_met`` as soon as they could
  not;
* exact comparisons: growth is compared by cross-multiplication against a power (``new >= base
  * (1 + r) ** n``), never through division or roots; displayed rates are rounded, decisions
  are not;
* the nearest band up of every indicator (what would raise the score, and by how much);
* three-valued logic for "A or B" routes (:func:`either`, :func:`both`) and :func:`bind_routes`,
  which marks binding exactly the findings the outcome rests on, so that the Decision's
  aggregation (any binding ``not_met`` → ineligible) expresses "score route OR direct route";
* the general admission conditions of 63号 as attestations (:func:`general_conditions`) and the
  "近N年" windows as parameters (:func:`window_years`).

Chinese text names facts and code values through the data files' ``[labels]`` tables, never by
their keys.
"""

from __future__ import annotations

import decimal
import functools
import itertools
from collections.abc import Iterable, Mapping, Sequence
from decimal import ROUND_FLOOR, Decimal
from typing import Any, Literal, Protocol

import attrs

from nmgpolicy.convert import Count
from nmgpolicy.criteria import attestation
from nmgpolicy.engine import Context
from nmgpolicy.errors import InputError, Problem, shown
from nmgpolicy.outcome import Amount, Finding, Message, Status, jsonable
from nmgpolicy.params import ParameterSet, load_parameters
from nmgpolicy.units import Kind, format_decimal, parse_amount, parse_share

__all__ = [
    "AWARD_NAMES",
    "EXACT",
    "GENERAL_CONDITIONS",
    "LEVEL_NAMES",
    "AwardLevel",
    "Band",
    "Choice",
    "Group",
    "Growth",
    "Indicator",
    "IpClass",
    "MeanGrowth",
    "Measurement",
    "Missing",
    "NextBand",
    "Plain",
    "RdInstitutionLevel",
    "ScienceAward",
    "ScoreCard",
    "Scored",
    "ScoringTable",
    "Undefined",
    "band_label",
    "bind_routes",
    "both",
    "check_awards",
    "check_unique",
    "either",
    "fact_names",
    "general_conditions",
    "indicator_finding",
    "interval_finding",
    "plain",
    "route_finding",
    "score",
    "score_all",
    "scoring_table",
    "table_from",
    "window_years",
    "yearly_growth",
]

# Every comparison runs in this context: facts have at most 50 significant digits (units.py),
# so the products compared below (at most three factors) are exact at 400 digits.
EXACT = decimal.Context(prec=400)
"""The context of every comparison and sum of points (exact for the inputs units.py admits)."""
# Displayed rates (growth) are rounded to a millionth (0.0001 %); decisions never use them.
_DISPLAY = Decimal("0.000001")
_SHOW = decimal.Context(prec=34)  # display only: 6 places shown

IpClass = Literal["class1_high_value", "class1_own", "class1", "class2", "none"]
"""The best valid intellectual property related to the main product (附件1 ①, 附件2 ⑩):
``class1_high_value`` Ⅰ类高价值知识产权 1项以上; ``class1_own`` 自主研发的Ⅰ类知识产权 1项以上;
``class1`` Ⅰ类知识产权 1项以上; ``class2`` Ⅱ类知识产权 1项以上; ``none`` 无."""

RdInstitutionLevel = Literal["national", "provincial", "municipal", "below_municipal", "none"]
"""The level of the enterprise's recognised R&D institution: ``national`` 国家级,
``provincial`` 省（部）级, ``municipal`` 市级, ``below_municipal`` 市级以下, ``none`` 未建立."""

LEVEL_NAMES: Mapping[str, Message] = {
    "national": Message("国家级", "national"),
    "provincial": Message("省（部）级", "provincial or ministerial"),
    "municipal": Message("市级", "municipal"),
    "below_municipal": Message("市级以下", "below municipal"),
    "none": Message("未建立", "none"),
}
"""Readable names of the :data:`RdInstitutionLevel` values."""

AWARD_NAMES: Mapping[str, Message] = {
    "national": Message("国家级", "national"),
    "provincial": Message("省级", "provincial"),
}
"""Readable names of the :data:`AwardLevel` values."""

AwardLevel = Literal["national", "provincial"]
"""The level of a science and technology award: ``national`` 国家级, ``provincial`` 省级."""


@attrs.frozen
class ScienceAward:
    """One national or provincial science and technology award (科技奖励) of the last three years.

    ``rank`` is the enterprise's place among the winning units (1 = first); 附件2 requires the
    first three (provincial) or first five (national), 附件1 only the award. List only awards
    received within the three years before the application.
    """

    level: AwardLevel
    rank: Count | None = None
    name: str | None = None


# --------------------------------------------------------------------------------------------
# Scoring tables (data)
# --------------------------------------------------------------------------------------------


@attrs.frozen
class Band:
    """One band of a numeric indicator: its points, its line of the source text, and the edge it
    shares with the next (lower-scoring) band, per measure.

    ``fixed`` says how the text places a value exactly on that edge: ``True`` in this band
    ("≥5%=20", or "<1%=0" below it), ``False`` in the next band, ``None`` when the text leaves it
    open (then the parameter ``band_lower_inclusive`` decides). The last band of a table is the
    catch-all (no edges).
    """

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
    """One scoring indicator as the data file gives it (see the data files' headers).

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
    points_per_step: Decimal = Decimal(0)
    points_per_item: Decimal = Decimal(0)
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
        return Decimal(0)

    @property
    def heading(self) -> Message:
        """``①与主导产品相关的有效知识产权`` and its English counterpart."""
        return Message(f"{self.label}{self.title.zh}", f"{self.label} {self.title.en}")

    def word(self, code: str) -> Message:
        """How a code value or a fact reads (its label; the code itself without one)."""
        return self.labels.get(code) or Message(code, code)


@attrs.frozen
class Group:
    """A category of indicators (创新能力, 成长性 …), its maximum and its minimum parameter."""

    name: str
    order: int
    title: Message
    max_points: Decimal
    minimum: str | None
    indicators: tuple[str, ...]


@attrs.frozen
class ScoringTable:
    """A rule set's scoring table: groups and indicators in table order."""

    ruleset: str
    groups: tuple[Group, ...]
    indicators: tuple[Indicator, ...]

    def indicator(self, name: str) -> Indicator:
        for ind in self.indicators:
            if ind.name == name:
                return ind
        raise InputError.single("$.indicator", f"no indicator {name!r}")


_KINDS = frozenset({"bands", "choice", "steps", "items", "supplied"})
_MEASURE_TYPES = frozenset({"share", "money", "growth"})


def _check(ok: bool, where: str, message: str) -> None:
    if not ok:
        raise InputError.single(where, message)


def _message(data: object, where: str) -> Message:
    _check(isinstance(data, Mapping) and {"zh", "en"} <= set(data), where, "expected {zh, en}")
    assert isinstance(data, Mapping)
    return Message(str(data["zh"]), str(data["en"]))


def _edge(value: object, measure_type: str, where: str) -> Decimal:
    if measure_type == "money":
        return parse_amount(value, Kind.MONEY, path=where)
    return parse_share(value, path=where)


def _bound(
    row: Mapping[str, Any], side: str, measures: Mapping[str, str], where: str
) -> tuple[dict[str, Decimal], bool | None] | None:
    """A band row's ``lower`` or ``upper`` bound (per measure) and its ``*_inclusive`` flag."""
    raw = row.get(side)
    if raw is None:
        _check(f"{side}_inclusive" not in row, f"{where}.{side}_inclusive", f"no {side} bound")
        return None
    if not isinstance(raw, Mapping):
        _check(len(measures) == 1, f"{where}.{side}", "give the bound per measure")
        raw = {next(iter(measures)): raw}
    _check(set(raw) == set(measures), f"{where}.{side}", "the bound needs each measure")
    flag = row.get(f"{side}_inclusive")
    _check(
        isinstance(flag, bool) or flag == "open",
        f"{where}.{side}_inclusive",
        'true (the text includes the edge), false (excludes it) or "open"',
    )
    values = {m: _edge(v, measures[m], f"{where}.{side}.{m}") for m, v in raw.items()}
    return values, flag if isinstance(flag, bool) else None


def _bands(
    spec: Mapping[str, Any], measures: Mapping[str, str], direction: str, where: str
) -> tuple[Band, ...]:
    """The band rows, best first, checked: contiguous, monotonic, each edge placed once.

    A row's bounds are value bounds (``lower`` ≤ value ≤ ``upper``): for a higher-is-better
    indicator a band's threshold (the edge it shares with the next band) is its ``lower``, for
    a lower-is-better one its ``upper``.
    """
    rows = list(spec.get("bands", []))
    _check(len(rows) >= 2, f"{where}.bands", "a banded indicator needs at least two bands")
    threshold, outer = ("lower", "upper") if direction == "higher" else ("upper", "lower")
    bounds = []
    for index, row in enumerate(rows):
        at = f"{where}.bands[{index}]"
        mine = _bound(row, threshold, measures, at)
        theirs = _bound(row, outer, measures, at)
        last = index == len(rows) - 1
        _check((mine is None) == last, at, f"every band but the last has a {threshold} bound")
        _check(
            (theirs is None) == (index == 0), at, f"every band but the first has an {outer} bound"
        )
        _check("source" in row, f"{at}.source", "the band's line of the source text")
        bounds.append((mine, theirs))
    bands: list[Band] = []
    for index, row in enumerate(rows):
        mine, _ = bounds[index]
        fixed: bool | None = None
        if mine is not None:
            _, theirs = bounds[index + 1]
            assert theirs is not None
            at = f"{where}.bands[{index + 1}].{outer}"
            _check(theirs[0] == mine[0], at, "must equal the edge of the band above")
            says = {mine[1], None if theirs[1] is None else not theirs[1]} - {None}
            _check(len(says) <= 1, at, "the two bands place the same edge on both sides")
            fixed = says.pop() if says else None
        bands.append(
            Band(Decimal(row["points"]), str(row["source"]), {} if mine is None else mine[0], fixed)
        )
    for upper, lower in itertools.pairwise(bands):
        _check(upper.points > lower.points, f"{where}.bands", "points must fall band by band")
    for better, worse in itertools.pairwise(bands[:-1]):
        for m, edge in better.edges.items():
            ordered = edge > worse.edges[m] if direction == "higher" else edge < worse.edges[m]
            _check(ordered, f"{where}.bands", "edges must move away from the best band")
    return tuple(bands)


def _indicator(
    name: str, spec: Mapping[str, Any], where: str, labels: Mapping[str, Message] | None = None
) -> Indicator:
    kind = str(spec.get("kind"))
    _check(kind in _KINDS, f"{where}.kind", f"unknown kind {kind!r}")
    measures = {str(k): str(v) for k, v in spec.get("measures", {}).items()}
    _check(set(measures.values()) <= _MEASURE_TYPES, f"{where}.measures", "unknown measure type")
    direction = str(spec.get("direction", "higher"))
    _check(direction in {"higher", "lower"}, f"{where}.direction", "higher or lower")
    choices = tuple(
        Choice(str(c["value"]), Decimal(c.get("points", 0)), str(c["source"]))
        for c in spec.get("choices", spec.get("items", []))
    )
    note = spec.get("note")
    ind = Indicator(
        name=name,
        order=int(spec["order"]),
        group=str(spec["group"]),
        label=str(spec["label"]),
        title=_message(spec.get("title"), f"{where}.title"),
        kind=kind,
        max_points=Decimal(spec["max"]),
        direction=direction,
        measures=measures,
        bands=_bands(spec, measures, direction, where) if kind == "bands" else (),
        choices=choices,
        step=int(spec.get("step", 0)),
        points_per_step=Decimal(spec.get("points_per_step", 0)),
        points_per_item=Decimal(spec.get("points_per_item", 0)),
        text=str(spec.get("source", "")),
        note=_message(note, f"{where}.note") if note is not None else None,
        unverified=bool(spec.get("unverified", False)),
        labels=dict(labels or {}),
    )
    best = {
        "bands": lambda: ind.bands[0].points,
        "choice": lambda: max(c.points for c in ind.choices),
        "steps": lambda: ind.max_points if ind.step > 0 else Decimal(-1),
        "items": lambda: min(ind.points_per_item * len(ind.choices), ind.max_points),
        "supplied": lambda: ind.max_points,
    }[kind]()
    _check(best == ind.max_points, f"{where}.max", "the best band must give the maximum")
    return ind


@functools.cache
def scoring_table(ruleset_id: str) -> ScoringTable:
    """The scoring table of ``ruleset_id``'s data file, checked: every indicator's best band
    gives its maximum, points fall band by band, the bands are contiguous and each edge is
    placed once, each group's maximum is the sum of its indicators' maxima. A defect raises
    :class:`InputError` naming the data-file path."""
    return table_from(load_parameters(ruleset_id))


def table_from(data: ParameterSet) -> ScoringTable:
    """Build and check a :class:`ScoringTable` from a loaded data file."""
    source = f"{data.ruleset}.toml:"
    specs = data.extra.get("indicators", {})
    indicators = sorted(
        (_indicator(n, s, f"{source}indicators.{n}", data.labels) for n, s in specs.items()),
        key=lambda i: i.order,
    )
    groups: list[Group] = []
    for name, spec in data.extra.get("groups", {}).items():
        where = f"{source}groups.{name}"
        members = tuple(i.name for i in indicators if i.group == name)
        maximum = Decimal(spec["max"])
        _check(
            maximum == sum((i.max_points for i in indicators if i.group == name), Decimal(0)),
            f"{where}.max",
            "a group's maximum must be the sum of its indicators' maxima",
        )
        minimum = spec.get("minimum")
        _check(
            minimum is None or minimum in data.parameters,
            f"{where}.minimum",
            "must name a parameter",
        )
        groups.append(
            Group(
                name=name,
                order=int(spec["order"]),
                title=_message(spec.get("title"), f"{where}.title"),
                max_points=maximum,
                minimum=None if minimum is None else str(minimum),
                indicators=members,
            )
        )
    known = {g.name for g in groups}
    for ind in indicators:
        _check(ind.group in known, f"{source}indicators.{ind.name}.group", "unknown group")
    return ScoringTable(
        ruleset=data.ruleset,
        groups=tuple(sorted(groups, key=lambda g: g.order)),
        indicators=tuple(indicators),
    )


# --------------------------------------------------------------------------------------------
# Measurements: a fact (or a computed rate) compared exactly against a band edge
# --------------------------------------------------------------------------------------------


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
        return _sign(EXACT.subtract(self.value, edge))

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
    """Display of a growth rate: subclasses give :meth:`shown` (rounded down to _DISPLAY)."""

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


Raw = Any
"""An indicator's input: per kind, a mapping of measure → Measurement | Missing | Undefined
(``bands``), an option value (``choice``), whole years (``steps``), a list of items
(``items``), a Decimal score (``supplied``) — or :class:`Missing`."""


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


# --------------------------------------------------------------------------------------------
# Scoring one indicator
# --------------------------------------------------------------------------------------------


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
class Scored:
    """One indicator, scored: status, points (an interval while facts are missing), band.

    ``status``: ``met`` full points; ``not_met`` fewer than full points; ``unknown`` a fact is
    missing; ``review`` the value cannot be computed (a reviewer scores it). ``band`` is the
    band's line of the source text (or its name); ``band_label`` the band as messages
    describe it, with its edges as scored.
    """

    indicator: Indicator
    status: Status
    low: Decimal
    high: Decimal
    value: Any = None
    value_text: Message | None = None
    band: str | None = None
    next_up: NextBand | None = None
    reason: Message | None = None
    band_label: Message | None = None

    @property
    def points(self) -> Decimal | None:
        """The points earned, or ``None`` while they are not determined."""
        return self.low if self.low == self.high else None


def _determined(
    ind: Indicator,
    points: Decimal,
    band: str,
    value: Any,
    value_text: Message | None,
    next_up: NextBand | None,
    band_label: Message,
) -> Scored:
    status = Status.MET if points == ind.max_points else Status.NOT_MET
    return Scored(
        ind, status, points, points, value, value_text, band, next_up, band_label=band_label
    )


def _undetermined(ind: Indicator, raw: Missing | Undefined, low: Decimal | None = None) -> Scored:
    status = Status.UNKNOWN if isinstance(raw, Missing) else Status.REVIEW
    floor = ind.min_points if low is None else low
    return Scored(ind, status, floor, ind.max_points, reason=_reason(ind, raw))


# How a bound reads: (the value is on the side of the edge) → (zh, en).
_AT_LEAST = ("不低于{}", "at least {}")
_ABOVE = ("高于{}", "above {}")
_BELOW = ("低于{}", "below {}")
_AT_MOST = ("不超过{}", "at most {}")


def _edge_text(ind: Indicator, measure: str, edge: Decimal, lang: str) -> str:
    return Plain(edge, money=ind.measures[measure] == "money").text(lang)


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
            said = words.format(_edge_text(ind, measure, edge, lang))
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
        needs[name] = {"at": target.shown(), "short_by": m.short_by(edge, lower)}
        if lower:
            verb_zh = "降至" if reach else "降至低于"
            verb_en = "bring it down to" if reach else "bring it below"
            more_zh, more_en = "降低", "lower by"
        else:
            verb_zh = "提高至" if reach else "提高至超过"
            verb_en = "raise it to" if reach else "raise it above"
            more_zh, more_en = "提高", "raise by"
        short = m.short_by(edge, lower)
        if (short.value if isinstance(short, Amount) else short) == 0:
            # Exactly on an edge that scores in the band below: any move past it will do.
            zh.append(f"{verb_zh}{target.text('zh')}（现恰为该值）")
            en.append(f"{verb_en} {target.text('en')} (it is exactly at it now)")
            continue
        zh.append(f"{verb_zh}{target.text('zh')}（尚须{more_zh}{m.short_text(edge, lower, 'zh')}）")
        en.append(f"{verb_en} {target.text('en')} ({more_en} {m.short_text(edge, lower, 'en')})")
    return needs, Message("或".join(zh), " or ".join(en))


def _score_bands(ind: Indicator, raw: Raw, inclusive: bool) -> Scored:
    known = {k: v for k, v in raw.items() if not isinstance(v, Missing | Undefined)}
    lower = ind.direction == "lower"
    index = next(i for i, b in enumerate(ind.bands) if _reaches(b, known, lower, inclusive))
    band = ind.bands[index]
    pending = [v for v in raw.values() if isinstance(v, Missing | Undefined)]
    if pending and index > 0:
        missing = [p for p in pending if isinstance(p, Missing)]
        facts = tuple(f for p in missing for f in p.facts)
        reason: Missing | Undefined = Missing(facts) if missing else pending[0]
        return _undetermined(ind, reason, band.points)
    value_text = Message(
        "、".join(m.text("zh") for m in known.values()),
        ", ".join(m.text("en") for m in known.values()),
    )
    shown = {k: m.shown() for k, m in known.items()}
    value = shown[next(iter(shown))] if len(shown) == 1 else shown
    next_up = None
    if index > 0:
        above = ind.bands[index - 1]
        needs, advice = _band_advice(ind, above, known, inclusive)
        next_up = NextBand(
            above.points,
            above.points - band.points,
            above.text,
            needs,
            advice,
            band_label(ind, index - 1, inclusive),
        )
    label = band_label(ind, index, inclusive)
    return _determined(ind, band.points, band.text, value, value_text, next_up, label)


def _score_choice(ind: Indicator, raw: Raw) -> Scored:
    if isinstance(raw, Missing):
        return _undetermined(ind, raw)
    choice = next(c for c in ind.choices if c.value == raw)
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
    word = ind.word(raw)
    label = Message(choice.text, word.en)
    return _determined(ind, choice.points, choice.text, raw, word, next_up, label)


def _score_steps(ind: Indicator, raw: Raw) -> Scored:
    if isinstance(raw, Missing):
        return _undetermined(ind, raw)
    years = int(raw)
    full = years // ind.step
    points = min(ind.points_per_step * full, ind.max_points)
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
    text = Message(f"{years}年", f"{years} years")
    return _determined(ind, points, band.zh, years, text, next_up, band)


def _score_items(ind: Indicator, raw: Raw) -> Scored:
    if isinstance(raw, Missing):
        return _undetermined(ind, raw)
    held = [c for c in ind.choices if c.value in raw]
    points = min(ind.points_per_item * len(held), ind.max_points)
    next_up = None
    if points < ind.max_points:
        gain = min(ind.points_per_item * (len(held) + 1), ind.max_points) - points
        lacking = [c for c in ind.choices if c.value not in raw]
        advice = Message(
            "再满足一项：" + "、".join(ind.word(c.value).zh for c in lacking),
            "one more of: " + ", ".join(ind.word(c.value).en for c in lacking),
        )
        needs = {"items": [c.value for c in lacking]}
        label = Message(f"{len(held) + 1}项", f"{len(held) + 1} items")
        next_up = NextBand(points + gain, gain, label.zh, needs, advice, label)
    text = Message(
        "、".join(ind.word(c.value).zh for c in held) or "无",
        ", ".join(ind.word(c.value).en for c in held) or "none",
    )
    band = Message(f"{len(held)}项", f"{len(held)} items")
    return _determined(ind, points, band.zh, list(raw), text, next_up, band)


def _score_supplied(ind: Indicator, raw: Raw) -> Scored:
    if isinstance(raw, Missing):
        return _undetermined(ind, raw)
    shown = format_decimal(raw)
    text = Message(f"提供的得分{shown}分", f"{shown} points (supplied)")
    band = Message("按提供的得分", "supplied score")
    return _determined(ind, raw, band.zh, raw, text, None, band)


def score(ind: Indicator, raw: Raw, *, inclusive: bool) -> Scored:
    """Score one indicator from its input (see :data:`Raw`); ``inclusive`` is
    ``band_lower_inclusive``: where an edge the text leaves open scores (banded indicators)."""
    if ind.kind == "bands":
        return _score_bands(ind, raw, inclusive)
    scorer = {
        "choice": _score_choice,
        "steps": _score_steps,
        "items": _score_items,
        "supplied": _score_supplied,
    }[ind.kind]
    return scorer(ind, raw)


@attrs.frozen
class ScoreCard:
    """Every indicator scored, with group and total intervals."""

    table: ScoringTable
    scored: tuple[Scored, ...]

    def interval(self, names: Iterable[str] | None = None) -> tuple[Decimal, Decimal]:
        """(fewest, most) points of the named indicators (all by default)."""
        wanted = None if names is None else set(names)
        low = high = Decimal(0)
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
        nearest = {
            s.indicator.name: s.next_up.as_mapping() if s.next_up else None for s in self.scored
        }
        ranked = sorted(
            (s for s in self.scored if s.next_up is not None),
            key=lambda s: (-s.next_up.gain if s.next_up else 0, s.indicator.order),
        )
        improvements = [
            {
                "indicator": s.indicator.name,
                "label": s.indicator.label,
                "gain": s.next_up.gain,
                "band": s.next_up.text,
            }
            for s in ranked
            if s.next_up is not None
        ]
        return {
            "total": low if low == high else None,
            "total_range": {"min": low, "max": high},
            "max_points": sum((g.max_points for g in self.table.groups), Decimal(0)),
            "groups": groups,
            "indicators": indicators,
            "nearest_band_up": nearest,
            "improvements": improvements,
        }


def score_all(table: ScoringTable, inputs: Mapping[str, Raw], *, inclusive: bool) -> ScoreCard:
    """Score every indicator of ``table`` from ``inputs`` (indicator name → input)."""
    return ScoreCard(
        table, tuple(score(i, inputs[i.name], inclusive=inclusive) for i in table.indicators)
    )


# --------------------------------------------------------------------------------------------
# Findings
# --------------------------------------------------------------------------------------------


def _pts(value: Decimal) -> str:
    return format_decimal(value)


def indicator_finding(ctx: Context, ruleset_id: str, s: Scored) -> Finding:
    """The informational finding ``<ruleset>.indicator.<name>``: points earned, band, and
    the nearest band up (``measured`` holds value, band and points; ``required`` the maximum and
    the next band; ``gap`` how far the value is from the next band's edge)."""
    ind = s.indicator
    head = ind.heading
    top = _pts(ind.max_points)
    if s.points is None:
        assert s.reason is not None
        zh = f"{head.zh}：{s.reason.zh}，得分在{_pts(s.low)}–{_pts(s.high)}分之间（满分{top}分）。"
        en = (
            f"{head.en}: {s.reason.en}; scores between {_pts(s.low)} and {_pts(s.high)} "
            f"(out of {top})."
        )
        if s.status is Status.REVIEW:
            zh = zh.rstrip("。") + "，须由评审人员评分。"
            en = en.rstrip(".") + "; a reviewer must score it."
    else:
        assert s.value_text is not None
        assert s.band_label is not None
        label = s.band_label
        pts = _pts(s.points)
        zh = f"{head.zh}：{s.value_text.zh}，所在档“{label.zh}”，得{pts}分（满分{top}分）"
        band_en = "" if label.en == s.value_text.en else f", band “{label.en}”"
        en = f"{head.en}: {s.value_text.en}{band_en}: {_pts(s.points)} of {top} points"
        if s.next_up is not None:
            nxt = s.next_up
            up = nxt.label or Message(nxt.text, nxt.text)
            zh += f"；上一档“{up.zh}”得{_pts(nxt.points)}分（+{_pts(nxt.gain)}分）：{nxt.advice.zh}"
            en += (
                f"; next band “{up.en}” gives {_pts(nxt.points)} (+{_pts(nxt.gain)}): "
                f"{nxt.advice.en}"
            )
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
    if s.next_up is not None:
        required["next_band"] = s.next_up.label
        required["next_points"] = s.next_up.points
        numeric = {k: v["short_by"] for k, v in s.next_up.needs.items() if isinstance(v, Mapping)}
        if numeric:
            negated = {k: _negate(v) for k, v in numeric.items()}
            gap = next(iter(negated.values())) if len(negated) == 1 else negated
    return ctx.finding(
        f"{ruleset_id}.indicator.{ind.name}",
        s.status,
        zh,
        en,
        measured=measured,
        required=required,
        gap=gap,
        binding=False,
    )


def _negate(value: Any) -> Any:
    if isinstance(value, Amount):
        return Amount(-value.value, value.kind, value.unit)
    return -value


def _pending_text(pending: Sequence[Scored]) -> Message:
    return Message(
        "、".join(s.indicator.heading.zh for s in pending),
        "; ".join(s.indicator.heading.en for s in pending),
    )


def interval_finding(
    ctx: Context,
    criterion_id: str,
    low: Decimal,
    high: Decimal,
    required: Decimal,
    subject: Message,
    pending: Sequence[Scored],
) -> Finding:
    """A score (or group score) of ``low``–``high`` points against "``required``分以上"
    (《民法典》第一千二百五十九条: 以上 includes the number).

    ``met`` when even the fewest points reach it, ``not_met`` when even the most do not,
    else ``unknown`` (``review`` when only uncomputable indicators are pending): missing facts
    decide the status only when they could change it.
    """
    req = _pts(required)
    wait = _pending_text(pending)
    if low == high:
        measured: Any = low
        gap: Any = EXACT.subtract(low, required)
        ok = low >= required
        if ok:
            status = Status.MET
            zh = f"{subject.zh}为{_pts(low)}分，要求不低于{req}分，符合。"
            en = f"{subject.en} is {_pts(low)} points; required at least {req}: met."
        else:
            status = Status.NOT_MET
            zh = (
                f"{subject.zh}为{_pts(low)}分，要求不低于{req}分，"
                f"相差{_pts(EXACT.subtract(required, low))}分，不符合。"
            )
            en = (
                f"{subject.en} is {_pts(low)} points; required at least {req}; short by "
                f"{_pts(EXACT.subtract(required, low))}: not met."
            )
        return ctx.finding(
            criterion_id, status, zh, en, measured=measured, required=required, gap=gap
        )
    measured = {"min": low, "max": high}
    if low >= required:
        status = Status.MET
        zh = (
            f"{subject.zh}至少{_pts(low)}分（待定：{wait.zh}），要求不低于{req}分，"
            f"无论待定指标如何均符合。"
        )
        en = (
            f"{subject.en} is at least {_pts(low)} points (pending: {wait.en}); required at "
            f"least {req}: met whatever the pending indicators score."
        )
        gap = EXACT.subtract(low, required)
    elif high < required:
        status = Status.NOT_MET
        zh = (
            f"{subject.zh}至多{_pts(high)}分（待定：{wait.zh}），要求不低于{req}分，"
            f"即使待定指标得满分也不符合。"
        )
        en = (
            f"{subject.en} is at most {_pts(high)} points (pending: {wait.en}); required at "
            f"least {req}: not met even with full marks on the pending indicators."
        )
        gap = EXACT.subtract(high, required)
    else:
        status = (
            Status.UNKNOWN if any(s.status is Status.UNKNOWN for s in pending) else Status.REVIEW
        )
        zh = (
            f"{subject.zh}在{_pts(low)}–{_pts(high)}分之间，要求不低于{req}分，"
            f"取决于待定指标：{wait.zh}。"
        )
        en = (
            f"{subject.en} is between {_pts(low)} and {_pts(high)} points; required at least "
            f"{req}: depends on the pending indicators: {wait.en}."
        )
        gap = None
    return ctx.finding(criterion_id, status, zh, en, measured=measured, required=required, gap=gap)


# --------------------------------------------------------------------------------------------
# Routes: "score OR direct condition" in three-valued logic
# --------------------------------------------------------------------------------------------

_UNSURE = (Status.UNKNOWN, Status.REVIEW)


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
    for route_status, findings in routes:
        for f in findings:
            if overall is Status.NOT_MET:
                binding = True
            elif overall is Status.MET:
                binding = route_status is Status.MET and f.status is Status.MET
            else:
                binding = route_status is not Status.NOT_MET and f.status is not Status.NOT_MET
            out.append(attrs.evolve(f, binding=binding))
    return out


# --------------------------------------------------------------------------------------------
# Helpers the two rule sets share: inputs from facts, checks, the route summary
# --------------------------------------------------------------------------------------------


def plain(value: Decimal | None, fact: str, *, money: bool = False) -> Plain | Missing:
    """A share or money fact as a measurement, or :class:`Missing` naming the fact."""
    return Missing((fact,)) if value is None else Plain(value, money=money)


def yearly_growth(
    new: Decimal | None, base: Decimal | None, facts: tuple[str, str]
) -> Growth | Missing | Undefined:
    """The growth rate from ``base`` (the earlier year, fact ``facts[1]``) to ``new``."""
    absent = tuple(f for f, v in zip(facts, (new, base), strict=True) if v is None)
    if absent:
        return Missing(absent)
    assert new is not None
    assert base is not None
    if base == 0:
        return Undefined((facts[1],))
    return Growth(new, base)


def check_unique(values: Sequence[str] | None, fact: str) -> None:
    """Refuse a value listed twice (``$.<fact>[i]``): each item counts once."""
    if values is None:
        return
    seen: set[str] = set()
    problems: list[Problem] = []
    for index, value in enumerate(values):
        if value in seen:
            problems.append(
                Problem(f"$.{fact}[{index}]", f"{shown(value)} is listed twice; list it once")
            )
        seen.add(value)
    if problems:
        raise InputError(problems)


def check_awards(awards: Sequence[ScienceAward] | None, fact: str) -> None:
    """An award's rank, when given, is a place among the winning units: 1 or more."""
    if awards is None:
        return
    problems = [
        Problem(f"$.{fact}[{index}].rank", "a rank among the winning units starts at 1; e.g. 2")
        for index, award in enumerate(awards)
        if award.rank is not None and award.rank < 1
    ]
    if problems:
        raise InputError(problems)


def window_years(ctx: Context, name: str, supported: Sequence[int] | None = None) -> int:
    """The "近N年" window of parameter ``name`` (whole years, from the data file with its
    citation). A window the facts cannot follow (``supported``: the windows the per-year facts
    carry) or below 1 is refused at ``$.parameters.<name>``."""
    years: int = ctx.params[name]
    if years < 1 or (supported is not None and years not in supported):
        allowed = "1 or more" if supported is None else " or ".join(str(n) for n in supported)
        raise InputError.single(
            f"$.parameters.{name}",
            f"a window of {years} years cannot be applied to these facts; expected {allowed}",
        )
    return years


GENERAL_CONDITIONS: tuple[tuple[str, str], ...] = (
    ("sme_size", "is_sme"),
    ("not_abnormal_or_dishonest", "not_abnormal_or_dishonest"),
    ("no_major_incident", "no_major_incident"),
)
"""The general admission conditions of 63号 the rule sets check: (finding name, fact)."""


def general_conditions(
    ctx: Context, ruleset_id: str, attested: Mapping[str, bool | None]
) -> list[Finding]:
    """The general admission conditions of 63号 as attestations: ``true`` met, ``false``
    not_met, absent ``review`` (a reviewer confirms each). Always binding.

    ``attested`` maps each fact of :data:`GENERAL_CONDITIONS` to the caller's attestation. The
    incident window ("近三年") is the parameter ``incident_window_years``.
    """
    years = window_years(ctx, "incident_window_years")
    subjects = {
        "sme_size": Message(
            "符合《中小企业划型标准规定》的中小企业",
            "a small or medium-sized enterprise under the Provisions on the Classification "
            "of Small and Medium-sized Enterprises",
        ),
        "not_abnormal_or_dishonest": Message(
            "未被列入经营异常名录或严重失信主体名单",
            "not on the list of enterprises with abnormal operations nor on the list of "
            "seriously dishonest entities",
        ),
        "no_major_incident": Message(
            f"近{years}年未发生重大安全（含网络安全、数据安全）、质量、环境污染等事故",
            f"no major safety (including cyber and data security), quality or environmental "
            f"pollution incident in the last {years} years",
        ),
    }
    return [
        attestation(ctx, f"{ruleset_id}.{name}", attested[fact], subjects[name])
        for name, fact in GENERAL_CONDITIONS
    ]


_ROUTE_WORDS = {
    Status.MET: Message("满足", "met"),
    Status.NOT_MET: Message("不满足", "not met"),
    Status.UNKNOWN: Message("尚不能确定（缺少事实）", "not yet determined (facts missing)"),
    Status.REVIEW: Message("须审查", "needs review"),
}


def score_or_direct(
    ctx: Context,
    ruleset_id: str,
    card: ScoreCard,
    score_route: Status,
    score_findings: Sequence[Finding],
    direct: Sequence[Finding],
    score_subject: Message,
) -> tuple[list[Finding], dict[str, Any]]:
    """The end of both decisions: "the score route, OR any direct condition".

    Binds exactly the findings the outcome rests on (:func:`bind_routes`), adds the binding
    summary ``<ruleset>.score_or_direct`` and returns the results with the routes' statuses.
    """
    direct_route = either(f.status for f in direct)
    overall = either([score_route, direct_route])
    findings = bind_routes(overall, [(score_route, score_findings), (direct_route, direct)])
    findings.append(
        route_finding(
            ctx,
            f"{ruleset_id}.score_or_direct",
            overall,
            score_route,
            direct_route,
            direct,
            score_subject,
        )
    )
    results = card.results(ctx.params.values)
    results["routes"] = {"score": score_route, "direct": direct_route, "overall": overall}
    return findings, results


def route_finding(
    ctx: Context,
    criterion_id: str,
    overall: Status,
    score_route: Status,
    direct_route: Status,
    direct: Sequence[Finding],
    score_subject: Message,
) -> Finding:
    """The binding summary "score route OR any direct condition" (three-valued OR)."""
    met = [f for f in direct if f.status is Status.MET]
    s_word, d_word = _ROUTE_WORDS[score_route], _ROUTE_WORDS[direct_route]
    if overall is Status.MET and score_route is Status.MET:
        zh = f"符合：{score_subject.zh}。"
        en = f"Met: {score_subject.en}."
    elif overall is Status.MET:
        titles = [ctx.data.criteria[f.id].title for f in met]
        zh = "符合：满足直接认定条件（" + "；".join(t.zh for t in titles) + "）。"
        en = "Met through a direct condition (" + "; ".join(t.en for t in titles) + ")."
    elif overall is Status.NOT_MET:
        zh = f"不符合：{score_subject.zh}不满足，且不满足任何直接认定条件。"
        en = f"Not met: {score_subject.en} fails, and no direct condition is met."
    else:
        zh = f"尚不能确定：{score_subject.zh}{s_word.zh}；直接认定条件{d_word.zh}。"
        en = f"Not yet determined: {score_subject.en} {s_word.en}; direct conditions {d_word.en}."
    return ctx.finding(
        criterion_id,
        overall,
        zh,
        en,
        measured={"score": score_route.value, "direct": direct_route.value},
    )
