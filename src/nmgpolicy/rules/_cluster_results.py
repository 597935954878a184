"""中小企业特色产业集群: what a decision reports besides its findings — the computed results
(the years used, a table of the figures given, the anchor enterprises) and the notes saying
which years were used and why.

Private to :mod:`nmgpolicy.rules.cluster` (its definition's ``finish``). Display-only results
are :class:`~nmgpolicy.outcome.Later`: computed only if someone reads ``Decision.results``.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from decimal import Decimal
from functools import partial
from typing import TYPE_CHECKING, Any

from nmgpolicy.criteria_years import YearFrame, shown_ratio, span, years_en, years_zh
from nmgpolicy.definition import Row
from nmgpolicy.engine import Context
from nmgpolicy.outcome import Amount, Finding, Later
from nmgpolicy.units import Kind

if TYPE_CHECKING:
    from nmgpolicy.rules.cluster import Enterprise, YearFacts

__all__ = ["report"]

_SET_BY_CRITERIA = ("leading_growth", "sme_rd_expense_growth", "patent_growth", "patent_density")
"""Results a criterion sets when it gets that far (``None`` otherwise)."""


def report(row: Row, findings: Sequence[Finding], frame: YearFrame) -> None:
    """The results and the notes of one evaluation (after its findings)."""
    facts, params, results = row.facts, row.params, row.results
    recent, trend = frame.recent, frame.trend
    ignored = frame.ignored
    entries = frame.entries
    set_by_criteria = dict(results)  # the criteria ran first; the keys keep their old order
    results.clear()
    results.update(
        {
            "name": facts.name,
            "leading_industry": facts.leading_industry,
            "growth_method": params["growth_method"],
            "recent_years_anchor": frame.anchor,
            "anchor_date": frame.anchor_date,
            "years": Later(
                partial(
                    _year_table,
                    entries,
                    params["min_sme_share"],
                    params["min_leading_share"],
                )
            )
            if entries
            else [],
            "latest_year": max(entries) if entries else None,
            "recent_years": list(recent.years) if recent else [],
            "missing_years": list(recent.missing) if recent else [],
            "trend_years": list(trend.years) if trend else [],
            "missing_trend_years": list(trend.missing) if trend else [],
            "ignored_years": ignored,
        }
    )
    for key in _SET_BY_CRITERIA:
        results[key] = set_by_criteria.pop(key, None)
    results["anchor_enterprises"] = (
        None
        if facts.enterprises is None
        else Later(partial(_anchor_enterprises, facts.enterprises, row.ctx.data.extra))
    )
    results.update(set_by_criteria)  # rd_staff_share
    if recent is not None and trend is not None:
        _window_notes(row.ctx, frame, facts.applied_on, ignored)
    if frame.strict:
        _freshness_note(row.ctx, entries, frame.size)


# ---- results ---------------------------------------------------------------------------------


def _money(value: Decimal | None) -> Amount | None:
    return None if value is None else Amount(value, Kind.MONEY)


def _share(part: Decimal | None, whole: Decimal | None, required: Decimal) -> Decimal | None:
    if part is None or not whole:
        return None
    return shown_ratio(part, whole, required)


def _year_table(
    entries: Mapping[int, YearFacts], sme_required: Decimal, leading_required: Decimal
) -> list[dict[str, Any]]:
    """One row per year given, in year order: the figures, and the two shares of 第五条（二）."""
    return [
        {
            "year": entry.year,
            "output": _money(entry.output),
            "sme_output": _money(entry.sme_output),
            "leading_output": _money(entry.leading_output),
            "sme_share": _share(entry.sme_output, entry.output, sme_required),
            "leading_share": _share(entry.leading_output, entry.output, leading_required),
            "sme_rd_expense": _money(entry.sme_rd_expense),
            "invention_patents": entry.invention_patents,
            "carbon_intensity": None
            if entry.carbon_intensity is None
            else Amount(entry.carbon_intensity, Kind.MASS_PER_MONEY),
        }
        for entry in (entries[year] for year in sorted(entries))
    ]


def _anchor_enterprises(
    enterprises: Sequence[Enterprise], extra: Mapping[str, Any]
) -> dict[str, list[str]]:
    """The names of the enterprises counting for each alternative of 第五条（三）."""
    groups: Mapping[str, Sequence[str]] = extra["anchor_designations"]
    return {
        key: [e.name for e in enterprises if not set(groups[group]).isdisjoint(e.designations)]
        for key, group in (("champions", "champion"), ("designated", "designated"))
    }


# ---- notes -----------------------------------------------------------------------------------


def _count_zh(n: int) -> str:
    """A count of years as the 办法 writes it: 3 → 三 (0 to 10; larger counts as digits).

    Two is 两, as Chinese counts two of something before a measure word or a noun ("近两年",
    "两个完整年度"); 二 is only the digit of an ordinal or of a number read out ("第二")."""
    return "零一两三四五六七八九十"[n] if 0 <= n <= 10 else str(n)


def _years_en(n: int, noun: str = "years") -> str:
    """``n`` and a plural noun, singular when ``n`` is 1 ("1 recent year", "3 recent years")."""
    return f"{n} {noun[:-1] if n == 1 else noun}"


def _window_notes(
    ctx: Context, frame: YearFrame, applied: dt.date | None, ignored: Sequence[int]
) -> None:
    """State the years used (and why), the years ignored, and an application after ``on``."""
    recent, trend = frame.recent, frame.trend
    assert recent is not None  # report() checks
    assert trend is not None
    count = frame.size
    count_zh = _count_zh(count)
    span_zh, span_en = span(recent.years)
    if frame.strict:
        ctx.note(
            f"“近{count_zh}年”按所提供数据的最近年度确定为{span_zh}（未按申请日期确定）。",
            f"The {_years_en(count, 'recent years')} {'is' if count == 1 else 'are'} taken to "
            f"end with the latest year given: {span_en} (not counted back from the application "
            "date).",
        )
    else:
        if applied is not None:
            basis_zh, basis_en = f"申请日期（{applied}）", f"the application date ({applied})"
        else:
            basis_zh = f"评估日期（{ctx.on}；未提供申请日期）"
            basis_en = f"the evaluation date ({ctx.on}; no application date given)"
        ctx.note(
            f"“近{count_zh}年”为{basis_zh}前的{count_zh}个完整年度：{years_zh(recent.years)}。",
            f"The {_years_en(count, 'recent years')} {'is' if count == 1 else 'are'} the "
            f"{_years_en(count, 'calendar years')} before {basis_en}: {years_en(recent.years)}.",
        )
        if applied is not None and applied > ctx.on:
            ctx.note(
                f"申请日期（{applied}）晚于评估日期（{ctx.on}）。",
                f"The application date ({applied}) is after the evaluation date ({ctx.on}).",
            )
    if trend.years != recent.years:
        trend_zh, trend_en = span(trend.years)
        ctx.note(
            f"年均增速和“持续下降”按{trend_zh}的数据计算（以近{count_zh}年之前的一年为基年）。",
            f"Growth and the carbon intensity's fall are computed over {trend_en} (with the "
            f"year before the {_years_en(count, 'recent years')} as the base).",
        )
    if ignored:
        trend_zh, trend_en = span(trend.years)
        ctx.note(
            f"所提供的{years_zh(ignored)}数据不在所用年度（{trend_zh}）内，未予采用。",
            f"The figures given for {years_en(ignored)} are outside the years used "
            f"({trend_en}) and were not used.",
        )


def _freshness_note(ctx: Context, entries: Mapping[int, Any], count: int) -> None:
    """The strict reading: say when the latest year given is not plausibly the year before the
    evaluation date. ``count`` is the number of recent years (``recent_years``): the notes
    name "近{count}年" as the note on the years used does, never a fixed 近三年."""
    if not entries:
        return
    latest, this_year = max(entries), ctx.on.year
    recent_zh, recent_en = f"“近{_count_zh(count)}年”", f"the {_years_en(count, 'recent years')}"
    if latest >= this_year:
        ctx.note(
            f"所提供的最近年度为{latest}年，评估日期为{ctx.on}：该年度尚未结束，"
            f"{recent_zh}应为申报前已结束的年度。",
            f"The latest year given is {latest} but the evaluation date is {ctx.on}: "
            f"that year has not ended; {recent_en} {'is a year' if count == 1 else 'are years'}"
            " completed before the application.",
        )
    elif latest < this_year - 2:
        ctx.note(
            f"所提供的最近年度为{latest}年，早于评估日期（{ctx.on}）前两年：请核对"
            f"所用数据是否为申报前的{recent_zh}。",
            f"The latest year given, {latest}, is more than two years before the evaluation "
            f"date ({ctx.on}): check that the figures are {recent_en} before the "
            "application.",
        )
