"""Scoring one indicator and a score card, pinned where mutation testing of
``criteria_scoring_scored.py`` (session 17, docs/mutation.md) found them loose: a group's points
while one of its indicators is pending, an indicator whose interval closes at 0 points, the
whole :class:`Scored` that :func:`score` gives (index, pending, inclusive), a Scored that reads
its words without changing how it compares or shows, the reason of a band with several
undefined rates, and the signature of :func:`score`."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

import nmgpolicy
from nmgpolicy.criteria_scoring_measures import Missing, Undefined
from nmgpolicy.criteria_scoring_scored import Scored, score
from nmgpolicy.criteria_scoring_table import Band, Indicator, ScoringTable
from nmgpolicy.outcome import Message, Status
from nmgpolicy.params import load_parameters
from tests._builders import sme_general, specialized_66

ON = dt.date(2025, 9, 1)


def _specialized_table() -> ScoringTable:
    """附件2's table with the data file's values (⑨ 0–15, ⑩ Ⅰ类≥1=6, ③ at most 5 …)."""
    from nmgpolicy.rules.sme_specialized import TABLE

    return TABLE.for_params(load_parameters("sme_specialized").resolve(ON), ON)


# ---- group points while an indicator is pending ------------------------------------------------


def test_a_group_with_a_pending_indicator_has_no_points_only_an_interval() -> None:
    """附件2 ⑨ not supplied: the 特色化 group counts 0–15, so it has no points yet (``None``),
    while 专业化, every indicator of which is scored, has its 18 points."""
    facts = {**sme_general(), **specialized_66()}
    del facts["characteristic_score"]
    groups = nmgpolicy.evaluate("sme_specialized", facts, on=ON).results["groups"]
    assert groups["characteristic"]["points"] is None
    assert (groups["characteristic"]["min"], groups["characteristic"]["max"]) == (0, 15)
    assert groups["specialization"]["points"] == Decimal(18)
    assert groups["specialization"]["min"] == groups["specialization"]["max"] == Decimal(18)


def test_an_interval_closed_at_zero_gives_the_points_even_with_the_fact_missing() -> None:
    """③ "每满2年得1分" with its maximum overridden to 0 (the range allows [0, 100]) and
    niche_years absent: every value scores 0, so the points are 0 — the interval 0–0 is
    closed, though the status stays unknown (the fact is missing)."""
    facts = {**sme_general(), **specialized_66()}
    del facts["niche_years"]
    d = nmgpolicy.evaluate(
        "sme_specialized", facts, on=ON, parameters={"niche_years_max_points": "0"}
    )
    niche = d.results["indicators"]["niche_years"]
    assert niche["status"] is Status.UNKNOWN
    assert niche["points"] == Decimal(0)
    assert niche["min"] == niche["max"] == Decimal(0)
    assert d.results["groups"]["specialization"]["points"] == Decimal(16)  # 18 less ③'s 2


# ---- the whole Scored that score() gives --------------------------------------------------------


def test_a_pending_band_indicator_earns_no_band() -> None:
    """② with its growth fact missing: unknown, 0–10 points, no band earned (index -1), no raw
    value, the missing fact pending, ``inclusive`` at its default (a pending Scored shows no
    band, so it keeps True whatever it was scored under)."""
    growth = _specialized_table().indicator("revenue_growth")
    gone = Missing(("main_revenue_y1",))
    scored = score(growth, {"growth": gone}, inclusive=True)
    assert scored == Scored(growth, Status.UNKNOWN, Decimal(0), Decimal(10), None, -1, gone, True)
    assert (scored.index, scored.inclusive, scored.points) == (-1, True, None)


def test_a_pending_step_indicator_earns_no_step() -> None:
    """③ with niche_years missing: unknown, 0–5 points, index -1 (no step earned)."""
    years = _specialized_table().indicator("niche_years")
    gone = Missing(("niche_years",))
    scored = score(years, gone, inclusive=True)
    assert scored == Scored(years, Status.UNKNOWN, Decimal(0), Decimal(5), None, -1, gone, True)
    assert scored.index == -1


def test_a_supplied_score_is_option_zero() -> None:
    """⑨ supplied as 12 of 15: not met (fewer than full points), 12 points, index 0 (a
    supplied score has no bands or options: the one it has is 0)."""
    supplied = _specialized_table().indicator("characteristic")
    twelve = Decimal(12)
    scored = score(supplied, twelve, inclusive=True)
    assert scored == Scored(supplied, Status.NOT_MET, twelve, twelve, twelve, 0, None, True)
    assert (scored.index, scored.inclusive) == (0, True)


def test_a_chosen_option_is_scored_with_its_index() -> None:
    """⑩ "Ⅰ类≥1=6", the third option: 6 points of 10, index 2, nothing pending."""
    ip = _specialized_table().indicator("ip")
    six = Decimal(6)
    scored = score(ip, "class1", inclusive=True)
    assert scored == Scored(ip, Status.NOT_MET, six, six, "class1", 2, None, True)
    assert scored.inclusive is True


# ---- reading the words of a Scored changes neither equality nor repr -----------------------------


def test_reading_the_words_keeps_a_scored_equal_to_a_fresh_one() -> None:
    """The words are written when first read (a cache): a Scored whose band was read equals
    one scored alike whose words were never read."""
    ip = _specialized_table().indicator("ip")
    read, fresh = score(ip, "class1", inclusive=True), score(ip, "class1", inclusive=True)
    assert read.band == "Ⅰ类≥1=6"
    assert read == fresh


def test_reading_the_words_does_not_change_the_repr() -> None:
    ip = _specialized_table().indicator("ip")
    scored = score(ip, "class2", inclusive=True)
    before = repr(scored)
    assert scored.band_label == Message("Ⅱ类≥1=2", "at least one Class II IP")
    assert repr(scored) == before
    assert "_Shown" not in before


# ---- a band with several measures, every one undefined -------------------------------------------


def test_several_undefined_rates_give_the_first_measures_reason() -> None:
    """A band of two growth rates (reached when either reaches 10%), both over a base of 0: no
    rate can be computed, so a reviewer scores it (0–10); the reason is the first measure's (in
    the table's order)."""
    ind = Indicator(
        "twin_growth",
        order=1,
        group="innovation",
        label="⑭",
        title=Message("双增长率", "twin growth"),
        kind="bands",
        max_points=Decimal(10),
        direction="higher",
        measures={"first": "growth", "second": "growth"},
        bands=(
            Band(Decimal(10), "≥10%=10", {"first": Decimal("0.1"), "second": Decimal("0.1")}, True),
            Band(Decimal(0), "else 0"),
        ),
    )
    raw = {"first": Undefined(("first_y2",)), "second": Undefined(("second_y2",))}
    scored = score(ind, raw, inclusive=True)
    assert scored.status is Status.REVIEW
    assert (scored.low, scored.high, scored.points) == (Decimal(0), Decimal(10), None)
    assert scored.pending == Undefined(("first_y2",))
    assert scored.reason == Message(
        "first_y2为0，增长率无法计算", "first_y2 is 0, so the growth rate is undefined"
    )


# ---- the signature of score() --------------------------------------------------------------------


def test_score_takes_its_arguments_by_keyword_and_inclusive_only_so() -> None:
    """``score(ind, raw, *, inclusive)``: every argument may be named; ``inclusive`` must be."""
    ip = _specialized_table().indicator("ip")
    by_name = score(ind=ip, raw="class1", inclusive=True)
    assert by_name == score(ip, "class1", inclusive=True)
    assert by_name.points == Decimal(6)
    with pytest.raises(TypeError):
        score(ip, "class1", True)  # type: ignore[call-arg]
