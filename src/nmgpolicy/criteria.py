"""Criterion combinators: the shapes of legal tests that recur across regulations.

* :func:`flag` — a hard yes/no condition: the expected answer is ``met``, the other
  ``not_met``, an absent fact ``unknown`` (an absent fact never reads as true).
* :func:`attestation` — a qualitative condition a reviewer attests: true ``met``, false
  ``not_met``, absent ``review``.
* :func:`threshold` — a number against a legal threshold, with the comparison the wording
  fixes under 《民法典》第一千二百五十九条: "以上/不低于/不少于" → :attr:`Compare.AT_LEAST`
  (``>=``), "以下/以内/不超过" → :attr:`Compare.AT_MOST` (``<=``), "不满/低于/达不到" →
  :attr:`Compare.BELOW` (``<``), "超过" → :attr:`Compare.ABOVE` (``>``). ``soft=True`` is
  "一般不超过": failing it is ``review``, not ``not_met``.
* :func:`not_applicable`.

Every finding gets its citation from the rule set's data file (through the
:class:`~nmgpolicy.engine.Context`), and a message in Chinese and English naming the measured
value, the required value and the gap.
"""

from __future__ import annotations

import enum
from collections.abc import Callable
from decimal import Decimal
from functools import partial
from typing import ClassVar

import attrs

from nmgpolicy.definition import Criterion, Param, Ref, Row, Source
from nmgpolicy.engine import Context
from nmgpolicy.outcome import Amount, Finding, Message, Percent, Rendered, Status
from nmgpolicy.units import Kind, format_decimal

__all__ = [
    "Applies",
    "Attestation",
    "Compare",
    "Custom",
    "Flag",
    "Shown",
    "Subject",
    "Threshold",
    "attestation",
    "factor_at_least",
    "flag",
    "not_applicable",
    "share_at_least",
    "show",
    "threshold",
    "threshold_status",
]


class Compare(enum.Enum):
    """How a measured value must compare with its threshold (民法典 第1259条)."""

    AT_LEAST = ">="
    AT_MOST = "<="
    BELOW = "<"
    ABOVE = ">"

    def holds(self, measured: Decimal, required: Decimal) -> bool:
        """Whether ``measured`` satisfies the comparison with ``required`` (exact)."""
        if self is Compare.AT_LEAST:
            return measured >= required
        if self is Compare.AT_MOST:
            return measured <= required
        if self is Compare.BELOW:
            return measured < required
        return measured > required

    @property
    def words(self) -> Message:
        """How messages say the comparison ("不低于" / "at least" …)."""
        return _WORDS[self.value]


_WORDS = {
    ">=": Message("不低于", "at least"),
    "<=": Message("不超过", "at most"),
    "<": Message("低于", "below"),
    ">": Message("超过", "above"),
}


def show(
    value: Decimal,
    *,
    kind: Kind | None = None,
    unit: str | None = None,
    percent: bool = False,
    lang: str = "zh",
) -> str:
    """A value as messages in ``lang`` show it: with its unit, as a percentage, or plain."""
    if kind is not None:
        return Amount(value, kind, unit).text(lang)
    if percent:
        return f"{format_decimal(value * 100)}%"
    return format_decimal(value)


def _wrap(
    value: Decimal, kind: Kind | None, unit: str | None, percent: bool = False
) -> Decimal | Amount:
    if kind is not None:
        return Amount(value, kind, unit)
    return Percent(value) if percent else value


def flag(
    ctx: Context,
    criterion_id: str,
    value: bool | None,
    subject: Message,
    *,
    expected: bool = True,
    absent: Status = Status.UNKNOWN,
) -> Finding:
    """A yes/no condition; ``subject`` states the condition as the law requires it.

    ``value == expected`` → met; ``None`` → ``absent`` (unknown by default); otherwise not_met.
    """
    if value is None:
        status = absent
    elif value == expected:
        status = Status.MET
    else:
        status = Status.NOT_MET
    return ctx.finding(
        criterion_id, status, render=partial(flag_text, status, value, expected, subject)
    )


def flag_text(status: Status, value: bool | None, expected: bool, subject: Message) -> Rendered:
    """The explanation of a :func:`flag` finding (rendered when first read)."""
    if value is None:
        zh = f"缺少事实：{subject.zh}（未提供）。"
        en = f"Fact missing: {subject.en} (not provided)."
        if status is Status.REVIEW:
            zh = f"需审查：{subject.zh}（未提供证明）。"
            en = f"Needs review: {subject.en} (no attestation given)."
    elif status is Status.MET:
        zh, en = f"符合：{subject.zh}。", f"Met: {subject.en}."
    else:
        zh, en = f"不符合：{subject.zh}。", f"Not met: {subject.en}."
    return Message(zh, en), value, expected, None


def attestation(ctx: Context, criterion_id: str, value: bool | None, subject: Message) -> Finding:
    """A qualitative condition: true met, false not_met, absent review (needs a reviewer)."""
    return flag(ctx, criterion_id, value, subject, absent=Status.REVIEW)


@attrs.frozen
class Shown:
    """How a threshold's values are shown: with a unit kind, a display unit, or as a percent."""

    kind: Kind | None = None
    unit: str | None = None
    percent: bool = False

    def text(self, value: Decimal, lang: str = "zh") -> str:
        return show(value, kind=self.kind, unit=self.unit, percent=self.percent, lang=lang)

    def wrap(self, value: Decimal) -> Decimal | Amount:
        return _wrap(value, self.kind, self.unit, self.percent)


def threshold_status(
    measured: Decimal | None, required: Decimal, compare: Compare, soft: bool = False
) -> Status:
    """A threshold finding's status: unknown when absent, met, else not_met (review if soft)."""
    if measured is None:
        return Status.UNKNOWN
    if compare.holds(measured, required):
        return Status.MET
    return Status.REVIEW if soft else Status.NOT_MET


def threshold(
    ctx: Context,
    criterion_id: str,
    measured: Decimal | None,
    required: Decimal,
    subject: Message,
    *,
    compare: Compare = Compare.AT_LEAST,
    kind: Kind | None = None,
    unit: str | None = None,
    percent: bool = False,
    soft: bool = False,
) -> Finding:
    """``measured`` against ``required`` (both in the same canonical unit), exactly.

    ``gap`` is how far the measured value clears the threshold (negative when it falls
    short), in the threshold's unit (``unit``, or the canonical unit of ``kind``).
    ``soft=True`` makes a failure ``review`` ("一般不超过").
    """
    status = threshold_status(measured, required, compare, soft)
    shown = Shown(kind, unit, percent)
    return ctx.finding(
        criterion_id,
        status,
        render=partial(threshold_text, status, measured, required, subject, compare, shown),
    )


def threshold_text(
    status: Status,
    measured: Decimal | None,
    required: Decimal,
    subject: Message,
    compare: Compare,
    shown: Shown,
) -> Rendered:
    """The explanation of a :func:`threshold` finding (rendered when first read)."""
    words = compare.words
    req, req_en = shown.text(required), shown.text(required, "en")
    if measured is None:
        return (
            Message(
                f"缺少事实：{subject.zh}（要求{words.zh}{req}）。",
                f"Fact missing: {subject.en} (required: {words.en} {req_en}).",
            ),
            None,
            shown.wrap(required),
            None,
        )
    gap = (
        measured - required if compare in (Compare.AT_LEAST, Compare.ABOVE) else required - measured
    )
    mea, mea_en = shown.text(measured), shown.text(measured, "en")
    if status is Status.MET:
        zh = f"{subject.zh}为{mea}，要求{words.zh}{req}，符合。"
        en = f"{subject.en} is {mea_en}; required {words.en} {req_en}: met."
    else:
        gap_text, gap_en = shown.text(abs(gap)), shown.text(abs(gap), "en")
        soft = status is Status.REVIEW
        verdict_zh = "需审查" if soft else "不符合"
        verdict_en = "needs review" if soft else "not met"
        zh = f"{subject.zh}为{mea}，要求{words.zh}{req}，相差{gap_text}，{verdict_zh}。"
        en = (
            f"{subject.en} is {mea_en}; required {words.en} {req_en}; "
            f"short by {gap_en}: {verdict_en}."
        )
    return Message(zh, en), shown.wrap(measured), shown.wrap(required), shown.wrap(gap)


def not_applicable(ctx: Context, criterion_id: str, reason: Message) -> Finding:
    """A criterion that does not apply, with the reason."""
    return ctx.finding(
        criterion_id, Status.NOT_APPLICABLE, render=partial(not_applicable_text, reason)
    )


def not_applicable_text(reason: Message) -> Rendered:
    """The explanation of a :func:`not_applicable` finding."""
    return Message(f"不适用：{reason.zh}。", f"Not applicable: {reason.en}."), None, None, None


# ---------------------------------------------------------------------------------------------
# The declarative kinds: what a rule set's Definition is made of (see nmgpolicy.definition)
# ---------------------------------------------------------------------------------------------

Subject = Message | Callable[[Row], Message] | None
"""How a finding names what it tests: a fixed text, a function of the application, or
(``None``) the criterion's title in the data file."""


def _subject(subject: Subject, row: Row, criterion_id: str) -> Message:
    if subject is None:
        return row.title(criterion_id)
    if isinstance(subject, Message):
        return subject
    return subject(row)


def _decimal(value: object) -> Decimal | None:
    if value is None or isinstance(value, Decimal):
        return value
    if isinstance(value, bool):
        raise TypeError("a threshold compares numbers, not booleans")
    return Decimal(value)  # type: ignore[arg-type]  # an int count


@attrs.frozen
class Flag(Criterion):
    """A yes/no fact: ``expected`` → met, the other answer → not met, absent → ``absent``.

    ``absent`` is ``unknown`` for a fact (an absent fact never reads as true) and ``review``
    for an attestation (:class:`Attestation`).
    """

    value: Ref
    expected: bool = True
    absent: Status = Status.UNKNOWN
    subject: Subject = None

    kind: ClassVar[str] = "flag"

    def status(self, value: bool | None) -> Status:
        if value is None:
            return self.absent
        return Status.MET if value == self.expected else Status.NOT_MET

    def decide(self, row: Row) -> Finding:
        value = self.value.value(row)  # row(self.value), one call fewer: every attestation
        status = self.status(value)
        return row.ctx.finding(self.id, status, render=partial(self._text, status, value, row))

    def _text(self, status: Status, value: bool | None, row: Row) -> Rendered:
        subject = _subject(self.subject, row, self.id)
        return flag_text(status, value, self.expected, subject)

    def write(self, source: Source, indent: int) -> None:
        """:meth:`decide` written out: the fact read, :meth:`status`, the lazy finding. When
        the explanation does not depend on the evaluation (a fixed subject, or a title in the
        data file without parameters), the status and renderer of a true, false or absent
        answer are made once, here, not per evaluation."""
        if type(self).decide is not Flag.decide or self.many:
            super().write(source, indent)  # a kind that decides otherwise, or one per item
            return
        value, status, render = source.local("value"), source.local("status"), source.local("r")
        source.read(self.value, value, indent)
        subject = self._fixed_subject(source)
        if subject is not None:
            for answer, test in ((True, "if"), (False, "elif"), (None, "elif")):
                known = self.status(answer)
                made = partial(flag_text, known, answer, self.expected, subject)
                source.emit(indent, f"{test} {value} is {answer!r}:")
                source.emit(indent + 1, f"{status} = {source.constant('status', known)}")
                source.emit(indent + 1, f"{render} = {source.constant('render', made)}")
            source.emit(indent, "else:")
            indent += 1
        source.emit(indent, f"{status} = {source.constant('status_of', self.status)}({value})")
        text = source.constant("text", self._text)
        source.emit(indent, f"{render} = _partial({text}, {status}, {value}, row)")
        source.finding(self.id, status, render, indent - (subject is not None))

    def _fixed_subject(self, source: Source) -> Message | None:
        """The subject :meth:`_text` shows whatever the evaluation, if it is fixed: a message,
        or the data file's title when it has no ``{parameter}`` (else None)."""
        if type(self)._text is not Flag._text or type(self).status is not Flag.status:
            return None
        if isinstance(self.subject, Message):
            return self.subject
        info = source.data.criteria.get(self.id)
        if self.subject is not None or info is None:
            return None
        title = info.title
        return None if "{" in title.zh or "{" in title.en else title


@attrs.frozen
class Attestation(Flag):
    """A qualitative condition a reviewer attests: true met, false not met, absent review."""

    absent: Status = Status.REVIEW

    kind: ClassVar[str] = "attestation"


@attrs.frozen
class Threshold(Criterion):
    """A quantity against a parameter, compared as the wording says (民法典 第1259条).

    ``value`` reads the quantity in the parameter's canonical unit (a Decimal, or an int
    count); ``soft`` makes a failure ``review`` ("一般不超过"); ``kind``/``unit``/``percent``
    say how messages show the values.
    """

    value: Ref
    param: Param
    compare: Compare = Compare.AT_LEAST
    kind_of_value: Kind | None = None
    unit: str | None = None
    percent: bool = False
    soft: bool = False
    subject: Subject = None

    kind: ClassVar[str] = "threshold"

    def decide(self, row: Row) -> Finding:
        measured = _decimal(self.value.value(row))
        required: Decimal = _decimal(self.param.value(row))  # type: ignore[assignment]  # a count
        status = threshold_status(measured, required, self.compare, self.soft)
        return row.ctx.finding(
            self.id, status, render=partial(self._text, status, measured, required, row)
        )

    def _text(
        self, status: Status, measured: Decimal | None, required: Decimal, row: Row
    ) -> Rendered:
        shown = Shown(self.kind_of_value, self.unit, self.percent)
        subject = _subject(self.subject, row, self.id)
        return threshold_text(status, measured, required, subject, self.compare, shown)

    def write(self, source: Source, indent: int) -> None:
        """:meth:`decide` written out: both values read, the status, the lazy finding."""
        if type(self).decide is not Threshold.decide or self.many:
            super().write(source, indent)  # a kind that decides otherwise, or one per item
            return
        measured, required = source.local("measured"), source.local("required")
        status = source.local("status")
        to_decimal = source.constant("decimal", _decimal)
        exact = source.constant("Decimal", Decimal)
        for ref, var in ((self.value, measured), (self.param, required)):  # in decide's order
            source.read(ref, var, indent)
            # _decimal(var), called only when not a Decimal already
            source.emit(indent, f"if type({var}) is not {exact}: {var} = {to_decimal}({var})")
        judge = source.constant("status_of", threshold_status)
        compare = source.constant("compare", self.compare)
        soft = source.constant("soft", self.soft)
        source.emit(indent, f"{status} = {judge}({measured}, {required}, {compare}, {soft})")
        text = source.constant("text", self._text)
        render = f"_partial({text}, {status}, {measured}, {required}, row)"
        source.finding(self.id, status, render, indent)


@attrs.frozen
class Applies(Criterion):
    """A condition that binds only some applications (``第五条（七）``: only a high-energy
    cluster must beat the energy benchmark).

    ``when`` is the fact saying whether it applies; absent → ``unknown`` with ``missing`` as the
    explanation, false → ``not_applicable`` with ``reason``, true → ``then`` decides.
    """

    when: Ref
    then: Criterion
    missing: Message
    reason: Message

    kind: ClassVar[str] = "applies"

    @property
    def parts(self) -> tuple[Criterion, ...]:
        return (self.then,)

    def decide(self, row: Row) -> Finding:
        applies = row(self.when)
        if applies is None:
            return row.ctx.finding(
                self.id, Status.UNKNOWN, render=partial(_missing_text, self.missing)
            )
        if not applies:
            return not_applicable(row.ctx, self.id, self.reason)
        return self.then.decide(row)

    def write(self, source: Source, indent: int) -> None:
        """:meth:`decide` written out: unknown, not applicable, or ``then`` written out."""
        if type(self).decide is not Applies.decide:
            super().write(source, indent)  # a kind that decides otherwise
            return
        applies = source.local("applies")
        source.read(self.when, applies, indent)
        # the two fixed explanations, made once (they hold nothing of the evaluation)
        source.emit(indent, f"if {applies} is None:")
        render = source.constant("render", partial(_missing_text, self.missing))
        source.finding(self.id, "_UNKNOWN", render, indent + 1)
        source.emit(indent, f"elif not {applies}:")
        render = source.constant("render", partial(not_applicable_text, self.reason))
        source.finding(self.id, "_NOT_APPLICABLE", render, indent + 1)
        source.emit(indent, "else:")
        if self.then.many:  # decide gives then's one summary finding, not one per item
            source.emit(indent + 1, f"append({source.constant('then', self.then)}.decide(row))")
        else:
            self.then.write(source, indent + 1)


def _missing_text(missing: Message) -> Rendered:
    return Message(f"缺少事实：{missing.zh}。", f"Fact missing: {missing.en}."), None, None, None


@attrs.frozen
class Custom(Criterion):
    """A finding decided by a named function of the rule set (``decide(row) -> Finding``), for
    a test no kind expresses yet; ``reads`` lists what it reads, for the documentation."""

    function: Callable[[Row], Finding] = attrs.field(eq=False, repr=False)
    reads: tuple[Ref, ...] = ()

    kind: ClassVar[str] = "custom"

    def decide(self, row: Row) -> Finding:
        return self.function(row)

    def references(self) -> tuple[Ref, ...]:
        return self.reads


def share_at_least(part: int | Decimal, whole: int | Decimal, required: Decimal) -> bool:
    """``part / whole >= required`` exactly, by cross-multiplication (``whole`` > 0)."""
    numerator, denominator = required.as_integer_ratio()
    return bool(part * denominator >= whole * numerator)


def factor_at_least(first: int | Decimal, last: int | Decimal, rate: Decimal, steps: int) -> bool:
    """``last / first >= (1 + rate) ** steps`` exactly (compound growth, no roots; ``first`` >
    0): a compound annual growth rate of at least ``rate`` over ``steps`` yearly steps."""
    num_rate, denominator = rate.as_integer_ratio()
    numerator = denominator + num_rate  # 1 + rate, exactly (and still in lowest terms)
    num_last, den_last = last.as_integer_ratio()  # an int or a Decimal: exact either way
    num_first, den_first = first.as_integer_ratio()
    left: int = num_last * den_first * denominator**steps
    right: int = num_first * den_last * numerator**steps
    return left >= right
