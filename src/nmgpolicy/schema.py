"""JSON Schema (draft 2020-12) of each rule set's facts, for input forms and API validation.

Derived from the same frozen attrs facts models that :func:`nmgpolicy.evaluate` structures
the facts into, so the schema and the checks cannot drift apart. The schema describes shapes
(keys, types, enumerations, unit-bearing strings with an example); the legal checks that need
more than a shape (a unit that must fit the category, a date after another) remain the
library's, reported as :class:`~nmgpolicy.errors.InputError` with paths.
"""

from __future__ import annotations

import datetime as dt
import types
from collections import abc
from decimal import Decimal
from typing import Any, Literal, Union, get_args, get_origin, get_type_hints

import attrs

from nmgpolicy.convert import (
    AreaKm2,
    Count,
    Kva,
    Measure,
    Money,
    Ratio,
    Share,
    Tonnes,
    TonnesPerYuan,
    UnsignedRatio,
    Years,
)
from nmgpolicy.engine import get_ruleset
from nmgpolicy.limits import BUDGET
from nmgpolicy.units import Kind

__all__ = ["facts_schema"]

_DIALECT = "https://json-schema.org/draft/2020-12/schema"


def _amount(kind: Kind) -> dict[str, Any]:
    return {
        "type": "string",
        "description": f"{kind.description}, a number with its unit",
        "examples": [kind.example],
    }


_LEAVES: dict[object, dict[str, Any]] = {
    bool: {"type": "boolean"},
    int: {"type": "integer"},
    str: {"type": "string"},
    dt.date: {"type": "string", "format": "date", "examples": ["2026-06-01"]},
    Decimal: {"type": ["string", "number"], "examples": ["1.25"]},
    Money: _amount(Kind.MONEY),
    Tonnes: _amount(Kind.MASS),
    Kva: _amount(Kind.APPARENT_POWER),
    AreaKm2: _amount(Kind.AREA),
    TonnesPerYuan: _amount(Kind.MASS_PER_MONEY),
    Measure: {
        "type": "string",
        "description": "a value per set, per machine or per tonne, with its unit",
        "examples": ["85万元/套", "12万元/台", "2.5万元/吨"],
    },
    Share: {
        "description": 'a share: "60%" or a fraction in [0, 1]',
        "oneOf": [
            {"type": "string", "examples": ["60%"]},
            {"type": "number", "minimum": 0, "maximum": 1},
        ],
    },
    Ratio: {
        "description": 'a signed ratio: "-5%", "120%" or a fraction in [-1, 1]',
        "oneOf": [
            {"type": "string", "examples": ["-5%", "120%"]},
            {"type": "number", "minimum": -1, "maximum": 1},
        ],
    },
    UnsignedRatio: {
        "description": 'a ratio that may exceed 100 %: "120%" or a fraction in [0, 1]',
        "oneOf": [
            {"type": "string", "examples": ["120%"]},
            {"type": "number", "minimum": 0, "maximum": 1},
        ],
    },
    Years: {
        "description": 'a number of years, e.g. 3 or "3年"',
        "oneOf": [{"type": "number", "minimum": 0}, {"type": "string", "examples": ["3年"]}],
    },
    Count: {
        "description": 'a whole count, e.g. 1200 or "1200人"',
        "oneOf": [{"type": "integer", "minimum": 0}, {"type": "string", "examples": ["1200人"]}],
    },
}


def _budgeted(leaf: dict[str, Any]) -> dict[str, Any]:
    """A leaf schema with the input budget's text length (``maxLength``) where it is a text."""
    leaf = dict(leaf)
    kinds = leaf.get("type")
    if kinds == "string" or (isinstance(kinds, list) and "string" in kinds):
        leaf["maxLength"] = BUDGET.max_string_length
    if "oneOf" in leaf:
        leaf["oneOf"] = [_budgeted(option) for option in leaf["oneOf"]]
    return leaf


def _schema(tp: Any, defs: dict[str, Any]) -> dict[str, Any]:
    if tp in _LEAVES:
        return _budgeted(_LEAVES[tp])
    origin = get_origin(tp)
    args = get_args(tp)
    if origin in (Union, types.UnionType):
        options = [a for a in args if a is not type(None)]
        inner = (
            _schema(options[0], defs)
            if len(options) == 1
            else {"anyOf": [_schema(a, defs) for a in options]}
        )
        if len(options) < len(args):
            return {"anyOf": [inner, {"type": "null"}]}
        return inner
    if origin is Literal:
        return {"enum": list(args)}
    if origin in (list, tuple, abc.Sequence):
        return {
            "type": "array",
            "items": _schema(args[0], defs) if args else {},
            "maxItems": BUDGET.max_list_length,
        }
    if origin in (dict, abc.Mapping):
        return {
            "type": "object",
            "additionalProperties": _schema(args[1], defs),
            "propertyNames": {"maxLength": BUDGET.max_key_length},
            "maxProperties": BUDGET.max_keys,
        }
    if attrs.has(tp):
        name = tp.__name__
        if name not in defs:
            defs[name] = {}  # placeholder against recursion
            defs[name] = _object(tp, defs)
        return {"$ref": f"#/$defs/{name}"}
    raise TypeError(f"no JSON Schema for {tp!r}")  # pragma: no cover - a model author's error


def _object(cls: Any, defs: dict[str, Any]) -> dict[str, Any]:
    hints = get_type_hints(cls)
    properties = {}
    required = []
    for field in attrs.fields(cls):
        properties[field.name] = _schema(hints[field.name], defs)
        if field.default is attrs.NOTHING:
            required.append(field.name)
    schema: dict[str, Any] = {
        "type": "object",
        "properties": properties,
        "additionalProperties": False,
    }
    doc = (cls.__doc__ or "").strip().split("\n\n")[0]
    if doc:
        schema["description"] = " ".join(doc.split())
    if required:
        schema["required"] = required
    return schema


def facts_schema(ruleset_id: str) -> dict[str, Any]:
    """The JSON Schema of the facts that ``evaluate(ruleset_id, facts, on=...)`` accepts.

    Unknown keys are refused (``additionalProperties: false``), as :func:`nmgpolicy.evaluate`
    refuses them. The input budget (:data:`nmgpolicy.limits.BUDGET`) shows where JSON Schema
    can say it: ``maxLength`` of texts and keys, ``maxItems`` of lists, ``maxProperties`` of
    maps; the budget on depth, values, digits and exponents is the library's to check.
    Raises :class:`~nmgpolicy.errors.UnknownRuleSet` for an unknown id.
    """
    ruleset = get_ruleset(ruleset_id)
    model = getattr(ruleset, "facts_type", None)
    defs: dict[str, Any] = {}
    body = _object(model, defs) if model is not None else {"type": "object"}
    title = ruleset.title
    schema: dict[str, Any] = {
        "$schema": _DIALECT,
        "$id": f"https://nmgpolicy.invalid/schema/{ruleset.id}.json",
        "title": f"{title.zh} ({title.en})",
        **body,
    }
    if defs:
        schema["$defs"] = defs
    return schema
