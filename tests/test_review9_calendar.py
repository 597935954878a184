"""Independent review of issue 9, point 4: registering a year without Python (``--calendar``,
``NMGPOLICY_CALENDAR``), a registered year replacing the shipped one, the note a Decision carries,
and the command's default date (today in China).

The 2027 schedule below is a TEST FIXTURE, NOT THE OFFICIAL 2027 SCHEDULE (made up: New Year
1/1–1/3, no other holiday, no make-up day). The reduced 2026 file is deliberately WRONG (it keeps
only New Year), to show that a registered year replaces the shipped one whole.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import subprocess
import sys
import tomllib
import zoneinfo
from collections.abc import Iterator
from pathlib import Path

import pytest

import nmgpolicy
from nmgpolicy import cli, periods
from tests._builders import run_cli

D = dt.date
ROOT = Path(__file__).resolve().parents[1]
EXAMPLE_2026 = ROOT / "examples" / "calendar" / "2026.toml"

FIXTURE_2027 = """\
# TEST FIXTURE — NOT OFFICIAL (made up for a test).
[2027]
notice = "测试用虚构安排"
holidays = [2027-01-01, 2027-01-02, 2027-01-03]
"""
WRONG_2026 = """\
# TEST FIXTURE — deliberately incomplete 2026 (New Year only), NOT the official schedule.
[2026]
holidays = [2026-01-01, 2026-01-02]
"""


run = run_cli


@pytest.fixture(autouse=True)
def scoped() -> Iterator[None]:
    with periods._scoped_registrations():
        yield


@pytest.fixture
def file_2027(tmp_path: Path) -> Path:
    path = tmp_path / "fixture-2027.toml"
    path.write_text(FIXTURE_2027, encoding="utf-8")
    return path


@pytest.fixture
def wrong_2026(tmp_path: Path) -> Path:
    path = tmp_path / "wrong-2026.toml"
    path.write_text(WRONG_2026, encoding="utf-8")
    return path


# --------------------------------------------------------------------------------------------
# The worked example transcribes the 2026 notice
# --------------------------------------------------------------------------------------------


def _span(first: dt.date, last: dt.date) -> list[dt.date]:
    return [first + dt.timedelta(days=i) for i in range((last - first).days + 1)]


def test_the_2026_file_matches_the_notice_clause_by_clause() -> None:
    table = tomllib.loads(EXAMPLE_2026.read_text(encoding="utf-8"))["2026"]
    # (first, last, weekday of first, weekday of last, 共N天) as the notice prints them
    spans = [
        (D(2026, 1, 1), D(2026, 1, 3), "Thu", "Sat", 3),
        (D(2026, 2, 15), D(2026, 2, 23), "Sun", "Mon", 9),
        (D(2026, 4, 4), D(2026, 4, 6), "Sat", "Mon", 3),
        (D(2026, 5, 1), D(2026, 5, 5), "Fri", "Tue", 5),
        (D(2026, 6, 19), D(2026, 6, 21), "Fri", "Sun", 3),
        (D(2026, 9, 25), D(2026, 9, 27), "Fri", "Sun", 3),
        (D(2026, 10, 1), D(2026, 10, 7), "Thu", "Wed", 7),
    ]
    expected: set[dt.date] = set()
    for first, last, wd_first, wd_last, days in spans:
        assert first.strftime("%a") == wd_first
        assert last.strftime("%a") == wd_last
        assert len(_span(first, last)) == days
        expected.update(_span(first, last))
    assert set(table["holidays"]) == expected
    makeup = {D(2026, 1, 4), D(2026, 2, 14), D(2026, 2, 28), D(2026, 5, 9)}
    makeup |= {D(2026, 9, 20), D(2026, 10, 10)}
    assert set(table["workdays"]) == makeup
    assert all(d.weekday() >= 5 for d in makeup)  # each a Saturday or a Sunday


def test_registering_the_2026_file_changes_no_day() -> None:
    shipped = {d: periods.is_working_day(d) for d in _span(D(2026, 1, 1), D(2026, 12, 31))}
    periods.register_schedule_file(EXAMPLE_2026)
    assert periods.registrations()[2026].replaces_shipped
    assert {d: periods.is_working_day(d) for d in shipped} == shipped


# --------------------------------------------------------------------------------------------
# --calendar: a registered year replaces the shipped one whole, and the Decision says so
# --------------------------------------------------------------------------------------------


def test_calendar_option_replaces_the_shipped_year_whole(wrong_2026: Path) -> None:
    # Friday 2026-02-06, shipped: 2/9–13 (5), 2/14 (6), 2/24–27 (10), 2/28 (11), 3/2–6 (16),
    # 3/9–12 (20) → 3/12. With the file's 2026 (no Spring Festival, no make-up day):
    # 2/9–13, 2/16–20, 2/23–27, 3/2–6 → 3/6.
    facts = '{"item": "first-set-results", "formed_on": "2026-02-06"}'
    argv = ["evaluate", "disclosure", "-", "--on", "2026-02-10", "--format", "json"]
    code, out, err = run(*argv, stdin=facts)
    assert code == 0, err
    shipped = json.loads(out)
    assert shipped["results"]["due"] == "2026-03-12"
    assert not any("登记" in n["zh"] for n in shipped["notes"])
    for placed in (["--calendar", str(wrong_2026), *argv], [*argv, "--calendar", str(wrong_2026)]):
        code, out, err = run(*placed, stdin=facts)
        assert code == 0, err
        replaced = json.loads(out)
        assert replaced["results"]["due"] == "2026-03-06"
        (note,) = [n for n in replaced["notes"] if "登记" in n["zh"]]
        assert str(wrong_2026) in note["zh"]
        assert "取代本库随附的该年数据" in note["zh"]
        assert str(wrong_2026) in note["en"]
        assert "replaces the schedule shipped" in note["en"]
        assert f"working days of 2026 from {wrong_2026}" in err
    # the option lasts one run: the shipped 2026 is back
    assert periods.is_working_day(D(2026, 2, 14))
    assert 2026 not in periods.registrations()


def test_a_registered_year_the_decision_did_not_use_is_not_named(file_2027: Path) -> None:
    facts = '{"item": "first-set-results", "formed_on": "2026-01-16", "published_on": "2026-02-15"}'
    code, out, err = run(
        "--calendar", str(file_2027), "evaluate", "disclosure", "-", "--on", "2026-03-02",
        "--format", "json", stdin=facts,
    )  # fmt: skip
    assert code == 0, err
    assert not any("2027" in n["zh"] for n in json.loads(out)["notes"])


def test_a_registered_2027_completes_the_december_budget(file_2027: Path) -> None:
    # Budget approved Friday 2026-12-04, published Tuesday 2027-01-05: due 12/24 (预算法 20日).
    # With the fixture's 2027 (1/1–1/3 off): working days after 12/24 up to 1/5: 12/25,
    # 12/28–31, 1/4, 1/5 → 7; the catalog's 20 working days end on 1/4 (12/7–31 give 19).
    facts = '{"item": "annual-budget", "formed_on": "2026-12-04", "published_on": "2027-01-05"}'
    argv = ["evaluate", "disclosure", "-", "--on", "2027-01-06", "--format", "json"]
    code, out, err = run(*argv, stdin=facts)
    assert code == 0, err
    assert json.loads(out)["results"]["late_working_days"] is None  # 2027 unknown
    code, out, err = run("--calendar", str(file_2027), *argv, stdin=facts)
    assert code == 0, err
    result = json.loads(out)
    assert result["results"]["due"] == "2026-12-24"
    assert (result["results"]["late_days"], result["results"]["late_working_days"]) == (12, 7)
    catalog = next(c for c in result["results"]["candidates"] if c["source"] == "catalog")
    assert catalog["due"] == "2027-01-04"
    (note,) = [n for n in result["notes"] if "登记" in n["zh"]]
    assert "测试用虚构安排" in note["zh"]
    assert "本库未随附该年的作息安排" in note["zh"]


def test_an_answer_that_needs_a_missing_year_says_how_to_register_it() -> None:
    facts = '{"item": "agency-functions", "formed_on": "2026-12-04"}'
    code, out, err = run("evaluate", "disclosure", "-", "--on", "2027-01-04", stdin=facts)
    assert (code, out) == (2, "")
    assert "2027" in err
    assert "第二十六条" in err  # the limit that needs it
    assert "--calendar" in err
    assert "NMGPOLICY_CALENDAR" in err
    assert "Traceback" not in err


# --------------------------------------------------------------------------------------------
# NMGPOLICY_CALENDAR, in a fresh process
# --------------------------------------------------------------------------------------------


def _nmgpolicy(
    *argv: str, env: dict[str, str], stdin: str = ""
) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "nmgpolicy", *argv],
        input=stdin,
        capture_output=True,
        text=True,
        env=env,
        check=False,
    )


def test_environment_variable_several_files_and_the_option_after_them(
    tmp_path: Path, file_2027: Path, wrong_2026: Path
) -> None:
    env = {**os.environ, "NMGPOLICY_CALENDAR": os.pathsep.join([str(file_2027), str(wrong_2026)])}
    facts = '{"item": "first-set-results", "formed_on": "2026-02-06"}'
    argv = ["evaluate", "disclosure", "-", "--on", "2026-02-10", "--format", "json"]
    proc = _nmgpolicy(*argv, env=env, stdin=facts)
    assert proc.returncode == 0, proc.stderr
    result = json.loads(proc.stdout)
    assert result["results"]["due"] == "2026-03-06"  # the variable's 2026 replaced the shipped
    assert any(str(wrong_2026) in n["en"] for n in result["notes"])
    # 2027 from the variable too: 20 working days from Friday 2026-12-18: 12/21–25 (5),
    # 12/28–31 (9), 1/4–8 (14), 1/11–15 (19), 1/18 (20)
    proc = _nmgpolicy("deadline", "2026-12-18", "20个工作日", env=env)
    assert (proc.returncode, proc.stdout) == (0, "2027-01-18\n"), proc.stderr
    # a later --calendar wins over the variable: the example restores the official 2026
    proc = _nmgpolicy("--calendar", str(EXAMPLE_2026), *argv, env=env, stdin=facts)
    assert proc.returncode == 0, proc.stderr
    assert json.loads(proc.stdout)["results"]["due"] == "2026-03-12"


# --------------------------------------------------------------------------------------------
# The default --on: today in China, whatever the machine's zone
# --------------------------------------------------------------------------------------------

SHANGHAI = zoneinfo.ZoneInfo("Asia/Shanghai")


@pytest.mark.parametrize(
    ("instant", "today"),
    [
        ("2026-12-31T16:00:00+00:00", "2027-01-01"),  # midnight in Beijing, New Year
        ("2026-12-31T23:59:00+08:00", "2026-12-31"),
        ("2026-06-30T23:30:00-10:00", "2026-07-01"),  # Honolulu evening
        ("2026-07-01T00:30:00+14:00", "2026-06-30"),  # Kiribati already in July, Beijing not
    ],
)
def test_today_in_china_matches_asia_shanghai(
    monkeypatch: pytest.MonkeyPatch, instant: str, today: str
) -> None:
    now = dt.datetime.fromisoformat(instant)
    monkeypatch.setattr("nmgpolicy.cli._utc_now", lambda: now)
    assert cli.today_in_china() == now.astimezone(SHANGHAI).date() == D.fromisoformat(today)


@pytest.mark.parametrize("zone", ["Pacific/Kiritimati", "America/Los_Angeles", "UTC"])
def test_the_command_uses_the_date_in_china_in_any_zone(zone: str) -> None:
    env = {**os.environ, "TZ": zone}
    facts = '{"item": "foi-basics", "formed_on": "2025-06-03", "published_on": "2025-06-04"}'
    before = dt.datetime.now(SHANGHAI).date()
    proc = _nmgpolicy("evaluate", "disclosure", "-", "--format", "json", env=env, stdin=facts)
    after = dt.datetime.now(SHANGHAI).date()
    assert proc.returncode == 0, proc.stderr
    used = json.loads(proc.stdout)["on"]
    assert used in {before.isoformat(), after.isoformat()}
    assert f"evaluated on {used} (today in China" in proc.stderr


def test_python_has_no_hidden_clock() -> None:
    with pytest.raises(TypeError):
        nmgpolicy.evaluate("disclosure", {"item": "foi-basics", "formed_on": "2025-06-03"})  # type: ignore[call-arg]
