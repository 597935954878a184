"""Evaluate a rule set over columns: one row per application, every finding's status per row.

``pip install 'nmgpolicy[columnar]'`` (NumPy and Polars; Arrow columns are read too)::

    result = nmgpolicy.columnar.evaluate("cluster", columns, on=date(2026, 6, 1), lists=lists)
    result.status                      # int8 per row: DECISION_CODES
    result.findings["cluster.area"]    # int8 per row: STATUS_CODES
    result.results["latest_year"]      # Scaled per row: the key results

``columns`` maps the dotted path of each fact (``"area"``, ``"attestations.operator"``) to a
column — a :class:`Scaled`, :class:`Flags`, :class:`Categories`, :class:`Members` or
:class:`Dates` of pre-parsed values (read without a copy), or a NumPy / Polars / Arrow column
or a list of the values the row path accepts (texts with units, Decimals, ints, booleans,
``None``; :data:`ABSENT` where a record does not give the fact). A nested list of the facts
(the years of a cluster, the retired units of a ferroalloy plan) is a second, long table in
``lists``, keyed by the row number of its application in an ``"application"`` column.

The kernels are derived from the rule set's :class:`~nmgpolicy.definition.Definition` (each
criterion kind and each measure has one lowering), and are exact: amounts are integers,
shares and ratios are compared by cross-multiplication, and a row holding a value the kernels
cannot represent exactly — or that the row parser refuses — is decided by the row path
(``result.row_path``), never rounded. Statuses and results equal the row path's on every row.
See ``docs/columnar.md``.
"""

from __future__ import annotations

import datetime as dt
import sys
import threading
from collections.abc import Iterable, Iterator, Mapping, Sized
from collections.abc import Set as AbstractSet
from types import MappingProxyType
from typing import Any

import attrs
import numpy as np
import numpy.typing as npt

from nmgpolicy._exact import exact
from nmgpolicy.columnar import (  # noqa: F401  (each registers its kernels)
    _cluster,
    _decide,
    _disclosure,
    _ferroalloy,
    _first_set,
    _lists,
    _sme,
    _tiers,
    _years,
)
from nmgpolicy.columnar._columns import Categories, Dates, Flags, Members, Scaled
from nmgpolicy.columnar._items import MAX_ITEMS, Items, item_model
from nmgpolicy.columnar._kernels import CODES as _KERNEL_CODES
from nmgpolicy.columnar._kernels import (
    UNBOUND,
    Batch,
    Codes,
    ItemFindings,
    NotLowered,
    Profile,
    lower,
    profile_of,
)
from nmgpolicy.columnar._read import Table, facts_of_row
from nmgpolicy.columnar._records import ABSENT, RecordColumns, from_records
from nmgpolicy.columnar._results import Deferred, ResultColumn
from nmgpolicy.columnar._units import parse_amounts, parse_numbers
from nmgpolicy.criteria_lists import EachItem
from nmgpolicy.definition import Row
from nmgpolicy.engine import BaseRuleSet, Context, check_on, get_ruleset
from nmgpolicy.errors import (
    InputError,
    NmgPolicyError,
    NotInForce,
    UnknownFinding,
    UnknownResult,
    shown,
)
from nmgpolicy.outcome import Decision, DecisionStatus, Status

__all__ = [
    "ABSENT",
    "DECISION_CODES",
    "STATUS_CODES",
    "Categories",
    "Dates",
    "Flags",
    "ItemFindings",
    "Members",
    "Result",
    "Scaled",
    "evaluate",
    "from_records",
    "parse_amounts",
    "parse_numbers",
]

# The codes the path writes: private copies, so that no caller's write into a published
# table (or into the kernels' module) changes a later answer.
_STATUS_CODES: dict[Status, int] = dict(_KERNEL_CODES)
_DECISION_CODES: dict[DecisionStatus, int] = {
    DecisionStatus.ELIGIBLE: 0,
    DecisionStatus.INELIGIBLE: 1,
    DecisionStatus.UNDETERMINED: 2,
}

STATUS_CODES: Mapping[Status, int] = MappingProxyType(dict(_STATUS_CODES))
"""A finding's status as an ``int8`` code: met 0, not_met 1, unknown 2, review 3,
not_applicable 4; -1 where the row has no such finding (its facts were refused). Read-only."""

DECISION_CODES: Mapping[DecisionStatus, int] = MappingProxyType(dict(_DECISION_CODES))
"""A decision's status as an ``int8`` code: eligible 0, ineligible 1, undetermined 2; a row
whose facts the row path refuses has ``-1`` (its error is in :attr:`Result.errors`).
Read-only."""

_STATUS_NAMES = {code: status.value for status, code in _STATUS_CODES.items()}
_DECISION_NAMES = {code: status.value for status, code in _DECISION_CODES.items()}


@attrs.frozen(eq=False)
class Result:
    """Statuses per row: the decision (``status``), each finding (``findings``), the findings
    per item of a list (``items``: ``ferroalloy.unit`` → an :class:`ItemFindings` over the
    rows of ``lists["retired"]``), the key results (``results``; see ``docs/columnar.md``),
    the rows the row path decided (``row_path``) and the errors of the rows it refused."""

    ruleset: str
    on: dt.date
    status: npt.NDArray[np.int8]
    findings: Mapping[str, npt.NDArray[np.int8]]
    row_path: npt.NDArray[np.bool_]
    errors: Mapping[int, NmgPolicyError]
    results: Mapping[str, Scaled] = attrs.field(factory=dict)
    items: Mapping[str, ItemFindings] = attrs.field(factory=dict)
    overflow: Mapping[str, Mapping[int, Any]] = attrs.field(factory=dict)
    _index: Mapping[str, Items] = attrs.field(factory=dict, repr=False, alias="index")

    def statuses(self, finding_id: str) -> list[str | None]:
        """The statuses of one finding as words (``"met"`` …), one per row (``None`` where the
        row has no such finding: its facts were refused). An id the result has no column for
        raises :class:`~nmgpolicy.errors.UnknownFinding` (a ``KeyError``)."""
        codes = self.findings.get(finding_id) if isinstance(finding_id, str) else None
        if codes is None:
            raise UnknownFinding(finding_id, sorted(self.findings))
        return [_STATUS_NAMES.get(int(c)) for c in codes]

    def decisions(self) -> list[str | None]:
        """The decision of each row as a word (``None`` for a row whose facts were refused)."""
        return [_DECISION_NAMES.get(int(c)) for c in self.status]

    def row(self, row: int) -> dict[str, str]:
        """Every finding of one row as ``{finding id: status word}``, the findings per item
        named ``<id>.<item id>`` as the row path names them."""
        row = self._row_number(row)
        out = {
            fid: _STATUS_NAMES[int(codes[row])]
            for fid, codes in self.findings.items()
            if codes[row] >= 0
        }
        for prefix, found in self.items.items():
            items = self._index.get(prefix)
            if items is None:
                continue
            ids = items.table.categories("id")
            for position in items.positions(row).tolist():
                code = int(found.status[position])
                if code >= 0 and ids is not None:
                    out[f"{prefix}.{ids.labels[int(ids.codes[position])]}"] = _STATUS_NAMES[code]
        return out

    def item_rows(self, prefix: str, row: int) -> npt.NDArray[np.int64]:
        """The rows of the long table of ``items[prefix]`` that belong to ``row``, in order."""
        row = self._row_number(row)
        items = self._index.get(prefix)
        return np.zeros(0, dtype=np.int64) if items is None else items.positions(row)

    @exact  # scaled under the library's decimal context, whatever the caller's
    def value(self, name: str, row: int) -> Any:
        """One result of one row, exactly (a ``Decimal``; ``None`` when absent). A name the
        result has no column for raises :class:`~nmgpolicy.errors.UnknownResult` (a
        ``KeyError``)."""
        from decimal import Decimal

        if not isinstance(name, str) or name not in self.results:
            raise UnknownResult(name, sorted(self.results))
        row = self._row_number(row)
        if row in self.overflow.get(name, {}):
            return self.overflow[name][row]
        column = self.results[name]
        if not column.mask()[row]:
            return None
        return Decimal(int(column.values[row])).scaleb(column.exponent)

    def _row_number(self, row: object) -> int:
        """``row`` as a row of this result: an integer from 0 to the last row (a negative one
        is refused, not counted from the end: it would answer for another application)."""
        size = len(self.status)
        if (
            isinstance(row, bool)
            or not isinstance(row, int | np.integer)
            or not 0 <= int(row) < size
        ):
            last = f"from 0 to {size - 1}" if size else "(the result has no rows)"
            raise InputError.single(
                "$.row", f"expected a row number {last}, got {shown(row)}; e.g. 0"
            )
        return int(row)


# --------------------------------------------------------------------------------------------
# Evaluation
# --------------------------------------------------------------------------------------------


_TABLE_EXAMPLE = '{"area": ["85平方公里", "90平方公里"], "innovation_platforms": [3, 1]}'
_COLUMN_EXAMPLE = '["85平方公里", None, "90平方公里"] (or a NumPy, Polars or Arrow array)'


def _columns_of(table: object, path: str = "$.columns") -> dict[str, object]:
    """A mapping of column name → column, from a mapping, a Polars DataFrame or an Arrow table;
    every name a text and every column one-dimensional with a length (checked per column, in
    constant time: no value is read here). ``path`` names the table in an error
    (``$.columns``, ``$.lists.<key>``)."""
    if isinstance(table, Mapping):
        found = dict(table)
    else:
        polars = sys.modules.get("polars")  # imported by whoever made a Polars frame
        lazy = getattr(polars, "LazyFrame", None)
        if isinstance(lazy, type) and isinstance(table, lazy):
            raise InputError.single(
                path, "a Polars LazyFrame is a query, not columns; give its result: frame.collect()"
            )
        # An Arrow table's ``columns`` are its arrays: its names are ``column_names``.
        names = getattr(table, "column_names", None)
        if names is None:
            names = getattr(table, "columns", None)
        if names is None or isinstance(names, str | bytes) or not isinstance(names, Iterable):
            raise InputError.single(
                path,
                f"expected a mapping of fact paths to columns (or a Polars DataFrame, an Arrow "
                f"table), got {shown(table)}; e.g. {_TABLE_EXAMPLE}",
            )
        found = {str(name): table[name] for name in names}  # type: ignore[index]
    for name, column in found.items():
        if not isinstance(name, str):
            raise InputError.single(
                path,
                f"expected texts as column names (dotted fact paths), got {shown(name)}; "
                f"e.g. {_TABLE_EXAMPLE}",
            )
        _length(column, f"{path}.{name}")
    return found


def _length(column: object, path: str) -> int:
    """The number of rows of ``column``: a sized, one-dimensional sequence of values (a text,
    a mapping or a set is none; a generator has no length; a 0-d or 2-d array no rows)."""
    if not isinstance(column, Scaled | Flags | Categories | Members | Dates):
        if (
            column is None
            or isinstance(column, str | bytes | bytearray | Mapping | AbstractSet)
            or not isinstance(column, Sized)
        ):
            raise InputError.single(
                path, f"expected a column of values, got {shown(column)}; e.g. {_COLUMN_EXAMPLE}"
            )
        shape = getattr(column, "shape", None)
        if isinstance(shape, tuple) and len(shape) != 1:
            raise InputError.single(
                path,
                f"expected a column of one dimension, got an array of shape {shape}; "
                f"e.g. {_COLUMN_EXAMPLE}",
            )
    try:
        return len(column)
    except TypeError as error:  # a __len__ that refuses (an unsized view)
        raise InputError.single(
            path, f"expected a column of values, got {shown(column)}; e.g. {_COLUMN_EXAMPLE}"
        ) from error


def _size(
    columns: Mapping[str, object],
    path: str = "$.columns",
    *,
    first: str | None = None,
    rows: int = 0,
) -> int:
    """The common length of ``columns`` (``rows`` when there are none: the records'
    count :func:`from_records` knows); a column of another length is refused at its path,
    measured against ``first`` (or the first column)."""
    if not columns:
        return rows
    names = list(columns)
    anchor = first if first is not None and first in columns else names[0]
    size = _length(columns[anchor], f"{path}.{anchor}")
    for name in names:
        length = _length(columns[name], f"{path}.{name}")
        if length != size:
            raise InputError.single(
                f"{path}.{name}",
                f"expected {size} rows like the column {anchor!r}, got {length}",
            )
    return size


def _lists_of(lists: object) -> dict[str, dict[str, object]]:
    """The long tables by the list they hold (``lists``: a mapping of list keys to tables)."""
    if lists is None:
        return {}
    if not isinstance(lists, Mapping):
        raise InputError.single(
            "$.lists",
            f"expected a mapping of list keys to long tables, got {shown(lists)}; e.g. "
            f'{{"years": {{"application": [0, 0, 1], "year": [2023, 2024, 2024]}}}}',
        )
    out: dict[str, dict[str, object]] = {}
    for key, table in lists.items():
        if not isinstance(key, str):
            raise InputError.single(
                "$.lists", f'expected texts as list keys, got {shown(key)}; e.g. "years"'
            )
        columns = _columns_of(table, f"$.lists.{key}")
        _size(columns, f"$.lists.{key}", first="application")
        out[key] = columns
    return out


@exact
def evaluate(
    ruleset_id: str,
    columns: object,
    *,
    on: dt.date,
    parameters: Mapping[str, object] | None = None,
    lists: Mapping[str, object] | None = None,
    results: bool = True,
) -> Result:
    """Decide every row of ``columns`` under ``ruleset_id`` as of ``on`` (see the module).

    ``results=False`` skips the key results (``Result.results`` and the items' results are
    then empty): the statuses alone, for a screening run that reads nothing else.
    """
    on = check_on(on)
    ruleset: Any = get_ruleset(ruleset_id)
    data = ruleset.data
    params = data.resolve(on, parameters)
    given = _columns_of(columns)
    size = _size(given, rows=columns.rows if isinstance(columns, RecordColumns) else 0)
    model = ruleset.facts_type
    table = Table(model, given, size)
    long = {
        key: Items(key, item_model(model, key), value, size)
        for key, value in _lists_of(lists).items()
    }
    batch = Batch(ruleset_id, table, long, params.values, on, data)
    prof = profile_of(ruleset_id)
    lowered = _kernels(ruleset, batch, prof if results else _bare(prof), params)
    if lowered is None:
        table.row_path[:] = True
        findings: dict[str, Codes] = {}
        computed: Mapping[str, Scaled | Deferred] = {}
        batch.item_findings.clear()
    else:
        findings, computed = lowered
    status = _aggregate(findings, batch, data, size)
    written = _Written(
        findings,
        status,
        {k: ResultColumn(v) for k, v in computed.items()},
        {
            p: {k: ResultColumn(v) for k, v in f.results.items()}
            for p, f in batch.item_findings.items()
        },
    )
    errors = _row_path(ruleset, batch, on, parameters, prof if results else None, written)
    lock = threading.Lock()  # one per result: its columns are finished once, on first read
    finished = _Columns(written.results, lock)
    overflow = _Overflows(finished, written.results)
    items = {
        prefix: attrs.evolve(
            found,
            application=_frozen(found.application),
            status=_frozen(found.status),
            results=_Columns(written.items[prefix], lock),
        )
        for prefix, found in batch.item_findings.items()
    }
    index = {p: batch.lists[f.list] for p, f in items.items() if f.list in batch.lists}
    return Result(
        ruleset_id,
        on,
        _frozen(status),
        {k: _frozen(v) for k, v in findings.items()},
        _frozen(table.row_path),
        errors,
        finished,
        items,
        overflow,
        index,
    )


def _frozen(array: npt.NDArray[Any]) -> npt.NDArray[Any]:
    """A read-only view of ``array``: a result stays as it was returned (a view costs nothing,
    and leaves the array it shows — perhaps a column the caller gave — writable for them)."""
    view = array.view()
    view.flags.writeable = False
    return view


def _frozen_scaled(column: Scaled) -> Scaled:
    return Scaled(_frozen(column.values), column.exponent, _frozen(column.mask()))


class _Columns(Mapping[str, Scaled]):
    """Result columns, each finished when first read (a deferred one is computed then: most
    callers read few results), once, under the lock shared by every mapping of one result."""

    def __init__(self, columns: Mapping[str, ResultColumn], lock: threading.Lock) -> None:
        self._columns = columns
        self._lock = lock
        self._done: dict[str, Scaled] = {}

    def __getitem__(self, name: str) -> Scaled:
        found = self._done.get(name)
        if found is None:
            column = self._columns[name]  # a KeyError for a name it does not have
            with self._lock:
                found = self._done.get(name)
                if found is None:
                    found = self._done[name] = _frozen_scaled(column.finish())
        return found

    def __iter__(self) -> Iterator[str]:
        return iter(self._columns)

    def __contains__(self, name: object) -> bool:
        return name in self._columns  # without finishing the column

    def __len__(self) -> int:
        return len(self._columns)

    def __repr__(self) -> str:
        return f"<result columns {list(self._columns)}>"

    def __reduce__(self) -> tuple[Any, tuple[dict[str, Scaled]]]:
        """Pickled finished (a deferred column is made now): no function, no lock."""
        return (_finished_columns, ({name: self[name] for name in self._columns},))


def _finished_columns(done: dict[str, Scaled]) -> _Columns:
    """Result columns already finished (unpickled), read-only again."""
    out = _Columns(dict.fromkeys(done), threading.Lock())  # type: ignore[arg-type]
    out._done = {name: _frozen_scaled(column) for name, column in done.items()}
    return out


class _Overflows(Mapping[str, Mapping[int, Any]]):
    """Per result, the row path's values beyond ``int64`` ({row: Decimal}), complete once
    the result's column is finished (reading one finishes it)."""

    def __init__(self, columns: _Columns, written: Mapping[str, ResultColumn]) -> None:
        self._columns = columns
        self._written = written

    def __getitem__(self, name: str) -> Mapping[int, Any]:
        self._columns[name]  # finished: its overflow is complete (a KeyError if no such result)
        found = self._written[name].overflow
        if not found:
            raise KeyError(name)
        return found

    def __iter__(self) -> Iterator[str]:
        return iter([name for name in self._written if name in self])

    def __len__(self) -> int:
        return sum(1 for _ in self)

    def __repr__(self) -> str:
        return f"<result overflows {dict(self)}>"

    def __reduce__(self) -> tuple[Any, tuple[_Columns, dict[str, Any]]]:
        """Pickled complete (every result finished): ``{name: {row: Decimal}}``."""
        return (_fixed_overflows, (self._columns, {name: dict(self[name]) for name in self}))


@attrs.frozen
class _Fixed:
    overflow: Mapping[int, Any]


def _fixed_overflows(columns: _Columns, found: dict[str, Any]) -> _Overflows:
    written = {name: _Fixed(found.get(name, {})) for name in columns}
    return _Overflows(columns, written)  # type: ignore[arg-type]


def _bare(prof: Profile | None) -> Profile | None:
    """``prof`` without its results (``evaluate(…, results=False)``)."""
    if prof is None:
        return None
    return attrs.evolve(prof, results=lambda batch: {}, items=lambda batch, prefix: {})


def _kernels(
    ruleset: Any, batch: Batch, prof: Profile | None, params: Any
) -> tuple[dict[str, Codes], Mapping[str, Scaled | Deferred]] | None:
    """The findings and results of the kernels (``None``: the rule set has none)."""
    definition = getattr(ruleset, "definition", None)
    if definition is None or prof is None:
        return None
    try:
        _prepare(ruleset, definition, batch, params, prof)
        batch.adopt(definition.walk())
        _screen(batch, prof.maps)
        prof.checks(batch)
        findings: dict[str, Codes] = {}
        for criterion in definition.criteria:
            if criterion.many and isinstance(criterion, EachItem):
                found = _lists.lower_each(criterion, batch)
                columns = prof.items(batch, criterion.id)
                batch.item_findings[criterion.id] = attrs.evolve(found, results=columns)
            else:
                findings[criterion.id] = lower(criterion, batch)
        results = prof.results(batch)
    except NotLowered:
        return None
    for items in batch.lists.values():
        items.refuse_applications(batch.table)  # values read by the kernels after the screen
    return findings, results


def _prepare(ruleset: Any, definition: Any, batch: Batch, params: Any, prof: Profile) -> None:
    """What the row path checks before any application: the in-force window (once, or row by
    row by the profile's ``in_force`` when the facts give the date it is checked at), the
    definition's ``prepare`` (relations between parameters) and the rule set's
    ``parameter_problems`` (refused overrides: an ``InputError`` for the whole call)."""
    if type(ruleset).in_force_date is not BaseRuleSet.in_force_date:
        if prof.in_force is None:
            raise NotLowered("the in-force date depends on the facts")
        prof.in_force(batch)
    else:
        try:
            ruleset.check_in_force(batch.on, [], params)
        except NotInForce as error:  # each row's facts may be refused first: the row path says
            raise NotLowered("not in force on the evaluation date") from error
    if definition.prepare is not None:
        try:
            blank = definition.facts()
        except TypeError:  # a fact is required: its prepare reads one application, not the batch
            blank = None
        if blank is not None:
            definition.prepare(Row(blank, Context(on=batch.on, params=params, data=batch.data)))
    if params.overrides:
        problems = ruleset.parameter_problems(params, batch.on)
        if problems:  # refused overrides: the whole call, as every row would be
            raise InputError(list(problems))


def _screen(batch: Batch, maps: tuple[str, ...]) -> None:
    """Rows the columns cannot express go to the row path: a column naming no fact, a nested
    value given otherwise than as a long table, an item the kernels cannot read, too many."""
    table = batch.table
    table.screen(maps)
    for key, items in batch.lists.items():
        items.table.screen(complete=not items.opaque)
        items.refuse_applications(table)
        if key in table.raw:  # a row giving the list twice (items and a value)
            table.row_path |= items.nonempty() & _given_value(table, key)
    lists = list(batch.lists.values())
    if sum(items.most for items in lists) > MAX_ITEMS:  # rarely: count them row by row
        total = sum((items.count for items in lists), np.zeros(batch.size, dtype=np.int64))
        table.row_path |= total > MAX_ITEMS


def _given_value(table: Table, key: str) -> npt.NDArray[np.bool_]:
    """Rows giving the list ``key`` as a value of the application column too: a pre-parsed
    column's present rows (its mask), else the rows not :data:`ABSENT`."""
    values = table.raw[key]
    if isinstance(values, Scaled | Flags | Categories | Members | Dates):
        return values.mask()
    given = np.array([v is not ABSENT for v in _to_list(values)], dtype=np.bool_)
    if isinstance(values, np.ma.MaskedArray):  # a masked entry is a fact not given
        given &= ~np.ma.getmaskarray(values)
    return given


def _to_list(values: object) -> list[Any]:
    found: Any = values
    if hasattr(found, "to_list"):
        found = found.to_list()
    elif hasattr(found, "tolist"):
        found = found.tolist()
    return list(found)


assert _decide.decision_codes() == _DECISION_CODES  # the codes the summary byte gives
_OPEN = (Status.UNKNOWN, Status.REVIEW)


def _aggregate(findings: Mapping[str, Codes], batch: Batch, data: Any, size: int) -> Codes:
    """The decision codes over the binding findings (not_met, else unknown/review, else met),
    eight rows a machine word (:mod:`nmgpolicy.columnar._decide`)."""
    unbound = batch.memo.get(UNBOUND, ())  # bound row by row: their summary decides
    binding = (
        codes
        for finding_id, codes in findings.items()
        if finding_id not in unbound
        and ((info := data.criteria.get(finding_id)) is None or info.binding)
    )
    extra: list[tuple[npt.NDArray[np.bool_], int]] = []
    for prefix, found in batch.item_findings.items():
        info = data.criteria.get(prefix)
        if info is None or info.binding:
            items = batch.lists[found.list]
            for status in (Status.NOT_MET, *_OPEN):
                flagged = found.status == _STATUS_CODES[status]
                if flagged.any():
                    bit = _decide.OPEN_BIT if status in _OPEN else _decide.NOT_MET_BIT
                    extra.append((items.any(flagged), bit))
    return _decide.decide(binding, size, extra)


# --------------------------------------------------------------------------------------------
# The row path
# --------------------------------------------------------------------------------------------


@attrs.define
class _Written:
    findings: dict[str, Codes]
    status: Codes
    results: dict[str, ResultColumn]
    items: dict[str, dict[str, ResultColumn]]


def _row_path(
    ruleset: Any,
    batch: Batch,
    on: dt.date,
    parameters: Mapping[str, object] | None,
    prof: Profile | None,
    written: _Written,
) -> dict[int, NmgPolicyError]:
    """Decide the rows marked for the row path one by one, writing their codes in place."""
    errors: dict[int, NmgPolicyError] = {}
    rows = np.flatnonzero(batch.table.row_path)
    if not len(rows):
        return errors
    for result in written.results.values():
        result.clear(rows)
    for prefix, found in batch.item_findings.items():
        at = np.isin(found.application, rows)
        found.status[at] = -1
        for column in written.items[prefix].values():
            column.clear(at)
    for row in rows.tolist():
        facts = facts_of_row(batch.table, row)
        for key, items in batch.lists.items():
            if items.count[row]:
                facts[key] = items.facts(row)
        try:
            decision = ruleset.evaluate(facts, on=on, parameters=parameters)
        except NmgPolicyError as error:
            errors[row] = error
            written.status[row] = -1
            for codes in written.findings.values():
                codes[row] = -1
            continue
        _write(decision, row, batch, written, prof)
    return errors


def _write(
    decision: Decision, row: int, batch: Batch, written: _Written, prof: Profile | None
) -> None:
    written.status[row] = _DECISION_CODES[decision.status]
    prefixes = {f"{p}.": p for p in batch.item_findings}
    per_item: dict[str, list[int]] = {p: [] for p in batch.item_findings}
    for finding in decision.findings:
        prefix = next((p for d, p in prefixes.items() if finding.id.startswith(d)), None)
        if prefix is not None:
            per_item[prefix].append(_STATUS_CODES[finding.status])
            continue
        codes = written.findings.get(finding.id)
        if codes is None:
            codes = written.findings[finding.id] = np.full(len(written.status), -1, np.int8)
        codes[row] = _STATUS_CODES[finding.status]
    for prefix, codes_of_items in per_item.items():
        found = batch.item_findings[prefix]
        items = batch.lists.get(found.list)
        if items is None:  # no long table given: the row path saw no items either
            continue
        positions = items.positions(row)
        if len(positions) == len(codes_of_items):
            found.status[positions] = codes_of_items
            if prof is not None:
                for name, values in prof.item_results(decision, prefix).items():
                    column = written.items[prefix][name]
                    for position, value in zip(positions.tolist(), values, strict=True):
                        column.put(position, value)
    if prof is not None:
        for name, value in prof.from_decision(decision).items():
            if name in written.results:
                written.results[name].put(row, value)
