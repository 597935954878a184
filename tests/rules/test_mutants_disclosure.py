"""The disclosure deadline's contract, pinned where mutation testing found it loose
(docs/mutation.md): which limits apply to an item under each reading of 第二十六条, which binds
on equal dates, the notes saying so in the order a reader needs them, a due date left open by a
missing year, and publication on the day the information was formed."""

from __future__ import annotations

import datetime as dt
import json

import pytest

import nmgpolicy
from nmgpolicy.outcome import Decision, Message, Status

D = dt.date
ON = D(2026, 6, 1)
FALLBACK = {"article_26_role": "fallback"}

CEILING_20 = "《中华人民共和国政府信息公开条例》第二十六条（行政法规）规定的20个工作日"
BUDGET_LAW = "《中华人民共和国预算法》第十四条第二款（法律）"
CLEANUP = "《内蒙古自治区行政规范性文件管理办法》第五十一条（规章）"
REPLACED = (
    f"{BUDGET_LAW}对公开期限另有规定（{{period}}），依《政府信息公开条例》第二十六条“法律、法规对"
    "政府信息公开的期限另有规定的，从其规定”，以其代替20个工作日的期限。"
)
BUDGET_NOTE = (
    "《中华人民共和国预算法》第十四条第二款的引文取自法律原文，不是公开事项目录的引文（目录引用的"
    "是第一款，规定本级政府财政部门公开经人民代表大会批准的预算）；部门预算适用第二款，期限自本级"
    "政府财政部门批复之日起算，形成日期即批复日期。"
)
DIFFER = "目录时限与所依据法律规定的时限不同，取较早的日期。"


def ev(item: str, formed: str, published: str | None = None, **parameters: object) -> Decision:
    facts = {"item": item, "formed_on": formed}
    if published is not None:
        facts["published_on"] = published
    return nmgpolicy.evaluate("disclosure", facts, on=ON, parameters=parameters or None)


def notes(d: Decision) -> list[str]:
    return [n.zh for n in d.notes]


def sources(d: Decision) -> list[tuple[str, str]]:
    return [(c["source"], c["due"]) for c in d.results["candidates"]]


# ---- 第二十六条 as a ceiling --------------------


def test_two_limits_the_earliest_binds_and_is_named() -> None:
    d = ev("agency-functions", "2025-09-20")
    assert sources(d) == [("ceiling", "2025-10-23"), ("catalog", "2025-10-23")]
    assert (d.results["basis"], d.results["rank"]) == ("ceiling", "administrative_regulation")
    assert notes(d) == [f"各项时限中最早届满的为{CEILING_20}，公开期限为2025-10-23。"]
    assert d.notes[0].en == (
        "Of the limits that apply, the earliest is 20 working days under "
        "《中华人民共和国政府信息公开条例》第二十六条 (administrative regulation): due 2025-10-23."
    )


def test_one_limit_is_not_compared_with_itself() -> None:
    d = ev("foi-basics", "2025-09-20")
    assert sources(d) == [("ceiling", "2025-10-23")]
    assert notes(d) == [
        "目录未规定固定公开时限（“适时公开”），《政府信息公开条例》第二十六条的20个工作日仍然适用。"
    ]


def test_a_lower_rank_rule_binds_when_earlier_and_only_adds_when_later() -> None:
    d = ev("normative-documents", "2025-09-20")
    assert sources(d) == [("ceiling", "2025-10-23"), ("statute", "2025-10-20")]
    assert (d.results["basis"], d.results["rank"]) == ("statute", "government_rule")
    assert notes(d)[1:] == [f"各项时限中最早届满的为{CLEANUP}规定的30日，公开期限为2025-10-20。"]
    later = ev("normative-documents", "2025-01-01", normative_cleanup_period="60日")
    assert later.results["basis"] == "ceiling"
    assert [n.en for n in later.notes][::2] == [
        "The catalog sets no fixed limit ('据实动态公开'); the 20 working days of Article 26 "
        "of the Regulations on Open Government Information still apply.",
        "60 days under 《内蒙古自治区行政规范性文件管理办法》第五十一条 (government rule) ends on "
        "2025-03-03, later than 20 working days under 《中华人民共和国政府信息公开条例》第二十六条 "
        "(administrative regulation), which ends on 2025-02-05; a lower-rank rule can only add a "
        "limit, not extend it.",
    ]
    assert notes(later)[1:] == [
        f"各项时限中最早届满的为{CEILING_20}，公开期限为2025-02-05。",
        f"{CLEANUP}规定的60日届满日为2025-03-03，晚于{CEILING_20}的届满日2025-02-05；"
        "下位规定只能另加时限，不能延长该期限。",
    ]
    assert later.results["conflicts"] == []


def test_a_law_replaces_the_ceiling_and_the_catalog_conflicts_with_it() -> None:
    d = ev("annual-budget", "2025-09-20")
    assert sources(d) == [("statute", "2025-10-10"), ("catalog", "2025-10-23")]
    assert notes(d) == [
        REPLACED.format(period="20日"),
        BUDGET_NOTE,
        f"各项时限中最早届满的为{BUDGET_LAW}规定的20日，公开期限为2025-10-10。",
        "目录与上位规定不一致：公开事项目录“局机关及二级单位年度预算公开”的公开时限“政府信息形成"
        f"或者变更之日起20个工作日内”（20个工作日）届满日为2025-10-23，晚于{BUDGET_LAW}规定的20日"
        "的届满日2025-10-10。目录不能延长该期限，以2025-10-10为准；建议修正目录。",
    ]
    assert len(d.results["conflicts"]) == 1


def test_on_equal_dates_the_higher_rank_binds_under_the_ceiling_reading() -> None:
    d = ev("annual-budget", "2025-01-01", budget_law_period="28日")
    assert sources(d) == [("statute", "2025-02-05"), ("catalog", "2025-02-05")]
    assert (d.results["basis"], d.results["rank"]) == ("statute", "law")
    assert d.results["conflicts"] == []  # ending on the same day is no conflict


# ---- 第二十六条 as a fallback --------------------


def test_the_fallback_reading_applies_article_26_only_where_nothing_else_is_fixed() -> None:
    d = ev("foi-basics", "2025-09-20", **FALLBACK)
    assert sources(d) == [("fallback", "2025-10-23")]
    assert notes(d) == [
        "目录未规定固定公开时限（“适时公开”），适用《政府信息公开条例》第二十六条的一般时限："
        "20个工作日。"
    ]
    d = ev("normative-documents", "2025-09-20", **FALLBACK)
    assert sources(d) == [("statute", "2025-10-20")]
    assert notes(d) == [
        "目录未规定固定公开时限（“据实动态公开”），适用所依据规定的时限：30日（"
        "《内蒙古自治区行政规范性文件管理办法》第五十一条）。"
    ]
    d = ev("annual-budget", "2025-09-20", **FALLBACK)
    assert sources(d) == [("catalog", "2025-10-23"), ("statute", "2025-10-10")]
    assert notes(d) == [DIFFER, BUDGET_NOTE]
    assert d.results["basis"] == "statute" and d.results["conflicts"] == []


def test_on_equal_dates_the_first_listed_binds_under_the_fallback_reading() -> None:
    d = ev("annual-budget", "2025-01-01", budget_law_period="28日", **FALLBACK)
    assert sources(d) == [("catalog", "2025-02-05"), ("statute", "2025-02-05")]
    assert (d.results["basis"], d.results["rank"]) == ("catalog", "catalog")


# ---- a due date a missing year leaves open --------------------


def test_an_open_due_date_names_the_missing_year_and_its_bound() -> None:
    facts = {"item": "first-set-results", "formed_on": "2026-12-04"}
    d = nmgpolicy.evaluate("disclosure", facts, on=D(2026, 12, 31))
    f = d.finding("disclosure.on_time")
    assert (f.status, f.message) == (
        Status.MET,
        Message(
            "截至2026-12-31尚未公开。公开期限需要2027年的官方工作日安排才能算出，本库尚无该年数据；"
            "但它不早于2027-01-01，尚未届满。",
            "Not yet published as of 2026-12-31: the due date needs the official working-day "
            "schedule of 2027, which is not available, but it is no earlier than 2027-01-01, so it "
            "has not passed.",
        ),
    )
    published = {**facts, "published_on": "2026-12-20"}
    f = nmgpolicy.evaluate("disclosure", published, on=D(2027, 2, 1)).finding("disclosure.on_time")
    assert f.message.zh == (
        "已于2026-12-20公开。公开期限需要2027年的官方工作日安排才能算出，本库尚无该年数据；"
        "但它不早于2027-01-01，故按时公开。"
    )


def test_a_limit_left_open_that_cannot_bind_is_explained() -> None:
    d = nmgpolicy.evaluate(
        "disclosure", {"item": "annual-budget", "formed_on": "2026-12-04"}, on=D(2026, 12, 10)
    )
    assert d.results["due"] == D(2026, 12, 24)
    assert notes(d)[-1] == (
        "公开事项目录“局机关及二级单位年度预算公开”的公开时限（20个工作日）需要2027年的官方工作日"
        "安排，本库尚无该年数据，无法算出届满日；但可以确定它不早于2027-01-01，而公开期限2026-12-24"
        "不晚于此日，故不影响公开期限。"
    )
    assert d.notes[-1].en == (
        "The catalog's limit for “局机关及二级单位年度预算公开” (20 working days) needs the "
        "official working-day schedule of 2027, which is not available, so its end cannot be "
        "computed; it ends no earlier than 2027-01-01, and the deadline 2026-12-24 is not later "
        "than that, so it does not change the deadline."
    )
    assert "届满日不早于2027-01-01，晚于" in notes(d)[-2]  # the conflict, proven by the bound


# ---- the facts --------------------


def test_information_may_be_published_the_day_it_is_formed() -> None:
    d = ev("first-set-results", "2026-05-06", published="2026-05-06")
    assert d.finding("disclosure.on_time").status is Status.MET
    assert d.results["published"] is True


# ---- the values a deadline is made of -----------------------------------------------------------


def test_a_due_date_is_a_date_with_plain_date_arithmetic() -> None:
    import pickle

    from nmgpolicy.rules import disclosure

    due = disclosure.deadline("ferroalloy-replacement", "2025-03-01")
    day = dt.timedelta(days=1)
    assert due == D(2025, 3, 28) and hash(due) == hash(D(2025, 3, 28))
    for value, expected in (
        (due + day, D(2025, 3, 29)),
        (day + due, D(2025, 3, 29)),
        (due - day, D(2025, 3, 27)),
        (due - D(2025, 3, 1), dt.timedelta(days=27)),
        (due.replace(day=1), D(2025, 3, 1)),
    ):
        assert value == expected and type(value) is type(expected)
    assert due == due.deadline and due != disclosure.deadline("proposals", "2025-03-01").deadline
    assert due.due == D(2025, 3, 28) and type(due.due) is dt.date
    assert repr(due) == "DueDate(2025-03-28, basis='ceiling')"
    again = pickle.loads(pickle.dumps(due))
    assert again == due and again.deadline == due.deadline
    assert (due.item_id, due.formed_on) == ("ferroalloy-replacement", D(2025, 3, 1))
    assert due.to_dict() == due.deadline.to_dict()
    for public in (
        disclosure.DeadlineCandidate,
        disclosure.Conflict,
        disclosure.Deadline,
        disclosure.DueDate,
    ):
        assert public.__module__ == "nmgpolicy.rules.disclosure"


def test_a_deadline_and_its_conflict_as_data() -> None:
    from nmgpolicy.rules import disclosure

    due = disclosure.deadline("ferroalloy-replacement", "2025-03-01")
    data = due.to_dict()
    assert (data["item"], data["formed_on"], data["due"]) == (
        "ferroalloy-replacement",
        "2025-03-01",
        "2025-03-28",
    )
    assert data["basis"]["source"] == "ceiling" and data["basis"]["due"] == "2025-03-28"
    assert [c["source"] for c in data["candidates"]] == ["ceiling", "catalog"]
    catalog = data["candidates"][1]
    assert (catalog["rank"], catalog["period"], catalog["due"], catalog["needs_year"]) == (
        "catalog",
        "1年",
        "2026-03-02",
        None,
    )
    assert catalog["citation"]["text"] == "信息形成之日起一年内"
    assert catalog["event"]["en"] == "the forming or change of the information"
    assert data["notes"][0]["zh"] == notes(ev("ferroalloy-replacement", "2025-03-01"))[0]
    (conflict,) = data["conflicts"]
    assert conflict == {
        "item": "ferroalloy-replacement",
        "title": "铁合金产能置换方案公示公告",
        "catalog_limit": "信息形成之日起一年内",
        "catalog_period": "1年",
        "catalog_due": "2026-03-02",
        "catalog_due_not_before": None,
        "ceiling": "《中华人民共和国政府信息公开条例》第二十六条",
        "ceiling_source": "ceiling",
        "ceiling_period": "20个工作日",
        "ceiling_due": "2025-03-28",
        "message": due.conflicts[0].message.to_dict(),
    }
    assert due.candidates[1].earliest == D(2026, 3, 2)
    open_catalog = disclosure.deadline("ferroalloy-replacement", "2026-03-01").candidates[1]
    assert (open_catalog.due, open_catalog.earliest) == (None, D(2027, 3, 1))
    assert open_catalog.to_dict()["not_before"] == "2027-03-01"


def test_a_due_date_equals_the_same_deadline_computed_again() -> None:
    from nmgpolicy.rules.disclosure import deadline

    due = deadline("ferroalloy-replacement", D(2025, 3, 1))
    again = deadline("ferroalloy-replacement", D(2025, 3, 1))
    later = deadline("ferroalloy-replacement", D(2025, 3, 2))
    assert due == again.deadline  # the same limits, computed twice
    assert due != later.deadline  # formed a day later: another deadline
    assert due == D(2025, 3, 28) and due != D(2025, 3, 29)


def test_a_catalog_limit_alone_under_the_fallback_reading_compares_nothing() -> None:
    # No law fixes a period for this item: the catalog's limit is the only one, nothing differs.
    d = ev("ferroalloy-replacement", "2025-03-01", **FALLBACK)
    assert d.results["due"] == D(2026, 3, 2)
    assert notes(d) == []
    assert DIFFER not in notes(ev("ferroalloy-replacement", "2025-03-01", **FALLBACK))


def test_the_fallback_reading_read_from_json() -> None:
    # Parameters often come from JSON or a form: an equal string, not the same object.
    from nmgpolicy.rules.disclosure import deadline

    fallback = json.loads('{"article_26_role": "fallback"}')
    assert deadline("ferroalloy-replacement", D(2025, 3, 1), parameters=fallback) == D(2026, 3, 2)
    assert ev("ferroalloy-replacement", "2025-03-01", **fallback).results["due"] == D(2026, 3, 2)
    assert deadline("ferroalloy-replacement", D(2025, 3, 1)) == D(2025, 3, 28)


def test_deadline_keeps_its_public_signature() -> None:
    from nmgpolicy.rules.disclosure import deadline

    by_name = deadline(item_id="ferroalloy-replacement", formed_on=D(2025, 3, 1))
    assert by_name == D(2025, 3, 28)
    with pytest.raises(TypeError):
        deadline("ferroalloy-replacement", D(2025, 3, 1), FALLBACK)  # type: ignore[call-arg]


def test_the_public_helpers_live_in_the_rule_module() -> None:
    # Pickles and reprs name the public module, whatever private module holds the code.
    import pickle

    from nmgpolicy.rules import disclosure

    for function in (disclosure.catalog, disclosure.deadline, disclosure.item):
        assert function.__module__ == "nmgpolicy.rules.disclosure"
        assert b"nmgpolicy.rules.disclosure" in pickle.dumps(function)
