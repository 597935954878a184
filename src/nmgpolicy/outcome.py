"""What an evaluation returns: findings that explain themselves, and the decision over them.

Every :class:`Finding` carries the article it encodes (:class:`Citation`, with the quoted
text), the measured value, the required value, the gap between them and a message in
Chinese and English. A :class:`Decision` aggregates the binding findings:

* any binding ``not_met`` → ``ineligible``;
* else any binding ``unknown`` or ``review`` → ``undetermined``;
* else ``eligible``.

A finding marked ``binding=False`` is informational: it explains without deciding (for
instance a retired furnace that does not count towards a replacement plan).
"""

from __future__ import annotations

import datetime as dt
import enum
from collections.abc import Iterable, Mapping
from decimal import Decimal
from typing import Any

import attrs

from nmgpolicy.errors import InputError, UnknownFinding, shown
from nmgpolicy.periods import Period
from nmgpolicy.units import Kind, format_amount, format_decimal

__all__ = [
    "Amount",
    "Citation",
    "Decision",
    "DecisionStatus",
    "Finding",
    "Message",
    "Percent",
    "Status",
    "aggregate",
    "display",
    "jsonable",
]


class Status(enum.StrEnum):
    """The status of one finding (one criterion applied to one application)."""

    MET = "met"
    """The requirement is satisfied."""
    NOT_MET = "not_met"
    """A hard requirement fails."""
    UNKNOWN = "unknown"
    """A fact the criterion needs is missing."""
    REVIEW = "review"
    """A soft requirement (e.g. "一般不超过") is exceeded, or a qualitative criterion lacks an
    attestation: a reviewer must decide."""
    NOT_APPLICABLE = "not_applicable"
    """The criterion does not apply to this application."""


class DecisionStatus(enum.StrEnum):
    """The status of a whole decision."""

    ELIGIBLE = "eligible"
    INELIGIBLE = "ineligible"
    UNDETERMINED = "undetermined"


@attrs.frozen
class Message:
    """A text in Chinese (``zh``) and English (``en``)."""

    zh: str
    en: str

    def get(self, lang: str = "zh") -> str:
        """The text in ``lang`` ("zh" or "en")."""
        if lang == "zh":
            return self.zh
        if lang == "en":
            return self.en
        raise InputError.single("$.lang", f'unknown language {shown(lang)}; e.g. "zh" or "en"')

    def to_dict(self) -> dict[str, str]:
        return {"zh": self.zh, "en": self.en}


@attrs.frozen
class Citation:
    """Where a rule comes from: document, article, clause and the quoted text of the law.

    ``text`` is always the law's own words, verbatim (the sources shipped in
    ``nmgpolicy/data/sources`` and the bundled catalog are checked against it); a paraphrase,
    or a summary of a scoring table, goes in ``summary``.
    """

    document: str
    article: str = ""
    clause: str = ""
    text: str = ""
    summary: str = ""

    @property
    def label(self) -> str:
        """Short reference such as ``《…暂行办法》第五条（五）``."""
        return f"{self.document}{self.article}{self.clause}"

    def to_dict(self) -> dict[str, str]:
        return {
            "document": self.document,
            "article": self.article,
            "clause": self.clause,
            "text": self.text,
            "summary": self.summary,
        }

    @classmethod
    def from_mapping(cls, data: Mapping[str, Any]) -> Citation:
        """Build a citation from a data-file table (document, article, clause, text, summary)."""
        return cls(
            document=str(data.get("document", "")),
            article=str(data.get("article", "")),
            clause=str(data.get("clause", "")),
            text=str(data.get("text", "")),
            summary=str(data.get("summary", "")),
        )


@attrs.frozen
class Amount:
    """A quantity in a canonical unit (元, 吨, kVA, km², 元/套 …), shown with a readable unit.

    ``unit`` forces the display unit (e.g. the unit of the threshold a gap is measured in).
    """

    value: Decimal
    kind: Kind
    unit: str | None = None

    def __str__(self) -> str:
        return format_amount(self.value, self.kind, unit=self.unit)

    def text(self, lang: str = "zh") -> str:
        """The amount with the units of ``lang``: ``"15亿元"`` or ``"1.5 billion yuan"``."""
        return format_amount(self.value, self.kind, unit=self.unit, lang=lang)


class Percent(Decimal):
    """A share or a ratio that reads as a percentage (``Percent("0.6")`` is shown "60%").

    It is the :class:`~decimal.Decimal` itself (equal, hashed and serialised as one: ``"0.6"`` in
    ``to_dict``), so only the way reports show it changes.
    """

    __slots__ = ()


@attrs.frozen
class Finding:
    """One criterion applied to one application, explained.

    ``measured``, ``required`` and ``gap`` hold the values compared (``gap`` is how far the
    measured value is from the threshold, in the threshold's unit, positive when it clears it).
    """

    id: str
    status: Status
    message: Message
    citation: Citation | None = None
    measured: Any = None
    required: Any = None
    gap: Any = None
    binding: bool = True

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready form (quantities as strings with units, dates ISO)."""
        return {
            "id": self.id,
            "status": self.status.value,
            "binding": self.binding,
            "citation": self.citation.to_dict() if self.citation else None,
            "measured": jsonable(self.measured),
            "required": jsonable(self.required),
            "gap": jsonable(self.gap),
            "message": self.message.to_dict(),
        }


def aggregate(findings: Iterable[Finding]) -> DecisionStatus:
    """Decision status over the binding findings: not_met, else unknown/review, else eligible."""
    statuses = {f.status for f in findings if f.binding}
    if Status.NOT_MET in statuses:
        return DecisionStatus.INELIGIBLE
    if Status.UNKNOWN in statuses or Status.REVIEW in statuses:
        return DecisionStatus.UNDETERMINED
    return DecisionStatus.ELIGIBLE


@attrs.frozen
class Decision:
    """The outcome of :func:`nmgpolicy.evaluate`: status, findings, computed results, notes.

    ``overrides`` lists the legal parameters the caller replaced (what-if analysis), with the
    value used; ``notes`` says what the decision could not establish (e.g. an unknown
    in-force window).
    """

    ruleset: str
    on: dt.date
    status: DecisionStatus = attrs.field()
    findings: tuple[Finding, ...] = attrs.field()
    results: Mapping[str, Any] = attrs.field(factory=dict)
    notes: tuple[Message, ...] = ()
    overrides: Mapping[str, Any] = attrs.field(factory=dict)

    @status.validator
    def _status_follows_findings(self, _: object, status: DecisionStatus) -> None:
        expected = aggregate(self.findings)
        if status is not expected:
            raise InputError.single(
                "$.status",
                f"status {status.value} contradicts the findings, which give {expected.value}",
            )

    def finding(self, finding_id: str) -> Finding:
        """The finding with this id; :class:`~nmgpolicy.errors.UnknownFinding` (a KeyError)."""
        for f in self.findings:
            if f.id == finding_id:
                return f
        raise UnknownFinding(finding_id, [f.id for f in self.findings])

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready form: ruleset, on, status, findings, results, notes, overrides."""
        return {
            "ruleset": self.ruleset,
            "on": self.on.isoformat(),
            "status": self.status.value,
            "findings": [f.to_dict() for f in self.findings],
            "results": jsonable(self.results),
            "notes": [n.to_dict() for n in self.notes],
            "overrides": jsonable(self.overrides),
        }

    def explain(self, lang: str = "zh") -> str:
        """A plain-text explanation, one finding per paragraph, with the quoted law."""
        from nmgpolicy.render import decision_text

        return decision_text(self, lang)

    def to_markdown(self, lang: str = "zh") -> str:
        """A Markdown report (a table of findings, then the quoted law)."""
        from nmgpolicy.render import decision_markdown

        return decision_markdown(self, lang)

    def _repr_html_(self) -> str:
        from nmgpolicy.render import decision_html

        return decision_html(self, "zh")


def jsonable(value: Any) -> Any:
    """Turn a result value into JSON-ready data (the public contract of ``to_dict``).

    Quantities become strings with their unit (``"22万吨"``), ratios and shares decimal
    strings (``"1.1"``), dates ISO strings; mappings and sequences are converted item by item.
    """
    if value is None or isinstance(value, bool | int | str):
        return value
    if isinstance(value, Decimal):
        return format_decimal(value)
    if isinstance(value, Amount | Period):
        return str(value)
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, enum.Enum):
        return jsonable(value.value)
    if isinstance(value, Message | Citation):
        return value.to_dict()
    if isinstance(value, Mapping):
        return {str(k): jsonable(v) for k, v in value.items()}
    if isinstance(value, list | tuple | set | frozenset):
        items = sorted(value, key=str) if isinstance(value, set | frozenset) else value
        return [jsonable(v) for v in items]
    to_dict = getattr(value, "to_dict", None)
    if callable(to_dict):
        return to_dict()
    return str(value)


_YES_NO = {True: Message("是", "yes"), False: Message("否", "no")}
_SEPARATORS = {"zh": ("：", "；", "、"), "en": (": ", "; ", ", ")}


def _key_label(key: object, lang: str, labels: Mapping[str, Message]) -> str:
    text = str(key.value if isinstance(key, enum.Enum) else key)
    found = labels.get(text)
    if found is not None:
        return found.get(lang)
    if lang == "zh" and text.isascii() and text.isdigit() and len(text) == 4:
        return f"{text}年"  # a year key of a per-year table
    return text


def display(value: Any, lang: str = "zh", labels: Mapping[str, Message] | None = None) -> str:
    """A measured, required or gap value as a person reads it in ``lang`` ("zh" or "en").

    Booleans read 是/否 (yes/no); a :class:`Message` in the chosen language; amounts with the
    language's units; code values (enumeration values, strings, mapping keys) through
    ``labels`` (a rule set's ``[labels]`` table); a year key as 2022年; mappings as
    ``label：value；…`` and sequences as ``a、b`` (``a, b`` in English). Never a Python literal.
    """
    labels = labels or {}
    colon, semicolon, comma = _SEPARATORS["en" if lang == "en" else "zh"]
    if value is None:
        return "—"
    if isinstance(value, bool):
        return _YES_NO[value].get(lang)
    if isinstance(value, Message):
        return value.get(lang)
    if isinstance(value, Amount):
        return value.text(lang)
    if isinstance(value, Percent):
        return f"{format_decimal(value * 100)}%"
    if isinstance(value, Period):
        return value.describe("en") if lang == "en" else str(value)
    if isinstance(value, Citation):
        return value.label
    if isinstance(value, enum.Enum | str):
        return _key_label(value, lang, labels)
    if isinstance(value, Mapping):
        return semicolon.join(
            f"{_key_label(k, lang, labels)}{colon}{display(v, lang, labels)}"
            for k, v in value.items()
        )
    if isinstance(value, list | tuple | set | frozenset):
        items = sorted(value, key=str) if isinstance(value, set | frozenset) else value
        return comma.join(display(v, lang, labels) for v in items) or "—"
    shown = jsonable(value)
    if isinstance(shown, dict | list):
        return display(shown, lang, labels)
    return str(shown)
