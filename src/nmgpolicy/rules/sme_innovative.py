"""创新型中小企业评价 — 《优质中小企业梯度培育管理暂行办法》（工信部企业〔2022〕63号）附件1.

The Baotou bureau's catalog (item ``sme-recognition``) discloses the lists of recognised
创新型中小企业 under 《内蒙古自治区优质中小企业梯度培育管理实施细则（2022-2025年）》, which
applies 63号. Its annex 1, as the bundled source ``data/sources/gradient_2022.md`` carries it (an
extraction from reprints, not an official text; docs/rules/sme.md has the table of thresholds,
where each was taken from and how sure it is):

* the general admission conditions of 63号 — an SME under 《中小企业划型标准规定》, not on the
  abnormal-operation or serious-dishonesty lists, no major safety, quality or environmental
  incident in the last three years — as attestations (``sme_size``,
  ``not_abnormal_or_dishonest``, ``no_major_incident``: ``review`` when not attested);
* a 100-point table in three groups — 创新能力 40 (① valid IP related to the main product, 20;
  ② R&D expense share of revenue, 20), 成长性 30 (③ main-business revenue growth, 20; ④ debt
  ratio, 10), 专业化 30 (⑤ field of the main product, 10; ⑥ main-business revenue share, 20);
* recognition when the score is 60 or more *and* each group reaches its minimum (创新能力 20,
  成长性 15, 专业化 15), **or** when any direct condition holds: (1) a national or provincial
  science and technology award in the last three years; (2) a valid title — high-tech
  enterprise, national technology-innovation demonstration enterprise, IP-advantage or
  IP-demonstration enterprise; (3) a recognised R&D institution at provincial/ministerial level
  or above; (4) new equity financing of 500万元 or more over the last three years.

Findings: the general conditions; ``sme_innovative.indicator.<name>`` (informational: points,
band, nearest band up), ``sme_innovative.group.<group>`` and ``sme_innovative.total`` (the score
route), ``sme_innovative.direct.<condition>`` (the direct route) and the binding summary
``sme_innovative.score_or_direct``. The route findings are binding exactly where the outcome
rests on them (:class:`~nmgpolicy.criteria_scoring.RouteOrDirect`).

The annex is one :data:`DEFINITION` (:mod:`nmgpolicy.definition`): its criteria in the order of
the text, each a kind of :mod:`nmgpolicy.criteria_scoring`, :mod:`nmgpolicy.criteria` or
:mod:`nmgpolicy.rules._sme_scoring`. Every number — thresholds, windows, and each band edge and
row of the scoring table — is a parameter of ``data/sme_innovative.toml`` with its citation.

In force from 63号's date of issue (2022-06-01 as reprints give it; unverified) to 2026-03-31;
after that, 附件1 is reported (not verified) to continue under 工信部企业〔2026〕2号 第三十条
until a merged 科技和创新型 standard is issued: the rule set keeps evaluating with a note saying
so, until the parameter ``continuation_until`` when a caller sets it
(:meth:`InnovativeRuleSet.check_in_force`).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Any, Literal, get_args

import attrs

from nmgpolicy._exact import exact
from nmgpolicy.convert import Money, Share, UnsignedRatio
from nmgpolicy.criteria import Threshold
from nmgpolicy.criteria_scoring import (
    Filled,
    GroupSpec,
    Growth,
    IndicatorScore,
    Missing,
    RouteOrDirect,
    ScoreAtLeast,
    Undefined,
)
from nmgpolicy.definition import Definition, Fact, Param, Ref, Row, measure
from nmgpolicy.engine import BaseRuleSet, register
from nmgpolicy.errors import NotInForce, Problem
from nmgpolicy.outcome import Finding, Message
from nmgpolicy.params import Resolved
from nmgpolicy.rules._sme_scoring import (
    AWARD_NAMES,
    LEVEL_NAMES,
    AnyListed,
    IpClass,
    LevelAtLeast,
    RdInstitutionLevel,
    ScienceAward,
    card_results,
    check_awards,
    check_unique,
    general_conditions,
    override_problems,
    table_spec,
    yearly_growth,
)
from nmgpolicy.units import Kind

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
    """Facts for ``evaluate("sme_innovative", …)``; every field is optional (absent = unknown,
    or ``review`` for an attestation).

    "上年度" (``_y1``) is the last full year before the application, ``_y2`` the year before it.
    Shares are fractions or percentages (``"4.5%"``, ``0.045``); money is text with a unit
    (``"3200万元"``). The windows of the ``_3y`` facts are the parameters
    ``award_window_years`` and ``equity_window_years`` (3 years, as the text says).

    ==============================  ==================================================  ======
    field                           meaning (condition / indicator)                     unit
    ==============================  ==================================================  ======
    ``is_sme``                      an SME under 《中小企业划型标准规定》 (attested)     bool
    ``not_abnormal_or_dishonest``   not on the 经营异常名录 / 严重失信主体名单 (attested) bool
    ``no_major_incident``           no major safety, quality or environmental incident  bool
                                    in the last three years (attested)
    ``ip_class``                    ① best valid IP related to the main product         —
    ``rd_expense_share``            ② R&D expense / revenue, 上年度                     share
    ``main_revenue_y1``             ③ main-business revenue, 上年度                     money
    ``main_revenue_y2``             ③ main-business revenue, 上上年度 (growth base)     money
    ``debt_ratio``                  ④ debt-to-asset ratio, 上年度 (may exceed 100 %)    ratio
    ``product_field``               ⑤ field of the main product (ProductField)          —
    ``main_revenue_share``          ⑥ main-business revenue / revenue, 上年度           share
    ``science_awards_3y``           direct (1): national/provincial S&T awards, last 3 y list
    ``valid_titles``                direct (2): titles held and valid (Title)           list
    ``rd_institution_level``        direct (3): level of the recognised R&D institution —
    ``equity_financing_3y``         direct (4): new equity financing paid in by         money
                                    qualified institutional investors, last three years
    ==============================  ==================================================  ======
    """

    is_sme: bool | None = None
    not_abnormal_or_dishonest: bool | None = None
    no_major_incident: bool | None = None
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


# --------------------------------------------------------------------------------------------
# The definition: 附件1 in the order of the text
# --------------------------------------------------------------------------------------------

RS = "sme_innovative"
TABLE = table_spec(RS)
"""The 100-point table of 附件1 (the data file's ``[groups.*]``, ``[indicators.*]``)."""


@measure
def revenue_growth(row: Row) -> Growth | Missing | Undefined:
    """③ the growth of main-business revenue from 上上年度 to 上年度."""
    f: InnovativeFacts = row.facts
    return yearly_growth(
        f.main_revenue_y1, f.main_revenue_y2, ("main_revenue_y1", "main_revenue_y2")
    )


def _indicator(name: str, reads: Ref | dict[str, Ref]) -> IndicatorScore:
    return IndicatorScore(f"{RS}.indicator.{name}", TABLE, name, reads)


INDICATORS = (
    _indicator("ip", Fact("ip_class")),
    _indicator("rd_share", {"share": Fact("rd_expense_share")}),
    _indicator("revenue_growth", {"growth": revenue_growth}),
    _indicator("debt_ratio", {"share": Fact("debt_ratio")}),
    _indicator("product_field", Fact("product_field")),
    _indicator("main_revenue_share", {"share": Fact("main_revenue_share")}),
)
"""The six indicators ①–⑥, informational (the groups and the total decide)."""


def _group(group: GroupSpec) -> ScoreAtLeast:
    """A group's points against its minimum (the parameter the data file's group names)."""
    assert group.minimum is not None  # 附件1 sets a minimum for every group
    return ScoreAtLeast(
        f"{RS}.group.{group.name}",
        tuple(i for i in INDICATORS if i.indicator in group.indicators),
        Param(group.minimum),
        Message(f"{group.title.zh}类指标得分", f"{group.title.en} points"),
    )


GROUPS = tuple(_group(group) for group in TABLE.groups)
"""创新能力 ≥20, 成长性 ≥15, 专业化 ≥15 (the parameters ``group_minimum_*``)."""

TOTAL = ScoreAtLeast(
    f"{RS}.total", INDICATORS, Param("total_minimum"), Message("评价得分", "The total score")
)


def _awards_in_words(awards: Sequence[ScienceAward]) -> list[dict[str, Any]]:
    """An award is 国家级 or 省级 (the level code "provincial" reads 省（部）级 for an R&D
    institution, direct condition (3)), so the level is shown in words."""
    return [{**attrs.asdict(a), "level": AWARD_NAMES[a.level]} for a in awards]


DIRECT = (
    AnyListed(
        f"{RS}.direct.science_award",
        Fact("science_awards_3y"),
        Filled(
            Message(
                "近{award_window_years}年内获得过国家级、省级科技奖励",
                "a national or provincial science and technology award in the last "
                "{award_window_years} years",
            )
        ),
        _awards_in_words,
    ),
    AnyListed(
        f"{RS}.direct.title",
        Fact("valid_titles"),
        Message(
            "高新技术企业、国家级技术创新示范企业、知识产权优势企业或知识产权示范企业（有效期内）",
            "a valid high-tech, national technology-innovation demonstration, IP-advantage or "
            "IP-demonstration enterprise title",
        ),
    ),
    LevelAtLeast(
        f"{RS}.direct.rd_institution",
        Fact("rd_institution_level"),
        Param("rd_institution_direct_minimum"),
        get_args(RdInstitutionLevel),
        LEVEL_NAMES,
        Message(
            "拥有经认定的{level}以上研发机构",
            "a recognised R&D institution at {level} level or above",
        ),
        lowest=frozenset({"below_municipal", "none"}),
        lowest_subject=Message(
            "拥有经认定的{level}研发机构", "a recognised R&D institution {level}"
        ),
    ),
    Threshold(
        f"{RS}.direct.equity_financing",
        Fact("equity_financing_3y"),
        Param("equity_financing_minimum"),
        kind_of_value=Kind.MONEY,
        unit="万元",
        subject=Filled(
            Message(
                "近{equity_window_years}年新增股权融资总额（合格机构投资者的实缴额）",
                "New equity financing over the last {equity_window_years} years (paid in by "
                "qualified investors)",
            )
        ),
    ),
)
"""The direct conditions (1)–(4): any one suffices."""

ROUTES = RouteOrDirect(
    f"{RS}.score_or_direct",
    route=(*GROUPS, TOTAL),
    direct=DIRECT,
    subject=Message(
        "评价得分达到{total_minimum}分以上且各类指标得分均达到最低要求",
        "the score of {total_minimum} or more with every group minimum",
    ),
    noun=Message("直接认定条件", "direct condition"),
)
"""Recognition: the score with every group minimum, or any direct condition."""


def _prepare(row: Row) -> None:
    facts: InnovativeFacts = row.facts
    check_unique(facts.valid_titles, "valid_titles")
    check_awards(facts.science_awards_3y, "science_awards_3y")


def _finish(row: Row, findings: Sequence[Finding]) -> None:
    row.results.update(card_results(row, INDICATORS, TABLE))
    row.results["routes"] = ROUTES.outcome(row).statuses()


DEFINITION = Definition(
    RS,
    InnovativeFacts,
    criteria=(*general_conditions(RS), *INDICATORS, *ROUTES.members(), ROUTES),
    prepare=_prepare,
    finish=_finish,
    reads=(Param("continuation_until"),),  # the in-force check (第三十条's continuation)
)
"""附件1 as data: the general conditions, the six indicators, then the routes."""


class InnovativeRuleSet(BaseRuleSet[InnovativeFacts]):
    """创新型中小企业评价 (63号 附件1): the general conditions, and the score with the group
    minima or any direct condition."""

    id = "sme_innovative"
    facts_type = InnovativeFacts
    definition = DEFINITION

    @exact
    def check_in_force(self, on: dt.date, notes: list[Message], params: Resolved) -> None:
        """63号 from its issue (2022-06-01) to 2026-03-31, then the reported continuation.

        Before 2022-06-01: :class:`~nmgpolicy.errors.NotInForce`. Within 63号's own window: the
        data file's ``window_note``. After 2026-03-31: 附件1 is reported to continue under
        工信部企业〔2026〕2号 第三十条 until a merged standard is issued, so the evaluation goes on
        with the ``[continuation]`` note — unless the caller set ``continuation_until`` and
        ``on`` is after it, which raises :class:`~nmgpolicy.errors.NotInForce` naming the
        successor.
        """
        data = self.data
        start, end = data.in_force_from, data.in_force_to
        assert start is not None
        assert end is not None
        assert data.window_note is not None
        if on < start:
            raise NotInForce(self.id, on, start=start, end=end)
        notes.append(data.window_note)
        if on <= end:
            return
        until: dt.date | None = params["continuation_until"]
        if until is not None and on > until:
            raise NotInForce(
                self.id, on, start=start, end=max(until, end), successor=data.successor
            )
        continuation = data.extra["continuation"]["note"]
        notes.append(Message(str(continuation["zh"]), str(continuation["en"])))
        if until is not None:
            notes.append(
                Message(
                    f"按所设定的参数，附件1适用至{until.isoformat()}。",
                    f"Annex 1 applies until {until.isoformat()}, as the parameter "
                    "continuation_until says.",
                )
            )

    def parameter_problems(self, params: Resolved, on: dt.date) -> Sequence[Problem]:
        """The scoring table's rows out of order under the caller's
        overrides (reported with the facts' problems)."""
        return override_problems(TABLE, params, on)


RULESET = register(InnovativeRuleSet())
