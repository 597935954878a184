"""The first_set rule set (``rules/first_set.py``) over columns: its checks, in-force window
and results; its kinds and measures are in :mod:`nmgpolicy.columnar._first_set_kinds`.

Most findings are the base kinds (:class:`~nmgpolicy.criteria.Flag`,
:class:`~nmgpolicy.criteria.Attestation`), :class:`~nmgpolicy.criteria_dates.WithinPeriod`
(:mod:`nmgpolicy.columnar._dates`) and the rule set's own kinds. The checks of ``parse_facts``
(a unit that does not fit the category, an application before the completion, a malformed
code, an unknown document id) are the rule set's own ``clean``, once per distinct value; such
rows go to the row path, which words the error. 第十四条's window is checked at each row's
application date (parameter ``in_force_reference``): a row out of it goes to the row path,
which refuses it.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from decimal import Decimal
from typing import Any

import numpy as np

from nmgpolicy import convert
from nmgpolicy.columnar._columns import (
    INT64_MAX,
    Categories,
    Dates,
    Members,
    Scaled,
    warm,
)
from nmgpolicy.columnar._dates import day_of
from nmgpolicy.columnar._first_set_kinds import DOCUMENT_COUNTS, codes_of, texts, unit_values
from nmgpolicy.columnar._kernels import (
    Batch,
    NotLowered,
    Profile,
    profile,
)
from nmgpolicy.columnar._read import _present
from nmgpolicy.errors import NmgPolicyError
from nmgpolicy.outcome import Decision
from nmgpolicy.rules import first_set as rules
from nmgpolicy.rules._first_set_input import clean
from nmgpolicy.rules._first_set_public import categories, validity

__all__ = ["RESULTS"]

RULESET = "first_set"

RESULTS = (
    "threshold",
    "unit_value",
    "latest_application_date",
    "missing_documents",
    "undetermined_documents",
    "validity_checked_on",
)
"""The results per application (docs/columnar.md)."""


# --------------------------------------------------------------------------------------------
# What parse_facts refuses; the in-force window
# --------------------------------------------------------------------------------------------


def _clean_per_label(
    column: Categories | Members | None, facts: Callable[[str], Any]
) -> list[bool]:
    """The rule set's own ``clean`` for each label of ``column``."""
    labels: Sequence[str] = () if column is None else column.labels
    return [clean(facts(label)) for label in labels]


def _checks(batch: Batch) -> None:
    table = batch.table
    for path, given in table.raw.items():
        if path.startswith("unit_value."):  # a unit value is a text: an object is refused
            table.row_path |= _present(given)
    category = texts(table.column("category"), "category")
    units = unit_values(batch)
    if units is not None:
        values, kind, kinds = units
        cats, _ = codes_of(category, batch.size)
        labels = (*(category.labels if category is not None else ()), None)
        fits = np.array(
            [
                [clean(rules.FirstSetFacts(c, convert.Measure(Decimal(1), k))) for k in kinds]  # type: ignore[arg-type]
                for c in labels
            ],
            dtype=np.bool_,
        ).reshape(len(labels), len(kinds))
        known = values.mask()
        if len(kinds):
            table.row_path |= known & ~fits[cats, np.where(known, kind, 0)]
    completed, applied = table.column("completed_on"), table.column("applied_on")
    if isinstance(completed, Dates) and isinstance(applied, Dates):
        both = completed.mask() & applied.mask()
        table.row_path |= both & (applied.days < completed.days)
    code = texts(table.column("product.sei_code"), "product.sei_code")
    good = _clean_per_label(code, lambda x: rules.FirstSetFacts(product=rules.Product(sei_code=x)))
    if code is not None and not all(good):
        ok = np.array([*good, True], dtype=np.bool_)
        table.row_path |= ~ok[codes_of(code, batch.size)[0]]
    documents = table.column("documents")
    if isinstance(documents, Members):
        known_ids = _clean_per_label(documents, lambda x: rules.FirstSetFacts(documents=(x,)))
        unknown = sum(1 << k for k, ok in enumerate(known_ids) if not ok)
        if unknown:
            bits = documents.bits.astype(np.int64)
            table.row_path |= documents.mask() & ((bits & unknown) != 0)


_CHECKED_ON = "first_set#checked_on"


def _in_force(batch: Batch) -> None:
    """第十四条 at each row's date (``in_force_date``): the application date when the facts give
    it and ``in_force_reference`` says so, else the evaluation date."""
    params = batch.params
    published: dt.date | None = params["published_on"]
    if published is None:
        return  # the window is unknown: a note, never a refusal
    try:
        window = validity(published, params["validity_period"], params["validity_end"])
    except NmgPolicyError as error:
        raise NotLowered("the window needs the row path") from error
    reference = np.full(batch.size, day_of(batch.on), dtype=np.int64)
    if params["in_force_reference"] == "applied_on":
        applied = batch.table.column("applied_on")
        if isinstance(applied, Dates):
            reference = np.where(applied.mask(), applied.days, reference)
    outside = reference < day_of(window.start)
    if window.end is not None:
        outside |= reference > day_of(window.end)
    batch.refuse(outside)
    batch.memo[_CHECKED_ON] = reference


# --------------------------------------------------------------------------------------------
# Results
# --------------------------------------------------------------------------------------------


def _thresholds(batch: Batch) -> Scaled:
    """The threshold of each row's category (absent without a category)."""
    column = texts(batch.table.column("category"), "category")
    found = categories()
    amounts = [Decimal(batch.param(found[c].threshold)) for c in (column.labels if column else ())]
    exponent = min([0, *(int(a.normalize().as_tuple().exponent) for a in amounts)])
    values = [int(a.scaleb(-exponent)) for a in amounts]
    if any(abs(v) > INT64_MAX for v in values):
        raise NotLowered("a threshold beyond int64")
    codes, _ = codes_of(column, batch.size)
    table = np.array([*values, 0], dtype=np.int64)
    present = np.zeros(batch.size, np.bool_) if column is None else column.mask()
    return Scaled(table[codes], exponent, present)


def _absent(batch: Batch) -> Scaled:
    return Scaled(np.zeros(batch.size, dtype=np.int64), 0, np.zeros(batch.size, dtype=np.bool_))


def _results(batch: Batch) -> dict[str, Scaled]:
    column = texts(batch.table.column("category"), "category")
    out = {"threshold": _thresholds(batch), "unit_value": _absent(batch)}
    units = unit_values(batch)
    if units is not None and column is not None:
        values = units[0]
        out["unit_value"] = Scaled(values.values, values.exponent, values.mask() & column.mask())
    last = batch.memo.get("first_set.completion_age#last")
    out["latest_application_date"] = last if isinstance(last, Scaled) else _absent(batch)
    counts = batch.memo.get(DOCUMENT_COUNTS)
    for name, k in (("missing_documents", 0), ("undetermined_documents", 1)):
        out[name] = _absent(batch) if counts is None else Scaled(counts[k], 0, counts[2])
    checked = batch.memo.get(_CHECKED_ON)
    out["validity_checked_on"] = (
        _absent(batch) if checked is None else Scaled(checked, 0, np.ones(batch.size, np.bool_))
    )
    return out


def _day(value: dt.date | None) -> int | None:
    return None if value is None else day_of(value)


def _from_decision(decision: Decision) -> dict[str, Any]:
    results = decision.results
    missing = results.get("missing_documents")
    undetermined = results.get("undetermined_documents")
    return {
        "threshold": results.get("threshold"),
        "unit_value": results.get("unit_value"),
        "latest_application_date": _day(results.get("latest_application_date")),
        "missing_documents": None if missing is None else len(missing),
        "undetermined_documents": None if undetermined is None else len(undetermined),
        "validity_checked_on": _day(results.get("validity_checked_on")),
    }


def _no_items(decision: Decision, prefix: str) -> dict[str, list[Any]]:
    return {}


profile(RULESET, Profile(_checks, _results, _from_decision, _no_items, in_force=_in_force))
warm(rules.FirstSetFacts)
