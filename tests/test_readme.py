"""The README: its two set-up lines, its examples (run as doctests) and .ci/run agree."""

from __future__ import annotations

import doctest
import os
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
README = ROOT / "README.md"


def test_readme_starts_with_the_two_setup_lines() -> None:
    first, second = README.read_text(encoding="utf-8").splitlines()[:2]
    assert first.endswith("nmgpolicy demo")
    assert "pip install" in first
    assert "[test]" in second
    assert "pytest" in second
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8").splitlines()
    assert second in ci, ".ci/run must run the README's second line"


def test_readme_examples(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(ROOT)
    result = doctest.testfile(
        os.fspath(README),
        module_relative=False,
        optionflags=doctest.ELLIPSIS | doctest.NORMALIZE_WHITESPACE,
        encoding="utf-8",
    )
    assert result.attempted > 20
    assert result.failed == 0
