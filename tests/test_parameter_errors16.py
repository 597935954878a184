"""Refused combinations of overrides (session 16): a scoring table's rows out of order, tiers
that no longer tile, plan years that are no span.

What is pinned here (docs/robustness.md, "Parameters and overrides"):

* every refusal names both values involved and a valid example, and the example *is* valid:
  given instead of the refused value, the evaluation goes through;
* every bad row of one call is reported, every indicator's, in table order;
* a refused combination is reported in the same ``InputError`` as the facts' problems,
  parameters first; the combinations are checked only once every override is valid on its own;
* without overrides the checks across parameters do not run at all (the fast path).
"""

from __future__ import annotations

import datetime as dt
import decimal
import json
import re
from pathlib import Path
from typing import Any

import pytest

import nmgpolicy
from nmgpolicy.engine import BaseRuleSet, get_ruleset
from nmgpolicy.errors import InputError

EXAMPLES = Path(__file__).resolve().parents[1] / "examples"
SME_ON = dt.date(2025, 9, 1)
FERRO_ON = dt.date(2026, 3, 2)


def _facts(folder: str, name: str) -> dict[str, Any]:
    return json.loads((EXAMPLES / folder / name).read_text("utf-8"))


def _sme(ruleset: str) -> dict[str, Any]:
    if ruleset == "sme_innovative":
        return _facts("sme", "innovative_exactly_60_points.json")
    return _facts("sme", "specialized_score_66.json")


def _ferroalloy() -> dict[str, Any]:
    return _facts("ferroalloy", "compliant_plan.json")


def _refused(ruleset: str, facts: object, on: dt.date, overrides: dict[str, object]) -> InputError:
    with pytest.raises(InputError) as caught:
        nmgpolicy.evaluate(ruleset, facts, on=on, parameters=overrides)
    return caught.value


def _example(message: str) -> object:
    found = re.search(r'; e\.g\. ("[^"]*"|-?\d+)$', message)
    assert found is not None, message
    return json.loads(found.group(1))


REFUSED_ROWS = [
    # points rising band by band: the worse row is named (the one overridden)
    ("sme_innovative", {"rd_share_points_2": "25"}, "rd_share_points_2", "19"),
    # the better row overridden below the worse one: the better row is named
    ("sme_innovative", {"rd_share_points_1": "10"}, "rd_share_points_1", "16"),
    # equal points are refused too (bands are strict)
    ("sme_innovative", {"rd_share_points_3": "15"}, "rd_share_points_3", "14"),
    # edges crossing (a higher-is-better measure) and meeting
    ("sme_innovative", {"rd_share_edge_2": "6%"}, "rd_share_edge_2", "4%"),
    ("sme_innovative", {"rd_share_edge_2": "5%"}, "rd_share_edge_2", "4%"),
    ("sme_innovative", {"rd_share_edge_1": "1%"}, "rd_share_edge_1", "4%"),
    # a lower-is-better measure (the debt ratio): the edges rise band by band
    ("sme_innovative", {"debt_ratio_edge_1": "80%"}, "debt_ratio_edge_1", "74%"),
    ("sme_innovative", {"debt_ratio_edge_2": "50%"}, "debt_ratio_edge_2", "56%"),
    # an option above the one before it (equal is allowed: the example is the neighbour's)
    ("sme_innovative", {"ip_points_class1": "16"}, "ip_points_class1", "15"),
    ("sme_innovative", {"ip_points_class1_own": "5"}, "ip_points_class1_own", "10"),
    # a band of two measures, an amount edge
    (
        "sme_specialized",
        {"rd_expense_edge_2_amount": "2000万元"},
        "rd_expense_edge_2_amount",
        "499万元",
    ),
    ("sme_specialized", {"digital_level_points_level1": "9"}, "digital_level_points_level1", "3"),
]


@pytest.mark.parametrize(("ruleset", "overrides", "name", "example"), REFUSED_ROWS)
def test_a_refused_row_names_both_values_and_a_valid_example(
    ruleset: str, overrides: dict[str, object], name: str, example: str
) -> None:
    error = _refused(ruleset, _sme(ruleset), SME_ON, overrides)
    assert error.paths == (f"$.parameters.{name}",)
    (problem,) = error.problems
    assert f"{name} (" in problem.message  # its value ...
    assert problem.message.count(" (") >= 2  # ... and its neighbour's
    assert _example(problem.message) == example
    # the example is valid: given instead, the evaluation goes through
    fixed = {**overrides, name: example}
    decision = nmgpolicy.evaluate(ruleset, _sme(ruleset), on=SME_ON, parameters=fixed)
    assert decision.ruleset == ruleset


def test_an_example_fits_between_both_neighbours() -> None:
    """Points 1 and 2 at 15.5 (points 3 is 10): the example for points 2 lies between 10 and
    15.5, one step below its neighbour."""
    overrides = {"rd_share_points_1": "15.5", "rd_share_points_2": "15.5"}
    error = _refused("sme_innovative", _sme("sme_innovative"), SME_ON, overrides)
    assert error.paths == ("$.parameters.rd_share_points_2",)
    assert _example(error.problems[0].message) == "14.5"


def test_a_step_that_does_not_fit_gives_a_finer_one() -> None:
    """Edge 2 at 5% with edge 3 at 4.5%: "4%" would cross edge 3; a finer step fits."""
    overrides = {"rd_share_edge_2": "5%", "rd_share_edge_3": "4.5%"}
    error = _refused("sme_innovative", _sme("sme_innovative"), SME_ON, overrides)
    assert error.paths == ("$.parameters.rd_share_edge_2",)
    example = _example(error.problems[0].message)
    assert example == "4.9%"
    nmgpolicy.evaluate(
        "sme_innovative",
        _sme("sme_innovative"),
        on=SME_ON,
        parameters={**overrides, "rd_share_edge_2": example},
    )


def test_every_bad_row_of_one_call_is_reported_in_table_order() -> None:
    overrides = {
        "debt_ratio_edge_1": "80%",
        "ip_points_class1": "16",
        "rd_share_points_2": "25",
    }
    error = _refused("sme_innovative", _sme("sme_innovative"), SME_ON, overrides)
    assert error.paths == (
        "$.parameters.ip_points_class1",
        "$.parameters.rd_share_points_2",
        "$.parameters.debt_ratio_edge_1",
    )
    assert all("e.g." in p.message for p in error.problems)


def test_two_problems_of_one_indicator_are_both_reported() -> None:
    """Points and edges of one indicator out of order: two problems, two paths."""
    overrides = {"rd_share_points_2": "25", "rd_share_edge_2": "6%"}
    error = _refused("sme_innovative", _sme("sme_innovative"), SME_ON, overrides)
    assert set(error.paths) == {"$.parameters.rd_share_points_2", "$.parameters.rd_share_edge_2"}


@pytest.mark.parametrize("ruleset", ["sme_innovative", "sme_specialized"])
def test_a_bad_row_and_bad_facts_are_reported_together_parameters_first(ruleset: str) -> None:
    facts = _sme(ruleset)
    facts["rd_expense_share" if ruleset == "sme_innovative" else "is_sme"] = "abc"
    name = "rd_share_points_2" if ruleset == "sme_innovative" else "digital_level_points_level1"
    error = _refused(ruleset, facts, SME_ON, {name: "25"})
    fact = "$.rd_expense_share" if ruleset == "sme_innovative" else "$.is_sme"
    assert error.paths == (f"$.parameters.{name}", fact)


def test_a_bad_window_and_bad_facts_are_reported_together() -> None:
    facts = _sme("sme_specialized")
    facts["is_sme"] = "abc"
    error = _refused("sme_specialized", facts, SME_ON, {"growth_window_years": 3})
    assert error.paths == ("$.parameters.growth_window_years", "$.is_sme")
    assert error.problems[0].message.endswith("expected 1 or 2; e.g. 2")


def test_bad_tiers_plan_years_and_bad_facts_are_reported_together() -> None:
    facts = _ferroalloy()
    facts["enterprise"]["scale_after"] = "abc"
    overrides = {
        "group_scale_upper": "40万吨",
        "elimination_plan_first_year": 2023,
        "elimination_plan_last_year": 2021,
    }
    error = _refused("ferroalloy", facts, FERRO_ON, overrides)
    assert error.paths == (
        "$.parameters.group_scale_upper",
        "$.parameters.elimination_plan_last_year",
        "$.enterprise.scale_after",
    )
    assert all("e.g." in p.message for p in error.problems[:2])


def test_combinations_wait_for_every_override_to_be_valid_on_its_own() -> None:
    """A refused value is not known: only its own problem (and the facts') is reported."""
    facts = _sme("sme_innovative")
    facts["rd_expense_share"] = "abc"
    overrides = {"rd_share_points_1": "abc", "rd_share_points_2": "25"}
    error = _refused("sme_innovative", facts, SME_ON, overrides)
    assert error.paths == ("$.parameters.rd_share_points_1", "$.rd_expense_share")


def test_without_overrides_the_checks_across_parameters_do_not_run(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    calls: list[str] = []

    def spy(self: BaseRuleSet[Any], params: object, on: dt.date) -> tuple[()]:
        calls.append(self.id)
        return ()

    for ruleset in ("sme_innovative", "sme_specialized", "ferroalloy"):
        monkeypatch.setattr(type(get_ruleset(ruleset)), "parameter_problems", spy)
    nmgpolicy.evaluate("sme_innovative", _sme("sme_innovative"), on=SME_ON)
    nmgpolicy.evaluate("sme_specialized", _sme("sme_specialized"), on=SME_ON, parameters={})
    nmgpolicy.evaluate("ferroalloy", _ferroalloy(), on=FERRO_ON, parameters=None)
    assert calls == []
    nmgpolicy.evaluate(
        "sme_innovative", _sme("sme_innovative"), on=SME_ON, parameters={"total_minimum": 60}
    )
    assert calls == ["sme_innovative"]


def test_a_valid_override_still_decides_as_before() -> None:
    """The table checked before the facts is the one the decision uses."""
    overrides = {"rd_share_edge_1": "4%", "rd_share_points_1": "19"}
    decision = nmgpolicy.evaluate(
        "sme_innovative", _sme("sme_innovative"), on=SME_ON, parameters=overrides
    )
    assert decision.to_dict()["results"]["indicators"]["rd_share"]["band"] == "≥4%=19"


def test_the_example_does_not_depend_on_the_callers_decimal_context() -> None:
    overrides = {"rd_share_edge_2": "5%", "rd_share_edge_3": "4.5%"}
    reference = str(_refused("sme_innovative", _sme("sme_innovative"), SME_ON, overrides))
    traps = [decimal.Inexact, decimal.Rounded, decimal.InvalidOperation]
    hostile = decimal.Context(prec=2, rounding=decimal.ROUND_DOWN, traps=traps)
    with decimal.localcontext(hostile):
        shown = str(_refused("sme_innovative", _sme("sme_innovative"), SME_ON, overrides))
    assert shown == reference


def test_a_bad_cluster_window_override_is_reported_with_bad_facts() -> None:
    """cluster: a trend window that does not fit the recent years (a check across two
    parameters) is reported in the same InputError as a bad fact, parameters first."""
    import json
    from pathlib import Path

    facts = json.loads(
        (Path(__file__).resolve().parents[1] / "examples" / "cluster" / "eligible.json").read_text(
            encoding="utf-8"
        )
    )
    facts["area"] = "abc"
    with pytest.raises(InputError) as caught:
        nmgpolicy.evaluate(
            "cluster",
            facts,
            on=dt.date(2025, 6, 1),
            parameters={"recent_years": 3, "growth_window_years": 6},
        )
    assert caught.value.paths == ("$.parameters.growth_window_years", "$.area")
    assert "e.g. 3" in str(caught.value)
