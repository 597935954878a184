"""Independent review of issue 9, points 16–18, over the whole library.

* 16 — every rule set, over many fact sets (each example, then one field at a time removed,
  blanked, set to each of its enumeration values, true/false, zero, a tenth, ten times, a
  failing value, and each choice or boolean parameter): the Chinese output (messages, displayed
  values, notes, text, Markdown and HTML reports, ``to_dict`` messages) holds no code value,
  Python literal, English word, 调用方, 满0年 or "：>"; the English output no Chinese unit name
  outside the quoted law. Every enumeration value has a zh and an en label.
* 17 — every citation a Decision shows (findings and results) is verbatim in the shipped sources.
* 18 — nothing in src, docs, README.md or the examples points outside the repository.
"""

from __future__ import annotations

import datetime as dt
import json
import re
import types
import typing
from collections.abc import Iterator
from decimal import Decimal
from pathlib import Path
from typing import Any

import attrs
import pytest

import nmgpolicy
from nmgpolicy.catalog import bundled_catalog
from nmgpolicy.engine import get_ruleset
from nmgpolicy.errors import CalendarNotCovered, InputError, NotInForce
from nmgpolicy.outcome import Amount, Decision, Finding, Message, Status
from nmgpolicy.params import load_parameters
from nmgpolicy.units import Kind
from tests.language import _problems_in, chinese_problems, english_problems
from tests.test_citations import quoted_verbatim

ROOT = Path(__file__).resolve().parents[1]
EXAMPLES = ROOT / "examples"


# --------------------------------------------------------------------------------------------
# Fact sets: the examples, and one change at a time
# --------------------------------------------------------------------------------------------


def _cases() -> Iterator[tuple[str, dict[str, Any], dt.date]]:
    for index in sorted(EXAMPLES.glob("*/index.json")):
        data = json.loads(index.read_text(encoding="utf-8"))
        for case in data["cases"]:
            ruleset = case.get("ruleset", data.get("ruleset"))
            facts = json.loads((index.parent / case["file"]).read_text(encoding="utf-8"))
            yield ruleset, facts, dt.date.fromisoformat(case["on"])


def _unwrap(tp: Any) -> Any:
    origin = typing.get_origin(tp)
    if origin in (typing.Union, types.UnionType):
        args = [a for a in typing.get_args(tp) if a is not type(None)]
        return _unwrap(args[0]) if len(args) == 1 else tp
    if origin is typing.Annotated:
        return _unwrap(typing.get_args(tp)[0])
    return tp


_NUMBER = re.compile(r"^(-?\d+(?:\.\d+)?)(.*)$")


def _values(tp: Any, value: Any) -> list[Any]:
    """Values to try for a field: blank, each enumeration value, both booleans, an empty list,
    another date, and for a number zero, a tenth, ten times, one more and its negative."""
    tp = _unwrap(tp)
    origin = typing.get_origin(tp)
    out: list[Any] = [None]
    if origin is typing.Literal:
        out += list(typing.get_args(tp))
    elif tp is bool:
        out += [True, False]
    elif origin in (list, tuple):
        inner = _unwrap(typing.get_args(tp)[0])
        out.append([])
        if typing.get_origin(inner) is typing.Literal:
            options = list(typing.get_args(inner))
            out += [[options[0]], options]
    elif tp is dt.date and isinstance(value, str):
        day = dt.date.fromisoformat(value)
        out += [
            (day - dt.timedelta(days=400)).isoformat(),
            (day + dt.timedelta(days=30)).isoformat(),
        ]
    if isinstance(value, str) and (match := _NUMBER.match(value)):
        number, unit = Decimal(match.group(1)), match.group(2)
        for changed in (Decimal(0), number / 10, number * 10, number + 1, -number):
            out.append(f"{changed.normalize():f}{unit}")
    if isinstance(value, int) and not isinstance(value, bool):
        out += [0, 1, value * 10]
    return out


def _variants(cls: Any, facts: Any) -> Iterator[tuple[str, Any]]:
    """(what changed, facts) with one field changed, recursing into records and lists."""
    if not (isinstance(facts, dict) and attrs.has(cls)):
        return
    for name, tp in typing.get_type_hints(cls, include_extras=True).items():
        given = facts.get(name)
        if name in facts:
            yield f"-{name}", {k: v for k, v in facts.items() if k != name}
        for value in _values(tp, given):
            yield f"{name}={value!r}", {**facts, name: value}
        inner = _unwrap(tp)
        if attrs.has(inner) and isinstance(given, dict):
            for what, sub in _variants(inner, given):
                yield f"{name}.{what}", {**facts, name: sub}
        if typing.get_origin(inner) in (list, tuple) and isinstance(given, list):
            item_type = _unwrap(typing.get_args(inner)[0])
            if attrs.has(item_type):
                for index, item in enumerate(given):
                    for what, sub in _variants(item_type, item):
                        changed = list(given)
                        changed[index] = sub
                        yield f"{name}[{index}].{what}", {**facts, name: changed}


def _parameter_variants(ruleset: str) -> Iterator[dict[str, object]]:
    for name, parameter in load_parameters(ruleset).parameters.items():
        if parameter.type == "bool":
            yield {name: True}
            yield {name: False}
        elif parameter.type.startswith("choice:"):
            for value in parameter.type.split(":", 1)[1].split("|"):
                yield {name: value}


def _extra_cases(ruleset: str) -> Iterator[tuple[str, dict[str, Any], dt.date, dict[str, object]]]:
    """Cases the examples do not reach: every catalog item of disclosure, the SME awards and
    the reported continuation of 附件1."""
    if ruleset == "disclosure":
        for item in bundled_catalog().items:
            for formed, published in (("2026-01-20", None), ("2025-03-01", "2025-12-31")):
                facts: dict[str, Any] = {"item": item.id, "formed_on": formed}
                if published:
                    facts["published_on"] = published
                for role in ("ceiling", "fallback"):
                    yield item.id, facts, dt.date(2026, 3, 10), {"article_26_role": role}
    if ruleset in ("sme_innovative", "sme_specialized"):
        awards: list[list[dict[str, Any]]] = [
            [{"level": "national", "rank": 1, "name": "国家科学技术进步奖"}],
            [{"level": "provincial", "rank": 4}],
            [{"level": "provincial"}, {"level": "national", "rank": 9}],
        ]
        for award in awards:
            yield "awards", {"science_awards_3y": award}, dt.date(2025, 9, 1), {}
        yield "no facts", {}, dt.date(2025, 9, 1), {}
    if ruleset == "sme_innovative":
        yield "after 2026-03-31", {}, dt.date(2026, 12, 1), {}
        yield "window set", {}, dt.date(2026, 5, 1), {"continuation_until": "2026-06-30"}


def _decisions(ruleset: str) -> Iterator[tuple[str, Decision]]:
    cls = get_ruleset(ruleset).facts_type
    for name, facts, on in _cases():
        if name != ruleset:
            continue
        runs: list[tuple[str, Any, dict[str, object]]] = [("example", facts, {})]
        runs += [(what, changed, {}) for what, changed in _variants(cls, facts)]
        runs += [(f"parameters {p}", facts, p) for p in _parameter_variants(ruleset)]
        for what, changed, parameters in runs:
            try:
                yield what, nmgpolicy.evaluate(ruleset, changed, on=on, parameters=parameters)
            except (InputError, NotInForce, CalendarNotCovered):
                continue
    for what, facts, on, parameters in _extra_cases(ruleset):
        try:
            yield what, nmgpolicy.evaluate(ruleset, facts, on=on, parameters=parameters)
        except (InputError, NotInForce, CalendarNotCovered):
            continue


RULESETS = nmgpolicy.rulesets()


def test_every_rule_set_is_swept() -> None:
    assert set(RULESETS) == {
        "cluster",
        "disclosure",
        "ferroalloy",
        "first_set",
        "sme_innovative",
        "sme_specialized",
    }


# --------------------------------------------------------------------------------------------
# 16. The words of every output
# --------------------------------------------------------------------------------------------


@pytest.mark.parametrize("ruleset", RULESETS)
def test_chinese_and_english_output_of_every_rule_set(ruleset: str) -> None:
    problems: dict[str, str] = {}
    statuses: set[str] = set()
    count = 0
    for what, decision in _decisions(ruleset):
        count += 1
        statuses.add(decision.status.value)
        ids = [f.id for f in decision.findings] + [decision.ruleset]
        found = chinese_problems(decision) + english_problems(decision)
        for finding in decision.to_dict()["findings"]:
            found += _problems_in(finding["message"]["zh"], f"{finding['id']}.to_dict", ids)
        for note in decision.to_dict()["notes"]:
            found += _problems_in(note["zh"], "to_dict.notes", ids)
        for problem in found:
            problems.setdefault(re.sub(r"\d+", "#", problem)[:120], f"{what}: {problem}")
    assert count >= 10, count
    assert len(statuses) >= 2, statuses  # the sweep reaches more than one outcome
    assert list(problems.values()) == []


@pytest.mark.parametrize("ruleset", RULESETS)
def test_every_code_value_has_both_labels(ruleset: str) -> None:
    """Every enumeration value of the facts and every value of a choice parameter has a zh
    and an en label in the rule set's data file."""

    def literals(tp: Any, seen: set[Any]) -> Iterator[str]:
        if typing.get_origin(tp) is typing.Literal:
            yield from (str(v) for v in typing.get_args(tp))
            return
        for arg in typing.get_args(tp):
            yield from literals(arg, seen)
        if isinstance(tp, type) and attrs.has(tp) and tp not in seen:
            seen.add(tp)
            for hint in typing.get_type_hints(tp, include_extras=True).values():
                yield from literals(hint, seen)

    data = load_parameters(ruleset)
    codes = set(literals(get_ruleset(ruleset).facts_type, set()))
    for parameter in data.parameters.values():
        if parameter.type.startswith("choice:"):
            codes |= set(parameter.type.split(":", 1)[1].split("|"))
    missing = sorted(c for c in codes if c not in data.labels)
    assert missing == []
    for code in codes:
        label = data.labels[code]
        assert label.zh.strip() and label.en.strip(), code
        assert not re.search(r"[A-Za-z]", label.zh.replace("ISO9001", "")), (code, label.zh)


def _decision(finding: Finding, notes: tuple[Message, ...] = ()) -> Decision:
    return Decision(
        "sme_innovative",
        dt.date(2025, 9, 1),
        status=_status(finding),
        findings=(finding,),
        notes=notes,
    )


def _status(finding: Finding) -> Any:
    from nmgpolicy.outcome import aggregate

    return aggregate([finding])


@pytest.mark.parametrize(
    ("message", "measured"),
    [
        (Message("等级为level2。", "level 2"), None),
        (Message("结果：True", "True"), None),
        (Message("由调用方提供", "given by the caller"), None),
        (Message("从事满0年", "0 years"), None),
        (Message("已满足", "met"), {"kind": "municipal"}),
        (Message("已满足", "met"), ["unlabelled_code"]),  # no label: shown as is
        (Message("已满足", "met"), ["class1"]),  # labelled: Ⅰ类知识产权1项以上
        (Message("已满足", "met"), Decimal("1")),  # clean
    ],
)
def test_the_chinese_checker_catches_what_the_issue_names(message: Message, measured: Any) -> None:
    decision = _decision(Finding("sme_innovative.total", Status.MET, message, measured=measured))
    problems = chinese_problems(decision)
    clean = message.zh == "已满足" and measured in (Decimal(1), ["class1"])
    assert (problems == []) is clean, problems


@pytest.mark.parametrize(
    ("en", "clean"),
    [
        ("Output is 15亿元; required at least 1.5 billion yuan.", False),
        ("Area 120平方公里.", False),
        ("Due 20个工作日 after formation.", False),
        ("Output is 1.5 billion yuan (《…办法》第五条: “15亿元以上”).", True),
        ("Capacity 300,000 tonnes, 3,000 kVA, 120 km².", True),
    ],
)
def test_the_english_checker_catches_chinese_units(en: str, clean: bool) -> None:
    decision = _decision(Finding("sme_innovative.total", Status.MET, Message("符合。", en)))
    assert (english_problems(decision) == []) is clean


def test_english_amounts_in_displayed_values() -> None:
    finding = Finding(
        "sme_innovative.total",
        Status.NOT_MET,
        Message("不符合。", "Not met."),
        measured=Amount(Decimal("1500000000"), Kind.MONEY),
        required=Amount(Decimal("120"), Kind.AREA),
        gap=Amount(Decimal("-300000"), Kind.MASS),
    )
    decision = _decision(finding)
    assert english_problems(decision) == []
    text = decision.explain("en")
    assert "1.5 billion yuan" in text and "120 km²" in text and "-300,000 tonnes" in text
    assert "15亿元" in decision.explain("zh") and "120平方公里" in decision.explain("zh")


def test_html_report_is_checked_in_chinese() -> None:
    finding = Finding(
        "sme_innovative.total", Status.MET, Message("符合。", "Met."), measured={"band": "level2"}
    )
    assert any(p.startswith("html") for p in chinese_problems(_decision(finding)))


def test_markdown_quotes_the_law_without_a_stray_marker() -> None:
    for _, decision in _decisions("first_set"):
        markdown = decision.to_markdown("zh")
        assert "：>" not in markdown and "：“" in markdown
        break


# --------------------------------------------------------------------------------------------
# 17. The citations a Decision shows are verbatim
# --------------------------------------------------------------------------------------------


def _citations_in(value: Any) -> Iterator[dict[str, Any]]:
    if isinstance(value, dict):
        if "document" in value and "text" in value:
            yield value
        for item in value.values():
            yield from _citations_in(item)
    elif isinstance(value, list):
        for item in value:
            yield from _citations_in(item)


@pytest.mark.parametrize("ruleset", RULESETS)
def test_every_citation_a_decision_shows_is_verbatim(ruleset: str) -> None:
    bad: set[str] = set()
    seen = 0
    for _, decision in _decisions(ruleset):
        data = decision.to_dict()
        for citation in _citations_in({"findings": data["findings"], "results": data["results"]}):
            seen += 1
            text = citation["text"]
            if not text or not quoted_verbatim(text):
                bad.add(f"{citation['document']} {citation.get('article', '')}: {text[:60]!r}")
    assert seen > 0
    assert sorted(bad) == []


def test_every_finding_carries_a_quoted_citation() -> None:
    missing: set[str] = set()
    for ruleset in RULESETS:
        for _, decision in _decisions(ruleset):
            for finding in decision.findings:
                if finding.citation is None or not finding.citation.text.strip():
                    missing.add(re.sub(r"\.unit\..*", ".unit.*", finding.id))
    assert sorted(missing) == []


# --------------------------------------------------------------------------------------------
# 18. The project stands alone
# --------------------------------------------------------------------------------------------

_OUTSIDE = re.compile(r"shared/|DESIGN\.md|reference/|/work/|seeds/|\.\./shared")


def _shipped_files() -> Iterator[Path]:
    for folder in ("src", "docs", "examples"):
        for path in sorted((ROOT / folder).rglob("*")):
            if path.is_file() and path.suffix in {".py", ".md", ".toml", ".json", ".tsv", ".txt"}:
                yield path
    yield ROOT / "README.md"


def test_nothing_points_outside_the_repository() -> None:
    found = []
    for path in _shipped_files():
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            if _OUTSIDE.search(line):
                found.append(f"{path.relative_to(ROOT)}:{number}: {line.strip()[:100]}")
    assert found == []


def test_the_sme_docs_carry_the_thresholds_and_their_sources() -> None:
    doc = (ROOT / "docs" / "rules" / "sme.md").read_text(encoding="utf-8")
    assert "how sure" in doc
    for words in ("≥5%", "≤55%", "2022-06-01", "工信部企业〔2026〕2号", "unverified"):
        assert words in doc, words
    # Each docs heading appears once (no duplicated sections).
    headings = re.findall(r"^#+ .*$", doc, flags=re.M)
    assert len(headings) == len(set(headings)), [h for h in headings if headings.count(h) > 1]
