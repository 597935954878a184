"""Legal periods and official working days, computed the way 《民法典》 counts them.

The regulations this library encodes set time limits in calendar days ("三十日内"), in working
days ("20个工作日内"), in months ("1个月内") or in years ("一年内"). This module turns such a limit
into the date on which it ends, following 《中华人民共和国民法典》 (in force 2021-01-01):

* 第二百零一条 — the day the period starts is not counted; counting begins the next day.
* 第二百零二条 — a period in months or years ends on the corresponding day of the last month, or
  on that month's last day if it has no such day (2025-01-31 + 1个月 → 2025-02-28).
* 第二百零三条 — if the last day is a statutory rest day (法定休假日: a weekly rest day or a
  statutory holiday), the period ends on the first day after the rest ends. A make-up working day
  (调休上班) is a working day, not a rest day.
* 第二百零四条 — these rules apply unless a law provides otherwise; a period in 个工作日 (e.g.
  《政府信息公开条例》第二十六条) counts official working days after the start day and never rolls.

Official working days come from the ``chinesecalendar`` package (2004–2026), corrected by
``nmgpolicy/data/calendar.toml`` (each correction cites the State Council notice), plus any year
the user registers from that year's State Council notice: in Python with :func:`register_year`
or :func:`register_schedule_file`, or without Python through schedule files in the TOML format
of ``docs/calendar.md`` named by the environment variable ``NMGPOLICY_CALENDAR`` (one path, or
several separated by :data:`os.pathsep`) or by the command's ``--calendar FILE``. A registered
year *replaces* the shipped schedule of that year whole (the shipped data and its corrections
are not consulted for it) until :func:`unregister_year`; a later registration of the same year
replaces an earlier one. :func:`track_registered_years` records which registered years a
computation consulted, so that a decision can say whose schedule it used. A computation that
needs a day in a year with no schedule raises :class:`~nmgpolicy.errors.CalendarNotCovered`
naming that year; it never guesses, and it never skips a gap between covered years. Bad
arguments raise :class:`~nmgpolicy.errors.InputError` with a JSON path (``$.start``,
``$.period`` …) and a valid example; a bad schedule file raises :class:`CalendarFileError` (an
``InputError``) naming the file.

The schedule is read once, on first use, into sorted arrays of day ordinals; every lookup is a
dictionary probe or a :func:`bisect.bisect` over those arrays (a few microseconds, no loop over
days). ``NMGPOLICY_CALENDAR`` is read at the same moment — the first lookup or registration —
never at import. Registration rebuilds the arrays under a lock; lookups read an immutable
snapshot and take no lock.
"""

from __future__ import annotations

import contextlib
import enum
import itertools
import os
import re
import threading
import tomllib
import unicodedata
from bisect import bisect_left, bisect_right
from collections.abc import Iterable, Iterator, Mapping
from contextvars import ContextVar
from datetime import date, datetime, timedelta
from functools import lru_cache
from importlib import resources
from types import MappingProxyType
from typing import Any, Final, cast

import attrs
from dateutil.relativedelta import relativedelta

from nmgpolicy.errors import CalendarNotCovered, InputError, Problem, shown
from nmgpolicy.limits import BUDGET, over

__all__ = [
    "ENVIRONMENT_VARIABLE",
    "MAX_SCHEDULE_FILE_BYTES",
    "CalendarFileError",
    "Period",
    "PeriodUnit",
    "Registration",
    "add_working_days",
    "covered_years",
    "deadline",
    "find_period",
    "is_working_day",
    "next_working_day",
    "notice_window",
    "parse_period",
    "period_end",
    "register_schedule_file",
    "register_year",
    "registrations",
    "track_registered_years",
    "unregister_year",
    "working_days_between",
]

#: The largest period amount accepted (about 274 years in days); larger is surely an error.
MAX_AMOUNT: Final = 100_000

_PERIOD_EXAMPLE: Final = 'e.g. "20个工作日" or "1 month" or {"amount": 20, "unit": "working_day"}'
_DATE_EXAMPLE: Final = "e.g. datetime.date(2026, 1, 5)"
_MAX_ORDINAL: Final = date.max.toordinal()
#: The longest text read as a period ("20个工作日" has 6 characters): longer text is refused
#: before any pattern is matched, so no text costs more than a few microseconds.
_MAX_TEXT: Final = 200


# --------------------------------------------------------------------------------------------
# Period values
# --------------------------------------------------------------------------------------------


class PeriodUnit(enum.Enum):
    """The unit of a legal period.

    ``DAY``, ``MONTH`` and ``YEAR`` are the calendar units of 《民法典》第二百条; ``WORKING_DAY``
    is the official working day (个工作日) that administrative regulations use, e.g.
    《政府信息公开条例》第二十六条 "20个工作日内".
    """

    DAY = "day"
    WORKING_DAY = "working_day"
    MONTH = "month"
    YEAR = "year"


_ZH_UNIT: Final[Mapping[PeriodUnit, str]] = {
    PeriodUnit.DAY: "日",
    PeriodUnit.WORKING_DAY: "个工作日",
    PeriodUnit.MONTH: "个月",
    PeriodUnit.YEAR: "年",
}
_EN_UNIT: Final[Mapping[PeriodUnit, tuple[str, str]]] = {
    PeriodUnit.DAY: ("day", "days"),
    PeriodUnit.WORKING_DAY: ("working day", "working days"),
    PeriodUnit.MONTH: ("month", "months"),
    PeriodUnit.YEAR: ("year", "years"),
}


def _amount_problem(value: object) -> str | None:
    """Why ``value`` is not a valid period amount, or ``None`` if it is one."""
    if isinstance(value, bool) or not isinstance(value, int):
        return (
            f"the amount must be a whole number of units, got {shown(value)} "
            f"({type(value).__name__}); {_PERIOD_EXAMPLE}"
        )
    if value < 0:
        return f"the amount must not be negative, got {shown(value)}; {_PERIOD_EXAMPLE}"
    if value > MAX_AMOUNT:
        return f"the amount must be at most {MAX_AMOUNT}, got {shown(value)}; {_PERIOD_EXAMPLE}"
    return None


def _validate_amount(_instance: object, _attribute: attrs.Attribute[int], value: int) -> None:
    problem = _amount_problem(value)
    if problem is not None:
        raise InputError.single("$.amount", problem)


def _validate_unit(
    _instance: object, _attribute: attrs.Attribute[PeriodUnit], value: PeriodUnit
) -> None:
    if not isinstance(value, PeriodUnit):
        raise InputError.single(
            "$.unit", f"expected a PeriodUnit such as PeriodUnit.WORKING_DAY, got {shown(value)}"
        )


@attrs.frozen
class Period:
    """A legal time limit: ``amount`` units of ``unit`` (e.g. 20个工作日, 30日, 1个月, 1年).

    How it is counted from a start date is :func:`deadline`'s job (《民法典》第二百零一条 to
    第二百零三条). ``amount`` is a whole number from 0 to 100000 (``bool`` is refused).
    """

    amount: int = attrs.field(validator=_validate_amount)
    unit: PeriodUnit = attrs.field(validator=_validate_unit)

    def __str__(self) -> str:
        """The Chinese form regulations use: "20个工作日", "30日", "1个月", "1年"."""
        return f"{self.amount}{_ZH_UNIT[self.unit]}"

    def describe(self, lang: str = "zh") -> str:
        """The period in words: ``"zh"`` → "20个工作日"; ``"en"`` → "20 working days", "1 month"."""
        if lang == "zh":
            return str(self)
        if lang == "en":
            singular, plural = _EN_UNIT[self.unit]
            return f"{self.amount} {singular if self.amount == 1 else plural}"
        raise InputError.single("$.lang", f'expected "zh" or "en", got {shown(lang)}')


# Chinese numerals: 零〇 placeholder zero; 一…九 (and 两) digits; 十 and 百 multipliers.
_CN_DIGITS: Final[Mapping[str, int]] = {
    "零": 0,
    "〇": 0,
    "一": 1,
    "二": 2,
    "两": 2,
    "三": 3,
    "四": 4,
    "五": 5,
    "六": 6,
    "七": 7,
    "八": 8,
    "九": 9,
}
_CN_MULTIPLIERS: Final[Mapping[str, int]] = {"十": 10, "百": 100}
_CN_CHARS: Final = "零〇一二两三四五六七八九十百"


def _cn_number(text: str) -> int | None:
    """The value of a Chinese numeral up to 九百九十九 ("三十" → 30, "十二" → 12), or ``None``."""
    total = 0
    digit: int | None = None
    last_multiplier = 1000
    for ch in text:
        if ch in _CN_MULTIPLIERS:
            multiplier = _CN_MULTIPLIERS[ch]
            if multiplier >= last_multiplier or digit == 0:
                return None  # "十百", "十十", "零十"
            total += (1 if digit is None else digit) * multiplier
            last_multiplier = multiplier
            digit = None
        else:
            if digit not in (None, 0):
                return None  # two digits in a row: "二二"
            digit = _CN_DIGITS[ch]
    return total + (digit or 0)


def _number(text: str) -> int | None:
    """An amount written in ASCII digits or in Chinese numerals; ``None`` if it is not one."""
    if text.isascii():
        return int(text) if len(text) <= 7 else MAX_AMOUNT + 1
    return _cn_number(text)


_NUMBER_RE: Final = rf"[0-9]+|[{_CN_CHARS}]+"
# Longer units first, so that "个工作日" wins over "日".
_UNIT_RE: Final = (
    r"个?工作日|工作天|个月|日|天|年(?![度代级])"
    r"|(?:working|business)[\s_-]*days?(?![a-z])|workdays?(?![a-z])"
    r"|(?:calendar\s+)?days?(?![a-z])|months?(?![a-z])|years?(?![a-z])"
)
_PARSE_RE: Final = re.compile(
    rf"\s*(?P<sign>[-+−]?)\s*(?P<num>{_NUMBER_RE})\s*(?P<unit>{_UNIT_RE})\s*", re.IGNORECASE
)
_FIND_RE: Final = re.compile(
    rf"(?<![0-9A-Za-z.第月{_CN_CHARS}])(?P<num>{_NUMBER_RE})\s*(?P<unit>{_UNIT_RE})",
    re.IGNORECASE,
)


def _text_unit(word: str) -> PeriodUnit:
    """The unit named by a matched unit word (already known to match ``_UNIT_RE``)."""
    word = word.lower()
    if "工作" in word or "work" in word or "business" in word:
        return PeriodUnit.WORKING_DAY
    if "月" in word or word.startswith("month"):
        return PeriodUnit.MONTH
    if "年" in word or word.startswith("year"):
        return PeriodUnit.YEAR
    return PeriodUnit.DAY


_UNIT_NAMES: Final[Mapping[str, PeriodUnit]] = {
    **{u.value: u for u in PeriodUnit},
    **{u.value + "s": u for u in PeriodUnit},
}


def _parse_text(value: str, path: str) -> Period:
    if len(value) > _MAX_TEXT:
        raise InputError.single(
            path, f"too long for a period ({len(value):,} characters); {_PERIOD_EXAMPLE}"
        )
    text = unicodedata.normalize("NFKC", value)
    match = _PARSE_RE.fullmatch(text)
    if match is None:
        raise InputError.single(
            path, f"not a period: {shown(value)}; expected an amount and a unit, {_PERIOD_EXAMPLE}"
        )
    amount = _number(match["num"])
    if match["sign"] in ("-", "−"):
        raise InputError.single(
            path, f"a period must not be negative: {shown(value)}; {_PERIOD_EXAMPLE}"
        )
    if amount is None:
        raise InputError.single(
            path, f"not a number: {match['num']!r} in {shown(value)}; {_PERIOD_EXAMPLE}"
        )
    problem = _amount_problem(amount)
    if problem is not None:
        raise InputError.single(path, problem)
    return Period(amount, _text_unit(match["unit"]))


@lru_cache(maxsize=1024)
def _parse_text_cached(value: str, path: str) -> Period:
    return _parse_text(value, path)


def _key_path(path: str, key: object) -> str:
    """The path of ``key`` in a mapping at ``path``: ``$.x.name``, or ``$.x[1]`` for a key that
    is not text (shown bounded: a key may be a 5000-digit number or a deeply nested tuple)."""
    return f"{path}.{key}" if isinstance(key, str) else f"{path}[{shown(key)}]"


def _parse_mapping(value: Mapping[Any, object], path: str) -> Period:
    problems: list[Problem] = []
    for key in value:
        if key not in ("amount", "unit"):
            problems.append(
                Problem(_key_path(path, key), 'unknown key; a period has only "amount" and "unit"')
            )
    amount: int | None = None
    if "amount" not in value:
        problems.append(Problem(f"{path}.amount", "required; e.g. 20"))
    else:
        raw_amount = value["amount"]
        amount_problem = _amount_problem(raw_amount)
        if amount_problem is None:
            amount = cast(int, raw_amount)
        else:
            problems.append(Problem(f"{path}.amount", amount_problem))
    raw_unit = value.get("unit")
    unit: PeriodUnit | None = None
    if isinstance(raw_unit, PeriodUnit):
        unit = raw_unit
    elif isinstance(raw_unit, str):
        unit = _UNIT_NAMES.get(raw_unit.strip().lower().replace(" ", "_").replace("-", "_"))
    if unit is None:
        names = ", ".join(f'"{u.value}"' for u in PeriodUnit)
        problems.append(Problem(f"{path}.unit", f"expected one of {names}, got {shown(raw_unit)}"))
    if problems or amount is None or unit is None:
        raise InputError(problems)
    return Period(amount, unit)


def parse_period(value: Period | str | Mapping[str, object], *, path: str = "$.period") -> Period:
    """Read a period from a :class:`Period`, a mapping or text.

    Accepted: ``Period(20, PeriodUnit.WORKING_DAY)``; ``{"amount": 20, "unit": "working_day"}``;
    text such as "20个工作日", "20 working days", "30日", "30天", "三十日", "1个月", "3 months",
    "一年", "两年", "1 year" (full-width digits and spaces are normalised, Chinese numerals
    零一二两三四五六七八九十百 are read). A bare "月" is refused because "一月" also means
    January. Anything else — negative, fractional, non-numeric, ``bool``, ``None``, more than
    100000 — raises :class:`InputError` naming ``path`` with a valid example.

    Why: regulations state their limits in words; callers and data files may use either the
    words or a structured form, and both must yield the same :class:`Period` before
    :func:`deadline` applies 《民法典》第二百零一条 to 第二百零三条.
    """
    if not isinstance(path, str):
        raise InputError.single(
            "$.path", f'expected a JSON path such as "$.period", got {shown(path)}'
        )
    if isinstance(value, Period):
        return value
    if isinstance(value, str):
        return _parse_text_cached(value, path)
    if isinstance(value, Mapping):
        return _parse_mapping(value, path)
    raise InputError.single(
        path, f"expected a period, got {shown(value)} ({type(value).__name__}); {_PERIOD_EXAMPLE}"
    )


def find_period(text: str) -> Period | None:
    """The first time limit stated in free legal text, or ``None`` if it states none.

    "政府信息形成或者变更之日起20个工作日内" → 20个工作日; "在答复建议和提案提出人的1个月内"
    → 1个月; "信息形成之日起一年内" → 1年; "应当在三十日内向社会公布" → 30日; "据实动态公开"
    → ``None``. "个工作日" wins over "日". Calendar dates are not periods: a number that
    continues another number or follows "第" or "月" is skipped ("5月15日", "第三年"), and so
    is a year count of 1000 or more ("2019年").

    Why: the disclosure catalog quotes each item's time limit inside a sentence; where it quotes
    none, 《政府信息公开条例》第二十六条's 20个工作日 applies, so the caller needs to know which.
    """
    if not isinstance(text, str):
        raise InputError.single("$.text", f"expected text (str), got {type(text).__name__}")
    for match in _FIND_RE.finditer(unicodedata.normalize("NFKC", text)):
        amount = _number(match["num"])
        if amount is None or amount > MAX_AMOUNT:
            continue
        unit = _text_unit(match["unit"])
        if unit is PeriodUnit.YEAR and amount >= 1000:
            continue  # a calendar year such as "2019年", not a period
        return Period(amount, unit)
    return None


# --------------------------------------------------------------------------------------------
# Official working days: data
# --------------------------------------------------------------------------------------------


@attrs.frozen
class _Schedule:
    """One year's official schedule: holidays on would-be working days, make-up working days.

    ``source`` and ``notice`` describe a registered schedule (the file it was read from, the
    notice it transcribes); they are ``None`` for the shipped data.
    """

    holidays: frozenset[date]
    workdays: frozenset[date]
    source: str | None = None
    notice: str | None = None


@attrs.frozen
class Registration:
    """A year whose official schedule the user registered, as a computation consulted it.

    ``source`` is the file it was read from (or the caller's description passed to
    :func:`register_year`), ``notice`` the State Council notice it transcribes (both ``None``
    when not given), and ``replaces_shipped`` whether the package ships a schedule for that year
    which this registration replaces.
    """

    year: int
    source: str | None
    notice: str | None
    replaces_shipped: bool

    def note(self) -> tuple[str, str]:
        """The note a decision carries when it used this year: ``(Chinese, English)``."""
        zh_from = [f"来源：{self.source}" if self.source else "来源未注明"]
        en_from = [f"source: {self.source}" if self.source else "source not given"]
        if self.notice:
            zh_from.append(f"依据：{self.notice}")
            en_from.append(f"transcribing {self.notice}")
        zh = f"{self.year}年的工作日按使用者登记的作息安排计算（{'；'.join(zh_from)}）"
        en = (
            f"Official working days in {self.year} follow the schedule registered by the user "
            f"({'; '.join(en_from)})"
        )
        if self.replaces_shipped:
            zh += "，取代本库随附的该年数据。"
            en += ", which replaces the schedule shipped with the library for that year."
        else:
            zh += "；本库未随附该年的作息安排。"
            en += "; the library ships no schedule for that year."
        return zh, en


@attrs.frozen
class _Correction:
    """One entry of ``data/calendar.toml``: the day, its true status and the notice saying so."""

    day: date
    status: str  # "workday" or "holiday"
    number: str


@attrs.frozen(eq=False)
class _Block:
    """A maximal run of consecutive covered years and the ordinals of their working days."""

    first_year: int
    last_year: int
    ords: tuple[int, ...]


@attrs.frozen(eq=False)
class _Calendar:
    """An immutable snapshot of everything the lookups need; replaced whole on registration."""

    years: frozenset[int]
    status: Mapping[int, bool]  # ordinal -> is an official working day, for every covered day
    block_of: Mapping[int, _Block]  # ordinal -> its block, for every covered day
    registered: Mapping[int, Registration]  # the registered years (empty: nothing to record)


def _parse_corrections(doc: Mapping[str, Any]) -> tuple[_Correction, ...]:
    """Validate the parsed ``calendar.toml``; a defect in shipped data is a ``ValueError``."""
    entries = doc.get("correction", [])
    if not isinstance(entries, list):
        raise ValueError("calendar.toml: 'correction' must be an array of tables")
    corrections: list[_Correction] = []
    for i, entry in enumerate(entries):
        where = f"calendar.toml: correction[{i}]"
        if not isinstance(entry, dict):
            raise ValueError(f"{where}: must be a table")
        day = entry.get("date")
        if type(day) is not date:
            raise ValueError(f"{where}: 'date' must be a TOML local date, got {day!r}")
        status = entry.get("status")
        if status not in ("workday", "holiday"):
            raise ValueError(f'{where}: \'status\' must be "workday" or "holiday", got {status!r}')
        number = entry.get("number")
        if not isinstance(number, str) or not number.strip():
            raise ValueError(f"{where}: 'number' must cite the notice (文号), got {number!r}")
        corrections.append(_Correction(day, status, number))
    return tuple(corrections)


def _read_corrections() -> tuple[_Correction, ...]:
    resource = resources.files("nmgpolicy") / "data" / "calendar.toml"
    return _parse_corrections(tomllib.loads(resource.read_text(encoding="utf-8")))


def _apply(
    holidays: Mapping[int, set[date]],
    workdays: Mapping[int, set[date]],
    corrections: Iterable[_Correction],
) -> None:
    """Apply corrections in place, to the years present in ``holidays`` only."""
    for c in corrections:
        if c.day.year not in holidays:
            continue  # a year the package does not cover must be registered whole
        if c.status == "workday":
            holidays[c.day.year].discard(c.day)
            workdays[c.day.year].add(c.day)
        else:
            workdays[c.day.year].discard(c.day)
            holidays[c.day.year].add(c.day)


def _base_schedules() -> dict[int, _Schedule]:
    """chinesecalendar's tables, read once, split by year, with ``calendar.toml`` applied."""
    from chinese_calendar import constants  # imported lazily: only on first use

    pkg_holidays: Iterable[date] = constants.holidays
    pkg_workdays: Iterable[date] = constants.workdays
    holiday_days = list(pkg_holidays)
    # chinesecalendar covers every year from its first to its last listed holiday.
    years = range(min(d.year for d in holiday_days), max(d.year for d in holiday_days) + 1)
    holidays: dict[int, set[date]] = {y: set() for y in years}
    workdays: dict[int, set[date]] = {y: set() for y in years}
    for d in holiday_days:
        holidays[d.year].add(d)
    for d in pkg_workdays:
        workdays[d.year].add(d)
    _apply(holidays, workdays, _read_corrections())
    return {y: _Schedule(frozenset(holidays[y]), frozenset(workdays[y])) for y in years}


def _build(
    schedules: Mapping[int, _Schedule], registered: Mapping[int, Registration] | None = None
) -> _Calendar:
    """Precompute the working-day arrays for every covered year, grouped into blocks of
    consecutive years (so that a gap between covered years is never crossed)."""
    status: dict[int, bool] = {}
    block_of: dict[int, _Block] = {}
    runs: list[list[int]] = []
    for year in sorted(schedules):
        if runs and runs[-1][-1] == year - 1:
            runs[-1].append(year)
        else:
            runs.append([year])
    for run in runs:
        ords: list[int] = []
        first = date(run[0], 1, 1).toordinal()
        last = date(run[-1], 12, 31).toordinal()
        for year in run:
            sched = schedules[year]
            o = date(year, 1, 1).toordinal()
            end = date(year, 12, 31).toordinal()
            weekday = date(year, 1, 1).weekday()
            while o <= end:
                day = date.fromordinal(o)
                working = day in sched.workdays or (weekday < 5 and day not in sched.holidays)
                status[o] = working
                if working:
                    ords.append(o)
                o += 1
                weekday = (weekday + 1) % 7
        block = _Block(run[0], run[-1], tuple(ords))
        for o in range(first, last + 1):
            block_of[o] = block
    return _Calendar(
        frozenset(schedules), status, block_of, MappingProxyType(dict(registered or {}))
    )


#: The environment variable naming schedule files (one path, or several joined by os.pathsep).
ENVIRONMENT_VARIABLE: Final = "NMGPOLICY_CALENDAR"
#: The largest schedule file accepted, in bytes (a year's schedule takes about 1 kB).
MAX_SCHEDULE_FILE_BYTES: Final = 1_000_000

_LOCK: Final = threading.Lock()
_BASE: dict[int, _Schedule] | None = None
_REGISTERED: dict[int, _Schedule] = {}
_CAL: _Calendar | None = None
_ENV_READ = False
# The registered years consulted during the current evaluation (see track_registered_years).
_USED: Final[ContextVar[dict[int, Registration] | None]] = ContextVar(
    "nmgpolicy_periods_registered_years_used", default=None
)


def _read_environment_locked() -> None:
    """Register the files named by ``NMGPOLICY_CALENDAR``, once per process (lock held).

    All files are read and checked before any is registered; a bad one raises
    :class:`CalendarFileError` now and again at the next use, until it is fixed. Where two files
    give the same year, the later one wins.
    """
    global _ENV_READ, _CAL
    if _ENV_READ:
        return
    schedules: dict[int, _Schedule] = {}
    for name in os.environ.get(ENVIRONMENT_VARIABLE, "").split(os.pathsep):
        if name.strip():
            schedules.update(_read_schedule_file(name, origin=ENVIRONMENT_VARIABLE))
    _REGISTERED.update(schedules)
    _ENV_READ = True
    _CAL = None


def _calendar() -> _Calendar:
    """The current snapshot, building it (under the lock) if registration invalidated it."""
    global _BASE, _CAL
    with _LOCK:
        _read_environment_locked()
        if _CAL is None:
            if _BASE is None:
                _BASE = _base_schedules()
            registered = {
                year: Registration(year, sched.source, sched.notice, year in _BASE)
                for year, sched in sorted(_REGISTERED.items())
            }
            _CAL = _build({**_BASE, **_REGISTERED}, registered)
        return _CAL


def _record(cal: _Calendar, first: int, last: int) -> None:
    """Note, for :func:`track_registered_years`, the registered years from ``first`` to
    ``last`` (ordinals of the first and last day a lookup's answer depended on)."""
    used = _USED.get()
    if used is None:
        return
    first_year, last_year = date.fromordinal(first).year, date.fromordinal(last).year
    for year, registration in cal.registered.items():
        if first_year <= year <= last_year:
            used.setdefault(year, registration)


@contextlib.contextmanager
def track_registered_years() -> Iterator[Mapping[int, Registration]]:
    """Record which registered years the working-day lookups inside the block consulted.

    Yields a mapping, filled as the block runs, from each registered year whose schedule
    decided an answer to its :class:`Registration` (as it stood when consulted). Only answers
    given count: a lookup that raised :class:`CalendarNotCovered` records nothing. The record
    follows the current thread or asyncio task (:mod:`contextvars`); a nested block's years are
    also added to the enclosing block's. :meth:`nmgpolicy.engine.BaseRuleSet.evaluate` uses
    it to note, in the Decision, the schedules the user supplied.

    >>> with track_registered_years() as used:
    ...     is_working_day(date(2026, 2, 14))
    True
    >>> dict(used)  # 2026 is shipped, not registered
    {}
    """
    used: dict[int, Registration] = {}
    token = _USED.set(used)
    try:
        yield used
    finally:
        _USED.reset(token)
        outer = _USED.get()
        if outer is not None:
            for year, registration in used.items():
                outer.setdefault(year, registration)


# --------------------------------------------------------------------------------------------
# Argument checks (slow paths: the hot paths test ``type(x) is date`` / ``type(n) is int`` first)
# --------------------------------------------------------------------------------------------


def _as_date(value: object, path: str) -> date:
    if isinstance(value, datetime):
        raise InputError.single(
            path,
            f"expected a date, not a datetime ({shown(value)}); pass value.date(), {_DATE_EXAMPLE}",
        )
    if isinstance(value, date):
        return date(value.year, value.month, value.day)  # a date subclass, made plain
    if isinstance(value, str):
        raise InputError.single(
            path,
            f"expected a datetime.date, got the string {shown(value)}; "
            f"convert it with datetime.date.fromisoformat(), {_DATE_EXAMPLE}",
        )
    raise InputError.single(
        path, f"expected a datetime.date, got {type(value).__name__}; {_DATE_EXAMPLE}"
    )


def _as_count(value: object, path: str, *, minimum: int = 0) -> int:
    if isinstance(value, bool) or not isinstance(value, int):
        raise InputError.single(
            path, f"expected a whole number of working days, got {shown(value)}; e.g. 20"
        )
    if value < minimum:
        raise InputError.single(path, f"must be at least {minimum}, got {shown(value)}; e.g. 20")
    return int(value)


def _not_covered(ordinal: int) -> CalendarNotCovered:
    """The error for the year of the day ``ordinal`` (past ``date.max``: year 10000)."""
    year = date.fromordinal(ordinal).year if ordinal <= _MAX_ORDINAL else date.max.year + 1
    return CalendarNotCovered(year)


# --------------------------------------------------------------------------------------------
# Official working days: lookups
# --------------------------------------------------------------------------------------------


def is_working_day(d: date) -> bool:
    """Whether ``d`` is an official working day.

    A working day is Monday–Friday unless it is a statutory holiday, or any day the State
    Council made a make-up working day (调休上班). Every other day is a statutory rest day
    (法定休假日) in the sense of 《民法典》第二百零三条. Raises :class:`CalendarNotCovered` if
    ``d``'s year has no schedule.
    """
    if type(d) is not date:
        d = _as_date(d, "$.d")
    cal = _CAL or _calendar()
    o = d.toordinal()
    status = cal.status.get(o)
    if status is None:
        raise CalendarNotCovered(d.year)
    if cal.registered:
        _record(cal, o, o)
    return status


def add_working_days(start: date, n: int) -> date:
    """The ``n``-th official working day after ``start``.

    ``start`` itself is never counted, whether or not it is a working day (《民法典》第二百零一条:
    开始的当日不计入). ``n == 0`` returns ``start``. The result is always a working day, so a
    working-day period never needs the 第二百零三条 roll. Raises :class:`InputError` for a
    negative or non-integer ``n``, :class:`CalendarNotCovered` if a day it must look at lies in a
    year with no schedule (including a gap between covered years).
    """
    if type(start) is not date:
        start = _as_date(start, "$.start")
    if type(n) is not int or n < 0:
        n = _as_count(n, "$.n")
    if n == 0:
        return start
    o = start.toordinal()
    cal = _CAL or _calendar()
    block = cal.block_of.get(o + 1)
    if block is None:
        raise _not_covered(o + 1)
    ords = block.ords
    i = bisect_right(ords, o) + n - 1
    if i >= len(ords):
        raise CalendarNotCovered(block.last_year + 1)
    if cal.registered:
        _record(cal, o + 1, ords[i])
    return date.fromordinal(ords[i])


def working_days_between(a: date, b: date) -> int:
    """The number of official working days ``d`` with ``a < d <= b``; ``-(b, a)`` if ``b < a``.

    It inverts :func:`add_working_days`: ``working_days_between(a, add_working_days(a, n)) == n``
    (the start day is not counted, 《民法典》第二百零一条). Raises :class:`CalendarNotCovered` if a
    day in between lies in a year with no schedule.
    """
    if type(a) is not date:
        a = _as_date(a, "$.a")
    if type(b) is not date:
        b = _as_date(b, "$.b")
    if b < a:
        return -working_days_between(b, a)
    ao, bo = a.toordinal(), b.toordinal()
    if ao == bo:
        return 0
    cal = _CAL or _calendar()
    block = cal.block_of.get(ao + 1)
    if block is None:
        raise _not_covered(ao + 1)
    if b.year > block.last_year:
        raise CalendarNotCovered(block.last_year + 1)
    if cal.registered:
        _record(cal, ao + 1, bo)
    return bisect_right(block.ords, bo) - bisect_right(block.ords, ao)


def next_working_day(d: date) -> date:
    """``d`` if it is an official working day, else the first working day after it.

    This is the roll of 《民法典》第二百零三条: a period whose last day is a statutory rest day
    ends on the day after the rest ends.
    """
    if type(d) is not date:
        d = _as_date(d, "$.d")
    return _roll(d)


def _roll(d: date) -> date:
    cal = _CAL or _calendar()
    o = d.toordinal()
    if cal.status.get(o):
        if cal.registered:
            _record(cal, o, o)
        return d
    block = cal.block_of.get(o)
    if block is None:
        raise CalendarNotCovered(d.year)
    i = bisect_left(block.ords, o)
    if i == len(block.ords):
        raise CalendarNotCovered(block.last_year + 1)
    if cal.registered:
        _record(cal, o, block.ords[i])
    return date.fromordinal(block.ords[i])


def notice_window(start: date, working_days: int) -> tuple[date, date]:
    """The first and last day of a public notice of ``working_days`` working days.

    A notice ("公示期为5个工作日", published as "X月X日至X月X日（5个工作日）") begins on ``start``
    if that is a working day and counts it as day 1, else on the next working day. This differs
    from :func:`deadline`, where the start day is not counted (《民法典》第二百零一条): a notice
    is a span of days on which the public may object, not a period running from an event.
    ``working_days`` must be at least 1.
    """
    if type(start) is not date:
        start = _as_date(start, "$.start")
    if type(working_days) is not int or working_days < 1:
        working_days = _as_count(working_days, "$.working_days", minimum=1)
    o = start.toordinal()
    cal = _CAL or _calendar()
    block = cal.block_of.get(o)
    if block is None:
        raise CalendarNotCovered(start.year)
    ords = block.ords
    i = bisect_left(ords, o)
    j = i + working_days - 1
    if j >= len(ords):
        raise CalendarNotCovered(block.last_year + 1)
    if cal.registered:
        _record(cal, o, ords[j])
    return date.fromordinal(ords[i]), date.fromordinal(ords[j])


@lru_cache(maxsize=256)
def _months(n: int) -> relativedelta:
    return relativedelta(months=n)


def deadline(start: date, period: Period | str | Mapping[str, object]) -> date:
    """The last day of ``period`` counted from ``start`` (《民法典》第二百零一条 to 第二百零三条).

    * The start day is not counted (第二百零一条).
    * ``DAY``: ``start`` + n calendar days.
    * ``MONTH`` / ``YEAR``: the corresponding day of the last month, or that month's last day
      if it has none (第二百零二条): 2025-01-31 + 1个月 → 2025-02-28; 2024-02-29 + 1年 →
      2025-02-28.
    * For ``DAY``/``MONTH``/``YEAR``, a last day that is a statutory rest day (a weekend or a
      statutory holiday, but not a make-up working day) rolls to the next working day
      (第二百零三条). A period of 0 days ends on ``start``, rolled likewise.
    * ``WORKING_DAY``: :func:`add_working_days` — the n-th working day after ``start``; it is
      always a working day, so it never rolls.

    ``period`` may be a :class:`Period`, text or a mapping (see :func:`parse_period`). Raises
    :class:`InputError` for bad arguments, :class:`CalendarNotCovered` if the last day (or the
    roll, or a working day counted) lies in a year with no schedule.
    """
    if type(start) is not date:
        start = _as_date(start, "$.start")
    p = _as_period(period)
    if p.unit is PeriodUnit.WORKING_DAY:
        return add_working_days(start, p.amount)
    return _roll(_calendar_end(start, p))


def _as_period(period: Period | str | Mapping[str, object]) -> Period:
    if type(period) is Period:
        return period
    if type(period) is str:
        return _parse_text_cached(period, "$.period")
    return parse_period(period, path="$.period")


def _calendar_end(start: date, p: Period) -> date:
    """201/202 arithmetic for a day, month or year period (no 203 roll)."""
    try:
        if p.unit is PeriodUnit.DAY:
            return start + timedelta(days=p.amount)
        return start + _months(p.amount if p.unit is PeriodUnit.MONTH else 12 * p.amount)
    except (OverflowError, ValueError):
        raise InputError.single(
            "$.period", f"{p} from {start.isoformat()} ends after {date.max.isoformat()}"
        ) from None


def period_end(start: date, period: Period | str | Mapping[str, object]) -> date:
    """The corresponding last day of ``period`` from ``start``, *without* the rest-day roll.

    《民法典》第二百零一条 and 第二百零二条 only: the start day is not counted, and a month or
    year period ends on the corresponding day or that month's last day (2024-02-29 + 2年 →
    2026-02-28). For bounds that are not time limits for an act — an age ("研制完成时间距申请
    认定时间一般不超过2年"), the end of a validity period — where 第二百零三条's roll to the next
    working day does not apply. A working-day period ends on its n-th working day, as in
    :func:`deadline`. Use :func:`deadline` for time limits.
    """
    if type(start) is not date:
        start = _as_date(start, "$.start")
    p = _as_period(period)
    if p.unit is PeriodUnit.WORKING_DAY:
        return add_working_days(start, p.amount)
    return _calendar_end(start, p)


# --------------------------------------------------------------------------------------------
# Registration
# --------------------------------------------------------------------------------------------


class CalendarFileError(InputError):
    """A schedule file cannot be registered: :attr:`file` names it, :attr:`problems` say why.

    An :class:`~nmgpolicy.errors.InputError` (and so an ``NmgPolicyError``), raised by
    :func:`register_schedule_file`, by the ``--calendar`` option of the command, and by the
    first working-day lookup when a file named by ``NMGPOLICY_CALENDAR`` is bad (then
    :attr:`origin` is ``"NMGPOLICY_CALENDAR"``). Each problem has a JSON path into the file,
    e.g. ``$.2027.holidays[3]``; ``$.path`` for a file that cannot be read at all.
    """

    file: str
    origin: str | None

    def __init__(
        self,
        file: str,
        problems: Iterable[Problem | tuple[str, str]],
        *,
        origin: str | None = None,
    ) -> None:
        self.file = file
        self.origin = origin
        super().__init__(problems)

    def _render(self) -> str:
        named = f" (named by {self.origin})" if self.origin else ""
        return f"schedule file {self.file!r}{named}: {super()._render()}"

    def to_dict(self) -> dict[str, object]:
        """JSON-ready form: ``{"error": "CalendarFileError", "file", "problems"}``."""
        return {**super().to_dict(), "error": "CalendarFileError", "file": self.file}

    def __reduce__(self) -> Any:
        return (_rebuild_calendar_file_error, (self.file, self.problems, self.origin))


def _rebuild_calendar_file_error(
    file: str, problems: tuple[Problem, ...], origin: str | None
) -> CalendarFileError:
    return CalendarFileError(file, problems, origin=origin)


def _schedule_dates(values: object, year: int, path: str, problems: list[Problem]) -> set[date]:
    if isinstance(values, (str, bytes)) or not isinstance(values, Iterable):
        problems.append(
            Problem(path, f'expected a list of dates such as ["{year}-01-01"], got {shown(values)}')
        )
        return set()
    days: set[date] = set()
    # Held to the input budget as it is read: an iterable may be range(10**18) or endless.
    for i, value in enumerate(itertools.islice(values, BUDGET.max_list_length + 1)):
        where = f"{path}[{i}]"
        if i == BUDGET.max_list_length:
            what = f"more than {BUDGET.max_list_length:,} dates"
            problems.append(Problem(path, over(what, "max_list_length", "items")))
            break
        if len(problems) >= BUDGET.max_problems:
            problems.append(
                Problem(path, over("more problems not listed", "max_problems", "problems"))
            )
            break
        day: date | None = None
        if isinstance(value, datetime):
            problems.append(Problem(where, f"expected a date, not a datetime: {shown(value)}"))
        elif isinstance(value, date):
            day = date(value.year, value.month, value.day)
        elif isinstance(value, str):
            try:
                if len(value) > _MAX_TEXT:  # the length first: one text may be listed 5,000 times
                    raise ValueError(value)
                day = date.fromisoformat(value.strip())
            except ValueError:
                problems.append(
                    Problem(where, f'not an ISO date: {shown(value)}; e.g. "{year}-01-01"')
                )
        else:
            problems.append(
                Problem(where, f'expected a date or an ISO date string such as "{year}-01-01"')
            )
        if day is not None:
            if day.year != year:
                problems.append(Problem(where, f"{day.isoformat()} is not in {year}"))
            else:
                days.add(day)
    return days


def _validated(year: object, holidays: object, workdays: object) -> tuple[set[date], set[date]]:
    """The holiday and workday sets of a schedule, or an InputError listing every problem."""
    problems: list[Problem] = []
    if isinstance(year, bool) or not isinstance(year, int) or not 1 <= year <= 9999:
        raise InputError.single(
            "$.year", f"expected a year from 1 to 9999, got {shown(year)}; e.g. 2027"
        )
    off = _schedule_dates(holidays, year, "$.holidays", problems)
    on = _schedule_dates(workdays, year, "$.workdays", problems)
    problems.extend(
        Problem("$.workdays", f"{day.isoformat()} is listed both as a holiday and as a workday")
        for day in sorted(off & on)
    )
    if problems:
        raise InputError(problems)
    return off, on


def _text_or_none(value: object, path: str) -> str | None:
    """An optional description (``source``, ``notice``): text, or ``None``."""
    if value is None:
        return None
    if not isinstance(value, str):
        raise InputError.single(path, f"expected text or None, got {shown(value)}")
    return value.strip() or None


def register_year(
    year: int,
    *,
    holidays: Iterable[date | str],
    workdays: Iterable[date | str] = (),
    source: str | None = None,
    notice: str | None = None,
) -> None:
    """Register the official working-day schedule of ``year``, replacing any other for it.

    Take it from the State Council's notice on that year's holidays (国务院办公厅关于某年部分
    节假日安排的通知): ``holidays`` are the days off (放假) — listing the weekend days of a
    holiday too is harmless — and ``workdays`` the make-up working days (调休上班, usually on a
    weekend). Every other Monday–Friday is a working day, every other Saturday and Sunday a rest
    day. Every date must lie in ``year`` (a make-up day in December of the year before belongs
    to that year's schedule); ISO strings ("2027-01-01") are accepted.

    The registration *replaces* the schedule of ``year`` whole: the package's own data for that
    year (chinesecalendar's, with the corrections of ``data/calendar.toml``) and any earlier
    registration are not consulted for it until :func:`unregister_year`. ``source`` says where
    the schedule came from (a file's path, a description) and ``notice`` which notice it
    transcribes; a Decision that used the year notes both (see :func:`track_registered_years`).
    Safe to call from several threads; lookups running meanwhile see the old or the new schedule,
    never a mixture.

    Why: official working days decide working-day periods and the 《民法典》第二百零三条 roll; a
    year chinesecalendar lacks (e.g. 2027) must be supplied from the notice, never guessed.
    Raises :class:`InputError` listing every bad entry (``$.holidays[2]`` …).
    """
    off, on = _validated(year, holidays, workdays)
    schedule = _Schedule(
        frozenset(off),
        frozenset(on),
        _text_or_none(source, "$.source"),
        _text_or_none(notice, "$.notice"),
    )
    _register({int(year): schedule})


def _register(schedules: Mapping[int, _Schedule]) -> None:
    """Register several years at once: readers see all of them or none."""
    global _CAL
    with _LOCK:
        _read_environment_locked()
        _REGISTERED.update(schedules)
        _CAL = None


def _read_schedule_bytes(path: str | os.PathLike[str]) -> bytes:
    """The file's bytes, refusing more than :data:`MAX_SCHEDULE_FILE_BYTES` (read bounded, so a
    device or a pipe cannot make it read for ever)."""
    with open(path, "rb") as handle:
        data = handle.read(MAX_SCHEDULE_FILE_BYTES + 1)
    if len(data) > MAX_SCHEDULE_FILE_BYTES:
        raise ValueError(
            f"the file is larger than {MAX_SCHEDULE_FILE_BYTES:,} bytes; a schedule file holds "
            "a few dates per year"
        )
    return data


def _read_schedule_file(
    path: str | os.PathLike[str], *, origin: str | None = None
) -> dict[int, _Schedule]:
    """Read and check a schedule file; every problem at once, as a :class:`CalendarFileError`."""
    if isinstance(path, bool) or not isinstance(path, (str, os.PathLike)):
        raise InputError.single("$.path", f"expected a file path, got {shown(path)}")
    name = os.fspath(path)
    try:
        document = tomllib.loads(_read_schedule_bytes(path).decode("utf-8-sig"))
    except (OSError, ValueError, RecursionError) as error:  # TOMLDecodeError is a ValueError
        raise CalendarFileError(
            name, [Problem("$.path", f"cannot read the schedule file: {error}")], origin=origin
        ) from None
    problems: list[Problem] = []
    tables: dict[int, Mapping[str, Any]] = {}
    for key, table in document.items():
        where = f"$.{key}"
        # A 5000-digit key has no int() in Python; 100 digits is any year, and then some.
        if not (key.isascii() and key.isdigit() and len(key) <= 100) or not isinstance(table, dict):
            problems.append(
                Problem(where, "expected a table per year, e.g. [2027] holidays = [...]")
            )
            continue
        if int(key) in tables:
            problems.append(Problem(where, f"year {int(key)} is given twice in this file"))
            continue
        unknown = sorted(set(table) - {"notice", "holidays", "workdays"})
        problems.extend(
            Problem(f"{where}.{k}", "unknown key; allowed: notice, holidays, workdays")
            for k in unknown
        )
        notice = table.get("notice")
        if notice is not None and not isinstance(notice, str):
            problems.append(
                Problem(
                    f"{where}.notice", f"expected the notice's title as text, got {shown(notice)}"
                )
            )
        tables[int(key)] = table
    schedules: dict[int, _Schedule] = {}
    for year, table in tables.items():
        try:
            off, on = _validated(year, table.get("holidays", []), table.get("workdays", []))
        except InputError as error:
            problems.extend(Problem(f"$.{year}{p.path[1:]}", p.message) for p in error.problems)
            continue
        notice = table.get("notice")
        title = notice.strip() if isinstance(notice, str) else ""
        schedules[year] = _Schedule(frozenset(off), frozenset(on), name, title or None)
    if problems:
        raise CalendarFileError(name, problems, origin=origin)
    return schedules


def register_schedule_file(path: str | os.PathLike[str]) -> tuple[int, ...]:
    """Register every year's schedule in a TOML file; returns the years registered.

    The file holds one table per year, transcribed from the State Council's notice (see
    ``docs/calendar.md`` for how, with the 2026 notice worked through)::

        [2027]
        notice = "国务院办公厅关于2027年部分节假日安排的通知"   # optional, shown in notes
        holidays = [2027-01-01, 2027-02-05, …]              # TOML dates or ISO strings
        workdays = [2027-02-13, …]

    Each year replaces that year's schedule, shipped or registered, as :func:`register_year`
    does, with the file's path as its ``source``. Every problem in the file is reported at once
    (``$.2027.holidays[3]`` …) in a :class:`CalendarFileError` naming the file; nothing is
    registered unless the whole file is valid. A file larger than 1 MB is refused. The same
    files can be given without Python: ``nmgpolicy --calendar FILE …`` or the environment
    variable ``NMGPOLICY_CALENDAR``.
    """
    schedules = _read_schedule_file(path)
    _register(schedules)
    return tuple(sorted(schedules))


def unregister_year(year: int) -> None:
    """Drop a schedule registered with :func:`register_year` (or from a file); the shipped one
    (if any) applies again. Unregistering a year that was not registered does nothing; a
    year that is not a whole number is an :class:`InputError`."""
    global _CAL
    if isinstance(year, bool) or not isinstance(year, int):
        raise InputError.single("$.year", f"expected a year such as 2027, got {shown(year)}")
    with _LOCK:
        _read_environment_locked()
        if _REGISTERED.pop(year, None) is not None:
            _CAL = None


def registrations() -> Mapping[int, Registration]:
    """The registered years, each with its :class:`Registration` (source, notice, whether it
    replaces a shipped year); read-only, a snapshot."""
    return (_CAL or _calendar()).registered


def covered_years() -> frozenset[int]:
    """Every year with an official schedule: chinesecalendar's (2004–2026) plus registered ones."""
    return (_CAL or _calendar()).years


@contextlib.contextmanager
def _scoped_registrations() -> Iterator[None]:
    """Undo, on leaving the block, every registration made inside it (for the command line,
    whose ``--calendar`` files must not outlive one :func:`nmgpolicy.cli.main` call)."""
    global _CAL, _ENV_READ
    with _LOCK:
        saved, env_read = dict(_REGISTERED), _ENV_READ
    try:
        yield
    finally:
        with _LOCK:
            _REGISTERED.clear()
            _REGISTERED.update(saved)
            _ENV_READ = env_read
            _CAL = None
