"""首台（套）/首批（次）: the input checks the converter cannot make.

Cross-field and format checks on the facts: the unit of ``unit_value`` against the category,
the order of the dates, the format of the 《战略性新兴产业分类（2018）》 code and the ids of the
第八条 checklist. :func:`clean` decides on the structured facts (the common case: valid input,
no second walk of the raw facts); :func:`input_problems` writes the problems, with their paths,
from the raw facts.
"""

from __future__ import annotations

import datetime as dt
import functools
import re
import unicodedata
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from nmgpolicy.errors import InputError, Problem, shown
from nmgpolicy.params import ParameterSet, parse_date
from nmgpolicy.rules._first_set_public import CategoryInfo, categories, data
from nmgpolicy.units import Kind, parse_measure

if TYPE_CHECKING:
    from nmgpolicy.rules.first_set import FirstSetFacts

_SEI_PART = r"[1-9][0-9]{0,2}"


@functools.cache
def sei_pattern(max_levels: int) -> re.Pattern[str]:
    """The form of a code of up to ``max_levels`` levels ("3", "3.2", "3.2.1")."""
    return re.compile(rf"{_SEI_PART}(?:\.{_SEI_PART}){{0,{max_levels - 1}}}")


def normal_code(code: str) -> str:
    """A code as compared: NFKC-normalised (full-width digits and dots) and stripped."""
    return unicodedata.normalize("NFKC", code).strip()


@functools.cache
def _document_ids() -> frozenset[str]:
    return frozenset(str(spec["id"]) for spec in data().extra["documents"])


@functools.cache
def _max_levels() -> int:
    return int(data().extra["new_material_catalog"]["max_levels"])


def clean(model: FirstSetFacts) -> bool:
    """Whether the structured facts pass every check of :func:`input_problems` (the same
    checks, on the parsed values: a model that structured is a valid category, a parsed unit,
    parsed dates and a tuple of texts)."""
    category = model.category
    measure = model.unit_value
    if measure is not None:
        found = categories()
        if category is not None:
            if measure.kind is not found[category].kind:
                return False
        elif all(measure.kind is not info.kind for info in found.values()):
            return False
    if (
        model.completed_on is not None
        and model.applied_on is not None
        and model.applied_on < model.completed_on
    ):
        return False
    code = model.product.sei_code if model.product is not None else None
    if code is not None and not sei_pattern(_max_levels()).fullmatch(normal_code(code)):
        return False
    documents = model.documents
    return documents is None or _document_ids().issuperset(documents)


def input_problems(facts: object, table: ParameterSet) -> list[Problem]:
    """Problems in the raw facts that structuring alone does not find, with their paths."""
    if not isinstance(facts, Mapping):
        return []
    problems: list[Problem] = []
    found = categories()
    category = facts.get("category")
    if category is not None and (not isinstance(category, str) or category not in found):
        choices = ", ".join(f'"{c}" ({info.label.zh})' for c, info in found.items())
        problems.append(Problem("$.category", f"expected one of {choices}; got {shown(category)}"))
        category = None
    problems.extend(_unit_problems(facts.get("unit_value"), category, found))
    problems.extend(_date_problems(facts))
    product = facts.get("product")
    if isinstance(product, Mapping) and isinstance(product.get("sei_code"), str):
        catalog = table.extra["new_material_catalog"]
        if not sei_pattern(int(catalog["max_levels"])).fullmatch(normal_code(product["sei_code"])):
            problems.append(
                Problem(
                    "$.product.sei_code",
                    f"not a 战略性新兴产业分类（2018） code: {shown(product['sei_code'])}; "
                    f"codes are numbers separated by dots, up to {catalog['max_levels']} "
                    'levels; e.g. "3.2" or "3.2.1"',
                )
            )
    problems.extend(_document_problems(facts.get("documents"), table))
    return problems


def _unit_problems(
    value: object, category: object, found: Mapping[str, CategoryInfo]
) -> list[Problem]:
    if value is None:
        return []
    try:
        _, kind = parse_measure(value, tuple(Kind), path="$.unit_value")
    except InputError:
        return []  # the converter reports it
    if isinstance(category, str):
        info = found[category]
        if kind is info.kind:
            return []
        example = f'"{info.kind.example}"'
        return [
            Problem(
                "$.unit_value",
                f"a {category} ({info.label.zh}) is valued in {info.unit} "
                f"({info.kind.description}), got {shown(value)} ({kind.description}); "
                f"e.g. {example}",
            )
        ]
    kinds = {info.kind for info in found.values()}
    if kind in kinds:
        return []
    examples = " or ".join(dict.fromkeys(f'"{info.kind.example}"' for info in found.values()))
    return [
        Problem(
            "$.unit_value",
            f"a unit value is money per set, per machine or per tonne, got {shown(value)} "
            f"({kind.description}); e.g. {examples}",
        )
    ]


def _date_problems(facts: Mapping[Any, Any]) -> list[Problem]:
    dates: dict[str, dt.date] = {}
    for key in ("completed_on", "applied_on"):
        try:
            if facts.get(key) is not None:
                dates[key] = parse_date(facts[key], f"$.{key}")
        except InputError:
            pass  # the converter reports it
    completed, applied = dates.get("completed_on"), dates.get("applied_on")
    if completed is not None and applied is not None and applied < completed:
        return [
            Problem(
                "$.applied_on",
                f"the application ({applied.isoformat()}) cannot precede the completion of the "
                f'product ({completed.isoformat()}); e.g. "{completed.isoformat()}" or later',
            )
        ]
    return []


def _document_problems(documents: object, table: ParameterSet) -> list[Problem]:
    if documents is None:
        return []
    valid = [str(spec["id"]) for spec in table.extra["documents"]]
    listing = ", ".join(valid)
    if not isinstance(documents, list | tuple):
        return [
            Problem(
                "$.documents",
                f"expected a list of document ids, got {shown(documents)}; "
                f'e.g. ["application_report", "value_proof"]; valid ids: {listing}',
            )
        ]
    return [
        Problem(f"$.documents[{i}]", f"unknown document id {shown(doc)}; valid ids: {listing}")
        for i, doc in enumerate(documents)
        if isinstance(doc, str) and doc not in valid
    ]
