"""The vectorised unit parser (nmgpolicy.columnar._units) agrees with the row parser.

Every text of the golden corpus, every kind and every number form: the same value where the
columns say ok, and ok False exactly where the row parser refuses the text or its value is
not a whole number of the scale unit within int64. Hypothesis then crowds the grammar (signs,
separators, exponents, full-width forms, spaces, 百分之, every unit word, the budget's edges).
"""

from __future__ import annotations

import functools
import json
import subprocess
import sys
from collections.abc import Callable
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

np = pytest.importorskip("numpy")
pl = pytest.importorskip("polars")

from nmgpolicy import units  # noqa: E402
from nmgpolicy.columnar import _units as vec  # noqa: E402
from nmgpolicy.errors import InputError  # noqa: E402
from nmgpolicy.limits import BUDGET  # noqa: E402
from nmgpolicy.units import Kind, ureg  # noqa: E402
from tests.clock import Stopwatch  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
ROW: dict[str, Callable[[object], Decimal | int]] = {
    "share": lambda v: units.parse_share(v, path="$"),
    "ratio": lambda v: units.parse_ratio(v, path="$"),
    "unsigned_ratio": lambda v: units.parse_ratio(v, path="$", signed=False),
    "count": lambda v: units.parse_count(v, path="$"),
}


def row_scaled(parse: Callable[[object], Decimal | int], value: object, places: int) -> int | None:
    """What the row parser gives, scaled by 10**places, or None if refused or not whole."""
    try:
        number = parse(value)
    except InputError:
        return None
    return vec._scaled(number, places)


def row_amount(value: object, kind: Kind, places: int) -> int | None:
    return row_scaled(lambda v: units.parse_amount(v, kind, path="$"), value, places)


def disagreements(
    texts: list[Any], got: tuple[Any, Any], expected: Callable[[Any], int | None]
) -> list[tuple[Any, int | None, int | None]]:
    values, ok = got
    assert values.dtype == np.int64
    assert ok.dtype == np.bool_
    assert len(values) == len(ok) == len(texts)
    wrong = []
    for text, value, flag in zip(texts, values.tolist(), ok.tolist(), strict=True):
        want = expected(text)
        have = value if flag else None
        if want != have or (not flag and value != 0):
            wrong.append((text, want, have))
    return wrong


def assert_agree_amounts(texts: list[Any], kind: Kind, scale_unit: str | None = None) -> None:
    places = vec.scale_of(kind, scale_unit)
    got = vec.parse_amounts(texts, kind, scale_unit=scale_unit)
    wrong = disagreements(texts, got, lambda t: row_amount(t, kind, places))
    assert not wrong, wrong[:10]


def assert_agree_numbers(texts: list[Any], form: vec.Form, places: int) -> None:
    got = vec.parse_numbers(texts, form=form, places=places)
    wrong = disagreements(texts, got, lambda t: row_scaled(ROW[form], t, places))
    assert not wrong, wrong[:10]


# ------------------------------------------------------------------------------------------
# The golden corpus
# ------------------------------------------------------------------------------------------


def _strings(value: object, into: set[str]) -> None:
    if isinstance(value, str):
        into.add(value)
    elif isinstance(value, dict):
        for item in value.values():
            _strings(item, into)
    elif isinstance(value, list):
        for item in value:
            _strings(item, into)


@functools.cache
def golden_texts() -> list[str]:
    """Every string in the facts of the golden corpus (rebuilt from its spec and seed)."""
    from tests.golden import cases
    from tests.golden.generate import COUNT, SEED, SPEC

    spec = json.loads(SPEC.read_text(encoding="utf-8"))
    found: set[str] = set()
    for ruleset, ruleset_spec in spec["rulesets"].items():
        for index in range(COUNT):
            _strings(cases.build(SEED, ruleset, ruleset_spec, index)["facts"], found)
    return sorted(found)


def test_the_golden_corpus_holds_many_unit_texts() -> None:
    texts = golden_texts()
    assert len(texts) > 5000
    ok = vec.parse_amounts(texts, Kind.MONEY)[1]
    assert ok.sum() > 1000  # a real test: most money texts are read in bulk


@pytest.mark.parametrize("kind", list(Kind))
def test_every_golden_text_reads_as_the_row_parser_reads_it(kind: Kind) -> None:
    assert_agree_amounts(golden_texts(), kind)


@pytest.mark.parametrize("form", vec.FORMS)
@pytest.mark.parametrize("places", [0, 2, 4, 6])
def test_every_golden_text_as_a_number(form: vec.Form, places: int) -> None:
    assert_agree_numbers(golden_texts(), form, places)


def test_golden_amounts_at_finer_scales() -> None:
    texts = golden_texts()
    assert_agree_amounts(texts, Kind.MASS, "千克")
    assert_agree_amounts(texts, Kind.MONEY, "万元")
    assert_agree_amounts(texts, Kind.APPARENT_POWER, "VA")


# ------------------------------------------------------------------------------------------
# Properties
# ------------------------------------------------------------------------------------------

UNIT_TEXTS = [
    *(label for kind in Kind for label in kind.display_units),
    *(word for word in units._WORDS if len(word) < 6),
    "t",
    "kg",
    "kVA",
    "VA",
    "MVA",
    "km2",
    "m^2",
    "km**2",
    "亩",
    "3亩",
    "万亩",
    "元每吨",
    "万元／套",
    "(元)/(套)",
    "tonnes",
    "kVA/台",
    "kW",
    "1/套",
    "",
    "万",
    "%",
    "％",
    "‰",
    "%%",
    "foo",
]
FULL_WIDTH = str.maketrans("0123456789.,+-eE%", "０１２３４５６７８９．，＋－ｅＥ％")


@st.composite
def numbers(draw: st.DrawFn) -> str:
    whole = draw(st.sampled_from(["", "0", "00", "1", "15", "999", "1000000", "123456789"]))
    whole += draw(st.text("0123456789", max_size=22))
    if draw(st.booleans()) and len(whole) > 3:
        digits = whole
        whole = f"{int(digits):,}" if digits.isdigit() else digits
    frac = draw(st.one_of(st.just(""), st.text("0123456789", min_size=1, max_size=45)))
    text = whole + ("." + frac if frac or draw(st.booleans()) else "")
    sign = draw(st.sampled_from(["", "", "-", "+", "−"]))
    exponent = draw(st.sampled_from(["", "", "e3", "E-2", "e+18", "e-45", "e0", "e0000000000005"]))
    return sign + text + exponent


@st.composite
def unit_texts(draw: st.DrawFn) -> str:
    number = draw(numbers())
    if draw(st.integers(0, 9)) == 0:
        number = number.translate(FULL_WIDTH)
    unit = draw(st.sampled_from(UNIT_TEXTS))
    gap = draw(st.sampled_from(["", "", " ", "  ", "\u3000", "\t"]))
    left = draw(st.sampled_from(["", "", " ", "\u3000", "百分之", "百分之 "]))
    right = draw(st.sampled_from(["", "", " ", "\u3000", "\n"]))
    return left + number + gap + unit + right


ALPHABET = "0123456789.,+-eE 万元亿千吨tkgVA平方公里%‰每／０１２３４５６７８９．　×·−百分之/套台人个()^*_\t亩"  # noqa: E501


@settings(max_examples=300, deadline=None)
@given(texts=st.lists(unit_texts(), min_size=1, max_size=40), kind=st.sampled_from(Kind))
def test_generated_texts_agree_for_every_kind(texts: list[str], kind: Kind) -> None:
    assert_agree_amounts(texts, kind)


@settings(max_examples=300, deadline=None)
@given(
    texts=st.lists(unit_texts(), min_size=1, max_size=40),
    form=st.sampled_from(vec.FORMS),
    places=st.integers(0, 18),
)
def test_generated_texts_agree_for_every_form(
    texts: list[str], form: vec.Form, places: int
) -> None:
    assert_agree_numbers(texts, form, places)


@settings(max_examples=200, deadline=None)
@given(texts=st.lists(st.text(ALPHABET, max_size=16), min_size=1, max_size=40))
def test_any_text_of_the_alphabet_agrees(texts: list[str]) -> None:
    assert_agree_amounts(texts, Kind.MONEY)
    assert_agree_amounts(texts, Kind.AREA)
    assert_agree_numbers(texts, "ratio", 4)


@settings(max_examples=200, deadline=None)
@given(texts=st.lists(st.text(max_size=12), min_size=1, max_size=20))
def test_any_unicode_text_agrees(texts: list[str]) -> None:
    assert_agree_amounts(texts, Kind.MASS)


@given(
    value=st.decimals(min_value=0, max_value=Decimal("1E+17"), places=2),
    kind=st.sampled_from(Kind),
)
def test_a_formatted_amount_reads_back_exactly(value: Decimal, kind: Kind) -> None:
    text = units.format_amount(value, kind)
    values, ok = vec.parse_amounts([text], kind)
    multiplier = vec.SCALE[kind][1]
    exact = value * multiplier == (value * multiplier).to_integral_value()
    assert bool(ok[0]) == (exact and value * multiplier <= vec._INT64_MAX)
    if ok[0]:
        assert int(values[0]) == value * multiplier


@given(
    floats=st.lists(
        st.one_of(
            st.floats(allow_nan=True, allow_infinity=True),
            st.floats(min_value=-2, max_value=2),
            st.decimals(min_value=-2, max_value=2, places=5).map(float),
            st.integers(-(10**20), 10**20).map(float),
        ),
        min_size=1,
        max_size=30,
    ),
    form=st.sampled_from(vec.FORMS),
    places=st.integers(0, 18),
)
def test_floats_read_through_their_shortest_repr(
    floats: list[float], form: vec.Form, places: int
) -> None:
    assert_agree_numbers(floats, form, places)
    got = vec.parse_numbers(np.array(floats, dtype=np.float64), form=form, places=places)
    wrong = disagreements(floats, got, lambda v: row_scaled(ROW[form], v, places))
    assert not wrong, wrong[:10]


@given(
    ints=st.lists(st.integers(-(10**20), 10**20), min_size=1, max_size=30),
    form=st.sampled_from(vec.FORMS),
    places=st.integers(0, 18),
)
def test_ints_read_as_the_row_parser_reads_them(
    ints: list[int], form: vec.Form, places: int
) -> None:
    assert_agree_numbers(list(ints), form, places)


# ------------------------------------------------------------------------------------------
# Cases
# ------------------------------------------------------------------------------------------


def test_scales_and_values() -> None:
    values, ok = vec.parse_amounts(
        ["15亿元", "1.5 亿元", "0.01元", "1e18元", "1.1e18元", "-0元", "-1元", None, "3kW"],
        Kind.MONEY,
    )
    assert values.tolist() == [1_500_000_000, 150_000_000, 0, 10**18, 0, 0, 0, 0, 0]
    assert ok.tolist() == [True, True, False, True, False, True, False, False, False]
    area = vec.parse_amounts(["100平方公里", "1.5公顷", "3亩", "1亩", "2平方米"], Kind.AREA)
    assert area[0].tolist() == [100_000_000, 15_000, 2_000, 0, 2]
    assert area[1].tolist() == [True, True, True, False, True]
    intensity = vec.parse_amounts(["0.86吨/万元", "0.9吨/万元"], Kind.MASS_PER_MONEY)
    assert intensity[0].tolist() == [860_000, 900_000]


def test_the_scale_table() -> None:
    assert set(vec.SCALE) == set(Kind)
    for kind, (unit, multiplier) in vec.SCALE.items():
        assert unit == kind.canonical_unit
        assert 10 ** vec.scale_of(kind) == multiplier
    assert vec.scale_of(Kind.MASS, "千克") == 3
    assert vec.scale_of(Kind.MONEY, "万元") == -4
    assert vec.scale_of(Kind.AREA, "公顷") == 2


@pytest.mark.parametrize(
    ("kind", "unit"),
    [(Kind.MONEY, "吨"), (Kind.AREA, "亩"), (Kind.MONEY, "foo"), (Kind.MONEY, 3)],
)
def test_bad_scale_units_are_refused(kind: Kind, unit: Any) -> None:
    with pytest.raises(InputError, match="scale_unit"):
        vec.scale_of(kind, unit)


def test_bad_arguments_are_refused() -> None:
    with pytest.raises(InputError, match="kind"):
        vec.parse_amounts(["1元"], "money")  # type: ignore[arg-type]
    with pytest.raises(InputError, match="form"):
        vec.parse_numbers(["1"], form="percent")  # type: ignore[arg-type]
    with pytest.raises(InputError, match="places"):
        vec.parse_numbers(["1"], places=19)


def test_every_kind_of_column() -> None:
    texts = ["15亿元", None, "３０万元", "1,000元", "1\t元", "abc"]
    expected = ([1_500_000_000, 0, 300_000, 1000, 1, 0], [True, False, True, True, True, False])
    pa = pytest.importorskip("pyarrow")
    columns: list[Any] = [
        texts,
        tuple(texts),
        np.array(texts, dtype=object),
        pl.Series(texts),
        pl.Series(texts, dtype=pl.Categorical),
        pa.array(texts),
        pa.chunked_array([texts[:2], texts[2:]]),
    ]
    for column in columns:
        values, ok = vec.parse_amounts(column, Kind.MONEY)
        assert (values.tolist(), ok.tolist()) == expected, type(column)
    plain = np.array([t for t in texts if t is not None])
    assert plain.dtype.kind == "U"
    assert vec.parse_amounts(plain, Kind.MONEY)[1].tolist() == [True, True, True, True, False]


def test_values_that_are_not_texts_go_to_the_row_parser() -> None:
    column = ["1元", 3, 2.5, True, Decimal("7"), ureg.Quantity(Decimal(2), "万元"), None]
    values, ok = vec.parse_amounts(column, Kind.MONEY)
    assert ok.tolist() == [True, False, False, False, False, True, False]
    assert values.tolist() == [1, 0, 0, 0, 0, 20000, 0]
    shares = vec.parse_numbers([0.6, "60%", 1, True, Decimal("0.5"), 2, "2"], places=2)
    assert shares[0].tolist() == [60, 60, 100, 0, 50, 0, 0]
    assert shares[1].tolist() == [True, True, True, False, True, False, False]


def test_numpy_number_columns() -> None:
    counts = vec.parse_numbers(np.array([3, -1, 10**18, 0]), form="count", places=0)
    assert counts[0].tolist() == [3, 0, 10**18, 0]
    assert counts[1].tolist() == [True, False, True, True]
    shares = vec.parse_numbers(np.array([0.6, 0.1 + 0.2, 1.5, np.nan]), places=4)
    assert shares[0].tolist() == [6000, 0, 0, 0]
    assert shares[1].tolist() == [True, False, False, False]


def test_empty_and_null_columns() -> None:
    for column in ([], [None, None], pl.Series([], dtype=pl.String)):
        values, ok = vec.parse_amounts(column, Kind.MONEY)
        assert len(values) == len(ok) == len(column)
        assert not ok.any()


def test_texts_out_of_the_fast_alphabet_are_read_one_by_one() -> None:
    texts = ["1\t元", "1\u00a0元", "１５\u2003亿元", "15亿元\u200b", "e\u0301元"]
    assert_agree_amounts(texts, Kind.MONEY)
    odd = ["5元\ud800", "\ud800", "5元", "1" * 199 + "元", "1" * 200 + "元", "\t" * 300]
    assert_agree_amounts(odd, Kind.MONEY)
    assert vec.parse_amounts(np.array(odd), Kind.MONEY)[1].tolist() == [
        False,
        False,
        True,
        False,  # 10^199 元: too large
        False,  # 201 characters
        False,
    ]
    assert vec.parse_amounts(texts, Kind.MONEY)[1].tolist()[:2] == [True, True]


def test_the_budget_copies_are_the_librarys() -> None:
    assert (BUDGET.max_digits, BUDGET.max_exponent) == vec._BUDGET
    assert vec._MAX_ADJUSTED == units._MAX_ADJUSTED
    assert vec._MAX_TEXT == units._MAX_TEXT
    assert vec._MAP_TO[: 0xFF5F - 0xFF01] == [
        chr(c) for c in range(0x21, 0x7F)
    ]  # full-width forms: their NFKC


def test_budget_edges() -> None:
    digits = BUDGET.max_digits
    texts = [
        "1" * digits + "元",
        "1" * (digits + 1) + "元",
        "0." + "0" * 99 + "元",
        "0." + "0" * 100 + "元",
        "0e100元",
        "0e101元",
        "1" + "0" * 40 + "元",
        "1" + "0" * 41 + "元",
        "1e40元",
        "1e41元",
        "1.0" + "0" * 47 + "元",
        "1.0" + "0" * 48 + "元",
        "9223372036854775807元",
        "922337203685477580.7e1元",
        "x" * 201,
    ]
    assert_agree_amounts(texts, Kind.MONEY)
    assert_agree_amounts(texts, Kind.MASS, "千克")
    assert_agree_numbers(texts, "count", 0)


def test_hash_free_dictionary_encoding_keeps_every_row() -> None:
    rng = np.random.default_rng(3)
    distinct = [f"{n}万元" for n in range(5000)]
    rows = rng.integers(0, len(distinct), 50_000)
    column = pl.Series([distinct[i] for i in rows])
    values, ok = vec.parse_amounts(column, Kind.MONEY)
    assert ok.all()
    assert values.tolist() == (rows * 10_000).tolist()


def test_the_core_package_does_not_import_polars() -> None:
    code = (
        "import sys, nmgpolicy, nmgpolicy.units, nmgpolicy.convert; "
        "print('polars' in sys.modules, 'pyarrow' in sys.modules)"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=ROOT
    )
    assert out.stdout.split() == ["False", "False"]


def test_a_million_strings_a_second() -> None:
    """A guard on the speed (benchmarks/bench_units.py reports it): relative to the row
    parser in the same run (never absolute times), so that a slow machine does not fail it."""

    distinct = [f"{n // 7}.{n % 100:02d}万元" for n in range(20_000)]
    column = pl.Series([distinct[(n * 7919) % len(distinct)] for n in range(200_000)])
    start = Stopwatch()
    vec.parse_amounts(column, Kind.MONEY)
    bulk = start.seconds
    sample = [f"{n}.5亿元" for n in range(2000)]
    start = Stopwatch()
    for text in sample:
        units.parse_amount(text, Kind.MONEY, path="$")
    row = start.seconds / len(sample) * len(column)
    assert bulk * 2 < row, (bulk, row)  # typically 5 to 15 times faster


def test_answers_do_not_depend_on_the_callers_decimal_context() -> None:
    import decimal

    texts = [*golden_texts()[:3000], "1亩", "3亩", "1" * 30 + "元", "1\t元"]
    expected = [vec.parse_amounts(texts, kind) for kind in (Kind.MONEY, Kind.AREA)]
    hostile = decimal.Context(prec=2, Emax=5, Emin=-5, traps=list(decimal.getcontext().flags))
    with decimal.localcontext(hostile):
        got = [vec.parse_amounts(texts, kind) for kind in (Kind.MONEY, Kind.AREA)]
        numbers = vec.parse_numbers(texts, form="ratio", places=6)
    numbers_expected = vec.parse_numbers(texts, form="ratio", places=6)
    for (values, ok), (want_values, want_ok) in zip(got, expected, strict=True):
        assert values.tolist() == want_values.tolist()
        assert ok.tolist() == want_ok.tolist()
    assert numbers[0].tolist() == numbers_expected[0].tolist()
