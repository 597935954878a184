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
import threading
from collections.abc import Callable, Iterable, Mapping
from decimal import Decimal
from fractions import Fraction
from typing import Any, NoReturn, TypeVar

import attrs

from nmgpolicy._exact import exact
from nmgpolicy.errors import InputError, UnknownFinding, shown
from nmgpolicy.periods import Period
from nmgpolicy.units import Kind, format_amount, format_decimal

__all__ = [
    "Amount",
    "Citation",
    "Decision",
    "DecisionStatus",
    "Finding",
    "FrozenDict",
    "FrozenList",
    "Later",
    "Message",
    "Percent",
    "Rendered",
    "Status",
    "aggregate",
    "display",
    "freeze",
    "jsonable",
    "lazy_finding",
]

K = TypeVar("K")
V = TypeVar("V")

_MAX_FREEZE_DEPTH = 200
"""How deeply :func:`freeze` nests mappings and lists (a guard against runaway recursion)."""

_IMMUTABLE: tuple[type, ...] = (
    type(None),
    bool,
    int,
    float,
    complex,
    str,
    bytes,
    Decimal,
    Fraction,
    dt.date,
    dt.time,
    dt.timedelta,
    enum.Enum,
    range,
    frozenset,
)


_PLAIN_RESULTS = frozenset({type(None), bool, int, str, Decimal, dt.date})
"""Result types :func:`freeze` keeps as they are (checked by exact type, the common case)."""


def _read_only(self: object, *_: object, **__: object) -> NoReturn:
    raise TypeError(f"{type(self).__name__} is read-only")


class FrozenList(tuple[Any, ...]):
    """A list that cannot change: a tuple whose items are frozen (:func:`freeze`).

    It is equal to a list with the same items, as well as to a tuple, and reads as a list, so
    that ``decision.results["recent_years"] == [2022, 2023, 2024]`` holds; :func:`jsonable` (and
    every ``to_dict``) turns it into a fresh plain list.
    """

    __slots__ = ()

    def __new__(cls, items: Iterable[Any] = ()) -> FrozenList:
        frozen: FrozenList = freeze(list(items))
        return frozen

    def __eq__(self, other: object) -> bool:
        if isinstance(other, list):
            return tuple.__eq__(self, tuple(other))
        return tuple.__eq__(self, other)

    def __ne__(self, other: object) -> bool:
        equal = self.__eq__(other)
        return equal if equal is NotImplemented else not equal

    __hash__ = tuple.__hash__

    def __repr__(self) -> str:
        """As a list literal (``[2022, 2023]``): it compares equal to one."""
        return repr(list(self))

    def __reduce__(self) -> tuple[Any, ...]:
        return (FrozenList, (tuple(self),))


class FrozenDict(dict[K, V]):
    """A dict that cannot change, whose values are frozen too (:func:`freeze`).

    It reads, compares, prints and serialises (``json.dumps``) as a dict, is hashable when its
    values are, and pickles; assigning or deleting an item or an attribute, and every mutating
    method (``update``, ``pop``, ``setdefault``, ``clear`` …), raise :class:`TypeError` or
    :class:`AttributeError`. ``copy()``, ``dict(…)`` and :func:`jsonable` (every ``to_dict``)
    give fresh plain dicts.
    """

    __slots__ = ()

    def __new__(cls, *args: Any, **kwargs: Any) -> FrozenDict[K, V]:
        frozen: FrozenDict[K, V] = freeze(dict(*args, **kwargs))
        return frozen

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        """Nothing to do: :meth:`__new__` made it (and calling it again changes nothing)."""

    @classmethod
    def _wrap(cls, items: dict[K, V]) -> FrozenDict[K, V]:
        """A FrozenDict of ``items``, whose values the caller has frozen."""
        made: FrozenDict[K, V] = dict.__new__(cls)
        dict.update(made, items)
        return made

    def __hash__(self) -> int:  # type: ignore[override]
        return hash(frozenset(self.items()))

    def __reduce__(self) -> tuple[Any, ...]:
        return (FrozenDict, (dict(self),))

    def copy(self) -> dict[K, V]:
        """A plain, mutable copy (shallow: the values stay frozen)."""
        return dict(self)

    __setitem__ = _read_only
    __delitem__ = _read_only
    __ior__ = _read_only
    clear = _read_only
    pop = _read_only
    popitem = _read_only
    setdefault = _read_only
    update = _read_only


def freeze(value: Any) -> Any:
    """``value`` made immutable, all the way down: what every public result holds.

    Mappings become :class:`FrozenDict`, lists and tuples :class:`FrozenList`, sets
    :class:`frozenset`; numbers, texts, dates, enumerations and other objects (the library's
    value types are frozen attrs classes) are kept as they are. A value referenced many times is
    frozen once (the work is linear in the number of distinct objects). A value that contains
    itself, or nests more than 200 levels deep, is an
    :class:`~nmgpolicy.errors.InputError`.
    """
    if value is None or value is _UNSET:
        return value  # the common case (a lazy finding's values): no memo to allocate
    if type(value) is list:  # the next most common: a list of years, of plain values
        plain = _PLAIN_RESULTS
        for item in value:
            if type(item) not in plain:
                break
        else:
            return tuple.__new__(FrozenList, value)  # what _freeze gives, without its checks
    return _freeze(value, {}, set(), 0)


def _freeze(value: Any, memo: dict[int, Any], active: set[int], depth: int) -> Any:
    if isinstance(value, _IMMUTABLE) or type(value) in (FrozenDict, FrozenList):
        return value
    is_mapping = isinstance(value, Mapping)
    if not is_mapping and not isinstance(value, list | tuple | set):
        return value  # an object of another type: kept as it is
    key = id(value)
    if key in memo:
        return memo[key]
    if key in active:
        raise InputError.single("$", "a value that contains itself cannot be frozen")
    if depth >= _MAX_FREEZE_DEPTH:
        raise InputError.single(
            "$", f"a value nested more than {_MAX_FREEZE_DEPTH} levels deep cannot be frozen"
        )
    active.add(key)
    try:
        frozen: Any
        if is_mapping:
            frozen = FrozenDict._wrap(
                {k: _freeze(v, memo, active, depth + 1) for k, v in value.items()}
            )
        elif isinstance(value, set):
            frozen = frozenset(_freeze(v, memo, active, depth + 1) for v in value)
        else:
            items = tuple(_freeze(v, memo, active, depth + 1) for v in value)
            fields = getattr(type(value), "_fields", None)
            if isinstance(value, tuple) and fields is not None:
                frozen = type(value)(*items)  # a named tuple keeps its type
            else:
                frozen = tuple.__new__(FrozenList, items)
    finally:
        active.discard(key)
    memo[key] = frozen
    return frozen


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

    @exact
    def __str__(self) -> str:
        return format_amount(self.value, self.kind, unit=self.unit)

    @exact
    def text(self, lang: str = "zh") -> str:
        """The amount with the units of ``lang``: ``"15亿元"`` or ``"1.5 billion yuan"``."""
        return format_amount(self.value, self.kind, unit=self.unit, lang=lang)


class Percent(Decimal):
    """A share or a ratio that reads as a percentage (``Percent("0.6")`` is shown "60%").

    It is the :class:`~decimal.Decimal` itself (equal, hashed and serialised as one: ``"0.6"`` in
    ``to_dict``), so only the way reports show it changes.
    """

    __slots__ = ()


Rendered = tuple["Message", Any, Any, Any]
_UNSET: Any = type("_Unset", (), {"__repr__": lambda self: "<unset>", "__slots__": ()})()
"""A finding value not given to the constructor: the renderer provides it, or it is None."""
"""What a finding's renderer returns: the message, and the measured, required and gap values."""

_RENDER_LOCK = threading.RLock()
"""Held while a lazy finding renders, so that it renders once however many threads ask;
re-entrant, because one renderer may read another finding (an any-of quotes its parts)."""


@exact
def _run_exactly(render: Callable[[], Rendered]) -> Rendered:
    """``render()`` in the library's decimal context."""
    return render()


@attrs.frozen
class _Written:
    """A renderer that has run: it gives back what it wrote (and holds nothing else)."""

    values: Rendered

    def __call__(self) -> Rendered:
        return self.values


def finding_status(value: object) -> Status:
    """A finding's status: a :class:`Status`, or its value (``"met"``), which a criterion of
    one's own may give; the combinators compare statuses by identity (``is Status.MET``), so a
    plain text would be taken for another status. Anything else is an :class:`InputError`."""
    if isinstance(value, Status):
        return value
    try:
        return Status(value)  # type: ignore[arg-type]  # any value: refused below if unknown
    except (ValueError, TypeError):
        known = ", ".join(s.value for s in Status)
        raise InputError.single(
            "$.status", f'expected one of {known}, got {shown(value)}; e.g. "met"'
        ) from None


@attrs.frozen(eq=False, repr=False)
class Finding:
    """One criterion applied to one application, explained.

    ``measured``, ``required`` and ``gap`` hold the values compared (``gap`` is how far the
    measured value is from the threshold, in the threshold's unit, positive when it clears it).
    They are frozen when the finding is made (:func:`freeze`: a dict becomes a
    :class:`FrozenDict`, a list a :class:`FrozenList`), so that nobody can change a finding
    after the fact; ``to_dict`` returns fresh plain dicts and lists.

    A rule set decides a finding's ``status`` at once but may leave its explanation to be
    written when someone reads it (``render``: a function returning the message and the
    measured, required and gap values): a caller who only needs the statuses never pays for
    the messages. The explanation is rendered once, under a lock (so once whichever thread
    asks first), frozen, and kept; a finding pickles, compares and hashes by its public values
    whether it was rendered yet or not.
    """

    id: str
    status: Status = attrs.field(converter=finding_status)
    _message: Message | None = attrs.field(default=None, alias="message")
    citation: Citation | None = None
    _measured: Any = attrs.field(default=_UNSET, converter=freeze, alias="measured")
    _required: Any = attrs.field(default=_UNSET, converter=freeze, alias="required")
    _gap: Any = attrs.field(default=_UNSET, converter=freeze, alias="gap")
    binding: bool = True
    _render: Callable[[], Rendered] | None = attrs.field(default=None, alias="render")

    def __attrs_post_init__(self) -> None:
        if self._message is None:
            if self._render is None:
                raise InputError.single("$.message", "a finding needs a message or a renderer")
            return
        # A message given: values not given come from the renderer (``attrs.evolve`` of a lazy
        # finding), run in the library's context, or are None.
        render = self._render
        unset = _UNSET in (self._measured, self._required, self._gap)
        self._fill(_run_exactly(render) if render is not None and unset else None)
        self._settled()

    def _fill(self, rendered: Rendered | None) -> None:
        """Set the values still unset from ``rendered`` (or to None), the message last."""
        setter = object.__setattr__
        for name, value in zip(
            ("_measured", "_required", "_gap"),
            rendered[1:] if rendered else (None, None, None),
            strict=True,
        ):
            if getattr(self, name) is _UNSET:
                setter(self, name, freeze(value))
        if self._message is None:
            assert rendered is not None
            setter(self, "_message", rendered[0])  # last: a message present means all are

    def __getattr__(self, name: str) -> Any:
        """The measured, required and gap slots that :func:`lazy_finding` leaves unwritten
        until the finding renders read as the constructor would have set them (unset): Python
        asks here only when a slot is empty, so a written slot costs nothing more."""
        if name in _EXPLANATION_VALUES:
            return _UNSET
        raise AttributeError(f"{type(self).__name__!r} object has no attribute {name!r}")

    def _settled(self) -> None:
        """Replace the renderer, which holds the whole evaluation, by the values it gave (so a
        read decision lets the evaluation go, and ``attrs.evolve`` still finds a renderer)."""
        if self._render is not None:
            assert self._message is not None  # called once the message is written
            done = (self._message, self._measured, self._required, self._gap)
            object.__setattr__(self, "_render", _Written(done))

    @exact
    def _rendered(self) -> None:
        """Write the explanation (once) if it has not been written yet."""
        with _RENDER_LOCK:
            if self._message is None:
                assert self._render is not None  # the constructor requires one of the two
                try:
                    rendered = self._render()
                except AttributeError as error:
                    # Read through a property: an AttributeError would send Python to
                    # __getattr__, which would hide it behind "no attribute 'message'".
                    raise RuntimeError(f"rendering finding {self.id} failed: {error}") from error
                self._fill(rendered)
                self._settled()

    @property
    def message(self) -> Message:
        """What the finding says, in Chinese and English."""
        if self._message is None:
            self._rendered()
        return self._message  # type: ignore[return-value]  # _rendered has set it

    @property
    def measured(self) -> Any:
        """The value measured (an amount, a share, a count, a mapping of them …)."""
        if self._message is None:
            self._rendered()
        return self._measured

    @property
    def required(self) -> Any:
        """The value the law requires."""
        if self._message is None:
            self._rendered()
        return self._required

    @property
    def gap(self) -> Any:
        """How far the measured value clears (positive) or misses (negative) the requirement."""
        if self._message is None:
            self._rendered()
        return self._gap

    def __setstate__(self, state: Any) -> None:
        """Read a finding pickled by release 0.1.0 (attrs' state, by public field name)."""
        _restore(self, state, FINDING_FIELDS)

    def _public(self) -> tuple[Any, ...]:
        return (
            self.id,
            self.status,
            self.message,
            self.citation,
            self.measured,
            self.required,
            self.gap,
            self.binding,
        )

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Finding) or other.__class__ is not self.__class__:
            return NotImplemented
        return self._public() == other._public()

    def __ne__(self, other: object) -> bool:
        equal = self.__eq__(other)
        return equal if equal is NotImplemented else not equal

    def __hash__(self) -> int:
        return hash(self._public())

    def __repr__(self) -> str:
        names = ("id", "status", "message", "citation", "measured", "required", "gap", "binding")
        shown_fields = ", ".join(f"{n}={v!r}" for n, v in zip(names, self._public(), strict=True))
        return f"Finding({shown_fields})"

    def __reduce__(self) -> tuple[Any, ...]:
        return (Finding, self._public())

    @exact
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


def _slot_setters(cls: type, names: tuple[str, ...]) -> tuple[Callable[[Any, Any], None], ...]:
    """The ``__set__`` of each named slot of ``cls``: how the library's own constructors below
    fill a frozen instance without its ``__init__`` (one C call per slot)."""
    return tuple(cls.__dict__[name].__set__ for name in names)


(
    _SET_ID,
    _SET_STATUS,
    _SET_MESSAGE,
    _SET_CITATION,
    _SET_MEASURED,
    _SET_REQUIRED,
    _SET_GAP,
    _SET_BINDING,
    _SET_RENDER,
) = _slot_setters(
    Finding,
    (
        "id",
        "status",
        "_message",
        "citation",
        "_measured",
        "_required",
        "_gap",
        "binding",
        "_render",
    ),
)


_EXPLANATION_VALUES = frozenset({"_measured", "_required", "_gap"})

_LAZY_MAKERS = (_SET_ID, _SET_STATUS, _SET_MESSAGE, _SET_CITATION, _SET_BINDING, _SET_RENDER)
"""The slot setters :func:`lazy_finding` calls, in its order, for a caller that writes its
body out (:meth:`nmgpolicy.engine.Context.finding`, the hot path of every evaluation)."""


def lazy_finding(
    finding_id: str,
    status: Status,
    citation: Citation | None,
    binding: bool,
    render: Callable[[], Rendered],
) -> Finding:
    """``Finding(finding_id, status, None, citation, binding=binding, render=render)``, made
    without the constructor's checks (the arguments are the library's own): the hot path of
    every evaluation, one slot at a time (unrolled: about a quarter quicker than a loop). The
    slots of the measured, required and gap values are left empty (:meth:`Finding.__getattr__`
    reads them as the constructor sets them) until the finding renders and writes them: six
    writes, not nine. (The message is written, None: it is read on every access to say
    whether the finding has rendered.)"""
    finding: Finding = _new(Finding)
    _SET_ID(finding, finding_id)
    _SET_STATUS(finding, status)
    _SET_MESSAGE(finding, None)
    _SET_CITATION(finding, citation)
    _SET_BINDING(finding, binding)
    _SET_RENDER(finding, render)
    return finding


_new = object.__new__


def aggregate(findings: Iterable[Finding]) -> DecisionStatus:
    """Decision status over the binding findings: not_met, else unknown/review, else eligible."""
    undetermined = False
    for finding in findings:
        if finding.binding:
            status = finding.status
            if status is _NOT_MET:
                return DecisionStatus.INELIGIBLE
            if status is _UNKNOWN or status is _REVIEW:
                undetermined = True
    return DecisionStatus.UNDETERMINED if undetermined else DecisionStatus.ELIGIBLE


# The members as module constants: reading one off the enumeration class costs several times
# more than a global (aggregate reads them once per finding).
_NOT_MET, _UNKNOWN, _REVIEW = Status.NOT_MET, Status.UNKNOWN, Status.REVIEW


def _findings(findings: Iterable[Finding]) -> tuple[Finding, ...]:
    return tuple(findings)


def _notes(notes: Iterable[Message]) -> tuple[Message, ...]:
    return tuple(notes)


@attrs.frozen
class Later:
    """A result worth computing only if someone reads it (a display-only figure such as an
    annual growth rate): ``function()`` gives the value. A decision whose ``results`` hold one
    computes them all, once, when ``results`` is first read."""

    function: Callable[[], Any] = attrs.field(eq=False)


def _results(results: Mapping[str, Any]) -> Mapping[str, Any]:
    """Results frozen now, or kept (a private copy) until first read when one is :class:`Later`."""
    if any(isinstance(v, Later) for v in results.values()):
        return {k: v if isinstance(v, Later) else freeze(v) for k, v in results.items()}
    frozen: Mapping[str, Any] = freeze(results)
    return frozen


def _own_results(results: Mapping[str, Any]) -> Mapping[str, Any]:
    """:func:`_results` of a plain dict the library built (``Row.results``), in one pass: the
    same values (each frozen alone, as there), the common types not even looked into."""
    out: dict[str, Any] = {}
    later = False
    plain = _PLAIN_RESULTS
    for key, value in results.items():
        if type(value) in plain:
            out[key] = value
        elif isinstance(value, Later):
            later = True
            out[key] = value
        else:
            out[key] = freeze(value)
    return out if later else FrozenDict._wrap(out)


@attrs.frozen(eq=False, repr=False)
class Decision:
    """The outcome of :func:`nmgpolicy.evaluate`: status, findings, computed results, notes.

    ``overrides`` lists every legal parameter whose value differs from the data file's value on
    ``on`` (what-if analysis), and every parameter the caller overrode even with the file's own
    value, with the value used; ``notes`` says what the decision could not establish (e.g. an
    unknown in-force window).

    A decision is immutable all the way down: ``findings`` and ``notes`` are tuples,
    ``results`` and ``overrides`` :class:`FrozenDict` (their lists :class:`FrozenList`), built
    with :func:`freeze`; ``to_dict`` returns fresh plain data. It pickles, and an unpickled
    decision is equal to the original.
    """

    ruleset: str
    on: dt.date
    status: DecisionStatus = attrs.field()
    findings: tuple[Finding, ...] = attrs.field(converter=_findings)
    _results: Mapping[str, Any] = attrs.field(factory=dict, converter=_results, alias="results")
    notes: tuple[Message, ...] = attrs.field(default=(), converter=_notes)
    overrides: Mapping[str, Any] = attrs.field(factory=dict, converter=freeze)

    @property
    def results(self) -> Mapping[str, Any]:
        """The computed results (a :class:`FrozenDict`); display-only ones computed when read."""
        results = self._results
        if type(results) is not FrozenDict:
            results = self._computed()
        return results

    @exact
    def _computed(self) -> Mapping[str, Any]:
        with _RENDER_LOCK:
            results = self._results
            if type(results) is not FrozenDict:
                results = freeze(
                    {k: v.function() if isinstance(v, Later) else v for k, v in results.items()}
                )
                object.__setattr__(self, "_results", results)
        return results

    def __setstate__(self, state: Any) -> None:
        """Read a decision pickled by release 0.1.0 (attrs' state, by public field name)."""
        _restore(self, state, DECISION_FIELDS)

    def _public(self) -> tuple[Any, ...]:
        return (
            self.ruleset,
            self.on,
            self.status,
            self.findings,
            self.results,
            self.notes,
            self.overrides,
        )

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Decision) or other.__class__ is not self.__class__:
            return NotImplemented
        return self._public() == other._public()

    def __ne__(self, other: object) -> bool:
        equal = self.__eq__(other)
        return equal if equal is NotImplemented else not equal

    def __hash__(self) -> int:
        return hash(self._public())

    def __reduce__(self) -> tuple[Any, ...]:
        return (Decision, self._public())

    def __repr__(self) -> str:
        names = ("ruleset", "on", "status", "findings", "results", "notes", "overrides")
        shown_fields = ", ".join(f"{n}={v!r}" for n, v in zip(names, self._public(), strict=True))
        return f"Decision({shown_fields})"

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

    @exact
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

    @exact
    def explain(self, lang: str = "zh") -> str:
        """A plain-text explanation, one finding per paragraph, with the quoted law."""
        from nmgpolicy.render import decision_text

        return decision_text(self, lang)

    @exact
    def to_markdown(self, lang: str = "zh") -> str:
        """A Markdown report (a table of findings, then the quoted law)."""
        from nmgpolicy.render import decision_markdown

        return decision_markdown(self, lang)

    @exact
    def _repr_html_(self) -> str:
        from nmgpolicy.render import decision_html

        return decision_html(self, "zh")


(
    _SET_RULESET,
    _SET_ON,
    _SET_DECISION_STATUS,
    _SET_FINDINGS,
    _SET_RESULTS,
    _SET_NOTES,
    _SET_OVERRIDES,
) = _slot_setters(
    Decision, ("ruleset", "on", "status", "findings", "_results", "notes", "overrides")
)


def decided(
    ruleset: str,
    on: dt.date,
    findings: Iterable[Finding],
    results: Mapping[str, Any],
    notes: Iterable[Message],
    overrides: Mapping[str, Any],
) -> Decision:
    """The :class:`Decision` an evaluation returns, made without the constructor's checks and
    conversions (the hot path of every evaluation): the status is :func:`aggregate` of
    ``findings`` (what the constructor checks), the results are frozen as the constructor
    freezes them (:func:`_own_results`), ``overrides`` is already frozen
    (:func:`~nmgpolicy.params.shown_overrides` returns a :class:`FrozenDict`)."""
    decision: Decision = _new(Decision)
    _SET_RULESET(decision, ruleset)
    _SET_ON(decision, on)
    _SET_DECISION_STATUS(decision, aggregate(findings))
    _SET_FINDINGS(decision, tuple(findings))
    _SET_RESULTS(decision, _own_results(results))
    _SET_NOTES(decision, tuple(notes))
    _SET_OVERRIDES(decision, overrides if type(overrides) is FrozenDict else freeze(overrides))
    return decision


@exact
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


@exact
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


FINDING_FIELDS = ("id", "status", "message", "citation", "measured", "required", "gap", "binding")
"""A finding's public fields, in order: what positional patterns bind (``__match_args__``) and
what release 0.1.0 pickled."""
DECISION_FIELDS = ("ruleset", "on", "status", "findings", "results", "notes", "overrides")
"""A decision's public fields, in order: what positional patterns bind (``__match_args__``)
and what release 0.1.0 pickled."""

# Patterns bind the public values (``case Decision(_, _, _, _, results)`` gets the frozen
# results, ``case Finding(_, _, message)`` the rendered message), never the storage.
Finding.__match_args__ = FINDING_FIELDS  # type: ignore[misc,assignment]
Decision.__match_args__ = DECISION_FIELDS  # type: ignore[misc]


def _restore(target: Finding | Decision, state: Any, names: tuple[str, ...]) -> None:
    """Fill ``target`` from a pickle of release 0.1.0, whose attrs state named the public
    fields (a dict, or a tuple in field order): built afresh through the public constructor
    (so validated and frozen as any other), then its slots copied into ``target``."""
    values = dict(zip(names, state, strict=False)) if isinstance(state, tuple) else dict(state)
    fresh = type(target)(**{name: values[name] for name in names if name in values})
    for field in attrs.fields(type(target)):
        object.__setattr__(target, field.name, getattr(fresh, field.name))
