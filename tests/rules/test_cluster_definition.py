"""The cluster rule set as one definition: its criteria in the order of the articles, the kinds
of :mod:`nmgpolicy.criteria_years` deciding on plain numbers (each exact against a Fraction
reference), and the explanations and display-only results left until read."""

from __future__ import annotations

import concurrent.futures
import copy
import datetime as dt
import pickle
from decimal import Decimal
from fractions import Fraction
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

import nmgpolicy
from nmgpolicy import criteria_years, criteria_years_growth
from nmgpolicy.criteria import Compare, Flag
from nmgpolicy.criteria_years import (
    AnyOf,
    EachYear,
    GrowthRate,
    Window,
    each_year_status,
    falling_status,
    growth_status,
    mean_rate_at_least,
    share_status,
    shown_ratio,
    year_frame,
)
from nmgpolicy.definition import Fact, Param
from nmgpolicy.outcome import Message, Status
from nmgpolicy.params import load_parameters
from nmgpolicy.rules import cluster
from tests._builders import cluster_rest, cluster_years

MET, NOT_MET, UNKNOWN, REVIEW = Status.MET, Status.NOT_MET, Status.UNKNOWN, Status.REVIEW
ON = dt.date(2025, 6, 1)
D = Decimal

BASE: dict[str, Any] = {
    "applied_on": "2025-05-20",
    "area": "85平方公里",
    "years": cluster_years(
        (2022, "16亿元", "9亿元", "1000万元", 600, "1吨/万元"),
        (2023, "17亿元", "10亿元", "1100万元", 700, "0.9吨/万元"),
        (2024, "18亿元", "11亿元", "1200万元", 800, "0.8吨/万元"),
    ),
    **cluster_rest(),
}

EVALUATION_PARAMETERS = {
    "recent_years",
    "recent_years_anchor",
    "growth_window_years",
    "growth_method",
    "max_area",
    "min_annual_output",
    "min_sme_share",
    "min_leading_share",
    "min_leading_growth",
    "min_champion_enterprises",
    "min_designated_enterprises",
    "min_rd_expense_growth",
    "min_patent_growth",
    "min_patent_density",
    "patent_density_per",
    "min_innovation_platforms",
    "min_rd_staff_share",
    "min_industrial_internet",
}
"""The parameters of cluster.toml an evaluation reads (the others are the lifecycle's)."""


def base() -> dict[str, Any]:
    return copy.deepcopy(BASE)


def ev(facts: object, **parameters: object) -> nmgpolicy.Decision:
    return nmgpolicy.evaluate("cluster", facts, on=ON, parameters=parameters or None)


# ---- the definition -----------------------------------------------------------------------


def test_the_definition_lists_every_criterion_in_the_order_of_the_data_file() -> None:
    data = load_parameters("cluster")
    ids = [c.id for c in cluster.DEFINITION.criteria]
    assert ids == list(data.criteria)
    assert [f.id for f in ev(base()).findings] == ids
    assert cluster.ClusterRuleSet.definition is cluster.DEFINITION


def test_the_definition_names_every_parameter_an_evaluation_reads() -> None:
    names = set(cluster.DEFINITION.parameters())
    assert names == EVALUATION_PARAMETERS
    lifecycle = set(load_parameters("cluster").parameters) - names
    assert lifecycle == {
        "validity_period",
        "renewal_period",
        "annual_report_month",
        "annual_report_day",
        "annual_report_due_inclusive",
        "change_filing_period",
    }


def test_a_yearly_criterion_references_its_years_and_their_parameters() -> None:
    output = cluster.DEFINITION.criterion("cluster.output")
    assert isinstance(output, EachYear)
    refs = output.references()
    for ref in (
        Param("min_annual_output"),
        Param("recent_years"),
        Param("recent_years_anchor"),
        Fact("years"),
        Fact("applied_on"),
    ):
        assert ref in refs
    growth = cluster.DEFINITION.criterion("cluster.innovation_growth")
    assert isinstance(growth, AnyOf)
    kinds = [c.kind for c in cluster.DEFINITION.walk() if c.id == "cluster.innovation_growth"]
    assert kinds == ["any_of", "growth_rate", "growth_rate"]
    assert Param("growth_window_years") in growth.references()


def test_an_any_of_refuses_a_part_it_cannot_judge() -> None:
    with pytest.raises(TypeError, match="a part must be"):
        AnyOf("x.y", parts=(Flag("x.y", Fact("a")),), keys=("a",))
    with pytest.raises(ValueError, match="one key per part"):
        AnyOf("x.y", parts=(), keys=("a",))


# ---- the years ------------------------------------------------------------------------------


class _Year:
    def __init__(self, year: int) -> None:
        self.year = year


def test_the_years_count_back_from_the_application_or_end_with_the_latest_given() -> None:
    given = [_Year(2021), _Year(2023)]
    frame = year_frame(given, anchor="application_year", on=ON, applied_on=None, recent=3, trend=4)
    assert frame.recent == Window((2022, 2023, 2024), (2022, 2024))
    assert frame.trend == Window((2021, 2022, 2023, 2024), (2022, 2024))
    assert frame.anchor_date == ON
    assert frame.ignored == []
    assert not frame.strict
    latest = year_frame(
        given, anchor="latest_given", on=ON, applied_on=dt.date(2020, 1, 1), recent=3, trend=3
    )
    assert latest.recent == Window((2021, 2022, 2023), (2022,))
    assert latest.trend is latest.recent
    assert latest.strict
    assert latest.anchor_date is None
    none = year_frame(None, anchor="latest_given", on=ON, applied_on=None, recent=3, trend=3)
    assert none.recent is None
    assert none.ignored == []


# ---- decisions on plain numbers --------------------------------------------------------------


def test_each_year_fails_on_one_known_failing_year_whatever_is_missing() -> None:
    fifteen = D(15)
    assert each_year_status([D(16), D(15), D(17)], fifteen) is MET
    assert each_year_status([D(16), None, D("14.99")], fifteen) is NOT_MET
    assert each_year_status([D(16), None, D(17)], fifteen) is UNKNOWN
    assert each_year_status([D(16), D(15)], fifteen, Compare.ABOVE) is NOT_MET
    assert each_year_status([D(14), D(15)], fifteen, Compare.AT_MOST) is MET


def test_keeps_falling_fails_on_a_pair_that_does_not_fall_even_across_a_gap() -> None:
    assert falling_status([D(3), D(2), D(1)]) is MET
    assert falling_status([D(3), None, D(3)]) is NOT_MET
    assert falling_status([D(3), D(3), None]) is NOT_MET
    assert falling_status([D(3), D(2), None]) is UNKNOWN
    assert falling_status([None, None]) is UNKNOWN


def test_shares_are_cross_multiplied_at_the_boundary() -> None:
    six = D("0.06")
    assert share_status(600, 10_000, six) is MET
    assert share_status(599, 10_000, six) is NOT_MET
    assert share_status(600, 10_001, six) is NOT_MET
    assert share_status(D("6E+2"), D("1E+4"), six) is MET
    assert share_status(1, 0, six) is REVIEW
    assert share_status(None, 10, six) is UNKNOWN
    assert shown_ratio(600, 10_001, six) == D("0.059994")
    assert shown_ratio(1, 3, D("0.1234567")) == D("0.3333333")


def test_growth_by_both_methods_at_exactly_five_percent() -> None:
    five = D("0.05")
    assert growth_status([D(10), D(7), D("11.025")], five, "cagr") is MET
    assert growth_status([D(10), D(7), D("11.024")], five, "cagr") is NOT_MET
    assert growth_status([D(10), D("10.5"), D("11.025")], five, "mean") is MET
    assert growth_status([D(10), D("10.5"), D("11.024")], five, "mean") is NOT_MET
    assert growth_status([D(10), D(5), D(10)], five, "mean") is MET  # +25 % on average
    assert growth_status([D(10), D(5), D(10)], five, "cagr") is NOT_MET  # 0 % compound
    assert growth_status([0, 1, 2], five, "cagr") is REVIEW
    assert growth_status([1, 0, 2], five, "cagr") is MET  # only the first year is a base
    assert growth_status([1, 0, 2], five, "mean") is REVIEW
    assert growth_status([1, None, 2], five, "mean") is UNKNOWN


_rates = st.integers(min_value=0, max_value=100).map(lambda n: D(n) / 100)
_values = st.lists(
    st.integers(min_value=1, max_value=10**6).map(lambda n: D(n) / 100), min_size=2, max_size=5
)


@given(_values, _rates)
def test_the_mean_rate_is_compared_exactly(values: list[Decimal], rate: Decimal) -> None:
    exact = [Fraction(v) for v in values]
    steps = len(values) - 1
    mean = sum((exact[i + 1] / exact[i] - 1 for i in range(steps)), Fraction(0)) / steps
    assert mean_rate_at_least(values, rate) is (mean >= Fraction(rate))
    factor = exact[-1] / exact[0]
    expected = MET if factor >= (1 + Fraction(rate)) ** steps else NOT_MET
    assert growth_status(values, rate, "cagr") is expected


def test_an_exact_mean_on_the_boundary_is_met() -> None:
    # 100 → 110 → 99: +10 %, −10 %: a mean of exactly 0 %.
    assert mean_rate_at_least([D(100), D(110), D(99)], D(0))
    assert not mean_rate_at_least([D(100), D(110), D("98.99")], D(0))


# ---- through an evaluation ------------------------------------------------------------------


def test_under_the_strict_reading_a_failing_year_fails_whatever_is_missing() -> None:
    facts = base()
    del facts["years"][1]  # 2023 missing
    facts["years"][0]["output"] = "14亿元"
    d = ev(facts, recent_years_anchor="latest_given")
    assert d.finding("cluster.output").status is NOT_MET
    assert d.finding("cluster.sme_share").status is UNKNOWN  # not a condition on every year
    facts["years"][0]["output"] = "16亿元"
    d = ev(facts, recent_years_anchor="latest_given")
    assert d.finding("cluster.output").status is UNKNOWN
    assert "2023" in d.finding("cluster.output").message.zh


def test_messages_and_display_results_are_written_only_when_read(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    calls: list[str] = []
    detail = criteria_years.growth_detail
    text = GrowthRate.text

    def counted_detail(*args: Any) -> Any:
        calls.append("detail")
        return detail(*args)

    def counted_text(self: GrowthRate, *args: Any) -> Any:
        calls.append("text")
        return text(self, *args)

    # GrowthRate reads growth_detail from its own module (criteria_years re-exports it)
    monkeypatch.setattr(criteria_years_growth, "growth_detail", counted_detail)
    monkeypatch.setattr(GrowthRate, "text", counted_text)
    d = ev(base())
    assert d.status.value == "eligible"
    assert calls == []
    assert d.results["leading_growth"]["method"] == "cagr"
    assert calls == ["detail"] * 3  # leading, R&D expense and patent growth, once each
    assert "1.1025" in d.finding("cluster.leading_growth").message.zh
    d.finding("cluster.leading_growth").to_dict()
    assert calls.count("text") == 1


def test_an_evaluation_reads_the_same_from_many_threads_and_after_pickling() -> None:
    facts = base()
    facts["years"][2]["sme_rd_expense"] = "1000万元"  # R&D falls: the patents must carry it
    d = ev(facts)
    innovation = d.finding("cluster.innovation_growth")
    with concurrent.futures.ThreadPoolExecutor(8) as pool:
        texts = list(pool.map(lambda _: d.explain("zh"), range(16), timeout=60))
    assert len(set(texts)) == 1
    assert innovation.status is MET
    assert set(innovation.measured) == {"sme_rd_expense", "invention_patents"}
    assert innovation.message.zh.endswith("（满足其一即可）")
    again = pickle.loads(pickle.dumps(ev(facts)))
    assert again == d
    assert again.to_dict() == d.to_dict()


def test_the_anchor_enterprises_are_an_either_of_two_counts() -> None:
    facts = base()
    d = ev(facts)
    anchor = d.finding("cluster.anchor_enterprises")
    assert anchor.status is MET
    assert anchor.measured == {"champions": D(0), "designated": D(2)}
    assert anchor.required == {"champions": D(1), "designated": D(2)}
    assert d.results["anchor_enterprises"] == {"champions": [], "designated": ["甲公司", "乙公司"]}
    facts["enterprises"] = facts["enterprises"][:1]
    assert ev(facts).finding("cluster.anchor_enterprises").status is NOT_MET
    del facts["enterprises"]
    d = ev(facts)
    assert d.finding("cluster.anchor_enterprises").status is UNKNOWN
    assert d.results["anchor_enterprises"] is None


def test_a_kind_names_its_figure_in_its_messages() -> None:
    facts = base()
    facts["years"][2]["output"] = "14亿元"
    facts["years"][2]["sme_output"] = "10亿元"
    facts["years"][2]["leading_output"] = "9亿元"
    message = ev(facts).finding("cluster.output").message
    assert message == Message(
        "近3年（2022–2024年）产值最低的2024年产值为14亿元，要求不低于15亿元，相差1亿元，不符合。",
        "The lowest output of the recent years (2022–2024), in 2024, is 1.4 billion yuan; "
        "required at least 1.5 billion yuan; short by 100 million yuan: not met.",
    )
