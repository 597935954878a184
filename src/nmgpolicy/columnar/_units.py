"""Unit texts read in bulk, exactly: ``int64`` values at a fixed scale per kind, or ``ok=False``.

:func:`parse_amounts` reads a column of texts such as ``"15亿元"``, ``"３０万吨"`` or
``"3000 kVA"`` as :func:`nmgpolicy.units.parse_amount` reads each of them, and returns
``(values, ok)``: ``values[i]`` is the amount as an integer number of the kind's scale unit
(:data:`SCALE`) where ``ok[i]``; ``ok[i]`` is False exactly where the row parser refuses the
text or its amount is not a whole number of the scale unit within ``int64`` (a fraction of a
元, 10^19 元). Such a row goes to the row path, which decides it (and words its error): nothing
is rounded. :func:`parse_numbers` does the same for shares, ratios and counts
(:func:`~nmgpolicy.units.parse_share`, :func:`~nmgpolicy.units.parse_ratio`,
:func:`~nmgpolicy.units.parse_count`) at a given number of decimal places.

How, and why it agrees with the row parser:

* **Each distinct text once.** The column is dictionary-encoded (a Polars categorical of
  its own), and the texts are read as whole columns of distinct values with Polars string
  expressions (Rust, no Python per text); the answers are then taken back to the rows.
* **The row parser's grammar, written again for whole columns.** A text of the characters
  the row parser meets in practice (ASCII, full-width forms, the ideographic space, CJK
  ideographs, ‰, −, ·, ×) is normalised exactly as :func:`~nmgpolicy.units._normalise` does
  it (for these characters NFKC maps full-width forms to ASCII and the ideographic space to a
  space, and changes nothing else), split by the same regular expression (both engines take
  the leftmost-first match), held to the same input budget and range (digits, places,
  exponent, computed from the digit strings), and its unit text is looked up with the row
  parser's own :func:`~nmgpolicy.units._lookup_unit`, once per distinct unit text.
* **Integer arithmetic only.** A number is split into its significant digits without
  trailing zeros (at most 18, so an ``int64``) and a power of ten; a unit whose factor to the
  canonical unit is a power of ten shifts that power. The amount is a whole number of the
  scale unit exactly when the power is not negative, and it fits when the digits are at most
  the bound divided by the power of ten: no multiplication can overflow.
* **The rest, one by one.** A text with any other character (a tab, a combining mark, an
  ideograph outside U+4E00–U+9FFF), with more than 18 significant digits, or with a unit
  whose factor is not a power of ten (亩 = 1/1500 km²), and any value that is neither a
  string nor an int or a float (a Quantity, a Decimal), is read by the row parser itself.
  These are rare in real columns; the answers are the same, only slower. (Ints and floats are
  read in bulk too: a float as its shortest repr, as the row parser reads it.)

A test reads every text of the golden corpus both ways, for every kind, and requires the
same values and the same ``ok``.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from decimal import Context, Decimal
from fractions import Fraction
from types import MappingProxyType
from typing import Any, Literal, NamedTuple, TypeAlias

import numpy as np
import numpy.typing as npt
import polars as pl

from nmgpolicy import units
from nmgpolicy.errors import InputError
from nmgpolicy.units import Kind

__all__ = ["FORMS", "SCALE", "parse_amounts", "parse_numbers", "scale_of"]

IntArray: TypeAlias = npt.NDArray[np.int64]
BoolArray: TypeAlias = npt.NDArray[np.bool_]

SCALE: Mapping[Kind, tuple[str, int]] = MappingProxyType(
    {
        Kind.MONEY: ("元", 1),
        Kind.MASS: ("吨", 1),
        Kind.APPARENT_POWER: ("kVA", 1),
        Kind.AREA: ("平方公里", 10**6),
        Kind.MONEY_PER_SET: ("元/套", 1),
        Kind.MONEY_PER_MACHINE: ("元/台", 1),
        Kind.MONEY_PER_MASS: ("元/吨", 1),
        Kind.MASS_PER_MONEY: ("吨/元", 10**10),
    }
)
"""The scale of :func:`parse_amounts`, per kind: (canonical unit, multiplier).

``values[i] == amount × multiplier``, the amount in the canonical unit (as
:func:`~nmgpolicy.units.parse_amount` returns it). The multiplier is 1 where the thresholds
of the data files are whole canonical units (15亿元, 30万吨, 3000kVA, 80万元/套: a fraction of
a 元 or of a tonne goes to the row path); an area counts square metres (10^6 per km²: the
100 km² limit and areas in 公顷 or 平方米 stay exact); an intensity counts grams per 万元
(10^10 per 吨/元: "0.86吨/万元" is 860,000). ``int64`` holds 9.2 × 10^18 of these units:
every money amount up to :data:`~nmgpolicy.units.MAX_AMOUNT`, areas up to 9.2 × 10^12 km².
Pass ``scale_unit`` to :func:`parse_amounts` for another (``"千克"``, ``"万元"``).
"""

FORMS = ("share", "ratio", "unsigned_ratio", "count")
"""The forms of :func:`parse_numbers`: the row parsers ``parse_share``, ``parse_ratio``,
``parse_ratio(signed=False)`` and ``parse_count``."""

Form = Literal["share", "ratio", "unsigned_ratio", "count"]

_INT64_MAX = int(np.iinfo(np.int64).max)
_MAX_COEF_DIGITS = 18  # significant digits read as an int64 (below 10^18)
_POW10 = np.array([10**t for t in range(19)], dtype=np.int64)

# Characters whose NFKC form is known without asking a Unicode database (which may be of
# another version in Polars than in Python): printable ASCII (itself), the ideographic
# space (a space), full-width forms U+FF01–FF5E (ASCII), CJK ideographs U+4E00–9FFF (no
# decomposition), ‰ − · × (none). Whitespace among them after mapping: the space alone.
_SAFE_RE = r"^[\x20-\x7E\x{3000}\x{FF01}-\x{FF5E}\x{4E00}-\x{9FFF}\x{2030}\x{2212}\x{B7}\x{D7}]*$"
_MAP_FROM = [chr(c) for c in range(0xFF01, 0xFF5F)] + ["\u3000", "每", "−", "·", "×"]
_MAP_TO = [chr(c - 0xFEE0) for c in range(0xFF01, 0xFF5F)] + [" ", "/", "-", "*", "*"]
# units._NUMBER_RE, with the number's parts captured; after the mapping the only whitespace
# is the space, so \s* is " *" (both engines match leftmost-first, so the split is the same).
_NUMBER_RE = (
    r"^(?P<sign>[+-]?)(?:(?P<int>[0-9]{1,3}(?:,[0-9]{3})+|[0-9]+)(?:\.(?P<frac>[0-9]+))?"
    r"|\.(?P<frac2>[0-9]+))(?:[eE](?P<exp>[+-]?[0-9]+))? *(?P<unit>.*)$"
)
_BUDGET = (50, 100)  # nmgpolicy.limits.BUDGET: max_digits, max_exponent (checked by a test)
_MAX_ADJUSTED = 40  # units._MAX_ADJUSTED
_MAX_TEXT = 200  # units._MAX_TEXT


# --------------------------------------------------------------------------------------------
# Reading distinct texts
# --------------------------------------------------------------------------------------------


class _Numbers(NamedTuple):
    """Distinct texts, read: ``|number| = coef × 10**power`` in the unit as written.

    ``state``: :data:`_READ`, :data:`_REFUSED` (by the row parser, whatever the form),
    :data:`_UNSAFE` (characters to leave to the row parser) or :data:`_LONG` (more than 18
    significant digits: the row parser decides if the unit is one the form accepts). ``coef``
    has no trailing zeros (0 for zero).
    """

    state: npt.NDArray[np.int8]
    negative: BoolArray
    coef: IntArray
    power: IntArray
    unit: npt.NDArray[np.int32]  # index into units; -1 when there is none
    units: list[str]


_READ, _REFUSED, _UNSAFE, _LONG = 0, 1, 2, 3


def _number_columns(texts: pl.Series) -> pl.DataFrame:
    """The parts of each text's number and its unit text, as columns (Polars, no Python).

    In stages, so that each string operation runs once per text (Polars would otherwise
    evaluate a shared sub-expression once per use).
    """
    t = pl.col("t")
    frame = pl.DataFrame({"t": texts}).select(
        safe=t.str.contains(_SAFE_RE),
        short=t.str.len_chars() <= _MAX_TEXT,
        mapped=t.str.replace_many(_MAP_FROM, _MAP_TO).str.strip_chars(" "),
    )
    mapped = pl.col("mapped")
    frame = frame.select(
        "safe",
        "short",
        parts=pl.when(mapped.str.starts_with("百分之"))
        .then(pl.concat_str([mapped.str.replace(r"^百分之 *", ""), pl.lit("%")]))
        .otherwise(mapped)
        .str.extract_groups(_NUMBER_RE),
    ).unnest("parts")
    frac = pl.coalesce("frac", "frac2", pl.lit(""))
    frame = frame.select(
        "safe",
        "short",
        "unit",
        matched=pl.col("unit").is_not_null(),
        negative=pl.col("sign") == "-",
        frac=frac,
        core=pl.concat_str(
            [pl.col("int").str.replace_all(",", "", literal=True).fill_null(""), frac]
        ).str.strip_chars_start("0"),
        exp=pl.col("exp").fill_null("0"),
    )
    frame = frame.with_columns(
        coef=pl.col("core").str.strip_chars_end("0"),
        exp_digits=pl.col("exp").str.strip_chars_start("+-").str.strip_chars_start("0"),
    )
    coef_len = pl.col("coef").str.len_chars()
    exp_len = pl.col("exp_digits").str.len_chars()
    return frame.select(
        "safe",
        "short",
        "unit",
        "matched",
        "negative",
        places=pl.col("frac").str.len_chars().cast(pl.Int64),
        sig=pl.col("core").str.len_chars().cast(pl.Int64),
        zeros=(pl.col("core").str.len_chars() - coef_len).cast(pl.Int64),
        coef_digits=coef_len.cast(pl.Int64),
        coef=pl.when(coef_len <= _MAX_COEF_DIGITS)
        .then(pl.col("coef").str.to_integer(strict=False))
        .fill_null(0)
        .cast(pl.Int64),
        exp_long=exp_len > 9,
        exp=pl.when(exp_len <= 9)
        .then(pl.col("exp_digits").str.to_integer(strict=False))
        .fill_null(0)
        .cast(pl.Int64)
        * pl.when(pl.col("exp").str.starts_with("-")).then(-1).otherwise(1),
    )


def _read_texts(texts: pl.Series) -> _Numbers:
    """Read distinct texts: budget and range as :func:`~nmgpolicy.units._check_range`."""
    cols = _number_columns(texts)
    safe = cols["safe"].fill_null(False).to_numpy()
    matched = cols["matched"].fill_null(False).to_numpy()
    places = cols["places"].fill_null(0).to_numpy()
    sig = cols["sig"].fill_null(0).to_numpy()
    exp = cols["exp"].fill_null(0).to_numpy()
    exponent = exp - places  # of the Decimal the row parser builds
    digits = np.maximum(sig, 1)  # a zero has one digit
    adjusted = exponent + digits - 1
    max_digits, max_exponent = _BUDGET
    within = (
        matched
        & ~cols["exp_long"].fill_null(False).to_numpy()
        & (digits <= max_digits)
        & (exponent >= -max_exponent)
        & (np.abs(adjusted) <= max_exponent)
        & ((sig == 0) | (np.abs(adjusted) <= _MAX_ADJUSTED))
    )
    unit_texts = cols["unit"].drop_nulls().unique().sort().to_list()
    codes = (
        cols["unit"]
        .replace_strict(unit_texts, list(range(len(unit_texts))), default=-1)
        .cast(pl.Int32)
        .fill_null(-1)
        .to_numpy()
    )
    long_coef = cols["coef_digits"].fill_null(0).to_numpy() > _MAX_COEF_DIGITS
    state = np.where(within, _READ, _REFUSED).astype(np.int8)
    state[within & long_coef] = _LONG
    state[~safe] = _UNSAFE
    state[~cols["short"].fill_null(False).to_numpy()] = _REFUSED  # refused whatever it holds
    return _Numbers(
        state=state,
        negative=cols["negative"].fill_null(False).to_numpy(),
        coef=cols["coef"].to_numpy(),
        power=exponent + cols["zeros"].fill_null(0).to_numpy(),
        unit=codes,
        units=unit_texts,
    )


class _Unit(NamedTuple):
    """A unit text as the row parser reads it: its meaning, and its factor as a power of ten
    (to the kind's canonical unit, or to root units), or None when it is not one."""

    info: Any  # units._UnitInfo, or None when the row parser does not know the text
    shift: int | None


def _unit(text: str) -> _Unit:
    info = units._lookup_unit(text)
    if info is None:
        return _Unit(None, None)
    return _Unit(info, _log10(Fraction(int(info.num), int(info.den))))


def _log10(factor: Fraction) -> int | None:
    """``k`` where ``factor == 10**k`` exactly; None when it is no power of ten."""
    if factor.numerator == 1 and _is_pow10(factor.denominator):
        return -(len(str(factor.denominator)) - 1)
    if factor.denominator == 1 and _is_pow10(factor.numerator):
        return len(str(factor.numerator)) - 1
    return None


def _is_pow10(n: int) -> bool:
    text = str(n)
    return text[0] == "1" and text.count("0") == len(text) - 1


# --------------------------------------------------------------------------------------------
# From read texts to values
# --------------------------------------------------------------------------------------------


class _Rule(NamedTuple):
    """What a form accepts of a read text: which units (and their extra bound), the least and
    largest value (in units of 10**-places of the canonical or root unit), whether it must be
    a whole number, and the row parser of one value (a Decimal or int, or InputError)."""

    accepts: Callable[[Any], bool]
    places: int
    lower: int  # 0, or -upper for a signed ratio
    upper: Callable[[Any], int]  # by unit info
    whole: bool
    row: Callable[[object], Decimal | int]


def _values(numbers: _Numbers, rule: _Rule) -> tuple[IntArray, BoolArray, BoolArray]:
    """(values, ok, one_by_one) of distinct texts read by ``_read_texts`` under ``rule``."""
    accept, shift, upper = _unit_table(numbers.units, rule)
    unit = np.where(numbers.unit >= 0, numbers.unit, len(numbers.units))  # -1: no unit text
    accepted, pow10 = accept[unit], shift[unit] != _NO_SHIFT
    state = numbers.state
    one_by_one = (
        (state == _UNSAFE)
        | (accepted & (state == _LONG))
        | (accepted & ~pow10 & (state == _READ))  # 亩: exact only by the row's arithmetic
    )
    read = (state == _READ) & accepted & pow10
    zero = numbers.coef == 0
    power = numbers.power + np.where(read, shift[unit], 0)  # of the canonical (or root) unit
    t = power + rule.places
    fits = (t >= 0) & (t <= _MAX_COEF_DIGITS)
    t = np.clip(t, 0, _MAX_COEF_DIGITS)
    ok = read & (zero | (fits & (numbers.coef <= upper[unit] // _POW10[t])))
    if rule.lower == 0:
        ok &= zero | ~numbers.negative
    if rule.whole:
        ok &= zero | (power >= 0)
    magnitude = np.where(ok & ~zero, numbers.coef * _POW10[t], 0)
    return np.where(numbers.negative, -magnitude, magnitude), ok, one_by_one


_NO_SHIFT = np.iinfo(np.int64).min


def _unit_table(texts: list[str], rule: _Rule) -> tuple[BoolArray, IntArray, IntArray]:
    """Per distinct unit text (and one more entry for "no unit text"): whether ``rule``
    accepts it, its power of ten (``_NO_SHIFT`` when its factor is none) and the largest
    value it allows."""
    accept = np.zeros(len(texts) + 1, dtype=np.bool_)
    shift = np.full(len(texts) + 1, _NO_SHIFT, dtype=np.int64)
    upper = np.zeros(len(texts) + 1, dtype=np.int64)
    for code, text in enumerate(texts):
        unit = _unit(text)
        if unit.info is not None and rule.accepts(unit.info):
            accept[code] = True
            upper[code] = min(rule.upper(unit.info), _INT64_MAX)
            if unit.shift is not None:
                shift[code] = unit.shift
    return accept, shift, upper


def _scaled(value: Decimal | int, places: int) -> int | None:
    """``value × 10**places`` as an int when it is a whole number within ``int64``."""
    scaled = _WIDE.scaleb(Decimal(value), places)  # exact, whatever the caller's context
    if scaled != _WIDE.to_integral_value(scaled) or scaled.copy_abs() > _INT64_MAX:
        return None
    return int(scaled)


_WIDE = Context(prec=400)  # exact for every value the row parsers return, at any scale


def _one_by_one(values: Sequence[object], rule: _Rule) -> tuple[IntArray, BoolArray]:
    """Values read by the row parser itself, each scaled exactly (``ok`` False when refused
    or not a whole number of the scale unit within ``int64``)."""
    out = np.zeros(len(values), dtype=np.int64)
    ok = np.zeros(len(values), dtype=np.bool_)
    for index, value in enumerate(values):
        try:
            number = rule.row(value)
        except InputError:
            continue
        scaled = _scaled(number, rule.places)
        if scaled is not None:
            out[index], ok[index] = scaled, True
    return out, ok


# --------------------------------------------------------------------------------------------
# Columns in, answers out
# --------------------------------------------------------------------------------------------


def _split(column: object) -> tuple[pl.Series | None, list[object] | None, int]:
    """``column`` as a Polars string column, or as a list of Python values when it is not one
    (objects of other types, numbers); and its length."""
    if isinstance(column, pl.Series):
        series = column
    elif type(column).__module__.startswith("pyarrow"):
        series = pl.Series(column)  # type: ignore[arg-type]  # an Arrow array: no copy
    else:
        items = column.tolist() if isinstance(column, np.ndarray) else list(column)  # type: ignore[call-overload]
        try:  # texts and nulls only (the common case): no Python loop over the items
            return pl.Series(items, dtype=pl.String, strict=True), None, len(items)
        except (TypeError, ValueError):
            return None, items, len(items)
    if series.dtype in (pl.Categorical, pl.Enum):
        series = series.cast(pl.String)
    if series.dtype == pl.String:
        return series, None, len(series)
    return None, series.to_list(), len(series)


def _encode(series: pl.Series) -> tuple[pl.Series, npt.NDArray[np.uint32]]:
    """The distinct texts of ``series`` and each row's index among them (nulls: a null)."""
    encoded = series.cast(pl.Categorical(pl.Categories.random()))
    codes = encoded.to_physical()
    distinct = encoded.unique().drop_nulls()
    order = np.argsort(distinct.to_physical().to_numpy())
    texts = distinct.cast(pl.String).gather(order)
    return texts, codes.fill_null(0).to_numpy().astype(np.uint32, copy=False)


def _run(column: object, rule: _Rule) -> tuple[IntArray, BoolArray]:
    series, items, size = _split(column)
    if series is None:
        return _mixed(items or [], rule)
    if size == 0:
        return np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.bool_)
    texts, codes = _encode(series)
    values, ok, slow = _values(_read_texts(texts), rule)
    if slow.any():
        index = np.flatnonzero(slow)
        values[index], ok[index] = _one_by_one(texts.gather(index).to_list(), rule)
    nulls = series.is_null().to_numpy()
    out_ok = ok[codes] & ~nulls if len(texts) else np.zeros(size, dtype=np.bool_)
    out_values = np.where(out_ok, values[codes], 0) if len(texts) else np.zeros(size, np.int64)
    return out_values.astype(np.int64, copy=False), out_ok


def _mixed(items: list[object], rule: _Rule) -> tuple[IntArray, BoolArray]:
    """A column of Python values: texts in bulk, ints and floats in bulk, the rest (Decimals,
    Quantities, booleans …) one by one; ``None`` is refused."""
    values = np.zeros(len(items), dtype=np.int64)
    ok = np.zeros(len(items), dtype=np.bool_)
    kinds = np.array(
        [
            _KIND_OF.get(type(item), 3) if type(item) is not str or _encodable(item) else 3
            for item in items
        ],
        dtype=np.int8,
    )
    for code, read in enumerate(_READERS):
        index = np.flatnonzero(kinds == code)
        if len(index):
            values[index], ok[index] = read([items[i] for i in index], rule)
    others = [i for i in np.flatnonzero(kinds == 3) if items[i] is not None]
    values[others], ok[others] = _one_by_one([items[i] for i in others], rule)
    return values, ok


def _texts(items: list[object], rule: _Rule) -> tuple[IntArray, BoolArray]:
    return _run(pl.Series(items, dtype=pl.String), rule)


def _ints(items: list[object], rule: _Rule) -> tuple[IntArray, BoolArray]:
    """Bare ints: in bulk within ``int64``, else one by one."""
    small = [i for i, item in enumerate(items) if -_INT64_MAX <= item <= _INT64_MAX]  # type: ignore[operator]
    values = np.zeros(len(items), dtype=np.int64)
    ok = np.zeros(len(items), dtype=np.bool_)
    values[small], ok[small] = _int_array(np.array([items[i] for i in small], np.int64), rule)
    large = sorted(set(range(len(items))) - set(small))
    values[large], ok[large] = _one_by_one([items[i] for i in large], rule)
    return values, ok


def _int_array(array: IntArray, rule: _Rule) -> tuple[IntArray, BoolArray]:
    """Bare ints as the row parser reads them (``Decimal(n)``), scaled by ``10**places``."""
    info = units._NO_UNIT
    if not rule.accepts(info):
        return np.zeros(len(array), dtype=np.int64), np.zeros(len(array), dtype=np.bool_)
    most = min(rule.upper(info), _INT64_MAX) // 10**rule.places
    least = -most if rule.lower < 0 else 0
    ok = (array >= least) & (array <= most)
    return np.where(ok, array, 0) * 10**rule.places, ok


def _floats(items: list[object], rule: _Rule) -> tuple[IntArray, BoolArray]:
    array = np.array(items, dtype=np.float64)
    values, ok, slow = _float_array(array, rule)
    index = np.flatnonzero(slow)
    values[index], ok[index] = _one_by_one([items[i] for i in index], rule)
    return values, ok


def _encodable(text: str) -> bool:
    """Whether Polars can hold ``text`` (UTF-8: no lone surrogates)."""
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


_KIND_OF = {str: 0, int: 1, float: 2}
_READERS = (_texts, _ints, _floats)


def _float_array(
    array: npt.NDArray[np.float64], rule: _Rule
) -> tuple[IntArray, BoolArray, BoolArray]:
    """Floats read as their shortest repr (as the row parser reads them) at ``rule.places``.

    ``n = rint(x × 10**places)`` is that repr's value scaled when ``n / 10**places == x`` (the
    decimal ``n × 10**-places`` rounds to ``x``) and a unit in the last place of ``x`` is below
    a quarter of ``10**-places`` (then it is the only decimal of so few places that rounds to
    ``x``, so the shortest repr is it, and ``x × 10**places`` is within 1/4 of ``n``). Where the
    second test fails (floats beyond 2^50 units) the third array says: read one by one.
    """
    scale = 10.0**rule.places
    finite = np.isfinite(array)
    x = np.where(finite, array, 0.0)
    with np.errstate(over="ignore"):  # the spacing of the largest floats is infinite
        fine = finite & (np.spacing(np.abs(x)) * scale < 0.25)
    n = np.rint(np.where(fine, x, 0.0) * scale).astype(np.int64)
    exact = fine & (n.astype(np.float64) / scale == x)
    info = units._NO_UNIT
    bare = rule.accepts(info)
    upper = min(rule.upper(info), _INT64_MAX)
    ok = exact & bare & (np.abs(n) <= upper) & ((n >= 0) | (rule.lower < 0))
    if rule.whole:
        ok &= n % _POW10[rule.places] == 0
    ok &= (n != 0) | (x == 0)  # a float below 10^-places: refused, or not representable
    return np.where(ok, n, 0), ok, finite & ~fine & bare


# --------------------------------------------------------------------------------------------
# The public functions
# --------------------------------------------------------------------------------------------


def scale_of(kind: Kind, scale_unit: str | None = None) -> int:
    """The power of ten ``k`` such that :func:`parse_amounts` returns ``amount × 10**k``.

    ``scale_unit`` is a unit of ``kind`` whose size is a power of ten of the canonical unit
    (``"千克"`` for mass: 3; ``"万元"`` for money: -4); None means :data:`SCALE`.
    """
    if not isinstance(kind, Kind):
        raise InputError.single("$.kind", f"expected a units.Kind, got {kind!r}")
    if scale_unit is None:
        return len(str(SCALE[kind][1])) - 1
    info = units._lookup_unit(units._normalise(scale_unit)) if isinstance(scale_unit, str) else None
    shift = _log10(Fraction(int(info.den), int(info.num))) if info is not None else None
    if info is None or info.kind is not kind or shift is None:
        raise InputError.single(
            "$.scale_unit",
            f"expected a unit of {kind.description} that is a power of ten of "
            f"{kind.canonical_unit}, got {scale_unit!r}",
        )
    return shift


def _amount_rule(kind: Kind, places: int) -> _Rule:
    most = int(units.MAX_AMOUNT)
    upper = most * 10**places if places >= 0 else most // 10**-places
    return _Rule(
        accepts=lambda info: info.kind is kind,
        places=places,
        lower=0,
        upper=lambda info: upper,
        whole=False,
        row=lambda value: units.parse_amount(value, kind, path="$"),
    )


def parse_amounts(
    strings: object, kind: Kind, *, scale_unit: str | None = None
) -> tuple[IntArray, BoolArray]:
    """Amounts of ``kind`` in a column of texts: ``(values, ok)``, two NumPy arrays.

    ``values`` (``int64``) holds each amount as a whole number of the scale unit
    (:data:`SCALE`, or ``scale_unit``; see :func:`scale_of`) where ``ok`` is True; elsewhere 0.
    ``ok`` is False exactly where :func:`nmgpolicy.units.parse_amount` refuses the value (for
    any reason: null, no unit, another kind, negative, above ``MAX_AMOUNT``, unparsable), or
    where the amount is not a whole number of the scale unit or exceeds ``int64``: send those
    rows to the row path. ``strings`` is a Polars or Arrow string column, a NumPy array or a
    sequence; values that are not strings are read by the row parser one by one.
    """
    return _run(strings, _amount_rule(kind, scale_of(kind, scale_unit)))


def _number_rule(form: Form, places: int) -> _Rule:
    if form == "share":
        return _Rule(
            accepts=lambda info: not info.dims,
            places=places,
            lower=0,
            upper=lambda info: 10**places,
            whole=False,
            row=lambda value: units.parse_share(value, path="$"),
        )
    if form in ("ratio", "unsigned_ratio"):
        signed = form == "ratio"
        most = int(units.MAX_RATIO)
        return _Rule(
            accepts=lambda info: not info.dims,
            places=places,
            lower=-1 if signed else 0,
            upper=lambda info: (most if info.text else 1) * 10**places,
            whole=False,
            row=lambda value: units.parse_ratio(value, path="$", signed=signed),
        )
    return _Rule(
        accepts=lambda info: not info.text or info.dims in units._COUNT_DIMS,
        places=places,
        lower=0,
        upper=lambda info: int(units.MAX_AMOUNT) * 10**places,
        whole=True,
        row=lambda value: units.parse_count(value, path="$"),
    )


def parse_numbers(
    values: object, *, form: Form = "share", places: int = 4
) -> tuple[IntArray, BoolArray]:
    """Shares, ratios or counts in a column: ``(values, ok)``, scaled by ``10**places``.

    ``form`` names the row parser the column must agree with (:data:`FORMS`): ``"share"``
    (``"60%"``, ``0.6`` → 6000 at 4 places), ``"ratio"`` (signed, ``"-5%"``, ``"120%"``),
    ``"unsigned_ratio"``, ``"count"`` (``"1200人"``, ``"1.2万人"``, ``3``). ``values`` may hold
    texts, ints and floats (a float is read through its shortest repr, as the row parser does).
    ``ok`` is False exactly where that parser refuses the value or the value is not a whole
    number of ``10**-places`` within ``int64``.
    """
    if form not in FORMS:
        raise InputError.single("$.form", f"expected one of {', '.join(FORMS)}, got {form!r}")
    if not isinstance(places, int) or isinstance(places, bool) or not 0 <= places <= 18:
        raise InputError.single("$.places", f"expected an int from 0 to 18, got {places!r}")
    rule = _number_rule(form, places)
    if isinstance(values, np.ndarray) and values.dtype.kind == "f":
        out, ok, slow = _float_array(values.astype(np.float64, copy=False), rule)
        index = np.flatnonzero(slow)
        out[index], ok[index] = _one_by_one(values[index].tolist(), rule)
        return out, ok
    if isinstance(values, np.ndarray) and values.dtype.kind in "iu":
        return _ints(values.tolist(), rule)
    return _run(values, rule)
