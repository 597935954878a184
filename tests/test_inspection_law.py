"""Issue 9, point 15, and points 16/17 for the inspection module: names compared after NFKC
without white space, the legal team minimum (《行政处罚法》第四十二条), a verify that catches any
altered field and never raises, and commit–reveal; Chinese texts without code values, citations
verbatim, and the examples of docs/inspection.md run as doctests."""

from __future__ import annotations

import copy
import doctest
import hashlib
import json
import os
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from nmgpolicy import inspection
from nmgpolicy.errors import InputError
from nmgpolicy.params import load_parameters
from tests._builders import json_leaves
from tests.language import _problems_in

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT / "src" / "nmgpolicy" / "data"
ENTITIES = ["企业A", "企业B", "企业C", "企业D"]
INSPECTORS: list[Any] = ["张三", "李四", {"id": "王五", "conflicts": ["企业 A"]}, "赵六"]
SEED = "b7e1c0d2a9f34e5c8d6b2a1f0e9d8c7b"  # e.g. secrets.token_hex(16)
LAW = "行政处罚应当由具有行政执法资格的执法人员实施。执法人员不得少于两人，法律另有规定的除外。"


def paths(error: pytest.ExceptionInfo[InputError]) -> list[str]:
    return list(error.value.paths)


def committed() -> dict[str, Any]:
    """A real published record, with a commitment, read back from JSON."""
    d = inspection.draw(ENTITIES, INSPECTORS, n=3, seed=SEED, commitment=inspection.commit(SEED))
    return json.loads(json.dumps(d.to_dict(), ensure_ascii=False))


# --------------------------------------------------------------------------------------------
# Names: NFKC, white space removed
# --------------------------------------------------------------------------------------------


def test_name_key_folds_width_and_white_space() -> None:
    assert inspection.name_key("企业A") == "企业A"
    assert inspection.name_key("企业Ａ") == "企业A"  # full-width letter
    assert inspection.name_key("企业 A") == "企业A"
    assert inspection.name_key("企业\u3000Ａ") == "企业A"  # ideographic space
    assert inspection.name_key("企 业\u00a0A") == "企业A"  # no-break space
    assert inspection.name_key("E１２") == "E12"
    assert inspection.name_key("企业B") != inspection.name_key("企业A")


@pytest.mark.parametrize("variant", ["企业A", "企业Ａ", "企业 A", "企业\u3000A", "企 业 Ａ"])
def test_a_spelling_variant_is_refused_as_a_duplicate(variant: str) -> None:
    with pytest.raises(InputError) as info:
        inspection.draw(["E1", "企业A", "E2", variant], ["张三", "李四"], n=1, seed=1)
    assert paths(info) == ["$.entities[3]"]
    message = info.value.problems[0].message
    assert "'企业A'" in message
    assert "$.entities[1]" in message  # the earlier one, by its place


def test_inspectors_are_compared_the_same_way() -> None:
    with pytest.raises(InputError) as info:
        inspection.draw(["E1"], ["张三", "李四", "张 三"], n=1, seed=1)
    assert paths(info) == ["$.inspectors[2]"]
    assert "'张三'" in info.value.problems[0].message
    assert "$.inspectors[0]" in info.value.problems[0].message
    with pytest.raises(InputError) as info:
        inspection.draw(["E1"], [{"id": "Ａ"}, "B", {"id": "A", "conflicts": []}], n=1, seed=1)
    assert paths(info) == ["$.inspectors[2]"]


def test_a_conflict_in_another_spelling_excludes_the_entity() -> None:
    for variant in ("企业 A", "企业Ａ", "企业\u3000Ａ"):
        inspectors: list[Any] = ["张三", "李四", {"id": "王五", "conflicts": [variant]}]
        for seed in range(60):
            d = inspection.draw(ENTITIES, inspectors, n=4, seed=seed)
            assert "王五" not in d.team("企业A")
            entity_a = d.assignments[d.selected.index("企业A")]
            assert entity_a.excluded == ("王五",)
            # The record keeps the conflict as the inspector declared it.
            assert d.inputs["inspectors"][2] == {"conflicts": [variant], "id": "王五"}


def test_a_conflict_listed_twice_in_two_spellings_is_refused() -> None:
    inspectors: list[Any] = ["张三", "李四", {"id": "王五", "conflicts": ["企业A", "企业 Ａ"]}]
    with pytest.raises(InputError) as info:
        inspection.draw(ENTITIES, inspectors, n=1, seed=1)
    assert paths(info) == ["$.inspectors[2].conflicts[1]"]
    assert "$.inspectors[2].conflicts[0]" in info.value.problems[0].message


def test_the_record_keeps_names_as_given_and_the_draw_ignores_spelling() -> None:
    plain = inspection.draw(ENTITIES, INSPECTORS, n=4, seed=SEED)
    spelled = inspection.draw(
        ["企业 D", "企业Ｃ", "企业\u3000B", "企业Ａ"],
        ["赵 六", {"id": "王五", "conflicts": ["企业A"]}, "李四", "张三"],
        n=4,
        seed=SEED,
    )
    # Hashed by keys: the same digest, the same words, the same entities and teams …
    assert spelled.inputs_digest == plain.inputs_digest
    assert spelled.words_used == plain.words_used

    def keys(d: inspection.Draw) -> list[tuple[str, tuple[str, ...], tuple[str, ...]]]:
        k = inspection.name_key
        return [(k(a.entity), tuple(map(k, a.inspectors)), a.excluded) for a in d.assignments]

    assert keys(spelled) == keys(plain)
    # … recorded as given.
    assert "企业Ａ" in spelled.selected
    assert spelled.inputs["entities"] == ["企业Ａ", "企业\u3000B", "企业Ｃ", "企业 D"]
    assert "赵 六" in spelled.inputs["inspectors"][3]["id"]
    assert spelled.team("企业A") == spelled.team("企业Ａ")
    assert inspection.verify(json.loads(json.dumps(spelled.to_dict(), ensure_ascii=False)))


def test_an_unassigned_character_is_refused() -> None:
    with pytest.raises(InputError) as info:
        inspection.draw(["E1", "E\u0378"], ["张三", "李四"], n=1, seed=1)
    assert paths(info) == ["$.entities[1]"]
    assert "not assigned in Unicode" in info.value.problems[0].message


# --------------------------------------------------------------------------------------------
# Team size: 行政处罚法 第四十二条
# --------------------------------------------------------------------------------------------


def test_min_team_size_is_a_cited_parameter() -> None:
    data = load_parameters("inspection")
    for name in ("min_team_size", "per_team"):
        parameter = data.parameters[name]
        assert parameter.values[0].value == 2
        citation = parameter.citation
        assert citation is not None
        assert citation.document == "《中华人民共和国行政处罚法》"
        assert (citation.article, citation.clause, citation.text) == ("第四十二条", "第一款", LAW)
    assert inspection.MIN_TEAM_SIZE == inspection.PER_TEAM == 2
    statutes = (DATA / "sources" / "statutes.md").read_text(encoding="utf-8")
    assert LAW in re.sub(r"\s+", "", statutes)


def test_a_team_below_the_minimum_is_refused_and_at_the_minimum_accepted() -> None:
    with pytest.raises(InputError) as info:
        inspection.draw(ENTITIES, INSPECTORS, n=1, per_team=1, seed=1)
    assert paths(info) == ["$.per_team"]
    message = info.value.problems[0].message
    assert "at least 2" in message
    assert "第四十二条" in message
    assert "执法人员不得少于两人" in message
    d = inspection.draw(ENTITIES, INSPECTORS, n=1, per_team=2, seed=1)
    assert len(d.assignments[0].inspectors) == 2
    three = inspection.draw(ENTITIES, INSPECTORS, n=1, per_team=3, seed=1)
    assert len(three.assignments[0].inspectors) == 3


def test_min_team_size_can_be_raised_and_lowered_where_a_law_provides_otherwise() -> None:
    with pytest.raises(InputError) as info:
        inspection.draw(ENTITIES, INSPECTORS, n=1, per_team=2, seed=1, min_team_size=3)
    assert paths(info) == ["$.per_team"]
    assert inspection.draw(ENTITIES, INSPECTORS, n=1, per_team=3, seed=1, min_team_size=3)
    # The old reading (any team of one or more) stays available as a value.
    one = inspection.draw(ENTITIES, INSPECTORS, n=1, per_team=1, seed=1, min_team_size=1)
    out = one.to_dict()
    assert out["per_team"] == 1
    assert out["min_team_size"] == out["inputs"]["min_team_size"] == 1
    assert inspection.verify(out)
    # The rule is part of the hashed inputs: a different minimum, a different draw.
    two = inspection.draw(ENTITIES, INSPECTORS, n=1, per_team=2, seed=1, min_team_size=1)
    assert two.inputs_digest != inspection.draw(ENTITIES, INSPECTORS, n=1, seed=1).inputs_digest


@pytest.mark.parametrize(
    ("kwargs", "where"),
    [
        ({"n": 10**5000}, "$.n"),
        ({"per_team": 10**5000}, "$.per_team"),
        ({"per_team": -(10**5000)}, "$.per_team"),
        ({"min_team_size": 10**5000}, "$.per_team"),
    ],
)
def test_huge_numbers_are_input_errors(kwargs: dict[str, Any], where: str) -> None:
    args: dict[str, Any] = {"n": 1, "seed": 1, **kwargs}
    with pytest.raises(InputError) as info:
        inspection.draw(ENTITIES, INSPECTORS, **args)
    assert paths(info) == [where]
    record = committed()
    record.update(kwargs)
    record["inputs"].update(kwargs)
    assert not inspection.verify(record)
    assert where.replace("$.", "$.inputs.") in [p.path for p in inspection.discrepancies(record)]


# --------------------------------------------------------------------------------------------
# verify: any altered field is caught, and it never raises
# --------------------------------------------------------------------------------------------


leaves = json_leaves


def containers(node: Any, path: tuple[Any, ...] = ()) -> Iterator[tuple[Any, ...]]:
    """The path of every object and list of a JSON value."""
    if isinstance(node, dict | list):
        yield path
        for key, value in node.items() if isinstance(node, dict) else enumerate(node):
            yield from containers(value, (*path, key))


def at(record: Any, path: tuple[Any, ...]) -> Any:
    for step in path:
        record = record[step]
    return record


def altered(value: Any) -> list[Any]:
    """Other values of the same JSON type, and of other types."""
    if isinstance(value, bool):
        return [not value, int(value)]
    if isinstance(value, int):
        return [value + 1, value - 1, str(value), float(value), None]
    if isinstance(value, str):
        flipped = value[:-1] + ("0" if value[-1:] != "0" else "1")
        return [
            value + "x",
            flipped,
            value.upper() if value != value.upper() else value + " ",
            None,
        ]
    return ["", 0]  # None


def show(path: tuple[Any, ...]) -> str:
    return "$" + "".join(f"[{p}]" if isinstance(p, int) else f".{p}" for p in path)


def test_the_real_record_verifies() -> None:
    record = committed()
    assert inspection.verify(record)
    assert inspection.discrepancies(record) == ()
    assert set(record) == {
        "algorithm",
        "seed",
        "commitment",
        "inputs_digest",
        "inputs",
        "n",
        "per_team",
        "min_team_size",
        "words_used",
        "assignments",
        "record",
    }


def test_every_field_altered_one_at_a_time_is_caught() -> None:
    record = committed()
    checked = set()
    for path, value in leaves(record):
        for other in altered(value):
            if other == value and type(other) is type(value):
                continue
            tampered = copy.deepcopy(record)
            container = at(tampered, path[:-1])
            container[path[-1]] = other
            assert not inspection.verify(tampered), (show(path), value, other)
            assert inspection.discrepancies(tampered), show(path)
            checked.add(path[0])
    # Every top-level field was altered somewhere (the catalog record included).
    assert checked == set(record)
    assert len(list(leaves(record))) > 50


@pytest.mark.parametrize(
    ("field", "value", "where"),
    [
        ("n", 4, "$.n"),
        ("per_team", 3, "$.per_team"),
        ("min_team_size", 1, "$.min_team_size"),
        ("words_used", 13, "$.words_used"),
        ("inputs_digest", "0" * 64, "$.inputs_digest"),
        ("commitment", None, "$.commitment"),
        ("seed", SEED + "!", "$.seed"),
        # Version 1 compared names as given: the conflict "企业 A" names no entity there.
        (
            "algorithm",
            {"name": "nmgpolicy-draw", "version": 1},
            "$.inputs.inspectors[2].conflicts[0]",
        ),
    ],
)
def test_discrepancies_name_the_altered_field(field: str, value: Any, where: str) -> None:
    tampered = {**committed(), field: value}
    assert not inspection.verify(tampered)
    assert where in [p.path for p in inspection.discrepancies(tampered)]


def test_a_removed_or_added_field_is_caught() -> None:
    record = committed()
    for path in containers(record):
        node = at(record, path)
        keys = list(node) if isinstance(node, dict) else list(range(len(node)))
        for key in keys:
            tampered = copy.deepcopy(record)
            del at(tampered, path)[key]
            assert not inspection.verify(tampered), (show(path), key)
        if isinstance(node, dict):
            tampered = copy.deepcopy(record)
            at(tampered, path)["extra"] = 1
            assert not inspection.verify(tampered), show(path)
            problems = inspection.discrepancies(tampered)
            assert problems
            assert all(p.path.startswith(show(path)) for p in problems), problems


json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=5),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=5), inner),
    max_leaves=12,
)


@given(value=json_values)
def test_verify_never_raises_on_junk(value: Any) -> None:
    assert inspection.verify(value) is False


@given(data=st.data())
def test_verify_never_raises_on_a_damaged_record(data: st.DataObject) -> None:
    record = committed()
    targets = [path for path, _ in leaves(record)] + list(containers(record))[1:]
    for _ in range(data.draw(st.integers(1, 3))):
        path = data.draw(st.sampled_from(targets))
        try:
            at(record, path[:-1])[path[-1]] = data.draw(json_values)
        except (KeyError, IndexError, TypeError):
            continue  # the path went away with an earlier change
    result = inspection.verify(record)
    assert isinstance(result, bool)
    assert result == (inspection.discrepancies(record) == ())


# A record of algorithm version 1 (names compared as given, no team minimum, no commitment),
# as that version wrote it: verify still re-runs it.
VERSION_1 = {
    "algorithm": {"name": "nmgpolicy-draw", "version": 1},
    "seed": "1",
    "inputs_digest": "012230ae14b3d6259f7de1f5ef36e9991baf479c27f1c544e1d323df920e4d5c",
    "inputs": {
        "algorithm": "nmgpolicy-draw/1",
        "entities": ["企业A", "企业Ａ"],
        "inspectors": [{"conflicts": [], "id": "A"}, {"conflicts": [], "id": "B"}],
        "n": 2,
        "per_team": 1,
    },
    "n": 2,
    "per_team": 1,
    "words_used": 4,
    "assignments": [
        {"entity": "企业Ａ", "inspectors": ["A"], "excluded_for_conflict": []},
        {"entity": "企业A", "inspectors": ["A"], "excluded_for_conflict": []},
    ],
    "record": inspection.inspection_record().to_dict(),
}


def test_version_1_records_still_verify() -> None:
    assert inspection.verify(VERSION_1)
    for field, value in [("words_used", 5), ("per_team", 2), ("seed", "2"), ("n", 1)]:
        assert not inspection.verify({**VERSION_1, field: value}), field
    swapped = copy.deepcopy(VERSION_1)
    swapped["assignments"].reverse()
    assert not inspection.verify(swapped)
    no_record = {k: v for k, v in VERSION_1.items() if k != "record"}
    assert [p.path for p in inspection.discrepancies(no_record)] == ["$.record"]
    # A version 1 record claimed as version 2 lacks the fields version 2 hashes.
    as_2 = {**VERSION_1, "algorithm": {"name": "nmgpolicy-draw", "version": 2}}
    assert [p.path for p in inspection.discrepancies(as_2)] == [
        "$.inputs.commitment",
        "$.inputs.min_team_size",
    ]


# --------------------------------------------------------------------------------------------
# Commit–reveal
# --------------------------------------------------------------------------------------------


def test_commit_is_the_documented_formula() -> None:
    s = SEED.encode("utf-8")
    expected = hashlib.sha256(
        b"nmgpolicy-commit/1" + b"\x00" + len(s).to_bytes(8, "big") + s
    ).hexdigest()
    assert inspection.commit(SEED) == expected
    assert re.fullmatch(r"[0-9a-f]{64}", expected)
    assert inspection.commit(20260305) == inspection.commit("20260305")
    assert inspection.commit(SEED) != inspection.commit(SEED + " ")
    with pytest.raises(InputError) as info:
        inspection.commit("")
    assert paths(info) == ["$.seed"]


def test_the_draw_records_the_commitment_and_refuses_another_seed() -> None:
    commitment = inspection.commit(SEED)
    d = inspection.draw(ENTITIES, INSPECTORS, n=2, seed=SEED, commitment=commitment.upper())
    assert d.commitment == commitment
    out = d.to_dict()
    assert out["commitment"] == out["inputs"]["commitment"] == commitment
    assert inspection.verify(out)
    with pytest.raises(InputError) as info:
        inspection.draw(ENTITIES, INSPECTORS, n=2, seed=SEED + "!", commitment=commitment)
    assert paths(info) == ["$.seed"]
    assert "does not match the commitment" in info.value.problems[0].message


def test_verify_checks_the_seed_against_the_commitment() -> None:
    record = committed()
    # A bureau that tried another seed after publishing its commitment: an honest re-run of the
    # other seed, with the published commitment pasted in.
    other = inspection.draw(ENTITIES, INSPECTORS, n=3, seed=SEED + "2").to_dict()
    other["commitment"] = record["commitment"]
    other["inputs"]["commitment"] = record["commitment"]
    assert not inspection.verify(other)
    assert [p.path for p in inspection.discrepancies(other)] == ["$.seed"]
    # The commitment is part of the hashed inputs: removing it from a record is caught too.
    stripped = copy.deepcopy(record)
    stripped["commitment"] = stripped["inputs"]["commitment"] = None
    assert not inspection.verify(stripped)
    assert "$.inputs_digest" in [p.path for p in inspection.discrepancies(stripped)]


def test_a_record_without_a_commitment_still_verifies() -> None:
    d = inspection.draw(ENTITIES, INSPECTORS, n=3, seed=SEED)
    out = json.loads(json.dumps(d.to_dict(), ensure_ascii=False))
    assert out["commitment"] is None
    assert out["inputs"]["commitment"] is None
    assert inspection.verify(out)
    # With a commitment the hashed inputs differ, so the draw is another one (documented).
    assert d.inputs_digest != committed()["inputs_digest"]


# --------------------------------------------------------------------------------------------
# What a bureau officer reads; citations verbatim; the documentation runs
# --------------------------------------------------------------------------------------------


def test_chinese_texts_hold_no_code_values() -> None:
    data = load_parameters("inspection")
    record = inspection.inspection_record()
    texts = {
        "title": data.title.zh,
        "record.title": record.title,
        "record.subject": record.subject.zh,
        "record.content": record.content.zh,
        "record.method": record.method.zh,
        "record.publication": record.publication.zh,
    }
    texts |= {f"parameters.{n}": p.description.zh for n, p in data.parameters.items()}
    texts |= {f"basis[{i}]": c.text for i, c in enumerate(record.basis)}
    problems = [p for where, text in texts.items() for p in _problems_in(text, where, [])]
    assert problems == []
    assert "调用方" not in json.dumps(texts, ensure_ascii=False)


def test_the_basis_is_quoted_verbatim_from_the_catalog() -> None:
    catalog = re.sub(r"\s+", "", (DATA / "baotou_miit_catalog.tsv").read_text(encoding="utf-8"))
    record = inspection.inspection_record()
    assert [c.document for c in record.basis] == [
        "《中华人民共和国安全生产法》",
        "《国务院办公厅关于推广随机抽查规范事中事后监管的通知》",
    ]
    for citation in record.basis:
        assert re.sub(r"\s+", "", citation.text) in catalog
        assert citation.summary == ""


def test_the_documentation_examples_run(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(ROOT)
    result = doctest.testfile(
        os.fspath(ROOT / "docs" / "inspection.md"),
        module_relative=False,
        optionflags=doctest.ELLIPSIS | doctest.NORMALIZE_WHITESPACE,
        encoding="utf-8",
    )
    assert result.attempted >= 10
    assert result.failed == 0
