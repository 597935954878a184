"""Texts filled from the parameters (``criteria_scoring_fill``), pinned where mutation testing
left them loose (docs/mutation.md): the numbers ``{name:cn}`` writes as words (0 to 10 and no
other), "years" made singular for one only, a placeholder in one language only, a
:class:`Filled` that keeps what it wrote and is built, shown and compared by its template
alone, and the references of a criterion's items.
"""

from __future__ import annotations

from decimal import Decimal
from types import SimpleNamespace
from typing import Any

import pytest

from nmgpolicy.criteria_scoring_fill import Filled, fill, parameter_text, references_of
from nmgpolicy.definition import Fact, Measure, Param
from nmgpolicy.outcome import Message
from nmgpolicy.params import ParameterSet, load_parameters

SPECIALIZED = load_parameters("sme_specialized")
SCIENCE_AWARD = SPECIALIZED.criteria["sme_specialized.direct.science_award"].title
GROWTH = SPECIALIZED.criteria["sme_specialized.indicator.revenue_growth"].title


def _row(params: dict[str, Any], data: ParameterSet = SPECIALIZED) -> Any:
    """What a :class:`Filled` reads of a row: the evaluation's parameters and data file."""
    return SimpleNamespace(params=params, ctx=SimpleNamespace(data=data))


# ---- {name:cn}: a whole number from 0 to 10 as a word ------------------------------------------


@pytest.mark.parametrize(
    ("value", "zh", "en"),
    [(0, "零", "zero"), (1, "一", "one"), (2, "两", "two"), (9, "九", "nine"), (10, "十", "ten")],
)
def test_a_number_from_zero_to_ten_is_written_as_a_word(value: int, zh: str, en: str) -> None:
    """Both ends of 0–10 are words ("近两年", "前十名"): 0 and 10 are inside the range."""
    assert parameter_text(SPECIALIZED, "award_rank_provincial", value, "zh", "cn") == zh
    assert parameter_text(SPECIALIZED, "award_rank_provincial", value, "en", "cn") == en


@pytest.mark.parametrize("value", [-1, 11, 12, 1000])
def test_a_number_outside_zero_to_ten_is_written_in_digits(value: int) -> None:
    """Past ten (or below zero) there is no word: the digits are written, never a wrong word
    taken from the end of the list (-1 is not "十") nor an error (11 has no word)."""
    assert parameter_text(SPECIALIZED, "award_rank_national", value, "zh", "cn") == str(value)
    assert parameter_text(SPECIALIZED, "award_rank_national", value, "en", "cn") == str(value)


@pytest.mark.parametrize(("rank", "zh", "en"), [(10, "十", "ten"), (11, "11", "11")])
def test_an_overridden_rank_reads_in_the_science_award_title(rank: int, zh: str, en: str) -> None:
    """ "排名前{award_rank_provincial:cn}名" with the rank overridden to 10 reads 前十名; to 11,
    前11名 (the data file's range allows up to 1000)."""
    values = {"award_window_years": 3, "award_rank_provincial": rank, "award_rank_national": 5}
    title = fill(SCIENCE_AWARD, values, SPECIALIZED)
    assert title.zh == (
        f"（4）直接：近三年获得省级科技奖励并在获奖单位中排名前{zh}名，或国家级科技奖励并排名前五名"
    )
    assert title.en == (
        f"(4) Direct: a provincial science award ranked in the first {en} units, or a national "
        "one ranked in the first five, in the last three years"
    )


def test_zero_with_the_cn_form_is_a_word_in_a_filled_text() -> None:
    filled = fill(Message("近{x:cn}年", "the last {x:cn} years"), {"x": 0}, SPECIALIZED)
    assert filled == Message("近零年", "the last zero years")


# ---- "years" / "units" singular for one only ---------------------------------------------------


@pytest.mark.parametrize(
    ("years", "en"),
    [(0, "over 0 years"), (1, "over 1 year"), (2, "over 2 years"), (Decimal(1), "over 1 year")],
)
def test_years_is_singular_for_one_only(years: object, en: str) -> None:
    """The noun after a placeholder loses its "s" for exactly one: "0 years", "1 year"."""
    filled = fill(
        GROWTH, {"growth_window_years": years, "revenue_growth_points_1": 10}, SPECIALIZED
    )
    assert filled.en == f"② Average main-business revenue growth {en} (10 points)"
    assert filled.zh == f"②近{years}年主营业务收入平均增长率（10分）"


def test_units_is_singular_for_one_only() -> None:
    template = Message("前{n:cn}名", "the first {n:cn} units")
    assert fill(template, {"n": 0}, SPECIALIZED).en == "the first zero units"
    assert fill(template, {"n": 1}, SPECIALIZED).en == "the first one unit"


# ---- a placeholder in one language only --------------------------------------------------------


def test_a_placeholder_in_one_language_only_is_filled() -> None:
    """A text whose Chinese names a parameter and whose English does not (or the reverse) is
    still filled where it names it."""
    values = {"growth_window_years": 2}
    only_zh = fill(Message("近{growth_window_years}年", "recent years"), values, SPECIALIZED)
    assert only_zh == Message("近2年", "recent years")
    only_en = fill(Message("近年", "the last {growth_window_years} years"), values, SPECIALIZED)
    assert only_en == Message("近年", "the last 2 years")


# ---- Filled: keeps what it wrote; built, shown and compared by its template ------------------


def test_a_filled_subject_keeps_each_text_it_wrote() -> None:
    """The texts already written are kept by the values they show: asked again for values seen
    before — even after other values — a :class:`Filled` gives the text it wrote, not a new one."""
    subject = Filled(Message("近{equity_window_years}年", "the last {equity_window_years} years"))
    two = subject(_row({"equity_window_years": 2}))
    assert two == Message("近2年", "the last 2 years")
    assert subject(_row({"equity_window_years": 2})) is two
    three = subject(_row({"equity_window_years": 3}))
    assert three == Message("近3年", "the last 3 years")
    assert subject(_row({"equity_window_years": 2})) is two
    assert subject(_row({"equity_window_years": 3})) is three


@pytest.mark.parametrize("extra", [{"names": ("other",)}, {"cache": {}}])
def test_a_filled_subject_is_built_from_its_template_alone(extra: dict[str, Any]) -> None:
    """The names a :class:`Filled` keys its texts by are its template's placeholders and its
    kept texts start empty: neither can be given (a wrong key would show a stale text)."""
    template = Message("近{equity_window_years}年", "the last {equity_window_years} years")
    with pytest.raises(TypeError):
        Filled(template, **extra)
    with pytest.raises(TypeError):
        Filled(template, *extra.values())  # type: ignore[call-arg]


def test_a_filled_subject_shows_only_its_template() -> None:
    subject = Filled(Message("近{x}年", "the last {x} years"))
    subject(_row({"x": 2}))
    assert repr(subject) == "Filled(template=Message(zh='近{x}年', en='the last {x} years'))"


def test_filled_subjects_compare_and_hash_by_their_template() -> None:
    """Two subjects of one template are equal and hash alike whatever texts each has written
    (a criterion holding one stays hashable)."""
    template = Message("近{x}年", "the last {x} years")
    used, fresh = Filled(template), Filled(template)
    used(_row({"x": 2}))
    assert used == fresh
    assert hash(used) == hash(fresh)
    assert {used, fresh} == {fresh}
    assert Filled(Message("近{y}年", "the last {y} years")) != fresh


# ---- references_of ----------------------------------------------------------------------------


def test_references_of_lists_facts_measures_parameters_and_filled_subjects() -> None:
    """Facts, measures and parameters as given, a filled subject by its placeholders, in order;
    anything else (a fixed message, None) adds nothing."""
    measured = Measure("rate", lambda row: None)
    subject = Filled(Message("近{a}年{b}", "{b} over {a} years"))
    found = references_of(
        Fact("x.y"), Message("固定", "fixed"), measured, None, subject, Param("p")
    )
    assert found == (Fact("x.y"), measured, Param("a"), Param("b"), Param("p"))
    assert references_of() == ()
    assert references_of(Message("固定", "fixed")) == ()
