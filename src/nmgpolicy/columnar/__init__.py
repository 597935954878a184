"""Evaluate a rule set over columns: one row per application, every finding's status per row.

``pip install 'nmgpolicy[columnar]'`` (NumPy; Polars and Arrow columns are read too)::

    result = nmgpolicy.columnar.evaluate("cluster", columns, on=date(2026, 6, 1))
    result.status                      # int8 per row: DECISION_CODES
    result.findings["cluster.area"]    # int8 per row: STATUS_CODES

``columns`` maps the dotted path of each fact (``"area"``, ``"attestations.operator"``) to a
column — a :class:`Scaled` or :class:`Flags` of pre-parsed exact numbers (read without a copy),
or a NumPy / Polars / Arrow column or a list of the values the row path accepts (texts with
units, Decimals, ints, booleans, ``None``). A nested list of the facts (the years of a cluster,
the retired units of a ferroalloy plan) is a second, long table in ``lists``, keyed by the
row number of its application in an ``"application"`` column.

The kernels are derived from the rule set's :class:`~nmgpolicy.definition.Definition` (each
criterion kind has one lowering), and are exact: amounts are integers, shares and ratios are
compared by cross-multiplication, and a row holding a value the kernels cannot represent
exactly — or that the row parser refuses — is decided by the row path (``result.row_path``),
never rounded. Statuses and results equal the row path's on every row.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from typing import Any

import attrs
import numpy as np
import numpy.typing as npt

from nmgpolicy._exact import exact
from nmgpolicy.columnar._columns import Flags, Scaled, Table, field_type
from nmgpolicy.columnar._kernels import CODES, Batch, NotLowered, lower
from nmgpolicy.columnar._records import ABSENT, from_records
from nmgpolicy.convert import AreaKm2, Kva, Money, Tonnes, TonnesPerYuan
from nmgpolicy.engine import check_on, get_ruleset
from nmgpolicy.errors import InputError, NmgPolicyError
from nmgpolicy.outcome import Decision, DecisionStatus, Status

__all__ = [
    "ABSENT",
    "DECISION_CODES",
    "STATUS_CODES",
    "Flags",
    "Result",
    "Scaled",
    "evaluate",
    "from_records",
]

STATUS_CODES: Mapping[Status, int] = dict(CODES)
"""A finding's status as an ``int8`` code: met 0, not_met 1, unknown 2, review 3,
not_applicable 4."""

DECISION_CODES: Mapping[DecisionStatus, int] = {
    DecisionStatus.ELIGIBLE: 0,
    DecisionStatus.INELIGIBLE: 1,
    DecisionStatus.UNDETERMINED: 2,
}
"""A decision's status as an ``int8`` code: eligible 0, ineligible 1, undetermined 2; a row
whose facts the row path refuses has ``-1`` (its error is in :attr:`Result.errors`)."""

_UNITS: Mapping[object, str] = {
    Money: "元",
    Tonnes: "吨",
    Kva: "kVA",
    AreaKm2: "平方公里",
    TonnesPerYuan: "吨/元",
}


@attrs.frozen(eq=False)
class Result:
    """Statuses per row: the decision (``status``) and each finding (``findings``)."""

    ruleset: str
    on: dt.date
    status: npt.NDArray[np.int8]
    findings: Mapping[str, npt.NDArray[np.int8]]
    row_path: npt.NDArray[np.bool_]
    errors: Mapping[int, NmgPolicyError]

    def statuses(self, finding_id: str) -> list[str]:
        """The statuses of one finding as words (``"met"`` …), one per row."""
        names = {code: status.value for status, code in STATUS_CODES.items()}
        return [names[int(c)] for c in self.findings[finding_id]]

    def decisions(self) -> list[str | None]:
        """The decision of each row as a word (``None`` for a row whose facts were refused)."""
        names = {code: status.value for status, code in DECISION_CODES.items()}
        return [names.get(int(c)) for c in self.status]


def _columns_of(table: object) -> dict[str, object]:
    """A mapping of column name → column, from a mapping, a Polars DataFrame or an Arrow table."""
    if isinstance(table, Mapping):
        return dict(table)
    names = getattr(table, "columns", None)
    if names is None:
        names = getattr(table, "column_names", None)
    if names is None:
        raise InputError.single("$.columns", "expected a mapping of fact paths to columns")
    return {str(name): table[name] for name in names}  # type: ignore[index]


def _size(columns: Mapping[str, object]) -> int:
    sizes = {len(c.values) if isinstance(c, Scaled | Flags) else len(c) for c in columns.values()}  # type: ignore[arg-type]
    if len(sizes) > 1:
        raise InputError.single("$.columns", f"columns of different lengths: {sorted(sizes)}")
    return sizes.pop() if sizes else 0


@exact
def evaluate(
    ruleset_id: str,
    columns: object,
    *,
    on: dt.date,
    parameters: Mapping[str, object] | None = None,
    lists: Mapping[str, object] | None = None,
) -> Result:
    """Decide every row of ``columns`` under ``ruleset_id`` as of ``on`` (see the module)."""
    on = check_on(on)
    ruleset = get_ruleset(ruleset_id)
    definition = getattr(ruleset, "definition", None)
    data = ruleset.data  # type: ignore[attr-defined]
    params = data.resolve(on, parameters)
    given = _columns_of(columns)
    size = _size(given)
    table = Table(ruleset.facts_type, given, size)  # type: ignore[attr-defined]
    long_tables = {k: _columns_of(v) for k, v in (lists or {}).items()}
    findings: dict[str, npt.NDArray[np.int8]] = {}
    try:
        if definition is None or long_tables:
            raise NotLowered("no kernels for this rule set yet")
        batch = Batch(table, params.values, on)
        for criterion in definition.criteria:
            findings[criterion.id] = lower(criterion, batch)
    except NotLowered:
        table.row_path[:] = True
        findings = {}
    status = _aggregate(findings, data, size)
    errors = _row_path(ruleset_id, table, long_tables, on, parameters, findings, status)
    return Result(ruleset_id, on, status, findings, table.row_path, errors)


def _aggregate(findings: Mapping[str, Any], data: Any, size: int) -> npt.NDArray[np.int8]:
    """The decision codes over the binding findings (not_met, else unknown/review, else met)."""
    not_met = np.zeros(size, dtype=np.bool_)
    open_ = np.zeros(size, dtype=np.bool_)
    for finding_id, codes in findings.items():
        info = data.criteria.get(finding_id)
        if info is not None and not info.binding:
            continue
        not_met |= codes == CODES[Status.NOT_MET]
        open_ |= (codes == CODES[Status.UNKNOWN]) | (codes == CODES[Status.REVIEW])
    eligible, ineligible, undetermined = (DECISION_CODES[s] for s in DecisionStatus)
    return np.where(not_met, ineligible, np.where(open_, undetermined, eligible)).astype(np.int8)


def _row_path(
    ruleset_id: str,
    table: Table,
    long_tables: Mapping[str, Mapping[str, object]],
    on: dt.date,
    parameters: Mapping[str, object] | None,
    findings: dict[str, npt.NDArray[np.int8]],
    status: npt.NDArray[np.int8],
) -> dict[int, NmgPolicyError]:
    """Decide the rows marked for the row path one by one, writing their codes in place."""
    errors: dict[int, NmgPolicyError] = {}
    rows = np.flatnonzero(table.row_path)
    if not len(rows):
        return errors
    nested = _nested_rows(long_tables, set(rows.tolist()))
    ruleset = get_ruleset(ruleset_id)
    for row in rows.tolist():
        facts = facts_of_row(table, row)
        for key, items in nested.items():
            if row in items:
                facts[key] = items[row]
        try:
            decision = ruleset.evaluate(facts, on=on, parameters=parameters)
        except NmgPolicyError as error:
            errors[row] = error
            status[row] = -1
            continue
        _write(decision, row, findings, status)
    return errors


def _write(
    decision: Decision,
    row: int,
    findings: dict[str, npt.NDArray[np.int8]],
    status: npt.NDArray[np.int8],
) -> None:
    status[row] = DECISION_CODES[decision.status]
    for finding in decision.findings:
        if finding.id not in findings:
            findings[finding.id] = np.full(len(status), -1, dtype=np.int8)
        findings[finding.id][row] = CODES[finding.status]


def facts_of_row(table: Table, row: int) -> dict[str, Any]:
    """The JSON-like facts of one row, as the row path reads them."""
    facts: dict[str, Any] = {}
    for path, given in table.raw.items():
        value = _value(table, path, given, row)
        if value is ABSENT:
            continue
        *parents, leaf = path.split(".")
        target = facts
        for name in parents:
            target = target.setdefault(name, {})
        target[leaf] = value
    return facts


def _value(table: Table, path: str, given: object, row: int) -> Any:
    if isinstance(given, Flags):
        return bool(given.values[row]) if given.mask()[row] else ABSENT
    if isinstance(given, Scaled):
        if not given.mask()[row]:
            return ABSENT
        from decimal import Decimal

        number = Decimal(int(given.values[row])).scaleb(given.exponent)
        unit = _UNITS.get(field_type(table.model, path))
        if unit is not None:
            return f"{number}{unit}"
        return int(number) if number == number.to_integral_value() else str(number)
    value = given[row]  # type: ignore[index]
    if hasattr(value, "item"):
        value = value.item()  # a NumPy scalar
    return value


def _nested_rows(
    long_tables: Mapping[str, Mapping[str, object]], rows: set[int]
) -> dict[str, dict[int, list[dict[str, Any]]]]:
    """The items of each nested list (a long table keyed by ``application``), per row."""
    out: dict[str, dict[int, list[dict[str, Any]]]] = {}
    for key, columns in long_tables.items():
        if "application" not in columns:
            raise InputError.single(f"$.lists.{key}", 'expected an "application" column')
        applications = [int(a) for a in _list(columns["application"])]
        fields = {name: _list(col) for name, col in columns.items() if name != "application"}
        items: dict[int, list[dict[str, Any]]] = {}
        for index, application in enumerate(applications):
            if application in rows:
                item = {n: v[index] for n, v in fields.items() if v[index] is not ABSENT}
                items.setdefault(application, []).append(item)
        out[key] = items
    return out


def _list(column: object) -> Sequence[Any]:
    if hasattr(column, "to_list"):
        return column.to_list()  # type: ignore[no-any-return]
    if hasattr(column, "tolist"):
        return column.tolist()  # type: ignore[no-any-return]
    return list(column)  # type: ignore[call-overload, no-any-return]
