"""Independent review of issue 9, point 9 (ferroalloy) and 16, 17 for ferroalloy.

Derived from the issue's words and 《包头市铁合金行业产能置换工作指南》 第三条至第五条 as the
bundled catalog quotes them:

* 第四条 "用于置换的产能各盟市上报自治区2021-2023年淘汰落后和化解过剩产能实施方案中的
  铁合金矿热炉产能以及符合自治区、各盟市相关政策要求的铁合金冶炼项目产能": by default only
  submerged-arc furnace (矿热炉) capacity of the 2021–2023 plans counts on the plan route
  (``elimination_plan_scope`` ``submerged_arc_only``; ``any_furnace`` keeps the old reading);
  the plan year is checked when given (2020 and 2024 fail, 2021 and 2023 pass).
* 第五条 "评估核定的退出产能与部门立项、批复等文件产能不一致的按照取小原则确定其最终产能": 取小 only
  where both figures exist and disagree; a unit with no 立项/批复 figure takes its assessed
  capacity (``capacity_without_approved_figure``: ``assessed``; ``both_required`` is the old
  reading).
* 第三条's tiers at 30/50/80万吨 (达不到 excludes, 不含 excludes, 含…以上 includes).
* 16, 17 — Chinese output free of code values, English with English units, citations verbatim
  and in their article.
"""

from __future__ import annotations

import copy
import datetime as dt
import re
import tomllib
from decimal import Decimal
from importlib import resources
from typing import Any

import pytest

import nmgpolicy
from nmgpolicy import ferroalloy
from nmgpolicy.errors import InputError
from tests.language import chinese_problems
from tests.test_citations import quoted_verbatim

ON = dt.date(2026, 12, 1)
OLD = {"elimination_plan_scope": "any_furnace", "capacity_without_approved_figure": "both_required"}


def unit(uid: str = "1#炉", **changes: Any) -> dict[str, Any]:
    """A countable plan-route submerged-arc furnace of 10万吨 (both figures); ``None`` drops."""
    body: dict[str, Any] = {
        "id": uid,
        "product": "硅铁",
        "assessed": "10万吨",
        "approved": "10万吨",
        "source": "elimination_plan",
        "plan_year": 2022,
        "in_region": True,
        "eliminated_category_2024": False,
        "furnace_type": "submerged_arc",
        "transformer": "25500kVA",
        "ferroalloy_smelting": True,
    }
    for name, value in changes.items():
        if value is None:
            body.pop(name, None)
        else:
            body[name] = value
    return body


def plan(*units: dict[str, Any], new: str = "10万吨", scale: str = "60万吨") -> dict[str, Any]:
    """A single enterprise at ``scale`` (60万吨: ratio 1) building ``new`` 硅铁."""
    return {
        "enterprise": {"kind": "single", "scale_after": scale},
        "new_capacity": [{"product": "硅铁", "capacity": new}],
        "retired": list(units),
        "assessed_by_grade_a_consultant": True,
    }


def evaluate(body: object, parameters: dict[str, object] | None = None) -> nmgpolicy.Decision:
    return nmgpolicy.evaluate("ferroalloy", body, on=ON, parameters=parameters)


def unit_status(d: nmgpolicy.Decision, uid: str = "1#炉") -> str:
    return d.finding(f"ferroalloy.unit.{uid}").status.value


def sufficiency(d: nmgpolicy.Decision) -> str:
    return d.finding("ferroalloy.sufficient_retirement").status.value


# ============================================================================================
# 第四条 — the literal default: only submerged-arc furnaces of the plans
# ============================================================================================


def test_the_defaults_are_the_literal_readings() -> None:
    data = ferroalloy.FerroalloyRuleSet().data
    assert data.parameters["elimination_plan_scope"].at(ON) == "submerged_arc_only"
    assert data.parameters["capacity_without_approved_figure"].at(ON) == "assessed"
    assert data.parameters["elimination_plan_first_year"].at(ON) == 2021
    assert data.parameters["elimination_plan_last_year"].at(ON) == 2023


@pytest.mark.parametrize(
    ("furnace", "transformer"),
    [("semi_closed_dc", "6300kVA"), ("semi_closed_dc", "3001kVA"), ("other", "25500kVA")],
)
def test_a_plan_unit_that_is_not_a_submerged_arc_furnace(furnace: str, transformer: str) -> None:
    body = plan(unit(furnace_type=furnace, transformer=transformer))
    d = evaluate(body)
    assert unit_status(d) == "not_met"
    assert "矿热炉" in d.finding("ferroalloy.unit.1#炉").message.zh
    assert "submerged-arc" in d.finding("ferroalloy.unit.1#炉").message.en
    assert d.results["units"]["1#炉"].value == 0
    assert sufficiency(d) == "not_met"
    assert d.status.value == "ineligible"
    assert chinese_problems(d) == []
    # the old reading, still available as a value: the furnace counts
    old = evaluate(body, {"elimination_plan_scope": "any_furnace"})
    assert unit_status(old) == "met"
    assert sufficiency(old) == "met"
    assert old.overrides == {"elimination_plan_scope": "any_furnace"}
    assert chinese_problems(old) == []


def test_a_small_dc_furnace_is_excluded_under_both_readings() -> None:
    body = plan(unit(furnace_type="semi_closed_dc", transformer="3000kVA"))
    for parameters in (None, {"elimination_plan_scope": "any_furnace"}):
        d = evaluate(body, parameters)
        assert unit_status(d) == "not_met"
        assert "3000kVA" in d.finding("ferroalloy.unit.1#炉").message.zh
        assert "3,000 kVA" in d.finding("ferroalloy.unit.1#炉").message.en


def test_a_plan_unit_without_a_furnace_type_is_undetermined_by_default() -> None:
    body = plan(unit(furnace_type=None))
    d = evaluate(body)
    assert unit_status(d) == "unknown"
    assert "炉型" in d.finding("ferroalloy.unit.1#炉").message.zh
    assert "$.retired[0].furnace_type" in d.finding("ferroalloy.unit.1#炉").message.en
    assert sufficiency(d) == "unknown"
    # any_furnace: a 25500kVA furnace is not small, so its type does not matter
    assert unit_status(evaluate(body, {"elimination_plan_scope": "any_furnace"})) == "met"


@pytest.mark.parametrize("furnace", ["semi_closed_dc", "other", "submerged_arc"])
def test_the_project_route_has_no_furnace_restriction(furnace: str) -> None:
    body = plan(unit(source="compliant_project", plan_year=None, furnace_type=furnace))
    for parameters in (None, {"elimination_plan_scope": "any_furnace"}):
        assert unit_status(evaluate(body, parameters)) == "met"


@pytest.mark.parametrize(
    ("year", "expected"),
    [(2020, "not_met"), (2021, "met"), (2022, "met"), (2023, "met"), (2024, "not_met")],
)
def test_the_plan_year_is_checked_when_given(year: int, expected: str) -> None:
    d = evaluate(plan(unit(plan_year=year)))
    assert unit_status(d) == expected
    if expected == "not_met":
        message = d.finding("ferroalloy.unit.1#炉").message
        assert f"{year}年" in message.zh and "2021-2023年" in message.zh
        assert f"the {year} elimination plan" in message.en and "2021–2023" in message.en
        assert sufficiency(d) == "not_met"
        assert chinese_problems(d) == []
    # the year is checked under the old furnace reading too
    assert unit_status(evaluate(plan(unit(plan_year=year)), OLD)) == expected


def test_without_a_plan_year_the_source_is_taken_as_stated() -> None:
    assert unit_status(evaluate(plan(unit(plan_year=None)))) == "met"


def test_a_plan_year_of_a_project_unit_is_not_the_plan_route() -> None:
    body = plan(unit(source="compliant_project", plan_year=2024))
    assert unit_status(evaluate(body)) == "met"


def test_the_plan_years_can_be_overridden_and_must_form_a_span() -> None:
    body = plan(unit(plan_year=2024))
    assert unit_status(evaluate(body, {"elimination_plan_last_year": 2024})) == "met"
    with pytest.raises(InputError) as caught:
        evaluate(body, {"elimination_plan_first_year": 2024, "elimination_plan_last_year": 2023})
    assert [p.path for p in caught.value.problems] == ["$.parameters.elimination_plan_last_year"]


def test_a_non_literal_furnace_and_a_wrong_year_give_both_reasons() -> None:
    body = plan(unit(plan_year=2024, furnace_type="semi_closed_dc", transformer="6300kVA"))
    message = evaluate(body).finding("ferroalloy.unit.1#炉").message.zh
    assert "2024年" in message and "矿热炉" in message


@pytest.mark.parametrize("bad", [True, "2022", 2022.0, 99, 20220])
def test_a_plan_year_must_be_a_four_digit_whole_number(bad: object) -> None:
    with pytest.raises(InputError) as caught:
        evaluate(plan(unit(plan_year=bad)))
    assert [p.path for p in caught.value.problems] == ["$.retired[0].plan_year"]


def test_an_unknown_scope_is_an_input_error() -> None:
    with pytest.raises(InputError) as caught:
        evaluate(plan(unit()), {"elimination_plan_scope": "submerged_arc"})
    assert [p.path for p in caught.value.problems] == ["$.parameters.elimination_plan_scope"]


# ============================================================================================
# 第五条 — 取小 only where both figures exist and disagree
# ============================================================================================


@pytest.mark.parametrize(
    ("assessed", "approved", "counted"),
    [
        ("10万吨", None, "10万吨"),  # no 立项/批复 figure: the assessed capacity
        ("10万吨", "10万吨", "10万吨"),  # agree
        ("10万吨", "12万吨", "10万吨"),  # disagree: the smaller
        ("12万吨", "10万吨", "10万吨"),
        ("99999吨", "10万吨", "9.9999万吨"),
    ],
)
def test_counted_capacity(assessed: str, approved: str | None, counted: str) -> None:
    d = evaluate(plan(unit(assessed=assessed, approved=approved)))
    assert unit_status(d) == "met"
    assert str(d.results["units"]["1#炉"]) == counted


def test_without_an_approved_figure_the_message_says_the_assessed_figure_counts() -> None:
    d = evaluate(plan(unit(approved=None)))
    message = d.finding("ferroalloy.unit.1#炉").message
    assert "按评估核定产能计10万吨" in message.zh
    assert "100,000 tonnes" in message.en and "万吨" not in message.en
    assert chinese_problems(d) == []


def test_the_old_capacity_reading_needs_both_figures() -> None:
    body = plan(unit(approved=None))
    d = evaluate(body, {"capacity_without_approved_figure": "both_required"})
    assert unit_status(d) == "unknown"
    assert d.results["units"]["1#炉"] is None
    # bounded by the assessed figure: 10万吨 could cover 10万吨 new, so unknown, not not_met
    assert sufficiency(d) == "unknown"
    short = evaluate(plan(unit(approved=None), new="11万吨"), OLD)
    assert sufficiency(short) == "not_met"  # even the bound cannot cover 11万吨
    assert chinese_problems(d) == [] and chinese_problems(short) == []


def test_an_assessment_is_always_needed() -> None:
    d = evaluate(plan(unit(assessed=None, approved="12万吨")))
    assert unit_status(d) == "unknown"
    assert sufficiency(d) == "unknown"  # at most 12万吨: could cover 10万吨
    short = evaluate(plan(unit(assessed=None, approved="9万吨")))
    assert sufficiency(short) == "not_met"  # 取小 ≤ 9万吨 < 10万吨


def test_assessed_only_at_the_sufficiency_edge() -> None:
    # single 35万吨: ratio 1.1; new 20万吨 needs 22万吨
    exact = plan(
        unit("a", assessed="12万吨", approved=None),
        unit("b", assessed="10万吨", approved=None, source="compliant_project", plan_year=None),
        new="20万吨",
        scale="35万吨",
    )
    d = evaluate(exact)
    assert sufficiency(d) == "met"
    assert str(d.results["required_retirement"]) == "22万吨"
    assert str(d.results["surplus"]) == "0万吨"
    short = copy.deepcopy(exact)
    short["retired"][1]["assessed"] = "99999吨"
    d = evaluate(short)
    assert sufficiency(d) == "not_met"
    assert d.results["surplus"].value == Decimal(-1)


# ============================================================================================
# 第三条 — the tiers at their edges
# ============================================================================================

TIERS = [
    ("single", "29.9999万吨", "1.25"),
    ("single", "299999吨", "1.25"),
    ("single", "30万吨", "1.1"),
    ("single", "300000吨", "1.1"),
    ("single", "49.9999万吨", "1.1"),
    ("single", "50万吨", "1"),
    ("single", "0吨", "1.25"),
    ("group", "49.9999万吨", "1.25"),
    ("group", "50万吨", "1.1"),
    ("group", "79.9999万吨", "1.1"),
    ("group", "80万吨", "1"),
    ("group", "1000万吨", "1"),
]


@pytest.mark.parametrize(("kind", "scale", "rate"), TIERS)
def test_tier_edges(kind: str, scale: str, rate: str) -> None:
    assert ferroalloy.ratio(kind, scale) == Decimal(rate)
    body = plan(unit(), scale=scale)
    body["enterprise"]["kind"] = kind
    d = evaluate(body)
    assert d.results["ratio"] == Decimal(rate)
    finding = d.finding("ferroalloy.ratio_tier")
    assert f"{rate}:1" in finding.message.zh and f"{rate}:1" in finding.message.en
    assert "万吨" not in finding.message.en
    assert chinese_problems(d) == []
    # 10万吨 retired against 10万吨 new suffices only at 1:1
    assert sufficiency(d) == ("met" if rate == "1" else "not_met")


# ============================================================================================
# 16 — words
# ============================================================================================

_CJK_UNITS = re.compile(r"万吨|吨|千伏安")


def _decisions() -> list[nmgpolicy.Decision]:
    cross = plan(unit(), unit("2#炉", product="硅锰"))
    cross["ferrosilicon_equivalents"] = {"硅锰": "0.8"}
    missing_factor = plan(unit(), unit("2#炉", product="高碳铬铁"))
    return [
        evaluate(plan(unit())),
        evaluate(plan(unit()), OLD),
        evaluate({}),
        evaluate({"retired": [{"id": "甲炉"}]}),
        evaluate(plan(unit(furnace_type=None))),
        evaluate(plan(unit(furnace_type="semi_closed_dc", transformer="3000kVA"))),
        evaluate(plan(unit(plan_year=2024, source="elimination_plan"))),
        evaluate(plan(unit(in_region=False, eliminated_category_2024=True))),
        evaluate(plan(unit(source="other", ferroalloy_smelting=False))),
        evaluate(plan(unit(approved=None)), {"capacity_without_approved_figure": "both_required"}),
        evaluate(plan(unit(assessed=None))),
        evaluate(cross),
        evaluate(missing_factor),
        evaluate(plan(unit(), scale="29.99万吨")),
    ]


def test_chinese_output_holds_no_code_values() -> None:
    for d in _decisions():
        assert chinese_problems(d) == [], [f.message.zh for f in d.findings]


def test_english_messages_use_english_units() -> None:
    for d in _decisions():
        for finding in d.findings:
            assert not _CJK_UNITS.search(finding.message.en), finding.message.en
        for note in d.notes:
            assert not _CJK_UNITS.search(note.en), note.en


def test_english_tier_words() -> None:
    band = ferroalloy.tier("single", "30万吨").band
    assert band.zh == "30万吨（含）至50万吨（不含）"
    assert band.en == "from 300,000 tonnes (inclusive) to below 500,000 tonnes"


# ============================================================================================
# 17 — citations verbatim, in their article
# ============================================================================================

DATA = resources.files("nmgpolicy").joinpath("data")
_HEADING = re.compile(r"(第[一二三四五六七八九十]+条)\s")
_ELLIPSIS = re.compile(r"……|…")


def _guide() -> dict[str, str]:
    catalog = DATA.joinpath("baotou_miit_catalog.tsv").read_text(encoding="utf-8")
    row = next(
        line for line in catalog.splitlines() if "《包头市铁合金行业产能置换工作指南》" in line
    )
    parts = _HEADING.split(row.split("\t")[5])
    return {parts[i]: re.sub(r"\s+", "", parts[i + 1]) for i in range(1, len(parts), 2)}


def _citations() -> list[tuple[str, dict[str, Any]]]:
    data = tomllib.loads(DATA.joinpath("ferroalloy.toml").read_text(encoding="utf-8"))
    found = [(f"parameters.{k}", v["citation"]) for k, v in data["parameters"].items()]
    found += [(f"criteria.{k}", v["citation"]) for k, v in data["criteria"].items()]
    return found


def test_the_guide_articles_are_found() -> None:
    assert sorted(_guide()) == ["第三条", "第五条", "第四条"]


@pytest.mark.parametrize(("where", "citation"), _citations(), ids=[w for w, _ in _citations()])
def test_citation_is_verbatim_in_its_article(where: str, citation: dict[str, Any]) -> None:
    text = citation["text"]
    assert quoted_verbatim(text), where
    assert citation["document"] == "《包头市铁合金行业产能置换工作指南》"
    source = _guide()[citation["article"]]
    position = 0
    for part in _ELLIPSIS.split(re.sub(r"\s+", "", text)):
        found = source.find(part, position)
        assert found >= 0, (where, citation["article"], part)
        position = found + len(part)
