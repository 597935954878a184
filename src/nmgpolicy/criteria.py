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
from decimal import Decimal

from nmgpolicy.engine import Context
from nmgpolicy.outcome import Amount, Finding, Message, Percent, Status
from nmgpolicy.units import Kind, format_decimal

__all__ = ["Compare", "attestation", "flag", "not_applicable", "show", "threshold"]


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
        zh = f"缺少事实：{subject.zh}（未提供）。"
        en = f"Fact missing: {subject.en} (not provided)."
        if absent is Status.REVIEW:
            zh = f"需审查：{subject.zh}（未提供证明）。"
            en = f"Needs review: {subject.en} (no attestation given)."
    elif value == expected:
        status = Status.MET
        zh, en = f"符合：{subject.zh}。", f"Met: {subject.en}."
    else:
        status = Status.NOT_MET
        zh, en = f"不符合：{subject.zh}。", f"Not met: {subject.en}."
    return ctx.finding(criterion_id, status, zh, en, measured=value, required=expected)


def attestation(ctx: Context, criterion_id: str, value: bool | None, subject: Message) -> Finding:
    """A qualitative condition: true met, false not_met, absent review (needs a reviewer)."""
    return flag(ctx, criterion_id, value, subject, absent=Status.REVIEW)


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
    words = compare.words
    req = show(required, kind=kind, unit=unit, percent=percent)
    req_en = show(required, kind=kind, unit=unit, percent=percent, lang="en")
    if measured is None:
        return ctx.finding(
            criterion_id,
            Status.UNKNOWN,
            f"缺少事实：{subject.zh}（要求{words.zh}{req}）。",
            f"Fact missing: {subject.en} (required: {words.en} {req_en}).",
            required=_wrap(required, kind, unit, percent),
        )
    ok = compare.holds(measured, required)
    gap = (
        measured - required if compare in (Compare.AT_LEAST, Compare.ABOVE) else required - measured
    )
    mea = show(measured, kind=kind, unit=unit, percent=percent)
    mea_en = show(measured, kind=kind, unit=unit, percent=percent, lang="en")
    gap_text = show(abs(gap), kind=kind, unit=unit, percent=percent)
    gap_en = show(abs(gap), kind=kind, unit=unit, percent=percent, lang="en")
    if ok:
        status = Status.MET
        zh = f"{subject.zh}为{mea}，要求{words.zh}{req}，符合。"
        en = f"{subject.en} is {mea_en}; required {words.en} {req_en}: met."
    else:
        status = Status.REVIEW if soft else Status.NOT_MET
        verdict_zh = "需审查" if soft else "不符合"
        verdict_en = "needs review" if soft else "not met"
        zh = f"{subject.zh}为{mea}，要求{words.zh}{req}，相差{gap_text}，{verdict_zh}。"
        en = (
            f"{subject.en} is {mea_en}; required {words.en} {req_en}; "
            f"short by {gap_en}: {verdict_en}."
        )
    return ctx.finding(
        criterion_id,
        status,
        zh,
        en,
        measured=_wrap(measured, kind, unit, percent),
        required=_wrap(required, kind, unit, percent),
        gap=_wrap(gap, kind, unit, percent),
    )


def not_applicable(ctx: Context, criterion_id: str, reason: Message) -> Finding:
    """A criterion that does not apply, with the reason."""
    return ctx.finding(
        criterion_id,
        Status.NOT_APPLICABLE,
        f"不适用：{reason.zh}。",
        f"Not applicable: {reason.en}.",
    )
