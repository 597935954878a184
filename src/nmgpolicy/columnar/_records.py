"""JSON-like fact sets (as the row path takes them) turned into columns and long tables."""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping
from typing import Any

from nmgpolicy.errors import InputError, shown
from nmgpolicy.limits import BUDGET, over

__all__ = ["ABSENT", "RecordColumns", "from_records"]


class _Absent:
    """The value of a column where a record does not give the fact (unlike an explicit null)."""

    __slots__ = ()

    def __repr__(self) -> str:
        return "ABSENT"

    def __reduce__(self) -> str:
        return "ABSENT"


ABSENT: Any = _Absent()
"""A fact a record does not give (absent), as opposed to one it gives as ``None`` (null)."""


class RecordColumns(dict[str, list[Any]]):
    """The columns :func:`from_records` makes: a ``dict`` of columns that also knows how many
    records it holds (``rows``), so that records giving no fact of the main table (``{}``, or
    only a nested list) still make one row each — a table of no columns has no length."""

    rows: int

    def __init__(self, columns: Mapping[str, list[Any]], rows: int) -> None:
        super().__init__(columns)
        self.rows = rows

    def __reduce__(self) -> tuple[Any, tuple[dict[str, list[Any]], int]]:
        """Pickled (and copied) with its count of records."""
        return (RecordColumns, (dict(self), self.rows))


def from_records(
    records: Iterable[Mapping[str, Any]],
) -> tuple[dict[str, list[Any]], dict[str, dict[str, list[Any]]]]:
    """``(columns, lists)`` for :func:`nmgpolicy.columnar.evaluate` from a list of fact sets.

    A nested mapping becomes dotted columns (``"attestations.operator"``); a list of mappings at
    the top level (``"years"``, ``"units"``) becomes a long table in ``lists`` with an
    ``"application"`` column (the record's row number). A fact a record does not give is
    :data:`ABSENT` in its column (an explicit null stays ``None``). Anything else (a list of
    texts, a list inside a list item) is kept as it is, for the row path to read. ``columns``
    is a :class:`RecordColumns` (a ``dict``) that knows the number of records, for records
    giving no fact of the main table. A record nested deeper than the input budget allows
    (``max_depth``, as the row path) is refused.
    """
    if (
        records is None
        or isinstance(records, str | bytes | Mapping)
        or not isinstance(records, Iterable)
    ):
        raise InputError.single(
            "$",
            f"expected a list of records (mappings of facts), got {shown(records)}; "
            f'e.g. [{{"area": "85平方公里"}}]',
        )
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
                for position, item in enumerate(value):
                    entry = {"application": index}
                    _flatten(item, f"$[{index}].{key}[{position}]", 3, entry)
                    long_rows.setdefault(key, []).append(entry)
            elif isinstance(value, list) and not value:
                long_rows.setdefault(key, [])
                flat[key] = value  # an empty list is a fact too (no items)
            else:
                _flatten({key: value}, f"$[{index}]", 1, flat)
        rows.append(flat)
    lists = {key: {"application": [], **_columns(items)} for key, items in long_rows.items()}
    return RecordColumns(_columns(rows), len(rows)), lists


def _flatten(value: Mapping[str, Any], where: str, level: int, out: dict[str, Any]) -> None:
    """The values of ``value`` (an object at nesting ``level``, at ``where``) into ``out`` by
    dotted path; a non-empty object is descended into, without recursion (a record may be
    nested deeper than Python's stack), down to the budget's ``max_depth``."""
    stack: list[tuple[Iterator[tuple[Any, Any]], str, int]] = [(iter(value.items()), "", level)]
    while stack:
        items, prefix, depth = stack[-1]
        for key, item in items:
            path = f"{prefix}{key}"
            if isinstance(item, Mapping) and item:
                if depth + 1 > BUDGET.max_depth:
                    raise InputError.single(
                        f"{where}.{path}",
                        over("nested too deep", "max_depth", "levels of objects and lists"),
                    )
                stack.append((iter(item.items()), f"{path}.", depth + 1))
                break
            out[path] = item
        else:
            stack.pop()


def _columns(rows: list[dict[str, Any]]) -> dict[str, list[Any]]:
    names: dict[str, None] = {}
    for row in rows:
        names.update(dict.fromkeys(row))
    return {name: [row.get(name, ABSENT) for row in rows] for name in names}
