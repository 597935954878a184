"""The nmgpolicy command: exit codes, formats, no tracebacks for bad input."""

from __future__ import annotations

import contextlib
import datetime as dt
import io
import json
import subprocess
import sys
import time
from importlib import resources
from pathlib import Path

import pytest

from nmgpolicy import cli
from nmgpolicy.cli import main

EXAMPLES = Path(__file__).resolve().parents[1] / "examples"


def run(*argv: str, stdin: str | None = None) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    code = main(list(argv), out=out, err=err, stdin=io.StringIO(stdin or ""))
    return code, out.getvalue(), err.getvalue()


def test_evaluate_text_json_markdown() -> None:
    path = str(EXAMPLES / "disclosure" / "budget_published_late.json")
    code, out, _ = run("evaluate", "disclosure", path, "--on", "2026-03-02")
    assert code == 0
    assert "不符合" in out
    assert "第十四条" in out
    code, out, _ = run("evaluate", "disclosure", path, "--on", "2026-03-02", "--format", "json")
    assert code == 0
    data = json.loads(out)
    assert data["status"] == "ineligible"
    assert data["results"]["late_working_days"] == 7
    code, out, _ = run(
        "evaluate", "disclosure", path, "--on", "2026-03-02", "--format", "markdown", "--lang", "en"
    )
    assert code == 0
    assert out.startswith("## disclosure")


def test_evaluate_defaults_on_to_today_and_says_so() -> None:
    facts = '{"item": "foi-basics", "formed_on": "2025-06-03", "published_on": "2025-06-04"}'
    code, out, err = run("evaluate", "disclosure", "-", stdin=facts)
    assert code == 0
    assert "today in China" in err
    assert "符合条件" in out


def _clock(monkeypatch: pytest.MonkeyPatch, instant: str) -> None:
    now = dt.datetime.fromisoformat(instant)
    monkeypatch.setattr("nmgpolicy.cli._utc_now", lambda: now)


@pytest.mark.parametrize(
    ("instant", "today"),
    [
        ("2026-12-01T17:30:00+00:00", "2026-12-02"),  # 01:30 on 2 December in Beijing
        ("2026-12-01T15:59:59+00:00", "2026-12-01"),  # 23:59:59 in Beijing
        ("2026-12-01T16:00:00+00:00", "2026-12-02"),  # midnight in Beijing
        ("2026-12-01T20:00:00-05:00", "2026-12-02"),  # New York evening, Beijing morning
        ("2026-12-31T15:59:59+00:00", "2026-12-31"),
    ],
)
def test_default_on_is_today_in_china(
    monkeypatch: pytest.MonkeyPatch, instant: str, today: str
) -> None:
    _clock(monkeypatch, instant)
    assert cli.today_in_china() == dt.date.fromisoformat(today)
    facts = '{"item": "foi-basics", "formed_on": "2026-11-30"}'
    code, out, err = run("evaluate", "disclosure", "-", "--format", "json", stdin=facts)
    assert code == 0, err
    assert json.loads(out)["on"] == today
    assert f"evaluated on {today} (today in China, UTC+8; use --on to change)" in err


def test_default_on_ignores_the_machine_time_zone(monkeypatch: pytest.MonkeyPatch) -> None:
    # The local zone plays no part: only the instant is read, then shifted to UTC+8.
    assert cli.CHINA.utcoffset(None) == dt.timedelta(hours=8)
    assert cli._utc_now().tzinfo is not None
    if hasattr(time, "tzset"):
        monkeypatch.setenv("TZ", "America/Los_Angeles")
        time.tzset()
        try:
            _clock(monkeypatch, "2026-12-01T17:30:00+00:00")
            assert cli.today_in_china() == dt.date(2026, 12, 2)
        finally:
            monkeypatch.undo()
            time.tzset()


def test_explicit_on_prints_nothing() -> None:
    facts = '{"item": "foi-basics", "formed_on": "2026-11-30"}'
    code, _, err = run("evaluate", "disclosure", "-", "--on", "2026-12-02", stdin=facts)
    assert (code, err) == (0, "")


def test_help_documents_the_calendar_option() -> None:
    out = io.StringIO()
    with pytest.raises(SystemExit), contextlib.redirect_stdout(out):
        cli._parser().parse_args(["--help"])
    assert "--calendar FILE" in out.getvalue()
    assert "NMGPOLICY_CALENDAR" in out.getvalue()
    out = io.StringIO()
    with pytest.raises(SystemExit), contextlib.redirect_stdout(out):
        cli._parser().parse_args(["deadline", "--help"])
    assert "--calendar FILE" in out.getvalue()


def test_evaluate_with_parameter_override() -> None:
    path = str(EXAMPLES / "disclosure" / "budget_published_late.json")
    code, out, _ = run(
        "evaluate",
        "disclosure",
        path,
        "--on",
        "2026-03-02",
        "--format",
        "json",
        "--param",
        "budget_law_period=40日",
    )
    assert code == 0
    assert json.loads(out)["overrides"] == {"budget_law_period": "40日"}


@pytest.mark.parametrize(
    ("argv", "stdin", "needle"),
    [
        (("evaluate", "disclosure", "-"), '{"item": 3, "formed_on": "x", "zz": 1}', "$.formed_on"),
        (("evaluate", "disclosure", "-"), "{not json", "not valid JSON"),
        (("evaluate", "disclosure", "-"), "NaN", "NaN"),
        (("evaluate", "disclosure", "/no/such/file.json"), None, "cannot read"),
        (("evaluate", "nope", "-"), "{}", "unknown rule set"),
        (("evaluate", "disclosure", "-", "--on", "soon"), "{}", "$.on"),
        (("evaluate", "disclosure", "-", "--param", "novalue"), "{}", "$.parameters"),
        (
            ("evaluate", "disclosure", "-", "--on", "2019-01-01"),
            '{"item": "proposals", "formed_on": "2018-12-01"}',
            "not in force",
        ),
        (("deadline", "2027-03-01", "20个工作日"), None, "2027"),
        (("deadline", "2026-03-01", "soon"), None, "$.period"),
        (("deadline", "yesterday", "1个月"), None, "$.start"),
        (("catalog", "--file", "/no/such.tsv"), None, "$.path"),
        (("rules", "nope"), None, "unknown rule set"),
    ],
)
def test_bad_input_exits_2_with_the_path(
    argv: tuple[str, ...], stdin: str | None, needle: str
) -> None:
    code, _, err = run(*argv, stdin=stdin)
    assert code == 2
    assert needle in err
    assert "Traceback" not in err


def test_argparse_errors_exit_2() -> None:
    assert run()[0] == 2
    assert run("evaluate")[0] == 2
    assert run("--help")[0] == 0


def test_rules_lists_criteria_with_quoted_law() -> None:
    code, out, _ = run("rules", "disclosure")
    assert code == 0
    assert "disclosure.on_time" in out
    assert "第二十六条" in out
    assert "20个工作日内及时公开" in out
    code, out, _ = run("rules", "--lang", "en")
    assert code == 0
    assert "== disclosure ==" in out


def test_deadline() -> None:
    assert run("deadline", "2025-01-31", "1个月") == (0, "2025-02-28\n", "")
    code, out, _ = run("deadline", "2025-09-26", "20 working days", "-v")
    assert code == 0
    assert out.splitlines()[0] == "2025-10-30"


def test_catalog_text_and_json(tmp_path: Path) -> None:
    code, out, _ = run("catalog")
    assert code == 0
    assert "explosives-safety-inspection" in out
    assert "民爆和煤炭管理科" in out
    code, out, _ = run("catalog", "--format", "json")
    data = json.loads(out)
    assert len(data["items"]) == 14
    assert data["anomalies"]
    export = tmp_path / "export.tsv"
    bundled = resources.files("nmgpolicy").joinpath("data", "baotou_miit_catalog.tsv")
    export.write_text(bundled.read_text(encoding="utf-8"), encoding="utf-8")
    code, out, _ = run("catalog", "--file", str(export))
    assert code == 0
    assert "cluster-recognition" in out


def test_demo_runs_every_example() -> None:
    code, out, _ = run("demo")
    assert code == 0
    assert out.rstrip().endswith("0 mismatches")
    assert "[ok]" in out
    assert "MISMATCH" not in out


def test_demo_reports_a_mismatch(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    case_dir = tmp_path / "disclosure"
    case_dir.mkdir()
    (case_dir / "f.json").write_text('{"item": "proposals", "formed_on": "2026-01-31"}')
    (case_dir / "index.json").write_text(
        json.dumps(
            {
                "ruleset": "disclosure",
                "cases": [{"file": "f.json", "on": "2026-02-27", "expect": "ineligible"}],
            }
        )
    )
    monkeypatch.setattr("nmgpolicy.cli.examples_dir", lambda: tmp_path)
    code, out, _ = run("demo")
    assert code == 1
    assert "MISMATCH" in out


def test_module_entry_point() -> None:
    proc = subprocess.run(
        [sys.executable, "-m", "nmgpolicy", "deadline", "2025-01-31", "1个月"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.strip() == "2025-02-28"


def test_examples_dir_prefers_the_packaged_copy(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from nmgpolicy import cli

    (tmp_path / "examples").mkdir()
    monkeypatch.setattr(cli.resources, "files", lambda _: tmp_path)
    assert cli.examples_dir() == tmp_path / "examples"


def test_catalog_text_without_anomalies(tmp_path: Path) -> None:
    export = tmp_path / "clean.tsv"
    rows = [
        [
            "公开事项",
            "",
            "",
            "公开内容（要素）",
            "公开依据",
            "条款内容",
            "依据效力位阶",
            "公开时限",
            "公开主体",
            "事项类别（法定公开、其他）",
            "公开渠道和载体",
            "公开对象",
            "",
            "责任处室",
            "对应职责",
        ],
        ["一级事项", "二级事项", "三级事项", *[""] * 8, "全社会", "特定群体", "", ""],
        [
            "机关简介",
            "机构职能",
            "",
            "内容",
            "依据",
            "条款",
            "行政法规",
            "20个工作日内",
            "局",
            "法定公开",
            "政府网站",
            "√",
            "",
            "人事科",
            "职责",
        ],
    ]
    export.write_text("".join("\t".join(r) + "\n" for r in rows), encoding="utf-8")
    code, out, _ = run("catalog", "--file", str(export))
    assert code == 0
    assert "repairs" not in out


@pytest.mark.parametrize("text", ["[" * 100_000 + "]" * 100_000, "1" * 5000])
def test_pathological_json_is_bad_input(text: str) -> None:
    code, _, err = run("evaluate", "disclosure", "-", "--on", "2026-03-02", stdin=text)
    assert code == 2
    assert "Traceback" not in err
    code, _, err = run(
        "evaluate",
        "disclosure",
        "-",
        "--on",
        "2026-03-02",
        "--param",
        f"default_period={text}",
        stdin="{}",
    )
    assert code == 2
    assert "$.parameters.default_period" in err


def test_a_closed_pipe_is_not_an_error() -> None:
    proc = subprocess.run(
        f"{sys.executable} -m nmgpolicy rules | head -n 1",
        shell=True,
        capture_output=True,
        text=True,
        check=False,
    )
    assert proc.stdout.startswith("== ")
    assert "Traceback" not in proc.stderr

    class Closed(io.StringIO):
        def write(self, text: str) -> int:
            raise BrokenPipeError

    assert main(["rules"], out=Closed(), err=io.StringIO()) == 0


def test_demo_speaks_the_chosen_language() -> None:
    code, out, _ = run("demo")
    assert code == 0
    first = out.splitlines()[0]
    assert first.endswith(("符合条件 [ok]", "不符合条件 [ok]", "待定 [ok]"))
    assert "  符合 " in out
    assert " not_met " not in out and " eligible " not in out
    code, out, _ = run("demo", "--lang", "en")
    assert code == 0
    assert "  met " in out
    assert "  not met " in out
