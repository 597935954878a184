"""The first_set rule set's own kinds and measures over columns (``rules/_first_set_kinds.py``,
``rules/first_set.py``), for :mod:`nmgpolicy.columnar._first_set`.

Each kind is lowered by asking the kind itself: its status function is called once for each
combination of the values a row can hold (a category, a code, yes / no / absent), and the rows
then look their status up, so nothing of the article is restated:

* :class:`ByCategory` — the threshold of the row's category (第五条（五）), on the unit value;
* :class:`ClassifiedUnder` — the SEI 2018 code of a new material (第五条（二））;
* :class:`HeldWhereNeeded` — the licence and the CCC certificate where needed (第五条（四））;
* :class:`Checklist` — the 第八条 documents, a finding only where the facts list them (its
  status column is ``-1``, no finding, elsewhere).

Two fact types get their reading here (:func:`~nmgpolicy.columnar._readers.register_reader`):
``unit_value`` (a ``Measure``, its kind set by its unit) is read as its texts (a
:class:`~nmgpolicy.columnar.Categories`), each distinct text parsed once by the row path's own
parser (:func:`unit_values`); ``documents`` (a list of ids) as a
:class:`~nmgpolicy.columnar.Members` over the ids seen. The measures ``new_material`` and
``sei_code`` are the row path's measures, computed once per distinct category or code; the
conditions worded as an absence (``not <fact>``) are the fact negated.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable, Sequence
from decimal import Decimal
from typing import Any

import numpy as np

from nmgpolicy import convert
from nmgpolicy.columnar._columns import (
    INT64_MAX,
    BoolArray,
    Categories,
    Column,
    Flags,
    IntArray,
    Members,
    Scaled,
)
from nmgpolicy.columnar._kernels import (
    CODES,
    MET,
    REVIEW,
    UNKNOWN,
    Batch,
    Codes,
    NotLowered,
    compare_scaled,
    lowering,
    measure_lowering,
    statuses,
)
from nmgpolicy.columnar._readers import _MAX_TEXT, _split, register_reader
from nmgpolicy.columnar._readers import _categories as _categories_reader
from nmgpolicy.criteria import Flag, Threshold
from nmgpolicy.definition import Fact, Measure, Row
from nmgpolicy.engine import Context, get_ruleset
from nmgpolicy.errors import NmgPolicyError
from nmgpolicy.limits import BUDGET
from nmgpolicy.outcome import Status
from nmgpolicy.params import Resolved
from nmgpolicy.rules import first_set as rules
from nmgpolicy.rules._first_set_kinds import ByCategory, Checklist, ClassifiedUnder, HeldWhereNeeded

__all__ = ["DOCUMENT_COUNTS", "codes_of", "texts", "unit_values"]

RULESET = "first_set"

_STATES: tuple[bool | None, ...] = (None, False, True)
"""A yes/no fact as an index: 0 absent, 1 false, 2 true."""


# --------------------------------------------------------------------------------------------
# Reading
# --------------------------------------------------------------------------------------------


def _row(batch: Batch, facts: Any) -> Row:
    """A row of ``facts`` under the batch's parameters (to ask a measure or a kind)."""
    resolved = Resolved(batch.params, {})
    return Row(facts, Context(on=batch.on, params=resolved, data=batch.data))


def _flags(value: object, what: str) -> Flags | None:
    if value is not None and not isinstance(value, Flags):
        raise NotLowered(f"{what}: expected yes/no values")
    return value


def texts(value: object, what: str) -> Categories | None:
    if value is not None and not isinstance(value, Categories):
        raise NotLowered(f"{what}: expected texts")
    return value


def _state(column: Flags | None, size: int) -> IntArray:
    """Each row's yes/no fact as an index into :data:`_STATES`."""
    if column is None:
        return np.zeros(size, dtype=np.int64)
    state = column.values.astype(np.int64) + 1
    if column.valid is not None:
        state = np.where(column.valid, state, 0)
    return state


def codes_of(column: Categories | None, size: int) -> tuple[IntArray, int]:
    """Each row's label index, ``len(labels)`` where absent; and that absent index."""
    if column is None:
        return np.zeros(size, dtype=np.int64), 0
    absent = len(column.labels)
    return np.where(column.mask(), column.codes, absent).astype(np.int64), absent


def _label_table(column: Categories | None, of: Callable[[str | None], Any]) -> list[Any]:
    """``of(label)`` for each label of ``column`` and (last) for an absent value."""
    labels: Sequence[str] = () if column is None else column.labels
    return [of(label) for label in (*labels, None)]


def _unit_texts(tp: Any, given: object) -> tuple[Column, BoolArray]:
    """A unit value (its kind set by its unit) as its texts: each distinct one is parsed by the
    row path's parser (:func:`unit_values`)."""
    return _categories_reader(str, given)


def _text_sets(tp: Any, given: object) -> tuple[Column, BoolArray]:
    """A list of texts per row (ids a rule set checks itself) as a set: :class:`Members` over
    the texts seen, in order of first sight (a row with a text past the 63rd, or a list that is
    not of texts, refused); each distinct list read once."""
    if isinstance(given, Members):
        return given, np.zeros(len(given), dtype=np.bool_)
    array, present, _ = _split(given)
    bits = np.zeros(len(array), dtype=np.int64)
    labels: dict[str, int] = {}
    seen: dict[object, int] = {}
    for row in np.flatnonzero(present).tolist():
        value = array[row]
        items: Any = value.tolist() if isinstance(value, np.ndarray) else value
        if type(items) not in (list, tuple) or len(items) > BUDGET.max_list_length:
            bits[row] = -1
            continue
        try:
            key: object = tuple(items)
            found = seen.get(key)
        except TypeError:  # an unhashable item: not a text
            key, found = None, -1
        if found is None:
            found = seen[key] = _set_bits(items, labels)
        bits[row] = found
    refused = bits < 0
    return Members(np.where(refused, 0, bits), tuple(labels)[:63], present & ~refused), refused


def _set_bits(items: Any, labels: dict[str, int]) -> int:
    """The bits of one list of texts (new texts labelled in order), -1 if it cannot be held."""
    out = 0
    for item in items:
        if type(item) is not str or len(item) > _MAX_TEXT:
            return -1
        bit = labels.setdefault(item, len(labels))
        if bit >= 63:
            return -1
        out |= 1 << bit
    return out


register_reader(convert.Measure, _unit_texts)
register_reader(tuple[str, ...], _text_sets)


# --------------------------------------------------------------------------------------------
# Measures
# --------------------------------------------------------------------------------------------


def _holds_when_false(batch: Batch, path: str) -> Flags | None:
    """A condition worded as an absence: the fact at ``path`` negated (absent stays absent)."""
    column = _flags(batch.table.column(path), path)
    return None if column is None else Flags(~column.values, column.valid)


def _register_absences() -> None:
    """The measures ``not <path>`` of the definition's conditions worded as an absence."""
    for criterion in rules.DEFINITION.criteria:
        value = getattr(criterion, "value", None)
        if isinstance(criterion, Flag) and isinstance(value, Measure):
            path = value.name.removeprefix("not ")
            if path == value.name:
                continue

            def lowered(measure: Any, batch: Batch, path: str = path) -> Flags | None:
                return _holds_when_false(batch, path)

            measure_lowering(ruleset=RULESET, name=value.name)(lowered)


_register_absences()


@measure_lowering(ruleset=RULESET, name=rules.new_material.name)
def _new_material(measure: Any, batch: Batch) -> Flags:
    """The row path's measure, once per category (absent where the category is)."""
    column = texts(batch.table.column("category"), "category")
    codes, _ = codes_of(column, batch.size)
    found = _label_table(
        column,
        lambda c: rules.new_material.function(_row(batch, rules.FirstSetFacts(c))),  # type: ignore[arg-type]
    )
    state = np.array([_STATES.index(v) for v in found], dtype=np.int64)[codes]
    return Flags(state == 2, state > 0)


@measure_lowering(ruleset=RULESET, name=rules.sei_code.name)
def _sei_code(measure: Any, batch: Batch) -> Categories | None:
    """The row path's measure (the code normalised), once per distinct code."""
    column = texts(batch.table.column("product.sei_code"), "product.sei_code")
    if column is None:
        return None

    def code(label: str | None) -> str | None:
        facts = rules.FirstSetFacts(product=rules.Product(sei_code=label))
        found: str | None = rules.sei_code.function(_row(batch, facts))
        return found

    normal = _label_table(column, code)[:-1]
    labels = tuple(dict.fromkeys(x for x in normal if x is not None))
    remap = np.array([labels.index(x) if x is not None else -1 for x in normal] + [-1])
    codes, _ = codes_of(column, batch.size)
    mapped = remap[codes]
    return Categories(mapped, labels, mapped >= 0)


_UNIT_VALUES = "first_set#unit_values"


def unit_values(batch: Batch) -> tuple[Scaled, IntArray, tuple[Any, ...]] | None:
    """The unit value of each row in its kind's canonical unit, and its kind (an index into
    the kinds returned): each distinct text parsed once by the row path's parser; a text it
    refuses, or a value beyond ``int64`` at the common scale, sends its rows to the row path."""
    if _UNIT_VALUES in batch.memo:
        found: tuple[Scaled, IntArray, tuple[Any, ...]] | None = batch.memo[_UNIT_VALUES]
        return found
    column = texts(batch.table.column("unit_value"), "unit_value")
    found = None if column is None else _parse_units(batch, column)
    batch.memo[_UNIT_VALUES] = found
    return found


def _finest_exponent(batch: Batch) -> int:
    """The finest scale at which every unit-value threshold of the rule set still fits in
    ``int64``: one finely written value must not put the thresholds — and so every row —
    out of the kernels' reach (a value finer than this scale goes to the row path alone)."""
    definition: Any = getattr(get_ruleset(batch.ruleset), "definition", None)
    required = [
        abs(Decimal(batch.param(case.param)))
        for criterion in definition.walk()
        if isinstance(criterion, ByCategory)
        for _, case in criterion.cases
        if isinstance(case, Threshold)
    ]
    digits = len(str(int(max(required, default=Decimal(0)))))
    return max(-18, digits - 18)


def _parse_units(batch: Batch, column: Categories) -> tuple[Scaled, IntArray, tuple[Any, ...]]:
    hook = convert._SCALARS[convert.Measure]
    parsed: list[convert.Measure | None] = []
    for label in column.labels:
        try:
            parsed.append(hook(label))  # type: ignore[arg-type]
        except (NmgPolicyError, convert._FieldError):
            parsed.append(None)
    numbers = [m.value.normalize() for m in parsed if m is not None]
    exponent = min([0, *(int(n.as_tuple().exponent) for n in numbers)])
    exponent = max(exponent, _finest_exponent(batch))  # a value finer: its rows → row path
    kinds = tuple(dict.fromkeys(m.kind for m in parsed if m is not None))
    values = np.zeros(len(parsed) + 1, dtype=np.int64)
    kind = np.full(len(parsed) + 1, -1, dtype=np.int64)
    bad = np.ones(len(parsed) + 1, dtype=np.bool_)
    for k, m in enumerate(parsed):
        if m is None:
            continue
        scaled = m.value.scaleb(-exponent)
        if scaled == scaled.to_integral_value() and abs(scaled) <= INT64_MAX:
            values[k], kind[k], bad[k] = int(scaled), kinds.index(m.kind), False
    codes, absent = codes_of(column, batch.size)
    bad[absent] = False
    batch.refuse(bad[codes])
    present = column.mask() & ~bad[codes]
    return Scaled(values[codes], exponent, present), kind[codes], kinds


# --------------------------------------------------------------------------------------------
# The rule set's kinds
# --------------------------------------------------------------------------------------------


@lowering(ByCategory)
def _by_category(criterion: ByCategory, batch: Batch) -> Codes:
    """Category absent → unknown; else its case decides (a threshold on the unit value)."""
    key = texts(batch.value(criterion.key), criterion.id)
    codes = batch.fill(UNKNOWN)
    if key is None:
        return codes
    units = unit_values(batch) if criterion.cases else None
    for value, case in criterion.cases:
        if not isinstance(case, Threshold) or case.value != Fact("unit_value.value"):
            raise NotLowered(f"{criterion.id}: a case other than a threshold on the unit value")
        if value not in key.labels or units is None:
            continue
        rows = key.mask() & (key.codes == key.labels.index(value))
        column = units[0]
        holds = compare_scaled(column, batch.param(case.param), case.compare, batch.table)
        found = statuses(column.mask(), holds, REVIEW if case.soft else CODES[Status.NOT_MET])
        codes[rows] = found[rows]
    return codes


@lowering(ClassifiedUnder)
def _classified_under(criterion: ClassifiedUnder, batch: Batch) -> Codes:
    """The kind's own status, once per (applies: absent / no / yes) × (each code, none)."""
    applies = _flags(batch.value(criterion.applies), criterion.id)
    code = texts(batch.value(criterion.code), criterion.id)
    codes, absent = codes_of(code, batch.size)
    width = absent + 1
    table = [
        CODES[criterion.status(a, label)]
        for a in _STATES
        for label in (*(code.labels if code is not None else ()), None)
    ]
    index = _state(applies, batch.size) * width + codes
    found: Codes = np.array(table, dtype=np.int8)[index]
    return found


@lowering(HeldWhereNeeded)
def _held_where_needed(criterion: HeldWhereNeeded, batch: Batch) -> Codes:
    """The kind's own status, once per combination of each permit's need and holding."""
    index = np.zeros(batch.size, dtype=np.int64)
    width = 1
    for need in criterion.needs:
        needs = _state(_flags(batch.value(need.needs), criterion.id), batch.size)
        has = _state(_flags(batch.value(need.has), criterion.id), batch.size)
        index += (needs * 3 + has) * width
        width *= 9
    table = []
    for combination in itertools.product(range(9), repeat=len(criterion.needs)):
        parts = [
            need.status(_STATES[c // 3], _STATES[c % 3])
            for need, c in zip(criterion.needs, reversed(combination), strict=True)
        ]
        table.append(CODES[criterion.combine(parts)])
    return np.array(table, dtype=np.int8)[index]


DOCUMENT_COUNTS = "first_set#documents"


@lowering(Checklist)
def _checklist(criterion: Checklist, batch: Batch) -> Codes:
    """Unknown while a required item is missing or its need open, else met; ``-1`` (no
    finding) where the facts do not list the documents. Whether an item is required is the
    kind's own answer, once per category (or none) and per value of the fact it reads."""
    submitted = batch.value(criterion.submitted)
    if submitted is None:
        batch.memo[DOCUMENT_COUNTS] = None
        return batch.fill(-1)
    if not isinstance(submitted, Members):
        raise NotLowered(f"{criterion.id}: expected a set of document ids")
    category = texts(batch.value(criterion.category), criterion.id)
    cats, _ = codes_of(category, batch.size)
    bits = submitted.bits.astype(np.int64)
    missing = np.zeros(batch.size, dtype=np.int64)
    open_ = np.zeros(batch.size, dtype=np.int64)
    labels = (*(category.labels if category is not None else ()), None)
    for item in criterion.items:
        fact = Fact(f"{criterion.facts}.{item.fact}") if item.fact else None
        table = np.array(
            [
                [_STATES.index(_required(criterion, item, c, v, batch)) for v in _STATES]
                for c in labels
            ],
            dtype=np.int64,
        )
        if (table == 1).all():
            continue  # never required: never missing, never open
        held = np.zeros(batch.size, dtype=np.bool_)
        if item.id in submitted.labels:
            held = (bits >> submitted.labels.index(item.id)) & 1 == 1
        if (table == table[0, 0]).all():  # the same answer for every row (always required)
            needed: Any = int(table[0, 0])
        else:
            state = _state(_flags(batch.value(fact), criterion.id) if fact else None, batch.size)
            needed = table[cats, state]
        missing += (needed == 2) & ~held
        open_ += (needed == 0) & ~held
    given = submitted.mask()
    batch.memo[DOCUMENT_COUNTS] = (missing, open_, given)
    codes = np.where((missing + open_) > 0, np.int8(UNKNOWN), np.int8(MET)).astype(np.int8)
    codes[~given] = -1
    return codes


def _required(
    criterion: Checklist, item: Any, category: str | None, value: Any, batch: Batch
) -> Any:
    product = rules.Product(**{item.fact: value}) if item.fact else None
    facts = rules.FirstSetFacts(category, product=product)  # type: ignore[arg-type]
    return criterion.required(item, category, _row(batch, facts))
