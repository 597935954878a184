"""Independent review of issue 9, point 15 (and 16/17), for ``inspection.draw``.

The issue: names are compared after Unicode NFKC with all white space removed (企业A, 企业Ａ
and 企业 A are one entity, refused as a duplicate); a ``per_team`` below ``min_team_size``
(default 2, a parameter; 《行政处罚法》第四十二条: 执法人员不得少于两人) raises ``InputError``
at ``$.per_team``;
``verify`` returns False for a record any field of which was altered (n, team size, words used,
not only the selection) and never raises on a well-formed record; ``inspection.commit(seed)``
gives a digest to publish before the draw, the draw records it, ``verify`` checks the seed
against it, and a record without a commitment still verifies.
"""

from __future__ import annotations

import copy
import hashlib
import json
import re
from collections.abc import Callable, Iterator
from typing import Any

import pytest

from nmgpolicy import inspection
from nmgpolicy.errors import InputError
from nmgpolicy.params import load_parameters
from tests._builders import json_leaves
from tests.language import _problems_in
from tests.test_citations import quoted_verbatim

POOL = ["包头甲民爆公司", "包头乙民爆公司", "包头丙民爆公司", "包头丁民爆公司", "包头戊民爆公司"]
TEAM: list[Any] = ["张三", "李四", {"id": "王五", "conflicts": ["包头甲民爆公司"]}, "赵六", "钱七"]
SEED = "9c1f5e2a7b3d4c6e8f0a1b2c3d4e5f60"


def refused(call: Callable[[], object]) -> list[str]:
    with pytest.raises(InputError) as info:
        call()
    return list(info.value.paths)


def published(*, commitment: bool = True, **kwargs: Any) -> dict[str, Any]:
    options: dict[str, Any] = {"n": 3, "seed": SEED}
    if commitment:
        options["commitment"] = inspection.commit(SEED)
    options.update(kwargs)
    d = inspection.draw(POOL, TEAM, **options)
    record: dict[str, Any] = json.loads(json.dumps(d.to_dict(), ensure_ascii=False))
    return record


# --------------------------------------------------------------------------------------------
# Names
# --------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "twin",
    [
        "企业A",
        "企业Ａ",
        "企业 A",
        "企业\u3000A",
        "企业\tA",
        "企业\u00a0A",
        "企 业 Ａ",
        "企业\u2003A",
    ],
)
def test_a_spelling_of_the_same_entity_is_refused(twin: str) -> None:
    paths = refused(
        lambda: inspection.draw(["企业A", "企业B", twin], ["张三", "李四"], n=1, seed=1)
    )
    assert paths == ["$.entities[2]"]
    with pytest.raises(InputError) as info:
        inspection.draw(["企业A", "企业B", twin], ["张三", "李四"], n=1, seed=1)
    assert "$.entities[0]" in info.value.problems[0].message


def test_the_three_spellings_of_the_issue_together() -> None:
    paths = refused(
        lambda: inspection.draw(
            ["企业A", "企业Ａ", "企业 A", "企业B"], ["张三", "李四"], n=1, seed=1
        )
    )
    assert paths == ["$.entities[1]", "$.entities[2]"]


def test_distinct_names_stay_distinct() -> None:
    d = inspection.draw(["企业A", "企业B", "企业AB", "企业a"], ["张三", "李四"], n=4, seed=1)
    assert sorted(d.selected) == sorted(["企业A", "企业B", "企业AB", "企业a"])


def test_inspectors_and_conflicts_are_compared_the_same_way() -> None:
    assert refused(lambda: inspection.draw(["E1"], ["张三", "李四", "张 三"], n=1, seed=1)) == [
        "$.inspectors[2]"
    ]
    assert refused(
        lambda: inspection.draw(
            ["企业A", "企业B"],
            [{"id": "张三", "conflicts": ["企业A", "企业Ａ"]}, "李四", "王五"],
            n=1,
            seed=1,
        )
    ) == ["$.inspectors[0].conflicts[1]"]
    # A conflict written in another spelling still excludes the inspector, for every seed.
    for seed in range(40):
        d = inspection.draw(
            ["企业A", "企业B"],
            [{"id": "张三", "conflicts": ["企业 Ａ"]}, "李四", "王五"],
            n=2,
            seed=seed,
        )
        assert "张三" not in d.team("企业A")
        assert d.team("企业 A") == d.team("企业A")


# --------------------------------------------------------------------------------------------
# Team size: 《行政处罚法》第四十二条
# --------------------------------------------------------------------------------------------


def test_min_team_size_is_a_parameter_of_two_citing_article_42() -> None:
    data = load_parameters("inspection")
    parameter = data.parameters["min_team_size"]
    assert parameter.values[0].value == 2
    assert inspection.MIN_TEAM_SIZE == 2 and inspection.PER_TEAM == 2
    assert parameter.citation is not None
    assert parameter.citation.document == "《中华人民共和国行政处罚法》"
    assert parameter.citation.article == "第四十二条"
    assert "执法人员不得少于两人" in parameter.citation.text
    assert quoted_verbatim(parameter.citation.text)
    per_team = data.parameters["per_team"]
    assert per_team.citation is not None and quoted_verbatim(per_team.citation.text)


@pytest.mark.parametrize(("per_team", "minimum"), [(1, 2), (0, 2), (2, 3), (1, None)])
def test_a_team_below_the_minimum_is_refused_at_per_team(
    per_team: int, minimum: int | None
) -> None:
    options: dict[str, Any] = {"n": 1, "per_team": per_team, "seed": 1}
    if minimum is not None:
        options["min_team_size"] = minimum
    assert refused(lambda: inspection.draw(POOL, TEAM, **options)) == ["$.per_team"]


def test_the_minimum_is_accepted_and_recorded() -> None:
    d = inspection.draw(POOL, TEAM, n=1, seed=1)
    assert d.per_team == 2 and d.min_team_size == 2
    assert all(len(a.inspectors) == 2 for a in d.assignments)
    d = inspection.draw(POOL, TEAM, n=1, per_team=3, min_team_size=3, seed=1)
    assert all(len(set(a.inspectors)) == 3 for a in d.assignments)
    d = inspection.draw(POOL, TEAM, n=1, per_team=1, min_team_size=1, seed=1)
    assert d.to_dict()["min_team_size"] == 1 and inspection.verify(d)


def test_the_refusal_names_the_law() -> None:
    with pytest.raises(InputError) as info:
        inspection.draw(POOL, TEAM, n=1, per_team=1, seed=1)
    message = info.value.problems[0].message
    assert "第四十二条" in message and "执法人员不得少于两人" in message


def test_min_team_size_itself_is_checked() -> None:
    for bad in (0, -1, True, 2.0, "2"):
        paths = refused(lambda bad=bad: inspection.draw(POOL, TEAM, n=1, seed=1, min_team_size=bad))
        assert "$.min_team_size" in paths, bad


# --------------------------------------------------------------------------------------------
# verify: any altered field is caught; it never raises
# --------------------------------------------------------------------------------------------


def test_real_records_verify_with_and_without_a_commitment() -> None:
    assert inspection.verify(published())
    assert inspection.verify(published(commitment=False))
    assert published(commitment=False)["commitment"] is None
    assert inspection.discrepancies(published()) == ()


@pytest.mark.parametrize(
    ("change", "where"),
    [
        (lambda r: r.__setitem__("n", r["n"] - 1), "$.n"),
        (lambda r: r["inputs"].__setitem__("n", 2), "$.inputs_digest"),
        (lambda r: r.__setitem__("per_team", 3), "$.per_team"),
        (lambda r: r["inputs"].__setitem__("per_team", 3), "$.inputs_digest"),
        (lambda r: r.__setitem__("min_team_size", 1), "$.min_team_size"),
        (lambda r: r["inputs"].__setitem__("min_team_size", 1), "$.inputs_digest"),
        (lambda r: r.__setitem__("words_used", r["words_used"] + 1), "$.words_used"),
        (lambda r: r.__setitem__("words_used", r["words_used"] - 1), "$.words_used"),
        (lambda r: r.__setitem__("seed", SEED + "0"), "$.seed"),
        (lambda r: r.__setitem__("inputs_digest", "0" * 64), "$.inputs_digest"),
        (lambda r: r["assignments"].reverse(), "$.assignments[0].entity"),
        (lambda r: r["assignments"][0]["inspectors"].reverse(), "$.assignments[0].inspectors[0]"),
        (
            lambda r: r["assignments"][0].__setitem__("excluded_for_conflict", ["钱七"]),
            "$.assignments[0].excluded_for_conflict",
        ),
        (lambda r: r["record"].__setitem__("title", "其他检查"), "$.record.title"),
        (lambda r: r["algorithm"].__setitem__("version", 1), None),
        (lambda r: r.__setitem__("commitment", None), "$.commitment"),
        (lambda r: r["inputs"]["entities"].append("包头己民爆公司"), None),
        (lambda r: r["inputs"]["inspectors"][0].__setitem__("conflicts", ["包头乙民爆公司"]), None),
        (lambda r: r.__setitem__("n", float(r["n"])), "$.n"),
        (lambda r: r.__setitem__("n", str(r["n"])), "$.n"),
        (lambda r: r.__setitem__("extra", 1), "$.extra"),
        (lambda r: r.pop("words_used"), "$.words_used"),
    ],
)
def test_an_altered_field_is_caught(
    change: Callable[[dict[str, Any]], object], where: str | None
) -> None:
    record = published()
    change(record)
    assert inspection.verify(record) is False
    found = [p.path for p in inspection.discrepancies(record)]
    assert found
    if where is not None:
        assert where in found, found


def leaves(node: Any) -> Iterator[tuple[Any, ...]]:
    """The path of every leaf of a JSON value."""
    return (path for path, _ in json_leaves(node))


def _replace(record: Any, path: tuple[Any, ...], value: Any) -> None:
    node = record
    for step in path[:-1]:
        node = node[step]
    node[path[-1]] = value


@pytest.mark.parametrize("with_commitment", [True, False])
def test_every_leaf_altered_in_value_or_type_is_caught_and_nothing_raises(
    with_commitment: bool,
) -> None:
    base = published(commitment=with_commitment)
    for path in leaves(base):
        original: Any = base
        for step in path:
            original = original[step]
        candidates: list[Any] = [None, True, [], {}, "x", 10**80, -1, 1.5]
        if isinstance(original, str):
            candidates += [original + "x", original.upper() + " ", original[:-1]]
        if isinstance(original, int) and not isinstance(original, bool):
            candidates += [original + 1, original - 1, str(original), float(original)]
        for value in candidates:
            if type(value) is type(original) and value == original:
                continue
            record = copy.deepcopy(base)
            _replace(record, path, value)
            assert inspection.verify(record) is False, (path, value)  # and it does not raise


def test_a_name_respelt_into_an_equivalent_spelling_is_not_caught() -> None:
    """The documented choice (docs/inspection.md: the draw hashes the keys): a name of the pool
    re-spelt into a spelling with the same key (NFKC, no white space) changes nothing that is
    hashed, so a record altered that way still verifies. Pinned here so that a change of this
    choice is seen; see the review report."""
    record = published()
    drawn = {a["entity"] for a in record["assignments"]}
    index = next(i for i, name in enumerate(record["inputs"]["entities"]) if name not in drawn)
    record["inputs"]["entities"][index] = record["inputs"]["entities"][index] + " "
    assert inspection.verify(record) is False  # a trailing space is refused outright
    record = published()
    record["inputs"]["entities"][index] = (
        record["inputs"]["entities"][index][:2] + " " + (record["inputs"]["entities"][index][2:])
    )
    assert inspection.verify(record) is True


def test_verify_never_raises_on_well_formed_junk() -> None:
    record = published()
    junk: list[Any] = [
        None,
        0,
        "",
        [],
        {},
        "record",
        [record],
        {"algorithm": None},
        {"algorithm": {"name": "nmgpolicy-draw", "version": 2}},
        {"algorithm": {"name": "nmgpolicy-draw", "version": 2}, "inputs": {}},
        {**record, "inputs": {**record["inputs"], "entities": []}},
        {**record, "inputs": {**record["inputs"], "inspectors": []}},
        {**record, "inputs": {**record["inputs"], "n": 10**5000}},
        {**record, "inputs": {**record["inputs"], "commitment": "zz"}},
        {**record, "seed": None},
        {**record, "seed": ""},
        {**record, "seed": 10**5000},
        {**record, "algorithm": {"name": "nmgpolicy-draw", "version": 3}},
    ]
    for value in junk:
        assert inspection.verify(value) is False
        assert inspection.discrepancies(value)


# --------------------------------------------------------------------------------------------
# Commit–reveal
# --------------------------------------------------------------------------------------------


def test_commit_is_a_recomputable_sha256_of_the_seed() -> None:
    s = SEED.encode("utf-8")
    expected = hashlib.sha256(b"nmgpolicy-commit/1\x00" + len(s).to_bytes(8, "big") + s).hexdigest()
    assert inspection.commit(SEED) == expected
    assert re.fullmatch(r"[0-9a-f]{64}", expected)
    assert inspection.commit(20260305) == inspection.commit("20260305")
    assert inspection.commit("a") != inspection.commit("b")
    assert refused(lambda: inspection.commit("")) == ["$.seed"]


def test_the_draw_records_the_commitment_and_refuses_another_seed() -> None:
    commitment = inspection.commit(SEED)
    record = published()
    assert record["commitment"] == commitment
    assert record["inputs"]["commitment"] == commitment
    assert refused(
        lambda: inspection.draw(POOL, TEAM, n=3, seed=SEED + "!", commitment=commitment)
    ) == ["$.seed"]
    # Upper-case hex is the same commitment, recorded in lower case.
    d = inspection.draw(POOL, TEAM, n=3, seed=SEED, commitment=commitment.upper())
    assert d.commitment == commitment


def test_verify_checks_the_revealed_seed_against_the_commitment() -> None:
    # Someone draws with another seed and records the published commitment: every other field
    # is made consistent with the other seed, but the seed does not match the commitment.
    commitment = inspection.commit(SEED)
    other = inspection.draw(POOL, TEAM, n=3, seed="another seed")
    forged = json.loads(json.dumps(other.to_dict(), ensure_ascii=False))
    forged["commitment"] = commitment
    forged["inputs"]["commitment"] = commitment
    assert inspection.verify(forged) is False
    assert "$.seed" in [p.path for p in inspection.discrepancies(forged)]
    # Swapping the seed of an honest record is caught too.
    record = published()
    record["seed"] = "another seed"
    assert inspection.verify(record) is False


def test_a_stripped_commitment_is_caught_but_a_record_without_one_verifies() -> None:
    record = published()
    record["commitment"] = None
    record["inputs"]["commitment"] = None
    assert inspection.verify(record) is False  # the digest covered the commitment
    assert inspection.verify(published(commitment=False))


# --------------------------------------------------------------------------------------------
# Points 16/17: words and citations
# --------------------------------------------------------------------------------------------


def test_the_record_is_free_of_code_values_in_chinese_and_its_basis_is_verbatim() -> None:
    record = inspection.inspection_record()
    for where, text in (
        ("subject", record.subject.zh),
        ("content", record.content.zh),
        ("method", record.method.zh),
        ("publication", record.publication.zh),
        ("title", record.title),
    ):
        assert _problems_in(text, where, []) == []
    for citation in record.basis:
        assert quoted_verbatim(citation.text), citation.text
    data = load_parameters("inspection")
    for name, parameter in data.parameters.items():
        assert _problems_in(parameter.description.zh, name, []) == [] or name in (
            parameter.description.zh
        )
        assert parameter.citation is None or quoted_verbatim(parameter.citation.text)


def test_the_record_in_english_is_english() -> None:
    record = inspection.inspection_record()
    cjk = re.compile(r"[\u4e00-\u9fff]")
    for text in (record.subject.en, record.content.en, record.publication.en):
        assert not cjk.search(text), text
    # Only the statute's title may appear in Chinese inside the English method.
    assert not cjk.search(re.sub(r"《[^》]*》第[^ ]*条", "", record.method.en)), record.method.en
