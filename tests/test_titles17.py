"""Criterion titles are filled from the parameters for every rule set (``nmgpolicy rules``),
as an evaluation fills them with its own values: no title keeps a ``{placeholder}``, and
first_set's value floors (第五条（五）) and completion age (第五条（六）) read as the law does."""

from __future__ import annotations

import datetime as dt

import pytest

from nmgpolicy.criteria_scoring_fill import fill
from nmgpolicy.engine import get_ruleset, rulesets
from nmgpolicy.outcome import Message
from nmgpolicy.params import load_parameters
from nmgpolicy.periods import Period, PeriodUnit


@pytest.mark.parametrize("ruleset", rulesets())
def test_no_listed_title_keeps_a_placeholder(ruleset: str) -> None:
    for info in get_ruleset(ruleset).criteria():
        assert "{" not in info.title.zh and "{" not in info.title.en, info.id


def test_first_set_titles_show_the_data_files_values() -> None:
    titles = {info.id: info.title for info in get_ruleset("first_set").criteria()}
    value = titles["first_set.unit_value"]
    assert value.zh == "产品价值达到下限（80万元/套、10万元/台、2万元/吨、1万元/吨，含本数）"
    assert "800,000 yuan per set" in value.en and "10,000 yuan per tonne" in value.en
    age = titles["first_set.completion_age"]
    assert age.zh == "研制完成时间距申请认定时间一般不超过2年"
    assert age.en.endswith("no more than 2 years")


def test_an_override_is_what_a_filled_title_shows() -> None:
    data = load_parameters("first_set")
    template = data.criteria["first_set.completion_age"].title
    values = {"completion_age_limit": Period(18, PeriodUnit.MONTH)}
    filled = fill(template, values, data)
    assert filled.zh.endswith("一般不超过18个月") and "2年" not in filled.zh
    assert filled.en.endswith("no more than 18 months")
    assert fill(Message("{x}", "{x}"), {}, data) == Message("{x}", "{x}")  # not a parameter


def test_unknown_names_on_a_columnar_result_name_the_known_ones() -> None:
    import pickle

    columnar = pytest.importorskip("nmgpolicy.columnar")
    from nmgpolicy.errors import NmgPolicyError, UnknownFinding, UnknownResult

    result = columnar.evaluate("cluster", {"area": ["85平方公里"]}, on=dt.date(2025, 6, 1))
    with pytest.raises(UnknownFinding) as finding:
        result.statuses("cluster.nope")
    assert "cluster.area" in str(finding.value)
    with pytest.raises(UnknownResult) as unknown:
        result.value("nope", 0)
    error = unknown.value
    assert isinstance(error, NmgPolicyError) and isinstance(error, KeyError)
    assert "latest_year" in error.known and "latest_year" in str(error)
    assert error.name == "nope" and finding.value.finding_id == "cluster.nope"
    again = pickle.loads(pickle.dumps(error))
    assert type(again) is UnknownResult and str(again) == str(error)
    assert again.known == error.known
    assert result.value("latest_year", 0) is None  # a known name still answers
