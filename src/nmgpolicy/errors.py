"""The exceptions nmgpolicy raises, and nothing else escapes its public API.

Exceptions are for misuse and bad input only. A criterion that fails is a
:class:`~nmgpolicy.outcome.Finding` with status ``not_met``, never an exception.

* :class:`NmgPolicyError` — the base of every error raised on purpose.
* :class:`InputError` — the facts (or an argument) are malformed. It holds *every*
  problem found, each as a ``(path, message)`` pair, where ``path`` is a JSON path
  such as ``$.applicant.tax_compliant`` and the message shows a valid example.
* :class:`UnknownRuleSet` — no rule set is registered under that id.
* :class:`UnknownFinding`, :class:`UnknownResult` — a decision or a columnar result has no
  finding of that id, no result of that name (each a ``KeyError`` too).
* :class:`CalendarNotCovered` — a date falls in a year with no official
  working-day schedule (neither shipped nor registered).
* :class:`NotInForce` — a rule set is evaluated on a date outside its legal window.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Callable, Collection, Iterable, Mapping, Sequence
from decimal import MAX_EMAX, MIN_EMIN, Context, Decimal, Rounded
from enum import Enum
from fractions import Fraction
from itertools import islice
from typing import Any, NamedTuple

import attrs

__all__ = [
    "CalendarNotCovered",
    "InputError",
    "NmgPolicyError",
    "NotInForce",
    "Problem",
    "UnknownFinding",
    "UnknownResult",
    "UnknownRuleSet",
    "problems_of",
    "shown",
]


def shown(value: object, limit: int = 60) -> str:
    """``value`` as ``repr`` shows it, cut to ``limit`` characters, for error messages.

    Bounded like :mod:`reprlib`: the cost is that of the printed text, never of the value. A
    long text is cut before it is quoted; a list, tuple, set or mapping is shown by its first
    items (``[1, 2, 3, 4, ...]``) and nested containers down to three levels (so a list shared
    a thousand levels deep costs as much as a short one); an integer of more than 64 bits by
    its number of digits (Python has no ``repr`` for one of more than 4300); a Decimal by its
    first 20 digits and its exponent; an attrs or dataclass instance by its first fields.

    Never raises: an object whose ``__repr__`` fails is shown by its type. An object of a type
    this function does not know is shown by its own ``repr``, cut.
    """
    limit = max(limit, 8)
    try:
        text = _bounded(value, limit, 0)
    except Exception:  # a broken __repr__, __len__ or __iter__
        return f"a {type(value).__name__} that cannot be shown"
    return _cut(text, limit)


_SHOW_ITEMS = 4  # items of a container shown before "..."
_SHOW_LEVELS = 3  # containers nested deeper are shown as [...]
_SHOW_DIGITS = 20  # significant digits of a Decimal
_NO_KEY = object()  # an item of a sequence or set, shown without a key


def _cut(text: str, room: int) -> str:
    return text if len(text) <= room else text[: max(room - 3, 0)] + "..."


def _bounded(value: object, room: int, level: int) -> str:
    """``repr(value)``, or a shorter stand-in; O(room) work, length O(room)."""
    if value is None or isinstance(value, bool):
        return repr(value)
    if isinstance(value, Enum):
        return f"<{type(value).__name__}.{value.name}: {_bounded(value.value, room, level)}>"
    if isinstance(value, int):
        if value.bit_length() > 64:
            digits = value.bit_length() * 30103 // 100000 + 1
            sign = ", negative" if value < 0 else ""
            return f"an integer of about {digits} digits{sign}"
        return int.__repr__(value)
    if isinstance(value, float):
        return float.__repr__(value)
    if isinstance(value, Decimal):
        return _decimal(value)
    if isinstance(value, Fraction):
        numerator = _bounded(value.numerator, room, level)
        return f"Fraction({numerator}, {_bounded(value.denominator, room, level)})"
    if isinstance(value, str):
        return str.__repr__(value[: room + 1])  # a slice of a str is a str, at most room + 1 long
    if isinstance(value, bytes | bytearray):
        return repr(bytes(value[: room + 1]))
    if isinstance(value, dt.date | dt.time | dt.timedelta):
        return repr(value)
    if isinstance(value, list | tuple | set | frozenset | Mapping):
        return _container(value, room, level)
    fields = _fields(value)
    if fields is not None:
        items = ((name, getattr(value, name)) for name in fields)
        return _items(f"{type(value).__name__}(", ")", items, "=", room, level)
    return repr(value)


def _decimal(value: Decimal) -> str:
    if value.is_nan():  # the payload (diagnostic digits) is left out: it may be long
        sign = "-" if value.is_signed() else ""
        return f"Decimal('{sign}{'sNaN' if value.is_snan() else 'NaN'}')"
    context = Context(prec=_SHOW_DIGITS, Emax=MAX_EMAX, Emin=MIN_EMIN, traps=[])
    text = str(context.create_decimal(value))
    if context.flags[Rounded]:  # more digits than shown: mark the cut before the exponent
        mantissa, mark, exponent = text.partition("E")
        text = f"{mantissa}...{mark}{exponent}"
    return f"Decimal('{text}')"


def _container(value: Collection[object], room: int, level: int) -> str:
    if isinstance(value, Mapping):
        return _items("{", "}", value.items(), ": ", room, level, size=len(value))
    if isinstance(value, list):
        opening, closing = "[", "]"
    elif isinstance(value, tuple):
        opening, closing = "(", ",)" if len(value) == 1 else ")"
    elif not value:
        return f"{type(value).__name__}()"
    elif isinstance(value, frozenset):
        opening, closing = "frozenset({", "})"
    else:
        opening, closing = "{", "}"
    pairs = ((_NO_KEY, item) for item in value)
    return _items(opening, closing, pairs, "", room, level, size=len(value))


def _items(
    opening: str,
    closing: str,
    pairs: Iterable[tuple[object, object]],
    between: str,
    room: int,
    level: int,
    size: int | None = None,
) -> str:
    """``opening`` + the first items (``key`` + ``between`` + ``value``) + ``closing``."""
    if size == 0:
        return opening + closing
    if level >= _SHOW_LEVELS:
        return f"{opening}...{closing.removeprefix(',')}"
    parts: list[str] = []
    used = len(opening) + len(closing)
    more = False
    for count, (key, item) in enumerate(islice(pairs, _SHOW_ITEMS + 1)):
        if count == _SHOW_ITEMS or used >= room:
            more = True
            break
        left = room - used
        if key is _NO_KEY:
            piece = _bounded(item, left, level + 1)
        elif isinstance(key, str) and between == "=":  # a field name
            piece = f"{key}={_bounded(item, left, level + 1)}"
        else:
            piece = f"{_bounded(key, left, level + 1)}{between}{_bounded(item, left, level + 1)}"
        if len(piece) > left:  # the room is spent: this cut piece ends the display
            parts.append(_cut(piece, left))
            break
        parts.append(piece)
        used += len(piece) + 2
    if more:
        parts.append("...")
    return opening + ", ".join(parts) + closing


def _fields(value: object) -> tuple[str, ...] | None:
    """The field names of an attrs or dataclass instance, or None for any other object."""
    cls = type(value)
    if attrs.has(cls):
        return tuple(a.name for a in attrs.fields(cls) if a.repr)
    if dataclasses.is_dataclass(value):
        return tuple(f.name for f in dataclasses.fields(value) if f.repr)
    return None


class NmgPolicyError(Exception):
    """Base class of every exception nmgpolicy raises on purpose."""


class Problem(NamedTuple):
    """One defect in the input: where it is (a JSON path) and what is wrong.

    A ``NamedTuple`` so that callers can unpack it as ``path, message``.
    """

    path: str
    message: str

    def __str__(self) -> str:
        return f"{self.path}: {self.message}"


def _text(value: object) -> str:
    """A path or a message as text: itself if it is one, else shown (bounded; ``str`` of an
    integer of 5000 digits raises)."""
    return value if isinstance(value, str) else shown(value, 200)


class InputError(NmgPolicyError, ValueError):
    """The input is malformed; :attr:`problems` lists every defect found, not only the first."""

    problems: tuple[Problem, ...]

    def __init__(self, problems: Iterable[Problem | tuple[str, str]]) -> None:
        # In the order found, each distinct problem once (a shared parameter may fail twice).
        collected = tuple(dict.fromkeys(Problem(_text(p[0]), _text(p[1])) for p in problems))
        if not collected:
            collected = (Problem("$", "invalid input"),)
        self.problems = collected
        super().__init__(self._render())

    @classmethod
    def single(cls, path: str, message: str) -> InputError:
        """An :class:`InputError` with one problem."""
        return cls([Problem(path, message)])

    @property
    def paths(self) -> tuple[str, ...]:
        """The JSON paths of every problem, in the order found."""
        return tuple(p.path for p in self.problems)

    def _render(self) -> str:
        if len(self.problems) == 1:
            return f"invalid input at {self.problems[0]}"
        lines = "\n".join(f"  - {p}" for p in self.problems)
        return f"invalid input ({len(self.problems)} problems):\n{lines}"

    def to_dict(self) -> dict[str, object]:
        """JSON-ready form: ``{"error": "InputError", "problems": [{"path", "message"}]}``."""
        return {
            "error": "InputError",
            "problems": [{"path": p.path, "message": p.message} for p in self.problems],
        }

    def __reduce__(self) -> tuple[type[InputError], tuple[tuple[Problem, ...]]]:
        return (type(self), (self.problems,))


class UnknownRuleSet(NmgPolicyError, LookupError):
    """No rule set is registered under the requested id."""

    def __init__(self, ruleset: object, known: Sequence[str] = ()) -> None:
        ruleset = ruleset if isinstance(ruleset, str) else shown(ruleset)
        self.ruleset = ruleset
        self.known = tuple(known)
        hint = f"; known rule sets: {', '.join(self.known)}" if self.known else ""
        super().__init__(f"unknown rule set {shown(ruleset)}{hint}")

    def __reduce__(self) -> tuple[type[UnknownRuleSet], tuple[str, tuple[str, ...]]]:
        return (type(self), (self.ruleset, self.known))


class UnknownFinding(NmgPolicyError, KeyError):
    """A Decision (or a columnar result) has no finding with the requested id."""

    def __init__(self, finding_id: object, known: Sequence[str] = ()) -> None:
        self.finding_id = finding_id if isinstance(finding_id, str) else shown(finding_id)
        self.known = tuple(known)
        super().__init__(f"no finding {shown(finding_id)}; known: {', '.join(self.known)}")

    def __str__(self) -> str:
        return str(self.args[0])

    def __reduce__(self) -> tuple[type[UnknownFinding], tuple[str, tuple[str, ...]]]:
        return (type(self), (self.finding_id, self.known))


class UnknownResult(NmgPolicyError, KeyError):
    """A columnar result (:class:`nmgpolicy.columnar.Result`) has no result of that name."""

    def __init__(self, name: object, known: Sequence[str] = ()) -> None:
        self.name = name if isinstance(name, str) else shown(name)
        self.known = tuple(known)
        super().__init__(f"no result {shown(name)}; known: {', '.join(self.known)}")

    def __str__(self) -> str:
        return str(self.args[0])

    def __reduce__(self) -> tuple[type[UnknownResult], tuple[str, tuple[str, ...]]]:
        return (type(self), (self.name, self.known))


class CalendarNotCovered(NmgPolicyError, LookupError):
    """No official working-day schedule is known for :attr:`year`.

    Register it with :func:`nmgpolicy.periods.register_year` (from the State Council's
    notice for that year) to compute working days in it.
    """

    def __init__(self, year: int, needed_for: str = "") -> None:
        self.year = year
        #: What needed the year (e.g. one limit of a disclosure deadline); "" when not said.
        self.needed_for = needed_for
        reason = f" (needed for {_text(needed_for)})" if needed_for else ""
        shown_year = shown(year)
        super().__init__(
            f"no official working-day schedule for {shown_year}{reason}; register it with "
            f"nmgpolicy.periods.register_year({shown_year}, holidays=[...], workdays=[...]) "
            f"from the State Council's notice on {shown_year}'s holidays"
        )

    def __reduce__(self) -> tuple[type[CalendarNotCovered], tuple[int, str]]:
        return (type(self), (self.year, self.needed_for))


class NotInForce(NmgPolicyError):
    """A rule set was evaluated on a date outside the period in which its regulation applies."""

    def __init__(
        self,
        ruleset: str,
        on: dt.date,
        *,
        start: dt.date | None = None,
        end: dt.date | None = None,
        successor: str | None = None,
    ) -> None:
        self.ruleset = ruleset
        self.on = on
        self.start = start
        self.end = end
        self.successor = successor
        window = f"{start.isoformat() if start else '…'} to {end.isoformat() if end else '…'}"
        message = f"rule set {ruleset!r} is not in force on {on.isoformat()} (in force {window})"
        if successor:
            message += f"; superseded by {successor}"
        super().__init__(message)

    def __reduce__(self) -> tuple[Any, ...]:
        return (
            _rebuild_not_in_force,
            (self.ruleset, self.on, self.start, self.end, self.successor),
        )


def problems_of(*checks: Callable[[], object]) -> list[Problem]:
    """The problems of every check that raises :class:`InputError`, in the checks' order (none
    for a check that returns): several independent checks reported together, as
    :meth:`~nmgpolicy.engine.BaseRuleSet.parameter_problems` reports its checks."""
    problems: list[Problem] = []
    for check in checks:
        try:
            check()
        except InputError as error:
            problems += error.problems
    return problems


def _rebuild_not_in_force(
    ruleset: str,
    on: dt.date,
    start: dt.date | None,
    end: dt.date | None,
    successor: str | None,
) -> NotInForce:
    return NotInForce(ruleset, on, start=start, end=end, successor=successor)
