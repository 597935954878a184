"""JSON-like fact sets (as the row path takes them) turned into columns and long tables."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from nmgpolicy.errors import InputError, shown

__all__ = ["ABSENT", "from_records"]


class _Absent:
    """The value of a column where a record does not give the fact (unlike an explicit null)."""

    __slots__ = ()

    def __repr__(self) -> str:
        return "ABSENT"

    def __reduce__(self) -> str:
        return "ABSENT"


ABSENT: Any = _Absent()
"""A fact a record does not give (absent), as opposed to one it gives as ``None`` (null)."""


def from_records(
    records: Iterable[Mapping[str, Any]],
) -> tuple[dict[str, list[Any]], dict[str, dict[str, list[Any]]]]:
    """``(columns, lists)`` for :func:`nmgpolicy.columnar.evaluate` from a list of fact sets.

    A nested mapping becomes dotted columns (``"attestations.operator"``); a list of mappings at
    the top level (``"years"``, ``"units"``) becomes a long table in ``lists`` with an
    ``"application"`` column (the record's row number). A fact a record does not give is
    :data:`ABSENT` in its column (an explicit null stays ``None``). Anything else (a list of
    texts, a list inside a list item) is kept as it is, for the row path to read.
    """
    rows: list[dict[str, Any]] = []
    long_rows: dict[str, list[dict[str, Any]]] = {}
    for index, record in enumerate(records):
        if not isinstance(record, Mapping):
            raise InputError.single(
                f"$[{index}]", f"expected a mapping of facts, got {shown(record)}; e.g. {{}}"
            )
        flat: dict[str, Any] = {}
        for key, value in record.items():
            if isinstance(value, list) and value and all(isinstance(v, Mapping) for v in value):
                for item in value:
                    entry = {"application": index}
                    _flatten(item, "", entry)
                    long_rows.setdefault(key, []).append(entry)
            elif isinstance(value, list) and not value:
                long_rows.setdefault(key, [])
                flat[key] = value  # an empty list is a fact too (no items)
            else:
                _flatten({key: value}, "", flat)
        rows.append(flat)
    lists = {key: {"application": [], **_columns(items)} for key, items in long_rows.items()}
    return _columns(rows), lists


def _flatten(value: Mapping[str, Any], prefix: str, out: dict[str, Any]) -> None:
    for key, item in value.items():
        path = f"{prefix}{key}"
        if isinstance(item, Mapping) and item:
            _flatten(item, f"{path}.", out)
        else:
            out[path] = item


def _columns(rows: list[dict[str, Any]]) -> dict[str, list[Any]]:
    names: dict[str, None] = {}
    for row in rows:
        names.update(dict.fromkeys(row))
    return {name: [row.get(name, ABSENT) for row in rows] for name in names}
