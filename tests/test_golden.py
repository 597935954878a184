"""The golden corpus (tests/golden/): the library's outputs still match every stored digest.

The facts are regenerated from the seed and the frozen spec, evaluated in fresh worker
processes (all cores), and each case's digests of ``canonical(decision.to_dict())`` and
``decision.explain("zh")`` (or, for an input the library refuses, the exception type, the
sorted problem paths and a digest of the messages) are compared with the stored ones. A
mismatch is reported with the case id, the rule set, the facts and a diff against the stored
full output where there is one. See tests/golden/README.md.

``NMGPOLICY_GOLDEN`` chooses what runs: ``all`` (the default, every case), ``N`` (every N-th
case), ``N:K`` (every N-th case from case K) or ``off``.
"""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path

import pytest

import nmgpolicy
from tests.golden import cases, generate

HERE = Path(generate.__file__).resolve().parent
LIMIT_BYTES = 5 * 1000 * 1000


def _selection() -> tuple[int, int] | None:
    value = os.environ.get("NMGPOLICY_GOLDEN", "all").strip().lower()
    if value in ("", "all"):
        return 1, 0
    if value in ("off", "0", "no"):
        return None
    every, _, offset = value.partition(":")
    return max(1, int(every)), int(offset or 0)


def test_golden_corpus() -> None:
    selected = _selection()
    if selected is None:
        pytest.skip("NMGPOLICY_GOLDEN=off")
    every, offset = selected
    checked, problems, summary = generate.check(HERE, every=every, offset=offset)
    print(
        f"golden: {checked} cases in {summary['seconds']} s "
        f"({summary['cpu_seconds']} s CPU in workers), {summary['checked']}"
    )
    if problems:
        pytest.fail(
            f"{summary['mismatched']} of {checked} golden cases changed "
            "(see tests/golden/README.md before rewriting the corpus):\n" + "\n".join(problems),
            pytrace=False,
        )


def test_every_ruleset_is_in_the_corpus() -> None:
    spec = json.loads((HERE / "spec.json").read_text(encoding="utf-8"))
    assert sorted(spec["rulesets"]) == sorted(nmgpolicy.rulesets())
    for ruleset in spec["rulesets"]:
        header, records = generate.read_corpus(generate.corpus_path(ruleset, HERE))
        assert header["count"] >= 5000
        assert sorted(records) == list(range(header["count"]))
        assert sum("output" in r for r in records.values()) >= 200


def test_corpus_size() -> None:
    total = sum(p.stat().st_size for p in HERE.iterdir() if p.is_file())
    assert total < LIMIT_BYTES, f"tests/golden holds {total:,} bytes"


def test_regenerated_facts_are_deterministic() -> None:
    spec = json.loads((HERE / "spec.json").read_text(encoding="utf-8"))
    for ruleset, part in spec["rulesets"].items():
        _, records = generate.read_corpus(generate.corpus_path(ruleset, HERE))
        for index in (0, 1, 2, 20, 4999):
            first = cases.build(generate.SEED, ruleset, part, index)
            assert first == cases.build(generate.SEED, ruleset, part, index)
            assert generate.input_digest(first) == records[index]["f"]
            if "input" in records[index]:
                assert records[index]["input"]["facts"] == first["facts"]


def test_canonical_drops_only_the_listed_fields(monkeypatch: pytest.MonkeyPatch) -> None:
    decision = {"status": "eligible", "version": "1", "findings": [{"id": "a", "trace": 1}]}
    assert generate.canonical(decision) == decision
    monkeypatch.setattr(generate, "VOLATILE_FIELDS", (("version",), ("findings", "*", "trace")))
    assert generate.canonical(decision) == {"status": "eligible", "findings": [{"id": "a"}]}
    assert decision["version"] == "1"  # the input is not changed
    monkeypatch.setattr(generate, "VOLATILE_EXPLAIN_LINES", (r"^版本",))
    assert generate.canonical_explain("a\n版本 1.2\nb") == "a\nb"


def test_write_is_byte_identical(tmp_path: Path) -> None:
    """Two ``--write`` runs over the same spec give the same bytes (a small count here)."""
    for name in ("a", "b"):
        (tmp_path / name).mkdir()
        shutil.copy(HERE / "spec.json", tmp_path / name / "spec.json")
        generate.write(tmp_path / name, keep_spec=True, count=12, full_every=4, jobs=2, quiet=True)
    files = sorted(p.name for p in (tmp_path / "a").iterdir())
    assert files == sorted(p.name for p in (tmp_path / "b").iterdir())
    for name in files:
        assert (tmp_path / "a" / name).read_bytes() == (tmp_path / "b" / name).read_bytes(), name
