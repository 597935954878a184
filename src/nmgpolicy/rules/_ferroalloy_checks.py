"""What the types of the ferroalloy facts cannot say, and the spans the overrides must keep:
checked before anything is decided, every problem at once with its path."""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable, Mapping
from typing import TYPE_CHECKING, Any

from nmgpolicy.errors import InputError, Problem, shown
from nmgpolicy.params import ParameterSet
from nmgpolicy.rules._ferroalloy_units import product_key
from nmgpolicy.units import format_decimal

if TYPE_CHECKING:
    from nmgpolicy.rules.ferroalloy import FerroalloyFacts

FACTOR_EXPONENTS = (-12, 6)
"""A conversion factor's adjusted exponent lies in this span (1e-12 to below 1e7): a factor
outside it is a typing slip, not a ratio between two ferroalloys."""


def unit_id_key(unit_id: str) -> str:
    """How unit ids are compared: NFKC (full-width "１#" is "1#"), then every white-space
    character removed ("1# 矿热炉" is "1#矿热炉"), as enterprise names are compared (cluster,
    :func:`nmgpolicy.inspection.name_key`); two ids with one key are the same id given twice."""
    return "".join(unicodedata.normalize("NFKC", unit_id).split())


def facts_problems(facts: FerroalloyFacts, data: ParameterSet) -> list[Problem]:
    """Unique non-empty ids, named products, sound factors; a plan with new capacity."""
    problems: list[Problem] = []
    if facts.new_capacity is not None and not facts.new_capacity:
        problems.append(
            Problem(
                "$.new_capacity",
                "a replacement plan needs at least one line of new capacity; e.g. "
                '[{"product": "硅铁", "capacity": "20万吨"}]',
            )
        )
    for i, line in enumerate(facts.new_capacity or ()):
        problems.extend(_check_product(line.product, f"$.new_capacity[{i}].product"))
    seen: dict[str, int] = {}
    for i, unit in enumerate(facts.retired or ()):
        key = unit_id_key(unit.id)
        if not key:
            problems.append(
                Problem(f"$.retired[{i}].id", 'a unit id must not be empty; e.g. "1#矿热炉"')
            )
        elif key in seen:
            problems.append(
                Problem(
                    f"$.retired[{i}].id",
                    f"duplicate unit id {shown(unit.id)} (also $.retired[{seen[key]}].id); "
                    f'ids must be unique, e.g. "{key}-2"',
                )
            )
        else:
            seen[key] = i
        problems.extend(_check_product(unit.product, f"$.retired[{i}].product"))
        if unit.plan_year is not None and not 1000 <= unit.plan_year <= 9999:
            problems.append(
                Problem(
                    f"$.retired[{i}].plan_year",
                    f"expected a year such as 2022, got {unit.plan_year}",
                )
            )
    problems += _factor_problems(facts, data)
    return problems


def _factor_problems(facts: FerroalloyFacts, data: ParameterSet) -> list[Problem]:
    """Every bad factor, each at its path: an empty or repeated product, a factor outside
    (0, 1e7) or finer than 1e-12, a factor of the base product other than 1."""
    spec = data.extra["conversion"]
    base, aliases = spec["base_product"], spec["base_aliases"]
    low, high = FACTOR_EXPONENTS
    problems: list[Problem] = []
    keys: dict[str, str] = {}
    for name, factor in (facts.ferrosilicon_equivalents or {}).items():
        path = f"$.ferrosilicon_equivalents.{name}"
        key = product_key(name, aliases, base)
        if not key:
            problems.append(Problem(path, 'a product name must not be empty; e.g. "硅锰"'))
            continue
        if key in keys:
            problems.append(Problem(path, f"the same product as {shown(keys[key])}; give it once"))
        keys[key] = name
        if factor <= 0 or not low <= factor.adjusted() <= high:
            problems.append(
                Problem(
                    path,
                    f"a factor must be a positive number between 1e-12 and 1e6, got "
                    f'{shown(factor)}; e.g. "1.2"',
                )
            )
        elif key == base and factor != 1:
            problems.append(
                Problem(
                    path,
                    f"{base} is the base of the conversion: its factor is 1, got "
                    f"{format_decimal(factor)}; e.g. 1",
                )
            )
    return problems


def check_plan_years(values: Mapping[str, Any]) -> None:
    """The plan years must form a span: first <= last (after what-if overrides)."""
    first, last = values["elimination_plan_first_year"], values["elimination_plan_last_year"]
    if first > last:
        raise InputError.single(
            "$.parameters.elimination_plan_last_year",
            f"the last plan year ({last}) must not be before the first "
            f"(elimination_plan_first_year = {first}); e.g. {first}",
        )


def _check_product(product: str | None, path: str) -> Iterable[Problem]:
    if product is not None and not unicodedata.normalize("NFKC", product).strip():
        yield Problem(path, 'a product name must not be empty; e.g. "硅铁"')
