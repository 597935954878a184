"""Scoring-table outcomes pinned where mutation testing of ``criteria_scoring*.py`` found them
loose (docs/mutation.md): a score that meets its minimum while indicators are still pending,
a band row rewritten after an override, a filled text kept per data file."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from types import SimpleNamespace
from typing import Any

import attrs
import pytest

import nmgpolicy
from nmgpolicy.criteria_scoring import Filled, Missing, RouteOrDirect, ScoreCard, fill, score
from nmgpolicy.outcome import Message
from nmgpolicy.params import ParameterSet, load_parameters
from tests._builders import innovative_80, sme_general, specialized_66

ON = dt.date(2025, 9, 1)


@pytest.mark.parametrize(
    ("absent", "low", "pending"),
    [
        ("ip_class", 70, "①与主导产品相关的有效知识产权"),
        # 60分以上 includes 60 (《民法典》第一千二百五十九条): at least 60 is already met
        ("main_revenue_y1", 60, "③上年度主营业务收入增长率"),
    ],
)
def test_a_score_met_whatever_the_pending_indicators_score(
    absent: str, low: int, pending: str
) -> None:
    """附件1 "评价得分达到60分以上": with an indicator's fact missing the score is an interval;
    when its lower end already reaches 60 the test is met, and the message says so."""
    facts = {**sme_general(), **innovative_80()}
    del facts[absent]
    f = nmgpolicy.evaluate("sme_innovative", facts, on=ON).finding("sme_innovative.total")
    assert f.status.value == "met"
    assert f.message.zh == (
        f"评价得分至少{low}分（待定：{pending}），要求不低于60分，无论待定指标如何均符合。"
    )
    assert f.message.en.endswith("required at least 60: met whatever the pending indicators score.")
    assert f.measured["min"] == Decimal(low) < f.measured["max"]
    assert (f.required, f.gap) == (Decimal(60), Decimal(low - 60))


# ---- a band row rewritten after an override (its source line would show stale numbers) -------


@pytest.mark.parametrize(
    ("inclusive", "written"), [(True, "<80万元且<3%=0"), (False, "≤80万元且≤3%=0")]
)
def test_a_rewritten_last_band_places_an_open_edge_by_the_parameter(
    inclusive: bool, written: str
) -> None:
    """⑪ "else 0" below "100–200万或3–4%=2": the text leaves the edge open, so a value on it
    scores in the band above when band_lower_inclusive is true, here when it is false — and the
    rewritten row says which ("<" or "≤"), after the edge is overridden to 80万元."""
    facts = {
        **sme_general(),
        **specialized_66(),
        "rd_expense_y1": "50万元",
        "rd_expense_share": "1%",
    }
    params = {"rd_expense_edge_5_amount": "80万元", "band_lower_inclusive": inclusive}
    d = nmgpolicy.evaluate("sme_specialized", facts, on=ON, parameters=params)
    assert d.results["indicators"]["rd_expense"]["band"] == written


@pytest.mark.parametrize("inclusive", [True, False])
def test_a_rewritten_last_band_keeps_the_edge_its_text_fixes(inclusive: bool) -> None:
    """② "<0=0": the text fixes the edge (below it, 0 points) whatever band_lower_inclusive."""
    facts = {**sme_general(), **specialized_66(), "main_revenue_y1": "4000万元"}
    params = {"revenue_growth_edge_5": "0.01", "band_lower_inclusive": inclusive}
    d = nmgpolicy.evaluate("sme_specialized", facts, on=ON, parameters=params)
    assert d.results["indicators"]["revenue_growth"]["band"] == "<1%=0"


# ---- a filled text is kept per data file ------------------------------------------------------


def test_a_filled_text_is_written_again_for_another_data_file() -> None:
    """A :class:`Filled` keeps the texts it wrote by the parameter values *and* the data file
    (whose labels word a choice): the same values under other labels are filled again."""
    data = load_parameters("sme_innovative")
    relabelled = attrs.evolve(
        data,
        labels={
            **data.labels,
            "rd_institution_direct_minimum.provincial": Message("省级", "provincial"),
        },
    )
    subject = Filled(Message("{rd_institution_direct_minimum}", "{rd_institution_direct_minimum}"))
    params = {"rd_institution_direct_minimum": "provincial"}

    def row(on: ParameterSet) -> Any:
        return SimpleNamespace(params=params, ctx=SimpleNamespace(data=on))

    first = subject(row(data))
    assert first == fill(subject.template, params, data)
    assert subject(row(relabelled)) == Message("省级", "provincial") != first
    assert subject(row(data)) == first


def test_a_table_spec_shows_its_structure_not_what_it_derives() -> None:
    """The repr of a :class:`TableSpec` is its structure (groups, indicators, rows); what it
    derives from the data file (the stated values, the dated segments) is left out."""
    from nmgpolicy.rules.sme_specialized import TABLE

    shown = repr(TABLE)
    assert shown.startswith("TableSpec(ruleset='sme_specialized', groups=(GroupSpec(")
    for derived in ("data=", "stated=", "_segments=", "_boundaries=", "_name_set="):
        assert derived not in shown


# ---- a rate shown beside a band's edge ---------------------------------------------------------


def _revenue_growth(new: str) -> Any:
    facts = {**sme_general(), **innovative_80(), "main_revenue_y1": new, "main_revenue_y2": "1元"}
    d = nmgpolicy.evaluate("sme_innovative", facts, on=ON)
    return d.finding("sme_innovative.indicator.revenue_growth")


def test_a_rate_just_below_an_edge_is_shown_below_it() -> None:
    """③ "5–10%=10; 10–15%=15": a growth of 10% − 10⁻³³ (a revenue of 34 significant digits)
    scores in the 5–10% band and is shown rounded down, 9.9999%, never at the edge."""
    f = _revenue_growth("1.0" + "9" * 32 + "元")
    assert f.measured["value"] == Decimal("0.099999")
    assert f.measured["points"] == Decimal(10)
    assert f.message.zh.startswith("③上年度主营业务收入增长率：9.9999%，所在档“不低于5%且低于10%”")


def test_a_rate_below_an_edge_by_less_than_the_display_precision_is_shown_below_it() -> None:
    f = _revenue_growth("1.0" + "9" * 33 + "元")  # 35 significant digits (the budget allows 50)
    assert f.measured["points"] == Decimal(10)  # decided exactly: below 10%
    assert f.measured["value"] == Decimal("0.099999")


def test_a_score_card_lists_the_indicators_still_pending() -> None:
    """:meth:`ScoreCard.pending`: the indicators whose points a missing fact leaves open, all
    of them or among the named ones."""
    from nmgpolicy.rules.sme_specialized import TABLE

    on = dt.date(2025, 9, 1)
    table = TABLE.for_params(load_parameters("sme_specialized").resolve(on), on)
    growth, years = table.indicator("revenue_growth"), table.indicator("niche_years")
    open_growth = score(growth, {"growth": Missing(("main_revenue_y1",))}, inclusive=True)
    scored_years = score(years, 5, inclusive=True)
    card = ScoreCard(table, (open_growth, scored_years))
    assert scored_years.points is not None and open_growth.points is None
    assert card.pending() == (open_growth,)
    assert card.pending(["revenue_growth"]) == (open_growth,)
    assert card.pending(["niche_years"]) == ()


# ---- the next band up, as each kind of indicator words it -------------------------------------


def test_the_next_band_up_of_a_band_a_step_and_an_item_indicator() -> None:
    """附件2 ② "0–4%=2; 4–6%=4", ③ "每满2年得1分", ⑥ "每项3分，最高5分": the finding names the
    band just above the one earned, and what it takes to reach it."""
    facts = {
        **sme_general(),
        **specialized_66(),
        "main_revenue_y1": "5300万元",  # a mean growth of 3.074%: the 0–4% band (2 points)
        "quality_items": ["own_brand"],
    }
    d = nmgpolicy.evaluate("sme_specialized", facts, on=ON)
    growth = d.finding("sme_specialized.indicator.revenue_growth")
    assert growth.required["next_band"] == Message("不低于4%且低于6%", "at least 4% and below 6%")
    assert growth.required["next_points"] == Decimal(4)
    niche = d.finding("sme_specialized.indicator.niche_years")  # 5 years: 2 full steps of 2
    assert niche.required["next_band"] == Message("满6年", "6 full years")
    assert niche.message.en.endswith(
        "next band “6 full years” gives 3 (+1): 6 full years (1 more)."
    )
    assert niche.message.zh.endswith("满6年（尚差1年）。")
    quality = d.finding("sme_specialized.indicator.quality")
    assert quality.required["next_band"] == Message("2项", "2 items")
    assert quality.required["next_points"] == Decimal(5)


# ---- "评价得分达到60分以上…，或满足直接认定条件之一" -------------------------------------------


def test_a_route_met_is_worded_as_the_route_and_its_parts_list_tersely() -> None:
    """Met through the scoring route: the finding states the route (filled from the data
    file), not the direct conditions; the parts listed in the definition (:class:`Routed`)
    show their own criterion, not the whole route in every repr."""
    d = nmgpolicy.evaluate("sme_innovative", {**sme_general(), **innovative_80()}, on=ON)
    f = d.finding("sme_innovative.score_or_direct")
    assert f.status.value == "met"
    assert f.message.zh == "符合：评价得分达到60分以上且各类指标得分均达到最低要求。"
    assert f.message.en.startswith("Met: ")
    assert "direct" not in f.message.en
    routes = next(
        c
        for c in nmgpolicy.engine.get_ruleset("sme_innovative").definition.criteria
        if isinstance(c, RouteOrDirect)
    )
    member = routes.members()[0]
    assert repr(member).startswith(f"Routed(id='{member.id}'")
    assert "part=" not in repr(member) and "routes=" not in repr(member)


# ---- a refused order of rows names a valid example (criteria_scoring_table.row_problems) -------


def test_the_example_for_edges_too_close_for_any_step_is_their_middle() -> None:
    """③ edge_2 overridden to 15%, the edge before it (not below it), and edge_3 to
    14.99999999%: no step below 15% (1% … 0.0001%) stays above 14.99999999%, so the example is
    the middle of the two edges — and it is valid: given instead, the evaluation goes through."""
    from nmgpolicy.errors import InputError

    facts = {**sme_general(), **innovative_80()}
    params = {"revenue_growth_edge_2": "15%", "revenue_growth_edge_3": "14.99999999%"}
    with pytest.raises(InputError) as raised:
        nmgpolicy.evaluate("sme_innovative", facts, on=ON, parameters=params)
    (problem,) = raised.value.problems
    assert problem.path == "$.parameters.revenue_growth_edge_2"
    assert problem.message.endswith('; e.g. "14.999999995%"')
    fixed = {**params, "revenue_growth_edge_2": "14.999999995%"}
    assert nmgpolicy.evaluate("sme_innovative", facts, on=ON, parameters=fixed).findings


def test_the_example_between_neighbours_out_of_order_is_one_coarse_step_past_each() -> None:
    """③ edge_2 overridden to 15% with edge_3 at 20%: edge_2 must be below 15% and above 20%,
    which no value is; each problem's example is then one whole step (1 percentage point) past
    the neighbour it names, 14% and 21% — not a finer step."""
    from nmgpolicy.errors import InputError

    facts = {**sme_general(), **innovative_80()}
    params = {"revenue_growth_edge_2": "15%", "revenue_growth_edge_3": "20%"}
    with pytest.raises(InputError) as raised:
        nmgpolicy.evaluate("sme_innovative", facts, on=ON, parameters=params)
    below, above = raised.value.problems
    assert below.path == above.path == "$.parameters.revenue_growth_edge_2"
    assert "must be below revenue_growth_edge_1 (15%)" in below.message
    assert below.message.endswith('; e.g. "14%"')
    assert "must be above revenue_growth_edge_3 (20%)" in above.message
    assert above.message.endswith('; e.g. "21%"')


# ---- session 16 follow-up: the survivors of a sampled run (docs/mutation.md) ------------------


def _refusal(ruleset: str, params: dict[str, Any], **extra: Any) -> list[Any]:
    """The problems of an evaluation refused for its overrides (the facts a passing card)."""
    from nmgpolicy.errors import InputError

    card = innovative_80() if ruleset == "sme_innovative" else specialized_66()
    with pytest.raises(InputError) as raised:
        nmgpolicy.evaluate(ruleset, {**sme_general(), **card, **extra}, on=ON, parameters=params)
    return list(raised.value.problems)


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        # the worse option raised above the one before it: at most that one's points
        (
            {"ip_points_class1": "16"},
            "ip_points_class1 (16) must be at most ip_points_class1_own (15) of the option "
            'before it; e.g. "15"',
        ),
        # the best option (the first) lowered below the one after it: at least that one's
        (
            {"ip_points_class1_high_value": "5"},
            "ip_points_class1_high_value (5) must be at least ip_points_class1_own (15) of the "
            'option after it; e.g. "15"',
        ),
    ],
)
def test_an_option_out_of_order_is_refused_with_its_neighbours_points(
    params: dict[str, Any], expected: str
) -> None:
    """① options never rise option by option (equal allowed): the refusal says "at most" the
    option before or "at least" the option after, and the example is that neighbour's points
    (the first option has no option before it to bound it)."""
    (problem,) = _refusal("sme_innovative", params)
    assert problem.path == f"$.parameters.{next(iter(params))}"
    assert problem.message == (
        f"options are listed best first: points must not rise option by option: {expected}"
    )


def test_an_example_never_lands_on_the_other_neighbour() -> None:
    """③ edge_1 at 6% and edge_2 at 4%, below edge_3 (5%): edge_2 must lie strictly between 5%
    and 6%; one whole point above 5% is 6%, on edge_1, so the example is 5.1%."""
    params = {"revenue_growth_edge_1": "6%", "revenue_growth_edge_2": "4%"}
    (problem,) = _refusal("sme_innovative", params)
    assert problem.path == "$.parameters.revenue_growth_edge_2"
    assert problem.message.endswith(
        "revenue_growth_edge_2 (4%) must be above revenue_growth_edge_3 (5%) of the band after "
        'it; e.g. "5.1%"'
    )


def test_an_example_stays_in_the_parameters_range() -> None:
    """③ points_4 at 0.5 and points_5 at 1: points_5 must be below 0.5, and a points value is
    in [0, 100], so the example is 0.4 (not 0.5 − 1 = −0.5), and it is valid."""
    params = {"revenue_growth_points_4": "0.5", "revenue_growth_points_5": "1"}
    (problem,) = _refusal("sme_innovative", params)
    assert problem.path == "$.parameters.revenue_growth_points_5"
    assert problem.message.endswith(
        "revenue_growth_points_5 (1) must be below revenue_growth_points_4 (0.5) of the band "
        'before it; e.g. "0.4"'
    )
    fixed = {**params, "revenue_growth_points_5": "0.4"}
    facts = {**sme_general(), **innovative_80()}
    assert nmgpolicy.evaluate("sme_innovative", facts, on=ON, parameters=fixed).findings


def test_an_example_with_no_room_at_the_range_edge_is_one_step_past_all_the_same() -> None:
    """③ points_4 at 0 and points_5 at 1: nothing below 0 is in range and the last band has
    no band after it to take a middle with, so the example is one step below 0 all the same."""
    params = {"revenue_growth_points_4": "0", "revenue_growth_points_5": "1"}
    (problem,) = _refusal("sme_innovative", params)
    assert problem.message.endswith(
        "revenue_growth_points_5 (1) must be below revenue_growth_points_4 (0) of the band "
        'before it; e.g. "-1"'
    )


@pytest.mark.parametrize(
    ("params", "named", "example"),
    [
        # only the finest step (0.0001 percentage point) stays above 14.99985%
        ({"revenue_growth_edge_2": "15%", "revenue_growth_edge_3": "14.99985%"}, 2, "14.9999%"),
        # no step of the five does (0.00001 would): the middle of the two edges
        (
            {"revenue_growth_edge_2": "15%", "revenue_growth_edge_3": "14.999985%"},
            2,
            "14.9999925%",
        ),
        # the last but one edge is bounded by the last edge too
        ({"revenue_growth_edge_3": "10%", "revenue_growth_edge_4": "9.99985%"}, 3, "9.9999%"),
    ],
)
def test_an_example_tries_five_steps_from_a_whole_point_down(
    params: dict[str, Any], named: int, example: str
) -> None:
    """③ an edge overridden onto the edge before it, the edge after it close below: the
    example is the coarsest of 1, 0.1, 0.01, 0.001, 0.0001 percentage point below the edge
    before that stays above the edge after, else the middle of the two — and it is valid."""
    (problem,) = _refusal("sme_innovative", params)
    name = f"revenue_growth_edge_{named}"
    assert problem.path == f"$.parameters.{name}"
    assert problem.message.endswith(f'; e.g. "{example}"')
    facts = {**sme_general(), **innovative_80()}
    fixed = {**params, name: example}
    assert nmgpolicy.evaluate("sme_innovative", facts, on=ON, parameters=fixed).findings


def test_a_money_edge_of_zero_is_shown_in_wan_yuan() -> None:
    """附件2 ⑪ the first amount edge overridden to 0: the refusal shows it as the source text
    writes money, 0万元 (not 0元), beside the 400万元 of the edge after it."""
    (problem,) = _refusal("sme_specialized", {"rd_expense_edge_1_amount": "0万元"})
    assert problem.message.endswith(
        "rd_expense_edge_1_amount (0万元) must be above rd_expense_edge_2_amount (400万元) of "
        'the band after it; e.g. "401万元"'
    )


def test_a_rewritten_first_band_of_a_lower_is_better_measure_includes_its_edge() -> None:
    """④ "≤55%=10" with the edge overridden to 50%: a debt ratio of 40% scores in the first
    band, rewritten "≤50%=10" (the text includes the edge)."""
    facts = {**sme_general(), **innovative_80(), "debt_ratio": "40%"}
    d = nmgpolicy.evaluate("sme_innovative", facts, on=ON, parameters={"debt_ratio_edge_1": "50%"})
    assert d.results["indicators"]["debt_ratio"]["band"] == "≤50%=10"


def test_an_override_to_the_stated_value_keeps_the_source_text() -> None:
    """④ and ① overridden to the values their source lines state (75%, 10 points): the rows
    are as written, so the earned rows keep the source text ("55–75%=5", "Ⅰ类≥1=10")."""
    facts = {**sme_general(), **innovative_80(), "debt_ratio": "60%", "ip_class": "class1"}
    params = {"debt_ratio_edge_2": "75%", "ip_points_class1": "10"}
    d = nmgpolicy.evaluate("sme_innovative", facts, on=ON, parameters=params)
    assert d.results["indicators"]["debt_ratio"]["band"] == "55–75%=5"
    assert d.results["indicators"]["ip"]["band"] == "Ⅰ类≥1=10"


def test_an_indicator_is_verified_and_has_no_step_unless_said_otherwise() -> None:
    """:class:`Indicator` ``unverified`` defaults to false: only a data file's
    ``unverified = true`` marks an indicator as not checked against its source; and ``step``
    defaults to 0 (only a steps indicator has one)."""
    from nmgpolicy.criteria_scoring_table import Indicator

    built = Indicator(
        "s",
        order=1,
        group="innovation",
        label="⑨",
        title=Message("x", "x"),
        kind="supplied",
        max_points=Decimal(15),
    )
    assert built.unverified is False
    assert built.step == 0
