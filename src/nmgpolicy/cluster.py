"""``nmgpolicy.cluster``: 中小企业特色产业集群 recognition, lifecycle dates and revocation.

Re-exports :mod:`nmgpolicy.rules.cluster`, so that callers write
``from nmgpolicy import cluster; cluster.valid_until(...)``; evaluate applications with
``nmgpolicy.evaluate("cluster", facts, on=...)``.
"""

from nmgpolicy.rules import cluster as _rules
from nmgpolicy.rules.cluster import *  # noqa: F403  (the public names of the rule module)

__all__ = list(_rules.__all__)
