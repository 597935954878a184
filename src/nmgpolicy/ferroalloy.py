"""``nmgpolicy.ferroalloy``: ferroalloy capacity replacement (铁合金产能置换).

Re-exports :mod:`nmgpolicy.rules.ferroalloy` (the rule set, its facts model and helpers), so
that callers write ``from nmgpolicy import ferroalloy; ferroalloy.ratio("single", "35万吨")``.
"""

from nmgpolicy.rules import ferroalloy as _rules
from nmgpolicy.rules.ferroalloy import *  # noqa: F403  (the public names of the rule module)

__all__ = list(_rules.__all__)
