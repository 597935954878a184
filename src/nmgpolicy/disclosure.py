"""``nmgpolicy.disclosure``: the disclosure catalog and its deadlines.

Re-exports :mod:`nmgpolicy.rules.disclosure` (the rule set and its helpers) and the catalog
loader, so that callers write ``from nmgpolicy import disclosure; disclosure.deadline(...)``.
"""

from nmgpolicy.catalog import Anomaly, CatalogItem, LoadedCatalog, load_catalog, parse_catalog
from nmgpolicy.rules.disclosure import (
    CATALOG_TITLE,
    Conflict,
    Deadline,
    DeadlineCandidate,
    DisclosureFacts,
    DisclosureRuleSet,
    DueDate,
    catalog,
    deadline,
    item,
)

__all__ = [
    "CATALOG_TITLE",
    "Anomaly",
    "CatalogItem",
    "Conflict",
    "Deadline",
    "DeadlineCandidate",
    "DisclosureFacts",
    "DisclosureRuleSet",
    "DueDate",
    "LoadedCatalog",
    "catalog",
    "deadline",
    "item",
    "load_catalog",
    "parse_catalog",
]
