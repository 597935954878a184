"""The decision of every row from its findings' status codes, eight rows per machine word.

A row is ineligible if a binding finding is ``not_met``, else undetermined if one is
``unknown`` or ``review``, else eligible. With the status codes (met 0, not_met 1, unknown 2,
review 3, not_applicable 4) the byte ``c & ~(c >> 1)`` has bit 0 set exactly for not_met and
bit 1 exactly for unknown or review; OR-ed over the findings it holds both facts the decision
needs. Those are shifts, ANDs and ORs within each byte, so they run on the status columns read
as ``uint64`` — eight rows an operation, no lookup, no per-finding temporary: a bit that a
shift carries across a byte boundary lands in bit 7, which is never read.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

import numpy as np
import numpy.typing as npt

from nmgpolicy.columnar._kernels import CODES, Codes
from nmgpolicy.outcome import DecisionStatus, Status

__all__ = ["decide"]

_LOW = np.uint64(0x0101010101010101)  # bit 0 of every byte
_BOTH = np.uint64(0x0303030303030303)  # bits 0 and 1 of every byte
_ONE = np.uint64(1)

OPEN_BIT, NOT_MET_BIT = 2, 1
"""The bits of a row's summary byte: any finding open (unknown, review), any not met."""

assert (CODES[Status.MET], CODES[Status.NOT_MET], CODES[Status.UNKNOWN]) == (0, 1, 2)
assert (CODES[Status.REVIEW], CODES[Status.NOT_APPLICABLE]) == (3, 4)


def decide(
    findings: Iterable[Codes], size: int, extra: Iterable[tuple[npt.NDArray[Any], int]] = ()
) -> Codes:
    """The decision codes (``codes`` eligible 0, ineligible 1, undetermined 2) of ``size``
    rows over the status columns ``findings`` (codes 0…4) and ``extra`` (per row, a mask and
    the bit it sets: :data:`NOT_MET_BIT` or :data:`OPEN_BIT`)."""
    words = -(-size // 8)
    summary = np.zeros(words * 8, dtype=np.uint8)
    acc = summary.view(np.uint64)
    scratch = np.empty(words, dtype=np.uint64)
    padded: npt.NDArray[np.uint8] | None = None
    for codes in findings:
        if size % 8 == 0 and codes.dtype.itemsize == 1 and codes.flags.c_contiguous:
            word = codes.view(np.uint64)
        else:  # a tail of fewer than 8 rows: padded with met (0), which sets no bit
            if padded is None:
                padded = np.zeros(words * 8, dtype=np.uint8)
            padded[:size] = codes
            word = padded.view(np.uint64)
        np.right_shift(word, _ONE, out=scratch)
        np.invert(scratch, out=scratch)
        scratch &= word
        acc |= scratch
    for mask, bit in extra:
        summary[:size] |= mask.view(np.uint8) * np.uint8(bit)
    acc &= _BOTH
    np.right_shift(acc, _ONE, out=scratch)
    scratch &= acc
    scratch &= _LOW  # 1 where both bits: not_met and open
    scratch <<= _ONE
    acc ^= scratch  # 3 (both) → 1: not met decides
    return summary[:size].view(np.int8)


def decision_codes() -> Mapping[DecisionStatus, int]:
    """The decision code of each summary byte :func:`decide` returns."""
    return {
        DecisionStatus.ELIGIBLE: 0,
        DecisionStatus.INELIGIBLE: NOT_MET_BIT,
        DecisionStatus.UNDETERMINED: OPEN_BIT,
    }
