"""Each criterion kind lowered to an array kernel: the statuses of one finding for every row.

A lowering reads the criterion's own fields — the fact or measure it reads, the parameter, the
comparison, ``soft``, ``expected`` — so the columnar path is derived from the same definition as
the row path; nothing legal is restated here. Comparisons are exact: a parameter ``r`` against
a column of ``v × 10**e`` is ``v × d ⋈ n`` with ``n/d = r × 10**-e`` in integers, after a guard
that sends to the row path every row whose product could overflow ``int64``.

Three registries:

* :func:`lowering` — the kernel of a criterion *kind* (its subclasses inherit it);
* :func:`measure_lowering` — the columnar value of a *measure*: by the measure's class for a
  generic one (the years of a window), or by rule set and name for a rule-specific one (the
  counted capacity of a ferroalloy plan);
* :func:`profile` — what a rule set adds around its criteria: the checks its ``parse_facts``
  makes (rows failing them go to the row path, which words the error), its results.

A kind without a lowering (or a measure without one) is decided by the row path, every row.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Mapping, Sequence
from decimal import Decimal
from typing import Any, TypeVar

import attrs
import numpy as np
import numpy.typing as npt

from nmgpolicy.columnar._columns import (
    INT64_MAX,
    BoolArray,
    Column,
    Flags,
    IntArray,
    Scaled,
    array_key,
    none,
    refuses,
)
from nmgpolicy.columnar._items import Items
from nmgpolicy.columnar._read import Table, to_numpy
from nmgpolicy.criteria import Applies, Compare, Flag, Threshold
from nmgpolicy.definition import Criterion, Fact, Measure, Param, Ref
from nmgpolicy.outcome import Decision, Status

__all__ = [
    "CODES",
    "UNBOUND",
    "Batch",
    "Codes",
    "ItemFindings",
    "NotLowered",
    "Profile",
    "compare_exact",
    "compare_scaled",
    "lower",
    "lowering",
    "measure_lowering",
    "measure_owner",
    "peak_of",
    "product_into",
    "profile",
    "small_lookup",
    "statuses",
]

CODES: dict[Status, int] = {
    Status.MET: 0,
    Status.NOT_MET: 1,
    Status.UNKNOWN: 2,
    Status.REVIEW: 3,
    Status.NOT_APPLICABLE: 4,
}
"""The code of each finding status in a status column (``int8``)."""

MET, NOT_MET, UNKNOWN, REVIEW, NOT_APPLICABLE = (CODES[s] for s in Status)
assert max(CODES.values()) == NOT_APPLICABLE  # :func:`_applies` takes the larger code

UNBOUND = "#unbound"
"""The key in :attr:`Batch.memo` of the set of finding ids the decision leaves out: findings
whose binding the row path sets row by row (the parts of a route, bound by their summary —
:func:`~nmgpolicy.criteria_scoring.bind_routes`), where a binding summary carries the outcome."""

Codes = npt.NDArray[Any]
"""A status column: ``int8`` codes (:data:`CODES`)."""
Lowered = Callable[[Any, "Batch"], Codes]
MeasureLowered = Callable[[Any, "Batch"], Any]
T = TypeVar("T")

_LOWERINGS: dict[type, Lowered] = {}
_MEASURE_KINDS: dict[type, MeasureLowered] = {}
_MEASURES: dict[tuple[str, str], MeasureLowered] = {}
_PROFILES: dict[str, Profile] = {}
_OWNERS: dict[type, Callable[[Any, Batch], Mapping[str, Callable[[], Any]]]] = {}


class NotLowered(Exception):
    """A criterion the kernels cannot decide: the row path decides it."""


@attrs.frozen(eq=False)
class ItemFindings:
    """The findings of a kind that decides one per item (``<id>.<item id>``): a status per
    item row of the long table ``list`` (-1 where its application was refused), and results
    per item (``results``, e.g. the capacity a retired unit counts for)."""

    list: str
    application: IntArray
    status: Codes
    results: Mapping[str, Scaled] = attrs.field(factory=dict)


@attrs.frozen
class Profile:
    """What a rule set adds around its criteria on the columnar path.

    ``checks(batch)`` sends to the row path the rows its ``parse_facts`` would refuse;
    ``results(batch)`` gives the key results per row (``{name: Scaled …}``; a function of no
    argument instead of a column computes it when first read, and must send no row to the
    row path);
    ``from_decision(decision)`` gives the same results of a row the row path decided (a
    mapping of name → ``Decimal | int | None``); ``item_results(decision, prefix)`` the
    results per item of a row the row path decided (``{name: [value per item]}``) and
    ``items(batch, prefix)`` the kernels' (``{name: Scaled over the item rows}``);
    ``maps`` the mapping facts its lowerings read (:meth:`Table.mapping`);
    ``in_force(batch)``, for a rule set whose in-force window is checked at a date the facts
    give (``in_force_date``), checks the window row by row instead of once for the batch,
    sending to the row path each row it does not find in force (the row path then refuses it).
    """

    checks: Callable[[Batch], None]
    results: Callable[[Batch], Mapping[str, Scaled | Callable[[], Scaled]]]
    from_decision: Callable[[Decision], Mapping[str, Any]]
    item_results: Callable[[Decision, str], Mapping[str, list[Any]]] = lambda d, p: {}
    items: Callable[[Batch, str], Mapping[str, Scaled]] = lambda b, p: {}
    maps: tuple[str, ...] = ()
    """The mapping facts (``dict[str, X]``) the rule set's lowerings read themselves."""
    in_force: Callable[[Batch], None] | None = None


class Batch:
    """What a lowering reads: the table, the nested lists, the parameters in force, the
    evaluation date; what it writes: measures computed once, item findings, results."""

    def __init__(
        self,
        ruleset: str,
        table: Table,
        items: Mapping[str, Items],
        params: Mapping[str, Any],
        on: dt.date,
        data: Any,
    ) -> None:
        self.ruleset = ruleset
        self.table = table
        self.lists = items
        self.params = params
        self.on = on
        self.data = data
        self.size = table.size
        self.memo: dict[str, Any] = {}
        self.owned: dict[str, Callable[[], Any]] = {}
        self.item_findings: dict[str, ItemFindings] = {}
        self._peaks = _Peaks([table, *(i.table for i in items.values())])

    def adopt(self, criteria: Iterable[Criterion]) -> None:
        """Learn the measures the criteria own (the band a tier lookup finds …)."""
        for criterion in criteria:
            owner = _first(_OWNERS, type(criterion))
            if owner is not None:
                self.owned.update(owner(criterion, self))

    def fact(self, ref: object) -> Column | None:
        """The column of a fact (``None``: not given, every row absent)."""
        if not isinstance(ref, Fact):
            raise NotLowered(f"{ref!r} has no columnar reading")
        return self.table.column(ref.path)

    def value(self, ref: Ref) -> Any:
        """The column of a fact, or the columnar value of a measure."""
        if isinstance(ref, Measure):
            return self.measure(ref)
        if isinstance(ref, Param):
            return self.param(ref)
        return self.fact(ref)

    def measure(self, ref: Measure) -> Any:
        """The columnar value of a measure, computed once per batch."""
        if ref.name not in self.memo:
            if ref.name in self.owned:
                self.memo[ref.name] = self.owned[ref.name]()
            else:
                function = _MEASURES.get((self.ruleset, ref.name))
                function = function or _first(_MEASURE_KINDS, type(ref))
                if function is None:
                    raise NotLowered(f"measure {ref.name} has no columnar reading")
                self.memo[ref.name] = function(ref, self)
        return self.memo[ref.name]

    def param(self, ref: Param | str) -> Any:
        return self.params[ref if isinstance(ref, str) else ref.name]

    def items(self, key: str) -> Items | None:
        """The long table of the nested list ``key`` (``None``: no items given)."""
        return self.lists.get(key)

    def given(self, key: str) -> BoolArray:
        """Per row: whether the nested list ``key`` is given (items, or an empty list)."""
        memo = f"{key}#given"
        if memo not in self.memo:
            self.memo[memo] = _list_given(self, key)
        given: BoolArray = self.memo[memo]
        return given

    def peak(self, values: IntArray) -> int:
        """The largest magnitude in ``values`` — an input column or a matrix of the years,
        never changed once made — found once per batch (by the range check that read the
        column, or one pass): the overflow guard of every product then costs no pass."""
        return self._peaks.of(values)

    def fill(self, status: Status | int) -> Codes:
        code = status if isinstance(status, int) else CODES[status]
        return np.full(self.size, code, dtype=np.int8)

    def refuse(self, rows: BoolArray) -> None:
        """Send ``rows`` to the row path."""
        self.table.row_path |= rows


def _first(registry: Mapping[type, T], kind: type) -> T | None:
    """The entry of ``kind`` or of its nearest base class in ``registry``."""
    for base in kind.__mro__:
        found = registry.get(base)
        if found is not None:
            return found
    return None


def _list_given(batch: Batch, key: str) -> BoolArray:
    items = batch.lists.get(key)
    out = np.zeros(batch.size, np.bool_) if items is None else items.nonempty()
    raw = batch.table.raw.get(key)
    if raw is not None:
        array, valid = to_numpy(raw)
        if array.dtype == object:
            empty = (type(v) is list and not v for v in array)
            listed = np.fromiter(empty, dtype=np.bool_, count=len(array))
            if valid is not None:  # a masked entry is a fact not given, whatever lies under it
                listed &= valid
            out = out | listed
    return out


class _Peaks:
    """The largest magnitude of each array a batch guards, found once: from the range checks
    of the tables' readings (by :func:`array_key`), else by one pass (kept with the array, so
    that its memory — the key — is not reused while the batch lives)."""

    def __init__(self, tables: Sequence[Table]) -> None:
        self._tables = tables
        self._found: dict[object, tuple[IntArray, int]] = {}

    def of(self, values: IntArray) -> int:
        key = array_key(values)
        for table in self._tables:
            known = table.peaks.get(key) if key is not None else None
            if known is not None:
                return known
        memo: object = key if key is not None else id(values)
        found = self._found.get(memo)
        if found is None or (key is None and found[0] is not values):
            found = self._found[memo] = (values, peak_of(values))
        return found[1]


# --------------------------------------------------------------------------------------------
# Registries
# --------------------------------------------------------------------------------------------


def lowering(kind: type) -> Callable[[Lowered], Lowered]:
    """Register the kernel of a criterion kind (its subclasses inherit it)."""

    def register(function: Lowered) -> Lowered:
        _LOWERINGS[kind] = function
        return function

    return register


def measure_lowering(
    kind: type | None = None, *, ruleset: str | None = None, name: str | None = None
) -> Callable[[MeasureLowered], MeasureLowered]:
    """Register the columnar value of a measure: of every measure of class ``kind``, or of the
    measure ``name`` of ``ruleset`` (rule-specific)."""

    def register(function: MeasureLowered) -> MeasureLowered:
        if kind is not None:
            _MEASURE_KINDS[kind] = function
        else:
            if ruleset is None or name is None:
                raise TypeError("a measure lowering needs a kind, or a rule set and a name")
            _MEASURES[(ruleset, name)] = function
        return function

    return register


def measure_owner(
    kind: type,
) -> Callable[[Callable[[Any, Batch], Mapping[str, Callable[[], Any]]]], Any]:
    """Register what a criterion kind owns: ``{measure name: function of no argument}``."""

    def register(function: Callable[[Any, Batch], Mapping[str, Callable[[], Any]]]) -> Any:
        _OWNERS[kind] = function
        return function

    return register


def profile(ruleset: str, value: Profile) -> Profile:
    """Register the :class:`Profile` of ``ruleset``."""
    _PROFILES[ruleset] = value
    return value


def profile_of(ruleset: str) -> Profile | None:
    return _PROFILES.get(ruleset)


def lower(criterion: Criterion, batch: Batch) -> Codes:
    """The status codes of ``criterion`` for every row (:class:`NotLowered` if it has none)."""
    for kind in type(criterion).__mro__:
        if kind in _LOWERINGS:
            return _LOWERINGS[kind](criterion, batch)
    raise NotLowered(type(criterion).__name__)


# --------------------------------------------------------------------------------------------
# Exact integer helpers
# --------------------------------------------------------------------------------------------


def statuses(
    valid: BoolArray | None,
    holds: BoolArray | None,
    failed: int = NOT_MET,
    absent: int = UNKNOWN,
    *,
    fails: BoolArray | None = None,
) -> Codes:
    """``MET`` where ``holds``, ``failed`` where not, ``absent`` where not ``valid`` (``None``:
    every row valid). Arithmetic on ``int8`` (met is 0), no lookup. ``fails`` instead of
    ``holds``: ``~holds`` already made (a fresh array, which becomes the codes)."""
    if fails is None:
        assert holds is not None
        fails = ~holds
    codes = fails.view(np.int8)  # a fresh array: ours to change
    if failed != 1:
        codes = codes * np.int8(failed)
    if valid is not None and not valid.all():
        np.copyto(codes, np.int8(absent), where=~valid)
    return codes


def small_lookup(table: Sequence[int], codes: npt.NDArray[np.integer[Any]]) -> npt.NDArray[Any]:
    """``table[codes]`` for a short table of small non-negative values, by shifting a packed
    integer (no index array: a gather with small-int indices widens them to ``intp``)."""
    width = max(1, max(table).bit_length())
    packed = sum(value << (k * width) for k, value in enumerate(table))
    dtype: Any = np.int8 if packed < 2**7 else np.int16 if packed < 2**15 else np.int64
    shift: npt.NDArray[Any] = codes.astype(dtype)  # a fresh array: worked on in place
    if width > 1:
        shift *= dtype(width)
    np.right_shift(dtype(packed), shift, out=shift)
    shift &= dtype((1 << width) - 1)
    return shift


def ratio_of(value: Decimal | int) -> tuple[int, int]:
    """``value`` as an exact fraction ``(numerator, denominator)``."""
    return Decimal(value).as_integer_ratio()


def peak_of(values: IntArray) -> int:
    """The largest magnitude in ``values`` (0 when empty)."""
    if not values.size:
        return 0
    return max(int(values.max()), -int(values.min()))


def times(values: IntArray, factor: int, risky: BoolArray, peak: int | None = None) -> IntArray:
    """``values × factor``; rows where that could overflow ``int64`` are added to ``risky``
    (and their product is 0). ``peak``: a known bound on the magnitude of ``values``
    (:meth:`Batch.peak`) — when the product of the bound fits, no pass checks the values."""
    if factor == 1:
        return values
    if factor == 0:
        return np.zeros_like(values)
    if abs(factor) > INT64_MAX:
        risky |= values != 0
        return np.zeros_like(values)
    limit = INT64_MAX // abs(factor)
    if peak is not None and peak <= limit:
        return values * np.int64(factor)  # nothing at risk, by the known bound
    if not len(values) or (values.max() <= limit and values.min() >= -limit):
        return values * np.int64(factor)  # nothing at risk
    over = np.abs(values) > limit
    if over.any():
        risky |= over
        values = np.where(over, 0, values)
    return values * np.int64(factor)


def product_into(batch: Batch, values: IntArray, factor: int, slot: int) -> IntArray:
    """``values × factor``, known to fit, in the batch's reused buffer ``slot`` (the values
    themselves for a factor of 1): a temporary, read before the next call of the same slot —
    no fresh pages to fault in (a fresh array costs more than the multiplication)."""
    if factor == 1:
        return values
    key = f"#product{slot}"
    buffer = batch.memo.get(key)
    if buffer is None:
        buffer = batch.memo[key] = np.empty(batch.size, dtype=np.int64)
    np.multiply(values, np.int64(factor), out=buffer)
    product: IntArray = buffer
    return product


def floor_divided(values: IntArray, divisor: int) -> IntArray:
    """``values // divisor`` (a positive divisor): beyond ``int64`` every value is smaller in
    magnitude, so the floor is 0, or -1 for a negative value (no overflow)."""
    if divisor <= INT64_MAX:
        quotient: IntArray = values // np.int64(divisor)
        return quotient
    return np.where(values < 0, np.int64(-1), np.int64(0))


def rescale(column: Scaled, exponent: int, risky: BoolArray) -> IntArray:
    """The values of ``column`` at the finer ``exponent`` (``<= column.exponent``)."""
    return times(column.values, 10 ** (column.exponent - exponent), risky)


def compare_ints(left: IntArray, right: IntArray | int, compare: Compare) -> BoolArray:
    if compare is Compare.AT_LEAST:
        return left >= right
    if compare is Compare.AT_MOST:
        return left <= right
    if compare is Compare.BELOW:
        return left < right
    return left > right


def compare_exact(
    values: IntArray,
    exponent: int,
    required: Decimal | int,
    compare: Compare,
    peak: int | None = None,
) -> tuple[BoolArray, BoolArray]:
    """``values × 10**exponent ⋈ required`` exactly (any shape): ``(holds, risky)``, ``risky``
    where the product could overflow (``holds`` is then meaningless); ``peak`` as for
    :func:`times`."""
    numerator, denominator = Decimal(required).scaleb(-exponent).as_integer_ratio()
    if denominator == 1 or (
        denominator <= INT64_MAX and peak is not None and peak <= INT64_MAX // denominator
    ):
        # Nothing at risk (nothing multiplied, or by the known bound): the shared all-False
        # mask, which callers test with :func:`refuses` without reading it.
        risky = none(values.size).reshape(values.shape)
        left = values if denominator == 1 else values * np.int64(denominator)
    else:
        risky = np.zeros(values.shape, dtype=np.bool_)
        left = times(values, denominator, risky, peak)
    if abs(numerator) > INT64_MAX:
        # Beyond every int64 product: the comparison is decided by the signs alone.
        above = compare in (Compare.AT_LEAST, Compare.ABOVE)
        return np.full(values.shape, (numerator < 0) == above), risky
    return compare_ints(left, numerator, compare), risky


def compare_scaled(column: Scaled, required: Decimal | int, compare: Compare, table: Table) -> Any:
    """``column ⋈ required`` exactly, as a bool array; rows at risk of overflow → row path."""
    holds, risky = compare_exact(column.values, column.exponent, required, compare)
    if refuses(risky):
        table.row_path |= risky & column.mask()
    return holds


# --------------------------------------------------------------------------------------------
# The base kinds
# --------------------------------------------------------------------------------------------


@lowering(Flag)
def _flag(criterion: Flag, batch: Batch) -> Codes:
    column = batch.value(criterion.value)
    if column is None:
        return batch.fill(criterion.absent)
    if not isinstance(column, Flags):
        raise NotLowered(f"{criterion.id}: expected yes/no values")
    values = column.values
    if values.dtype == np.bool_ and type(criterion.expected) is bool:
        # not_met (1) where the answer differs, met (0) where it is the expected one: the
        # answers themselves or their negation, one pass (a fresh array: ours to change).
        fails = ~values if criterion.expected else values.copy()
        return statuses(column.valid, None, NOT_MET, CODES[criterion.absent], fails=fails)
    met = values == criterion.expected
    return statuses(column.valid, met, NOT_MET, CODES[criterion.absent])


def threshold_codes(criterion: Threshold, batch: Batch) -> Codes:
    """A :class:`Threshold` on a fact or a measure (a :class:`Scaled` column)."""
    column = batch.value(criterion.value)
    if column is None:
        return batch.fill(Status.UNKNOWN)
    if not isinstance(column, Scaled):
        raise NotLowered(f"{criterion.id}: expected numbers")
    holds = compare_scaled(column, batch.param(criterion.param), criterion.compare, batch.table)
    failed = REVIEW if criterion.soft else NOT_MET
    return statuses(column.valid, holds, failed)


lowering(Threshold)(threshold_codes)


@lowering(Applies)
def _applies(criterion: Applies, batch: Batch) -> Codes:
    when = batch.value(criterion.when)
    if when is None:
        return batch.fill(Status.UNKNOWN)
    if not isinstance(when, Flags):
        raise NotLowered(f"{criterion.id}: expected yes/no values")
    then = lower(criterion.then, batch)
    if when.values.dtype == np.bool_:
        # not_applicable is the largest code: the larger of ``then`` and 4 × "does not apply"
        # (no masked write: three passes over bytes, a fresh array).
        codes = (~when.values).view(np.int8)
        codes *= np.int8(NOT_APPLICABLE)
        np.maximum(codes, then, out=codes)
    else:
        codes = then.copy()
        np.copyto(codes, np.int8(NOT_APPLICABLE), where=~when.values)
    if when.valid is not None:
        np.copyto(codes, np.int8(UNKNOWN), where=~when.valid)
    return codes
