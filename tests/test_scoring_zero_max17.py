"""An indicator whose maximum is overridden to 0 (its range allows it) and whose fact is missing:
its points are the interval 0–0, so determined (0) while the fact is still missing. The
explanation says so; it raised an ``AssertionError`` (the text took "points determined" for
"the fact given")."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

import pytest

import nmgpolicy

FACTS: dict[str, Any] = json.loads(
    (Path(__file__).resolve().parents[1] / "examples/sme/specialized_score_66.json").read_text(
        "utf-8"
    )
)
ON = dt.date(2025, 9, 1)


@pytest.mark.parametrize(
    ("fact", "maximum", "finding"),
    [
        ("niche_years", "niche_years_max_points", "sme_specialized.indicator.niche_years"),
        (
            "characteristic_score",
            "characteristic_max_points",
            "sme_specialized.indicator.characteristic",
        ),
    ],
)
def test_a_missing_fact_under_a_maximum_of_zero_scores_zero_and_says_why(
    fact: str, maximum: str, finding: str
) -> None:
    facts = {k: v for k, v in FACTS.items() if k != fact}
    decision = nmgpolicy.evaluate("sme_specialized", facts, on=ON, parameters={maximum: "0"})
    found = decision.finding(finding)
    assert found.status.value == "unknown"
    assert "缺少事实" in found.message.zh and "得0分（满分0分）" in found.message.zh
    assert "missing fact" in found.message.en and "scores 0 (out of 0)" in found.message.en
    assert found.measured["points"] == 0 and "points_range" not in found.measured
    assert decision.explain("zh") and decision.explain("en")
    # the default maximum: an interval, said as one
    usual = nmgpolicy.evaluate("sme_specialized", facts, on=ON).finding(finding)
    assert "得分在0–" in usual.message.zh and "scores between 0 and" in usual.message.en
