"""The exceptions nmgpolicy raises, and nothing else escapes its public API.

Exceptions are for misuse and bad input only. A criterion that fails is a
:class:`~nmgpolicy.outcome.Finding` with status ``not_met``, never an exception.

* :class:`NmgPolicyError` — the base of every error raised on purpose.
* :class:`InputError` — the facts (or an argument) are malformed. It holds *every*
  problem found, each as a ``(path, message)`` pair, where ``path`` is a JSON path
  such as ``$.applicant.tax_compliant`` and the message shows a valid example.
* :class:`UnknownRuleSet` — no rule set is registered under that id.
* :class:`CalendarNotCovered` — a date falls in a year with no official
  working-day schedule (neither shipped nor registered).
* :class:`NotInForce` — a rule set is evaluated on a date outside its legal window.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from typing import Any, NamedTuple

__all__ = [
    "CalendarNotCovered",
    "InputError",
    "NmgPolicyError",
    "NotInForce",
    "Problem",
    "UnknownFinding",
    "UnknownRuleSet",
    "shown",
]


def shown(value: object, limit: int = 60) -> str:
    """``repr(value)`` cut to ``limit`` characters, for error messages.

    Never raises: an int of more than 4300 digits has no ``repr`` in Python, and an object
    whose ``__repr__`` fails is shown by its type.
    """
    if isinstance(value, int) and not isinstance(value, bool) and value.bit_length() > 64:
        return f"an integer of about {value.bit_length() * 30103 // 100000 + 1} digits"
    try:
        text = repr(value)
    except Exception:  # a broken __repr__
        return f"a {type(value).__name__} that cannot be shown"
    return text if len(text) <= limit else text[: limit - 3] + "..."


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


class InputError(NmgPolicyError, ValueError):
    """The input is malformed; :attr:`problems` lists every defect found, not only the first."""

    problems: tuple[Problem, ...]

    def __init__(self, problems: Iterable[Problem | tuple[str, str]]) -> None:
        # In the order found, each distinct problem once (a shared parameter may fail twice).
        collected = tuple(dict.fromkeys(Problem(str(p[0]), str(p[1])) for p in problems))
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
        super().__init__(f"unknown rule set {ruleset!r}{hint}")

    def __reduce__(self) -> tuple[type[UnknownRuleSet], tuple[str, tuple[str, ...]]]:
        return (type(self), (self.ruleset, self.known))


class UnknownFinding(NmgPolicyError, KeyError):
    """A Decision has no finding with the requested id."""

    def __init__(self, finding_id: object, known: Sequence[str] = ()) -> None:
        self.finding_id = finding_id if isinstance(finding_id, str) else shown(finding_id)
        self.known = tuple(known)
        super().__init__(f"no finding {shown(finding_id)}; known: {', '.join(self.known)}")

    def __str__(self) -> str:
        return str(self.args[0])

    def __reduce__(self) -> tuple[type[UnknownFinding], tuple[str, tuple[str, ...]]]:
        return (type(self), (self.finding_id, self.known))


class CalendarNotCovered(NmgPolicyError, LookupError):
    """No official working-day schedule is known for :attr:`year`.

    Register it with :func:`nmgpolicy.periods.register_year` (from the State Council's
    notice for that year) to compute working days in it.
    """

    def __init__(self, year: int, needed_for: str = "") -> None:
        self.year = year
        #: What needed the year (e.g. one limit of a disclosure deadline); "" when not said.
        self.needed_for = needed_for
        reason = f" (needed for {needed_for})" if needed_for else ""
        super().__init__(
            f"no official working-day schedule for {year}{reason}; register it with "
            f"nmgpolicy.periods.register_year({year}, holidays=[...], workdays=[...]) "
            f"from the State Council's notice on {year}'s holidays"
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


def _rebuild_not_in_force(
    ruleset: str,
    on: dt.date,
    start: dt.date | None,
    end: dt.date | None,
    successor: str | None,
) -> NotInForce:
    return NotInForce(ruleset, on, start=start, end=end, successor=successor)
