"""首台（套）/首批（次）: recognition of first-of-kind equipment, key components and new materials.

Encodes 《内蒙古自治区技术装备首台（套）、关键零部件及新材料首批（次）认定管理暂行办法》 as
quoted in the Baotou bureau's disclosure catalog (第一条–第十五条). Every threshold, period, list
and quoted text lives in ``nmgpolicy/data/first_set.toml``; this module only wires facts to
criteria.

What it decides, article by article (finding ids ``first_set.<name>``):

* 第二条 — an invention or utility-model patent (``patent``, hard); the product's other
  qualities (符合产业发展规划和政策导向, 技术领先优势, 填补区内空白, 促进行业转型升级,
  尚未取得较大市场业绩) are attestations: true met, false not_met, absent review, so that
  ``eligible`` never claims more than the facts show.
* 第五条（一） — registered in Inner Mongolia, no safety-liability or pollution accident in three
  years, product made in the region (hard: false ``not_met``, absent ``unknown``); standardised
  management, tax compliance, normal operation, good credit, design and integration capability
  (qualitative: absent ``review``, a reviewer must attest them).
* 第五条（二） — first developed in the region (hard); maturity, process and equipment system,
  product standard, market prospects, advanced level (qualitative); for a new material, a code of
  《战略性新兴产业分类（2018）》 under 3 新材料产业 (3.1–3.7) (``new_material_catalog``).
* 第五条（三） — core technology and registered trademark (hard).
* 第五条（四） — "产品性能可靠" (attestation, ``performance_reliable``); production licence /
  compulsory certification where required (``license``).
* 第五条（五） — unit value at or above 80万元/套, 10万元/台, 2万元/吨 (components) or 1万元/吨 (new
  materials); "以上" includes the number (民法典 第一千二百五十九条).
* 第五条（六） — completion "一般不超过2年" before the application: beyond it is ``review``. The
  2 years end on the corresponding day (民法典 第二百零二条: 29 February + 2 years → 28 February);
  an age is an interval between two facts, not a time limit for acting, so the rest-day roll of
  第二百零三条 is not applied (parameter ``completion_age_end`` switches it on for what-if).
* 第六条 — own-use-only products and OEM/kit assemblies are excluded (hard).
* 第八条 — the document checklist, only when ``documents`` is given (``documents``).
* 第十二条 — an applicant stripped of the right to apply again for false materials (hard).
* 第十四条 — in force from publication for 2 years. The publication date is not in the source, so
  it is the caller-supplied parameter ``published_on``; the window is checked at the application
  date (``applied_on``) when the facts give it, else at the evaluation date (parameter
  ``in_force_reference``): an application filed while the measures were in force is judged
  under them.

Helpers: :func:`public_notice` (第十条, 5 working days), :func:`results_disclosure_due` (the
catalog item ``first-set-results``), :func:`validity_window` (第十四条), :func:`checklist` (第八条).
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
import unicodedata
from collections.abc import Mapping
from typing import Any, Literal, NamedTuple, get_args

import attrs

from nmgpolicy._exact import exact
from nmgpolicy.convert import Measure, structure
from nmgpolicy.criteria import attestation, flag, not_applicable, threshold
from nmgpolicy.engine import BaseRuleSet, Context, register
from nmgpolicy.errors import InputError, NotInForce, Problem, shown
from nmgpolicy.outcome import Amount, Finding, Message, Status
from nmgpolicy.params import ParameterSet, Resolved, load_parameters, parse_date
from nmgpolicy.periods import (
    Period,
    PeriodUnit,
    deadline,
    notice_window,
    period_end,
)
from nmgpolicy.rules.disclosure import DueDate
from nmgpolicy.rules.disclosure import deadline as disclosure_deadline
from nmgpolicy.units import Kind, parse_measure

__all__ = [
    "CATEGORIES",
    "RULESET",
    "Applicant",
    "Category",
    "DocumentItem",
    "FirstSetFacts",
    "FirstSetRuleSet",
    "NoticeWindow",
    "Product",
    "ResultsDisclosureDue",
    "ValidityWindow",
    "checklist",
    "public_notice",
    "results_disclosure_due",
    "validity_window",
]

RULESET_ID = "first_set"

Category = Literal["complete_set", "single_equipment", "key_component", "new_material"]
"""The product category (第二条, 第五条（五）): 成套设备, 单台设备, 关键零部件, 新材料."""
CATEGORIES: tuple[str, ...] = get_args(Category)

_NEW_MATERIAL = "new_material"


# --------------------------------------------------------------------------------------------
# Facts
# --------------------------------------------------------------------------------------------


@attrs.frozen
class Applicant:
    """Facts about the applying enterprise (第五条（一）, 第十二条); ``None`` = not provided."""

    registered_in_region: bool | None = None
    produced_in_region: bool | None = None
    accidents_last_3_years: bool | None = None
    management_standardized: bool | None = None
    tax_compliant: bool | None = None
    operating_normally: bool | None = None
    credit_good: bool | None = None
    design_and_integration_capability: bool | None = None
    disqualified_for_false_materials: bool | None = None


@attrs.frozen
class Product:
    """Facts about the product (第二条, 第五条（二）–（四）, 第六条); ``None`` = not provided.

    The qualities of 第二条 and 第五条（四） that a reviewer attests (true when the applicant or the
    reviewer attests them): ``fits_industrial_policy`` (符合国家和自治区产业发展规划和政策导向),
    ``technology_leading`` (形成技术领先优势), ``fills_regional_gap`` (能够填补区内同类产品的空白),
    ``promotes_industry_upgrading`` (对行业转型升级具有促进作用), ``no_large_market_record``
    (尚未取得较大市场业绩: true when the product has *not yet* achieved a large market record) and
    ``performance_reliable`` (产品性能可靠). ``sei_code`` is its 《战略性新兴产业分类（2018）》 code
    (``"3.2"``, ``"3.2.1"``), needed for new materials only.
    """

    fits_industrial_policy: bool | None = None
    technology_leading: bool | None = None
    fills_regional_gap: bool | None = None
    promotes_industry_upgrading: bool | None = None
    no_large_market_record: bool | None = None
    performance_reliable: bool | None = None
    first_in_region: bool | None = None
    has_invention_or_utility_patent: bool | None = None
    owns_core_ip: bool | None = None
    owns_trademark: bool | None = None
    technology_mature: bool | None = None
    process_and_equipment_system: bool | None = None
    has_product_standard: bool | None = None
    market_prospects_good: bool | None = None
    advanced_among_peers: bool | None = None
    needs_production_license: bool | None = None
    has_production_license: bool | None = None
    needs_ccc: bool | None = None
    has_ccc: bool | None = None
    for_own_use_only: bool | None = None
    oem_or_kit_assembly: bool | None = None
    sei_code: str | None = None


@attrs.frozen
class FirstSetFacts:
    """Facts for ``evaluate("first_set", …)``. Every fact is optional: absent is never true.

    ``unit_value`` is a string with a unit that must fit ``category`` (``"85万元/套"`` for a
    complete set, ``"12万元/台"`` for a single machine, ``"2.5万元/吨"`` for components and new
    materials). ``applied_on`` is the application date: the completion age of 第五条（六） runs
    to it, and 第十四条's window is checked at it. ``documents`` lists the 第八条 items submitted
    (ids of :func:`checklist`); when it is absent the checklist is not checked.
    """

    category: Category | None = None
    unit_value: Measure | None = None
    completed_on: dt.date | None = None
    applied_on: dt.date | None = None
    applicant: Applicant | None = None
    product: Product | None = None
    documents: tuple[str, ...] | None = None


# --------------------------------------------------------------------------------------------
# Data-file helpers
# --------------------------------------------------------------------------------------------


def _data() -> ParameterSet:
    return load_parameters(RULESET_ID)


def _message(spec: Mapping[str, Any]) -> Message:
    return Message(zh=str(spec["zh"]), en=str(spec["en"]))


@attrs.frozen
class _CategoryInfo:
    """One product category: its label, the threshold parameter, its kind and display unit."""

    id: str
    label: Message
    subject: Message
    threshold: str
    kind: Kind
    unit: str


def _categories(data: ParameterSet) -> dict[str, _CategoryInfo]:
    found: dict[str, _CategoryInfo] = {}
    for cid, spec in data.extra["categories"].items():
        parameter = data.parameters[spec["threshold"]]
        kind = Kind[parameter.type.partition(":")[2].upper()]
        found[cid] = _CategoryInfo(
            id=cid,
            label=data.label(cid),
            subject=_message(spec["subject"]),
            threshold=parameter.name,
            kind=kind,
            unit=str(spec["unit"]),
        )
    return found


@attrs.frozen
class DocumentItem:
    """One entry of the 第八条 checklist.

    ``required`` says when it must be submitted: ``"always"``; ``"category"`` (only for
    ``categories``); ``"fact"`` (only when the product fact ``fact`` is true); ``"not_checked"``
    (on a condition the facts do not state, described by ``condition``: never counted as
    missing, reported as not checked); ``"optional"`` (never required).
    """

    id: str
    item: str
    title: Message
    text: str
    required: str
    categories: tuple[str, ...] = ()
    fact: str | None = None
    condition: Message | None = None

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "item": self.item,
            "title": self.title.to_dict(),
            "text": self.text,
            "required": self.required,
            "categories": list(self.categories),
            "fact": self.fact,
            "condition": self.condition.to_dict() if self.condition else None,
        }


@exact
def checklist() -> tuple[DocumentItem, ...]:
    """The 第八条 checklist (申报材料), in the article's order, with each item's condition.

    （二） 附件2 is for equipment and key components, （三） 附件3 for new materials; the
    production licence and the CCC certificate of （八） only when the product needs them; the
    contracts of （七） only when several units share the technology; （十一） is open-ended.
    """
    items = []
    for spec in _data().extra["documents"]:
        condition = spec.get("condition")
        items.append(
            DocumentItem(
                id=spec["id"],
                item=spec["item"],
                title=_message(spec["title"]),
                text=spec["text"],
                required=spec["required"],
                categories=tuple(spec.get("categories", ())),
                fact=spec.get("fact"),
                condition=_message(condition) if condition else None,
            )
        )
    return tuple(items)


def _period_end(start: dt.date, period: Period, *, roll: bool = False) -> dt.date | None:
    """The last day of ``period`` from ``start``; ``None`` if it falls after ``date.max``.

    民法典 第二百零一条, 第二百零二条 (2024-02-29 + 2年 → 2026-02-28), with 第二百零三条's
    rest-day roll only when ``roll`` (see :func:`nmgpolicy.periods.period_end`).
    """
    try:
        return deadline(start, period) if roll else period_end(start, period)
    except InputError:
        return None


# --------------------------------------------------------------------------------------------
# Helpers: public notice, results disclosure, validity
# --------------------------------------------------------------------------------------------


class NoticeWindow(NamedTuple):
    """The first and last day of the public notice of the annual list (第十条)."""

    first: dt.date
    last: dt.date


@exact
def public_notice(
    start: dt.date | str, *, parameters: Mapping[str, object] | None = None
) -> NoticeWindow:
    """First and last day of the 5-working-day public notice of the annual list (第十条).

    The notice begins on ``start`` if it is an official working day (else on the next one) and
    counts it as day 1, as notices are published ("X月X日至X月X日（5个工作日）"). The period comes
    from the data file (``public_notice_period``); ``parameters`` may override it with another
    number of working days. Raises :class:`~nmgpolicy.errors.CalendarNotCovered` for a year with
    no official schedule.
    """
    day = parse_date(start, "$.start")
    period: Period = _data().resolve(day, parameters)["public_notice_period"]
    if period.unit is not PeriodUnit.WORKING_DAY or period.amount < 1:
        raise InputError.single(
            "$.parameters.public_notice_period",
            f'a public notice lasts a number of working days, got {period}; e.g. "5个工作日"',
        )
    first, last = notice_window(day, period.amount)
    return NoticeWindow(first, last)


ResultsDisclosureDue = DueDate
"""The type :func:`results_disclosure_due` returns (a :class:`~nmgpolicy.disclosure.DueDate`)."""


@exact
def results_disclosure_due(
    formed_on: dt.date | str, *, parameters: Mapping[str, object] | None = None
) -> ResultsDisclosureDue:
    """When the recognition results (认定结果) formed on ``formed_on`` must be published.

    Delegates to :func:`nmgpolicy.disclosure.deadline` for the catalog item
    ``first-set-results`` (信息形成之日起20个工作日内; 政府信息公开条例 第二十六条).
    ``parameters`` are the disclosure rule set's overrides.
    """
    item = str(_data().extra["disclosure"]["item"])
    return disclosure_deadline(item, formed_on, parameters=parameters)


class ValidityWindow(NamedTuple):
    """The days on which the measures are in force (第十四条); ``end`` ``None`` = open."""

    start: dt.date
    end: dt.date | None


def _validity(published_on: dt.date, period: Period, end_rule: str) -> ValidityWindow:
    if end_rule == "day_before":
        return ValidityWindow(published_on, _day_before_end(published_on, period))
    return ValidityWindow(published_on, _period_end(published_on, period))


def _day_before_end(start: dt.date, period: Period) -> dt.date | None:
    """The last day of ``period`` when ``start`` itself is the first day (``"day_before"``).

    A validity of n years (or months) that starts on ``start`` ends on the day before the
    anniversary. Where the anniversary has no corresponding day (``start`` is 29 February, or a
    31st, and the last month is shorter), the day before it is that month's last day — the
    day 民法典 第二百零二条 gives, never a day earlier: 2024-02-29 + 2年 → 2026-02-28. A period
    of n days ends on ``start`` + n - 1; of n working days, on the n-th working day counting
    ``start`` when it is one. A period of 0 ends on ``start``. ``None`` if the end falls after
    ``date.max``.
    """
    n = period.amount
    if n == 0:
        return start
    if period.unit is PeriodUnit.WORKING_DAY:
        return notice_window(start, n)[1]
    if period.unit is PeriodUnit.DAY:
        ordinal = start.toordinal() + n - 1
        return dt.date.fromordinal(ordinal) if ordinal <= _MAX_ORDINAL else None
    months = n * (12 if period.unit is PeriodUnit.YEAR else 1)
    year, month0 = divmod(start.year * 12 + start.month - 1 + months, 12)
    month = month0 + 1
    if year > dt.date.max.year:  # the anniversary lies after date.max
        return dt.date.max if (year, month, start.day) == (dt.date.max.year + 1, 1, 1) else None
    last = calendar.monthrange(year, month)[1]
    if start.day > last:  # no corresponding day: the month's last day (第二百零二条)
        return dt.date(year, month, last)
    return dt.date(year, month, start.day) - dt.timedelta(days=1)


_MAX_ORDINAL = dt.date.max.toordinal()


@exact
def validity_window(
    published_on: dt.date | str, *, parameters: Mapping[str, object] | None = None
) -> ValidityWindow:
    """The measures' in-force window: from publication for 2 years (第十四条).

    "自发布之日起施行，有效期2年": in force from ``published_on``; the 2 years end on the
    corresponding day (民法典 第二百零一条, 第二百零二条; 2024-02-29 → 2026-02-28), with no
    rest-day roll — a regulation does not stay in force longer because its last day is a Sunday.
    The parameter ``validity_end="day_before"`` counts the publication day as the first day
    instead: the window ends the day before the anniversary (2024-03-01 → 2026-02-28), or on the
    month's last day where the anniversary has no corresponding day (2024-02-29 → 2026-02-28).
    """
    day = parse_date(published_on, "$.published_on")
    values = _data().resolve(day, parameters)
    return _validity(day, values["validity_period"], values["validity_end"])


# --------------------------------------------------------------------------------------------
# Input checks the converter cannot make (cross-field, code formats, checklist ids)
# --------------------------------------------------------------------------------------------

_SEI_PART = r"[1-9][0-9]{0,2}"


def _sei_pattern(max_levels: int) -> re.Pattern[str]:
    return re.compile(rf"{_SEI_PART}(?:\.{_SEI_PART}){{0,{max_levels - 1}}}")


def _normal_code(code: str) -> str:
    return unicodedata.normalize("NFKC", code).strip()


def _input_problems(facts: object, data: ParameterSet) -> list[Problem]:
    """Problems in the raw facts that structuring alone does not find, with their paths."""
    if not isinstance(facts, Mapping):
        return []
    problems: list[Problem] = []
    categories = _categories(data)
    category = facts.get("category")
    if category is not None and (not isinstance(category, str) or category not in categories):
        choices = ", ".join(f'"{c}" ({info.label.zh})' for c, info in categories.items())
        problems.append(Problem("$.category", f"expected one of {choices}; got {shown(category)}"))
        category = None
    problems.extend(_unit_problems(facts.get("unit_value"), category, categories))
    problems.extend(_date_problems(facts))
    product = facts.get("product")
    if isinstance(product, Mapping) and isinstance(product.get("sei_code"), str):
        catalog = data.extra["new_material_catalog"]
        if not _sei_pattern(int(catalog["max_levels"])).fullmatch(
            _normal_code(product["sei_code"])
        ):
            problems.append(
                Problem(
                    "$.product.sei_code",
                    f"not a 战略性新兴产业分类（2018） code: {shown(product['sei_code'])}; "
                    f"codes are numbers separated by dots, up to {catalog['max_levels']} "
                    'levels; e.g. "3.2" or "3.2.1"',
                )
            )
    problems.extend(_document_problems(facts.get("documents"), data))
    return problems


def _unit_problems(
    value: object, category: object, categories: Mapping[str, _CategoryInfo]
) -> list[Problem]:
    if value is None:
        return []
    try:
        _, kind = parse_measure(value, tuple(Kind), path="$.unit_value")
    except InputError:
        return []  # the converter reports it
    if isinstance(category, str):
        info = categories[category]
        if kind is info.kind:
            return []
        example = f'"{info.kind.example}"'
        return [
            Problem(
                "$.unit_value",
                f"a {category} ({info.label.zh}) is valued in {info.unit} "
                f"({info.kind.description}), got {shown(value)} ({kind.description}); "
                f"e.g. {example}",
            )
        ]
    kinds = {info.kind for info in categories.values()}
    if kind in kinds:
        return []
    examples = " or ".join(dict.fromkeys(f'"{info.kind.example}"' for info in categories.values()))
    return [
        Problem(
            "$.unit_value",
            f"a unit value is money per set, per machine or per tonne, got {shown(value)} "
            f"({kind.description}); e.g. {examples}",
        )
    ]


def _date_problems(facts: Mapping[Any, Any]) -> list[Problem]:
    dates: dict[str, dt.date] = {}
    for key in ("completed_on", "applied_on"):
        try:
            if facts.get(key) is not None:
                dates[key] = parse_date(facts[key], f"$.{key}")
        except InputError:
            pass  # the converter reports it
    completed, applied = dates.get("completed_on"), dates.get("applied_on")
    if completed is not None and applied is not None and applied < completed:
        return [
            Problem(
                "$.applied_on",
                f"the application ({applied.isoformat()}) cannot precede the completion of the "
                f'product ({completed.isoformat()}); e.g. "{completed.isoformat()}" or later',
            )
        ]
    return []


def _document_problems(documents: object, data: ParameterSet) -> list[Problem]:
    if documents is None:
        return []
    valid = [str(spec["id"]) for spec in data.extra["documents"]]
    listing = ", ".join(valid)
    if not isinstance(documents, list | tuple):
        return [
            Problem(
                "$.documents",
                f"expected a list of document ids, got {shown(documents)}; "
                f'e.g. ["application_report", "value_proof"]; valid ids: {listing}',
            )
        ]
    return [
        Problem(f"$.documents[{i}]", f"unknown document id {shown(doc)}; valid ids: {listing}")
        for i, doc in enumerate(documents)
        if isinstance(doc, str) and doc not in valid
    ]


# --------------------------------------------------------------------------------------------
# The rule set
# --------------------------------------------------------------------------------------------

# Hard conditions (flag: false → not_met, absent → unknown): criterion, owner, fact, and the
# value of the fact that meets the condition.
_HARD: tuple[tuple[str, str, str, bool], ...] = (
    ("first_set.registered_in_region", "applicant", "registered_in_region", True),
    ("first_set.no_accidents", "applicant", "accidents_last_3_years", False),
    ("first_set.produced_in_region", "applicant", "produced_in_region", True),
    ("first_set.first_in_region", "product", "first_in_region", True),
    ("first_set.patent", "product", "has_invention_or_utility_patent", True),
    ("first_set.core_ip", "product", "owns_core_ip", True),
    ("first_set.trademark", "product", "owns_trademark", True),
    ("first_set.not_own_use", "product", "for_own_use_only", False),
    ("first_set.not_kit_assembly", "product", "oem_or_kit_assembly", False),
    ("first_set.not_disqualified", "applicant", "disqualified_for_false_materials", False),
)

# Qualitative conditions (attestation: true met, false not_met, absent review).
_QUALITATIVE: tuple[tuple[str, str], ...] = (
    ("product", "fits_industrial_policy"),
    ("product", "technology_leading"),
    ("product", "fills_regional_gap"),
    ("product", "promotes_industry_upgrading"),
    ("product", "no_large_market_record"),
    ("applicant", "management_standardized"),
    ("applicant", "tax_compliant"),
    ("applicant", "operating_normally"),
    ("applicant", "credit_good"),
    ("applicant", "design_and_integration_capability"),
    ("product", "technology_mature"),
    ("product", "process_and_equipment_system"),
    ("product", "has_product_standard"),
    ("product", "market_prospects_good"),
    ("product", "advanced_among_peers"),
    ("product", "performance_reliable"),
)


class FirstSetRuleSet(BaseRuleSet[FirstSetFacts]):
    """首台（套）/首批（次） recognition: 第二条, 第五–六条, 第八条, 第十二条 (see the module)."""

    id = RULESET_ID
    facts_type = FirstSetFacts

    # ---- evaluation steps ----------------------------------------------------------------

    @exact
    def in_force_date(self, facts: FirstSetFacts, on: dt.date, params: Resolved) -> dt.date:
        """第十四条 is checked at the application date, else at ``on`` (``in_force_reference``).

        An application filed while the measures were in force is judged under them, even when
        it is evaluated after their 2 years; one filed before their publication is not.
        ``in_force_reference="on"`` checks the evaluation date whatever the facts say.
        """
        if params["in_force_reference"] == "applied_on" and facts.applied_on is not None:
            return facts.applied_on
        return on

    @exact
    def check_in_force(self, on: dt.date, notes: list[Message], params: Resolved) -> None:
        """第十四条: in force from publication for 2 years; the publication date is a parameter.

        ``on`` is the date the window is checked at (:meth:`in_force_date`: the application
        date, else the evaluation date). With ``published_on`` unset (the source does not give
        it) a note says that the validity window is unknown. With it set, a date before
        publication or after the 2 years raises :class:`~nmgpolicy.errors.NotInForce`; after
        them, the successor (the next revision) is not known to this library and the error
        says so.
        """
        published: dt.date | None = params["published_on"]
        period: Period = params["validity_period"]
        if published is None:
            notes.append(
                Message(
                    f"本办法的发布日期未载于来源文件，第十四条规定的有效期（自发布之日起{period}）"
                    "起止日期未知，未予核对；提供本办法的发布日期即可核对。",
                    f"The publication date of the measures is not in the source, so their "
                    f"validity window (Article 14: {period.describe('en')} from publication) is "
                    "unknown and was not checked; pass the parameter published_on to check it.",
                )
            )
            return
        window = _validity(published, period, params["validity_end"])
        if on < window.start:
            raise NotInForce(self.id, on, start=window.start, end=window.end)
        if window.end is not None and on > window.end:
            raise NotInForce(
                self.id,
                on,
                start=window.start,
                end=window.end,
                successor=(
                    f"an unknown successor: Article 14 (第十四条) limits these measures to "
                    f"{period.describe('en')} and the revision that replaces them (its number "
                    "and date) is not in the source (后续办法未知)"
                ),
            )

    @exact
    def parse_facts(self, facts: object) -> FirstSetFacts:
        """Structure the facts, then check what structuring cannot: the unit against the
        category, the order of the dates, the SEI code's format and the checklist ids. Every
        problem is reported at once; a check of ours replaces the converter's at the same path.
        """
        problems: list[Problem] = []
        model: FirstSetFacts | None = None
        try:
            model = structure(facts, FirstSetFacts)
        except InputError as error:
            problems.extend(error.problems)
        ours = _input_problems(facts, self.data)
        if ours:
            paths = {p.path for p in ours}
            problems = [p for p in problems if p.path not in paths] + ours
        if problems or model is None:
            raise InputError(problems)
        return model

    # ---- the decision --------------------------------------------------------------------

    @exact
    def decide(self, facts: FirstSetFacts, ctx: Context) -> tuple[list[Finding], dict[str, Any]]:
        applicant = facts.applicant or Applicant()
        product = facts.product or Product()
        owners: dict[str, Applicant | Product] = {"applicant": applicant, "product": product}
        categories = _categories(ctx.data)
        category = categories[facts.category] if facts.category is not None else None
        titles = {cid: info.title for cid, info in ctx.data.criteria.items()}
        results: dict[str, Any] = {"category": facts.category}

        found: dict[str, Finding] = {}
        for cid, owner, fact, expected in _HARD:
            value: bool | None = getattr(owners[owner], fact)
            # measured/required state whether the condition *as the title words it* holds
            # ("未发生…事故": 是), not the raw fact ("accidents_last_3_years": false), so that the
            # displayed values never read as the opposite of the condition.
            holds = None if value is None else value == expected
            found[cid] = flag(ctx, cid, holds, titles[cid])
        for owner, fact in _QUALITATIVE:
            cid = f"{RULESET_ID}.{fact}"
            found[cid] = attestation(ctx, cid, getattr(owners[owner], fact), titles[cid])
        found["first_set.new_material_catalog"] = _catalog_finding(ctx, category, product)
        found["first_set.license"] = _license_finding(ctx, product)
        found["first_set.unit_value"] = _unit_value_finding(ctx, category, facts, results)
        found["first_set.completion_age"] = _age_finding(ctx, facts, results)
        if facts.documents is not None:
            found["first_set.documents"] = _documents_finding(
                ctx, facts.category, product, facts.documents, results
            )

        published: dt.date | None = ctx.params["published_on"]
        results["validity"] = (
            _validity(
                published, ctx.params["validity_period"], ctx.params["validity_end"]
            )._asdict()
            if published
            else None
        )
        checked = self.in_force_date(facts, ctx.on, ctx.params)
        results["validity_checked_on"] = checked if published else None
        if published and checked != ctx.on:
            ctx.note(
                f"本办法的有效期按申请日期{checked}核对（在有效期内提出的申请适用本办法），"
                f"而非评估日{ctx.on}。",
                f"The validity of the measures was checked at the application date {checked} "
                f"(an application filed while they were in force is judged under them), not at "
                f"the evaluation date {ctx.on}.",
            )
        elif published and facts.applied_on is None and ctx.params["in_force_reference"] != "on":
            ctx.note(
                f"未提供申请日期，本办法的有效期按评估日{ctx.on}核对。",
                f"No application date was given: the validity of the measures was checked at "
                f"the evaluation date {ctx.on}.",
            )
        # In the order of the data file (the order of the articles).
        findings = [found[cid] for cid in ctx.data.criteria if cid in found]
        return findings, results


def _catalog_finding(ctx: Context, category: _CategoryInfo | None, product: Product) -> Finding:
    """第五条（二）: a new material must be listed under 新材料产业 (code 3.x) of SEI 2018."""
    cid = "first_set.new_material_catalog"
    catalog = ctx.data.extra["new_material_catalog"]
    domain = str(catalog["domain"])
    classes: Mapping[str, str] = catalog["classes"]
    listed = "、".join(classes)
    listed_en = ", ".join(classes)
    required = Message(
        f"{catalog['domain_name']}（{listed}）", f"{catalog['domain_name_en']} ({listed_en})"
    )
    if category is not None and category.id != _NEW_MATERIAL:
        return not_applicable(
            ctx,
            cid,
            Message(
                f"{category.label.zh}不是新材料，无须列入新材料产业目录",
                f"a {category.label.en} is not a new material",
            ),
        )
    code = _normal_code(product.sei_code) if product.sei_code is not None else None
    if category is None or code is None:
        missing = "产品类别" if category is None else "产品的战略性新兴产业分类代码"
        missing_en = (
            "the product category (category)"
            if category is None
            else "the product's SEI 2018 code (sei_code)"
        )
        return ctx.finding(
            cid,
            Status.UNKNOWN,
            f"缺少事实：{missing}（新材料产品须列入{required.zh}）。",
            f"Fact missing: {missing_en} (a new material must be classed under {required.en}).",
            measured=code,
            required=required,
        )
    parts = code.split(".")
    if parts[0] == domain and len(parts) == 1:
        return ctx.finding(
            cid,
            Status.UNKNOWN,
            f"代码{code}仅为门类（{catalog['domain_name']}），缺少具体行业类别（{listed}）。",
            f"The code {code} names only the domain ({catalog['domain_name_en']}); the class "
            f"({listed_en}) is missing.",
            measured=code,
            required=required,
        )
    second = ".".join(parts[:2])
    if parts[0] == domain and second in classes:
        return ctx.finding(
            cid,
            Status.MET,
            f"代码{code}属于{catalog['domain_name']}·{classes[second]}（{second}），符合。",
            f"The code {code} lies under class {second} ({classes[second]}) of the "
            f"{catalog['domain_name_en']}: met.",
            measured=code,
            required=required,
        )
    return ctx.finding(
        cid,
        Status.NOT_MET,
        f"代码{code}不属于{catalog['domain_name']}（{listed}），不符合。",
        f"The code {code} is not under the {catalog['domain_name_en']} ({listed_en}): not met.",
        measured=code,
        required=required,
    )


def _license_finding(ctx: Context, product: Product) -> Finding:
    """第五条（四）: a production licence and CCC where the product needs them."""
    cid = "first_set.license"
    docs = {item.id: item.title for item in checklist()}
    parts = (
        (
            product.needs_production_license,
            product.has_production_license,
            "production_license",
            "has_production_license",
        ),
        (product.needs_ccc, product.has_ccc, "ccc_certificate", "has_ccc"),
    )
    statuses: list[Status] = []
    zh: list[str] = []
    en: list[str] = []
    measured: dict[str, bool | None] = {}
    required: dict[str, bool] = {}
    for needs, has, doc, fact in parts:
        name = Message(docs[doc].zh, _inline(docs[doc].en))
        measured[fact] = has
        if needs is None and has:
            statuses.append(Status.MET)  # held: the condition holds whether or not it is needed
            zh.append(f"具有{name.zh}")
            en.append(f"{name.en} held")
        elif needs is None:
            statuses.append(Status.UNKNOWN)
            zh.append(f"缺少事实：是否需要{name.zh}（未提供）")
            en.append(f"fact missing: whether a {name.en} is needed (not provided)")
        elif not needs:
            statuses.append(Status.NOT_APPLICABLE)
            zh.append(f"无须{name.zh}")
            en.append(f"no {name.en} needed")
        else:
            required[fact] = True
            if has is None:
                statuses.append(Status.UNKNOWN)
                zh.append(f"缺少事实：是否具有{name.zh}（未提供）")
                en.append(f"fact missing: whether it holds the {name.en} (not provided)")
            elif has:
                statuses.append(Status.MET)
                zh.append(f"需要并具有{name.zh}")
                en.append(f"{name.en} needed and held")
            else:
                statuses.append(Status.NOT_MET)
                zh.append(f"需要但不具有{name.zh}")
                en.append(f"{name.en} needed but not held")
    if Status.NOT_MET in statuses:
        status = Status.NOT_MET
    elif Status.UNKNOWN in statuses:
        status = Status.UNKNOWN
    elif all(s is Status.NOT_APPLICABLE for s in statuses):
        status = Status.NOT_APPLICABLE
    else:
        status = Status.MET
    verdict = {
        Status.MET: ("符合", "met"),
        Status.NOT_MET: ("不符合", "not met"),
        Status.UNKNOWN: ("缺少事实", "unknown"),
        Status.NOT_APPLICABLE: ("不适用", "not applicable"),
    }[status]
    return ctx.finding(
        cid,
        status,
        "；".join(zh) + f"：{verdict[0]}。",
        _sentence("; ".join(en)) + f": {verdict[1]}.",
        measured=measured,
        required=required or None,
    )


def _sentence(text: str) -> str:
    return text[:1].upper() + text[1:]


def _inline(text: str) -> str:
    return text[:1].lower() + text[1:]


def _unit_value_finding(
    ctx: Context, category: _CategoryInfo | None, facts: FirstSetFacts, results: dict[str, Any]
) -> Finding:
    """第五条（五）: the unit value at or above the category's threshold ("以上": inclusive)."""
    cid = "first_set.unit_value"
    if category is None:
        return ctx.finding(
            cid,
            Status.UNKNOWN,
            "缺少事实：产品类别，无法确定适用的价值下限。",
            "Fact missing: the product category (category), which decides the minimum value.",
            measured=facts.unit_value.amount() if facts.unit_value else None,
        )
    required: Any = ctx.params[category.threshold]
    measured = facts.unit_value.value if facts.unit_value is not None else None
    results["threshold"] = Amount(required, category.kind, category.unit)
    results["unit_value"] = (
        Amount(measured, category.kind, category.unit) if measured is not None else None
    )
    return threshold(
        ctx,
        cid,
        measured,
        required,
        category.subject,
        kind=category.kind,
        unit=category.unit,
    )


def _age_finding(ctx: Context, facts: FirstSetFacts, results: dict[str, Any]) -> Finding:
    """第五条（六）: completion to application "一般不超过2年"; beyond → review."""
    cid = "first_set.completion_age"
    limit: Period = ctx.params["completion_age_limit"]
    roll = ctx.params["completion_age_end"] == "rest_day_roll"
    completed, applied = facts.completed_on, facts.applied_on
    if completed is None or applied is None:
        missing = [
            k for k, v in (("completed_on", completed), ("applied_on", applied)) if v is None
        ]
        names = "、".join(
            {"completed_on": "研制完成日期", "applied_on": "申请日期"}[k] for k in missing
        )
        names_en = " and ".join(
            {"completed_on": "the completion date", "applied_on": "the application date"}[k]
            for k in missing
        )
        return ctx.finding(
            cid,
            Status.UNKNOWN,
            f"缺少事实：{names}（要求研制完成时间距申请认定时间一般不超过{limit}）。",
            f"Fact missing: {names_en} (required: usually no more than "
            f"{limit.describe('en')} from completion to application).",
            required=limit,
        )
    latest = _period_end(completed, limit, roll=roll)
    results["latest_application_date"] = latest
    if roll:
        how_zh = "按《民法典》第二百零二条、第二百零三条（遇法定休假日顺延）计"
        how_en = "counted under Civil Code arts. 202 and 203 (rolled past rest days)"
    else:
        how_zh = (
            "按《民法典》第二百零二条计至到期月的对应日（间隔不是办事期限，不适用第二百零三条顺延）"
        )
        how_en = (
            "counted to the corresponding day under Civil Code art. 202 (an age, not a time "
            "limit for acting: no art. 203 roll)"
        )
    if latest is None:  # the limit ends after date.max: any application is within it
        return ctx.finding(
            cid,
            Status.MET,
            f"研制完成于{completed}，申请于{applied}，未超过{limit}，符合。",
            f"Completed on {completed}, applied on {applied}: within {limit.describe('en')}: met.",
            measured=applied,
        )
    gap = (latest - applied).days
    if applied <= latest:
        return ctx.finding(
            cid,
            Status.MET,
            f"研制完成于{completed}，申请于{applied}；{limit}{how_zh}至{latest}，未超过，符合。",
            f"Completed on {completed}, applied on {applied}; {limit.describe('en')} "
            f"{how_en} end on {latest}: within, met.",
            measured=applied,
            required=latest,
            gap=gap,
        )
    return ctx.finding(
        cid,
        Status.REVIEW,
        f"研制完成于{completed}，申请于{applied}；{limit}{how_zh}至{latest}，超过{-gap}日；"
        "办法规定“一般不超过”，需审查。",
        f"Completed on {completed}, applied on {applied}; {limit.describe('en')} {how_en} "
        f"end on {latest}, exceeded by {-gap} day(s); the measures say 'usually no more "
        "than', so a reviewer decides.",
        measured=applied,
        required=latest,
        gap=gap,
    )


def _document_required(item: DocumentItem, category: str | None, product: Product) -> bool | None:
    """Whether ``item`` must be submitted: True, False, or None when a needed fact is absent."""
    if item.required == "always":
        return True
    if item.required == "category":
        return None if category is None else category in item.categories
    if item.required == "fact":
        value: bool | None = getattr(product, str(item.fact))
        return value
    return False  # "optional" and "not_checked" are never counted as missing


def _documents_finding(
    ctx: Context,
    category: str | None,
    product: Product,
    documents: tuple[str, ...],
    results: dict[str, Any],
) -> Finding:
    """第八条: every required item of the checklist is submitted."""
    cid = "first_set.documents"
    submitted = set(documents)
    items = checklist()
    missing: list[DocumentItem] = []
    undetermined: list[DocumentItem] = []
    unchecked: list[DocumentItem] = []
    required: list[str] = []
    for item in items:
        needed = _document_required(item, category, product)
        if needed:
            required.append(item.id)
        if item.id in submitted:
            continue
        if needed:
            missing.append(item)
        elif needed is None:
            undetermined.append(item)
        elif item.required == "not_checked":
            unchecked.append(item)
    results["missing_documents"] = [i.id for i in missing]
    results["undetermined_documents"] = [i.id for i in undetermined]
    results["unchecked_documents"] = [i.id for i in unchecked]

    def listing(group: list[DocumentItem], lang: str) -> str:
        sep = "、" if lang == "zh" else "; "
        return sep.join(f"{i.item}{i.title.get(lang)}" for i in group)

    zh: list[str] = []
    en: list[str] = []
    if missing:
        zh.append(f"缺少申报材料：{listing(missing, 'zh')}")
        en.append(f"Missing: {listing(missing, 'en')}")
    if undetermined:
        zh.append(f"因缺少事实无法确定是否需要：{listing(undetermined, 'zh')}")
        en.append(f"Cannot tell (a fact is missing) whether needed: {listing(undetermined, 'en')}")
    if unchecked:
        conditions_zh = "；".join(
            f"{i.item}{i.title.zh}（{i.condition.zh if i.condition else ''}）" for i in unchecked
        )
        conditions_en = "; ".join(
            f"{i.item}{i.title.en} ({i.condition.en if i.condition else ''})" for i in unchecked
        )
        zh.append(f"未核对：{conditions_zh}")
        en.append(f"Not checked: {conditions_en}")
    status = Status.UNKNOWN if missing or undetermined else Status.MET
    if status is Status.MET:
        zh.insert(0, "第八条规定的申报材料已齐备")
        en.insert(0, "The application materials of Article 8 are complete")
    return ctx.finding(
        cid,
        status,
        "；".join(zh) + "。",
        ". ".join(en) + ".",
        measured=[i.id for i in items if i.id in submitted],
        required=required,
    )


RULESET = register(FirstSetRuleSet())
