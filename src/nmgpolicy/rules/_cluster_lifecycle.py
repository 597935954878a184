"""中小企业特色产业集群: the lifecycle dates (第十一条、第十二条、第十四条) and the grounds of
revocation (第十五条).

Private: the public names are re-exported by :mod:`nmgpolicy.rules.cluster` (and
:mod:`nmgpolicy.cluster`), where they have always been.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import Any

import attrs

from nmgpolicy._exact import exact
from nmgpolicy.convert import structure
from nmgpolicy.errors import InputError, Problem, shown
from nmgpolicy.outcome import Citation, Message
from nmgpolicy.params import ParameterSet, load_parameters, parse_date
from nmgpolicy.periods import Period, deadline, period_end

__all__ = [
    "AnnualReport",
    "MajorChange",
    "RevocationGround",
    "RevocationRecord",
    "annual_report_due",
    "change_filing_due",
    "revocation_grounds",
    "valid_until",
]

RULESET_ID = "cluster"

# Sanity bounds on years (not legal numbers): a year outside them is a typo.
FIRST_YEAR, LAST_YEAR = 1000, 9999
_FIRST_YEAR, _LAST_YEAR = FIRST_YEAR, LAST_YEAR


# --------------------------------------------------------------------------------------------
# Lifecycle: 第十一条、第十二条、第十四条
# --------------------------------------------------------------------------------------------


def _data() -> ParameterSet:
    return load_parameters(RULESET_ID)


def _values(on: dt.date, parameters: Mapping[str, object] | None) -> Mapping[str, Any]:
    return _data().resolve(on, parameters).values


def _period_end(start: dt.date, period: Period, path: str) -> dt.date:
    """The last day of ``period`` from ``start`` (民法典 第201–202条), without the 203 roll.

    A validity period says until when a status lasts, not by when someone must act: its end is
    the corresponding day even when that day is a rest day (:func:`nmgpolicy.periods.period_end`).
    """
    try:
        return period_end(start, period)
    except InputError:
        raise InputError.single(
            path, f"{period} from {start.isoformat()} ends after the last representable date"
        ) from None


@exact
def valid_until(
    recognized_on: dt.date | str,
    *,
    renewed: bool = False,
    parameters: Mapping[str, object] | None = None,
) -> dt.date:
    """The last day of a recognition's validity (第十一条: 有效期为三年 … 复核通过的有效期延长三年).

    Three years from ``recognized_on`` (the day of the published list): the start day is not
    counted and the period ends on the corresponding day (民法典 第201、202条; 2024-02-29 →
    2027-02-28). ``renewed=True`` (the review at expiry was passed) extends it by three more
    years from that end. A validity end is not rolled to a working day (第203条 concerns the
    last day for an act, not the end of a status).
    """
    start = parse_date(recognized_on, "$.recognized_on")
    if not isinstance(renewed, bool):
        raise InputError.single(
            "$.renewed", f"expected true or false, got {shown(renewed)}; e.g. True"
        )
    values = _values(start, parameters)
    end = _period_end(start, values["validity_period"], "$.recognized_on")
    if renewed:
        end = _period_end(end, values["renewal_period"], "$.recognized_on")
    return end


@exact
def annual_report_due(year: int, *, parameters: Mapping[str, object] | None = None) -> dt.date:
    """The last day to report the previous year's development (第十二条: 每年3月10日前).

    ``annual_report_due(2026)`` is 2026-03-10, for the report on 2025. By default "3月10日前"
    includes 10 March (``annual_report_due_inclusive``); with ``False`` the last day is
    9 March. The date is fixed by the 办法, not a period counted from an event, so it is not
    rolled past a weekend (民法典 第203条 applies to periods).
    """
    if isinstance(year, bool) or not isinstance(year, int) or not _FIRST_YEAR <= year <= _LAST_YEAR:
        raise InputError.single(
            "$.year", f"expected a four-digit year, got {shown(year)}; e.g. 2026"
        )
    values = _values(dt.date(year, 1, 1), parameters)
    month, day = values["annual_report_month"], values["annual_report_day"]
    if not 1 <= month <= 12:
        raise InputError.single("$.parameters.annual_report_month", f"no month {month}; e.g. 3")
    try:
        due = dt.date(year, month, day)
    except ValueError:
        raise InputError.single(
            "$.parameters.annual_report_day", f"no day {day} in {year}-{month:02d}; e.g. 10"
        ) from None
    return due if values["annual_report_due_inclusive"] else due - dt.timedelta(days=1)


@exact
def change_filing_due(
    changed_on: dt.date | str, *, parameters: Mapping[str, object] | None = None
) -> dt.date:
    """The last day to file a major change (第十四条: 变动发生后1个月内 … 备案).

    One month from ``changed_on`` (民法典 第201、202条), rolled to the next working day when it
    falls on a statutory rest day (第203条: this is the last day for an act). Raises
    :class:`~nmgpolicy.errors.CalendarNotCovered` for a year with no official schedule.
    """
    start = parse_date(changed_on, "$.changed_on")
    return deadline(start, _values(start, parameters)["change_filing_period"])


# --------------------------------------------------------------------------------------------
# Revocation: 第十五条
# --------------------------------------------------------------------------------------------


@attrs.frozen
class AnnualReport:
    """A development report (第十二条): due in ``year`` (on ``year - 1``), submitted on a date.

    ``submitted_on`` absent means not submitted (yet).
    """

    year: int
    submitted_on: dt.date | None = None


@attrs.frozen
class MajorChange:
    """A major change (第十四条: 主导产业、空间范围、运营管理机构变更等) and when it was filed.

    ``what`` is free text (e.g. ``"运营管理机构变更"``); ``filed_on`` absent means not filed.
    """

    changed_on: dt.date
    what: str | None = None
    filed_on: dt.date | None = None


@attrs.frozen
class RevocationRecord:
    """What is known about a recognised cluster, for :func:`revocation_grounds` (第十五条).

    Booleans: ``True`` = it happened; absent or ``False`` = not established.

    * ``review_failed`` — （一） the review at expiry was not passed;
    * ``false_reporting``, ``violations`` — （二） false reporting was found / a violation exists;
    * ``reports``, ``report_late``, ``refused_monitoring`` — （三） development reports (each
      judged against :func:`annual_report_due`), a report otherwise found late, refusal of or
      non-cooperation with monitoring;
    * ``changes`` — （四） major changes, each judged against :func:`change_filing_due`;
    * ``major_incidents`` — （五） an incident or behaviour of 第十五条（五）.
    """

    review_failed: bool | None = None
    false_reporting: bool | None = None
    violations: bool | None = None
    reports: tuple[AnnualReport, ...] = ()
    report_late: bool | None = None
    refused_monitoring: bool | None = None
    changes: tuple[MajorChange, ...] = ()
    major_incidents: bool | None = None


@attrs.frozen
class RevocationGround:
    """One ground of 第十五条 that applies, with its citation and what triggered it."""

    id: str
    clause: str
    title: Message
    citation: Citation
    reasons: tuple[Message, ...]

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "clause": self.clause,
            "title": self.title.to_dict(),
            "citation": self.citation.to_dict(),
            "reasons": [r.to_dict() for r in self.reasons],
        }


def _check_record(record: RevocationRecord) -> None:
    problems: list[Problem] = []
    seen: set[int] = set()
    for index, report in enumerate(record.reports):
        here = f"$.reports[{index}]"
        if not _FIRST_YEAR <= report.year <= _LAST_YEAR:
            problems.append(
                Problem(f"{here}.year", f"expected a four-digit year, got {report.year}; e.g. 2026")
            )
            continue
        if report.year in seen:
            problems.append(
                Problem(f"{here}.year", f"year {report.year} is given twice; e.g. 2026")
            )
        seen.add(report.year)
        if report.submitted_on is not None and report.submitted_on.year < report.year:
            problems.append(
                Problem(
                    f"{here}.submitted_on",
                    f"the report on {report.year - 1} cannot be submitted before that year ends; "
                    f'e.g. "{report.year}-03-01"',
                )
            )
    for index, change in enumerate(record.changes):
        if change.filed_on is not None and change.filed_on < change.changed_on:
            problems.append(
                Problem(
                    f"$.changes[{index}].filed_on",
                    f"filed before the change ({change.changed_on.isoformat()}); "
                    f'e.g. "{change.changed_on.isoformat()}"',
                )
            )
    if problems:
        raise InputError(problems)


def _late(due: dt.date, done: dt.date | None, on: dt.date | None) -> tuple[bool, dt.date | None]:
    """Whether an act due on ``due`` was late: done after it, or not done and ``on`` is after."""
    if done is not None:
        return done > due, done
    return on is not None and on > due, None


@exact
def revocation_grounds(
    record: RevocationRecord | Mapping[str, object],
    *,
    on: dt.date | str | None = None,
    parameters: Mapping[str, object] | None = None,
) -> tuple[RevocationGround, ...]:
    """The grounds of 第十五条 that apply to a recognised cluster, each cited, in clause order.

    ``record`` is a :class:`RevocationRecord` or its JSON form (unknown keys refused). ``on``
    is the date of the assessment: a report or a filing that has not been made counts as late
    only once its due date has passed on ``on``; without ``on`` only acts done late count.
    An empty tuple means no ground is established (not that none exists).
    """
    model = record if isinstance(record, RevocationRecord) else structure(record, RevocationRecord)
    _check_record(model)
    when = None if on is None else parse_date(on, "$.on")
    data = _data()
    reasons: dict[str, list[Message]] = {key: [] for key in data.extra["revocation_grounds"]}
    if model.review_failed:
        reasons["review_failed"].append(Message("有效期满复核未通过", "the review was not passed"))
    if model.false_reporting:
        reasons["false_reporting_or_violation"].append(Message("发现虚报", "false reporting"))
    if model.violations:
        reasons["false_reporting_or_violation"].append(
            Message("存在违法违规行为", "a violation of laws or rules")
        )
    failures = reasons["reporting_or_monitoring_failure"]
    if model.report_late:
        failures.append(Message("未及时报送发展情况", "development information reported late"))
    for report in model.reports:
        due = annual_report_due(report.year, parameters=parameters)
        late, done = _late(due, report.submitted_on, when)
        if late:
            failures.append(
                Message(
                    f"{report.year - 1}年度发展情况应不晚于{due}报送，"
                    + (f"于{done}报送" if done else f"截至{when}未报送"),
                    f"the report on {report.year - 1} was due by {due}; "
                    + (f"submitted on {done}" if done else f"not submitted as of {when}"),
                )
            )
    if model.refused_monitoring:
        failures.append(
            Message(
                "不接受、不配合监测监督工作", "monitoring and supervision refused or obstructed"
            )
        )
    for change in model.changes:
        period: Period = _values(change.changed_on, parameters)["change_filing_period"]
        # On or before the corresponding day is on time whatever the roll: no calendar needed.
        reference = change.filed_on or when
        if reference is not None and reference <= period_end(change.changed_on, period):
            continue
        due = change_filing_due(change.changed_on, parameters=parameters)
        late, done = _late(due, change.filed_on, when)
        what = change.what or "重大变动"
        if late:
            reasons["unfiled_major_change"].append(
                Message(
                    f"{change.changed_on}发生的{what}应不晚于{due}备案，"
                    + (f"于{done}备案" if done else f"截至{when}未备案"),
                    f"the change of {change.changed_on} ({what}) was to be filed by {due}; "
                    + (f"filed on {done}" if done else f"not filed as of {when}"),
                )
            )
    if model.major_incidents:
        reasons["major_incident"].append(
            Message("集群企业发生第十五条（五）所列事故、事件或行为", "an incident of clause (5)")
        )
    grounds = []
    for key, spec in data.extra["revocation_grounds"].items():
        if reasons[key]:
            citation = Citation.from_mapping(spec["citation"])
            grounds.append(
                RevocationGround(
                    id=key,
                    clause=citation.clause,
                    title=Message(**spec["title"]),
                    citation=citation,
                    reasons=tuple(reasons[key]),
                )
            )
    return tuple(grounds)


# Their public home is nmgpolicy.rules.cluster (pickles and reprs name it, not this module).
for _public in (AnnualReport, MajorChange, RevocationRecord, RevocationGround):
    _public.__module__ = "nmgpolicy.rules.cluster"
for _function in (valid_until, annual_report_due, change_filing_due, revocation_grounds):
    _function.__module__ = "nmgpolicy.rules.cluster"
