"""首台（套）/首批（次）: the criterion kinds its articles need beyond the shared vocabulary.

Four legal shapes, each a frozen kind deciding its status at once (a ``status`` function of
plain values) and leaving its explanation to a pure renderer:

* :class:`ByCategory` — the test that binds depends on a class of the application (第五条（五）:
  80万元/套 for a complete set, 1万元/吨 for a new material …); the class absent → ``unknown``.
* :class:`ClassifiedUnder` — a code of a hierarchical classification must fall under one of the
  listed classes (第五条（二）: a new material under 3.1–3.7 of 《战略性新兴产业分类（2018）》).
* :class:`HeldWhereNeeded` — a permit is required only where a fact says it is needed (第五条
  （四）: a production licence, a compulsory certification), several such pairs in one finding.
* :class:`Checklist` — every item of a document list that is required for this application is
  submitted (第八条): items required always, for some categories, when a fact is true, on a
  condition the facts do not state (reported, never counted), or never.

The shapes are generic; the wording is this regulation's (as it was before the definition).
"""

from __future__ import annotations

from collections.abc import Mapping
from functools import partial
from typing import Any, ClassVar

import attrs

from nmgpolicy.criteria import not_applicable_text
from nmgpolicy.definition import Criterion, Fact, Measure, Param, Ref, Row
from nmgpolicy.outcome import Finding, Message, Rendered, Status
from nmgpolicy.rules._first_set_public import DocumentItem

_VERDICT = {
    Status.MET: ("符合", "met"),
    Status.NOT_MET: ("不符合", "not met"),
    Status.UNKNOWN: ("缺少事实", "unknown"),
    Status.NOT_APPLICABLE: ("不适用", "not applicable"),
}


def _refs(values: tuple[Any, ...]) -> tuple[Ref, ...]:
    return tuple(v for v in values if isinstance(v, Fact | Measure | Param))


# --------------------------------------------------------------------------------------------
# ByCategory
# --------------------------------------------------------------------------------------------


@attrs.frozen
class ByCategory(Criterion):
    """The criterion of the application's class decides (a per-category minimum value).

    ``key`` reads the class; ``cases`` pairs each class with the criterion that binds it (with
    this criterion's id). The class absent → ``unknown``, explained by ``missing``, with
    ``shown`` (when given) as the measured value.
    """

    key: Ref
    cases: tuple[tuple[str, Criterion], ...]
    missing: Message
    shown: Ref | None = None

    kind: ClassVar[str] = "by_category"

    @property
    def parts(self) -> tuple[Criterion, ...]:
        return tuple(case for _, case in self.cases)

    def decide(self, row: Row) -> Finding:
        key = row(self.key)
        if key is None:
            shown = row(self.shown) if self.shown is not None else None
            return row.ctx.finding(
                self.id, Status.UNKNOWN, render=partial(_missing_text, self.missing, shown)
            )
        for value, case in self.cases:
            if value == key:
                return case.decide(row)
        raise KeyError(key)  # the facts model admits only the listed classes


def _missing_text(missing: Message, shown: object) -> Rendered:
    return missing, shown, None, None


# --------------------------------------------------------------------------------------------
# ClassifiedUnder
# --------------------------------------------------------------------------------------------


@attrs.frozen
class ClassifiedUnder(Criterion):
    """A code must lie under a listed class of one domain of a hierarchical classification.

    ``code`` is the normalised code ("3.2.1"); ``applies`` whether the test binds (``None``:
    not known). Not binding → ``not_applicable`` (``reason``, with ``{label}`` the label of
    ``label``); unknown applicability or no code → ``unknown``; a code naming only the domain
    ("3") → ``unknown`` (the class is missing); a code whose first two levels are a listed class
    of ``domain`` → ``met``; any other → ``not_met``.
    """

    code: Ref
    applies: Ref
    label: Ref
    domain: str
    classes: tuple[tuple[str, str], ...]
    domain_name: Message
    reason: Message
    _titles: Mapping[str, str] = attrs.field(
        init=False,
        eq=False,
        repr=False,
        default=attrs.Factory(lambda self: dict(self.classes), takes_self=True),
    )

    kind: ClassVar[str] = "classified_under"

    def title(self, listed: str) -> str:
        """The name of the listed class ``listed`` ("3.2" → 先进有色金属材料)."""
        return self._titles[listed]

    def status(self, applies: bool | None, code: str | None) -> Status:
        """The finding's status for the applicability and the normalised code."""
        if applies is False:
            return Status.NOT_APPLICABLE
        if applies is None or code is None:
            return Status.UNKNOWN
        parts = code.split(".")
        if parts[0] != self.domain:
            return Status.NOT_MET
        if len(parts) == 1:
            return Status.UNKNOWN
        return Status.MET if f"{parts[0]}.{parts[1]}" in self._titles else Status.NOT_MET

    def decide(self, row: Row) -> Finding:
        applies: bool | None = row(self.applies)
        code: str | None = row(self.code)
        status = self.status(applies, code)
        if status is Status.NOT_APPLICABLE:
            label: Message = row.ctx.label(row(self.label))
            return row.ctx.finding(
                self.id, status, render=partial(_not_classified_text, self.reason, label)
            )
        return row.ctx.finding(
            self.id, status, render=partial(_classified_text, self, status, applies, code)
        )


def _not_classified_text(reason: Message, label: Message) -> Rendered:
    return not_applicable_text(
        Message(reason.zh.format(label=label.zh), reason.en.format(label=label.en))
    )


def _classified_text(
    criterion: ClassifiedUnder, status: Status, applies: bool | None, code: str | None
) -> Rendered:
    name = criterion.domain_name
    listed = "、".join(c for c, _ in criterion.classes)
    listed_en = ", ".join(c for c, _ in criterion.classes)
    required = Message(f"{name.zh}（{listed}）", f"{name.en} ({listed_en})")
    if applies is None or code is None:
        missing = "产品类别" if applies is None else "产品的战略性新兴产业分类代码"
        missing_en = (
            "the product category (category)"
            if applies is None
            else "the product's SEI 2018 code (sei_code)"
        )
        zh = f"缺少事实：{missing}（新材料产品须列入{required.zh}）。"
        en = f"Fact missing: {missing_en} (a new material must be classed under {required.en})."
    elif status is Status.UNKNOWN:
        zh = f"代码{code}仅为门类（{name.zh}），缺少具体行业类别（{listed}）。"
        en = (
            f"The code {code} names only the domain ({name.en}); the class ({listed_en}) is "
            "missing."
        )
    elif status is Status.MET:
        second = ".".join(code.split(".")[:2])
        title = criterion.title(second)
        zh = f"代码{code}属于{name.zh}·{title}（{second}），符合。"
        en = f"The code {code} lies under class {second} ({title}) of the {name.en}: met."
    else:
        zh = f"代码{code}不属于{name.zh}（{listed}），不符合。"
        en = f"The code {code} is not under the {name.en} ({listed_en}): not met."
    return Message(zh, en), code, required, None


# --------------------------------------------------------------------------------------------
# HeldWhereNeeded
# --------------------------------------------------------------------------------------------


@attrs.frozen
class Need:
    """One permit of :class:`HeldWhereNeeded`: whether it is needed, whether it is held, its
    name (inline, as messages use it) and the key it is shown under."""

    needs: Ref
    has: Ref
    name: Message
    key: str

    def status(self, needs: bool | None, has: bool | None) -> Status:
        """Held → met even when the need is not stated; not needed → not applicable."""
        if needs is None:
            return Status.MET if has else Status.UNKNOWN
        if not needs:
            return Status.NOT_APPLICABLE
        if has is None:
            return Status.UNKNOWN
        return Status.MET if has else Status.NOT_MET


@attrs.frozen
class HeldWhereNeeded(Criterion):
    """Each permit needed is held (第五条（四）: "属于…的产品，需具有…").

    A permit held meets its part whether or not its need is stated; a need not stated and no
    permit → ``unknown``; not needed → ``not_applicable``; needed and not held → ``not_met``.
    The finding: ``not_met`` if any part is, else ``unknown`` if any is, ``not_applicable`` if
    all are, else ``met``.
    """

    needs: tuple[Need, ...]

    kind: ClassVar[str] = "held_where_needed"

    def references(self) -> tuple[Ref, ...]:
        return _refs(tuple(ref for need in self.needs for ref in (need.needs, need.has)))

    @staticmethod
    def combine(statuses: list[Status]) -> Status:
        if Status.NOT_MET in statuses:
            return Status.NOT_MET
        if Status.UNKNOWN in statuses:
            return Status.UNKNOWN
        if all(s is Status.NOT_APPLICABLE for s in statuses):
            return Status.NOT_APPLICABLE
        return Status.MET

    def decide(self, row: Row) -> Finding:
        values = tuple((row(need.needs), row(need.has)) for need in self.needs)
        parts = [need.status(*pair) for need, pair in zip(self.needs, values, strict=True)]
        status = self.combine(parts)
        return row.ctx.finding(
            self.id, status, render=partial(_held_text, self.needs, values, parts, status)
        )


def _part_text(name: Message, needs: bool | None, part: Status) -> tuple[str, str]:
    if needs is None:
        if part is Status.MET:
            return f"具有{name.zh}", f"{name.en} held"
        return (
            f"缺少事实：是否需要{name.zh}（未提供）",
            f"fact missing: whether a {name.en} is needed (not provided)",
        )
    if not needs:
        return f"无须{name.zh}", f"no {name.en} needed"
    if part is Status.UNKNOWN:
        return (
            f"缺少事实：是否具有{name.zh}（未提供）",
            f"fact missing: whether it holds the {name.en} (not provided)",
        )
    if part is Status.MET:
        return f"需要并具有{name.zh}", f"{name.en} needed and held"
    return f"需要但不具有{name.zh}", f"{name.en} needed but not held"


def _held_text(
    needs: tuple[Need, ...],
    values: tuple[tuple[bool | None, bool | None], ...],
    parts: list[Status],
    status: Status,
) -> Rendered:
    texts = [
        _part_text(need.name, pair[0], part)
        for need, pair, part in zip(needs, values, parts, strict=True)
    ]
    measured = {need.key: pair[1] for need, pair in zip(needs, values, strict=True)}
    required = {need.key: True for need, pair in zip(needs, values, strict=True) if pair[0]}
    verdict = _VERDICT[status]
    en = "; ".join(t[1] for t in texts)
    return (
        Message(
            "；".join(t[0] for t in texts) + f"：{verdict[0]}。",
            en[:1].upper() + en[1:] + f": {verdict[1]}.",
        ),
        measured,
        required or None,
        None,
    )


# --------------------------------------------------------------------------------------------
# Checklist
# --------------------------------------------------------------------------------------------


@attrs.frozen
class Checklist(Criterion):
    """Every document required for this application is submitted (第八条).

    ``submitted`` reads the ids submitted, ``category`` the application's class, and an item
    required by a fact reads ``<facts>.<item.fact>``. An item required but not submitted, or
    whose need a missing fact leaves open, makes the finding ``unknown`` (the list is
    incomplete, not the application ineligible); otherwise ``met``. Items required on a
    condition the facts do not state are listed as not checked. The results
    ``missing_documents``, ``undetermined_documents`` and ``unchecked_documents`` name them.
    """

    submitted: Ref
    category: Ref
    facts: str
    items: tuple[DocumentItem, ...]
    _needs: Mapping[str, Fact] = attrs.field(
        init=False,
        eq=False,
        repr=False,
        default=attrs.Factory(
            lambda self: {
                item.id: Fact(f"{self.facts}.{item.fact}")
                for item in self.items
                if item.required == "fact"
            },
            takes_self=True,
        ),
    )

    kind: ClassVar[str] = "checklist"
    many: ClassVar[bool] = True  # no finding at all when the facts do not list the documents

    def decide_each(self, row: Row) -> tuple[Finding, ...]:
        """The checklist's finding, or none when the facts do not list the documents."""
        return () if row(self.submitted) is None else (self.decide(row),)

    def references(self) -> tuple[Ref, ...]:
        return (self.submitted, self.category, *self._needs.values())

    def required(self, item: DocumentItem, category: str | None, row: Row) -> bool | None:
        """Whether ``item`` must be submitted: True, False, or None when a fact is absent."""
        if item.required == "always":
            return True
        if item.required == "category":
            return None if category is None else category in item.categories
        if item.required == "fact":
            value: bool | None = row(self._needs[item.id])
            return value
        return False  # "optional" and "not_checked" are never counted as missing

    def decide(self, row: Row) -> Finding:
        submitted = set(row(self.submitted) or ())
        category = row(self.category)
        groups: Mapping[str, list[DocumentItem]] = {"missing": [], "open": [], "unchecked": []}
        required: list[str] = []
        for item in self.items:
            needed = self.required(item, category, row)
            if needed:
                required.append(item.id)
            if item.id in submitted:
                continue
            if needed:
                groups["missing"].append(item)
            elif needed is None:
                groups["open"].append(item)
            elif item.required == "not_checked":
                groups["unchecked"].append(item)
        row.results["missing_documents"] = [i.id for i in groups["missing"]]
        row.results["undetermined_documents"] = [i.id for i in groups["open"]]
        row.results["unchecked_documents"] = [i.id for i in groups["unchecked"]]
        status = Status.UNKNOWN if groups["missing"] or groups["open"] else Status.MET
        measured = [i.id for i in self.items if i.id in submitted]
        return row.ctx.finding(
            self.id,
            status,
            render=partial(_checklist_text, status, groups, measured, required),
        )


def _listing(group: list[DocumentItem], lang: str) -> str:
    sep = "、" if lang == "zh" else "; "
    return sep.join(f"{i.item}{i.title.get(lang)}" for i in group)


def _checklist_text(
    status: Status,
    groups: Mapping[str, list[DocumentItem]],
    measured: list[str],
    required: list[str],
) -> Rendered:
    zh: list[str] = []
    en: list[str] = []
    if groups["missing"]:
        zh.append(f"缺少申报材料：{_listing(groups['missing'], 'zh')}")
        en.append(f"Missing: {_listing(groups['missing'], 'en')}")
    if groups["open"]:
        zh.append(f"因缺少事实无法确定是否需要：{_listing(groups['open'], 'zh')}")
        en.append(
            f"Cannot tell (a fact is missing) whether needed: {_listing(groups['open'], 'en')}"
        )
    unchecked = groups["unchecked"]
    if unchecked:
        zh.append(
            "未核对："
            + "；".join(
                f"{i.item}{i.title.zh}（{i.condition.zh if i.condition else ''}）"
                for i in unchecked
            )
        )
        en.append(
            "Not checked: "
            + "; ".join(
                f"{i.item}{i.title.en} ({i.condition.en if i.condition else ''})" for i in unchecked
            )
        )
    if status is Status.MET:
        zh.insert(0, "第八条规定的申报材料已齐备")
        en.insert(0, "The application materials of Article 8 are complete")
    return Message("；".join(zh) + "。", ". ".join(en) + "."), measured, required, None
