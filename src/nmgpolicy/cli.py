"""The ``nmgpolicy`` command.

::

    nmgpolicy [--calendar FILE ...] COMMAND ...
    nmgpolicy evaluate RULESET FILE [--on DATE] [--format text|json|markdown] [--lang zh|en]
                       [--param NAME=VALUE ...]
    nmgpolicy rules [RULESET] [--lang zh|en]
    nmgpolicy deadline START PERIOD            # e.g. 2025-09-26 "20个工作日"
    nmgpolicy catalog [--file PATH] [--format text|json]
    nmgpolicy schema RULESET                   # JSON Schema of the facts
    nmgpolicy demo [--lang zh|en]

``--calendar FILE`` (repeatable, before or after the command) registers the official
working-day schedules in FILE, in the TOML format of ``docs/calendar.md`` (one table per year,
transcribed from the State Council's notice), for this run; the environment variable
``NMGPOLICY_CALENDAR`` names such files for every run (several joined by ``os.pathsep``). A
year so registered replaces the shipped schedule of that year, and a decision that used it says
so in a note. Files are applied in order, ``NMGPOLICY_CALENDAR``'s first: where two give the
same year, the later one wins.

Without ``--on``, ``evaluate`` judges as of today's date in China (Asia/Shanghai, UTC+8 all year:
China has kept no daylight saving time since 1991), whatever the machine's time zone, and prints
the date it used on standard error.

Exit status: 0 when an evaluation completed, whatever its outcome; 2 on bad input (including a
bad schedule file), with each problem's field path in the message (never a traceback); 1 when a
demo example does not give its expected outcome.
"""

from __future__ import annotations

import argparse
import datetime as dt
import functools
import json
import os
import sys
from collections.abc import Sequence
from importlib import resources
from pathlib import Path
from typing import Any, TextIO

import attrs

from nmgpolicy.catalog import LoadedCatalog, bundled_catalog, load_catalog
from nmgpolicy.engine import evaluate, get_ruleset, rulesets
from nmgpolicy.errors import CalendarNotCovered, InputError, NmgPolicyError, shown
from nmgpolicy.params import parse_date
from nmgpolicy.periods import (
    _scoped_registrations,
    deadline,
    parse_period,
    register_schedule_file,
    track_registered_years,
)
from nmgpolicy.render import criteria_text, status_label

__all__ = ["CHINA", "example_cases", "examples_dir", "main", "today_in_china"]

#: China Standard Time: UTC+8 all year (no daylight saving time since 1991), so a fixed offset
#: gives the date in Asia/Shanghai exactly, with no time-zone database.
CHINA = dt.timezone(dt.timedelta(hours=8), "UTC+08:00")


def _utc_now() -> dt.datetime:
    """The current instant (a seam for tests)."""
    return dt.datetime.now(dt.UTC)


def today_in_china() -> dt.date:
    """Today's date in China (Asia/Shanghai), whatever the machine's time zone.

    At 2026-12-01T17:30Z it is already 2026-12-02 in Beijing; a machine in UTC or in
    America/New_York would still say 2026-12-01.
    """
    return _utc_now().astimezone(CHINA).date()


def examples_dir() -> Path:
    """The bundled examples: inside the installed package, or the checkout's ``examples/``."""
    packaged = resources.files("nmgpolicy").joinpath("examples")
    if packaged.is_dir():
        return Path(str(packaged))
    return Path(__file__).resolve().parents[2] / "examples"


def _read_json(path: str, stdin: TextIO) -> object:
    try:
        text = stdin.read() if path == "-" else Path(path).read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as error:
        raise InputError.single("$", f"cannot read {path}: {error}") from None
    try:
        return json.loads(text, parse_float=str, parse_constant=_reject_constant)
    except json.JSONDecodeError as error:
        raise InputError.single(
            "$",
            f"{path} is not valid JSON: {error.msg} at line {error.lineno} column {error.colno}",
        ) from None
    except (ValueError, RecursionError) as error:  # a 5000-digit number, a 100000-deep list
        raise InputError.single("$", f"{path} cannot be read as facts: {error}") from None


def _reject_constant(name: str) -> object:
    raise InputError.single("$", f"{name} is not a valid JSON value")


def _parse_param(text: str) -> tuple[str, object]:
    name, sep, raw = text.partition("=")
    if not sep or not name:
        raise InputError.single(
            "$.parameters", f'expected NAME=VALUE, got {shown(text)}; e.g. "x=60%"'
        )
    try:
        value: object = json.loads(raw, parse_float=str)
    except json.JSONDecodeError:
        value = raw
    except (ValueError, RecursionError) as error:
        raise InputError.single(f"$.parameters.{name}", f"unreadable value: {error}") from None
    return name, value


def _on(value: str | None, err: TextIO) -> dt.date:
    if value is None:
        today = today_in_china()
        print(
            f"nmgpolicy: evaluated on {today.isoformat()} (today in China, UTC+8; "
            "use --on to change)",
            file=err,
        )
        return today
    return parse_date(value, "$.on")


def _cmd_evaluate(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    get_ruleset(args.ruleset)
    facts = _read_json(args.file, sys.stdin)
    parameters = dict(_parse_param(p) for p in args.param) if args.param else None
    decision = evaluate(args.ruleset, facts, on=_on(args.on, err), parameters=parameters)
    if args.format == "json":
        out.write(json.dumps(decision.to_dict(), ensure_ascii=False, indent=2) + "\n")
    elif args.format == "markdown":
        out.write(decision.to_markdown(args.lang))
    else:
        out.write(decision.explain(args.lang))
    return 0


def _cmd_rules(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    ids = [args.ruleset] if args.ruleset else list(rulesets())
    for ruleset_id in ids:
        ruleset = get_ruleset(ruleset_id)
        out.write(f"== {ruleset_id} ==\n")
        out.write(criteria_text(ruleset.title, ruleset.criteria(), args.lang))
    return 0


def _cmd_deadline(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    start = parse_date(args.start, "$.start")
    period = parse_period(args.period, path="$.period")
    with track_registered_years() as used:
        due = deadline(start, period)
    out.write(f"{due.isoformat()}\n")
    if args.verbose:
        out.write(
            f"{start.isoformat()} + {period} ({period.describe('en')}) -> {due.isoformat()}\n"
        )
        for year in sorted(used):
            out.write(used[year].note()[1] + "\n")
    return 0


def _catalog_dict(loaded: LoadedCatalog) -> dict[str, Any]:
    return {
        "items": [attrs.asdict(item) for item in loaded.items],
        "anomalies": [attrs.asdict(anomaly) for anomaly in loaded.anomalies],
    }


def _cmd_catalog(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    loaded = load_catalog(args.file) if args.file else bundled_catalog()
    if args.format == "json":
        out.write(json.dumps(_catalog_dict(loaded), ensure_ascii=False, indent=2) + "\n")
        return 0
    for item in loaded.items:
        limit = item.time_limit_text or "（空白）"
        out.write(f"{item.id:30} {item.title}\n")
        out.write(f"{'':30} 时限: {limit} | 处室: {item.office} | 渠道: {item.channel}\n")
    if loaded.anomalies:
        out.write(f"\n{len(loaded.anomalies)} repairs / anomalies:\n")
        for a in loaded.anomalies:
            column = f" [{a.column}]" if a.column else ""
            out.write(f"  line {a.line}{column} {a.kind}: {a.message}\n")
    return 0


def _cmd_schema(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    from nmgpolicy.schema import facts_schema

    out.write(json.dumps(facts_schema(args.ruleset), ensure_ascii=False, indent=2) + "\n")
    return 0


def example_cases() -> list[tuple[str, str, object, dt.date, str]]:
    """Every bundled example: (rule set, file, facts, evaluation date, expected status).

    ``examples/<folder>/index.json`` lists the cases; a case's ``ruleset`` overrides the
    index's (``examples/sme`` holds both SME rule sets).
    """
    found = []
    for index_file in sorted(examples_dir().glob("*/index.json")):
        index = json.loads(index_file.read_text(encoding="utf-8"))
        for case in index["cases"]:
            facts = json.loads((index_file.parent / case["file"]).read_text(encoding="utf-8"))
            ruleset = case.get("ruleset", index.get("ruleset"))
            on = parse_date(case["on"], "$.on")
            found.append(
                (ruleset, f"{index_file.parent.name}/{case['file']}", facts, on, case["expect"])
            )
    return found


def _cmd_demo(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    failures = 0
    cases = example_cases()
    for ruleset, name, facts, on, expect in cases:
        decision = evaluate(ruleset, facts, on=on)
        ok = decision.status.value == expect
        failures += not ok
        mark = "ok" if ok else f"MISMATCH (expected {expect})"
        status = status_label(decision.status.value, args.lang)
        out.write(f"{name} @ {on.isoformat()}: {status} [{mark}]\n")
        width = 6 if args.lang == "zh" else 14  # status labels in the chosen language
        for finding in decision.findings:
            label = status_label(finding.status.value, args.lang)
            out.write(f"  {label:{width}} {finding.id}: {finding.message.get(args.lang)}\n")
    out.write(f"{len(cases)} examples, {failures} mismatches\n")
    return 1 if failures or not cases else 0


_CALENDAR_HELP = (
    "register the official working-day schedules in FILE (TOML, one table per year, "
    "transcribed from the State Council's notice; see docs/calendar.md); repeatable, later "
    "files win; adds to the files named by NMGPOLICY_CALENDAR"
)


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="nmgpolicy",
        description="Inner Mongolia and Baotou industrial regulations as cited, unit-safe checks.",
        epilog="Environment: NMGPOLICY_CALENDAR names schedule files (several joined by "
        f"{os.pathsep!r}), read before any --calendar file.",
    )
    parser.add_argument(
        "--calendar", action="append", default=[], metavar="FILE", help=_CALENDAR_HELP
    )
    # The same option after the command; its own dest, or argparse would let the subcommand's
    # (empty) default overwrite the files given before the command.
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument(
        "--calendar",
        action="append",
        default=[],
        dest="calendar_after",
        metavar="FILE",
        help=_CALENDAR_HELP,
    )
    sub = parser.add_subparsers(dest="command", required=True)
    add_parser = functools.partial(sub.add_parser, parents=[common])

    p = add_parser("evaluate", help="evaluate a JSON facts file under a rule set")
    p.add_argument("ruleset")
    p.add_argument("file", help="JSON facts file, or - for standard input")
    p.add_argument(
        "--on", help="evaluation date YYYY-MM-DD (default: today in China, UTC+8; printed)"
    )
    p.add_argument("--format", choices=("text", "json", "markdown"), default="text")
    p.add_argument("--lang", choices=("zh", "en"), default="zh")
    p.add_argument(
        "--param",
        action="append",
        default=[],
        metavar="NAME=VALUE",
        help="override a legal parameter (what-if); repeatable",
    )
    p.set_defaults(handler=_cmd_evaluate)

    p = add_parser("rules", help="list the criteria of a rule set with their citations")
    p.add_argument("ruleset", nargs="?")
    p.add_argument("--lang", choices=("zh", "en"), default="zh")
    p.set_defaults(handler=_cmd_rules)

    p = add_parser("deadline", help="the last day of a legal period (民法典 第201–203条)")
    p.add_argument("start", help="start date YYYY-MM-DD (not counted)")
    p.add_argument("period", help='e.g. "20个工作日", "30日", "1个月", "1 year"')
    p.add_argument("-v", "--verbose", action="store_true")
    p.set_defaults(handler=_cmd_deadline)

    p = add_parser("catalog", help="the disclosure catalog (bundled, or read from a file)")
    p.add_argument("--file", help="a catalog in the bureau's tab-separated export format")
    p.add_argument("--format", choices=("text", "json"), default="text")
    p.set_defaults(handler=_cmd_catalog)

    p = add_parser("schema", help="the JSON Schema of a rule set's facts")
    p.add_argument("ruleset")
    p.set_defaults(handler=_cmd_schema)

    p = add_parser("demo", help="evaluate the bundled examples")
    p.add_argument("--lang", choices=("zh", "en"), default="zh")
    p.set_defaults(handler=_cmd_demo)
    return parser


def _silence_stdout() -> None:  # pragma: no cover - runs in the piped subprocess of a test
    """Point stdout at /dev/null so that Python's exit flush does not fail again."""
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, sys.stdout.fileno())


def main(
    argv: Sequence[str] | None = None, *, out: TextIO | None = None, err: TextIO | None = None
) -> int:
    """Run the command line; returns the exit status."""
    out = out or sys.stdout
    err = err or sys.stderr
    parser = _parser()
    try:
        args = parser.parse_args(argv)
    except SystemExit as exit_:
        return int(exit_.code or 0)
    try:
        with _scoped_registrations():
            for path in [*args.calendar, *args.calendar_after]:
                years = register_schedule_file(path)
                shown_years = ", ".join(str(y) for y in years) or "no year"
                err.write(f"nmgpolicy: working days of {shown_years} from {path}\n")
            return int(args.handler(args, out, err))
    except BrokenPipeError:  # `nmgpolicy rules | head`: the reader has had enough
        if out is sys.stdout:
            _silence_stdout()
        return 0
    except InputError as error:
        err.write(f"nmgpolicy: {error}\n")
        return 2
    except CalendarNotCovered as error:
        err.write(
            f"nmgpolicy: {type(error).__name__}: {error}; or, without Python, transcribe the "
            f"notice into a schedule file and pass --calendar FILE or set NMGPOLICY_CALENDAR "
            f"(format: docs/calendar.md)\n"
        )
        return 2
    except NmgPolicyError as error:
        err.write(f"nmgpolicy: {type(error).__name__}: {error}\n")
        return 2


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
