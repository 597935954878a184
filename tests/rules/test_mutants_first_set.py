"""The first-set rule set's contract, pinned where mutation testing found it loose
(docs/mutation.md): every combination of need and permit of 第五条（四）, every status of the
classification of 第五条（二） and of the unit value of 第五条（五）, the checklist of 第八条 with
its three result lists, the results and notes of 第十四条, and every input problem at its path."""

from __future__ import annotations

import copy
import datetime as dt
import json
from pathlib import Path
from typing import Any

import pytest

import nmgpolicy
from nmgpolicy.errors import InputError
from nmgpolicy.outcome import Amount, Decision, Message, Status
from nmgpolicy.units import Kind

ON = dt.date(2025, 7, 1)
BASE: dict[str, Any] = json.loads(
    (Path(__file__).parents[2] / "examples/first_set/eligible_complete_set.json").read_text(
        encoding="utf-8"
    )
)
LICENCE = ("特殊行业产品生产许可证", "production licence for a specially regulated industry")
CCC = ("强制性产品认证证书", "compulsory product certification (CCC) certificate")


def facts(**changes: Any) -> dict[str, Any]:
    out = copy.deepcopy(BASE)
    out.update(changes)
    return out


def product(**changes: Any) -> dict[str, Any]:
    out = facts()
    for key, value in changes.items():
        if value is None:
            out["product"].pop(key, None)
        else:
            out["product"][key] = value
    return out


def ev(data: dict[str, Any], **parameters: object) -> Decision:
    return nmgpolicy.evaluate("first_set", data, on=ON, parameters=parameters or None)


def said(data: dict[str, Any], finding: str, **parameters: object) -> tuple[str, str, str]:
    f = ev(data, **parameters).finding(finding)
    return f.status.value, f.message.zh, f.message.en


# ---- 第五条（四）: a permit where it is needed --------------------


def _permits(licence: tuple[bool | None, bool | None], ccc: tuple[bool | None, bool | None]) -> Any:
    data = product(
        needs_production_license=licence[0],
        has_production_license=licence[1],
        needs_ccc=ccc[0],
        has_ccc=ccc[1],
    )
    return ev(data).finding("first_set.license")


def test_each_permit_needed_held_unstated_or_not_needed() -> None:
    f = _permits((True, True), (False, None))
    assert (f.status, f.message) == (
        Status.MET,
        Message(
            f"需要并具有{LICENCE[0]}；无须{CCC[0]}：符合。",
            f"Production licence for a specially regulated industry needed and held; no {CCC[1]} "
            "needed: met.",
        ),
    )
    assert (f.measured, f.required) == (
        {"has_production_license": True, "has_ccc": None},
        {"has_production_license": True},
    )
    f = _permits((True, False), (True, None))
    assert (f.status, f.message) == (
        Status.NOT_MET,
        Message(
            f"需要但不具有{LICENCE[0]}；缺少事实：是否具有{CCC[0]}（未提供）：不符合。",
            f"Production licence for a specially regulated industry needed but not held; fact "
            f"missing: whether it holds the {CCC[1]} (not provided): not met.",
        ),
    )
    assert f.required == {"has_production_license": True, "has_ccc": True}
    f = _permits((None, True), (None, False))
    assert (f.status, f.message) == (
        Status.UNKNOWN,
        Message(
            f"具有{LICENCE[0]}；缺少事实：是否需要{CCC[0]}（未提供）：缺少事实。",
            f"Production licence for a specially regulated industry held; fact missing: whether a "
            f"{CCC[1]} is needed (not provided): unknown.",
        ),
    )
    assert f.required is None
    f = _permits((False, None), (False, None))
    assert (f.status, f.message.zh) == (
        Status.NOT_APPLICABLE,
        f"无须{LICENCE[0]}；无须{CCC[0]}：不适用。",
    )
    assert f.message.en.endswith(f"no {CCC[1]} needed: not applicable.")
    f = _permits((False, None), (None, True))
    assert f.status is Status.MET  # held: met whether or not its need is stated
    f = _permits((True, None), (True, True))
    assert f.status is Status.UNKNOWN
    assert f.message.zh.startswith(f"缺少事实：是否具有{LICENCE[0]}（未提供）；需要并具有{CCC[0]}")


# ---- 第五条（二）: a new material under 3.1–3.7 of SEI 2018 --------------------

LISTED = "新材料产业（3.1、3.2、3.3、3.4、3.5、3.6、3.7）"
LISTED_EN = "new-materials industry (3.1, 3.2, 3.3, 3.4, 3.5, 3.6, 3.7)"


def _material(code: str | None, category: str | None = "new_material") -> dict[str, Any]:
    data = product(sei_code=code)
    data["unit_value"] = "2万元/吨" if category in ("new_material", None) else "85万元/套"
    if category is None:
        data.pop("category")
    else:
        data["category"] = category
    return data


def test_every_status_of_the_classification_with_its_message() -> None:
    catalog = "first_set.new_material_catalog"
    d = ev(_material("3.2.1"))
    assert said(_material("3.2.1"), catalog) == (
        "met",
        "代码3.2.1属于新材料产业·先进有色金属材料（3.2），符合。",
        "The code 3.2.1 lies under class 3.2 (先进有色金属材料) of the new-materials "
        "industry: met.",
    )
    f = d.finding(catalog)
    assert (f.measured, f.required) == ("3.2.1", Message(LISTED, LISTED_EN))
    assert said(_material("3"), catalog) == (
        "unknown",
        "代码3仅为门类（新材料产业），缺少具体行业类别（3.1、3.2、3.3、3.4、3.5、3.6、3.7）。",
        "The code 3 names only the domain (new-materials industry); the class (3.1, 3.2, 3.3, "
        "3.4, 3.5, 3.6, 3.7) is missing.",
    )
    for code in ("3.9", "4.1", "33.1"):
        assert said(_material(code), catalog) == (
            "not_met",
            f"代码{code}不属于{LISTED}，不符合。",
            f"The code {code} is not under the {LISTED_EN}: not met.",
        )
    assert (
        said(_material("3.7"), catalog)[0] == "met" and said(_material("3.1"), catalog)[0] == "met"
    )
    assert said(_material(None), catalog)[1:] == (
        f"缺少事实：产品的战略性新兴产业分类代码（新材料产品须列入{LISTED}）。",
        f"Fact missing: the product's SEI 2018 code (sei_code) (a new material must be classed "
        f"under {LISTED_EN}).",
    )
    assert said(_material("3.1", category=None), catalog)[1] == (
        f"缺少事实：产品类别（新材料产品须列入{LISTED}）。"
    )
    assert said(_material("3.1", category="complete_set"), catalog) == (
        "not_applicable",
        "不适用：首台（套）成套设备不是新材料，无须列入新材料产业目录。",
        "Not applicable: a first-of-kind complete set of equipment is not a new material.",
    )
    assert said(_material("３．２", category="new_material"), catalog)[0] == "met"  # full width


# ---- 第五条（五）: the unit value of the category --------------------


def test_the_unit_value_of_each_category_and_without_one() -> None:
    d = ev(facts(unit_value="79.99万元/套"))
    f = d.finding("first_set.unit_value")
    assert (f.status, f.message.zh) == (
        Status.NOT_MET,
        "成套设备价值为79.99万元/套，要求不低于80万元/套，相差0.01万元/套，不符合。",
    )
    assert d.results["threshold"] == Amount(800_000, Kind.MONEY_PER_SET, "万元/套")  # type: ignore[arg-type]
    assert d.results["unit_value"] == Amount(799_900, Kind.MONEY_PER_SET, "万元/套")  # type: ignore[arg-type]
    assert d.results["category"] == "complete_set"
    component = ev(facts(category="key_component", unit_value="2万元/吨"))
    assert component.finding("first_set.unit_value").status is Status.MET
    assert component.results["threshold"] == Amount(20_000, Kind.MONEY_PER_MASS, "万元/吨")  # type: ignore[arg-type]
    no_value = facts()
    del no_value["unit_value"]
    d = ev(no_value)
    assert d.results["unit_value"] is None
    assert said(no_value, "first_set.unit_value")[:2] == (
        "unknown",
        "缺少事实：成套设备价值（要求不低于80万元/套）。",
    )
    no_category = facts()
    del no_category["category"]
    d = ev(no_category)
    f = d.finding("first_set.unit_value")
    assert (f.status, f.message.zh, str(f.measured)) == (
        Status.UNKNOWN,
        "缺少事实：产品类别，无法确定适用的价值下限。",
        "85万元/套",
    )
    assert d.results["category"] is None
    assert "threshold" not in d.results and "unit_value" not in d.results


# ---- 第八条: the checklist --------------------

UNCHECKED = (
    "未核对：（七）涉及多个单位的技术转让、许可、授权、合作生产、合作开发合同或协议"
    "（产品技术涉及多个单位时需要，事实中未载明是否涉及）。"
)


def test_the_checklist_complete_missing_or_open() -> None:
    d = ev(facts())
    f = d.finding("first_set.documents")
    assert (f.status, f.message.zh) == (
        Status.MET,
        "第八条规定的申报材料已齐备；" + UNCHECKED,
    )
    assert f.message.en.startswith(
        "The application materials of Article 8 are complete. Not checked: "
    )
    assert (d.results["missing_documents"], d.results["undetermined_documents"]) == ([], [])
    assert d.results["unchecked_documents"] == ["ip_cooperation_contracts"]
    assert f.measured == BASE["documents"] and f.required == BASE["documents"]
    d = ev(facts(documents=["application_report"]))
    f = d.finding("first_set.documents")
    assert f.status is Status.UNKNOWN  # an incomplete list, not an ineligible application
    assert f.message.zh.startswith(
        "缺少申报材料：（二）技术装备首台（套）、关键零部件首批（次）认定申请表（附件2）、"
    )
    assert f.message.en.startswith(
        "Missing: （二）Application form for equipment and key components"
    )
    assert list(d.results["missing_documents"][:2]) == [
        "equipment_application_form",
        "authenticity_pledge",
    ]
    assert f.measured == ["application_report"]
    open_ccc = product(needs_ccc=None)
    d = ev(open_ccc)
    assert d.results["undetermined_documents"] == ["ccc_certificate"]
    assert d.finding("first_set.documents").message.zh == (
        "因缺少事实无法确定是否需要：（八）强制性产品认证证书；" + UNCHECKED
    )
    needed = product(needs_ccc=True, has_ccc=True)
    assert ev(needed).results["missing_documents"] == ["ccc_certificate"]
    given = product(needs_ccc=True, has_ccc=True)
    given["documents"] = [*BASE["documents"], "ccc_certificate"]
    assert ev(given).finding("first_set.documents").status is Status.MET
    no_category = facts()
    del no_category["category"]
    d = ev(no_category)
    assert d.results["undetermined_documents"] == ["new_material_application_form"]
    assert "equipment_application_form" not in d.finding("first_set.documents").required
    material = facts(category="new_material", unit_value="2万元/吨")
    assert ev(material).results["missing_documents"] == ["new_material_application_form"]


def test_no_checklist_finding_without_the_documents() -> None:
    data = facts()
    del data["documents"]
    d = ev(data)
    assert "first_set.documents" not in [f.id for f in d.findings]
    assert "missing_documents" not in d.results


# ---- 第十四条: the validity of the measures --------------------


def test_the_validity_window_and_the_date_it_is_checked_at() -> None:
    d = ev(facts(), published_on="2024-03-01")
    assert d.results["validity"] == {"start": dt.date(2024, 3, 1), "end": dt.date(2026, 3, 1)}
    assert d.results["validity_checked_on"] == dt.date(2025, 6, 2)
    assert [n.zh for n in d.notes] == [
        "本办法的有效期按申请日期2025-06-02核对（在有效期内提出的申请适用本办法），而非评估日2025-07-01。"
    ]
    undated = facts()
    del undated["applied_on"]
    d = ev(undated, published_on="2024-03-01")
    assert d.results["validity_checked_on"] == ON
    assert [n.zh for n in d.notes] == ["未提供申请日期，本办法的有效期按评估日2025-07-01核对。"]
    d = ev(facts(), published_on="2024-03-01", in_force_reference="on")
    assert d.results["validity_checked_on"] == ON and d.notes == ()
    d = ev(undated, published_on="2024-03-01", in_force_reference="on")
    assert d.notes == ()
    same_day = facts(applied_on="2025-07-01")
    assert ev(same_day, published_on="2024-03-01").notes == ()
    d = ev(facts())
    assert (d.results["validity"], d.results["validity_checked_on"]) == (None, None)
    assert d.notes[0].zh.startswith(
        "本办法的发布日期未载于来源文件，第十四条规定的有效期（自发布之日起2年）"
    )


def test_in_force_from_publication_to_the_last_day_of_the_two_years() -> None:
    on_last = facts(applied_on="2026-03-01", completed_on="2024-05-10")
    assert ev(on_last, published_on="2024-03-01").results["validity_checked_on"] == dt.date(
        2026, 3, 1
    )
    with pytest.raises(nmgpolicy.NotInForce) as caught:
        ev(facts(applied_on="2026-03-02"), published_on="2024-03-01")
    assert "unknown successor" in str(caught.value)
    with pytest.raises(nmgpolicy.NotInForce):
        ev(facts(applied_on="2024-02-29", completed_on="2024-01-01"), published_on="2024-03-01")
    assert ev(facts(applied_on="2024-03-01", completed_on="2024-01-01"), published_on="2024-03-01")
    day_before = {"published_on": "2024-03-01", "validity_end": "day_before"}
    with pytest.raises(nmgpolicy.NotInForce):
        ev(on_last, **day_before)


# ---- the input checks --------------------


def problems(data: Any) -> dict[str, str]:
    with pytest.raises(InputError) as caught:
        ev(data)
    return {p.path: p.message for p in caught.value.problems}


def test_every_input_problem_at_its_path() -> None:
    bad = facts(
        category="single_equipment",
        unit_value="85万元/套",
        completed_on="2025-06-03",
        documents=["application_report", "nonsense", 3, "other"],
    )
    bad["product"]["sei_code"] = "3..1"
    found = problems(bad)
    assert found["$.unit_value"] == (
        "a single_equipment (首台（套）单台设备) is valued in 万元/台 (money per machine), got "
        "'85万元/套' "
        '(money per set); e.g. "12万元/台"'
    )
    assert found["$.applied_on"] == (
        "the application (2025-06-02) cannot precede the completion of the product (2025-06-03); "
        'e.g. "2025-06-03" or later'
    )
    assert found["$.product.sei_code"].startswith("not a 战略性新兴产业分类（2018） code: '3..1'; ")
    assert found["$.documents[1]"].startswith("unknown document id 'nonsense'; valid ids: ")
    assert "$.documents[3]" in found and "$.documents[0]" not in found
    assert ev(facts(completed_on="2025-06-02")).finding("first_set.completion_age").status is (
        Status.MET
    )


def test_a_unit_value_without_a_category_must_still_be_per_unit() -> None:
    data = facts(unit_value="85万元")
    del data["category"]
    found = problems(data)
    assert found["$.unit_value"].startswith(
        "a unit value is money per set, per machine or per tonne, got '85万元' (an amount of "
        'money); e.g. "85万元/套" or "12万元/台" or "2.5万元/吨"'
    )
    for fine in ("12万元/台", "2万元/吨", "85万元/套"):
        ok = facts(unit_value=fine)
        del ok["category"]
        assert ev(ok).finding("first_set.unit_value").status is Status.UNKNOWN


def test_a_bad_category_and_a_bad_list_of_documents() -> None:
    found = problems(facts(category="robot", documents="application_report"))
    assert found["$.category"].startswith('expected one of "complete_set" (首台（套）成套设备), ')
    assert found["$.category"].endswith("; got 'robot'")
    assert found["$.documents"].startswith(
        "expected a list of document ids, got 'application_report'; "
    )


def test_an_application_dated_after_the_evaluation_is_checked_at_its_own_date() -> None:
    d = ev(facts(applied_on="2025-07-02"), published_on="2024-03-01")
    assert d.results["validity_checked_on"] == dt.date(2025, 7, 2)
    assert [n.zh for n in d.notes] == [
        "本办法的有效期按申请日期2025-07-02核对（在有效期内提出的申请适用本办法），而非评估日2025-07-01。"
    ]


# ---- the public helpers --------------------------------------------------------------------------


def test_the_public_notice_lasts_working_days_one_at_least() -> None:
    from nmgpolicy.rules import first_set

    one = first_set.public_notice("2025-09-30", parameters={"public_notice_period": "1个工作日"})
    assert one == (dt.date(2025, 9, 30), dt.date(2025, 9, 30))
    assert first_set.public_notice("2025-09-30") == (dt.date(2025, 9, 30), dt.date(2025, 10, 13))
    for period in ("0个工作日", "5日"):
        with pytest.raises(InputError) as caught:
            first_set.public_notice("2025-09-30", parameters={"public_notice_period": period})
        assert caught.value.problems[0].message == (
            f'a public notice lasts a number of working days, got {period}; e.g. "5个工作日"'
        )


def test_the_helpers_options_are_keyword_only_and_their_types_public() -> None:
    from nmgpolicy.rules import first_set

    for helper in (
        first_set.public_notice,
        first_set.results_disclosure_due,
        first_set.validity_window,
    ):
        with pytest.raises(TypeError):
            helper("2025-09-30", None)  # type: ignore[call-arg]
    for public in (first_set.DocumentItem, first_set.NoticeWindow, first_set.ValidityWindow):
        assert public.__module__ == "nmgpolicy.rules.first_set"
    assert first_set.validity_window("2024-02-29") == (dt.date(2024, 2, 29), dt.date(2026, 2, 28))


def test_the_evaluation_date_reading_read_from_json_adds_no_note() -> None:
    # Parameters often come from JSON or a form: an equal string, not the same object.
    undated = facts()
    del undated["applied_on"]
    old = json.loads('{"published_on": "2024-03-01", "in_force_reference": "on"}')
    d = ev(undated, **old)
    assert d.results["validity_checked_on"] == ON
    assert not d.notes
    d = ev(undated, published_on="2024-03-01")
    assert any("未提供申请日期" in n.zh for n in d.notes)


def test_two_missing_documents_are_listed_in_each_language() -> None:
    data = facts()
    data["documents"] = [
        d for d in data["documents"] if d not in ("value_proof", "completion_proof")
    ]
    f = ev(data).finding("first_set.documents")
    assert f.status is Status.UNKNOWN
    assert f.message.zh.startswith("缺少申报材料：（九）产品价值证明、（十）产品定型实验报告")
    assert f.message.en.startswith(
        "Missing: （九）Proof of the product's value; （十）Type-approval test report"
    )


def test_the_checklist_reads_the_facts_of_its_fact_required_items_only() -> None:
    from nmgpolicy.definition import Fact
    from nmgpolicy.rules import first_set

    (checklist,) = [c for c in first_set.DEFINITION.criteria if c.id == "first_set.documents"]
    assert checklist.references() == (
        Fact("documents"),
        Fact("category"),
        Fact("product.needs_production_license"),
        Fact("product.needs_ccc"),
    )


@pytest.mark.parametrize(
    ("code", "status"),
    [("2", "not_met"), ("2.1", "not_met"), ("3", "unknown"), ("4", "not_met"), ("3.7", "met")],
)
def test_a_code_of_another_domain_is_not_a_new_material(code: str, status: str) -> None:
    # A domain before or after 3 (新材料产业) is outside it, even when it names no class.
    assert said(_material(code), "first_set.new_material_catalog")[0] == status


def test_an_unchecked_document_says_when_it_is_needed() -> None:
    f = ev(facts()).finding("first_set.documents")
    assert f.status is Status.MET
    assert f.message.zh.startswith("第八条规定的申报材料已齐备；未核对：（七）")
    assert f.message.en.startswith("The application materials of Article 8 are complete. ")
    assert (
        "(needed when the product's technology involves several units; the facts do not say "
        "whether it does)" in f.message.en
    )


def test_the_public_helpers_live_in_the_rule_module() -> None:
    # Pickles and reprs name the public module, whatever private module holds the code.
    import pickle

    from nmgpolicy.rules import first_set

    helpers = (first_set.checklist, first_set.public_notice, first_set.results_disclosure_due)
    for function in (*helpers, first_set.validity_window):
        assert function.__module__ == "nmgpolicy.rules.first_set"
        assert b"nmgpolicy.rules.first_set" in pickle.dumps(function)
