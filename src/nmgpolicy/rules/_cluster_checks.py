"""中小企业特色产业集群: the checks an application's facts and the parameters must pass
before an evaluation (relations the types and the data file's ranges cannot express).

Private to :mod:`nmgpolicy.rules.cluster`.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, Any

from nmgpolicy.errors import InputError, Problem, shown
from nmgpolicy.outcome import Amount
from nmgpolicy.rules._cluster_lifecycle import FIRST_YEAR as _FIRST_YEAR
from nmgpolicy.rules._cluster_lifecycle import LAST_YEAR as _LAST_YEAR
from nmgpolicy.units import Kind

if TYPE_CHECKING:
    from nmgpolicy.rules.cluster import ClusterFacts, Enterprise, YearFacts

__all__ = ["check_facts", "check_parameters"]

# Sanity bound on caller overrides (not a legal number): a year count above this is a typo.
_MAX_RECENT_YEARS = 10


def check_facts(facts: ClusterFacts) -> None:
    """Relations the types cannot express; every problem is reported at its path."""
    problems: list[Problem] = []
    if facts.years:
        _check_years(facts.years, problems)
    if facts.enterprises:
        _check_names(facts.enterprises, problems)
    if facts.employees == 0:
        problems.append(
            Problem("$.employees", "a cluster has at least one employee, got 0; e.g. 12000")
        )
    elif (
        facts.employees is not None
        and facts.rd_staff is not None
        and facts.rd_staff > facts.employees
    ):
        problems.append(
            Problem(
                "$.rd_staff",
                f"{facts.rd_staff} R&D staff exceed the {facts.employees} employees; "
                f"e.g. {facts.employees // 10}",
            )
        )
    if problems:
        raise InputError(problems)


def _check_years(years: Sequence[YearFacts], problems: list[Problem]) -> None:
    """Each year four digits and given once; a part of the output not above the output."""
    seen: dict[int, int] = {}
    for index, entry in enumerate(years):
        year = entry.year
        if not _FIRST_YEAR <= year <= _LAST_YEAR:
            problems.append(
                Problem(
                    f"$.years[{index}].year", f"expected a four-digit year, got {year}; e.g. 2024"
                )
            )
        elif year in seen:
            problems.append(
                Problem(
                    f"$.years[{index}].year",
                    f"year {year} is given twice (also at $.years[{seen[year]}]); "
                    "each year must appear once, e.g. 2022, 2023, 2024",
                )
            )
        else:
            seen[year] = index
        output = entry.output
        if output is None:
            continue
        for part in ("sme_output", "leading_output"):
            value = getattr(entry, part)
            if value is not None and value > output:
                problems.append(
                    Problem(
                        f"$.years[{index}].{part}",
                        f"{Amount(value, Kind.MONEY).text('en')} exceeds the cluster's total "
                        f"output {Amount(output, Kind.MONEY).text('en')} (a part of it); "
                        "e.g. at most "
                        f'"{Amount(output, Kind.MONEY)}"',
                    )
                )


def _check_names(enterprises: Sequence[Enterprise], problems: list[Problem]) -> None:
    """Every enterprise named, and named once.

    As inspection.name_key: NFKC, every white-space character removed ("甲公司" and "甲 公司" are
    one enterprise, which must not count twice towards "2家以上"); ``str.split()`` splits on
    exactly the characters ``str.isspace()`` accepts.
    """
    names: dict[str, int] = {}
    for index, enterprise in enumerate(enterprises):
        key = "".join(unicodedata.normalize("NFKC", enterprise.name).split())
        if not key:
            problems.append(
                Problem(
                    f"$.enterprises[{index}].name",
                    'an enterprise needs a name; e.g. "某某科技有限公司"',
                )
            )
        elif key in names:
            problems.append(
                Problem(
                    f"$.enterprises[{index}].name",
                    f"enterprise {shown(key)} is listed twice "
                    f"(also at $.enterprises[{names[key]}]); "
                    "list each enterprise once with all its designations, "
                    'e.g. {"name": "…", "designations": ["innovative_sme", "high_tech"]}',
                )
            )
        else:
            names[key] = index


def check_parameters(values: Mapping[str, Any]) -> None:
    """The relations between the parameters (each is checked alone by the data file's
    ranges); every problem is reported at its path."""
    problems: list[Problem] = []
    recent = values["recent_years"]
    trend = values["growth_window_years"]
    if not 1 <= recent <= _MAX_RECENT_YEARS:
        problems.append(
            Problem(
                "$.parameters.recent_years",
                f"expected a number of years from 1 to {_MAX_RECENT_YEARS}, got {recent}; e.g. 3",
            )
        )
    elif trend not in (recent, recent + 1) or trend < 2:
        problems.append(
            Problem(
                "$.parameters.growth_window_years",
                f"expected {recent} (the recent years themselves) or {recent + 1} (with the year "
                f"before them as the base), and at least 2 (a growth needs two years), got "
                f"{trend}; e.g. {max(recent, 2)}",
            )
        )
    for name in (
        "min_champion_enterprises",
        "min_designated_enterprises",
        "min_innovation_platforms",
    ):
        if values[name] < 0:
            problems.append(
                Problem(f"$.parameters.{name}", f"must not be negative, got {values[name]}; e.g. 2")
            )
    if values["patent_density_per"] < 1:
        problems.append(
            Problem(
                "$.parameters.patent_density_per",
                f"must be at least 1, got {values['patent_density_per']}; e.g. 10000",
            )
        )
    if values["min_patent_density"] < 0:
        problems.append(
            Problem("$.parameters.min_patent_density", 'must not be negative; e.g. "5"')
        )
    if problems:
        raise InputError(problems)
