"""Build the golden fact sets from the frozen spec and a seed, deterministically.

Case ``i`` of rule set ``R`` is built from ``random.Random(f"{seed}/{R}/{i}")`` and the spec
alone, so that any case can be rebuilt on its own (the check runs cases in parallel, a subset
runs any cases) and the result is the same on every Python 3 version and every machine:

* the only random calls are ``Random(str)`` seeding and ``randrange`` (both unchanged since
  Python 3.2); choices, weighted picks, shuffles and samples are written here on top of
  ``randrange`` rather than taken from :mod:`random`, whose helpers have changed between
  versions;
* no set is iterated and no ``hash()`` is used: every list is in the spec's order or sorted;
* numbers are :class:`~decimal.Decimal` in a local context (no float arithmetic; a float in
  the facts is ``float(Decimal)``, which is exact to the nearest double on every platform);
* nothing here imports nmgpolicy: the facts do not depend on the code under test.

Each case starts from a bundled example (the rule set's examples in turn) and applies a few
mutations (0 to 6): a value at a threshold of the data file, exactly or one smallest unit
either side, in a unit picked at random (万元, 亿元, 元, 千元 …; full-width digits, thousands
separators, 每 for /); a relation that puts a derived measure exactly at its threshold (a
share, a growth rate, a density, the capacity a replacement needs, a two-year window); a key
dropped; a value blanked or nulled; every enumeration value; a boolean flipped; a list
reordered, shortened or doubled; a date moved to a period's edge; a bad value (wrong unit,
negative, wrong type, unknown key). The evaluation date is the example's, a year end, a window
edge (2026-03-31 / 2026-04-01 for the SME rule sets) or a date near a date of the facts; a
share of cases carries parameter overrides, most legal, a few not.
"""

from __future__ import annotations

import contextlib
import copy
import datetime as dt
import random
from collections.abc import Callable, Sequence
from decimal import Context, Decimal, localcontext
from fractions import Fraction
from typing import Any, TypeVar

T = TypeVar("T")

CTX = Context(prec=60)
ZERO = Decimal(0)
ONE = Decimal(1)

# Units the generator writes amounts in, per kind: suffix, value of one in the canonical unit.
UNITS: dict[str, tuple[tuple[str, Decimal], ...]] = {
    "money": (
        ("元", ONE),
        ("千元", Decimal(1000)),
        ("万元", Decimal(10**4)),
        ("百万元", Decimal(10**6)),
        ("千万元", Decimal(10**7)),
        ("亿元", Decimal(10**8)),
    ),
    "mass": (("吨", ONE), ("万吨", Decimal(10**4)), ("千克", Decimal("0.001")), ("t", ONE)),
    "apparent_power": (
        ("kVA", ONE),
        ("千伏安", ONE),
        ("MVA", Decimal(1000)),
        ("VA", Decimal("0.001")),
        ("万千伏安", Decimal(10**4)),
    ),
    "area": (
        ("平方公里", ONE),
        ("公顷", Decimal("0.01")),
        ("平方千米", ONE),
        ("km2", ONE),
        ("平方米", Decimal("0.000001")),
    ),
    "money_per_set": (("元/套", ONE), ("万元/套", Decimal(10**4))),
    "money_per_machine": (("元/台", ONE), ("万元/台", Decimal(10**4))),
    "money_per_mass": (("元/吨", ONE), ("万元/吨", Decimal(10**4)), ("元/千克", Decimal(1000))),
    "mass_per_money": (
        ("吨/万元", Decimal("0.0001")),
        ("吨/元", ONE),
        ("千克/元", Decimal("0.001")),
    ),
}
MEASURE_KINDS = ("money_per_set", "money_per_machine", "money_per_mass")
AMOUNT_KINDS = tuple(UNITS)

# One smallest unit, and a finer step, either side of a threshold (canonical units).
STEPS: dict[str, tuple[Decimal, Decimal]] = {
    "money": (ONE, Decimal("0.01")),
    "mass": (ONE, Decimal("0.001")),
    "apparent_power": (ONE, Decimal("0.001")),
    "area": (Decimal("0.01"), Decimal("0.000001")),
    "money_per_set": (ONE, Decimal("0.01")),
    "money_per_machine": (ONE, Decimal("0.01")),
    "money_per_mass": (ONE, Decimal("0.01")),
    "mass_per_money": (Decimal("0.000001"), Decimal("0.00000001")),
    "share": (Decimal("0.0001"), Decimal("0.000001")),
    "decimal": (ONE, Decimal("0.01")),
    "int": (ONE, ONE),
    "years": (ONE, Decimal("0.01")),
}

_FULL_WIDTH = str.maketrans("0123456789.%/-", "０１２３４５６７８９．％／－")


# ------------------------------------------------------------------------------------------
# Random helpers on top of randrange only


def choice(rng: random.Random, items: Sequence[T]) -> T:
    return items[rng.randrange(len(items))]


def chance(rng: random.Random, percent: int) -> bool:
    return rng.randrange(100) < percent


def weighted(rng: random.Random, pairs: Sequence[tuple[T, int]]) -> T:
    total = sum(w for _, w in pairs)
    point = rng.randrange(total)
    for item, w in pairs:
        if point < w:
            return item
        point -= w
    raise AssertionError("unreachable")


def shuffled(rng: random.Random, items: Sequence[T]) -> list[T]:
    out = list(items)
    for i in range(len(out) - 1, 0, -1):
        j = rng.randrange(i + 1)
        out[i], out[j] = out[j], out[i]
    return out


def sample(rng: random.Random, items: Sequence[T], k: int) -> list[T]:
    return shuffled(rng, items)[:k]


# ------------------------------------------------------------------------------------------
# Numbers and their texts


def text(value: Decimal) -> str:
    """A Decimal as plain text: no exponent, no trailing zeros."""
    value = value.normalize(CTX)
    out = format(value, "f")
    return "0" if out in ("-0", "") else out


def places(value: Decimal) -> int:
    exponent = value.normalize(CTX).as_tuple().exponent
    return max(0, -exponent) if isinstance(exponent, int) else 99


def mul(a: Decimal, b: Decimal) -> Decimal:
    return CTX.multiply(a, b)


def div(a: Decimal, b: Decimal) -> Decimal:
    return CTX.divide(a, b)


def exact(value: Fraction) -> Decimal:
    return div(Decimal(value.numerator), Decimal(value.denominator))


def odd(rng: random.Random, number: str, unit: str) -> str:
    """The text of a number and unit, sometimes written oddly (full width, commas, spaces, 每)."""
    style = rng.randrange(100)
    if style < 82:
        return number + unit
    if style < 87:
        return (number + unit).translate(_FULL_WIDTH)
    if style < 91:
        whole, dot, fraction = number.partition(".")
        sign = "-" if whole.startswith("-") else ""
        digits = whole.lstrip("-")
        groups: list[str] = []
        while len(digits) > 3:
            groups.insert(0, digits[-3:])
            digits = digits[:-3]
        groups.insert(0, digits)
        return sign + ",".join(groups) + dot + fraction + unit
    if style < 95:
        return f" {number} {unit} "
    if style < 97 and "/" in unit:
        return number + unit.replace("/", "每")
    if style < 99:
        return number + ".0" + unit if "." not in number else number + "0" + unit
    return number + "　" + unit


def amount(rng: random.Random, kind: str, value: Decimal) -> str:
    """``value`` (canonical unit of ``kind``) as a text in a unit that writes it exactly."""
    units = UNITS[kind]
    fitting = [(u, f) for u, f in units if places(div(value, f)) <= 6]
    unit, factor = choice(rng, fitting or [units[0]])
    return odd(rng, text(div(value, factor)), unit)


def share(rng: random.Random, value: Decimal, *, signed: bool = False) -> object:
    """A share or ratio: "60%", 0.6, "0.6", "600‰" or full-width."""
    style = rng.randrange(100)
    if style < 55:
        return odd(rng, text(mul(value, Decimal(100))), "%")
    if style < 75 and (signed or ZERO <= value <= ONE):
        return float(value)
    if style < 85:
        return text(value)
    if style < 92:
        return text(mul(value, Decimal(100))) + "%"
    if style < 96:
        return text(mul(value, Decimal(1000))) + "‰"
    return (text(mul(value, Decimal(100))) + "%").translate(_FULL_WIDTH)


def count(rng: random.Random, value: Decimal) -> object:
    style = rng.randrange(100)
    if value == value.to_integral_value() and style < 70:
        return int(value)
    if style < 85:
        return text(value) + choice(rng, ("人", "个", "件", "家", "项"))
    if style < 95:
        return text(value)
    return float(value)


def years(rng: random.Random, value: Decimal) -> object:
    style = rng.randrange(100)
    if value == value.to_integral_value() and style < 55:
        return int(value)
    if style < 75:
        return text(value) + "年"
    if style < 90:
        return float(value)
    return text(value)


def decimal_value(rng: random.Random, value: Decimal) -> object:
    style = rng.randrange(100)
    if style < 50:
        return text(value)
    if value == value.to_integral_value() and style < 80:
        return int(value)
    return float(value)


def parse_amount(raw: object) -> tuple[str, Decimal] | None:
    """The kind and canonical value of an amount text this generator or an example wrote."""
    if not isinstance(raw, str):
        return None
    raw = raw.strip()
    end = 0
    while end < len(raw) and ((raw[end].isdigit() and raw[end].isascii()) or raw[end] in ".-"):
        end += 1
    if end == 0:
        return None
    try:
        number = Decimal(raw[:end])
    except ArithmeticError:
        return None
    suffix = raw[end:]
    for kind, units in UNITS.items():
        for unit, factor in units:
            if unit == suffix:
                return kind, mul(number, factor)
    return None


def parse_number(raw: object) -> Decimal | None:
    """A share (fraction), a count or a plain number, as the examples write them."""
    if isinstance(raw, bool):
        return None
    if isinstance(raw, int | float):
        return Decimal(str(raw))
    if not isinstance(raw, str):
        return None
    raw = raw.strip()
    scale = ONE
    if raw.endswith("%"):
        raw, scale = raw[:-1], Decimal("0.01")
    else:
        while raw and not (raw[-1].isdigit() and raw[-1].isascii()):
            raw = raw[:-1]
    try:
        return mul(Decimal(raw), scale)
    except ArithmeticError:
        return None


# ------------------------------------------------------------------------------------------
# Dates


def day(text_: str) -> dt.date:
    return dt.date.fromisoformat(text_)


def add_months(start: dt.date, months: int) -> dt.date:
    """The corresponding day ``months`` later (the month's last day when it has none)."""
    total = start.year * 12 + start.month - 1 + months
    year, month = divmod(total, 12)
    month += 1
    last = (dt.date(year + month // 12, month % 12 + 1, 1) - dt.timedelta(days=1)).day
    return dt.date(year, month, min(start.day, last))


def period_offsets(spec: dict[str, Any]) -> list[int]:
    """Day offsets near every period of the data file (n days; n working days span more)."""
    out = [0, 1, 2, 7]
    for amount_, unit in spec["thresholds"].get("period", []):
        if unit == "day":
            out += [amount_ - 1, amount_, amount_ + 1]
        elif unit == "working_day":
            out += list(range(amount_, amount_ * 7 // 5 + 13))
        elif unit == "month":
            out += [amount_ * 30 - 3 + k for k in range(7)]
        elif unit == "year":
            out += [amount_ * 365 - 1 + k for k in range(4)]
    return sorted({o for o in out if o >= 0})


def shifted(start: dt.date, rng: random.Random, spec: dict[str, Any]) -> dt.date:
    """A date near a period's end from ``start`` (or a period's corresponding day)."""
    periods = spec["thresholds"].get("period", [])
    if periods and chance(rng, 40):
        amount_, unit = choice(rng, periods)
        if unit in ("month", "year"):
            end = add_months(start, amount_ * (12 if unit == "year" else 1))
            return end + dt.timedelta(days=choice(rng, (-1, 0, 0, 1)))
    offset = choice(rng, period_offsets(spec))
    return start + dt.timedelta(days=offset * (-1 if chance(rng, 5) else 1))


# ------------------------------------------------------------------------------------------
# Paths into the facts


def segments(path: str) -> list[str]:
    """``$.years[].output`` → ``["years", "[]", "output"]``."""
    out: list[str] = []
    for part in path.removeprefix("$").split("."):
        if part.endswith("[]"):
            out += [part[:-2], "[]"]
        elif part:
            out.append(part)
    return out


Slot = tuple[Any, Any]  # (container, key): container[key] is (or may become) the value


def slots(root: object, path: str) -> list[Slot]:
    """Where the field at ``path`` is (or could be set, its parent existing) in ``root``."""
    parts = segments(path)
    if not parts:
        return []
    current: list[Any] = [root]
    for part in parts[:-1]:
        following: list[Any] = []
        for node in current:
            if part == "[]":
                if isinstance(node, list):
                    following.extend(node)
            elif isinstance(node, dict) and isinstance(node.get(part), dict | list):
                following.append(node[part])
        current = following
    last = parts[-1]
    if last == "[]":
        return [(node, i) for node in current if isinstance(node, list) for i in range(len(node))]
    return [(node, last) for node in current if isinstance(node, dict)]


def present(root: object) -> list[Slot]:
    """Every (container, key) holding a value, depth first in document order."""
    out: list[Slot] = []

    def walk(node: object) -> None:
        if isinstance(node, dict):
            for key in list(node):
                out.append((node, key))
                walk(node[key])
        elif isinstance(node, list):
            for i, item in enumerate(node):
                out.append((node, i))
                walk(item)

    walk(root)
    return out


def has(slot: Slot) -> bool:
    container, key = slot
    if isinstance(container, dict):
        return key in container
    return bool(0 <= key < len(container))


# ------------------------------------------------------------------------------------------
# The case being built


class Case:
    """One fact set under construction: facts, evaluation date, overrides, mutation labels."""

    def __init__(self, ruleset: str, spec: dict[str, Any], rng: random.Random) -> None:
        self.ruleset = ruleset
        self.spec = spec
        self.rng = rng
        self.facts: Any = None
        self.on: dt.date = dt.date(2025, 6, 1)
        self.parameters: dict[str, object] | None = None
        self.ops: list[str] = []

    @property
    def th(self) -> dict[str, Any]:
        return self.spec["thresholds"]  # type: ignore[no-any-return]

    def default(self, name: str, fallback: str) -> Decimal:
        value = self.spec["defaults"].get(name)
        try:
            return Decimal(str(value)) if value is not None else Decimal(fallback)
        except ArithmeticError:
            return Decimal(fallback)

    def facts_value(self, slot: Slot) -> tuple[str, Decimal] | None:
        """The kind and value of the number at ``slot`` (None if absent or not a number)."""
        if not has(slot):
            return None
        container, key = slot
        raw = container[key]
        parsed = parse_amount(raw)
        if parsed is not None:
            return parsed
        number = parse_number(raw)
        return None if number is None else ("decimal", number)

    def measure_kind(self) -> str | None:
        """The amount kind of ``unit_value`` for the facts' category (first_set), if known."""
        categories = self.spec["lists"].get("categories", {})
        category = self.facts.get("category") if isinstance(self.facts, dict) else None
        if not isinstance(category, str) or category not in categories:
            return None
        return {"套": "money_per_set", "台": "money_per_machine", "吨": "money_per_mass"}.get(
            categories[category]["unit"][-1]
        )

    def fields(self, *kinds: str) -> list[str]:
        return [p for p, f in self.spec["fields"].items() if f["kind"] in kinds]

    def near(self, value: Decimal, kind: str, *, exact_percent: int = 40) -> Decimal:
        """``value`` exactly, one smallest unit or a finer step either side, or scaled."""
        unit, fine = STEPS.get(kind, (ONE, Decimal("0.01")))
        pick = self.rng.randrange(100)
        if pick < exact_percent:
            return value
        pick = (pick - exact_percent) * 100 // (100 - exact_percent)
        if pick < 30:
            return value - unit
        if pick < 60:
            return value + unit
        if pick < 72:
            return value - fine
        if pick < 84:
            return value + fine
        if pick < 92:
            return mul(value, Decimal(2))
        return div(value, Decimal(2))


# ------------------------------------------------------------------------------------------
# Generic mutations


NUMERIC = (*AMOUNT_KINDS, "measure", "share", "ratio", "unsigned_ratio", "count", "years")
NUMERIC_ALL = (*NUMERIC, "decimal", "int", "map")


def _thresholds_for(case: Case, kind: str) -> list[tuple[str, Decimal]]:
    """(threshold kind, value) pairs a field of ``kind`` is crowded at."""
    th = case.th

    def of(*kinds: str) -> list[tuple[str, Decimal]]:
        return [(k, Decimal(v)) for k in kinds for v in th.get(k, [])]

    if kind in AMOUNT_KINDS:
        return of(kind)
    if kind == "measure":
        return of(*MEASURE_KINDS)
    if kind in ("share", "unsigned_ratio"):
        return [*of("share"), ("share", ZERO), ("share", ONE)]
    if kind == "ratio":
        found = of("share")
        return [*found, *[("share", -v) for _, v in found], ("share", ZERO)]
    if kind in ("count", "int"):
        return [*of("int", "years"), ("int", ZERO), ("int", ONE)]
    if kind == "years":
        return [*of("years", "int"), ("years", ZERO)]
    if kind in ("decimal", "map"):
        return [*of("decimal", "int"), ("decimal", ZERO), ("decimal", ONE)]
    return []


def render(case: Case, kind: str, threshold_kind: str, value: Decimal) -> object:
    rng = case.rng
    if threshold_kind in AMOUNT_KINDS:
        return amount(rng, threshold_kind, value)
    if kind in ("share", "unsigned_ratio", "ratio"):
        return share(rng, value, signed=kind == "ratio")
    if kind == "count":
        return count(rng, value)
    if kind == "int":
        return int(value) if value == value.to_integral_value() else text(value)
    if kind == "years":
        return years(rng, value)
    return decimal_value(rng, value)


def op_threshold(case: Case) -> str:
    """A numeric field at a threshold of the data file (or one unit either side)."""
    rng = case.rng
    paths = [
        p for p in case.fields(*NUMERIC_ALL) if not p.endswith(".year") and slots(case.facts, p)
    ]
    if not paths:
        return "threshold:none"
    path = choice(rng, paths)
    kind = case.spec["fields"][path]["kind"]
    slot = choice(rng, slots(case.facts, path))
    candidates = _thresholds_for(case, kind)
    current = case.facts_value(slot)
    if not candidates and current is not None:
        candidates = [current]
    if not candidates:
        return f"threshold:{path}:none"
    if kind == "measure" and chance(rng, 80):  # mostly in the unit the category needs
        fitting = [c for c in candidates if c[0] == case.measure_kind()]
        candidates = fitting or candidates
    threshold_kind, value = choice(rng, candidates)
    value = case.near(value, threshold_kind if threshold_kind in STEPS else kind)
    container, key = slot
    if kind == "map":
        target = container.get(key) if isinstance(container, dict) else None
        if not isinstance(target, dict):
            target = container[key] = {}
        names = ("硅锰", "高碳铬铁", "工业硅", "硅锰", "高碳铬铁", "硅铁")
        target[choice(rng, names)] = decimal_value(rng, value)
        return f"threshold:{path}"
    container[key] = render(case, kind, threshold_kind, value)
    return f"threshold:{path}"


def op_drop(case: Case) -> str:
    everything = present(case.facts)
    if not everything:
        return "drop:none"
    container, key = choice(case.rng, everything)
    del container[key]
    return "drop"


def op_blank(case: Case) -> str:
    everything = present(case.facts)
    if not everything:
        return "blank:none"
    container, key = choice(case.rng, everything)
    blanks: tuple[object, ...] = (None, None, None, "", " ", "　", [], {})
    value = choice(case.rng, blanks)
    container[key] = value
    return f"blank:{type(value).__name__}"


def op_enum(case: Case) -> str:
    rng = case.rng
    paths = [p for p in case.fields("enum", "enum_list") if slots(case.facts, p)]
    if not paths:
        return "enum:none"
    path = choice(rng, paths)
    field = case.spec["fields"][path]
    values = list(field["values"])
    for container, key in slots(case.facts, path):
        if chance(rng, 50) and len(slots(case.facts, path)) > 1:
            continue
        if field["kind"] == "enum":
            container[key] = choice(rng, [*values, *values, None])
        else:
            chosen = sample(rng, values, rng.randrange(len(values) + 1))
            if chosen and chance(rng, 10):
                chosen.append(chosen[0])
            container[key] = chosen
    return f"enum:{path}"


def op_bool(case: Case) -> str:
    rng = case.rng
    paths = [p for p in case.fields("bool") if slots(case.facts, p)]
    if not paths:
        return "bool:none"
    path = choice(rng, paths)
    container, key = choice(rng, slots(case.facts, path))
    current = container.get(key) if isinstance(container, dict) else None
    if isinstance(current, bool) and chance(rng, 70):
        container[key] = not current
    else:
        container[key] = choice(rng, (True, False, None))
    return "bool"


def op_reunit(case: Case) -> str:
    """An amount of the facts written again in another unit (and maybe oddly)."""
    rng = case.rng
    found = [s for s in present(case.facts) if parse_amount(s[0][s[1]]) is not None]
    if not found:
        return "reunit:none"
    container, key = choice(rng, found)
    kind, value = parse_amount(container[key])  # type: ignore[misc]
    container[key] = amount(rng, kind, value)
    return f"reunit:{kind}"


_JUNK: dict[str, tuple[object, ...]] = {
    "money": ("15亿吨", "-1万元", "abc", 15, "15", "1e999亿元", "NaN元", "15亿kW", "十五亿元"),
    "mass": ("30万元", "-5万吨", "abc", 30, "30", "30万", "1e400吨"),
    "apparent_power": ("3000kW", "3000", -1, "3000kVA/台", "3 MVA"),
    "area": ("100公里", "100", "-1平方公里", "100亩", "1e99平方公里"),
    "measure": ("85万元", "85万元/吨/套", "85", "-1万元/套", "85万吨/套"),
    "mass_per_money": ("0.9吨", "0.9万元/吨", "abc", "-0.9吨/万元"),
    "share": ("120%", -0.1, "abc", 1.5, "60", "60%%", True),
    "unsigned_ratio": ("-5%", "abc", 2.5, "1e9%"),
    "ratio": ("abc", -1.5, "200%", "5%%"),
    "count": (-1, "3.5", 2.5, "abc", "1e30", True),
    "years": (-1, "abc", "3个月", True),
    "decimal": ("abc", "NaN", "1e999", "-1", [], True),
    "int": ("2022", 2022.5, "abc", -1, True),
    "date": ("2025-02-30", "20250101", 20250101, "2025/01/01", "2025-1-1", "tomorrow"),
    "enum": ("bogus", 1, "", "NATIONAL"),
    "enum_list": ("single_champion", ["bogus"], [1], {}),
    "str_list": ("application_report", ["bogus"], [1], {}),
    "bool": ("yes", 1, 0, "true"),
    "str": (123, ["x"], {}),
    "object": ([], "x", 1),
    "list": ({}, "x", [1]),
    "map": ([], {"硅锰": "abc"}, {"": "1"}),
}


def op_junk(case: Case) -> str:
    """A value the library must refuse (or an unknown key)."""
    rng = case.rng
    if chance(rng, 15):
        parents = [s for s in present(case.facts) if isinstance(s[0][s[1]], dict)]
        target = case.facts if not parents or chance(rng, 50) else None
        if target is None:
            container, key = choice(rng, parents)
            target = container[key]
        if isinstance(target, dict):
            target[choice(rng, ("unknown_field", "Output", "备注", "years "))] = 1
            return "junk:unknown_key"
    paths = [p for p in case.spec["fields"] if p != "$" and slots(case.facts, p)]
    if not paths:
        return "junk:none"
    path = choice(rng, paths)
    kind = case.spec["fields"][path]["kind"]
    container, key = choice(rng, slots(case.facts, path))
    container[key] = copy.deepcopy(choice(rng, _JUNK.get(kind, ("abc",))))
    return f"junk:{kind}"


def op_date(case: Case) -> str:
    """A date field (or the evaluation date) near a period's end from another date."""
    rng = case.rng
    paths = [p for p in case.fields("date") if slots(case.facts, p)]
    known: list[dt.date] = [case.on]
    for p in case.fields("date"):
        for container, key in slots(case.facts, p):
            value = container.get(key) if isinstance(container, dict) else None
            if isinstance(value, str):
                with contextlib.suppress(ValueError):
                    known.append(day(value))
    start = choice(rng, known)
    moved = shifted(start, rng, case.spec)
    if not paths or chance(rng, 25):
        case.on = moved
        return "date:on"
    path = choice(rng, paths)
    container, key = choice(rng, slots(case.facts, path))
    container[key] = moved.isoformat()
    return f"date:{path}"


def op_list(case: Case) -> str:
    rng = case.rng
    lists = [s for s in present(case.facts) if isinstance(s[0][s[1]], list) and s[0][s[1]]]
    if not lists:
        return "list:none"
    container, key = choice(rng, lists)
    items = container[key]
    how = rng.randrange(5)
    if how == 0:
        container[key] = list(reversed(items))
    elif how == 1:
        container[key] = shuffled(rng, items)
    elif how == 2:
        del items[rng.randrange(len(items))]
    elif how == 3:
        items.append(copy.deepcopy(choice(rng, items)))
    else:
        container[key] = []
    return f"list:{how}"


# ------------------------------------------------------------------------------------------
# Relations per rule set: a derived measure exactly at its threshold


def _year_entries(case: Case) -> list[dict[str, Any]]:
    years_ = case.facts.get("years") if isinstance(case.facts, dict) else None
    if not isinstance(years_, list):
        return []
    entries = [y for y in years_ if isinstance(y, dict)]
    return sorted(entries, key=lambda y: y["year"] if isinstance(y.get("year"), int) else 0)


def _chain(rate: Decimal, steps: int, scale: int) -> list[Decimal]:
    """``steps + 1`` values growing exactly by ``rate`` a step, whole numbers near ``scale``."""
    growth = 1 + Fraction(rate)
    unit = growth.denominator**steps
    base = unit * max(1, scale // unit)
    return [exact(base * growth**k) for k in range(steps + 1)]


def cluster_share(case: Case) -> str:
    rng = case.rng
    entries = _year_entries(case)
    if not entries:
        return "cluster.share:none"
    entry = entries[-1] if chance(rng, 70) else choice(rng, entries)  # the shares' year
    total_choices = [case.default("min_annual_output", "1500000000")]
    parsed = parse_amount(entry.get("output"))
    if parsed is not None:
        total_choices.append(parsed[1])
    total_choices.append(Decimal(rng.randrange(100, 400)) * Decimal(10**7))
    total = case.near(choice(rng, total_choices), "money", exact_percent=60)
    field, parameter = choice(
        rng, (("sme_output", "min_sme_share"), ("leading_output", "min_leading_share"))
    )
    part = case.near(mul(total, case.default(parameter, "0.6")), "money")
    entry["output"] = amount(rng, "money", total)
    entry[field] = amount(rng, "money", part)
    return f"cluster.share:{field}"


def cluster_growth(case: Case) -> str:
    rng = case.rng
    entries = _year_entries(case)
    if len(entries) < 2:
        return "cluster.growth:none"
    field, parameter, scale = choice(
        rng,
        (
            ("leading_output", "min_leading_growth", 10**9),
            ("sme_rd_expense", "min_rd_expense_growth", 4 * 10**7),
            ("invention_patents", "min_patent_growth", 100),
        ),
    )
    rate = case.default(parameter, "0.05")
    if chance(rng, 20):
        rate = case.near(rate, "share", exact_percent=0)
    values = _chain(rate, len(entries) - 1, scale)
    if chance(rng, 50):
        values[-1] += choice(rng, (ONE, -ONE))
    for entry, value in zip(entries, values, strict=True):
        if field == "invention_patents":
            entry[field] = count(rng, value)
        else:
            entry[field] = amount(rng, "money", value)
    return f"cluster.growth:{field}"


def cluster_density(case: Case) -> str:
    rng = case.rng
    if not isinstance(case.facts, dict):
        return "cluster.density:none"
    employees = Decimal(choice(rng, (2000, 10000, 18000, 18500, 20000, 50000)))
    case.facts["employees"] = count(rng, employees)
    if chance(rng, 50):
        entries = _year_entries(case)
        if not entries:
            return "cluster.density:none"
        per = case.default("patent_density_per", "10000")
        patents = div(mul(employees, case.default("min_patent_density", "5")), per)
        patents = case.near(patents.to_integral_value(), "int")
        entries[-1]["invention_patents"] = count(rng, patents)
        return "cluster.density:patents"
    staff = case.near(mul(employees, case.default("min_rd_staff_share", "0.06")), "int")
    case.facts["rd_staff"] = count(rng, staff)
    return "cluster.density:rd_staff"


def cluster_years(case: Case) -> str:
    rng = case.rng
    entries = _year_entries(case)
    if not entries or not isinstance(case.facts, dict):
        return "cluster.years:none"
    how = rng.randrange(6)
    if how == 0:
        step = choice(rng, (-1, 1))
        for entry in entries:
            if isinstance(entry.get("year"), int):
                entry["year"] += step
    elif how == 1:
        newest = copy.deepcopy(entries[-1])
        if isinstance(newest.get("year"), int):
            newest["year"] += 1
        case.facts["years"].append(newest)
    elif how == 2:
        oldest = copy.deepcopy(entries[0])
        if isinstance(oldest.get("year"), int):
            oldest["year"] -= 1
        case.facts["years"].insert(0, oldest)
    else:
        last = entries[-1].get("year")
        year = last if isinstance(last, int) else 2024
        when = choice(
            rng,
            (
                dt.date(year, 12, 31),
                dt.date(year + 1, 1, 1),
                dt.date(year + 1, 12, 31),
                dt.date(year + 2, 1, 1),
                dt.date(year + 1, 5, 20),
            ),
        )
        if how == 5:
            case.facts.pop("applied_on", None)
            case.on = when
        else:
            case.facts["applied_on"] = when.isoformat()
    return f"cluster.years:{how}"


def cluster_enterprises(case: Case) -> str:
    rng = case.rng
    if not isinstance(case.facts, dict):
        return "cluster.enterprises:none"
    groups = case.spec["lists"].get("anchor_designations") or {}
    champion = list(groups.get("champion") or ["single_champion", "little_giant"])
    designated = list(groups.get("designated") or ["innovative_sme", "specialized_sme"])
    enterprises = []
    for i in range(rng.randrange(5)):
        held: list[str] = []
        if chance(rng, 40):
            held.append(choice(rng, champion))
        if chance(rng, 60):
            held.append(choice(rng, designated))
        if chance(rng, 10) and held:
            held.append(held[0])
        name = f"企业{i + 1}" if not chance(rng, 5) else "企业1"
        enterprises.append({"name": name, "designations": held})
    case.facts["enterprises"] = enterprises
    return "cluster.enterprises"


def cluster_carbon(case: Case) -> str:
    rng = case.rng
    entries = _year_entries(case)
    if not entries:
        return "cluster.carbon:none"
    value = Decimal("0.92")
    step = choice(rng, (Decimal("0.01"), ZERO, Decimal("-0.01"), Decimal("0.0001")))
    for entry in entries:
        entry["carbon_intensity"] = odd(rng, text(value), "吨/万元")
        value -= step
    return "cluster.carbon"


def _tier_ratio(case: Case, kind: str, scale: Decimal) -> Decimal:
    for tier in case.spec["lists"].get("tiers", {}).get(kind, []):
        low = case.default(tier["from"], "0") if "from" in tier else None
        high = case.default(tier["below"], "0") if "below" in tier else None
        if (low is None or low <= scale) and (high is None or scale < high):
            return case.default(tier["ratio"], "1")
    return ONE


def ferroalloy_sufficient(case: Case) -> str:
    """A plan whose counted capacity is exactly what it needs (or one tonne either side)."""
    rng = case.rng
    if not isinstance(case.facts, dict):
        return "ferroalloy.sufficient:none"
    kind = choice(rng, ("single", "group"))
    edges = [Decimal(v) for v in case.th.get("mass", [])] or [Decimal(300000)]
    scale = case.near(choice(rng, edges), "mass", exact_percent=50)
    if chance(rng, 20):
        scale = Decimal(rng.randrange(10, 120)) * Decimal(10**4)
    ratio = _tier_ratio(case, kind, scale)
    product = choice(rng, ("硅铁", "硅铁", "硅锰"))
    new = Decimal(choice(rng, (100000, 160000, 200000, 123457, 10000)))
    needed = case.near(mul(new, ratio), "mass", exact_percent=50)
    pieces = rng.randrange(1, 4)
    parts = [div(needed, Decimal(pieces)).to_integral_value() for _ in range(pieces - 1)]
    parts.append(needed - sum(parts, ZERO))
    retired = []
    for i, part in enumerate(parts):
        source = choice(rng, ("compliant_project", "elimination_plan"))
        unit: dict[str, Any] = {
            "id": f"{i + 1}#矿热炉",
            "product": product,
            "assessed": amount(rng, "mass", part),
            "approved": amount(rng, "mass", part + choice(rng, (ZERO, ZERO, Decimal(10000)))),
            "source": source,
            "in_region": True,
            "eliminated_category_2024": False,
            "furnace_type": "submerged_arc",
            "transformer": amount(rng, "apparent_power", Decimal(25500)),
            "ferroalloy_smelting": True,
        }
        if source == "elimination_plan":
            unit["plan_year"] = choice(rng, (2021, 2022, 2023))
        retired.append(unit)
    case.facts["enterprise"] = {"kind": kind, "scale_after": amount(rng, "mass", scale)}
    case.facts["new_capacity"] = [{"product": product, "capacity": amount(rng, "mass", new)}]
    case.facts["retired"] = retired
    return "ferroalloy.sufficient"


def ferroalloy_unit(case: Case) -> str:
    rng = case.rng
    units = case.facts.get("retired") if isinstance(case.facts, dict) else None
    units = [u for u in units if isinstance(u, dict)] if isinstance(units, list) else []
    if not units:
        return "ferroalloy.unit:none"
    unit = choice(rng, units)
    how = rng.randrange(6)
    if how == 0:
        limit = Decimal((case.th.get("apparent_power") or ["3000"])[0])
        unit["furnace_type"] = choice(rng, ("semi_closed_dc", "semi_closed_dc", "submerged_arc"))
        unit["transformer"] = amount(rng, "apparent_power", case.near(limit, "apparent_power"))
    elif how == 1:
        unit["source"] = "elimination_plan"
        unit["plan_year"] = choice(rng, (2019, 2020, 2021, 2022, 2023, 2024, None))
        unit["furnace_type"] = choice(rng, ("submerged_arc", "semi_closed_dc", "other"))
    elif how == 2:
        unit["in_region"] = choice(rng, (True, False, None))
        unit["eliminated_category_2024"] = choice(rng, (True, False, None))
    elif how == 3:
        unit["ferroalloy_smelting"] = choice(rng, (True, False, None))
        unit["source"] = choice(rng, ("compliant_project", "elimination_plan", "other", None))
    elif how == 4:
        unit.pop(choice(rng, ("approved", "assessed")), None)
    else:
        parsed = parse_amount(unit.get("assessed"))
        base = parsed[1] if parsed else Decimal(100000)
        unit["approved"] = amount(rng, "mass", case.near(base, "mass", exact_percent=30))
    return f"ferroalloy.unit:{how}"


def ferroalloy_products(case: Case) -> str:
    rng = case.rng
    if not isinstance(case.facts, dict):
        return "ferroalloy.products:none"
    names = ("硅铁", "硅铁合金", "硅锰", "高碳铬铁", " 硅铁", "工业硅", "硅铁")
    for key in ("new_capacity", "retired"):
        lines = case.facts.get(key)
        if isinstance(lines, list):
            for line in lines:
                if isinstance(line, dict) and chance(rng, 50):
                    line["product"] = choice(rng, names)
    if chance(rng, 60):
        factors: dict[str, object] = {}
        for name in sample(rng, ["硅锰", "高碳铬铁", "工业硅", "硅铁"], rng.randrange(1, 4)):
            factors[name] = choice(rng, ("0.9", "1", "1.25", "0.5", 0.9, 1, "0", "2"))
        case.facts["ferrosilicon_equivalents"] = factors
    return "ferroalloy.products"


def ferroalloy_lines(case: Case) -> str:
    rng = case.rng
    lines = case.facts.get("new_capacity") if isinstance(case.facts, dict) else None
    if not isinstance(lines, list) or not lines or not isinstance(lines[0], dict):
        return "ferroalloy.lines:none"
    extra = copy.deepcopy(lines[0])
    if chance(rng, 40):
        extra["product"] = "硅锰"
    extra["capacity"] = amount(rng, "mass", Decimal(choice(rng, (10000, 50000, 1))))
    lines.append(extra)
    return "ferroalloy.lines"


def first_set_value(case: Case) -> str:
    rng = case.rng
    if not isinstance(case.facts, dict):
        return "first_set.value:none"
    categories = case.spec["lists"].get("categories", {})
    if not categories:
        return "first_set.value:none"
    category = choice(rng, sorted(categories))
    spec = categories[category]
    threshold = case.default(spec["threshold"], "10000")
    case.facts["category"] = category
    kind = case.measure_kind() or "money_per_set"
    if chance(rng, 10):
        kind = choice(rng, MEASURE_KINDS)
    case.facts["unit_value"] = amount(rng, kind, case.near(threshold, kind))
    return f"first_set.value:{category}"


def first_set_dates(case: Case) -> str:
    rng = case.rng
    if not isinstance(case.facts, dict):
        return "first_set.dates:none"
    completed = choice(
        rng,
        (
            dt.date(2024, 2, 29),
            dt.date(2023, 2, 28),
            dt.date(2023, 3, 31),
            dt.date(2024, 5, 10),
            dt.date(2023, 9, 30),
            dt.date(2022, 12, 31),
            dt.date(2023, 2, 28) + dt.timedelta(days=rng.randrange(700)),
        ),
    )
    limit = 2
    for amount_, unit in case.th.get("period", []):
        if unit == "year":
            limit = amount_
            break
    applied = add_months(completed, 12 * limit) + dt.timedelta(
        days=choice(rng, (-1, 0, 0, 1, 2, -30, 30, -400))
    )
    case.facts["completed_on"] = completed.isoformat()
    case.facts["applied_on"] = applied.isoformat()
    if chance(rng, 40):
        case.on = applied + dt.timedelta(days=choice(rng, (0, 1, 7, 30, -1)))
    return "first_set.dates"


def first_set_documents(case: Case) -> str:
    rng = case.rng
    if not isinstance(case.facts, dict):
        return "first_set.documents:none"
    documents = list(case.spec["lists"].get("documents", []))
    if chance(rng, 30):
        chosen = [d for d in documents if not chance(rng, 10)]
    else:
        chosen = sample(rng, documents, rng.randrange(len(documents) + 1))
    if chance(rng, 5):
        chosen.append("bogus_document")
    case.facts["documents"] = chosen
    return "first_set.documents"


def first_set_product(case: Case) -> str:
    rng = case.rng
    product = case.facts.get("product") if isinstance(case.facts, dict) else None
    if not isinstance(product, dict):
        return "first_set.product:none"
    if chance(rng, 50):
        classes = list(case.spec["lists"].get("sei_classes", []))
        codes = [
            *classes,
            *[c + ".1" for c in classes],
            "3",
            "3.9",
            "4.1.1",
            "3.2.1.1",
            "",
            "３.２",
        ]
        product["sei_code"] = choice(rng, codes)
        return "first_set.sei"
    for key in ("needs_production_license", "has_production_license", "needs_ccc", "has_ccc"):
        product[key] = choice(rng, (True, False, None))
    return "first_set.licences"


def _holiday_date(rng: random.Random) -> dt.date:
    year = choice(rng, (2019, 2020, 2021, 2022, 2023, 2024, 2025, 2025, 2026, 2026))
    month_day = choice(rng, ((1, 15), (2, 1), (4, 20), (9, 20), (12, 10), (6, 1), (3, 1), (10, 25)))
    start = dt.date(year, *month_day)
    return start + dt.timedelta(days=rng.randrange(25))


def disclosure_timeline(case: Case) -> str:
    rng = case.rng
    if not isinstance(case.facts, dict):
        return "disclosure.timeline:none"
    items = list(case.spec["lists"].get("items", []))
    if chance(rng, 60) and items:
        if chance(rng, 8):
            case.facts["item"] = choice(rng, ("no-such-item", " annual-budget", "Proposals"))
        else:
            case.facts["item"] = choice(rng, items)
    formed = _holiday_date(rng)
    if chance(rng, 3):
        formed = dt.date(choice(rng, (2018, 2019, 2027)), choice(rng, (5, 12)), 10)
    case.facts["formed_on"] = formed.isoformat()
    if chance(rng, 75):
        published = shifted(formed, rng, case.spec)
        case.facts["published_on"] = published.isoformat()
        case.on = published + dt.timedelta(days=choice(rng, (0, 0, 1, 30)))
    else:
        case.facts.pop("published_on", None)
        case.on = shifted(formed, rng, case.spec)
    return "disclosure.timeline"


def _edges(case: Case, indicator: str, kind: str = "share") -> list[Decimal]:
    found = case.spec["edges"].get(indicator, {}).get(kind, [])
    return [Decimal(v) for v in found] or [Decimal(v) for v in case.th.get(kind, ["0"])]


def sme_growth(case: Case) -> str:
    """Main-business revenue growing exactly at a band edge (mean and CAGR over the window)."""
    rng = case.rng
    if not isinstance(case.facts, dict):
        return "sme.growth:none"
    rate = case.near(choice(rng, _edges(case, "revenue_growth")), "share", exact_percent=60)
    base = Decimal(choice(rng, (1000, 2000, 950, 5000, 600))) * Decimal(10**4)
    names = ("main_revenue_y3", "main_revenue_y2", "main_revenue_y1")  # oldest first
    keys = [k for k in names if f"$.{k}" in case.spec["fields"]]
    if len(keys) == 3 and chance(rng, 30):
        # the same mean growth, unequal years: mean and CAGR differ
        wobble = choice(rng, (Decimal("0.02"), Decimal("0.05")))
        first = mul(base, 1 + rate + wobble)
        values = [base, first, mul(first, 1 + rate - wobble)]
    else:
        values = [base]
        for _ in keys[1:]:
            values.append(mul(values[-1], 1 + rate))
    for key, value in zip(keys, values, strict=False):
        case.facts[key] = amount(rng, "money", value)
    return f"sme.growth:{len(keys)}"


_SHARE_FIELDS = {
    "rd_share": "rd_expense_share",
    "main_revenue_share": "main_revenue_share",
    "debt_ratio": "debt_ratio",
    "net_profit_margin": "net_profit_margin",
    "rd_staff_share": "rd_staff_share",
    "rd_expense": "rd_expense_share",
}


def sme_share(case: Case) -> str:
    rng = case.rng
    if not isinstance(case.facts, dict):
        return "sme.share:none"
    indicators = [i for i in sorted(_SHARE_FIELDS) if case.spec["edges"].get(i, {}).get("share")]
    indicators = [i for i in indicators if f"$.{_SHARE_FIELDS[i]}" in case.spec["fields"]]
    if not indicators:
        return "sme.share:none"
    indicator = choice(rng, indicators)
    value = case.near(choice(rng, _edges(case, indicator)), "share")
    field = _SHARE_FIELDS[indicator]
    case.facts[field] = share(rng, value, signed=field == "net_profit_margin")
    return f"sme.share:{field}"


def sme_awards(case: Case) -> str:
    rng = case.rng
    if not isinstance(case.facts, dict):
        return "sme.awards:none"
    ranks = [int(Decimal(v)) for v in case.th.get("int", []) if Decimal(v) < 50] or [3, 5]
    awards = []
    for _ in range(rng.randrange(4)):
        award: dict[str, Any] = {"level": choice(rng, ("national", "provincial"))}
        if chance(rng, 85):
            award["rank"] = count(rng, Decimal(choice(rng, ranks) + choice(rng, (-1, 0, 0, 1))))
        if chance(rng, 50):
            award["name"] = "科技进步奖"
        awards.append(award)
    case.facts["science_awards_3y"] = awards
    return "sme.awards"


def sme_money(case: Case) -> str:
    """A money fact at a money threshold; R&D two-year mean exactly at its minimum."""
    rng = case.rng
    if not isinstance(case.facts, dict):
        return "sme.money:none"
    money = [p.removeprefix("$.") for p in case.fields("money") if p.count(".") == 1]
    if "rd_expense_y2" in money and chance(rng, 35):
        mean = case.default("rd_expense_mean_minimum", "10000000")
        first = Decimal(choice(rng, (1200, 900, 1000, 1500))) * Decimal(10**4)
        second = case.near(mean * 2 - first, "money")
        case.facts["rd_expense_y1"] = amount(rng, "money", first)
        case.facts["rd_expense_y2"] = amount(rng, "money", second)
        return "sme.money:rd_mean"
    if not money:
        return "sme.money:none"
    field = choice(rng, money)
    values = [Decimal(v) for v in case.th.get("money", [])] or [Decimal(10**6)]
    case.facts[field] = amount(rng, "money", case.near(choice(rng, values), "money"))
    return f"sme.money:{field}"


def sme_specialized_score(case: Case) -> str:
    rng = case.rng
    if not isinstance(case.facts, dict):
        return "sme.score:none"
    how = rng.randrange(3)
    if how == 0:
        value = choice(rng, [Decimal(v) for v in case.th.get("decimal", ["0"])] + [Decimal(10)])
        case.facts["characteristic_score"] = decimal_value(rng, case.near(value, "decimal"))
    elif how == 1:
        edges = _edges(case, "niche_years", "years")
        case.facts["niche_years"] = years(rng, case.near(choice(rng, edges), "years"))
    else:
        case.facts["maker_china_top500_3y"] = choice(rng, (True, False, None))
    return f"sme.score:{how}"


Op = Callable[[Case], str]

RELATIONS: dict[str, tuple[Op, ...]] = {
    "cluster": (
        cluster_share,
        cluster_share,
        cluster_growth,
        cluster_growth,
        cluster_density,
        cluster_years,
        cluster_enterprises,
        cluster_carbon,
    ),
    "ferroalloy": (
        ferroalloy_sufficient,
        ferroalloy_sufficient,
        ferroalloy_sufficient,
        ferroalloy_unit,
        ferroalloy_unit,
        ferroalloy_products,
        ferroalloy_lines,
    ),
    "first_set": (
        first_set_value,
        first_set_value,
        first_set_dates,
        first_set_dates,
        first_set_documents,
        first_set_product,
    ),
    "disclosure": (disclosure_timeline,),
    "sme_innovative": (sme_growth, sme_growth, sme_share, sme_awards, sme_money),
    "sme_specialized": (
        sme_growth,
        sme_growth,
        sme_share,
        sme_awards,
        sme_money,
        sme_money,
        sme_specialized_score,
    ),
}


def op_relation(case: Case) -> str:
    ops = RELATIONS.get(case.ruleset)
    if not ops:
        return op_threshold(case)
    return choice(case.rng, ops)(case)


OPS: tuple[tuple[Op, int], ...] = (
    (op_threshold, 28),
    (op_relation, 24),
    (op_drop, 8),
    (op_blank, 6),
    (op_enum, 9),
    (op_reunit, 6),
    (op_bool, 5),
    (op_junk, 4),
    (op_date, 6),
    (op_list, 4),
)


# ------------------------------------------------------------------------------------------
# The case


def _evaluation_date(case: Case, base_on: dt.date) -> dt.date:
    rng = case.rng
    pick = rng.randrange(100)
    if pick < 55:
        return base_on
    if pick < 85:
        return day(choice(rng, case.spec["dates"]))
    return shifted(base_on, rng, case.spec)


def _overrides(case: Case) -> dict[str, object] | None:
    rng = case.rng
    pick = rng.randrange(1000)
    spec = case.spec["overrides"]
    if pick < 20 and spec["illegal"]:
        name, value = choice(rng, spec["illegal"])
        return {name: value}
    if pick >= 140 or not spec["legal"]:
        return None
    out: dict[str, object] = {}
    names = sorted(spec["legal"])
    for name in sample(rng, names, 1 + rng.randrange(min(2, len(names)))):
        out[name] = choice(rng, spec["legal"][name])
    return out


def build(seed: str, ruleset: str, spec: dict[str, Any], index: int) -> dict[str, Any]:
    """Case ``index`` of ``ruleset``: ``{"facts", "on", "parameters", "ops"}``."""
    with localcontext(CTX):
        return _build(seed, ruleset, spec, index)


def _build(seed: str, ruleset: str, spec: dict[str, Any], index: int) -> dict[str, Any]:
    rng = random.Random(f"{seed}/{ruleset}/{index}")
    case = Case(ruleset, spec, rng)
    bases = spec["bases"]
    base = bases[index % len(bases)]
    case.facts = copy.deepcopy(base["facts"])
    case.on = _evaluation_date(case, day(base["on"]))
    n = weighted(rng, ((0, 4), (1, 34), (2, 28), (3, 18), (4, 10), (6, 6)))
    for _ in range(n):
        label = weighted(rng, OPS)(case)
        if label.endswith(":none"):  # nothing to mutate that way: a relation instead
            label = op_relation(case)
        case.ops.append(label)
    case.parameters = _overrides(case)
    if case.parameters is not None:
        case.ops.append("overrides")
    return {
        "facts": case.facts,
        "on": case.on.isoformat(),
        "parameters": case.parameters,
        "base": base["name"],
        "ops": case.ops,
    }
