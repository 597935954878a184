"""Criterion kinds for an aggregate over a list of items: which items count, how much they add
up to, and whether that is enough.

Regulations add up lists: the retired furnaces of a capacity-replacement plan ("被整合装备产能
按照1.25:1实施减量置换"), the qualifying projects of a programme, the eligible employees of a
subsidy. The legal shape is the same each time, and this module states it once:

1. **Each item** is examined on its own — it *counts* (``met``), is *excluded* (``not_met``,
   with the reasons the law gives) or is *undetermined* (``unknown``, with the facts still
   missing). A definite exclusion wins over missing facts (an item excluded for one reason
   does not count whatever the others say): :func:`item_status`. The per-item findings explain;
   they do not decide (the data file marks them ``binding = false``): an excluded item does
   not make the application fail, it just does not count. Kind :class:`EachItem`.
2. **A common basis.** Items of different kinds (products) are added only after conversion to
   one base kind with the factors given: :func:`common_basis`, kind :class:`CommonBasis`
   (not applicable when every item is of the kind required; unknown while a kind or a factor
   is missing).
3. **The count** (:func:`tally`): the sum of what the counted items count, the undetermined
   items set apart — with, for each, the most it could count (``bound``; ``None`` when
   nothing bounds it).
4. **Sufficiency** (kind :class:`Sufficient`): ``counted >= ratio × amount`` (不少于: equal is
   enough), decided exactly by :func:`sufficiency_status` on integers (cross-multiplication,
   the values on a common integer scale, :func:`common_scale`): ``met`` when the items that
   count already suffice; ``unknown`` when the undetermined items could still make up the
   shortfall (one of them unbounded, or the sum of their bounds enough); ``not_met``
   otherwise.

The decision functions (:func:`item_status`, :func:`sufficiency_status`, :func:`common_scale`,
:meth:`Basis.status`) take plain values — integers in the smallest unit for a columnar path —
and know nothing of texts; the kinds leave their explanations to the rule set's ``text``
functions, called when a finding is first read.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Collection, Iterable, Mapping, Sequence
from decimal import MAX_EMAX, MAX_PREC, MIN_EMIN, Context, Decimal
from functools import partial
from typing import Any, ClassVar

import attrs

from nmgpolicy.definition import Criterion, Measure, Ref, Row
from nmgpolicy.outcome import Finding, Message, Rendered, Status
from nmgpolicy.params import ParameterSet

__all__ = [
    "Basis",
    "CommonBasis",
    "EachItem",
    "Sufficiency",
    "Sufficient",
    "Tally",
    "Verdict",
    "common_basis",
    "common_scale",
    "item_status",
    "sufficiency_status",
    "tally",
    "verdict",
]

_EXACT = Context(prec=MAX_PREC, Emax=MAX_EMAX, Emin=MIN_EMIN)
"""Sums and products of the items' amounts are never rounded at this precision."""

_ONE = Decimal(1)
_ZERO = Decimal(0)


# ---------------------------------------------------------------------------------------------
# Each item
# ---------------------------------------------------------------------------------------------


def item_status(excluded: bool, undetermined: bool) -> Status:
    """Whether one item counts: excluded (any reason) → not_met, else a fact missing →
    unknown, else met. A definite exclusion wins over missing facts."""
    if excluded:
        return Status.NOT_MET
    return Status.UNKNOWN if undetermined else Status.MET


@attrs.frozen
class Verdict:
    """What the rules say about one item of a list.

    ``status`` (:func:`item_status`); ``reasons`` why it is excluded and ``missing`` what is
    needed to decide it (opaque to this module: the rule set's words render them);
    ``counted`` what it counts (0 when excluded, ``None`` when undetermined); ``bound`` the
    most an undetermined item could count (``None``: unbounded); ``item`` the item itself.
    """

    id: str
    index: int
    status: Status
    reasons: tuple[Any, ...]
    missing: tuple[str, ...]
    counted: Decimal | None
    bound: Decimal | None
    item: Any = attrs.field(eq=False, repr=False)


def verdict(
    item_id: str,
    index: int,
    item: Any,
    reasons: Sequence[Any],
    missing: Sequence[str],
    amount: Decimal | None,
    bound: Decimal | None,
) -> Verdict:
    """The verdict on one item: ``reasons`` exclude it (it counts 0, nothing is missing);
    otherwise it counts ``amount`` unless a fact is ``missing`` (each named once, in order)."""
    status = item_status(bool(reasons), bool(missing))
    if status is Status.NOT_MET:
        return Verdict(item_id, index, status, tuple(reasons), (), _ZERO, bound, item)
    counted = amount if status is Status.MET else None
    missing = tuple(dict.fromkeys(missing))
    return Verdict(item_id, index, status, (), missing, counted, bound, item)


@attrs.frozen
class EachItem(Criterion):
    """One finding per item of a list, ``<id>.<item id>``, cited from ``<id>`` in the data file.

    Legal test: each item counts, is excluded or is undetermined (:class:`Verdict`, from the
    ``items`` measure). The findings explain; whether they bind is the data file's
    (``binding = false`` for items that only count or do not). ``text(verdict, data, values)``
    writes each explanation when it is read.
    """

    items: Ref
    text: Callable[[Verdict, ParameterSet, Mapping[str, Any]], Rendered] = attrs.field(
        eq=False, repr=False
    )

    kind: ClassVar[str] = "each_item"
    many: ClassVar[bool] = True

    def decide(self, row: Row) -> Finding:
        raise TypeError(f"{self.id} decides one finding per item: call decide_each")

    def decide_each(self, row: Row) -> list[Finding]:
        ctx = row.ctx
        data, values, text, prefix = ctx.data, row.params, self.text, self.id
        return [
            ctx.finding(
                f"{prefix}.{v.id}",
                v.status,
                citation_of=prefix,
                render=partial(text, v, data, values),
            )
            for v in row(self.items) or ()
        ]


# ---------------------------------------------------------------------------------------------
# A common basis
# ---------------------------------------------------------------------------------------------


@attrs.frozen
class Basis:
    """How items of several kinds are put on one basis (``base``) before they are added.

    ``missing``: what is needed to tell which kinds are involved (opaque: the rule set's words
    render it); ``cross``: whether any item is of a kind other than one it is set against;
    ``kinds``: every kind involved, sorted; ``known``: the factor of each kind that has one
    (the base's is 1); ``absent``: the kinds without a factor.
    """

    base: str
    missing: tuple[Any, ...] = ()
    cross: bool = False
    kinds: tuple[str, ...] = ()
    known: Mapping[str, Decimal] = attrs.field(factory=dict)
    absent: tuple[str, ...] = ()

    @property
    def status(self) -> Status:
        """unknown (kinds or factors missing), not_applicable (one kind), or met."""
        if self.missing:
            return Status.UNKNOWN
        if not self.cross:
            return Status.NOT_APPLICABLE
        return Status.UNKNOWN if self.absent else Status.MET

    @property
    def resolved(self) -> bool:
        """Whether the amounts can be added (one kind, or every factor known)."""
        return not self.missing and not (self.cross and self.absent)

    @property
    def converted(self) -> bool:
        """Whether the amounts are converted to the base (the kinds are known and differ)."""
        return not self.missing and self.cross

    @property
    def factors(self) -> Mapping[str, Decimal]:
        """The factors used (empty unless the conversion is made)."""
        return self.known if self.converted and not self.absent else {}

    def factor(self, kind: str | None) -> Decimal:
        """The factor an amount of ``kind`` is multiplied by (1 when nothing is converted)."""
        if not self.converted or kind is None:
            return _ONE
        return self.known[kind]


def common_basis(
    left: Collection[str],
    right: Collection[str],
    given: Mapping[str, Decimal],
    base: str,
    missing: Sequence[Any] = (),
) -> Basis:
    """The basis for adding items of the kinds ``left`` against those of ``right``, with the
    factors ``given`` (kind → how much of ``base`` one unit of it counts as). ``missing``: what
    is needed to know the kinds (then nothing more is decided)."""
    if missing:
        return Basis(base, tuple(missing))
    cross = any(a != b for a in left for b in right)
    if not cross:
        return Basis(base)
    kinds = tuple(sorted({*left, *right}))
    known = {k: _ONE if k == base else given[k] for k in kinds if k == base or k in given}
    absent = tuple(k for k in kinds if k not in known)
    return Basis(base, (), True, kinds, known, absent)


@attrs.frozen
class CommonBasis(Criterion):
    """Items of different kinds are added only on one basis (a base kind and factors).

    Legal test (e.g. "跨品种系列置换的,退出产能统一换算为硅铁合金产能"): ``not_applicable`` when
    every item is of the kind it is set against; ``met`` when every kind involved has a factor;
    ``unknown`` while a kind or a factor is missing. ``basis`` is the measure giving the
    :class:`Basis`; ``text(basis, data)`` writes the explanation when it is read.
    """

    basis: Ref
    text: Callable[[Basis, ParameterSet], Rendered] = attrs.field(eq=False, repr=False)

    kind: ClassVar[str] = "common_basis"

    def decide(self, row: Row) -> Finding:
        basis: Basis = row(self.basis)
        render = partial(self.text, basis, row.ctx.data)
        return row.ctx.finding(self.id, basis.status, render=render)


# ---------------------------------------------------------------------------------------------
# The count and its sufficiency
# ---------------------------------------------------------------------------------------------


@attrs.frozen
class Tally:
    """The count of a list: ``counted`` (the items that count, weighted), ``could`` (the bounds
    of the undetermined items that have one, weighted), and the ids of the undetermined items
    (``pending``) and of those with no bound (``unbounded``)."""

    counted: Decimal
    could: Decimal
    pending: tuple[str, ...]
    unbounded: tuple[str, ...]


def tally(verdicts: Iterable[Verdict], weight: Callable[[Verdict], Decimal]) -> Tally:
    """Σ counted × weight over the items that count; the undetermined set apart (exact)."""
    add, multiply = _EXACT.add, _EXACT.multiply
    counted = could = _ZERO
    pending: list[str] = []
    unbounded: list[str] = []
    for v in verdicts:
        if v.status is Status.MET:
            counted = add(counted, multiply(v.counted, weight(v)))  # type: ignore[arg-type]
        elif v.status is Status.UNKNOWN:
            pending.append(v.id)
            if v.bound is None:
                unbounded.append(v.id)
            else:
                could = add(could, multiply(v.bound, weight(v)))
    return Tally(counted, could, tuple(pending), tuple(unbounded))


def common_scale(*values: int | Decimal) -> tuple[int, ...]:
    """``values`` as integers on one scale (the smallest unit that holds them all), exactly:
    ``Decimal("1.5"), 2`` → ``(3, 4)``. A comparison of sums and multiples of them is unchanged."""
    ratios = [v.as_integer_ratio() for v in values]
    scale = math.lcm(*(d for _, d in ratios))
    return tuple(n * (scale // d) for n, d in ratios)


def sufficiency_status(
    counted: int,
    could: int,
    pending: int,
    unbounded: int,
    amount: int,
    numerator: int,
    denominator: int,
) -> Status:
    """Whether ``counted >= (numerator / denominator) × amount`` (不少于: equal is enough), on
    integers of one scale, by cross-multiplication.

    met when the counted items suffice; else unknown when ``pending`` undetermined items could
    make up the shortfall — one of them ``unbounded``, or ``counted + could`` enough, ``could``
    being the sum of their bounds; else not_met. ``denominator`` > 0.
    """
    required = amount * numerator
    if counted * denominator >= required:
        return Status.MET
    if pending and (unbounded or (counted + could) * denominator >= required):
        return Status.UNKNOWN
    return Status.NOT_MET


@attrs.frozen
class Sufficiency:
    """What a :class:`Sufficient` finding established, for its explanation: the status, the
    count (``tally``), the amount required (``ratio × amount``), or ``why`` it could not tell."""

    status: Status
    tally: Tally | None
    required: Decimal | None = None
    why: Any = None


Subject = Message | Callable[[Row], Message]


@attrs.frozen
class Sufficient(Criterion):
    """An aggregate over a list against a requirement: ``counted >= ratio × amount``.

    Legal test: the items that count (``tally``, a :class:`Tally`) add up to at least ``ratio``
    (a measure: the replacement ratio of a tier …) times ``amount`` (a measure: the new
    capacity …); equal is enough. Decided by :func:`sufficiency_status` (undetermined items
    that could make up the shortfall make it ``unknown``). ``why`` is a measure giving the
    reason the test cannot be made yet (``None`` when it can): then, or when any input is
    absent, ``unknown``. ``text(outcome, subject)`` writes the explanation when read.
    """

    tally: Ref
    amount: Ref
    ratio: Ref
    why: Ref
    subject: Subject
    text: Callable[[Sufficiency, Message], Rendered] = attrs.field(eq=False, repr=False)

    result: Measure = attrs.field(init=False, eq=False, repr=False)
    """The :class:`Sufficiency` of the application, as a measure (computed once)."""

    kind: ClassVar[str] = "sufficient"

    def __attrs_post_init__(self) -> None:
        reads = (self.tally, self.amount, self.ratio, self.why)
        result = Measure(self.id, self.outcome, f"the outcome of {self.id}", reads)
        object.__setattr__(self, "result", result)

    def outcome(self, row: Row) -> Sufficiency:
        """The status and what it was decided on, for this application."""
        why, count = row(self.why), row(self.tally)
        amount, ratio = row(self.amount), row(self.ratio)
        if why is not None or count is None or amount is None or ratio is None:
            return Sufficiency(Status.UNKNOWN, count, None, why)
        counted, could, scaled = common_scale(count.counted, count.could, amount)
        numerator, denominator = ratio.as_integer_ratio()
        status = sufficiency_status(
            counted,
            could,
            len(count.pending),
            len(count.unbounded),
            scaled,
            numerator,
            denominator,
        )
        return Sufficiency(status, count, _EXACT.multiply(ratio, amount), None)

    def references(self) -> tuple[Ref, ...]:
        """The count, the amount, the ratio and the reason it may not be told."""
        return (self.tally, self.amount, self.ratio, self.why)

    def decide(self, row: Row) -> Finding:
        outcome: Sufficiency = row(self.result)
        subject = self.subject if isinstance(self.subject, Message) else self.subject(row)
        return row.ctx.finding(self.id, outcome.status, render=partial(self.text, outcome, subject))
