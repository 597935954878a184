"""Tests of nmgpolicy.units: parsing quantities at the boundary into exact canonical Decimals."""

from __future__ import annotations

import functools
import pickle
import sys
from decimal import Decimal, Inexact, Rounded, localcontext
from fractions import Fraction
from typing import Any

import pint
import pytest
from hypothesis import given
from hypothesis import strategies as st

from nmgpolicy import units
from nmgpolicy.errors import InputError, shown
from nmgpolicy.units import (
    MAX_AMOUNT,
    Kind,
    convert,
    format_amount,
    format_decimal,
    parse_amount,
    parse_count,
    parse_share,
    quantity,
    ureg,
)
from tests.clock import Stopwatch
from tests.opaque import Opaque

D = Decimal
PATH = "$.facts.value"
SECOND = 1.0 if sys.gettrace() is None else 10.0


def refusal(call: Any) -> str:
    """Run ``call``, which must raise InputError at PATH with an example; return the message."""
    with pytest.raises(InputError) as info:
        call()
    assert len(info.value.problems) == 1
    problem = info.value.problems[0]
    assert problem.path == PATH
    assert "e.g." in problem.message
    return problem.message


def raised(call: Any) -> InputError | None:
    """The InputError that ``call`` raises, or None if it returns; anything else propagates."""
    try:
        call()
    except InputError as error:
        return error
    return None


# ------------------------------------------------------------------------------------------
# Every unit and alias
# ------------------------------------------------------------------------------------------

ALIASES = [
    # money
    ("15亿元", Kind.MONEY, "1500000000"),
    ("1元", Kind.MONEY, "1"),
    ("1 CNY", Kind.MONEY, "1"),
    ("1 RMB", Kind.MONEY, "1"),
    ("1rmb", Kind.MONEY, "1"),
    ("2 yuan", Kind.MONEY, "2"),
    ("3千元", Kind.MONEY, "3000"),
    ("3 qian_yuan", Kind.MONEY, "3000"),
    ("80万元", Kind.MONEY, "800000"),
    ("80 wan_yuan", Kind.MONEY, "800000"),
    ("1.5百万元", Kind.MONEY, "1500000"),
    ("2千万元", Kind.MONEY, "20000000"),
    ("0.5 yi_yuan", Kind.MONEY, "50000000"),
    ("1万亿元", Kind.MONEY, "1000000000000"),
    ("3万", Kind.MONEY, None),  # 万 alone is a plain number: refused as money
    # mass
    ("30万吨", Kind.MASS, "300000"),
    ("0.5万吨", Kind.MASS, "5000"),
    ("5 wan_tonne", Kind.MASS, "50000"),
    ("120吨", Kind.MASS, "120"),
    ("120t", Kind.MASS, "120"),
    ("120 tonne", Kind.MASS, "120"),
    ("120 metric_ton", Kind.MASS, "120"),
    ("1500kg", Kind.MASS, "1.5"),
    ("1500千克", Kind.MASS, "1.5"),
    ("1500公斤", Kind.MASS, "1.5"),
    ("2500克", Kind.MASS, "0.0025"),
    ("2500 g", Kind.MASS, "0.0025"),
    ("1亿吨", Kind.MASS, "100000000"),
    # apparent power
    ("3000kVA", Kind.APPARENT_POWER, "3000"),
    ("3000 kva", Kind.APPARENT_POWER, "3000"),
    ("3000KVA", Kind.APPARENT_POWER, "3000"),
    ("1000千伏安", Kind.APPARENT_POWER, "1000"),
    ("25.5MVA", Kind.APPARENT_POWER, "25500"),
    ("25.5 mva", Kind.APPARENT_POWER, "25500"),
    ("2兆伏安", Kind.APPARENT_POWER, "2000"),
    ("500VA", Kind.APPARENT_POWER, "0.5"),
    ("500伏安", Kind.APPARENT_POWER, "0.5"),
    ("500 va", Kind.APPARENT_POWER, "0.5"),
    ("1.25万千伏安", Kind.APPARENT_POWER, "12500"),
    ("3万kVA", Kind.APPARENT_POWER, "30000"),
    # area
    ("100平方公里", Kind.AREA, "100"),
    ("100平方千米", Kind.AREA, "100"),
    ("100km2", Kind.AREA, "100"),
    ("100km²", Kind.AREA, "100"),
    ("100 km^2", Kind.AREA, "100"),
    ("100 km**2", Kind.AREA, "100"),
    ("100㎢", Kind.AREA, "100"),
    ("100 square_kilometer", Kind.AREA, "100"),
    ("2000000平方米", Kind.AREA, "2"),
    ("2000000m2", Kind.AREA, "2"),
    ("2000000㎡", Kind.AREA, "2"),
    ("300公顷", Kind.AREA, "3"),
    ("300ha", Kind.AREA, "3"),
    ("1500亩", Kind.AREA, "1"),
    ("1 公里*公里", Kind.AREA, "1"),
    # prices and intensities
    ("80万元/套", Kind.MONEY_PER_SET, "800000"),
    ("85万元/套", Kind.MONEY_PER_SET, "850000"),
    ("800000元/套", Kind.MONEY_PER_SET, "800000"),
    ("80 wan_yuan/set", Kind.MONEY_PER_SET, "800000"),
    ("12万元/台", Kind.MONEY_PER_MACHINE, "120000"),
    ("12 wan_yuan / machine", Kind.MONEY_PER_MACHINE, "120000"),
    ("2.5万元/吨", Kind.MONEY_PER_MASS, "25000"),
    ("2500元/t", Kind.MONEY_PER_MASS, "2500"),
    ("2.5元/kg", Kind.MONEY_PER_MASS, "2500"),
    ("0.9吨/万元", Kind.MASS_PER_MONEY, "0.00009"),
    ("0.9 t/wan_yuan", Kind.MASS_PER_MONEY, "0.00009"),
    ("2吨/元", Kind.MASS_PER_MONEY, "2"),
]


@pytest.mark.parametrize(("text", "kind", "expected"), ALIASES)
def test_every_alias_parses_to_the_canonical_value(
    text: str, kind: Kind, expected: str | None
) -> None:
    if expected is None:
        refusal(lambda: parse_amount(text, kind, path=PATH))
    else:
        assert parse_amount(text, kind, path=PATH) == D(expected)


@pytest.mark.parametrize(("text", "kind", "expected"), [a for a in ALIASES if a[2]])
def test_results_are_decimals_and_quantity_agrees(text: str, kind: Kind, expected: str) -> None:
    result = parse_amount(text, kind, path=PATH)
    assert type(result) is Decimal
    q = quantity(text)
    assert type(q.magnitude) is Decimal
    assert q.dimensionality == kind.dimensionality
    # pint's own conversion agrees (1500亩 goes through a 28-digit rounding in pint)
    assert abs(q.to(kind.unit).magnitude - D(expected)) < D("1E-20")


@pytest.mark.parametrize(
    ("text", "kind", "expected"),
    [
        ("８０万元／套", Kind.MONEY_PER_SET, "800000"),
        ("３０万吨", Kind.MASS, "300000"),
        ("２５５００ｋＶＡ", Kind.APPARENT_POWER, "25500"),
        ("１，０００元", Kind.MONEY, "1000"),
        ("１５亿元", Kind.MONEY, "1500000000"),
        ("80　万元　/　套", Kind.MONEY_PER_SET, "800000"),  # ideographic spaces
        ("80 万元 / 套", Kind.MONEY_PER_SET, "800000"),
        ("  80万元/套\n", Kind.MONEY_PER_SET, "800000"),
        ("80万元每套", Kind.MONEY_PER_SET, "800000"),
        ("2.5万元每吨", Kind.MONEY_PER_MASS, "25000"),
        ("1,000元", Kind.MONEY, "1000"),
        ("1,234,567.5元", Kind.MONEY, "1234567.5"),
        ("+5吨", Kind.MASS, "5"),
        (".5万吨", Kind.MASS, "5000"),
        ("1.5e3吨", Kind.MASS, "1500"),
        ("2E+3吨", Kind.MASS, "2000"),
        ("1万元·套/套/套", Kind.MONEY_PER_SET, "10000"),
        ("0吨", Kind.MASS, "0"),
        ("-0吨", Kind.MASS, "0"),
        ("−0吨", Kind.MASS, "0"),  # Unicode minus sign
    ],
)
def test_odd_input_is_normalised(text: str, kind: Kind, expected: str) -> None:
    result = parse_amount(text, kind, path=PATH)
    assert result == D(expected)
    assert not result.is_signed()


def test_minus_zero_is_returned_without_sign() -> None:
    assert str(parse_amount("-0.0万吨", Kind.MASS, path=PATH)) == "0.0"


# ------------------------------------------------------------------------------------------
# Refusals
# ------------------------------------------------------------------------------------------


def test_kw_is_not_kva() -> None:
    message = refusal(lambda: parse_amount("3000kW", Kind.APPARENT_POWER, path=PATH))
    assert "kW" in message
    assert "watts" in message
    assert 'e.g. "3000kVA"' in message
    for text in ("3000千瓦", "3MW", "3兆瓦", "1万千瓦", "3000W", "3000瓦", "3000 KW"):
        refusal(lambda text=text: parse_amount(text, Kind.APPARENT_POWER, path=PATH))


def test_wrong_dimension_names_the_expected_kind_and_the_unit() -> None:
    message = refusal(lambda: parse_amount("80万元/吨", Kind.MONEY_PER_SET, path=PATH))
    assert message == ('expected money per set, got 万元/吨 (money per mass); e.g. "85万元/套"')
    message = refusal(lambda: parse_amount("12万元/台", Kind.MONEY_PER_SET, path=PATH))
    assert "万元/台 (money per machine)" in message
    message = refusal(lambda: parse_amount("85万元/套", Kind.MONEY_PER_MACHINE, path=PATH))
    assert 'e.g. "12万元/台"' in message
    message = refusal(lambda: parse_amount("100公里", Kind.AREA, path=PATH))
    assert "(a length)" in message
    message = refusal(lambda: parse_amount("3套", Kind.MONEY, path=PATH))
    assert "(a count)" in message
    message = refusal(lambda: parse_amount("60%", Kind.MONEY, path=PATH))
    assert "(a plain number)" in message
    message = refusal(lambda: parse_amount("5 kg*m", Kind.MASS, path=PATH))
    assert "[length]" in message
    assert "[mass]" in message


@pytest.mark.parametrize("kind", list(Kind))
def test_every_kind_refuses_every_other_kind(kind: Kind) -> None:
    for other in Kind:
        if other is not kind:
            message = refusal(lambda other=other: parse_amount(other.example, kind, path=PATH))
            assert f"expected {kind.description}" in message
            assert f'e.g. "{kind.example}"' in message


JUNK: list[Any] = [
    None,
    True,
    False,
    [],
    {},
    [1],
    {"value": "15亿元"},
    "",
    "   ",
    "abc",
    "元",
    "nan万元",
    "NaN万元",
    "inf吨",
    "-inf吨",
    "Infinity元",
    "-5万吨",
    "-0.01元",
    "1e30亿元",
    "1.000000000000000001e18元",
    "1e99999999999999999999吨",
    "1e50元",
    "1e-50元",
    1.5,
    0,
    80,
    D("80"),
    Fraction(1, 2),
    float("nan"),
    float("inf"),
    "60",
    "80 foo",
    "80万元/套以上",
    "80万元/",
    "80万元/(套",
    "80 km**0.5",
    "80 km**5",
    "80 2元",
    "1,00元",
    "1,0000元",
    "1.2.3元",
    "٣元",  # Arabic-Indic digit
    "1" * 250 + "元",
    Opaque(),
    b"80",
    1j,
]


@pytest.mark.parametrize("junk", JUNK, ids=repr)
def test_junk_amounts_are_refused_with_path_and_example(junk: Any) -> None:
    for kind in Kind:
        message = refusal(lambda kind=kind: parse_amount(junk, kind, path=PATH))
        assert f'e.g. "{kind.example}"' in message


@pytest.mark.parametrize(
    ("junk", "fragment"),
    [
        (None, "a value is required"),
        (True, "got bool"),
        ([], "got list"),
        ({}, "got dict"),
        (80, "a unit is required, got 80"),
        (1.5, "a unit is required, got 1.5"),
        (D("80"), "a unit is required"),
        ("80", "a unit is required, got '80'"),
        ("", "is not a number followed by a unit"),
        ("abc", "'abc' is not a number followed by a unit"),
        ("nan万元", "is not a finite number"),
        ("inf吨", "is not a finite number"),
        (float("nan"), "nan is not a finite number"),
        ("-5万元", "must not be negative"),
        ("1e30亿元", "implausibly large (above 10^18 元)"),
        ("1e99999999999999999999吨", "out of range"),
        ("1e50元", "out of range"),
        ("80 foo", "unrecognised unit 'foo'"),
        ("1" * 250 + "元", "too long"),
        ("x" * 100, "..."),
        pytest.param(10**5000, "a number of about 5,001 digits", id="huge-int"),
    ],
)
def test_refusal_messages(junk: Any, fragment: str) -> None:
    assert fragment in refusal(lambda: parse_amount(junk, Kind.MONEY, path=PATH))


def test_bound_is_inclusive_and_documented() -> None:
    assert parse_amount("1e18元", Kind.MONEY, path=PATH) == MAX_AMOUNT
    assert parse_amount("1e10亿元", Kind.MONEY, path=PATH) == MAX_AMOUNT
    refusal(lambda: parse_amount("1000000000000000000.01元", Kind.MONEY, path=PATH))


def test_errors_are_value_errors_that_pickle() -> None:
    with pytest.raises(ValueError, match=r"\$\.facts\.value") as info:
        parse_amount("80", Kind.MONEY, path=PATH)
    assert isinstance(info.value, InputError)
    again = pickle.loads(pickle.dumps(info.value))
    assert again.problems == info.value.problems


# ------------------------------------------------------------------------------------------
# Exactness
# ------------------------------------------------------------------------------------------


def test_boundary_is_decided_exactly() -> None:
    threshold = parse_amount("80万元/套", Kind.MONEY_PER_SET, path=PATH)
    assert parse_amount("79.99万元/套", Kind.MONEY_PER_SET, path=PATH) < threshold
    assert parse_amount("79.9999999999999999999999万元/套", Kind.MONEY_PER_SET, path=PATH) < (
        threshold
    )
    assert parse_amount("800000元/套", Kind.MONEY_PER_SET, path=PATH) == threshold
    assert parse_amount("80.00万元/套", Kind.MONEY_PER_SET, path=PATH) == threshold
    assert parse_amount("0.1万吨", Kind.MASS, path=PATH) + parse_amount(
        "0.2万吨", Kind.MASS, path=PATH
    ) == parse_amount("0.3万吨", Kind.MASS, path=PATH)


def test_results_do_not_depend_on_the_callers_decimal_context() -> None:
    with localcontext() as ctx:
        ctx.prec = 3
        assert parse_amount("1.23456789万元", Kind.MONEY, path=PATH) == D("12345.6789")
        assert parse_share("12.3456789%", path=PATH) == D("0.123456789")
        assert format_amount(D("12345.6789"), Kind.MONEY) == "1.23456789万元"


def test_mu_is_an_exact_fraction_of_a_square_kilometre() -> None:
    assert parse_amount("1500亩", Kind.AREA, path=PATH) == 1
    assert parse_amount("15亩", Kind.AREA, path=PATH) == D("0.01")
    one_mu = parse_amount("1亩", Kind.AREA, path=PATH)
    assert abs(one_mu * 1500 - 1) < D("1E-45")
    assert convert(D("1"), Kind.AREA, "亩") == 1500


def test_pint_conversions_stay_decimal() -> None:
    q = quantity("80万元/套")
    assert q.magnitude == 80
    assert q.to("yuan/set").magnitude == D("800000")
    assert type(q.to("yuan/set").magnitude) is Decimal
    assert quantity("25.5MVA").to("kVA").magnitude == D("25500")
    assert quantity("60%").to("dimensionless").magnitude == D("0.6")
    assert str(quantity("80万元/套")) == "80 万元 / 套"
    with pytest.raises(pint.DimensionalityError):
        quantity("3000kVA").to("kW")
    with pytest.raises(pint.DimensionalityError):
        quantity("80万元/套").to("yuan/machine")


# ------------------------------------------------------------------------------------------
# quantity()
# ------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "magnitude", "unit"),
    [
        ("80万元/套", "80", "wan_yuan / set"),
        ("３０万吨", "30", "wan_tonne"),
        ("25500kVA", "25500", "kilovolt_ampere"),
        ("100平方公里", "100", "square_kilometer"),
        ("60%", "60", "percent"),
        ("60 %", "60", "percent"),
        ("百分之60", "60", "percent"),
        ("百分之 60", "60", "percent"),
        ("5‰", "5", "permille"),
        ("1200人", "1200", "person"),
        ("3家", "3", "enterprise"),
        ("4个", "4", "item"),
        ("4件", "4", "item"),
        ("2台", "2", "machine"),
        ("2套", "2", "set"),
        ("80", "80", "dimensionless"),
        ("-5万吨", "-5", "wan_tonne"),
    ],
)
def test_quantity(text: str, magnitude: str, unit: str) -> None:
    q = quantity(text)
    assert q.magnitude == D(magnitude)
    assert type(q.magnitude) is Decimal
    assert str(q.units) == unit or f"{q.units:D}" == unit
    assert q.units == ureg.parse_units(unit)


@pytest.mark.parametrize("junk", [None, 80, ["80万元"], "abc", "80 foo", "nan元"], ids=repr)
def test_quantity_refuses_junk_with_path(junk: Any) -> None:
    message = refusal(lambda: quantity(junk, path=PATH))
    assert 'e.g. "80万元/套"' in message


def test_quantity_type_alias() -> None:
    assert isinstance(quantity("80万元/套"), units.Quantity)
    assert not isinstance(D(80), units.Quantity)


def test_quantity_default_path() -> None:
    with pytest.raises(InputError) as info:
        quantity("abc")
    assert info.value.paths == ("$",)


def test_chinese_units_are_pint_aliases_too() -> None:
    assert ureg.Quantity(D(80), "万元/套").to("yuan/set").magnitude == D("800000")
    assert ureg.parse_units("吨") == ureg.tonne
    assert ureg.parse_units("千伏安") == ureg.kVA


def test_unit_parse_is_cached() -> None:
    units._READINGS.clear()
    units._lookup_unit.cache_clear()
    quantity("80万元/套")
    quantity("81万元/套")
    info = units._lookup_unit.cache_info()
    assert (info.misses, info.hits) == (1, 1)
    quantity("80万元/套")  # the whole text is cached now: the unit is not looked up again
    assert units._lookup_unit.cache_info().hits == 1
    assert units._READINGS.get("80万元/套") is not None


def test_units_someone_adds_later_convert_through_pint(monkeypatch: pytest.MonkeyPatch) -> None:
    # A unit with no exact entry of ours falls back to pint's (Decimal) factor.
    monkeypatch.delitem(units._ROOT_FACTOR, "wan_tonne")
    units._READINGS.clear()
    units._lookup_unit.cache_clear()
    units._terms_info.cache_clear()
    try:
        assert parse_amount("3万吨", Kind.MASS, path=PATH) == D("30000")
    finally:
        units._READINGS.clear()
        units._lookup_unit.cache_clear()
        units._terms_info.cache_clear()


# ------------------------------------------------------------------------------------------
# Quantity inputs
# ------------------------------------------------------------------------------------------


def test_quantities_of_the_registry_are_accepted() -> None:
    assert parse_amount(quantity("80万元/套"), Kind.MONEY_PER_SET, path=PATH) == 800000
    assert parse_amount(ureg.Quantity(2, "wan_tonne"), Kind.MASS, path=PATH) == 20000
    assert parse_amount(ureg.Quantity(0.1, "wan_tonne"), Kind.MASS, path=PATH) == 1000
    assert parse_share(quantity("60%"), path=PATH) == D("0.6")
    assert parse_share(ureg.Quantity(D("0.25"), ""), path=PATH) == D("0.25")
    assert parse_count(quantity("3家"), path=PATH) == 3


def test_bad_quantities_are_refused() -> None:
    message = refusal(lambda: parse_amount(ureg.Quantity(3, "kW"), Kind.APPARENT_POWER, path=PATH))
    assert "got kW" in message
    other: pint.UnitRegistry[Any] = pint.UnitRegistry(None)
    other.define("yuan = [currency]")
    message = refusal(lambda: parse_amount(other.Quantity(5, "yuan"), Kind.MONEY, path=PATH))
    assert "another pint registry" in message
    message = refusal(lambda: parse_amount(ureg.Quantity(1j, "yuan"), Kind.MONEY, path=PATH))
    assert "unsupported quantity" in message
    message = refusal(lambda: parse_amount(ureg.Quantity(D(1), "meter**0.5"), Kind.AREA, path=PATH))
    assert "unsupported quantity" in message
    message = refusal(lambda: parse_amount(ureg.Quantity(D("NaN"), "yuan"), Kind.MONEY, path=PATH))
    assert "not a finite number" in message
    refusal(lambda: parse_amount(ureg.Quantity(-1, "yuan"), Kind.MONEY, path=PATH))
    refusal(lambda: parse_amount(ureg.Quantity(5, ""), Kind.MONEY, path=PATH))


# ------------------------------------------------------------------------------------------
# Shares
# ------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("60%", "0.6"),
        ("60 %", "0.6"),
        ("６０％", "0.6"),
        ("百分之60", "0.6"),
        ("60 percent", "0.6"),
        ("600‰", "0.6"),
        ("0.6", "0.6"),
        (" 0.6 ", "0.6"),
        (".6", "0.6"),
        (0.6, "0.6"),
        (0.1, "0.1"),
        (D("0.6"), "0.6"),
        (Fraction(3, 5), "0.6"),
        (1, "1"),
        (0, "0"),
        ("1", "1"),
        ("0", "0"),
        ("100%", "1"),
        ("0%", "0"),
        (1.0, "1"),
        ("12.5%", "0.125"),
        ("1e-3", "0.001"),
        (D("-0"), "0"),
    ],
)
def test_shares(value: Any, expected: str) -> None:
    result = parse_share(value, path=PATH)
    assert result == D(expected)
    assert type(result) is Decimal
    assert not result.is_signed()


def test_a_float_share_is_read_through_its_shortest_repr() -> None:
    assert parse_share(0.1, path=PATH) == D("0.1")  # not 0.1000000000000000055511151231257827
    assert parse_share(0.7, path=PATH) == D("0.7")


def test_fraction_share_that_does_not_terminate() -> None:
    third = parse_share(Fraction(1, 3), path=PATH)
    assert abs(third - D(1) / D(3)) < D("1E-27")


@pytest.mark.parametrize(
    ("value", "fragment"),
    [
        (60, 'use "60%" or 0.6'),
        ("60", 'use "60%" or 0.6'),
        (60.5, 'use "60.5%" or 0.605'),
        (D("100"), 'use "100%" or 1'),
        (1.01, 'use "1.01%" or 0.0101'),
        ("120%", "between 0 and 1"),
        ("100.01%", "between 0 and 1"),
        (150, "between 0 and 1"),
        ("150", "between 0 and 1"),
        (-0.1, "must not be negative"),
        ("-5%", "must not be negative"),
        (float("nan"), "not a finite number"),
        (float("inf"), "not a finite number"),
        (D("-Infinity"), "not a finite number"),
        ("nan", "not a finite number"),
        ("inf%", "not a finite number"),
        (True, "got bool"),
        (False, "got bool"),
        (None, "a value is required"),
        ([0.6], "got list"),
        ({}, "got dict"),
        ("", "not a number"),
        ("abc", "not a number"),
        ("60吨", "expected a share, got 吨 (a mass)"),
        ("60%%", "unrecognised unit"),
        ("60%万", "unrecognised unit"),
        ("60 percent**-1", "unrecognised unit"),
        (D("1E-50"), "out of range"),
        pytest.param(10**5000, "a number of about 5,001 digits", id="huge-int"),
        (quantity("3kVA"), "expected a share"),
    ],
)
def test_bad_shares(value: Any, fragment: str) -> None:
    message = refusal(lambda: parse_share(value, path=PATH))
    assert fragment in message
    assert 'e.g. "60%" or 0.6' in message


# ------------------------------------------------------------------------------------------
# Counts
# ------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (1200, 1200),
        (0, 0),
        ("1200", 1200),
        ("1,200", 1200),
        ("1200人", 1200),
        ("1200名", 1200),
        ("3家", 3),
        ("3 enterprise", 3),
        ("2套", 2),
        ("2台", 2),
        ("5个", 5),
        ("1.2万人", 12000),
        (3.0, 3),
        (D("3"), 3),
        (D("3.00"), 3),
        ("３家", 3),
        (10**18, 10**18),
    ],
)
def test_counts(value: Any, expected: int) -> None:
    result = parse_count(value, path=PATH)
    assert result == expected
    assert type(result) is int


@pytest.mark.parametrize(
    ("value", "fragment"),
    [
        (-1, "must not be negative"),
        ("-3人", "must not be negative"),
        (1.5, "whole number"),
        ("1.5人", "whole number"),
        (D("0.5"), "whole number"),
        ("3吨", "expected a count, got 吨 (a mass)"),
        ("50%", "expected a count"),
        ("1.2万", "expected a count"),
        ("3元/人", "expected a count"),
        (10**18 + 1, "implausibly large"),
        ("1e19人", "implausibly large"),
        (True, "got bool"),
        (None, "a value is required"),
        (float("nan"), "not a finite number"),
        ([3], "got list"),
        ("three", "not a number"),
    ],
)
def test_bad_counts(value: Any, fragment: str) -> None:
    message = refusal(lambda: parse_count(value, path=PATH))
    assert fragment in message
    assert 'e.g. "1200人"' in message


# ------------------------------------------------------------------------------------------
# Display
# ------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "kind", "text"),
    [
        ("1500000000", Kind.MONEY, "15亿元"),
        ("100000000", Kind.MONEY, "1亿元"),
        ("99999999", Kind.MONEY, "9999.9999万元"),
        ("10000", Kind.MONEY, "1万元"),
        ("9999.99", Kind.MONEY, "9999.99元"),
        ("0", Kind.MONEY, "0元"),
        ("220000", Kind.MASS, "22万吨"),
        ("300000", Kind.MASS, "30万吨"),
        ("5000", Kind.MASS, "5000吨"),
        ("-5000", Kind.MASS, "-5000吨"),
        ("-50000", Kind.MASS, "-5万吨"),
        ("3000", Kind.APPARENT_POWER, "3000kVA"),
        ("25500", Kind.APPARENT_POWER, "25500kVA"),
        ("100", Kind.AREA, "100平方公里"),
        ("0.5", Kind.AREA, "0.5平方公里"),
        ("850000", Kind.MONEY_PER_SET, "85万元/套"),
        ("800000.00", Kind.MONEY_PER_SET, "80万元/套"),
        ("5000", Kind.MONEY_PER_SET, "5000元/套"),
        ("-1000", Kind.MONEY_PER_SET, "-1000元/套"),
        ("120000", Kind.MONEY_PER_MACHINE, "12万元/台"),
        ("12500", Kind.MONEY_PER_MASS, "1.25万元/吨"),
        ("2500", Kind.MONEY_PER_MASS, "2500元/吨"),
        ("0.00009", Kind.MASS_PER_MONEY, "0.9吨/万元"),
        ("2", Kind.MASS_PER_MONEY, "20000吨/万元"),
        ("1E+9", Kind.MONEY, "10亿元"),
    ],
)
def test_format_amount(value: str, kind: Kind, text: str) -> None:
    assert format_amount(D(value), kind) == text


def test_format_amount_with_a_forced_unit() -> None:
    assert format_amount(D("800000"), Kind.MONEY_PER_SET, unit="万元/套") == "80万元/套"
    assert format_amount(D("1500000000"), Kind.MONEY, unit="万元") == "150000万元"
    assert format_amount(D("1500000000"), Kind.MONEY, unit="元") == "1500000000元"
    assert format_amount(D("25500"), Kind.APPARENT_POWER, unit="MVA") == "25.5MVA"
    assert format_amount(D("-100"), Kind.MONEY_PER_SET, unit="万元/套") == "-0.01万元/套"
    assert format_amount(D("-5000"), Kind.MASS, unit="万吨") == "-0.5万吨"


@pytest.mark.parametrize(
    ("value", "kind", "unit", "expected"),
    [
        ("800000", Kind.MONEY_PER_SET, "万元/套", "80"),
        ("1500000000", Kind.MONEY, "亿元", "15"),
        ("1500000000", Kind.MONEY, "千元", "1500000"),
        ("5000", Kind.MASS, "万吨", "0.5"),
        ("5000", Kind.MASS, "kg", "5000000"),
        ("25500", Kind.APPARENT_POWER, "MVA", "25.5"),
        ("3", Kind.AREA, "公顷", "300"),
        ("0.00009", Kind.MASS_PER_MONEY, "吨/万元", "0.9"),
        ("0.00009", Kind.MASS_PER_MONEY, "吨／万元", "0.9"),
    ],
)
def test_convert(value: str, kind: Kind, unit: str, expected: str) -> None:
    result = convert(D(value), kind, unit)
    assert result == D(expected)
    assert type(result) is Decimal


@pytest.mark.parametrize(
    ("kind", "unit"), [(Kind.MONEY, "吨"), (Kind.MASS, "foo"), (Kind.APPARENT_POWER, "kW")]
)
def test_convert_refuses_units_of_another_kind(kind: Kind, unit: str) -> None:
    with pytest.raises(InputError, match=r"e\.g\."):
        convert(D(1), kind, unit)
    with pytest.raises(InputError, match=r"e\.g\."):
        format_amount(D(1), kind, unit=unit)


@pytest.mark.parametrize(
    ("value", "text"),
    [
        ("1.1", "1.1"),
        ("0.6", "0.6"),
        ("0.60", "0.6"),
        ("1500000000", "1500000000"),
        ("1.5E+9", "1500000000"),
        ("1E-7", "0.0000001"),
        ("100", "100"),
        ("100.000", "100"),
        ("0", "0"),
        ("0.000", "0"),
        ("-0", "0"),
        ("-0.0", "0"),
        ("-1.50", "-1.5"),
        ("12345678901234567890123456789012345.5", "12345678901234567890123456789012345.5"),
    ],
)
def test_format_decimal(value: str, text: str) -> None:
    assert format_decimal(D(value)) == text


@pytest.mark.parametrize("value", ["NaN", "Infinity", "-Infinity", "1E+2000", "1E-2000"])
def test_format_decimal_refuses_what_has_no_plain_form(value: str) -> None:
    with pytest.raises(InputError, match=r"e\.g\."):
        format_decimal(D(value))


# ------------------------------------------------------------------------------------------
# Kinds
# ------------------------------------------------------------------------------------------


def test_kinds() -> None:
    assert [k.name for k in Kind] == [
        "MONEY",
        "MASS",
        "APPARENT_POWER",
        "AREA",
        "MONEY_PER_SET",
        "MONEY_PER_MACHINE",
        "MONEY_PER_MASS",
        "MASS_PER_MONEY",
    ]
    assert Kind("money_per_set") is Kind.MONEY_PER_SET
    assert Kind.MONEY.canonical_unit == "元"
    assert Kind.AREA.canonical_unit == "平方公里"
    assert Kind.MONEY.unit == ureg.yuan
    assert Kind.APPARENT_POWER.unit == ureg.kilovolt_ampere
    assert str(Kind.MONEY_PER_SET.dimensionality) == "[currency] / [set]"
    assert len({k.dimensionality for k in Kind}) == len(Kind)  # no two kinds compare


@pytest.mark.parametrize("kind", list(Kind))
def test_kind_metadata_is_consistent(kind: Kind) -> None:
    assert parse_amount(f"1{kind.canonical_unit}", kind, path=PATH) == 1
    assert parse_amount(kind.example, kind, path=PATH) > 0
    for unit in kind.display_units:
        assert convert(D(0), kind, unit) == 0
        assert format_amount(D(1), kind, unit=unit).endswith(unit)
    assert kind.description


# ------------------------------------------------------------------------------------------
# Properties
# ------------------------------------------------------------------------------------------

amounts = st.decimals(min_value=0, max_value=MAX_AMOUNT, places=4)
wan_amounts = st.decimals(min_value=0, max_value=MAX_AMOUNT / 10000, places=4)
FULL_WIDTH = str.maketrans({c: chr(ord(c) + 0xFEE0) for c in "0123456789.%/,"})


@given(value=amounts, kind=st.sampled_from(Kind))
def test_format_then_parse_round_trips(value: Decimal, kind: Kind) -> None:
    text = format_amount(value, kind)
    assert parse_amount(text, kind, path=PATH) == value
    assert parse_amount(text.translate(FULL_WIDTH), kind, path=PATH) == value


@given(value=amounts, kind=st.sampled_from(Kind), data=st.data())
def test_round_trip_through_any_display_unit(value: Decimal, kind: Kind, data: Any) -> None:
    unit = data.draw(st.sampled_from(kind.display_units))
    assert parse_amount(format_amount(value, kind, unit=unit), kind, path=PATH) == value


@given(
    value=st.decimals(min_value=-(10**30), max_value=10**30, allow_nan=False, allow_infinity=False),
    kind=st.sampled_from(Kind),
)
def test_formats_never_use_exponents(value: Decimal, kind: Kind) -> None:
    for text in (format_amount(value, kind), format_decimal(value)):
        assert "E" not in text
        assert "e" not in text
    assert D(format_decimal(value)) == value


@given(a=wan_amounts, b=wan_amounts)
def test_parsing_preserves_order(a: Decimal, b: Decimal) -> None:
    pa = parse_amount(f"{format_decimal(a)}万元/套", Kind.MONEY_PER_SET, path=PATH)
    pb = parse_amount(f"{format_decimal(b)}万元/套", Kind.MONEY_PER_SET, path=PATH)
    assert (pa < pb) == (a < b)
    assert (pa == pb) == (a == b)


@given(share=st.decimals(min_value=0, max_value=1, places=6))
def test_share_forms_agree(share: Decimal) -> None:
    percent = format_decimal(share * 100)
    assert parse_share(f"{percent}%", path=PATH) == share
    assert parse_share(f"{percent}％", path=PATH) == share
    assert parse_share(format_decimal(share), path=PATH) == share
    assert parse_share(share, path=PATH) == share


@given(share=st.floats(min_value=0, max_value=1).filter(lambda x: x == 0 or x >= 1e-40))
def test_float_shares_are_their_repr(share: float) -> None:
    assert parse_share(share, path=PATH) == D(repr(share))


@given(count=st.integers(min_value=0, max_value=10**18))
def test_count_forms_agree(count: int) -> None:
    assert parse_count(count, path=PATH) == count
    assert parse_count(str(count), path=PATH) == count
    assert parse_count(f"{count:,}人", path=PATH) == count


@given(value=st.one_of(st.text(max_size=30), st.integers(), st.floats(), st.none()))
def test_nothing_but_input_error_escapes(value: Any) -> None:
    for call in (
        lambda: parse_amount(value, Kind.MONEY, path=PATH),
        lambda: parse_share(value, path=PATH),
        lambda: parse_count(value, path=PATH),
        lambda: quantity(value, path=PATH),
    ):
        error = raised(call)
        if error is not None:
            assert error.problems[0].path == PATH
            assert "e.g." in error.problems[0].message


@pytest.mark.parametrize(
    ("value", "expected"),
    [("-5%", "-0.05"), ("120%", "1.2"), (0.3, "0.3"), ("-0%", "0"), (-1, "-1"), ("10000%", "100")],
)
def test_parse_ratio_accepts_signed_ratios_beyond_one(value: object, expected: str) -> None:
    from nmgpolicy.units import parse_ratio

    assert parse_ratio(value, path="$.r") == Decimal(expected)


@pytest.mark.parametrize(
    ("value", "signed", "hint"),
    [
        (1.2, True, '"120%"'),
        ("10001%", True, "implausibly large"),
        ("5万元", True, "expected a ratio"),
        ("-5%", False, "must not be negative"),
        (True, True, "e.g."),
    ],
)
def test_parse_ratio_refusals(value: object, signed: bool, hint: str) -> None:
    from nmgpolicy.units import parse_ratio

    with pytest.raises(InputError) as info:
        parse_ratio(value, path="$.r", signed=signed)
    assert info.value.paths == ("$.r",)
    assert hint in info.value.problems[0].message


# ------------------------------------------------------------------------------------------
# Issue #10: nothing but InputError from any public function, whatever the argument
# ------------------------------------------------------------------------------------------

WEIRD: list[Any] = [
    None,
    True,
    "",
    "x",
    [],
    {},
    Opaque(),
    b"80",
    10**5000,
    -(10**5000),
    float("nan"),
    float("inf"),
    float("-inf"),
    D("NaN"),
    D("sNaN"),
    D("-sNaN123"),
    D("Infinity"),
    D("-Infinity"),
    D("1e999999999"),
    D("1e-999999999"),
    D("0E-999999999"),
    D("9e999999999999999999"),
    D("1" * 80),
    Fraction(10**5000, 3),
    "1e999999999元",
    "0e-999999999元",
    "\ud800",
    "元" * 10**5,
    ureg.Quantity(D("NaN"), "yuan"),
    ureg.Quantity(10**5000, "yuan"),
    Kind.MONEY,
    "money",
]

CALLS: dict[str, Any] = {
    "quantity": lambda v: quantity(v, path=PATH),
    "quantity path": lambda v: quantity("80万元", path=v),
    "parse_amount": lambda v: parse_amount(v, Kind.MONEY, path=PATH),
    "parse_amount kind": lambda v: parse_amount("80万元", v, path=PATH),
    "parse_amount path": lambda v: parse_amount("80万元", Kind.MONEY, path=v),
    "parse_measure kinds": lambda v: units.parse_measure("80万元", v, path=PATH),
    "parse_share": lambda v: parse_share(v, path=PATH),
    "parse_ratio": lambda v: units.parse_ratio(v, path=PATH),
    "parse_count": lambda v: parse_count(v, path=PATH),
    "format_decimal": format_decimal,
    "convert value": lambda v: convert(v, Kind.MONEY, "万元"),
    "convert kind": lambda v: convert(D(1), v, "万元"),
    "convert unit": lambda v: convert(D(1), Kind.MONEY, v),
    "format_amount": lambda v: format_amount(v, Kind.MONEY),
    "format_amount en": lambda v: format_amount(v, Kind.MONEY, lang="en"),
    "format_amount kind": lambda v: format_amount(D(1), v),
    "format_amount unit": lambda v: format_amount(D(1), Kind.MONEY, unit=v),
    "format_amount lang": lambda v: format_amount(D(1), Kind.MONEY, lang=v),
}


@pytest.mark.parametrize("name", list(CALLS))
def test_every_public_function_raises_only_input_errors(name: str) -> None:
    call = CALLS[name]
    for value in WEIRD:
        for context in ("caller's default", "prec 2", "traps"):
            with localcontext() as ctx:
                if context == "prec 2":
                    ctx.prec = 2
                elif context == "traps":
                    ctx.traps[Inexact] = ctx.traps[Rounded] = True
                start = Stopwatch()
                try:
                    call(value)
                except InputError as error:
                    assert all(len(p.message) < 500 for p in error.problems)
                assert start.seconds < SECOND / 10, (name, shown(value))


def test_format_amount_of_nan_is_an_input_error() -> None:
    # The reproducer of issue #10 (decimal.InvalidOperation before).
    with pytest.raises(InputError) as info:
        format_amount(D("NaN"), Kind.MONEY)
    assert info.value.paths == ("$.value",)
    assert "cannot format Decimal('NaN')" in info.value.problems[0].message


def test_numbers_over_the_input_budget_are_refused_before_conversion() -> None:
    message = refusal(lambda: parse_amount(10**1_000_000, Kind.MONEY, path=PATH))
    assert "(max_digits)" in message
    assert "(max_exponent)" in refusal(lambda: parse_share("0e-999999999%", path=PATH))
    assert "(max_digits)" in refusal(lambda: parse_share("0." + "1" * 60, path=PATH))
    assert parse_share("0." + "1" * 50, path=PATH) == D("0." + "1" * 50)


def test_ratios_do_not_depend_on_the_callers_context() -> None:
    with localcontext() as ctx:
        ctx.prec = 2
        assert units.parse_ratio("-5.5555%", path=PATH) == D("-0.055555")
        assert units.parse_ratio("-0%", path=PATH) == 0


def test_format_amount_refuses_an_unknown_language() -> None:
    with pytest.raises(InputError) as info:
        format_amount(D(1), Kind.MONEY, lang="fr")
    assert info.value.paths == ("$.lang",)
    assert format_amount(D(10**9), Kind.MONEY, lang="en") == "1 billion yuan"
    assert format_amount(10**9, Kind.MONEY) == "10亿元"  # an int is a whole Decimal


# ------------------------------------------------------------------------------------------
# The unit grammar: nmgpolicy's own parser, checked against pint's
# ------------------------------------------------------------------------------------------

GRAMMAR_WORDS = sorted(units._IDENTS)
ODD_UNITS = [
    "1/套",
    "(kg)",
    "kg/(m*m)",
    "kg m",
    "kg/m t",
    "kgs",
    "tonnes",
    "yuans",
    "metres",
    "percents",
    "kg**-1",
    "kg^2",
    "kg**2.0",
    "kg**+2",
    "kg ** 2",
    "kg^-1",
    "m2**2",
    "kg*1",
    "1*kg",
    "kg/1",
    "1",
    "",
    "kg/kg",
    "万元/套*套",
    "万亿元",
    "公里*公里",
    "(万元)/(台)",
    "kg**5",
    "kg**0.5",
    "kg*kg*kg*kg*kg",
    "percent*percent",
    "%/套",
    "2kg",
    "kg 2",
    "0.5*kg",
    "-kg",
    "kg/",
    "/",
    "*kg",
    "(kg",
    "kg)",
    "kg^^2",
    "kg***2",
    "ts",
    "Kg",
    "e",
    "kg . m",
    "kg-m",
    "kg**(2)",
    "kg**2**2",
    "_",
    "kg*" * 20 + "kg",
]


def pint_reading(text: str) -> tuple[Fraction, dict[str, Decimal]] | None:
    """What pint makes of a unit text: (factor to root units, dimensions), or None."""
    try:
        unit = ureg.parse_units(units._ascii_unit(text))
        items = tuple(ureg.Quantity(1, unit).unit_items())
        terms = units._check_terms({n: units._whole_power(p) for n, p in items})
    except Exception:
        return None
    return units._terms_factor(terms), dict(ureg.get_dimensionality(unit))


def our_reading(text: str) -> tuple[Fraction, dict[str, Decimal]] | None:
    try:
        _, factor, dims = units._analyse(text)
    except ValueError:
        return None
    return factor, dict(dims)


def grammar_cases() -> list[str]:
    cases = [text for text, _, _ in ALIASES] + ODD_UNITS
    cases = [
        units._NUMBER_RE.sub("", units._normalise(t), count=1) if t[:1].isdigit() else t
        for t in cases
    ]
    words = [*GRAMMAR_WORDS, "万元", "套", "吨", "%"]
    for a in words:
        cases += [a, f"{a}/套", f"万元/{a}", f"{a}*{a}", f"{a}**2", f"1/{a}", f"({a})"]
    return cases


def test_the_grammar_reads_units_as_pint_does() -> None:
    accepted = 0
    for text in grammar_cases():
        ours = our_reading(text)
        if ours is not None:
            accepted += 1
            assert ours == pint_reading(text), text
    assert accepted > 400


def test_pint_and_the_grammar_agree_on_common_forms() -> None:
    # Every form the grammar documents, pint reads too, and the other way round for these.
    for text in grammar_cases():
        if text in ("kg . m", "kg**(2)", "kg**2**2"):  # pint's extras the grammar leaves out
            continue
        assert (our_reading(text) is None) == (pint_reading(text) is None), text


def test_quantity_units_are_pint_units() -> None:
    q = quantity("3 kg/kg*万元")
    assert q.units == ureg.parse_units("wan_yuan")
    info = units._lookup_unit("1/套")
    assert info is not None
    assert units._pint_unit(info.terms) == ureg.parse_units("1/set")


def test_new_unit_texts_are_fast() -> None:
    texts = [f"{a}/{a}*{b}/{b}*yuan" for a in GRAMMAR_WORDS[:40] for b in GRAMMAR_WORDS[:40]]
    units._lookup_unit.cache_clear()
    start = Stopwatch()
    for text in texts:
        assert units._lookup_unit(text) is not None
    assert start.seconds / len(texts) < 200e-6 * (1 if SECOND == 1 else 10)


# ------------------------------------------------------------------------------------------
# The fast path: common texts read by one pattern, every text read once (a bounded cache)
# ------------------------------------------------------------------------------------------


class Text(str):
    """A str subclass: the readers never cache it and never take the fast path with it, so
    it is read by the full reader (normalising, the general pattern, every check) each time."""

    __slots__ = ()


def outcome(call: Any) -> tuple[str, object]:
    """What ``call`` returns (by repr: a Decimal's digits and exponent count) or raises."""
    try:
        return ("value", repr(call()))
    except InputError as error:
        return ("error", [(p.path, p.message) for p in error.problems])


FAST_UNITS = [
    *(label for kind in Kind for label in kind.display_units),
    *(word for word in units._WORDS if len(word) < 6),
    *("t", "kg", "kVA", "VA", "km2", "m^2", "亩", "万", "%", "‰", "1/套", "", "kW", "foo"),
]


@st.composite
def texts(draw: st.DrawFn) -> str:
    number = draw(
        st.one_of(
            st.from_regex(r"[+-]?(?:[0-9]{1,12}(?:\.[0-9]{1,8})?|\.[0-9]{1,6})", fullmatch=True),
            st.sampled_from(["0", "-0", "0.000", "1e5", "1,000", "１５", "1" * 41, "0.0001"]),
        )
    )
    gap = draw(st.sampled_from(["", "", " ", "  ", "\u3000"]))
    end = draw(st.sampled_from(["", "", " ", "\n"]))
    return number + gap + draw(st.sampled_from(FAST_UNITS)) + end


def full_readers(text: object) -> dict[str, Any]:
    """Every parser of a text, public (fast path first) and full (through Text)."""
    return {
        **{f"amount {k.name}": lambda t, k=k: parse_amount(t, k, path=PATH) for k in Kind},
        "measure": lambda t: units.parse_measure(t, (Kind.MONEY, Kind.MASS), path=PATH),
        "measure all": lambda t: units.parse_measure(t, tuple(Kind), path=PATH),
        "share": lambda t: parse_share(t, path=PATH),
        "ratio": lambda t: units.parse_ratio(t, path=PATH),
        "unsigned ratio": lambda t: units.parse_ratio(t, path=PATH, signed=False),
        "count": lambda t: parse_count(t, path=PATH),
    }


@given(text=st.one_of(texts(), st.text(max_size=12)))
def test_every_reader_answers_a_text_as_the_full_reader_does(text: str) -> None:
    units._READINGS.clear()
    for name, read in full_readers(text).items():
        full = outcome(lambda read=read: read(Text(text)))
        assert outcome(lambda read=read: read(text)) == full, name  # a new text
        assert outcome(lambda read=read: read(text)) == full, name  # a cached one


@given(
    value=st.one_of(
        st.floats(),
        st.floats(min_value=-1, max_value=1),
        st.integers(-(10**19), 10**19),
        st.sampled_from([0.0, -0.0, 1e-40, 9.9e-41, -1e-40, 1.0, -1.0, 10**18, 10**18 + 1]),
    )
)
def test_numbers_are_answered_as_the_full_reader_does(value: float | int) -> None:
    calls = [
        (parse_share, units._parse_share, {}),
        (units.parse_ratio, units._parse_ratio, {}),
        (units.parse_ratio, units._parse_ratio, {"signed": False}),
        (parse_count, units._parse_count, {}),
    ]
    for public, full, extra in calls:
        fast = outcome(functools.partial(public, value, path=PATH, **extra))
        assert fast == outcome(functools.partial(full, value, path=PATH, **extra)), extra


@given(text=texts())
def test_the_fast_pattern_reads_only_texts_in_their_normal_form(text: str) -> None:
    match = units._PLAIN_RE.fullmatch(text)
    if match is not None:
        assert units._normalise(text) == text
        general = units._NUMBER_RE.fullmatch(text)
        assert general is not None
        assert (general["number"], general["unit"]) == (match[1], match[2] or "")


def reference_format(d: Decimal) -> str:
    """format_decimal as it was written before its fast path."""
    text = format(d, "f")
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return "0" if text == "-0" else text


@given(
    d=st.one_of(
        st.decimals(allow_nan=False, allow_infinity=False),
        st.builds(
            lambda digits, exponent: D(digits).scaleb(exponent),
            st.integers(-(10**30), 10**30),
            st.integers(-1010, 1010),
        ),
    )
)
def test_format_decimal_is_the_plain_form(d: Decimal) -> None:
    if abs(d.adjusted()) <= 1000:
        assert format_decimal(d) == reference_format(d)
    assert outcome(lambda: format_decimal(d)) == outcome(lambda: units._format_decimal(d))


@given(
    value=st.one_of(
        st.decimals(allow_nan=False, allow_infinity=False),
        st.decimals(min_value=-(10**20), max_value=10**20, places=6),
        st.integers(-(10**20), 10**20),
    ),
    kind=st.sampled_from(Kind),
    unit=st.one_of(st.none(), st.sampled_from(["万元", "元/套", "吨", "万吨", "万元／套", "kg"])),
    lang=st.sampled_from(["zh", "en", "fr"]),
)
def test_format_amount_is_answered_as_the_full_formatter_does(
    value: Decimal | int, kind: Kind, unit: str | None, lang: str
) -> None:
    fast = outcome(lambda: format_amount(value, kind, unit=unit, lang=lang))  # type: ignore[arg-type]
    full = outcome(lambda: units._format_amount(value, kind, unit=unit, lang=lang))  # type: ignore[arg-type]
    assert fast == full


def test_every_public_function_with_a_fast_path_wraps_its_full_reader() -> None:
    import inspect

    publics: list[Any] = [
        parse_amount,
        units.parse_measure,
        parse_share,
        units.parse_ratio,
        parse_count,
        format_decimal,
        format_amount,
    ]
    for public in publics:
        full = public.__wrapped__
        assert full is getattr(units, f"_{public.__name__}")
        assert inspect.signature(public) == inspect.signature(full)
        assert public.__doc__ and public.__name__ in units.__all__


def test_the_cache_is_bounded_and_keeps_the_first_value() -> None:
    cache: units._BoundedCache[int] = units._BoundedCache(4)
    for n in range(10):
        assert cache.put(str(n), n) == n
        assert len(cache) <= 4
    assert cache.get("9") == 9
    assert cache.get("0") is None  # the oldest were dropped
    assert cache.put("9", 99) == 9  # a second value for a text is not stored
    cache.clear()
    assert len(cache) == 0
    units._READINGS.clear()
    for n in range(units._READINGS.maxsize + 100):
        parse_amount(f"{n}元", Kind.MONEY, path=PATH)
    assert 0 < len(units._READINGS) <= units._READINGS.maxsize


def test_failures_are_not_cached() -> None:
    units._READINGS.clear()
    refusal(lambda: parse_amount("-5万元", Kind.MONEY, path=PATH))
    refusal(lambda: parse_amount("5 foo", Kind.MONEY, path=PATH))
    assert units._READINGS.get("5 foo") is None
    assert units._READINGS.get("-5万元") is not None  # read: the kind refuses it, not the text
    assert "negative" in refusal(lambda: parse_amount("-5万元", Kind.MONEY, path=PATH))


def test_many_threads_read_the_same_texts() -> None:
    import threading

    texts = [f"{n}.{n % 97}万元" for n in range(3000)] + [f"１{n}亿元" for n in range(500)]
    units._READINGS.clear()
    expected = [parse_amount(Text(t), Kind.MONEY, path=PATH) for t in texts]
    units._READINGS.clear()
    results: list[list[Decimal]] = []
    barrier = threading.Barrier(8)

    def work() -> None:
        barrier.wait()
        results.append([parse_amount(t, Kind.MONEY, path=PATH) for t in texts])

    threads = [threading.Thread(target=work) for _ in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert len(results) == 8
    assert all(result == expected for result in results)
    assert all(units._READINGS.get(t) is not None for t in texts)


def test_fast_paths_do_not_read_the_callers_context() -> None:
    import decimal

    texts = ["15.2亿元", "0.5万吨", "60%", "1200人", "-3.5%"]
    units._READINGS.clear()
    strict = decimal.Context(prec=2, Emax=3, Emin=-3, traps=list(decimal.getcontext().flags))
    with decimal.localcontext(strict):
        answers = [
            parse_amount(texts[0], Kind.MONEY, path=PATH),
            parse_amount(texts[1], Kind.MASS, path=PATH),
            parse_share(texts[2], path=PATH),
            parse_count(texts[3], path=PATH),
            units.parse_ratio(texts[4], path=PATH),
            parse_share(0.35, path=PATH),
            format_decimal(D("123456.7800")),
            format_amount(D("1520000000"), Kind.MONEY),
            format_amount(D("1520000000"), Kind.MONEY, lang="en"),
        ]
    assert answers == [
        D("1520000000"),
        D("5000"),
        D("0.6"),
        1200,
        D("-0.035"),
        D("0.35"),
        "123456.78",
        "15.2亿元",
        "1.52 billion yuan",
    ]


def test_a_new_text_in_the_common_form_costs_less_than_a_full_read() -> None:
    """Relative, in one run: a new common text through the fast pattern against the same
    texts through the full reader (normalising, the general pattern, the exact context)."""
    fresh = [f"{n}.{n % 89}亿元" for n in range(4000)]
    full = [Text(t) for t in fresh]
    units._READINGS.clear()
    start = Stopwatch()
    for text in fresh:
        parse_amount(text, Kind.MONEY, path=PATH)
    fast = start.seconds
    start = Stopwatch()
    for text in full:
        parse_amount(text, Kind.MONEY, path=PATH)
    slow = start.seconds
    assert fast * 1.5 < slow, (fast, slow)
