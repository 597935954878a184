"""Legal numbers as dated data with citations, loaded from ``nmgpolicy/data/<ruleset>.toml``.

Thresholds, ratios and periods never appear as literals in rule code: each is a
:class:`Parameter` in the rule set's data file, with its citation (document, article, clause,
quoted text) and the dates it applies from and to, in the manner of OpenFisca's parameters.
Each criterion a rule set decides is also described there (:class:`CriterionInfo`), so that
``nmgpolicy rules`` can print every criterion with its article and quoted text.

Callers may override parameters for what-if analysis (``parameters={"name": value}``); the
override is parsed with the parameter's own type and recorded in the Decision.

Data-file layout::

    [ruleset]
    id = "first_set"
    title = { zh = "…", en = "…" }
    document = "《…》"
    in_force_from = "2024-01-01"     # optional; absent = unknown
    in_force_to = "2025-12-31"       # optional
    successor = "…"                  # optional, named by NotInForce

    [parameters.threshold_complete_set]
    # type: period | amount:<kind> | share | decimal | int | date | str | bool | choice:a|b
    type = "amount:money_per_set"
    value = "80万元/套"               # or [[parameters.X.values]] with from / to / value
    description = { zh = "…", en = "…" }
    citation = { document = "…", article = "第五条", clause = "（五）", text = "…" }

    [criteria."first_set.unit_value"]
    title = { zh = "…", en = "…" }
    citation = { … }
"""

from __future__ import annotations

import datetime as dt
import functools
import re
import tomllib
from collections.abc import Callable, Mapping
from decimal import Decimal, InvalidOperation
from importlib import resources
from typing import Any

import attrs

from nmgpolicy.errors import InputError, Problem, shown
from nmgpolicy.outcome import Amount, Citation, Message
from nmgpolicy.periods import parse_period
from nmgpolicy.units import Kind, parse_amount, parse_share

__all__ = [
    "CriterionInfo",
    "DatedValue",
    "Parameter",
    "ParameterSet",
    "Resolved",
    "load_parameters",
    "parse_date",
]

_DATE_EXAMPLE = 'e.g. "2026-06-01"'
_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")


def parse_date(value: object, path: str) -> dt.date:
    """An ISO ``YYYY-MM-DD`` string or a :class:`datetime.date` (not a datetime) → date."""
    if isinstance(value, dt.datetime):
        raise InputError.single(path, f"expected a date, not a date-time; {_DATE_EXAMPLE}")
    if isinstance(value, dt.date):
        return value
    if isinstance(value, str) and _ISO_DATE.fullmatch(value.strip()):
        try:
            return dt.date.fromisoformat(value.strip())
        except ValueError:
            pass
    raise InputError.single(
        path, f"expected an ISO date YYYY-MM-DD, got {shown(value)}; {_DATE_EXAMPLE}"
    )


def _parse_decimal(value: object, path: str) -> Decimal:
    if isinstance(value, bool) or not isinstance(value, int | str | Decimal | float):
        raise InputError.single(path, f'expected a decimal number, got {shown(value)}; e.g. "1.25"')
    try:
        result = Decimal(str(value).strip())
    except InvalidOperation:
        raise InputError.single(
            path, f'expected a decimal number, got {shown(value)}; e.g. "1.25"'
        ) from None
    if not result.is_finite() or abs(result) > Decimal("1e18"):
        raise InputError.single(
            path, f'expected a finite decimal number; e.g. "1.25", got {shown(value)}'
        )
    return result


def _parse_int(value: object, path: str) -> int:
    if isinstance(value, bool) or not isinstance(value, int):
        raise InputError.single(path, f"expected a whole number, got {shown(value)}; e.g. 3")
    return value


def _parse_bool(value: object, path: str) -> bool:
    if not isinstance(value, bool):
        raise InputError.single(path, f"expected true or false, got {shown(value)}; e.g. true")
    return value


def _parse_str(value: object, path: str) -> str:
    if not isinstance(value, str):
        raise InputError.single(path, f'expected a text, got {shown(value)}; e.g. "cagr"')
    return value


def value_parser(type_name: str) -> Callable[[object, str], Any]:
    """The parser for a parameter type name (see the module docstring)."""
    if type_name.startswith("amount:"):
        kind = Kind[type_name.partition(":")[2].upper()]
        return lambda value, path: parse_amount(value, kind, path=path)
    simple: dict[str, Callable[[object, str], Any]] = {
        "period": lambda value, path: parse_period(value, path=path),  # type: ignore[arg-type]
        "share": lambda value, path: parse_share(value, path=path),
        "decimal": _parse_decimal,
        "int": _parse_int,
        "date": parse_date,
        "bool": _parse_bool,
        "str": _parse_str,
    }
    if type_name.startswith("choice:"):
        choices = tuple(type_name.partition(":")[2].split("|"))

        def parse_choice(value: object, path: str) -> str:
            if value not in choices:
                expected = " or ".join(f'"{c}"' for c in choices)
                raise InputError.single(path, f"expected {expected}, got {shown(value)}")
            return str(value)

        return parse_choice
    return simple[type_name]


@attrs.frozen
class DatedValue:
    """A parameter's value over ``[start, end]`` (both inclusive; ``None`` = open)."""

    value: Any
    start: dt.date | None = None
    end: dt.date | None = None

    def covers(self, on: dt.date) -> bool:
        return (self.start is None or self.start <= on) and (self.end is None or on <= self.end)


@attrs.frozen
class Parameter:
    """A legal number (threshold, ratio, period …) with its citation and dated values.

    ``values`` is empty for parameters the law does not give (the caller must supply them).
    """

    name: str
    type: str
    description: Message
    citation: Citation | None
    values: tuple[DatedValue, ...]
    raw: tuple[Any, ...] = ()

    def at(self, on: dt.date) -> Any:
        """The value in force on ``on``, or ``None`` if the law gives none for that date."""
        for dated in self.values:
            if dated.covers(on):
                return dated.value
        return None

    def parse(self, value: object, path: str) -> Any:
        """Parse a value (e.g. a caller's override) with this parameter's type."""
        return value_parser(self.type)(value, path)

    def display(self, value: Any) -> Any:
        """``value`` as results and overrides show it: an amount with its unit (``"90万元/套"``)."""
        if self.type.startswith("amount:") and isinstance(value, Decimal):
            return Amount(value, Kind[self.type.partition(":")[2].upper()])
        return value


@attrs.frozen
class CriterionInfo:
    """A criterion as described in the data file: id, title and citation (for ``rules``)."""

    id: str
    title: Message
    citation: Citation | None
    binding: bool = True


@attrs.frozen
class Resolved:
    """Parameter values for one evaluation date, after the caller's overrides."""

    values: Mapping[str, Any]
    overrides: Mapping[str, Any]

    def __getitem__(self, name: str) -> Any:
        return self.values[name]


def shown_overrides(data: ParameterSet, params: Resolved) -> dict[str, Any]:
    """The caller's overrides as a Decision records them (amounts with their units)."""
    return {name: data.parameters[name].display(v) for name, v in params.overrides.items()}


@attrs.frozen
class ParameterSet:
    """Everything a rule set's data file holds: metadata, parameters and criteria."""

    ruleset: str
    title: Message
    document: str
    in_force_from: dt.date | None
    in_force_to: dt.date | None
    successor: str | None
    window_note: Message | None
    parameters: Mapping[str, Parameter]
    criteria: Mapping[str, CriterionInfo]
    extra: Mapping[str, Any] = attrs.field(factory=dict)
    labels: Mapping[str, Message] = attrs.field(factory=dict)
    """How code values (enumeration values, mapping keys) read in Chinese and English."""

    def label(self, code: str) -> Message:
        """The label of a code value; the code itself where the data file gives none."""
        found = self.labels.get(code)
        return found if found is not None else Message(code, code)

    def citation(self, criterion_id: str) -> Citation | None:
        """The citation of a criterion (by finding id)."""
        return self.criteria[criterion_id].citation

    def resolve(self, on: dt.date, overrides: Mapping[str, object] | None = None) -> Resolved:
        """Values in force on ``on``, with ``overrides`` parsed and applied.

        Every bad override (unknown name, wrong type) is reported at
        ``$.parameters.<name>`` in one :class:`InputError`.
        """
        values = {name: p.at(on) for name, p in self.parameters.items()}
        applied: dict[str, Any] = {}
        if overrides is None:
            return Resolved(values, applied)
        if not isinstance(overrides, Mapping):
            raise InputError.single(
                "$.parameters",
                'expected an object of parameter overrides; e.g. {"name": value}, '
                f"known: {', '.join(self.parameters)}",
            )
        problems: list[Problem] = []
        for name, raw in overrides.items():
            path = f"$.parameters.{name}"
            parameter = self.parameters.get(name) if isinstance(name, str) else None
            if parameter is None:
                problems.append(
                    Problem(path, f"unknown parameter; known: {', '.join(self.parameters)}")
                )
                continue
            if raw is None and not parameter.values:
                continue  # a caller-supplied parameter left unset, as if not given
            try:
                applied[name] = parameter.parse(raw, path)
            except InputError as error:
                problems.extend(error.problems)
        if problems:
            raise InputError(problems)
        values.update(applied)
        return Resolved(values, applied)


def _message(data: object, fallback: str = "") -> Message:
    if isinstance(data, Mapping):
        return Message(zh=str(data.get("zh", fallback)), en=str(data.get("en", fallback)))
    return Message(zh=str(data or fallback), en=str(data or fallback))


def _citation(data: object) -> Citation | None:
    return Citation.from_mapping(data) if isinstance(data, Mapping) else None


def _optional_date(data: Mapping[str, Any], key: str, where: str) -> dt.date | None:
    value = data.get(key)
    return None if value is None else parse_date(value, f"{where}.{key}")


def _parameter(name: str, data: Mapping[str, Any], where: str) -> Parameter:
    type_name = str(data["type"])
    parse = value_parser(type_name)
    entries: list[Mapping[str, Any]]
    if "values" in data:
        entries = list(data["values"])
    elif "value" in data:
        entries = [{"value": data["value"], "from": data.get("from"), "to": data.get("to")}]
    else:
        entries = []
    dated = tuple(
        DatedValue(
            value=parse(entry["value"], f"{where}.value"),
            start=_optional_date(entry, "from", where),
            end=_optional_date(entry, "to", where),
        )
        for entry in entries
    )
    return Parameter(
        name=name,
        type=type_name,
        description=_message(data.get("description"), name),
        citation=_citation(data.get("citation")),
        values=dated,
        raw=tuple(entry["value"] for entry in entries),
    )


def parameter_set_from_mapping(data: Mapping[str, Any], source: str) -> ParameterSet:
    """Build a :class:`ParameterSet` from a parsed data file (``source`` names it in errors)."""
    meta = data["ruleset"]
    parameters = {
        name: _parameter(name, spec, f"{source}:parameters.{name}")
        for name, spec in data.get("parameters", {}).items()
    }
    criteria = {
        cid: CriterionInfo(
            id=cid,
            title=_message(spec.get("title"), cid),
            citation=_citation(spec.get("citation")),
            binding=bool(spec.get("binding", True)),
        )
        for cid, spec in data.get("criteria", {}).items()
    }
    note = meta.get("window_note")
    return ParameterSet(
        ruleset=str(meta["id"]),
        title=_message(meta.get("title"), str(meta["id"])),
        document=str(meta.get("document", "")),
        in_force_from=_optional_date(meta, "in_force_from", source),
        in_force_to=_optional_date(meta, "in_force_to", source),
        successor=meta.get("successor"),
        window_note=_message(note) if note else None,
        parameters=parameters,
        criteria=criteria,
        extra={
            k: v
            for k, v in data.items()
            if k not in {"ruleset", "parameters", "criteria", "labels"}
        },
        labels={
            str(code): _message(text, str(code)) for code, text in data.get("labels", {}).items()
        },
    )


@functools.cache
def load_parameters(ruleset_id: str) -> ParameterSet:
    """The parsed data file of a rule set, read once and cached."""
    resource = resources.files("nmgpolicy").joinpath("data", f"{ruleset_id}.toml")
    with resource.open("rb") as handle:
        data = tomllib.load(handle)
    return parameter_set_from_mapping(data, f"{ruleset_id}.toml")
