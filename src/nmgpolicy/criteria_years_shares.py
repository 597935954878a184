"""A share or a density in the last recent year, and the exact ratios they are shown with.

Part of :mod:`nmgpolicy.criteria_years` (which re-exports every name; import from it):
:class:`ShareInYear` (a part of a whole in the last recent year), :class:`DensityInYear` (a
count per N people in the last recent year) and :class:`ShareOf` (the share of two facts of no
particular year, 研发人员占比), each decided by cross-multiplication (:func:`share_status`).

Ratios are *shown* rounded down to at least the threshold's own decimal places
(:func:`shown_ratio`), which never changes an at-least comparison: if x >= r and r has p
decimals, floor_p(x) >= r; if x < r, floor_p(x) <= x < r.
"""

from __future__ import annotations

from decimal import Decimal
from functools import partial
from typing import Any, ClassVar

import attrs

from nmgpolicy.criteria import Compare, Shown, threshold_text
from nmgpolicy.criteria_years_frame import (
    Judged,
    OnYears,
    Title,
    YearFrame,
    inline,
    lacking_text,
)
from nmgpolicy.definition import Criterion, Param, Ref, Row
from nmgpolicy.outcome import Finding, Later, Message, Rendered, Status

__all__ = [
    "DISPLAY_PLACES",
    "DensityInYear",
    "ShareInYear",
    "ShareOf",
    "floor_ratio",
    "people_scale",
    "places",
    "share_status",
    "shown_ratio",
]


DISPLAY_PLACES = 6
"""Ratios are shown rounded down to this many places (more when the threshold has more)."""

# ---------------------------------------------------------------------------------------------
# Exact arithmetic (display values; comparisons are cross-multiplied)
# ---------------------------------------------------------------------------------------------


def places(value: Decimal) -> int:
    """The number of decimal places ``value`` is written with (0 for integers)."""
    exponent = value.as_tuple().exponent
    return max(0, -exponent) if isinstance(exponent, int) else 0


def floor_ratio(numerator: int, denominator: int, digits: int) -> Decimal:
    """``numerator / denominator`` rounded down to ``digits`` places, exactly (integers)."""
    return Decimal(f"{numerator * 10**digits // denominator}E-{digits}")


def _ratio(value: int | Decimal) -> tuple[int, int]:
    return value.as_integer_ratio()


def shown_ratio(part: int | Decimal, whole: int | Decimal, required: Decimal) -> Decimal:
    """``part / whole`` as shown beside ``required`` (rounded down, see the module)."""
    pn, pd = _ratio(part)
    wn, wd = _ratio(whole)
    return floor_ratio(pn * wd, pd * wn, max(DISPLAY_PLACES, places(required)))


def share_status(
    part: int | Decimal | None, whole: int | Decimal | None, required: Decimal
) -> Status:
    """``part / whole >= required`` by cross-multiplication: either absent → unknown; a whole of
    0 → review (the share is undefined); else met or not_met."""
    if part is None or whole is None:
        return Status.UNKNOWN
    if whole == 0:
        return Status.REVIEW
    numerator, denominator = required.as_integer_ratio()
    return Status.MET if part * denominator >= whole * numerator else Status.NOT_MET


# ---------------------------------------------------------------------------------------------
# The kinds: a share, a density in the last recent year; a share of two facts
# ---------------------------------------------------------------------------------------------

_PLAIN = Shown()
_PERCENT = Shown(percent=True)


@attrs.frozen
class ShareInYear(OnYears):
    """``part / whole`` of the last recent year at least ``param``, by cross-multiplication.

    No figures for that year, or no part or whole → ``unknown``; a whole of 0 → ``review``
    (the share is undefined). The subject is "<year>年<title>"; ``part_name`` and
    ``whole_name`` name the figures when absent, ``whole_subject`` the whole when it is 0.
    """

    part: str
    whole: str
    param: Param
    part_name: Message
    whole_name: Message
    whole_subject: Message

    kind: ClassVar[str] = "share_in_year"

    def judge(self, row: Row, frame: YearFrame) -> Judged:
        window = frame.recent
        assert window is not None  # the gate has answered otherwise
        required: Decimal = row.params[self.param.name]
        year = window.last
        entry = frame.entries.get(year)
        if entry is None:
            return Status.UNKNOWN, partial(lacking_text, self.part_name, [year], [], required)
        part, whole = getattr(entry, self.part), getattr(entry, self.whole)
        if whole is None or part is None:
            return Status.UNKNOWN, partial(self._blank, year, part, whole, required)
        status = share_status(part, whole, required)
        if status is Status.REVIEW:
            return status, partial(self._zero, year, required)
        title = partial(row.title, self.id)
        return status, partial(self._text, status, year, part, whole, required, title)

    def _blank(self, year: int, part: Any, whole: Any, required: Decimal) -> Rendered:
        names = [n for n, v in ((self.whole_name, whole), (self.part_name, part)) if v is None]
        what = Message("、".join(n.zh for n in names), " and ".join(n.en for n in names))
        return lacking_text(what, [], [year], required)

    def _zero(self, year: int, required: Decimal) -> Rendered:
        whole = self.whole_subject
        return (
            Message(
                f"需审查：{year}年{whole.zh}为0，占比无法计算。",
                f"Needs review: {whole.en} in {year} is 0; the share is undefined.",
            ),
            None,
            required,
            None,
        )

    @staticmethod
    def _text(
        status: Status, year: int, part: Any, whole: Any, required: Decimal, title: Title
    ) -> Rendered:
        measured = shown_ratio(part, whole, required)
        named = title()
        subject = Message(f"{year}年{named.zh}", f"{named.en} in {year}")
        return threshold_text(
            status, measured, required, subject, Compare.AT_LEAST, Shown(percent=True)
        )


@attrs.frozen
class ShareOf(Criterion):
    """``part / whole`` at least ``param`` (two facts of the application, not of one year), by
    cross-multiplication: either absent → ``unknown``; a whole of 0 → ``review``. ``result``
    (if set) names the result showing the share (``None`` when unknown)."""

    part: Ref
    whole: Ref
    param: Param
    result: str | None = None

    kind: ClassVar[str] = "share"

    def decide(self, row: Row) -> Finding:
        part, whole = row(self.part), row(self.whole)
        required: Decimal = row.params[self.param.name]
        title = partial(row.title, self.id)
        status = share_status(part, whole, required)
        known = status is Status.MET or status is Status.NOT_MET
        if known:
            render = partial(_share_text, status, part, whole, required, title)
        elif status is Status.REVIEW:
            render = partial(_undefined_share, title, required)
        else:
            render = partial(_titled, title, status, None, required, _PERCENT)
        if self.result is not None:
            row.results[self.result] = (
                Later(partial(shown_ratio, part, whole, required)) if known else None
            )
        return row.ctx.finding(self.id, status, render=render)


def _titled(
    title: Title, status: Status, measured: Decimal | None, required: Decimal, shown: Shown
) -> Rendered:
    """An at-least threshold's explanation, the criterion's title as its subject."""
    return threshold_text(status, measured, required, title(), Compare.AT_LEAST, shown)


def _share_text(status: Status, part: Any, whole: Any, required: Decimal, title: Title) -> Rendered:
    return _titled(title, status, shown_ratio(part, whole, required), required, _PERCENT)


def _undefined_share(title: Title, required: Decimal) -> Rendered:
    """``review``: a ratio whose whole is 0 is undefined."""
    subject = title()
    message = Message(
        f"需审查：{subject.zh}无法计算（分母为0）。",
        f"Needs review: {inline(subject.en)} is undefined (a whole of 0).",
    )
    return message, None, required, None


_SCALES_ZH = {"100": "百", "1000": "千", "10000": "万", "100000": "十万", "1000000": "百万"}
"""The round scales Chinese names with a word (每万人), by their digits; other scales are written
in digits. (Keys are texts: a scale's name is wording, not a threshold of the law.)"""


def people_scale(per: int) -> Message:
    """The words after 每 / "per" in a density's subject, for ``per`` people: 10000 → "万人" /
    "10,000 people", 1000 → "千人" / "1,000 people", 37 → "37人" / "37 people", 1 → "人" /
    "person". A scale an override sets is named, never the data file's 每万人."""
    if per == 1:
        return Message("人", "person")
    digits = str(per)
    zh = _SCALES_ZH.get(digits, digits)
    return Message(f"{zh}人", f"{per:,} people")


@attrs.frozen
class DensityInYear(OnYears):
    """``count × per / people`` at least ``param``: a count of the last recent year per ``per``
    people (每万人…拥有量), by cross-multiplication (``people`` > 0).

    No figures for that year → ``unknown`` (naming the year); no count or no people →
    ``unknown``. ``result`` (if set) names the result showing the density. ``subject`` (if
    set) is the subject the findings name, with ``{per}`` for the scale in words
    (:func:`people_scale`: "每{per}发明专利拥有量" → "每万人…", or "每千人…" once ``per`` is
    overridden to 1000); without it the criterion's title is the subject, as written.
    """

    count: str
    people: Ref
    per: Param
    param: Param
    count_name: Message
    count_unit: Message
    people_unit: Message
    result: str | None = None
    subject: Message | None = None

    def _subject(self, row: Row) -> Message:
        """What the findings are about, with the scale of this evaluation's ``per``."""
        if self.subject is None:
            return row.title(self.id)
        scale = people_scale(row.params[self.per.name])
        return Message(self.subject.zh.format(per=scale.zh), self.subject.en.format(per=scale.en))

    kind: ClassVar[str] = "density_in_year"

    def judge(self, row: Row, frame: YearFrame) -> Judged:
        window = frame.recent
        assert window is not None  # the gate has answered otherwise
        params = row.params
        required: Decimal = params[self.param.name]
        year = window.last
        entry = frame.entries.get(year)
        if entry is None:
            return Status.UNKNOWN, partial(lacking_text, self.count_name, [year], [], required)
        count, people = getattr(entry, self.count), row(self.people)
        title = partial(self._subject, row)
        if count is None or people is None:
            return Status.UNKNOWN, partial(_titled, title, Status.UNKNOWN, None, required, _PLAIN)
        per: int = params[self.per.name]
        status = share_status(count * per, people, required)
        if status is Status.REVIEW:  # no people: the density is undefined
            return status, partial(_undefined_share, title, required)
        if self.result is not None:
            row.results[self.result] = Later(partial(shown_ratio, count * per, people, required))
        return status, partial(self._text, status, year, count, people, per, required, title)

    def _text(
        self,
        status: Status,
        year: int,
        count: int,
        people: int,
        per: int,
        required: Decimal,
        title: Title,
    ) -> Rendered:
        c, p, named = self.count_unit, self.people_unit, title()
        subject = Message(
            f"{year}年{named.zh}（{count}{c.zh}/{people}{p.zh}×{per}）",
            f"{named.en} in {year} ({count} {c.en} / {people} {p.en} × {per})",
        )
        measured = shown_ratio(count * per, people, required)
        return threshold_text(status, measured, required, subject, Compare.AT_LEAST, _PLAIN)
