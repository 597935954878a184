"""nmgpolicy — Inner Mongolia's and Baotou's industrial regulations as checks software can run.

Public face (re-exports only)::

    import datetime as dt, nmgpolicy
    d = nmgpolicy.evaluate("disclosure", {"item": "first-set-results",
                                          "formed_on": "2025-09-26"}, on=dt.date(2025, 11, 1))
    d.status.value                              # "eligible" | "ineligible" | "undetermined"
    d.finding("disclosure.on_time").status.value
    d.to_dict(); d.explain("en")
    nmgpolicy.rulesets()
"""

from nmgpolicy.engine import RuleSet, evaluate, get_ruleset, register, rulesets
from nmgpolicy.errors import (
    CalendarNotCovered,
    InputError,
    NmgPolicyError,
    NotInForce,
    Problem,
    UnknownRuleSet,
)
from nmgpolicy.outcome import Citation, Decision, DecisionStatus, Finding, Message, Status

__version__ = "0.1.0"

# Submodules reachable as attributes after a plain ``import nmgpolicy`` (loaded on first use).
_SUBMODULES = frozenset(
    {
        "catalog",
        "cluster",
        "criteria",
        "disclosure",
        "ferroalloy",
        "first_set",
        "inspection",
        "params",
        "periods",
        "render",
        "schema",
        "sme",
        "units",
    }
)


def __getattr__(name: str) -> object:
    if name in _SUBMODULES:
        import importlib

        return importlib.import_module(f"nmgpolicy.{name}")
    raise AttributeError(f"module 'nmgpolicy' has no attribute {name!r}")


__all__ = [
    "CalendarNotCovered",
    "Citation",
    "Decision",
    "DecisionStatus",
    "Finding",
    "InputError",
    "Message",
    "NmgPolicyError",
    "NotInForce",
    "Problem",
    "RuleSet",
    "Status",
    "UnknownRuleSet",
    "__version__",
    "evaluate",
    "get_ruleset",
    "register",
    "rulesets",
]
