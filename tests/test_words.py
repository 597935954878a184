"""What a person reads: values displayed per language, English units, labels, quoted law."""

from __future__ import annotations

import datetime as dt
import enum
from decimal import Decimal

import pytest

import nmgpolicy
from nmgpolicy.outcome import Amount, Citation, Decision, Finding, Message, Status, display
from nmgpolicy.params import parameter_set_from_mapping
from nmgpolicy.periods import parse_period
from nmgpolicy.units import Kind, format_amount, parse_amount


@pytest.mark.parametrize(
    ("value", "kind", "zh", "en"),
    [
        ("15亿元", Kind.MONEY, "15亿元", "1.5 billion yuan"),
        ("999999元", Kind.MONEY, "99.9999万元", "999,999 yuan"),
        ("100万元", Kind.MONEY, "100万元", "1 million yuan"),
        ("30万吨", Kind.MASS, "30万吨", "300,000 tonnes"),
        ("150万吨", Kind.MASS, "150万吨", "1.5 million tonnes"),
        ("120平方公里", Kind.AREA, "120平方公里", "120 km²"),
        ("3000kVA", Kind.APPARENT_POWER, "3000kVA", "3,000 kVA"),
        ("80万元/套", Kind.MONEY_PER_SET, "80万元/套", "800,000 yuan per set"),
        ("10万元/台", Kind.MONEY_PER_MACHINE, "10万元/台", "100,000 yuan per machine"),
        ("2万元/吨", Kind.MONEY_PER_MASS, "2万元/吨", "20,000 yuan per tonne"),
        ("0.81吨/万元", Kind.MASS_PER_MONEY, "0.81吨/万元", "0.81 tonnes per 10,000 yuan"),
    ],
)
def test_amounts_read_in_each_language(value: str, kind: Kind, zh: str, en: str) -> None:
    amount = parse_amount(value, kind, path="$")
    assert format_amount(amount, kind) == zh
    assert format_amount(amount, kind, lang="en") == en
    assert Amount(amount, kind).text("en") == en
    assert Amount(amount, kind).text() == str(Amount(amount, kind)) == zh


def test_negative_gaps_in_english_keep_their_sign_and_grouping() -> None:
    assert format_amount(Decimal("-1234567.5"), Kind.MONEY, lang="en") == "-1.2345675 million yuan"
    assert format_amount(Decimal("-12345"), Kind.MONEY, lang="en") == "-12,345 yuan"
    # A forced Chinese unit (the unit of a threshold) applies to Chinese only.
    assert format_amount(Decimal("100"), Kind.MONEY_PER_SET, unit="万元/套") == "0.01万元/套"
    assert format_amount(Decimal("100"), Kind.MONEY_PER_SET, unit="万元/套", lang="en") == (
        "100 yuan per set"
    )


class _Kind(enum.Enum):
    SINGLE = "single"


LABELS = {
    "champions": Message("单项冠军企业", "champions"),
    "single": Message("单体企业", "single enterprise"),
}


@pytest.mark.parametrize(
    ("value", "zh", "en"),
    [
        (None, "—", "—"),
        (True, "是", "yes"),
        (False, "否", "no"),
        (Message("逐年下降", "lower every year"), "逐年下降", "lower every year"),
        (Amount(Decimal("1500000000"), Kind.MONEY), "15亿元", "1.5 billion yuan"),
        (Decimal("0.60"), "0.6", "0.6"),
        (7, "7", "7"),
        (dt.date(2026, 2, 9), "2026-02-09", "2026-02-09"),
        ("single", "单体企业", "single enterprise"),
        (_Kind.SINGLE, "单体企业", "single enterprise"),
        ("unlabelled", "unlabelled", "unlabelled"),
        ({"champions": 1, "other": 2}, "单项冠军企业：1；other：2", "champions: 1; other: 2"),
        (
            {"2022": Decimal("0.92"), 2023: True},
            "2022年：0.92；2023年：是",
            "2022: 0.92; 2023: yes",
        ),
        ([True, "single"], "是、单体企业", "yes, single enterprise"),
        ({"b", "a"}, "a、b", "a, b"),
        ([], "—", "—"),
        (Citation("《办法》", "第五条"), "《办法》第五条", "《办法》第五条"),
    ],
)
def test_display_reads_as_words(value: object, zh: str, en: str) -> None:
    assert display(value, "zh", LABELS) == zh
    assert display(value, "en", LABELS) == en


def test_display_of_periods_and_objects() -> None:
    period = parse_period("20个工作日")
    assert display(period, "zh") == str(period)
    assert display(period, "en") == period.describe("en")
    assert display(period) == str(period)  # zh by default, no labels needed


def test_citation_summary_is_separate_from_the_quoted_text() -> None:
    citation = Citation.from_mapping(
        {"document": "《办法》", "article": "第五条", "text": "原文", "summary": "概要"}
    )
    assert citation.text == "原文"
    assert citation.summary == "概要"
    assert citation.to_dict()["summary"] == "概要"
    assert Citation("《办法》").to_dict()["summary"] == ""


def test_labels_come_from_the_data_file() -> None:
    data = parameter_set_from_mapping(
        {
            "ruleset": {"id": "x"},
            "labels": {"level2": {"zh": "二级", "en": "level 2"}},
            "other": {"kept": True},
        },
        "x.toml",
    )
    assert data.label("level2") == Message("二级", "level 2")
    assert data.label("level9") == Message("level9", "level9")
    assert "labels" not in data.extra
    assert data.extra["other"] == {"kept": True}


def _decision() -> Decision:
    finding = Finding(
        id="disclosure.on_time",
        status=Status.MET,
        message=Message("按时公开。", "Published on time."),
        citation=Citation("《条例》", "第二十六条", text="20个工作日内及时公开"),
        measured=True,
        required={"champions": 1},
        gap=Amount(Decimal("150000000"), Kind.MONEY),
    )
    return Decision(
        ruleset="disclosure",
        on=dt.date(2026, 3, 2),
        status=nmgpolicy.DecisionStatus.ELIGIBLE,
        findings=(finding,),
    )


def test_reports_show_values_per_language_and_quote_the_law() -> None:
    decision = _decision()
    text_zh = decision.explain("zh")
    assert text_zh.splitlines()[0] == "disclosure @ 2026-03-02: 符合条件"  # no code value
    assert "实测: 是" in text_zh
    assert "差距: 1.5亿元" in text_zh
    assert "True" not in text_zh
    text_en = decision.explain("en")
    assert "measured: yes" in text_en
    assert "gap: 150 million yuan" in text_en
    markdown = decision.to_markdown("zh")
    assert "：“20个工作日内及时公开”" in markdown
    assert "：>" not in markdown
    html_zh = decision._repr_html_()
    assert "<th>实测</th>" in html_zh
    assert "<td>是</td>" in html_zh


def test_a_percent_reads_as_a_percentage_and_stays_a_decimal() -> None:
    from nmgpolicy.outcome import Percent, jsonable

    share = Percent("0.705607")
    assert share == Decimal("0.705607")
    assert display(share, "zh") == display(share, "en") == "70.5607%"
    assert jsonable(share) == "0.705607"  # the JSON contract: a ratio as a decimal string
    assert display(Decimal("0.6")) == "0.6"  # a plain number stays plain
