"""Review 17: acceptance tests for issue 11, written from the issue and the public docs.

The columnar path against the row path on generated rows (thresholds crowded on both sides,
fractional amounts, odd and wrong units, missing years, excluded units, overrides), the unit
parser, the stability promise, lazy findings, titles filled from parameters, the scoring
tables as parameters, and the documented commands.
"""

from __future__ import annotations

import copy
import datetime as dt
import decimal
import json
import pickle
import random
import re
import subprocess
import sys
import threading
import tomllib
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest

import nmgpolicy
from nmgpolicy import columnar, units

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "examples"
DATA = ROOT / "src" / "nmgpolicy" / "data"
CLUSTER_ON = dt.date(2025, 6, 1)
FERRO_ON = dt.date(2026, 3, 2)
SME_ON = dt.date(2025, 9, 1)

SME_FACTS: dict[str, Any] = {
    "is_sme": True,
    "not_abnormal_or_dishonest": True,
    "no_major_incident": True,
    "ip_class": "class1",
    "rd_expense_share": "5%",
    "main_revenue_y1": "2100万元",
    "main_revenue_y2": "2000万元",
    "debt_ratio": "75%",
    "product_field": "other",
    "main_revenue_share": "55%",
}


def _example(name: str) -> dict[str, Any]:
    return json.loads((EXAMPLES / name).read_text(encoding="utf-8"))


def _plain(value: Any) -> Decimal | None:
    """A row-path result as the columnar `value` gives it (an Amount read as its value)."""
    value = getattr(value, "value", value)
    return None if value is None else Decimal(value)


def _compare(
    ruleset: str,
    records: list[dict[str, Any]],
    on: dt.date,
    *,
    parameters: dict[str, Any] | None = None,
    results: tuple[str, ...] = (),
) -> tuple[Any, list[tuple[Any, ...]]]:
    """Evaluate ``records`` on both paths; every disagreement, row by row."""
    cols, lists = columnar.from_records(records)
    res = columnar.evaluate(ruleset, cols, lists=lists, on=on, parameters=parameters)
    decisions = res.decisions()
    bad: list[tuple[Any, ...]] = []
    for r, record in enumerate(records):
        try:
            d = nmgpolicy.evaluate(ruleset, record, on=on, parameters=parameters)
        except nmgpolicy.NmgPolicyError as e:
            if res.status[r] != -1 or type(res.errors.get(r)) is not type(e):
                bad.append((r, "row path raised", str(e)[:100], decisions[r]))
            continue
        if decisions[r] != d.status.value:
            bad.append((r, "decision", d.status.value, decisions[r]))
        want = {f.id: f.status.value for f in d.findings}
        got = {k: v for k, v in res.row(r).items() if v is not None}
        if want != got:
            diff = {k: (want.get(k), got.get(k)) for k in want.keys() | got.keys()}
            bad.append((r, "findings", {k: v for k, v in diff.items() if v[0] != v[1]}))
        for key in results:
            if _plain(d.results.get(key)) != res.value(key, r):
                bad.append((r, "result", key, d.results.get(key), res.value(key, r)))
    return res, bad


# ---------------------------------------------------------------------------------------------
# Generated rows: cluster
# ---------------------------------------------------------------------------------------------


def _money(rng: random.Random, yuan: int | Decimal) -> str:
    unit = rng.choice(["元", "万元", "亿元"])
    div = {"元": 1, "万元": 10**4, "亿元": 10**8}[unit]
    return f"{Decimal(yuan) / div:f}{unit}"


def _cluster_rows(seed: int, n: int) -> list[dict[str, Any]]:
    rng = random.Random(seed)
    base = _example("cluster/eligible.json")
    rows = []
    for _ in range(n):
        f = copy.deepcopy(base)
        for y in f["years"]:
            edge = rng.choice([1_500_000_000, 1_499_999_999, 1_500_000_001, 2_000_000_000, None])
            odd = rng.random()
            if odd < 0.04:
                y["output"] = "1500000000.5元"  # a fraction of a 元: the row path decides
            elif odd < 0.07:
                y["output"] = rng.choice(["15亿美元", "15亿", "15亿吨"])
            elif edge is None:
                y.pop("output")
            else:
                y["output"] = _money(rng, edge)
            y["sme_output"] = _money(rng, rng.choice([1_000_000_000, 1_049_999_999, 1_050_000_000]))
            y["leading_output"] = _money(rng, rng.choice([900_000_000, 1_000_000_000]))
            if rng.random() < 0.1:
                y.pop(rng.choice(["sme_rd_expense", "invention_patents", "carbon_intensity"]))
        if rng.random() < 0.15:
            f["years"].pop(rng.randrange(len(f["years"])))
        if rng.random() < 0.1:
            f["years"][0]["year"] = rng.choice([2019, 2021, 2025])
        if rng.random() < 0.3:
            f["area"] = rng.choice(
                [
                    "100平方公里",
                    "100.000001平方公里",
                    "99.999999平方公里",
                    "100000000平方米",
                    "100000001平方米",
                    "0.0000001平方公里",
                    "100公顷",
                ]
            )
        if rng.random() < 0.3:
            f["rd_staff"] = rng.choice(["1480人", "1479人", "1110人", "1109人", "1.11千人"])
        if rng.random() < 0.05:
            del f["rd_staff"]
        if rng.random() < 0.1:
            f["employees"] = rng.choice(["13875人", "1.85万人", "18500.5人"])
        if rng.random() < 0.2:
            f["industrial_internet_penetration"] = rng.choice(
                ["10%", "9.9999%", "0.1", "10.0001%", "0.099999999"]
            )
        if rng.random() < 0.1:
            f["attestations"].pop(rng.choice(sorted(f["attestations"])))
        if rng.random() < 0.1:
            f["enterprises"] = rng.choice([[], f["enterprises"][:1]])
        if rng.random() < 0.1:
            f["high_energy"] = rng.choice([True, False])
            f.pop("energy_efficiency_above_benchmark", None)
        rows.append(f)
    return rows


CLUSTER_RESULTS = ("latest_year",)


def test_cluster_columnar_equals_row_path_on_generated_rows() -> None:
    rows = _cluster_rows(1117, 400)
    res, bad = _compare("cluster", rows, CLUSTER_ON, results=CLUSTER_RESULTS)
    assert bad == []
    # the generator crowds the kernels too, not only the row path
    assert 0 < int(res.row_path.sum()) < len(rows) // 2


def test_cluster_columnar_equals_row_path_under_overrides() -> None:
    rows = _cluster_rows(2217, 150)
    params = {"min_annual_output": "15.00000001亿元", "max_area": "99.999999平方公里"}
    _, bad = _compare("cluster", rows, CLUSTER_ON, parameters=params, results=CLUSTER_RESULTS)
    assert bad == []


def test_cluster_fraction_of_a_yuan_goes_to_row_path_not_rounded() -> None:
    base = _example("cluster/eligible.json")
    rows = []
    for text in ("1499999999.5元", "1500000000元", "1500000000.4元", "14.999999995亿元"):
        f = copy.deepcopy(base)
        for y in f["years"]:
            y["output"] = text
            y["sme_output"] = "10亿元"
            y["leading_output"] = "9亿元"
        rows.append(f)
    res, bad = _compare("cluster", rows, CLUSTER_ON)
    assert bad == []
    assert res.row_path.tolist() == [True, False, True, True]
    assert res.statuses("cluster.output")[0] == "not_met"  # never rounded up to 15亿


# ---------------------------------------------------------------------------------------------
# Generated rows: ferroalloy
# ---------------------------------------------------------------------------------------------


def _ferro_rows(seed: int, n: int) -> list[dict[str, Any]]:
    rng = random.Random(seed)
    bases = [
        _example("ferroalloy/compliant_plan.json"),
        _example("ferroalloy/short_plan.json"),
        _example("ferroalloy/cross_variety_missing_factor.json"),
        _example("ferroalloy/plan_route_literal.json"),
    ]
    rows = []
    for _ in range(n):
        f = copy.deepcopy(rng.choice(bases))
        ent = f["enterprise"]
        ent["kind"] = rng.choice(["single", "group", "single"])
        ent["scale_after"] = rng.choice(
            ["30万吨", "299999吨", "300000吨", "49.99999万吨", "50万吨", "80万吨", "799999.999吨"]
        )
        if rng.random() < 0.05:
            ent["scale_after"] = rng.choice(["30万", "30万千瓦", "-1吨"])
        f["new_capacity"][0]["capacity"] = rng.choice(
            ["20万吨", "200000.5吨", "200000001千克", "10万吨", "9.9999999万吨"]
        )
        for unit in f["retired"]:
            roll = rng.random()
            if roll < 0.15:
                unit["transformer"] = rng.choice(
                    ["3000kVA", "3000.001kVA", "2999999VA", "3MVA", "6300kVA"]
                )
            elif roll < 0.2:
                unit.pop("approved", None)
            elif roll < 0.25:
                unit.pop("in_region", None)
            elif roll < 0.3:
                unit["plan_year"] = rng.choice([2020, 2021, 2023, 2024])
                unit["source"] = "elimination_plan"
            elif roll < 0.33:
                unit["assessed"] = rng.choice(["10.5吨", "0.0001吨", "1万"])
        if rng.random() < 0.1:
            f["retired"] = []
        if rng.random() < 0.1:
            f["ferrosilicon_equivalents"] = {"硅锰": rng.choice(["0.9", "1", "0.8333"])}
        rows.append(f)
    return rows


FERRO_RESULTS = ("ratio", "required_retirement", "counted_retirement", "surplus")


def test_ferroalloy_columnar_equals_row_path_on_generated_rows() -> None:
    rows = _ferro_rows(1217, 400)
    res, bad = _compare("ferroalloy", rows, FERRO_ON, results=FERRO_RESULTS)
    assert bad == []
    assert 0 < int(res.row_path.sum()) < len(rows) // 2


def test_ferroalloy_columnar_equals_row_path_under_overrides() -> None:
    rows = _ferro_rows(2317, 150)
    params = {"ratio_single_medium": "1.2"}
    try:
        nmgpolicy.evaluate("ferroalloy", rows[0], on=FERRO_ON, parameters=params)
    except nmgpolicy.InputError:
        params = {}
    _, bad = _compare("ferroalloy", rows, FERRO_ON, parameters=params, results=FERRO_RESULTS)
    assert bad == []


def test_ferroalloy_excluded_and_undetermined_unit_counts_equal_row_path() -> None:
    rows = _ferro_rows(3317, 200)
    cols, lists = columnar.from_records(rows)
    res = columnar.evaluate("ferroalloy", cols, lists=lists, on=FERRO_ON)
    for r, record in enumerate(rows):
        if res.row_path[r]:
            continue
        d = nmgpolicy.evaluate("ferroalloy", record, on=FERRO_ON)
        assert res.value("excluded_units", r) == len(d.results["excluded_units"])
        assert res.value("undetermined_units", r) == len(d.results["undetermined_units"])


# ---------------------------------------------------------------------------------------------
# Generated rows: sme (bands, overrides)
# ---------------------------------------------------------------------------------------------


def _sme_rows(seed: int, n: int) -> list[dict[str, Any]]:
    rng = random.Random(seed)
    rows = []
    for _ in range(n):
        f = dict(SME_FACTS)
        f["rd_expense_share"] = rng.choice(["5%", "4.9999%", "3%", "2.9999%", "1%", "0.99%", "0"])
        f["debt_ratio"] = rng.choice(["55%", "55.0001%", "75%", "75.0001%", "0.8"])
        f["main_revenue_share"] = rng.choice(["70%", "69.99%", "60%", "55%", "50%", "49.99%"])
        f["main_revenue_y1"] = rng.choice(["2300万元", "2299.99万元", "2100万元", "2000万元"])
        f["main_revenue_y2"] = rng.choice(["2000万元", "0元", "2000.0001万元"])
        f["ip_class"] = rng.choice(["class1", "class1_own", "class2", "none", "class1_high_value"])
        if rng.random() < 0.15:
            del f[rng.choice(["rd_expense_share", "debt_ratio", "main_revenue_y2", "ip_class"])]
        rows.append(f)
    return rows


@pytest.mark.parametrize(
    "params",
    [
        {},
        {"band_lower_inclusive": False},
        {"debt_ratio_edge_2": "80%", "rd_share_points_1": "19", "total_minimum": "59"},
        {"rd_share_edge_1": "4%", "main_revenue_share_edge_2": "58%"},
    ],
)
def test_sme_innovative_columnar_equals_row_path_with_band_overrides(
    params: dict[str, Any],
) -> None:
    rows = _sme_rows(hash(tuple(sorted(params))) % 1000 + 4417, 120)
    _, bad = _compare("sme_innovative", rows, SME_ON, parameters=params, results=("total",))
    assert bad == []


# ---------------------------------------------------------------------------------------------
# Pre-parsed, Polars and Arrow inputs; codes
# ---------------------------------------------------------------------------------------------


def test_status_and_decision_codes_are_the_documented_read_only_mappings() -> None:
    assert {str(getattr(k, "value", k)): v for k, v in columnar.STATUS_CODES.items()} == {
        "met": 0,
        "not_met": 1,
        "unknown": 2,
        "review": 3,
        "not_applicable": 4,
    }
    assert {str(getattr(k, "value", k)): v for k, v in columnar.DECISION_CODES.items()} == {
        "eligible": 0,
        "ineligible": 1,
        "undetermined": 2,
    }
    with pytest.raises(TypeError):
        columnar.STATUS_CODES["met"] = 9  # type: ignore[index]


def test_status_columns_are_small_ints_and_refused_rows_are_minus_one() -> None:
    rows = [_example("cluster/eligible.json"), {"area": "1平方公里", "employees": 0}]
    cols, lists = columnar.from_records(rows)
    res = columnar.evaluate("cluster", cols, lists=lists, on=CLUSTER_ON)
    assert str(res.status.dtype) == "int8"
    assert res.status.tolist() == [0, -1]
    for fid, column in res.findings.items():
        assert str(column.dtype) == "int8", fid
        assert column[1] == -1
    assert isinstance(res.errors[1], nmgpolicy.InputError)


def test_polars_and_arrow_tables_give_the_same_answers_as_lists() -> None:
    pl = pytest.importorskip("polars")
    area = ["85平方公里", "100平方公里", "100.000001平方公里", "1平方公里"]
    staff = ["1480人", "1110人", "1109人", "1000人"]
    employees = ["18500人"] * 3 + ["0人"]
    plain = columnar.evaluate(
        "cluster", {"area": area, "rd_staff": staff, "employees": employees}, on=CLUSTER_ON
    )
    df = pl.DataFrame({"area": area, "rd_staff": staff, "employees": employees})
    for table in (df, df.to_arrow()):
        res = columnar.evaluate("cluster", table, on=CLUSTER_ON)
        for fid in ("cluster.area", "cluster.rd_staff_share"):
            assert res.statuses(fid) == plain.statuses(fid)
        assert res.decisions() == plain.decisions()
        assert res.row_path.tolist() == [False, False, False, True]
    assert plain.statuses("cluster.area")[:3] == ["met", "met", "review"]


def test_row_outside_range_is_an_input_error_at_row() -> None:
    res = columnar.evaluate("cluster", {"area": ["85平方公里"]}, on=CLUSTER_ON)
    for r in (-1, 1):
        with pytest.raises(nmgpolicy.InputError) as info:
            res.row(r)
        assert "$.row" in str(info.value)


def test_columnar_value_ignores_the_callers_decimal_context() -> None:
    rows = _ferro_rows(5517, 30)
    cols, lists = columnar.from_records(rows)
    want = columnar.evaluate("ferroalloy", cols, lists=lists, on=FERRO_ON)
    expected = [want.value("required_retirement", r) for r in range(len(rows))]
    with decimal.localcontext(decimal.Context(prec=2, rounding=decimal.ROUND_FLOOR)):
        got = columnar.evaluate("ferroalloy", cols, lists=lists, on=FERRO_ON)
        values = [got.value("required_retirement", r) for r in range(len(rows))]
    assert values == expected


def test_columnar_result_pickles_with_its_results() -> None:
    rows = _ferro_rows(6617, 20)
    cols, lists = columnar.from_records(rows)
    res = columnar.evaluate("ferroalloy", cols, lists=lists, on=FERRO_ON)
    copy_ = pickle.loads(pickle.dumps(res))
    assert copy_.decisions() == res.decisions()
    for r in range(len(rows)):
        assert copy_.row(r) == res.row(r)
        assert copy_.value("excluded_units", r) == res.value("excluded_units", r)


# ---------------------------------------------------------------------------------------------
# The vectorised unit parser
# ---------------------------------------------------------------------------------------------

_NUMBERS = [
    "0", "1", "1.5", "0.001", "１２", "1,000", "1e3", "1E-3", ".5", "5.", "-1", "+1", " 1",
    "１．５", "00012", "1_000", "٣", "12.000", "9223372036854775807", "99999999999999999999",
    "1.0000000001", "三", "0x10", "inf", "nan", "1e400", "1..2", "", "1 000",
]  # fmt: skip
_UNITS = {
    units.Kind.MONEY: ["元", "万元", "亿元", "千元", "萬元", "万 元", "圆", "RMB", "万", "美元"],
    units.Kind.MASS: ["吨", "万吨", "千克", "t", "公斤", "kg", "万 吨", "吨/年"],
    units.Kind.AREA: ["平方公里", "平方米", "km2", "km²", "公顷"],
}
_SCALE = {units.Kind.MONEY: 1, units.Kind.MASS: 1000, units.Kind.AREA: 10**6}


@pytest.mark.parametrize("kind", list(_UNITS))
def test_parse_amounts_agrees_with_the_row_parser_on_odd_texts(kind: units.Kind) -> None:
    texts = [n + u for n in _NUMBERS for u in _UNITS[kind]] + _NUMBERS
    values, ok = columnar.parse_amounts(texts, kind)
    scale = None
    for text, value, good in zip(texts, values.tolist(), ok.tolist(), strict=True):
        try:
            row = units.parse_amount(text, kind, path="$.x")
        except nmgpolicy.InputError:
            assert not good, text
            continue
        if good:
            if scale is None and row:
                scale = Decimal(value) / row
            assert scale is None or Decimal(value) == row * scale, text
        else:  # only a value finer than the scale or beyond int64 may be left to the row path
            assert row != row.to_integral_value() or abs(row) > 10**9, text


def test_parse_amounts_same_on_polars_arrow_and_lists() -> None:
    pl = pytest.importorskip("polars")
    texts = [n + u for n in _NUMBERS for u in _UNITS[units.Kind.MONEY]]
    want = columnar.parse_amounts(texts, units.Kind.MONEY)
    for column in (pl.Series(texts), pl.Series(texts).to_arrow()):
        got = columnar.parse_amounts(column, units.Kind.MONEY)
        assert got[0].tolist() == want[0].tolist()
        assert got[1].tolist() == want[1].tolist()


def test_long_text_column_uses_same_answers_as_short_one() -> None:
    # more than 2,000 values: the vectorised parser; fewer: the row parser
    area = ["100平方公里", "100.000001平方公里", "100000000平方米", "100公顷", "100"] * 420
    short = columnar.evaluate("cluster", {"area": area[:5]}, on=CLUSTER_ON)
    long = columnar.evaluate("cluster", {"area": area}, on=CLUSTER_ON)
    assert long.statuses("cluster.area")[:5] == short.statuses("cluster.area")
    assert long.row_path.tolist()[:5] == short.row_path.tolist()


# ---------------------------------------------------------------------------------------------
# The stability promise
# ---------------------------------------------------------------------------------------------


def test_public_helpers_and_constants_keep_their_names() -> None:
    from nmgpolicy.rules import cluster, ferroalloy

    assert ferroalloy.ratio("single", "30万吨") == Decimal("1.1")
    assert ferroalloy.ratio("group", "80万吨") == Decimal("1")
    assert cluster.valid_until(dt.date(2024, 2, 29)) == dt.date(2027, 2, 28)
    assert len(cluster.ATTESTATIONS) == 12
    assert {"operator", "three_year_plan", "local_pillar"} <= set(cluster.ATTESTATIONS)
    for name in ("annual_report_due", "change_filing_due", "revocation_grounds"):
        assert callable(getattr(cluster, name))
    assert callable(nmgpolicy.disclosure.deadline)


def test_ruleset_ids_and_finding_ids_are_stable() -> None:
    for rs in ("cluster", "disclosure", "ferroalloy", "first_set"):
        assert nmgpolicy.get_ruleset(rs) is not None
    d = nmgpolicy.evaluate("ferroalloy", _example("ferroalloy/compliant_plan.json"), on=FERRO_ON)
    ids = {f.id for f in d.findings}
    assert {"ferroalloy.ratio_tier", "ferroalloy.sufficient_retirement"} <= ids
    assert {"ferroalloy.unit.1#矿热炉", "ferroalloy.unit.3#精炼炉"} <= ids
    assert set(d.to_dict()) >= {"ruleset", "on", "status", "findings", "results", "overrides"}
    c = nmgpolicy.evaluate("cluster", _example("cluster/eligible.json"), on=CLUSTER_ON)
    assert {"cluster.output", "cluster.area", "cluster.rd_staff_share"} <= {
        f.id for f in c.findings
    }
    assert {"latest_year", "recent_years", "missing_years", "anchor_enterprises"} <= set(c.results)


# ---------------------------------------------------------------------------------------------
# Lazy findings
# ---------------------------------------------------------------------------------------------


def test_lazy_findings_are_written_once_from_many_threads() -> None:
    facts = _example("cluster/eligible.json")
    d = nmgpolicy.evaluate("cluster", facts, on=CLUSTER_ON)
    want = nmgpolicy.evaluate("cluster", facts, on=CLUSTER_ON).explain("zh")
    seen: list[Any] = []
    barrier = threading.Barrier(8)

    def read() -> None:
        barrier.wait()
        seen.append(tuple((id(f.message), id(f.measured)) for f in d.findings))

    threads = [threading.Thread(target=read) for _ in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert len(set(seen)) == 1  # the same objects: written once
    assert d.explain("zh") == want


def test_pickle_before_and_after_the_explanation_is_written() -> None:
    facts = _example("ferroalloy/short_plan.json")
    fresh = nmgpolicy.evaluate("ferroalloy", facts, on=FERRO_ON)
    early = pickle.loads(pickle.dumps(fresh))
    text = fresh.explain("zh")
    late = pickle.loads(pickle.dumps(fresh))
    assert early == fresh == late
    assert hash(early) == hash(fresh)
    assert early.explain("zh") == text == late.explain("zh")
    assert early.to_dict() == fresh.to_dict()


def test_callers_decimal_context_never_changes_a_row_answer() -> None:
    facts = _example("ferroalloy/compliant_plan.json")
    facts["new_capacity"][0]["capacity"] = "200000.5吨"
    plain = nmgpolicy.evaluate("ferroalloy", facts, on=FERRO_ON)
    with decimal.localcontext(decimal.Context(prec=3, rounding=decimal.ROUND_CEILING)):
        odd = nmgpolicy.evaluate("ferroalloy", facts, on=FERRO_ON)
        text = odd.explain("zh")
        data = odd.to_dict()
    assert data == plain.to_dict()
    assert text == plain.explain("zh")


def test_decision_and_findings_are_immutable_to_callers() -> None:
    d = nmgpolicy.evaluate("ferroalloy", _example("ferroalloy/compliant_plan.json"), on=FERRO_ON)
    f = d.findings[0]
    with pytest.raises((AttributeError, TypeError)):
        f.status = nmgpolicy.Status.NOT_MET  # type: ignore[misc]
    with pytest.raises((AttributeError, TypeError)):
        f.message = f.message  # type: ignore[misc]
    with pytest.raises(TypeError):
        d.results["ratio"] = Decimal(9)  # type: ignore[index]
    plain = d.to_dict()
    plain["results"]["ratio"] = "9"
    assert d.to_dict()["results"]["ratio"] != "9"


# ---------------------------------------------------------------------------------------------
# Titles, bands and scoring rows as parameters
# ---------------------------------------------------------------------------------------------


def test_sme_override_leaves_no_stale_number_in_messages() -> None:
    params = {"rd_share_points_1": "19", "group_minimum_innovation": "25", "total_minimum": "70"}
    d = nmgpolicy.evaluate("sme_innovative", SME_FACTS, on=SME_ON, parameters=params)
    rd = d.finding("sme_innovative.indicator.rd_share")
    assert "满分19分" in rd.message.zh and "20分" not in rd.message.zh
    assert "19" in rd.message.en
    group = d.finding("sme_innovative.group.innovation")
    assert "25" in group.message.zh and "20分" not in group.message.zh
    total = d.finding("sme_innovative.total")
    assert "70" in total.message.zh and "60分" not in total.message.zh
    assert d.results["indicators"]["rd_share"]["band"] == "≥5%=19"


def test_criterion_titles_spell_no_number_that_a_parameter_holds() -> None:
    """Issue 11: titles are filled from the parameters, so no override leaves a stale number.

    A title may spell an article number or a document number, never a threshold held by a
    parameter of its rule set."""
    stale = []
    for path in sorted(DATA.glob("*.toml")):
        data = tomllib.loads(path.read_text(encoding="utf-8"))
        params = data.get("parameters", {})
        values = set()
        for p in params.values():
            if isinstance(p, dict) and isinstance(p.get("value"), str):
                m = re.match(r"^(\d+(?:\.\d+)?)", p["value"])
                if m:
                    values.add(m.group(1))
        for cid, crit in data.get("criteria", {}).items():
            title = crit.get("title") if isinstance(crit, dict) else None
            if not isinstance(title, dict):
                continue
            zh = re.sub(r"\{[^}]*\}", "", title.get("zh", ""))
            for number in re.findall(r"(\d+(?:\.\d+)?)(?:万元|元|万吨|吨|年|%|分)", zh):
                if number in values:
                    stale.append((path.name, cid, number))
    assert stale == []


def test_band_edges_and_points_overridable_and_dated_override_rejected_if_breaking() -> None:
    what_if = nmgpolicy.evaluate(
        "sme_innovative", SME_FACTS, on=SME_ON, parameters={"debt_ratio_edge_2": "80%"}
    )
    assert what_if.results["indicators"]["debt_ratio"]["points"] == Decimal("5")
    assert what_if.results["indicators"]["debt_ratio"]["band"] == "55%–80%=5"
    with pytest.raises(nmgpolicy.InputError) as info:
        nmgpolicy.evaluate(
            "sme_innovative", SME_FACTS, on=SME_ON, parameters={"rd_share_points_2": "25"}
        )
    assert "$.parameters.rd_share_points_2" in str(info.value)
    cols, lists = columnar.from_records([SME_FACTS])
    with pytest.raises(nmgpolicy.InputError):
        columnar.evaluate(
            "sme_innovative", cols, lists=lists, on=SME_ON, parameters={"rd_share_points_2": "25"}
        )


def test_every_scoring_table_number_is_a_cited_parameter() -> None:
    from nmgpolicy.rules import sme_innovative

    names = {getattr(p, "name", p) for p in sme_innovative.DEFINITION.parameters()}
    for indicator in ("rd_share", "revenue_growth", "main_revenue_share"):
        for k in range(1, 5):
            assert f"{indicator}_edge_{k}" in names
        for k in range(1, 6):
            assert f"{indicator}_points_{k}" in names
    data = tomllib.loads((DATA / "sme_innovative.toml").read_text(encoding="utf-8"))
    for name in ("rd_share_edge_1", "rd_share_points_1", "debt_ratio_points_3"):
        entry = data["parameters"][name]
        assert entry.get("citation") or entry.get("article") or entry.get("source"), name


# ---------------------------------------------------------------------------------------------
# Documented commands
# ---------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "argv",
    [
        ["-m", "benchmarks", "--help"],
        ["benchmarks/run.py", "--help"],
        ["-m", "mutation", "--help"],
    ],
)
def test_documented_commands_have_help(argv: list[str]) -> None:
    out = subprocess.run(
        [sys.executable, *argv], cwd=ROOT, capture_output=True, text=True, timeout=60
    )
    assert out.returncode == 0, out.stderr
    assert "usage:" in out.stdout
    if "benchmarks" in argv[-2] or argv[-2].startswith("benchmarks"):
        options: tuple[str, ...] = ("--quick", "--full", "--baseline", "--rows", "--budget")
        options += ("--json", "--no-columnar", "--clock")
    else:
        options = ("--list", "--limit", "--equivalents", "--keep", "--rejudge")
    for option in options:
        assert option in out.stdout, option


def test_mutation_lists_criteria_and_every_rules_module() -> None:
    out = subprocess.run(
        [sys.executable, "-m", "mutation", "--list"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert out.returncode == 0, out.stderr
    listed = out.stdout
    assert "src/nmgpolicy/criteria.py" in listed
    for module in sorted((ROOT / "src" / "nmgpolicy" / "rules").glob("*.py")):
        if module.name == "__init__.py":
            continue
        assert f"src/nmgpolicy/rules/{module.name}" in listed, module.name


# ---------------------------------------------------------------------------------------------
# More generated rows: key results, long tables in any order, odd records
# ---------------------------------------------------------------------------------------------


def test_cluster_key_results_equal_the_row_path_results() -> None:
    rows = _cluster_rows(7717, 300)
    cols, lists = columnar.from_records(rows)
    res = columnar.evaluate("cluster", cols, lists=lists, on=CLUSTER_ON)
    decided = 0
    for r, record in enumerate(rows):
        if res.row_path[r]:
            continue
        decided += 1
        got = nmgpolicy.evaluate("cluster", record, on=CLUSTER_ON).results
        anchors = got.get("anchor_enterprises")
        want = {
            "latest_year": got.get("latest_year"),
            "last_recent_year": got["recent_years"][-1] if got.get("recent_years") else None,
            "missing_years": None
            if got.get("missing_years") is None
            else len(got["missing_years"]),
            "rd_staff_share": got.get("rd_staff_share"),
            "patent_density": got.get("patent_density"),
            "champions": len(anchors["champions"]) if anchors else None,
            "designated": len(anchors["designated"]) if anchors else None,
        }
        for name, value in want.items():
            assert res.value(name, r) == _plain(value), (r, name)
    assert decided > 150


@pytest.mark.parametrize("ruleset", ["cluster", "ferroalloy"])
def test_long_tables_in_any_application_order_give_the_same_answers(ruleset: str) -> None:
    rows = _cluster_rows(17, 150) if ruleset == "cluster" else _ferro_rows(17, 150)
    on = CLUSTER_ON if ruleset == "cluster" else FERRO_ON
    cols, lists = columnar.from_records(rows)
    base = columnar.evaluate(ruleset, cols, lists=lists, on=on)
    rng = random.Random(5)
    keys = [rng.random() for _ in rows]
    shuffled = {}
    for name, table in lists.items():
        app = list(table["application"])
        order = sorted(range(len(app)), key=lambda i: (keys[app[i]], i))  # items keep their order
        shuffled[name] = {k: [list(v)[i] for i in order] for k, v in table.items()}
    res = columnar.evaluate(ruleset, cols, lists=shuffled, on=on)
    assert res.decisions() == base.decisions()
    for r in range(len(rows)):
        assert res.row(r) == base.row(r)
        for name in base.results:
            assert res.value(name, r) == base.value(name, r), (r, name)


def test_cluster_odd_records_same_on_both_paths() -> None:
    cl = _example("cluster/eligible.json")
    year = cl["years"][0]
    records: list[dict[str, Any]] = [
        {},
        {"years": []},
        {"years": None},
        {"years": {}},
        {"enterprises": None},
        dict(cl, years=[]),
        dict(cl, enterprises=[{"name": "a", "designations": []}] * 2),
        dict(cl, enterprises=[{"designations": ["high_tech"]}]),
        dict(cl, attestations={}),
        dict(cl, attestations=None),
        dict(cl, attestations={"operator": None}),
        dict(cl, high_energy=None),
        dict(cl, years=[dict(year, year=None)]),
        dict(cl, years=[{"year": 2024}]),
        dict(cl, years=[*cl["years"], dict(year)]),
        dict(cl, unknown_key=1),
        dict(cl, area=None),
        dict(cl, area=85),
        dict(cl, area=True),
        dict(cl, employees=True),
        dict(cl, innovation_platforms="3"),
        dict(cl, innovation_platforms=3.0),
        dict(cl, innovation_platforms=2.5),
    ]
    res, bad = _compare("cluster", records, CLUSTER_ON, results=CLUSTER_RESULTS)
    assert bad == []
    assert res.row_path[3] and not res.row_path[1]  # {} is refused; [] is "no years"


def test_ferroalloy_odd_records_same_on_both_paths() -> None:
    fe = _example("ferroalloy/compliant_plan.json")
    u = fe["retired"][0]

    def plan(**kw: Any) -> dict[str, Any]:
        return dict(fe, **kw)

    records = [
        {},
        plan(retired=[]),
        plan(retired=None),
        plan(new_capacity=[]),
        plan(retired=[u, u]),
        plan(retired=[dict(u, id="")]),
        plan(retired=[dict(u, product="硅锰")]),
        plan(ferrosilicon_equivalents={"硅锰": "0"}),
        plan(ferrosilicon_equivalents={"硅锰": "-1"}),
        plan(ferrosilicon_equivalents={"硅锰": "1.5"}),
        plan(ferrosilicon_equivalents={"锰硅": "0.9"}),
        plan(
            retired=[dict(u, product="硅锰"), dict(u, id="b", product="高碳铬铁")],
            ferrosilicon_equivalents={"硅锰": "0.9", "高碳铬铁": "0.7"},
        ),
        plan(retired=[dict(u, approved=None)]),
        plan(retired=[dict(u, plan_year=None)]),
        plan(retired=[dict(u, transformer=None)]),
        plan(retired=[dict(u, eliminated_category_2024=True)]),
        plan(retired=[dict(u, in_region=False)]),
        plan(assessed_by_grade_a_consultant=None),
        plan(enterprise={"kind": "group"}),
        plan(retired=[dict(u, assessed="0吨", approved="0吨")]),
        plan(new_capacity=[{"product": "硅铁", "capacity": "0吨"}]),
    ]
    for params in ({}, {"elimination_plan_scope": "any_furnace"}):
        _, bad = _compare("ferroalloy", records, FERRO_ON, parameters=params, results=FERRO_RESULTS)
        assert bad == [], params


def _specialized_rows(seed: int, n: int) -> list[dict[str, Any]]:
    rng = random.Random(seed)
    base = _example("sme/specialized_score_66.json")
    rows = []
    for _ in range(n):
        f = copy.deepcopy(base)
        f["main_revenue_y1"] = rng.choice(["6000万元", "5400万元", "5940万元", "6534万元", "0元"])
        f["main_revenue_y2"] = rng.choice(["5400万元", "5000万元", "0元", "4909.0909万元"])
        f["main_revenue_y3"] = rng.choice(["5000万元", "4500万元", "0元", "5400万元"])
        f["rd_expense_y1"] = rng.choice(["500万元", "499.99万元", "100万元", "99.99万元"])
        f["rd_expense_share"] = rng.choice(["10%", "9.99%", "3%", "2.99%"])
        f["net_profit_margin"] = rng.choice(["10%", "8%", "2%", "1.99%", "-5%"])
        f["debt_ratio"] = rng.choice(["50%", "60%", "70%", "70.01%"])
        f["rd_staff_share"] = rng.choice(["20%", "10%", "5%", "4.99%"])
        f["niche_years"] = rng.choice([1, 2, 3, 4, 10, 11])
        f["characteristic_score"] = rng.choice(["10", "15", "0", "7.5", "15.5", "-1"])
        f["quality_items"] = rng.choice([[], ["own_brand"], ["own_brand", "system_certification"]])
        if rng.random() < 0.2:
            f.pop(rng.choice(["main_revenue_y3", "characteristic_score", "net_profit_margin"]))
        if rng.random() < 0.2:
            f["science_awards_3y"] = [
                {"level": rng.choice(["provincial", "national"]), "rank": rng.choice([1, 3, 4])}
            ]
        rows.append(f)
    return rows


@pytest.mark.parametrize("params", [{}, {"growth_method": "mean"}, {"band_lower_inclusive": False}])
def test_sme_specialized_columnar_equals_row_path(params: dict[str, Any]) -> None:
    rows = _specialized_rows(8817, 120)
    res, bad = _compare("sme_specialized", rows, SME_ON, parameters=params, results=("total",))
    assert bad == []
    assert not res.row_path.all()


def test_first_set_columnar_equals_row_path() -> None:
    rng = random.Random(9917)
    bases = [
        _example("first_set/eligible_complete_set.json"),
        _example("first_set/ineligible_component_below_threshold.json"),
        _example("first_set/undetermined_new_material.json"),
    ]
    values = {
        "complete_set": ["80万元/套", "79.99万元/套", "800000元/套", "80万元/台", "80万元"],
        "single_equipment": ["10万元/台", "9.9999万元/台", "100000元/台"],
        "key_component": ["2万元/吨", "1.9999万元/吨", "20元/千克", "19.99元/千克"],
        "new_material": ["1万元/吨", "0.9999万元/吨", "10元/千克"],
    }
    rows = []
    for _ in range(150):
        f = copy.deepcopy(rng.choice(bases))
        f["unit_value"] = rng.choice(values.get(f.get("category", ""), ["1万元/吨"]))
        f["completed_on"] = rng.choice(["2023-06-02", "2023-06-01", "2024-02-29", "2026-01-01"])
        applied = rng.choice(["2025-06-02", "2025-06-03", "2025-05-31", "2026-02-28", None])
        if applied is None:
            f.pop("applied_on", None)
        else:
            f["applied_on"] = applied
        rows.append(f)
    for params in ({}, {"published_on": "2024-03-01"}, {"threshold_complete_set": "79.99万元/套"}):
        _, bad = _compare("first_set", rows, dt.date(2026, 3, 2), parameters=params)
        assert bad == [], params


def test_disclosure_columnar_equals_row_path() -> None:
    from nmgpolicy import disclosure

    ids = [i.id for i in disclosure.catalog()]
    rng = random.Random(1017)
    rows = []
    for _ in range(200):
        formed = dt.date(2025, 9, 1) + dt.timedelta(days=rng.randrange(0, 200))
        f = {"item": rng.choice([*ids, "nope"]), "formed_on": formed.isoformat()}
        if rng.random() < 0.7:
            f["published_on"] = (formed + dt.timedelta(days=rng.randrange(-3, 60))).isoformat()
        rows.append(f)
    for on in (dt.date(2026, 3, 2), dt.date(2026, 12, 30)):
        _, bad = _compare("disclosure", rows, on, results=("late_days", "late_working_days"))
        assert bad == [], on


# ---------------------------------------------------------------------------------------------
# Pre-parsed columns and input errors
# ---------------------------------------------------------------------------------------------


def _plans(codes: list[int], values: Any, exponent: Any = 0, valid: Any = None) -> Any:
    np = pytest.importorskip("numpy")
    return {
        "enterprise.kind": columnar.Categories(np.array(codes, dtype=np.int8), ("single", "group")),
        "enterprise.scale_after": columnar.Scaled(values, exponent, valid),
    }


def test_pre_parsed_values_beyond_int64_go_to_the_row_path() -> None:
    np = pytest.importorskip("numpy")
    plans = _plans([0, 1, 0], np.array([2**63, 2**64 - 1, 300_000], dtype=np.uint64))
    res = columnar.evaluate("ferroalloy", plans, on=FERRO_ON)
    assert res.row_path.tolist() == [True, True, False]
    assert isinstance(res.errors[0], nmgpolicy.InputError)
    assert res.statuses("ferroalloy.ratio_tier") == [None, None, "met"]
    assert res.value("ratio", 2) == Decimal("1.1")


@pytest.mark.parametrize(
    ("values", "exponent", "ratios"),
    [
        ([30, 80, 50], 4, ["1.1", "1", "1"]),
        ([299_999_999_999, 800_000, 500_000], -6, ["1.25", "1.25", "1.25"]),
        ([3 * 10**17, 8, 5], -12, ["1.1", "1.25", "1.25"]),
    ],
)
def test_pre_parsed_exponents_are_exact(
    values: list[int], exponent: int, ratios: list[str]
) -> None:
    np = pytest.importorskip("numpy")
    plans = _plans([0, 1, 0], np.array(values, dtype=np.int64), exponent)
    res = columnar.evaluate("ferroalloy", plans, on=FERRO_ON)
    assert [res.value("ratio", r) for r in range(3)] == [Decimal(x) for x in ratios]
    for r, kind in enumerate(("single", "group", "single")):
        scale = f"{Decimal(values[r]).scaleb(exponent):f}吨"
        assert ferroalloy_ratio(kind, scale) == Decimal(ratios[r])


def ferroalloy_ratio(kind: str, scale: str) -> Decimal:
    from nmgpolicy.rules import ferroalloy

    return ferroalloy.ratio(kind, scale, on=FERRO_ON)


@pytest.mark.parametrize("exponent", [True, 1.0, "0"])
def test_exponent_must_be_a_python_int(exponent: Any) -> None:
    np = pytest.importorskip("numpy")
    plans = _plans([0], np.array([300_000]), exponent)
    with pytest.raises(nmgpolicy.InputError) as info:
        columnar.evaluate("ferroalloy", plans, on=FERRO_ON)
    assert "$.columns.enterprise.scale_after" in str(info.value) or "scale_after" in str(info.value)


@pytest.mark.parametrize(
    ("columns", "path"),
    [
        ({"area": None}, "$.columns.area"),
        ({"area": "85平方公里"}, "$.columns.area"),
        ({"area": (x for x in ["85平方公里"])}, "$.columns.area"),
        ({1: ["85平方公里"]}, "$.columns"),
        ({"area": ["85平方公里"], "employees": ["1人", "2人"]}, "$.columns.employees"),
        (None, "$.columns"),
    ],
)
def test_bad_containers_are_input_errors_at_their_path(columns: Any, path: str) -> None:
    with pytest.raises(nmgpolicy.InputError) as info:
        columnar.evaluate("cluster", columns, on=CLUSTER_ON)
    assert path in str(info.value)


def test_lazyframe_is_refused_and_masked_values_read_as_absent() -> None:
    pl = pytest.importorskip("polars")
    np = pytest.importorskip("numpy")
    with pytest.raises(nmgpolicy.InputError):
        columnar.evaluate("cluster", pl.LazyFrame({"area": ["85平方公里"]}), on=CLUSTER_ON)
    masked = np.ma.array(["85平方公里", "x"], mask=[False, True])
    res = columnar.evaluate("cluster", {"area": masked}, on=CLUSTER_ON)
    assert res.statuses("cluster.area") == ["met", "unknown"]
    assert res.row_path.tolist() == [False, False]


# ---------------------------------------------------------------------------------------------
# Lazy values: copies, evolve, every pickle protocol; lazy columnar results
# ---------------------------------------------------------------------------------------------


def test_unread_decision_survives_every_pickle_protocol_and_copies() -> None:
    import attrs

    facts = _example("ferroalloy/short_plan.json")
    ref = nmgpolicy.evaluate("ferroalloy", facts, on=FERRO_ON)
    text, data = ref.explain("zh"), ref.to_dict()
    for protocol in range(pickle.HIGHEST_PROTOCOL + 1):
        d = nmgpolicy.evaluate("ferroalloy", facts, on=FERRO_ON)
        back = pickle.loads(pickle.dumps(d, protocol=protocol))
        assert back == ref and back.explain("zh") == text and back.to_dict() == data
    for clone in (copy.copy, copy.deepcopy):
        d = nmgpolicy.evaluate("ferroalloy", facts, on=FERRO_ON)
        assert clone(d).explain("zh") == text
        assert d.explain("zh") == text
    f = nmgpolicy.evaluate("ferroalloy", facts, on=FERRO_ON).findings[1]
    g = attrs.evolve(f, status=nmgpolicy.Status.REVIEW)
    assert g.status is nmgpolicy.Status.REVIEW
    assert g.message == ref.findings[1].message and g.measured == ref.findings[1].measured


def test_columnar_lazy_results_made_once_across_threads_and_results_false() -> None:
    rows = _ferro_rows(1317, 80)
    cols, lists = columnar.from_records(rows)
    res = columnar.evaluate("ferroalloy", cols, lists=lists, on=FERRO_ON)
    seen: list[tuple[int, ...]] = []
    barrier = threading.Barrier(6)

    def read() -> None:
        barrier.wait()
        seen.append(tuple(id(res.results[k]) for k in sorted(res.results)))

    threads = [threading.Thread(target=read) for _ in range(6)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert len(set(seen)) == 1
    bare = columnar.evaluate("ferroalloy", cols, lists=lists, on=FERRO_ON, results=False)
    assert bare.decisions() == res.decisions()
    assert all(bare.row(r) == res.row(r) for r in range(len(rows)))


def test_examples_same_answers_under_hostile_decimal_contexts() -> None:
    hostile = [
        decimal.Context(
            prec=1,
            Emax=3,
            Emin=-3,
            traps=[
                decimal.Inexact,
                decimal.Rounded,
                decimal.FloatOperation,
                decimal.Overflow,
                decimal.Clamped,
            ],
        ),
        decimal.Context(prec=60, rounding=decimal.ROUND_UP),
    ]
    for index in sorted(EXAMPLES.glob("*/index.json")):
        spec = json.loads(index.read_text(encoding="utf-8"))
        for case in spec["cases"]:
            ruleset = case.get("ruleset", spec.get("ruleset"))
            facts = json.loads((index.parent / case["file"]).read_text(encoding="utf-8"))
            on = dt.date.fromisoformat(case["on"])
            want = nmgpolicy.evaluate(ruleset, facts, on=on)
            expected = (want.to_dict(), want.explain("zh"), want.explain("en"))
            cols, lists = columnar.from_records([facts])
            plain = columnar.evaluate(ruleset, cols, lists=lists, on=on)
            values = {n: plain.value(n, 0) for n in plain.results}
            for context in hostile:
                early = nmgpolicy.evaluate(ruleset, facts, on=on)  # rendered inside `context`
                late = columnar.evaluate(ruleset, cols, lists=lists, on=on)
                with decimal.localcontext(context):
                    got = (early.to_dict(), early.explain("zh"), early.explain("en"))
                    got_values = {n: late.value(n, 0) for n in late.results}
                assert got == expected, (ruleset, case["file"])
                assert got_values == values, (ruleset, case["file"])


# ---------------------------------------------------------------------------------------------
# Titles filled in messages (sme direct routes)
# ---------------------------------------------------------------------------------------------


def test_sme_direct_route_messages_follow_window_and_minimum_overrides() -> None:
    facts = _example("sme/innovative_direct_high_tech.json")
    facts.update(
        science_awards_3y=[{"level": "provincial"}],
        rd_institution_level="provincial",
        equity_financing_3y="550万元",
    )
    params = {
        "award_window_years": 2,
        "equity_financing_minimum": "600万元",
        "equity_window_years": 2,
        "incident_window_years": 2,
    }
    d = nmgpolicy.evaluate("sme_innovative", facts, on=SME_ON, parameters=params)
    award = d.finding("sme_innovative.direct.science_award")
    assert "近2年" in award.message.zh and "近3年" not in award.message.zh
    equity = d.finding("sme_innovative.direct.equity_financing")
    assert equity.status is nmgpolicy.Status.NOT_MET
    assert "600万元" in equity.message.zh and "500万" not in equity.message.zh
    route = d.finding("sme_innovative.score_or_direct").message.zh
    assert "近两年" in route and "近三年" not in route
    incident = d.finding("sme_innovative.no_major_incident").message
    assert "近2年" in incident.zh and "2 years" in incident.en


# ---------------------------------------------------------------------------------------------
# Structure, stability over history, documented tables
# ---------------------------------------------------------------------------------------------


def test_no_class_or_function_over_about_100_lines_in_rules_and_criteria() -> None:
    import ast

    src = ROOT / "src" / "nmgpolicy"
    long = []
    for path in [*sorted((src / "rules").glob("*.py")), *sorted(src.glob("criteria*.py"))]:
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef):
                length = (node.end_lineno or node.lineno) - node.lineno + 1
                if length > 110:
                    long.append((path.name, node.name, length))
    assert long == []
    for regulation in ("cluster", "ferroalloy", "first_set", "disclosure", "sme_innovative"):
        lines = (src / "rules" / f"{regulation}.py").read_text(encoding="utf-8").count("\n")
        assert lines < 700, regulation


def _git_show(rev: str, path: str) -> str | None:
    try:
        out = subprocess.run(
            ["git", "show", f"{rev}:{path}"], cwd=ROOT, capture_output=True, text=True, timeout=20
        )
    except (OSError, subprocess.SubprocessError):
        return None
    return out.stdout if out.returncode == 0 else None


PRE_REFACTOR = "f793be7"  # the revision docs/benchmarks.md compares with: before the definitions


def test_parameter_and_criterion_names_kept_since_before_the_refactor() -> None:
    for ruleset in ("cluster", "disclosure", "ferroalloy", "first_set", "sme_innovative"):
        old_text = _git_show(PRE_REFACTOR, f"src/nmgpolicy/data/{ruleset}.toml")
        if old_text is None:
            pytest.skip("no git history")
        old = tomllib.loads(old_text)
        new = tomllib.loads((DATA / f"{ruleset}.toml").read_text(encoding="utf-8"))
        assert set(old["parameters"]) <= set(new["parameters"]), ruleset
        for name, entry in old["parameters"].items():
            if isinstance(entry, dict) and "unit" in entry:
                assert new["parameters"][name].get("unit") == entry["unit"], name
        assert set(old.get("criteria", {})) <= set(new.get("criteria", {})), ruleset


def test_public_names_of_rule_modules_kept_since_before_the_refactor() -> None:
    import ast
    import importlib

    for module in ("cluster", "ferroalloy", "first_set", "disclosure"):
        old = _git_show(PRE_REFACTOR, f"src/nmgpolicy/rules/{module}.py")
        if old is None:
            pytest.skip("no git history")
        names = set()
        for node in ast.parse(old).body:
            if isinstance(node, ast.FunctionDef | ast.ClassDef):
                names.add(node.name)
            elif isinstance(node, ast.Assign):
                names.update(t.id for t in node.targets if isinstance(t, ast.Name))
            elif isinstance(node, ast.AnnAssign) and isinstance(node.target, ast.Name):
                names.add(node.target.id)
        public = {n for n in names if not n.startswith("_")}
        now = importlib.import_module(f"nmgpolicy.rules.{module}")
        assert {n for n in public if not hasattr(now, n)} == set(), module


def test_mutation_equivalents_table_matches_the_docs() -> None:
    out = subprocess.run(
        [sys.executable, "-m", "mutation", "--equivalents"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert out.returncode == 0, out.stderr
    doc = (ROOT / "docs" / "mutation.md").read_text(encoding="utf-8")
    marker = "<!-- python -m mutation --equivalents -->"
    table = []
    for line in doc[doc.index(marker) + len(marker) :].lstrip("\n").splitlines():
        if not line.startswith("|"):
            break
        table.append(line)
    assert out.stdout.strip().splitlines() == table


# ---------------------------------------------------------------------------------------------
# parse_numbers; overrides of tiers and growth; concurrency of the row path
# ---------------------------------------------------------------------------------------------

_NUMBER_TEXTS: list[object] = [
    n + s
    for n in [*_NUMBERS, "100", "0.99999", "-0"]
    for s in ["", "%", "％", "人", "万人", "千人", "个", "项", " %", "%%", "‰", "万"]
] + [0.6, 1, 0, -0.5, 1.5, True, None, 3, 10**20, 0.1 + 0.2, float("nan"), float("inf")]


def _row_number(form: str, value: object) -> Decimal:
    if form == "share":
        return units.parse_share(value, path="$")
    if form == "ratio":
        return units.parse_ratio(value, path="$")
    if form == "unsigned_ratio":
        return units.parse_ratio(value, path="$", signed=False)
    return Decimal(units.parse_count(value, path="$"))


@pytest.mark.parametrize("form", ["share", "ratio", "unsigned_ratio", "count"])
@pytest.mark.parametrize("places", [0, 4, 8])
def test_parse_numbers_agrees_with_the_row_parsers(form: str, places: int) -> None:
    values, ok = columnar.parse_numbers(_NUMBER_TEXTS, form=form, places=places)  # type: ignore[arg-type]
    for text, value, good in zip(_NUMBER_TEXTS, values.tolist(), ok.tolist(), strict=True):
        try:
            row = _row_number(form, text)
        except nmgpolicy.InputError:
            assert not good, repr(text)
            continue
        scaled = row.scaleb(places)
        if good:
            assert Decimal(value) == scaled, repr(text)
        else:  # refused only when not a whole number of the scale, or beyond int64
            assert scaled != scaled.to_integral_value() or abs(scaled) >= 2**63, repr(text)


@pytest.mark.parametrize(
    "params",
    [
        {"single_scale_lower": "35万吨"},
        {"single_scale_lower": "299999.999吨", "group_scale_upper": "79.9999999万吨"},
        {"ratio_medium": "1.123456789"},
        {"dc_furnace_max": "2999.999kVA"},
        {"elimination_plan_first_year": 2020, "elimination_plan_last_year": 2024},
        {"capacity_without_approved_figure": "both_required"},
        {"single_scale_lower": "0吨"},
    ],
)
def test_ferroalloy_tier_and_unit_overrides_equal_on_both_paths(params: dict[str, Any]) -> None:
    rows = _ferro_rows(31, 120)
    _, bad = _compare("ferroalloy", rows, FERRO_ON, parameters=params, results=FERRO_RESULTS)
    assert bad == []


@pytest.mark.parametrize(
    "params",
    [
        {"single_scale_lower": "60万吨"},
        {"ratio_large": "0"},
        {"elimination_plan_first_year": 2024},
        {"group_scale_upper": "100亿吨", "group_scale_lower": "100亿吨"},
    ],
)
def test_ferroalloy_breaking_overrides_refused_for_the_whole_call(params: dict[str, Any]) -> None:
    rows = _ferro_rows(32, 5)
    cols, lists = columnar.from_records(rows)
    with pytest.raises(nmgpolicy.InputError) as columnar_error:
        columnar.evaluate("ferroalloy", cols, lists=lists, on=FERRO_ON, parameters=params)
    with pytest.raises(nmgpolicy.InputError) as row_error:
        nmgpolicy.evaluate("ferroalloy", rows[0], on=FERRO_ON, parameters=params)
    assert str(columnar_error.value) == str(row_error.value)


def _growth_rows(seed: int, n: int) -> list[dict[str, Any]]:
    """Cluster rows whose growth and trends sit exactly on, just under and around the limits."""
    rng = random.Random(seed)
    base = _example("cluster/eligible.json")
    rows = []
    for _ in range(n):
        f = copy.deepcopy(base)
        lead = rng.choice(
            [
                [10**9, 105 * 10**7, 11025 * 10**5],  # exactly 5 % a year
                [10**9, 105 * 10**7, 11025 * 10**5 - 1],
                [10**9, 10**9, 11025 * 10**5],
                [0, 10**9, 2 * 10**9],
                [10**9, 0, 11025 * 10**5],
            ]
        )
        patents = rng.choice([[625, 675, 729], [625, 675, 728], [0, 1, 2], [100, 0, 117]])
        rd = rng.choice([[4000, 4200, 4410], [4000, 4200, 4409], [0, 0, 0]])
        carbon = rng.choice(
            [["0.92", "0.86", "0.81"], ["0.92", "0.92", "0.81"], ["0.92", None, "0.81"]]
        )
        years = sorted(f["years"], key=lambda y: y["year"])
        for y, lo, pa, r, c in zip(years, lead, patents, rd, carbon, strict=True):
            y.update(output="20亿元", sme_output="13亿元", leading_output=f"{lo}元")
            y.update(invention_patents=pa, sme_rd_expense=f"{r}万元")
            if c is None:
                y.pop("carbon_intensity")
            else:
                y["carbon_intensity"] = f"{c}吨/万元"
        if rng.random() < 0.3:
            f["years"].append(dict(years[0], year=2021))
        if rng.random() < 0.2:
            f["years"].pop(rng.randrange(len(f["years"])))
        if rng.random() < 0.2:
            f["applied_on"] = rng.choice(["2024-05-20", "2026-01-01", "2025-01-01"])
        rows.append(f)
    return rows


@pytest.mark.parametrize(
    "params",
    [
        {},
        {"growth_method": "mean"},
        {"growth_window_years": 4},
        {"recent_years": 2},
        {"recent_years": 4, "growth_window_years": 5},
        {"recent_years_anchor": "latest_given"},
        {"min_leading_growth": "5.0000001%"},
        {"patent_density_per": 1000, "min_patent_density": "7.081081"},
    ],
)
def test_cluster_growth_and_trends_at_their_limits_equal_on_both_paths(
    params: dict[str, Any],
) -> None:
    rows = _growth_rows(3, 150)
    res, bad = _compare("cluster", rows, CLUSTER_ON, parameters=params, results=CLUSTER_RESULTS)
    assert bad == []
    if not params:
        assert {"met", "not_met"} <= set(res.statuses("cluster.leading_growth"))


def test_row_path_from_many_threads_gives_the_sequential_answers() -> None:
    rows = _cluster_rows(4417, 120)
    want = []
    for record in rows:
        try:
            want.append(nmgpolicy.evaluate("cluster", record, on=CLUSTER_ON).to_dict())
        except nmgpolicy.NmgPolicyError as e:
            want.append(str(e))
    got: dict[int, list[Any]] = {}
    barrier = threading.Barrier(4)

    def work(k: int) -> None:
        barrier.wait()
        out = []
        for record in rows[k:] + rows[:k]:
            try:
                out.append(nmgpolicy.evaluate("cluster", record, on=CLUSTER_ON).to_dict())
            except nmgpolicy.NmgPolicyError as e:
                out.append(str(e))
        got[k] = out[len(rows) - k :] + out[: len(rows) - k]

    threads = [threading.Thread(target=work, args=(k,)) for k in (0, 30, 60, 90)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    for k, out in got.items():
        assert out == want, k


# ---------------------------------------------------------------------------------------------
# Whole-batch refusals and the golden corpus
# ---------------------------------------------------------------------------------------------


@pytest.mark.parametrize("on", [dt.date(2000, 1, 1), dt.date(2099, 1, 1)])
@pytest.mark.parametrize("ruleset", ["sme_innovative", "cluster", "first_set"])
def test_each_row_gets_its_own_error_outside_the_window(ruleset: str, on: dt.date) -> None:
    good = {
        "sme_innovative": SME_FACTS,
        "cluster": _example("cluster/eligible.json"),
        "first_set": _example("first_set/eligible_complete_set.json"),
    }[ruleset]
    records = [good, {"bogus": 1}]
    cols, lists = columnar.from_records(records)
    res = columnar.evaluate(ruleset, cols, lists=lists, on=on)
    for r, record in enumerate(records):
        try:
            want: object = nmgpolicy.evaluate(ruleset, record, on=on).status.value
        except nmgpolicy.NmgPolicyError as e:
            assert type(res.errors[r]) is type(e)
            assert str(res.errors[r]) == str(e)
            assert res.status[r] == -1
        else:
            assert res.decisions()[r] == want


def test_golden_corpus_size_and_counts() -> None:
    import lzma

    golden = ROOT / "tests" / "golden"
    files = sorted(golden.glob("*.jsonl.xz"))
    assert {f.name.split(".")[0] for f in files} >= {
        "cluster",
        "disclosure",
        "ferroalloy",
        "first_set",
        "sme_innovative",
        "sme_specialized",
    }
    assert sum(p.stat().st_size for p in golden.iterdir() if p.is_file()) < 5 * 2**20
    for path in files:
        with lzma.open(path, "rt", encoding="utf-8") as fh:
            header = json.loads(fh.readline())
            records = [json.loads(line) for line in fh]
        assert header["count"] >= 5000 and len(records) >= 5000, path.name
        full = sum(1 for r in records if "explain" in r or "full" in r)
        assert 100 <= full <= 1000, (path.name, full)


@pytest.mark.parametrize("kind", ["polars", "arrow"])
@pytest.mark.parametrize("ruleset", ["cluster", "ferroalloy"])
def test_polars_and_arrow_long_tables_and_columns_equal_plain_lists(
    kind: str, ruleset: str
) -> None:
    pl = pytest.importorskip("polars")
    rows = _cluster_rows(41, 120) if ruleset == "cluster" else _ferro_rows(41, 120)
    on = CLUSTER_ON if ruleset == "cluster" else FERRO_ON
    cols, lists = columnar.from_records(rows)
    # in a long table an optional fact not given reads the same as null
    plain = {
        name: {k: [None if x is columnar.ABSENT else x for x in v] for k, v in table.items()}
        for name, table in lists.items()
    }
    base = columnar.evaluate(ruleset, cols, lists=plain, on=on)
    tables = {}
    for name, table in plain.items():
        frame = pl.DataFrame(table, strict=False)
        tables[name] = frame if kind == "polars" else frame.to_arrow()
    main: dict[str, Any] = {}
    converted = 0
    for name, column in cols.items():
        values = list(column)
        if any(x is columnar.ABSENT or isinstance(x, list | dict) for x in values):
            main[name] = column
        else:
            series = pl.Series(values, strict=False)
            main[name] = series if kind == "polars" else series.to_arrow()
            converted += 1
    assert converted >= 3
    res = columnar.evaluate(ruleset, main, lists=tables, on=on)
    assert res.decisions() == base.decisions()
    assert res.row_path.tolist() == base.row_path.tolist()
    for r in range(len(rows)):
        assert res.row(r) == base.row(r)
        for name in base.results:
            assert res.value(name, r) == base.value(name, r), (r, name)


# ---------------------------------------------------------------------------------------------
# The core without the columnar extra; titles listed filled
# ---------------------------------------------------------------------------------------------

_WITHOUT_NUMPY = """
import sys
class Block:
    def find_spec(self, name, path=None, target=None):
        if name.split(".")[0] in ("numpy", "polars", "pyarrow"):
            # what Python raises for a package that is not installed (pint 0.26 catches only it)
            raise ModuleNotFoundError("No module named " + repr(name), name=name)
        return None
sys.meta_path.insert(0, Block())
import datetime as dt, json, pathlib
import nmgpolicy
n = 0
for index in sorted(pathlib.Path("examples").glob("*/index.json")):
    spec = json.loads(index.read_text(encoding="utf-8"))
    for case in spec["cases"]:
        ruleset = case.get("ruleset", spec.get("ruleset"))
        facts = json.loads((index.parent / case["file"]).read_text(encoding="utf-8"))
        d = nmgpolicy.evaluate(ruleset, facts, on=dt.date.fromisoformat(case["on"]))
        assert d.status.value == case["expect"], (ruleset, case["file"])
        d.explain("zh"); d.to_dict(); n += 1
try:
    import nmgpolicy.columnar
except ImportError:
    print("columnar needs numpy")
print("ok", n)
"""


def test_row_path_works_without_numpy_polars_or_arrow() -> None:
    out = subprocess.run(
        [sys.executable, "-c", _WITHOUT_NUMPY],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert out.returncode == 0, out.stderr
    assert "columnar needs numpy" in out.stdout
    assert re.search(r"ok \d+", out.stdout)


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_rules_listing_fills_every_title(lang: str, capsys: pytest.CaptureFixture[str]) -> None:
    from nmgpolicy.cli import main

    for ruleset in ("cluster", "first_set", "sme_innovative", "sme_specialized"):
        assert main(["rules", ruleset, "--lang", lang]) in (0, None)
        listing = capsys.readouterr().out
        assert ruleset in listing
        assert re.search(r"\{[a-z_]+[}:]", listing) is None, ruleset


def test_definitions_name_every_finding_and_only_data_file_parameters() -> None:
    import importlib

    decided: dict[str, set[str]] = {}
    for index in sorted(EXAMPLES.glob("*/index.json")):
        spec = json.loads(index.read_text(encoding="utf-8"))
        for case in spec["cases"]:
            ruleset = case.get("ruleset", spec.get("ruleset"))
            facts = json.loads((index.parent / case["file"]).read_text(encoding="utf-8"))
            d = nmgpolicy.evaluate(ruleset, facts, on=dt.date.fromisoformat(case["on"]))
            decided.setdefault(ruleset, set()).update(f.id for f in d.findings)
    for ruleset, found in decided.items():
        definition = importlib.import_module(f"nmgpolicy.rules.{ruleset}").DEFINITION
        criteria = list(definition.walk())
        ids = {c.id for c in criteria}
        many = {c.id for c in criteria if getattr(c, "many", False)}
        stray = {f for f in found if f not in ids and not any(f.startswith(m + ".") for m in many)}
        assert stray == set(), ruleset
        data = tomllib.loads((DATA / f"{ruleset}.toml").read_text(encoding="utf-8"))
        names = {getattr(p, "name", p) for p in definition.parameters()}
        assert names <= set(data["parameters"]), ruleset
        for name in names:
            assert data["parameters"][name].get("citation") or all(
                v.get("citation") for v in data["parameters"][name].get("values", [{}])
            ), name


def test_per_unit_statuses_and_counted_capacity_equal_the_row_path() -> None:
    rows = _ferro_rows(51, 150)
    cols, lists = columnar.from_records(rows)
    res = columnar.evaluate("ferroalloy", cols, lists=lists, on=FERRO_ON)
    items = res.items["ferroalloy.unit"]
    counted = items.results["counted"]
    words = {code: str(getattr(s, "value", s)) for s, code in columnar.STATUS_CODES.items()}
    checked = 0
    for r, record in enumerate(rows):
        if res.row_path[r]:
            continue
        d = nmgpolicy.evaluate("ferroalloy", record, on=FERRO_ON)
        for i in res.item_rows("ferroalloy.unit", r):
            unit = lists[items.list]["id"][i]
            assert items.application[i] == r
            want = d.results["units"].get(unit)
            given = counted.valid is None or bool(counted.valid[i])
            got = Decimal(int(counted.values[i])).scaleb(counted.exponent) if given else None
            assert got == _plain(want), (r, unit)
            assert words[int(items.status[i])] == d.finding(f"ferroalloy.unit.{unit}").status.value
            checked += 1
    assert checked > 200


def _nudged_overrides(ruleset: str, seed: int, limit: int) -> list[dict[str, Any]]:
    """One override per parameter of the data file: each number 10 % up, 10 % down, or a bit up;
    a flag flipped; an int one up or down (some are refused: both paths must then refuse)."""
    data = tomllib.loads((DATA / f"{ruleset}.toml").read_text(encoding="utf-8"))["parameters"]
    out: list[dict[str, Any]] = []
    for name, entry in data.items():
        value = entry.get("value")
        if value is None and entry.get("values"):
            value = entry["values"][-1].get("value")
        if isinstance(value, bool):
            out.append({name: not value})
        elif isinstance(value, int):
            out += [{name: value + 1}, {name: max(value - 1, 0)}]
        elif isinstance(value, str) and (m := re.match(r"^(\d+(?:\.\d+)?)(.*)$", value)):
            number, unit = Decimal(m.group(1)), m.group(2)
            for factor in (Decimal("1.1"), Decimal("0.9")):
                out.append({name: f"{number * factor}{unit}"})
            out.append({name: f"{number + Decimal('0.001')}{unit}"})
    random.Random(seed).shuffle(out)
    return out[:limit]


@pytest.mark.parametrize(
    ("ruleset", "limit"),
    [("cluster", 60), ("ferroalloy", 30), ("sme_innovative", 20), ("sme_specialized", 20)],
)
def test_nudged_overrides_equal_on_both_paths(ruleset: str, limit: int) -> None:
    rows, on = {
        "cluster": (_growth_rows(61, 30) + _cluster_rows(61, 30), CLUSTER_ON),
        "ferroalloy": (_ferro_rows(61, 50), FERRO_ON),
        "sme_innovative": (_sme_rows(61, 30), SME_ON),
        "sme_specialized": (_specialized_rows(61, 30), SME_ON),
    }[ruleset]
    cols, lists = columnar.from_records(rows)
    for params in _nudged_overrides(ruleset, 17, limit):
        try:
            nmgpolicy.evaluate(ruleset, rows[0], on=on, parameters=params)
        except nmgpolicy.InputError as e:
            if "$.parameters" in str(e):
                with pytest.raises(nmgpolicy.InputError):
                    columnar.evaluate(ruleset, cols, lists=lists, on=on, parameters=params)
                continue
        _, bad = _compare(ruleset, rows, on, parameters=params)
        assert bad == [], params


def test_helpers_ignore_the_callers_decimal_context() -> None:
    from nmgpolicy import cluster, disclosure, ferroalloy, first_set

    calls = {
        "ratio": lambda: ferroalloy.ratio("single", "30.0000001万吨"),
        "required": lambda: ferroalloy.required_retirement("single", "35万吨", "20.123457万吨"),
        "valid_until": lambda: cluster.valid_until(dt.date(2024, 2, 29)),
        "notice": lambda: first_set.public_notice(dt.date(2026, 2, 13)),
        "amount": lambda: units.parse_amount("1.23456789亿元", units.Kind.MONEY, path="$"),
        "share": lambda: units.parse_share("12.3456789%", path="$"),
        "amounts": lambda: columnar.parse_amounts(["1.23456789亿元"], units.Kind.MONEY)[0].tolist(),
        "numbers": lambda: columnar.parse_numbers(["12.3456%"], form="share", places=6)[0].tolist(),
        "deadline": lambda: disclosure.deadline("annual-budget", "2026-01-20"),
    }
    want = {k: f() for k, f in calls.items()}
    hostile = decimal.Context(
        prec=1, Emax=2, Emin=-2, traps=[decimal.Inexact, decimal.Rounded, decimal.Overflow]
    )
    for name, call in calls.items():
        with decimal.localcontext(hostile):
            got = call()
        assert got == want[name], name
    assert want["required"] == Decimal("221358.027")


def test_amounts_near_int64_decided_exactly_by_guard_or_row_path() -> None:
    np = pytest.importorskip("numpy")
    rng = random.Random(4)
    records = [copy.deepcopy(_example("cluster/eligible.json")) for _ in range(40)]
    cols, lists = columnar.from_records(records)
    n = len(lists["years"]["year"])
    big = 2**63 - 1
    choices = [big, big - 1, big // 2, 6 * 10**18, 6 * 10**18 - 1, 9 * 10**18, 1_500_000_000_000]
    out = [rng.choice(choices) for _ in range(n)]
    sme = [min(o, rng.choice([o * 6 // 10, o * 6 // 10 + 1, o * 6 // 10 - 1])) for o in out]
    lead = [min(o, rng.choice([o * 6 // 10, o * 6 // 10 + 1, o // 2])) for o in out]
    for name, values in (("output", out), ("sme_output", sme), ("leading_output", lead)):
        lists["years"][name] = columnar.Scaled(np.array(values, dtype=np.int64), -3)  # 0.001 元
    res = columnar.evaluate("cluster", cols, lists=lists, on=CLUSTER_ON)
    app = list(lists["years"]["application"])
    seen: dict[int, int] = {}
    for k, r in enumerate(app):
        year = records[r]["years"][seen.setdefault(r, 0)]
        seen[r] += 1
        for name, values in (("output", out), ("sme_output", sme), ("leading_output", lead)):
            year[name] = f"{Decimal(values[k]).scaleb(-3):f}元"
    for r, record in enumerate(records):
        d = nmgpolicy.evaluate("cluster", record, on=CLUSTER_ON)
        assert res.decisions()[r] == d.status.value
        assert {k: v for k, v in res.row(r).items() if v is not None} == {
            f.id: f.status.value for f in d.findings
        }, r
    assert {"met", "not_met"} <= set(res.statuses("cluster.sme_share"))


@pytest.mark.parametrize(
    "kw",
    [
        {"on": "2025-01-01"},
        {"on": None},
        {"on": dt.date(2025, 1, 1), "parameters": {"nope": 1}},
        {"on": dt.date(2025, 1, 1), "parameters": "x"},
    ],
)
def test_call_errors_are_the_row_paths(kw: dict[str, Any]) -> None:
    with pytest.raises(nmgpolicy.InputError) as row:
        nmgpolicy.evaluate("cluster", {"area": "1平方公里"}, **kw)
    with pytest.raises(nmgpolicy.InputError) as col:
        columnar.evaluate("cluster", {"area": ["1平方公里"]}, **kw)
    assert str(col.value) == str(row.value)
    with pytest.raises(nmgpolicy.UnknownRuleSet):
        columnar.evaluate("nope", {"area": ["1平方公里"]}, on=CLUSTER_ON)


def test_unknown_finding_id_on_a_decision_is_a_library_error() -> None:
    d = nmgpolicy.evaluate("cluster", {"area": "1平方公里"}, on=CLUSTER_ON)
    with pytest.raises(nmgpolicy.NmgPolicyError):
        d.finding("cluster.nope")


def test_unknown_names_on_a_columnar_result_are_library_errors() -> None:
    res = columnar.evaluate("cluster", {"area": ["85平方公里"]}, on=CLUSTER_ON)
    with pytest.raises(nmgpolicy.NmgPolicyError):
        res.statuses("cluster.nope")
    with pytest.raises(nmgpolicy.NmgPolicyError):
        res.value("nope", 0)


def test_columnar_calls_from_many_threads_give_the_sequential_answers() -> None:
    jobs = []
    for ruleset, rows, on in (
        ("cluster", _growth_rows(5, 50), CLUSTER_ON),
        ("ferroalloy", _ferro_rows(5, 50), FERRO_ON),
        ("sme_specialized", _specialized_rows(5, 30), SME_ON),
        ("sme_innovative", _sme_rows(5, 30), SME_ON),
    ):
        for params in [*_nudged_overrides(ruleset, 3, 3), {}]:
            jobs.append((ruleset, rows, on, params))

    def run(job: tuple[str, list[dict[str, Any]], dt.date, dict[str, Any]]) -> Any:
        ruleset, rows, on, params = job
        cols, lists = columnar.from_records(rows)
        try:
            r = columnar.evaluate(ruleset, cols, lists=lists, on=on, parameters=params)
        except nmgpolicy.InputError as e:
            return str(e)
        return (
            r.decisions(),
            [r.row(i) for i in range(len(rows))],
            [[r.value(n, i) for n in r.results] for i in range(len(rows))],
        )

    want = [run(job) for job in jobs]
    got: list[Any] = [None] * len(jobs)
    barrier = threading.Barrier(4)

    def worker(k: int) -> None:
        barrier.wait()
        for i in range(k, len(jobs), 4):
            got[i] = run(jobs[i])

    threads = [threading.Thread(target=worker, args=(k,)) for k in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert got == want
