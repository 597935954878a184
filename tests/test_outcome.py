"""Outcome model: aggregation, serialisation, explanations."""

from __future__ import annotations

import datetime as dt
import json
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from nmgpolicy.errors import InputError, UnknownFinding
from nmgpolicy.outcome import (
    Amount,
    Citation,
    Decision,
    DecisionStatus,
    Finding,
    FrozenDict,
    FrozenList,
    Message,
    Status,
    aggregate,
    jsonable,
)
from nmgpolicy.periods import Period, PeriodUnit
from nmgpolicy.units import Kind

CITE = Citation("《办法》", "第五条", "（五）", "成套设备价值在80万元/套以上")


def finding(status: Status, binding: bool = True, fid: str = "x.y") -> Finding:
    return Finding(fid, status, Message("中", "en"), CITE, binding=binding)


@pytest.mark.parametrize(
    ("statuses", "expected"),
    [
        ([], DecisionStatus.ELIGIBLE),
        ([Status.MET, Status.NOT_APPLICABLE], DecisionStatus.ELIGIBLE),
        ([Status.MET, Status.UNKNOWN], DecisionStatus.UNDETERMINED),
        ([Status.REVIEW], DecisionStatus.UNDETERMINED),
        ([Status.REVIEW, Status.NOT_MET, Status.UNKNOWN], DecisionStatus.INELIGIBLE),
    ],
)
def test_aggregate(statuses: list[Status], expected: DecisionStatus) -> None:
    assert aggregate(finding(s) for s in statuses) is expected


def test_informational_findings_do_not_decide() -> None:
    assert aggregate([finding(Status.MET), finding(Status.NOT_MET, binding=False)]) is (
        DecisionStatus.ELIGIBLE
    )


@given(st.lists(st.sampled_from(list(Status)), max_size=8))
def test_aggregate_matches_the_design_rule(statuses: list[Status]) -> None:
    result = aggregate(finding(s) for s in statuses)
    if Status.NOT_MET in statuses:
        assert result is DecisionStatus.INELIGIBLE
    elif Status.UNKNOWN in statuses or Status.REVIEW in statuses:
        assert result is DecisionStatus.UNDETERMINED
    else:
        assert result is DecisionStatus.ELIGIBLE


def test_to_dict_formats() -> None:
    f = Finding(
        "first_set.unit_value",
        Status.NOT_MET,
        Message("低于门槛", "below"),
        CITE,
        measured=Amount(Decimal("799900"), Kind.MONEY_PER_SET),
        required=Amount(Decimal("800000"), Kind.MONEY_PER_SET),
        gap=Amount(Decimal("-100"), Kind.MONEY_PER_SET, unit="万元/套"),
    )
    d = Decision(
        "first_set",
        dt.date(2026, 6, 1),
        aggregate([f]),
        (f,),
        results={"ratio": Decimal("1.10"), "due": dt.date(2026, 7, 1), "tiers": (Status.MET,)},
        notes=(Message("注", "note"),),
        overrides={"p": Period(30, PeriodUnit.DAY)},
    )
    out = d.to_dict()
    json.dumps(out, ensure_ascii=False)
    assert out["status"] == "ineligible"
    assert out["on"] == "2026-06-01"
    fd = out["findings"][0]
    assert fd["measured"] == "79.99万元/套"
    assert fd["required"] == "80万元/套"
    assert fd["gap"] == "-0.01万元/套"
    assert fd["citation"]["article"] == "第五条"
    assert out["results"] == {"ratio": "1.1", "due": "2026-07-01", "tiers": ["met"]}
    assert out["overrides"] == {"p": "30日"}
    assert out["notes"] == [{"zh": "注", "en": "note"}]


def test_jsonable_other_values() -> None:
    assert jsonable({1: {"a", "b"}}) == {"1": ["a", "b"]}
    assert jsonable(CITE)["text"].startswith("成套")
    assert jsonable(Message("a", "b")) == {"zh": "a", "en": "b"}
    assert jsonable(object.__new__(type("X", (), {"to_dict": lambda self: {"k": 1}}))) == {"k": 1}
    assert jsonable(complex(1, 2)) == "(1+2j)"


def test_finding_lookup() -> None:
    d = Decision("r", dt.date(2026, 1, 5), DecisionStatus.ELIGIBLE, (finding(Status.MET),))
    assert d.finding("x.y").status is Status.MET
    with pytest.raises(KeyError) as info:
        d.finding("x.z")
    assert isinstance(info.value, UnknownFinding)
    assert str(info.value) == "no finding 'x.z'; known: x.y"
    assert info.value.known == ("x.y",)


def test_message_language() -> None:
    m = Message("中文", "English")
    assert m.get() == "中文"
    assert m.get("en") == "English"
    with pytest.raises(InputError):
        m.get("fr")


def test_renderings() -> None:
    f = Finding(
        "a.b",
        Status.REVIEW,
        Message("需复核|注意", "needs review"),
        CITE,
        measured=Decimal("0.5"),
        binding=False,
    )
    d = Decision(
        "r",
        dt.date(2026, 1, 5),
        DecisionStatus.ELIGIBLE,
        (f, Finding("a.c", Status.MET, Message("<b>", "<b>"))),
        notes=(Message("说明", "a note"),),
    )
    text = d.explain("zh")
    assert "需审查" in text
    assert "成套设备价值在80万元/套以上" in text
    assert "仅供说明" in text
    assert "说明" in text
    assert "needs review" in d.explain("en")
    md = d.to_markdown("zh")
    assert "需复核\\|注意" in md
    assert "### 依据" in md
    html = d._repr_html_()
    assert "&lt;b&gt;" in html
    assert "<b>" not in html
    with pytest.raises(InputError):
        d.explain("xx")


def test_decision_status_must_follow_its_findings() -> None:
    with pytest.raises(InputError) as info:
        Decision("r", dt.date(2026, 1, 5), DecisionStatus.ELIGIBLE, (finding(Status.NOT_MET),))
    assert info.value.paths == ("$.status",)


# --------------------------------------------------------------------------------------------
# FrozenDict, FrozenList and freeze: what every result holds
# --------------------------------------------------------------------------------------------


def test_frozen_list_reads_and_compares_as_a_list() -> None:
    frozen = FrozenList([[1, 2], {"a": [3]}])
    assert isinstance(frozen, tuple)
    assert isinstance(frozen[0], FrozenList)
    assert isinstance(frozen[1], FrozenDict)
    assert frozen == [[1, 2], {"a": [3]}]
    assert [[1, 2], {"a": [3]}] == frozen  # noqa: SIM300 (the list on the left)
    assert frozen == ((1, 2), {"a": (3,)})
    assert frozen != [[1, 2]]
    assert frozen != 5
    assert frozen.__ne__([[1, 2], {"a": [3]}]) is False
    assert frozen.__ne__(5) is NotImplemented
    assert repr(frozen) == "[[1, 2], {'a': [3]}]"
    assert hash(FrozenList([1, 2])) == hash((1, 2))
    assert FrozenList() == []
    assert json.dumps(frozen) == '[[1, 2], {"a": [3]}]'


def test_frozen_dict_reads_and_compares_as_a_dict() -> None:
    frozen: FrozenDict[str, object] = FrozenDict({"a": [1]}, b={"c": {2}})
    assert isinstance(frozen, dict)
    assert frozen == {"a": [1], "b": {"c": {2}}}
    assert isinstance(frozen["a"], FrozenList)
    assert isinstance(frozen["b"]["c"], frozenset)  # type: ignore[index]
    assert repr(frozen) == "{'a': [1], 'b': {'c': frozenset({2})}}"
    assert json.dumps(frozen, default=list) == '{"a": [1], "b": {"c": [2]}}'
    plain = frozen.copy()
    assert type(plain) is dict
    plain["a"] = 2
    assert frozen["a"] == [1]
    assert type(frozen | {"x": 1}) is dict
    assert hash(FrozenDict(a=1)) == hash(FrozenDict({"a": 1}))
    assert FrozenDict() == {}
    for mutate in (
        lambda: frozen.update(a=2),
        lambda: frozen.setdefault("x", 1),
        lambda: frozen.pop("a"),
        lambda: frozen.popitem(),
        lambda: frozen.clear(),
    ):
        with pytest.raises(TypeError, match="read-only"):
            mutate()
    with pytest.raises(TypeError):
        frozen |= {"x": 1}
    with pytest.raises(AttributeError):
        frozen.note = 1  # type: ignore[attr-defined]
    assert frozen == {"a": [1], "b": {"c": {2}}}


def test_freeze_keeps_immutable_values_and_named_tuples() -> None:
    from nmgpolicy.errors import Problem
    from nmgpolicy.outcome import freeze

    amount = Amount(Decimal(1), Kind.MONEY)
    problem = Problem("$.a", "bad")
    assert freeze(amount) is amount
    assert freeze("text") == "text"
    frozen = freeze([problem, (1, [2])])
    assert frozen[0] is not problem and frozen[0] == problem
    assert type(frozen[0]) is Problem
    assert frozen[1] == (1, [2])
    assert type(frozen[1]) is FrozenList
    marker = object()
    assert freeze({"x": marker})["x"] is marker
