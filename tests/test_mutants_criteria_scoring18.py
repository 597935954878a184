"""``criteria_scoring`` (the scoring-table criteria) pinned where its full mutation run found it
loose (docs/mutation.md): the words of an exact score met and not met, the revenue-or-equity
condition of 专精特新 that lists both parts, a banded indicator that reads a fact as money only
when its measure is money, and an indicator's ``repr``."""

from __future__ import annotations

import datetime as dt
import json
from decimal import Decimal
from pathlib import Path
from typing import ClassVar

import attrs
import pytest

import nmgpolicy
from nmgpolicy.criteria_scoring import AnyOf, Plain
from nmgpolicy.definition import Criterion, Fact, Ref, Row
from nmgpolicy.engine import Context
from nmgpolicy.errors import InputError
from nmgpolicy.outcome import Amount, Finding, Message, Status
from nmgpolicy.params import load_parameters
from nmgpolicy.rules import sme_innovative, sme_specialized
from nmgpolicy.units import Kind
from tests._builders import innovative_80, sme_general, specialized_66
from tests.test_mutants_criteria_write import _ctx, _data

ON = dt.date(2025, 9, 1)


def _wan(amount: int) -> Amount:
    """``amount`` 万元, as findings measure money (in 元, shown in 万元)."""
    return Amount(Decimal(amount * 10_000), Kind.MONEY, "万元")


# ---- 附件1 "评价得分达到60分以上": an exact score, met and not met ---------------------------


def test_an_exact_score_that_reaches_the_minimum_is_met_in_both_languages() -> None:
    d = nmgpolicy.evaluate("sme_innovative", {**sme_general(), **innovative_80()}, on=ON)
    total = d.finding("sme_innovative.total")
    assert total.status.value == "met"
    assert total.message == Message(
        "评价得分为80分，要求不低于60分，符合。",
        "The total score is 80 points; required at least 60: met.",
    )
    assert (total.measured, total.required, total.gap) == (Decimal(80), Decimal(60), Decimal(20))


def test_an_exact_score_below_the_minimum_says_by_how_much() -> None:
    """The minimum overridden to 90 (a bureau's stricter reading): 80 points fall 10 short."""
    facts = {**sme_general(), **innovative_80()}
    d = nmgpolicy.evaluate("sme_innovative", facts, on=ON, parameters={"total_minimum": 90})
    total = d.finding("sme_innovative.total")
    assert total.status.value == "not_met"
    assert total.message == Message(
        "评价得分为80分，要求不低于90分，相差10分，不符合。",
        "The total score is 80 points; required at least 90; short by 10: not met.",
    )
    assert (total.measured, total.required, total.gap) == (Decimal(80), Decimal(90), Decimal(-10))


_PENDING = "①与主导产品相关的有效知识产权"


@pytest.mark.parametrize("minimum", [75, 90])
def test_a_score_whose_range_straddles_the_minimum_depends_on_the_pending_indicators(
    minimum: int,
) -> None:
    """Without ① the score is 70–90 points: a minimum of 75 — or of 90, which full marks on ①
    would reach (以上 includes the number) — is neither met nor failed yet."""
    facts = {**sme_general(), **innovative_80()}
    del facts["ip_class"]
    params = {"total_minimum": minimum}
    total = nmgpolicy.evaluate("sme_innovative", facts, on=ON, parameters=params).finding(
        "sme_innovative.total"
    )
    assert total.status.value == "unknown"
    assert total.message == Message(
        f"评价得分在70–90分之间，要求不低于{minimum}分，取决于待定指标：{_PENDING}。",
        f"The total score is between 70 and 90 points; required at least {minimum}: depends "
        "on the pending indicators: ① Valid intellectual property related to the main product.",
    )
    assert total.measured == {"min": Decimal(70), "max": Decimal(90)}
    assert (total.required, total.gap) == (Decimal(minimum), None)


def test_a_score_whose_most_falls_short_is_not_met_whatever_is_pending() -> None:
    facts = {**sme_general(), **innovative_80()}
    del facts["ip_class"]
    params = {"total_minimum": 100}
    total = nmgpolicy.evaluate("sme_innovative", facts, on=ON, parameters=params).finding(
        "sme_innovative.total"
    )
    assert total.status.value == "not_met"
    assert total.message.zh == (
        f"评价得分至多90分（待定：{_PENDING}），要求不低于100分，即使待定指标得满分也不符合。"
    )
    assert (total.required, total.gap) == (Decimal(100), Decimal(-10))


# ---- 专精特新 condition (3): revenue 1000万元以上, or below it equity financing 2000万元以上 -----

_REVENUE = "上年度营业收入为800万元，要求不低于1000万元，相差200万元，不符合。"
_BRIDGE = "营业收入低于该数额时，可看股权融资："
_EQUITY = "近2年新增股权融资总额（合格机构投资者的实缴额）为{}万元，要求不低于2000万元，{}"


@pytest.mark.parametrize(
    ("equity", "status", "verdict"),
    [(2500, "met", "符合。"), (2000, "met", "符合。"), (1500, "not_met", "相差500万元，不符合。")],
)
def test_revenue_below_its_minimum_falls_back_on_equity_financing_and_says_both(
    equity: int, status: str, verdict: str
) -> None:
    """ "上年度营业收入总额在1000万元以下，但近2年新增股权融资总额…达到2000万元以上" (以上
    includes 2000万元): the finding explains both parts and measures each under its own key."""
    facts = {
        **sme_general(),
        **specialized_66(),
        "revenue_y1": "800万元",
        "equity_financing_2y": f"{equity}万元",
    }
    d = nmgpolicy.evaluate("sme_specialized", facts, on=ON)
    revenue = d.finding("sme_specialized.basic.revenue")
    assert revenue.status.value == status
    assert revenue.message.zh == _REVENUE + _BRIDGE + _EQUITY.format(equity, verdict)
    assert revenue.message.en.startswith(
        "Revenue last year is 8 million yuan; required at least 10 million yuan; short by "
        "2 million yuan: not met. Below that revenue, equity financing counts: "
    )
    keys = ("revenue_y1", "equity_financing_2y")
    assert revenue.measured == dict(zip(keys, (_wan(800), _wan(equity)), strict=True))
    assert revenue.required == dict(zip(keys, (_wan(1000), _wan(2000)), strict=True))
    assert revenue.gap == dict(zip(keys, (_wan(-200), _wan(equity - 2000)), strict=True))


def test_revenue_at_its_minimum_decides_alone() -> None:
    facts = {**sme_general(), **specialized_66(), "revenue_y1": "1000万元"}
    revenue = nmgpolicy.evaluate("sme_specialized", facts, on=ON).finding(
        "sme_specialized.basic.revenue"
    )
    assert revenue.status.value == "met"
    assert revenue.message.zh == "上年度营业收入为1000万元，要求不低于1000万元，符合。"
    assert revenue.measured == _wan(1000)


# ---- a banded indicator reads a fact as money only when its measure is money -----------------


def _row(ruleset: str, facts: dict[str, object]) -> Row:
    data = load_parameters(ruleset)
    parsed = nmgpolicy.get_ruleset(ruleset).parse_facts(facts)
    return Row(parsed, Context(ON, data.resolve(ON), data, []))


def test_a_growth_measure_read_from_a_fact_is_a_share_not_money() -> None:
    """③ of 附件1 read from a plain fact (a definition of one's own may do so): 12% growth is
    compared and shown as a percentage, in the band 10–15%."""
    growth = attrs.evolve(sme_innovative.INDICATORS[2], reads={"growth": Fact("debt_ratio")})
    row = _row("sme_innovative", {**sme_general(), **innovative_80(), "debt_ratio": "12%"})
    scored = growth.scored(row)
    assert scored.raw == {"growth": Plain(Decimal("0.12"), money=False)}
    assert scored.low == scored.high == Decimal(15)
    assert growth.decide(row).message.zh.startswith(
        "③上年度主营业务收入增长率：12%，所在档“不低于10%且低于15%”，得15分（满分20分）"
    )


def test_a_money_measure_read_from_a_fact_is_money() -> None:
    """⑪ of 附件2 reads the R&D expense (money) and its share: the amount is money."""
    (rd_expense,) = (i for i in sme_specialized.INDICATORS if i.indicator == "rd_expense")
    facts = {**sme_general(), **specialized_66(), "rd_expense_y1": "150万元"}
    raw = rd_expense.scored(_row("sme_specialized", facts)).raw
    assert raw["amount"] == Plain(Decimal(1_500_000), money=True)
    assert raw["share"].money is False


def test_an_indicator_is_shown_without_its_whole_table() -> None:
    """The table (every indicator of 附件1, with labels) would make the repr of each of the six
    indicators pages long; the id, the indicator and what it reads identify it."""
    shown = repr(sme_innovative.INDICATORS[0])
    assert shown == (
        "IndicatorScore(id='sme_innovative.indicator.ip', indicator='ip', "
        "reads=Fact(path='ip_class'))"
    )


# ---- "A, or failing A, B" with parts explained at once (a kind of one's own) -----------------


@attrs.frozen
class _Said(Criterion):
    """A criterion of one's own whose finding is written at once (no renderer)."""

    status: Status
    said: str

    kind: ClassVar[str] = "said"

    def decide(self, row: Row) -> Finding:
        return row.ctx.finding(
            self.id, self.status, f"{self.said}。", f"{self.said}.", measured=self.said
        )

    def references(self) -> tuple[Ref, ...]:
        return ()


@pytest.mark.parametrize(("second", "status"), [(Status.MET, "met"), (Status.UNKNOWN, "unknown")])
def test_either_part_explained_at_once_is_quoted_as_it_is(second: Status, status: str) -> None:
    data = _data({"w.any": ("甲或乙", "A or B")})
    either = AnyOf(
        "w.any",
        _Said("w.any", Status.NOT_MET, "甲不符合"),
        _Said("w.any", second, "乙"),
        keys=("a", "b"),
        bridge=Message("；否则：", "; failing that: "),
    )
    finding = either.decide(Row(None, _ctx(data)))
    assert finding.status.value == status
    assert finding.message == Message("甲不符合。；否则：乙。", "甲不符合.; failing that: 乙.")
    assert finding.measured == {"a": "甲不符合", "b": "乙"}


def test_an_indicator_held_at_zero_of_zero_is_not_listed_as_pending() -> None:
    """⑤'s maximum overridden to 0 and its fact missing: its points are 0 whatever the fact
    (the interval 0–0), so only ⑨, still open, is what the score depends on."""
    example = Path(__file__).resolve().parents[1] / "examples/sme/specialized_score_66.json"
    facts = json.loads(example.read_text("utf-8"))
    del facts["niche_years"], facts["characteristic_score"]
    params = {"niche_years_max_points": "0"}
    total = nmgpolicy.evaluate("sme_specialized", facts, on=ON, parameters=params).finding(
        "sme_specialized.total"
    )
    assert total.status.value == "unknown"
    assert total.message.zh == (
        "评价得分在54–69分之间，要求不低于60分，取决于待定指标：⑨特色化指标（由省级主管部门确定）。"
    )


def test_a_status_given_as_its_text_is_the_status() -> None:
    """A criterion of one's own may give "met" for Status.MET: the combinators compare statuses
    by identity, so a plain text would have been taken for a failed first part."""
    data = _data({"w.any": ("甲或乙", "A or B")})
    said = _Said("w.any", "met", "甲")  # type: ignore[arg-type]
    either = AnyOf("w.any", said, _Said("w.any", Status.NOT_MET, "乙"), ("a", "b"), Message("", ""))
    finding = either.decide(Row(None, _ctx(data)))
    assert finding.status is Status.MET
    assert finding.message == Message("甲。", "甲.")  # the first part decides alone
    assert Finding("x", "not_met", Message("否", "no")).status is Status.NOT_MET  # type: ignore[arg-type]


@pytest.mark.parametrize("status", ["passed", None, 1, []])
def test_a_status_that_is_none_of_them_is_refused_with_the_known_ones(status: object) -> None:
    with pytest.raises(InputError) as info:
        Finding("x", status, Message("否", "no"))  # type: ignore[arg-type]
    assert info.value.paths == ("$.status",)
    assert "met, not_met, unknown, review, not_applicable" in str(info.value)
