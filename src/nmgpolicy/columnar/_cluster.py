"""The measures, checks and results of the cluster rule set (``rules/cluster.py``) over columns.

The applications are the rows; their years and enterprises are long tables
(``lists["years"]``, ``lists["enterprises"]``). The criteria are the generic kinds of
:mod:`nmgpolicy.columnar._years` and the base kinds; what is specific to the rule set is here:

* ``champions`` / ``designated`` — 第五条（三）: how many enterprises hold a designation of each
  group of ``[anchor_designations]`` (an enterprise's designations are a
  :class:`~nmgpolicy.columnar.Members` column of the enterprises table);
* the checks of ``parse_facts`` (a year that is not four digits or is given twice, a part of
  the output above the output, an enterprise without a name or named twice, no employees,
  more R&D staff than employees): such an application goes to the row path, which words the
  error;
* the results (docs/columnar.md).
"""

from __future__ import annotations

import unicodedata
from typing import Any

import numpy as np

from nmgpolicy.columnar._columns import (
    INT64_MAX,
    BoolArray,
    IntArray,
    Members,
    Scaled,
    full,
    warm,
)
from nmgpolicy.columnar._items import Items, group_duplicates
from nmgpolicy.columnar._kernels import Batch, Profile, measure_lowering, profile
from nmgpolicy.columnar._results import Deferred
from nmgpolicy.columnar._years import Frame, density_column, latest_column, share_column
from nmgpolicy.criteria_years import DensityInYear, ShareOf
from nmgpolicy.outcome import Decision
from nmgpolicy.rules import cluster as rules
from nmgpolicy.rules._cluster_lifecycle import FIRST_YEAR, LAST_YEAR

__all__ = ["RESULTS"]

RULESET = "cluster"
YEARS, ENTERPRISES = "years", "enterprises"

RESULTS = (
    "latest_year",
    "last_recent_year",
    "missing_years",
    "rd_staff_share",
    "patent_density",
    "champions",
    "designated",
)
"""The results per application (docs/columnar.md)."""


_GROUPS = ("champion", "designated")
_ANCHORS = "cluster#anchors"


def _anchors(batch: Batch) -> dict[str, Scaled]:
    """How many enterprises hold a designation of each group (absent: no enterprises given),
    both counted in one pass over the enterprises (once per batch)."""
    found: dict[str, Scaled] | None = batch.memo.get(_ANCHORS)
    if found is not None:
        return found
    items = batch.items(ENTERPRISES)
    given = batch.given(ENTERPRISES)
    counts = [np.zeros(batch.size, dtype=np.int64) for _ in _GROUPS]
    column = None if items is None else items.table.column("designations")
    if items is not None and isinstance(column, Members):
        holds = []
        for group in _GROUPS:
            wanted = batch.data.extra["anchor_designations"][group]
            bits = sum(1 << k for k, label in enumerate(column.labels) if label in wanted)
            holding = (column.bits & column.bits.dtype.type(bits)) != 0
            if column.valid is not None:
                holding &= column.valid
            holds.append(holding)
        counts = list(items.count_pair(holds[0], holds[1]))
    pairs = zip(_GROUPS, counts, strict=True)
    found = batch.memo[_ANCHORS] = {g: Scaled(c, 0, given) for g, c in pairs}
    return found


@measure_lowering(ruleset=RULESET, name=rules.champions.name)
def _champions(measure: Any, batch: Batch) -> Scaled:
    return _anchors(batch)["champion"]


@measure_lowering(ruleset=RULESET, name=rules.designated.name)
def _designated(measure: Any, batch: Batch) -> Scaled:
    return _anchors(batch)["designated"]


# --------------------------------------------------------------------------------------------
# What parse_facts refuses
# --------------------------------------------------------------------------------------------


def _checks(batch: Batch) -> None:
    table = batch.table
    years = batch.items(YEARS)
    if years is not None:
        table.row_path |= _bad_years(years, batch.measure(rules.frame))
    enterprises = batch.items(ENTERPRISES)
    if enterprises is not None:
        table.row_path |= _bad_names(enterprises)
    employees, staff = table.scaled("employees"), table.scaled("rd_staff")
    if employees is not None:
        known = employees.mask()
        table.row_path |= known & (employees.values == 0)
        if staff is not None:
            both = known & staff.mask()
            exponent = min(employees.exponent, staff.exponent)
            if employees.exponent != staff.exponent or exponent != 0:
                table.row_path |= both  # a pre-parsed count at another scale: the row path
            else:
                table.row_path |= both & (staff.values > employees.values)


def _bad_years(items: Items, frame: Frame) -> BoolArray:
    """Applications with a year that is not four digits, a year given twice, or a part of the
    output (SMEs', the leading industry's) above the output of its year."""
    table = items.table
    year = table.scaled("year")
    bad: BoolArray | None = None  # per item; ``None`` while none is bad (no zeros to read)
    twice = np.zeros(items.size, dtype=np.bool_)  # per application
    if year is not None and frame.dense:
        # Every application gives exactly the years of its window, in order (checked by the
        # frame): none twice, and all four digits when its first and last years are — as the
        # extremes of the last years show for every application at once (usually).
        last = frame.last
        low, high = (int(last.min()), int(last.max())) if len(last) else (FIRST_YEAR, 0)
        if low - (frame.span - 1) < FIRST_YEAR or high > LAST_YEAR:
            twice = (last - (frame.span - 1) < FIRST_YEAR) | (last > LAST_YEAR)
    elif year is not None:
        values = year.values
        outside = (values < FIRST_YEAR) | (values > LAST_YEAR)
        if outside.any():
            bad = year.mask() & outside
        # A year refused (absent, not four digits) sends its row to the row path anyway.
        twice = _repeated_years(items, values)
    output = table.scaled("output")
    if output is not None:
        for part in ("sme_output", "leading_output"):
            column = table.scaled(part)
            if column is not None:
                above = _above(column, output)
                if above.any():
                    bad = above if bad is None else bad | above
    if bad is None:
        return twice
    return items.any(bad) | twice


def _repeated_years(items: Items, years: IntArray) -> BoolArray:
    """Per application: a year given twice (a row with a year out of range is sent to the row
    path whatever this says)."""
    labels = LAST_YEAR - FIRST_YEAR + 1
    return group_duplicates(items, years, labels, base=FIRST_YEAR)


def _above(part: Scaled, whole: Scaled) -> BoolArray:
    """``part > whole`` where both are given, exactly (on one scale)."""
    exponent = min(part.exponent, whole.exponent)
    complete = part.valid is None and whole.valid is None
    both = full(len(part)) if complete else part.mask() & whole.mask()
    left = _rescaled(part, exponent)
    right = _rescaled(whole, exponent)
    if left is None or right is None:
        return both  # beyond int64 at a common scale: the row path compares them
    above: BoolArray = left > right
    return above if complete else both & above


def _rescaled(column: Scaled, exponent: int) -> IntArray | None:
    factor = 10 ** (column.exponent - exponent)
    if factor == 1:
        return column.values
    if factor > INT64_MAX or (np.abs(column.values) > INT64_MAX // factor).any():
        return None
    return column.values * np.int64(factor)


def _bad_names(items: Items) -> BoolArray:
    """Applications with an enterprise named by nothing but blanks, or named twice (NFKC, every
    white-space character removed, as the row path compares names)."""
    names = items.table.categories("name")
    if names is None:
        return np.zeros(items.size, dtype=np.bool_)
    keys = ["".join(unicodedata.normalize("NFKC", x).split()) for x in names.labels]
    codes = {k: i for i, k in enumerate(dict.fromkeys(keys))}
    present = names.mask()
    key = names.codes
    if len(codes) < len(keys):  # two labels of one name once normalised: compare the names
        key = np.array([codes[k] for k in keys] + [-1], dtype=np.int64)[key]
    complete = names.valid is None and (not len(key) or int(key.min()) >= 0)
    out = group_duplicates(items, key if complete else np.where(present, key, -1), len(codes))
    blank = np.array([not k for k in keys] + [False])
    if blank.any():
        out |= items.any(blank[names.codes] & present)
    return out


# --------------------------------------------------------------------------------------------
# Results
# --------------------------------------------------------------------------------------------


def _results(batch: Batch) -> dict[str, Scaled | Deferred]:
    years: Frame = batch.measure(rules.frame)
    share = rules.DEFINITION.criterion("cluster.rd_staff_share")
    density = rules.DEFINITION.criterion("cluster.patent_density")
    assert isinstance(share, ShareOf)
    assert isinstance(density, DensityInYear)
    missing = np.zeros(batch.size, dtype=np.int64)
    if not years.dense:
        for k in range(years.span - years.size, years.span):
            missing += ~years.present[:, k]
    return {
        "latest_year": latest_column(years),
        "last_recent_year": Scaled(years.last, 0, years.named.copy()),
        "missing_years": Scaled(missing, 0, years.named.copy()),
        "rd_staff_share": share_column(share, batch),
        "patent_density": density_column(density, batch),
        "champions": batch.measure(rules.champions),
        "designated": batch.measure(rules.designated),
    }


def _from_decision(decision: Decision) -> dict[str, Any]:
    results = decision.results
    recent = results["recent_years"]
    anchors = results["anchor_enterprises"]
    return {
        "latest_year": results["latest_year"],
        "last_recent_year": recent[-1] if recent else None,
        "missing_years": len(results["missing_years"]) if recent else None,
        "rd_staff_share": results["rd_staff_share"],
        "patent_density": results["patent_density"],
        "champions": None if anchors is None else len(anchors["champions"]),
        "designated": None if anchors is None else len(anchors["designated"]),
    }


profile(RULESET, Profile(_checks, _results, _from_decision))
warm(rules.ClusterFacts)
