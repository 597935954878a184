"""``nmgpolicy.first_set``: 首台（套）/首批（次） recognition.

Re-exports :mod:`nmgpolicy.rules.first_set` (the rule set, its facts model and its helpers), so
that callers write ``from nmgpolicy import first_set; first_set.public_notice(...)``.
"""

from nmgpolicy.rules import first_set as _rules
from nmgpolicy.rules.first_set import *  # noqa: F403  (the public names of the rule module)

__all__ = list(_rules.__all__)
