"""创新型中小企业评价 — 《优质中小企业梯度培育管理暂行办法》（工信部企业〔2022〕63号）附件1.

The Baotou bureau's catalog (item ``sme-recognition``) discloses the lists of recognised
创新型中小企业 under 《内蒙古自治区优质中小企业梯度培育管理实施细则（2022-2025年）》, which
applies 63号. Its annex 1, as extracted in the references (reprints, not an official text):

* a 100-point table in three groups — 创新能力 40 (① valid IP related to the main product, 20;
  ② R&D expense share of revenue, 20), 成长性 30 (③ main-business revenue growth, 20; ④ debt
  ratio, 10), 专业化 30 (⑤ field of the main product, 10; ⑥ main-business revenue share, 20);
* recognition when the score is 60 or more *and* each group reaches its minimum (创新能力 20,
  成长性 15, 专业化 15), **or** when any direct condition holds: (1) a national or provincial
  science and technology award in the last three years; (2) a valid title — high-tech
  enterprise, national technology-innovation demonstration enterprise, IP-advantage or
  IP-demonstration enterprise; (3) a recognised R&D institution at provincial/ministerial level
  or above; (4) new equity financing of 500万元 or more over the last three years.

Findings: ``sme_innovative.indicator.<name>`` (informational: points, band, nearest band up),
``sme_innovative.group.<group>`` and ``sme_innovative.total`` (the score route),
``sme_innovative.direct.<condition>`` (the direct route) and the binding summary
``sme_innovative.score_or_direct``. The route findings are binding exactly where the outcome
rests on them (:func:`~nmgpolicy.rules._sme_scoring.bind_routes`).

In force until 2026-03-31 (then 工信部企业〔2026〕2号); 63号's start date is not in the
references, so no lower bound is applied (the Decision notes it).
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any, Literal, get_args

import attrs

from nmgpolicy.convert import Money, Share, UnsignedRatio
from nmgpolicy.criteria import flag, threshold
from nmgpolicy.engine import BaseRuleSet, Context, register
from nmgpolicy.outcome import Finding, Message
from nmgpolicy.rules._sme_scoring import (
    LEVEL_NAMES,
    IpClass,
    Missing,
    RdInstitutionLevel,
    ScienceAward,
    both,
    check_awards,
    check_unique,
    indicator_finding,
    interval_finding,
    plain,
    score_all,
    score_or_direct,
    scoring_table,
    yearly_growth,
)
from nmgpolicy.units import Kind, format_decimal

__all__ = [
    "InnovativeFacts",
    "InnovativeRuleSet",
    "IpClass",
    "ProductField",
    "RdInstitutionLevel",
    "ScienceAward",
    "Title",
]

Title = Literal["high_tech", "tech_innovation_demo", "ip_advantage", "ip_demo"]
"""A title held and still valid (有效期内): ``high_tech`` 高新技术企业; ``tech_innovation_demo``
国家级技术创新示范企业; ``ip_advantage`` 知识产权优势企业; ``ip_demo`` 知识产权示范企业."""

ProductField = Literal["strategic_emerging", "other"]
"""Field of the main product (⑤): ``strategic_emerging`` it belongs to 《战略性新兴产业分类
（2018）》 (国家统计局令第23号); ``other`` it does not."""


@attrs.frozen
class InnovativeFacts:
    """Facts for ``evaluate("sme_innovative", …)``; every field is optional (absent = unknown).

    "上年度" (``_y1``) is the last full year before the application, ``_y2`` the year before it.
    Shares are fractions or percentages (``"4.5%"``, ``0.045``); money is text with a unit
    (``"3200万元"``).

    ==========================  ======================================================  ======
    field                       meaning (indicator)                                     unit
    ==========================  ======================================================  ======
    ``ip_class``                ① best valid IP related to the main product (IpClass)   —
    ``rd_expense_share``        ② R&D expense / revenue, 上年度                         share
    ``main_revenue_y1``         ③ main-business revenue, 上年度                         money
    ``main_revenue_y2``         ③ main-business revenue, 上上年度 (growth base)         money
    ``debt_ratio``              ④ debt-to-asset ratio, 上年度 (may exceed 100 %)        ratio
    ``product_field``           ⑤ field of the main product (ProductField)              —
    ``main_revenue_share``      ⑥ main-business revenue / revenue, 上年度               share
    ``science_awards_3y``       direct (1): national/provincial S&T awards, last 3 y    list
    ``valid_titles``            direct (2): titles held and valid (Title)               list
    ``rd_institution_level``    direct (3): level of the recognised R&D institution     —
    ``equity_financing_3y``     direct (4): new equity financing paid in by qualified   money
                                institutional investors over the last three years
    ==========================  ======================================================  ======
    """

    ip_class: IpClass | None = None
    rd_expense_share: Share | None = None
    main_revenue_y1: Money | None = None
    main_revenue_y2: Money | None = None
    debt_ratio: UnsignedRatio | None = None
    product_field: ProductField | None = None
    main_revenue_share: Share | None = None
    science_awards_3y: list[ScienceAward] | None = None
    valid_titles: list[Title] | None = None
    rd_institution_level: RdInstitutionLevel | None = None
    equity_financing_3y: Money | None = None


def _inputs(f: InnovativeFacts) -> dict[str, Any]:
    """Each indicator's input (see :data:`nmgpolicy.rules._sme_scoring.Raw`)."""
    return {
        "ip": f.ip_class if f.ip_class is not None else Missing(("ip_class",)),
        "rd_share": {"share": plain(f.rd_expense_share, "rd_expense_share")},
        "revenue_growth": {
            "growth": yearly_growth(
                f.main_revenue_y1, f.main_revenue_y2, ("main_revenue_y1", "main_revenue_y2")
            )
        },
        "debt_ratio": {"share": plain(f.debt_ratio, "debt_ratio")},
        "product_field": (
            f.product_field if f.product_field is not None else Missing(("product_field",))
        ),
        "main_revenue_share": {"share": plain(f.main_revenue_share, "main_revenue_share")},
    }


def _direct(f: InnovativeFacts, ctx: Context) -> list[Finding]:
    """The four direct-recognition conditions of 附件1, each a finding."""
    rs = InnovativeRuleSet.id
    awards = f.science_awards_3y
    award = flag(
        ctx,
        f"{rs}.direct.science_award",
        None if awards is None else bool(awards),
        Message(
            "近三年内获得过国家级、省级科技奖励",
            "a national or provincial science and technology award in the last three years",
        ),
    )
    award = attrs.evolve(
        award, measured=None if awards is None else [attrs.asdict(a) for a in awards]
    )
    titles = f.valid_titles
    title = flag(
        ctx,
        f"{rs}.direct.title",
        None if titles is None else bool(titles),
        Message(
            "高新技术企业、国家级技术创新示范企业、知识产权优势企业或知识产权示范企业（有效期内）",
            "a valid high-tech, national technology-innovation demonstration, IP-advantage or "
            "IP-demonstration enterprise title",
        ),
    )
    title = attrs.evolve(title, measured=titles)
    levels = get_args(RdInstitutionLevel)
    minimum: str = ctx.params["rd_institution_direct_minimum"]
    level = f.rd_institution_level
    institution = flag(
        ctx,
        f"{rs}.direct.rd_institution",
        None if level is None else levels.index(level) <= levels.index(minimum),
        Message(
            f"拥有经认定的{LEVEL_NAMES[minimum].zh}以上研发机构",
            f"a recognised R&D institution at {LEVEL_NAMES[minimum].en} level or above",
        ),
    )
    institution = attrs.evolve(institution, measured=level, required=minimum)
    equity = threshold(
        ctx,
        f"{rs}.direct.equity_financing",
        f.equity_financing_3y,
        ctx.params["equity_financing_minimum"],
        Message(
            "近三年新增股权融资总额（合格机构投资者的实缴额）",
            "New equity financing over the last three years (paid in by qualified investors)",
        ),
        kind=Kind.MONEY,
        unit="万元",
    )
    return [award, title, institution, equity]


class InnovativeRuleSet(BaseRuleSet[InnovativeFacts]):
    """创新型中小企业评价 (63号 附件1): score and group minima, or any direct condition."""

    id = "sme_innovative"
    facts_type = InnovativeFacts

    def decide(self, facts: InnovativeFacts, ctx: Context) -> tuple[list[Finding], dict[str, Any]]:
        check_unique(facts.valid_titles, "valid_titles")
        check_awards(facts.science_awards_3y, "science_awards_3y")
        table = scoring_table(self.id)
        card = score_all(table, _inputs(facts), inclusive=ctx.params["band_lower_inclusive"])
        findings = [indicator_finding(ctx, self.id, s) for s in card.scored]

        score_findings: list[Finding] = []
        for group in table.groups:
            assert group.minimum is not None
            low, high = card.interval(group.indicators)
            score_findings.append(
                interval_finding(
                    ctx,
                    f"{self.id}.group.{group.name}",
                    low,
                    high,
                    ctx.params[group.minimum],
                    Message(f"{group.title.zh}类指标得分", f"{group.title.en} points"),
                    card.pending(group.indicators),
                )
            )
        low, high = card.interval()
        total: Decimal = ctx.params["total_minimum"]
        score_findings.append(
            interval_finding(
                ctx,
                f"{self.id}.total",
                low,
                high,
                total,
                Message("评价得分", "The total score"),
                card.pending(),
            )
        )
        routed, results = score_or_direct(
            ctx,
            self.id,
            card,
            both(f.status for f in score_findings),
            score_findings,
            _direct(facts, ctx),
            Message(
                f"评价得分达到{format_decimal(total)}分以上且各类指标得分均达到最低要求",
                f"the score of {format_decimal(total)} or more with every group minimum",
            ),
        )
        findings += routed
        return findings, results


RULESET = register(InnovativeRuleSet())
