"""The columnar path decides as the row path does: statuses, decisions and results, on golden
fact sets of several seeds (10,000 per rule set; ``NMGPOLICY_COLUMNAR=all`` for 50,000) and
on targeted rows (exact thresholds, unknown units, missing years, excluded units).

The helpers draw the fact sets, decide them on both paths and compare.

Each outcome is ``(decision, {finding id: status}, {result: Decimal | None}, {item finding:
[its results per item]})`` or the name of the error the row path raised; the columnar side is
read from :class:`nmgpolicy.columnar.Result` (:meth:`~nmgpolicy.columnar.Result.row`,
:meth:`~nmgpolicy.columnar.Result.value`), the row path's from the :class:`Decision` through
the rule set's columnar profile (the same names).
"""

from __future__ import annotations

import copy
import datetime as dt
import json
import os
from collections.abc import Iterable, Sequence
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest

np = pytest.importorskip("numpy")

import nmgpolicy  # noqa: E402
from nmgpolicy import columnar  # noqa: E402
from nmgpolicy.columnar._kernels import profile_of  # noqa: E402
from nmgpolicy.columnar._results import as_number  # noqa: E402
from nmgpolicy.criteria_lists import EachItem  # noqa: E402
from nmgpolicy.errors import NmgPolicyError  # noqa: E402
from tests.golden import cases  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
SPEC = json.loads((ROOT / "tests" / "golden" / "spec.json").read_text(encoding="utf-8"))

Outcome = tuple[str, dict[str, str], dict[str, Any], dict[str, list[Any]]] | str


def golden(ruleset: str, seeds: Sequence[str], count: int) -> list[dict[str, Any]]:
    """``count`` golden cases of each seed (their facts, date and parameters)."""
    spec = SPEC["rulesets"][ruleset]
    built = [cases.build(seed, ruleset, spec, i) for seed in seeds for i in range(count)]
    return [c for c in built if isinstance(c["facts"], dict)]


def batches(
    built: Iterable[dict[str, Any]], fixed: dt.date
) -> dict[tuple[dt.date, str], list[dict[str, Any]]]:
    """The cases in batches of one date and one set of parameters: without overrides at their
    own date; with overrides (a few cases each) at ``fixed``, by parameters (fewer calls)."""
    out: dict[tuple[dt.date, str], list[dict[str, Any]]] = {}
    for case in built:
        parameters = json.dumps(case["parameters"], sort_keys=True)
        on = dt.date.fromisoformat(case["on"]) if case["parameters"] is None else fixed
        out.setdefault((on, parameters), []).append(case["facts"])
    return out


def expected(
    ruleset: str,
    facts: Sequence[dict[str, Any]],
    on: dt.date,
    parameters: Any,
    results: Sequence[bool] | None = None,
) -> list[Outcome]:
    """The row path's outcome of each fact set (its results only where ``results`` says: a
    row the columnar path sent to the row path has its results from the same decision)."""
    profile = profile_of(ruleset)
    assert profile is not None
    out: list[Outcome] = []
    for row, item in enumerate(facts):
        try:
            decision = nmgpolicy.evaluate(ruleset, item, on=on, parameters=parameters)
        except NmgPolicyError as error:
            out.append(type(error).__name__)
            continue
        statuses = {f.id: f.status.value for f in decision.findings}
        if results is not None and not results[row]:
            out.append((decision.status.value, statuses, {}, {}))
            continue
        found = {k: as_number(v) for k, v in profile.from_decision(decision).items()}
        items = {
            prefix: [as_number(v) for v in profile.item_results(decision, prefix)["counted"]]
            for prefix in _item_prefixes(ruleset)
        }
        out.append((decision.status.value, statuses, found, items))
    return out


def _item_prefixes(ruleset: str) -> set[str]:
    definition = getattr(nmgpolicy.engine.get_ruleset(ruleset), "definition", None)
    if definition is None:
        return set()
    return {c.id for c in definition.criteria if c.many and isinstance(c, EachItem)}


def observed(result: columnar.Result) -> list[Outcome]:
    """The columnar outcome of each row."""
    out: list[Outcome] = []
    decisions = result.decisions()
    for row, decision in enumerate(decisions):
        if decision is None:
            out.append(type(result.errors[row]).__name__)
            continue
        values = {name: result.value(name, row) for name in result.results}
        items: dict[str, list[Any]] = {}
        for prefix, found in result.items.items():
            positions = result.item_rows(prefix, row)
            counted = found.results.get("counted")
            if counted is not None and len(positions):
                items[prefix] = [_item_value(counted, int(p)) for p in positions]
        out.append((decision, result.row(row), values, items))
    return out


def _item_value(column: columnar.Scaled, position: int) -> Decimal | None:
    if not column.mask()[position]:
        return None
    return Decimal(int(column.values[position])).scaleb(column.exponent)


def compare(
    ruleset: str, facts: Sequence[dict[str, Any]], on: dt.date, parameters: Any
) -> tuple[int, int, list[str]]:
    """Decide ``facts`` both ways: ``(rows, rows the kernels decided, differences)``."""
    columns, lists = columnar.from_records(facts)
    try:
        result = columnar.evaluate(ruleset, columns, on=on, lists=lists, parameters=parameters)
    except NmgPolicyError as error:
        # Refused for every row at once (parameters, the in-force window): so must they be.
        want = expected(ruleset, facts, on, parameters, [False] * len(facts))
        if all(w == type(error).__name__ for w in want):
            return len(facts), 0, []
        return len(facts), 0, [f"columnar refused the batch: {error}"]
    want = expected(ruleset, facts, on, parameters, (~result.row_path).tolist())
    got = observed(result)
    differences = []
    for row, (w, g) in enumerate(zip(want, got, strict=True)):
        if not _same(w, g):
            differences.append(f"{on} {parameters} row {row}: {_diff(w, g)}\n{facts[row]}")
    return len(facts), int((~result.row_path).sum()), differences


def _same(want: Outcome, got: Outcome) -> bool:
    if isinstance(want, str) or isinstance(got, str):
        return want == got
    w_decision, w_findings, w_results, w_items = want
    g_decision, g_findings, g_results, g_items = got
    if (w_decision, w_findings) != (g_decision, g_findings):
        return False
    if any(_number(w_results[k]) != _number(g_results.get(k)) for k in w_results):  # kernels
        return False
    return all(
        [_number(v) for v in w_items[k]] == [_number(v) for v in g_items.get(k, [])]
        for k in w_items
    )


def _number(value: Any) -> Any:
    return None if value is None else Decimal(value).normalize()


def _diff(want: Outcome, got: Outcome) -> str:
    if isinstance(want, str) or isinstance(got, str):
        shown = [w if isinstance(w, str) else w[0] for w in (want, got)]
        return f"row path {shown[0]}, columnar {shown[1]}"
    lines = [f"decision {want[0]} / {got[0]}"]
    for key in sorted(set(want[1]) | set(got[1])):
        if want[1].get(key) != got[1].get(key):
            lines.append(f"{key}: {want[1].get(key)} / {got[1].get(key)}")
    for key in sorted(want[2]):
        if _number(want[2][key]) != _number(got[2].get(key)):
            lines.append(f"result {key}: {want[2][key]} / {got[2].get(key)}")
    for key in sorted(want[3]):
        if want[3][key] != got[3].get(key):
            lines.append(f"items {key}: {want[3][key]} / {got[3].get(key)}")
    return "; ".join(lines)


# --------------------------------------------------------------------------------------------
# The tests
# --------------------------------------------------------------------------------------------

FULL = os.environ.get("NMGPOLICY_COLUMNAR") == "all"
SEEDS = tuple(f"columnar-{k}" for k in range(1, 6 if FULL else 3))
PER_SEED = 10_000 if FULL else 5_100
FIXED = {"cluster": dt.date(2025, 6, 1), "ferroalloy": dt.date(2026, 3, 2)}


def assert_golden_rows_equal(
    ruleset: str, seeds: Sequence[str], per_seed: int, fixed: dt.date
) -> None:
    """Golden fact sets of ``seeds`` decide alike on both paths: at least 10,000 rows, at least
    half of them decided by the kernels (overrides batched at ``fixed``)."""
    built = golden(ruleset, seeds, per_seed)
    rows = kernels = 0
    differences: list[str] = []
    for (on, parameters), facts in batches(built, fixed).items():
        counted, decided, found = compare(ruleset, facts, on, json.loads(parameters))
        rows += counted
        kernels += decided
        differences += found
    assert not differences, f"{len(differences)} rows differ:\n" + "\n".join(differences[:5])
    assert rows >= 10_000
    assert kernels >= rows // 2, f"only {kernels} of {rows} rows decided by the kernels"


@pytest.mark.parametrize("ruleset", sorted(FIXED))
def test_golden_rows_equal_the_row_path(ruleset: str) -> None:
    assert_golden_rows_equal(ruleset, SEEDS, PER_SEED, FIXED[ruleset])


def _cluster(**changes: Any) -> dict[str, Any]:
    facts = copy.deepcopy(SPEC["rulesets"]["cluster"]["bases"][0]["facts"])
    facts.update(changes)
    return facts


def _years(*rows: dict[str, Any]) -> list[dict[str, Any]]:
    base = {y["year"]: y for y in _cluster()["years"]}
    return [{**base.get(r["year"], {}), **r} for r in rows]


CLUSTER_ROWS: list[tuple[str, dict[str, Any]]] = [
    (
        "output exactly 15亿元 each year",
        _cluster(
            years=_years(
                {"year": 2022, "output": "15亿元"},
                {"year": 2023, "output": "15亿元"},
                {"year": 2024, "output": "1500000000元", "sme_output": "10亿元"},
            )
        ),
    ),
    (
        "output 1元 short in one year",
        _cluster(
            years=_years({"year": 2022, "output": "1499999999元"}, {"year": 2023}, {"year": 2024})
        ),
    ),
    (
        "SME share exactly 60%",
        _cluster(
            years=_years(
                {"year": 2022},
                {"year": 2023},
                {
                    "year": 2024,
                    "output": "20亿元",
                    "sme_output": "12亿元",
                    "leading_output": "12亿元",
                },
            )
        ),
    ),
    (
        "SME share just below 60%",
        _cluster(
            years=_years(
                {"year": 2022},
                {"year": 2023},
                {"year": 2024, "output": "20亿元", "sme_output": "1199999999元"},
            )
        ),
    ),
    (
        "leading growth exactly 5% (CAGR)",
        _cluster(
            years=_years(
                {"year": 2022, "leading_output": "10亿元"},
                {"year": 2023, "leading_output": "10.5亿元"},
                {"year": 2024, "leading_output": "11.025亿元", "output": "20亿元"},
            )
        ),
    ),
    (
        "leading growth just below 5%",
        _cluster(
            years=_years(
                {"year": 2022, "leading_output": "10亿元"},
                {"year": 2023},
                {"year": 2024, "leading_output": "1102499999元", "output": "20亿元"},
            )
        ),
    ),
    (
        "a zero base year",
        _cluster(
            years=_years(
                {
                    "year": 2022,
                    "leading_output": "0元",
                    "sme_rd_expense": "0元",
                    "invention_patents": 0,
                },
                {"year": 2023},
                {"year": 2024},
            )
        ),
    ),
    ("a missing year", _cluster(years=_years({"year": 2023}, {"year": 2024}))),
    ("no years at all", _cluster(years=[])),
    (
        "years outside the window only",
        _cluster(
            years=_years({"year": 2019, "output": "20亿元"}, {"year": 2020, "output": "20亿元"})
        ),
    ),
    ("a year given twice", _cluster(years=_years({"year": 2023}, {"year": 2023}, {"year": 2024}))),
    (
        "carbon not falling across a gap",
        _cluster(
            years=_years(
                {"year": 2022, "carbon_intensity": "0.8吨/万元"},
                {"year": 2024, "carbon_intensity": "0.8吨/万元"},
            )
        ),
    ),
    ("an unknown unit", _cluster(area="85英亩")),
    (
        "money in a foreign currency",
        _cluster(
            years=_years({"year": 2022, "output": "15亿美元"}, {"year": 2023}, {"year": 2024})
        ),
    ),
    ("area exactly 100 km²", _cluster(area="100平方公里")),
    ("area 1 m² over", _cluster(area="100000001平方米")),
    (
        "a fraction of a 元",
        _cluster(
            years=_years({"year": 2022, "output": "1500000000.5元"}, {"year": 2023}, {"year": 2024})
        ),
    ),
    ("patent density exactly 5 per 10,000", _cluster(employees="262000人")),
    ("R&D staff share exactly at the threshold", _cluster(rd_staff="1110人", employees="18500人")),
    ("no employees", _cluster(employees=0)),
    ("more R&D staff than employees", _cluster(rd_staff="20000人")),
    (
        "an enterprise named twice",
        _cluster(
            enterprises=[
                {"name": "甲公司", "designations": ["little_giant"]},
                {"name": "甲 公司", "designations": ["high_tech"]},
            ]
        ),
    ),
    ("no anchor enterprise", _cluster(enterprises=[{"name": "甲公司", "designations": []}])),
    ("not a high-energy cluster", _cluster(high_energy=False)),
    ("high-energy not stated", {k: v for k, v in _cluster().items() if k != "high_energy"}),
    ("no application date", {k: v for k, v in _cluster().items() if k != "applied_on"}),
    ("an unknown key", _cluster(colour="blue")),
    ("years as an object", _cluster(years={})),
]


def _plan(**changes: Any) -> dict[str, Any]:
    facts = copy.deepcopy(SPEC["rulesets"]["ferroalloy"]["bases"][0]["facts"])
    facts.update(changes)
    return facts


def _units(*changes: dict[str, Any]) -> list[dict[str, Any]]:
    units = _plan()["retired"]
    return [{**units[k % len(units)], **c} for k, c in enumerate(changes)]


FERROALLOY_ROWS: list[tuple[str, dict[str, Any]]] = [
    (
        "scale exactly at the lower edge",
        _plan(enterprise={"kind": "single", "scale_after": "30万吨"}),
    ),
    (
        "scale 1 kg below the edge",
        _plan(enterprise={"kind": "single", "scale_after": "299999.999吨"}),
    ),
    ("a group at its upper edge", _plan(enterprise={"kind": "group", "scale_after": "80万吨"})),
    ("DC furnace exactly at 3000 kVA", _plan(retired=_units({}, {}, {"transformer": "3000kVA"}))),
    ("DC furnace 1 VA above", _plan(retired=_units({}, {}, {"transformer": "3000001VA"}))),
    ("DC furnace without a transformer", _plan(retired=_units({}, {}, {"transformer": None}))),
    ("a plan year outside 2021–2023", _plan(retired=_units({"plan_year": 2020}))),
    ("an excluded unit (outside the region)", _plan(retired=_units({"in_region": False}))),
    ("an undetermined unit with a bound", _plan(retired=_units({"source": None}))),
    (
        "an undetermined unit without a bound",
        _plan(retired=_units({"source": None, "assessed": None, "approved": None})),
    ),
    (
        "retirement exactly sufficient",
        _plan(
            new_capacity=[{"product": "硅铁", "capacity": "20万吨"}],
            retired=_units({"assessed": "22万吨", "approved": None}),
        ),
    ),
    (
        "retirement 1 kg short",
        _plan(
            new_capacity=[{"product": "硅铁", "capacity": "20万吨"}],
            retired=_units({"assessed": "219999.999吨", "approved": None}),
        ),
    ),
    ("an unknown unit of mass", _plan(new_capacity=[{"product": "硅铁", "capacity": "20万桶"}])),
    ("no retired units", _plan(retired=[])),
    ("no new capacity lines", _plan(new_capacity=[])),
    ("a unit id given twice", _plan(retired=_units({"id": "1#"}, {"id": " 1# "}))),
    (
        "cross-variety without factors",
        _plan(new_capacity=[{"product": "硅锰", "capacity": "10万吨"}]),
    ),
    (
        "cross-variety with factors",
        _plan(
            new_capacity=[{"product": "硅锰", "capacity": "10万吨"}],
            ferrosilicon_equivalents={"硅锰": "0.9"},
        ),
    ),
    (
        "a factor of 0",
        _plan(
            new_capacity=[{"product": "硅锰", "capacity": "10万吨"}],
            ferrosilicon_equivalents={"硅锰": "0"},
        ),
    ),
    ("one product, with a factor of the base", _plan(ferrosilicon_equivalents={"硅铁合金": "1"})),
    ("no enterprise kind", _plan(enterprise={"scale_after": "35万吨"})),
    ("the enterprise as null", _plan(enterprise=None)),
    ("both figures required", _plan(retired=_units({"approved": None}))),
]


@pytest.mark.parametrize(
    ("ruleset", "rows", "parameters"),
    [
        ("cluster", CLUSTER_ROWS, None),
        ("cluster", CLUSTER_ROWS, {"growth_method": "mean"}),
        ("cluster", CLUSTER_ROWS, {"recent_years_anchor": "latest_given"}),
        ("cluster", CLUSTER_ROWS, {"growth_window_years": 4}),
        ("ferroalloy", FERROALLOY_ROWS, None),
        ("ferroalloy", FERROALLOY_ROWS, {"capacity_without_approved_figure": "both_required"}),
        ("ferroalloy", FERROALLOY_ROWS, {"elimination_plan_scope": "any_furnace"}),
    ],
)
def test_targeted_rows_equal_the_row_path(
    ruleset: str, rows: list[tuple[str, dict[str, Any]]], parameters: Any
) -> None:
    facts = [f for _, f in rows]
    counted, decided, differences = compare(ruleset, facts, FIXED[ruleset], parameters)
    named = [f"{rows[int(d.split(' row ')[1].split(':')[0])][0]}: {d}" for d in differences]
    assert not differences, "\n".join(named)
    assert decided >= counted // 2


AIMS: dict[str, tuple[str, str]] = {
    "output exactly 15亿元 each year": ("cluster.output", "met"),
    "output 1元 short in one year": ("cluster.output", "not_met"),
    "SME share exactly 60%": ("cluster.sme_share", "met"),
    "SME share just below 60%": ("cluster.sme_share", "not_met"),
    "leading growth exactly 5% (CAGR)": ("cluster.leading_growth", "met"),
    "leading growth just below 5%": ("cluster.leading_growth", "not_met"),
    "a zero base year": ("cluster.leading_growth", "review"),
    "carbon not falling across a gap": ("cluster.carbon_intensity", "not_met"),
    "area exactly 100 km²": ("cluster.area", "met"),
    "area 1 m² over": ("cluster.area", "review"),
    "patent density exactly 5 per 10,000": ("cluster.patent_density", "met"),
    "R&D staff share exactly at the threshold": ("cluster.rd_staff_share", "met"),
    "scale exactly at the lower edge": ("ferroalloy.ratio_tier", "met"),
    "DC furnace exactly at 3000 kVA": ("ferroalloy.unit.3#精炼炉", "not_met"),
    "DC furnace 1 VA above": ("ferroalloy.unit.3#精炼炉", "met"),
    "DC furnace without a transformer": ("ferroalloy.unit.3#精炼炉", "unknown"),
    "a plan year outside 2021–2023": ("ferroalloy.unit.1#矿热炉", "not_met"),
    "retirement exactly sufficient": ("ferroalloy.sufficient_retirement", "met"),
    "retirement 1 kg short": ("ferroalloy.sufficient_retirement", "not_met"),
    "an undetermined unit without a bound": ("ferroalloy.sufficient_retirement", "unknown"),
    "cross-variety with factors": ("ferroalloy.conversion", "met"),
    "cross-variety without factors": ("ferroalloy.conversion", "unknown"),
}
"""What some targeted rows are for: the finding they put at its edge, and its status there."""


def test_targeted_rows_hit_their_edges() -> None:
    rows = {name: ("cluster", f) for name, f in CLUSTER_ROWS}
    rows.update({name: ("ferroalloy", f) for name, f in FERROALLOY_ROWS})
    for name, (finding_id, status) in AIMS.items():
        ruleset, facts = rows[name]
        decision = nmgpolicy.evaluate(ruleset, facts, on=FIXED[ruleset])
        found = {f.id: f.status.value for f in decision.findings}
        assert found.get(finding_id) == status, name
