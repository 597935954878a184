"""The words of a scored indicator, written when first read: its value and band ("所在档"), the
nearest band up and what reaching it needs (:class:`NextBand`), and the finding's explanation
(:func:`indicator_text`). Each is a pure function of the values decided in
:mod:`nmgpolicy.criteria_scoring_scored`.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from decimal import Decimal
from typing import TYPE_CHECKING, Any

import attrs

from nmgpolicy.criteria_scoring_measures import (
    Measurement,
    Missing,
    Plain,
    Undefined,
    fact_names,
)
from nmgpolicy.criteria_scoring_table import Band, Indicator, _edge_text
from nmgpolicy.outcome import Amount, Message, Percent, Rendered, Status, jsonable
from nmgpolicy.units import format_decimal

if TYPE_CHECKING:
    from nmgpolicy.criteria_scoring_scored import Scored

__all__ = ["NextBand", "band_label", "indicator_text"]


def _reason(ind: Indicator, raw: Missing | Undefined) -> Message:
    if isinstance(raw, Missing):
        names = fact_names(ind.labels, raw.facts)
        return Message(f"缺少事实：{names.zh}", f"missing fact(s): {names.en}")
    names = fact_names(ind.labels, raw.zero)
    return Message(
        f"{names.zh}为0，增长率无法计算", f"{names.en} is 0, so the growth rate is undefined"
    )


@attrs.frozen
class NextBand:
    """The band just above the one earned: its points, the gain, and what reaching it needs.

    ``needs`` maps each measure (or ``value``, ``years``, ``items``) to what is required and
    how far the applicant is from it; ``text`` is the band's line of the source text (or its
    name), ``label`` the band as messages describe it.
    """

    points: Decimal
    gain: Decimal
    text: str
    needs: Mapping[str, Any]
    advice: Message
    label: Message | None = None

    def as_mapping(self) -> dict[str, Any]:
        """The values as they are (Decimal, Amount), for ``Decision.results``."""
        return {
            "points": self.points,
            "gain": self.gain,
            "band": self.text,
            "needs": dict(self.needs),
            "advice": self.advice.to_dict(),
        }

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready form."""
        result: dict[str, Any] = jsonable(self.as_mapping())
        return result


@attrs.frozen
class _Shown:
    """What an indicator's explanation and results show (computed when first read)."""

    value: Any = None
    value_text: Message | None = None
    band: str | None = None
    band_label: Message | None = None
    next_up: NextBand | None = None


_AT_LEAST = ("不低于{}", "at least {}")
_ABOVE = ("高于{}", "above {}")
_BELOW = ("低于{}", "below {}")
_AT_MOST = ("不超过{}", "at most {}")


def _bound_text(
    ind: Indicator, band: Band, inclusive: bool, *, threshold: bool, prefix: bool
) -> Message:
    """One bound of a band as words: ``band``'s edge, seen from the band above it (``threshold``
    = False, the bound is its lower-scoring side) or from itself (``threshold`` = True).

    With several measures each is named and they are joined by 或 (reaching any measure's
    threshold suffices) or 且 (staying below every measure's threshold).
    """
    higher = ind.direction == "higher"
    included = band.in_better(inclusive)
    if threshold:
        form = (_AT_LEAST if included else _ABOVE) if higher else (_AT_MOST if included else _BELOW)
    else:
        form = (_BELOW if included else _AT_MOST) if higher else (_ABOVE if included else _AT_LEAST)
    parts: dict[str, list[str]] = {"zh": [], "en": []}
    for measure, edge in band.edges.items():
        for lang, words in (("zh", form[0]), ("en", form[1])):
            said = words.format(_edge_text(edge, ind.measures[measure], lang))
            if prefix:
                name = ind.word(measure).get(lang)
                said = f"{name}{said}" if lang == "zh" else f"{name} {said}"
            parts[lang].append(said)
    join = ("或", " or ") if threshold else ("且", " and ")
    return Message(join[0].join(parts["zh"]), join[1].join(parts["en"]))


def band_label(ind: Indicator, index: int, inclusive: bool) -> Message:
    """Band ``index`` of a banded indicator in words, its edges as scored under ``inclusive``
    (e.g. "不低于3%且低于5%" when 3% is open and included, 5% fixed in the band above)."""
    band = ind.bands[index]
    multi = len(ind.measures) > 1
    parts: list[Message] = []
    if band.edges:
        parts.append(_bound_text(ind, band, inclusive, threshold=True, prefix=multi))
    if index > 0:
        above = _bound_text(ind, ind.bands[index - 1], inclusive, threshold=False, prefix=multi)
        if multi and band.edges:
            above = Message("未达上一档", "short of the band above")
        parts.append(above)
    if ind.direction == "lower":
        parts.reverse()
    zh = ("，且" if multi else "且").join(p.zh for p in parts)
    en = (", " if multi else " and ").join(p.en for p in parts)
    return Message(zh, en)


def _band_advice(
    ind: Indicator, band: Band, values: Mapping[str, Measurement], inclusive: bool
) -> tuple[dict[str, Any], Message]:
    lower = ind.direction == "lower"
    reach = band.in_better(inclusive)
    needs: dict[str, Any] = {}
    zh: list[str] = []
    en: list[str] = []
    for name, edge in band.edges.items():
        m = values[name]
        target = Plain(edge, money=ind.measures[name] == "money")
        short = m.short_by(edge, lower)
        needs[name] = {"at": target.shown(), "short_by": short}
        if lower:
            verb_zh = "降至" if reach else "降至低于"
            verb_en = "bring it down to" if reach else "bring it below"
            more_zh, more_en = "降低", "lower by"
        else:
            verb_zh = "提高至" if reach else "提高至超过"
            verb_en = "raise it to" if reach else "raise it above"
            more_zh, more_en = "提高", "raise by"
        if (short.value if isinstance(short, Amount) else short) == 0:
            # Exactly on an edge that scores in the band below: any move past it will do.
            zh.append(f"{verb_zh}{target.text('zh')}（现恰为该值）")
            en.append(f"{verb_en} {target.text('en')} (it is exactly at it now)")
            continue
        zh.append(f"{verb_zh}{target.text('zh')}（尚须{more_zh}{m.short_text(edge, lower, 'zh')}）")
        en.append(f"{verb_en} {target.text('en')} ({more_en} {m.short_text(edge, lower, 'en')})")
    return needs, Message("或".join(zh), " or ".join(en))


def _shown_bands(s: Scored) -> _Shown:
    ind, index, inclusive = s.indicator, s.index, s.inclusive
    known = {k: v for k, v in s.raw.items() if not isinstance(v, Missing | Undefined)}
    value_text = Message(
        "、".join(m.text("zh") for m in known.values()),
        ", ".join(m.text("en") for m in known.values()),
    )
    shown = {k: m.shown() for k, m in known.items()}
    value = shown[next(iter(shown))] if len(shown) == 1 else shown
    next_up = None
    if index > 0:
        above, band = ind.bands[index - 1], ind.bands[index]
        needs, advice = _band_advice(ind, above, known, inclusive)
        label = band_label(ind, index - 1, inclusive)
        next_up = NextBand(
            above.points, above.points - band.points, above.text, needs, advice, label
        )
    return _Shown(
        value, value_text, ind.bands[index].text, band_label(ind, index, inclusive), next_up
    )


def _shown_choice(s: Scored) -> _Shown:
    ind, choice = s.indicator, s.indicator.choices[s.index]
    better = [c for c in ind.choices if c.points > choice.points]
    next_up = None
    if better:
        up = min(better, key=lambda c: c.points)
        word = ind.word(up.value)
        advice = Message(f"达到“{word.zh}”", f"reach “{word.en}”")
        label = Message(up.text, word.en)
        next_up = NextBand(
            up.points, up.points - choice.points, up.text, {"value": up.value}, advice, label
        )
    word = ind.word(s.raw)
    return _Shown(s.raw, word, choice.text, Message(choice.text, word.en), next_up)


def _count_en(n: int, noun: str) -> str:
    """``n`` and a plural English noun, singular at 1: "1 item", "1 full year", "2 items"."""
    return f"{n} {noun[:-1]}" if n == 1 else f"{n} {noun}"


def _shown_steps(s: Scored) -> _Shown:
    ind, years, full = s.indicator, int(s.raw), s.index
    points = s.low
    if full:
        band = Message(f"满{full * ind.step}年", _count_en(full * ind.step, "full years"))
    else:
        band = Message(f"不满{ind.step}年", f"fewer than {_count_en(ind.step, 'full years')}")
    next_up = None
    if points < ind.max_points:
        target = (full + 1) * ind.step
        gain = min(ind.points_per_step * (full + 1), ind.max_points) - points
        advice = Message(
            f"满{target}年（尚差{target - years}年）",
            f"{_count_en(target, 'full years')} ({target - years} more)",
        )
        needs = {"years": {"at": target, "short_by": target - years}}
        label = Message(f"满{target}年", _count_en(target, "full years"))
        next_up = NextBand(points + gain, gain, label.zh, needs, advice, label)
    return _Shown(years, Message(f"{years}年", _count_en(years, "years")), band.zh, band, next_up)


def _shown_items(s: Scored) -> _Shown:
    ind, raw, points = s.indicator, s.raw, s.low
    held = [c for c in ind.choices if c.value in raw]
    next_up = None
    if points < ind.max_points:
        gain = min(ind.points_per_item * (len(held) + 1), ind.max_points) - points
        lacking = [c for c in ind.choices if c.value not in raw]
        advice = Message(
            "再满足一项：" + "、".join(ind.word(c.value).zh for c in lacking),
            "one more of: " + ", ".join(ind.word(c.value).en for c in lacking),
        )
        label = Message(f"{len(held) + 1}项", _count_en(len(held) + 1, "items"))
        next_up = NextBand(
            points + gain, gain, label.zh, {"items": [c.value for c in lacking]}, advice, label
        )
    text = Message(
        "、".join(ind.word(c.value).zh for c in held) or "无",
        ", ".join(ind.word(c.value).en for c in held) or "none",
    )
    band = Message(f"{len(held)}项", _count_en(len(held), "items"))
    return _Shown(list(raw), text, band.zh, band, next_up)


def _shown_supplied(s: Scored) -> _Shown:
    shown = format_decimal(s.raw)
    text = Message(f"提供的得分{shown}分", f"{shown} points (supplied)")
    band = Message("按提供的得分", "supplied score")
    return _Shown(s.raw, text, band.zh, band, None)


_SHOWN: Mapping[str, Callable[[Scored], _Shown]] = {
    "bands": _shown_bands,
    "choice": _shown_choice,
    "steps": _shown_steps,
    "items": _shown_items,
    "supplied": _shown_supplied,
}


def _shown(s: Scored) -> _Shown:
    if s.pending is not None:
        return _Shown()
    return _SHOWN[s.indicator.kind](s)


def _pts(value: Decimal) -> str:
    return format_decimal(value)


def _negate(value: Any) -> Any:
    if isinstance(value, Amount):
        return Amount(-value.value, value.kind, value.unit)
    if isinstance(value, Percent):
        return Percent(-value)
    return -value


def indicator_text(s: Scored) -> Rendered:
    """The explanation of an indicator: points earned, band, and the nearest band up
    (``measured`` holds value, band and points; ``required`` the maximum and the next band;
    ``gap`` how far the value is from the next band's edge)."""
    ind = s.indicator
    head, top = ind.heading, _pts(ind.max_points)
    if s.pending is not None:  # a fact missing or a value undefined: the points an interval
        reason = s.reason
        assert reason is not None
        low, high = _pts(s.low), _pts(s.high)
        if s.points is None:
            zh = f"{head.zh}：{reason.zh}，得分在{low}–{high}分之间（满分{top}分）。"
            en = f"{head.en}: {reason.en}; scores between {low} and {high} (out of {top})."
        else:  # an interval closed on one value (a maximum overridden to 0)
            zh = f"{head.zh}：{reason.zh}，得{low}分（满分{top}分）。"
            en = f"{head.en}: {reason.en}; scores {low} (out of {top})."
        if s.status is Status.REVIEW:
            zh = zh.rstrip("。") + "，须由评审人员评分。"
            en = en.rstrip(".") + "; a reviewer must score it."
    else:
        value_text, label, pts = s.value_text, s.band_label, _pts(s.low)
        assert value_text is not None
        assert label is not None
        zh = f"{head.zh}：{value_text.zh}，所在档“{label.zh}”，得{pts}分（满分{top}分）"
        band_en = "" if label.en == value_text.en else f", band “{label.en}”"
        en = f"{head.en}: {value_text.en}{band_en}: {pts} of {top} points"
        nxt = s.next_up
        if nxt is not None:
            up = nxt.label or Message(nxt.text, nxt.text)
            gets, gain = _pts(nxt.points), _pts(nxt.gain)
            zh += f"；上一档“{up.zh}”得{gets}分（+{gain}分）：{nxt.advice.zh}"
            en += f"; next band “{up.en}” gives {gets} (+{gain}): {nxt.advice.en}"
        zh += "。"
        en += "."
    if ind.note is not None:
        zh += ind.note.zh
        en += " " + ind.note.en
    measured: dict[str, Any] = {"value": s.value, "band": s.band_label, "points": s.points}
    if s.points is None:
        measured["points_range"] = {"min": s.low, "max": s.high}
    required: dict[str, Any] = {"max_points": ind.max_points}
    gap: Any = None
    nxt = s.next_up
    if nxt is not None:
        required["next_band"] = nxt.label
        required["next_points"] = nxt.points
        numeric = {k: v["short_by"] for k, v in nxt.needs.items() if isinstance(v, Mapping)}
        if numeric:
            negated = {k: _negate(v) for k, v in numeric.items()}
            gap = next(iter(negated.values())) if len(negated) == 1 else negated
    return Message(zh, en), measured, required, gap
