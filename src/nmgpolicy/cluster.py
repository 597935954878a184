"""``nmgpolicy.cluster``: 中小企业特色产业集群 recognition, lifecycle dates and revocation.

Re-exports :mod:`nmgpolicy.rules.cluster`, so that callers write
``from nmgpolicy import cluster; cluster.valid_until(...)``; evaluate applications with
``nmgpolicy.evaluate("cluster", facts, on=...)``.
"""

from nmgpolicy.rules.cluster import (
    ATTESTATIONS,
    DESIGNATIONS,
    AnnualReport,
    Attestations,
    ClusterFacts,
    ClusterRuleSet,
    Designation,
    Enterprise,
    MajorChange,
    RevocationGround,
    RevocationRecord,
    YearFacts,
    annual_report_due,
    change_filing_due,
    revocation_grounds,
    valid_until,
)

__all__ = [
    "ATTESTATIONS",
    "DESIGNATIONS",
    "AnnualReport",
    "Attestations",
    "ClusterFacts",
    "ClusterRuleSet",
    "Designation",
    "Enterprise",
    "MajorChange",
    "RevocationGround",
    "RevocationRecord",
    "YearFacts",
    "annual_report_due",
    "change_filing_due",
    "revocation_grounds",
    "valid_until",
]
