"""The library's own :mod:`decimal` context, and :func:`exact`, which runs a function under it.

Python's ``decimal`` arithmetic reads a *thread-local* context: its precision, its rounding,
its exponent range and which conditions raise. A caller who sets ``getcontext().prec = 2``, or
traps :class:`decimal.Inexact` to audit their own code, would otherwise change nmgpolicy's
answers (a gap shown as ``1.2E+2`` instead of ``123.45``) or make a ``decimal.Inexact`` escape
from an evaluation. Every public entry point therefore runs under :data:`LIBRARY_CONTEXT`
(through :func:`exact`), so that no caller setting changes an answer or raises, and the
caller's context is exactly as it was afterwards (:func:`decimal.localcontext` restores it,
flags included).

Why these settings:

* ``prec=200``: the facts hold at most 50 significant digits (``units`` converts every amount
  at 50 digits), with adjusted exponents between about -44 and +49; the sum or difference of
  any two such values spans at most 143 digits, and their product at most 100, so the
  implicit arithmetic of the rules (a gap, a sum of points, ``value * 100`` for a percentage)
  is exact. Divisions are explicit, in contexts of their own (``units``, ``_sme_scoring``,
  ``ferroalloy``), or rounded on purpose (``sme.targets_progress``), and never depend on this
  precision.
* ``ROUND_HALF_EVEN`` (the IEEE and :mod:`decimal` default), used only where a rule rounds on
  purpose.
* ``Emin=-999999``, ``Emax=999999`` and the traps ``InvalidOperation``, ``DivisionByZero`` and
  ``Overflow``: those of Python's default context, under which every answer so far was
  computed. The budget on inputs keeps every value far inside the range, so a trap firing
  here is a bug to fix, not an answer to give: it is never silenced with a NaN or an infinity.
  ``Inexact``, ``Rounded``, ``Subnormal``, ``Underflow`` and ``Clamped`` do not raise.
"""

from __future__ import annotations

import contextvars
import decimal
import functools
from collections.abc import Callable
from typing import ParamSpec, TypeVar

__all__ = ["LIBRARY_CONTEXT", "exact"]

LIBRARY_CONTEXT = decimal.Context(
    prec=200,
    rounding=decimal.ROUND_HALF_EVEN,
    Emin=-999_999,
    Emax=999_999,
    capitals=1,
    clamp=0,
    flags=[],
    traps=[decimal.InvalidOperation, decimal.DivisionByZero, decimal.Overflow],
)
"""The context every public entry point runs in (a fresh copy per call; see the module)."""

P = ParamSpec("P")
R = TypeVar("R")


def exact(func: Callable[P, R]) -> Callable[P, R]:
    """Run ``func`` under a copy of :data:`LIBRARY_CONTEXT`, whatever the caller's context.

    The copy is made per call (by :func:`decimal.localcontext`), so the flags one call raises
    are seen by no other call and no other thread, and the caller's context, flags included, is
    restored on return or exception. Signatures are kept (``functools.wraps``, ``ParamSpec``).
    Not for generators, whose body would run after the context is gone.
    """

    @functools.wraps(func)
    def run_exactly(*args: P.args, **kwargs: P.kwargs) -> R:
        if decimal.getcontext() is _INSIDE.get():
            return func(*args, **kwargs)  # already under the library's context (a nested call)
        with decimal.localcontext(LIBRARY_CONTEXT) as context:
            token = _INSIDE.set(context)
            try:
                return func(*args, **kwargs)
            finally:
                _INSIDE.reset(token)

    return run_exactly


_INSIDE: contextvars.ContextVar[decimal.Context | None] = contextvars.ContextVar(
    "nmgpolicy_exact_context", default=None
)
"""The library context of the call under way in this thread or task, so that a nested call to
another entry point (``evaluate`` formatting an amount) does not enter a context again. A caller
who replaced the context inside a callback would not be ``is`` this one, and gets a fresh one."""
