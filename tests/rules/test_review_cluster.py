"""Review of rule set ``cluster`` (issue 5): the issue's points, checked from the outside.

Only the public contract is used: ``nmgpolicy.evaluate``, ``Decision``/``Finding`` and
``to_dict()``, and the lifecycle helpers of ``nmgpolicy.cluster``.
"""

from __future__ import annotations

import copy
import datetime as dt
import json
from decimal import Decimal
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

import nmgpolicy
from nmgpolicy import cluster
from tests._builders import (
    CLUSTER_ATTESTATION_KEYS,
    CLUSTER_EFFICIENCY_CASES,
    CLUSTER_EFFICIENCY_FACTS,
    CLUSTER_IDS,
    CLUSTER_NATIONAL_2022,
    CLUSTER_YEAR_BASED,
    cluster_margin_years,
    cluster_year,
)

D = dt.date
ON = D(2025, 6, 1)

IDS = CLUSTER_IDS
YEAR_BASED = CLUSTER_YEAR_BASED
ATTESTATION_KEYS = CLUSTER_ATTESTATION_KEYS
NATIONAL_2022 = CLUSTER_NATIONAL_2022


year = cluster_year


def facts() -> dict[str, Any]:
    """Eligible on ON with margins everywhere, so one change tests one criterion."""
    return copy.deepcopy(
        {
            "name": "评审集群",
            "leading_industry": "稀土永磁",
            "area": "85平方公里",
            "years": cluster_margin_years(),
            "enterprises": [{"name": "甲公司", "designations": ["little_giant"]}],
            "employees": 10000,
            "rd_staff": 800,
            "innovation_platforms": 3,
            "industrial_internet_penetration": "12%",
            "high_energy": False,
            "energy_efficiency_above_benchmark": None,
            "high_water": False,
            "water_efficiency_above_average": None,
            "major_incidents_last_3_years": False,
            "attestations": dict.fromkeys(ATTESTATION_KEYS, True),
        }
    )


def ev(data: object, *, on: dt.date = ON, **parameters: Any) -> nmgpolicy.Decision:
    return nmgpolicy.evaluate("cluster", data, on=on, parameters=parameters or None)


def status(data: object, fid: str, **parameters: Any) -> str:
    return ev(data, **parameters).finding(fid).status.value


def set_years(data: dict[str, Any], field: str, *values: object) -> dict[str, Any]:
    for row, value in zip(data["years"], values, strict=True):
        if value is None:
            row.pop(field, None)
        else:
            row[field] = value
    return data


# --------------------------------------------------------------------------------------------
# Contract
# --------------------------------------------------------------------------------------------


def test_base_is_eligible_with_every_issue_finding_id_in_article_order() -> None:
    d = ev(facts())
    assert d.status.value == "eligible"
    assert [f.id for f in d.findings] == IDS
    assert "cluster" in nmgpolicy.rulesets()
    assert all(f.citation is not None and f.citation.text for f in d.findings)


def test_to_dict_formats_shares_and_quantities() -> None:
    data = facts()
    data["years"][2].update(output="20亿元", sme_output="12亿元", leading_output="12亿元")
    data["employees"], data["rd_staff"] = 10000, 600
    data["industrial_internet_penetration"] = 0.08
    data["area"] = "100平方公里"
    out = ev(data).to_dict()
    json.dumps(out, ensure_ascii=False)
    by_id = {f["id"]: f for f in out["findings"]}
    for fid, share in [
        ("cluster.sme_share", "0.6"),
        ("cluster.leading_share", "0.6"),
        ("cluster.rd_staff_share", "0.06"),
        ("cluster.industrial_internet", "0.08"),
    ]:
        assert (by_id[fid]["status"], by_id[fid]["measured"], by_id[fid]["required"]) == (
            "met",
            share,
            share,
        )
        assert by_id[fid]["gap"] == "0"
    assert by_id["cluster.output"]["measured"] == "20亿元"
    assert by_id["cluster.output"]["required"] == "15亿元"
    assert by_id["cluster.area"]["measured"] == "100平方公里"
    assert by_id["cluster.area"]["required"] == "100平方公里"
    assert by_id["cluster.carbon_intensity"]["measured"]["2024"] == "0.8吨/万元"
    assert out["results"]["years"][2]["sme_share"] == "0.6"
    assert out["results"]["years"][2]["output"] == "20亿元"
    assert out["on"] == "2025-06-01"
    assert out["ruleset"] == "cluster"


def test_unknown_keys_and_unitless_money_are_refused() -> None:
    data = facts()
    data["years"][0]["outputs"] = "20亿元"
    with pytest.raises(nmgpolicy.InputError) as info:
        ev(data)
    assert "$.years[0].outputs" in [p.path for p in info.value.problems]
    data = facts()
    data["years"][1]["output"] = 20
    with pytest.raises(nmgpolicy.InputError) as info:
        ev(data)
    assert "$.years[1].output" in [p.path for p in info.value.problems]
    data = facts()
    data["industrial_internet_penetration"] = 8
    with pytest.raises(nmgpolicy.InputError, match="8%"):
        ev(data)


# --------------------------------------------------------------------------------------------
# 第五条（二）: area, output, shares, growth
# --------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("area", "expected", "decision"),
    [("100平方公里", "met", "eligible"), ("100.01平方公里", "review", "undetermined")],
)
def test_area_is_soft(area: str, expected: str, decision: str) -> None:
    data = facts()
    data["area"] = area
    d = ev(data)
    assert (d.finding("cluster.area").status.value, d.status.value) == (expected, decision)


@pytest.mark.parametrize("index", [0, 1, 2])
@pytest.mark.parametrize(
    ("output", "expected", "decision"),
    [("14.99亿元", "not_met", "ineligible"), ("15亿元", "met", "eligible")],
)
def test_output_threshold_in_any_one_year(
    index: int, output: str, expected: str, decision: str
) -> None:
    data = set_years(facts(), "sme_output", "12亿元", "12亿元", "12亿元")
    set_years(data, "leading_output", "10亿元", "10.5亿元", "12亿元")
    data["years"][index]["output"] = output
    d = ev(data)
    assert (d.finding("cluster.output").status.value, d.status.value) == (expected, decision)


def test_output_reports_the_failing_year() -> None:
    data = facts()
    data["years"][1].update(output="14.99亿元", sme_output="10亿元", leading_output="10亿元")
    f = ev(data).finding("cluster.output")
    assert f.status.value == "not_met"
    assert "2023" in f.message.zh
    assert f.measured.value == Decimal("1499000000")
    assert f.gap.value == Decimal("-1000000")


@pytest.mark.parametrize(
    ("field", "fid"),
    [("sme_output", "cluster.sme_share"), ("leading_output", "cluster.leading_share")],
)
@pytest.mark.parametrize(
    ("part", "expected"),
    [("11.998亿元", "not_met"), ("12亿元", "met"), ("11.9999999亿元", "not_met")],
)
def test_shares_at_60_percent_of_the_latest_year(
    field: str, fid: str, part: str, expected: str
) -> None:
    data = facts()
    set_years(data, "leading_output", "10亿元", "10.5亿元", "12亿元")
    data["years"][2].update(output="20亿元", sme_output="12亿元", leading_output="12亿元")
    data["years"][2][field] = part
    assert status(data, fid) == expected


def test_shares_of_earlier_years_do_not_decide_but_are_reported() -> None:
    data = facts()
    data["years"][0].update(sme_output="1亿元", leading_output="1亿元")
    set_years(data, "leading_output", "1亿元", "5亿元", "14亿元")
    d = ev(data)
    assert d.finding("cluster.sme_share").status.value == "met"
    assert d.to_dict()["results"]["years"][0]["sme_share"] == "0.05"


def lead(*values: str) -> dict[str, Any]:
    data = facts()
    for row in data["years"]:
        row.update(output="20亿元", sme_output="14亿元")
    return set_years(data, "leading_output", *values)


@pytest.mark.parametrize(
    ("values", "expected"),
    [
        (("10亿元", "10亿元", "11.025亿元"), "met"),
        (("10亿元", "20亿元", "11.025亿元"), "met"),  # intermediate year irrelevant
        (("10亿元", "10亿元", "11.0249999亿元"), "not_met"),
    ],
)
def test_leading_growth_cagr_both_sides_of_5_percent(
    values: tuple[str, ...], expected: str
) -> None:
    d = ev(lead(*values))
    f = d.finding("cluster.leading_growth")
    assert f.status.value == expected
    assert f.required == Decimal("1.1025")
    assert d.results["leading_growth"]["method"] == "cagr"
    assert d.results["growth_method"] == "cagr"


@pytest.mark.parametrize(
    ("values", "expected"),
    [
        (("10亿元", "10.5亿元", "11.025亿元"), "met"),  # 5 % + 5 %
        (("10亿元", "10.5亿元", "11.0249999亿元"), "not_met"),
        (("10亿元", "10亿元", "11.025亿元"), "met"),  # 0 % + 10.25 %: mean 5.125 %
        (("10亿元", "10.4999999亿元", "11.0249998亿元"), "not_met"),
    ],
)
def test_leading_growth_mean_both_sides_of_5_percent(
    values: tuple[str, ...], expected: str
) -> None:
    d = ev(lead(*values), growth_method="mean")
    f = d.finding("cluster.leading_growth")
    assert f.status.value == expected
    assert f.required == Decimal("0.05")
    assert d.results["leading_growth"]["method"] == "mean"
    assert d.to_dict()["overrides"] == {"growth_method": "mean"}


def test_cagr_and_mean_disagree_on_a_dip() -> None:
    data = lead("10亿元", "5亿元", "10亿元")
    assert status(data, "cluster.leading_growth") == "not_met"
    assert status(data, "cluster.leading_growth", growth_method="mean") == "met"


@pytest.mark.parametrize(
    ("last", "expected"), [("11.57625亿元", "met"), ("11.5762499亿元", "not_met")]
)
@pytest.mark.parametrize("method", ["cagr", "mean"])
def test_four_year_growth_window(last: str, expected: str, method: str) -> None:
    data = facts()
    data["years"].insert(0, year(2021, leading_output="10亿元", carbon_intensity="1.1吨/万元"))
    set_years(data, "leading_output", "10亿元", "10.5亿元", "11.025亿元", last)
    d = ev(data, growth_window_years=4, growth_method=method)
    assert d.finding("cluster.leading_growth").status.value == expected
    assert d.results["leading_growth"]["steps"] == 3


def test_four_year_window_without_the_base_year_names_it() -> None:
    d = ev(facts(), growth_window_years=4)
    f = d.finding("cluster.leading_growth")
    assert f.status.value == "unknown"
    assert "2021" in f.message.zh
    assert "2021" in f.message.en
    assert d.finding("cluster.output").status.value == "met"


# --------------------------------------------------------------------------------------------
# 第五条（三）: anchor enterprises
# --------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("enterprises", "expected"),
    [
        ([{"name": "甲", "designations": ["innovative_sme", "high_tech"]}], "not_met"),
        (
            [
                {"name": "甲", "designations": ["innovative_sme"]},
                {"name": "乙", "designations": ["specialized_sme"]},
            ],
            "met",
        ),
        ([{"name": "甲", "designations": ["single_champion"]}], "met"),
        ([{"name": "甲", "designations": ["little_giant"]}], "met"),
        ([{"name": "甲"}, {"name": "乙", "designations": ["high_tech"]}], "not_met"),
        ([], "not_met"),
        (None, "unknown"),
    ],
)
def test_anchor_enterprises(enterprises: Any, expected: str) -> None:
    data = facts()
    data["enterprises"] = enterprises
    assert status(data, "cluster.anchor_enterprises") == expected


def test_an_enterprise_listed_twice_is_refused() -> None:
    data = facts()
    data["enterprises"] = [
        {"name": "甲", "designations": ["innovative_sme"]},
        {"name": "甲 ", "designations": ["high_tech"]},
    ]
    with pytest.raises(nmgpolicy.InputError) as info:
        ev(data)
    assert [p.path for p in info.value.problems] == ["$.enterprises[1].name"]


# --------------------------------------------------------------------------------------------
# 第五条（五）（六）
# --------------------------------------------------------------------------------------------


def test_innovation_growth_is_either_rd_or_patents() -> None:
    # R&D 1000 → 1102.5万元 exactly 5 %; patents flat.
    data = facts()
    set_years(data, "sme_rd_expense", "1000万元", "1000万元", "1102.5万元")
    set_years(data, "invention_patents", 100, 100, 100)
    assert status(data, "cluster.innovation_growth") == "met"
    set_years(data, "sme_rd_expense", "1000万元", "1000万元", "1102.49万元")
    assert status(data, "cluster.innovation_growth") == "not_met"
    # Patents 10000 → 11664 is exactly 8 % compound.
    set_years(data, "invention_patents", 10000, 10000, 11664)
    data["employees"] = 100000
    data["rd_staff"] = 8000
    assert status(data, "cluster.innovation_growth") == "met"
    set_years(data, "invention_patents", 10000, 10000, 11663)
    assert status(data, "cluster.innovation_growth") == "not_met"
    # One side missing and the other failing: unknown, not not_met.
    set_years(data, "sme_rd_expense", "1000万元", None, "1000万元")
    assert status(data, "cluster.innovation_growth") == "unknown"


@pytest.mark.parametrize(
    ("patents", "employees", "expected"),
    [(5, 10000, "met"), (4, 10000, "not_met"), (5, 10001, "not_met"), (6, 12000, "met")],
)
def test_patent_density_per_10000(patents: int, employees: int, expected: str) -> None:
    data = facts()
    set_years(data, "invention_patents", 1, 2, patents)
    data["employees"], data["rd_staff"] = employees, 1000
    assert status(data, "cluster.patent_density") == expected
    assert (patents * 10000 >= 5 * employees) == (expected == "met")


@pytest.mark.parametrize(
    ("rd", "employees", "expected"),
    [
        (599, 10000, "not_met"),
        (600, 10000, "met"),
        ("600人", "1万人", "met"),
        (600, 10001, "not_met"),
    ],
)
def test_rd_staff_share_at_6_percent(rd: object, employees: object, expected: str) -> None:
    data = facts()
    data["rd_staff"], data["employees"] = rd, employees
    assert status(data, "cluster.rd_staff_share") == expected


@pytest.mark.parametrize(("count", "expected"), [(1, "not_met"), (2, "met"), (0, "not_met")])
def test_innovation_platforms(count: int, expected: str) -> None:
    data = facts()
    data["innovation_platforms"] = count
    assert status(data, "cluster.innovation_platforms") == expected


@pytest.mark.parametrize(
    ("share", "expected"),
    [("8%", "met"), ("7.99%", "not_met"), (0.08, "met"), ("0.0799", "not_met")],
)
def test_industrial_internet_at_8_percent(share: object, expected: str) -> None:
    data = facts()
    data["industrial_internet_penetration"] = share
    assert status(data, "cluster.industrial_internet") == expected


# --------------------------------------------------------------------------------------------
# 第五条（七）, 第六条, attestations
# --------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("values", "expected"),
    [
        (("1吨/万元", "0.9吨/万元", "0.8吨/万元"), "met"),
        (("1吨/万元", "1吨/万元", "0.8吨/万元"), "not_met"),  # flat is not a fall
        (("1吨/万元", "0.8吨/万元", "0.9吨/万元"), "not_met"),
        (("1吨/万元", "0.9吨/万元", "900千克/万元"), "not_met"),
        (("1吨/万元", None, "0.8吨/万元"), "unknown"),
        ((None, "1吨/万元", "1.1吨/万元"), "not_met"),  # a known rise decides
    ],
)
def test_carbon_intensity_decreasing_every_year(values: tuple[Any, ...], expected: str) -> None:
    assert status(set_years(facts(), "carbon_intensity", *values), "cluster.carbon_intensity") == (
        expected
    )


@pytest.mark.parametrize(
    ("applies", "value", "expected"),
    CLUSTER_EFFICIENCY_CASES,
)
@pytest.mark.parametrize(
    ("flag", "detail", "fid"),
    CLUSTER_EFFICIENCY_FACTS,
)
def test_energy_and_water_apply_only_to_high_consumption(
    applies: bool | None, value: bool | None, expected: str, flag: str, detail: str, fid: str
) -> None:
    data = facts()
    data[flag], data[detail] = applies, value
    d = ev(data)
    assert d.finding(fid).status.value == expected
    decision = {"met": "eligible", "not_applicable": "eligible", "not_met": "ineligible"}
    assert d.status.value == decision.get(expected, "undetermined")


@pytest.mark.parametrize(
    ("incidents", "expected", "decision"),
    [
        (True, "not_met", "ineligible"),
        (False, "met", "eligible"),
        (None, "unknown", "undetermined"),
    ],
)
def test_no_major_incidents_is_hard(incidents: bool | None, expected: str, decision: str) -> None:
    data = facts()
    data["major_incidents_last_3_years"] = incidents
    d = ev(data)
    assert (d.finding("cluster.no_major_incidents").status.value, d.status.value) == (
        expected,
        decision,
    )


@pytest.mark.parametrize("key", ATTESTATION_KEYS)
@pytest.mark.parametrize(
    ("value", "expected", "decision"),
    [(True, "met", "eligible"), (False, "not_met", "ineligible"), (None, "review", "undetermined")],
)
def test_each_attestation(key: str, value: bool | None, expected: str, decision: str) -> None:
    data = facts()
    if value is None:
        del data["attestations"][key]
    else:
        data["attestations"][key] = value
    d = ev(data)
    assert (d.finding(f"cluster.{key}").status.value, d.status.value) == (expected, decision)


# --------------------------------------------------------------------------------------------
# Missing numbers and missing years
# --------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("key", "fids"),
    [
        ("area", ["cluster.area"]),
        ("employees", ["cluster.patent_density", "cluster.rd_staff_share"]),
        ("rd_staff", ["cluster.rd_staff_share"]),
        ("innovation_platforms", ["cluster.innovation_platforms"]),
        ("industrial_internet_penetration", ["cluster.industrial_internet"]),
        ("enterprises", ["cluster.anchor_enterprises"]),
        ("major_incidents_last_3_years", ["cluster.no_major_incidents"]),
    ],
)
def test_a_missing_number_is_unknown_never_met(key: str, fids: list[str]) -> None:
    data = facts()
    del data[key]
    d = ev(data)
    assert {f.id for f in d.findings if f.status.value == "unknown"} == set(fids)
    assert d.status.value == "undetermined"


@pytest.mark.parametrize(
    ("field", "index", "fids"),
    [
        ("output", 2, {"cluster.output", "cluster.sme_share", "cluster.leading_share"}),
        ("output", 0, {"cluster.output"}),
        ("sme_output", 2, {"cluster.sme_share"}),
        ("leading_output", 2, {"cluster.leading_share", "cluster.leading_growth"}),
        ("leading_output", 0, {"cluster.leading_growth"}),
        ("invention_patents", 2, {"cluster.patent_density"}),
        ("carbon_intensity", 1, {"cluster.carbon_intensity"}),
    ],
)
def test_a_missing_yearly_number_is_unknown_never_met(
    field: str, index: int, fids: set[str]
) -> None:
    data = facts()
    del data["years"][index][field]
    d = ev(data)
    assert {f.id for f in d.findings if f.status.value == "unknown"} == fids
    assert d.status.value == "undetermined"


@pytest.mark.parametrize(
    ("drop", "missing"), [([0], "2022"), ([1], "2023"), ([0, 1], "2022、2023")]
)
def test_fewer_than_three_years_name_the_missing_years(drop: list[int], missing: str) -> None:
    data = facts()
    data["years"] = [row for i, row in enumerate(data["years"]) if i not in drop]
    d = ev(data)
    # The window is 2022–2024 (applied, i.e. evaluated, in 2025); 2024 is given.
    for fid in ("cluster.output", "cluster.leading_growth", "cluster.innovation_growth"):
        f = d.finding(fid)
        assert f.status.value == "unknown", fid
        assert missing in f.message.zh, fid
    for fid in ("cluster.sme_share", "cluster.leading_share", "cluster.patent_density"):
        assert d.finding(fid).status.value == "met", fid
    assert d.status.value == "undetermined"
    assert d.results["missing_years"] == [2022 + i for i in drop]


@pytest.mark.parametrize(
    ("drop", "missing"), [([0], "2022"), ([1], "2023"), ([0, 1], "2022、2023")]
)
def test_fewer_than_three_years_are_all_unknown_under_latest_given(
    drop: list[int], missing: str
) -> None:
    data = facts()
    data["years"] = [row for i, row in enumerate(data["years"]) if i not in drop]
    d = ev(data, recent_years_anchor="latest_given")
    for fid in YEAR_BASED:
        f = d.finding(fid)
        assert f.status.value == "unknown", fid
        assert missing in f.message.zh, fid
    assert d.status.value == "undetermined"
    assert d.results["missing_years"] == [2022 + i for i in drop]


def test_no_years_at_all() -> None:
    years: list[Any] | None
    for years in (None, []):
        data = facts()
        data["years"] = years
        d = ev(data)
        assert {d.finding(fid).status.value for fid in YEAR_BASED} == {"unknown"}


def test_empty_facts_are_undetermined() -> None:
    d = ev({})
    assert d.status.value == "undetermined"
    assert "met" not in {f.status.value for f in d.findings}


# --------------------------------------------------------------------------------------------
# Properties
# --------------------------------------------------------------------------------------------


@given(st.permutations([0, 1, 2]), st.sampled_from(["cagr", "mean"]))
def test_property_order_of_years_does_not_matter(order: list[int], method: str) -> None:
    data = facts()
    expected = ev(data, growth_method=method)
    data["years"] = [data["years"][i] for i in order]
    got = ev(data, growth_method=method)
    assert got.status == expected.status
    assert got.to_dict()["findings"] == expected.to_dict()["findings"]


@given(
    st.sampled_from(
        [
            ("rd_staff", 500, 10000),
            ("innovation_platforms", 1, 100),
            ("industrial_internet_penetration", "7%", "100%"),
        ]
    ),
    st.integers(0, 100),
)
def test_property_raising_a_value_never_unmeets_it(spec: tuple[str, Any, Any], step: int) -> None:
    key, low, high = spec
    fid = {
        "rd_staff": "cluster.rd_staff_share",
        "innovation_platforms": "cluster.innovation_platforms",
        "industrial_internet_penetration": "cluster.industrial_internet",
    }[key]
    data = facts()
    if isinstance(low, int):
        values = sorted({low, low + step, high})
    else:
        values = [f"{7 + step * Decimal('0.93')}%", "100%"]
    seen_met = False
    for value in values:
        data[key] = value
        s = status(data, fid)
        if seen_met:
            assert s == "met"
        seen_met = seen_met or s == "met"


@given(st.integers(1400, 1700), st.integers(1400, 1700), st.integers(1400, 1700))
def test_property_output_met_iff_every_year_at_least_15(a: int, b: int, c: int) -> None:
    data = facts()
    for row, v in zip(data["years"], (a, b, c), strict=True):
        row.update(output=f"{Decimal(v) / 100}亿元", sme_output="10亿元", leading_output="10亿元")
    set_years(data, "leading_output", "10亿元", "10亿元", "12亿元")
    expected = "met" if min(a, b, c) >= 1500 else "not_met"
    assert status(data, "cluster.output") == expected


# --------------------------------------------------------------------------------------------
# What-if: the national 2022 thresholds
# --------------------------------------------------------------------------------------------


def test_national_2022_thresholds_through_parameters() -> None:
    regional = facts()
    d = ev(regional, **NATIONAL_2022)
    assert d.status.value == "ineligible"
    assert d.finding("cluster.output").status.value == "not_met"
    assert d.finding("cluster.output").to_dict()["required"] == "40亿元"
    assert d.to_dict()["overrides"] == {
        "min_annual_output": "40亿元",
        "min_sme_share": "0.7",
        "min_leading_share": "0.7",
        "min_leading_growth": "0.1",
        "min_designated_enterprises": 10,
    }
    national = facts()
    for row in national["years"]:
        row.update(output="50亿元", sme_output="35亿元")
    set_years(national, "leading_output", "35亿元", "38亿元", "42.35亿元")
    national["years"][2]["output"] = "60.5亿元"
    national["years"][2]["sme_output"] = "42.35亿元"
    d = ev(national, **NATIONAL_2022)
    assert d.status.value == "eligible"
    assert d.finding("cluster.leading_growth").required == Decimal("1.21")
    assert d.finding("cluster.leading_share").measured == Decimal("0.7")
    national["enterprises"] = [
        {"name": f"企业{i}", "designations": ["specialized_sme"]} for i in range(9)
    ]
    assert status(national, "cluster.anchor_enterprises", **NATIONAL_2022) == "not_met"
    national["enterprises"].append({"name": "企业9", "designations": ["high_tech"]})
    assert status(national, "cluster.anchor_enterprises", **NATIONAL_2022) == "met"
    # The regional defaults are unchanged by a what-if.
    assert ev(facts()).status.value == "eligible"


# --------------------------------------------------------------------------------------------
# Lifecycle helpers
# --------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("recognized", "until", "renewed"),
    [
        (D(2024, 5, 10), D(2027, 5, 10), D(2030, 5, 10)),
        ("2024-02-29", D(2027, 2, 28), D(2030, 2, 28)),
        (D(2023, 3, 7), D(2026, 3, 7), D(2029, 3, 7)),  # a Saturday: no 203 roll
        (D(2022, 12, 31), D(2025, 12, 31), D(2028, 12, 31)),
    ],
)
def test_valid_until(recognized: Any, until: dt.date, renewed: dt.date) -> None:
    assert cluster.valid_until(recognized) == until
    assert cluster.valid_until(recognized, renewed=True) == renewed


def test_annual_report_due_is_10_march_of_that_year() -> None:
    assert cluster.annual_report_due(2026) == D(2026, 3, 10)
    assert cluster.annual_report_due(2024) == D(2024, 3, 10)  # a Sunday, not rolled
    with pytest.raises(nmgpolicy.InputError):
        cluster.annual_report_due("2026")  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("changed", "due"),
    [
        (D(2025, 3, 31), D(2025, 4, 30)),
        (D(2025, 1, 31), D(2025, 2, 28)),  # 202: no corresponding day
        (D(2025, 1, 3), D(2025, 2, 5)),  # 2025-02-03 in Spring Festival → 02-05
        (D(2025, 9, 1), D(2025, 10, 9)),  # National Day
        (D(2025, 12, 31), D(2026, 2, 2)),  # 2026-01-31 is a Saturday
        (D(2026, 1, 31), D(2026, 2, 28)),  # a make-up working day: no roll
        ("2025-03-29", D(2025, 4, 29)),
    ],
)
def test_change_filing_due(changed: Any, due: dt.date) -> None:
    assert cluster.change_filing_due(changed) == due


def test_revocation_grounds_all_five_in_clause_order_and_cited() -> None:
    grounds = cluster.revocation_grounds(
        {
            "review_failed": True,
            "false_reporting": True,
            "reports": [{"year": 2026, "submitted_on": "2026-03-11"}],
            "changes": [{"changed_on": "2025-01-03", "filed_on": "2025-02-06"}],
            "major_incidents": True,
        }
    )
    assert [g.clause for g in grounds] == ["（一）", "（二）", "（三）", "（四）", "（五）"]
    assert {g.citation.article for g in grounds} == {"第十五条"}
    assert all(g.citation.text and g.reasons for g in grounds)
    json.dumps([g.to_dict() for g in grounds], ensure_ascii=False)


def test_revocation_timeliness_edges() -> None:
    on_time = {
        "reports": [{"year": 2026, "submitted_on": "2026-03-10"}],
        "changes": [{"changed_on": "2025-01-03", "filed_on": "2025-02-05"}],
    }
    assert cluster.revocation_grounds(on_time) == ()
    pending = {"reports": [{"year": 2026}], "changes": [{"changed_on": "2025-01-03"}]}
    assert cluster.revocation_grounds(pending) == ()  # no hidden clock
    assert cluster.revocation_grounds(pending, on=D(2025, 2, 5)) == ()
    assert [g.id for g in cluster.revocation_grounds(pending, on=D(2025, 2, 6))] == [
        "unfiled_major_change"
    ]
    assert [g.id for g in cluster.revocation_grounds(pending, on=D(2026, 3, 11))] == [
        "reporting_or_monitoring_failure",
        "unfiled_major_change",
    ]
    assert [g.id for g in cluster.revocation_grounds({"refused_monitoring": True})] == [
        "reporting_or_monitoring_failure"
    ]
    assert [g.id for g in cluster.revocation_grounds({"violations": True})] == [
        "false_reporting_or_violation"
    ]
    with pytest.raises(nmgpolicy.InputError):
        cluster.revocation_grounds({"unknown": True})
