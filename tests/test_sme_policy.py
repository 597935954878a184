"""nmgpolicy.sme: 实施细则 第二十一条–第三十二条 — the 第三十条 lists and priority_chain, the
第二十一条 targets and targets_progress, 第二十二条's fields, the quoted articles."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from nmgpolicy import disclosure, sme
from nmgpolicy.errors import InputError
from tests._builders import PRIORITY_BASES, PRIORITY_CHAINS, PRIORITY_CLUSTERS

CHAINS = PRIORITY_CHAINS
CLUSTERS = PRIORITY_CLUSTERS
BASES = PRIORITY_BASES


def kinds(name: str) -> list[tuple[str, str, str | None]]:
    return [(e.kind, e.name, e.part) for e in sme.priority_chain(name).entries]


def test_lists_are_those_of_article_30() -> None:
    lists = sme.priority_lists()
    assert lists == {"chain": tuple(CHAINS), "cluster": tuple(CLUSTERS), "base": tuple(BASES)}
    text = sme.articles()["第三十条"]
    for names in lists.values():
        for name in names:
            assert name in text


@pytest.mark.parametrize("name", CHAINS)
def test_every_chain_by_its_name_and_with_suffix(name: str) -> None:
    assert ("chain", name, None) in kinds(name)
    assert ("chain", name, None) in kinds(name + "产业链")
    match = sme.priority_chain(name)
    assert match.matched
    assert match.entries[0].citation.article == "第三十条"
    assert match.entries[0].list_title.zh == "优势特色产业链"


@pytest.mark.parametrize("name", CLUSTERS)
def test_every_cluster_full_and_short(name: str) -> None:
    assert ("cluster", name, None) in kinds(name)
    assert ("cluster", name, None) in kinds(name.removesuffix("产业集群"))
    assert ("cluster", name, None) in kinds(name.removesuffix("集群"))


@pytest.mark.parametrize("name", BASES)
def test_every_base(name: str) -> None:
    assert kinds(name) == [("base", name, None)]
    assert kinds(name.removesuffix("基地")) == [("base", name, None)]


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("铝后加工", [("chain", "有色金属加工", "铝后加工")]),
        ("铜后加工产业链", [("chain", "有色金属加工", "铜后加工")]),
        ("石墨", [("chain", "石墨(烯)", None)]),
        ("石墨烯", [("chain", "石墨(烯)", None)]),
        ("石墨（烯）", [("chain", "石墨(烯)", None)]),  # full-width parentheses
        ("“稀土”", [("chain", "稀土", None)]),
        (" 稀 土\u3000", [("chain", "稀土", None)]),
        ("《现代煤化工》", [("chain", "现代煤化工", None)]),
        ("ＡＢＣ", []),
        ("钢铁", []),
        ("新能源", []),  # a 第二十二条 field, not a 第三十条 chain
        ("新能源汽车", []),  # nothing fuzzier than the listed forms
    ],
)
def test_normalisation_parts_and_aliases(query: str, expected: list[Any]) -> None:
    assert kinds(query) == expected
    assert sme.priority_chain(query).matched == bool(expected)


def test_a_name_on_two_lists() -> None:
    match = sme.priority_chain("有色金属加工")
    assert match.kinds == ("chain", "cluster")
    assert [e.name for e in match.entries] == ["有色金属加工", "有色金属加工产业集群"]
    out = match.to_dict()
    assert out["matched"] is True
    assert out["entries"][1]["list"]["zh"] == "五个先进制造业集群"
    assert out["normalised"] == "有色金属加工"


@pytest.mark.parametrize("junk", [None, 3, b"x", ["稀土"], "", "   ", "“”", "x" * 201])
def test_priority_chain_junk(junk: object) -> None:
    with pytest.raises(InputError) as info:
        sme.priority_chain(junk)
    assert info.value.paths == ("$.name",)


def test_priority_fields_of_article_22() -> None:
    fields = sme.priority_fields()
    assert fields == ("新一代信息技术", "新能源", "新材料", "高端装备")
    for field in fields:
        assert field in sme.articles()["第二十二条"]


def test_articles_are_quoted_from_the_catalog() -> None:
    articles = sme.articles()
    assert list(articles) == [
        f"第{n}条"
        for n in (
            "二十一",
            "二十二",
            "二十三",
            "二十四",
            "二十五",
            "二十六",
            "二十七",
            "二十八",
            "二十九",
            "三十",
            "三十一",
            "三十二",
        )
    ]
    basis = disclosure.item("sme-recognition").basis_text
    for number, text in articles.items():
        assert f"{number} {text}" in basis, number
    assert articles["第三十二条"] == "本实施细则自发布之日起实施。"
    assert "第五章" not in articles["第二十九条"]


# --------------------------------------------------------------------------------------------
# 第二十一条: the 2025 targets
# --------------------------------------------------------------------------------------------


def test_targets_progress() -> None:
    report = sme.targets_progress({"innovative": 320, "specialized": "300家", "little_giant": 41})
    assert report.year == 2025
    innovative = report.category("innovative")
    assert (innovative.target, innovative.count, innovative.remaining, innovative.reached) == (
        500,
        320,
        180,
        False,
    )
    assert innovative.share == Decimal("0.64")
    specialized = report.category("specialized")
    assert (specialized.target, specialized.remaining, specialized.reached, specialized.share) == (
        300,
        0,
        True,
        Decimal(1),
    )
    giant = report.category("little_giant")
    assert (giant.target, giant.remaining, giant.reached) == (40, 0, True)
    assert giant.share == Decimal("1.025")
    assert giant.wording.zh == "争取"
    assert innovative.wording.zh == "培育认定"
    assert report.citation.article == "第二十一条"
    assert "500家" in report.citation.text
    out = report.to_dict()
    assert out["categories"][0] == {
        "category": "innovative",
        "title": {"zh": "自治区创新型中小企业", "en": "Regional innovative SMEs"},
        "wording": {"zh": "培育认定", "en": "cultivate and recognise"},
        "target": 500,
        "count": 320,
        "share": "0.64",
        "remaining": 180,
        "reached": False,
    }
    assert out["overrides"] == {}


def test_share_rounds_down_so_one_means_reached() -> None:
    report = sme.targets_progress({"specialized": 299, "little_giant": 1})
    assert report.category("specialized").share == Decimal("0.9966")
    assert report.category("specialized").reached is False
    assert report.category("little_giant").share == Decimal("0.025")


def test_a_category_left_out_is_unknown() -> None:
    report = sme.targets_progress({})
    for entry in report.categories:
        assert (entry.count, entry.share, entry.remaining, entry.reached) == (
            None,
            None,
            None,
            None,
        )
    with pytest.raises(InputError):
        report.category("giants")


def test_target_overrides_what_if() -> None:
    report = sme.targets_progress({"innovative": 320}, parameters={"target_innovative": 400})
    assert report.category("innovative").remaining == 80
    assert report.overrides == {"target_innovative": 400}


@pytest.mark.parametrize(
    ("counts", "parameters", "paths"),
    [
        ({"innovative": -1}, None, ["$.innovative"]),
        ({"innovative": 1.5}, None, ["$.innovative"]),
        ({"innovative": True}, None, ["$.innovative"]),
        ({"innovative": "很多"}, None, ["$.innovative"]),
        ({"giants": 3}, None, ["$.giants"]),
        ({"giants": 3}, {"target_innovative": "x"}, ["$.giants", "$.parameters.target_innovative"]),
        ({}, {"target_specialized": 0}, ["$.parameters.target_specialized"]),
        ({}, {"nope": 1}, ["$.parameters.nope"]),
    ],
)
def test_targets_junk(
    counts: dict[str, Any], parameters: dict[str, Any] | None, paths: list[str]
) -> None:
    with pytest.raises(InputError) as info:
        sme.targets_progress(counts, parameters=parameters)
    assert list(info.value.paths) == paths


def test_targets_counts_must_be_an_object() -> None:
    with pytest.raises(InputError) as info:
        sme.targets_progress([320])  # type: ignore[arg-type, unused-ignore]
    assert info.value.paths == ("$",)


@given(count=st.integers(0, 10**6), target=st.integers(1, 10**4))
def test_progress_properties(count: int, target: int) -> None:
    entry = sme.targets_progress(
        {"innovative": count}, parameters={"target_innovative": target}
    ).category("innovative")
    assert entry.remaining == max(target - count, 0)
    assert entry.reached is (count >= target)
    assert entry.share is not None
    assert (entry.share >= 1) is entry.reached
    assert entry.share <= Decimal(count) / Decimal(target) < entry.share + Decimal("0.0001")


@given(name=st.text(max_size=30))
def test_priority_chain_never_raises_anything_but_input_error(name: str) -> None:
    try:
        match = sme.priority_chain(name)
    except InputError as error:
        assert error.paths == ("$.name",)
    else:
        assert match.query == name
        assert all(e.kind in ("chain", "cluster", "base") for e in match.entries)
