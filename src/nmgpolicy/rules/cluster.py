"""中小企业特色产业集群: recognition conditions, lifecycle dates and grounds of revocation.

Encodes 《内蒙古自治区中小企业特色产业集群培育认定管理暂行办法》 as quoted in the Baotou
bureau's disclosure catalog:

* 第五条 — the nine groups of basic conditions. The numbers of （二）（三）（五）（六） are
  thresholds from ``data/cluster.toml``; the trend of （七） (二氧化碳排放强度持续下降) is checked
  year by year; the energy and water conditions of （七） apply only to high-consumption
  clusters; every qualitative condition is an attestation (true met, false not_met, absent
  review).
* 第六条 — no serious incident in the last three years: a hard condition.
* 第十一条 (validity, :func:`valid_until`), 第十二条 (annual report, :func:`annual_report_due`),
  第十四条 (filing a major change, :func:`change_filing_due`) and 第十五条 (revocation,
  :func:`revocation_grounds`).

Readings (each documented in ``docs/rules/cluster.md``):

* "近三年" is the three calendar years before the application: the application date
  (``applied_on``), else the evaluation date, anchors them (applied 2025-06-01 → 2022, 2023,
  2024; ``recent_years_anchor = "application_year"``). Data that stop earlier leave the missing
  years unknown, data for other years are ignored (a note says so), and the Decision states the
  years used (``results["recent_years"]``). ``"latest_given"`` is the earlier reading: the years
  end with the latest year given, and a gap makes every finding on the yearly data unknown.
* A condition on every year ("近三年产值均在15亿元以上", "二氧化碳排放强度持续下降") fails on the
  first year (or pair of years) that fails it, whatever other years are missing; it is met only
  when every year is known and passes.
* 第五条（五）"…研发经费年均增长不低于5%，或有效发明专利年均增长率不低于8%，每万人发明专利拥有量
  不低于5个": the "或" joins only the two growth conditions; the patent density, the innovation
  platforms and the R&D staff share are each required.
* "年均增速" has no formula in the 办法: ``growth_method`` is ``cagr`` (compound: last/first >=
  (1+r)^n) or ``mean`` (mean of the yearly rates: Σ(y_i/y_(i-1) − 1) >= n·r), with
  ``growth_window_years`` data points ending with the last of the recent years (3: the three
  years, n = 2 steps; 4: with the year before them as the base, n = 3 steps). Both are
  compared exactly with fractions, never with roots.
* Ratios (shares, per-10,000 densities, growth) are computed as exact fractions and shown rounded
  *down* to at least the threshold's own decimal places, which never changes an at-least
  comparison: if x >= r and r has p decimals, floor_p(x) >= r; if x < r, floor_p(x) <= x < r.
"""

from __future__ import annotations

import datetime as dt
import itertools
import typing
import unicodedata
from collections.abc import Callable, Mapping, Sequence
from decimal import ROUND_FLOOR, Decimal, localcontext
from fractions import Fraction
from typing import Any, Literal

import attrs

from nmgpolicy._exact import LIBRARY_CONTEXT, exact
from nmgpolicy.convert import AreaKm2, Count, Money, Share, TonnesPerYuan, structure
from nmgpolicy.criteria import Compare, attestation, flag, not_applicable, show, threshold
from nmgpolicy.engine import BaseRuleSet, Context, register
from nmgpolicy.errors import InputError, Problem, shown
from nmgpolicy.outcome import Amount, Citation, Finding, Message, Status
from nmgpolicy.params import ParameterSet, load_parameters, parse_date
from nmgpolicy.periods import Period, deadline, period_end
from nmgpolicy.units import Kind

__all__ = [
    "ATTESTATIONS",
    "DESIGNATIONS",
    "AnnualReport",
    "Attestations",
    "ClusterFacts",
    "ClusterRuleSet",
    "Designation",
    "Enterprise",
    "MajorChange",
    "RevocationGround",
    "RevocationRecord",
    "YearFacts",
    "annual_report_due",
    "change_filing_due",
    "revocation_grounds",
    "valid_until",
]

RULESET_ID = "cluster"

Designation = Literal[
    "single_champion", "little_giant", "innovative_sme", "specialized_sme", "high_tech"
]
"""An enterprise's designation: 制造业单项冠军 (single_champion), 专精特新“小巨人” (little_giant),
创新型中小企业 (innovative_sme), 专精特新中小企业 (specialized_sme), 高新技术企业 (high_tech)."""
DESIGNATIONS: tuple[str, ...] = typing.get_args(Designation)

# Exactness: every ratio is a Fraction; results show it rounded down to this many decimal places
# (more when the threshold has more), which cannot change an at-least comparison.
_DISPLAY_PLACES = 6
# Sanity bounds on caller overrides (not legal numbers): a year count above this is a typo.
_MAX_RECENT_YEARS = 10
_FIRST_YEAR, _LAST_YEAR = 1000, 9999


# --------------------------------------------------------------------------------------------
# Facts
# --------------------------------------------------------------------------------------------


@attrs.frozen
class YearFacts:
    """One year's figures (第五条（二）（五）（七）); an absent figure is an unknown fact.

    ``invention_patents`` is the number of valid invention patents held at the end of the year
    (有效发明专利); ``carbon_intensity`` is CO₂ per output (``"0.9吨/万元"``).
    """

    year: int
    output: Money | None = None
    sme_output: Money | None = None
    leading_output: Money | None = None
    sme_rd_expense: Money | None = None
    invention_patents: Count | None = None
    carbon_intensity: TonnesPerYuan | None = None


@attrs.frozen
class Enterprise:
    """A cluster enterprise and the designations it holds (第五条（三）). Names are distinct."""

    name: str
    designations: tuple[Designation, ...] = ()


@attrs.frozen
class Attestations:
    """The qualitative conditions of 第五条, attested by the applicant or a reviewer.

    ``True`` met, ``False`` not met, absent → ``review``.
    """

    local_pillar: bool | None = None
    policy_compliant: bool | None = None
    niche_leading: bool | None = None
    chain_coordination: bool | None = None
    shared_facilities: bool | None = None
    standards_work: bool | None = None
    digital_infrastructure: bool | None = None
    green_mechanism: bool | None = None
    international_cooperation: bool | None = None
    operator: bool | None = None
    public_services: bool | None = None
    three_year_plan: bool | None = None


ATTESTATIONS: tuple[str, ...] = tuple(a.name for a in attrs.fields(Attestations))
"""The attestation keys; each gives the finding ``cluster.<key>``."""


@attrs.frozen
class ClusterFacts:
    """Facts for ``evaluate("cluster", …)``. Every field is optional: absent means unknown.

    ``applied_on`` is the application date: "近三年" are the calendar years before it (without
    it, before the evaluation date). ``years`` are the figures of those years (three, or four
    with ``growth_window_years = 4``), in any order, each at most once; a year outside them is
    ignored, a missing one is unknown. ``employees`` and
    ``rd_staff`` are head counts (研发人员占比 = rd_staff / employees).
    ``innovation_platforms`` counts 自治区级及以上 manufacturing innovation centres or
    platforms. ``major_incidents_last_3_years`` is 第六条's question (true = an incident).
    """

    name: str | None = None
    leading_industry: str | None = None
    applied_on: dt.date | None = None
    area: AreaKm2 | None = None
    years: tuple[YearFacts, ...] | None = None
    enterprises: tuple[Enterprise, ...] | None = None
    employees: Count | None = None
    rd_staff: Count | None = None
    innovation_platforms: Count | None = None
    industrial_internet_penetration: Share | None = None
    high_energy: bool | None = None
    energy_efficiency_above_benchmark: bool | None = None
    high_water: bool | None = None
    water_efficiency_above_average: bool | None = None
    major_incidents_last_3_years: bool | None = None
    attestations: Attestations | None = None


def _check_facts(facts: ClusterFacts) -> None:
    """Relations the types cannot express; every problem is reported at its path."""
    problems: list[Problem] = []
    seen: dict[int, int] = {}
    for index, entry in enumerate(facts.years or ()):
        here = f"$.years[{index}]"
        if not _FIRST_YEAR <= entry.year <= _LAST_YEAR:
            problems.append(
                Problem(f"{here}.year", f"expected a four-digit year, got {entry.year}; e.g. 2024")
            )
        elif entry.year in seen:
            problems.append(
                Problem(
                    f"{here}.year",
                    f"year {entry.year} is given twice (also at $.years[{seen[entry.year]}]); "
                    "each year must appear once, e.g. 2022, 2023, 2024",
                )
            )
        else:
            seen[entry.year] = index
        for part in ("sme_output", "leading_output"):
            value = getattr(entry, part)
            if value is not None and entry.output is not None and value > entry.output:
                problems.append(
                    Problem(
                        f"{here}.{part}",
                        f"{Amount(value, Kind.MONEY).text('en')} exceeds the cluster's total "
                        f"output {Amount(entry.output, Kind.MONEY).text('en')} (a part of it); "
                        "e.g. at most "
                        f'"{Amount(entry.output, Kind.MONEY)}"',
                    )
                )
    names: dict[str, int] = {}
    for index, enterprise in enumerate(facts.enterprises or ()):
        # As inspection.name_key: NFKC, every white-space character removed ("甲公司" and
        # "甲 公司" are one enterprise, which must not count twice towards "2家以上").
        key = "".join(c for c in unicodedata.normalize("NFKC", enterprise.name) if not c.isspace())
        here = f"$.enterprises[{index}].name"
        if not key:
            problems.append(Problem(here, 'an enterprise needs a name; e.g. "某某科技有限公司"'))
        elif key in names:
            problems.append(
                Problem(
                    here,
                    f"enterprise {shown(key)} is listed twice "
                    f"(also at $.enterprises[{names[key]}]); "
                    "list each enterprise once with all its designations, "
                    'e.g. {"name": "…", "designations": ["innovative_sme", "high_tech"]}',
                )
            )
        else:
            names[key] = index
    if facts.employees == 0:
        problems.append(
            Problem("$.employees", "a cluster has at least one employee, got 0; e.g. 12000")
        )
    elif (
        facts.employees is not None
        and facts.rd_staff is not None
        and facts.rd_staff > facts.employees
    ):
        problems.append(
            Problem(
                "$.rd_staff",
                f"{facts.rd_staff} R&D staff exceed the {facts.employees} employees; "
                f"e.g. {facts.employees // 10}",
            )
        )
    if problems:
        raise InputError(problems)


# --------------------------------------------------------------------------------------------
# Exact arithmetic helpers
# --------------------------------------------------------------------------------------------


def _places(value: Decimal) -> int:
    """The number of decimal places ``value`` is written with (0 for integers)."""
    exponent = value.as_tuple().exponent
    return max(0, -exponent) if isinstance(exponent, int) else 0


def _floor(value: Fraction, places: int) -> Decimal:
    """``value`` rounded down to ``places`` decimal places, exactly (integer arithmetic)."""
    scaled = value.numerator * 10**places // value.denominator
    return Decimal(f"{scaled}E-{places}")


def _annual_rate(ratio: Fraction, steps: int) -> Decimal:
    """The compound annual growth rate ``ratio**(1/steps) - 1``, for display only.

    Rounded down to the display places; the decision never uses it (it compares
    ``last/first >= (1+r)**steps`` exactly, see ``docs/rules/cluster.md``).
    """
    with localcontext(LIBRARY_CONTEXT) as context:
        context.prec = 16  # display only: 6 places shown
        root = (Decimal(ratio.numerator) / Decimal(ratio.denominator)) ** (Decimal(1) / steps)
        rate = root - 1
    with localcontext(LIBRARY_CONTEXT):  # wide: a rate of 10^20 has 16 digits and 6 places
        return rate.quantize(Decimal(1).scaleb(-_DISPLAY_PLACES), rounding=ROUND_FLOOR)


def _shown(value: Fraction, required: Decimal) -> Decimal:
    """``value`` for display and comparison with ``required`` (see the module docstring)."""
    return _floor(value, max(_DISPLAY_PLACES, _places(required)))


def _exact_decimal(value: Fraction) -> Decimal:
    """A Fraction whose denominator divides a power of ten, as an exact Decimal."""
    places = 0
    while (value * 10**places).denominator != 1:
        places += 1
    return _floor(value, places)


def _inline(text: str) -> str:
    """An English subject for use inside a sentence (first letter in lower case)."""
    return text[:1].lower() + text[1:]


def _years_zh(years: Sequence[int]) -> str:
    return "、".join(str(y) for y in years) + "年"


def _years_en(years: Sequence[int]) -> str:
    return ", ".join(str(y) for y in years)


def _count_zh(n: int) -> str:
    """A count of years as the 办法 writes it: 3 → 三 (1 to 10; larger counts as digits)."""
    return "零一二三四五六七八九十"[n] if 0 <= n <= 10 else str(n)


def _span(years: Sequence[int]) -> tuple[str, str]:
    return f"{years[0]}–{years[-1]}年", f"{years[0]}–{years[-1]}"


# --------------------------------------------------------------------------------------------
# Settings (parameters, validated)
# --------------------------------------------------------------------------------------------

_APPLICATION_YEAR = "application_year"
_LATEST_GIVEN = "latest_given"


@attrs.frozen
class _Settings:
    recent: int
    trend: int
    method: str
    anchor: str
    values: Mapping[str, Any]


def _settings(values: Mapping[str, Any]) -> _Settings:
    """The parameters this evaluation uses, with the relations between them checked."""
    problems: list[Problem] = []
    recent = values["recent_years"]
    trend = values["growth_window_years"]
    if not 1 <= recent <= _MAX_RECENT_YEARS:
        problems.append(
            Problem(
                "$.parameters.recent_years",
                f"expected a number of years from 1 to {_MAX_RECENT_YEARS}, got {recent}; e.g. 3",
            )
        )
    elif trend not in (recent, recent + 1) or trend < 2:
        problems.append(
            Problem(
                "$.parameters.growth_window_years",
                f"expected {recent} (the recent years themselves) or {recent + 1} (with the year "
                f"before them as the base), and at least 2 (a growth needs two years), got "
                f"{trend}; e.g. {max(recent, 2)}",
            )
        )
    for name in (
        "min_champion_enterprises",
        "min_designated_enterprises",
        "min_innovation_platforms",
    ):
        if values[name] < 0:
            problems.append(
                Problem(f"$.parameters.{name}", f"must not be negative, got {values[name]}; e.g. 2")
            )
    if values["patent_density_per"] < 1:
        problems.append(
            Problem(
                "$.parameters.patent_density_per",
                f"must be at least 1, got {values['patent_density_per']}; e.g. 10000",
            )
        )
    if values["min_patent_density"] < 0:
        problems.append(
            Problem("$.parameters.min_patent_density", 'must not be negative; e.g. "5"')
        )
    if problems:
        raise InputError(problems)
    return _Settings(recent, trend, values["growth_method"], values["recent_years_anchor"], values)


# --------------------------------------------------------------------------------------------
# The year windows
# --------------------------------------------------------------------------------------------


@attrs.frozen
class _Window:
    """The consecutive years a criterion needs, and those of them with no figures at all."""

    years: tuple[int, ...]
    missing: tuple[int, ...]

    @classmethod
    def ending(cls, last: int, size: int, given: Mapping[int, YearFacts]) -> _Window:
        years = tuple(range(last - size + 1, last + 1))
        return cls(years, tuple(y for y in years if y not in given))

    @property
    def last(self) -> int:
        return self.years[-1]


@attrs.frozen
class _Frame:
    """Which years the yearly conditions look at (``None``: none can be named)."""

    anchor: str
    anchor_date: dt.date | None
    recent: _Window | None
    trend: _Window | None

    @property
    def strict(self) -> bool:
        """The earlier reading: a gap in the years makes every yearly finding unknown."""
        return self.anchor == _LATEST_GIVEN


def _no_years(ctx: Context, cid: str, recent: int, window: _Window | None) -> Finding:
    if window is None:
        zh_need, en_need = f"需近{recent}年各年数据", f"the {recent} recent years are needed"
    else:
        span_zh, span_en = _span(window.years)
        zh_need, en_need = f"需{span_zh}各年数据", f"figures for {span_en} are needed"
    return ctx.finding(
        cid,
        Status.UNKNOWN,
        f"缺少事实：未提供年度数据（{zh_need}）。",
        f"Fact missing: no yearly figures given ({en_need}).",
    )


def _missing_years(ctx: Context, cid: str, window: _Window) -> Finding:
    """The earlier reading (``latest_given``): a gap leaves the window itself unsettled."""
    span_zh, span_en = _span(window.years)
    return ctx.finding(
        cid,
        Status.UNKNOWN,
        f"缺少事实：缺少{_years_zh(window.missing)}的年度数据（需{span_zh}连续各年数据，"
        f"截至所提供的最近年度{window.last}年）。",
        f"Fact missing: no figures for {_years_en(window.missing)} (consecutive figures for "
        f"{span_en} are needed, ending with the latest year given, {window.last}).",
    )


def _lacking(
    ctx: Context,
    cid: str,
    what: Message,
    absent: Sequence[int],
    blank: Sequence[int],
    required: Any = None,
) -> Finding:
    """``unknown``: no figures at all for the ``absent`` years, no ``what`` for ``blank`` ones."""
    zh: list[str] = []
    en: list[str] = []
    if absent:
        zh.append(f"缺少{_years_zh(absent)}的年度数据")
        en.append(f"no figures for {_years_en(absent)}")
    if blank:
        zh.append(f"{_years_zh(blank)}{what.zh}未提供")
        en.append(f"{_inline(what.en)} for {_years_en(blank)} not given")
    return ctx.finding(
        cid,
        Status.UNKNOWN,
        "缺少事实：" + "；".join(zh) + "。",
        "Fact missing: " + "; ".join(en) + ".",
        required=required,
    )


# --------------------------------------------------------------------------------------------
# Growth (第五条（二）（五）)
# --------------------------------------------------------------------------------------------


@attrs.frozen
class _Growth:
    """One series' average annual growth over the trend window, exactly."""

    finding: Finding
    detail: dict[str, Any]


def _growth(
    ctx: Context,
    cid: str,
    what: Message,
    series: Sequence[tuple[int, Decimal | int | None]],
    rate: Decimal,
    method: str,
    display: Callable[[Decimal | int], Any],
    absent: Sequence[int] = (),
) -> _Growth:
    """The growth of ``series`` (consecutive years) against ``rate`` by ``method``.

    ``cagr``: last/first >= (1+rate)^n, measured and required as growth factors.
    ``mean``: mean of the yearly rates >= rate, i.e. Σ(y_i/y_(i-1) − 1) >= n·rate.
    A zero base makes the rate undefined: ``review``. A missing value (of a year given, or of
    an ``absent`` year with no figures at all): ``unknown``. An average is not a condition on
    every year, so no year decides it alone.
    """
    steps = len(series) - 1
    years = [year for year, _ in series]
    span_zh, span_en = _span(years)
    required_factor = _exact_decimal((1 + Fraction(rate)) ** steps)
    required = required_factor if method == "cagr" else rate
    detail: dict[str, Any] = {
        "method": method,
        "years": years,
        "steps": steps,
        "values": [None if v is None else display(v) for _, v in series],
        "required": required,
    }
    lacking = [year for year, value in series if value is None]
    if lacking:
        blank = [y for y in lacking if y not in absent]
        missing = [y for y in lacking if y in absent]
        return _Growth(_lacking(ctx, cid, what, missing, blank, required), detail)
    values = [Fraction(v) for _, v in series if v is not None]
    # cagr divides by the first value only; mean by every year's predecessor.
    bases = range(1) if method == "cagr" else range(steps)
    zero_bases = [years[i] for i in bases if values[i] == 0]
    if zero_bases:
        finding = ctx.finding(
            cid,
            Status.REVIEW,
            f"需审查：{_years_zh(zero_bases)}{what.zh}为0，增速无法计算。",
            f"Needs review: {_inline(what.en)} is 0 in {_years_en(zero_bases)}; "
            "growth is undefined.",
            required=required,
        )
        return _Growth(finding, detail)
    rates = [values[i + 1] / values[i] - 1 if values[i] else None for i in range(steps)]
    detail["yearly_rates"] = [None if r is None else _floor(r, _DISPLAY_PLACES) for r in rates]
    if method == "cagr":
        ratio = values[-1] / values[0]
        measured = _shown(ratio, required_factor)
        detail["ratio"] = measured
        detail["annual_rate"] = _annual_rate(ratio, steps)
        subject = Message(
            f"{what.zh}{span_zh}增长倍数（复合年均增速法，{steps}个年度间隔，"
            f"年均{show(rate, percent=True)}对应{format(required_factor, 'f')}倍）",
            f"{what.en} growth factor {span_en} (compound annual growth over {steps} yearly "
            f"steps; {show(rate, percent=True)} a year means a factor of "
            f"{format(required_factor, 'f')})",
        )
        finding = threshold(ctx, cid, measured, required_factor, subject)
    else:
        mean = sum((r for r in rates if r is not None), Fraction(0)) / steps
        measured = _shown(mean, rate)
        detail["mean_rate"] = measured
        subject = Message(
            f"{what.zh}{span_zh}各年增速的算术平均值（{steps}个年度间隔）",
            f"{what.en}: arithmetic mean of the yearly growth rates {span_en} ({steps} steps)",
        )
        finding = threshold(ctx, cid, measured, rate, subject, percent=True)
    return _Growth(finding, detail)


def _either(ctx: Context, cid: str, parts: Mapping[str, Finding]) -> Finding:
    """One finding for "A，或B": met if any part is met; unknown/review before not_met.

    ``measured``, ``required`` and ``gap`` are mappings keyed by the part (labelled in the
    data file's ``[labels]``).
    """
    statuses = [p.status for p in parts.values()]
    if Status.MET in statuses:
        status = Status.MET
    elif Status.UNKNOWN in statuses:
        status = Status.UNKNOWN
    elif Status.REVIEW in statuses:
        status = Status.REVIEW
    else:
        status = Status.NOT_MET
    zh = "".join(p.message.zh for p in parts.values()) + "（满足其一即可）"
    en = " ".join(p.message.en for p in parts.values()) + " (either suffices)"
    return ctx.finding(
        cid,
        status,
        zh,
        en,
        measured={k: p.measured for k, p in parts.items()},
        required={k: p.required for k, p in parts.items()},
        gap={k: p.gap for k, p in parts.items()},
    )


# --------------------------------------------------------------------------------------------
# The rule set
# --------------------------------------------------------------------------------------------


def _title(ctx: Context, cid: str) -> Message:
    return ctx.data.criteria[cid].title


class ClusterRuleSet(BaseRuleSet[ClusterFacts]):
    """第五条 (nine groups of conditions) and 第六条 of the cluster recognition measures."""

    id = RULESET_ID
    facts_type = ClusterFacts

    @exact
    def parse_facts(self, facts: object) -> ClusterFacts:
        """Strict structuring (lists must be lists) plus the relations between the facts."""
        model = structure(facts, ClusterFacts)
        _check_facts(model)
        return model

    @exact
    def decide(self, facts: ClusterFacts, ctx: Context) -> tuple[list[Finding], dict[str, Any]]:
        settings = _settings(ctx.params.values)
        evaluation = _Evaluation(facts, ctx, settings)
        return evaluation.run()


_YEAR_IDS = (
    "cluster.output",
    "cluster.sme_share",
    "cluster.leading_share",
    "cluster.leading_growth",
)
_TREND_IDS = ("cluster.innovation_growth", "cluster.patent_density", "cluster.carbon_intensity")


@attrs.define
class _Evaluation:
    """One application's findings, in the order of the articles."""

    facts: ClusterFacts
    ctx: Context
    settings: _Settings
    results: dict[str, Any] = attrs.field(factory=dict)

    def p(self, name: str) -> Any:
        return self.settings.values[name]

    def run(self) -> tuple[list[Finding], dict[str, Any]]:
        facts, ctx = self.facts, self.ctx
        attested = facts.attestations or Attestations()
        given = {entry.year: entry for entry in facts.years or ()}
        frame = self._frame(given)
        recent, trend = frame.recent, frame.trend
        ignored = sorted(y for y in given if trend is not None and y not in trend.years)
        self.results.update(
            {
                "name": facts.name,
                "leading_industry": facts.leading_industry,
                "growth_method": self.settings.method,
                "recent_years_anchor": frame.anchor,
                "anchor_date": frame.anchor_date,
                "years": [self._year_row(given[y]) for y in sorted(given)],
                "latest_year": max(given) if given else None,
                "recent_years": list(recent.years) if recent else [],
                "missing_years": list(recent.missing) if recent else [],
                "trend_years": list(trend.years) if trend else [],
                "missing_trend_years": list(trend.missing) if trend else [],
                "ignored_years": ignored,
                "leading_growth": None,
                "sme_rd_expense_growth": None,
                "patent_growth": None,
                "patent_density": None,
            }
        )
        findings: list[Finding] = [
            *self._attest(attested, "local_pillar", "policy_compliant", "niche_leading"),
            self._area(),
            *self._yearly(given, frame),
            self._anchor(),
            *self._attest(attested, "chain_coordination", "shared_facilities"),
        ]
        innovation, density, carbon = self._trend_findings(given, frame)
        findings += [
            innovation,
            density,
            *self._attest(attested, "standards_work"),
            threshold(
                ctx,
                "cluster.innovation_platforms",
                None if facts.innovation_platforms is None else Decimal(facts.innovation_platforms),
                Decimal(self.p("min_innovation_platforms")),
                _title(ctx, "cluster.innovation_platforms"),
            ),
            self._rd_staff(),
            threshold(
                ctx,
                "cluster.industrial_internet",
                facts.industrial_internet_penetration,
                self.p("min_industrial_internet"),
                _title(ctx, "cluster.industrial_internet"),
                percent=True,
            ),
            *self._attest(attested, "digital_infrastructure"),
            carbon,
            *self._attest(attested, "green_mechanism"),
            self._conditional(
                "cluster.energy_efficiency",
                facts.high_energy,
                facts.energy_efficiency_above_benchmark,
                Message("高耗能行业", "a high-energy-consumption industry"),
            ),
            self._conditional(
                "cluster.water_efficiency",
                facts.high_water,
                facts.water_efficiency_above_average,
                Message("高耗水行业", "a high-water-consumption industry"),
            ),
            *self._attest(attested, "international_cooperation"),
            *self._attest(attested, "operator", "public_services", "three_year_plan"),
            flag(
                ctx,
                "cluster.no_major_incidents",
                facts.major_incidents_last_3_years,
                _title(ctx, "cluster.no_major_incidents"),
                expected=False,
            ),
        ]
        self._window_notes(frame, ignored)
        if frame.strict:
            self._freshness_note(given)
        return findings, self.results

    # ---- which years ----------------------------------------------------------------------

    def _frame(self, given: Mapping[int, YearFacts]) -> _Frame:
        """The recent years and the trend years, anchored as ``recent_years_anchor`` says."""
        settings = self.settings
        date: dt.date | None = None
        if settings.anchor == _APPLICATION_YEAR:
            date = self.facts.applied_on or self.ctx.on
            last = date.year - 1
        elif given:
            last = max(given)
        else:
            return _Frame(settings.anchor, None, None, None)
        return _Frame(
            settings.anchor,
            date,
            _Window.ending(last, settings.recent, given),
            _Window.ending(last, settings.trend, given),
        )

    def _window_notes(self, frame: _Frame, ignored: Sequence[int]) -> None:
        """State the years used (and why), the years ignored, and an application after ``on``."""
        recent, trend = frame.recent, frame.trend
        if recent is None or trend is None:
            return
        count = self.settings.recent
        count_zh = _count_zh(count)
        span_zh, span_en = _span(recent.years)
        if frame.strict:
            self.ctx.note(
                f"“近{count_zh}年”按所提供数据的最近年度确定为{span_zh}（未按申请日期确定）。",
                f"The {count} recent years are taken to end with the latest year given: "
                f"{span_en} (not counted back from the application date).",
            )
        else:
            applied = self.facts.applied_on
            if applied is not None:
                basis_zh, basis_en = f"申请日期（{applied}）", f"the application date ({applied})"
            else:
                basis_zh = f"评估日期（{self.ctx.on}；未提供申请日期）"
                basis_en = f"the evaluation date ({self.ctx.on}; no application date given)"
            self.ctx.note(
                f"“近{count_zh}年”为{basis_zh}前的{count_zh}个完整年度："
                f"{_years_zh(recent.years)}。",
                f"The {count} recent years are the {count} calendar years before {basis_en}: "
                f"{_years_en(recent.years)}.",
            )
            if applied is not None and applied > self.ctx.on:
                self.ctx.note(
                    f"申请日期（{applied}）晚于评估日期（{self.ctx.on}）。",
                    f"The application date ({applied}) is after the evaluation date "
                    f"({self.ctx.on}).",
                )
        if trend.years != recent.years:
            trend_zh, trend_en = _span(trend.years)
            self.ctx.note(
                f"年均增速和“持续下降”按{trend_zh}的数据计算（以近{count_zh}年之前的一年为基年）。",
                f"Growth and the carbon intensity's fall are computed over {trend_en} (with the "
                f"year before the {count} recent years as the base).",
            )
        if ignored:
            self.ctx.note(
                f"所提供的{_years_zh(ignored)}数据不在所用年度（{_span(trend.years)[0]}）内，"
                "未予采用。",
                f"The figures given for {_years_en(ignored)} are outside the years used "
                f"({_span(trend.years)[1]}) and were not used.",
            )

    # ---- attestations and simple flags --------------------------------------------------

    def _attest(self, attested: Attestations, *names: str) -> list[Finding]:
        return [
            attestation(
                self.ctx,
                f"cluster.{name}",
                getattr(attested, name),
                _title(self.ctx, f"cluster.{name}"),
            )
            for name in names
        ]

    def _conditional(
        self, cid: str, applies: bool | None, value: bool | None, industry: Message
    ) -> Finding:
        """第五条（七）: an efficiency condition that binds only clusters of ``industry``."""
        if applies is None:
            return self.ctx.finding(
                cid,
                Status.UNKNOWN,
                f"缺少事实：未说明集群是否属于{industry.zh}。",
                f"Fact missing: whether the cluster is in {industry.en} is not given.",
            )
        if not applies:
            return not_applicable(
                self.ctx,
                cid,
                Message(f"集群不属于{industry.zh}", f"the cluster is not in {industry.en}"),
            )
        return flag(self.ctx, cid, value, _title(self.ctx, cid))

    # ---- 第五条（二）: area ------------------------------------------------------------------

    def _area(self) -> Finding:
        return threshold(
            self.ctx,
            "cluster.area",
            self.facts.area,
            self.p("max_area"),
            _title(self.ctx, "cluster.area"),
            compare=Compare.AT_MOST,
            kind=Kind.AREA,
            soft=True,
        )

    # ---- 第五条（二）: output and shares ------------------------------------------------------

    def _year_row(self, entry: YearFacts) -> dict[str, Any]:
        def money(value: Decimal | None) -> Amount | None:
            return None if value is None else Amount(value, Kind.MONEY)

        def share(part: Decimal | None, required: Decimal) -> Decimal | None:
            if part is None or not entry.output:
                return None
            return _shown(Fraction(part) / Fraction(entry.output), required)

        return {
            "year": entry.year,
            "output": money(entry.output),
            "sme_output": money(entry.sme_output),
            "leading_output": money(entry.leading_output),
            "sme_share": share(entry.sme_output, self.p("min_sme_share")),
            "leading_share": share(entry.leading_output, self.p("min_leading_share")),
            "sme_rd_expense": money(entry.sme_rd_expense),
            "invention_patents": entry.invention_patents,
            "carbon_intensity": None
            if entry.carbon_intensity is None
            else Amount(entry.carbon_intensity, Kind.MASS_PER_MONEY),
        }

    def _unsettled(
        self, ids: Sequence[str], given: Mapping[int, YearFacts], frame: _Frame
    ) -> list[Finding] | None:
        """Findings for ``ids`` when the yearly data cannot be read at all, else ``None``."""
        recent = frame.recent
        if recent is None or not given:
            return [_no_years(self.ctx, cid, self.settings.recent, recent) for cid in ids]
        if frame.strict and recent.missing:
            return [self._universal_or_missing(cid, given, frame) for cid in ids]
        return None

    def _universal_or_missing(
        self, cid: str, given: Mapping[int, YearFacts], frame: _Frame
    ) -> Finding:
        """Under ``latest_given`` a gap leaves the window unsettled, except that a condition on
        every year ("均…以上", "持续下降") that a present year already fails is not met,
        whatever is missing (issue of the law review: a universal condition fails on its first
        failing year, under either anchor)."""
        recent = frame.recent
        assert recent is not None
        universal = {
            "cluster.output": lambda: self._output(recent, given),
            "cluster.carbon_intensity": lambda: self._carbon(given, frame),
        }.get(cid)
        found = universal() if universal is not None else None
        if found is not None and found.status is Status.NOT_MET:
            return found
        return _missing_years(self.ctx, cid, recent)

    def _yearly(self, given: Mapping[int, YearFacts], frame: _Frame) -> list[Finding]:
        """cluster.output, cluster.sme_share, cluster.leading_share, cluster.leading_growth."""
        unsettled = self._unsettled(_YEAR_IDS, given, frame)
        if unsettled is not None:
            return unsettled
        assert frame.recent is not None  # _unsettled has returned otherwise
        last = frame.recent.last
        entry = given.get(last)
        return [
            self._output(frame.recent, given),
            self._share(
                "cluster.sme_share",
                last,
                entry,
                lambda e: e.sme_output,
                Message("中小企业产值", "SME output"),
                "min_sme_share",
            ),
            self._share(
                "cluster.leading_share",
                last,
                entry,
                lambda e: e.leading_output,
                Message("主导产业产值", "leading-industry output"),
                "min_leading_share",
            ),
            self._growth_of(
                "cluster.leading_growth",
                given,
                frame,
                lambda e: e.leading_output,
                Message("主导产业产值", "The leading industry's output"),
                self.p("min_leading_growth"),
                "leading_growth",
            ),
        ]

    def _output(self, window: _Window, given: Mapping[int, YearFacts]) -> Finding:
        """近三年产值均在15亿元以上: every year; one known year below the minimum fails it."""
        cid = "cluster.output"
        minimum: Decimal = self.p("min_annual_output")
        values = {y: None if y not in given else given[y].output for y in window.years}
        known = [(y, v) for y, v in values.items() if v is not None]
        failing = [(y, v) for y, v in known if v < minimum]
        lacking = [y for y, v in values.items() if v is None]
        if lacking and not failing:
            return _lacking(
                self.ctx,
                cid,
                Message("产值", "the output"),
                [y for y in lacking if y in window.missing],
                [y for y in lacking if y not in window.missing],
                Amount(minimum, Kind.MONEY),
            )
        year, lowest = min(failing or known, key=lambda item: item[1])
        span_zh, span_en = _span(window.years)
        subject = Message(
            f"近{len(window.years)}年（{span_zh}）产值最低的{year}年产值",
            f"The lowest output of the recent years ({span_en}), in {year},",
        )
        if lacking:
            # The other years cannot save it: "均" holds only if every year passes.
            subject = Message(
                f"近{len(window.years)}年（{span_zh}）中{year}年产值",
                f"The output in {year}, one of the recent years ({span_en}),",
            )
        return threshold(self.ctx, cid, lowest, minimum, subject, kind=Kind.MONEY, unit="亿元")

    def _share(
        self,
        cid: str,
        year: int,
        entry: YearFacts | None,
        get: Callable[[YearFacts], Decimal | None],
        part_name: Message,
        param: str,
    ) -> Finding:
        minimum: Decimal = self.p(param)
        if entry is None:
            return _lacking(self.ctx, cid, part_name, [year], [], minimum)
        part = get(entry)
        if entry.output is None or part is None:
            names = [
                name
                for name, value in (
                    (Message("总产值", "total output"), entry.output),
                    (part_name, part),
                )
                if value is None
            ]
            what = Message("、".join(n.zh for n in names), " and ".join(n.en for n in names))
            return _lacking(self.ctx, cid, what, [], [entry.year], minimum)
        if entry.output == 0:
            return self.ctx.finding(
                cid,
                Status.REVIEW,
                f"需审查：{entry.year}年集群总产值为0，占比无法计算。",
                f"Needs review: the cluster's total output in {entry.year} is 0; "
                "the share is undefined.",
                required=minimum,
            )
        measured = _shown(Fraction(part) / Fraction(entry.output), minimum)
        title = _title(self.ctx, cid)
        subject = Message(f"{entry.year}年{title.zh}", f"{title.en} in {entry.year}")
        return threshold(self.ctx, cid, measured, minimum, subject, percent=True)

    def _growth_of(
        self,
        cid: str,
        given: Mapping[int, YearFacts],
        frame: _Frame,
        get: Callable[[YearFacts], Decimal | int | None],
        what: Message,
        rate: Decimal,
        key: str,
        display: Callable[[Decimal | int], Any] = lambda v: Amount(Decimal(v), Kind.MONEY),
    ) -> Finding:
        window = frame.trend
        assert window is not None  # _unsettled has returned otherwise
        if frame.strict and window.missing:
            return _missing_years(self.ctx, cid, window)
        series = [(y, get(given[y]) if y in given else None) for y in window.years]
        growth = _growth(
            self.ctx, cid, what, series, rate, self.settings.method, display, window.missing
        )
        self.results[key] = growth.detail
        return growth.finding

    # ---- 第五条（三）: anchor enterprises ------------------------------------------------------

    def _anchor(self) -> Finding:
        cid = "cluster.anchor_enterprises"
        groups: Mapping[str, Sequence[str]] = self.ctx.data.extra["anchor_designations"]
        enterprises = self.facts.enterprises
        champions = [
            e.name for e in enterprises or () if set(e.designations) & set(groups["champion"])
        ]
        designated = [
            e.name for e in enterprises or () if set(e.designations) & set(groups["designated"])
        ]
        self.results["anchor_enterprises"] = (
            None if enterprises is None else {"champions": champions, "designated": designated}
        )
        subjects = {
            "champions": Message(
                "制造业单项冠军企业或专精特新“小巨人”企业数量（家）",
                "The number of single champions or little giants",
            ),
            "designated": Message(
                "创新型中小企业、专精特新中小企业和高新技术企业数量（家）",
                "The number of innovative SMEs, specialised SMEs and high-tech enterprises",
            ),
        }
        counts = {"champions": champions, "designated": designated}
        minimums = {
            "champions": self.p("min_champion_enterprises"),
            "designated": self.p("min_designated_enterprises"),
        }
        parts = {
            key: threshold(
                self.ctx,
                cid,
                None if enterprises is None else Decimal(len(counts[key])),
                Decimal(minimums[key]),
                subjects[key],
            )
            for key in ("champions", "designated")
        }
        return _either(self.ctx, cid, parts)

    # ---- 第五条（五）（七）: trends and densities -----------------------------------------------

    def _trend_findings(
        self, given: Mapping[int, YearFacts], frame: _Frame
    ) -> tuple[Finding, Finding, Finding]:
        """cluster.innovation_growth, cluster.patent_density, cluster.carbon_intensity.

        第五条（五）: the "或" joins only the R&D expense growth and the patent growth (one
        finding); the patent density is a finding of its own (and so are the platforms and
        the R&D staff share), each required.
        """
        unsettled = self._unsettled(_TREND_IDS, given, frame)
        if unsettled is not None:
            a, b, c = unsettled
            return a, b, c
        assert frame.recent is not None  # _unsettled has returned otherwise
        cid = _TREND_IDS[0]
        parts = {
            "sme_rd_expense": self._growth_of(
                cid,
                given,
                frame,
                lambda e: e.sme_rd_expense,
                Message("集群中小企业研发经费", "The cluster SMEs' R&D expense"),
                self.p("min_rd_expense_growth"),
                "sme_rd_expense_growth",
            ),
            "invention_patents": self._growth_of(
                cid,
                given,
                frame,
                lambda e: e.invention_patents,
                Message("有效发明专利数", "The number of valid invention patents"),
                self.p("min_patent_growth"),
                "patent_growth",
                display=int,
            ),
        }
        last = frame.recent.last
        return (
            _either(self.ctx, cid, parts),
            self._patent_density(last, given.get(last)),
            self._carbon(given, frame),
        )

    def _patent_density(self, year: int, entry: YearFacts | None) -> Finding:
        """每万人发明专利拥有量: patents × 10000 / employees >= 5, as an exact fraction."""
        cid = "cluster.patent_density"
        minimum: Decimal = self.p("min_patent_density")
        per: int = self.p("patent_density_per")
        employees = self.facts.employees
        if entry is None:
            what = Message("有效发明专利数", "the number of valid invention patents")
            return _lacking(self.ctx, cid, what, [year], [], minimum)
        if entry.invention_patents is None or employees is None:
            return threshold(self.ctx, cid, None, minimum, _title(self.ctx, cid))
        density = _shown(Fraction(entry.invention_patents * per, employees), minimum)
        self.results["patent_density"] = density
        title = _title(self.ctx, cid)
        subject = Message(
            f"{entry.year}年{title.zh}（{entry.invention_patents}件/{employees}人×{per}）",
            f"{title.en} in {entry.year} ({entry.invention_patents} patents / {employees} "
            f"people × {per})",
        )
        return threshold(self.ctx, cid, density, minimum, subject)

    def _rd_staff(self) -> Finding:
        """研发人员占比: rd_staff / employees >= 6 %, as an exact fraction."""
        cid = "cluster.rd_staff_share"
        minimum: Decimal = self.p("min_rd_staff_share")
        staff, employees = self.facts.rd_staff, self.facts.employees
        measured = (
            None
            if staff is None or employees is None
            else _shown(Fraction(staff, employees), minimum)
        )
        self.results["rd_staff_share"] = measured
        return threshold(self.ctx, cid, measured, minimum, _title(self.ctx, cid), percent=True)

    def _carbon(self, given: Mapping[int, YearFacts], frame: _Frame) -> Finding:
        """二氧化碳排放强度持续下降: strictly lower every year than the year before.

        A condition on every year: one known pair that does not fall fails it, whatever is
        missing (strictly falling every year means falling between any two known years, even
        across a gap); it is met only when every year is known.
        """
        cid = "cluster.carbon_intensity"
        window = frame.trend
        assert window is not None  # _unsettled has returned otherwise
        values = {y: None if y not in given else given[y].carbon_intensity for y in window.years}
        measured = {
            str(y): None if v is None else Amount(v, Kind.MASS_PER_MONEY) for y, v in values.items()
        }
        required = Message("逐年下降（每年低于上一年）", "lower every year than the year before")
        steps: list[tuple[int, Decimal]] = []
        rises: list[int] = []
        known = [(y, v) for y, v in values.items() if v is not None]
        for (_, a), (year, b) in itertools.pairwise(known):
            steps.append((year, a - b))
            if b >= a:
                rises.append(year)
        lacking = [y for y, v in values.items() if v is None]
        gap = Amount(min(d for _, d in steps), Kind.MASS_PER_MONEY) if steps else None
        if rises:
            return self.ctx.finding(
                cid,
                Status.NOT_MET,
                f"不符合：{_years_zh(rises)}二氧化碳排放强度未低于上一年，未持续下降。",
                f"Not met: the CO2 intensity in {_years_en(rises)} was not below the year before.",
                measured=measured,
                required=required,
                gap=gap,
            )
        if frame.strict and window.missing:
            return _missing_years(self.ctx, cid, window)
        if lacking:
            return _lacking(
                self.ctx,
                cid,
                Message("二氧化碳排放强度", "the CO2 intensity"),
                [y for y in lacking if y in window.missing],
                [y for y in lacking if y not in window.missing],
                required,
            )
        assert gap is not None  # at least two years, all known
        span_zh, span_en = _span(window.years)
        return self.ctx.finding(
            cid,
            Status.MET,
            f"符合：{span_zh}二氧化碳排放强度逐年下降（最小年降幅{gap.text('zh')}）。",
            f"Met: the CO2 intensity fell every year {span_en} (smallest fall {gap.text('en')}).",
            measured=measured,
            required=required,
            gap=gap,
        )

    # ---- notes ------------------------------------------------------------------------------

    def _freshness_note(self, given: Mapping[int, YearFacts]) -> None:
        """The earlier reading: say when the latest year given is not plausibly the year before
        the evaluation date."""
        if not given:
            return
        latest, this_year = max(given), self.ctx.on.year
        if latest >= this_year:
            self.ctx.note(
                f"所提供的最近年度为{latest}年，评估日期为{self.ctx.on}：该年度尚未结束，"
                "“近三年”应为申报前已结束的年度。",
                f"The latest year given is {latest} but the evaluation date is {self.ctx.on}: "
                "that year has not ended; the recent years are years completed before the "
                "application.",
            )
        elif latest < this_year - 2:
            self.ctx.note(
                f"所提供的最近年度为{latest}年，早于评估日期（{self.ctx.on}）前两年：请核对"
                "所用数据是否为申报前的“近三年”。",
                f"The latest year given, {latest}, is more than two years before the evaluation "
                f"date ({self.ctx.on}): check that the figures are the recent years before the "
                "application.",
            )


RULESET = register(ClusterRuleSet())


# --------------------------------------------------------------------------------------------
# Lifecycle: 第十一条、第十二条、第十四条
# --------------------------------------------------------------------------------------------


def _data() -> ParameterSet:
    return load_parameters(RULESET_ID)


def _values(on: dt.date, parameters: Mapping[str, object] | None) -> Mapping[str, Any]:
    return _data().resolve(on, parameters).values


def _period_end(start: dt.date, period: Period, path: str) -> dt.date:
    """The last day of ``period`` from ``start`` (民法典 第201–202条), without the 203 roll.

    A validity period says until when a status lasts, not by when someone must act: its end is
    the corresponding day even when that day is a rest day (:func:`nmgpolicy.periods.period_end`).
    """
    try:
        return period_end(start, period)
    except InputError:
        raise InputError.single(
            path, f"{period} from {start.isoformat()} ends after the last representable date"
        ) from None


@exact
def valid_until(
    recognized_on: dt.date | str,
    *,
    renewed: bool = False,
    parameters: Mapping[str, object] | None = None,
) -> dt.date:
    """The last day of a recognition's validity (第十一条: 有效期为三年 … 复核通过的有效期延长三年).

    Three years from ``recognized_on`` (the day of the published list): the start day is not
    counted and the period ends on the corresponding day (民法典 第201、202条; 2024-02-29 →
    2027-02-28). ``renewed=True`` (the review at expiry was passed) extends it by three more
    years from that end. A validity end is not rolled to a working day (第203条 concerns the
    last day for an act, not the end of a status).
    """
    start = parse_date(recognized_on, "$.recognized_on")
    if not isinstance(renewed, bool):
        raise InputError.single(
            "$.renewed", f"expected true or false, got {shown(renewed)}; e.g. True"
        )
    values = _values(start, parameters)
    end = _period_end(start, values["validity_period"], "$.recognized_on")
    if renewed:
        end = _period_end(end, values["renewal_period"], "$.recognized_on")
    return end


@exact
def annual_report_due(year: int, *, parameters: Mapping[str, object] | None = None) -> dt.date:
    """The last day to report the previous year's development (第十二条: 每年3月10日前).

    ``annual_report_due(2026)`` is 2026-03-10, for the report on 2025. By default "3月10日前"
    includes 10 March (``annual_report_due_inclusive``); with ``False`` the last day is
    9 March. The date is fixed by the 办法, not a period counted from an event, so it is not
    rolled past a weekend (民法典 第203条 applies to periods).
    """
    if isinstance(year, bool) or not isinstance(year, int) or not _FIRST_YEAR <= year <= _LAST_YEAR:
        raise InputError.single(
            "$.year", f"expected a four-digit year, got {shown(year)}; e.g. 2026"
        )
    values = _values(dt.date(year, 1, 1), parameters)
    month, day = values["annual_report_month"], values["annual_report_day"]
    if not 1 <= month <= 12:
        raise InputError.single("$.parameters.annual_report_month", f"no month {month}; e.g. 3")
    try:
        due = dt.date(year, month, day)
    except ValueError:
        raise InputError.single(
            "$.parameters.annual_report_day", f"no day {day} in {year}-{month:02d}; e.g. 10"
        ) from None
    return due if values["annual_report_due_inclusive"] else due - dt.timedelta(days=1)


@exact
def change_filing_due(
    changed_on: dt.date | str, *, parameters: Mapping[str, object] | None = None
) -> dt.date:
    """The last day to file a major change (第十四条: 变动发生后1个月内 … 备案).

    One month from ``changed_on`` (民法典 第201、202条), rolled to the next working day when it
    falls on a statutory rest day (第203条: this is the last day for an act). Raises
    :class:`~nmgpolicy.errors.CalendarNotCovered` for a year with no official schedule.
    """
    start = parse_date(changed_on, "$.changed_on")
    return deadline(start, _values(start, parameters)["change_filing_period"])


# --------------------------------------------------------------------------------------------
# Revocation: 第十五条
# --------------------------------------------------------------------------------------------


@attrs.frozen
class AnnualReport:
    """A development report (第十二条): due in ``year`` (on ``year - 1``), submitted on a date.

    ``submitted_on`` absent means not submitted (yet).
    """

    year: int
    submitted_on: dt.date | None = None


@attrs.frozen
class MajorChange:
    """A major change (第十四条: 主导产业、空间范围、运营管理机构变更等) and when it was filed.

    ``what`` is free text (e.g. ``"运营管理机构变更"``); ``filed_on`` absent means not filed.
    """

    changed_on: dt.date
    what: str | None = None
    filed_on: dt.date | None = None


@attrs.frozen
class RevocationRecord:
    """What is known about a recognised cluster, for :func:`revocation_grounds` (第十五条).

    Booleans: ``True`` = it happened; absent or ``False`` = not established.

    * ``review_failed`` — （一） the review at expiry was not passed;
    * ``false_reporting``, ``violations`` — （二） false reporting was found / a violation exists;
    * ``reports``, ``report_late``, ``refused_monitoring`` — （三） development reports (each
      judged against :func:`annual_report_due`), a report otherwise found late, refusal of or
      non-cooperation with monitoring;
    * ``changes`` — （四） major changes, each judged against :func:`change_filing_due`;
    * ``major_incidents`` — （五） an incident or behaviour of 第十五条（五）.
    """

    review_failed: bool | None = None
    false_reporting: bool | None = None
    violations: bool | None = None
    reports: tuple[AnnualReport, ...] = ()
    report_late: bool | None = None
    refused_monitoring: bool | None = None
    changes: tuple[MajorChange, ...] = ()
    major_incidents: bool | None = None


@attrs.frozen
class RevocationGround:
    """One ground of 第十五条 that applies, with its citation and what triggered it."""

    id: str
    clause: str
    title: Message
    citation: Citation
    reasons: tuple[Message, ...]

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "clause": self.clause,
            "title": self.title.to_dict(),
            "citation": self.citation.to_dict(),
            "reasons": [r.to_dict() for r in self.reasons],
        }


def _check_record(record: RevocationRecord) -> None:
    problems: list[Problem] = []
    seen: set[int] = set()
    for index, report in enumerate(record.reports):
        here = f"$.reports[{index}]"
        if not _FIRST_YEAR <= report.year <= _LAST_YEAR:
            problems.append(
                Problem(f"{here}.year", f"expected a four-digit year, got {report.year}; e.g. 2026")
            )
            continue
        if report.year in seen:
            problems.append(
                Problem(f"{here}.year", f"year {report.year} is given twice; e.g. 2026")
            )
        seen.add(report.year)
        if report.submitted_on is not None and report.submitted_on.year < report.year:
            problems.append(
                Problem(
                    f"{here}.submitted_on",
                    f"the report on {report.year - 1} cannot be submitted before that year ends; "
                    f'e.g. "{report.year}-03-01"',
                )
            )
    for index, change in enumerate(record.changes):
        if change.filed_on is not None and change.filed_on < change.changed_on:
            problems.append(
                Problem(
                    f"$.changes[{index}].filed_on",
                    f"filed before the change ({change.changed_on.isoformat()}); "
                    f'e.g. "{change.changed_on.isoformat()}"',
                )
            )
    if problems:
        raise InputError(problems)


def _late(due: dt.date, done: dt.date | None, on: dt.date | None) -> tuple[bool, dt.date | None]:
    """Whether an act due on ``due`` was late: done after it, or not done and ``on`` is after."""
    if done is not None:
        return done > due, done
    return on is not None and on > due, None


@exact
def revocation_grounds(
    record: RevocationRecord | Mapping[str, object],
    *,
    on: dt.date | str | None = None,
    parameters: Mapping[str, object] | None = None,
) -> tuple[RevocationGround, ...]:
    """The grounds of 第十五条 that apply to a recognised cluster, each cited, in clause order.

    ``record`` is a :class:`RevocationRecord` or its JSON form (unknown keys refused). ``on``
    is the date of the assessment: a report or a filing that has not been made counts as late
    only once its due date has passed on ``on``; without ``on`` only acts done late count.
    An empty tuple means no ground is established (not that none exists).
    """
    model = record if isinstance(record, RevocationRecord) else structure(record, RevocationRecord)
    _check_record(model)
    when = None if on is None else parse_date(on, "$.on")
    data = _data()
    reasons: dict[str, list[Message]] = {key: [] for key in data.extra["revocation_grounds"]}
    if model.review_failed:
        reasons["review_failed"].append(Message("有效期满复核未通过", "the review was not passed"))
    if model.false_reporting:
        reasons["false_reporting_or_violation"].append(Message("发现虚报", "false reporting"))
    if model.violations:
        reasons["false_reporting_or_violation"].append(
            Message("存在违法违规行为", "a violation of laws or rules")
        )
    failures = reasons["reporting_or_monitoring_failure"]
    if model.report_late:
        failures.append(Message("未及时报送发展情况", "development information reported late"))
    for report in model.reports:
        due = annual_report_due(report.year, parameters=parameters)
        late, done = _late(due, report.submitted_on, when)
        if late:
            failures.append(
                Message(
                    f"{report.year - 1}年度发展情况应不晚于{due}报送，"
                    + (f"于{done}报送" if done else f"截至{when}未报送"),
                    f"the report on {report.year - 1} was due by {due}; "
                    + (f"submitted on {done}" if done else f"not submitted as of {when}"),
                )
            )
    if model.refused_monitoring:
        failures.append(
            Message(
                "不接受、不配合监测监督工作", "monitoring and supervision refused or obstructed"
            )
        )
    for change in model.changes:
        period: Period = _values(change.changed_on, parameters)["change_filing_period"]
        # On or before the corresponding day is on time whatever the roll: no calendar needed.
        reference = change.filed_on or when
        if reference is not None and reference <= period_end(change.changed_on, period):
            continue
        due = change_filing_due(change.changed_on, parameters=parameters)
        late, done = _late(due, change.filed_on, when)
        what = change.what or "重大变动"
        if late:
            reasons["unfiled_major_change"].append(
                Message(
                    f"{change.changed_on}发生的{what}应不晚于{due}备案，"
                    + (f"于{done}备案" if done else f"截至{when}未备案"),
                    f"the change of {change.changed_on} ({what}) was to be filed by {due}; "
                    + (f"filed on {done}" if done else f"not filed as of {when}"),
                )
            )
    if model.major_incidents:
        reasons["major_incident"].append(
            Message("集群企业发生第十五条（五）所列事故、事件或行为", "an incident of clause (5)")
        )
    grounds = []
    for key, spec in data.extra["revocation_grounds"].items():
        if reasons[key]:
            citation = Citation.from_mapping(spec["citation"])
            grounds.append(
                RevocationGround(
                    id=key,
                    clause=citation.clause,
                    title=Message(**spec["title"]),
                    citation=citation,
                    reasons=tuple(reasons[key]),
                )
            )
    return tuple(grounds)
