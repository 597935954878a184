"""The cluster rule set after the law review (issue 9, points 10, 11, 16 and 17).

* Point 10: "近三年产值均在15亿元以上" and "二氧化碳排放强度持续下降" are conditions on every year:
  one known failing year (or pair) fails them, whatever other years are missing.
* Point 11: "近三年" are the three calendar years before the application (``applied_on``, else
  ``on``); ``recent_years_anchor = "latest_given"`` keeps the earlier reading. The "或" of
  第五条（五） joins only the two growth conditions.
* Point 16: the Chinese output shows no code value, ASCII word or Python literal; English
  messages use English units.
* Point 17: every citation's ``text`` is the seed's own words; readings are in ``summary``.
"""

from __future__ import annotations

import copy
import datetime as dt
import doctest
import itertools
import json
import re
from importlib import resources
from pathlib import Path
from typing import Any

import pytest

import nmgpolicy
from nmgpolicy import cluster
from nmgpolicy.params import load_parameters
from tests._builders import CLUSTER_YEAR_BASED, cluster_margin_years, cluster_year
from tests.language import chinese_problems

D = dt.date
ON = D(2025, 6, 1)
ROOT = Path(__file__).resolve().parents[2]
EXAMPLES = ROOT / "examples" / "cluster"


row = cluster_year


def facts(*years: dict[str, Any]) -> dict[str, Any]:
    """Eligible on ON (years 2022–2024) with margins everywhere; ``years`` replace them."""
    default = cluster_margin_years()
    return copy.deepcopy(
        {
            "name": "审查集群",
            "leading_industry": "稀土永磁",
            "area": "85平方公里",
            "years": list(years) if years else default,
            "enterprises": [{"name": "甲公司", "designations": ["little_giant"]}],
            "employees": 10000,
            "rd_staff": 800,
            "innovation_platforms": 3,
            "industrial_internet_penetration": "12%",
            "high_energy": False,
            "high_water": False,
            "major_incidents_last_3_years": False,
            "attestations": dict.fromkeys(cluster.ATTESTATIONS, True),
        }
    )


def ev(data: object, *, on: dt.date = ON, **parameters: Any) -> nmgpolicy.Decision:
    return nmgpolicy.evaluate("cluster", data, on=on, parameters=parameters or None)


def status(data: object, fid: str, **parameters: Any) -> str:
    return ev(data, **parameters).finding(fid).status.value


def drop(data: dict[str, Any], *years: int) -> dict[str, Any]:
    data["years"] = [r for r in data["years"] if r["year"] not in years]
    return data


def entry(data: dict[str, Any], y: int) -> dict[str, Any]:
    found: dict[str, Any] = next(r for r in data["years"] if r["year"] == y)
    return found


# --------------------------------------------------------------------------------------------
# Point 10: a condition on every year fails on the first failing year
# --------------------------------------------------------------------------------------------


def test_the_base_application_is_eligible() -> None:
    assert ev(facts()).status.value == "eligible"


@pytest.mark.parametrize("absent", [2022, 2023])
def test_output_missing_year_beside_a_failing_year_is_not_met(absent: int) -> None:
    data = drop(facts(), absent)
    entry(data, 2024).update(output="14.99亿元", sme_output="9亿元", leading_output="9亿元")
    d = ev(data)
    f = d.finding("cluster.output")
    assert f.status.value == "not_met"
    assert "2024年产值为14.99亿元" in f.message.zh
    assert f.measured.value == 1_499_000_000
    assert d.status.value == "ineligible"


def test_output_blank_value_beside_a_failing_year_is_not_met() -> None:
    data = facts()
    del entry(data, 2023)["output"]
    entry(data, 2022)["output"] = "14亿元"
    entry(data, 2022)["sme_output"] = "10亿元"
    entry(data, 2022)["leading_output"] = "10亿元"
    assert status(data, "cluster.output") == "not_met"


@pytest.mark.parametrize("absent", [2022, 2023, 2024])
def test_output_missing_year_beside_passing_years_is_unknown(absent: int) -> None:
    d = ev(drop(facts(), absent))
    f = d.finding("cluster.output")
    assert f.status.value == "unknown"
    assert f"缺少{absent}年的年度数据" in f.message.zh
    assert str(absent) in f.message.en
    assert str(f.required) == "15亿元"
    assert d.status.value == "undetermined"


def test_output_all_years_passing_is_met() -> None:
    f = ev(facts()).finding("cluster.output")
    assert f.status.value == "met"
    assert "2022–2024" in f.message.zh


@pytest.mark.parametrize(
    ("output", "expected"),
    [
        ("15亿元", "met"),  # 以上 includes the number itself (民法典 第1259条)
        ("150000万元", "met"),
        ("1500000000元", "met"),
        ("14.99999999亿元", "not_met"),
    ],
)
@pytest.mark.parametrize("y", [2022, 2023, 2024])
def test_output_exactly_15_yi_yuan_in_any_year(output: str, expected: str, y: int) -> None:
    data = facts()
    entry(data, y).update(output=output, sme_output="9亿元", leading_output="9亿元")
    assert status(data, "cluster.output") == expected


def test_exact_threshold_beside_a_missing_year_is_unknown_not_met() -> None:
    data = drop(facts(), 2022)
    entry(data, 2024).update(output="15亿元", sme_output="9亿元", leading_output="9亿元")
    assert status(data, "cluster.output") == "unknown"


@pytest.mark.parametrize(
    ("values", "expected"),
    [
        # a present pair that rises fails, whatever is missing
        ({2022: "1吨/万元", 2024: "1.1吨/万元"}, "not_met"),
        ({2022: "1吨/万元", 2024: "1吨/万元"}, "not_met"),  # flat across the gap
        ({2023: "0.9吨/万元", 2024: "0.95吨/万元"}, "not_met"),
        ({2022: "1吨/万元", 2023: "1.2吨/万元"}, "not_met"),
        # missing and falling: unknown
        ({2022: "1吨/万元", 2024: "0.8吨/万元"}, "unknown"),
        ({2023: "0.9吨/万元", 2024: "0.8吨/万元"}, "unknown"),
        ({2024: "0.8吨/万元"}, "unknown"),
        # every year known and falling: met
        ({2022: "1吨/万元", 2023: "0.9吨/万元", 2024: "0.8吨/万元"}, "met"),
    ],
)
@pytest.mark.parametrize("how", ["absent_year", "blank_value"])
def test_carbon_intensity_fails_on_a_rising_pair_whatever_is_missing(
    values: dict[int, str], expected: str, how: str
) -> None:
    data = facts()
    for y in (2022, 2023, 2024):
        if y in values:
            entry(data, y)["carbon_intensity"] = values[y]
        elif how == "blank_value":
            del entry(data, y)["carbon_intensity"]
        else:
            drop(data, y)
    f = ev(data).finding("cluster.carbon_intensity")
    assert f.status.value == expected
    if expected == "unknown":
        missing = [y for y in (2022, 2023, 2024) if y not in values]
        phrase = "的年度数据" if how == "absent_year" else "二氧化碳排放强度未提供"
        assert phrase in f.message.zh
        assert all(str(y) in f.message.zh for y in missing)


def test_carbon_intensity_with_absent_and_blank_years_names_both() -> None:
    data = drop(facts(), 2022)
    del entry(data, 2023)["carbon_intensity"]
    f = ev(data).finding("cluster.carbon_intensity")
    assert f.status.value == "unknown"
    assert f.message.zh == "缺少事实：缺少2022年的年度数据；2023年二氧化碳排放强度未提供。"
    assert "no figures for 2022" in f.message.en


def test_an_average_growth_is_not_an_every_year_condition() -> None:
    # A missing year leaves a growth unknown; it is an average, no single year fails it.
    data = drop(facts(), 2023)
    entry(data, 2024)["leading_output"] = "10亿元"  # no growth from 2022 to 2024
    f = ev(data).finding("cluster.leading_growth")
    assert f.status.value == "unknown"
    assert "缺少2023年的年度数据" in f.message.zh


def test_shares_and_density_need_only_the_last_year() -> None:
    data = drop(facts(), 2024)
    d = ev(data)
    for fid in ("cluster.sme_share", "cluster.leading_share", "cluster.patent_density"):
        f = d.finding(fid)
        assert f.status.value == "unknown", fid
        assert f.message.zh == "缺少事实：缺少2024年的年度数据。", fid
    data = drop(facts(), 2022)
    d = ev(data)
    for fid in ("cluster.sme_share", "cluster.leading_share", "cluster.patent_density"):
        assert d.finding(fid).status.value == "met", fid


# --------------------------------------------------------------------------------------------
# Point 11: which three years
# --------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("applied", "years"),
    [
        ("2025-06-01", [2022, 2023, 2024]),
        ("2025-01-01", [2022, 2023, 2024]),
        ("2025-12-31", [2022, 2023, 2024]),
        ("2024-12-31", [2021, 2022, 2023]),
        ("2026-03-01", [2023, 2024, 2025]),
    ],
)
def test_the_recent_years_are_the_calendar_years_before_the_application(
    applied: str, years: list[int]
) -> None:
    data = facts()
    data["applied_on"] = applied
    d = ev(data, on=D(2026, 6, 1))
    assert d.results["recent_years"] == years
    assert d.results["trend_years"] == years  # growth_window_years = 3: the same years
    assert d.results["recent_years_anchor"] == "application_year"
    assert d.to_dict()["results"]["anchor_date"] == applied
    note = next(n for n in d.notes if "完整年度" in n.zh)
    assert f"申请日期（{applied}）" in note.zh
    assert "、".join(map(str, years)) + "年" in note.zh
    assert ", ".join(map(str, years)) in note.en


def test_without_an_application_date_the_evaluation_date_anchors_the_years() -> None:
    d = ev(facts())
    assert d.results["recent_years"] == [2022, 2023, 2024]
    assert d.results["anchor_date"] == ON
    assert any("评估日期（2025-06-01；未提供申请日期）" in n.zh for n in d.notes)
    assert ev(facts(), on=D(2026, 1, 15)).results["recent_years"] == [2023, 2024, 2025]


def test_data_that_stop_earlier_leave_the_missing_year_unknown_and_never_shift() -> None:
    data = facts()
    data["applied_on"] = "2026-05-01"
    d = ev(data, on=D(2026, 6, 1))
    assert d.results["recent_years"] == [2023, 2024, 2025]
    assert d.results["missing_years"] == [2025]
    assert d.results["ignored_years"] == [2022]
    assert d.status.value == "undetermined"
    for fid in CLUSTER_YEAR_BASED:
        f = d.finding(fid)
        assert f.status.value == "unknown", fid
        assert "缺少2025年的年度数据" in f.message.zh, fid
    assert any("2022年数据不在所用年度（2023–2025年）内，未予采用" in n.zh for n in d.notes)
    # The earlier reading shifts the window to the data and finds the application eligible.
    old = ev(data, on=D(2026, 6, 1), recent_years_anchor="latest_given")
    assert old.results["recent_years"] == [2022, 2023, 2024]
    assert old.results["anchor_date"] is None
    assert old.status.value == "eligible"
    assert old.overrides == {"recent_years_anchor": "latest_given"}
    assert any("按所提供数据的最近年度确定为2022–2024年" in n.zh for n in old.notes)


def test_years_outside_the_window_are_ignored_even_when_they_fail() -> None:
    data = facts()
    data["years"].append(row(2021, output="1亿元", sme_output="1亿元", leading_output="1亿元"))
    data["years"].append(row(2025, output="1亿元", sme_output="1亿元", leading_output="1亿元"))
    d = ev(data)
    assert d.status.value == "eligible"
    assert d.results["ignored_years"] == [2021, 2025]
    assert [r["year"] for r in d.results["years"]] == [2021, 2022, 2023, 2024, 2025]
    note = next(n for n in d.notes if "未予采用" in n.zh)
    assert "2021、2025年" in note.zh
    assert "2021, 2025" in note.en


def test_a_four_year_growth_window_uses_the_year_before_the_recent_years() -> None:
    data = facts()
    data["years"].append(row(2021, leading_output="9亿元", carbon_intensity="1.1吨/万元"))
    d = ev(data, growth_window_years=4)
    assert d.results["recent_years"] == [2022, 2023, 2024]
    assert d.results["trend_years"] == [2021, 2022, 2023, 2024]
    assert d.results["ignored_years"] == []
    assert d.results["leading_growth"]["steps"] == 3
    assert d.status.value == "eligible"
    assert any("按2021–2024年的数据计算" in n.zh for n in d.notes)
    # The same 2021 is ignored with the default three-year trend window.
    assert ev(data).results["ignored_years"] == [2021]


def test_an_application_after_the_evaluation_date_is_noted() -> None:
    data = facts()
    data["applied_on"] = "2025-07-01"
    d = ev(data)
    assert d.results["recent_years"] == [2022, 2023, 2024]
    assert any("晚于评估日期" in n.zh for n in d.notes)
    assert not any("晚于评估日期" in n.zh for n in ev(facts()).notes)


def test_latest_given_without_years_names_no_window() -> None:
    data = facts()
    data["years"] = []
    d = ev(data, recent_years_anchor="latest_given")
    assert d.results["recent_years"] == []
    assert d.results["anchor_date"] is None
    assert "需近3年各年数据" in d.finding("cluster.output").message.zh
    assert not any("完整年度" in n.zh or "最近年度确定" in n.zh for n in d.notes)
    d = ev(data)
    assert "需2022–2024年各年数据" in d.finding("cluster.output").message.zh


def test_latest_given_keeps_the_earlier_gap_reading() -> None:
    # A universal condition fails on a present failing year under either anchor (point 10).
    data = drop(facts(), 2023)
    entry(data, 2024).update(output="14亿元", sme_output="9亿元", leading_output="9亿元")
    assert status(data, "cluster.output") == "not_met"
    old = ev(data, recent_years_anchor="latest_given")
    assert old.finding("cluster.output").status.value == "not_met"
    assert "2024年" in old.finding("cluster.output").message.zh
    # Otherwise the gap leaves the window unsettled under the earlier reading.
    assert old.finding("cluster.sme_share").status.value == "unknown"
    passing = ev(drop(facts(), 2023), recent_years_anchor="latest_given")
    assert passing.finding("cluster.output").status.value == "unknown"
    assert "截至所提供的最近年度2024年" in passing.finding("cluster.output").message.zh
    data = facts()
    data["years"].append(row(2020))
    old = ev(data, recent_years_anchor="latest_given", growth_window_years=4)
    assert old.finding("cluster.leading_growth").status.value == "unknown"
    assert old.finding("cluster.carbon_intensity").status.value == "unknown"
    assert old.results["ignored_years"] == [2020]


def test_applied_on_and_the_anchor_are_checked() -> None:
    data = facts()
    data["applied_on"] = "2025-13-01"
    with pytest.raises(nmgpolicy.InputError) as info:
        ev(data)
    assert info.value.paths == ("$.applied_on",)
    with pytest.raises(nmgpolicy.InputError) as info:
        ev(facts(), recent_years_anchor="latest")
    assert info.value.paths == ("$.parameters.recent_years_anchor",)


def test_the_anchor_parameter_is_documented_data_with_its_citation() -> None:
    parameter = load_parameters("cluster").parameters["recent_years_anchor"]
    assert parameter.type == "choice:application_year|latest_given"
    assert parameter.at(ON) == "application_year"
    assert parameter.citation is not None
    assert parameter.citation.text == "近三年产值均在15亿元以上"
    assert "申请" in parameter.citation.summary


# 第五条（五）: "…研发经费年均增长不低于5%，或有效发明专利年均增长率不低于8%，每万人发明专利拥有量
# 不低于5个。…创新平台不少于2个，…研发人员占比不少于6%": the 或 joins only the two growths.


def _innovation(rd: tuple[str, str, str], patents: tuple[int, int, int]) -> dict[str, Any]:
    data = facts()
    for y, expense, count in zip((2022, 2023, 2024), rd, patents, strict=True):
        entry(data, y).update(sme_rd_expense=expense, invention_patents=count)
    return data


def test_or_joins_only_the_two_growths_patent_density_is_still_required() -> None:
    # Patents grow by 8 % a year exactly; R&D is flat; density 4 per 10,000 (< 5).
    data = _innovation(("1000万元", "1000万元", "1000万元"), (10000, 10000, 11664))
    data["employees"] = 30_000_000
    data["rd_staff"] = 2_400_000
    d = ev(data)
    assert d.finding("cluster.innovation_growth").status.value == "met"
    assert d.finding("cluster.patent_density").status.value == "not_met"
    assert d.status.value == "ineligible"


@pytest.mark.parametrize(
    ("key", "value", "fid"),
    [
        ("innovation_platforms", 1, "cluster.innovation_platforms"),
        ("rd_staff", 599, "cluster.rd_staff_share"),
    ],
)
def test_or_does_not_reach_platforms_or_rd_staff(key: str, value: int, fid: str) -> None:
    data = _innovation(("1000万元", "1000万元", "1102.5万元"), (100, 100, 100))
    data[key] = value
    data["employees"] = 10000
    d = ev(data)
    assert d.finding("cluster.innovation_growth").status.value == "met"
    assert d.finding(fid).status.value == "not_met"
    assert d.status.value == "ineligible"


def test_or_both_growths_failing_fails_whatever_the_other_conditions() -> None:
    data = _innovation(("1000万元", "1000万元", "1102.4万元"), (10000, 10000, 11663))
    data["employees"] = 100000
    data["rd_staff"] = 8000
    d = ev(data)
    assert d.finding("cluster.innovation_growth").status.value == "not_met"
    assert d.finding("cluster.patent_density").status.value == "met"
    assert d.status.value == "ineligible"


# --------------------------------------------------------------------------------------------
# Point 16: words a bureau officer reads
# --------------------------------------------------------------------------------------------

CJK = re.compile(r"[\u3000-\u303f\u4e00-\u9fff\uff00-\uffef]")


def english_problems(decision: nmgpolicy.Decision) -> list[str]:
    """Chinese characters (units, words) in the English messages and notes."""
    texts = [(f.id, f.message.en) for f in decision.findings]
    texts += [(f"notes[{i}]", n.en) for i, n in enumerate(decision.notes)]
    texts += [("explain", _without_citations(decision.explain("en")))]
    return [f"{where}: {text!r}" for where, text in texts if CJK.search(text)]


def _without_citations(text: str) -> str:
    # The quoted law (basis lines) is always the Chinese original; names are the caller's.
    return "\n".join(line for line in text.splitlines() if not line.strip().startswith("basis:"))


def _examples() -> list[tuple[dict[str, Any], dt.date]]:
    index = json.loads((EXAMPLES / "index.json").read_text(encoding="utf-8"))
    return [
        (
            json.loads((EXAMPLES / case["file"]).read_text(encoding="utf-8")),
            dt.date.fromisoformat(case["on"]),
        )
        for case in index["cases"]
    ]


def test_examples_read_cleanly_in_chinese_and_english() -> None:
    for data, on in _examples():
        d = ev(data, on=on)
        assert chinese_problems(d) == []
        assert english_problems(d) == []


def _varied() -> list[tuple[dict[str, Any], dict[str, Any]]]:
    """Applications that reach every branch: each enum value, missing and failing values."""
    cases: list[tuple[dict[str, Any], dict[str, Any]]] = [({}, {}), (facts(), {})]
    for designation in cluster.DESIGNATIONS:
        data = facts()
        data["enterprises"] = [{"name": "甲", "designations": [designation]}]
        cases.append((data, {}))
    data = facts()
    data["enterprises"] = None
    cases.append((data, {}))
    for method, anchor, window in itertools.product(
        ("cagr", "mean"), ("application_year", "latest_given"), (3, 4)
    ):
        params = {
            "growth_method": method,
            "recent_years_anchor": anchor,
            "growth_window_years": window,
        }
        cases.append((facts(), params))
        cases.append((drop(facts(), 2023), params))
    for flag in (True, False, None):
        data = facts()
        data.update(high_energy=flag, high_water=flag, major_incidents_last_3_years=flag)
        data["attestations"] = dict.fromkeys(cluster.ATTESTATIONS, flag)
        cases.append((data, {}))
    failing = facts()
    entry(failing, 2023).update(
        output="14亿元", sme_output="1亿元", leading_output="1亿元", carbon_intensity="2吨/万元"
    )
    entry(failing, 2024).update(sme_output="1亿元", leading_output="1亿元", invention_patents=0)
    failing.update(area="120平方公里", rd_staff=1, innovation_platforms=0)
    failing["industrial_internet_penetration"] = "1%"
    cases.append((failing, {}))
    zero = facts()
    entry(zero, 2022).update(leading_output="0亿元", sme_rd_expense="0万元", invention_patents=0)
    entry(zero, 2024).update(output="0亿元", sme_output="0亿元", leading_output="0亿元")
    cases.append((zero, {}))
    blank = facts()
    for r in blank["years"]:
        for key in list(r):
            if key != "year":
                del r[key]
    cases.append((blank, {}))
    late = facts()
    late["applied_on"] = "2027-03-01"
    late["years"].append(row(2019))
    cases.append((late, {}))
    cases.append((facts(), {"recent_years": 1, "growth_window_years": 2}))
    return cases


@pytest.mark.parametrize("case", range(len(_varied())))
def test_varied_decisions_read_cleanly_in_chinese_and_english(case: int) -> None:
    data, params = _varied()[case]
    d = ev(data, **params)
    assert chinese_problems(d) == []
    assert english_problems(d) == []


def test_values_read_as_words_not_codes() -> None:
    d = ev(facts())
    text = d.explain("zh")
    assert "制造业单项冠军或专精特新“小巨人”企业（家）：1" in text
    assert "中小企业研发经费增长：" in text
    assert "要求: 逐年下降（每年低于上一年）" in text
    assert "2024年：0.8吨/万元" in text
    english = d.explain("en")
    assert "single champions or little giants: 1" in english
    assert "required: lower every year than the year before" in english
    assert "2024: 0.8 tonnes per 10,000 yuan" in english
    assert (
        "smallest fall 0.1 tonnes per 10,000 yuan"
        in d.finding("cluster.carbon_intensity").message.en
    )
    assert "1.5 billion yuan" in d.finding("cluster.output").message.en


def test_every_code_value_has_a_label() -> None:
    labels = load_parameters("cluster").labels
    parameters = load_parameters("cluster").parameters
    codes = set(cluster.DESIGNATIONS) | {"champions", "designated"}
    codes |= {"sme_rd_expense", "invention_patents"}
    for name in ("growth_method", "recent_years_anchor"):
        codes |= set(parameters[name].type.partition(":")[2].split("|"))
    for code in codes:
        assert code in labels, code
        assert labels[code].zh and labels[code].en, code
        assert not re.search(r"[A-Za-z]", labels[code].zh), code
    d = ev(facts())
    for f in d.findings:
        for value in (f.measured, f.required, f.gap):
            if isinstance(value, dict):
                assert set(value) <= labels.keys() | {"2022", "2023", "2024"}, f.id


# --------------------------------------------------------------------------------------------
# Point 17: citations are the law's own words
# --------------------------------------------------------------------------------------------


def _normalised(text: str) -> str:
    return re.sub(r"\s+", "", text)


def test_every_citation_text_is_verbatim_from_the_seed() -> None:
    seed = _normalised(
        resources.files("nmgpolicy")
        .joinpath("data", "baotou_miit_catalog.tsv")
        .read_text(encoding="utf-8")
    )
    data = load_parameters("cluster")
    citations = [(cid, info.citation) for cid, info in data.criteria.items()]
    citations += [(name, p.citation) for name, p in data.parameters.items()]
    for key, spec in data.extra["revocation_grounds"].items():
        citations.append((key, nmgpolicy.Citation.from_mapping(spec["citation"])))
    for where, citation in citations:
        assert citation is not None, where
        assert citation.text, where
        assert _normalised(citation.text) in seed, where
        assert citation.summary != citation.text, where


def test_readings_are_summarised_apart_from_the_quoted_text() -> None:
    data = load_parameters("cluster")
    for name in ("recent_years_anchor", "growth_method", "growth_window_years"):
        citation = data.parameters[name].citation
        assert citation is not None and citation.summary, name
    for cid in ("cluster.output", "cluster.innovation_growth", "cluster.carbon_intensity"):
        citation = data.criteria[cid].citation
        assert citation is not None and citation.summary, cid


def test_no_file_outside_the_repository_is_named() -> None:
    texts = [
        (ROOT / "src" / "nmgpolicy" / "rules" / "cluster.py").read_text(encoding="utf-8"),
        (ROOT / "src" / "nmgpolicy" / "data" / "cluster.toml").read_text(encoding="utf-8"),
        (ROOT / "docs" / "rules" / "cluster.md").read_text(encoding="utf-8"),
    ]
    for text in texts:
        for name in ("DESIGN.md", "shared/", "legal_background", "reference/"):
            assert name not in text, name


def test_the_rule_page_examples_run(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(ROOT)
    result = doctest.testfile(
        str(ROOT / "docs" / "rules" / "cluster.md"),
        module_relative=False,
        optionflags=doctest.ELLIPSIS | doctest.NORMALIZE_WHITESPACE,
    )
    assert result.attempted >= 15
    assert result.failed == 0


def test_latest_given_a_rising_carbon_intensity_across_a_gap_fails() -> None:
    data = drop(facts(), 2023)
    entry(data, 2024)["carbon_intensity"] = "5吨/万元"  # above every earlier year
    old = ev(data, recent_years_anchor="latest_given")
    assert old.finding("cluster.carbon_intensity").status.value == "not_met"
    falling = drop(facts(), 2023)
    entry(falling, 2024)["carbon_intensity"] = "0.01吨/万元"
    still_open = ev(falling, recent_years_anchor="latest_given")
    assert still_open.finding("cluster.carbon_intensity").status.value == "unknown"
