"""首台（套）/首批（次）: recognition of first-of-kind equipment, key components and new materials.

Encodes 《内蒙古自治区技术装备首台（套）、关键零部件及新材料首批（次）认定管理暂行办法》 as
quoted in the Baotou bureau's disclosure catalog (第一条–第十五条). Every threshold, period, list
and quoted text lives in ``nmgpolicy/data/first_set.toml``; this module states the facts, the
measures and the criteria (:data:`DEFINITION`), in the order of the articles.

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
catalog item ``first-set-results``), :func:`validity_window` (第十四条), :func:`checklist` (第八条);
they live in :mod:`nmgpolicy.rules._first_set_public` and are re-exported here.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from typing import Any, Literal, get_args

import attrs

from nmgpolicy._exact import exact
from nmgpolicy.convert import Measure, structure
from nmgpolicy.criteria import Attestation, Flag, Threshold
from nmgpolicy.criteria_dates import Boundary, PeriodWording, WithinPeriod
from nmgpolicy.definition import Criterion, Definition, Fact, Param, Row, measure
from nmgpolicy.definition import Measure as Quantity
from nmgpolicy.engine import BaseRuleSet, register
from nmgpolicy.errors import InputError, NotInForce, Problem
from nmgpolicy.outcome import Amount, Finding, Message
from nmgpolicy.params import Resolved
from nmgpolicy.periods import Period
from nmgpolicy.rules._first_set_input import clean, input_problems, normal_code
from nmgpolicy.rules._first_set_kinds import (
    ByCategory,
    Checklist,
    ClassifiedUnder,
    HeldWhereNeeded,
    Need,
)
from nmgpolicy.rules._first_set_public import (
    RULESET_ID,
    DocumentItem,
    NoticeWindow,
    ResultsDisclosureDue,
    ValidityWindow,
    categories,
    checklist,
    data,
    public_notice,
    results_disclosure_due,
    validity,
    validity_window,
)

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
# Measures
# --------------------------------------------------------------------------------------------


def _holds_when_false(path: str) -> Quantity:
    """Whether a condition worded as an absence ("未发生…事故") holds: the fact at ``path``
    negated, ``None`` when absent. The finding shows the condition as its title words it
    (未发生事故: 是), never the raw fact (``accidents_last_3_years``: false)."""
    fact = Fact(path)

    def holds(row: Row) -> bool | None:
        value: bool | None = fact.read(row.facts)
        return None if value is None else not value

    return Quantity(f"not {path}", holds, f"{path} is false (the condition holds).")


@measure(reads=(Fact("category"),))
def new_material(row: Row) -> bool | None:
    """Whether the product is a new material (None: no category)."""
    category: str | None = row.facts.category
    return None if category is None else category == _NEW_MATERIAL


@measure(reads=(Fact("product.sei_code"),))
def sei_code(row: Row) -> str | None:
    """The product's 《战略性新兴产业分类（2018）》 code, normalised (full-width digits folded)."""
    product: Product | None = row.facts.product
    code = product.sei_code if product is not None else None
    return None if code is None else normal_code(code)


@measure(reads=(Fact("unit_value"),))
def unit_value_amount(row: Row) -> Amount | None:
    """The unit value as given (in its canonical unit), shown when the category is missing."""
    value: Measure | None = row.facts.unit_value
    return value.amount() if value is not None else None


# --------------------------------------------------------------------------------------------
# Criteria, in the order of the articles (and of the data file)
# --------------------------------------------------------------------------------------------


def _flag(name: str, path: str) -> Flag:
    return Flag(f"{RULESET_ID}.{name}", Fact(path))


def _absent(name: str, path: str) -> Flag:
    return Flag(f"{RULESET_ID}.{name}", _holds_when_false(path))


def _attested(path: str) -> Attestation:
    return Attestation(f"{RULESET_ID}.{path.rpartition('.')[2]}", Fact(path))


def _unit_value() -> ByCategory:
    """第五条（五）: the unit value at or above its category's minimum ("以上": inclusive)."""
    cid = f"{RULESET_ID}.unit_value"
    cases = tuple(
        (
            info.id,
            Threshold(
                cid,
                Fact("unit_value.value"),
                Param(info.threshold),
                kind_of_value=info.kind,
                unit=info.unit,
                subject=info.subject,
            ),
        )
        for info in categories().values()
    )
    missing = Message(
        "缺少事实：产品类别，无法确定适用的价值下限。",
        "Fact missing: the product category (category), which decides the minimum value.",
    )
    return ByCategory(cid, Fact("category"), cases, missing, unit_value_amount)


def _new_material_catalog() -> ClassifiedUnder:
    """第五条（二）: a new material must be listed under 新材料产业 (code 3.x) of SEI 2018."""
    catalog = data().extra["new_material_catalog"]
    return ClassifiedUnder(
        f"{RULESET_ID}.new_material_catalog",
        code=sei_code,
        applies=new_material,
        label=Fact("category"),
        domain=str(catalog["domain"]),
        classes=tuple((str(k), str(v)) for k, v in catalog["classes"].items()),
        domain_name=Message(str(catalog["domain_name"]), str(catalog["domain_name_en"])),
        reason=Message(
            "{label}不是新材料，无须列入新材料产业目录", "a {label} is not a new material"
        ),
    )


def _license() -> HeldWhereNeeded:
    """第五条（四）: a production licence and CCC where the product needs them."""
    titles = {item.id: item.title for item in checklist()}

    def need(doc: str, fact: str) -> Need:
        title = titles[doc]
        name = Message(title.zh, title.en[:1].lower() + title.en[1:])
        return Need(Fact(f"product.needs_{fact}"), Fact(f"product.has_{fact}"), name, f"has_{fact}")

    return HeldWhereNeeded(
        f"{RULESET_ID}.license",
        (need("production_license", "production_license"), need("ccc_certificate", "ccc")),
    )


_AGE_WORDING = PeriodWording(
    events=Message("研制完成于{start}，申请于{date}", "Completed on {start}, applied on {date}"),
    start_name=Message("研制完成日期", "the completion date"),
    date_name=Message("申请日期", "the application date"),
    requirement=Message(
        "研制完成时间距申请认定时间一般不超过{period}",
        "usually no more than {period} from completion to application",
    ),
    how=(
        (
            Boundary.CORRESPONDING_DAY,
            Message(
                "按《民法典》第二百零二条计至到期月的对应日（间隔不是办事期限，不适用第二百零三条顺延）",
                "counted to the corresponding day under Civil Code art. 202 (an age, not a time "
                "limit for acting: no art. 203 roll)",
            ),
        ),
    ),
    how_days=(  # an override in days ("700日"): 第二百零二条 is for months and years only
        (
            Boundary.CORRESPONDING_DAY,
            Message(
                "按《民法典》第二百零一条自次日起算（间隔不是办事期限，不适用第二百零三条顺延）",
                "counted from the day after completion under Civil Code art. 201 (an age, not "
                "a time limit for acting: no art. 203 roll)",
            ),
        ),
    ),
    how_working_days=(  # an override in working days ("20个工作日")
        (
            Boundary.CORRESPONDING_DAY,
            Message(
                "按官方工作日自次日起算",
                "counted from the day after completion, in official working days",
            ),
        ),
    ),
    review=Message(
        "{events}；{period}{how}至{last}，超过{over}日；办法规定“一般不超过”，需审查。",
        "{events}; {period} {how} end on {last}, exceeded by {over} day(s); the measures say "
        "'usually no more than', so a reviewer decides.",
    ),
)


def _criteria() -> tuple[Criterion, ...]:
    return (
        _attested("product.fits_industrial_policy"),  # 第二条
        _flag("patent", "product.has_invention_or_utility_patent"),
        _attested("product.technology_leading"),
        _attested("product.fills_regional_gap"),
        _attested("product.promotes_industry_upgrading"),
        _attested("product.no_large_market_record"),
        _flag("registered_in_region", "applicant.registered_in_region"),  # 第五条（一）
        _attested("applicant.management_standardized"),
        _attested("applicant.tax_compliant"),
        _attested("applicant.operating_normally"),
        _attested("applicant.credit_good"),
        _absent("no_accidents", "applicant.accidents_last_3_years"),
        _attested("applicant.design_and_integration_capability"),
        _flag("produced_in_region", "applicant.produced_in_region"),
        _flag("first_in_region", "product.first_in_region"),  # 第五条（二）
        _attested("product.technology_mature"),
        _attested("product.process_and_equipment_system"),
        _attested("product.has_product_standard"),
        _attested("product.market_prospects_good"),
        _attested("product.advanced_among_peers"),
        _new_material_catalog(),
        _flag("core_ip", "product.owns_core_ip"),  # 第五条（三）
        _flag("trademark", "product.owns_trademark"),
        _attested("product.performance_reliable"),  # 第五条（四）
        _license(),
        _unit_value(),  # 第五条（五）
        WithinPeriod(  # 第五条（六）
            f"{RULESET_ID}.completion_age",
            start=Fact("completed_on"),
            date=Fact("applied_on"),
            period=Param("completion_age_limit"),
            boundary=Param("completion_age_end"),
            soft=True,
            result="latest_application_date",
            wording=_AGE_WORDING,
        ),
        _absent("not_own_use", "product.for_own_use_only"),  # 第六条
        _absent("not_kit_assembly", "product.oem_or_kit_assembly"),
        _absent("not_disqualified", "applicant.disqualified_for_false_materials"),  # 第十二条
        Checklist(  # 第八条, only when the facts list the documents (see FirstSetRuleSet.decide)
            f"{RULESET_ID}.documents",
            submitted=Fact("documents"),
            category=Fact("category"),
            facts="product",
            items=checklist(),
        ),
    )


# --------------------------------------------------------------------------------------------
# Results and notes that are not a finding
# --------------------------------------------------------------------------------------------


def _prepare(row: Row) -> None:
    """The category, and (with it) the threshold and the unit value in the law's unit."""
    facts: FirstSetFacts = row.facts
    results = row.results
    results["category"] = facts.category
    if facts.category is not None:
        info = categories()[facts.category]
        results["threshold"] = Amount(row.params[info.threshold], info.kind, info.unit)
        value = facts.unit_value
        results["unit_value"] = Amount(value.value, info.kind, info.unit) if value else None


def _in_force_date(facts: FirstSetFacts, on: dt.date, params: Mapping[str, Any]) -> dt.date:
    if params["in_force_reference"] == "applied_on" and facts.applied_on is not None:
        return facts.applied_on
    return on


def _finish(row: Row, findings: Sequence[Finding]) -> None:
    """第十四条: the validity window and the date it was checked at, with a note saying which."""
    params, on = row.params, row.ctx.on
    published: dt.date | None = params["published_on"]
    if published is None:
        row.results["validity"] = None
        row.results["validity_checked_on"] = None
        return
    window = validity(published, params["validity_period"], params["validity_end"])
    checked = _in_force_date(row.facts, on, params)
    row.results["validity"] = window._asdict()
    row.results["validity_checked_on"] = checked
    if checked != on:
        row.ctx.note(
            f"本办法的有效期按申请日期{checked}核对（在有效期内提出的申请适用本办法），"
            f"而非评估日{on}。",
            f"The validity of the measures was checked at the application date {checked} "
            f"(an application filed while they were in force is judged under them), not at "
            f"the evaluation date {on}.",
        )
    elif row.facts.applied_on is None and params["in_force_reference"] != "on":
        row.ctx.note(
            f"未提供申请日期，本办法的有效期按评估日{on}核对。",
            f"No application date was given: the validity of the measures was checked at "
            f"the evaluation date {on}.",
        )


DEFINITION: Definition[FirstSetFacts] = Definition(
    RULESET_ID,
    FirstSetFacts,
    _criteria(),
    prepare=_prepare,
    finish=_finish,
    reads=tuple(
        Param(name)
        for name in ("published_on", "validity_period", "validity_end", "in_force_reference")
    ),
)
"""The measures as data: every criterion, in the order of the articles."""


# --------------------------------------------------------------------------------------------
# The rule set
# --------------------------------------------------------------------------------------------


class FirstSetRuleSet(BaseRuleSet[FirstSetFacts]):
    """首台（套）/首批（次） recognition: 第二条, 第五–六条, 第八条, 第十二条 (see the module)."""

    id = RULESET_ID
    facts_type = FirstSetFacts
    definition = DEFINITION

    @exact
    def in_force_date(self, facts: FirstSetFacts, on: dt.date, params: Resolved) -> dt.date:
        """第十四条 is checked at the application date, else at ``on`` (``in_force_reference``).

        An application filed while the measures were in force is judged under them, even when
        it is evaluated after their 2 years; one filed before their publication is not.
        ``in_force_reference="on"`` checks the evaluation date whatever the facts say.
        """
        return _in_force_date(facts, on, params.values)

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
        window = validity(published, period, params["validity_end"])
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
        if model is not None and clean(model):
            return model
        ours = input_problems(facts, self.data)
        if ours:
            paths = {p.path for p in ours}
            problems = [p for p in problems if p.path not in paths] + ours
        if problems or model is None:
            raise InputError(problems)
        return model


RULESET = register(FirstSetRuleSet())
