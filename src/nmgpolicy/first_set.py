"""``nmgpolicy.first_set``: 首台（套）/首批（次） recognition.

Re-exports :mod:`nmgpolicy.rules.first_set` (the rule set, its facts model and its helpers), so
that callers write ``from nmgpolicy import first_set; first_set.public_notice(...)``.
"""

from nmgpolicy.rules.first_set import (
    CATEGORIES,
    RULESET,
    Applicant,
    Category,
    DocumentItem,
    FirstSetFacts,
    FirstSetRuleSet,
    NoticeWindow,
    Product,
    ResultsDisclosureDue,
    ValidityWindow,
    checklist,
    public_notice,
    results_disclosure_due,
    validity_window,
)

__all__ = [
    "CATEGORIES",
    "RULESET",
    "Applicant",
    "Category",
    "DocumentItem",
    "FirstSetFacts",
    "FirstSetRuleSet",
    "NoticeWindow",
    "Product",
    "ResultsDisclosureDue",
    "ValidityWindow",
    "checklist",
    "public_notice",
    "results_disclosure_due",
    "validity_window",
]
