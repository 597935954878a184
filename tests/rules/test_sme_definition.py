"""Issue 11 for the 63号 rule sets: one declarative definition each, the scoring table's
numbers as parameters, titles filled from the parameters, explanations written when read.

* every band edge, every row's points, every step and cap is a parameter of the data file:
  cited by its row of the source text, overridable (an override that breaks the table is an
  InputError at ``$.parameters.<name>``), datable;
* a row whose numbers an override changed is shown as the parameters now give it, never with
  the stale numbers of its source line; titles are filled the same way (and read as before
  with the data file's own values);
* the definition lists its criteria in the order of the annex, and its parameters;
* the statuses are decided at once, the messages and the score card's results when read.
"""

from __future__ import annotations

import datetime as dt
import pickle
import threading
import tomllib
from decimal import Decimal
from importlib import resources
from typing import Any

import pytest

import nmgpolicy
from nmgpolicy.criteria_scoring import (
    RouteOrDirect,
    ScoreAtLeast,
    TableSpec,
    fill,
    placeholders,
    score_status,
)
from nmgpolicy.errors import InputError
from nmgpolicy.outcome import FrozenDict, Message, Status
from nmgpolicy.params import load_parameters, parameter_set_from_mapping
from nmgpolicy.rules import _sme_scoring as scoring
from nmgpolicy.rules import sme_innovative, sme_specialized
from tests._builders import innovative_80, sme_general, specialized_66
from tests.test_citations import quoted_verbatim

INN, SPE = "sme_innovative", "sme_specialized"
RULESETS = (INN, SPE)
ON = dt.date(2025, 9, 1)
GENERAL: dict[str, Any] = sme_general()
# Scores 80 (① 10, ② 15, ③ 20, ④ 10, ⑤ 10, ⑥ 15); no direct condition.
INN_80: dict[str, Any] = {**GENERAL, **innovative_80()}
# Scores 66; basic conditions met; no direct condition.
SPE_66: dict[str, Any] = {
    **GENERAL,
    **specialized_66(),
}
FACTS = {INN: INN_80, SPE: SPE_66}
MODULES = {INN: sme_innovative, SPE: sme_specialized}


def run(ruleset: str, facts: dict[str, Any], **params: object) -> nmgpolicy.Decision:
    return nmgpolicy.evaluate(ruleset, facts, on=ON, parameters=params or None)


def _raw(ruleset: str) -> dict[str, Any]:
    text = resources.files("nmgpolicy").joinpath("data", f"{ruleset}.toml").read_text("utf-8")
    return tomllib.loads(text)


def _row_parameters(ruleset: str) -> set[str]:
    return set(scoring.table_spec(ruleset).names) - {
        n for i in scoring.table_spec(ruleset).indicators for n in placeholders(i.title)
    }


# --------------------------------------------------------------------------------------------
# The table's numbers are parameters: cited, ranged, overridable, datable
# --------------------------------------------------------------------------------------------


@pytest.mark.parametrize("ruleset", RULESETS)
def test_every_number_of_the_table_is_a_cited_parameter(ruleset: str) -> None:
    raw = _raw(ruleset)
    names = _row_parameters(ruleset)
    assert len(names) == {INN: 39, SPE: 81}[ruleset]
    source = resources.files("nmgpolicy").joinpath("data", "sources", "gradient_2022.md")
    passage = "".join(source.read_text("utf-8").split())
    for name in names:
        spec = raw["parameters"][name]
        assert "range" in spec, name
        assert quoted_verbatim(spec["citation"]["text"], passage), name
        assert spec["description"]["zh"] and spec["description"]["en"], name
    # The table itself holds no number: rows name their parameters.
    for indicator in raw["indicators"].values():
        assert "max" not in indicator or isinstance(indicator["max"], str)
        for row in [*indicator.get("bands", []), *indicator.get("choices", [])]:
            assert isinstance(row["points"], str)
            for side in ("lower", "upper"):
                bound = row.get(side)
                values = bound.values() if isinstance(bound, dict) else [bound]
                assert all(v is None or v in names for v in values)
    for group in raw["groups"].values():
        assert "max" not in group  # the sum of its indicators' maxima


@pytest.mark.parametrize("ruleset", RULESETS)
def test_the_definition_lists_the_table_parameters(ruleset: str) -> None:
    definition = MODULES[ruleset].DEFINITION
    assert _row_parameters(ruleset) <= set(definition.parameters())
    assert [c.id for c in definition.criteria] == [
        f.id for f in run(ruleset, FACTS[ruleset]).findings
    ]
    kinds = {c.kind for c in definition.walk()}
    assert {"indicator_score", "score_at_least", "route_or_direct", "attestation"} <= kinds
    assert "custom" not in kinds


def test_an_edge_override_moves_the_band_and_shows_the_row_as_overridden() -> None:
    base = run(INN, INN_80)
    assert base.results["indicators"]["rd_share"]["points"] == 15
    assert base.results["indicators"]["rd_share"]["band"] == "3–5%=15"
    d = run(INN, INN_80, rd_share_edge_1="4%")
    assert d.overrides == {"rd_share_edge_1": Decimal("0.04")}
    entry = d.results["indicators"]["rd_share"]
    assert (entry["points"], entry["band"]) == (20, "≥4%=20")  # not the stale "≥5%=20"
    message = d.finding(f"{INN}.indicator.rd_share").message
    assert "所在档“不低于4%”" in message.zh and "at least 4%" in message.en
    assert d.results["total"] == base.results["total"] + 5
    # The row below now reads "3–4%" with its unchanged points.
    below = run(INN, {**INN_80, "rd_expense_share": "3.5%"}, rd_share_edge_1="4%")
    assert below.results["indicators"]["rd_share"]["band"] == "3%–4%=15"
    assert below.results["nearest_band_up"]["rd_share"]["band"] == "≥4%=20"


def test_a_points_override_changes_the_maximum_the_groups_and_the_title() -> None:
    d = run(INN, INN_80, product_field_points_strategic_emerging="12")
    assert d.results["indicators"]["product_field"]["points"] == 12
    assert d.results["indicators"]["product_field"]["max_points"] == 12
    assert d.results["indicators"]["product_field"]["band"] == "属于《战略性新兴产业分类》=12"
    assert d.results["groups"]["specialization"]["max_points"] == 32
    assert d.results["max_points"] == 102
    message = d.finding(f"{INN}.indicator.product_field").message.zh
    assert "得12分（满分12分）" in message
    data = load_parameters(INN)
    title = data.criteria[f"{INN}.indicator.product_field"].title
    values = {**{n: p.values[-1].value for n, p in data.parameters.items() if p.values}}
    values["product_field_points_strategic_emerging"] = Decimal(12)
    assert fill(title, values, data).zh == "⑤主导产品所属领域（12分）"


def test_a_multi_measure_edge_and_a_step_override() -> None:
    d = run(SPE, SPE_66, rd_expense_edge_3_amount="350万元")
    assert d.results["indicators"]["rd_expense"]["points"] == 6  # 350万元 now reaches "≥350万"
    steps = run(SPE, SPE_66, niche_years_step=1, niche_years_max_points="4")
    entry = steps.results["indicators"]["niche_years"]
    assert (entry["points"], entry["max_points"]) == (4, 4)  # 5 full years, capped at 4
    supplied = run(SPE, {**SPE_66, "characteristic_score": "18"}, characteristic_max_points="20")
    assert supplied.results["indicators"]["characteristic"]["points"] == 18
    with pytest.raises(InputError) as error:
        run(SPE, {**SPE_66, "characteristic_score": "18"})
    assert error.value.paths == ("$.characteristic_score",)
    with pytest.raises(InputError) as error:  # a maximum lowered below the supplied score
        run(SPE, SPE_66, characteristic_max_points="5")
    assert error.value.paths == ("$.parameters.characteristic_max_points",)
    missing = run(SPE, {**SPE_66, "characteristic_score": None}, characteristic_max_points="20")
    note = missing.finding(f"{SPE}.indicator.characteristic").message.zh
    assert "（0–20分）" in note and "15" not in note


@pytest.mark.parametrize(
    ("ruleset", "overrides", "path"),
    [
        (INN, {"rd_share_edge_1": "2%"}, "$.parameters.rd_share_edge_1"),  # below the next edge
        (INN, {"rd_share_points_2": "25"}, "$.parameters.rd_share_points_2"),  # above the best
        (INN, {"debt_ratio_edge_1": "80%"}, "$.parameters.debt_ratio_edge_1"),  # lower-is-better
        (INN, {"ip_points_class1": "16"}, "$.parameters.ip_points_class1"),  # options best first
        (SPE, {"rd_expense_edge_2_share": "11%"}, "$.parameters.rd_expense_edge_2_share"),
        (SPE, {"revenue_growth_points_6": "2"}, "$.parameters.revenue_growth_points_6"),
    ],
)
def test_an_override_that_breaks_the_table_is_refused(
    ruleset: str, overrides: dict[str, object], path: str
) -> None:
    with pytest.raises(InputError) as error:
        run(ruleset, FACTS[ruleset], **overrides)
    assert error.value.paths == (path,)


def test_row_values_are_datable() -> None:
    raw = _raw(INN)
    raw["parameters"]["rd_share_edge_1"] = {
        **{k: v for k, v in raw["parameters"]["rd_share_edge_1"].items() if k != "value"},
        "values": [
            {"value": "5%", "to": "2025-12-31"},
            {"value": "4%", "from": "2026-01-01"},
        ],
    }
    data = parameter_set_from_mapping(raw, "dated.toml")
    spec = TableSpec.load(data)
    before = spec.for_params(data.resolve(dt.date(2025, 6, 1)), dt.date(2025, 6, 1))
    after = spec.for_params(data.resolve(dt.date(2026, 6, 1)), dt.date(2026, 6, 1))
    assert before.indicator("rd_share").bands[0].edges == {"share": Decimal("0.05")}
    assert after.indicator("rd_share").bands[0].edges == {"share": Decimal("0.04")}
    # A row shows its source words only at the values they state: from 2026 the edge is 4%, so
    # the row is written from the values (never a stale "≥5%"); one table a segment.
    assert before.indicator("rd_share").bands[0].text == "≥5%=20"
    assert after.indicator("rd_share").bands[0].text == "≥4%=20"
    assert after.indicator("rd_share").bands[1].text == "3%–4%=15"
    again = spec.for_params(data.resolve(dt.date(2027, 1, 1)), dt.date(2027, 1, 1))
    assert again is after


def test_overridden_tables_are_cached_and_bounded() -> None:
    data = load_parameters(INN)
    spec = scoring.table_spec(INN)
    params = data.resolve(ON, {"rd_share_edge_1": "4%"})
    assert spec.for_params(params, ON) is spec.for_params(
        data.resolve(ON, {"rd_share_edge_1": "4%"}), ON
    )
    default = data.resolve(ON)
    assert spec.for_params(default, ON) is spec.for_params(data.resolve(dt.date(2024, 1, 1)), ON)


# --------------------------------------------------------------------------------------------
# Titles filled from the parameters
# --------------------------------------------------------------------------------------------

TITLES_AS_BEFORE = {
    f"{INN}.no_major_incident": (
        "一般条件：近三年未发生重大安全、质量、环境污染等事故（措辞未经核实）"
    ),
    f"{INN}.indicator.rd_share": "②上年度研发费用占营业收入比重（20分）",
    f"{INN}.group.growth": "成长性类指标得分不低于15分",
    f"{INN}.total": "评价得分达到60分以上",
    f"{INN}.direct.rd_institution": "直接认定：拥有经认定的省部级以上研发机构",
    f"{INN}.direct.equity_financing": (
        "直接认定：近三年新增股权融资总额（合格机构投资者的实缴额）500万元以上"
    ),
    f"{SPE}.basic.revenue": (
        "（3）上年度营业收入不低于1000万元，或近2年新增股权融资总额达到2000万元以上"
    ),
    f"{SPE}.direct.science_award": (
        "（4）直接：近三年获得省级科技奖励并在获奖单位中排名前三名，或国家级科技奖励并排名前五名"
    ),
    f"{SPE}.direct.rd_expense_mean": "（4）直接：近两年研发费用总额均值达到1000万元以上",
    f"{SPE}.indicator.revenue_growth": "②近2年主营业务收入平均增长率（10分）",
    f"{SPE}.indicator.characteristic": ("⑨特色化指标（15分，由省级主管部门确定，得分另行提供）"),
}


@pytest.mark.parametrize("ruleset", RULESETS)
def test_the_titles_read_as_before_with_the_data_files_values(ruleset: str) -> None:
    listed = {c.id: c.title for c in nmgpolicy.get_ruleset(ruleset).criteria()}
    for cid, title in TITLES_AS_BEFORE.items():
        if cid.startswith(ruleset):
            assert listed[cid].zh == title
    assert all("{" not in t.zh and "{" not in t.en for t in listed.values())
    en = listed[f"{ruleset}.total"].en
    assert "60 points or more" in en


@pytest.mark.parametrize("ruleset", RULESETS)
def test_every_placeholder_names_a_parameter(ruleset: str) -> None:
    data = load_parameters(ruleset)
    texts = [c.title for c in data.criteria.values()]
    for indicator in scoring.table_spec(ruleset).indicators:
        texts += [indicator.title] + ([indicator.note] if indicator.note else [])
    named = {n for t in texts for n in placeholders(t)}
    assert named <= set(data.parameters)
    assert len(named) >= 10


def test_an_override_fills_the_titles_the_decision_shows() -> None:
    facts = {**INN_80, "equity_financing_3y": "300万元", "ip_class": "none"}
    d = run(
        INN, facts, equity_financing_minimum="250万元", equity_window_years=1, total_minimum="90"
    )
    summary = d.finding(f"{INN}.score_or_direct").message
    assert "近一年新增股权融资总额（合格机构投资者的实缴额）250万元以上" in summary.zh
    assert "2.5 million yuan or more over the last one year" in summary.en
    equity = d.finding(f"{INN}.direct.equity_financing").message
    assert "近1年新增股权融资总额" in equity.zh and "要求不低于250万元" in equity.zh


def test_fill_writes_numbers_amounts_shares_and_choices() -> None:
    data = load_parameters(SPE)
    values = {
        "award_window_years": 2,
        "award_rank_provincial": 1,
        "rd_expense_minimum": Decimal(1_500_000),
        "rd_share_minimum": Decimal("0.045"),
        "growth_method": "cagr",
    }
    template = Message(
        "近{award_window_years:cn}年前{award_rank_provincial:cn}名{rd_expense_minimum}"
        "{rd_share_minimum}{growth_method}{no_such_parameter}",
        "{award_window_years:cn} years, first {award_rank_provincial:cn} units, "
        "{rd_expense_minimum}, {rd_share_minimum}, {growth_method}",
    )
    filled = fill(template, values, data)
    assert filled.zh == "近两年前一名150万元4.5%复合增长率{no_such_parameter}"
    assert filled.en == "two years, first one unit, 1.5 million yuan, 4.5%, compound rate"
    plain = Message("no placeholder", "none")
    assert fill(plain, values, data) is plain


# --------------------------------------------------------------------------------------------
# Decided at once, explained when read
# --------------------------------------------------------------------------------------------


@pytest.mark.parametrize("ruleset", RULESETS)
def test_findings_and_the_score_card_are_written_when_read(ruleset: str) -> None:
    d = run(ruleset, FACTS[ruleset])
    assert all(f._message is None for f in d.findings)  # statuses only, so far
    assert type(d._results) is not FrozenDict
    assert d.status.value == "eligible"
    assert d.results["total"] == {INN: 80, SPE: 66}[ruleset]
    assert all(f.message.zh for f in d.findings)
    again = pickle.loads(pickle.dumps(d))
    assert again == d and again.to_dict() == d.to_dict()


def test_explanations_render_once_from_many_threads() -> None:
    facts = {**SPE_66, "revenue_y1": "500万元", "equity_financing_2y": "2500万元"}
    d = run(SPE, facts)
    found: list[Message] = []

    def read() -> None:
        found.append(d.finding(f"{SPE}.basic.revenue").message)

    threads = [threading.Thread(target=read) for _ in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=10)
    assert len(found) == 8 and len({id(m) for m in found}) == 1
    # "A, or below it B": the message says both (a part rendered inside the parent's renderer).
    assert "营业收入低于该数额时，可看股权融资：" in found[0].zh
    assert d.finding(f"{SPE}.basic.revenue").status is Status.MET


def test_the_kinds_decide_on_plain_values() -> None:
    assert score_status(Decimal(60), Decimal(70), Decimal(60), []) is Status.MET
    assert score_status(Decimal(40), Decimal(59), Decimal(60), [Status.UNKNOWN]) is Status.NOT_MET
    assert score_status(Decimal(50), Decimal(70), Decimal(60), [Status.REVIEW]) is Status.REVIEW
    assert score_status(Decimal(50), Decimal(70), Decimal(60), [Status.UNKNOWN]) is Status.UNKNOWN
    level = sme_innovative.DIRECT[2]
    assert isinstance(level, scoring.LevelAtLeast)
    assert level.status("national", "provincial") is Status.MET
    assert level.status("municipal", "provincial") is Status.NOT_MET
    assert level.status(None, "provincial") is Status.UNKNOWN
    limits = {"national": 5, "provincial": 3}
    award = scoring.ScienceAward
    assert scoring.RankWithin.status([award("provincial", 3)], limits) is Status.MET
    assert scoring.RankWithin.status([award("provincial", 4)], limits) is Status.NOT_MET
    assert scoring.RankWithin.status([award("national", None)], limits) is Status.UNKNOWN
    assert scoring.RankWithin.status([], limits) is Status.NOT_MET
    mean = scoring.MeanAtLeast.mean
    million = Decimal(10_000_000)
    assert mean([Decimal(8), Decimal(12)], 2, million) == (Decimal(10), False)
    assert mean([2 * million, None], 2, million) == (million, True)
    assert mean([None, 2 * million - 1], 2, million) == (None, False)
    assert mean([Decimal(5), None], 1, million) == (Decimal(5), False)


def test_the_route_binds_exactly_what_the_outcome_rests_on() -> None:
    routes = sme_specialized.ROUTES
    assert isinstance(routes, RouteOrDirect)
    assert isinstance(routes.route[0], ScoreAtLeast)
    direct = run(SPE, {**SPE_66, "characteristic_score": "0", "equity_financing_2y": "7000万元"})
    bound = {f.id: f.binding for f in direct.findings}
    assert direct.results["routes"] == {
        "score": Status.NOT_MET,
        "direct": Status.MET,
        "overall": Status.MET,
    }
    assert bound[f"{SPE}.direct.equity_financing"] is True
    assert bound[f"{SPE}.total"] is False
    assert bound[f"{SPE}.direct.maker_china"] is False
    assert direct.status.value == "eligible"
