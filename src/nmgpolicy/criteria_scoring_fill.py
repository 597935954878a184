"""Texts filled from the parameters: a data file's ``{parameter}`` placeholders written with the
values of an evaluation, so that a title or subject never shows a stale number after an override.

Part of the scoring-table vocabulary (:mod:`nmgpolicy.criteria_scoring`, which re-exports these
names); used by every rule set whose texts name parameters.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping
from decimal import Decimal
from typing import Any

import attrs

from nmgpolicy.definition import Fact, Measure, Param, Ref, Row
from nmgpolicy.outcome import Amount, Message
from nmgpolicy.params import ParameterSet
from nmgpolicy.periods import Period
from nmgpolicy.units import Kind, format_decimal

__all__ = ["Filled", "fill", "parameter_text", "placeholders", "references_of"]

_PLACEHOLDER = re.compile(r"\{([a-z][a-z0-9_]*)(?::(cn))?\}( years| units)?")
_FILLED_CACHE = 256
"""How many filled texts a :class:`Filled` keeps."""
_NUMERALS = {
    "zh": ("零", "一", "两", "三", "四", "五", "六", "七", "八", "九", "十"),
    "en": ("zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten"),
}


def parameter_text(data: ParameterSet, name: str, value: Any, lang: str, form: str | None) -> str:
    """A parameter's value as a text of the data file shows it in ``lang``.

    An amount with its unit ("500万元", "5 million yuan"), a share as a percentage ("3%"), a
    number plainly ("60"), a choice by its label (the label ``<name>.<value>`` when the data
    file gives one, else the label of the value). ``form`` ``"cn"`` writes a whole number from
    0 to 10 as a word ("三" / "three"; 2 is "两", as in "近两年").
    """
    if form == "cn" and type(value) is int and 0 <= value <= 10:
        return _NUMERALS[lang][value]
    parameter = data.parameters.get(name)
    kind = parameter.type if parameter is not None else ""
    if isinstance(value, Decimal):
        if kind.startswith("amount:"):
            return Amount(value, Kind[kind.partition(":")[2].upper()]).text(lang)
        if kind in ("share", "ratio"):
            return f"{format_decimal(value * 100)}%"
        return format_decimal(value)
    if kind.startswith("choice:"):
        word = data.labels.get(f"{name}.{value}") or data.label(str(value))
        return word.get(lang)
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, Period):
        return value.describe(lang)  # "2年" / "2 years"
    return str(value)


def _filled(text: str, lang: str, values: Mapping[str, Any], data: ParameterSet) -> str:
    def one(match: re.Match[str]) -> str:
        name, form, noun = match.groups()
        if name not in values:
            return match.group(0)  # not a parameter: left as written
        value = values[name]
        if noun and value == 1:
            noun = noun[:-1]  # "the last one year", "the last 1 year"
        return parameter_text(data, name, value, lang, form) + (noun or "")

    return _PLACEHOLDER.sub(one, text)


def fill(template: Message, values: Mapping[str, Any], data: ParameterSet) -> Message:
    """``template`` with each ``{parameter}`` (or ``{parameter:cn}``) replaced by the value of
    that parameter in ``values`` (:func:`parameter_text`); a text without placeholders is
    returned as it is."""
    zh, en = template.zh, template.en
    if "{" not in zh and "{" not in en:
        return template
    return Message(_filled(zh, "zh", values, data), _filled(en, "en", values, data))


def placeholders(template: Message) -> tuple[str, ...]:
    """The parameter names a text refers to, in order, each once."""
    found = _PLACEHOLDER.findall(template.zh) + _PLACEHOLDER.findall(template.en)
    return tuple(dict.fromkeys(name for name, _, _ in found))


@attrs.frozen
class Filled:
    """A criterion's subject written with parameters (``"近{equity_window_years}年…"``), filled
    with the values of the evaluation (a ``Subject`` of :mod:`nmgpolicy.criteria`).

    The texts already written are kept, by the values of the parameters they show (a bounded
    cache: the data file's own values are the usual case)."""

    template: Message
    _names: tuple[str, ...] = attrs.field(init=False, repr=False, eq=False)
    _cache: dict[tuple[Any, ...], tuple[ParameterSet, Message]] = attrs.field(
        init=False, repr=False, eq=False, factory=dict
    )

    @_names.default
    def _placeholders(self) -> tuple[str, ...]:
        return placeholders(self.template)

    def __call__(self, row: Row) -> Message:
        params, data = row.params, row.ctx.data
        key = tuple(params.get(n) for n in self._names)
        found = self._cache.get(key)
        if found is not None and found[0] is data:
            return found[1]
        message = fill(self.template, params, data)
        if len(self._cache) >= _FILLED_CACHE:
            self._cache.clear()
        self._cache[key] = (data, message)
        return message

    def references(self) -> tuple[Param, ...]:
        return tuple(Param(name) for name in placeholders(self.template))


def references_of(*items: object) -> tuple[Ref, ...]:
    """The references of facts, measures, parameters and filled subjects among ``items``."""
    found: list[Ref] = []
    for item in items:
        if isinstance(item, Fact | Measure | Param):
            found.append(item)
        elif isinstance(item, Filled):
            found += item.references()
    return tuple(found)
