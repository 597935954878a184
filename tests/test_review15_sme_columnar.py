"""Review of the columnar kernels of ``sme_specialized`` and ``sme_innovative`` (issue 11,
"Columnar evaluation"): the promise that for every input the columnar path gives the row
path's statuses, decision and results, sends the rows it cannot represent exactly to the row
path, lets nothing but library errors escape, and returns read-only results.

Each passing test is a promise checked; each ``xfail(strict=True)`` documents a defect found
(the reason names the input, what the row path says, what the columnar path says and where).
"""

from __future__ import annotations

import contextlib
import copy
import datetime as dt
import random
from decimal import Decimal
from typing import Any

import pytest

np = pytest.importorskip("numpy")

import nmgpolicy  # noqa: E402
from nmgpolicy import columnar  # noqa: E402
from nmgpolicy.columnar import (  # noqa: E402
    Categories,
    Flags,
    Members,
    Scaled,
    _sme,  # noqa: F401 (registers the kernels)
)
from nmgpolicy.errors import InputError, NmgPolicyError  # noqa: E402
from tests.test_columnar_equal import SPEC, _same, compare, expected, observed  # noqa: E402

S, I = "sme_specialized", "sme_innovative"  # noqa: E741
ON = dt.date(2025, 9, 1)
DROP: Any = object()


def _base(ruleset: str, index: int = 0, **changes: Any) -> dict[str, Any]:
    facts = copy.deepcopy(SPEC["rulesets"][ruleset]["bases"][index]["facts"])
    facts.update(changes)
    return {k: v for k, v in facts.items() if v is not DROP}


def _equal(ruleset: str, facts: list[dict[str, Any]], parameters: Any = None) -> int:
    """Decide ``facts`` both ways (texts through ``from_records``); assert no difference;
    the number of rows the kernels decided."""
    _counted, decided, differences = compare(ruleset, facts, ON, parameters)
    assert not differences, "\n".join(differences[:3])
    return decided


def _against(
    ruleset: str,
    columns: Any,
    facts: list[dict[str, Any]],
    lists: Any = None,
    parameters: Any = None,
) -> columnar.Result:
    """Decide ``columns`` (any form) on the columnar path and ``facts`` (the same applications
    as the row path reads them) on the row path; assert the same outcome row by row."""
    result = columnar.evaluate(ruleset, columns, on=ON, lists=lists, parameters=parameters)
    want = expected(ruleset, facts, ON, parameters, (~result.row_path).tolist())
    got = observed(result)
    wrong = [row for row, (w, g) in enumerate(zip(want, got, strict=True)) if not _same(w, g)]
    assert not wrong, [(row, want[row], got[row]) for row in wrong[:2]]
    return result


def _statuses(ruleset: str, facts: dict[str, Any], parameters: Any = None) -> dict[str, str]:
    decision = nmgpolicy.evaluate(ruleset, facts, on=ON, parameters=parameters)
    return {f.id: f.status.value for f in decision.findings}


# --------------------------------------------------------------------------------------------
# Band edges on each side, with the parameters that move them
# --------------------------------------------------------------------------------------------


def _near(edge: str, tiny: str = "0.0000000001") -> list[str]:
    """A share text on ``edge`` (a percentage) and a hair either side."""
    e, t = Decimal(edge), Decimal(tiny)
    return [f"{e:f}%", f"{e - t:f}%", f"{e + t:f}%"]


@pytest.mark.parametrize("inclusive", [True, False])
def test_every_band_edge_both_sides_specialized(inclusive: bool) -> None:
    """Each edge of ①⑦⑧⑪⑫ exactly, and 10⁻¹² below and above: fixed edges ("≥80%", "<2%",
    "≤50%", ">70%") whatever ``band_lower_inclusive``, open ones as it says."""
    rows: list[dict[str, Any]] = []
    for fact, edges in {
        "main_revenue_share": ("80", "70", "60"),
        "net_profit_margin": ("10", "8", "6", "4", "2", "0"),
        "debt_ratio": ("50", "60", "70"),
        "rd_expense_share": ("10", "8", "6", "4", "3"),
        "rd_staff_share": ("20", "10", "5"),
    }.items():
        for edge in edges:
            rows += [_base(S, **{fact: text}) for text in _near(edge)]
    for amount in (500, 400, 300, 200, 100):  # ⑪'s amounts, 1元 either side, share low
        for delta in (-1, 0, 1):
            rows.append(
                _base(S, rd_expense_y1=f"{amount * 10**4 + delta}元", rd_expense_share="1%")
            )
    params = {"band_lower_inclusive": inclusive}
    assert _equal(S, rows, params) == len(rows)
    # the text decides a fixed edge: exactly 80% scores 5 ("≥80%=5") either way
    assert _statuses(S, rows[0], params)["sme_specialized.indicator.main_revenue_share"] == "met"


@pytest.mark.parametrize("inclusive", [True, False])
def test_every_band_edge_both_sides_innovative(inclusive: bool) -> None:
    rows: list[dict[str, Any]] = []
    for fact, edges in {
        "rd_expense_share": ("5", "3", "2", "1"),
        "debt_ratio": ("55", "75"),
        "main_revenue_share": ("70", "60", "55", "50"),
    }.items():
        for edge in edges:
            rows += [_base(I, **{fact: text}) for text in _near(edge)]
    for rate in ("0.15", "0.10", "0.05", "0"):  # ③ growth on each edge, 1元 either side
        for delta in (-1, 0, 1):
            later = int(20_000_000 * (1 + Decimal(rate))) + delta
            rows.append(_base(I, main_revenue_y2="2000万元", main_revenue_y1=f"{later}元"))
    assert _equal(I, rows, {"band_lower_inclusive": inclusive}) == len(rows)


def test_edges_and_points_moved_by_parameters_at_twelve_places() -> None:
    """Overrides of edges, points and minima at the finest scale a parameter takes (12
    places), rows exactly on them and a hair off."""
    spec_rows = [
        _base(S, main_revenue_share=t, net_profit_margin=u)
        for t in _near("79.9999999999", "0.0000000001")
        for u in _near("9.9999999999", "0.0000000001")
    ]
    _equal(
        S,
        spec_rows,
        {
            "main_revenue_share_edge_1": "79.9999999999%",
            "net_profit_margin_edge_1": "9.9999999999%",
            "main_revenue_share_points_2": "2.999999999999",
            "total_minimum": "59.999999999999",
        },
    )
    inno_rows = [_base(I, rd_expense_share=t) for t in _near("4.9999999999", "0.0000000001")]
    inno_rows += [_base(I, rd_expense_share="5%", ip_class=c) for c in ("class1", "class2")]
    _equal(
        I,
        inno_rows,
        {
            "rd_share_edge_1": "4.9999999999%",
            "ip_points_class1": "10.000000000001",
            "total_minimum": "60.000000000001",
            "group_minimum_innovation": "24.999999999999",
        },
    )


def test_random_overrides_of_single_parameters_equal_the_row_path() -> None:
    """Each parameter of the two data files nudged (an edge or a point by 10⁻¹²…10⁻², an int
    by one), on rows drawn around the defaults."""
    rng = random.Random("review15")
    for ruleset in (S, I):
        data = nmgpolicy.engine.get_ruleset(ruleset).data
        names = [n for n in data.parameters if not n.startswith(("continuation", "growth_"))]
        for name in rng.sample(names, 8):
            value = data.parameters[name].values[-1].value
            kind = str(data.parameters[name].type)
            if isinstance(value, bool):
                nudged: Any = not value
            elif isinstance(value, int):
                nudged = value + 1
            elif isinstance(value, Decimal):
                moved = value + Decimal(1).scaleb(-rng.choice([2, 12]))
                if "share" in kind or "ratio" in kind:
                    nudged = f"{(moved * 100).normalize():f}%"
                elif "money" in kind:
                    nudged = f"{value + 1:f}元"
                else:
                    nudged = f"{moved.normalize():f}"
            else:
                continue
            rows = [_base(ruleset, k % 4) for k in range(8)]
            compare_rows = compare(ruleset, rows, ON, {name: nudged})
            assert not compare_rows[2], (name, nudged, compare_rows[2][:1])


# --------------------------------------------------------------------------------------------
# Growth: bases of zero, exact edges at every size, each reading
# --------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "parameters",
    [
        None,
        {"growth_method": "cagr"},
        {"growth_window_years": 1},
        {"growth_method": "cagr", "band_lower_inclusive": False},
        {"revenue_growth_edge_5": "-100%"},
    ],
)
def test_specialized_growth_edges_zero_bases_and_huge_amounts(parameters: Any) -> None:
    big = 10**17  # products beyond int64: compared in Python integers, exactly
    rows = [
        _base(
            S, main_revenue_y3="5000万元", main_revenue_y2="5500万元", main_revenue_y1="6050万元"
        ),
        _base(
            S, main_revenue_y3="5000万元", main_revenue_y2="5500万元", main_revenue_y1="60499999元"
        ),
        _base(S, main_revenue_y3="0元"),
        _base(S, main_revenue_y2="0元"),
        _base(S, main_revenue_y3="0元", main_revenue_y2="0元", main_revenue_y1="0元"),
        _base(S, main_revenue_y1="0元"),
        _base(S, main_revenue_y2=DROP),
        _base(S, main_revenue_y3=DROP),
        _base(
            S,
            main_revenue_y3=f"{big}元",
            main_revenue_y2=f"{big * 11 // 10}元",
            main_revenue_y1=f"{big * 121 // 100}元",
        ),
        _base(
            S,
            main_revenue_y3=f"{big}元",
            main_revenue_y2=f"{big * 11 // 10}元",
            main_revenue_y1=f"{big * 121 // 100 - 1}元",
        ),
        _base(
            S,
            main_revenue_y3=f"{big}元",
            main_revenue_y2=f"{big}元",
            main_revenue_y1=f"{big * 104 // 100}元",
        ),
        _base(S, main_revenue_y3="1元", main_revenue_y2=f"{big}元", main_revenue_y1="1元"),
        _base(S, main_revenue_y3="0.01元", main_revenue_y2="0.011元", main_revenue_y1="0.0121元"),
    ]
    _equal(S, rows, parameters)


def test_innovative_growth_edges_zero_base_and_huge_amounts() -> None:
    big = 8 * 10**17
    rows = [
        _base(I, main_revenue_y2=f"{big // 100 * 100}元", main_revenue_y1=f"{big // 100 * 115}元"),
        _base(
            I, main_revenue_y2=f"{big // 100 * 100}元", main_revenue_y1=f"{big // 100 * 115 - 1}元"
        ),
        _base(I, main_revenue_y2="0元"),
        _base(I, main_revenue_y2="0元", main_revenue_y1="0元"),
        _base(I, main_revenue_y1=DROP),
        _base(I, main_revenue_y2="3元", main_revenue_y1="3.45元"),
    ]
    columns, lists = columnar.from_records(rows)
    result = columnar.evaluate(I, columns, on=ON, lists=lists)
    assert result.statuses("sme_innovative.indicator.revenue_growth")[:4] == [
        "met",
        "not_met",
        "review",
        "review",
    ]
    _equal(I, rows)


# --------------------------------------------------------------------------------------------
# Direct conditions, routes, lists
# --------------------------------------------------------------------------------------------


def _awards(*items: dict[str, Any]) -> list[dict[str, Any]]:
    return list(items)


@pytest.mark.parametrize("ruleset", [S, I])
def test_awards_given_empty_absent_or_with_items(ruleset: str) -> None:
    """[] (no award: not_met), absent (unknown), null, ranks on each limit, a rank missing,
    awards of both levels, and the rows the row path refuses (a rank of 0, an unknown level,
    an award without a level while another award states one)."""
    national, provincial = {"level": "national"}, {"level": "provincial"}
    rows = [
        _base(ruleset, science_awards_3y=[]),
        _base(ruleset, science_awards_3y=DROP),
        _base(ruleset, science_awards_3y=None),
        _base(ruleset, science_awards_3y=[{**national, "rank": 5}]),
        _base(ruleset, science_awards_3y=[{**national, "rank": 6}]),
        _base(ruleset, science_awards_3y=[{**provincial, "rank": 3}]),
        _base(ruleset, science_awards_3y=[{**provincial, "rank": 4}, national]),
        _base(ruleset, science_awards_3y=[{**provincial, "rank": 4}, {**national, "rank": 1}]),
        _base(ruleset, science_awards_3y=[{**provincial, "rank": "3"}]),
        _base(ruleset, science_awards_3y=[{**national, "rank": 0}]),
        _base(ruleset, science_awards_3y=[{"level": "city", "rank": 1}]),
        _base(ruleset, science_awards_3y=[{"rank": 1}, {**national, "rank": 1}]),
    ]
    _equal(ruleset, rows)
    _equal(
        ruleset,
        rows,
        {"award_rank_national": 6, "award_rank_provincial": 1}
        if ruleset == S
        else {"award_window_years": 1},
    )


def test_specialized_direct_conditions_and_routes() -> None:
    rows = [
        _base(S, rd_expense_y1="1100万元", rd_expense_y2="900万元"),
        _base(S, rd_expense_y1="1100万元", rd_expense_y2="8999999元"),
        _base(S, rd_expense_y1="2000万元", rd_expense_y2=DROP),
        _base(S, rd_expense_y1="19999999元", rd_expense_y2=DROP),
        _base(S, rd_expense_y1=DROP, rd_expense_y2="2000万元"),
        _base(S, rd_expense_y1="999999999999999999元", rd_expense_y2="999999999999999999元"),
        _base(S, equity_financing_2y="6000万元", main_revenue_share="10%", ip_class="none"),
        _base(S, equity_financing_2y="59999999元", main_revenue_share="10%", ip_class="none"),
        _base(S, revenue_y1="9999999元", equity_financing_2y="2000万元"),
        _base(S, revenue_y1=DROP, equity_financing_2y="100万元"),
        _base(S, maker_china_top500_3y=True, characteristic_score=DROP, ip_class="none"),
        _base(S, maker_china_top500_3y=DROP, characteristic_score=DROP),
        {},
    ]
    for parameters in (None, {"rd_mean_window_years": 1}, {"rd_expense_mean_minimum": "0元"}):
        assert _equal(S, rows, parameters) == len(rows)


def test_innovative_direct_conditions_and_group_minima() -> None:
    rows = [_base(I, k) for k in range(6)]
    rows += [
        _base(I, rd_institution_level=level)
        for level in ("national", "provincial", "municipal", "below_municipal", "none")
    ]
    rows += [
        _base(I, valid_titles=[]),
        _base(I, valid_titles=DROP),
        _base(I, valid_titles=["ip_demo", "high_tech"]),
        _base(I, equity_financing_3y="500万元", debt_ratio="90%"),
        _base(I, equity_financing_3y="4999999.99元", debt_ratio="90%"),
        _base(I, debt_ratio=DROP, rd_institution_level=DROP, valid_titles=DROP),
    ]
    for parameters in (
        None,
        {"rd_institution_direct_minimum": "none"},
        {"rd_institution_direct_minimum": "national"},
        {"group_minimum_growth": "0", "total_minimum": "100"},
    ):
        _equal(I, rows, parameters)


def test_a_window_the_facts_cannot_follow_is_refused_by_both_paths() -> None:
    """``growth_window_years`` 3 and ``rd_mean_window_years`` 3: the row path refuses every
    application; so does the columnar path (the same error, for the whole batch)."""
    facts = [_base(S)]
    for name in ("growth_window_years", "rd_mean_window_years"):
        with pytest.raises(InputError, match=name):
            nmgpolicy.evaluate(S, facts[0], on=ON, parameters={name: 3})
        columns, lists = columnar.from_records(facts)
        with pytest.raises(InputError, match=name):
            columnar.evaluate(S, columns, on=ON, lists=lists, parameters={name: 3})


# --------------------------------------------------------------------------------------------
# Supplied scores, steps, items; rows for the row path in a mixed batch
# --------------------------------------------------------------------------------------------


def test_mixed_batch_rows_the_kernels_cannot_hold_go_to_the_row_path() -> None:
    """A 特色化 score finer than 10⁻¹⁵, above the maximum, negative, a code listed twice, a
    fractional 元, an amount beyond int64 — each row to the row path (which decides it or
    words its error), the other rows the kernels'; every row as the row path says."""
    rows = [
        _base(S),
        _base(S, characteristic_score="12.0000000000000001"),
        _base(S, characteristic_score="15.5"),
        _base(S, characteristic_score="-1"),
        _base(S, characteristic_score="-0"),
        _base(S, characteristic_score="1E+1"),
        _base(S, characteristic_score="0.000000000000001"),
        _base(S, quality_items=["own_brand", "own_brand"]),
        _base(S, rd_expense_y1="100.5元"),
        _base(S, main_revenue_y1="123456789012345678901234567890元"),
        _base(S, niche_years="11.5"),
        _base(S, niche_years="1.9年"),
        _base(S, niche_years=10_000),
        _base(
            S,
            quality_items=[
                "quality_award",
                "system_certification",
                "own_brand",
                "standard_setting",
            ],
        ),
    ]
    columns, lists = columnar.from_records(rows)
    result = _against(S, columns, rows, lists)
    assert not result.row_path[0] and result.row_path[1:4].all() and 7 in result.errors
    _against(S, columns, rows, lists, {"characteristic_max_points": "10", "niche_years_step": 3})


def test_results_give_the_score_its_interval_and_each_group() -> None:
    rows = [_base(S), _base(S, characteristic_score=DROP), _base(S, characteristic_score="7.25")]
    columns, lists = columnar.from_records(rows)
    result = _against(S, columns, rows, lists)
    decision = nmgpolicy.evaluate(S, rows[1], on=ON)
    assert result.value("total", 1) is None
    assert result.value("total_min", 1) == decision.results["total_range"]["min"]
    assert result.value("total_max", 1) == decision.results["total_range"]["max"]
    assert result.value("group.characteristic", 1) is None
    assert result.value("group.characteristic", 2) == Decimal("7.25")


# --------------------------------------------------------------------------------------------
# Pre-parsed columns and Polars / Arrow input
# --------------------------------------------------------------------------------------------


def test_pre_parsed_columns_decide_as_their_texts() -> None:
    """Scaled years, ratios, shares, amounts and scores; Members, Categories and Flags —
    each as the text it stands for (including values the row path refuses: an unknown label,
    a negative debt ratio, a score above the maximum)."""
    texts = [
        _base(
            S,
            niche_years="1.9",
            net_profit_margin="-5%",
            debt_ratio="50%",
            characteristic_score="7.5",
            quality_items=["own_brand"],
            ip_class="class1",
            main_revenue_y1="6050万元",
            is_sme=True,
        ),
        _base(
            S,
            niche_years=2,
            net_profit_margin="0.1",
            debt_ratio="-10%",
            characteristic_score="15",
            quality_items=["own_brand", "quality_award"],
            ip_class="class1_own",
            main_revenue_y1="60499999.99元",
            is_sme=False,
        ),
        _base(
            S,
            niche_years="11.5",
            net_profit_margin="1%",
            debt_ratio="0.7",
            characteristic_score="15.5",
            quality_items=[],
            ip_class="bogus",
            main_revenue_y1="0元",
            is_sme=DROP,
        ),
    ]
    columns, lists = columnar.from_records([_base(S) for _ in texts])
    columns = dict(columns)
    columns.update(
        niche_years=Scaled(np.array([19, 20, 115]), -1),
        net_profit_margin=Scaled(np.array([-5, 10, 1]), -2),
        debt_ratio=Scaled(np.array([50, -10, 70]), -2),
        characteristic_score=Scaled(np.array([75, 150, 155]), -1),
        quality_items=Members(np.array([0b10, 0b11, 0]), ("quality_award", "own_brand")),
        ip_class=Categories(np.array([0, 1, 2]), ("class1", "class1_own", "bogus")),
        main_revenue_y1=Scaled(np.array([6050_000_000, 6049999999, 0]), -2),
        is_sme=Flags(np.array([True, False, True]), np.array([True, True, False])),
    )
    lists = {k: v for k, v in lists.items() if k != "quality_items"}
    result = _against(S, columns, texts, lists)
    assert not result.row_path[0] and result.row_path[1] and result.row_path[2]


def test_polars_and_arrow_columns_decide_as_the_records() -> None:
    pl = pytest.importorskip("polars")
    pa = pytest.importorskip("pyarrow")
    rows = [
        _base(I, valid_titles=[], rd_expense_share="5%"),
        _base(I, valid_titles=["high_tech"], rd_expense_share="4.9999%"),
        _base(I, valid_titles=None, rd_expense_share=None, ip_class=None),
        _base(I, valid_titles=["ip_demo", "ip_advantage"], rd_expense_share="3%"),
    ]
    keys = [k for k in rows[0] if k != "science_awards_3y"]
    facts = [{k: r.get(k) for k in keys} for r in rows]
    frame = {k: [f[k] for f in facts] for k in keys}
    _against(I, pl.DataFrame(frame), facts)
    _against(I, pa.table(frame), facts)
    arrays = {k: pa.array(v) for k, v in frame.items()}
    chunked = pa.table({k: pa.chunked_array([a[:1], a[1:]]) for k, a in arrays.items()})
    _against(I, chunked, facts)
    numbers = dict(frame, rd_expense_share=[0.05, 0.049999, None, 0.03])  # float64 with a null
    facts_f = [
        dict(f, rd_expense_share=v)
        for f, v in zip(facts, [0.05, 0.049999, None, 0.03], strict=True)
    ]
    _against(I, pl.DataFrame(numbers), facts_f)


# --------------------------------------------------------------------------------------------
# Results: immutable, the same without results, the caller's columns untouched
# --------------------------------------------------------------------------------------------


def test_results_are_read_only_and_the_callers_columns_untouched() -> None:
    rows = [_base(S), _base(S, main_revenue_y3="0元"), _base(S, characteristic_score="15.5")]
    columns, lists = columnar.from_records(rows)
    columns = dict(columns)
    revenue = Scaled(np.array([6000_0000, 5400_0000, 5000_0000]) * 100, -2)
    columns["main_revenue_y2"] = revenue
    kept = revenue.values.copy()
    texts = [
        dict(r, main_revenue_y2=f"{v}万元") for r, v in zip(rows, (6000, 5400, 5000), strict=True)
    ]
    result = _against(S, columns, texts, lists)
    assert (revenue.values == kept).all() and revenue.values.flags.writeable
    assert not result.status.flags.writeable and not result.row_path.flags.writeable
    assert all(not codes.flags.writeable for codes in result.findings.values())
    for name in result.results:
        assert not result.results[name].values.flags.writeable, name
    with pytest.raises(ValueError, match="read-only"):
        result.findings["sme_specialized.total"][0] = 0
    bare = columnar.evaluate(S, columns, on=ON, lists=lists, results=False)
    assert (bare.status == result.status).all()
    assert all((bare.findings[k] == v).all() for k, v in result.findings.items())


def test_nothing_but_library_errors_escape_on_odd_inputs() -> None:
    """Odd values of every kind reach the row path's errors, never a Python error."""
    odd: list[Any] = ["abc", -1, True, [1], {"a": 1}, "1e400", "NaN", "Infinity", 1e300, ""]
    for ruleset in (S, I):
        for fact in (
            "niche_years",
            "debt_ratio",
            "net_profit_margin",
            "characteristic_score",
            "quality_items",
            "valid_titles",
            "rd_institution_level",
            "main_revenue_y1",
        ):
            rows = [_base(ruleset, **{fact: value}) for value in odd]
            try:
                columns, lists = columnar.from_records(rows)
                result = columnar.evaluate(ruleset, columns, on=ON, lists=lists)
            except NmgPolicyError:
                continue
            assert len(result.status) == len(rows)


# --------------------------------------------------------------------------------------------
# Defects
# --------------------------------------------------------------------------------------------


def test_pre_parsed_ratio_above_one_survives_the_row_path() -> None:
    texts = [_base(S, debt_ratio="120%", characteristic_score="12.0000000000000001")]
    columns, lists = columnar.from_records(texts)
    columns = dict(columns, debt_ratio=Scaled(np.array([120]), -2))
    result = columnar.evaluate(S, columns, on=ON, lists=lists)
    assert result.row_path[0]  # the score finer than 10**-15: the row path's
    want = nmgpolicy.evaluate(S, texts[0], on=ON)
    assert not result.errors, result.errors
    assert result.decisions()[0] == want.status.value


def test_decimal_column_with_a_null_reads_the_null_as_absent() -> None:
    pl = pytest.importorskip("polars")
    rows = [_base(I, debt_ratio=Decimal("0.55")), _base(I, debt_ratio=None)]
    keys = [k for k in rows[0] if k not in ("science_awards_3y", "valid_titles")]
    facts = [{k: r.get(k) for k in keys} for r in rows]
    frame = {k: [f[k] for f in facts] for k in keys}
    frame["debt_ratio"] = pl.Series([Decimal("0.55"), None], dtype=pl.Decimal(10, 4))
    _against(I, pl.DataFrame(frame), facts)


def test_decimal_years_column_with_a_null() -> None:
    pl = pytest.importorskip("polars")
    rows = [_base(S, niche_years=Decimal("2")), _base(S, niche_years=None)]
    keys = [k for k in rows[0] if k not in ("science_awards_3y", "quality_items")]
    facts = [{k: r.get(k) for k in keys} for r in rows]
    frame = {k: [f[k] for f in facts] for k in keys}
    frame["niche_years"] = pl.Series([Decimal("2"), None], dtype=pl.Decimal(10, 1))
    _against(S, pl.DataFrame(frame), facts)


def test_an_award_without_a_level_is_refused_on_the_innovative_route() -> None:
    rows = [_base(I, science_awards_3y=[{"rank": 1}]), _base(I)]
    columns, lists = columnar.from_records(rows)
    result = columnar.evaluate(I, columns, on=ON, lists=lists)
    with pytest.raises(InputError):
        nmgpolicy.evaluate(I, rows[0], on=ON)
    assert 0 in result.errors, result.decisions()


def test_members_column_beside_an_empty_long_table_is_read() -> None:
    rows = [_base(I, valid_titles=["ip_demo"]), _base(I, valid_titles=[])]
    columns, lists = columnar.from_records(rows)
    assert "valid_titles" in lists
    columns = dict(columns, valid_titles=Members(np.array([1, 0]), ("ip_demo",)))
    with contextlib.suppress(NmgPolicyError):
        _against(I, columns, rows, lists)


def test_a_float_scaled_column_is_refused_with_an_input_error() -> None:
    rows = [_base(S), _base(S)]
    columns, lists = columnar.from_records(rows)
    columns = dict(columns, niche_years=Scaled(np.array([2.0, 3.0]), 0))
    with contextlib.suppress(NmgPolicyError):
        columnar.evaluate(S, columns, on=ON, lists=lists)


@pytest.mark.parametrize(
    ("ruleset", "fact", "exponent", "text"),
    [
        (S, "rd_expense_y2", 20, "0元"),
        (S, "niche_years", 19, 0),
        (S, "characteristic_score", 19, "0"),
        (I, "rd_expense_share", 19, "0"),
        (S, "niche_years", -19, 0),
        (S, "rd_expense_y2", -25, "0元"),
    ],
)
def test_a_coarse_scale_column_of_zeros(ruleset: str, fact: str, exponent: int, text: Any) -> None:
    rows = [_base(ruleset, **{fact: text}), _base(ruleset, **{fact: text})]
    columns, lists = columnar.from_records([_base(ruleset), _base(ruleset)])
    columns = dict(columns, **{fact: Scaled(np.zeros(2, dtype=np.int64), exponent)})
    _against(ruleset, columns, rows, lists)


def test_batches_in_threads_and_pickled_results_decide_the_same() -> None:
    """Four threads deciding batches of both rule sets at once (the table of each batch is
    resolved from its own parameters), and a result pickled and read back."""
    import pickle
    from concurrent.futures import ThreadPoolExecutor

    jobs = [
        (S, None),
        (S, {"band_lower_inclusive": False}),
        (I, None),
        (I, {"total_minimum": "55"}),
        (S, {"growth_method": "cagr"}),
        (I, None),
    ]
    rows = {S: [_base(S, k % 4) for k in range(40)], I: [_base(I, k % 6) for k in range(40)]}

    def run(job: tuple[str, Any]) -> list[Any]:
        ruleset, parameters = job
        columns, lists = columnar.from_records(rows[ruleset])
        result = columnar.evaluate(ruleset, columns, on=ON, lists=lists, parameters=parameters)
        return observed(result)

    alone = [run(job) for job in jobs]
    with ThreadPoolExecutor(4) as pool:
        together = list(pool.map(run, jobs * 3))
    assert together == alone * 3
    columns, lists = columnar.from_records(rows[I])
    result = columnar.evaluate(I, columns, on=ON, lists=lists)
    assert observed(pickle.loads(pickle.dumps(result))) == observed(result)


@pytest.mark.parametrize(
    ("on", "parameters"),
    [
        (dt.date(2022, 5, 31), None),
        (dt.date(2022, 6, 1), None),
        (dt.date(2026, 3, 31), None),
        (dt.date(2026, 4, 1), None),
        (dt.date(2026, 4, 2), {"continuation_until": "2026-04-01"}),
    ],
)
def test_the_in_force_window_at_each_end(on: dt.date, parameters: Any) -> None:
    """Either side of 63号's window; 附件1's continuation after it, and its end when set."""
    for ruleset in (S, I):
        params = parameters if ruleset == I else None
        rows = [_base(ruleset, k) for k in range(3)]
        counted, _, differences = compare(ruleset, rows, on, params)
        assert counted == 3 and not differences, differences[:1]


def test_float_amounts_and_shares_are_never_compared() -> None:
    rows = [_base(I), _base(I)]
    columns, lists = columnar.from_records(rows)
    columns = dict(
        columns,
        equity_financing_3y=Scaled(np.array([4999999.5, 5e6]), 0),
        rd_expense_share=Scaled(np.array([0.05, 0.0499]), 0),
    )
    try:
        result = columnar.evaluate(I, columns, on=ON, lists=lists)
    except NmgPolicyError:
        return
    assert result.row_path.all()


def _draw(rng: random.Random, ruleset: str) -> dict[str, Any]:
    """A fact set around the bases: amounts, shares and ratios near the edges, codes, lists,
    a fact left out now and then, a value the row path refuses rarely."""

    def money() -> Any:
        return rng.choice(
            [
                f"{rng.choice([1, 99, 100, 199, 200, 500, 900, 1000, 2000, 6000])}万元",
                f"{rng.randrange(0, 10**9)}元",
                f"{rng.randrange(0, 10**6)}.0001万元",
            ]
        )

    def share(edges: tuple[int, ...], signed: bool = False) -> str:
        edge = Decimal(rng.choice(edges)) + Decimal(rng.choice(["0", "0", "0.0001", "-0.0001"]))
        return f"{-edge if signed and rng.random() < 0.2 else edge}%"

    common = {
        "is_sme": rng.choice([True, False, None]),
        "debt_ratio": share((50, 55, 60, 70, 75, 100, 120)),
        "main_revenue_share": share((50, 55, 60, 70, 80)),
        "main_revenue_y1": money(),
        "main_revenue_y2": money(),
        "ip_class": rng.choice(["class1_high_value", "class1_own", "class1", "class2", "none"]),
        "rd_expense_share": share((1, 2, 3, 4, 5, 6, 8, 10)),
        "rd_institution_level": rng.choice(["national", "provincial", "municipal", "none"]),
        "science_awards_3y": rng.choice(
            [
                [],
                [{"level": "national", "rank": rng.randrange(1, 8)}],
                [{"level": "provincial"}],
                DROP,
            ]
        ),
    }
    if ruleset == S:
        extra = {
            "niche_years": rng.choice([0, 1, 2, "1.9", "11.5", 10]),
            "rd_expense_y1": money(),
            "rd_expense_y2": money(),
            "revenue_y1": money(),
            "equity_financing_2y": money(),
            "main_revenue_y3": money(),
            "product_field": rng.choice(["gap_filling", "foundation", "other"]),
            "digital_level": rng.choice(["level3_or_above", "level2", "level1"]),
            "quality_items": rng.choice([[], ["own_brand"], ["own_brand", "quality_award"]]),
            "net_profit_margin": share((0, 2, 4, 6, 8, 10), signed=True),
            "characteristic_score": rng.choice(["0", "7.5", "15", "12.25", DROP]),
            "rd_staff_share": share((5, 10, 20)),
            "maker_china_top500_3y": rng.choice([True, False]),
        }
    else:
        extra = {
            "valid_titles": rng.choice([[], ["high_tech"], DROP]),
            "product_field": rng.choice(["strategic_emerging", "other"]),
            "equity_financing_3y": money(),
        }
    facts = {**common, **extra}
    for key in list(facts):
        if rng.random() < 0.06:
            facts[key] = DROP
    if rng.random() < 0.03:
        facts[rng.choice(list(facts))] = "abc"
    return {k: v for k, v in facts.items() if v is not DROP}


@pytest.mark.parametrize(
    ("ruleset", "parameters"),
    [
        (S, None),
        (S, {"growth_method": "cagr", "band_lower_inclusive": False}),
        (S, {"growth_window_years": 1, "rd_mean_window_years": 1}),
        (I, None),
        (I, {"band_lower_inclusive": False, "rd_institution_direct_minimum": "municipal"}),
    ],
)
def test_drawn_rows_equal_the_row_path(ruleset: str, parameters: Any) -> None:
    rng = random.Random(f"review15-{ruleset}-{parameters}")
    rows = [_draw(rng, ruleset) for _ in range(250)]
    counted, decided, differences = compare(ruleset, rows, ON, parameters)
    assert not differences, "\n".join(differences[:2])
    assert decided >= counted // 2


def test_bottom_edges_score_as_the_data_file_fixes_them() -> None:
    """Pins the reading both paths share at the bottom edges the data file marks as excluded
    ("<1%=0", ">75%=0", "<0=0", "<50%=0"): the exact value scores in the band above, whatever
    ``band_lower_inclusive`` (see the review's note on 《民法典》第一千二百五十九条: a text
    reading "1%以下" would include 1 % in the 0-point band)."""
    rows = [
        _base(I, rd_expense_share="1%"),
        _base(I, debt_ratio="75%"),
        _base(I, main_revenue_y2="2000万元", main_revenue_y1="2000万元"),
        _base(I, main_revenue_share="50%"),
    ]
    ids = ("rd_share", "debt_ratio", "revenue_growth", "main_revenue_share")
    for inclusive in (True, False):
        params = {"band_lower_inclusive": inclusive}
        _equal(I, rows, params)
        for facts, name in zip(rows, ids, strict=True):
            decision = nmgpolicy.evaluate(I, facts, on=ON, parameters=params)
            assert decision.results["indicators"][name]["points"] == 5, (name, inclusive)
