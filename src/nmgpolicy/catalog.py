"""The proactive-disclosure catalog of the Baotou Bureau of Industry and IT, read from its export.

The bureau publishes its 主动公开事项目录 as a table; the library bundles a tab-separated export
of it (``data/baotou_miit_catalog.tsv``) because every rule set cites it: which regulation an item
rests on (公开依据, 条款内容), how fast it must be published (公开时限) and by whom (责任处室).

The export is a copy of a spreadsheet with merged cells, and it is not clean. This module reads it
*as found* and repairs what it can, recording every repair as an :class:`Anomaly` so that a
reviewer can check each reading against the original:

* a title line and blank lines before the table; several blocks, each opened by a repeated two-line
  header (full-width or half-width parentheses), read by position as :data:`COLUMNS`;
* merged cells exported as blank cells: blank 一级/二级事项 repeat the row above within a block (a
  header ends the merge), and blank cells of the columns in ``inherit`` repeat the row above;
* HTML paragraphs inside cells (``<p>第一条 …</p>``), turned into plain lines;
* rows whose trailing cells slid one column left because the empty 特定群体 cell was dropped;
* rows with too few or too many cells, stray spaces, ``\\r\\n`` line ends and a UTF-8 BOM.

Each row becomes a :class:`CatalogItem` with a stable id from ``data/catalog_ids.toml`` (keyed by
:func:`normalise_title`), so that callers can refer to ``"first-set-results"`` rather than to a
line number or a Chinese title that the bureau may re-punctuate.

Nothing here raises anything but :class:`~nmgpolicy.errors.InputError`, whatever the text.
"""

from __future__ import annotations

import codecs
import functools
import html
import importlib.resources
import json
import os
import re
import tomllib
import unicodedata
from collections.abc import Iterable, Iterator, Mapping
from types import MappingProxyType
from typing import IO

import attrs

from nmgpolicy.errors import InputError, Problem, shown
from nmgpolicy.limits import MAX_INPUT_BYTES
from nmgpolicy.periods import Period, find_period

__all__ = [
    "COLUMNS",
    "DEFAULT_INHERITED",
    "Anomaly",
    "CatalogItem",
    "LoadedCatalog",
    "bundled_catalog",
    "bundled_ids",
    "load_catalog",
    "normalise_title",
    "parse_catalog",
]

#: The 15 columns of the export, in order, by the names used in ``inherit=`` and
#: :attr:`Anomaly.column`. ``time_limit`` is stored as :attr:`CatalogItem.time_limit_text`.
COLUMNS: tuple[str, ...] = (
    "level1",
    "level2",
    "level3",
    "content",
    "basis",
    "basis_text",
    "effect_level",
    "time_limit",
    "publisher",
    "category",
    "channel",
    "audience_public",
    "audience_specific",
    "office",
    "duty",
)

#: Columns whose blank cells repeat the cell above (in the same block) by default. This is a
#: *reading* of the export: the original table merged these cells vertically, and the export
#: kept the value only in the top row (e.g. 其他文件 and 局机关及二级单位年度决算公开 carry only
#: their levels and content). ``level3``, ``content`` and ``audience_specific`` are left out: a
#: blank there means "none" (a blank 特定群体 is an unticked box), not "same as above".
DEFAULT_INHERITED: frozenset[str] = frozenset(
    {
        "basis",
        "basis_text",
        "effect_level",
        "time_limit",
        "publisher",
        "category",
        "channel",
        "audience_public",
        "office",
        "duty",
    }
)

_WIDTH = len(COLUMNS)
_L1, _L2, _L3 = 0, 1, 2
_PUBLIC, _SPECIFIC, _OFFICE, _DUTY = 11, 12, 13, 14

# Level columns follow their own rule (a blank level repeats the row above only while the levels
# to its left are merged too), so they cannot be put in ``inherit``.
_INHERITABLE: tuple[str, ...] = COLUMNS[_L3:]

# The header labels, after :func:`_label` (NFKC folds full-width parentheses to half-width).
_HEADER_TOP: tuple[str, ...] = (
    "公开事项",
    "",
    "",
    "公开内容(要素)",
    "公开依据",
    "条款内容",
    "依据效力位阶",
    "公开时限",
    "公开主体",
    "事项类别(法定公开、其他)",
    "公开渠道和载体",
    "公开对象",
    "",
    "责任处室",
    "对应职责",
)
_HEADER_SUB: tuple[str, ...] = (
    ("一级事项", "二级事项", "三级事项") + ("",) * 8 + ("全社会", "特定群体", "", "")
)

# Chinese column labels, for messages a reviewer can match against the original table.
_ZH: dict[str, str] = {
    "level1": "一级事项",
    "level2": "二级事项",
    "level3": "三级事项",
    "content": "公开内容（要素）",
    "basis": "公开依据",
    "basis_text": "条款内容",
    "effect_level": "依据效力位阶",
    "time_limit": "公开时限",
    "publisher": "公开主体",
    "category": "事项类别",
    "channel": "公开渠道和载体",
    "audience_public": "全社会",
    "audience_specific": "特定群体",
    "office": "责任处室",
    "duty": "对应职责",
}

# Marks in the 全社会 / 特定群体 check-box columns (compared after NFKC and upper-casing).
_TICKS = frozenset({"√", "✓", "✔", "☑", "✅", "●", "是", "Y", "YES", "V"})
_UNTICKS = frozenset({"×", "✗", "✘", "否", "N", "NO", "-", "—", "/", "无"})

_EDGE_SPACE = re.compile(r"^[\s\ufeff\u200b]+|[\s\ufeff\u200b]+$")
_ANY_SPACE = re.compile(r"[\s\ufeff\u200b]+")
_QUOTES = re.compile("[“”\"'‘’「」『』]")
_TAG = re.compile(r"</?[A-Za-z][^<>]*>")
_BREAK_TAG = re.compile(r"</?(?:p|div|br|li|tr|h[1-6])\b[^<>]*>", re.IGNORECASE)
_ENTITY = re.compile(r"&(?:#[0-9]+|#[xX][0-9A-Fa-f]+|[A-Za-z][A-Za-z0-9]*);")


def normalise_title(title: str) -> str:
    """The key under which a title is looked up in an id table.

    NFKC (so ``（套）`` and ``(套)`` agree), then every quotation mark (“”"'‘’「」『』) and every
    space removed, because the bureau re-punctuates titles between exports while the item stays
    the same.
    """
    folded = unicodedata.normalize("NFKC", title)
    return _ANY_SPACE.sub("", _QUOTES.sub("", folded))


@attrs.frozen
class CatalogItem:
    """One row of the catalog: an item the bureau must publish, and the law that says so.

    Text fields hold the cell as read (after the repairs listed in
    :attr:`LoadedCatalog.anomalies`), ``""`` when the cell is blank.
    """

    #: Stable id, e.g. ``"first-set-results"`` (or ``"item-<line>"`` for an unknown title).
    id: str
    #: 一级 / 二级 / 三级事项.
    level1: str
    level2: str
    level3: str
    #: The most specific non-empty level (level3, else level2, else level1).
    title: str
    #: 公开内容（要素）: what is published.
    content: str
    #: 公开依据: the document(s) the duty rests on.
    basis: str
    #: 条款内容: the quoted articles, one paragraph per line.
    basis_text: str
    #: 依据效力位阶: the legal rank of the basis (法律, 行政法规, 规范性文件, …).
    effect_level: str
    #: 公开时限, raw (e.g. "政府信息形成或者变更之日起20个工作日内", "据实动态公开", "").
    time_limit_text: str
    #: 公开主体.
    publisher: str
    #: 事项类别 (法定公开 or 其他).
    category: str
    #: 公开渠道和载体 (政府网站, 部门网站, …).
    channel: str
    #: Ticked under 公开对象 › 全社会.
    audience_public: bool
    #: Ticked under 公开对象 › 特定群体.
    audience_specific: bool
    #: 责任处室: the office responsible.
    office: str
    #: 对应职责: the office's duty that the item belongs to.
    duty: str
    #: 1-based line of the row in the export.
    source_line: int

    @property
    def time_limit(self) -> Period | None:
        """公开时限 parsed (``Period(20, WORKING_DAY)``), or ``None`` if it fixes no period
        (据实动态公开, 适时公开, blank)."""
        return find_period(self.time_limit_text)

    @property
    def audience(self) -> tuple[str, ...]:
        """公开对象: ``("全社会",)``, ``("特定群体",)``, both or neither."""
        return tuple(
            name
            for name, ticked in (
                ("全社会", self.audience_public),
                ("特定群体", self.audience_specific),
            )
            if ticked
        )


@attrs.frozen
class Anomaly:
    """A defect of the export and how it was read, so that each repair can be reviewed.

    ``kind`` is one of ``"header"``, ``"skipped"``, ``"padded"``, ``"truncated"``, ``"html"``,
    ``"shifted"``, ``"inherited"``, ``"blank_level"``, ``"mark"``, ``"unknown_title"``,
    ``"duplicate_id"``. ``column`` is a name from :data:`COLUMNS`, or ``None`` for the whole line.
    """

    line: int
    column: str | None
    kind: str
    #: English: what was found, and what was done about it.
    message: str


@attrs.frozen
class LoadedCatalog:
    """The items of an export, in file order, with every repair made while reading it."""

    items: tuple[CatalogItem, ...]
    anomalies: tuple[Anomaly, ...]
    #: The title line above the table (e.g. 包头市工业和信息化局主动公开事项目录), ``""`` if none.
    title: str = ""

    @property
    def ids(self) -> tuple[str, ...]:
        """The item ids, in file order."""
        return tuple(item.id for item in self.items)

    def __iter__(self) -> Iterator[tuple[CatalogItem, ...] | tuple[Anomaly, ...]]:
        """Unpack as ``items, anomalies = load_catalog(path)``."""
        return iter((self.items, self.anomalies))

    def item(self, item_id: str) -> CatalogItem:
        """The item with id ``item_id``; an :class:`InputError` (at ``$.item``) naming the
        known ids if there is none, so that a typo is reported rather than a bare ``KeyError``."""
        for candidate in self.items:
            if candidate.id == item_id:
                return candidate
        known = ", ".join(self.ids) or "(none)"
        raise InputError.single("$.item", f"unknown item {shown(item_id)}; known: {known}")


# --------------------------------------------------------------------------------------------
# Public entry points
# --------------------------------------------------------------------------------------------


def load_catalog(
    source: str | os.PathLike[str] | IO[str],
    *,
    inherit: frozenset[str] = DEFAULT_INHERITED,
    ids: Mapping[str, str] | None = None,
    encoding: str | None = None,
) -> LoadedCatalog:
    """Read a catalog export from a path (``str`` or path-like) or an open text stream.

    ``inherit`` names the columns (from :data:`COLUMNS`, except ``level1``/``level2``, which
    always follow the merged-cell rule) whose blank cells repeat the row above in the same
    block; ``frozenset()`` reads every blank as blank. ``ids`` maps titles (or
    ``"level1/level2/…"`` paths, which win) to stable ids and *replaces* the bundled table
    (:func:`bundled_ids`); keys are compared after :func:`normalise_title`. ``encoding`` is
    UTF-8 by default (UTF-16 when the file starts with a UTF-16 BOM); pass ``"gb18030"`` for a
    GBK export.

    Raises :class:`InputError` at ``$.path`` if the file cannot be read or decoded, at
    ``$.source`` for a stream, at ``$.inherit``/``$.ids``/``$.encoding`` for bad arguments,
    and at ``$`` if the text has no header block.
    """
    inherited, table = _check_options(inherit, ids)
    return _Reader(inherited, table).read(_read_source(source, encoding))


def parse_catalog(
    text: str,
    *,
    inherit: frozenset[str] = DEFAULT_INHERITED,
    ids: Mapping[str, str] | None = None,
) -> LoadedCatalog:
    """Like :func:`load_catalog`, from the text of an export already in memory."""
    if not isinstance(text, str):
        raise InputError.single(
            "$.text", f"expected the text of a tab-separated export, got {shown(text)}"
        )
    inherited, table = _check_options(inherit, ids)
    return _Reader(inherited, table).read(text)


@functools.cache
def bundled_catalog() -> LoadedCatalog:
    """The catalog shipped with the library (the Baotou bureau's export), parsed once."""
    data = _resource("baotou_miit_catalog.tsv").decode("utf-8")
    return parse_catalog(data)


def bundled_ids() -> Mapping[str, str]:
    """The shipped id table (``data/catalog_ids.toml``): normalised title → stable id.

    Read-only; to add titles for another bureau's export, pass ``{**bundled_ids(), ...}`` as
    ``ids=``.
    """
    return _bundled_ids()


# --------------------------------------------------------------------------------------------
# Arguments, files and the id table
# --------------------------------------------------------------------------------------------


def _resource(name: str) -> bytes:
    return (importlib.resources.files("nmgpolicy") / "data" / name).read_bytes()


@functools.cache
def _bundled_ids() -> Mapping[str, str]:
    return _ids_from_toml(_resource("catalog_ids.toml").decode("utf-8"))


def _ids_from_toml(text: str) -> Mapping[str, str]:
    """Parse an id table in the ``catalog_ids.toml`` format (a ``[ids]`` table of strings)."""
    try:
        document = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise InputError.single("$.ids", f"the id table is not valid TOML: {exc}") from exc
    table = document.get("ids")
    if not isinstance(table, dict):
        raise InputError.single("$.ids", "the id table has no [ids] table of title = id pairs")
    checked, problems = _check_ids(table)
    if problems:
        raise InputError(problems)
    return checked


def _check_options(
    inherit: object, ids: Mapping[str, str] | None
) -> tuple[frozenset[str], Mapping[str, str]]:
    problems: list[Problem] = []
    inherited = _check_inherit(inherit, problems)
    if ids is None:
        table = _bundled_ids()
    else:
        table, found = _check_ids(ids)
        problems.extend(found)
    if problems:
        raise InputError(problems)
    return inherited, table


def _check_inherit(inherit: object, problems: list[Problem]) -> frozenset[str]:
    example = "e.g. frozenset({'basis', 'office'})"
    if isinstance(inherit, str | bytes) or not isinstance(inherit, Iterable):
        problems.append(
            Problem("$.inherit", f"expected a set of column names, {example}; got {shown(inherit)}")
        )
        return frozenset()
    names: list[str] = []
    for count, name in enumerate(inherit):
        if count >= len(_INHERITABLE) + 2:  # an endless or absurd iterable
            problems.append(Problem("$.inherit", f"too many column names; {example}"))
            break
        if isinstance(name, str) and name in _INHERITABLE:
            names.append(name)
        elif name in ("level1", "level2"):
            problems.append(
                Problem(
                    "$.inherit",
                    f"{name} cannot be listed: blank levels always repeat the row above "
                    "while the levels to their left do",
                )
            )
        else:
            problems.append(
                Problem(
                    "$.inherit",
                    f"unknown column {shown(name)}; known: {', '.join(_INHERITABLE)}",
                )
            )
    return frozenset(names)


def _check_ids(ids: object) -> tuple[Mapping[str, str], list[Problem]]:
    if not isinstance(ids, Mapping):
        return {}, [Problem("$.ids", f"expected a mapping of title to id, got {shown(ids)}")]
    table: dict[str, str] = {}
    problems: list[Problem] = []
    for title, item_id in ids.items():
        shown_title = (
            json.dumps(title[:200], ensure_ascii=False) if isinstance(title, str) else shown(title)
        )
        path = f"$.ids[{shown_title}]"
        if not isinstance(title, str) or not isinstance(item_id, str) or not item_id.strip():
            problems.append(
                Problem(path, f"expected a title and a non-empty id string, got {shown(item_id)}")
            )
            continue
        key = _key_of(title)
        if not key:
            problems.append(Problem(path, "the title is empty once normalised"))
        elif table.get(key, item_id) != item_id:
            problems.append(
                Problem(path, f"normalises to {shown(key)}, already mapped to {shown(table[key])}")
            )
        else:
            table[key] = item_id
    return MappingProxyType(table), problems


def _key_of(title: str) -> str:
    """A table key: a title, or a ``/``-separated path of levels, each part normalised."""
    return "/".join(part for part in map(normalise_title, title.split("/")) if part)


def _check_encoding(encoding: object) -> str | None:
    """``encoding`` must be None or the name of a text codec Python knows."""
    if encoding is None:
        return None
    if not isinstance(encoding, str) or not encoding.isascii() or len(encoding) > 40:
        raise InputError.single(
            "$.encoding",
            f"expected the name of a text encoding, got {shown(encoding)}; e.g. 'gb18030'",
        )
    try:
        codecs.lookup(encoding)
    except (LookupError, ValueError) as exc:  # ValueError: an embedded NUL
        raise InputError.single("$.encoding", f"unknown text encoding {encoding!r}") from exc
    return encoding


def _read_bounded(path: str) -> bytes:
    """At most :data:`~nmgpolicy.limits.MAX_INPUT_BYTES` bytes of a file (never /dev/zero whole)."""
    with open(path, "rb") as handle:
        data = handle.read(MAX_INPUT_BYTES + 1)
    if len(data) > MAX_INPUT_BYTES:
        raise InputError.single(
            "$.path", f"the file is larger than {MAX_INPUT_BYTES:,} bytes (max_input_bytes)"
        )
    return data


def _read_source(source: str | os.PathLike[str] | IO[str], encoding: str | None) -> str:
    encoding = _check_encoding(encoding)
    if isinstance(source, str | os.PathLike):
        try:
            path = os.fsdecode(source)
            data = _read_bounded(path)
        except (OSError, ValueError, TypeError) as exc:
            if isinstance(exc, InputError):
                raise
            reason = exc.strerror if isinstance(exc, OSError) and exc.strerror else str(exc)
            raise InputError.single(
                "$.path", f"cannot read {shown(source, 300)}: {reason}"
            ) from exc
        return _decode(data, encoding, "$.path", f"file {shown(path, 300)}")
    read = getattr(source, "read", None)
    if not callable(read):
        raise InputError.single(
            "$.source", f"expected a path or an open text stream, got {type(source).__name__}"
        )
    try:
        try:
            data = read(MAX_INPUT_BYTES + 1)
        except TypeError:  # a reader without a size argument
            data = read()
    except (OSError, ValueError, TypeError) as exc:  # UnicodeDecodeError is a ValueError
        raise InputError.single("$.source", f"cannot read the stream: {shown(exc)}") from exc
    if isinstance(data, bytes | str) and len(data) > MAX_INPUT_BYTES:
        raise InputError.single(
            "$.source", f"the stream holds more than {MAX_INPUT_BYTES:,} bytes (max_input_bytes)"
        )
    if isinstance(data, bytes):
        return _decode(data, encoding, "$.source", "the stream")
    if not isinstance(data, str):
        raise InputError.single(
            "$.source", f"the stream returned {type(data).__name__}, expected text"
        )
    return data


def _decode(data: bytes, encoding: str | None, path: str, what: str) -> str:
    if encoding is None:
        utf16 = data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE))
        encoding = "utf-16" if utf16 else "utf-8"
    try:
        return data.decode(encoding)
    except LookupError as exc:
        raise InputError.single("$.encoding", f"unknown text encoding {encoding!r}") from exc
    except UnicodeDecodeError as exc:
        raise InputError.single(
            path,
            f"{what} is not valid {encoding} (byte {exc.start}: {exc.reason}); "
            "pass encoding=, e.g. 'gb18030' for a GBK export",
        ) from exc


# --------------------------------------------------------------------------------------------
# Reading the table
# --------------------------------------------------------------------------------------------


def _clean(cell: str) -> str:
    return _EDGE_SPACE.sub("", cell)


def _label(cell: str) -> str:
    return _ANY_SPACE.sub("", unicodedata.normalize("NFKC", cell))


def _show(text: str, limit: int = 40) -> str:
    return repr(text if len(text) <= limit else text[:limit] + "…")


def _is_mark(cell: str) -> bool:
    value = unicodedata.normalize("NFKC", cell).upper()
    return value in _TICKS or value in _UNTICKS or not value


def _strip_html(cell: str) -> tuple[str, int]:
    """Plain text of an HTML cell: paragraphs on their own lines, spaces collapsed."""
    text = html.unescape(_TAG.sub("", _BREAK_TAG.sub("\n", cell)))
    paragraphs = [_ANY_SPACE.sub(" ", part).strip() for part in text.split("\n")]
    kept = [part for part in paragraphs if part]
    return "\n".join(kept), len(kept)


class _Log:
    """The anomalies of one export, in the order they were found."""

    __slots__ = ("anomalies",)

    def __init__(self) -> None:
        self.anomalies: list[Anomaly] = []

    def __call__(self, line: int, column: str | None, kind: str, message: str) -> None:
        self.anomalies.append(Anomaly(line, column, kind, message))


class _Reader:
    """One pass over the lines of an export: each line is a header, a line before the table
    (:class:`_Blocks` tells), or a row, repaired (:func:`_repaired`) and made an item
    (:class:`_Items`)."""

    def __init__(self, inherited: frozenset[str], table: Mapping[str, str]) -> None:
        self.inherited = inherited
        self.note = _Log()
        self.blocks = _Blocks(self.note)
        self.items = _Items(table, self.note)

    def read(self, text: str) -> LoadedCatalog:
        text = text.removeprefix("\ufeff")
        lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
        above: list[str] | None = None  # the previous row of the current block, as read
        for number, line in enumerate(lines, start=1):
            raw = line.split("\t")
            cells = [_clean(cell) for cell in raw]
            if not any(cells):
                continue
            if self.blocks.header(number, cells):
                above = None  # a header ends every merged cell
            elif self.blocks.is_row(number, cells, len(raw)):
                above = _repaired(self.note, number, cells, above, self.inherited)
                self.items.add(number, above)
        self.blocks.finish()
        return LoadedCatalog(tuple(self.items.items), tuple(self.note.anomalies), self.blocks.title)


class _Blocks:
    """Where the reader stands: before the table (a title line), in a header, in a block.

    A block opens with a two-line header (公开事项 … then 一级事项 …); a missing or repeated
    header line is an anomaly, and columns are read by position all the same.
    """

    def __init__(self, note: _Log) -> None:
        self.note = note
        self.title = ""
        self.seen_header = False
        self.open_top: int | None = None  # a first header line still waiting for its second

    def header(self, number: int, cells: list[str]) -> bool:
        """Whether ``cells`` are a header line (then noted, and checked)."""
        first = _label(cells[0])
        if first not in (_HEADER_TOP[0], _HEADER_SUB[0]):
            return False
        top = first == _HEADER_TOP[0]
        if self.open_top is not None and top:
            self._no_second_header(self.open_top)
        if not top and self.open_top is None:
            self.note(
                number,
                None,
                "header",
                "second header line (一级事项 …) without the first (公开事项 …) above "
                "it; read as the start of a new block",
            )
        if top and self.seen_header:
            self.note(
                number,
                None,
                "header",
                "repeated header block; skipped, and cells blank for 'same as above' "
                "do not reach across it",
            )
        _check_header(self.note, number, cells, _HEADER_TOP if top else _HEADER_SUB)
        self.open_top = number if top else None
        self.seen_header = True
        return True

    def is_row(self, number: int, cells: list[str], width: int) -> bool:
        """Whether a line that is not a header is a row of the table (else noted, or taken as
        the title line above the table)."""
        if self.open_top is not None:
            self._no_second_header(self.open_top)
            self.open_top = None
        if not self.seen_header:
            if not self.title and cells[0] and not any(cells[1:]):
                self.title = cells[0]
            else:
                self.note(number, None, "skipped", "line before any header block; skipped")
            return False
        if width == 1:
            self.note(
                number,
                None,
                "skipped",
                f"line {_show(cells[0])} has no tabs, so it is not a table row; skipped",
            )
            return False
        return True

    def finish(self) -> None:
        """At the end of the text: a header left waiting, or no header at all (an error)."""
        if self.open_top is not None:
            self._no_second_header(self.open_top)
        if not self.seen_header:
            raise InputError.single(
                "$",
                "no header block: expected a line starting 公开事项 (then 一级事项 二级事项 "
                "三级事项 …) before the rows of the catalog",
            )

    def _no_second_header(self, line: int) -> None:
        self.note(
            line,
            None,
            "header",
            "first header line (公开事项 …) is not followed by the second (一级事项 …); "
            "columns are read by position all the same",
        )


def _check_header(note: _Log, number: int, cells: list[str], expected: tuple[str, ...]) -> None:
    labels = [_label(cell) for cell in cells]
    labels += [""] * (_WIDTH - len(labels))
    wrong = [
        f"column {index + 1} is {shown(labels[index])}, expected {want!r}"
        for index, want in enumerate(expected)
        if labels[index] != want
    ]
    wrong += [
        f"extra column {index + 1} is {shown(label)}"
        for index, label in enumerate(labels[_WIDTH:], start=_WIDTH)
        if label
    ]
    if wrong:
        note(
            number,
            None,
            "header",
            "unexpected header: " + "; ".join(wrong) + "; columns are read by position",
        )


# --------------------------------------------------------------------------------------------
# Repairing a row
# --------------------------------------------------------------------------------------------


def _repaired(
    note: _Log,
    number: int,
    cells: list[str],
    above: list[str] | None,
    inherited: frozenset[str],
) -> list[str]:
    """The row's cells once repaired, in order: width, HTML, the slid office cells, merged
    levels, then merged cells of the ``inherited`` columns."""
    cells = _fit(note, number, cells)
    _unhtml(note, number, cells)
    _unshift(note, number, cells)
    _levels(note, number, cells, above)
    if above is not None:
        for index, name in enumerate(COLUMNS):
            if name in inherited and not cells[index] and above[index]:
                cells[index] = above[index]
                note(
                    number,
                    name,
                    "inherited",
                    f"{_ZH[name]} blank (merged cell): repeated {_show(above[index])} "
                    "from the row above",
                )
    return cells


def _fit(note: _Log, number: int, cells: list[str]) -> list[str]:
    count = len(cells)
    if count < _WIDTH:
        note(
            number,
            None,
            "padded",
            f"row has {count} cells, expected {_WIDTH}: "
            f"added {_WIDTH - count} blank cell(s) at the end",
        )
        return cells + [""] * (_WIDTH - count)
    if count > _WIDTH:
        extra = [cell for cell in cells[_WIDTH:] if cell]
        held = f"holding {shown(extra)}" if extra else "all blank"
        note(
            number,
            None,
            "truncated",
            f"row has {count} cells, expected {_WIDTH}: dropped the last {count - _WIDTH} ({held})",
        )
    return cells[:_WIDTH]


def _unhtml(note: _Log, number: int, cells: list[str]) -> None:
    for index, cell in enumerate(cells):
        if _TAG.search(cell) or _ENTITY.search(cell):
            cells[index], count = _strip_html(cell)
            note(
                number,
                COLUMNS[index],
                "html",
                f"{_ZH[COLUMNS[index]]} held HTML: tags stripped, entities unescaped, "
                f"{count} paragraph(s) joined with newlines",
            )


def _unshift(note: _Log, number: int, cells: list[str]) -> None:
    if _is_mark(cells[_SPECIFIC]) or cells[_DUTY]:
        return
    office, duty = cells[_SPECIFIC], cells[_OFFICE]
    cells[_SPECIFIC : _DUTY + 1] = ["", office, duty]
    note(
        number,
        "office",
        "shifted",
        f"特定群体 held {_show(office)}, not a mark, and the last cell was empty: the empty "
        "特定群体 cell had been dropped, so 责任处室 and 对应职责 were moved one column "
        f"right (office {_show(office)}, duty {_show(duty)}; 特定群体 read as unmarked)",
    )


def _levels(note: _Log, number: int, cells: list[str], above: list[str] | None) -> None:
    # A blank level is a merged cell only while every level to its left is merged too:
    # a new 一级事项 starts a new group, and a header starts a new block (above is None).
    if above is not None:
        for index in (_L1, _L2):
            if cells[index]:
                break
            if above[index]:
                cells[index] = above[index]
                note(
                    number,
                    COLUMNS[index],
                    "inherited",
                    f"{_ZH[COLUMNS[index]]} blank (merged cell): repeated "
                    f"{_show(above[index])} from the row above",
                )
    levels = cells[_L1 : _L3 + 1]
    if not any(levels):
        note(number, None, "blank_level", "row has no 一级/二级/三级事项: it has no title")
        return
    for index in (_L1, _L2):
        if not levels[index] and any(levels[index + 1 :]):
            note(
                number,
                COLUMNS[index],
                "blank_level",
                f"{_ZH[COLUMNS[index]]} blank while a more specific level is filled, and "
                "not a merged cell (first row of its block, or a new group starts here); "
                "left blank",
            )


# --------------------------------------------------------------------------------------------
# Items: ids and marks
# --------------------------------------------------------------------------------------------


class _Items:
    """The items made so far, each with a stable id from the id table (or one made up)."""

    def __init__(self, table: Mapping[str, str], note: _Log) -> None:
        self.table = table
        self.note = note
        self.items: list[CatalogItem] = []
        self.used: set[str] = set()

    def add(self, number: int, cells: list[str]) -> None:
        """The item of a repaired row (its marks read after its id is settled)."""
        levels = [cell for cell in cells[_L1 : _L3 + 1] if cell]
        title = levels[-1] if levels else ""
        item_id = self._id(number, title, levels)
        self.items.append(
            CatalogItem(
                id=item_id,
                level1=cells[_L1],
                level2=cells[_L2],
                level3=cells[_L3],
                title=title,
                content=cells[3],
                basis=cells[4],
                basis_text=cells[5],
                effect_level=cells[6],
                time_limit_text=cells[7],
                publisher=cells[8],
                category=cells[9],
                channel=cells[10],
                audience_public=self._mark(number, _PUBLIC, cells[_PUBLIC]),
                audience_specific=self._mark(number, _SPECIFIC, cells[_SPECIFIC]),
                office=cells[_OFFICE],
                duty=cells[_DUTY],
                source_line=number,
            )
        )

    def _id(self, number: int, title: str, levels: list[str]) -> str:
        """The id of the path of levels, else of the title, else ``item-<line>``; made unique."""
        path = "/".join(normalise_title(level) for level in levels)
        item_id = self.table.get(path) or self.table.get(normalise_title(title))
        if item_id is None:
            item_id = f"item-{number}"
            self.note(
                number,
                None,
                "unknown_title",
                f"title {_show(title)} is not in the id table; id {shown(item_id)} generated "
                "from the line number (not stable across exports)",
            )
        if item_id in self.used:
            suffix = 2
            while f"{item_id}-{suffix}" in self.used:
                suffix += 1
            self.note(
                number,
                None,
                "duplicate_id",
                f"id {shown(item_id)} already taken by an earlier row; "
                f"used {item_id}-{suffix} instead",
            )
            item_id = f"{item_id}-{suffix}"
        self.used.add(item_id)
        return item_id

    def _mark(self, number: int, column: int, cell: str) -> bool:
        value = unicodedata.normalize("NFKC", cell).upper()
        if value in _TICKS:
            return True
        if not value or value in _UNTICKS:
            return False
        self.note(
            number,
            COLUMNS[column],
            "mark",
            f"{_ZH[COLUMNS[column]]} held {_show(cell)}, not a known mark; read as ticked",
        )
        return True
