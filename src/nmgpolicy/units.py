"""Quantities with units, as Chinese regulations write them: parse once, compare exact Decimals.

Facts arrive as strings with units (``"15亿元"``, ``"30万吨"``, ``"3000kVA"``, ``"100平方公里"``,
``"85万元/套"``). This module turns them, at the boundary, into plain :class:`~decimal.Decimal`
magnitudes in one *canonical* unit per :class:`Kind` (元, 吨, kVA, 平方公里, 元/套, …), so that
every threshold comparison downstream is an exact ``Decimal`` comparison and a boundary case such
as ``"79.99万元/套" < "80万元/套"`` can never be decided by a float rounding error.

Why each rule:

* **One registry.** :data:`ureg` is a pint ``UnitRegistry(non_int_type=Decimal)`` holding only
  the units this library needs, each defined by an exact factor (万元 = 10000 元, 亿元 = 10^8 元,
  万吨 = 10^4 吨, …). No SI prefixes are defined, so a typo such as ``"mVA"`` is refused instead
  of silently meaning milli-volt-ampere.
* **Own dimensions.** Money is ``[currency]``; apparent power (kVA, a transformer's capacity) is
  ``[apparent_power]``, *not* watts, so ``"3000kW"`` can never pass as ``"3000kVA"``; and each
  counting unit (套, 台, 个, 家, 人) is its own dimension, so 万元/套, 万元/台 and 万元/吨 are three
  different, incomparable kinds of value.
* **No float.** Magnitudes are ``Decimal`` from the text to the comparison. Conversion factors are
  exact fractions; every one is a power of ten except 亩 (1 亩 = 1/1500 平方公里 exactly, which is
  not a finite decimal: it is rounded to 50 significant digits).
* **Refuse, don't guess.** A money or mass amount without a unit, a unit of the wrong dimension,
  NaN, infinity, a negative or absurdly large amount, and a bare share above 1 are refused with
  :class:`~nmgpolicy.errors.InputError`; every message carries the JSON path and a valid example
  (``e.g. "15亿元"``).
* **Fast.** A text in the common form (``"15.2亿元"``, ``"3000 kVA"``, ``"60%"``: ASCII digits,
  a unit of the registry's characters) is read by one compiled pattern without normalising,
  and every text read is kept in a bounded cache by its exact text (safe from many threads),
  so a repeated text costs a dictionary lookup and a new one about a microsecond; these fast
  paths take no decimal context and answer only when every check passes. Any other input goes
  through the full reader: normalised (NFKC: full-width ``"８０万元／套"`` becomes
  ``"80万元/套"``; ``每`` means ``/``; ``1,000`` thousands separators), the number split from
  the unit with a regular expression, the unit text looked up in an LRU cache. A new unit text
  is read by a small grammar of the registry's words (``*``, ``/``, juxtaposition,
  parentheses, whole powers up to ±4, at most 16 tokens), not by pint's parser, which takes
  100-400 µs a text: an input of many distinct unit texts stays fast. Whole columns of texts
  are read by ``nmgpolicy.columnar._units`` (the ``columnar`` extra), which agrees with this
  reader on every text.
* **Bounded.** Numbers are held to the input budget (:data:`nmgpolicy.limits.BUDGET`: digits
  and exponent) before they are converted or computed with; every public function raises
  nothing but :class:`~nmgpolicy.errors.InputError` for any argument, whatever the caller's
  decimal context.
"""

from __future__ import annotations

import inspect
import re
import threading
import unicodedata
from collections.abc import Callable, Sequence
from decimal import MAX_EMAX, MIN_EMIN, Context, Decimal, InvalidOperation
from enum import Enum
from fractions import Fraction
from functools import lru_cache, update_wrapper
from itertools import islice
from typing import TYPE_CHECKING, Any, Generic, NamedTuple, TypeAlias, TypeVar

import pint
from pint.util import UnitsContainer

from nmgpolicy._exact import exact
from nmgpolicy.errors import InputError, Problem, shown
from nmgpolicy.limits import number_problem

__all__ = [
    "MAX_AMOUNT",
    "MAX_RATIO",
    "Kind",
    "Quantity",
    "convert",
    "format_amount",
    "format_decimal",
    "parse_amount",
    "parse_count",
    "parse_measure",
    "parse_ratio",
    "parse_share",
    "quantity",
    "ureg",
]

if TYPE_CHECKING:
    Quantity: TypeAlias = pint.Quantity[Any]
else:
    Quantity = pint.Quantity
"""The type :func:`quantity` returns: a pint Quantity (of :data:`ureg`, Decimal magnitude)."""

MAX_AMOUNT = Decimal("1E+18")
"""The largest amount :func:`parse_amount` accepts, in the kind's canonical unit.

10^18 元 is about a thousand times the world's annual output; anything larger is a typo (an
exponent, a unit slip), and refusing it keeps every magnitude within exact Decimal arithmetic.
The same bound applies to :func:`parse_count`.
"""

_MAX_TEXT = 200  # characters; longer strings are not quantities but pasted text
_MAX_ADJUSTED = 40  # refuse magnitudes >= 10^41 or < 10^-40 (before conversion)
_FORMAT_LIMIT = 1000  # format_decimal refuses exponents beyond this (a string of that many digits)

# All conversions run in this context: 50 significant digits (exact for every input below
# MAX_AMOUNT with a sane number of decimals) and an exponent range that cannot overflow after
# the _MAX_ADJUSTED guard. Using our own context makes results independent of the caller's
# thread-local decimal context.
_CTX = Context(prec=50, Emax=MAX_EMAX, Emin=MIN_EMIN)


# --------------------------------------------------------------------------------------------
# The registry
# --------------------------------------------------------------------------------------------


class _UnitDef(NamedTuple):
    """One unit: ``name = factor * reference``; a reference ``[dim]`` makes it a base unit and
    an empty reference makes it a pure number (like ``percent``)."""

    name: str
    reference: str
    factor: Fraction
    symbol: str
    aliases: tuple[str, ...] = ()


def _d(name: str, reference: str, factor: int | Fraction, symbol: str, *aliases: str) -> _UnitDef:
    return _UnitDef(name, reference, Fraction(factor), symbol, aliases)


_UNIT_DEFS: tuple[_UnitDef, ...] = (
    # money: its own dimension
    _d("yuan", "[currency]", 1, "元", "CNY", "RMB", "cny", "rmb"),
    _d("qian_yuan", "yuan", 1000, "千元"),
    _d("wan_yuan", "yuan", 10**4, "万元"),
    _d("million_yuan", "yuan", 10**6, "百万元"),
    _d("qian_wan_yuan", "yuan", 10**7, "千万元"),
    _d("yi_yuan", "yuan", 10**8, "亿元"),
    # mass
    _d("kilogram", "[mass]", 1, "kg", "千克", "公斤"),
    _d("gram", "kilogram", Fraction(1, 1000), "g", "克"),
    _d("tonne", "kilogram", 1000, "t", "吨", "metric_ton"),
    _d("wan_tonne", "tonne", 10**4, "万吨"),
    # length and area
    _d("meter", "[length]", 1, "m", "米", "metre"),
    _d("kilometer", "meter", 1000, "km", "公里", "千米", "kilometre"),
    _d("square_meter", "meter**2", 1, "m2", "平方米"),
    _d("square_kilometer", "kilometer**2", 1, "km2", "平方公里", "平方千米"),
    _d("hectare", "square_meter", 10**4, "ha", "公顷"),
    _d("mu", "square_meter", Fraction(10**4, 15), "亩"),
    # apparent power: its own dimension, never comparable with watts
    _d("volt_ampere", "[apparent_power]", 1, "VA", "伏安", "va"),
    _d("kilovolt_ampere", "volt_ampere", 1000, "kVA", "千伏安", "kva", "KVA"),
    _d("wan_kilovolt_ampere", "kilovolt_ampere", 10**4, "万千伏安"),
    _d("megavolt_ampere", "volt_ampere", 10**6, "MVA", "兆伏安", "mva"),
    # real power: known only so that "3000kW" is refused as the wrong dimension, not as gibberish
    _d("watt", "[power]", 1, "W", "瓦"),
    _d("kilowatt", "watt", 1000, "kW", "千瓦", "kw", "KW"),
    _d("wan_kilowatt", "kilowatt", 10**4, "万千瓦"),
    _d("megawatt", "watt", 10**6, "MW", "兆瓦"),
    # counting units: each its own dimension, so 万元/套 and 万元/台 never compare
    _d("set", "[set]", 1, "套"),
    _d("machine", "[machine]", 1, "台"),
    _d("item", "[item]", 1, "个", "件"),
    _d("enterprise", "[enterprise]", 1, "家"),
    _d("person", "[person]", 1, "人", "名"),
    # pure numbers
    _d("percent", "", Fraction(1, 100), "%"),
    _d("permille", "", Fraction(1, 1000), "_"),
    _d("wan", "", 10**4, "万"),
    _d("yi", "", 10**8, "亿"),
)

# Unit words that pint's tokenizer cannot take, or that we want to map ourselves, with the ASCII
# unit name each stands for. Every non-ASCII symbol and alias above is added below.
_EXTRA_WORDS = {"%": "percent", "‰": "permille"}


def _pint_definition(u: _UnitDef) -> str:
    names = " = ".join((u.symbol, *u.aliases))
    if u.reference.startswith("["):
        return f"{u.name} = {u.reference} = {names}"
    factor = f"{u.factor.numerator} / {u.factor.denominator}"
    if u.reference:
        return f"{u.name} = {factor} * {u.reference.replace('**', ' ** ')} = {names}"
    return f"{u.name} = {factor} = {names}"


def _build_registry() -> tuple[pint.UnitRegistry[Any], dict[str, Fraction], dict[str, str]]:
    """The registry, each unit's exact factor to its root (base) units, and the word table."""
    registry: pint.UnitRegistry[Any] = pint.UnitRegistry(
        None, non_int_type=Decimal, on_redefinition="raise", cache_folder=None
    )
    roots: dict[str, Fraction] = {}
    words: dict[str, str] = dict(_EXTRA_WORDS)
    for u in _UNIT_DEFS:
        registry.define(_pint_definition(u))
        if u.reference.startswith("["):
            roots[u.name] = Fraction(1)
        elif u.reference:
            ref, _, power = u.reference.partition("**")
            roots[u.name] = u.factor * roots[ref] ** int(power or 1)
        else:
            roots[u.name] = u.factor
        for word in (u.symbol, *u.aliases):
            if not word.isascii():
                words[word] = u.name
    registry.formatter.default_format = "~"
    return registry, roots, words


ureg: pint.UnitRegistry[Any]
"""The one unit registry of nmgpolicy (Decimal magnitudes; units for Chinese regulations).

Use it for any quantity that meets nmgpolicy's: quantities from another registry are refused.
It knows Chinese unit words too (``ureg.Quantity(Decimal(80), "万元/套")``), but prefer
:func:`quantity`, which also normalises full-width and odd input. A unit someone defines in
it later is accepted in a Quantity (at pint's factor), not in a text: texts are read by
nmgpolicy's grammar of its own units.
"""
_ROOT_FACTOR: dict[str, Fraction]
_WORDS: dict[str, str]
ureg, _ROOT_FACTOR, _WORDS = _build_registry()

_STANDALONE = frozenset({"percent", "permille"})
_WORD_RE = re.compile("|".join(re.escape(w) for w in sorted(_WORDS, key=len, reverse=True)))


def _ascii_unit(text: str) -> str:
    """Replace Chinese unit words by pint unit names, longest first (万千伏安 before 千伏安)."""
    return _WORD_RE.sub(lambda m: f" {_WORDS[m.group()]} ", text)


def _terms_factor(terms: tuple[tuple[str, int], ...]) -> Fraction:
    factor = Fraction(1)
    for name, power in terms:
        root = _ROOT_FACTOR.get(name)
        if root is None:
            root = Fraction(str(ureg.get_root_units(name)[0]))
        factor *= root**power
    return factor


def _whole_power(power: object) -> int:
    """A unit's power as an int: a whole number up to ±4 (not ``m**0.5``); raises ValueError."""
    number = Decimal(str(power))
    if not number.is_finite() or number.copy_abs() > 4 or number != number.to_integral_value():
        raise ValueError(f"unsupported exponent {power}")
    return int(number)


def _check_terms(terms: dict[str, int]) -> tuple[tuple[str, int], ...]:
    """The unit's (name, power) terms, checked: powers up to ±4, and percent and per mille
    stand alone (``"60%%"`` is not 0.006, ``"5%/套"`` is nothing). Raises ValueError."""
    items = tuple((name, power) for name, power in terms.items() if power)
    for name, power in items:
        if abs(power) > 4:
            raise ValueError(f"unsupported exponent {power} of {name}")
        if name in _STANDALONE and (power != 1 or len(items) > 1):
            raise ValueError(f"{name} must stand alone")
    return items


# The unit grammar, parsed here rather than by pint (whose parser takes 100-400 µs per new
# text, which an input of many distinct unit texts would multiply): words of the registry
# (each unit's name, ASCII symbol and aliases; a Chinese word is first replaced by its unit's
# name), combined by "*", "/", juxtaposition ("kg m") and parentheses, each raised to a whole
# power by "**" or "^" ("km**2", "m^-1"); the number 1 as a factor ("1/套"). A test checks
# that pint reads every text this grammar accepts to the same factor and dimensions.
_UNIT_TOKEN = re.compile(
    r"\s*(?:(?P<word>[A-Za-z_][A-Za-z0-9_]*)|(?P<number>[0-9]+(?:\.[0-9]*)?)|(?P<op>\*\*|[*/^()+-]))"
)
_MAX_UNIT_TOKENS = 16  # "(kg*m)/(km**2)" is 11; a real unit is shorter


def _tokens(text: str) -> list[tuple[str, str]] | None:
    tokens: list[tuple[str, str]] = []
    text = text.rstrip()
    pos = 0
    while pos < len(text):
        match = _UNIT_TOKEN.match(text, pos)
        if match is None or match.lastgroup is None or len(tokens) >= _MAX_UNIT_TOKENS:
            return None
        tokens.append((match.lastgroup, match[match.lastgroup]))
        pos = match.end()
    return tokens


class _UnitParser:
    """Recursive descent over :func:`_tokens`: product := power (("*" | "/" | ) power)*;
    power := atom (("**" | "^") [+-] number)?; atom := word | 1 | "(" product ")"."""

    def __init__(self, tokens: list[tuple[str, str]]) -> None:
        self.tokens = tokens
        self.at = 0

    def peek(self) -> tuple[str, str]:
        return self.tokens[self.at] if self.at < len(self.tokens) else ("end", "")

    def take(self) -> tuple[str, str]:
        token = self.peek()
        self.at += 1
        return token

    def whole(self) -> dict[str, int]:
        terms = self.product() if self.tokens else {}
        if self.at != len(self.tokens):
            raise ValueError("unexpected text after the unit")
        return terms

    def product(self) -> dict[str, int]:
        terms = self.power()
        while True:
            kind, text = self.peek()
            if kind == "op" and text in "*/":
                self.at += 1
                sign = -1 if text == "/" else 1
            elif kind in ("word", "number") or (kind, text) == ("op", "("):
                sign = 1  # juxtaposition multiplies: "kg m"
            else:
                return terms
            for name, power in self.power().items():
                terms[name] = terms.get(name, 0) + sign * power

    def power(self) -> dict[str, int]:
        terms = self.atom()
        if self.peek() in (("op", "**"), ("op", "^")):
            self.at += 1
            sign = 1
            if self.peek() in (("op", "-"), ("op", "+")):
                sign = -1 if self.take()[1] == "-" else 1
            kind, text = self.take()
            if kind != "number":
                raise ValueError("expected a number as the power")
            exponent = sign * _whole_power(text)
            terms = {name: power * exponent for name, power in terms.items()}
        return terms

    def atom(self) -> dict[str, int]:
        kind, text = self.take()
        if kind == "word" and text in _IDENTS:
            return {_IDENTS[text]: 1}
        if kind == "number" and text.rstrip("0") in ("1", "1."):
            return {}
        if (kind, text) == ("op", "("):
            terms = self.product()
            if self.take() != ("op", ")"):
                raise ValueError("unbalanced parenthesis")
            return terms
        raise ValueError(f"unknown unit word {text!r}")


def _dimensions(terms: tuple[tuple[str, int], ...]) -> UnitsContainer:
    dims: dict[str, int] = {}
    for name, power in terms:
        for dim, exponent in _BASE_DIMS[name].items():
            dims[dim] = dims.get(dim, 0) + exponent * power
    return UnitsContainer({dim: Decimal(e) for dim, e in dims.items() if e}, non_int_type=Decimal)


def _analyse(text: str) -> tuple[tuple[tuple[str, int], ...], Fraction, UnitsContainer]:
    """Parse unit text into ((name, power) terms, exact root factor, dimensionality); raises
    ValueError on failure."""
    terms = _parse_terms(text)
    return terms, _terms_factor(terms), _dimensions(terms)


def _parse_terms(text: str) -> tuple[tuple[str, int], ...]:
    """Unit text → its checked (name, power) terms; raises ValueError."""
    tokens = _tokens(_ascii_unit(text))
    if tokens is None:
        raise ValueError("not a unit")
    return _check_terms(_UnitParser(tokens).whole())


def _build_words() -> tuple[dict[str, str], dict[str, dict[str, int]]]:
    """The ASCII words of the grammar (each → its unit's name, plurals as pint reads them)
    and each unit's dimensions in base dimensions."""
    idents: dict[str, str] = {}
    dims: dict[str, dict[str, int]] = {}
    for u in _UNIT_DEFS:
        if u.reference.startswith("["):
            dims[u.name] = {u.reference: 1}
        elif u.reference:
            ref, _, power = u.reference.partition("**")
            dims[u.name] = {d: e * int(power or 1) for d, e in dims[ref].items()}
        else:
            dims[u.name] = {}
        for word in (u.name, u.symbol, *u.aliases):
            if word.isascii() and word.isidentifier() and word != "_":
                idents.setdefault(word, u.name)
    plurals = {f"{w}s": name for w, name in idents.items() if _pint_plural(f"{w}s", name)}
    return {**plurals, **idents}, dims


def _pint_plural(plural: str, name: str) -> bool:
    """Whether pint reads ``plural`` as the unit ``name`` ("tonnes", "yuans", "kgs"; not "ts")."""
    try:
        return bool(ureg.parse_units(plural) == ureg.parse_units(name))
    except Exception:  # pint refuses it
        return False


_IDENTS, _BASE_DIMS = _build_words()


# --------------------------------------------------------------------------------------------
# Kinds of quantity
# --------------------------------------------------------------------------------------------


class Kind(Enum):
    """The kinds of amount that facts hold, each with its canonical unit.

    :func:`parse_amount` returns a Decimal in :attr:`canonical_unit`; :func:`format_amount`
    shows it in the first of :attr:`display_units` that the amount reaches (the last one
    otherwise); :attr:`example` is quoted in every error message about this kind. The value is
    a stable lower-case id (``Kind("money_per_set") is Kind.MONEY_PER_SET``).
    """

    MONEY = "money"
    """元; e.g. "15亿元"."""
    MASS = "mass"
    """吨; e.g. "30万吨"."""
    APPARENT_POWER = "apparent_power"
    """kVA (a transformer's capacity; never comparable with kW); e.g. "3000kVA"."""
    AREA = "area"
    """平方公里 (km²); e.g. "100平方公里"."""
    MONEY_PER_SET = "money_per_set"
    """元/套; e.g. "85万元/套"."""
    MONEY_PER_MACHINE = "money_per_machine"
    """元/台; e.g. "12万元/台"."""
    MONEY_PER_MASS = "money_per_mass"
    """元/吨; e.g. "2.5万元/吨"."""
    MASS_PER_MONEY = "mass_per_money"
    """吨/元, such as a carbon intensity; e.g. "0.9吨/万元"."""

    @property
    def canonical_unit(self) -> str:
        """The unit of the Decimals that :func:`parse_amount` returns (元, 吨, kVA, 元/套, …)."""
        return _KIND_SPEC[self].canonical_unit

    @property
    def display_units(self) -> tuple[str, ...]:
        """The units :func:`format_amount` chooses from, largest first."""
        return _KIND_SPEC[self].display_units

    @property
    def example(self) -> str:
        """A valid value of this kind, quoted in error messages."""
        return _KIND_SPEC[self].example

    @property
    def description(self) -> str:
        """What the kind is, in English, for error messages ("money per set")."""
        return _KIND_SPEC[self].description

    @property
    def unit(self) -> pint.Unit:
        """The canonical unit as a pint unit of :data:`ureg`."""
        return _KIND_UNIT[self]

    @property
    def dimensionality(self) -> UnitsContainer:
        """The pint dimensionality that identifies this kind (e.g. ``[currency] / [set]``)."""
        return _KIND_DIMS[self]


class _KindSpec(NamedTuple):
    canonical_unit: str
    display_units: tuple[str, ...]
    example: str
    description: str


_KIND_SPEC: dict[Kind, _KindSpec] = {
    Kind.MONEY: _KindSpec("元", ("亿元", "万元", "元"), "15亿元", "an amount of money"),
    Kind.MASS: _KindSpec("吨", ("万吨", "吨"), "30万吨", "a mass"),
    Kind.APPARENT_POWER: _KindSpec(
        "kVA", ("kVA",), "3000kVA", "an apparent power (transformer capacity, kVA)"
    ),
    Kind.AREA: _KindSpec("平方公里", ("平方公里",), "100平方公里", "an area"),
    Kind.MONEY_PER_SET: _KindSpec("元/套", ("万元/套", "元/套"), "85万元/套", "money per set"),
    Kind.MONEY_PER_MACHINE: _KindSpec(
        "元/台", ("万元/台", "元/台"), "12万元/台", "money per machine"
    ),
    Kind.MONEY_PER_MASS: _KindSpec("元/吨", ("万元/吨", "元/吨"), "2.5万元/吨", "money per mass"),
    Kind.MASS_PER_MONEY: _KindSpec(
        "吨/元", ("吨/万元",), "0.9吨/万元", "mass per money (e.g. carbon intensity)"
    ),
}

_KIND_UNIT: dict[Kind, pint.Unit] = {}
_KIND_DIMS: dict[Kind, UnitsContainer] = {}
_KIND_FACTOR: dict[Kind, Fraction] = {}
_KIND_BY_DIMS: dict[UnitsContainer, Kind] = {}
for _kind in Kind:
    _KIND_UNIT[_kind] = ureg.parse_units(_ascii_unit(_kind.canonical_unit))
    _, _KIND_FACTOR[_kind], _KIND_DIMS[_kind] = _analyse(_kind.canonical_unit)
    _KIND_BY_DIMS[_KIND_DIMS[_kind]] = _kind

_COUNT_DIMS = frozenset(_analyse(w)[2] for w in ("套", "台", "个", "家", "人"))

# How error messages name a dimensionality that is not the expected one.
_DIM_NAMES: dict[UnitsContainer, str] = {
    **{dims: kind.description for kind, dims in _KIND_DIMS.items()},
    _analyse("")[2]: "a plain number",
    _analyse("W")[2]: "a real power in watts, not an apparent power in VA",
    _analyse("m")[2]: "a length",
    **dict.fromkeys(_COUNT_DIMS, "a count"),
}


def _describe(dims: UnitsContainer) -> str:
    return _DIM_NAMES.get(dims) or str(dims)


# --------------------------------------------------------------------------------------------
# Parsing
# --------------------------------------------------------------------------------------------


class _UnitInfo(NamedTuple):
    """What a unit text means, computed once per distinct text (see :func:`_lookup_unit`).

    ``num / den`` converts a magnitude in this unit to the canonical unit of :attr:`kind`, or
    to root units when the unit is no kind's (counts, pure numbers, percent). ``pure`` and
    ``counting`` answer ``not dims`` and ``dims in _COUNT_DIMS`` once (pint's containers
    compare and hash in Python: too slow to ask on every value read).
    """

    text: str
    terms: tuple[tuple[str, int], ...]
    dims: UnitsContainer
    kind: Kind | None
    num: Decimal
    den: Decimal
    pure: bool
    counting: bool


def _info(
    terms: tuple[tuple[str, int], ...], factor: Fraction, dims: UnitsContainer, text: str
) -> _UnitInfo:
    kind = _KIND_BY_DIMS.get(dims)
    ratio = factor / _KIND_FACTOR[kind] if kind is not None else factor
    num, den = Decimal(ratio.numerator), Decimal(ratio.denominator)
    return _UnitInfo(text, terms, dims, kind, num, den, not dims, dims in _COUNT_DIMS)


@lru_cache(maxsize=1024)
def _lookup_unit(text: str) -> _UnitInfo | None:
    """The meaning of normalised unit text (``"万元/套"``), or None if it is not a unit we know.

    A few microseconds for a new text (the grammar above), less for a cached one.
    """
    try:
        terms = _parse_terms(text)
    except ValueError:
        return None
    return _terms_info(terms)._replace(text=text)


@lru_cache(maxsize=1024)
def _terms_info(terms: tuple[tuple[str, int], ...]) -> _UnitInfo:
    """The meaning of parsed terms; different texts of one unit (``"kg"``, ``"千克"``,
    ``"kg*t/t"``) share it, so that new texts cost only their parse."""
    return _info(terms, _terms_factor(terms), _dimensions(terms), "")


@lru_cache(maxsize=256)
def _lookup_pint_unit(unit: pint.Unit) -> _UnitInfo | None:
    """The meaning of a pint unit of :data:`ureg` (for Quantity inputs), or None if unsupported."""
    try:
        items = tuple(ureg.Quantity(1, unit).unit_items())
        terms = _check_terms({name: _whole_power(power) for name, power in items})
        factor = _terms_factor(terms)
    except ValueError:
        return None
    return _info(terms, factor, ureg.get_dimensionality(unit), f"{unit:~}")


@lru_cache(maxsize=256)
def _pint_unit(terms: tuple[tuple[str, int], ...]) -> pint.Unit:
    """The pint unit of parsed terms (for :func:`quantity`)."""
    return ureg.Unit(" * ".join(f"{name} ** {power}" for name, power in terms) or "")


_NO_UNIT = _info(*_analyse(""), "")

_TRANSLATE = str.maketrans({"每": "/", "−": "-", "·": "*", "×": "*"})
_NUMBER_RE = re.compile(
    r"(?P<number>[+-]?(?:(?:[0-9]{1,3}(?:,[0-9]{3})+|[0-9]+)(?:\.[0-9]+)?|\.[0-9]+)"
    r"(?:[eE][+-]?[0-9]+)?)\s*(?P<unit>.*)"
)
_NONFINITE_RE = re.compile(r"[+-]?(?:s?nan|inf)", re.IGNORECASE)


def _normalise(text: str) -> str:
    """NFKC (full-width to ASCII), 每 → /, Unicode minus → -, trimmed; 百分之N → N%."""
    if not unicodedata.is_normalized("NFKC", text):
        text = unicodedata.normalize("NFKC", text)
    text = text.translate(_TRANSLATE).strip()
    if text.startswith("百分之"):
        text = text[3:].lstrip() + "%"
    return text


def _refuse(path: str, message: str, example: str) -> InputError:
    """The error for one bad value; ``example`` is shown as ``e.g. <example>``."""
    return InputError([Problem(path, f"{message}; e.g. {example}")])


def _check_range(mag: Decimal, value: object, path: str, example: str) -> Decimal:
    if not mag.is_finite():
        raise _refuse(path, f"{shown(value)} is not a finite number", example)
    problem = number_problem(mag)  # the input budget: digits, places, exponent
    if problem is not None:
        raise _refuse(path, problem, example)
    if not mag.is_zero() and not -_MAX_ADJUSTED <= mag.adjusted() <= _MAX_ADJUSTED:
        raise _refuse(path, f"{shown(value)} is out of range", example)
    return mag


# --------------------------------------------------------------------------------------------
# Readings: the fast path for texts in the common form, and the cache of every text read
# --------------------------------------------------------------------------------------------

V = TypeVar("V")


class _BoundedCache(Generic[V]):
    """A bounded map from exact texts to what they read as, safe from many threads.

    Reads take no lock (one dict lookup, atomic under the GIL and in free-threaded builds);
    so does a write while the cache has room (one ``dict.setdefault``, atomic too), which keeps
    the first value stored for a text, so that every thread sees one value per text. When
    full, a write takes the lock and drops the older half (first in, first out): amortised O(1)
    per write, and no bookkeeping on a hit, unlike an LRU. A write racing with that halving
    may be lost (the text is read again next time: an equal value, the cache a cache). Only
    values that do not depend on the caller's decimal context are stored (see
    :func:`_new_reading`).
    """

    __slots__ = ("_data", "_lock", "maxsize")

    def __init__(self, maxsize: int) -> None:
        self.maxsize = maxsize
        self._data: dict[str, V] = {}
        self._lock = threading.Lock()

    def get(self, key: str) -> V | None:
        return self._data.get(key)

    def put(self, key: str, value: V) -> V:
        data = self._data
        if len(data) < self.maxsize:  # the common case: one atomic dict operation, no lock
            return data.setdefault(key, value)
        with self._lock:
            data = self._data
            stored = data.get(key)
            if stored is not None:
                return stored
            if len(data) >= self.maxsize:
                # The newer half of a copy (writers do not take the lock), without a list of
                # its items: a list of 16,384 new pairs set off the garbage collector's full
                # pass, which made this halving take 6 ms, not 1.
                newer = islice(data.copy().items(), len(data) // 2, None)
                data = self._data = dict(newer)
            data[key] = value
            return value

    def clear(self) -> None:
        with self._lock:
            self._data = {}

    def __len__(self) -> int:
        return len(self._data)


class _Reading(NamedTuple):
    """What one text reads as, once it has passed every check of :func:`_parse_text`.

    ``scaled`` is ``_scale(mag, info)``, in the canonical unit of ``info.kind`` (root units
    for the other units); ``measure`` is what :func:`parse_measure` returns for the text, or
    None when it refuses it whatever the kinds (no kind, negative, above :data:`MAX_AMOUNT`).
    """

    mag: Decimal
    info: _UnitInfo
    scaled: Decimal
    measure: Decimal | None


def _new_reading(mag: Decimal, info: _UnitInfo) -> _Reading:
    """The reading of ``mag`` in ``info``; the same whatever the caller's decimal context
    (every operation is quiet, exact or in :data:`_CTX`)."""
    scaled = _MULTIPLY(mag, info.num)  # _scale(mag, info), one call fewer (the hot path)
    den = info.den
    if den != _ONE:
        scaled = _DIVIDE(scaled, den)
    ok = info.kind is not None and _ZERO <= scaled <= MAX_AMOUNT
    return _make_reading(_Reading, (mag, info, scaled, scaled.copy_abs() if ok else None))


_ZERO = Decimal(0)
_ONE = Decimal(1)
_MULTIPLY, _DIVIDE = _CTX.multiply, _CTX.divide
_make_reading = tuple.__new__  # _Reading(*values) without the named tuple's Python __new__


_READINGS: _BoundedCache[_Reading] = _BoundedCache(16384)
"""Every text read successfully (by the fast pattern or by :func:`_parse_text`), by exact
text. 16,384 texts take about 6 MB; a text that fails is not stored (its error is rebuilt,
with its path, by the full reader)."""

_FAST_ANSWERS: dict[str, tuple[str, str]] = {
    "amount": ("{r}.measure is not None and {r}.info.kind is {kind}", "{r}.measure"),
    "share": ("{r}.info.pure and _ZERO <= {r}.scaled <= _ONE", "{r}.scaled.copy_abs()"),
    "count": (
        "(not {r}.info.text or {r}.info.counting) and _ZERO <= {r}.scaled <= _MAX_AMOUNT"
        " and {r}.scaled == _integral({r}.scaled)",
        "int({r}.scaled)",
    ),
}
"""The one statement of when a text's reading ``{r}`` answers at once, and with what:
:func:`parse_amount` (of the kind ``{kind}``), :func:`parse_share` and :func:`parse_count`
(their fast paths, :data:`_FAST_AMOUNT` …, are compiled from it) and the generated structurer
of :mod:`nmgpolicy.convert` (which writes the same expressions into its code). Anything else
goes to the full reader, which answers the same for these readings. Names below:
:data:`_FAST_ANSWER_NAMES`."""

_MAX_AMOUNT = MAX_AMOUNT
_integral = _CTX.to_integral_value

_FAST_ANSWER_NAMES: dict[str, object] = {
    "_ZERO": _ZERO,
    "_ONE": _ONE,
    "_MAX_AMOUNT": _MAX_AMOUNT,
    "_integral": _integral,
}
"""The names the expressions of :data:`_FAST_ANSWERS` use, as this module names them (every
value exact or in :data:`_CTX`, so no caller's decimal context changes an answer)."""


def _fast_answer(name: str) -> Callable[..., Any]:
    """``_FAST_ANSWERS[name]`` as a function of a text (and the kind, for an amount): its
    answer when the text is cached or in the common form and its reading answers at once,
    else None. Compiled in this module's namespace, so that it reads the cache and
    :func:`_plain_reading` as they are when called."""
    condition, answer = _FAST_ANSWERS[name]
    read = "(r := (_READINGS._data.get(text) or _plain_reading(text))) is not None"
    text = f"lambda text, kind=None: ({answer}) if {read} and ({condition}) else None"
    function: Callable[..., Any] = eval(text.format(r="r", kind="kind"), globals())  # our text
    return function


_FAST_AMOUNT = _fast_answer("amount")
_FAST_SHARE = _fast_answer("share")
_FAST_COUNT = _fast_answer("count")

# The common form, read without normalising: ASCII digits with an optional sign and decimal
# part (no exponent; thousands separators only grouped as _NUMBER_RE groups them, "1,234.5"),
# optional ASCII spaces, then a unit text of characters that NFKC and the translation table
# leave as they are (letters, digits, the operators and the characters of the registry's
# words; not 每, not whitespace). Such a text is its own normal form and _NUMBER_RE splits it
# at the same place (a unit never starts with a digit, ".", ",", a sign or e/E, which the
# number could take), so it reads the same. (The grouped form is the second choice, so that
# the common one, digits alone, is matched as quickly as before.)
_UNIT_CHARS = "".join(
    re.escape(c)
    for c in sorted({c for word in _WORDS for c in word if not c.isascii()})
    if c.translate(_TRANSLATE) == c and not c.isspace() and unicodedata.normalize("NFKC", c) == c
)
_PLAIN_RE = re.compile(
    r"([+-]?(?:[0-9]+(?:\.[0-9]+)?|[0-9]{1,3}(?:,[0-9]{3})+(?:\.[0-9]+)?|\.[0-9]+))"
    rf"(?: *([A-DF-Za-df-z_%*/^({_UNIT_CHARS}][0-9A-Za-z_%*/^()+.\-{_UNIT_CHARS}]*))?"
)
_PLAIN_MAX = 64  # characters of a text the fast pattern reads
_PLAIN_DIGITS = 40  # characters of its number: any such number is within the input budget


def _plain_reading(text: str) -> _Reading | None:
    """The reading of ``text`` in the common form (``"15.2亿元"``, ``"3000 kVA"``, ``"60%"``),
    stored in the cache; None for any other text (then :func:`_parse_text` decides).

    A number of at most 40 characters has at most 40 digits and no more than 39 places, so it
    passes :func:`_check_range` as it is: nothing is checked twice.
    """
    if len(text) > _PLAIN_MAX:
        return None
    match = _PLAIN_RE.fullmatch(text)
    if match is None:
        return None
    number, unit = match.groups("")
    if len(number) > _PLAIN_DIGITS:
        return None
    info = _lookup_unit(unit)
    if info is None:
        return None
    if "," in number:  # thousands separators, grouped as _NUMBER_RE groups them
        number = number.replace(",", "")
    reading = _new_reading(Decimal(number), info)
    data = _READINGS._data
    if len(data) < _READINGS.maxsize:  # _READINGS.put's common case, one call fewer
        stored: _Reading = data.setdefault(text, reading)
        return stored
    return _READINGS.put(text, reading)


def _reading(text: str) -> _Reading | None:
    """The reading of the exact str ``text`` if it is cached or in the common form."""
    return _READINGS.get(text) or _plain_reading(text)


def _parse_text(text: str, path: str, example: str) -> tuple[Decimal, _UnitInfo]:
    reading = _reading(text) if type(text) is str else None
    if reading is not None:
        return reading.mag, reading.info
    if len(text) > _MAX_TEXT:
        raise _refuse(path, f"too long for a quantity ({len(text)} characters)", example)
    normal = _normalise(text)
    match = _NUMBER_RE.fullmatch(normal)
    if match is None:
        if _NONFINITE_RE.match(normal):
            raise _refuse(path, f"{shown(text)} is not a finite number", example)
        raise _refuse(path, f"{shown(text)} is not a number followed by a unit", example)
    try:
        mag = Decimal(match["number"].replace(",", ""))
    except InvalidOperation:  # an exponent beyond Decimal's range
        raise _refuse(path, f"{shown(text)} is out of range", example) from None
    info = _lookup_unit(match["unit"])
    if info is None:
        raise _refuse(path, f"unrecognised unit {shown(match['unit'])}", example)
    _check_range(mag, text, path, example)
    if type(text) is str:  # (a str subclass is read afresh each time: it could read differently)
        _READINGS.put(text, _new_reading(mag, info))
    return mag, info


def _to_decimal(value: object) -> Decimal | None:
    """A number as an exact Decimal (float via its shortest repr), or None if not a number."""
    if isinstance(value, bool):
        return None
    if isinstance(value, Decimal):
        return value
    if isinstance(value, int):
        return Decimal(value)
    if isinstance(value, float):
        return Decimal(str(value))
    if isinstance(value, Fraction):
        return _CTX.divide(Decimal(value.numerator), Decimal(value.denominator))
    return None


def _budget(number: object, path: str, example: str) -> None:
    """Refuse a number over the input budget before it is converted: ``Decimal(n)`` of an
    integer of a million digits takes seconds."""
    problem = number_problem(number)
    if problem is not None:
        raise _refuse(path, problem, example)


def _check_path(path: object) -> str:
    if not isinstance(path, str):
        raise InputError.single("$.path", f'expected a JSON path such as "$.x", got {shown(path)}')
    return path


def _parse_value(
    value: object, path: str, example: str, expected: str
) -> tuple[Decimal, _UnitInfo]:
    """Any accepted input as (finite magnitude, unit); a bare number gets the empty unit."""
    path = _check_path(path)
    if isinstance(value, str):
        return _parse_text(value, path, example)
    if isinstance(value, pint.Quantity):
        if value._REGISTRY is not ureg:
            raise _refuse(
                path, "a quantity from another pint registry; use nmgpolicy.units.ureg", example
            )
        _budget(value.magnitude, path, example)
        mag = _to_decimal(value.magnitude)
        info = _lookup_pint_unit(value.units)
        if mag is None or info is None:
            raise _refuse(path, f"unsupported quantity {_shown_quantity(value)}", example)
        return _check_range(mag, value, path, example), info
    if value is None:
        raise _refuse(path, "a value is required, got null", example)
    _budget(value, path, example)
    mag = _to_decimal(value)
    if mag is None:
        raise _refuse(path, f"expected {expected}, got {type(value).__name__}", example)
    return _check_range(mag, value, path, example), _NO_UNIT


def _shown_quantity(value: Quantity) -> str:
    """A Quantity for a message, bounded like :func:`~nmgpolicy.errors.shown`."""
    return f"{shown(value.magnitude, 30)} {shown(str(value.units), 30)[1:-1]}"


def _scale(mag: Decimal, info: _UnitInfo) -> Decimal:
    """``mag * num / den`` in :data:`_CTX` (a division by one, which changes nothing, skipped)."""
    product = _CTX.multiply(mag, info.num)
    den = info.den
    return product if den == _ONE else _CTX.divide(product, den)


@exact
def quantity(text: str, *, path: str = "$") -> Quantity:
    """Parse ``text`` such as ``"80万元/套"``, ``"３０万吨"`` or ``"60%"`` into a pint Quantity.

    The magnitude is a Decimal in the unit as written (``quantity("80万元/套")`` is
    80 万元/套); convert with :func:`parse_amount` to compare. Text without a unit gives a
    dimensionless quantity. Raises :class:`~nmgpolicy.errors.InputError` at ``path`` when the
    text is not a number followed by a known unit.
    """
    example = '"80万元/套"'
    path = _check_path(path)
    if not isinstance(text, str):
        raise _refuse(path, f"expected a string with a unit, got {type(text).__name__}", example)
    mag, info = _parse_text(text, path, example)
    return ureg.Quantity(mag, _pint_unit(info.terms))


def parse_amount(value: object, kind: Kind, *, path: str) -> Decimal:
    """The amount ``value`` of ``kind`` as a Decimal in the kind's canonical unit.

    ``value`` is a string with a unit (``"15亿元"`` → ``Decimal("1500000000")`` for
    :attr:`Kind.MONEY`) or a Quantity of :data:`ureg`. Refused with an
    :class:`~nmgpolicy.errors.InputError` at ``path``: null, booleans, bare numbers (a unit is
    required: is ``80`` 元 or 万元?), units of another dimension (万元/吨 where 万元/套 is
    expected; kW where kVA is), NaN and infinity, negative amounts, amounts above
    :data:`MAX_AMOUNT`, and any other type.
    """
    if type(value) is str and type(kind) is Kind and type(path) is str:
        answer: Decimal | None = _FAST_AMOUNT(value, kind)
        if answer is not None:
            return answer
    return _parse_amount(value, kind, path=path)


@exact
def _parse_amount(value: object, kind: Kind, *, path: str) -> Decimal:
    """:func:`parse_amount` of any input: every check and message, in the library's context."""
    return _parse_measure(value, (kind,), path=path)[0]


def _fast_in_front_of(public: Callable[..., Any], full: Callable[..., Any]) -> None:
    """Record that ``public`` answers the common valid input itself and hands every other
    input to ``full`` (``public.__wrapped__ is full``; ``full`` runs under the library's
    decimal context through :func:`~nmgpolicy._exact.exact`).

    Each fast path does only work that no decimal context can change: cache lookups, exact
    constructions (``Decimal(str)``), quiet operations (comparisons, ``copy_abs``) and
    arithmetic in :data:`_CTX`. It answers only when every check of ``full`` would pass, with
    the value ``full`` returns; anything else, errors included, is ``full``'s to answer.
    """
    if inspect.signature(public) != inspect.signature(full):
        raise TypeError(f"{full.__name__} must take the arguments of {public.__name__}")
    update_wrapper(public, full, assigned=(), updated=())


_fast_in_front_of(parse_amount, _parse_amount)


def _check_kind(kind: object) -> Kind:
    if not isinstance(kind, Kind):
        choices = ", ".join(k.name for k in Kind)
        raise InputError.single(
            "$.kind", f"expected a units.Kind ({choices}), got {shown(kind)}; e.g. Kind.MONEY"
        )
    return kind


def _check_kinds(kinds: object) -> tuple[Kind, ...]:
    if isinstance(kinds, Kind):
        return (kinds,)
    if not isinstance(kinds, list | tuple | set | frozenset) or not kinds:
        raise InputError.single(
            "$.kinds", f"expected a non-empty tuple of units.Kind, got {shown(kinds)}"
        )
    return tuple(_check_kind(k) for k in kinds)


def parse_measure(value: object, kinds: Sequence[Kind], *, path: str) -> tuple[Decimal, Kind]:
    """An amount of any of ``kinds``: (Decimal in that kind's canonical unit, the kind).

    For facts whose kind depends on another fact, e.g. a first-of-kind product's unit value,
    which is 元/套, 元/台 or 元/吨 by category: the unit decides the kind, and the caller checks
    it against the category. Refused as :func:`parse_amount` refuses, and when the unit is of
    none of ``kinds``.
    """
    if type(value) is str and type(kinds) is tuple and type(path) is str:
        reading = _READINGS.get(value) or _plain_reading(value)
        if reading is not None and reading.measure is not None and _all_kinds(kinds):
            kind = reading.info.kind
            if kind is not None and kind in kinds:
                return reading.measure, kind
    return _parse_measure(value, kinds, path=path)


def _all_kinds(kinds: tuple[object, ...]) -> bool:
    """Whether every item is a Kind (a loop: on this hot path faster than ``all()``)."""
    for kind in kinds:  # noqa: SIM110
        if type(kind) is not Kind:
            return False
    return True


@exact
def _parse_measure(value: object, kinds: Sequence[Kind], *, path: str) -> tuple[Decimal, Kind]:
    """:func:`parse_measure` of any input: every check and message, in the library's context."""
    kinds = _check_kinds(kinds)
    example = " or ".join(f'"{k.example}"' for k in kinds)
    mag, info = _parse_value(value, path, example, "a string with a unit")
    if not info.text:
        raise _refuse(path, f"a unit is required, got {shown(value)}", example)
    if info.kind is None or info.kind not in kinds:
        expected = " or ".join(k.description for k in kinds)
        raise _refuse(
            path, f"expected {expected}, got {info.text} ({_describe(info.dims)})", example
        )
    kind: Kind = info.kind
    amount = _scale(mag, info)
    if amount < 0:
        raise _refuse(path, f"must not be negative, got {shown(value)}", example)
    if amount > MAX_AMOUNT:
        raise _refuse(
            path,
            f"{shown(value)} is implausibly large (above 10^18 {kind.canonical_unit})",
            example,
        )
    return amount.copy_abs(), kind  # copy_abs turns -0 into 0


_fast_in_front_of(parse_measure, _parse_measure)


def parse_share(value: object, *, path: str) -> Decimal:
    """A share as a Decimal fraction in [0, 1]: ``"60%"``, ``"0.6"``, ``0.6`` → ``Decimal("0.6")``.

    Accepts percent strings (``"60 %"``, ``"６０％"``, ``"百分之60"``), fractions as strings or
    numbers (a float through its shortest repr, so ``0.6`` is exactly 0.6), ``Decimal``,
    ``Fraction`` and dimensionless Quantities. A bare number above 1 (``60``) is refused with
    the hint ``use "60%" or 0.6``, since it is ambiguous; above 100 %, negative, NaN,
    infinity and booleans are refused too.
    """
    if type(path) is str:
        if type(value) is str:
            share: Decimal | None = _FAST_SHARE(value)
            if share is not None:
                return share
        elif type(value) is float and (value == 0 or _FLOAT_TINY <= value <= 1):
            return _scale(Decimal(repr(value)), _NO_UNIT).copy_abs()
    return _parse_share(value, path=path)


# The least magnitude of a float that the fast paths of parse_share and parse_ratio take:
# within _MAX_ADJUSTED and the input budget (a float's repr has at most 17 digits).
_FLOAT_TINY = 1e-40


@exact
def _parse_share(value: object, *, path: str) -> Decimal:
    """:func:`parse_share` of any input: every check and message, in the library's context."""
    example = '"60%" or 0.6'
    mag, info = _parse_value(value, path, example, "a share")
    if info.dims:
        raise _refuse(path, f"expected a share, got {info.text} ({_describe(info.dims)})", example)
    share = _scale(mag, info)
    if share < 0:
        raise _refuse(path, f"a share must not be negative, got {shown(value)}", example)
    if share > 1:
        if not info.text and share <= 100:
            n = format_decimal(share)
            hint = format_decimal(_CTX.divide(share, Decimal(100)))
            raise _refuse(
                path, f'{shown(value)} is not a fraction in [0, 1]: use "{n}%" or {hint}', example
            )
        raise _refuse(
            path, f"a share must be between 0 and 1 (0% to 100%), got {shown(value)}", example
        )
    return share.copy_abs()


_fast_in_front_of(parse_share, _parse_share)


MAX_RATIO = Decimal(100)
"""The largest magnitude :func:`parse_ratio` accepts: ±10000 %."""


def parse_ratio(value: object, *, path: str, signed: bool = True) -> Decimal:
    """A signed ratio as a Decimal fraction: ``"-5%"`` → ``-0.05``, ``"120%"`` → ``1.2``.

    For figures that, unlike shares, may be negative or exceed 100 % (a net profit margin, a
    debt-to-asset ratio). Percent strings may lie anywhere in ±10000 %; a bare number must lie
    in [-1, 1] (is ``1.2`` a ratio of 1.2 or 1.2 %? write ``"120%"`` or ``"1.2%"``). NaN,
    infinity and booleans are refused; with ``signed=False`` so are negative ratios (a debt
    ratio).
    """
    if type(path) is str and type(signed) is bool:
        if type(value) is str:
            reading = _READINGS.get(value) or _plain_reading(value)
            if reading is not None and reading.info.pure:
                ratio = reading.scaled
                size = ratio.copy_abs()
                if (
                    (reading.info.text or size <= 1)
                    and size <= MAX_RATIO
                    and (signed or not ratio < 0)
                ):
                    return _CTX.plus(ratio)
        elif type(value) is float and (
            value == 0 or (_FLOAT_TINY <= abs(value) <= 1 and (signed or value > 0))
        ):
            return _CTX.plus(_scale(Decimal(repr(value)), _NO_UNIT))
    return _parse_ratio(value, path=path, signed=signed)


@exact
def _parse_ratio(value: object, *, path: str, signed: bool = True) -> Decimal:
    """:func:`parse_ratio` of any input: every check and message, in the library's context."""
    example = '"-5%" or "120%" or 0.3' if signed else '"120%" or 0.3'
    mag, info = _parse_value(value, path, example, "a ratio")
    if info.dims:
        raise _refuse(path, f"expected a ratio, got {info.text} ({_describe(info.dims)})", example)
    ratio = _scale(mag, info)
    if not info.text and ratio.copy_abs() > 1:
        n = format_decimal(_CTX.multiply(ratio, Decimal(100)))
        raise _refuse(path, f'{shown(value)} is ambiguous as a bare number: write "{n}%"', example)
    if ratio.copy_abs() > MAX_RATIO:
        raise _refuse(path, f"{shown(value)} is implausibly large for a ratio", example)
    if not signed and ratio < 0:
        raise _refuse(path, f"this ratio must not be negative, got {shown(value)}", example)
    return _CTX.plus(ratio)  # turns -0 into 0 (in our context, not the caller's)


_fast_in_front_of(parse_ratio, _parse_ratio)


def parse_count(value: object, *, path: str) -> int:
    """A non-negative whole count (employees, enterprises, sets) as an int.

    Accepts an int (not a bool), a whole float or Decimal (``3.0``), or a string of digits
    optionally followed by a counting unit (``"1200人"``, ``"3家"``, ``"1.2万人"``). Refused:
    fractions of a count, negative counts, counts above :data:`MAX_AMOUNT`, other units.
    """
    if type(path) is str:
        if type(value) is int:
            if 0 <= value <= _MAX_COUNT:
                return value
        elif type(value) is str:
            count: int | None = _FAST_COUNT(value)
            if count is not None:
                return count
    return _parse_count(value, path=path)


_MAX_COUNT = int(MAX_AMOUNT)


@exact
def _parse_count(value: object, *, path: str) -> int:
    """:func:`parse_count` of any input: every check and message, in the library's context."""
    example = '"1200人"'
    mag, info = _parse_value(value, path, example, "a count")
    if info.text and info.dims not in _COUNT_DIMS:
        raise _refuse(path, f"expected a count, got {info.text} ({_describe(info.dims)})", example)
    count = _scale(mag, info)
    if count < 0:
        raise _refuse(path, f"a count must not be negative, got {shown(value)}", example)
    if count != count.to_integral_value():
        raise _refuse(path, f"a count must be a whole number, got {shown(value)}", example)
    if count > MAX_AMOUNT:
        raise _refuse(path, f"{shown(value)} is implausibly large (above 10^18)", example)
    return int(count)


_fast_in_front_of(parse_count, _parse_count)


# --------------------------------------------------------------------------------------------
# Display
# --------------------------------------------------------------------------------------------


def _displayable(value: object, path: str) -> Decimal:
    """``value`` as a Decimal that can be shown in plain digits, or an InputError at ``path``.

    A Decimal or an int (not a bool); NaN, infinity, a number of more than
    :data:`~nmgpolicy.limits.BUDGET`'s digits (an int) and exponents beyond ±1000 (which would
    print a thousand digits) are refused.
    """
    if (  # the common case, checked first
        type(value) is Decimal
        and value.is_finite()
        and -_FORMAT_LIMIT <= value.adjusted() <= _FORMAT_LIMIT
    ):
        return value
    example = 'Decimal("1.1")'
    if isinstance(value, int) and not isinstance(value, bool):
        _budget(value, path, example)
        value = Decimal(value)
    if not isinstance(value, Decimal):
        raise _refuse(path, f"expected a Decimal, got {shown(value)}", example)
    if not value.is_finite() or abs(value.adjusted()) > _FORMAT_LIMIT:
        raise _refuse(path, f"cannot format {shown(value)} as a plain decimal", example)
    return value  # (a zero's adjusted() is its exponent: 0E-999999 is refused too)


def format_decimal(d: Decimal) -> str:
    """``d`` as a plain decimal string without exponent or trailing zeros (``"1.1"``, ``"15"``).

    This is the form of every ratio and share in ``to_dict()``. ``-0`` is shown as ``"0"``.
    NaN, infinity and exponents beyond ±1000 (which would print a thousand digits) are refused.
    """
    value: object = d  # an int is accepted too
    if type(value) is Decimal:
        if value.is_finite() and -_FORMAT_LIMIT <= value.adjusted() <= _FORMAT_LIMIT:
            return _plain(value)
    elif type(value) is int and value.bit_length() <= _INT_BITS:
        return str(value)
    return _format_decimal(d)


_INT_BITS = 150  # an int this short is within the input budget (nmgpolicy.limits)


def _plain(d: Decimal) -> str:
    """A finite ``d`` of at most ±1000 as exponent in plain digits, trailing zeros dropped.

    ``str(d)`` is already plain unless the exponent is positive or the number is below 10^-6
    (then it shows an exponent, as ``"1.5E+3"``, and ``format(d, "f")`` writes the digits);
    neither depends on the decimal context (``str`` reads only ``capitals``).
    """
    text = str(d)
    if "E" in text or "e" in text:
        text = format(d, "f")
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return "0" if text == "-0" else text


@exact
def _format_decimal(d: Decimal) -> str:
    """:func:`format_decimal` of any input: every check and message, in the library's context."""
    d = _displayable(d, "$")
    return _plain(d)


_fast_in_front_of(format_decimal, _format_decimal)


@exact
def convert(value: Decimal, kind: Kind, unit: str) -> Decimal:
    """``value`` of ``kind`` (in the canonical unit) expressed in ``unit``, exactly.

    ``convert(Decimal("800000"), Kind.MONEY_PER_SET, "万元/套") == Decimal("80")``. A unit of
    another dimension raises :class:`~nmgpolicy.errors.InputError`.
    """
    value = _displayable(value, "$.value")
    kind = _check_kind(kind)
    if not isinstance(unit, str):
        raise _refuse(
            "$.unit", f"expected a unit text, got {shown(unit)}", f'"{kind.display_units[0]}"'
        )
    info = _lookup_unit(_normalise(unit)) if len(unit) <= _MAX_TEXT else None
    if info is None or info.kind is not kind:
        raise _refuse(
            "$", f"{shown(unit)} is not a unit of {kind.description}", f'"{kind.display_units[0]}"'
        )
    return _CTX.divide(_CTX.multiply(value, info.den), info.num)


def _display_sizes(kind: Kind) -> tuple[tuple[str, Decimal], ...]:
    sizes = []
    for label in kind.display_units:
        info = _info(*_analyse(label), label)
        sizes.append((label, _CTX.divide(info.num, info.den)))
    return tuple(sizes)


_DISPLAY_SIZES = {kind: _display_sizes(kind) for kind in Kind}


# English display units, largest first: (least magnitude in the canonical unit, divisor,
# suffix). English counts in thousands, millions and billions, not in 万 and 亿.
_EN_SIZES: dict[Kind, tuple[tuple[Decimal, Decimal, str], ...]] = {
    Kind.MONEY: (
        (Decimal(10**9), Decimal(10**9), " billion yuan"),
        (Decimal(10**6), Decimal(10**6), " million yuan"),
        (Decimal(0), Decimal(1), " yuan"),
    ),
    Kind.MASS: (
        (Decimal(10**6), Decimal(10**6), " million tonnes"),
        (Decimal(0), Decimal(1), " tonnes"),
    ),
    Kind.APPARENT_POWER: ((Decimal(0), Decimal(1), " kVA"),),
    Kind.AREA: ((Decimal(0), Decimal(1), " km²"),),
    Kind.MONEY_PER_SET: (
        (Decimal(10**6), Decimal(10**6), " million yuan per set"),
        (Decimal(0), Decimal(1), " yuan per set"),
    ),
    Kind.MONEY_PER_MACHINE: (
        (Decimal(10**6), Decimal(10**6), " million yuan per machine"),
        (Decimal(0), Decimal(1), " yuan per machine"),
    ),
    Kind.MONEY_PER_MASS: (
        (Decimal(10**6), Decimal(10**6), " million yuan per tonne"),
        (Decimal(0), Decimal(1), " yuan per tonne"),
    ),
    Kind.MASS_PER_MONEY: ((Decimal(0), Decimal("0.0001"), " tonnes per 10,000 yuan"),),
}


def _grouped(text: str) -> str:
    """``"1234567.5"`` → ``"1,234,567.5"`` (English digit grouping of the whole part)."""
    sign = "-" if text.startswith("-") else ""
    whole, dot, frac = text.lstrip("-").partition(".")
    return f"{sign}{int(whole):,}{dot}{frac}"


def format_amount(value: Decimal, kind: Kind, *, unit: str | None = None, lang: str = "zh") -> str:
    """``value`` (canonical unit of ``kind``) as a string with a unit, for display.

    ``lang="en"`` shows English unit names and grouping (``"1.5 billion yuan"``,
    ``"300,000 tonnes"``, ``"120 km²"``, ``"3,000 kVA"``), choosing the scale by magnitude
    (``unit``, a Chinese unit, is ignored). In Chinese (the default):

    Without ``unit`` the largest display unit that ``|value|`` reaches is chosen: money
    ≥ 1亿 → 亿元, ≥ 1万 → 万元, else 元; mass ≥ 1万吨 → 万吨; per-set, per-machine and
    per-mass prices in 万元/… from 1万 on; kVA, 平方公里 and 吨/万元 always. So
    ``format_amount(Decimal("220000"), Kind.MASS) == "22万吨"``. ``unit`` forces one
    (``unit="万元/套"``). Negative values (gaps) are formatted too; digits are never rounded, so
    :func:`parse_amount` of the result gives ``value`` back.
    """
    if (
        type(value) is Decimal
        and type(kind) is Kind
        and type(lang) is str
        and value.is_finite()
        and -_FORMAT_LIMIT <= value.adjusted() <= _FORMAT_LIMIT
    ):
        if lang == "en":
            size = value.copy_abs()
            _, divisor, suffix = next(e for e in _EN_FORMATS[kind._name_] if size >= e[0])
            return _grouped(format_decimal(_CTX.divide(value, divisor))) + suffix
        if lang == "zh":
            row = _zh_unit(value, kind, unit)
            if row is not None:
                label, den, num = row
                return format_decimal(_CTX.divide(_CTX.multiply(value, den), num)) + label
    return _format_amount(value, kind, unit=unit, lang=lang)


def _zh_unit(value: Decimal, kind: Kind, unit: str | None) -> tuple[str, Decimal, Decimal] | None:
    """The display unit :func:`format_amount` uses for ``value`` (``unit``, or the largest that
    ``|value|`` reaches) as (label, den, num); None if ``unit`` is none of the kind's."""
    rows = _ZH_FORMATS[kind._name_]
    if unit is None:
        size = value.copy_abs()
        label, den, num, _ = next((row for row in rows if size >= row[3]), rows[-1])
        return label, den, num
    return _ZH_UNITS.get((kind._name_, unit)) if type(unit) is str else None


@exact
def _format_amount(value: Decimal, kind: Kind, *, unit: str | None = None, lang: str = "zh") -> str:
    """:func:`format_amount` of any input: every check and message, in the library's context."""
    value = _displayable(value, "$.value")
    kind = _check_kind(kind)
    if lang not in ("zh", "en") or not isinstance(lang, str):
        raise InputError.single("$.lang", f'unknown language {shown(lang)}; e.g. "zh" or "en"')
    if lang == "en":
        size = value.copy_abs()
        _, divisor, suffix = next(e for e in _EN_SIZES[kind] if size >= e[0])
        return _grouped(format_decimal(_CTX.divide(value, divisor))) + suffix
    if unit is None:
        size = value.copy_abs()
        sizes = _DISPLAY_SIZES[kind]
        unit = next((label for label, least in sizes if size >= least), sizes[-1][0])
    return format_decimal(convert(value, kind, unit)) + unit


_fast_in_front_of(format_amount, _format_amount)


def _format_rows(kind: Kind) -> tuple[tuple[str, Decimal, Decimal, Decimal], ...]:
    """Each display unit of ``kind``, largest first: (label, den, num, least), where
    ``value * den / num`` is ``value`` in that unit (as :func:`convert` computes it) and
    ``least`` the magnitude from which :func:`format_amount` chooses it."""
    rows = []
    for label, least in _DISPLAY_SIZES[kind]:
        info = _lookup_unit(_normalise(label))
        assert info is not None, label
        assert info.kind is kind, label
        rows.append((label, info.den, info.num, least))
    return tuple(rows)


# The tables of format_amount's fast path, by the kind's name (a str's hash is cached; an
# Enum member's is computed in Python on each lookup).
_ZH_FORMATS = {kind._name_: _format_rows(kind) for kind in Kind}
_ZH_UNITS = {
    (name, label): (label, den, num)
    for name, rows in _ZH_FORMATS.items()
    for label, den, num, _ in rows
}
_EN_FORMATS = {kind._name_: sizes for kind, sizes in _EN_SIZES.items()}
