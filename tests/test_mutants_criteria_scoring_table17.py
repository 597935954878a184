"""Scoring-table behaviour pinned where a full mutation run of ``criteria_scoring_table.py``
(session 17, docs/mutation.md) found it loose.

What is pinned here:

* the example a refused order of rows names (``row_problems``): bounded by the row before the
  one named (not the first row), never on or past the other neighbour, the neighbour's own
  value for an option only when that value is in the named parameter's range, a whole number
  by whole steps and written bare, an amount in its own unit, a small number without exponent;
* the fewest points of a banded indicator (its last band's, which an override may raise);
* a band row written anew when only the edge of the band above it changed, also for a table
  built in code;
* what a resolved :class:`ScoringTable` and :class:`Indicator` hold besides the data: no
  ``step`` outside a steps indicator, a lookup by name that follows ``attrs.evolve`` and takes
  no part in the repr or the hash.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from decimal import Decimal
from typing import Any

import attrs
import pytest

import nmgpolicy
from nmgpolicy.criteria_scoring_table import (
    IndicatorSpec,
    RowSpec,
    ScoringTable,
    row_problems,
)
from nmgpolicy.errors import InputError
from nmgpolicy.outcome import Message
from nmgpolicy.params import load_parameters
from tests._builders import innovative_80, sme_general, specialized_66

ON = dt.date(2025, 9, 1)


def _refusal(ruleset: str, params: dict[str, Any]) -> list[tuple[str, str]]:
    """(path, message) of each problem of an evaluation refused for its overrides."""
    card = innovative_80() if ruleset == "sme_innovative" else specialized_66()
    with pytest.raises(InputError) as raised:
        nmgpolicy.evaluate(ruleset, {**sme_general(), **card}, on=ON, parameters=params)
    return [(p.path, p.message) for p in raised.value.problems]


def _first_named(names: Sequence[str]) -> tuple[str, str]:
    """A ``blame`` that names the first parameter it is offered."""
    return names[0], f"$.parameters.{names[0]}"


# ---- the example of a refused order of rows --------------------------------------------------


def test_an_example_is_bounded_by_the_row_just_before_the_one_named() -> None:
    """③ points_3 at 0.5 and points_4 at 0, on points_5 (0): points_4 must lie strictly between
    0 and 0.5 — the row before it is points_3, not the first row (20) nor points_2 (15) — so
    one whole point above 0 does not fit and the example is 0.1."""
    params = {"revenue_growth_points_3": "0.5", "revenue_growth_points_4": "0"}
    assert _refusal("sme_innovative", params) == [
        (
            "$.parameters.revenue_growth_points_4",
            "points must fall band by band: revenue_growth_points_4 (0) must be above "
            'revenue_growth_points_5 (0) of the band after it; e.g. "0.1"',
        )
    ]
    facts = {**sme_general(), **innovative_80()}
    fixed = {**params, "revenue_growth_points_4": "0.1"}
    assert nmgpolicy.evaluate("sme_innovative", facts, on=ON, parameters=fixed).findings


def test_an_example_never_lands_on_the_neighbour_below() -> None:
    """③ edge_2 overridden onto edge_1 (15%), edge_3 at 14%: edge_2 must lie strictly between
    14% and 15%; one whole point below 15% is 14%, on edge_3, so the example is 14.9%."""
    params = {"revenue_growth_edge_2": "15%", "revenue_growth_edge_3": "14%"}
    assert _refusal("sme_innovative", params) == [
        (
            "$.parameters.revenue_growth_edge_2",
            "edges must move away from the best band: revenue_growth_edge_2 (15%) must be below "
            'revenue_growth_edge_1 (15%) of the band before it; e.g. "14.9%"',
        )
    ]


def test_an_example_never_lands_past_the_neighbour_above() -> None:
    """③ edge_1 at 5.5% and edge_2 at 4%, below edge_3 (5%): edge_2 must lie strictly between
    5% and 5.5%; one whole point above 5% is 6%, past edge_1, so the example is 5.1%."""
    params = {"revenue_growth_edge_1": "5.5%", "revenue_growth_edge_2": "4%"}
    assert _refusal("sme_innovative", params) == [
        (
            "$.parameters.revenue_growth_edge_2",
            "edges must move away from the best band: revenue_growth_edge_2 (4%) must be above "
            'revenue_growth_edge_3 (5%) of the band after it; e.g. "5.1%"',
        )
    ]


def test_an_options_example_is_its_neighbours_points_only_when_they_fit() -> None:
    """① class1 raised to 16 over class1_own (15), class2 to 17 over class1: class1 must be at
    most 15 and at least 17, which no value is; 15 itself does not fit, so the example is one
    step past it, 14. class2's neighbour (16) fits its bounds and is the example itself."""
    opt = "options are listed best first: points must not rise option by option: "
    params = {"ip_points_class1": "16", "ip_points_class2": "17"}
    assert _refusal("sme_innovative", params) == [
        (
            "$.parameters.ip_points_class1",
            f"{opt}ip_points_class1 (16) must be at most ip_points_class1_own (15) of the option "
            'before it; e.g. "14"',
        ),
        (
            "$.parameters.ip_points_class2",
            f"{opt}ip_points_class2 (17) must be at most ip_points_class1 (16) of the option "
            'before it; e.g. "16"',
        ),
    ]


def test_a_small_number_in_a_refusal_is_written_without_an_exponent() -> None:
    """③ points_4 at 0.0000001 and points_5 at 0.0000002: both are shown as a caller writes
    them, in plain digits ("0.0000002", not "2E-7")."""
    params = {"revenue_growth_points_4": "0.0000001", "revenue_growth_points_5": "0.0000002"}
    ((path, message),) = _refusal("sme_innovative", params)
    assert path == "$.parameters.revenue_growth_points_5"
    assert message.startswith(
        "points must fall band by band: revenue_growth_points_5 (0.0000002) must be below "
        "revenue_growth_points_4 (0.0000001) of the band before it; e.g. "
    )
    assert "E-" not in message


def _spec(kind: str, rows: tuple[RowSpec, ...], measures: dict[str, str]) -> IndicatorSpec:
    return IndicatorSpec(
        name="built",
        order=1,
        group="g",
        label="⑴",
        title=Message("自建", "built"),
        kind=kind,
        direction="higher",
        measures=measures,
        rows=rows,
        caps={},
        text="",
        note=None,
        unverified=False,
    )


def test_a_whole_number_is_moved_by_a_whole_step_and_written_bare() -> None:
    """``row_problems`` on a table built in code whose points are whole-number parameters
    (名次 of sme_specialized): 5 after 3 must fall below 3, and the example is one whole step
    below it, 2, written as a caller writes an int in JSON (bare, not "2")."""
    data = load_parameters("sme_specialized")
    spec = _spec(
        "bands", (RowSpec("award_rank_provincial", "a"), RowSpec("award_rank_national", "b")), {}
    )
    values = {"award_rank_provincial": 3, "award_rank_national": 5}
    (problem,) = row_problems(data, spec, values, _first_named)
    assert problem.path == "$.parameters.award_rank_national"
    assert problem.message == (
        "points must fall band by band: award_rank_national (5) must be below "
        "award_rank_provincial (3) of the band before it; e.g. 2"
    )


def test_an_amount_other_than_money_is_shown_in_its_own_unit() -> None:
    """``row_problems`` on a table built in code whose edges are masses (ferroalloy's scales):
    an edge out of order and its example are shown in the parameter's own unit (万吨), one
    ton past the neighbour (the coarsest step of a plain amount)."""
    data = load_parameters("ferroalloy")
    rows = (
        RowSpec("ratio_small", "≥50万吨", {"scale": "single_scale_upper"}),
        RowSpec("ratio_medium", "30–50万吨", {"scale": "single_scale_lower"}),
        RowSpec("ratio_large", "<30万吨"),
    )
    spec = _spec("bands", rows, {"scale": "money"})
    values = {
        "ratio_small": Decimal("1.25"),
        "ratio_medium": Decimal("1.1"),
        "ratio_large": Decimal(1),
        "single_scale_upper": Decimal(500000),
        "single_scale_lower": Decimal(600000),
    }
    (problem,) = row_problems(data, spec, values, _first_named)
    assert problem.path == "$.parameters.single_scale_upper"
    assert problem.message == (
        "edges must move away from the best band: single_scale_upper (50万吨) must be above "
        'single_scale_lower (60万吨) of the band after it; e.g. "60.0001万吨"'
    )


# ---- the fewest points of a banded indicator -------------------------------------------------


def test_a_banded_indicators_fewest_points_are_its_last_bands() -> None:
    """③ with the last band raised to 1 point: the indicator's fewest points
    (``Indicator.min_points``) are 1, and with its fact missing it scores between 1 and 20 —
    the total's lower end counts that 1 (61, not 60)."""
    from nmgpolicy.rules.sme_innovative import TABLE

    values = {**TABLE.defaults(ON), "revenue_growth_points_5": Decimal(1)}
    table = TABLE.resolved(values, overridden=("revenue_growth_points_5",))
    assert table.indicator("revenue_growth").min_points == Decimal(1)
    assert table.indicator("debt_ratio").min_points == Decimal(0)
    facts = {**sme_general(), **innovative_80()}
    del facts["main_revenue_y1"]
    params = {"revenue_growth_points_5": "1"}
    d = nmgpolicy.evaluate("sme_innovative", facts, on=ON, parameters=params)
    growth = d.finding("sme_innovative.indicator.revenue_growth")
    assert growth.measured["points_range"] == {"min": Decimal(1), "max": Decimal(20)}
    assert "得分在1–20分之间" in growth.message.zh
    assert d.finding("sme_innovative.total").measured["min"] == Decimal(61)


# ---- a band row written anew when the edge above it changed ----------------------------------


@pytest.mark.parametrize("in_code", [False, True])
def test_a_band_is_written_anew_when_only_the_edge_above_it_changed(in_code: bool) -> None:
    """④ debt_ratio_edge_1 at 50% (the source says 55%): the second band "55–75%=5" is bounded
    by that edge, so it is written anew, "50%–75%=5" — also for a table built in code (the
    indicator's kind given as the literal "bands")."""
    from nmgpolicy.rules.sme_innovative import TABLE

    spec = TABLE
    if in_code:
        spec = attrs.evolve(
            TABLE,
            indicators=tuple(
                attrs.evolve(i, kind="bands") if i.kind == "bands" else i for i in TABLE.indicators
            ),
        )
    values = {**spec.defaults(ON), "debt_ratio_edge_1": Decimal("0.5")}
    table = spec.resolved(values, overridden=("debt_ratio_edge_1",))
    bands = table.indicator("debt_ratio").bands
    assert [b.text for b in bands] == ["≤50%=10", "50%–75%=5", ">75%=0"]


# ---- what a resolved table and indicator hold ------------------------------------------------


def _specialized_table() -> ScoringTable:
    from nmgpolicy.rules.sme_specialized import TABLE

    return TABLE.for_params(load_parameters("sme_specialized").resolve(ON), ON)


def test_only_a_steps_indicator_has_a_step() -> None:
    """附件2 ③ "每满2年得1分": the steps indicator's step is its parameter (2); every other
    indicator has none (0)."""
    steps = {i.name: i.step for i in _specialized_table().indicators}
    assert steps.pop("niche_years") == 2
    assert steps and set(steps.values()) == {0}


def test_a_tables_lookup_by_name_follows_an_evolved_table() -> None:
    """``ScoringTable.indicator`` reads a lookup derived from the indicators: a table evolved
    with fewer or other indicators finds exactly its own."""
    table = _specialized_table()
    first, second = table.indicators[:2]
    fewer = attrs.evolve(table, indicators=(first,))
    assert fewer.indicator(first.name) is first
    with pytest.raises(InputError) as raised:
        fewer.indicator(second.name)
    assert raised.value.problems[0].message == f"no indicator {second.name!r}"
    renamed = attrs.evolve(second, name=first.name)
    assert attrs.evolve(table, indicators=(renamed,)).indicator(first.name) is renamed


def test_a_tables_lookup_stays_out_of_its_repr_and_hash() -> None:
    """The repr of a :class:`ScoringTable` shows what it is built from, not the lookup it
    derives; a table without indicators hashes like its fields (the lookup, a dict, would
    make it unhashable)."""
    table = _specialized_table()
    shown = repr(table)
    assert shown.startswith("ScoringTable(ruleset='sme_specialized', groups=(")
    assert "by_name" not in shown
    empty = ScoringTable("sme_specialized", table.groups, ())
    assert hash(empty) == hash(ScoringTable("sme_specialized", table.groups, ()))
    assert empty == ScoringTable("sme_specialized", table.groups, ())
