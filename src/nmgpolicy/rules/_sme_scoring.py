"""What the two 优质中小企业 rule sets share (工信部企业〔2022〕63号 附件1 and 附件2).

Both annexes score an enterprise on a 100-point table of indicators grouped in categories and
admit it either on the score (附件1 also needs a minimum per group) or on any one of a few
*direct* conditions. The scoring table, the score threshold and "the route OR a direct
condition" are the generic kinds of :mod:`nmgpolicy.criteria_scoring` (re-exported here under
their former names); this module holds what is particular to 63号:

* the code values the facts use (:data:`IpClass`, :data:`RdInstitutionLevel`,
  :class:`ScienceAward`) and how they read;
* the general admission conditions of 63号 as attestations (:func:`general_conditions`) and the
  "近N年" windows as parameters (:func:`window_years`);
* the direct conditions' shapes: at least one item listed (:class:`AnyListed`), a level at or
  above a parameter's (:class:`LevelAtLeast`), an award ranked within its level's limit
  (:class:`RankWithin`), the mean of the last years (:class:`MeanAtLeast`), a whole-number
  threshold (:class:`CountThreshold`);
* the checks of list facts (:func:`check_unique`, :func:`check_awards`) and the results of the
  score card (:func:`card_results`, display-only, computed when read).

Chinese text names facts and code values through the data files' ``[labels]`` tables, never by
their keys.
"""

from __future__ import annotations

import datetime as dt
import functools
from collections.abc import Callable, Mapping, Sequence
from decimal import Decimal
from functools import partial
from typing import Any, ClassVar, Literal

import attrs

from nmgpolicy.convert import Count
from nmgpolicy.criteria import (
    Attestation,
    Compare,
    Shown,
    Threshold,
    flag_text,
    threshold_status,
    threshold_text,
)
from nmgpolicy.criteria_scoring import (
    CARD_RESULTS,
    EXACT,
    Band,
    Choice,
    Filled,
    Group,
    Growth,
    Indicator,
    IndicatorScore,
    MeanGrowth,
    Measurement,
    Missing,
    NextBand,
    Plain,
    ScoreCard,
    Scored,
    ScoringTable,
    TableSpec,
    Undefined,
    band_label,
    bind_routes,
    both,
    either,
    fact_names,
    references_of,
    score,
)
from nmgpolicy.definition import Criterion, Fact, Param, Ref, Row
from nmgpolicy.errors import InputError, Problem, problems_of, shown
from nmgpolicy.outcome import Finding, Later, Message, Rendered, Status
from nmgpolicy.params import ParameterSet, Resolved, load_parameters
from nmgpolicy.units import Kind

__all__ = [
    "AWARD_NAMES",
    "EXACT",
    "GENERAL_CONDITIONS",
    "LEVEL_NAMES",
    "AnyListed",
    "AwardLevel",
    "Band",
    "Choice",
    "CountThreshold",
    "Group",
    "Growth",
    "Indicator",
    "IpClass",
    "LevelAtLeast",
    "MeanAtLeast",
    "MeanGrowth",
    "Measurement",
    "Missing",
    "NextBand",
    "Plain",
    "RankWithin",
    "RdInstitutionLevel",
    "ScienceAward",
    "ScoreCard",
    "Scored",
    "ScoringTable",
    "Undefined",
    "band_label",
    "bind_routes",
    "both",
    "card_results",
    "check_awards",
    "check_unique",
    "either",
    "fact_names",
    "general_conditions",
    "score",
    "scoring_table",
    "table_from",
    "table_spec",
    "window_years",
    "yearly_growth",
]

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
# The scoring tables
# --------------------------------------------------------------------------------------------


@functools.cache
def table_spec(ruleset_id: str) -> TableSpec:
    """The scoring table of ``ruleset_id``'s data file (its structure and parameters)."""
    return TableSpec.load(load_parameters(ruleset_id))


@functools.cache
def scoring_table(ruleset_id: str) -> ScoringTable:
    """The scoring table of ``ruleset_id``'s data file with the file's own (latest) values,
    checked: points fall band by band, the bands are contiguous and each edge is placed once,
    edges move away from the best band. A defect raises :class:`InputError` naming the
    data-file path."""
    spec = table_spec(ruleset_id)
    return spec.resolved(spec.defaults())


def table_from(data: ParameterSet) -> ScoringTable:
    """Build and check a :class:`ScoringTable` from a loaded data file (its latest values)."""
    spec = TableSpec.load(data)
    return spec.resolved(spec.defaults())


def override_problems(
    table: TableSpec,
    params: Resolved,
    on: dt.date,
    windows: Mapping[str, Sequence[int]] | None = None,
) -> list[Problem]:
    """What keeps the caller's overrides from working together (for
    :meth:`~nmgpolicy.engine.BaseRuleSet.parameter_problems`): the scoring table's rows out of
    order (every indicator's problems, with examples; the table so resolved is cached for the
    decision) and each "近N年" window of ``windows`` (parameter → the windows the facts carry)
    the facts cannot follow."""
    windowed = (
        partial(window_years, params.values, name, supported)
        for name, supported in (windows or {}).items()
    )
    return problems_of(partial(table.for_params, params, on), *windowed)


@attrs.frozen
class _Once:
    """A display-only computation shared by several results, run on first read."""

    function: Callable[[], Mapping[str, Any]]
    _value: list[Mapping[str, Any]] = attrs.field(factory=list, eq=False)

    def get(self, key: str) -> Any:
        if not self._value:
            self._value.append(self.function())
        return self._value[0][key]


def card_results(
    row: Row, indicators: Sequence[IndicatorScore], table: TableSpec
) -> dict[str, Any]:
    """The score card's results (total, groups, indicators, the nearest band up, improvements),
    each computed when the decision's results are first read."""
    card = ScoreCard(table.table(row), tuple(i.scored(row) for i in indicators))
    once = _Once(partial(card.results, row.params))
    return {key: Later(partial(once.get, key)) for key in CARD_RESULTS}


# --------------------------------------------------------------------------------------------
# Inputs and checks
# --------------------------------------------------------------------------------------------


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


def window_years(
    params: Mapping[str, Any], name: str, supported: Sequence[int] | None = None
) -> int:
    """The "近N年" window of parameter ``name`` (whole years, from the data file with its
    citation). A window the facts cannot follow (``supported``: the windows the per-year facts
    carry) or below 1 is refused at ``$.parameters.<name>``, with the nearest window that can
    be (``e.g. 2`` for 3)."""
    years: int = params[name]
    if years < 1 or (supported is not None and years not in supported):
        allowed = "1 or more" if supported is None else " or ".join(str(n) for n in supported)
        nearest = min(supported or (1,), key=lambda n: (abs(n - years), n))
        raise InputError.single(
            f"$.parameters.{name}",
            f"a window of {years} years cannot be applied to these facts; expected {allowed}; "
            f"e.g. {nearest}",
        )
    return years


# --------------------------------------------------------------------------------------------
# The general admission conditions of 63号
# --------------------------------------------------------------------------------------------

GENERAL_CONDITIONS: tuple[tuple[str, str], ...] = (
    ("sme_size", "is_sme"),
    ("not_abnormal_or_dishonest", "not_abnormal_or_dishonest"),
    ("no_major_incident", "no_major_incident"),
)
"""The general admission conditions of 63号 the rule sets check: (finding name, fact)."""

_GENERAL_SUBJECTS: Mapping[str, Message | Filled] = {
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
    "no_major_incident": Filled(
        Message(
            "近{incident_window_years}年未发生重大安全（含网络安全、数据安全）、质量、环境污染等事故",
            "no major safety (including cyber and data security), quality or environmental "
            "pollution incident in the last {incident_window_years} years",
        )
    ),
}


def general_conditions(ruleset_id: str) -> tuple[Attestation, ...]:
    """The general admission conditions of 63号 as attestations: ``true`` met, ``false``
    not_met, absent ``review`` (a reviewer confirms each). Always binding. The incident window
    ("近三年") is the parameter ``incident_window_years``."""
    return tuple(
        Attestation(f"{ruleset_id}.{name}", Fact(fact), subject=_GENERAL_SUBJECTS[name])
        for name, fact in GENERAL_CONDITIONS
    )


# --------------------------------------------------------------------------------------------
# The shapes of the direct conditions
# --------------------------------------------------------------------------------------------


def _subject(subject: Message | Filled, row: Row) -> Message:
    return subject(row) if isinstance(subject, Filled) else subject


def _listed_text(
    status: Status,
    items: Sequence[Any] | None,
    subject: Message,
    shown_as: Callable[[Sequence[Any]], Any] | None,
) -> Rendered:
    message, _, required, _ = flag_text(
        status, None if items is None else bool(items), True, subject
    )
    measured = None if items is None else (shown_as(items) if shown_as else items)
    return message, measured, required, None


@attrs.frozen
class AnyListed(Criterion):
    """At least one item of a list ("近三年内获得过国家级、省级科技奖励"; "高新技术企业/…
    (有效期内)"): ``met`` when the list has an item, ``not_met`` when it is empty, ``unknown``
    when it is absent. ``shown_as`` says how ``measured`` shows the items (the list itself by
    default)."""

    items: Ref
    subject: Message | Filled
    shown_as: Callable[[Sequence[Any]], Any] | None = attrs.field(default=None, eq=False)

    kind: ClassVar[str] = "any_listed"

    def decide(self, row: Row) -> Finding:
        items = row(self.items)
        status = Status.UNKNOWN if items is None else (Status.MET if items else Status.NOT_MET)
        subject = _subject(self.subject, row)
        return row.ctx.finding(
            self.id, status, render=partial(_listed_text, status, items, subject, self.shown_as)
        )

    def references(self) -> tuple[Ref, ...]:
        return references_of(self.items, self.subject)


def _level_text(
    status: Status, level: str | None, minimum: str, template: Message, names: Mapping[str, Message]
) -> Rendered:
    word = names[minimum]
    subject = Message(
        template.zh.replace("{level}", word.zh), template.en.replace("{level}", word.en)
    )
    message, *_ = flag_text(status, None if level is None else status is Status.MET, True, subject)
    return message, level, minimum, None


@attrs.frozen
class LevelAtLeast(Criterion):
    """A level at or above the parameter's ("拥有经认定的省部级以上研发机构"): ``order`` lists the
    levels best first; an absent level is ``unknown``. ``subject`` names the required level
    as ``{level}`` (its word in ``names``). A minimum in ``lowest`` (a level below which "以上"
    reads wrongly: "市级以下以上", "未建立以上") is written with ``lowest_subject`` instead, its
    ``{level}`` the data file's label ``<param>.<minimum>`` ("任一级别"), as the title is."""

    value: Ref
    param: Param
    order: tuple[str, ...]
    names: Mapping[str, Message]
    subject: Message
    lowest: frozenset[str] = frozenset()
    lowest_subject: Message | None = None

    kind: ClassVar[str] = "level_at_least"

    def status(self, level: str | None, minimum: str) -> Status:
        """``met`` at or above ``minimum``, ``not_met`` below it, ``unknown`` when absent."""
        if level is None:
            return Status.UNKNOWN
        order = self.order
        return Status.MET if order.index(level) <= order.index(minimum) else Status.NOT_MET

    def decide(self, row: Row) -> Finding:
        level = row(self.value)
        minimum: str = row.params[self.param.name]
        status = self.status(level, minimum)
        subject, names = self.subject, self.names
        if minimum in self.lowest and self.lowest_subject is not None:
            label = row.ctx.data.labels.get(f"{self.param.name}.{minimum}")
            if label is not None:
                subject, names = self.lowest_subject, {minimum: label}
        return row.ctx.finding(
            self.id,
            status,
            render=partial(_level_text, status, level, minimum, subject, names),
        )


_VERDICTS = {
    Status.MET: ("符合", "met"),
    Status.NOT_MET: ("不符合", "not met"),
    Status.UNKNOWN: ("尚不能确定", "not yet determined"),
}


def _rank_text(
    status: Status,
    awards: Sequence[ScienceAward] | None,
    limits: Mapping[str, int],
    years: int,
) -> Rendered:
    required = {level: Message(f"前{n}名", f"first {n}") for level, n in limits.items()}
    window = f"{years} year" if years == 1 else f"{years} years"  # "the last 1 year"
    if awards is None:
        return (
            Message(
                f"缺少事实：近{years}年获得的省级、国家级科技奖励及其在获奖单位中的排名（未提供）。",
                f"Fact missing: science and technology awards of the last {window}, with "
                "rank (science_awards_3y, not provided).",
            ),
            None,
            required,
            None,
        )
    zh: list[str] = []
    en: list[str] = []
    for award in awards:
        limit, name = limits[award.level], AWARD_NAMES[award.level]
        if award.rank is None:
            zh.append(f"{name.zh}科技奖励（排名未提供，要求前{limit}名）")
            en.append(f"{name.en} award (rank not given; first {limit} required)")
        else:
            zh.append(f"{name.zh}科技奖励第{award.rank}名（要求前{limit}名）")
            en.append(f"{name.en} award, rank {award.rank} (first {limit} required)")
    listed_zh = "；".join(zh) or f"近{years}年无省级、国家级科技奖励"
    listed_en = "; ".join(en) or f"no provincial or national award in the last {window}"
    verdict = _VERDICTS[status]
    message = Message(f"{listed_zh}：{verdict[0]}。", f"{listed_en}: {verdict[1]}.")
    return message, [attrs.asdict(a) for a in awards], required, None


@attrs.frozen
class RankWithin(Criterion):
    """An award of the window ranked within its level's limit ("近三年省级科技奖励(获奖单位前三)
    或国家级科技奖励(前五)"): ``met`` when any listed award is, ``not_met`` when none is (or none
    is listed), ``unknown`` when the list is absent or an award that could decide has no rank.
    ``limits`` maps each level to the parameter of its rank limit."""

    items: Ref
    limits: Mapping[str, Param]
    window: Param

    kind: ClassVar[str] = "rank_within"

    @staticmethod
    def status(awards: Sequence[ScienceAward] | None, limits: Mapping[str, int]) -> Status:
        """Any award ranked within its level's limit (three-valued: a rank not given is
        ``unknown``; no award is ``not_met``)."""
        if awards is None:
            return Status.UNKNOWN
        return either(
            Status.UNKNOWN
            if a.rank is None
            else (Status.MET if a.rank <= limits[a.level] else Status.NOT_MET)
            for a in awards
        )

    def decide(self, row: Row) -> Finding:
        awards: Sequence[ScienceAward] | None = row(self.items)
        params = row.params
        limits = {level: int(params[p.name]) for level, p in self.limits.items()}
        status = self.status(awards, limits)
        years: int = params[self.window.name]
        return row.ctx.finding(
            self.id, status, render=partial(_rank_text, status, awards, limits, years)
        )

    def references(self) -> tuple[Ref, ...]:
        return (self.items, *self.limits.values(), self.window)


_MONEY = Shown(Kind.MONEY, "万元")


def _mean_text(
    status: Status, mean: Decimal | None, required: Decimal, subject: Message, alone: bool
) -> Rendered:
    message, measured, req, gap = threshold_text(
        status, mean, required, subject, Compare.AT_LEAST, _MONEY
    )
    if alone:
        message = Message(
            f"仅一年的研发费用已达均值要求的两倍，{message.zh}（另一年研发费用不为负，均值至少为此数）",
            f"One year's R&D expense alone is twice the required mean; {message.en} (the other "
            "year is not negative: the mean is at least this)",
        )
    return message, measured, req, gap


@attrs.frozen
class MeanAtLeast(Criterion):
    """The mean of the last ``window`` yearly amounts (latest first in ``values``) at least a
    parameter ("近两年研发费用总额均值达到1000万元以上"). The amounts are not negative, so with a
    year missing the known year alone settles it when it reaches ``window`` times the minimum
    (the mean is at least a ``window``-th of it); otherwise a missing year leaves it
    ``unknown``."""

    values: tuple[Ref, ...]
    window: Param
    param: Param
    subject: Message | Filled

    kind: ClassVar[str] = "mean_at_least"

    @staticmethod
    def mean(
        values: Sequence[Decimal | None], years: int, required: Decimal
    ) -> tuple[Decimal | None, bool]:
        """The mean of the first ``years`` values, or (one year missing) the least it can be
        when the known year alone reaches ``years`` times ``required``; ``None`` when the
        missing year could decide. The flag says the known year stood alone."""
        known = [v for v in values[:years] if v is not None]
        if len(known) == years:
            return EXACT.divide(sum(known, Decimal(0)), Decimal(years)), False
        if known and known[0] >= EXACT.multiply(Decimal(years), required):
            return EXACT.divide(known[0], Decimal(years)), True
        return None, False

    def decide(self, row: Row) -> Finding:
        years: int = row.params[self.window.name]
        required: Decimal = row.params[self.param.name]
        mean, alone = self.mean([row(r) for r in self.values], years, required)
        status = threshold_status(mean, required, Compare.AT_LEAST)
        subject = _subject(self.subject, row)
        return row.ctx.finding(
            self.id, status, render=partial(_mean_text, status, mean, required, subject, alone)
        )

    def references(self) -> tuple[Ref, ...]:
        return (*self.values, self.window, self.param, *references_of(self.subject))


@attrs.frozen
class CountThreshold(Threshold):
    """A :class:`~nmgpolicy.criteria.Threshold` whose parameter is a whole number (an ``int``
    parameter, "2年以上"), compared and shown as a decimal number like the value."""

    kind: ClassVar[str] = "threshold"

    def decide(self, row: Row) -> Finding:
        value = row(self.value)
        measured = None if value is None else Decimal(value)
        required = Decimal(row.params[self.param.name])
        status = threshold_status(measured, required, self.compare, self.soft)
        subject = self.subject if isinstance(self.subject, Message) else row.title(self.id)
        shown_as = Shown(self.kind_of_value, self.unit, self.percent)
        return row.ctx.finding(
            self.id,
            status,
            render=partial(
                threshold_text, status, measured, required, subject, self.compare, shown_as
            ),
        )
