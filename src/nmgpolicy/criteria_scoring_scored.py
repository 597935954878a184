"""Scoring one indicator (:func:`score`: the status and points decided at once, an interval
while facts are missing) and every indicator of a table (:class:`ScoreCard`: group and total
intervals, the nearest band up of each, the improvements ranked by gain).

The words of a scored indicator are written when first read
(:mod:`nmgpolicy.criteria_scoring_words`).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from decimal import Decimal
from typing import Any

import attrs

from nmgpolicy.criteria_scoring_measures import EXACT, Measurement, Missing, Undefined
from nmgpolicy.criteria_scoring_table import Band, Indicator, ScoringTable
from nmgpolicy.criteria_scoring_words import NextBand, _reason, _Shown, _shown
from nmgpolicy.outcome import Message, Status

__all__ = ["CARD_RESULTS", "ScoreCard", "Scored", "score"]

_ZERO = Decimal(0)


@attrs.frozen
class Scored:
    """One indicator, scored: status and points (an interval while facts are missing) decided at
    once; the value, band and next band up as messages show them, written when first read.

    ``status``: ``met`` full points; ``not_met`` fewer than full points; ``unknown`` a fact is
    missing; ``review`` the value cannot be computed (a reviewer scores it). ``raw`` is the
    input, ``index`` the band or option earned (the whole steps for ``steps``), ``pending`` what
    leaves the points undetermined.
    """

    indicator: Indicator
    status: Status
    low: Decimal
    high: Decimal
    raw: Any = None
    index: int = -1
    pending: Missing | Undefined | None = None
    inclusive: bool = True
    _cache: list[_Shown] = attrs.field(factory=list, eq=False, repr=False)

    @property
    def points(self) -> Decimal | None:
        """The points earned, or ``None`` while they are not determined."""
        return self.low if self.low == self.high else None

    def _shown(self) -> _Shown:
        cache = self._cache
        if not cache:
            cache.append(_shown(self))
        return cache[0]

    @property
    def value(self) -> Any:
        return self._shown().value

    @property
    def value_text(self) -> Message | None:
        return self._shown().value_text

    @property
    def band(self) -> str | None:
        """The band's line of the source text (or its name)."""
        return self._shown().band

    @property
    def band_label(self) -> Message | None:
        """The band as messages describe it, its edges as scored."""
        return self._shown().band_label

    @property
    def next_up(self) -> NextBand | None:
        return self._shown().next_up

    @property
    def reason(self) -> Message | None:
        """Why the points are undetermined (``None`` when they are)."""
        return None if self.pending is None else _reason(self.indicator, self.pending)


def _determined(
    ind: Indicator, points: Decimal, raw: Any, index: int, inclusive: bool = True
) -> Scored:
    status = Status.MET if points == ind.max_points else Status.NOT_MET
    return Scored(ind, status, points, points, raw, index, inclusive=inclusive)


def _undetermined(ind: Indicator, raw: Missing | Undefined, low: Decimal | None = None) -> Scored:
    status = Status.UNKNOWN if isinstance(raw, Missing) else Status.REVIEW
    floor = ind.min_points if low is None else low
    return Scored(ind, status, floor, ind.max_points, pending=raw)


def _reaches(band: Band, values: Mapping[str, Measurement], lower: bool, inclusive: bool) -> bool:
    if not band.edges:
        return True
    for name, edge in band.edges.items():
        measurement = values.get(name)
        if measurement is None:
            continue
        sign = measurement.compare(edge)
        if lower:
            sign = -sign
        if sign > 0 or (sign == 0 and band.in_better(inclusive)):
            return True
    return False


def _score_bands(ind: Indicator, raw: Mapping[str, Any], inclusive: bool) -> Scored:
    known = {k: v for k, v in raw.items() if not isinstance(v, Missing | Undefined)}
    lower = ind.direction == "lower"
    index = next(i for i, b in enumerate(ind.bands) if _reaches(b, known, lower, inclusive))
    if index > 0 and len(known) < len(raw):
        pending = [v for v in raw.values() if isinstance(v, Missing | Undefined)]
        missing = [p for p in pending if isinstance(p, Missing)]
        reason = Missing(tuple(f for p in missing for f in p.facts)) if missing else pending[0]
        return _undetermined(ind, reason, ind.bands[index].points)
    return _determined(ind, ind.bands[index].points, raw, index, inclusive)


def score(ind: Indicator, raw: Any, *, inclusive: bool) -> Scored:
    """Score one indicator from its input: per kind, a mapping of measure → Measurement |
    Missing | Undefined (``bands``), an option value (``choice``), whole years (``steps``), a
    list of items (``items``), a Decimal score (``supplied``) — or :class:`Missing`.
    ``inclusive`` is where an edge the text leaves open scores (banded indicators)."""
    kind = ind.kind
    if kind == "bands":
        return _score_bands(ind, raw, inclusive)
    if isinstance(raw, Missing):
        return _undetermined(ind, raw)
    if kind == "choice":
        index = next(i for i, c in enumerate(ind.choices) if c.value == raw)
        return _determined(ind, ind.choices[index].points, raw, index)
    if kind == "steps":
        full = int(raw) // ind.step
        return _determined(ind, min(ind.points_per_step * full, ind.max_points), raw, full)
    if kind == "items":
        held = sum(1 for c in ind.choices if c.value in raw)
        return _determined(ind, min(ind.points_per_item * held, ind.max_points), raw, held)
    return _determined(ind, raw, raw, 0)


@attrs.frozen
class ScoreCard:
    """Every indicator scored, with group and total intervals."""

    table: ScoringTable
    scored: tuple[Scored, ...]

    def interval(self, names: Iterable[str] | None = None) -> tuple[Decimal, Decimal]:
        """(fewest, most) points of the named indicators (all by default)."""
        wanted = None if names is None else set(names)
        low = high = _ZERO
        for s in self.scored:
            if wanted is None or s.indicator.name in wanted:
                low, high = EXACT.add(low, s.low), EXACT.add(high, s.high)
        return low, high

    def pending(self, names: Iterable[str] | None = None) -> tuple[Scored, ...]:
        """The undetermined indicators among ``names`` (all by default)."""
        chosen = set(names) if names is not None else None
        return tuple(
            s
            for s in self.scored
            if s.points is None and (chosen is None or s.indicator.name in chosen)
        )

    def results(self, params: Mapping[str, Any] | None = None) -> dict[str, Any]:
        """Total, points by group and by indicator, the nearest band up of each indicator and
        the improvements ranked by gain (what would raise the score most)."""
        low, high = self.interval()
        groups: dict[str, Any] = {}
        for g in self.table.groups:
            g_low, g_high = self.interval(g.indicators)
            entry: dict[str, Any] = {
                "title": g.title.zh,
                "points": g_low if g_low == g_high else None,
                "min": g_low,
                "max": g_high,
                "max_points": g.max_points,
            }
            if g.minimum is not None and params is not None:
                entry["minimum"] = params[g.minimum]
            groups[g.name] = entry
        indicators = {
            s.indicator.name: {
                "label": s.indicator.label,
                "group": s.indicator.group,
                "status": s.status,
                "points": s.points,
                "min": s.low,
                "max": s.high,
                "max_points": s.indicator.max_points,
                "band": s.band,
                "value": s.value,
            }
            for s in self.scored
        }
        ups = [(s, s.next_up) for s in self.scored]
        nearest = {s.indicator.name: up.as_mapping() if up else None for s, up in ups}
        ranked = sorted(
            ((s, up) for s, up in ups if up is not None),
            key=lambda p: (-p[1].gain, p[0].indicator.order),
        )
        improvements = [
            {
                "indicator": s.indicator.name,
                "label": s.indicator.label,
                "gain": up.gain,
                "band": up.text,
            }
            for s, up in ranked
        ]
        return {
            "total": low if low == high else None,
            "total_range": {"min": low, "max": high},
            "max_points": sum((g.max_points for g in self.table.groups), _ZERO),
            "groups": groups,
            "indicators": indicators,
            "nearest_band_up": nearest,
            "improvements": improvements,
        }


CARD_RESULTS = (
    "total",
    "total_range",
    "max_points",
    "groups",
    "indicators",
    "nearest_band_up",
    "improvements",
)
"""The keys :meth:`ScoreCard.results` gives."""
