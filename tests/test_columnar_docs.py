"""The examples in docs/columnar.md run as doctests."""

from __future__ import annotations

import doctest
import os
from pathlib import Path

import pytest

pytest.importorskip("numpy")

ROOT = Path(__file__).resolve().parents[1]
COLUMNAR = ROOT / "docs" / "columnar.md"


def test_columnar_examples() -> None:
    result = doctest.testfile(
        os.fspath(COLUMNAR),
        module_relative=False,
        optionflags=doctest.ELLIPSIS | doctest.NORMALIZE_WHITESPACE,
        encoding="utf-8",
        globs={"Decimal": __import__("decimal").Decimal},
    )
    assert result.attempted >= 10
    assert result.failed == 0
