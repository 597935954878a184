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

In force from 63号's date of issue (2022-06-01 as reprints give it; unverified) to 2026-03-31;
later dates raise :class:`~nmgpolicy.errors.NotInForce` (the successor, 工信部企业〔2026〕2号, is
not encoded: its thresholds could not be verified). The "近N年" windows are parameters with
their citations (``equity_window_years``, ``award_window_years``, ``rd_mean_window_years``,
``maker_china_window_years``, ``growth_window_years``, ``incident_window_years``).
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any, Literal

import attrs

from nmgpolicy._exact import exact
from nmgpolicy.convert import Money, Ratio, Share, UnsignedRatio, Years
from nmgpolicy.criteria import flag, threshold
from nmgpolicy.engine import BaseRuleSet, Context, register
from nmgpolicy.errors import InputError, NotInForce
from nmgpolicy.outcome import Finding, Message, Status
from nmgpolicy.params import Resolved
from nmgpolicy.rules._sme_scoring import (
    AWARD_NAMES,
    EXACT,
    Growth,
    IpClass,
    MeanGrowth,
    Missing,
    RdInstitutionLevel,
    ScienceAward,
    Undefined,
    check_awards,
    check_unique,
    either,
    fact_names,
    general_conditions,
    indicator_finding,
    interval_finding,
    plain,
    score,
    score_all,
    score_or_direct,
    scoring_table,
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


def _characteristic(value: Decimal | None, maximum: Decimal) -> Decimal | Missing:
    if value is None:
        return Missing(("characteristic_score",))
    if not Decimal(0) <= value <= maximum or len(value.as_tuple().digits) > _MAX_DIGITS:
        raise InputError.single(
            "$.characteristic_score",
            f"the province's 特色化 score must be between 0 and {format_decimal(maximum)} "
            f"points, got {value}; e.g. 12",
        )
    return value


def _inputs(f: SpecializedFacts, method: str, years: int, maximum: Decimal) -> dict[str, Any]:
    def given(value: object, fact: str) -> object:
        return value if value is not None else Missing((fact,))

    return {
        "main_revenue_share": {"share": plain(f.main_revenue_share, "main_revenue_share")},
        "revenue_growth": {"growth": growth_measure(f, method, years)},
        "niche_years": given(f.niche_years, "niche_years"),
        "product_field": given(f.product_field, "product_field"),
        "digital_level": given(f.digital_level, "digital_level"),
        "quality": given(f.quality_items, "quality_items"),
        "net_profit_margin": {"share": plain(f.net_profit_margin, "net_profit_margin")},
        "debt_ratio": {"share": plain(f.debt_ratio, "debt_ratio")},
        "characteristic": _characteristic(f.characteristic_score, maximum),
        "ip": given(f.ip_class, "ip_class"),
        "rd_expense": {
            "amount": plain(f.rd_expense_y1, "rd_expense_y1", money=True),
            "share": plain(f.rd_expense_share, "rd_expense_share"),
        },
        "rd_staff_share": {"share": plain(f.rd_staff_share, "rd_staff_share")},
        "rd_institution": given(f.rd_institution_level, "rd_institution_level"),
    }


def _money(ctx: Context, cid: str, value: Decimal | None, param: str, subject: Message) -> Finding:
    return threshold(ctx, cid, value, ctx.params[param], subject, kind=Kind.MONEY, unit="万元")


def _basic(f: SpecializedFacts, ctx: Context) -> list[Finding]:
    """Conditions (1)–(3) of 附件2: all binding."""
    rs = SpecializedRuleSet.id
    niche = threshold(
        ctx,
        f"{rs}.basic.niche_years",
        None if f.niche_years is None else Decimal(f.niche_years),
        Decimal(ctx.params["niche_years_minimum"]),
        Message("从事特定细分市场的年限（年）", "Years in the specific market niche"),
    )
    rd_expense = _money(
        ctx,
        f"{rs}.basic.rd_expense",
        f.rd_expense_y1,
        "rd_expense_minimum",
        Message("上年度研发费用总额", "R&D expense last year"),
    )
    rd_share = threshold(
        ctx,
        f"{rs}.basic.rd_share",
        f.rd_expense_share,
        ctx.params["rd_share_minimum"],
        Message("上年度研发费用占营业收入总额比重", "R&D expense as a share of revenue last year"),
        percent=True,
    )
    return [niche, rd_expense, rd_share, _revenue(f, ctx)]


def _revenue(f: SpecializedFacts, ctx: Context) -> Finding:
    """(3): revenue ≥ 1000万元, or (below it) new equity financing ≥ 2000万元 — either suffices."""
    cid = f"{SpecializedRuleSet.id}.basic.revenue"
    revenue = _money(
        ctx, cid, f.revenue_y1, "revenue_minimum", Message("上年度营业收入", "Revenue last year")
    )
    if revenue.status is Status.MET:
        return revenue
    years = window_years(ctx, "equity_window_years")
    equity = _money(
        ctx,
        cid,
        f.equity_financing_2y,
        "revenue_equity_alternative",
        Message(
            f"近{years}年新增股权融资总额（合格机构投资者的实缴额）",
            f"New equity financing over the last {years} years (paid in by qualified investors)",
        ),
    )
    status = either([revenue.status, equity.status])
    return ctx.finding(
        cid,
        status,
        f"{revenue.message.zh}营业收入低于该数额时，可看股权融资：{equity.message.zh}",
        f"{revenue.message.en} Below that revenue, equity financing counts: {equity.message.en}",
        measured={"revenue_y1": revenue.measured, "equity_financing_2y": equity.measured},
        required={"revenue_y1": revenue.required, "equity_financing_2y": equity.required},
        gap={"revenue_y1": revenue.gap, "equity_financing_2y": equity.gap},
    )


def _award(f: SpecializedFacts, ctx: Context) -> Finding:
    """(4) direct: a provincial award ranked within the first three winning units, or a
    national one within the first five (ranks are parameters)."""
    cid = f"{SpecializedRuleSet.id}.direct.science_award"
    years = window_years(ctx, "award_window_years")
    awards = f.science_awards_3y
    limits = {
        "national": int(ctx.params["award_rank_national"]),
        "provincial": int(ctx.params["award_rank_provincial"]),
    }
    required = {level: Message(f"前{n}名", f"first {n}") for level, n in limits.items()}
    if awards is None:
        return ctx.finding(
            cid,
            Status.UNKNOWN,
            f"缺少事实：近{years}年获得的省级、国家级科技奖励及其在获奖单位中的排名（未提供）。",
            f"Fact missing: science and technology awards of the last {years} years, with rank "
            "(science_awards_3y, not provided).",
            required=required,
        )
    statuses: list[Status] = []
    zh: list[str] = []
    en: list[str] = []
    for award in awards:
        limit = limits[award.level]
        name = AWARD_NAMES[award.level]
        if award.rank is None:
            statuses.append(Status.UNKNOWN)
            zh.append(f"{name.zh}科技奖励（排名未提供，要求前{limit}名）")
            en.append(f"{name.en} award (rank not given; first {limit} required)")
            continue
        statuses.append(Status.MET if award.rank <= limit else Status.NOT_MET)
        zh.append(f"{name.zh}科技奖励第{award.rank}名（要求前{limit}名）")
        en.append(f"{name.en} award, rank {award.rank} (first {limit} required)")
    status = either(statuses)
    listed_zh = "；".join(zh) or f"近{years}年无省级、国家级科技奖励"
    listed_en = "; ".join(en) or f"no provincial or national award in the last {years} years"
    verdict = {
        Status.MET: ("符合", "met"),
        Status.NOT_MET: ("不符合", "not met"),
        Status.UNKNOWN: ("尚不能确定", "not yet determined"),
    }[status]
    return ctx.finding(
        cid,
        status,
        f"{listed_zh}：{verdict[0]}。",
        f"{listed_en}: {verdict[1]}.",
        measured=[attrs.asdict(a) for a in awards],
        required=required,
    )


def _rd_mean(f: SpecializedFacts, ctx: Context) -> Finding:
    """(4) direct: mean R&D expense of the last two years ≥ 1000万元 (the window is the
    parameter ``rd_mean_window_years``: 2, or 1 for last year alone). With one of two years
    missing, the other year alone settles it when it reaches twice the threshold (R&D ≥ 0)."""
    cid = f"{SpecializedRuleSet.id}.direct.rd_expense_mean"
    years = window_years(ctx, "rd_mean_window_years", supported=(1, 2))
    required: Decimal = ctx.params["rd_expense_mean_minimum"]
    subject = Message(
        f"近{years}年研发费用总额均值", f"Mean R&D expense over the last {years} years"
    )
    values = (f.rd_expense_y1, f.rd_expense_y2)[:years]
    known = [v for v in values if v is not None]
    if len(known) == years:
        mean = EXACT.divide(sum(known, Decimal(0)), Decimal(years))  # exact: at most two halved
        return _money(ctx, cid, mean, "rd_expense_mean_minimum", subject)
    if known and known[0] >= EXACT.multiply(Decimal(years), required):
        finding = _money(
            ctx, cid, EXACT.divide(known[0], Decimal(years)), "rd_expense_mean_minimum", subject
        )
        return attrs.evolve(
            finding,
            message=Message(
                f"仅一年的研发费用已达均值要求的两倍，{finding.message.zh}"
                f"（另一年研发费用不为负，均值至少为此数）",
                f"One year's R&D expense alone is twice the required mean; "
                f"{finding.message.en} (the other year is not negative: the mean is at least this)",
            ),
        )
    return _money(ctx, cid, None, "rd_expense_mean_minimum", subject)


def _direct(f: SpecializedFacts, ctx: Context) -> list[Finding]:
    rs = SpecializedRuleSet.id
    equity_years = window_years(ctx, "equity_window_years")
    maker_years = window_years(ctx, "maker_china_window_years")
    equity = _money(
        ctx,
        f"{rs}.direct.equity_financing",
        f.equity_financing_2y,
        "equity_financing_direct",
        Message(
            f"近{equity_years}年新增股权融资总额（合格机构投资者的实缴额）",
            f"New equity financing over the last {equity_years} years (paid in by qualified "
            "investors)",
        ),
    )
    maker = flag(
        ctx,
        f"{rs}.direct.maker_china",
        f.maker_china_top500_3y,
        Message(
            f"近{maker_years}年进入“创客中国”中小企业创新创业大赛全国500强企业组名单",
            'on the national top-500 enterprise list of the "Maker China" SME contest in the '
            f"last {maker_years} years",
        ),
    )
    return [_award(f, ctx), _rd_mean(f, ctx), equity, maker]


_METHODS = {
    "mean": Message("算术平均", "the arithmetic mean"),
    "cagr": Message("复合增长率", "the compound rate"),
}


class SpecializedRuleSet(BaseRuleSet[SpecializedFacts]):
    """专精特新中小企业认定 (63号 附件2): the general conditions, conditions (1)–(3), and a score
    of 60 or a direct condition."""

    id = "sme_specialized"
    facts_type = SpecializedFacts

    @exact
    def check_in_force(self, on: dt.date, notes: list[Message], params: Resolved) -> None:
        """63号 from its issue (2022-06-01, unverified) to 2026-03-31. Before the issue the
        error names no successor (the successor, 工信部企业〔2026〕2号, follows the window)."""
        start = self.data.in_force_from
        if start is not None and on < start:
            raise NotInForce(self.id, on, start=start, end=self.data.in_force_to)
        super().check_in_force(on, notes, params)

    @exact
    def decide(self, facts: SpecializedFacts, ctx: Context) -> tuple[list[Finding], dict[str, Any]]:
        check_unique(facts.quality_items, "quality_items")
        check_awards(facts.science_awards_3y, "science_awards_3y")
        table = scoring_table(self.id)
        inclusive: bool = ctx.params["band_lower_inclusive"]
        method: str = ctx.params["growth_method"]
        years = window_years(ctx, "growth_window_years", supported=(1, 2))
        characteristic_max = table.indicator("characteristic").max_points
        card = score_all(
            table, _inputs(facts, method, years, characteristic_max), inclusive=inclusive
        )
        self._compare_growth_methods(facts, ctx, method, years, inclusive)
        if facts.characteristic_score is None:
            name = fact_names(table.indicator("characteristic").labels, ["characteristic_score"])
            ctx.note(
                f"未提供{name.zh}：内蒙古自治区的特色化指标未能找到，"
                f"该项{format_decimal(characteristic_max)}分按0至满分的区间计入，"
                "结论可能因此尚不能确定。",
                f"No {name.en} was given: Inner Mongolia's distinctiveness indicators could not "
                "be found, so those points count as anything from 0 to full marks, which may "
                "leave the decision undetermined.",
            )
        findings = general_conditions(
            ctx,
            self.id,
            {
                "is_sme": facts.is_sme,
                "not_abnormal_or_dishonest": facts.not_abnormal_or_dishonest,
                "no_major_incident": facts.no_major_incident,
            },
        )
        findings += _basic(facts, ctx)
        findings += [indicator_finding(ctx, self.id, s) for s in card.scored]
        low, high = card.interval()
        total_minimum: Decimal = ctx.params["total_minimum"]
        total = interval_finding(
            ctx,
            f"{self.id}.total",
            low,
            high,
            total_minimum,
            Message("评价得分", "The total score"),
            card.pending(),
        )
        routed, results = score_or_direct(
            ctx,
            self.id,
            card,
            total.status,
            [total],
            _direct(facts, ctx),
            Message(
                f"评价得分达到{format_decimal(total_minimum)}分以上",
                f"the score of {format_decimal(total_minimum)} or more",
            ),
        )
        findings += routed
        results["growth_method"] = method
        return findings, results

    def _compare_growth_methods(
        self, facts: SpecializedFacts, ctx: Context, method: str, years: int, inclusive: bool
    ) -> None:
        """Note when the mean and the compound reading of ② would score differently."""
        ind = scoring_table(self.id).indicator("revenue_growth")
        points = {}
        for name in ("mean", "cagr"):
            measure = growth_measure(facts, name, years)
            if isinstance(measure, Missing | Undefined):
                return
            points[name] = score(ind, {"growth": measure}, inclusive=inclusive).low
        if points["mean"] != points["cagr"]:
            other = "cagr" if method == "mean" else "mean"
            used, alternative = _METHODS[method], _METHODS[other]
            ctx.note(
                f"{ind.heading.zh}：按算术平均得{format_decimal(points['mean'])}分，"
                f"按复合增长率得{format_decimal(points['cagr'])}分；本次按{used.zh}计分"
                f"（可通过参数改按{alternative.zh}计分）。",
                f"{ind.heading.en}: {format_decimal(points['mean'])} points by the "
                f"arithmetic mean, {format_decimal(points['cagr'])} by the compound rate; scored "
                f"by {method} (parameter growth_method; set it to {other!r} for the other).",
            )


RULESET = register(SpecializedRuleSet())
