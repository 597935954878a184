"""``nmgpolicy.sme``: 优质中小企业梯度培育 — the two rule sets and the region's implementing rules.

Re-exports the rule sets ``sme_innovative`` (工信部企业〔2022〕63号 附件1,
:mod:`nmgpolicy.rules.sme_innovative`) and ``sme_specialized`` (附件2,
:mod:`nmgpolicy.rules.sme_specialized`), and adds the helpers of
《内蒙古自治区优质中小企业梯度培育管理实施细则(2022-2025年)》 第二十一条–第三十二条 as the seed
quotes them (data: ``data/sme_policy.toml``):

* :func:`priority_chain` — classify a name against the lists of 第三十条 (优势特色产业链,
  五个先进制造业集群, 两大基地);
* :func:`targets_progress` — progress toward the 2025 targets of 第二十一条 (500 innovative SMEs,
  300 专精特新 SMEs, 40 national "little giants") from counts;
* :func:`priority_fields` (第二十二条) and :func:`articles` (the quoted text).

::

    from nmgpolicy import sme
    sme.priority_chain("石墨烯").entries[0].name          # "石墨(烯)"
    sme.targets_progress({"innovative": 320}).to_dict()
"""

from __future__ import annotations

import datetime as dt
import functools
import unicodedata
from collections.abc import Mapping
from decimal import ROUND_DOWN, Decimal
from typing import Any

import attrs

from nmgpolicy._exact import exact
from nmgpolicy.errors import InputError, Problem, shown
from nmgpolicy.outcome import Citation, Message, jsonable
from nmgpolicy.params import ParameterSet, load_parameters
from nmgpolicy.rules._sme_scoring import ScienceAward
from nmgpolicy.rules.sme_innovative import InnovativeFacts, InnovativeRuleSet
from nmgpolicy.rules.sme_specialized import SpecializedFacts, SpecializedRuleSet
from nmgpolicy.units import parse_count

__all__ = [
    "InnovativeFacts",
    "InnovativeRuleSet",
    "PriorityEntry",
    "PriorityMatch",
    "ScienceAward",
    "SpecializedFacts",
    "SpecializedRuleSet",
    "TargetProgress",
    "TargetsReport",
    "articles",
    "priority_chain",
    "priority_fields",
    "priority_lists",
    "targets_progress",
]

_DATA = "sme_policy"
_MAX_NAME = 200
# Quotation marks and brackets a name may be written with ("稀土"、《…》、「…」); dropped.
_QUOTES = str.maketrans("", "", "\"'“”‘’「」『』《》〈〉")
_SHARE_PLACES = Decimal("0.0001")


def _data() -> ParameterSet:
    return load_parameters(_DATA)


def normalise_name(name: str) -> str:
    """A name as matched: NFKC (full-width → half-width: "石墨（烯）" → "石墨(烯)"), with
    whitespace and quotation marks removed."""
    text = unicodedata.normalize("NFKC", name).translate(_QUOTES)
    return "".join(text.split())


@attrs.frozen
class PriorityEntry:
    """One entry of a 第三十条 list that a name matched.

    ``kind`` is ``"chain"`` (优势特色产业链), ``"cluster"`` (五个先进制造业集群) or ``"base"``
    (两大基地); ``name`` the entry as the article writes it; ``part`` the sub-chain matched when
    the article names one in parentheses (有色金属加工 → 铝后加工, 铜后加工).
    """

    kind: str
    name: str
    list_title: Message
    citation: Citation
    part: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return {
            "kind": self.kind,
            "name": self.name,
            "part": self.part,
            "list": self.list_title.to_dict(),
            "citation": self.citation.to_dict(),
        }


@attrs.frozen
class PriorityMatch:
    """The result of :func:`priority_chain`: the name, its normalised form and every entry of
    第三十条's lists it matches (none, one, or several: "有色金属加工" is both a chain and —
    without its suffix — a cluster)."""

    query: str
    normalised: str
    entries: tuple[PriorityEntry, ...]

    @property
    def matched(self) -> bool:
        """Whether the name is on any list of 第三十条."""
        return bool(self.entries)

    @property
    def kinds(self) -> tuple[str, ...]:
        """The kinds of the lists it is on (``chain``, ``cluster``, ``base``), in list order."""
        return tuple(dict.fromkeys(e.kind for e in self.entries))

    def to_dict(self) -> dict[str, Any]:
        return {
            "query": self.query,
            "normalised": self.normalised,
            "matched": self.matched,
            "entries": [e.to_dict() for e in self.entries],
        }


@functools.cache
def _index() -> dict[str, tuple[PriorityEntry, ...]]:
    """Every accepted normalised form → the entries it names (built once from the data)."""
    index: dict[str, list[PriorityEntry]] = {}
    specs = _data().extra["priority_lists"]
    for kind, spec in sorted(specs.items(), key=lambda item: item[1]["order"]):
        title = Message(**spec["title"])
        citation = Citation.from_mapping(spec["citation"])
        for entry in spec["entries"]:
            name = str(entry["name"])
            forms: list[tuple[str, str | None]] = [(name, None)]
            forms += [(alias, None) for alias in entry.get("aliases", [])]
            forms += [(part, part) for part in entry.get("parts", [])]
            for form, part in forms:
                base = normalise_name(form)
                variants = {base}
                variants |= {base + suffix for suffix in spec["add_suffixes"]}
                variants |= {
                    base.removesuffix(suffix)
                    for suffix in spec["drop_suffixes"]
                    if base.endswith(suffix) and base != suffix
                }
                found = PriorityEntry(kind, name, title, citation, part)
                for variant in variants:
                    index.setdefault(variant, []).append(found)
    return {key: tuple(dict.fromkeys(found)) for key, found in index.items()}


@exact
def priority_chain(name: object) -> PriorityMatch:
    """Classify ``name`` against the lists of 实施细则 第三十条.

    The lists: 优势特色产业链 — 新能源汽车制造、风电装备制造、光伏装备制造、现代煤化工、有色金属加工
    (含铝后加工、铜后加工两条产业链)、稀土、石墨(烯)、中蒙医药; 五个先进制造业集群; 两大基地 (all
    from ``data/sme_policy.toml``). A name matches an entry when, after :func:`normalise_name`, it
    equals the entry's name, one of its aliases or parts, or that name with a list suffix added
    (chains: 产业链, 产业) or dropped (clusters: 产业集群, 集群; bases: 基地). Nothing fuzzier:
    an unmatched name gives no entries. A name that is not a non-empty text (at most 200
    characters) raises :class:`~nmgpolicy.errors.InputError` at ``$.name``.
    """
    if not isinstance(name, str):
        raise InputError.single(
            "$.name", f'expected a text, got {type(name).__name__}; e.g. "稀土"'
        )
    if len(name) > _MAX_NAME:
        raise InputError.single("$.name", f"too long for a name ({len(name)} characters)")
    normalised = normalise_name(name)
    if not normalised:
        raise InputError.single("$.name", 'expected a non-empty name; e.g. "稀土"')
    return PriorityMatch(name, normalised, _index().get(normalised, ()))


@exact
def priority_lists() -> dict[str, tuple[str, ...]]:
    """The three lists of 第三十条 as the article writes them, by kind (chain, cluster, base)."""
    specs = _data().extra["priority_lists"]
    return {
        kind: tuple(str(e["name"]) for e in spec["entries"])
        for kind, spec in sorted(specs.items(), key=lambda item: item[1]["order"])
    }


@exact
def priority_fields() -> tuple[str, ...]:
    """The key fields of 第二十二条 (新一代信息技术、新能源、新材料、高端装备 …)."""
    return tuple(_data().extra["priority_fields"]["names"])


@exact
def articles() -> dict[str, str]:
    """第二十一条–第三十二条 as quoted in the seed, by article (``"第三十条"`` → text)."""
    return dict(_data().extra["articles"])


@attrs.frozen
class TargetProgress:
    """Progress of one category toward its 第二十一条 target.

    ``share`` is count / target rounded *down* to 0.0001 (so that 1 means the target is
    reached), ``remaining`` how many are still needed (0 once reached); all three are ``None``
    when the count was not given.
    """

    category: str
    title: Message
    wording: Message
    target: int
    count: int | None
    share: Decimal | None
    remaining: int | None
    reached: bool | None

    def to_dict(self) -> dict[str, Any]:
        return {
            "category": self.category,
            "title": self.title.to_dict(),
            "wording": self.wording.to_dict(),
            "target": self.target,
            "count": self.count,
            "share": jsonable(self.share),
            "remaining": self.remaining,
            "reached": self.reached,
        }


@attrs.frozen
class TargetsReport:
    """:func:`targets_progress`'s result: the target year, each category, the citation and
    the parameters the caller overrode."""

    year: int
    categories: tuple[TargetProgress, ...]
    citation: Citation
    overrides: Mapping[str, Any] = attrs.field(factory=dict)

    def category(self, name: str) -> TargetProgress:
        """The progress of one category (``innovative``, ``specialized``, ``little_giant``)."""
        for entry in self.categories:
            if entry.category == name:
                return entry
        known = ", ".join(c.category for c in self.categories)
        raise InputError.single("$.category", f"no category {shown(name)}; known: {known}")

    def to_dict(self) -> dict[str, Any]:
        return {
            "year": self.year,
            "categories": [c.to_dict() for c in self.categories],
            "citation": self.citation.to_dict(),
            "overrides": jsonable(self.overrides),
        }


@exact
def targets_progress(
    counts: Mapping[str, object], *, parameters: Mapping[str, object] | None = None
) -> TargetsReport:
    """Progress toward the targets of 实施细则 第二十一条 ("力争到2025年，培育认定自治区创新型
    中小企业500家，专精特新中小企业300家，争取国家专精特新'小巨人'企业40家").

    ``counts`` maps ``innovative``, ``specialized`` and ``little_giant`` to the number recognised
    so far (an int or ``"320家"``); a category left out is reported with an unknown count.
    ``parameters`` overrides the targets (``target_innovative`` …, what-if). Unknown keys,
    negative or fractional counts and targets below 1 raise :class:`InputError` naming each.
    """
    data = _data()
    specs = data.extra["targets"]
    if not isinstance(counts, Mapping):
        raise InputError.single(
            "$",
            f"expected an object of counts, got {type(counts).__name__}; "
            'e.g. {"innovative": 320}',
        )
    problems: list[Problem] = []
    parsed: dict[str, int] = {}
    for key, raw in counts.items():
        path = f"$.{key}" if isinstance(key, str) else f"$[{shown(key)}]"
        if key not in specs:
            problems.append(Problem(path, f"unknown category; known: {', '.join(specs)}"))
            continue
        try:
            parsed[key] = parse_count(raw, path=path)
        except InputError as error:
            problems.extend(error.problems)
    try:
        resolved = data.resolve(dt.date.min, parameters)
    except InputError as error:
        raise InputError([*problems, *error.problems]) from None
    for spec in specs.values():
        name = spec["parameter"]
        if resolved[name] < 1:
            problems.append(Problem(f"$.parameters.{name}", "a target must be 1 or more; e.g. 300"))
    if problems:
        raise InputError(problems)
    categories = []
    for key, spec in sorted(specs.items(), key=lambda item: item[1]["order"]):
        target: int = resolved[spec["parameter"]]
        count = parsed.get(key)
        share = remaining = reached = None
        if count is not None:
            share = (Decimal(count) / Decimal(target)).quantize(_SHARE_PLACES, rounding=ROUND_DOWN)
            remaining = max(target - count, 0)
            reached = count >= target
        categories.append(
            TargetProgress(
                category=key,
                title=Message(**spec["title"]),
                wording=Message(**spec["wording"]),
                target=target,
                count=count,
                share=share,
                remaining=remaining,
                reached=reached,
            )
        )
    citation = data.parameters["target_innovative"].citation
    assert citation is not None
    return TargetsReport(
        year=resolved["target_year"],
        categories=tuple(categories),
        citation=citation,
        overrides=dict(resolved.overrides),
    )
