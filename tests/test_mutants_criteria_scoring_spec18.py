"""``criteria_scoring_spec`` (a scoring table as its data file states it) pinned where its full
mutation run found it loose (docs/mutation.md): the structure checks of a table (each named by
its data-file path and its reason), a table of two bands, bands that fix an edge on both sides,
the items of an items indicator, parameters whose values change on a date, and the keyword-only
``inclusive`` of :meth:`TableSpec.resolved`."""

from __future__ import annotations

import datetime as dt
import tomllib
from collections.abc import Callable
from decimal import Decimal
from importlib import resources
from typing import Any

import attrs
import pytest

from nmgpolicy.criteria_scoring import Plain, score
from nmgpolicy.criteria_scoring_spec import TableSpec, _states
from nmgpolicy.errors import InputError
from nmgpolicy.outcome import Message
from nmgpolicy.params import load_parameters, parameter_set_from_mapping
from tests.rules.test_sme_specialized import _broken, _set, _value

Mutate = Callable[[dict[str, Any]], Any]


def _load(mutate: Mutate) -> TableSpec:
    return TableSpec.load(parameter_set_from_mapping(_broken(mutate), "broken.toml"))


def _refused(mutate: Mutate) -> InputError:
    with pytest.raises(InputError) as info:
        _load(mutate)
    return info.value


def _both(*mutations: Mutate) -> Mutate:
    def mutate(raw: dict[str, Any]) -> None:
        for one in mutations:
            one(raw)

    return mutate


def _pop(path: str, *keys: str) -> Mutate:
    def mutate(raw: dict[str, Any]) -> None:
        node: Any = raw
        for part in path.split("."):
            node = node[int(part)] if part.isdigit() else node[part]
        for key in keys:
            node.pop(key)

    return mutate


_BANDS = "broken.toml:indicators.rd_share.bands"
_TWO_MEASURES = _set("indicators.rd_share.measures", {"share": "share", "amount": "money"})


@pytest.mark.parametrize(
    ("mutate", "where", "why"),
    [
        (_set("indicators.ip.title", {"zh": "知识产权"}), "indicators.ip.title", "{zh, en}"),
        (
            _set("indicators.rd_share.bands.0.points", "band_lower_inclusive"),
            f"{_BANDS}[0].points",
            "must name a decimal parameter, not a bool one",
        ),
        (_TWO_MEASURES, f"{_BANDS}[0].lower", "give the bound per measure"),
        (
            _set("indicators.rd_share.measures", {}),
            f"{_BANDS}[0].lower",
            "give the bound per measure",
        ),
        (
            # every measure type at once is allowed (the bounds then need one per measure)
            _set(
                "indicators.rd_share.measures",
                {"a": "share", "b": "ratio", "c": "growth", "d": "money"},
            ),
            f"{_BANDS}[0].lower",
            "give the bound per measure",
        ),
        (
            _both(
                _TWO_MEASURES,
                *(
                    _set(f"indicators.rd_share.bands.{i}.{side}", {"share": f"rd_share_edge_{e}"})
                    for i, side, e in [(0, "lower", 1), (1, "upper", 1)]
                ),
            ),
            f"{_BANDS}[0].lower",
            "the bound needs each measure",
        ),
        (
            _pop("indicators.rd_share.bands.2", "lower", "lower_inclusive"),
            f"{_BANDS}[2]",
            "every band but the last has a lower bound",
        ),
        (
            _both(
                _set("indicators.rd_share.bands.0.upper", "rd_share_edge_1"),
                _set("indicators.rd_share.bands.0.upper_inclusive", "open"),
            ),
            f"{_BANDS}[0]",
            "every band but the first has an upper bound",
        ),
        (
            _pop("indicators.rd_share.bands.2", "upper", "upper_inclusive"),
            f"{_BANDS}[2]",
            "every band but the first has an upper bound",
        ),
        (
            # "3–5%" then "2–3%": the row below 3–5% must be bounded by 3 %, not 2 %
            _set("indicators.rd_share.bands.2.upper", "rd_share_edge_3"),
            f"{_BANDS}[2].upper",
            "must name the edge of the band above",
        ),
    ],
)
def test_a_table_defect_is_named_by_its_path_and_reason(
    mutate: Mutate, where: str, why: str
) -> None:
    error = _refused(mutate)
    path = where if where.startswith("broken.toml:") else f"broken.toml:{where}"
    assert error.paths == (path,)
    assert why in str(error)


def test_a_title_with_more_than_its_two_languages_is_read() -> None:
    title = {"zh": "知识产权", "en": "IP", "note": "其他语言的说明"}
    spec = _load(_set("indicators.ip.title", title))
    (ip,) = (i for i in spec.indicators if i.name == "ip")
    assert ip.title == Message("知识产权", "IP")


def test_a_defect_of_the_data_files_values_is_named_at_the_first_parameter_involved() -> None:
    error = _refused(_value("rd_share_edge_2", "6%"))
    assert error.paths == ("broken.toml:parameters.rd_share_edge_1",)
    assert str(error) == (
        "invalid input at broken.toml:parameters.rd_share_edge_1: edges must move away from the "
        "best band: rd_share_edge_1 (5%) must be above rd_share_edge_2 (6%) of the band after "
        'it; e.g. "7%"'
    )


def test_the_default_values_are_checked_when_the_table_is_loaded() -> None:
    """Points that rise band by band: refused by ``load`` itself, before any evaluation."""
    with pytest.raises(InputError) as info:
        _load(_value("rd_share_points_2", "20"))
    assert info.value.paths == ("broken.toml:parameters.rd_share_points_2",)


def test_a_table_of_two_bands() -> None:
    """ "≥5%=20", else 0: the fewest bands a banded indicator can have."""
    bands = [
        {
            "lower": "rd_share_edge_1",
            "lower_inclusive": True,
            "points": "rd_share_points_1",
            "source": "≥5%=20",
        },
        {
            "upper": "rd_share_edge_1",
            "upper_inclusive": False,
            "points": "rd_share_points_5",
            "source": "<5%=0",
        },
    ]
    spec = _load(_set("indicators.rd_share.bands", bands))
    table = spec.resolved(spec.defaults())
    rd_share = table.indicator("rd_share")
    assert [b.points for b in rd_share.bands] == [Decimal(20), Decimal(0)]
    assert score(rd_share, {"share": Plain(Decimal("0.05"))}, inclusive=False).low == 20
    assert score(rd_share, {"share": Plain(Decimal("0.049"))}, inclusive=True).low == 0


def test_two_bands_that_both_place_their_edge_fix_it() -> None:
    """ "≥5%=20" above a row that says "<5%": both put 5 % in the upper band, which is fixed
    whatever band_lower_inclusive says."""
    spec = _load(_set("indicators.rd_share.bands.1.upper_inclusive", False))
    (rd_share,) = (i for i in spec.indicators if i.name == "rd_share")
    assert rd_share.rows[0].fixed is True
    table = spec.resolved(spec.defaults(), inclusive=False)
    five = {"share": Plain(Decimal("0.05"))}
    assert score(table.indicator("rd_share"), five, inclusive=False).low == 20


def test_an_items_indicator_keeps_its_items_and_other_kinds_have_none() -> None:
    spec = TableSpec.load(load_parameters("sme_specialized"))
    rows = {i.name: i.rows for i in spec.indicators}
    assert [r.value for r in rows["quality"]] == [
        "quality_award",
        "system_certification",
        "own_brand",
        "standard_setting",
    ]
    assert rows["quality"][0].text == "省级以上质量奖"
    assert rows["niche_years"] == () and rows["characteristic"] == ()


def test_a_steps_indicator_with_a_stray_items_list_has_no_rows() -> None:
    text = resources.files("nmgpolicy").joinpath("data", "sme_specialized.toml").read_text("utf-8")
    raw = tomllib.loads(text)
    _set("indicators.niche_years.items", [{"value": "x", "source": "x"}])(raw)
    spec = TableSpec.load(parameter_set_from_mapping(raw, "stray.toml"))
    assert next(i for i in spec.indicators if i.name == "niche_years").rows == ()


def test_an_amount_in_wan_yuan_with_decimals_is_stated_by_its_words() -> None:
    assert _states("≥123.4567万元=5", Decimal(1_234_567), "amount:money")
    assert not _states("≥123万元=5", Decimal(1_234_567), "amount:money")
    assert _states("≥500万=5", Decimal(5_000_000), "amount:money")


# ---- parameters whose values change on a date -----------------------------------------------


def _dated(values: list[dict[str, Any]]) -> Mutate:
    def mutate(raw: dict[str, Any]) -> None:
        edge = dict(raw["parameters"]["rd_share_edge_1"])
        edge.pop("value", None)
        edge["values"] = values
        raw["parameters"]["rd_share_edge_1"] = edge

    return mutate


def test_each_day_gets_the_table_of_the_values_in_force_that_day() -> None:
    """5 % up to 2024-12-31, 6 % after (the later value given without its first day): each
    evaluation gets its own day's edge, whichever day was asked first."""
    spec = _load(_dated([{"value": "5%", "to": "2024-12-31"}, {"value": "6%"}]))
    data = spec.data
    expected = {
        dt.date(2025, 1, 1): Decimal("0.06"),
        dt.date(2024, 12, 31): Decimal("0.05"),
        dt.date(2024, 6, 1): Decimal("0.05"),
        dt.date(2025, 1, 2): Decimal("0.06"),
        dt.date(2024, 12, 30): Decimal("0.05"),
    }
    for on, edge in expected.items():
        table = spec.for_params(data.resolve(on), on)
        assert table.indicator("rd_share").bands[0].edges == {"share": edge}, on


def test_a_value_in_force_to_the_last_day_of_the_calendar_loads() -> None:
    spec = _load(_dated([{"value": "5%", "to": "9999-12-31"}]))
    on = dt.date(2026, 1, 5)
    table = spec.for_params(spec.data.resolve(on), on)
    assert table.indicator("rd_share").bands[0].edges == {"share": Decimal("0.05")}


# ---- TableSpec.resolved and for_params --------------------------------------------------------


_OPEN_LAST = _set("indicators.rd_share.bands.4.upper_inclusive", "open")
""""<1%=0" made open: the last band's edge is placed by band_lower_inclusive."""


def test_a_row_written_anew_places_an_open_edge_in_the_higher_band_unless_said_otherwise() -> None:
    """The last edge moved to 1.5 %: its row is written from the values, 1.5 % itself in the
    band above ("<1.5%=0") by default, in this band ("≤1.5%=0") when inclusive is false."""
    spec = _load(_OPEN_LAST)
    values = {**spec.defaults(), "rd_share_edge_4": Decimal("0.015")}
    assert spec.resolved(values).indicator("rd_share").bands[-1].text == "<1.5%=0"
    lower = spec.resolved(values, inclusive=False).indicator("rd_share")
    assert lower.bands[-1].text == "≤1.5%=0"
    assert spec.resolved(values=values, inclusive=True).indicator("rd_share").bands[-1].text == (
        "<1.5%=0"
    )
    with pytest.raises(TypeError):
        spec.resolved(values, None, (), False)  # type: ignore[misc]


def test_a_data_file_without_the_edge_parameter_places_open_edges_in_the_higher_band() -> None:
    spec = _load(_both(_OPEN_LAST, lambda raw: raw["parameters"].pop("band_lower_inclusive")))
    on = dt.date(2025, 9, 1)
    table = spec.for_params(spec.data.resolve(on, {"rd_share_edge_4": "1.5%"}), on)
    assert table.indicator("rd_share").bands[-1].text == "<1.5%=0"


def test_only_the_table_s_derived_fields_are_left_out_of_its_constructor() -> None:
    derived = [f.name for f in attrs.fields(TableSpec) if not f.init]
    assert derived == ["names", "_name_set", "_boundaries", "_segments", "stated"]
