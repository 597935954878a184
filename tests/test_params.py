"""Dated legal parameters, citations and what-if overrides."""

from __future__ import annotations

import datetime as dt
import pickle
import threading
from concurrent.futures import ThreadPoolExecutor
from decimal import Decimal

import attrs
import pytest

from nmgpolicy.engine import rulesets
from nmgpolicy.errors import InputError
from nmgpolicy.params import (
    DatedValue,
    ParameterSet,
    Resolved,
    load_parameters,
    parameter_set_from_mapping,
    parse_date,
    shown_overrides,
    value_parser,
)
from nmgpolicy.periods import Period, PeriodUnit

DATA = {
    "ruleset": {
        "id": "demo",
        "title": {"zh": "示例", "en": "Demo"},
        "document": "《示例办法》",
        "in_force_from": "2024-01-01",
        "window_note": {"zh": "有效期未知", "en": "unknown window"},
    },
    "parameters": {
        "threshold": {
            "type": "amount:money_per_set",
            "values": [
                {"from": "2024-01-01", "to": "2024-12-31", "value": "80万元/套"},
                {"from": "2025-01-01", "value": "100万元/套"},
            ],
            "citation": {"document": "《示例办法》", "article": "第五条", "text": "80万元/套以上"},
        },
        "share": {"type": "share", "value": "60%"},
        "ratio": {"type": "decimal", "value": "1.25"},
        "years": {"type": "int", "value": 3},
        "flag": {"type": "bool", "value": True},
        "method": {"type": "choice:cagr|mean", "value": "cagr"},
        "name": {"type": "str", "value": "x"},
        "start": {"type": "date", "value": "2024-05-01"},
        "period": {"type": "period", "value": "20个工作日"},
        "factor": {"type": "decimal"},
    },
    "criteria": {
        "demo.a": {"title": {"zh": "甲", "en": "A"}, "citation": {"document": "《示例办法》"}},
        "demo.b": {"title": "乙", "binding": False},
    },
}

PS = parameter_set_from_mapping(DATA, "demo.toml")


def test_dated_values() -> None:
    assert PS.parameters["threshold"].at(dt.date(2024, 12, 31)) == Decimal("800000")
    assert PS.parameters["threshold"].at(dt.date(2025, 1, 1)) == Decimal("1000000")
    assert PS.parameters["threshold"].at(dt.date(2023, 12, 31)) is None
    assert PS.parameters["factor"].at(dt.date(2025, 1, 1)) is None
    assert DatedValue(1).covers(dt.date(1900, 1, 1))


def test_types_parse() -> None:
    values = PS.resolve(dt.date(2025, 6, 1)).values
    assert values["share"] == Decimal("0.6")
    assert values["ratio"] == Decimal("1.25")
    assert values["period"] == Period(20, PeriodUnit.WORKING_DAY)
    assert values["start"] == dt.date(2024, 5, 1)
    assert values["method"] == "cagr"


def test_metadata() -> None:
    assert PS.in_force_from == dt.date(2024, 1, 1)
    assert PS.window_note is not None
    assert PS.citation("demo.a") is not None
    assert PS.criteria["demo.b"].title.en == "乙"
    assert PS.criteria["demo.b"].binding is False


def test_overrides_are_parsed_and_recorded() -> None:
    resolved = PS.resolve(dt.date(2025, 6, 1), {"threshold": "70万元/套", "method": "mean"})
    assert resolved["threshold"] == Decimal("700000")
    assert resolved.overrides == {"threshold": Decimal("700000"), "method": "mean"}


def test_bad_overrides_report_every_path() -> None:
    with pytest.raises(InputError) as info:
        PS.resolve(
            dt.date(2025, 6, 1),
            {
                "threshold": "70万元/吨",
                "nope": 1,
                "method": "median",
                "years": True,
                "flag": "yes",
                "name": 3,
                "ratio": "x",
                "start": "soon",
            },
        )
    assert set(info.value.paths) == {
        "$.parameters.threshold",
        "$.parameters.nope",
        "$.parameters.method",
        "$.parameters.years",
        "$.parameters.flag",
        "$.parameters.name",
        "$.parameters.ratio",
        "$.parameters.start",
    }
    with pytest.raises(InputError):
        PS.resolve(dt.date(2025, 6, 1), ["threshold"])  # type: ignore[arg-type]


@pytest.mark.parametrize("bad", [None, "1e400", float("nan"), "inf", [], True, "1e19"])
def test_decimal_parser_rejects(bad: object) -> None:
    with pytest.raises(InputError):
        value_parser("decimal")(bad, "$.x")


def test_parse_date() -> None:
    assert parse_date(" 2026-01-05 ", "$.d") == dt.date(2026, 1, 5)
    assert parse_date(dt.date(2026, 1, 5), "$.d") == dt.date(2026, 1, 5)
    for bad in (dt.datetime(2026, 1, 5), "2026/01/05", 20260105, None, "x" * 200):
        with pytest.raises(InputError) as info:
            parse_date(bad, "$.d")
        assert info.value.paths == ("$.d",)


def test_bundled_disclosure_data() -> None:
    ps = load_parameters("disclosure")
    assert ps.parameters["default_period"].at(dt.date(2026, 1, 1)) == Period(
        20, PeriodUnit.WORKING_DAY
    )
    assert ps.parameters["default_period"].citation is not None
    assert ps.parameters["default_period"].citation.article == "第二十六条"
    for info in ps.criteria.values():
        assert info.citation is not None and info.citation.text


def test_overrides_are_shown_with_units() -> None:
    resolved = PS.resolve(dt.date(2025, 6, 1), {"threshold": "70万元/套", "ratio": "1.1"})
    shown = shown_overrides(PS, resolved)
    assert str(shown["threshold"]) == "70万元/套"
    assert shown["ratio"] == Decimal("1.1")


def test_none_leaves_a_caller_supplied_parameter_unset() -> None:
    resolved = PS.resolve(dt.date(2025, 6, 1), {"factor": None})
    assert resolved["factor"] is None
    assert resolved.overrides == {}
    with pytest.raises(InputError) as info:
        PS.resolve(dt.date(2025, 6, 1), {"ratio": None})  # a legal value cannot be unset
    assert info.value.paths == ("$.parameters.ratio",)


def test_ranges_and_examples() -> None:
    from nmgpolicy.params import parse_range

    data = parameter_set_from_mapping(
        {
            "ruleset": {"id": "demo"},
            "parameters": {
                "rate": {"type": "decimal", "range": "(0, 10)"},
                "count": {"type": "int", "range": "(0, 5]"},
                "open": {"type": "decimal"},
                "money": {"type": "amount:money"},
                "method": {"type": "choice:cagr|mean"},
                "flag": {"type": "bool", "value": False},
                "day": {"type": "date", "value": dt.date(2024, 5, 1)},
                "text": {"type": "str"},
            },
        },
        "demo.toml",
    )
    examples = {name: p.example for name, p in data.parameters.items()}
    assert examples == {
        "rate": '"10"',
        "count": "5",
        "open": '"1.25"',
        "money": '"15亿元"',
        "method": '"cagr"',
        "flag": "false",
        "day": '"2024-05-01"',
        "text": '"…"',
    }
    rate = data.parameters["rate"].range
    assert rate is not None
    assert str(rate) == "(0, 10)"
    assert rate.describe() == "above 0 and below 10"
    assert not rate.contains(Decimal(10))
    assert not rate.contains(Decimal(0))
    with pytest.raises(InputError) as info:
        data.resolve(dt.date(2025, 1, 1), {"open": "1.0000000000001"})
    assert 'decimal places, got 13; e.g. "1.25"' in str(info.value)
    with pytest.raises(InputError):
        parse_range("[1, 99999999999999999999]", "int", "$.range")  # beyond 10^18


# ------------------------------------------------------------------------------------------
# Resolution cost: the data file's values made once per span of dates, read-only and shared
# ------------------------------------------------------------------------------------------


def _edges(data: ParameterSet) -> list[dt.date]:
    """Every date a value starts or stops applying, the days either side, and a few others."""
    days = {dt.date(2000, 1, 1), dt.date(2025, 6, 1), dt.date(2099, 12, 31)}
    for parameter in data.parameters.values():
        for dated in parameter.values:
            for edge in (dated.start, dated.end):
                if edge is not None:
                    days.update(edge + dt.timedelta(days=d) for d in (-1, 0, 1))
    return sorted(day for day in days if dt.date.min < day < dt.date.max)


@pytest.mark.parametrize("ruleset", ["demo", *rulesets()])
def test_values_in_force_on_each_date_are_those_of_the_data_file(ruleset: str) -> None:
    data = PS if ruleset == "demo" else load_parameters(ruleset)
    for day in [*_edges(data), dt.date.min, dt.date.max]:
        resolved = data.resolve(day)
        assert resolved.values == {name: p.at(day) for name, p in data.parameters.items()}
        assert resolved.defaults == resolved.values
        assert resolved.overrides == {}
        assert resolved.changed() == ()
        assert shown_overrides(data, resolved) == {}
        assert data.resolve(day, {}) is resolved  # no overrides: the same object


def test_one_object_per_span_of_dates_and_a_bounded_cache() -> None:
    data = parameter_set_from_mapping(DATA, "demo.toml")  # a fresh cache
    before, first, second = dt.date(2023, 12, 31), dt.date(2024, 1, 1), dt.date(2025, 1, 1)
    assert data.resolve(first) is data.resolve(dt.date(2024, 12, 31))
    assert data.resolve(first) is not data.resolve(second)
    assert data.resolve(before)["threshold"] is None
    assert data.resolve(first)["threshold"] == Decimal("800000")
    assert data.resolve(second)["threshold"] == Decimal("1000000")
    for offset in range(20_000):  # 55 years of distinct dates
        data.resolve(dt.date(2000, 1, 1) + dt.timedelta(days=offset))
    spans = data._by_date.by_span
    starts = data._by_date.starts
    assert starts is not None
    assert starts == (first, second)  # 2024-12-31 ends one value, 2025-01-01 starts one
    assert len(spans) == 3  # before 2024, in 2024, from 2025


def test_a_resolved_object_cannot_be_changed_by_its_callers() -> None:
    on = dt.date(2025, 6, 1)
    resolved = PS.resolve(on)
    for part in (resolved.values, resolved.overrides, resolved.defaults):
        with pytest.raises(TypeError):
            part["ratio"] = Decimal(99)  # type: ignore[index]
        with pytest.raises(TypeError):
            part.update(ratio=Decimal(99))  # type: ignore[attr-defined]
    with pytest.raises(attrs.exceptions.FrozenInstanceError):
        resolved.values = {}  # type: ignore[misc]
    overrides: dict[str, object] = {"ratio": "1.5"}
    overridden = PS.resolve(on, overrides)
    overrides["ratio"] = "2"  # the caller's mapping, changed afterwards
    overrides["years"] = 9
    assert overridden["ratio"] == Decimal("1.5")
    assert overridden.changed() == ("ratio",)
    again = PS.resolve(on)
    assert again is resolved
    assert again["ratio"] == Decimal("1.25")
    assert again.changed() == ()


@pytest.mark.parametrize(
    "overrides",
    [
        {"ratio": "1.5"},
        {"ratio": "1.25"},  # the data file's own value: recorded, the caller asked for it
        {"method": "mean", "threshold": "70万元/套", "ratio": "1.5"},
        {"factor": "2", "period": "10个工作日"},
        {"factor": None},
    ],
)
def test_changed_with_overrides_is_what_the_general_rule_gives(
    overrides: dict[str, object],
) -> None:
    resolved = PS.resolve(dt.date(2025, 6, 1), overrides)
    general = Resolved(dict(resolved.values), dict(resolved.overrides), dict(resolved.defaults))
    assert resolved == general
    assert resolved.changed() == general.changed()
    assert list(resolved.changed()) == [n for n in PS.parameters if n in resolved.overrides]
    assert shown_overrides(PS, resolved) == shown_overrides(PS, general)
    copy = pickle.loads(pickle.dumps(resolved))
    assert copy == resolved
    assert copy.changed() == resolved.changed()


def test_threads_share_one_object_per_span() -> None:
    data = parameter_set_from_mapping(DATA, "demo.toml")  # a fresh cache
    days = [dt.date(2023, 6, 1), dt.date(2024, 6, 1), dt.date(2025, 6, 1)] * 50
    barrier = threading.Barrier(8)

    def work(_: int) -> list[int]:
        barrier.wait()
        return [id(data.resolve(day)) for day in days]

    with ThreadPoolExecutor(8) as pool:
        seen = list(pool.map(work, range(8)))
    assert all(ids == seen[0] for ids in seen)
    assert len(set(seen[0])) == 3


def test_ranges_survive_copies() -> None:
    data = load_parameters("cluster")
    for parameter in data.parameters.values():
        if parameter.range is None:
            continue
        copy = pickle.loads(pickle.dumps(parameter.range))
        moved = attrs.evolve(parameter.range)
        for bound in (parameter.range.low, parameter.range.high):
            assert copy.contains(bound) == moved.contains(bound) == parameter.range.contains(bound)
