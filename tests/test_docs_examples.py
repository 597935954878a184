"""The examples in docs/reading-the-law.md run as doctests, like the README's."""

from __future__ import annotations

import doctest
import os
from pathlib import Path

import pytest

from nmgpolicy import periods

ROOT = Path(__file__).resolve().parents[1]
READING_THE_LAW = ROOT / "docs" / "reading-the-law.md"


def test_reading_the_law_examples(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(ROOT)
    # The examples show what happens while 2027 has no schedule (the shipped data ends in 2026).
    assert 2027 not in periods.covered_years()
    result = doctest.testfile(
        os.fspath(READING_THE_LAW),
        module_relative=False,
        optionflags=doctest.ELLIPSIS | doctest.NORMALIZE_WHITESPACE,
        encoding="utf-8",
    )
    assert result.attempted >= 30
    assert result.failed == 0
