"""Read the library once into the generation spec: what the golden facts are built from.

The spec holds, per rule set, everything :mod:`tests.golden.cases` needs to build the fact sets:
the bundled examples (``examples/*/index.json``: a file, a rule set, an evaluation date), every
field of the facts with its kind and its enumeration (from ``nmgpolicy.schema.facts_schema``),
every threshold of the data file in canonical units (``load_parameters(ruleset).parameters``
and the scoring bands of ``[indicators.*]``), the in-force window, the evaluation dates, the
legal (and a few illegal) parameter overrides, and the lists a rule set needs (catalog items,
document ids, product names).

It is read only by ``generate --write`` and frozen in ``tests/golden/spec.json``. ``--check``
(and the test) read the frozen file, never the library's data: a refactor that moves the data
files, renames a schema description or reorders the examples cannot change the facts checked.
"""

from __future__ import annotations

import datetime as dt
import json
from decimal import Context, Decimal
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[2]
EXAMPLES = ROOT / "examples"

_CTX = Context(prec=60)

# Units of the thresholds written in the data files' scoring bands (the parameters are read
# already parsed). Longest suffix first. Values in the canonical unit of their kind.
BAND_UNITS: tuple[tuple[str, str, Decimal], ...] = (
    ("亿元", "money", Decimal(10**8)),
    ("万元", "money", Decimal(10**4)),
    ("元", "money", Decimal(1)),
    ("万吨", "mass", Decimal(10**4)),
    ("吨", "mass", Decimal(1)),
    ("%", "share", Decimal("0.01")),
)

# The keyword of each schema leaf description, most specific first; the kind it means.
_DESCRIPTIONS: tuple[tuple[str, str], ...] = (
    ("value per set", "measure"),
    ("mass per money", "mass_per_money"),
    ("amount of money", "money"),
    ("apparent power", "apparent_power"),
    ("a mass", "mass"),
    ("an area", "area"),
    ("signed ratio", "ratio"),
    ("may exceed 100", "unsigned_ratio"),
    ("a share", "share"),
    ("whole count", "count"),
    ("number of years", "years"),
)


def _text(value: Decimal) -> str:
    """A Decimal as plain text without exponent or trailing zeros ("1500000000", "0.6")."""
    value = value.normalize(_CTX)
    text = format(value, "f")
    return "0" if text in ("-0", "") else text


def _sorted_unique(values: list[Decimal]) -> list[str]:
    return [_text(v) for v in sorted(set(values))]


# ------------------------------------------------------------------------------------------
# Fields (from the JSON Schema)


def _unwrap(node: dict[str, Any]) -> tuple[dict[str, Any], bool]:
    """A node without its ``{"type": "null"}`` alternative, and whether null was allowed."""
    options = node.get("anyOf")
    if isinstance(options, list):
        rest = [o for o in options if o != {"type": "null"}]
        if len(rest) == 1:
            return rest[0], len(rest) < len(options)
    return node, False


def _leaf_kind(node: dict[str, Any]) -> str:
    description = str(node.get("description", ""))
    for word, kind in _DESCRIPTIONS:
        if word in description:
            return kind
    kinds = node.get("type")
    if kinds == "boolean":
        return "bool"
    if kinds == "integer":
        return "int"
    if kinds == "string" and node.get("format") == "date":
        return "date"
    if isinstance(kinds, list) and "number" in kinds:
        return "decimal"
    if kinds == "string":
        return "str"
    return "other"


def _walk(
    node: dict[str, Any], path: str, defs: dict[str, Any], out: dict[str, Any], required: bool
) -> None:
    node, nullable = _unwrap(node)
    if "$ref" in node:
        node = defs[node["$ref"].rsplit("/", 1)[1]]
    entry: dict[str, Any] = {"nullable": nullable, "required": required}
    if "enum" in node:
        out[path] = {**entry, "kind": "enum", "values": list(node["enum"])}
        return
    kinds = node.get("type")
    if kinds == "object" and "properties" in node:
        out[path] = {**entry, "kind": "object", "keys": list(node["properties"])}
        needed = set(node.get("required", []))
        for key, child in node["properties"].items():
            _walk(child, f"{path}.{key}", defs, out, key in needed)
        return
    if kinds == "object" and "additionalProperties" in node:
        value = node["additionalProperties"]
        out[path] = {**entry, "kind": "map", "values_kind": _leaf_kind(value)}
        return
    if kinds == "array":
        items, _ = _unwrap(node.get("items", {}))
        if "$ref" in items:
            out[path] = {**entry, "kind": "list"}
            _walk(items, f"{path}[]", defs, out, True)
        elif "enum" in items:
            out[path] = {**entry, "kind": "enum_list", "values": list(items["enum"])}
        else:
            out[path] = {**entry, "kind": "str_list"}
        return
    out[path] = {**entry, "kind": _leaf_kind(node)}


def fields(ruleset: str) -> dict[str, Any]:
    """Every field of the facts by path (``$.years[].output``): kind, enumeration, nullability."""
    from nmgpolicy.schema import facts_schema

    schema = facts_schema(ruleset)
    out: dict[str, Any] = {}
    _walk(schema, "$", schema.get("$defs", {}), out, True)
    return out


# ------------------------------------------------------------------------------------------
# Thresholds (from the data file)


def _band_value(raw: object) -> tuple[str, Decimal] | None:
    if isinstance(raw, int | float) and not isinstance(raw, bool):
        return "decimal", Decimal(str(raw))
    if not isinstance(raw, str):
        return None
    text = raw.strip()
    for suffix, kind, factor in BAND_UNITS:
        if text.endswith(suffix):
            try:
                return kind, _CTX.multiply(Decimal(text[: -len(suffix)]), factor)
            except ArithmeticError:
                return None
    try:
        return "decimal", Decimal(text)
    except ArithmeticError:
        return None


def _indicator_edges(
    extra: Any,
) -> tuple[dict[str, dict[str, list[str]]], dict[str, list[Decimal]]]:
    """Every band edge of ``[indicators.*]`` by indicator and kind, and all of them by kind."""
    by_indicator: dict[str, dict[str, list[str]]] = {}
    by_kind: dict[str, list[Decimal]] = {}
    indicators = extra.get("indicators") or {}
    for name in sorted(indicators):
        spec = indicators[name]
        found: dict[str, list[Decimal]] = {}

        def add(kind: str, value: Decimal, found: dict[str, list[Decimal]] = found) -> None:
            found.setdefault(kind, []).append(value)
            by_kind.setdefault(kind, []).append(value)

        for band in spec.get("bands") or ():
            for side in ("lower", "upper"):
                raw = band.get(side)
                parts = raw.values() if hasattr(raw, "values") else (raw,)
                for part in parts:
                    parsed = _band_value(part)
                    if parsed is not None:
                        add(*parsed)
        if spec.get("kind") == "steps":
            step = Decimal(str(spec["step"]))
            most = int(spec.get("max", 5)) // max(int(spec.get("points_per_step", 1)), 1) + 1
            for k in range(most + 1):
                add("years", step * k)
        if spec.get("kind") == "supplied":
            add("decimal", Decimal(0))
            add("decimal", Decimal(str(spec.get("max", 0))))
        by_indicator[name] = {k: _sorted_unique(v) for k, v in sorted(found.items())}
    return by_indicator, by_kind


def thresholds(ruleset: str) -> tuple[dict[str, Any], dict[str, Any]]:
    """The data file's thresholds by kind (canonical units) and the band edges by indicator."""
    from nmgpolicy.params import load_parameters
    from nmgpolicy.periods import Period

    data = load_parameters(ruleset)
    found: dict[str, list[Decimal]] = {}
    periods: list[tuple[int, str]] = []
    dates: list[str] = []
    for name in sorted(data.parameters):
        parameter = data.parameters[name]
        kind = parameter.type.partition(":")[2] if parameter.type.startswith("amount:") else None
        for dated in parameter.values:
            value = dated.value
            if kind is not None:
                found.setdefault(kind, []).append(Decimal(value))
            elif parameter.type in ("share", "decimal"):
                found.setdefault(parameter.type, []).append(Decimal(value))
            elif parameter.type == "int":
                found.setdefault("int", []).append(Decimal(int(value)))
            elif parameter.type == "period" and isinstance(value, Period):
                periods.append((int(value.amount), str(value.unit.value)))
            elif parameter.type == "date" and isinstance(value, dt.date):
                dates.append(value.isoformat())
            for limit in (dated.start, dated.end):
                if limit is not None:
                    dates.append(limit.isoformat())
    edges, band_kinds = _indicator_edges(data.extra)
    for kind, values in band_kinds.items():
        found.setdefault(kind, []).extend(values)
    out: dict[str, Any] = {k: _sorted_unique(v) for k, v in sorted(found.items())}
    out["period"] = [list(p) for p in sorted(set(periods))]
    out["date"] = sorted(set(dates))
    return out, edges


# ------------------------------------------------------------------------------------------
# Overrides


def _number_and_suffix(raw: str) -> tuple[Decimal, str] | None:
    text = raw.strip()
    end = 0
    while end < len(text) and (text[end].isdigit() or text[end] in ".-"):
        end += 1
    if end == 0:
        return None
    try:
        return Decimal(text[:end]), text[end:]
    except ArithmeticError:
        return None


def _candidates(parameter: Any) -> list[object]:
    """Override values to try for one parameter (the legal ones are kept by :func:`overrides`)."""
    kind = parameter.type
    raw = parameter.raw[-1] if parameter.raw else None
    if kind == "bool":
        return [True, False]
    if kind.startswith("choice:"):
        return list(kind.partition(":")[2].split("|"))
    if kind == "date":
        return ["2024-01-01", "2025-06-30", "2026-03-31", "2026-12-31"]
    if kind == "str":
        return []
    if kind == "int" and isinstance(raw, int):
        out: list[object] = [raw, raw - 1, raw + 1, raw * 2]
        if parameter.range is not None:
            out += [parameter.range.low, parameter.range.high]
        return out
    if isinstance(raw, str):
        split = _number_and_suffix(raw)
        if split is None:
            return [raw]
        number, suffix = split
        steps = (
            [Decimal(0), Decimal(1), Decimal(-1), number, -number]
            if kind == "period"
            else [Decimal(0), Decimal("0.01"), Decimal("-0.01"), number / 2, -number / 2]
        )
        out = []
        for step in steps:
            value = _CTX.add(number, step)
            if kind == "period":
                value = value.to_integral_value()
            out.append(f"{_text(value)}{suffix}")
        if kind == "decimal":
            out.append(_text(number))
        return out
    return []


def overrides(ruleset: str) -> dict[str, Any]:
    """Per parameter, override values the library accepts (``legal``) and some it refuses."""
    from nmgpolicy.errors import InputError
    from nmgpolicy.params import load_parameters

    data = load_parameters(ruleset)
    legal: dict[str, list[object]] = {}
    for name in sorted(data.parameters):
        parameter = data.parameters[name]
        kept: list[object] = []
        for value in _candidates(parameter):
            try:
                parameter.parse(value, f"$.parameters.{name}")
            except InputError:
                continue
            if value not in kept:
                kept.append(value)
        if kept:
            legal[name] = kept
    illegal: list[list[object]] = [["no_such_parameter", 1]]
    for name in sorted(data.parameters):
        parameter = data.parameters[name]
        for value in ("-1", "200%", "1e30", True, "abc", -5, None):
            if len(illegal) >= 12:
                break
            try:
                parameter.parse(value, f"$.parameters.{name}")
            except InputError:
                illegal.append([name, value])
                break
    return {"legal": legal, "illegal": illegal}


# ------------------------------------------------------------------------------------------
# Bases, dates and rule-set lists


def bases() -> dict[str, list[dict[str, Any]]]:
    """The bundled examples by rule set, in the order of the index files (sorted by folder)."""
    out: dict[str, list[dict[str, Any]]] = {}
    for index in sorted(EXAMPLES.glob("*/index.json")):
        listing = json.loads(index.read_text(encoding="utf-8"))
        for case in listing["cases"]:
            ruleset = case.get("ruleset", listing.get("ruleset"))
            facts = json.loads((index.parent / case["file"]).read_text(encoding="utf-8"))
            out.setdefault(ruleset, []).append(
                {"name": f"{index.parent.name}/{case['file']}", "on": case["on"], "facts": facts}
            )
    return out


def _dates(window: tuple[dt.date | None, dt.date | None], extra: list[str]) -> list[str]:
    days = {dt.date(y, 12, 31) for y in range(2019, 2027)}
    days |= {dt.date(y, 1, 1) for y in range(2020, 2028)}
    days |= {dt.date(2026, 3, 31), dt.date(2026, 4, 1), dt.date(2025, 6, 1), dt.date(2027, 1, 4)}
    for edge in window:
        if edge is not None:
            days |= {edge - dt.timedelta(days=1), edge, edge + dt.timedelta(days=1)}
    days |= {dt.date.fromisoformat(d) for d in extra}
    return sorted(d.isoformat() for d in days)


def _lists(ruleset: str) -> dict[str, Any]:
    from nmgpolicy.params import load_parameters

    data = load_parameters(ruleset)
    extra = data.extra
    out: dict[str, Any] = {}
    if ruleset == "disclosure":
        from nmgpolicy.catalog import bundled_catalog

        out["items"] = list(bundled_catalog().ids)
    if ruleset == "first_set":
        out["documents"] = [str(spec["id"]) for spec in extra["documents"]]
        out["categories"] = {
            name: {"threshold": str(spec["threshold"]), "unit": str(spec["unit"])}
            for name, spec in sorted(extra["categories"].items())
        }
        out["sei_classes"] = sorted(extra["new_material_catalog"]["classes"])
    if ruleset == "ferroalloy":
        out["tiers"] = {
            kind: [
                {k: str(tier[k]) for k in ("id", "from", "below", "ratio") if k in tier}
                for tier in tiers
            ]
            for kind, tiers in sorted(extra["tiers"].items())
        }
        out["base_aliases"] = list(extra["conversion"]["base_aliases"])
    if ruleset == "cluster":
        out["anchor_designations"] = json.loads(json.dumps(extra.get("anchor_designations")))
    return out


def build() -> dict[str, Any]:
    """The whole spec, for every registered rule set."""
    import nmgpolicy
    from nmgpolicy.params import load_parameters

    examples = bases()
    rulesets: dict[str, Any] = {}
    for ruleset in nmgpolicy.rulesets():
        data = load_parameters(ruleset)
        found, edges = thresholds(ruleset)
        window = (data.in_force_from, data.in_force_to)
        own = [case["on"] for case in examples.get(ruleset, [])]
        defaults = {
            name: data.parameters[name].at(dt.date(2025, 6, 1)) for name in sorted(data.parameters)
        }
        rulesets[ruleset] = {
            "bases": examples.get(ruleset, []),
            "fields": fields(ruleset),
            "thresholds": found,
            "edges": edges,
            "defaults": json.loads(json.dumps(defaults, default=str)),
            "window": [d.isoformat() if d else None for d in window],
            "dates": _dates(window, own + found["date"]),
            "overrides": overrides(ruleset),
            "lists": _lists(ruleset),
        }
    return {"rulesets": rulesets}
