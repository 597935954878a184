"""Tests of :mod:`nmgpolicy.catalog`: the bundled Baotou catalog as read, and the export format.

The expected values below were written by hand from the bundled export
(``src/nmgpolicy/data/baotou_miit_catalog.tsv``, a byte-exact copy of the seed), not produced by
the loader.
"""

from __future__ import annotations

import hashlib
import io
import os
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from nmgpolicy.catalog import (
    COLUMNS,
    DEFAULT_INHERITED,
    Anomaly,
    CatalogItem,
    LoadedCatalog,
    _ids_from_toml,
    bundled_catalog,
    bundled_ids,
    load_catalog,
    normalise_title,
    parse_catalog,
)
from nmgpolicy.errors import InputError
from tests._builders import CATALOG_IDS

SEED_SHA256 = "4d003ba97b5b35be0f4141a562ea1ed519443b936b00aaf65a39597b1c12efae"
DATA = Path(__file__).resolve().parents[1] / "src" / "nmgpolicy" / "data"

EXPECTED_IDS = tuple(CATALOG_IDS)

# id -> (source line, office, channel), by hand from the export.
EXPECTED_ROWS = {
    "agency-functions": (7, "人事科", "政府网站"),
    "leadership-duties": (8, "办公室", "政府网站"),
    "normative-documents": (9, "政策法规科及相关业务科室", "政府网站"),
    "other-documents": (10, "政策法规科及相关业务科室", "政府网站"),
    "power-lists": (11, "政策法规科及相关业务科室", "政府网站"),
    "foi-basics": (12, "办公室", "政府网站"),
    "annual-budget": (13, "办公室", "政府网站"),
    "annual-final-accounts": (14, "办公室", "政府网站"),
    "proposals": (15, "办公室", "政府网站"),
    "first-set-results": (19, "装备工业科", "政府网站"),
    "ferroalloy-replacement": (23, "冶金建材科", "政府网站"),
    "explosives-safety-inspection": (24, "民爆和煤炭管理科", "部门网站"),
    "sme-recognition": (25, "中小企业服务科", "政府网站"),
    "cluster-recognition": (29, "中小企业服务科", "政府网站"),
}

TOP = "公开事项\t\t\t公开内容（要素）\t公开依据\t条款内容\t依据效力位阶\t公开时限\t公开主体\t事项类别（法定公开、其他）\t公开渠道和载体\t公开对象\t\t责任处室\t对应职责"  # noqa: E501
TOP_HALF = TOP.replace("（", "(").replace("）", ")")
SUB = "一级事项\t二级事项\t三级事项\t\t\t\t\t\t\t\t\t全社会\t特定群体\t\t"


def row(**cells: str) -> str:
    """A 15-cell data row; cells not given are blank."""
    unknown = set(cells) - set(COLUMNS)
    assert not unknown, unknown
    return "\t".join(cells.get(name, "") for name in COLUMNS)


FULL = {
    "content": "内容",
    "basis": "《依据》",
    "basis_text": "第一条 条文",
    "effect_level": "法律",
    "time_limit": "信息形成之日起20个工作日内",
    "publisher": "包头市工业和信息化局",
    "category": "法定公开",
    "channel": "政府网站",
    "audience_public": "√",
    "office": "办公室",
    "duty": "职责",
}


def export(*rows: str, header: tuple[str, ...] = (TOP, SUB), title: str = "目录") -> str:
    return "\n".join([title, "", *header, *rows]) + "\n"


def kinds(loaded: LoadedCatalog, kind: str) -> list[Anomaly]:
    return [a for a in loaded.anomalies if a.kind == kind]


# --------------------------------------------------------------------------------------------
# The bundled catalog
# --------------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def seed() -> LoadedCatalog:
    return bundled_catalog()


def test_bundled_file_is_the_seed_byte_for_byte() -> None:
    data = (DATA / "baotou_miit_catalog.tsv").read_bytes()
    assert hashlib.sha256(data).hexdigest() == SEED_SHA256


def test_bundled_catalog_is_cached(seed: LoadedCatalog) -> None:
    assert bundled_catalog() is seed


def test_fourteen_items_with_stable_ids_in_file_order(seed: LoadedCatalog) -> None:
    assert seed.ids == EXPECTED_IDS
    assert [item.id for item in seed.items] == list(EXPECTED_IDS)
    assert seed.title == "包头市工业和信息化局主动公开事项目录"


@pytest.mark.parametrize("item_id", EXPECTED_IDS)
def test_every_item_line_office_and_channel(seed: LoadedCatalog, item_id: str) -> None:
    line, office, channel = EXPECTED_ROWS[item_id]
    item = seed.item(item_id)
    assert (item.source_line, item.office, item.channel) == (line, office, channel)
    assert item.publisher == "包头市工业和信息化局"
    assert item.category == "法定公开"
    assert item.audience_public is True
    assert item.audience_specific is False
    assert "<p>" not in item.basis_text
    assert item.title in (item.level1, item.level2, item.level3)


def test_titles_and_levels(seed: LoadedCatalog) -> None:
    assert seed.item("agency-functions").level1 == "机关简介"
    assert seed.item("leadership-duties").level1 == "机关简介"  # merged 一级事项
    assert seed.item("other-documents").level1 == "政策文件"
    assert seed.item("annual-final-accounts").level1 == "财政预算决算信息"
    foi = seed.item("foi-basics")
    assert (foi.level1, foi.level2, foi.title) == ("政府信息公开", "基本信息", "基本信息")
    ferro = seed.item("ferroalloy-replacement")
    assert ferro.level3 == ferro.title == "铁合金产能置换方案公示公告"
    assert seed.item("power-lists").title == "行政执法事项清单、行政检查事项清单"
    assert seed.item("first-set-results").title == (
        "“技术装备首台（套）关键零部件首批（次）产品”认定结果"
    )
    assert seed.item("first-set-results").level3 == ""


def test_leadership_duties_inherits_basis(seed: LoadedCatalog) -> None:
    item = seed.item("leadership-duties")
    assert item.basis == "《中华人民共和国政府信息公开条例》"
    assert item.basis_text.startswith("第二十条 ")
    assert item.effect_level == "行政法规"  # its own cell, not inherited
    assert item.duty == "负责党组会"
    assert item.content == "局领导分管工作情况介绍"


def test_other_documents_inherits_the_row_above(seed: LoadedCatalog) -> None:
    item = seed.item("other-documents")
    assert item.time_limit_text == "据实动态公开"
    assert item.office == "政策法规科及相关业务科室"
    assert item.basis == "《内蒙古自治区行政规范性文件管理办法》"
    assert item.effect_level == "政府规章"
    assert item.duty == "负责有关规范性文件合法性审查工作"
    assert item.content == "本部门制发的应主动公开的各类文件，包括标题、发布日期和正文"
    assert item.level3 == ""


def test_annual_final_accounts_inherits_budget_law(seed: LoadedCatalog) -> None:
    item = seed.item("annual-final-accounts")
    assert item.basis == "《中华人民共和国预算法》"
    assert item.time_limit_text == "政府信息形成或者变更之日起20个工作日内"
    assert item.effect_level == "法律"
    assert item.duty == "承担财务相关工作"
    assert item.content == "单位基本情况、决算报表及情况说明等"


def test_time_limits_as_written(seed: LoadedCatalog) -> None:
    assert seed.item("foi-basics").time_limit_text == "适时公开"
    assert seed.item("proposals").time_limit_text == "在答复建议和提案提出人的1个月内"
    assert seed.item("ferroalloy-replacement").time_limit_text == "信息形成之日起一年内"
    assert seed.item("first-set-results").time_limit_text == "信息形成之日起20个工作日内"


def test_cluster_recognition_level2_not_inherited_across_blocks(seed: LoadedCatalog) -> None:
    item = seed.item("cluster-recognition")
    assert item.level1 == item.title == "内蒙古自治区中小企业特色产业集群培育认定"
    assert item.level2 == ""
    assert item.level3 == ""
    assert item.office == "中小企业服务科"
    assert item.duty == "负责中小企业、民营企业的服务工作"
    assert item.audience_specific is False


def test_explosives_row_is_shifted_back(seed: LoadedCatalog) -> None:
    item = seed.item("explosives-safety-inspection")
    assert item.office == "民爆和煤炭管理科"
    assert item.channel == "部门网站"
    assert item.audience_specific is False
    assert item.duty == "负责包头市民用爆炸物品生产和销售安全监督行政执法工作"
    assert item.effect_level == "1.法律 2.规范性文件"


def test_first_set_basis_text_is_plain_lines(seed: LoadedCatalog) -> None:
    text = seed.item("first-set-results").basis_text
    lines = text.split("\n")
    assert "<p>" not in text
    assert "</p>" not in text
    assert lines[0] == "第一章 总 则"
    assert any(line.startswith("第五条") for line in lines)
    assert (
        "（五）首台（套）成套设备价值在80万元/套以上，单台设备价值在10万元/台以上；首批（次）零部件价值在2万元/吨以上，首批（次）新材料价值在1万元/吨以上。"
        in lines
    )
    assert len(lines) == 38
    assert all(line == line.strip() and line for line in lines)


def test_cluster_basis_text_is_plain_lines(seed: LoadedCatalog) -> None:
    lines = seed.item("cluster-recognition").basis_text.split("\n")
    assert lines[0].startswith("第一条为提升中小企业产业集群")
    assert "第二章培育认定条件" in lines
    assert len(lines) == 32


def test_seed_anomalies(seed: LoadedCatalog) -> None:
    assert {(a.line, a.column) for a in kinds(seed, "shifted")} == {(24, "office"), (29, "office")}
    assert {(a.line, a.column) for a in kinds(seed, "html")} == {
        (19, "basis_text"),
        (29, "basis_text"),
    }
    inherited = {(a.line, a.column) for a in kinds(seed, "inherited")}
    assert inherited == {
        (8, "level1"),
        (8, "basis"),
        (8, "basis_text"),
        *((10, c) for c in ["level1", *sorted(DEFAULT_INHERITED)]),
        *((14, c) for c in ["level1", *sorted(DEFAULT_INHERITED)]),
    }
    repeated = {a.line for a in kinds(seed, "header")}
    assert repeated == {17, 21, 27}  # the header block repeated before each later block
    assert {a.kind for a in seed.anomalies} == {"header", "inherited", "html", "shifted"}
    assert all(a.message for a in seed.anomalies)


def test_item_lookup_error_names_known_ids(seed: LoadedCatalog) -> None:
    with pytest.raises(InputError) as info:
        seed.item("first-set")
    assert info.value.paths == ("$.item",)
    assert "first-set-results" in info.value.problems[0].message


def test_items_are_frozen(seed: LoadedCatalog) -> None:
    item = seed.item("proposals")
    assert isinstance(item, CatalogItem)
    with pytest.raises(AttributeError):
        item.office = "x"  # type: ignore[misc]


def test_bundled_id_table() -> None:
    table = bundled_ids()
    assert sorted(table.values()) == sorted(EXPECTED_IDS)
    assert all(normalise_title(part) == part for key in table for part in key.split("/"))
    assert table["政府信息公开/基本信息"] == "foi-basics"
    text = (DATA / "catalog_ids.toml").read_text(encoding="utf-8")
    entries = [line for line in text.splitlines() if line.startswith('"')]
    assert len(entries) == 14
    for entry in entries:  # a comment right above every entry
        above = text.splitlines()[text.splitlines().index(entry) - 1]
        assert above.startswith("#")


def test_normalise_title() -> None:
    assert normalise_title("“专精特新”中小企业 认定（2022）") == "专精特新中小企业认定(2022)"
    assert normalise_title(' "a" ') == "a"


# --------------------------------------------------------------------------------------------
# Synthetic exports: the format and its defects
# --------------------------------------------------------------------------------------------


def test_fourteen_cells_with_dropped_audience_cell_is_padded_and_shifted() -> None:
    cells = row(level1="机构职能", **FULL).split("\t")
    del cells[12]  # the empty 特定群体 cell: office, duty slide left; 14 cells remain
    loaded = parse_catalog(export("\t".join(cells)))
    item = loaded.item("agency-functions")
    assert (item.office, item.duty, item.audience_specific) == ("办公室", "职责", False)
    assert [a.kind for a in loaded.anomalies] == ["padded", "shifted"]
    assert "14 cells" in loaded.anomalies[0].message


def test_fourteen_cells_missing_duty_is_padded() -> None:
    cells = row(level1="机构职能", **FULL).split("\t")[:14]
    loaded = parse_catalog(export("\t".join(cells)))
    item = loaded.items[0]
    assert (item.office, item.duty) == ("办公室", "")
    assert [a.kind for a in loaded.anomalies] == ["padded"]


def test_sixteen_cells_are_truncated_and_reported() -> None:
    loaded = parse_catalog(
        export(row(level1="机构职能", **FULL) + "\t多余", row(level1="领导分工", **FULL) + "\t")
    )
    assert [item.duty for item in loaded.items] == ["职责", "职责"]
    truncated = kinds(loaded, "truncated")
    assert [a.line for a in truncated] == [5, 6]
    assert "多余" in truncated[0].message
    assert "all blank" in truncated[1].message


def test_crlf_bom_and_stray_spaces() -> None:
    text = "\ufeff" + export(
        row(level1=" 机构职能 ", **{**FULL, "office": "  人事科\u3000"}),
        header=(TOP + " ", " " + SUB),
    ).replace("\n", "\r\n")
    loaded = parse_catalog(text)
    item = loaded.item("agency-functions")
    assert item.level1 == "机构职能"
    assert item.office == "人事科"
    assert item.duty == "职责"
    assert item.source_line == 5
    assert loaded.title == "目录"
    assert loaded.anomalies == ()


def test_lone_cr_line_ends() -> None:
    loaded = parse_catalog(export(row(level1="机构职能", **FULL)).replace("\n", "\r"))
    assert loaded.ids == ("agency-functions",)


def test_half_width_header_is_accepted() -> None:
    loaded = parse_catalog(export(row(level1="其他文件", **FULL), header=(TOP_HALF, SUB)))
    assert loaded.ids == ("other-documents",)
    assert loaded.anomalies == ()


def test_inherit_nothing() -> None:
    text = export(
        row(level1="政策文件", level2="行政规范性文件", **FULL),
        row(level2="其他文件", content="文件"),
    )
    default = parse_catalog(text).item("other-documents")
    assert (default.office, default.time_limit_text, default.audience_public) == (
        "办公室",
        "信息形成之日起20个工作日内",
        True,
    )
    loaded = parse_catalog(text, inherit=frozenset())
    item = loaded.item("other-documents")
    assert item.level1 == "政策文件"  # levels always follow the merged-cell rule
    assert (item.basis, item.time_limit_text, item.office, item.duty) == ("", "", "", "")
    assert item.audience_public is False
    assert [(a.kind, a.column) for a in loaded.anomalies] == [("inherited", "level1")]


def test_inherit_a_chosen_column_only() -> None:
    text = export(row(level1="政策文件", level2="行政规范性文件", **FULL), row(level2="其他文件"))
    loaded = parse_catalog(text, inherit=frozenset({"office", "content"}))
    item = loaded.item("other-documents")
    assert (item.office, item.content, item.duty) == ("办公室", "内容", "")


def test_unknown_title_gets_a_line_id() -> None:
    loaded = parse_catalog(export(row(level1="某局", level2="某事项", **FULL)))
    assert loaded.ids == ("item-5",)
    assert loaded.items[0].title == "某事项"
    [anomaly] = loaded.anomalies
    assert (anomaly.line, anomaly.kind) == (5, "unknown_title")
    assert "某事项" in anomaly.message


def test_duplicate_ids_are_suffixed() -> None:
    text = export(*[row(level1="X", level2="其他文件", **FULL)] * 3)
    loaded = parse_catalog(text)
    assert loaded.ids == ("other-documents", "other-documents-2", "other-documents-3")
    assert [a.line for a in kinds(loaded, "duplicate_id")] == [6, 7]


def test_path_key_wins_over_title() -> None:
    ids = {"基本信息": "generic", "政府信息公开 / 基本信息": "foi"}
    loaded = parse_catalog(
        export(
            row(level1="政府信息公开", level2="基本信息"), row(level1="机关简介", level2="基本信息")
        ),
        ids=ids,
    )
    assert loaded.ids == ("foi", "generic")


def test_level_merges_stop_at_a_new_group_and_a_new_block() -> None:
    text = export(
        row(level1="A", level2="B", level3="C1"),
        row(level3="C2"),  # inherits A and B
        row(level2="D"),  # inherits A only
        row(level1="E", level3="F"),  # a new group: B/D not repeated
        "",
        TOP,
        SUB,
        row(level3="G"),  # first row of a block: nothing above
        row(content="x"),  # no levels, and none above to repeat
    )
    loaded = parse_catalog(text, ids={})
    got = [(i.level1, i.level2, i.level3) for i in loaded.items]
    assert got == [
        ("A", "B", "C1"),
        ("A", "B", "C2"),
        ("A", "D", ""),
        ("E", "", "F"),
        ("", "", "G"),
        ("", "", ""),
    ]
    blank = [(a.line, a.column) for a in kinds(loaded, "blank_level")]
    assert blank == [(8, "level2"), (12, "level1"), (12, "level2"), (13, None)]


def test_row_without_any_level_has_no_title() -> None:
    loaded = parse_catalog(export(row(content="只有内容")), ids={})
    [item] = loaded.items
    assert item.title == ""
    assert item.id == "item-5"
    assert [(a.kind, a.column) for a in loaded.anomalies] == [
        ("blank_level", None),
        ("unknown_title", None),
    ]


def test_html_cell_with_entities_and_breaks() -> None:
    cell = "<p class='x'>第一条&nbsp;&nbsp;总   则</p><p> </p><br/>第二条 A&amp;B <b>粗</b>"
    loaded = parse_catalog(export(row(level1="机构职能", basis_text=cell, content="a&lt;b")))
    item = loaded.items[0]
    assert item.basis_text == "第一条 总 则\n第二条 A&B 粗"
    assert item.content == "a<b"
    assert [(a.kind, a.column) for a in loaded.anomalies] == [
        ("html", "content"),
        ("html", "basis_text"),
    ]


def test_plain_angle_brackets_are_not_html() -> None:
    loaded = parse_catalog(export(row(level1="机构职能", content="价值<10万元, R&D")))
    assert loaded.items[0].content == "价值<10万元, R&D"
    assert loaded.anomalies == ()


@pytest.mark.parametrize(
    ("public", "specific", "expected", "marks"),
    [
        ("√", "", (True, False), []),
        ("✓", "✔", (True, True), []),
        ("×", "否", (False, False), []),
        ("y", "无", (True, False), []),
        ("可能", "√", (True, True), ["audience_public"]),
    ],
)
def test_audience_marks(
    public: str, specific: str, expected: tuple[bool, bool], marks: list[str]
) -> None:
    cells = {**FULL, "audience_public": public, "audience_specific": specific}
    loaded = parse_catalog(export(row(level1="机构职能", **cells)))
    item = loaded.items[0]
    assert (item.audience_public, item.audience_specific) == expected
    assert [a.column for a in kinds(loaded, "mark")] == marks
    assert item.office == "办公室"


def test_text_in_specific_with_duty_present_is_a_mark_not_a_shift() -> None:
    cells = {**FULL, "audience_specific": "企业"}
    loaded = parse_catalog(export(row(level1="机构职能", **cells)))
    item = loaded.items[0]
    assert (item.audience_specific, item.office, item.duty) == (True, "办公室", "职责")
    assert [(a.kind, a.column) for a in loaded.anomalies] == [("mark", "audience_specific")]


def test_header_variants() -> None:
    text = "\n".join(
        [
            "标题",
            "说明文字",  # a second line before the header: skipped
            "x\ty",  # a row before the header: skipped
            SUB,  # second header line without the first
            row(level1="机构职能"),
            TOP,  # first header line without the second (next is a row)
            row(level1="领导分工"),
            "注：本目录动态调整",  # no tabs: not a row
            TOP.replace("公开依据", "依据") + "\t额外",  # unexpected labels
            TOP,  # top after top: the previous one had no second line
            SUB,
            row(level1="其他文件"),
            TOP,  # at the end, with no second line
        ]
    )
    loaded = parse_catalog(text)
    assert loaded.title == "标题"
    assert loaded.ids == ("agency-functions", "leadership-duties", "other-documents")
    got = [(a.line, a.kind) for a in loaded.anomalies if a.kind in {"header", "skipped"}]
    assert got == [(2, "skipped"), (3, "skipped"), (4, "header"), (6, "header"), (6, "header"),
                   (8, "skipped"), (9, "header"), (9, "header"), (9, "header"), (10, "header"),
                   (13, "header"), (13, "header")]  # fmt: skip
    labels = [a.message for a in loaded.anomalies if a.line == 9 and "unexpected" in a.message]
    assert "'依据'" in labels[0]
    assert "额外" in labels[0]


def test_header_only_gives_an_empty_catalog() -> None:
    loaded = parse_catalog(export())
    assert loaded.items == ()
    with pytest.raises(InputError, match=r"known: \(none\)"):
        loaded.item("x")


@pytest.mark.parametrize(
    "text",
    ["", "\n\n", "包头市工业和信息化局主动公开事项目录\n", "a\tb\tc\n1\t2\t3", "\ufeff"],
)
def test_no_header_block_is_an_input_error(text: str) -> None:
    with pytest.raises(InputError) as info:
        parse_catalog(text)
    assert info.value.paths == ("$",)
    assert "公开事项" in str(info.value)


# --------------------------------------------------------------------------------------------
# Arguments
# --------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("inherit", "fragment"),
    [
        ("basis", "expected a set"),
        (5, "expected a set"),
        (frozenset({"level1"}), "level1 cannot be listed"),
        (frozenset({"level2", "office"}), "level2 cannot be listed"),
        (frozenset({"offices"}), "unknown column 'offices'"),
        ([3], "unknown column 3"),
        ([["x"]], "unknown column"),
    ],
)
def test_bad_inherit(inherit: object, fragment: str) -> None:
    with pytest.raises(InputError, match=fragment) as info:
        parse_catalog(export(), inherit=inherit)  # type: ignore[arg-type]
    assert set(info.value.paths) == {"$.inherit"}


def test_inherit_accepts_any_set_of_names() -> None:
    loaded = parse_catalog(export(row(level1="机构职能"), row(level1="领导分工")), inherit={"duty"})  # type: ignore[arg-type]
    assert len(loaded.items) == 2


@pytest.mark.parametrize(
    ("ids", "path", "fragment"),
    [
        (["a"], "$.ids", "expected a mapping"),
        ({"机构职能": ""}, '$.ids["机构职能"]', "non-empty id"),
        ({"机构职能": 3}, '$.ids["机构职能"]', "non-empty id"),
        ({5: "x"}, "$.ids[5]", "non-empty id"),
        ({"“ ”": "x"}, '$.ids["“ ”"]', "empty once normalised"),
        ({"(套)": "a", "（套）": "b"}, '$.ids["（套）"]', "already mapped to 'a'"),
    ],
)
def test_bad_ids(ids: object, path: str, fragment: str) -> None:
    with pytest.raises(InputError, match=fragment) as info:
        parse_catalog(export(), ids=ids)  # type: ignore[arg-type]
    assert info.value.paths == (path,)


def test_all_argument_problems_reported_together() -> None:
    with pytest.raises(InputError) as info:
        parse_catalog(export(), inherit=frozenset({"x"}), ids={"a": ""})
    assert info.value.paths == ("$.inherit", '$.ids["a"]')


def test_same_id_under_two_spellings_is_fine() -> None:
    loaded = parse_catalog(export(row(level1="（套）")), ids={"(套)": "a", "（套）": "a"})
    assert loaded.ids == ("a",)


@pytest.mark.parametrize(
    ("text", "fragment"),
    [
        ("ids = [", "not valid TOML"),
        ("x = 1", r"no \[ids\] table"),
        ("ids = 1", r"no \[ids\] table"),
        ("[ids]\n'a' = 1", "non-empty id"),
    ],
)
def test_id_table_file_format(text: str, fragment: str) -> None:
    with pytest.raises(InputError, match=fragment):
        _ids_from_toml(text)


def test_id_table_file_ok() -> None:
    assert dict(_ids_from_toml("[ids]\n'“甲”' = 'a'")) == {"甲": "a"}


# --------------------------------------------------------------------------------------------
# Sources: paths, streams, encodings
# --------------------------------------------------------------------------------------------


def test_load_from_path_str_pathlike_and_stream() -> None:
    path = DATA / "baotou_miit_catalog.tsv"
    expected = bundled_catalog()
    assert load_catalog(path) == expected
    assert load_catalog(str(path)) == expected
    with path.open(encoding="utf-8") as stream:
        assert load_catalog(stream) == expected
    with path.open("rb") as binary:
        assert load_catalog(binary) == expected  # type: ignore[arg-type]


def test_load_with_options(tmp_path: Path) -> None:
    target = tmp_path / "x.tsv"
    target.write_text(export(row(level1="机构职能"), row(level1="领导分工")), encoding="utf-8")
    loaded = load_catalog(target, inherit=frozenset(), ids={"领导分工": "lead"})
    assert loaded.ids == ("item-5", "lead")


def test_missing_path(tmp_path: Path) -> None:
    with pytest.raises(InputError) as info:
        load_catalog(tmp_path / "nope.tsv")
    assert info.value.paths == ("$.path",)
    assert "nope.tsv" in str(info.value)
    assert isinstance(info.value.__cause__, OSError)


@pytest.mark.parametrize("bad", ["", ".", "a\0b"])
def test_unreadable_paths(bad: str, tmp_path: Path) -> None:
    with pytest.raises(InputError) as info:
        load_catalog(os.path.join(tmp_path, bad) if bad else bad)
    assert info.value.paths == ("$.path",)


def test_undecodable_file(tmp_path: Path) -> None:
    target = tmp_path / "gbk.tsv"
    target.write_bytes(export(row(level1="机构职能")).encode("gbk"))
    with pytest.raises(InputError, match="not valid utf-8") as info:
        load_catalog(target)
    assert info.value.paths == ("$.path",)
    assert "gb18030" in str(info.value)
    assert load_catalog(target, encoding="gb18030").ids == ("agency-functions",)


def test_utf16_file_with_bom(tmp_path: Path) -> None:
    target = tmp_path / "u16.tsv"
    target.write_bytes(export(row(level1="机构职能")).replace("\n", "\r\n").encode("utf-16"))
    assert load_catalog(target).ids == ("agency-functions",)


def test_unknown_encoding(tmp_path: Path) -> None:
    target = tmp_path / "x.tsv"
    target.write_text(export(), encoding="utf-8")
    for encoding in ("no-such-codec", "rot13"):
        with pytest.raises(InputError) as info:
            load_catalog(target, encoding=encoding)
        assert info.value.paths == ("$.encoding",)


def test_streams() -> None:
    assert load_catalog(io.StringIO(export(row(level1="机构职能")))).ids == ("agency-functions",)
    with pytest.raises(InputError) as info:
        load_catalog(io.BytesIO(b"\xff\xfe\xfd" + b"\xd8\x00"))  # type: ignore[arg-type]
    assert info.value.paths == ("$.source",)
    with pytest.raises(InputError) as info:
        load_catalog(io.BytesIO(b"\x80abc"))  # type: ignore[arg-type]
    assert info.value.paths == ("$.source",)
    closed = io.StringIO("x")
    closed.close()
    with pytest.raises(InputError, match="cannot read the stream"):
        load_catalog(closed)
    broken = io.TextIOWrapper(io.BytesIO(b"\x80"), encoding="utf-8")
    with pytest.raises(InputError, match="cannot read the stream") as info:
        load_catalog(broken)
    assert info.value.paths == ("$.source",)


def test_not_a_source() -> None:
    with pytest.raises(InputError, match="expected a path or an open text stream"):
        load_catalog(42)  # type: ignore[arg-type]

    class Odd:
        def read(self) -> int:
            return 1

    with pytest.raises(InputError, match="returned int"):
        load_catalog(Odd())  # type: ignore[arg-type]


# --------------------------------------------------------------------------------------------
# Robustness: any text gives a catalog or an InputError
# --------------------------------------------------------------------------------------------

FRAGMENTS = st.sampled_from(
    [TOP, TOP_HALF, SUB, "\t", "\n", "\r\n", "\r", " ", "\ufeff", "√", "<p>", "</p>", "&amp;",
     "&#x110000;", "&", "<", "机构职能", "其他文件", "人事科", "公开事项", "一级事项", "“", "/",
     row(level1="机构职能", **FULL), row(level2="其他文件"), "\t" * 13, "\t" * 20]
)  # fmt: skip


def _parse_or_input_error(text: str) -> None:
    outcome: LoadedCatalog | InputError
    try:
        outcome = parse_catalog(text)
    except InputError as error:
        outcome = error
    if isinstance(outcome, InputError):
        assert outcome.problems
        return
    assert len(set(outcome.ids)) == len(outcome.items)
    lines = len(text.replace("\r\n", "\n").replace("\r", "\n").split("\n"))
    for item in outcome.items:
        assert "\t" not in item.content
        assert 1 <= item.source_line <= lines


@settings(max_examples=300, suppress_health_check=[HealthCheck.too_slow])
@given(st.text())
def test_arbitrary_text_never_raises_anything_but_input_error(text: str) -> None:
    _parse_or_input_error(text)


@settings(max_examples=300, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.one_of(FRAGMENTS, st.text(max_size=5)), max_size=40).map("".join))
def test_catalog_like_text_never_raises_anything_but_input_error(text: str) -> None:
    _parse_or_input_error(text)


def test_parsed_time_limit_audience_and_unpacking(seed: LoadedCatalog) -> None:
    from nmgpolicy.periods import Period, PeriodUnit

    items, anomalies = seed
    assert items == seed.items
    assert anomalies == seed.anomalies
    assert seed.item("first-set-results").time_limit == Period(20, PeriodUnit.WORKING_DAY)
    assert seed.item("proposals").time_limit == Period(1, PeriodUnit.MONTH)
    assert seed.item("ferroalloy-replacement").time_limit == Period(1, PeriodUnit.YEAR)
    assert seed.item("foi-basics").time_limit is None  # 适时公开
    assert seed.item("power-lists").time_limit is None  # 据实动态公开
    assert seed.item("agency-functions").audience == ("全社会",)


def test_parse_catalog_refuses_non_text() -> None:
    for junk in (None, b"bytes", 3):
        with pytest.raises(InputError) as info:
            parse_catalog(junk)  # type: ignore[arg-type]
        assert info.value.paths == ("$.text",)


@pytest.mark.parametrize("encoding", [{"a": 1}, "utf\ud800", "nope", "x" * 100, 8])
def test_a_bad_encoding_argument_is_an_input_error(encoding: object) -> None:
    with pytest.raises(InputError) as info:
        load_catalog(DATA / "baotou_miit_catalog.tsv", encoding=encoding)  # type: ignore[arg-type]
    assert info.value.paths == ("$.encoding",)


def test_reading_is_bounded() -> None:
    with pytest.raises(InputError) as info:
        load_catalog("/dev/zero")
    assert info.value.paths == ("$.path",)
    assert "1,000,000 bytes" in str(info.value)
    with pytest.raises(InputError) as info:
        load_catalog(io.StringIO("x" * 1_000_001))
    assert info.value.paths == ("$.source",)
