"""How the ferroalloy findings read: the public :class:`Tier` and the explanations of the ratio
tier (第三条), the conversion (第五条) and the sufficiency test.

Every function here only *formats* what the decision established (``render=`` of the lazy
findings, called when a finding is first read); none decides anything.
"""

from __future__ import annotations

from collections.abc import Mapping
from decimal import Decimal
from typing import Any

import attrs

from nmgpolicy.criteria import Compare, Shown, not_applicable_text, threshold_text
from nmgpolicy.criteria_lists import Basis, Sufficiency
from nmgpolicy.criteria_tiers import Band
from nmgpolicy.outcome import Amount, Message, Rendered, Status
from nmgpolicy.params import ParameterSet
from nmgpolicy.units import Kind, format_decimal

WAN_TONNES = "万吨"
_SHOWN = Shown(Kind.MASS, WAN_TONNES)


def amount(tonnes: Decimal | None) -> Amount | None:
    """Tonnes as results and findings hold them (shown in 万吨)."""
    return None if tonnes is None else Amount(tonnes, Kind.MASS, WAN_TONNES)


def wan(tonnes: Decimal) -> str:
    """Tonnes as the problems of a broken table show them: "30万吨"."""
    return str(Amount(tonnes, Kind.MASS, WAN_TONNES))


def tonnes(value: Decimal | None) -> Message:
    """An amount of tonnes as messages show it: "30万吨" / "300,000 tonnes" ("" when None)."""
    if value is None:
        return Message("", "")
    shown = Amount(value, Kind.MASS, WAN_TONNES)
    return Message(shown.text("zh"), shown.text("en"))


def message(data: Mapping[str, Any]) -> Message:
    """A ``{zh = …, en = …}`` table of the data file as a :class:`Message`."""
    return Message(str(data["zh"]), str(data["en"]))


def fact_name(data: ParameterSet, key: str) -> Message:
    """The name of a fact (``[fact_names]`` in the data file), for "fact missing" messages."""
    return message(data.extra["fact_names"][key])


# --------------------------------------------------------------------------------------------
# 第三条: the tier
# --------------------------------------------------------------------------------------------


@attrs.frozen
class Tier:
    """One band of 第三条: scales ``lower <= s < upper`` of ``kind`` replace at ``ratio`` : 1.

    ``lower``/``upper`` are in tonnes; ``None`` is an open end. ``lower_param`` and
    ``upper_param`` name the data-file parameters they come from.
    """

    kind: str
    id: str
    lower: Decimal | None
    upper: Decimal | None
    ratio: Decimal
    mode: Message
    kind_name: Message
    lower_param: str | None = None
    upper_param: str | None = None
    ratio_param: str = ""

    def contains(self, scale: Decimal) -> bool:
        """Whether ``scale`` (tonnes) falls in this band (lower inclusive, upper exclusive)."""
        return (self.lower is None or scale >= self.lower) and (
            self.upper is None or scale < self.upper
        )

    @property
    def band(self) -> Message:
        """The band in words: 不满30万吨 / 30万吨（含）至50万吨（不含） / 50万吨（含）以上.

        In English: "below 300,000 tonnes", "from 300,000 tonnes (inclusive) to below
        500,000 tonnes", "500,000 tonnes or more".
        """
        lo, hi = tonnes(self.lower), tonnes(self.upper)
        if self.lower is None:
            return Message(f"不满{hi.zh}", f"below {hi.en}")
        if self.upper is None:
            return Message(f"{lo.zh}（含）以上", f"{lo.en} or more")
        return Message(
            f"{lo.zh}（含）至{hi.zh}（不含）", f"from {lo.en} (inclusive) to below {hi.en}"
        )

    @property
    def ratio_text(self) -> str:
        """The ratio as the law writes it: ``"1.1:1"``."""
        return f"{format_decimal(self.ratio)}:1"

    def to_dict(self) -> dict[str, Any]:
        return {
            "kind": self.kind,
            "tier": self.id,
            "lower": wan(self.lower) if self.lower is not None else None,
            "upper": wan(self.upper) if self.upper is not None else None,
            "ratio": format_decimal(self.ratio),
            "band": self.band.to_dict(),
            "mode": self.mode.to_dict(),
        }


def as_tier(band: Band, data: ParameterSet) -> Tier:
    """The :class:`Tier` of a band of the ``[[tiers.<kind>]]`` table."""
    return Tier(
        kind=band.group,
        id=band.id,
        lower=band.lower,
        upper=band.upper,
        ratio=band.value,
        mode=message(band.row["mode"]),
        kind_name=message(data.extra["kinds"][band.group]["name"]),
        lower_param=band.lower_param,
        upper_param=band.upper_param,
        ratio_param=band.value_param,
    )


def tier_text(band: Band, scale: Decimal, data: ParameterSet) -> Rendered:
    """``ferroalloy.ratio_tier`` met: the kind, the scale, its band and the ratio."""
    chosen = as_tier(band, data)
    shown = tonnes(scale)
    return (
        Message(
            f"{chosen.kind_name.zh}整合重组后生产规模{shown.zh}，属于“{chosen.band.zh}”一档，"
            f"被整合装备产能按照{chosen.ratio_text}实施{chosen.mode.zh}。",
            f"{chosen.kind_name.en.capitalize()} with a post-consolidation scale of "
            f"{shown.en}: band “{chosen.band.en}”, so retired capacity replaces new capacity at "
            f"{chosen.ratio_text} ({chosen.mode.en}).",
        ),
        amount(scale),
        chosen.ratio,
        None,
    )


def tier_missing_text(absent: tuple[str, ...], data: ParameterSet) -> Rendered:
    """``ferroalloy.ratio_tier`` unknown: the enterprise kind or scale is not given."""
    paths = ", ".join(f"$.{path}" for path in absent)
    names = "、".join(fact_name(data, path).zh for path in absent)
    return (
        Message(
            f"缺少事实：未提供{names}，无法确定置换比例。",
            f"Fact missing: the enterprise kind (single/group) or its post-consolidation "
            f"scale ({paths} not provided); the ratio cannot be determined.",
        ),
        None,
        None,
        None,
    )


# --------------------------------------------------------------------------------------------
# 第五条: the conversion to ferrosilicon
# --------------------------------------------------------------------------------------------

_NO_FACTORS = Message(
    "《工作指南》未规定换算系数，本库也不提供任何系数，须由申请方提供各品种折合硅铁的换算系数",
    "The guide gives no conversion coefficients and this library ships none: the caller "
    "must supply them in ferrosilicon_equivalents",
)


def basis_text(basis: Basis, data: ParameterSet) -> Rendered:
    """``ferroalloy.conversion``: whether and how both sides were put on one basis (硅铁)."""
    base = basis.base
    if basis.missing:
        paths = ", ".join(_missing_path(m) for m in basis.missing)
        names = "、".join(_missing_name(m, data) for m in basis.missing)
        return (
            Message(
                f"缺少事实：无法判断是否涉及跨品种置换（未提供{names}）。",
                f"Fact missing: cannot tell whether the replacement crosses varieties ({paths} "
                f"not provided).",
            ),
            None,
            None,
            None,
        )
    if not basis.cross:
        return not_applicable_text(
            Message(
                "退出产能与新建产能为同一品种，无需换算为硅铁合金产能",
                "the retired and the new capacity are of the same product; no conversion to "
                "ferrosilicon is needed",
            )
        )
    known, products = dict(basis.known), list(basis.kinds)
    if basis.absent:
        return (
            Message(
                f"涉及跨品种置换，须将退出产能和新建产能统一换算为{base}产能，但缺少以下品种的换算"
                f"系数：{'、'.join(basis.absent)}。{_NO_FACTORS.zh}。",
                f"The replacement crosses varieties, so both sides must be converted to {base} "
                f"(ferrosilicon) capacity, but the factor is missing for: "
                f"{', '.join(basis.absent)}. {_NO_FACTORS.en}.",
            ),
            known,
            products,
            None,
        )
    others = {p: f for p, f in known.items() if p != base}
    shown_zh = "，".join(f"1吨{p}={format_decimal(f)}吨{base}" for p, f in others.items())
    shown_en = ", ".join(f"1 t {p} = {format_decimal(f)} t {base}" for p, f in others.items())
    return (
        Message(
            f"涉及跨品种置换，按申请方提供的系数统一换算为{base}产能：{shown_zh}。"
            f"（{_NO_FACTORS.zh}。）",
            f"Cross-variety replacement, converted to {base} (ferrosilicon) capacity with the "
            f"caller's factors: {shown_en}. ({_NO_FACTORS.en}.)",
        ),
        known,
        products,
        None,
    )


def _missing_path(missing: tuple[Any, ...]) -> str:
    """Where a fact the conversion needs is missing: ("line", 0) → $.new_capacity[0].product."""
    what = missing[0]
    if what == "line":
        return f"$.new_capacity[{missing[1]}].product"
    if what == "unit":
        return f"$.retired[{missing[1]}].product"
    return f"$.{what}"


def _missing_name(missing: tuple[Any, ...], data: ParameterSet) -> str:
    what = missing[0]
    product = fact_name(data, "product").zh
    if what == "line":
        return f"第{missing[1] + 1}行新建产能的{product}"
    if what == "unit":
        return f"退出装备{missing[2]}的{product}"
    return fact_name(data, what).zh


# --------------------------------------------------------------------------------------------
# Sufficiency
# --------------------------------------------------------------------------------------------

SUBJECT = Message("计入置换的退出产能", "Counted retired capacity")


def subject(base: str, converted: bool) -> Message:
    """What the sufficiency finding measures: the counted capacity, in 硅铁 equivalents when
    converted."""
    if not converted:
        return SUBJECT
    return Message(
        f"计入置换的退出产能（{base}当量）", f"Counted retired capacity ({base} equivalent)"
    )


def sufficiency_text(outcome: Sufficiency, what: Message) -> Rendered:
    """``ferroalloy.sufficient_retirement``: counted against ratio × new, or why it is open."""
    count = outcome.tally
    if outcome.required is None or count is None:
        zh, en = why_text(outcome.why)
        return (
            Message(
                f"无法判断退出产能是否足够：{zh}。",
                f"Cannot tell whether the retired capacity suffices: {en}.",
            ),
            amount(None if count is None else count.counted),
            None,
            None,
        )
    shown_status = Status.MET if outcome.status is Status.MET else Status.NOT_MET
    text, measured, required, gap = threshold_text(
        shown_status, count.counted, outcome.required, what, Compare.AT_LEAST, _SHOWN
    )
    if outcome.status is Status.UNKNOWN:
        text = Message(
            f"{text.zh}但以下装备能否计入或计入多少尚未确定，可能补足差额："
            f"{'、'.join(count.pending)}。",
            f"{text.en} But these units may yet count and could cover the shortfall: "
            f"{', '.join(count.pending)}.",
        )
    return text, measured, required, gap


def why_text(why: tuple[Any, ...] | None) -> tuple[str, str]:
    """Why the sufficiency cannot be told (the ``why`` measure's code) in zh and en."""
    if why is None:
        return "", ""
    what = why[0]
    if what == "ratio":
        return (
            "置换比例未确定（见 ferroalloy.ratio_tier）",
            "the ratio is unknown (see ferroalloy.ratio_tier)",
        )
    if what == "new_capacity":
        return "未提供新建产能", "the new capacity is not given ($.new_capacity)"
    if what == "retired":
        return "未提供退出装备清单", "the retired units are not given ($.retired)"
    if what == "basis":
        return (
            "产能无法换算到同一基础（见 ferroalloy.conversion）",
            "the capacities cannot be put on one basis (see ferroalloy.conversion)",
        )
    lines: tuple[int, ...] = why[1]
    paths = ", ".join(f"$.new_capacity[{i}].capacity" for i in lines)
    rows = "、".join(f"第{i + 1}行" for i in lines)
    return f"未提供{rows}新建产能的产能", f"the new capacity is not given ({paths})"


# Its public home is nmgpolicy.rules.ferroalloy (pickles and reprs name it, not this module).
Tier.__module__ = "nmgpolicy.rules.ferroalloy"
