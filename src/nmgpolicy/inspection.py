"""A reproducible, auditable random-inspection draw (随机抽查) for 民爆行业安全生产检查.

The catalog item ``explosives-safety-inspection`` rests on 《安全生产法》第六十五条 and on the State
Council General Office's notice on random inspections, which asks for a list of random-inspection
items stating 抽查依据、抽查主体、抽查内容、抽查方式 and for inspections by random draw. Random
selection of *both* the entities inspected and the inspectors, with the results published, is the
policy the draw implements. :func:`draw` does it so that anyone can check it:

* **Reproducible everywhere.** The draw uses no :mod:`random` (whose algorithms may change between
  Python versions) and no floating point: only SHA-256 and integer arithmetic, fully specified
  below, so the same inputs and seed give the same result on every platform and version.
* **Recorded.** The result records the seed, the algorithm's name and version, the canonical
  inputs and their SHA-256 digest; :func:`verify` re-runs a published record.
* **Order-free.** The pools are put in canonical order (Unicode code-point order of the ids)
  before drawing, so the result does not depend on the order in which they were listed.
* **Conflicts of interest.** An inspector who declared a conflict with an entity is never drawn
  for its team, and the record lists who was excluded.

Algorithm ``nmgpolicy-draw`` version 1
--------------------------------------

1. *Canonical inputs*: the JSON object ``{"algorithm": "nmgpolicy-draw/1", "entities": [...],
   "inspectors": [{"conflicts": [...], "id": ...}, ...], "n": n, "per_team": k}`` with entity
   ids sorted, inspectors sorted by id and each one's conflicts sorted, serialised with sorted
   keys, no spaces (``separators=(",", ":")``), ``ensure_ascii=False``, encoded as UTF-8.
   ``inputs_digest`` is the SHA-256 of those bytes (hex).
2. *Key*: ``K = SHA-256(b"nmgpolicy-draw/1" || 0x00 || len(S) as 8 bytes big-endian || S ||
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

Shortfall: before anything is drawn, every entity of the pool must have at least ``per_team``
inspectors without a declared conflict; otherwise :class:`~nmgpolicy.errors.InputError` names
each such entity (``$.entities[i]``). Checking the whole pool, not only the entities drawn, keeps
the validity of a draw independent of its seed.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterator, Mapping, Sequence
from typing import Any

import attrs

from nmgpolicy.errors import InputError, Problem, shown
from nmgpolicy.outcome import Citation, Message
from nmgpolicy.params import load_parameters

__all__ = [
    "ALGORITHM",
    "ALGORITHM_VERSION",
    "PER_TEAM",
    "Assignment",
    "Draw",
    "InspectionRecord",
    "Inspector",
    "Stream",
    "draw",
    "inspection_record",
    "verify",
]

ALGORITHM = "nmgpolicy-draw"
"""The name of the draw algorithm (documented in this module's docstring)."""
ALGORITHM_VERSION = 1
"""Its version; any change to the algorithm gets a new version, never the same one."""

_TAG = f"{ALGORITHM}/{ALGORITHM_VERSION}"
_WORD = 2**64
_MAX_ID = 200
_MAX_SEED_TEXT = 200
_MAX_SEED_INT = 10**64

PER_TEAM: int = load_parameters("inspection").parameters["per_team"].values[0].value
"""The default team size, from ``data/inspection.toml`` (2; no legal number: see there)."""


# --------------------------------------------------------------------------------------------
# The random stream
# --------------------------------------------------------------------------------------------


class Stream:
    """The deterministic stream of 64-bit words of steps 2–4 (SHA-256 in counter mode)."""

    def __init__(self, seed: bytes, digest: bytes) -> None:
        prefix = _TAG.encode("ascii") + b"\x00" + len(seed).to_bytes(8, "big")
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
        """``k`` items by partial Fisher–Yates (step 5), in the order drawn."""
        pool = list(items)
        for i in range(k):
            j = i + self.below(len(pool) - i)
            pool[i], pool[j] = pool[j], pool[i]
        return tuple(pool[:k])


# --------------------------------------------------------------------------------------------
# Records
# --------------------------------------------------------------------------------------------


@attrs.frozen
class Inspector:
    """An inspector of the pool and the entities with which they declared a conflict."""

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


def inspection_record() -> InspectionRecord:
    """The catalog item's 抽查依据、主体、内容、方式, from ``data/inspection.toml``."""
    spec = load_parameters("inspection").extra["record"]
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
    """The result of :func:`draw`: what was drawn, and everything needed to re-run it."""

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

    @property
    def selected(self) -> tuple[str, ...]:
        """The entities drawn, in the order drawn."""
        return tuple(a.entity for a in self.assignments)

    def team(self, entity: str) -> tuple[str, ...]:
        """The inspectors drawn for ``entity``."""
        for a in self.assignments:
            if a.entity == entity:
                return a.inspectors
        raise InputError.single("$.entity", f"{entity!r} was not drawn")

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready: the algorithm, seed, canonical inputs and digest (to re-run it), the
        assignments, and the catalog record (抽查依据、主体、内容、方式)."""
        return {
            "algorithm": {"name": self.algorithm, "version": self.version},
            "seed": self.seed,
            "inputs_digest": self.inputs_digest,
            "inputs": dict(self.inputs),
            "n": self.n,
            "per_team": self.per_team,
            "words_used": self.words_used,
            "assignments": [a.to_dict() for a in self.assignments],
            "record": self.record.to_dict(),
        }


# --------------------------------------------------------------------------------------------
# Input checks
# --------------------------------------------------------------------------------------------


def _id_problem(value: object, path: str, example: str) -> Problem | None:
    if not isinstance(value, str):
        return Problem(path, f'expected a text id, got {shown(value)}; e.g. "{example}"')
    try:
        value.encode("utf-8")
    except UnicodeEncodeError:
        return Problem(
            path, f'an id must be valid Unicode text, got {shown(value)}; e.g. "{example}"'
        )
    if not value or value != value.strip() or len(value) > _MAX_ID:
        return Problem(
            path,
            f"an id must be 1 to {_MAX_ID} characters without surrounding spaces, got "
            f'{shown(value)}; e.g. "{example}"',
        )
    return None


def _sequence(value: object, path: str, example: str) -> Sequence[object]:
    if isinstance(value, str | bytes | Mapping) or not isinstance(value, Sequence):
        raise InputError.single(path, f"expected a list, got {shown(value)}; e.g. {example}")
    return value


def _entities(value: object) -> tuple[tuple[str, ...], dict[str, int], list[Problem]]:
    items = _sequence(value, "$.entities", '["某民爆器材公司"]')
    problems: list[Problem] = []
    positions: dict[str, int] = {}
    for index, item in enumerate(items):
        path = f"$.entities[{index}]"
        problem = _id_problem(item, path, "某民爆器材公司")
        if problem is not None:
            problems.append(problem)
            continue
        assert isinstance(item, str)
        if item in positions:
            problems.append(Problem(path, f"{item!r} is listed twice; list each entity once"))
            continue
        positions[item] = index
    if not items:
        problems.append(Problem("$.entities", 'expected at least one entity; e.g. ["E1"]'))
    return tuple(sorted(positions)), positions, problems


def _inspector(
    item: object, path: str, known: Mapping[str, int] | None
) -> tuple[Inspector | None, list[Problem]]:
    if isinstance(item, str):
        problem = _id_problem(item, path, "张三")
        return (None, [problem]) if problem else (Inspector(item), [])
    if not isinstance(item, Mapping):
        return None, [
            Problem(
                path,
                f'expected an id or {{"id": …, "conflicts": [entity ids]}}, got {shown(item)}; '
                'e.g. {"id": "张三", "conflicts": ["E1"]}',
            )
        ]
    problems = [
        Problem(f"{path}.{key}", "unknown key; allowed keys: conflicts, id")
        for key in item
        if key not in ("id", "conflicts")
    ]
    ident = item.get("id")
    problem = _id_problem(ident, f"{path}.id", "张三")
    if problem is not None:
        problems.append(problem)
    conflicts: set[str] = set()
    raw = item.get("conflicts", [])
    try:
        listed = _sequence(raw, f"{path}.conflicts", '["E1"]')
    except InputError as error:
        problems.extend(error.problems)
        listed = []
    for index, entity in enumerate(listed):
        where = f"{path}.conflicts[{index}]"
        bad = _id_problem(entity, where, "E1")
        if bad is not None:
            problems.append(bad)
        elif known is not None and entity not in known:
            problems.append(Problem(where, f"{entity!r} is not in the entity pool"))
        elif entity in conflicts:
            problems.append(Problem(where, f"{entity!r} is listed twice"))
        else:
            conflicts.add(str(entity))
    if problems:
        return None, problems
    return Inspector(str(ident), frozenset(conflicts)), []


def _inspectors(
    value: object, known: Mapping[str, int] | None
) -> tuple[tuple[Inspector, ...], list[Problem]]:
    items = _sequence(value, "$.inspectors", '["张三", {"id": "李四", "conflicts": ["E1"]}]')
    problems: list[Problem] = []
    found: dict[str, Inspector] = {}
    for index, item in enumerate(items):
        path = f"$.inspectors[{index}]"
        inspector, bad = _inspector(item, path, known)
        problems.extend(bad)
        if inspector is None:
            continue
        if inspector.id in found:
            problems.append(Problem(path, f"{inspector.id!r} is listed twice; list each once"))
            continue
        found[inspector.id] = inspector
    return tuple(found[k] for k in sorted(found)), problems


def _whole(value: object, path: str, low: int, high: int | None, example: int) -> Problem | None:
    if isinstance(value, bool) or not isinstance(value, int):
        return Problem(path, f"expected a whole number, got {shown(value)}; e.g. {example}")
    if value < low or (high is not None and value > high):
        bounds = f"{low} to {high}" if high is not None else f"{low} or more"
        return Problem(path, f"expected {bounds}, got {value}; e.g. {example}")
    return None


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


def _canonical(
    entities: Sequence[str], inspectors: Sequence[Inspector], n: int, k: int
) -> dict[str, Any]:
    return {
        "algorithm": _TAG,
        "entities": list(entities),
        "inspectors": [i.to_dict() for i in inspectors],
        "n": n,
        "per_team": k,
    }


def _digest(inputs: Mapping[str, Any]) -> str:
    text = json.dumps(inputs, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


# --------------------------------------------------------------------------------------------
# The draw
# --------------------------------------------------------------------------------------------


def draw(
    entities: Sequence[str],
    inspectors: Sequence[str | Mapping[str, Any]],
    *,
    n: int,
    per_team: int = PER_TEAM,
    seed: str | int,
) -> Draw:
    """Draw ``n`` entities to inspect and a team of ``per_team`` inspectors for each.

    ``entities``: the ids of the entities that may be inspected (texts, each once).
    ``inspectors``: each an id, or ``{"id": "李四", "conflicts": ["E1", …]}`` listing the
    entities (ids from ``entities``) with which the inspector declared a conflict of interest.
    ``seed``: a text or a non-negative integer fixed and published *before* the draw (e.g. a
    lottery result); it is recorded in the result. Every defect raises one
    :class:`~nmgpolicy.errors.InputError` listing each problem at its path (``$.entities[2]``,
    ``$.inspectors[1].conflicts[0]``, ``$.n``, ``$.per_team``, ``$.seed``), including an entity
    for which fewer than ``per_team`` inspectors have no conflict. The algorithm is in the
    module docstring; :func:`verify` re-runs a published result.
    """
    problems: list[Problem] = []
    seed_text = ""
    try:
        seed_text = _seed(seed)
    except InputError as error:
        problems += error.problems
    pool: tuple[str, ...] = ()
    positions: dict[str, int] | None = None
    pool_ok = inspectors_ok = False
    try:
        pool, positions, bad = _entities(entities)
        problems += bad
        pool_ok = not bad
    except InputError as error:
        problems += error.problems
    inspector_pool: tuple[Inspector, ...] = ()
    try:
        inspector_pool, bad = _inspectors(inspectors, positions if pool_ok else None)
        problems += bad
        inspectors_ok = not bad
        if inspectors_ok and not inspector_pool:
            problems.append(
                Problem("$.inspectors", 'expected at least one inspector; e.g. ["张三"]')
            )
            inspectors_ok = False
    except InputError as error:
        problems += error.problems
    # The upper bounds are checked only against pools that are themselves valid.
    for problem in (
        _whole(n, "$.n", 1, len(pool) if pool_ok else None, 1),
        _whole(per_team, "$.per_team", 1, len(inspector_pool) if inspectors_ok else None, PER_TEAM),
    ):
        if problem is not None:
            problems.append(problem)
    if problems:
        raise InputError(problems)
    assert positions is not None
    eligible = {
        entity: tuple(i.id for i in inspector_pool if entity not in i.conflicts) for entity in pool
    }
    short = [
        Problem(
            f"$.entities[{positions[entity]}]",
            f"only {len(ids)} inspector(s) without a declared conflict with {entity!r}; "
            f"{per_team} needed: add inspectors or lower per_team",
        )
        for entity, ids in sorted(eligible.items(), key=lambda item: positions[item[0]])
        if len(ids) < per_team
    ]
    if short:
        raise InputError(short)
    inputs = _canonical(pool, inspector_pool, n, per_team)
    digest = _digest(inputs)
    stream = Stream(seed_text.encode("utf-8"), bytes.fromhex(digest))
    chosen = stream.choose(pool, n)
    assignments = tuple(
        Assignment(
            entity=entity,
            inspectors=stream.choose(eligible[entity], per_team),
            excluded=tuple(i.id for i in inspector_pool if entity in i.conflicts),
        )
        for entity in chosen
    )
    return Draw(
        seed=seed_text,
        inputs=inputs,
        inputs_digest=digest,
        n=n,
        per_team=per_team,
        assignments=assignments,
        record=inspection_record(),
        words_used=stream.used,
    )


def verify(published: Mapping[str, Any]) -> bool:
    """Re-run a published draw (the output of :meth:`Draw.to_dict`, e.g. read back from JSON)
    and say whether it gives the same digest and the same assignments.

    A record of another algorithm version, or one whose inputs are malformed, raises
    :class:`~nmgpolicy.errors.InputError`.
    """
    if not isinstance(published, Mapping):
        raise InputError.single("$", "expected a published draw (Draw.to_dict())")
    algorithm = published.get("algorithm")
    if algorithm != {"name": ALGORITHM, "version": ALGORITHM_VERSION}:
        raise InputError.single(
            "$.algorithm",
            f"this library runs {ALGORITHM} version {ALGORITHM_VERSION}, got {shown(algorithm)}",
        )
    inputs = published.get("inputs")
    if not isinstance(inputs, Mapping):
        raise InputError.single("$.inputs", "expected the canonical inputs of the draw")
    rerun = draw(
        inputs.get("entities"),  # type: ignore[arg-type]
        inputs.get("inspectors"),  # type: ignore[arg-type]
        n=inputs.get("n"),  # type: ignore[arg-type]
        per_team=inputs.get("per_team"),  # type: ignore[arg-type]
        seed=published.get("seed"),  # type: ignore[arg-type]
    )
    expected = rerun.to_dict()
    return bool(
        published.get("inputs_digest") == expected["inputs_digest"]
        and published.get("assignments") == expected["assignments"]
    )
