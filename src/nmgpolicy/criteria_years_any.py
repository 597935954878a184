"""The "A，或B" form over years and thresholds: one finding, met if any part is met.

Part of :mod:`nmgpolicy.criteria_years` (which re-exports every name; import from it). An
:class:`AnyOf` *judges* its parts (status and text function) instead of deciding them, so that
no finding is made only to be quoted; with a frame, the years are checked once for all the
parts (:class:`~nmgpolicy.criteria_years_frame.OnYears`).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from decimal import Decimal
from functools import partial
from typing import ClassVar

import attrs

from nmgpolicy.criteria import Shown, Threshold, threshold_status, threshold_text
from nmgpolicy.criteria_years_frame import Judged, OnYears, YearFrame, _frame_reads, _gate
from nmgpolicy.definition import Criterion, Measure, Ref, Row, Source
from nmgpolicy.outcome import Finding, Message, Rendered, Status

__all__ = ["AnyOf", "any_of_status"]


def any_of_status(statuses: Iterable[Status]) -> Status:
    """Met if any part is met; else unknown, else review (before not_met); else not_met."""
    found = set(statuses)
    for status in (Status.MET, Status.UNKNOWN, Status.REVIEW):
        if status in found:
            return status
    return Status.NOT_MET


def _judge_threshold(part: Threshold, row: Row) -> Judged:
    """A :class:`~nmgpolicy.criteria.Threshold` part, judged as its ``decide`` would."""
    measured = row(part.value)
    if measured is not None and not isinstance(measured, Decimal):
        measured = Decimal(measured)  # an int count
    required = row(part.param)
    if not isinstance(required, Decimal):
        required = Decimal(required)  # an int count
    status = threshold_status(measured, required, part.compare, part.soft)
    subject = part.subject
    if subject is None:
        subject = row.title(part.id)
    elif not isinstance(subject, Message):
        subject = subject(row)
    shown = Shown(part.kind_of_value, part.unit, part.percent)
    return status, partial(threshold_text, status, measured, required, subject, part.compare, shown)


def _judge(part: Criterion, row: Row, frame: YearFrame | None) -> Judged:
    if isinstance(part, OnYears):
        return part.gated(row) if frame is None else part.judge(row, frame)
    if isinstance(part, AnyOf):
        return part.judged(row)
    assert isinstance(part, Threshold)  # AnyOf checks its parts
    return _judge_threshold(part, row)


def _judge_written(part: Criterion, frame: str | None, source: Source) -> str:
    """:func:`_judge` of one part as an expression of generated code (``frame``: the local
    holding the frame, or None), its kind's branch chosen once, at generation."""
    if isinstance(part, OnYears):
        if frame is None:
            return f"{source.constant('gated', part.gated)}(row)"
        return f"{source.constant('judge', part.judge)}(row, {frame})"
    if isinstance(part, AnyOf):
        return f"{source.constant('judged', part.judged)}(row)"
    assert isinstance(part, Threshold)  # AnyOf checks its parts
    return f"{source.constant('threshold', _judge_threshold)}({source.constant('part', part)}, row)"


def _either_text(keys: Sequence[str], renders: Sequence[Callable[[], Rendered]]) -> Rendered:
    parts = [render() for render in renders]
    zh = "".join(p[0].zh for p in parts) + "（满足其一即可）"
    en = " ".join(p[0].en for p in parts) + " (either suffices)"
    return (
        Message(zh, en),
        {k: p[1] for k, p in zip(keys, parts, strict=True)},
        {k: p[2] for k, p in zip(keys, parts, strict=True)},
        {k: p[3] for k, p in zip(keys, parts, strict=True)},
    )


@attrs.frozen
class AnyOf(Criterion):
    """The "A，或B" form: one finding, met if any part is met (else unknown, then review, then
    not_met).

    ``parts`` are decided under this criterion's id; ``keys`` label them in the measured,
    required and gap mappings (labels in the data file's ``[labels]``). With ``frame``, the
    years are checked once for all the parts (:class:`OnYears`), whose own checks are skipped.
    """

    parts: tuple[Criterion, ...]
    keys: tuple[str, ...]
    frame: Measure | None = None

    kind: ClassVar[str] = "any_of"

    def __attrs_post_init__(self) -> None:
        if len(self.parts) != len(self.keys):
            raise ValueError(f"{self.id}: one key per part")
        for part in self.parts:
            if not isinstance(part, OnYears | AnyOf | Threshold):
                # Parts are judged, not decided: no finding is made for a part (its text is
                # written within this one's).
                raise TypeError(f"{self.id}: a part must be OnYears, AnyOf or Threshold kind")

    def decide(self, row: Row) -> Finding:
        status, render = self.judged(row)
        return row.ctx.finding(self.id, status, render=render)

    def references(self) -> tuple[Ref, ...]:
        return super().references() + _frame_reads(self.frame)

    def write(self, source: Source, indent: int) -> None:
        """:meth:`decide` written out: the frame read and gated once, each part judged by the
        function its kind calls for (chosen here, at generation, not per evaluation), the
        status, the lazy finding."""
        kind = type(self)
        if kind.decide is not AnyOf.decide or kind.judged is not AnyOf.judged:
            super().write(source, indent)  # a kind that decides otherwise
            return
        status, render = source.local("status"), source.local("r")
        frame: str | None = None
        if self.frame is not None:
            frame = source.local("frame")
            source.read(self.frame, frame, indent)
            gate, me = source.constant("gate", _gate), source.constant("criterion", self)
            source.emit(indent, f"{status} = {gate}(row, {frame}, {me})")
            source.emit(indent, f"if {status} is not None:")
            source.emit(indent + 1, f"{status}, {render} = {status}")
            source.emit(indent, "else:")
            indent += 1
        parts = [source.local("part") for _ in self.parts]
        for part, var in zip(self.parts, parts, strict=True):
            source.emit(indent, f"{var} = {_judge_written(part, frame, source)}")
        statuses = ", ".join(f"{var}[0]" for var in parts)
        either = source.constant("either", _either_text)
        renders = ", ".join(f"{var}[1]" for var in parts)
        source.emit(indent, f"{status} = {source.constant('any_of', any_of_status)}(({statuses},))")
        keys = source.constant("keys", self.keys)
        source.emit(indent, f"{render} = _partial({either}, {keys}, [{renders}])")
        source.finding(self.id, status, render, indent - (self.frame is not None))

    def judged(self, row: Row) -> Judged:
        """The status and its explanation (the years checked once, with ``frame``)."""
        frame: YearFrame | None = None
        if self.frame is not None:
            frame = row(self.frame)
            gated = _gate(row, frame, self)
            if gated is not None:
                return gated
        judged = [_judge(part, row, frame) for part in self.parts]
        status = any_of_status(j[0] for j in judged)
        return status, partial(_either_text, self.keys, [j[1] for j in judged])
