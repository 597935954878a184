"""JSON-like facts → frozen attrs models, with every problem reported by its JSON path.

One cattrs converter, strict where cattrs is lenient by default: a bool is only ``true`` or
``false`` (never the string ``"false"``, which Python would read as true), a whole number is
never a bool or a float, a text is only a string, a date is an ISO string or a ``date``.
Quantities are parsed here, once, at the boundary (:mod:`nmgpolicy.units`), so that rule
code compares plain :class:`~decimal.Decimal` values in canonical units.

Unknown keys are refused: a typo must not pass silently.
"""

from __future__ import annotations

import datetime as dt
import functools
import json
import math
import re
import unicodedata
from collections import abc
from collections.abc import Callable, Mapping, Sequence
from decimal import Decimal
from functools import partial
from typing import Any, Literal, NewType, TypeVar, get_args, get_origin

import attrs
import cattrs
from cattrs.errors import (
    BaseValidationError,
    ClassValidationError,
    ForbiddenExtraKeysError,
    IterableValidationError,
    IterableValidationNote,
)
from cattrs.gen import make_dict_structure_fn
from cattrs.v import format_exception

from nmgpolicy.errors import InputError, Problem, shown
from nmgpolicy.outcome import Amount
from nmgpolicy.params import parse_date
from nmgpolicy.units import (
    Kind,
    parse_amount,
    parse_count,
    parse_measure,
    parse_ratio,
    parse_share,
)

__all__ = [
    "AreaKm2",
    "Count",
    "Kva",
    "Measure",
    "Money",
    "Ratio",
    "Share",
    "Tonnes",
    "TonnesPerYuan",
    "UnsignedRatio",
    "Years",
    "converter",
    "structure",
]

T = TypeVar("T")

Money = NewType("Money", Decimal)
"""An amount of money in 元 (facts: ``"15亿元"``)."""
Tonnes = NewType("Tonnes", Decimal)
"""A mass or an annual capacity in 吨 (facts: ``"30万吨"``)."""
Kva = NewType("Kva", Decimal)
"""An apparent power in kVA (facts: ``"25500kVA"``)."""
AreaKm2 = NewType("AreaKm2", Decimal)
"""An area in km² (facts: ``"100平方公里"``)."""
TonnesPerYuan = NewType("TonnesPerYuan", Decimal)
"""An intensity in 吨/元 (facts: ``"0.9吨/万元"``)."""
Share = NewType("Share", Decimal)
"""A fraction in [0, 1] (facts: ``"60%"`` or ``0.6``)."""
Ratio = NewType("Ratio", Decimal)
"""A signed ratio that may exceed 100 % (facts: ``"-5%"``, ``"120%"`` or ``0.3``)."""
UnsignedRatio = NewType("UnsignedRatio", Decimal)
"""A ratio that may exceed 100 % but not be negative (facts: ``"120%"`` or ``0.3``)."""
Years = NewType("Years", Decimal)
"""A duration in years, not negative (facts: ``3``, ``2.5`` or ``"3年"``)."""
Count = NewType("Count", int)
"""A non-negative whole count (facts: ``1200`` or ``"1200人"``)."""


@attrs.frozen
class Measure:
    """An amount whose kind the unit decides (e.g. a unit value: 万元/套, 万元/台 or 万元/吨).

    ``value`` is in the canonical unit of ``kind``; the rule checks the kind it expects.
    """

    value: Decimal
    kind: Kind

    def amount(self, unit: str | None = None) -> Amount:
        """The value as an :class:`~nmgpolicy.outcome.Amount` for findings and results."""
        return Amount(self.value, self.kind, unit)


_MAX_DEPTH = 32


class _FieldError(Exception):
    """A leaf problem raised inside a structure hook; the walker adds the path."""


def _boundary(parse: Callable[[object], T]) -> Callable[[object, object], T]:
    """A structure hook from a boundary parser that raises :class:`InputError` at ``$``: the
    parser's message is kept, and the walker adds the field's path."""

    def hook(value: object, _: object) -> T:
        try:
            return parse(value)
        except InputError as error:
            raise _FieldError("; ".join(p.message for p in error.problems)) from None

    return hook


def _measure(value: object) -> Measure:
    amount, kind = parse_measure(value, tuple(Kind), path="$")
    return Measure(amount, kind)


_YEARS = re.compile(r"\s*(\d+(?:\.\d+)?)\s*(?:年|years?)?\s*", re.IGNORECASE)


def _years_hook(value: object, _: object) -> Decimal:
    text = unicodedata.normalize("NFKC", value) if isinstance(value, str) else None
    match = _YEARS.fullmatch(text) if text is not None else None
    if match is not None:
        return Decimal(match[1])
    if isinstance(value, int | float | Decimal) and not isinstance(value, bool):
        number = Decimal(str(value)) if isinstance(value, float) else Decimal(value)
        if number.is_finite() and 0 <= number <= 10000:
            return number + 0
    raise _FieldError(f'expected a number of years, got {shown(value)}; e.g. 3 or "3年"')


def _bool_hook(value: object, _: object) -> bool:
    if isinstance(value, bool):
        return value
    raise _FieldError(f"expected true or false, got {shown(value)}; e.g. true")


def _int_hook(value: object, _: object) -> int:
    if isinstance(value, bool) or not isinstance(value, int):
        raise _FieldError(f"expected a whole number, got {shown(value)}; e.g. 2025")
    if abs(value) > 10**12:
        raise _FieldError(f"number out of range: {shown(value)}; e.g. 2025")
    return value


def _str_hook(value: object, _: object) -> str:
    if isinstance(value, str):
        return value
    raise _FieldError(f"expected a text, got {shown(value)}")


def _decimal_hook(value: object, _: object) -> Decimal:
    if isinstance(value, bool) or not isinstance(value, int | float | str | Decimal):
        raise _FieldError(f'expected a number, got {shown(value)}; e.g. "1.25"')
    if isinstance(value, float) and not math.isfinite(value):
        raise _FieldError(f'expected a finite number, got {shown(value)}; e.g. "1.25"')
    try:
        result = Decimal(str(value).strip())
    except ArithmeticError:
        raise _FieldError(f'expected a number, got {shown(value)}; e.g. "1.25"') from None
    if not result.is_finite() or abs(result) > Decimal("1e18"):
        raise _FieldError(f'expected a finite number, got {shown(value)}; e.g. "1.25"')
    return result


def _literal_hook(value: object, type_: Any) -> object:
    choices = get_args(type_)
    for choice in choices:
        if value == choice and type(value) is type(choice):
            return choice
    expected = " or ".join(json.dumps(c, ensure_ascii=False) for c in choices)
    example = json.dumps(choices[0], ensure_ascii=False)
    raise _FieldError(f"expected {expected}, got {shown(value)}; e.g. {example}")


def _is_literal(type_: Any) -> bool:
    origin: object = get_origin(type_)
    return origin is Literal


def _is_list(type_: Any) -> bool:
    origin = get_origin(type_)
    if origin in (list, Sequence, abc.Sequence):
        return True
    args: tuple[object, ...] = get_args(type_)
    return origin is tuple and len(args) == 2 and args[1] is Ellipsis


def _is_mapping(type_: Any) -> bool:
    return get_origin(type_) in (dict, Mapping, abc.Mapping)


def _with_note(error: Exception, index: int | str, type_: Any) -> Exception:
    error.add_note(IterableValidationNote(f"Structuring item {index!r}", index, type_))
    return error


def _list_factory(conv: cattrs.Converter) -> Any:
    def factory(type_: Any) -> Any:
        args = get_args(type_)
        element = args[0] if args else Any
        collect = tuple if get_origin(type_) is tuple else list

        def hook(value: object, _: object) -> object:
            if not isinstance(value, list | tuple):
                raise _FieldError(f"expected a list, got {shown(value)}; e.g. []")
            items: list[object] = []
            errors: list[Exception] = []
            for index, item in enumerate(value):
                try:
                    items.append(conv.structure(item, element))
                except Exception as error:  # collected with its index, like cattrs does
                    errors.append(_with_note(error, index, element))
            if errors:
                raise IterableValidationError("invalid list items", errors, type_)
            return collect(items)

        return hook

    return factory


def _mapping_factory(conv: cattrs.Converter) -> Any:
    def factory(type_: Any) -> Any:
        args = get_args(type_)
        key_type, value_type = args if len(args) == 2 else (str, Any)

        def hook(value: object, _: object) -> object:
            if not isinstance(value, Mapping):
                raise _FieldError(f'expected an object, got {shown(value)}; e.g. {{"name": …}}')
            items: dict[object, object] = {}
            errors: list[Exception] = []
            for key, item in value.items():
                try:
                    items[conv.structure(key, key_type)] = conv.structure(item, value_type)
                except Exception as error:  # collected with its key
                    errors.append(_with_note(error, str(key), value_type))
            if errors:
                raise IterableValidationError("invalid mapping items", errors, type_)
            return items

        return hook

    return factory


def _attrs_factory(conv: cattrs.Converter) -> Any:
    def factory(cls: Any) -> Any:
        inner = make_dict_structure_fn(
            cls, conv, _cattrs_forbid_extra_keys=True, _cattrs_detailed_validation=True
        )
        allowed = ", ".join(sorted(a.name for a in attrs.fields(cls)))

        def hook(value: object, _: object) -> object:
            if not isinstance(value, Mapping):
                raise _FieldError(f"expected an object with keys {allowed}, got {shown(value)}")
            return inner(value, cls)

        return hook

    return factory


@functools.cache
def converter() -> cattrs.Converter:
    """The library's strict converter (built once).

    Besides the scalar hooks: a nested model given something other than an object, a list
    given a text or an object, and an enumeration value outside its choices are each one
    problem at their own path, with the choices or an example.
    """
    conv = cattrs.Converter(forbid_extra_keys=True, detailed_validation=True)
    conv.register_structure_hook_factory(attrs.has, _attrs_factory(conv))
    conv.register_structure_hook_factory(_is_list, _list_factory(conv))
    conv.register_structure_hook_factory(_is_mapping, _mapping_factory(conv))
    conv.register_structure_hook_func(_is_literal, _literal_hook)
    conv.register_structure_hook(bool, _bool_hook)
    conv.register_structure_hook(int, _int_hook)
    conv.register_structure_hook(str, _str_hook)
    conv.register_structure_hook(dt.date, _boundary(lambda v: parse_date(v, "$")))
    conv.register_structure_hook(Decimal, _decimal_hook)
    for model_type, kind in (
        (Money, Kind.MONEY),
        (Tonnes, Kind.MASS),
        (Kva, Kind.APPARENT_POWER),
        (AreaKm2, Kind.AREA),
        (TonnesPerYuan, Kind.MASS_PER_MONEY),
    ):
        conv.register_structure_hook(
            model_type, _boundary(partial(parse_amount, kind=kind, path="$"))
        )
    conv.register_structure_hook(Measure, _boundary(_measure))
    conv.register_structure_hook(Share, _boundary(partial(parse_share, path="$")))
    conv.register_structure_hook(Ratio, _boundary(partial(parse_ratio, path="$")))
    conv.register_structure_hook(
        UnsignedRatio, _boundary(partial(parse_ratio, path="$", signed=False))
    )
    conv.register_structure_hook(Years, _years_hook)
    conv.register_structure_hook(Count, _boundary(partial(parse_count, path="$")))
    return conv


def structure(data: object, cls: type[T], *, root: str = "$") -> T:
    """Structure ``data`` into ``cls``; every problem → one :class:`InputError` with paths."""
    if not isinstance(data, Mapping):
        raise InputError.single(
            root, f"expected a JSON object (mapping of fact names to values), got {shown(data)}"
        )
    depth_problem = _too_deep(data, root)
    if depth_problem is not None:
        raise InputError([depth_problem])
    bad_keys = [k for k in data if not isinstance(k, str)]
    if bad_keys:
        raise InputError.single(root, f"keys must be texts, got {shown(bad_keys[0])}")
    try:
        return converter().structure(data, cls)
    except (BaseValidationError, _FieldError, KeyError, ValueError, TypeError) as error:
        # Input problems only: a NameError or an AttributeError in a model is a bug, not bad
        # input, and must not be dressed up as one.
        raise InputError(_problems(error, root)) from None


def _too_deep(data: object, path: str, depth: int = 0) -> Problem | None:
    if depth > _MAX_DEPTH:
        return Problem(path, f"nesting deeper than {_MAX_DEPTH} levels")
    if isinstance(data, Mapping):
        for key, value in data.items():
            problem = _too_deep(value, f"{path}.{key}", depth + 1)
            if problem:
                return problem
    elif isinstance(data, list | tuple):
        for index, value in enumerate(data):
            problem = _too_deep(value, f"{path}[{index}]", depth + 1)
            if problem:
                return problem
    return None


def _child_path(path: str, error: BaseException) -> str:
    for note in getattr(error, "__notes__", ()):
        name = getattr(note, "name", None)
        if name is not None:
            return f"{path}.{name}"
        index = getattr(note, "index", None)
        if index is not None:
            return f"{path}[{index}]" if isinstance(index, int) else f"{path}.{index}"
    return path


def _problems(error: BaseException, path: str) -> list[Problem]:
    """Flatten a cattrs error tree into ``(path, message)`` problems."""
    if isinstance(error, ForbiddenExtraKeysError):
        allowed = sorted(a.name for a in getattr(error.cl, "__attrs_attrs__", ()))
        return [
            Problem(f"{path}.{key}", f"unknown key; allowed keys: {', '.join(allowed)}")
            for key in sorted(error.extra_fields)
        ]
    if isinstance(error, ClassValidationError | IterableValidationError | ExceptionGroup):
        found: list[Problem] = []
        for sub in error.exceptions:
            found.extend(_problems(sub, _child_path(path, sub)))
        return found
    if isinstance(error, KeyError):
        return [Problem(path, "required field is missing")]
    if isinstance(error, _FieldError):
        return [Problem(path, str(error))]
    # Anything else (a model's own validator, say) is reported at its place with its words.
    return [Problem(path, str(error) or format_exception(error, None))]
