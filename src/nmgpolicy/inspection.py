"""A reproducible, auditable random-inspection draw (随机抽查) for 民爆行业安全生产检查.

The catalog item ``explosives-safety-inspection`` rests on 《安全生产法》第六十五条 and on the State
Council General Office's notice on random inspections, which asks for a list of random-inspection
items stating 抽查依据、抽查主体、抽查内容、抽查方式 and for inspections by random draw. Random
selection of *both* the entities inspected and the inspectors, with the results published, is the
policy the draw implements. :func:`draw` does it so that anyone can check it:

* **Reproducible everywhere.** The draw uses no :mod:`random` (whose algorithms may change between
  Python versions) and no floating point: only SHA-256 and integer arithmetic, fully specified
  below, so the same inputs and seed give the same result on every platform and version.
* **Recorded.** The result records the seed, the algorithm's name and version, the inputs and
  their SHA-256 digest; :func:`verify` re-runs a published record and :func:`discrepancies` says
  which of its fields do not match.
* **One name, one entity.** Names are compared after Unicode NFKC with all white space removed
  (:func:`name_key`): 企业A, 企业Ａ and "企业 A" are one entity, and listing it twice is refused.
* **Order-free.** The pools are put in canonical order before drawing, so the result does not
  depend on the order in which they were listed.
* **Teams as the law requires.** A team has at least ``min_team_size`` inspectors (2, from
  《中华人民共和国行政处罚法》第四十二条: 执法人员不得少于两人).
* **Conflicts of interest.** An inspector who declared a conflict with an entity is never drawn
  for its team, and the record lists who was excluded.
* **Commit–reveal.** :func:`commit` gives a digest of the seed to publish *before* the draw;
  the draw records it and :func:`verify` checks the revealed seed against it, so that the seed
  cannot be changed once the commitment is out.

The full specification, with the reasons for each choice, is ``docs/inspection.md``; this
docstring is the short form.

Algorithm ``nmgpolicy-draw`` version 2
--------------------------------------

0. *Names*: ``key(name) = NFKC(name)`` with every white-space character (``str.isspace``)
   removed. Two entities, two inspectors, or two conflicts of one inspector with the same key
   are a duplicate; a conflict names the entity with the same key.
1. *Canonical inputs*: the JSON object ``{"algorithm": "nmgpolicy-draw/2", "commitment": c,
   "entities": [...], "inspectors": [{"conflicts": [...], "id": ...}, ...], "min_team_size":
   m, "n": n, "per_team": k}`` — every name replaced by its key, entities sorted, inspectors
   sorted by id and each one's conflicts sorted (code-point order of the keys), ``c`` the
   commitment or ``null`` — serialised with sorted keys, no spaces (``separators=(",", ":")``),
   ``ensure_ascii=False``, encoded as UTF-8. ``inputs_digest`` is the SHA-256 of those bytes
   (hex). The record's ``inputs`` is the same object with the names as given.
2. *Key*: ``K = SHA-256(b"nmgpolicy-draw/2" || 0x00 || len(S) as 8 bytes big-endian || S ||
   digest bytes)``, where ``S`` is the seed as UTF-8 (an integer seed is its decimal digits).
3. *Stream*: blocks ``B_i = SHA-256(K || i as 8 bytes big-endian)`` for i = 0, 1, 2, …; each
   block gives four 64-bit words (big-endian, in order); words are consumed one after another.
4. *Uniform integer below m* (1 ≤ m ≤ 2^64): take the next word ``w``; if ``w < 2^64 − (2^64 mod
   m)`` return ``w mod m``, else take another word (rejection sampling: exactly uniform).
5. *Choose k of a list* (partial Fisher–Yates): for i = 0 … k−1, ``j = i + uniform(len − i)``,
   swap items i and j; the first k items, in that order, are chosen.
6. Choose ``n`` entities from the sorted entity pool. Then, for each chosen entity in the order
   drawn, choose ``per_team`` inspectors from the sorted inspectors without a declared conflict
   with it. Inspectors are drawn afresh for each entity: one inspector may serve several teams,
   never twice in one team.

Version 1 compared names as given (no step 0), had no ``commitment`` and no ``min_team_size``
in its canonical inputs, and used the tag ``nmgpolicy-draw/1``; :func:`verify` still re-runs
version 1 records.

Commitment: ``commit(seed) = SHA-256(b"nmgpolicy-commit/1" || 0x00 || len(S) as 8 bytes
big-endian || S)`` in lower-case hex, ``S`` as in step 2.

Shortfall: before anything is drawn, every entity of the pool must have at least ``per_team``
inspectors without a declared conflict; otherwise :class:`~nmgpolicy.errors.InputError` names
each such entity (``$.entities[i]``). Checking the whole pool, not only the entities drawn, keeps
the validity of a draw independent of its seed.
"""

from __future__ import annotations

import copy
import hashlib
import json
import re
import sys
import unicodedata
from bisect import bisect_right
from collections.abc import Callable, Iterator, Mapping, Sequence
from typing import Any, overload

import attrs

from nmgpolicy._exact import exact
from nmgpolicy.errors import InputError, Problem, shown
from nmgpolicy.limits import BUDGET, over
from nmgpolicy.outcome import Citation, Message
from nmgpolicy.params import load_parameters

__all__ = [
    "ALGORITHM",
    "ALGORITHM_VERSION",
    "COMMITMENT_SCHEME",
    "MIN_TEAM_SIZE",
    "PER_TEAM",
    "VERSIONS",
    "Assignment",
    "Draw",
    "InspectionRecord",
    "Inspector",
    "Stream",
    "commit",
    "discrepancies",
    "draw",
    "inspection_record",
    "name_key",
    "verify",
]

ALGORITHM = "nmgpolicy-draw"
"""The name of the draw algorithm (documented in this module's docstring)."""
ALGORITHM_VERSION = 2
"""Its version; any change to the algorithm gets a new version, never the same one."""
VERSIONS = (1, 2)
"""The versions :func:`verify` can re-run; :func:`draw` always uses the latest."""
COMMITMENT_SCHEME = "nmgpolicy-commit/1"
"""The domain-separation tag of :func:`commit`."""

_WORD = 2**64
_MAX_ID = 200
_MAX_SEED_TEXT = 200
_MAX_SEED_INT = 10**64
_HEX64 = re.compile(r"[0-9a-fA-F]{64}")

_DATA = load_parameters("inspection")
PER_TEAM: int = _DATA.parameters["per_team"].values[0].value
"""The default team size, from ``data/inspection.toml`` (2; 《行政处罚法》第四十二条)."""
MIN_TEAM_SIZE: int = _DATA.parameters["min_team_size"].values[0].value
"""The least team size a draw accepts, from ``data/inspection.toml`` (2; 《行政处罚法》第四十二条:
执法人员不得少于两人). Pass ``min_team_size=1`` to :func:`draw` only where a law provides
otherwise (法律另有规定的除外)."""
_MIN_TEAM_CITATION: Citation | None = _DATA.parameters["min_team_size"].citation


def _tag(version: int) -> str:
    return f"{ALGORITHM}/{version}"


@exact
def name_key(name: str) -> str:
    """How names are compared (step 0): Unicode NFKC, then every white-space character removed.

    >>> name_key("企业 Ａ") == name_key("企业A") == "企业A"
    True
    """
    if not isinstance(name, str):
        raise InputError.single("$.name", f'expected a text, got {shown(name)}; e.g. "企业A"')
    return _key(name)


def _key(name: str) -> str:
    """:func:`name_key` of a text already checked (the draw's inner loop). ``str.split()`` with
    no argument cuts at exactly the characters ``str.isspace`` names, so joining its pieces
    removes every white-space character."""
    return "".join(unicodedata.normalize("NFKC", name).split())


def _given(name: str) -> str:
    return name


@attrs.frozen
class _Version:
    """What distinguishes one algorithm version from another."""

    number: int
    key: Callable[[str], str]
    team_minimum: bool
    commitment: bool

    @property
    def tag(self) -> str:
        return _tag(self.number)


_RULES = {
    1: _Version(1, _given, team_minimum=False, commitment=False),
    2: _Version(2, _key, team_minimum=True, commitment=True),
}


# --------------------------------------------------------------------------------------------
# The random stream
# --------------------------------------------------------------------------------------------


class Stream:
    """The deterministic stream of 64-bit words of steps 2–4 (SHA-256 in counter mode).

    ``version`` selects the tag of step 2 (``nmgpolicy-draw/<version>``).
    """

    def __init__(self, seed: bytes, digest: bytes, *, version: int = ALGORITHM_VERSION) -> None:
        prefix = _tag(version).encode("ascii") + b"\x00" + len(seed).to_bytes(8, "big")
        self._key = hashlib.sha256(prefix + seed + digest).digest()
        self._words = self._generate()
        self.used = 0
        """How many words have been consumed (rejections included)."""

    def _generate(self) -> Iterator[int]:
        counter = 0
        while True:
            block = hashlib.sha256(self._key + counter.to_bytes(8, "big")).digest()
            for offset in range(0, 32, 8):
                yield int.from_bytes(block[offset : offset + 8], "big")
            counter += 1

    def word(self) -> int:
        """The next 64-bit word."""
        self.used += 1
        return next(self._words)

    def below(self, m: int) -> int:
        """A uniform integer in [0, m) by rejection sampling (step 4); 1 <= m <= 2**64."""
        if not 1 <= m <= _WORD:
            raise InputError.single("$.m", f"expected 1 <= m <= 2**64, got {m}")
        limit = _WORD - (_WORD % m)
        while True:
            w = self.word()
            if w < limit:
                return w % m

    def choose(self, items: Sequence[str], k: int) -> tuple[str, ...]:
        """``k`` items by partial Fisher–Yates (step 5), in the order drawn.

        Only the swapped positions are kept (position ``i`` is final once step ``i`` has
        swapped it), so drawing ``k`` of ``m`` items costs O(k) words and lookups, not O(m).
        """
        size = len(items)
        swapped: dict[int, int] = {}
        drawn: list[str] = []
        for i in range(k):
            j = i + self.below(size - i)
            at_i, at_j = swapped.get(i, i), swapped.get(j, j)
            swapped[i], swapped[j] = at_j, at_i
            drawn.append(items[at_j])
        return tuple(drawn)


class _Kept(Sequence[str]):
    """``items`` without the positions listed in ``removed`` (sorted), as a sequence whose
    ``n``-th item is found by binary search: the inspectors without a conflict with one entity,
    without building that list for every entity."""

    def __init__(self, items: Sequence[str], removed: Sequence[int]) -> None:
        self._items = items
        self._removed = removed

    def __len__(self) -> int:
        return len(self._items) - len(self._removed)

    @overload
    def __getitem__(self, index: int) -> str: ...

    @overload
    def __getitem__(self, index: slice) -> Sequence[str]: ...

    def __getitem__(self, index: int | slice) -> str | Sequence[str]:
        if isinstance(index, slice):
            return [self[i] for i in range(*index.indices(len(self)))]
        if not 0 <= index < len(self):
            raise IndexError(index)
        # The smallest position p whose kept positions up to p number more than ``index``.
        low, high = index, index + len(self._removed)
        while low < high:
            middle = (low + high) // 2
            if middle + 1 - bisect_right(self._removed, middle) > index:
                high = middle
            else:
                low = middle + 1
        return self._items[low]


# --------------------------------------------------------------------------------------------
# Records
# --------------------------------------------------------------------------------------------


@attrs.frozen
class Inspector:
    """An inspector of the pool and the entities with which they declared a conflict (the
    names as the inspector gave them)."""

    id: str
    conflicts: frozenset[str] = frozenset()

    def to_dict(self) -> dict[str, Any]:
        return {"conflicts": sorted(self.conflicts), "id": self.id}


@attrs.frozen
class Assignment:
    """One entity drawn, its team (in the order drawn) and the inspectors excluded from it for
    a declared conflict of interest."""

    entity: str
    inspectors: tuple[str, ...]
    excluded: tuple[str, ...] = ()

    def to_dict(self) -> dict[str, Any]:
        return {
            "entity": self.entity,
            "inspectors": list(self.inspectors),
            "excluded_for_conflict": list(self.excluded),
        }


@attrs.frozen
class InspectionRecord:
    """The catalog item as a random-inspection list entry: 抽查依据 (``basis``, the quoted law),
    抽查主体 (``subject``), 抽查内容 (``content``), 抽查方式 (``method``) and how the results are
    published (``publication``)."""

    item: str
    title: str
    basis: tuple[Citation, ...]
    subject: Message
    content: Message
    method: Message
    publication: Message

    def to_dict(self) -> dict[str, Any]:
        return {
            "item": self.item,
            "title": self.title,
            "basis": [c.to_dict() for c in self.basis],
            "subject": self.subject.to_dict(),
            "content": self.content.to_dict(),
            "method": self.method.to_dict(),
            "publication": self.publication.to_dict(),
        }


@exact
def inspection_record() -> InspectionRecord:
    """The catalog item's 抽查依据、主体、内容、方式, from ``data/inspection.toml``."""
    spec = _DATA.extra["record"]
    return InspectionRecord(
        item=str(spec["item"]),
        title=str(spec["title"]),
        basis=tuple(Citation.from_mapping(c) for c in spec["basis"]),
        subject=Message(**spec["subject"]),
        content=Message(**spec["content"]),
        method=Message(**spec["method"]),
        publication=Message(**spec["publication"]),
    )


@attrs.frozen
class Draw:
    """The result of :func:`draw`: what was drawn, and everything needed to re-run it.

    ``inputs`` holds the names as given; ``inputs_digest`` is computed from their keys
    (:func:`name_key`). ``commitment`` is the commitment the draw was checked against, if any.
    """

    seed: str
    inputs: Mapping[str, Any]
    inputs_digest: str
    n: int
    per_team: int
    assignments: tuple[Assignment, ...]
    record: InspectionRecord
    algorithm: str = ALGORITHM
    version: int = ALGORITHM_VERSION
    words_used: int = 0
    commitment: str | None = None
    min_team_size: int = MIN_TEAM_SIZE

    @property
    def selected(self) -> tuple[str, ...]:
        """The entities drawn, in the order drawn."""
        return tuple(a.entity for a in self.assignments)

    def team(self, entity: str) -> tuple[str, ...]:
        """The inspectors drawn for ``entity`` (compared as names are: :func:`name_key`)."""
        key = _RULES.get(self.version, _RULES[ALGORITHM_VERSION]).key
        wanted = key(entity) if isinstance(entity, str) else None
        for a in self.assignments:
            if key(a.entity) == wanted:
                return a.inspectors
        raise InputError.single("$.entity", f"{shown(entity)} was not drawn")

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready: the algorithm, seed, commitment, inputs and digest (to re-run it), the
        team-size rule, the assignments, and the catalog record (抽查依据、主体、内容、方式)."""
        out: dict[str, Any] = {
            "algorithm": {"name": self.algorithm, "version": self.version},
            "seed": self.seed,
        }
        if self.version >= 2:  # the version that added these fields
            out["commitment"] = self.commitment
        out |= {
            "inputs_digest": self.inputs_digest,
            "inputs": copy.deepcopy(dict(self.inputs)),
            "n": self.n,
            "per_team": self.per_team,
        }
        if self.version >= 2:
            out["min_team_size"] = self.min_team_size
        out |= {
            "words_used": self.words_used,
            "assignments": [a.to_dict() for a in self.assignments],
            "record": self.record.to_dict(),
        }
        return out


# --------------------------------------------------------------------------------------------
# Input checks
# --------------------------------------------------------------------------------------------


def _id_problem(value: object, path: str, example: str, rules: _Version) -> Problem | None:
    if not isinstance(value, str):
        return Problem(path, f'expected a text id, got {shown(value)}; e.g. "{example}"')
    # The length first: every later check costs the text's length (a list may hold one 200 kB
    # text 5,000 times).
    if not value or len(value) > _MAX_ID or value != value.strip():
        return Problem(
            path,
            f"an id must be 1 to {_MAX_ID} characters without surrounding spaces, got "
            f'{shown(value)}; e.g. "{example}"',
        )
    try:
        value.encode("utf-8")
    except UnicodeEncodeError:
        return Problem(
            path, f'an id must be valid Unicode text, got {shown(value)}; e.g. "{example}"'
        )
    if rules.number >= 2 and any(unicodedata.category(c) == "Cn" for c in value):
        # NFKC of a character this Python does not know might differ on another version.
        return Problem(
            path,
            f"{shown(value)} holds a character not assigned in Unicode "
            f"{unicodedata.unidata_version} (this Python's); its comparison could differ "
            "between Python versions",
        )
    return None


def _sequence(value: object, path: str, example: str) -> Sequence[object]:
    """A list (or tuple) of at most the input budget's ``max_list_length`` items."""
    if isinstance(value, str | bytes | Mapping) or not isinstance(value, Sequence):
        raise InputError.single(path, f"expected a list, got {shown(value)}; e.g. {example}")
    try:
        what = f"a list of {len(value):,} items"
        long = len(value) > BUDGET.max_list_length
    except OverflowError:  # range(10**20): more items than an index can count
        what, long = "a list of more items than an index can count", True
    if long:
        raise InputError.single(path, over(what, "max_list_length", "items"))
    return value


def _same(item: str, earlier: str, where: str, what: str) -> str:
    """The message for a repeated name, naming the earlier one."""
    if item == earlier:
        return f"{shown(item)} is listed twice (first at {where}); list each {what} once"
    return (
        f"{shown(item)} is the same {what} as {shown(earlier)} at {where} (names are compared "
        "ignoring white space and full-width/half-width forms: Unicode NFKC); list each "
        f"{what} once"
    )


@attrs.frozen
class _Pool:
    """The entities in canonical order, each one's given name and position, by key."""

    keys: tuple[str, ...]
    given: Mapping[str, str]
    positions: Mapping[str, int]


def _entities(value: object, rules: _Version) -> tuple[_Pool, list[Problem]]:
    items = _sequence(value, "$.entities", '["某民爆器材公司"]')
    problems: list[Problem] = []
    given: dict[str, str] = {}
    positions: dict[str, int] = {}
    for index, item in enumerate(items):
        path = f"$.entities[{index}]"
        problem = _id_problem(item, path, "某民爆器材公司", rules)
        if problem is not None:
            problems.append(problem)
            continue
        assert isinstance(item, str)
        key = rules.key(item)
        if key in positions:
            where = f"$.entities[{positions[key]}]"
            problems.append(Problem(path, _same(item, given[key], where, "entity")))
            continue
        given[key] = item
        positions[key] = index
    if not items:
        problems.append(Problem("$.entities", 'expected at least one entity; e.g. ["E1"]'))
    return _Pool(tuple(sorted(positions)), given, positions), problems


@attrs.frozen
class _Member:
    """An inspector with the keys of the entities they declared a conflict with."""

    inspector: Inspector
    key: str
    conflicts: tuple[str, ...]  # the names as given, in the order of their keys
    conflict_keys: frozenset[str]


def _inspector(
    item: object, path: str, pool: _Pool | None, rules: _Version
) -> tuple[_Member | None, list[Problem]]:
    if isinstance(item, str):
        problem = _id_problem(item, path, "张三", rules)
        if problem:
            return None, [problem]
        return _Member(Inspector(item), rules.key(item), (), frozenset()), []
    if not isinstance(item, Mapping):
        return None, [
            Problem(
                path,
                f'expected an id or {{"id": …, "conflicts": [entity ids]}}, got {shown(item)}; '
                'e.g. {"id": "张三", "conflicts": ["E1"]}',
            )
        ]
    problems = [
        Problem(
            f"{path}.{key}" if isinstance(key, str) else f"{path}[{shown(key)}]",
            "unknown key; allowed keys: conflicts, id",
        )
        for key in item
        if key not in ("id", "conflicts")
    ]
    ident = item.get("id")
    problem = _id_problem(ident, f"{path}.id", "张三", rules)
    if problem is not None:
        problems.append(problem)
    conflicts: dict[str, tuple[str, int]] = {}
    raw = item.get("conflicts", [])
    try:
        listed = _sequence(raw, f"{path}.conflicts", '["E1"]')
    except InputError as error:
        problems.extend(error.problems)
        listed = []
    for index, entity in enumerate(listed):
        where = f"{path}.conflicts[{index}]"
        bad = _id_problem(entity, where, "E1", rules)
        if bad is not None:
            problems.append(bad)
            continue
        assert isinstance(entity, str)
        key = rules.key(entity)
        if pool is not None and key not in pool.positions:
            problems.append(Problem(where, f"{shown(entity)} is not in the entity pool"))
        elif key in conflicts:
            earlier, at = conflicts[key]
            problems.append(
                Problem(where, _same(entity, earlier, f"{path}.conflicts[{at}]", "entity"))
            )
        else:
            conflicts[key] = (entity, index)
    if problems:
        return None, problems
    assert isinstance(ident, str)
    names = tuple(conflicts[k][0] for k in sorted(conflicts))
    return _Member(
        Inspector(ident, frozenset(names)), rules.key(ident), names, frozenset(conflicts)
    ), []


def _conflict_count(item: object) -> int:
    """How many conflicts an inspector entry declares (0 when it is not a mapping with a list:
    :func:`_inspector` refuses those)."""
    conflicts = item.get("conflicts") if isinstance(item, Mapping) else None
    if isinstance(conflicts, str | bytes | Mapping) or not isinstance(conflicts, Sequence):
        return 0
    try:
        return len(conflicts)
    except OverflowError:  # range(10**20)
        return sys.maxsize


def _inspectors(
    value: object, pool: _Pool | None, rules: _Version, spent: int = 0
) -> tuple[tuple[_Member, ...], list[Problem]]:
    """The inspectors in canonical order; ``spent`` names already counted (the entities)."""
    items = _sequence(value, "$.inspectors", '["张三", {"id": "李四", "conflicts": ["E1"]}]')
    problems: list[Problem] = []
    found: dict[str, tuple[_Member, int]] = {}
    spent += len(items)
    for index, item in enumerate(items):
        path = f"$.inspectors[{index}]"
        spent += _conflict_count(item)
        if spent > BUDGET.max_values:  # a conflicts list shared by many inspectors
            what = (
                f"more than {BUDGET.max_values:,} names in the entities, the inspectors and "
                "their declared conflicts (a list given to several inspectors counts for each)"
            )
            problems.append(Problem(path, over(what, "max_values", "values")))
            break
        member, bad = _inspector(item, path, pool, rules)
        problems.extend(bad)
        if member is None:
            continue
        if member.key in found:
            earlier, at = found[member.key]
            problems.append(
                Problem(
                    path,
                    _same(
                        member.inspector.id,
                        earlier.inspector.id,
                        f"$.inspectors[{at}]",
                        "inspector",
                    ),
                )
            )
            continue
        found[member.key] = (member, index)
    return tuple(found[k][0] for k in sorted(found)), problems


def _whole(value: object, path: str, low: int, high: int | None, example: int) -> Problem | None:
    if isinstance(value, bool) or not isinstance(value, int):
        return Problem(path, f"expected a whole number, got {shown(value)}; e.g. {example}")
    if value < low or (high is not None and value > high):
        bounds = f"{low} to {high}" if high is not None else f"{low} or more"
        return Problem(path, f"expected {bounds}, got {shown(value)}; e.g. {example}")
    return None


def _team_problems(per_team: object, minimum: int | None, inspectors: int | None) -> list[Problem]:
    """``per_team``: a whole number, at least ``minimum`` (the law) and at most the number of
    inspectors (when both are known)."""
    bad = _whole(per_team, "$.per_team", 1, None, PER_TEAM)
    if bad is not None:
        return [bad]
    assert isinstance(per_team, int)
    problems = []
    if minimum is not None and per_team < minimum:
        law = (
            f"; {_MIN_TEAM_CITATION.label}: “{_MIN_TEAM_CITATION.text}”"
            if _MIN_TEAM_CITATION is not None
            else ""
        )
        problems.append(
            Problem(
                "$.per_team",
                f"a team needs at least {shown(minimum)} inspectors (min_team_size{law}), got "
                f"{shown(per_team)}; pass min_team_size=1 only where a law provides otherwise",
            )
        )
    if inspectors is not None and per_team > inspectors:
        problems.append(
            Problem(
                "$.per_team",
                f"expected at most {inspectors} (the number of inspectors), got {shown(per_team)}",
            )
        )
    return problems


def _seed(value: object) -> str:
    if isinstance(value, int) and not isinstance(value, bool):
        if not 0 <= value < _MAX_SEED_INT:
            raise InputError.single(
                "$.seed", f"an integer seed must be 0 to 10**64 - 1; e.g. {20260305}"
            )
        return str(value)
    if isinstance(value, str) and value.strip() and len(value) <= _MAX_SEED_TEXT:
        try:
            value.encode("utf-8")
        except UnicodeEncodeError:
            raise InputError.single("$.seed", "the seed must be valid Unicode text") from None
        return value
    raise InputError.single(
        "$.seed",
        f"expected a non-empty text of at most {_MAX_SEED_TEXT} characters or a non-negative "
        f'integer, got {shown(value)}; e.g. "2026-03-05 体彩排列5 12345"',
    )


def _commitment(value: object) -> str | None:
    if value is None:
        return None
    if isinstance(value, str) and _HEX64.fullmatch(value):
        return value.lower()
    raise InputError.single(
        "$.commitment",
        "expected the 64 hexadecimal digits that inspection.commit(seed) gave before the draw, "
        f"or None, got {shown(value)}",
    )


def _commitment_of(seed_text: str) -> str:
    s = seed_text.encode("utf-8")
    prefix = COMMITMENT_SCHEME.encode("ascii") + b"\x00" + len(s).to_bytes(8, "big")
    return hashlib.sha256(prefix + s).hexdigest()


@exact
def commit(seed: str | int) -> str:
    """The commitment to ``seed``, to publish *before* the draw (64 lower-case hex digits).

    ``SHA-256(b"nmgpolicy-commit/1" || 0x00 || len(S) as 8 bytes big-endian || S)``, ``S``
    the seed as UTF-8 (an integer seed is its decimal digits), so that anyone can recompute it
    from the seed revealed after the draw. The seed must be secret and hard to guess until
    then (e.g. ``secrets.token_hex(16)``): a short or predictable seed can be found from its
    commitment by trying candidates. A bad seed raises :class:`~nmgpolicy.errors.InputError`
    at ``$.seed``.
    """
    return _commitment_of(_seed(seed))


def _digest(inputs: Mapping[str, Any]) -> str:
    text = json.dumps(inputs, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


# --------------------------------------------------------------------------------------------
# The draw
# --------------------------------------------------------------------------------------------


@exact
def draw(
    entities: Sequence[str],
    inspectors: Sequence[str | Mapping[str, Any]],
    *,
    n: int,
    per_team: int = PER_TEAM,
    seed: str | int,
    commitment: str | None = None,
    min_team_size: int = MIN_TEAM_SIZE,
) -> Draw:
    """Draw ``n`` entities to inspect and a team of ``per_team`` inspectors for each.

    ``entities``: the names of the entities that may be inspected (texts, each once; names are
    compared as :func:`name_key` says, so 企业A and 企业Ａ are one). ``inspectors``: each a name,
    or ``{"id": "李四", "conflicts": ["E1", …]}`` listing the entities (names from
    ``entities``) with which the inspector declared a conflict of interest. ``per_team`` must be
    at least ``min_team_size`` (2, 《行政处罚法》第四十二条). ``seed``: a text or a non-negative
    integer fixed *before* the draw and recorded in the result; ``commitment``: the value of
    :func:`commit` published before the draw, checked against the seed and recorded.

    Every defect raises one :class:`~nmgpolicy.errors.InputError` listing each problem at its
    path (``$.entities[2]``, ``$.inspectors[1].conflicts[0]``, ``$.n``, ``$.per_team``,
    ``$.seed``, ``$.commitment``, ``$.min_team_size``), including an entity for which fewer than
    ``per_team`` inspectors have no conflict. The algorithm is in the module docstring;
    :func:`verify` re-runs a published result.
    """
    return _run(
        _RULES[ALGORITHM_VERSION],
        entities,
        inspectors,
        n=n,
        per_team=per_team,
        seed=seed,
        commitment=commitment,
        min_team_size=min_team_size,
    )


def _run(
    rules: _Version,
    entities: object,
    inspectors: object,
    *,
    n: object,
    per_team: object,
    seed: object,
    commitment: object = None,
    min_team_size: object = 1,
) -> Draw:
    problems: list[Problem] = []
    seed_text: str | None = None
    try:
        seed_text = _seed(seed)
    except InputError as error:
        problems += error.problems
    committed: str | None = None
    try:
        committed = _commitment(commitment)
    except InputError as error:
        problems += error.problems
    if committed is not None and seed_text is not None and _commitment_of(seed_text) != committed:
        problems.append(
            Problem(
                "$.seed",
                "this seed does not match the commitment published before the draw "
                f"($.commitment {committed[:12]}…; inspection.commit(seed) gives "
                f"{_commitment_of(seed_text)[:12]}…)",
            )
        )
    minimum: int | None = None
    if rules.team_minimum:
        bad = _whole(min_team_size, "$.min_team_size", 1, None, MIN_TEAM_SIZE)
        if bad is not None:
            problems.append(bad)
        else:
            assert isinstance(min_team_size, int)
            minimum = min_team_size
    pool: _Pool | None = None
    try:
        pool, bad_entities = _entities(entities, rules)
        problems += bad_entities
        if bad_entities:
            pool = None
    except InputError as error:
        problems += error.problems
    members: tuple[_Member, ...] = ()
    inspectors_ok = False
    try:
        counted = len(pool.keys) if pool is not None else 0
        members, bad_members = _inspectors(inspectors, pool, rules, counted)
        problems += bad_members
        inspectors_ok = not bad_members
        if inspectors_ok and not members:
            problems.append(
                Problem("$.inspectors", 'expected at least one inspector; e.g. ["张三"]')
            )
            inspectors_ok = False
    except InputError as error:
        problems += error.problems
    # The upper bounds are checked only against pools that are themselves valid.
    bad_n = _whole(n, "$.n", 1, len(pool.keys) if pool is not None else None, 1)
    if bad_n is not None:
        problems.append(bad_n)
    team_problems = _team_problems(per_team, minimum, len(members) if inspectors_ok else None)
    problems += team_problems
    if bad_n is None and not team_problems:
        assert isinstance(n, int)
        assert isinstance(per_team, int)
        if n * per_team > BUDGET.max_values:  # the draw writes n teams of per_team names
            # shown(): a published record may give 10**5000, which has no str()
            what = f"{shown(n)} teams of {shown(per_team)} inspectors to draw"
            problems.append(Problem("$.n", over(what, "max_values", "values")))
    if problems:
        raise InputError(problems)
    assert pool is not None
    assert seed_text is not None
    assert isinstance(n, int)
    assert isinstance(per_team, int)
    # Who declared a conflict with each entity (positions in ``members``, in order): linear in
    # the declarations, where listing the eligible inspectors of every entity is entities ×
    # inspectors (25 million steps for 5,000 of each, an input under 1 MB).
    conflicted: dict[str, list[int]] = {}
    for index, member in enumerate(members):
        for key in member.conflict_keys:
            conflicted.setdefault(key, []).append(index)
    short = [
        Problem(
            f"$.entities[{pool.positions[key]}]",
            f"only {len(members) - len(conflicted.get(key, ()))} inspector(s) without a "
            f"declared conflict with {shown(pool.given[key])}; {per_team} needed: add "
            "inspectors or lower per_team",
        )
        for key in sorted(pool.keys, key=pool.positions.__getitem__)
        if len(members) - len(conflicted.get(key, ())) < per_team
    ]
    if short:
        raise InputError(short)
    recorded = _canonical(rules, pool, members, n, per_team, committed, minimum, given=True)
    digest = _digest(_canonical(rules, pool, members, n, per_team, committed, minimum, given=False))
    stream = Stream(seed_text.encode("utf-8"), bytes.fromhex(digest), version=rules.number)
    chosen = stream.choose(pool.keys, n)
    by_key = {m.key: m.inspector.id for m in members}
    keys = [m.key for m in members]
    assignments = tuple(
        Assignment(
            entity=pool.given[key],
            inspectors=tuple(
                by_key[k] for k in stream.choose(_Kept(keys, conflicted.get(key, [])), per_team)
            ),
            excluded=tuple(members[i].inspector.id for i in conflicted.get(key, ())),
        )
        for key in chosen
    )
    return Draw(
        seed=seed_text,
        inputs=recorded,
        inputs_digest=digest,
        n=n,
        per_team=per_team,
        assignments=assignments,
        record=inspection_record(),
        version=rules.number,
        words_used=stream.used,
        commitment=committed,
        min_team_size=minimum if minimum is not None else 1,
    )


def _canonical(
    rules: _Version,
    pool: _Pool,
    members: Sequence[_Member],
    n: int,
    k: int,
    commitment: str | None,
    minimum: int | None,
    *,
    given: bool,
) -> dict[str, Any]:
    """Step 1: the canonical inputs, with the names as given (the record) or their keys (the
    digest)."""

    def name(text: str) -> str:
        return text if given else rules.key(text)

    out: dict[str, Any] = {
        "algorithm": rules.tag,
        "entities": [name(pool.given[key]) for key in pool.keys],
        "inspectors": [
            {"conflicts": [name(c) for c in m.conflicts], "id": name(m.inspector.id)}
            for m in members
        ],
        "n": n,
        "per_team": k,
    }
    if rules.commitment:
        out["commitment"] = commitment
    if rules.team_minimum:
        out["min_team_size"] = minimum
    return dict(sorted(out.items()))


# --------------------------------------------------------------------------------------------
# Verification
# --------------------------------------------------------------------------------------------

_INPUT_KEYS = {
    1: ("entities", "inspectors", "n", "per_team"),
    2: ("entities", "inspectors", "n", "per_team", "commitment", "min_team_size"),
}


@exact
def verify(published: Mapping[str, Any] | Draw) -> bool:
    """Whether a published draw (the output of :meth:`Draw.to_dict`, e.g. read back from JSON,
    or a :class:`Draw`) is exactly what the algorithm gives: ``False`` if any of its fields was
    altered, if its seed does not match its commitment, or if it is not a draw record at all.

    It never raises: :func:`discrepancies` says what does not match.
    """
    return not discrepancies(published)


@exact
def discrepancies(published: Mapping[str, Any] | Draw) -> tuple[Problem, ...]:
    """Every field of a published draw that differs from a re-run of it, each as a
    :class:`~nmgpolicy.errors.Problem` (JSON path, message); empty when :func:`verify` is true.

    The draw is re-run from its ``algorithm`` (versions 1 and 2), ``seed`` and ``inputs``;
    every other field must equal the re-run's (same JSON types, no field missing or added),
    the catalog description ``record`` included (as this library version words it; not
    compared for version 1 records, which predate it). Inputs the re-run refuses are reported
    at their place in the record (``$.inputs.per_team``; a seed that does not match the
    commitment at ``$.seed``).
    """
    if isinstance(published, Draw):
        published = published.to_dict()
    if not isinstance(published, Mapping):
        return (
            Problem("$", f"expected a published draw (Draw.to_dict()), got {shown(published)}"),
        )
    algorithm = published.get("algorithm")
    version = _version_of(algorithm)
    if version is None:
        return (
            Problem(
                "$.algorithm",
                f'expected {{"name": "{ALGORITHM}", "version": 1 or 2}}, got {shown(algorithm)}',
            ),
        )
    inputs = published.get("inputs")
    if not isinstance(inputs, Mapping):
        return (Problem("$.inputs", f"expected the canonical inputs, got {shown(inputs)}"),)
    missing = [
        Problem(f"$.inputs.{key}", "missing") for key in _INPUT_KEYS[version] if key not in inputs
    ]
    if missing:
        return tuple(missing)
    rules = _RULES[version]
    try:
        rerun = _run(
            rules,
            inputs["entities"],
            inputs["inspectors"],
            n=inputs["n"],
            per_team=inputs["per_team"],
            seed=published.get("seed"),
            commitment=inputs["commitment"] if rules.commitment else None,
            min_team_size=inputs.get("min_team_size", 1),
        )
    except InputError as error:
        return tuple(Problem(_in_record(p.path), p.message) for p in error.problems)
    expected = rerun.to_dict()
    if version == 1 and isinstance(published.get("record"), Mapping):
        expected["record"] = published["record"]
    return tuple(_differences(expected, published, "$"))


def _version_of(algorithm: object) -> int | None:
    if not isinstance(algorithm, Mapping) or set(algorithm) != {"name", "version"}:
        return None
    version = algorithm["version"]
    if algorithm["name"] != ALGORITHM or type(version) is not int or version not in VERSIONS:
        return None
    return version


def _in_record(path: str) -> str:
    """Where a draw argument sits in a published record."""
    return path if path.startswith("$.seed") else "$.inputs" + path[1:]


def _differences(expected: object, actual: object, path: str) -> Iterator[Problem]:
    if isinstance(expected, dict):
        if not isinstance(actual, Mapping):
            yield Problem(path, f"expected an object, got {shown(actual)}")
            return
        for key, value in expected.items():
            if key in actual:
                yield from _differences(value, actual[key], f"{path}.{key}")
            else:
                yield Problem(f"{path}.{key}", "missing")
        for key in actual:
            if key not in expected:
                where = f"{path}.{key}" if isinstance(key, str) else f"{path}[{shown(key)}]"
                yield Problem(where, "not a field of a draw record")
    elif isinstance(expected, list):
        if isinstance(actual, str | bytes | Mapping) or not isinstance(actual, Sequence):
            yield Problem(path, f"expected a list, got {shown(actual)}")
        elif len(actual) != len(expected):
            yield Problem(path, f"expected {len(expected)} items, got {len(actual)}")
        else:
            for index, (want, got) in enumerate(zip(expected, actual, strict=True)):
                yield from _differences(want, got, f"{path}[{index}]")
    elif type(actual) is not type(expected) or actual != expected:
        yield Problem(path, f"expected {shown(expected)}, got {shown(actual)}")
