"""What the disclosure deadline says: the notes about the limits compared, in Chinese and English.

Private to :mod:`nmgpolicy.rules.disclosure`. Each function formats values the computation
(:mod:`nmgpolicy.rules._disclosure_limits`) has established; none computes a date.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from nmgpolicy.catalog import CatalogItem
from nmgpolicy.outcome import Message
from nmgpolicy.params import ParameterSet
from nmgpolicy.periods import Period
from nmgpolicy.rules._disclosure_types import DeadlineCandidate

__all__: list[str] = []


def _limit_text(entry: CatalogItem) -> Message:
    """The catalog's 公开时限 as written, for a message (a blank cell said as such)."""
    text = entry.time_limit_text
    return Message(f"“{text}”" if text else "空白", repr(text) if text else "blank")


def _upper(text: str) -> str:
    return text[:1].upper() + text[1:]


def _named(candidate: DeadlineCandidate, data: ParameterSet) -> Message:
    """A candidate in words: its period, its source and the source's rank."""
    if candidate.source == "catalog":
        title = candidate.citation.article
        return Message(
            f"公开事项目录“{title}”的公开时限（{candidate.period}）",
            f"the catalog's limit for “{title}” ({candidate.period.describe('en')})",
        )
    rank = data.label(candidate.rank)
    label = candidate.citation.label
    return Message(
        f"{label}（{rank.zh}）规定的{candidate.period}",
        f"{candidate.period.describe('en')} under {label} ({rank.en})",
    )


def _end(candidate: DeadlineCandidate) -> Message:
    """Its end: the date, or its lower bound when it needs a missing year."""
    if candidate.due is not None:
        return Message(f"届满日为{candidate.due}", f"ends on {candidate.due}")
    return Message(
        f"届满日不早于{candidate.not_before}", f"ends no earlier than {candidate.not_before}"
    )


# --------------------------------------------------------------------------------------------
# 第二十六条 as a ceiling (the default reading)
# --------------------------------------------------------------------------------------------


def replaced_note(statute: DeadlineCandidate, default: Period, data: ParameterSet) -> Message:
    """A 法律 or 法规 sets its own limit, which replaces 第二十六条's (从其规定)."""
    rank = data.label(statute.rank)
    return Message(
        f"{statute.citation.label}（{rank.zh}）对公开期限另有规定（{statute.period}），依"
        "《政府信息公开条例》第二十六条“法律、法规对政府信息公开的期限另有规定的，从其"
        f"规定”，以其代替{default}的期限。",
        f"{statute.citation.label} ({rank.en}) sets its own limit "
        f"({statute.period.describe('en')}); under Article 26 of the Regulations on Open "
        "Government Information (a law or regulation that sets another limit prevails), "
        f"it replaces the {default.describe('en')}.",
    )


def no_catalog_limit_note(entry: CatalogItem, candidates: Sequence[DeadlineCandidate]) -> Message:
    """The catalog fixes no limit for the item (and 第二十六条 still applies, if it does)."""
    limit_text = _limit_text(entry)
    applies = Message("", "")
    if candidates and candidates[0].source == "ceiling":
        period = candidates[0].period
        applies = Message(
            f"，《政府信息公开条例》第二十六条的{period}仍然适用",
            "; the "
            f"{period.describe('en')} of Article 26 of the Regulations on Open Government "
            "Information still apply",
        )
    return Message(
        f"目录未规定固定公开时限（{limit_text.zh}）{applies.zh}。",
        f"The catalog sets no fixed limit ({limit_text.en}){applies.en}.",
    )


def earliest_note(basis: DeadlineCandidate, data: ParameterSet) -> Message:
    """Which of several limits ends first, and so binds."""
    named = _named(basis, data)
    return Message(
        f"各项时限中最早届满的为{named.zh}，公开期限为{basis.due}。",
        f"Of the limits that apply, the earliest is {named.en}: due {basis.due}.",
    )


def conflict_message(
    entry: CatalogItem, c: DeadlineCandidate, top: DeadlineCandidate, data: ParameterSet
) -> Message:
    """The catalog's limit ends after the law's: the catalog conflicts with the law."""
    law, end = _named(top, data), _end(c)
    return Message(
        f"目录与上位规定不一致：公开事项目录“{entry.title}”的公开时限“{c.citation.text}”"
        f"（{c.period}）{end.zh}，晚于{law.zh}的届满日{top.due}。目录不能延长该期限，以"
        f"{top.due}为准；建议修正目录。",
        f"The catalog conflicts with the law: its limit for “{entry.title}” "
        f"(“{c.citation.text}”, {c.period.describe('en')}) {end.en}, later than "
        f"{law.en}, which ends on {top.due}. The catalog cannot extend it; {top.due} "
        "binds, and the catalog should be corrected.",
    )


def lower_rank_note(c: DeadlineCandidate, top: DeadlineCandidate, data: ParameterSet) -> Message:
    """A lower-rank statute's limit ends after the law's: it only adds a limit."""
    named, law, end = _named(c, data), _named(top, data), _end(c)
    return Message(
        f"{named.zh}{end.zh}，晚于{law.zh}的届满日{top.due}；下位规定只能另加时限，"
        "不能延长该期限。",
        f"{_upper(named.en)} {end.en}, later than {law.en}, which ends on "
        f"{top.due}; a lower-rank rule can only add a limit, not extend it.",
    )


# --------------------------------------------------------------------------------------------
# 第二十六条 as a fallback (article_26_role = "fallback")
# --------------------------------------------------------------------------------------------


def fallback_note(entry: CatalogItem, fallback: DeadlineCandidate) -> Message:
    """Neither the catalog nor the statute fixes a limit: 第二十六条's general limit applies."""
    limit_text = _limit_text(entry)
    return Message(
        f"目录未规定固定公开时限（{limit_text.zh}），适用《政府信息公开条例》第二十六条的"
        f"一般时限：{fallback.period}。",
        f"The catalog sets no fixed limit ({limit_text.en}); the general limit of "
        "Article 26 of the Regulations on Open Government Information applies: "
        f"{fallback.period.describe('en')}.",
    )


def statute_applies_note(entry: CatalogItem, statute: DeadlineCandidate) -> Message:
    """The catalog fixes no limit: the cited statute's applies."""
    limit_text = _limit_text(entry)
    return Message(
        f"目录未规定固定公开时限（{limit_text.zh}），适用所依据规定的时限："
        f"{statute.period}（{statute.citation.label}）。",
        f"The catalog sets no fixed limit ({limit_text.en}); the limit of the statute it "
        f"cites applies: {statute.period.describe('en')} "
        f"({statute.citation.label}).",
    )


DIFFER = Message(
    "目录时限与所依据法律规定的时限不同，取较早的日期。",
    "The catalog's limit and the cited statute's limit differ; the earlier date binds.",
)


# --------------------------------------------------------------------------------------------
# Missing years
# --------------------------------------------------------------------------------------------


def pending_note(c: DeadlineCandidate, due: dt.date | None, data: ParameterSet) -> Message:
    """A limit needs a missing year, and why the deadline ``due`` does not need it."""
    named = _named(c, data)
    return Message(
        f"{named.zh}需要{c.needs_year}年的官方工作日安排，本库尚无该年数据，无法算出"
        f"届满日；但可以确定它不早于{c.not_before}，而公开期限{due}不晚于此日，"
        "故不影响公开期限。",
        f"{_upper(named.en)} needs the official working-day schedule of "
        f"{c.needs_year}, which is not available, so its end cannot be computed; it "
        f"ends no earlier than {c.not_before}, and the deadline {due} is not "
        "later than that, so it does not change the deadline.",
    )


def needing_text(
    needing: Sequence[DeadlineCandidate], formed_on: dt.date, data: ParameterSet
) -> str:
    """The limits that need a missing year, for :class:`CalendarNotCovered` (English)."""
    return "; ".join(
        f"{data.label(c.source).en} ({c.citation.label}), {c.period.describe('en')} "
        f"from {formed_on}, ends no earlier than {c.not_before}"
        for c in needing
    )
