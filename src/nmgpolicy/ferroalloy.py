"""``nmgpolicy.ferroalloy``: ferroalloy capacity replacement (铁合金产能置换).

Re-exports :mod:`nmgpolicy.rules.ferroalloy` (the rule set, its facts model and helpers), so
that callers write ``from nmgpolicy import ferroalloy; ferroalloy.ratio("single", "35万吨")``.
"""

from nmgpolicy.rules.ferroalloy import (
    EnterpriseFacts,
    FerroalloyFacts,
    FerroalloyRuleSet,
    NewCapacity,
    RetiredUnit,
    Tier,
    plan_notice_due,
    ratio,
    required_retirement,
    tier,
    tiers,
)

__all__ = [
    "EnterpriseFacts",
    "FerroalloyFacts",
    "FerroalloyRuleSet",
    "NewCapacity",
    "RetiredUnit",
    "Tier",
    "plan_notice_due",
    "ratio",
    "required_retirement",
    "tier",
    "tiers",
]
