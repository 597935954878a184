"""专精特新中小企业认定 — 《优质中小企业梯度培育管理暂行办法》（工信部企业〔2022〕63号）附件2.

The Baotou bureau's catalog (item ``sme-recognition``) discloses the lists of recognised
专精特新中小企业 under 《内蒙古自治区优质中小企业梯度培育管理实施细则（2022-2025年）》, which
applies 63号. Its annex 2, as the bundled source ``data/sources/gradient_2022.md`` carries it
(an extraction from reprints and a scoring form, not an official text; docs/rules/sme.md has the
table of thresholds, where each was taken from and how sure it is), requires, besides the general
admission conditions of 63号 (attestations: ``sme_size``, ``not_abnormal_or_dishonest``,
``no_major_incident``; ``review`` when not attested), all four conditions:

1. at least 2 years in a specific market niche (``basic.niche_years``);
2. R&D expense last year of at least 100万元 (``basic.rd_expense``) and at least 3 % of revenue
   (``basic.rd_share``);
3. revenue last year of at least 1000万元, or, below that, new equity financing of at least
   2000万元 over the last 2 years (``basic.revenue``);
4. a score of 60 or more (``total``) **or** any direct condition: a provincial science award
   ranked in the first three winning units or a national one in the first five
   (``direct.science_award``); mean R&D expense of the last two years of 1000万元 or more
   (``direct.rd_expense_mean``); new equity financing of 6000万元 or more over the last two
   years (``direct.equity_financing``); the national top-500 enterprise list of the "创客中国"
   contest in the last three years (``direct.maker_china``). Summary: ``score_or_direct``.

The score: 专业化 25 (①–④), 精细化 25 (⑤–⑧), 特色化 15 (⑨, set by the province — Inner
Mongolia's indicators were not found, so the score is supplied with the facts, in [0, 15];
absent, it is unknown and the decision says so) and 创新能力 35 (⑩–⑬; ⑫ and ⑬ are known only
from one public questionnaire file and carry that caveat). Annex 2 sets no group minima.

"近2年主营业务收入平均增长率" (②) has no formula in the text: the parameter ``growth_method``
chooses the arithmetic mean of the two yearly rates (default) or the compound rate; the Decision
notes when the two would score differently.

The annex is one :data:`DEFINITION` (:mod:`nmgpolicy.definition`): its criteria in the order of
the text, each a kind of :mod:`nmgpolicy.criteria_scoring`, :mod:`nmgpolicy.criteria` or
:mod:`nmgpolicy.rules._sme_scoring`. Every number — thresholds, windows, and each band edge, row,
step and cap of the scoring table — is a parameter of ``data/sme_specialized.toml`` with its
citation.

In force from 63号's date of issue (2022-06-01 as reprints give it; unverified) to 2026-03-31;
later dates raise :class:`~nmgpolicy.errors.NotInForce` (the successor, 工信部企业〔2026〕2号, is
not encoded: its thresholds could not be verified). The "近N年" windows are parameters with
their citations (``equity_window_years``, ``award_window_years``, ``rd_mean_window_years``,
``maker_china_window_years``, ``growth_window_years``, ``incident_window_years``).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from decimal import Decimal
from typing import Literal

import attrs

from nmgpolicy._exact import exact
from nmgpolicy.convert import Money, Ratio, Share, UnsignedRatio, Years
from nmgpolicy.criteria import Flag, Threshold
from nmgpolicy.criteria_scoring import (
    AnyOf,
    Filled,
    Growth,
    IndicatorScore,
    MeanGrowth,
    Missing,
    RouteOrDirect,
    ScoreAtLeast,
    Undefined,
    fact_names,
    score,
)
from nmgpolicy.definition import Definition, Fact, Param, Ref, Row, measure
from nmgpolicy.engine import BaseRuleSet, register
from nmgpolicy.errors import InputError, NotInForce, Problem
from nmgpolicy.outcome import Finding, Message
from nmgpolicy.params import Resolved
from nmgpolicy.rules._sme_scoring import (
    CountThreshold,
    IpClass,
    MeanAtLeast,
    RankWithin,
    RdInstitutionLevel,
    ScienceAward,
    card_results,
    check_awards,
    check_unique,
    general_conditions,
    override_problems,
    table_spec,
    window_years,
)
from nmgpolicy.units import Kind, format_decimal

__all__ = [
    "DigitalLevel",
    "IpClass",
    "ProductField",
    "QualityItem",
    "RdInstitutionLevel",
    "ScienceAward",
    "SpecializedFacts",
    "SpecializedRuleSet",
]

ProductField = Literal["gap_filling", "foundation", "other"]
"""Field of the main product (④): ``gap_filling`` 在产业链补短板、锻长板、填空白取得实际成效;
``foundation`` 属于工业"六基"领域、中华老字号名录或服务关键产业链重点龙头企业;
``other`` 其他."""

DigitalLevel = Literal["level3_or_above", "level2", "level1"]
"""Digitalisation level (⑤) as assessed: ``level3_or_above`` 三级以上, ``level2`` 二级,
``level1`` 一级 (give ``level1`` when not assessed: it scores 0, as the lowest level does)."""

QualityItem = Literal["quality_award", "system_certification", "own_brand", "standard_setting"]
"""Quality-management items held (⑥, 3 points each, at most 5): ``quality_award`` 省级以上质量奖;
``system_certification`` ISO9001 等质量管理体系认证; ``own_brand`` 自主品牌;
``standard_setting`` 参与制修订标准."""

_GROWTH_FACTS = ("main_revenue_y1", "main_revenue_y2", "main_revenue_y3")
_MAX_DIGITS = 50


@attrs.frozen
class SpecializedFacts:
    """Facts for ``evaluate("sme_specialized", …)``; every field is optional (absent = unknown).

    "上年度" (``_y1``) is the last full year before the application, ``_y2`` the year before it,
    ``_y3`` the one before that. Shares are fractions or percentages (``"4.5%"``); money is text
    with a unit (``"3200万元"``); ratios may be negative or exceed 100 % (a loss-making year's
    margin ``"-5%"``, a debt ratio ``"120%"``).

    ============================  =================================================  ======
    field                         meaning (condition / indicator)                    unit
    ============================  =================================================  ======
    ``is_sme``                    an SME under 《中小企业划型标准规定》 (attested)    bool
    ``not_abnormal_or_dishonest`` not on the 经营异常名录 / 严重失信主体名单         bool
                                  (attested)
    ``no_major_incident``         no major safety, quality or environmental          bool
                                  incident in the last three years (attested)
    ``niche_years``               (1), ③ full years in the specific market niche      years
    ``rd_expense_y1``             (2), ⑪ R&D expense, 上年度                          money
    ``rd_expense_y2``             (4) R&D expense, 上上年度 (for the two-year mean)   money
    ``rd_expense_share``          (2), ⑪ R&D expense / revenue, 上年度                share
    ``revenue_y1``                (3) revenue (营业收入), 上年度                       money
    ``equity_financing_2y``       (3), (4) new equity financing paid in by qualified  money
                                  institutional investors over the last 2 years
    ``main_revenue_share``        ① main-business revenue / revenue, 上年度           share
    ``main_revenue_y1`` … ``_y3`` ② main-business revenue in each of the 3 years      money
    ``product_field``             ④ field of the main product (ProductField)         —
    ``digital_level``             ⑤ digitalisation level (DigitalLevel)              —
    ``quality_items``             ⑥ quality items held (QualityItem, each once)      list
    ``net_profit_margin``         ⑦ net profit / revenue, 上年度 (may be negative)    ratio
    ``debt_ratio``                ⑧ debt-to-asset ratio, 上年度 (may exceed 100 %)    ratio
    ``characteristic_score``      ⑨ the province's 特色化 score, supplied            points
    ``ip_class``                  ⑩ best valid IP related to the main product        —
    ``rd_staff_share``            ⑫ R&D staff / employees, 上年度 (unverified)        share
    ``rd_institution_level``      ⑬ level of the R&D institution (unverified)        —
    ``science_awards_3y``         (4) S&T awards of the last 3 years, with rank       list
    ``maker_china_top500_3y``     (4) on the "创客中国" national top-500 list, 3 y    bool
    ============================  =================================================  ======
    """

    is_sme: bool | None = None
    not_abnormal_or_dishonest: bool | None = None
    no_major_incident: bool | None = None
    niche_years: Years | None = None
    rd_expense_y1: Money | None = None
    rd_expense_y2: Money | None = None
    rd_expense_share: Share | None = None
    revenue_y1: Money | None = None
    equity_financing_2y: Money | None = None
    main_revenue_share: Share | None = None
    main_revenue_y1: Money | None = None
    main_revenue_y2: Money | None = None
    main_revenue_y3: Money | None = None
    product_field: ProductField | None = None
    digital_level: DigitalLevel | None = None
    quality_items: list[QualityItem] | None = None
    net_profit_margin: Ratio | None = None
    debt_ratio: UnsignedRatio | None = None
    characteristic_score: Decimal | None = None
    ip_class: IpClass | None = None
    rd_staff_share: Share | None = None
    rd_institution_level: RdInstitutionLevel | None = None
    science_awards_3y: list[ScienceAward] | None = None
    maker_china_top500_3y: bool | None = None


@exact
def growth_measure(
    f: SpecializedFacts, method: str, years: int = 2
) -> Growth | MeanGrowth | Missing | Undefined:
    """② "近2年主营业务收入平均增长率" by ``method`` over ``years`` (the parameter
    ``growth_window_years``, 1 or 2): over 2 years, the ``mean`` of the two yearly rates (needs
    all three years) or ``cagr`` (needs the first and the last); over 1 year, both are the
    yearly growth from ``main_revenue_y2`` to ``main_revenue_y1``."""
    y1, y2, y3 = f.main_revenue_y1, f.main_revenue_y2, f.main_revenue_y3
    if years == 1:
        names: tuple[str, ...] = _GROWTH_FACTS[:2]
        needed: tuple[Decimal | None, ...] = (y1, y2)
    elif method == "mean":
        names, needed = _GROWTH_FACTS, (y1, y2, y3)
    else:
        names, needed = (_GROWTH_FACTS[0], _GROWTH_FACTS[2]), (y1, y3)
    absent = tuple(n for n, v in zip(names, needed, strict=True) if v is None)
    if absent:
        return Missing(absent)
    zero = tuple(n for n, v in zip(names[1:], needed[1:], strict=True) if v == 0)
    if zero:
        return Undefined(zero)
    assert y1 is not None
    if years == 1:
        assert y2 is not None
        return Growth(y1, y2)
    assert y3 is not None
    if method == "cagr":
        return Growth(y1, y3, 2)
    assert y2 is not None
    return MeanGrowth(y1, y2, y3)


def _check_characteristic(value: Decimal | None, maximum: Decimal, overridden: bool) -> None:
    """⑨ is supplied: a score in [0, the indicator's maximum]. Above a maximum the caller
    lowered (``overridden``), the override is what contradicts the facts."""
    if value is None:
        return
    if len(value.as_tuple().digits) <= _MAX_DIGITS and Decimal(0) <= value:
        if value <= maximum:
            return
        if overridden:
            raise InputError.single(
                "$.parameters.characteristic_max_points",
                f"below the supplied characteristic_score ({format_decimal(value)} points); "
                f"e.g. {format_decimal(value)}",
            )
    raise InputError.single(
        "$.characteristic_score",
        f"the province's 特色化 score must be between 0 and {format_decimal(maximum)} "
        f"points, got {value}; e.g. 12",
    )


# --------------------------------------------------------------------------------------------
# The definition: 附件2 in the order of the text
# --------------------------------------------------------------------------------------------

RS = "sme_specialized"
TABLE = table_spec(RS)
"""The 100-point table of 附件2 (the data file's ``[groups.*]``, ``[indicators.*]``)."""


@measure(reads=(Param("growth_method"), Param("growth_window_years")))
def revenue_growth(row: Row) -> Growth | MeanGrowth | Missing | Undefined:
    """② by the parameter ``growth_method`` over ``growth_window_years``
    (:func:`growth_measure`)."""
    params = row.params
    return growth_measure(row.facts, params["growth_method"], params["growth_window_years"])


def _indicator(name: str, reads: Ref | dict[str, Ref]) -> IndicatorScore:
    return IndicatorScore(f"{RS}.indicator.{name}", TABLE, name, reads)


GROWTH = _indicator("revenue_growth", {"growth": revenue_growth})

INDICATORS = (
    _indicator("main_revenue_share", {"share": Fact("main_revenue_share")}),
    GROWTH,
    _indicator("niche_years", Fact("niche_years")),
    _indicator("product_field", Fact("product_field")),
    _indicator("digital_level", Fact("digital_level")),
    _indicator("quality", Fact("quality_items")),
    _indicator("net_profit_margin", {"share": Fact("net_profit_margin")}),
    _indicator("debt_ratio", {"share": Fact("debt_ratio")}),
    _indicator("characteristic", Fact("characteristic_score")),
    _indicator("ip", Fact("ip_class")),
    _indicator("rd_expense", {"amount": Fact("rd_expense_y1"), "share": Fact("rd_expense_share")}),
    _indicator("rd_staff_share", {"share": Fact("rd_staff_share")}),
    _indicator("rd_institution", Fact("rd_institution_level")),
)
"""The thirteen indicators ①–⑬, informational (the total decides)."""

_EQUITY = Filled(
    Message(
        "近{equity_window_years}年新增股权融资总额（合格机构投资者的实缴额）",
        "New equity financing over the last {equity_window_years} years (paid in by qualified "
        "investors)",
    )
)


def _money(cid: str, fact: str, param: str, subject: Message | Filled) -> Threshold:
    return Threshold(
        cid, Fact(fact), Param(param), kind_of_value=Kind.MONEY, unit="万元", subject=subject
    )


BASIC = (
    CountThreshold(
        f"{RS}.basic.niche_years",
        Fact("niche_years"),
        Param("niche_years_minimum"),
        subject=Message("从事特定细分市场的年限（年）", "Years in the specific market niche"),
    ),
    _money(
        f"{RS}.basic.rd_expense",
        "rd_expense_y1",
        "rd_expense_minimum",
        Message("上年度研发费用总额", "R&D expense last year"),
    ),
    Threshold(
        f"{RS}.basic.rd_share",
        Fact("rd_expense_share"),
        Param("rd_share_minimum"),
        percent=True,
        subject=Message(
            "上年度研发费用占营业收入总额比重", "R&D expense as a share of revenue last year"
        ),
    ),
    AnyOf(
        f"{RS}.basic.revenue",
        _money(
            f"{RS}.basic.revenue",
            "revenue_y1",
            "revenue_minimum",
            Message("上年度营业收入", "Revenue last year"),
        ),
        _money(f"{RS}.basic.revenue", "equity_financing_2y", "revenue_equity_alternative", _EQUITY),
        keys=("revenue_y1", "equity_financing_2y"),
        bridge=Message(
            "营业收入低于该数额时，可看股权融资：", " Below that revenue, equity financing counts: "
        ),
    ),
)
"""Conditions (1)–(3), all binding; (3) is revenue, or below it new equity financing."""

TOTAL = ScoreAtLeast(
    f"{RS}.total", INDICATORS, Param("total_minimum"), Message("评价得分", "The total score")
)

DIRECT = (
    RankWithin(
        f"{RS}.direct.science_award",
        Fact("science_awards_3y"),
        {"national": Param("award_rank_national"), "provincial": Param("award_rank_provincial")},
        Param("award_window_years"),
    ),
    MeanAtLeast(
        f"{RS}.direct.rd_expense_mean",
        (Fact("rd_expense_y1"), Fact("rd_expense_y2")),
        Param("rd_mean_window_years"),
        Param("rd_expense_mean_minimum"),
        Filled(
            Message(
                "近{rd_mean_window_years}年研发费用总额均值",
                "Mean R&D expense over the last {rd_mean_window_years} years",
            )
        ),
    ),
    _money(
        f"{RS}.direct.equity_financing", "equity_financing_2y", "equity_financing_direct", _EQUITY
    ),
    Flag(
        f"{RS}.direct.maker_china",
        Fact("maker_china_top500_3y"),
        subject=Filled(
            Message(
                "近{maker_china_window_years}年进入“创客中国”中小企业创新创业大赛全国500强企业组名单",
                'on the national top-500 enterprise list of the "Maker China" SME contest in the '
                "last {maker_china_window_years} years",
            )
        ),
    ),
)
"""The direct conditions of (4): any one suffices."""

ROUTES = RouteOrDirect(
    f"{RS}.score_or_direct",
    route=(TOTAL,),
    direct=DIRECT,
    subject=Message("评价得分达到{total_minimum}分以上", "the score of {total_minimum} or more"),
    noun=Message("直接认定条件", "direct condition"),
)
"""(4): a score of 60 or more, or any direct condition."""

_METHODS = {
    "mean": Message("算术平均", "the arithmetic mean"),
    "cagr": Message("复合增长率", "the compound rate"),
}


def _compare_growth_methods(row: Row, years: int) -> None:
    """Note when the mean and the compound reading of ② would score differently."""
    method: str = row.params["growth_method"]
    other = "cagr" if method == "mean" else "mean"
    used = row(revenue_growth)
    measured = growth_measure(row.facts, other, years)
    if isinstance(used, Missing | Undefined) or isinstance(measured, Missing | Undefined):
        return
    ind = TABLE.table(row).indicator("revenue_growth")
    inclusive: bool = row.params["band_lower_inclusive"]
    points = {
        method: GROWTH.scored(row).low,
        other: score(ind, {"growth": measured}, inclusive=inclusive).low,
    }
    if points["mean"] != points["cagr"]:
        chosen, alternative = _METHODS[method], _METHODS[other]
        row.ctx.note(
            f"{ind.heading.zh}：按算术平均得{format_decimal(points['mean'])}分，"
            f"按复合增长率得{format_decimal(points['cagr'])}分；本次按{chosen.zh}计分"
            f"（可通过参数改按{alternative.zh}计分）。",
            f"{ind.heading.en}: {format_decimal(points['mean'])} points by the "
            f"arithmetic mean, {format_decimal(points['cagr'])} by the compound rate; scored "
            f"by {method} (parameter growth_method; set it to {other!r} for the other).",
        )


def _prepare(row: Row) -> None:
    """The checks of the facts and windows, in order, and the notes the decision needs."""
    facts: SpecializedFacts = row.facts
    check_unique(facts.quality_items, "quality_items")
    check_awards(facts.science_awards_3y, "science_awards_3y")
    years = window_years(row.params, "growth_window_years", supported=(1, 2))
    characteristic = TABLE.table(row).indicator("characteristic")
    overridden = "characteristic_max_points" in row.ctx.params.overrides
    _check_characteristic(facts.characteristic_score, characteristic.max_points, overridden)
    window_years(row.params, "rd_mean_window_years", supported=(1, 2))
    _compare_growth_methods(row, years)
    if facts.characteristic_score is None:
        name = fact_names(characteristic.labels, ["characteristic_score"])
        row.ctx.note(
            f"未提供{name.zh}：内蒙古自治区的特色化指标未能找到，"
            f"该项{format_decimal(characteristic.max_points)}分按0至满分的区间计入，"
            "结论可能因此尚不能确定。",
            f"No {name.en} was given: Inner Mongolia's distinctiveness indicators could not "
            "be found, so those points count as anything from 0 to full marks, which may "
            "leave the decision undetermined.",
        )


def _finish(row: Row, findings: Sequence[Finding]) -> None:
    row.results.update(card_results(row, INDICATORS, TABLE))
    row.results["routes"] = ROUTES.outcome(row).statuses()
    row.results["growth_method"] = row.params["growth_method"]


DEFINITION = Definition(
    RS,
    SpecializedFacts,
    criteria=(*general_conditions(RS), *BASIC, *INDICATORS, *ROUTES.members(), ROUTES),
    prepare=_prepare,
    finish=_finish,
)
"""附件2 as data: the general conditions, (1)–(3), the thirteen indicators, then (4)."""


_WINDOWS = {"growth_window_years": (1, 2), "rd_mean_window_years": (1, 2)}
"""The "近N年" windows the per-year facts carry, by parameter (checked in :func:`_prepare` too)."""


class SpecializedRuleSet(BaseRuleSet[SpecializedFacts]):
    """专精特新中小企业认定 (63号 附件2): the general conditions, conditions (1)–(3), and a score
    of 60 or a direct condition."""

    id = "sme_specialized"
    facts_type = SpecializedFacts
    definition = DEFINITION

    @exact
    def check_in_force(self, on: dt.date, notes: list[Message], params: Resolved) -> None:
        """63号 from its issue (2022-06-01, unverified) to 2026-03-31. Before the issue the
        error names no successor (the successor, 工信部企业〔2026〕2号, follows the window)."""
        start = self.data.in_force_from
        if start is not None and on < start:
            raise NotInForce(self.id, on, start=start, end=self.data.in_force_to)
        super().check_in_force(on, notes, params)

    def parameter_problems(self, params: Resolved, on: dt.date) -> Sequence[Problem]:
        """The scoring table's rows out of order and the windows the facts cannot follow, under
        the caller's overrides (reported with the facts' problems)."""
        return override_problems(TABLE, params, on, _WINDOWS)


RULESET = register(SpecializedRuleSet())
