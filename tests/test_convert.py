"""Strict structuring of facts with every problem reported by path."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import attrs
import pytest

from nmgpolicy.convert import (
    AreaKm2,
    Count,
    Kva,
    Measure,
    Money,
    Share,
    Tonnes,
    TonnesPerYuan,
    structure,
)
from nmgpolicy.errors import InputError


@attrs.frozen
class Row:
    year: int
    output: Money | None = None


@attrs.frozen
class Facts:
    name: str
    flag: bool | None = None
    day: dt.date | None = None
    ratio: Decimal | None = None
    share: Share | None = None
    count: Count | None = None
    mass: Tonnes | None = None
    power: Kva | None = None
    area: AreaKm2 | None = None
    intensity: TonnesPerYuan | None = None
    rows: list[Row] = attrs.field(factory=list)


def test_valid_facts() -> None:
    facts = structure(
        {
            "name": "甲",
            "flag": False,
            "day": "2026-01-05",
            "ratio": "1.25",
            "share": "60%",
            "count": "1200人",
            "mass": "30万吨",
            "power": "25.5MVA",
            "area": "85平方公里",
            "intensity": "0.9吨/万元",
            "rows": [{"year": 2024, "output": "15亿元"}],
        },
        Facts,
    )
    assert facts.flag is False
    assert facts.ratio == Decimal("1.25")
    assert facts.share == Decimal("0.6")
    assert facts.count == 1200
    assert facts.mass == Decimal("300000")
    assert facts.power == Decimal("25500")
    assert facts.area == Decimal("85")
    assert facts.intensity == Decimal("0.00009")
    assert facts.rows == [Row(2024, Money(Decimal("1500000000")))]


def test_every_problem_has_its_path() -> None:
    with pytest.raises(InputError) as info:
        structure(
            {
                "flag": "false",
                "day": "2026/01/05",
                "ratio": True,
                "share": 60,
                "count": -1,
                "mass": "30",
                "power": "3000kW",
                "area": None,
                "rows": [{"year": 2024}, {"year": "2025", "output": "15亿吨", "typo": 1}],
                "typo": 1,
            },
            Facts,
        )
    paths = set(info.value.paths)
    assert paths >= {
        "$.name",
        "$.flag",
        "$.day",
        "$.ratio",
        "$.share",
        "$.count",
        "$.mass",
        "$.power",
        "$.rows[1].year",
        "$.rows[1].output",
        "$.rows[1].typo",
        "$.typo",
    }
    assert "$.area" not in paths  # None is an absent fact
    messages = dict(info.value.problems)
    assert "true or false" in messages["$.flag"]
    assert "e.g." in messages["$.share"]


@pytest.mark.parametrize(
    "data",
    [None, [], "text", 3, {1: "x"}, {"name": "a", "rows": "abc"}, {"name": "a", "rows": [3]}],
)
def test_junk(data: object) -> None:
    with pytest.raises(InputError) as info:
        structure(data, Facts)
    assert info.value.problems


def test_nesting_the_model_does_not_have_is_refused_where_it_starts() -> None:
    # The walk follows the model: a text given as nested objects is one problem at the text,
    # and nothing below it is visited (no separate depth walk over the whole input).
    deep: object = "x"
    for _ in range(100):
        deep = {"a": deep}
    with pytest.raises(InputError) as info:
        structure({"name": deep}, Facts)
    assert info.value.paths == ("$.name",)
    listy: object = "x"
    for _ in range(100):
        listy = [listy]
    with pytest.raises(InputError) as info:
        structure({"name": "a", "rows": listy}, Facts)
    assert info.value.paths == ("$.rows[0]",)


def test_keys_of_nested_objects_must_be_texts() -> None:
    # Mixed-type keys used to escape as a TypeError (sorting the unknown keys).
    with pytest.raises(InputError) as info:
        structure({"name": "a", "rows": [{1: "x", "year": 2}]}, Facts)
    assert info.value.problems == (("$.rows[0]", "keys must be texts, got 1"),)
    with pytest.raises(InputError) as info:
        structure({1: "x", "name": "a"}, Facts)
    assert info.value.problems == (("$", "keys must be texts, got 1"),)


def test_unknown_keys_come_after_the_fields_sorted() -> None:
    with pytest.raises(InputError) as info:
        structure({"zz": 1, "name": 3, "aa": 2}, Facts)
    assert info.value.paths == ("$.name", "$.aa", "$.zz")
    assert info.value.problems[1].message.startswith("unknown key; allowed keys: area, count")


@pytest.mark.parametrize("bad", [float("nan"), float("inf"), "nan", "1e99", [], "x"])
def test_decimal_junk(bad: object) -> None:
    with pytest.raises(InputError) as info:
        structure({"name": "a", "ratio": bad}, Facts)
    assert info.value.paths == ("$.ratio",)


def test_int_range() -> None:
    with pytest.raises(InputError):
        structure({"name": "a", "rows": [{"year": 10**13}]}, Facts)


@attrs.frozen
class Valued:
    unit_value: Measure


def test_measure_decides_the_kind_by_unit() -> None:
    from nmgpolicy.units import Kind

    v = structure({"unit_value": "85万元/套"}, Valued).unit_value
    assert v.kind is Kind.MONEY_PER_SET
    assert v.value == Decimal("850000")
    assert str(v.amount("万元/套")) == "85万元/套"
    assert structure({"unit_value": "2.5万元/吨"}, Valued).unit_value.kind is Kind.MONEY_PER_MASS
    with pytest.raises(InputError) as info:
        structure({"unit_value": "85"}, Valued)
    assert info.value.paths == ("$.unit_value",)
    assert "e.g." in info.value.problems[0].message


def _even(_: object, __: object, value: int) -> None:
    if value % 2:
        raise ValueError("must be even")


@attrs.frozen
class Validated:
    x: int = attrs.field(validator=_even)


@attrs.frozen
class Holder:
    inner: Validated
    table: dict[str, int] = attrs.field(factory=dict)


def _loud(_: object, __: object, value: int) -> None:
    if value < 0:
        raise ValueError("negative: " + "x" * 5000)


@attrs.frozen
class Loud:
    x: int = attrs.field(validator=_loud)


def test_a_validators_long_message_is_cut() -> None:
    with pytest.raises(InputError) as info:
        structure({"x": -1}, Loud)
    assert info.value.paths == ("$",)
    assert info.value.problems[0].message.startswith("negative: xxx")
    assert len(info.value.problems[0].message) == 300


def test_the_converter_is_private() -> None:
    import nmgpolicy.convert as convert

    assert not hasattr(convert, "converter")
    assert "converter" not in convert.__all__
    assert [name for name in convert.__all__ if "onvert" in name] == []


@attrs.frozen
class Odd:
    pair: tuple[int, str]


def test_a_model_with_a_type_the_structurer_does_not_know_is_a_bug() -> None:
    with pytest.raises(TypeError, match="cannot structure"):
        structure({"pair": [1, "a"]}, Odd)


def test_a_models_own_validation_error_is_reported_at_its_place() -> None:
    with pytest.raises(InputError) as info:
        structure({"inner": {"x": 3}}, Holder)
    assert info.value.problems[0].path.startswith("$.inner")
    assert "must be even" in info.value.problems[0].message
    with pytest.raises(InputError) as info:
        structure({"inner": {"x": 2}, "table": {"a": 1, "b": "x"}}, Holder)
    assert info.value.paths == ("$.table.b",)
    with pytest.raises(InputError) as info:
        structure({"inner": {"x": 2}, "table": [1]}, Holder)
    assert info.value.paths == ("$.table",)
