"""Schedule files: the worked 2026 example, ``--calendar`` / ``NMGPOLICY_CALENDAR``, the notes a
Decision carries when it used a registered year, and docs/calendar.md's examples.

The 2027 schedule below is a TEST FIXTURE, NOT THE OFFICIAL 2027 SCHEDULE: it is made up so that
a deadline running into 2027 can be computed; only its shape matters.
"""

from __future__ import annotations

import datetime as dt
import doctest
import json
import os
import pickle
import re
import shlex
import subprocess
import sys
import threading
import tomllib
from collections.abc import Iterator
from pathlib import Path

import pytest

import nmgpolicy
from nmgpolicy import periods
from nmgpolicy.errors import CalendarNotCovered, InputError, NmgPolicyError
from nmgpolicy.periods import (
    CalendarFileError,
    Registration,
    add_working_days,
    covered_years,
    deadline,
    is_working_day,
    register_schedule_file,
    register_year,
    registrations,
    track_registered_years,
    unregister_year,
)
from tests._builders import run_cli

D = dt.date
ROOT = Path(__file__).resolve().parents[1]
EXAMPLE_2026 = ROOT / "examples" / "calendar" / "2026.toml"
CALENDAR_DOC = ROOT / "docs" / "calendar.md"

# TEST FIXTURE — NOT THE OFFICIAL 2027 SCHEDULE (made up; the real one comes from the State
# Council's notice on 2027's holidays). New Year 1/1 (Fri) – 1/3; Spring Festival 2/6 – 2/14;
# make-up working days Sunday 1/31 and Saturday 2/20.
FIXTURE_2027 = """\
# TEST FIXTURE — NOT OFFICIAL. Made up for nmgpolicy's tests; do not use it for real deadlines.
[2027]
notice = "测试用虚构作息安排（非官方）"
holidays = [
    2027-01-01, 2027-01-02, 2027-01-03,
    2027-02-06, 2027-02-07, 2027-02-08, 2027-02-09, 2027-02-10,
    2027-02-11, 2027-02-12, 2027-02-13, 2027-02-14,
]
workdays = [2027-01-31, "2027-02-20"]
"""
FIXTURE_NOTICE = "测试用虚构作息安排（非官方）"


def _span(first: dt.date, last: dt.date) -> list[dt.date]:
    return [first + dt.timedelta(days=i) for i in range((last - first).days + 1)]


def _days(year: int) -> list[dt.date]:
    return _span(D(year, 1, 1), D(year, 12, 31))


run = run_cli


@pytest.fixture
def file_2027(tmp_path: Path) -> Path:
    """The TEST FIXTURE 2027 schedule (not official) as a file."""
    path = tmp_path / "calendar-2027.test-fixture.toml"
    path.write_text(FIXTURE_2027, encoding="utf-8")
    return path


@pytest.fixture
def clean_registrations() -> Iterator[None]:
    """Whatever a test registers (by any route) is undone afterwards."""
    with periods._scoped_registrations():
        yield


@pytest.fixture
def fresh_environment(monkeypatch: pytest.MonkeyPatch, clean_registrations: None) -> None:
    """As if the process had not yet read NMGPOLICY_CALENDAR (restored afterwards)."""
    monkeypatch.delenv(periods.ENVIRONMENT_VARIABLE, raising=False)
    with periods._LOCK:
        periods._ENV_READ = False
        periods._CAL = None


# --------------------------------------------------------------------------------------------
# The worked example: the 2026 notice
# --------------------------------------------------------------------------------------------

HOLIDAYS_2026 = {
    *_span(D(2026, 1, 1), D(2026, 1, 3)),
    *_span(D(2026, 2, 15), D(2026, 2, 23)),
    *_span(D(2026, 4, 4), D(2026, 4, 6)),
    *_span(D(2026, 5, 1), D(2026, 5, 5)),
    *_span(D(2026, 6, 19), D(2026, 6, 21)),
    *_span(D(2026, 9, 25), D(2026, 9, 27)),
    *_span(D(2026, 10, 1), D(2026, 10, 7)),
}
WORKDAYS_2026 = {
    D(2026, 1, 4),
    D(2026, 2, 14),
    D(2026, 2, 28),
    D(2026, 5, 9),
    D(2026, 9, 20),
    D(2026, 10, 10),
}


def test_worked_example_transcribes_the_2026_notice() -> None:
    table = tomllib.loads(EXAMPLE_2026.read_text(encoding="utf-8"))["2026"]
    assert set(table["holidays"]) == HOLIDAYS_2026
    assert set(table["workdays"]) == WORKDAYS_2026
    assert table["notice"] == "国务院办公厅关于2026年部分节假日安排的通知"


def test_worked_example_gives_exactly_the_shipped_2026(clean_registrations: None) -> None:
    shipped = {day: is_working_day(day) for day in _days(2026)}
    assert sum(shipped.values()) == 248
    assert register_schedule_file(EXAMPLE_2026) == (2026,)
    assert registrations()[2026] == Registration(
        2026, str(EXAMPLE_2026), "国务院办公厅关于2026年部分节假日安排的通知", True
    )
    registered = {day: is_working_day(day) for day in _days(2026)}
    assert registered == shipped
    # and the counts across the year agree with the shipped data, day by day
    unregister_year(2026)
    assert 2026 not in registrations()
    counts = [add_working_days(D(2025, 12, 31), n) for n in range(1, 249)]
    register_schedule_file(EXAMPLE_2026)
    assert [add_working_days(D(2025, 12, 31), n) for n in range(1, 249)] == counts


def test_doc_shows_the_example_file() -> None:
    text = CALENDAR_DOC.read_text(encoding="utf-8")
    blocks = re.findall(r"```toml\n(.*?)```", text, flags=re.DOTALL)
    shown = [tomllib.loads(block) for block in blocks if "2026-10-07" in block]
    assert shown == [tomllib.loads(EXAMPLE_2026.read_text(encoding="utf-8"))]


def test_calendar_doc_examples(monkeypatch: pytest.MonkeyPatch, clean_registrations: None) -> None:
    monkeypatch.chdir(ROOT)
    result = doctest.testfile(
        os.fspath(CALENDAR_DOC),
        module_relative=False,
        optionflags=doctest.ELLIPSIS | doctest.NORMALIZE_WHITESPACE,
        encoding="utf-8",
    )
    assert result.attempted >= 10
    assert result.failed == 0


def _console_examples(text: str) -> list[tuple[list[str], str]]:
    examples = []
    for block in re.findall(r"```console\n(.*?)```", text, flags=re.DOTALL):
        command: list[str] | None = None
        output: list[str] = []
        for line in block.splitlines():
            if line.startswith("$ "):
                if command is not None:
                    examples.append((command, "".join(output)))
                command, output = shlex.split(line[2:]), []
            else:
                output.append(line + "\n")
        assert command is not None
        examples.append((command, "".join(output)))
    return examples


def test_calendar_doc_console_examples(
    monkeypatch: pytest.MonkeyPatch, clean_registrations: None
) -> None:
    monkeypatch.chdir(ROOT)
    examples = _console_examples(CALENDAR_DOC.read_text(encoding="utf-8"))
    assert examples
    for command, expected in examples:
        assert command[0] == "nmgpolicy"
        code, out, err = run(*command[1:])
        assert (code, out) == (0, expected), err
        assert "working days of 2026 from examples/calendar/2026.toml" in err


# --------------------------------------------------------------------------------------------
# A year the package lacks: the 2027 TEST FIXTURE
# --------------------------------------------------------------------------------------------


def test_a_deadline_into_2027_computes_once_registered(
    file_2027: Path, clean_registrations: None
) -> None:
    with pytest.raises(CalendarNotCovered):
        deadline(D(2026, 12, 20), "20个工作日")
    assert register_schedule_file(file_2027) == (2027,)
    # 12/21–12/31: 9 working days; 1/1 (fixture's holiday) and the weekend skipped; 1/4–1/18: 11
    assert deadline(D(2026, 12, 20), "20个工作日") == D(2027, 1, 18)
    assert deadline(D(2026, 12, 21), "20日") == D(2027, 1, 11)  # Sunday 1/10 rolls
    assert is_working_day(D(2027, 1, 31))  # the fixture's make-up Sunday
    assert registrations()[2027] == Registration(2027, str(file_2027), FIXTURE_NOTICE, False)


def test_a_decision_that_used_a_registered_year_names_its_source(
    file_2027: Path, clean_registrations: None
) -> None:
    register_schedule_file(file_2027)
    facts = {"item": "annual-budget", "formed_on": "2026-12-21"}
    decision = nmgpolicy.evaluate("disclosure", facts, on=D(2026, 12, 22))
    assert decision.results["due"] == D(2027, 1, 11)
    note = decision.notes[-1]
    assert note.zh == (
        f"2027年的工作日按使用者登记的作息安排计算（来源：{file_2027}；依据：{FIXTURE_NOTICE}）"
        "；本库未随附该年的作息安排。"
    )
    assert note.en == (
        f"Official working days in 2027 follow the schedule registered by the user (source: "
        f"{file_2027}; transcribing {FIXTURE_NOTICE}); the library ships no schedule for that year."
    )
    assert "调用方" not in note.zh
    assert sum("2027年的工作日" in n.zh for n in decision.notes) == 1
    # a decision that needed no registered year does not mention it
    quiet = nmgpolicy.evaluate(
        "disclosure", {"item": "annual-budget", "formed_on": "2026-03-02"}, on=D(2026, 3, 10)
    )
    assert not any("使用者登记" in n.zh for n in quiet.notes)


def test_a_registered_shipped_year_is_noted_as_replaced(clean_registrations: None) -> None:
    register_year(2026, holidays=sorted(HOLIDAYS_2026), workdays=sorted(WORKDAYS_2026))
    decision = nmgpolicy.evaluate(
        "disclosure", {"item": "foi-basics", "formed_on": "2026-09-18"}, on=D(2026, 9, 30)
    )
    assert decision.notes[-1].zh == (
        "2026年的工作日按使用者登记的作息安排计算（来源未注明），取代本库随附的该年数据。"
    )
    assert decision.notes[-1].en.endswith(
        "(source not given), which replaces the schedule shipped with the library for that year."
    )


def test_cli_calendar_option_before_and_after_the_command(
    file_2027: Path, clean_registrations: None
) -> None:
    for argv in (
        ("--calendar", str(file_2027), "deadline", "2026-12-20", "20个工作日"),
        ("deadline", "2026-12-20", "20个工作日", "--calendar", str(file_2027)),
    ):
        code, out, err = run(*argv)
        assert (code, out) == (0, "2027-01-18\n")
        assert f"working days of 2027 from {file_2027}" in err
    # the registration lasted for the run only
    assert 2027 not in covered_years()
    code, out, err = run(
        "evaluate",
        "disclosure",
        "-",
        "--on",
        "2026-12-22",
        "--format",
        "json",
        "--calendar",
        str(file_2027),
        stdin='{"item": "annual-budget", "formed_on": "2026-12-21"}',
    )
    assert code == 0, err
    data = json.loads(out)
    assert data["results"]["due"] == "2027-01-11"
    assert str(file_2027) in data["notes"][-1]["zh"]


def test_cli_later_calendar_files_win(
    tmp_path: Path, file_2027: Path, clean_registrations: None
) -> None:
    other = tmp_path / "other.toml"
    other.write_text('[2027]\nholidays = []\nnotice = "TEST FIXTURE"\n', encoding="utf-8")
    argv = ["deadline", "2026-12-31", "1个工作日"]
    assert run("--calendar", str(file_2027), "--calendar", str(other), *argv)[1] == "2027-01-01\n"
    assert run("--calendar", str(other), *argv, "--calendar", str(file_2027))[1] == "2027-01-04\n"


@pytest.mark.parametrize(
    ("content", "needle"),
    [
        ("[2027]\nholidays = [2027-02-30]\n", "Invalid date"),
        ('[2027]\nholidays = ["2027-02-30"]\n', "$.2027.holidays[0]"),
        ("[2027]\nholiday = []\n", "$.2027.holiday"),
    ],
)
def test_cli_bad_calendar_file_exits_2(
    tmp_path: Path, content: str, needle: str, clean_registrations: None
) -> None:
    path = tmp_path / "bad.toml"
    path.write_text(content, encoding="utf-8")
    code, out, err = run("--calendar", str(path), "deadline", "2026-03-02", "1个月")
    assert (code, out) == (2, "")
    assert needle in err
    assert str(path) in err
    assert "Traceback" not in err
    code, _, err = run("--calendar", str(tmp_path / "missing.toml"), "rules")
    assert code == 2
    assert "missing.toml" in err


def test_cli_not_covered_says_how_to_register_without_python() -> None:
    code, _, err = run("deadline", "2026-12-20", "20个工作日")
    assert code == 2
    assert "2027" in err
    assert "--calendar FILE" in err
    assert "NMGPOLICY_CALENDAR" in err


# --------------------------------------------------------------------------------------------
# NMGPOLICY_CALENDAR
# --------------------------------------------------------------------------------------------


def test_environment_variable_registers_lazily_and_once(
    monkeypatch: pytest.MonkeyPatch, fresh_environment: None, file_2027: Path
) -> None:
    monkeypatch.setenv("NMGPOLICY_CALENDAR", str(file_2027))
    # not read yet: a change to the file before the first lookup is seen
    file_2027.write_text(FIXTURE_2027.replace("2027-01-01, ", ""), encoding="utf-8")
    assert is_working_day(D(2027, 1, 1))
    assert registrations()[2027].source == str(file_2027)
    # read once: a later change is not
    file_2027.write_text(FIXTURE_2027, encoding="utf-8")
    assert is_working_day(D(2027, 1, 1))
    # a registration in Python, later, wins over the environment's
    register_schedule_file(file_2027)
    assert not is_working_day(D(2027, 1, 1))


def test_environment_variable_names_several_files(
    monkeypatch: pytest.MonkeyPatch, fresh_environment: None, file_2027: Path, tmp_path: Path
) -> None:
    later = tmp_path / "later.toml"
    later.write_text("[2027]\nholidays = []\n[2028]\nholidays = []\n", encoding="utf-8")
    value = os.pathsep.join(["", str(file_2027), " ", str(later)])
    monkeypatch.setenv("NMGPOLICY_CALENDAR", value)
    assert covered_years() >= {2027, 2028}
    assert is_working_day(D(2027, 1, 1))  # the later file's 2027 wins
    assert registrations()[2028].source == str(later)


def test_environment_variable_is_read_before_the_first_registration(
    monkeypatch: pytest.MonkeyPatch, fresh_environment: None, file_2027: Path
) -> None:
    monkeypatch.setenv("NMGPOLICY_CALENDAR", str(file_2027))
    register_year(2027, holidays=[], source="a caller's own 2027")
    assert is_working_day(D(2027, 1, 1))  # the explicit registration, made after, wins
    assert registrations()[2027].source == "a caller's own 2027"
    unregister_year(2027)  # drops it; the environment's is not read again
    assert 2027 not in covered_years()


def test_a_bad_environment_file_is_a_library_error(
    monkeypatch: pytest.MonkeyPatch, fresh_environment: None, tmp_path: Path
) -> None:
    bad = tmp_path / "bad.toml"
    bad.write_text("[2027]\nholidays = [2026-12-31]\n", encoding="utf-8")
    monkeypatch.setenv("NMGPOLICY_CALENDAR", str(bad))
    for attempt in range(2):  # raised at every use until the file is fixed
        with pytest.raises(CalendarFileError) as info:
            is_working_day(D(2025, 3, 3))
        error = info.value
        assert isinstance(error, InputError)
        assert isinstance(error, NmgPolicyError)
        assert error.file == str(bad)
        assert error.origin == "NMGPOLICY_CALENDAR"
        assert error.paths == ("$.2027.holidays[0]",), attempt
        assert str(bad) in str(error)
        assert "named by NMGPOLICY_CALENDAR" in str(error)
    code, _, err = run("deadline", "2025-03-03", "1个月")
    assert code == 2
    assert str(bad) in err
    assert "NMGPOLICY_CALENDAR" in err
    bad.write_text(FIXTURE_2027, encoding="utf-8")  # fixed: now it loads
    assert not is_working_day(D(2027, 1, 1))


def test_environment_in_a_fresh_process(file_2027: Path, tmp_path: Path) -> None:
    env = {**os.environ, "NMGPOLICY_CALENDAR": str(file_2027)}
    command = [sys.executable, "-m", "nmgpolicy", "deadline", "2026-12-20", "20个工作日"]
    proc = subprocess.run(command, capture_output=True, text=True, env=env, check=False)
    assert (proc.returncode, proc.stdout) == (0, "2027-01-18\n"), proc.stderr
    # a bad file does not break the import, only the first working-day question
    env["NMGPOLICY_CALENDAR"] = str(tmp_path / "missing.toml")
    proc = subprocess.run(
        [sys.executable, "-c", "import nmgpolicy, nmgpolicy.periods, nmgpolicy.cli; print('ok')"],
        capture_output=True,
        text=True,
        env=env,
        check=False,
    )
    assert (proc.returncode, proc.stdout) == (0, "ok\n"), proc.stderr
    proc = subprocess.run(command, capture_output=True, text=True, env=env, check=False)
    assert proc.returncode == 2
    assert "missing.toml" in proc.stderr
    assert "Traceback" not in proc.stderr


# --------------------------------------------------------------------------------------------
# Reading a schedule file
# --------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("content", "paths"),
    [
        (b"[2027]\nholidays = [\n" + b"2027-01-01,\n" * 90_000 + b"]\n", {"$.path"}),
        (b'[2027]\nnotice = 5\nholidays = ["2027-01-01"]\n', {"$.2027.notice"}),
        (b'["2027"]\nholidays = []\n["02027"]\nholidays = []\n', {"$.02027"}),
        ('["\u00b2"]\nholidays = []\n'.encode(), {"$.\u00b2"}),
        (b"a = " + b"[" * 5000 + b"]" * 5000 + b"\n", {"$.path"}),
        (b"[2027]\nholidays = ['\xff']\n", {"$.path"}),
        (b"[2027]\nholidays = [2027-01-01T00:00:00]\n", {"$.2027.holidays[0]"}),
    ],
    ids=["over-1MB", "notice", "year-twice", "superscript", "deep", "not-utf8", "datetime"],
)
def test_schedule_file_problems(tmp_path: Path, content: bytes, paths: set[str]) -> None:
    path = tmp_path / "schedule.toml"
    path.write_bytes(content)
    with pytest.raises(CalendarFileError) as info:
        register_schedule_file(path)
    assert set(info.value.paths) == paths
    assert info.value.file == str(path)
    assert info.value.origin is None
    assert 2027 not in covered_years()


def test_schedule_file_size_limit(tmp_path: Path, clean_registrations: None) -> None:
    body = b'[2027]\nholidays = ["2027-01-01"]\n'
    path = tmp_path / "schedule.toml"
    path.write_bytes(body + b"#" * (periods.MAX_SCHEDULE_FILE_BYTES - len(body)))
    assert register_schedule_file(path) == (2027,)  # exactly 1 MB: accepted
    path.write_bytes(body + b"#" * (periods.MAX_SCHEDULE_FILE_BYTES - len(body) + 1))
    with pytest.raises(CalendarFileError, match="larger than 1,000,000 bytes"):
        register_schedule_file(path)


def test_schedule_file_with_a_byte_order_mark(tmp_path: Path, clean_registrations: None) -> None:
    path = tmp_path / "notepad.toml"
    path.write_bytes('\ufeff[2027]\nholidays = []\nnotice = "  "\n'.encode())
    assert register_schedule_file(path) == (2027,)
    assert registrations()[2027].notice is None  # a blank notice is no notice


def test_schedule_file_not_a_file(tmp_path: Path) -> None:
    with pytest.raises(CalendarFileError) as info:
        register_schedule_file(tmp_path)  # a directory
    assert info.value.paths == ("$.path",)
    with pytest.raises(InputError) as bad:
        register_schedule_file(3)  # type: ignore[arg-type]
    assert bad.value.paths == ("$.path",)


def test_calendar_file_error_round_trips() -> None:
    error = CalendarFileError("x.toml", [("$.2027", "bad")], origin="NMGPOLICY_CALENDAR")
    copy = pickle.loads(pickle.dumps(error))
    assert (copy.file, copy.origin, copy.problems, str(copy)) == (
        error.file,
        error.origin,
        error.problems,
        str(error),
    )
    assert error.to_dict() == {
        "error": "CalendarFileError",
        "file": "x.toml",
        "problems": [{"path": "$.2027", "message": "bad"}],
    }
    assert str(CalendarFileError("y.toml", [("$.path", "gone")])) == (
        "schedule file 'y.toml': invalid input at $.path: gone"
    )


# --------------------------------------------------------------------------------------------
# Threads
# --------------------------------------------------------------------------------------------


def test_tracking_is_per_thread_and_registration_is_atomic(
    file_2027: Path, clean_registrations: None
) -> None:
    register_schedule_file(file_2027)
    errors: list[BaseException] = []
    stop = threading.Event()

    def reader() -> None:
        try:
            with track_registered_years() as used:
                while not stop.is_set():
                    # whichever registration it sees, it sees one whole: 20 working days
                    # from 2026-12-20 end on 1/18 (fixture) or 1/15 (no holiday on 1/1)
                    due = deadline(D(2026, 12, 20), "20个工作日")
                    assert due in (D(2027, 1, 18), D(2027, 1, 15))
            assert set(used) == {2027}
        except BaseException as error:  # pragma: no cover - only on failure
            errors.append(error)

    threads = [threading.Thread(target=reader) for _ in range(4)]
    for thread in threads:
        thread.start()
    try:
        with track_registered_years() as mine:
            for _ in range(30):
                register_year(2027, holidays=[], source="other")
                register_schedule_file(file_2027)
    finally:
        stop.set()
        for thread in threads:
            thread.join()
    assert errors == []
    assert dict(mine) == {}  # the readers' lookups are not this thread's


def test_cli_an_empty_calendar_file_registers_no_year(
    tmp_path: Path, clean_registrations: None
) -> None:
    empty = tmp_path / "empty.toml"
    empty.write_text("# nothing transcribed yet\n", encoding="utf-8")
    code, out, err = run("--calendar", str(empty), "deadline", "2026-03-02", "1个月")
    assert (code, out) == (0, "2026-04-02\n")
    assert f"working days of no year from {empty}" in err
