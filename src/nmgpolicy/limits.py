"""The input budget: how much of anything one input may hold, in one place.

Every input (facts, a record, a file or stdin on the command line) is held to :data:`BUDGET`
as it is structured, in the same pass (:func:`nmgpolicy.convert.structure`): a value over budget
is an :class:`~nmgpolicy.errors.InputError` at its path naming the limit and the value allowed.
The budget is what makes the work linear in the input's size: valid input is walked once (by the
structurer generated from the model), input it does not accept at most once more (by the full
walk, which reports every problem with its path, and each pass is held to the whole budget), a
list shared many times over counts each time it is reached (so a small object graph that unfolds
into millions of values is refused after :attr:`Budget.max_values`, not walked), and no number
is large enough that arithmetic or display on it costs more than a few microseconds.

The numbers, and why, are in ``docs/robustness.md`` ("Input budget"); a test checks that the
document and this module agree.
"""

from __future__ import annotations

import math
from decimal import Decimal
from fractions import Fraction
from functools import lru_cache

import attrs

__all__ = ["BUDGET", "MAX_INPUT_BYTES", "Budget", "number_problem", "over"]


@attrs.frozen
class Budget:
    """Limits on one input. Every field is a maximum, inclusive: a value exactly at the limit
    is accepted, one past it refused."""

    max_input_bytes: int = 1_000_000
    """Bytes of a facts file or of stdin (the command line); a larger input is refused unread."""

    max_depth: int = 32
    """Objects and lists nested in each other; the top-level object is level 1."""

    max_values: int = 20_000
    """Values structured in one input: the top-level object, each value of an object and each
    item of a list count one; a list or object reached twice (a shared reference) counts twice."""

    max_list_length: int = 10_000
    """Items in one list."""

    max_keys: int = 1_000
    """Keys in one object."""

    max_key_length: int = 200
    """Characters in one key (keys are field names and ids, and they appear in error paths)."""

    max_string_length: int = 10_000
    """Characters in one text value."""

    max_digits: int = 50
    """Significant digits of one number (an integer, a Decimal, or a number written in a text)."""

    max_exponent: int = 100
    """Decimal exponent of one number either way: every non-zero number lies within
    ``10^-100 ≤ |x| < 10^101``, and no number is written with more than 100 places after (or
    zeros before) the decimal point."""

    max_problems: int = 100
    """Problems reported for one input; the walk stops at that many (the report says so)."""


BUDGET = Budget()
"""The budget every input is held to."""

MAX_INPUT_BYTES = BUDGET.max_input_bytes
"""Bytes of a facts file or of stdin that the command line reads at most (``BUDGET``'s)."""


def over(what: str, limit: str, unit: str, budget: Budget = BUDGET) -> str:
    """The message for a value over budget: ``what`` it is, and the ``limit`` (a field of
    :class:`Budget`) with its value, e.g. ``"a list of 10,001 items; the input budget allows at
    most 10,000 items (max_list_length)"``."""
    return f"{what}; the input budget allows at most {getattr(budget, limit):,} {unit} ({limit})"


@lru_cache(maxsize=8)
def _power_of_ten(n: int) -> int:
    return int(10**n)


def _plainly_within(budget: Budget = BUDGET) -> int:
    """Every integer of magnitude below this is within ``budget``'s digits, checked at once
    (:func:`number_problem` answers None for it): for a quick check before the full one."""
    return 1 << (budget.max_digits * 3)


def _int_problem(value: int, budget: Budget) -> str | None:
    # bit_length is O(1): about 0.30103 digits per bit; only a number near the limit is compared
    # exactly (against a cached power of ten), so a number of a million digits costs nothing.
    if value.bit_length() <= budget.max_digits * 3:  # below 10^(0.9 max_digits), _plainly_within
        return None
    if value.bit_length() <= budget.max_digits * 4 and abs(value) < _power_of_ten(
        budget.max_digits
    ):
        return None
    digits = value.bit_length() * 30103 // 100000 + 1
    return over(f"a number of about {digits:,} digits", "max_digits", "digits", budget)


def _decimal_problem(value: Decimal, budget: Budget) -> str | None:
    if not value.is_finite():
        return None  # NaN and infinity: refused by whoever expects a number, with an example
    adjusted = value.adjusted()  # O(1): the exponent of the leading digit
    if abs(adjusted) > budget.max_exponent:
        what = f"a number of magnitude 10^{adjusted}"
        return over(what, "max_exponent", "as the exponent either way", budget)
    exponent = value.as_tuple().exponent  # linear in the digits, like the value's own size
    assert isinstance(exponent, int)  # finite
    if exponent < -budget.max_exponent:
        what = f"a number with {-exponent:,} places after the decimal point"
        return over(what, "max_exponent", "places", budget)
    digits = adjusted - exponent + 1
    if digits > budget.max_digits:
        return over(f"a number of {digits:,} significant digits", "max_digits", "digits", budget)
    return None


def _float_problem(value: float, budget: Budget) -> str | None:
    if not math.isfinite(value) or value == 0:
        return None
    return _decimal_problem(Decimal(repr(value)), budget)  # at most 17 digits: cheap


def number_problem(value: object, budget: Budget = BUDGET) -> str | None:
    """Why the number ``value`` is over ``budget`` (a message), or None if it is within it.

    Costs O(1) for an integer of any size and is linear in a Decimal's digits. Anything that
    is not a number (a bool included), NaN and infinity are None: the budget is about size;
    whoever expects a number refuses those with an example.
    """
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return _int_problem(value, budget)
    if isinstance(value, Decimal):
        return _decimal_problem(value, budget)
    if isinstance(value, float):
        return _float_problem(value, budget)
    if isinstance(value, Fraction):
        return _int_problem(value.numerator, budget) or _int_problem(value.denominator, budget)
    return None
