"""The random-inspection draw (nmgpolicy.inspection): reproducibility (golden result, an
independent re-implementation of the documented algorithm), distribution (chi-square over many
seeds against exact critical values), conflicts of interest, shortfall, junk, and the catalog
record (抽查依据、主体、内容、方式). Names, team size, verify and commit–reveal (issue 9, point 15)
are tested in tests/test_inspection_law.py."""

from __future__ import annotations

import hashlib
import json
import math
import unicodedata
from collections import Counter
from collections.abc import Iterator
from itertools import combinations
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from nmgpolicy import disclosure, inspection
from nmgpolicy.errors import InputError

ENTITIES = ["包头某民爆器材有限公司", "E02", "E03", "E04", "E05", "E06", "E07", "E08"]
INSPECTORS: list[Any] = [
    "张三",
    "李四",
    {"id": "王五", "conflicts": ["E03"]},
    "赵六",
    {"id": "钱七", "conflicts": ["E05", "E06"]},
]
SEED = "2026-03-05 体彩排列5 12345"


def golden() -> inspection.Draw:
    return inspection.draw(ENTITIES, INSPECTORS, n=4, seed=SEED)


# --------------------------------------------------------------------------------------------
# Reproducibility
# --------------------------------------------------------------------------------------------


def test_golden_result_is_pinned() -> None:
    """Any change to this result is a change of algorithm: give it a new version."""
    d = golden()
    assert d.algorithm == "nmgpolicy-draw"
    assert d.version == 2 == inspection.ALGORITHM_VERSION
    assert d.inputs_digest == "b576961c2eecc6ad122fe3a867e46a2582eee9c14bebe21cea3141531dbdfcfa"
    assert [(a.entity, a.inspectors, a.excluded) for a in d.assignments] == [
        ("包头某民爆器材有限公司", ("钱七", "李四"), ()),
        ("E03", ("李四", "钱七"), ("王五",)),
        ("E08", ("赵六", "钱七"), ()),
        ("E04", ("李四", "钱七"), ()),
    ]
    assert d.selected == ("包头某民爆器材有限公司", "E03", "E08", "E04")
    assert d.team("E03") == ("李四", "钱七")
    assert d.words_used == 12
    assert d.per_team == 2 == inspection.PER_TEAM
    assert d.min_team_size == 2 == inspection.MIN_TEAM_SIZE
    assert d.commitment is None


def test_stream_words_are_pinned() -> None:
    stream = inspection.Stream(b"seed", bytes(32))
    assert [stream.word() for _ in range(5)] == [
        17128453612551092819,
        11132038551046071173,
        7155118933172900811,
        8783920799653949829,
        16102531169833558035,
    ]
    assert stream.used == 5
    # Version 1's tag gives version 1's words (verify still re-runs version 1 records).
    old = inspection.Stream(b"seed", bytes(32), version=1)
    assert [old.word() for _ in range(5)] == [
        8319011558352916380,
        7961844839942600697,
        9804758944911071606,
        3904482946238677592,
        4042890798758924524,
    ]


def _key(name: str) -> str:
    """Step 0 as docs/inspection.md states it: NFKC, then every white-space character removed."""
    return "".join(c for c in unicodedata.normalize("NFKC", name) if not c.isspace())


def _reference_draw(
    entities: list[str],
    inspectors: list[dict[str, Any]],
    n: int,
    k: int,
    seed: str,
    *,
    commitment: str | None = None,
    min_team_size: int = 2,
) -> list[tuple[str, tuple[str, ...]]]:
    """The algorithm as the module docstring specifies it, written again from the text; the
    result with the names as given."""
    given = {_key(e): e for e in entities}
    given |= {_key(i["id"]): i["id"] for i in inspectors}
    canonical: dict[str, Any] = {
        "algorithm": "nmgpolicy-draw/2",
        "commitment": commitment,
        "entities": sorted(_key(e) for e in entities),
        "inspectors": sorted(
            (
                {"conflicts": sorted(_key(c) for c in i["conflicts"]), "id": _key(i["id"])}
                for i in inspectors
            ),
            key=lambda i: i["id"],
        ),
        "min_team_size": min_team_size,
        "n": n,
        "per_team": k,
    }
    text = json.dumps(canonical, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    digest = hashlib.sha256(text.encode("utf-8")).digest()
    s = seed.encode("utf-8")
    key = hashlib.sha256(
        b"nmgpolicy-draw/2" + b"\x00" + len(s).to_bytes(8, "big") + s + digest
    ).digest()

    def words() -> Iterator[int]:
        i = 0
        while True:
            block = hashlib.sha256(key + i.to_bytes(8, "big")).digest()
            for o in range(0, 32, 8):
                yield int.from_bytes(block[o : o + 8], "big")
            i += 1

    stream = words()

    def uniform(m: int) -> int:
        limit = 2**64 - (2**64 % m)
        while True:
            w = next(stream)
            if w < limit:
                return int(w % m)

    def choose(items: list[str], count: int) -> list[str]:
        a = list(items)
        for i in range(count):
            j = i + uniform(len(a) - i)
            a[i], a[j] = a[j], a[i]
        return a[:count]

    chosen = choose(canonical["entities"], n)
    ordered = [i["id"] for i in canonical["inspectors"]]
    conflicts = {i["id"]: set(i["conflicts"]) for i in canonical["inspectors"]}
    return [
        (
            given[e],
            tuple(given[i] for i in choose([i for i in ordered if e not in conflicts[i]], k)),
        )
        for e in chosen
    ]


def _as_dicts(inspectors: list[Any]) -> list[dict[str, Any]]:
    return [
        {"id": i, "conflicts": []} if isinstance(i, str) else {"conflicts": [], **i}
        for i in inspectors
    ]


def test_the_documented_algorithm_gives_the_same_result() -> None:
    expected = _reference_draw(ENTITIES, _as_dicts(INSPECTORS), 4, 2, SEED)
    assert [(a.entity, a.inspectors) for a in golden().assignments] == expected


def test_same_inputs_same_result_whatever_the_order() -> None:
    a = golden()
    b = inspection.draw(list(reversed(ENTITIES)), list(reversed(INSPECTORS)), n=4, seed=SEED)
    assert a == b
    assert a.to_dict() == b.to_dict()


def test_integer_seed_is_its_decimal_text() -> None:
    assert inspection.draw(ENTITIES, INSPECTORS, n=3, seed=20260305) == inspection.draw(
        ENTITIES, INSPECTORS, n=3, seed="20260305"
    )


def test_seed_and_inputs_both_change_the_draw() -> None:
    base = golden()
    assert (
        inspection.draw(ENTITIES, INSPECTORS, n=4, seed=SEED + "!").assignments != base.assignments
    )
    more = inspection.draw([*ENTITIES, "E09"], INSPECTORS, n=4, seed=SEED)
    assert more.inputs_digest != base.inputs_digest


def test_record_can_be_published_and_verified() -> None:
    published = json.loads(json.dumps(golden().to_dict(), ensure_ascii=False))
    assert published["seed"] == SEED
    assert published["algorithm"] == {"name": "nmgpolicy-draw", "version": 2}
    assert inspection.verify(published)
    assert inspection.verify(golden())
    assert inspection.discrepancies(published) == ()
    tampered = json.loads(json.dumps(published))
    tampered["assignments"][0]["inspectors"] = ["张三", "李四"]
    assert not inspection.verify(tampered)
    assert [p.path for p in inspection.discrepancies(tampered)] == [
        "$.assignments[0].inspectors[0]"
    ]
    # Malformed records are not verified either, and verify never raises: discrepancies says why.
    for record, path in [
        ({**published, "algorithm": {"name": "nmgpolicy-draw", "version": 3}}, "$.algorithm"),
        ({**published, "algorithm": {"name": "nmgpolicy-draw", "version": True}}, "$.algorithm"),
        ({**published, "algorithm": "nmgpolicy-draw/2"}, "$.algorithm"),
        ({**published, "inputs": None}, "$.inputs"),
        ("not a record", "$"),
        ({**published, "inputs": {**published["inputs"], "n": 99}}, "$.inputs.n"),
        ({**published, "seed": None}, "$.seed"),
    ]:
        assert not inspection.verify(record)  # type: ignore[arg-type]
        assert [p.path for p in inspection.discrepancies(record)] == [path]  # type: ignore[arg-type]


# --------------------------------------------------------------------------------------------
# Distribution: chi-square over many seeds
# --------------------------------------------------------------------------------------------


def chi2_survival_even(x: float, df: int) -> float:
    """P(X > x) for a chi-square variable with an even number of degrees of freedom, exactly
    by the closed form e^{-x/2} Σ_{i<df/2} (x/2)^i / i!."""
    assert df % 2 == 0
    half = x / 2
    return math.exp(-half) * sum(half**i / math.factorial(i) for i in range(df // 2))


def chi2_critical_even(alpha: float, df: int) -> float:
    """The critical value c with P(X > c) = alpha, by bisection on the closed form."""
    low, high = 0.0, 1000.0
    for _ in range(200):
        mid = (low + high) / 2
        if chi2_survival_even(mid, df) > alpha:
            low = mid
        else:
            high = mid
    return (low + high) / 2


# Critical values at alpha = 0.001, as in standard tables, checked against the closed form.
CRITICAL = {10: 29.588, 14: 36.123}


@pytest.mark.parametrize("df", sorted(CRITICAL))
def test_stated_critical_values_match_the_closed_form(df: int) -> None:
    assert chi2_critical_even(0.001, df) == pytest.approx(CRITICAL[df], abs=0.001)


def chi2(counts: Counter[Any], categories: list[Any], total: int) -> float:
    expected = total / len(categories)
    return sum((counts[c] - expected) ** 2 / expected for c in categories)


def test_entities_are_drawn_uniformly_over_seeds() -> None:
    entities = [f"E{i:02d}" for i in range(11)]  # 11 categories: df = 10
    draws = 2200
    counts: Counter[str] = Counter()
    for s in range(draws):
        counts[inspection.draw(entities, ["A", "B"], n=1, seed=f"chi-{s}").selected[0]] += 1
    statistic = chi2(counts, entities, draws)
    assert statistic < CRITICAL[10], (statistic, counts)
    assert chi2_survival_even(statistic, 10) > 0.001


def test_teams_are_drawn_uniformly_over_seeds() -> None:
    inspectors = ["A", "B", "C", "D", "E", "F"]  # 15 unordered pairs: df = 14
    pairs = [frozenset(p) for p in combinations(inspectors, 2)]
    draws = 1500
    counts: Counter[frozenset[str]] = Counter()
    for s in range(draws):
        d = inspection.draw(["X"], inspectors, n=1, per_team=2, seed=s)
        counts[frozenset(d.assignments[0].inspectors)] += 1
    statistic = chi2(counts, pairs, draws)
    assert statistic < CRITICAL[14], (statistic, counts)


def test_rejection_sampling_is_exact() -> None:
    stream = inspection.Stream(b"x", bytes(32))
    assert stream.below(1) == 0
    assert 0 <= stream.below(2**64) < 2**64
    assert stream.below(3) in (0, 1, 2)
    # m = 2**63 + 1 rejects almost half the words: the loop must draw again, and still be uniform
    # over [0, m) (every value below the limit maps to one residue).
    big = 2**63 + 1
    results = [stream.below(big) for _ in range(50)]
    assert all(0 <= r < big for r in results)
    assert stream.used > 53  # 3 calls above plus 50 here, and some rejections
    for bad in (0, 2**64 + 1):
        with pytest.raises(InputError):
            stream.below(bad)


# --------------------------------------------------------------------------------------------
# Conflicts of interest, shortfall
# --------------------------------------------------------------------------------------------


def test_a_conflicted_inspector_is_never_drawn_for_that_entity() -> None:
    inspectors: list[Any] = [
        "A",
        "B",
        {"id": "C", "conflicts": ["E1"]},
        {"id": "D", "conflicts": ["E1", "E2"]},
    ]
    for s in range(300):
        d = inspection.draw(["E1", "E2", "E3"], inspectors, n=3, seed=s)
        assert set(d.team("E1")) == {"A", "B"}
        assert "D" not in d.team("E2")
        assert d.assignments[[a.entity for a in d.assignments].index("E1")].excluded == ("C", "D")


def test_shortfall_is_refused_for_every_entity_of_the_pool() -> None:
    inspectors: list[Any] = [
        "A",
        {"id": "B", "conflicts": ["E3", "E1"]},
        {"id": "C", "conflicts": ["E3"]},
    ]
    with pytest.raises(InputError) as info:
        inspection.draw(["E1", "E2", "E3"], inspectors, n=1, seed=1)
    # E1 has A and C, E2 all three, E3 only A: refused whatever the seed would draw.
    assert info.value.paths == ("$.entities[2]",)
    assert "only 1" in info.value.problems[0].message
    with pytest.raises(InputError) as info:
        inspection.draw(["E1", "E2", "E3"], inspectors, n=1, per_team=3, seed=1)
    assert info.value.paths == ("$.entities[0]", "$.entities[2]")
    # A team of one only where a law provides otherwise (min_team_size=1, the old reading).
    one = inspection.draw(["E1", "E2", "E3"], inspectors, n=1, per_team=1, seed=1, min_team_size=1)
    assert one.per_team == 1


# --------------------------------------------------------------------------------------------
# Junk
# --------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("kwargs", "paths"),
    [
        ({"entities": "E1"}, ["$.entities"]),
        ({"entities": {"E1": 1}}, ["$.entities"]),
        ({"entities": []}, ["$.entities"]),
        ({"entities": ["E1", "E1"]}, ["$.entities[1]"]),
        ({"entities": ["E1", 2]}, ["$.entities[1]"]),
        ({"entities": ["E1", " E2"]}, ["$.entities[1]"]),
        ({"entities": ["E1", ""]}, ["$.entities[1]"]),
        ({"entities": ["E1", "x" * 201]}, ["$.entities[1]"]),
        ({"inspectors": 5}, ["$.inspectors"]),
        ({"inspectors": ["A", 5, "B"]}, ["$.inspectors[1]"]),
        ({"inspectors": ["A", "A", "B"]}, ["$.inspectors[1]"]),
        ({"inspectors": ["A", {"name": "B"}, "C"]}, ["$.inspectors[1].name", "$.inspectors[1].id"]),
        ({"inspectors": ["A", {"id": "B", "conflicts": "E1"}, "C"]}, ["$.inspectors[1].conflicts"]),
        (
            {"inspectors": ["A", {"id": "B", "conflicts": ["E9"]}, "C"]},
            ["$.inspectors[1].conflicts[0]"],
        ),
        (
            {"inspectors": ["A", {"id": "B", "conflicts": ["E1", "E1"]}, "C"]},
            ["$.inspectors[1].conflicts[1]"],
        ),
        (
            {"inspectors": ["A", {"id": "B", "conflicts": [3]}, "C"]},
            ["$.inspectors[1].conflicts[0]"],
        ),
        ({"inspectors": ["A", {"id": "B", "conflicts": ["E1"]}, {"id": "B"}]}, ["$.inspectors[2]"]),
        ({"n": 0}, ["$.n"]),
        ({"n": 4}, ["$.n"]),
        ({"n": True}, ["$.n"]),
        ({"n": 1.0}, ["$.n"]),
        ({"per_team": 0}, ["$.per_team"]),
        ({"per_team": 1}, ["$.per_team"]),
        ({"per_team": 4}, ["$.per_team"]),
        ({"per_team": "2"}, ["$.per_team"]),
        ({"per_team": 1, "min_team_size": 0}, ["$.min_team_size"]),
        ({"min_team_size": "2"}, ["$.min_team_size"]),
        ({"min_team_size": 4}, ["$.per_team"]),
        ({"min_team_size": 4, "per_team": 4}, ["$.per_team"]),
        ({"commitment": "abc"}, ["$.commitment"]),
        ({"commitment": 7}, ["$.commitment"]),
        ({"commitment": "0" * 64}, ["$.seed"]),
        ({"entities": ["E1", "E１"]}, ["$.entities[1]"]),
        ({"entities": ["E1", "E 1"]}, ["$.entities[1]"]),
        ({"entities": ["E1", "E\u0378"]}, ["$.entities[1]"]),
        ({"inspectors": ["A", "Ａ", "B"]}, ["$.inspectors[1]"]),
        (
            {"inspectors": ["A", {"id": "B", "conflicts": ["E1", "E １"]}, "C"]},
            ["$.inspectors[1].conflicts[1]"],
        ),
        ({"seed": None}, ["$.seed"]),
        ({"seed": ""}, ["$.seed"]),
        ({"seed": "   "}, ["$.seed"]),
        ({"seed": "x" * 201}, ["$.seed"]),
        ({"seed": 1.5}, ["$.seed"]),
        ({"seed": True}, ["$.seed"]),
        ({"seed": -1}, ["$.seed"]),
        ({"seed": 10**64}, ["$.seed"]),
        ({"seed": "\ud800"}, ["$.seed"]),
        ({"seed": b"bytes"}, ["$.seed"]),
    ],
)
def test_junk_is_refused_with_its_path(kwargs: dict[str, Any], paths: list[str]) -> None:
    args: dict[str, Any] = {
        "entities": ["E1", "E2", "E3"],
        "inspectors": ["A", "B", "C"],
        "n": 2,
        "seed": 7,
        **kwargs,
    }
    with pytest.raises(InputError) as info:
        inspection.draw(args.pop("entities"), args.pop("inspectors"), **args)
    assert list(info.value.paths) == paths, info.value.problems
    for problem in info.value.problems:
        assert problem.message


def test_every_problem_at_once() -> None:
    with pytest.raises(InputError) as info:
        inspection.draw(
            "E1",  # type: ignore[arg-type]
            [5],  # type: ignore[list-item]
            n=0,
            per_team=0,
            seed=None,  # type: ignore[arg-type]
            commitment="x",
            min_team_size=None,  # type: ignore[arg-type]
        )
    assert set(info.value.paths) == {
        "$.seed",
        "$.commitment",
        "$.min_team_size",
        "$.entities",
        "$.inspectors[0]",
        "$.n",
        "$.per_team",
    }


def test_inspector_record_form() -> None:
    inspector = inspection.Inspector("王五", frozenset({"E05", "E03"}))
    assert inspector.to_dict() == {"conflicts": ["E03", "E05"], "id": "王五"}


def test_unknown_team() -> None:
    with pytest.raises(InputError):
        golden().team("E01")
    with pytest.raises(InputError):
        golden().team(3)  # type: ignore[arg-type]


# --------------------------------------------------------------------------------------------
# The catalog record
# --------------------------------------------------------------------------------------------


def test_record_fits_the_catalog_item() -> None:
    record = golden().record
    item = disclosure.item(record.item)
    assert record.title == item.title == "民爆行业安全生产检查"
    assert [c.article for c in record.basis] == ["第六十五条", "二、大力推广随机抽查监管。"]
    for citation in record.basis:
        assert citation.text in item.basis_text
    assert "明确抽查依据、抽查主体、抽查内容、抽查方式" in record.basis[1].text
    assert item.publisher in record.subject.zh
    assert item.office in record.subject.zh
    assert "随机" in record.method.zh
    assert item.time_limit_text in record.publication.zh
    out = golden().to_dict()["record"]
    assert set(out) == {"item", "title", "basis", "subject", "content", "method", "publication"}


# --------------------------------------------------------------------------------------------
# Properties
# --------------------------------------------------------------------------------------------

# Names with full-width letters and inner spaces: the draw compares them by their keys.
ids = st.text(alphabet="ABCDEFGHＡＢ甲乙丙", min_size=1, max_size=3)


def _variant(name: str, spaced: bool) -> str:
    """Another spelling of the same name: full-width ASCII, a space inside."""
    wide = "".join(chr(ord(c) + 0xFEE0) if "A" <= c <= "Z" else c for c in name)
    return wide[:1] + " " + wide[1:] if spaced and len(wide) > 1 else wide


@st.composite
def pools(draw: st.DrawFn) -> tuple[list[str], list[Any], int, int]:
    entities = draw(st.lists(ids, min_size=1, max_size=6, unique_by=_key))
    names = draw(st.lists(ids.map(lambda s: "P" + s), min_size=2, max_size=6, unique_by=_key))
    inspectors: list[Any] = []
    for name in names:
        conflicts = draw(st.lists(st.sampled_from(entities), unique=True, max_size=2))
        # A conflict may be declared in another spelling of the entity's name.
        conflicts = [_variant(c, draw(st.booleans())) for c in conflicts]
        inspectors.append({"id": name, "conflicts": conflicts} if conflicts else name)
    n = draw(st.integers(1, len(entities)))
    per_team = draw(st.integers(1, 2))
    return entities, inspectors, n, per_team


@given(pool=pools(), seed=st.integers(0, 10**9))
def test_draw_invariants(pool: tuple[list[str], list[Any], int, int], seed: int) -> None:
    entities, inspectors, n, per_team = pool
    conflicts = {i["id"]: {_key(c) for c in i["conflicts"]} for i in _as_dicts(inspectors)}
    try:
        d = inspection.draw(
            entities, inspectors, n=n, per_team=per_team, seed=seed, min_team_size=1
        )
    except InputError as error:
        # Only a shortfall can refuse these well-formed pools.
        assert all(
            p.path.startswith("$.entities[") and "needed" in p.message for p in error.problems
        )
        return
    assert len(d.selected) == n == len(set(d.selected))
    assert set(d.selected) <= set(entities)
    for a in d.assignments:
        assert len(a.inspectors) == per_team == len(set(a.inspectors))
        assert all(_key(a.entity) not in conflicts[i] for i in a.inspectors)
        assert set(a.excluded) == {i for i, c in conflicts.items() if _key(a.entity) in c}
    again = inspection.draw(
        list(reversed(entities)), inspectors, n=n, per_team=per_team, seed=seed, min_team_size=1
    )
    assert again == d
    assert inspection.verify(json.loads(json.dumps(d.to_dict(), ensure_ascii=False)))
    expected = _reference_draw(
        entities, _as_dicts(inspectors), n, per_team, str(seed), min_team_size=1
    )
    assert [(a.entity, a.inspectors) for a in d.assignments] == expected


def test_invalid_unicode_ids_and_an_empty_inspector_list_are_input_errors() -> None:
    with pytest.raises(InputError) as info:
        inspection.draw(["\ud800"], ["A", "B"], n=1, seed=1)
    assert info.value.paths == ("$.entities[0]",)
    with pytest.raises(InputError) as info:
        inspection.draw(["E1"], ["A", "\udfff"], n=1, seed=1)
    assert "$.inspectors[1]" in info.value.paths[0]
    with pytest.raises(InputError) as info:
        inspection.draw(["E1"], [], n=1, seed=1)
    assert info.value.paths == ("$.inspectors",)
