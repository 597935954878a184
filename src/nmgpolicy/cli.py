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

Input and output (``docs/robustness.md``, "Command line"): a facts file or standard input is
read as strict UTF-8 (a leading UTF-8 byte order mark is allowed), at most
:data:`~nmgpolicy.limits.MAX_INPUT_BYTES` bytes of it, from a regular file or standard input
only; it must be one JSON object, with no key given twice and no ``NaN`` or ``Infinity``. Output
is UTF-8 whatever the console's encoding or locale: standard output and standard error are
written as UTF-8 bytes. A lone surrogate (``"\ud800"`` in the input) is written as the escape
``\ud800`` in JSON output and on standard error, and as U+FFFD (�) in text and Markdown.
"""

from __future__ import annotations

import argparse
import codecs
import datetime as dt
import functools
import io
import json
import os
import re
import stat
import sys
from collections.abc import Callable, Sequence
from decimal import Decimal
from importlib import resources
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any, Protocol, TextIO, cast

import attrs

from nmgpolicy import limits
from nmgpolicy._exact import exact
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

if TYPE_CHECKING:
    from _typeshed import SupportsWrite

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


class _Writer(Protocol):
    def write(self, text: str, /) -> object: ...


_SURROGATES = re.compile("[\ud800-\udfff]")


def _escaped(text: str) -> str:
    """Lone surrogates as JSON-style escapes (``\\ud800``); every other character as it is."""
    return _SURROGATES.sub(lambda m: f"\\u{ord(m[0]):04x}", text)


def _replaced(text: str) -> str:
    """Lone surrogates as U+FFFD, the replacement character."""
    return _SURROGATES.sub("\ufffd", text)


class _Utf8:
    """Writes text to ``stream`` as UTF-8, whatever the stream's own encoding.

    A stream with a binary ``buffer`` (``sys.stdout``, any ``TextIOWrapper``) gets UTF-8 bytes
    in its buffer; one without (``io.StringIO``) gets the text. Either way lone surrogates,
    which no UTF-8 can hold, are first made into something it can (``clean``).
    """

    def __init__(self, stream: TextIO, clean: Callable[[str], str]) -> None:
        self.stream = stream
        self._clean = clean

    def write(self, text: str) -> int:
        text = self._clean(text)
        buffer = getattr(self.stream, "buffer", None)
        if buffer is None:
            self.stream.write(text)
        else:
            self.stream.flush()  # whatever went through the text layer before stays in order
            buffer.write(text.encode("utf-8"))
            buffer.flush()
        return len(text)


def _json_text(value: object) -> str:
    """``value`` as indented JSON: characters as they are, lone surrogates escaped."""
    return _escaped(json.dumps(value, ensure_ascii=False, indent=2)) + "\n"


_O_FLAGS = os.O_RDONLY | getattr(os, "O_BINARY", 0) | getattr(os, "O_NONBLOCK", 0)
# O_NONBLOCK: opening a FIFO that has no writer returns at once (and is then refused) instead
# of waiting for one; it changes nothing for a regular file.


class _NotJson(Exception):
    """Raised by a JSON hook: the text is JSON to Python, but not to the command."""


def _read_bounded(read: Callable[[int], bytes | str], what: str) -> bytes:
    """At most :data:`~nmgpolicy.limits.MAX_INPUT_BYTES` bytes from ``read``; one byte more is
    an error (so an endless source costs one read of that size, no more)."""
    chunks: list[bytes] = []
    size = 0
    while size <= limits.MAX_INPUT_BYTES:
        chunk = read(limits.MAX_INPUT_BYTES + 1 - size)
        if not chunk:
            break
        if isinstance(chunk, str):  # a text stream (tests, embedding): measured as UTF-8
            chunk = chunk.encode("utf-8", "surrogatepass")
        chunks.append(chunk)
        size += len(chunk)
    if size > limits.MAX_INPUT_BYTES:
        raise InputError.single(
            "$",
            f"{what} holds more than {limits.MAX_INPUT_BYTES:,} bytes, the most the command reads "
            "(max_input_bytes of the input budget, docs/robustness.md)",
        )
    return b"".join(chunks)


def _read_stdin(stdin: IO[Any] | None) -> bytes:
    what = "standard input"
    if stdin is None:
        raise InputError.single("$", f"cannot read {what}: there is none")
    source = getattr(stdin, "buffer", stdin)  # a text stream's bytes, undecoded
    try:
        return _read_bounded(source.read, what)
    except (OSError, ValueError) as error:  # ValueError: a closed stream
        raise InputError.single("$", f"cannot read {what}: {_reason(error)}") from None


def _read_file(path: str, where: str) -> bytes:
    """The bytes of the regular file ``path``, bounded; anything else an error at ``where``."""
    try:
        descriptor = os.open(path, _O_FLAGS)
    except (OSError, ValueError) as error:  # ValueError: a NUL in the path
        raise InputError.single(where, f"cannot read {path}: {_reason(error)}") from None
    try:
        if not stat.S_ISREG(os.fstat(descriptor).st_mode):
            raise InputError.single(
                where,
                f"{path} is not a regular file; to read a pipe or a device, give - and send it "
                "to standard input",
            )
        return _read_bounded(functools.partial(os.read, descriptor), path)
    except OSError as error:
        raise InputError.single(where, f"cannot read {path}: {_reason(error)}") from None
    finally:
        os.close(descriptor)


def _reason(error: Exception) -> str:
    return error.strerror if isinstance(error, OSError) and error.strerror else str(error)


def _decode(data: bytes, what: str) -> str:
    """Strict UTF-8, after an optional UTF-8 byte order mark; the same for files and stdin."""
    start = len(codecs.BOM_UTF8) if data.startswith(codecs.BOM_UTF8) else 0
    try:
        return data[start:].decode("utf-8")
    except UnicodeDecodeError as error:
        offset = start + error.start
        raise InputError.single(
            "$",
            f"{what} is not UTF-8: invalid byte at offset {offset} (0x{data[offset]:02x}); "
            "save it as UTF-8",
        ) from None


# Python's int() of a long digit string costs time quadratic in its length and is capped by
# sys.set_int_max_str_digits (640 at the least, or none). A longer integer is read as a Decimal
# (linear) instead: the input budget then refuses it at its path, like any oversized number.
_INT_CHARACTERS = 640


def _int(text: str) -> int | Decimal:
    return int(text) if len(text) <= _INT_CHARACTERS else Decimal(text)


def _constant(name: str) -> object:
    raise _NotJson(f"{name} is not JSON; write a number in digits, or null")


def _object(pairs: list[tuple[str, object]]) -> dict[str, object]:
    result = dict(pairs)
    if len(result) != len(pairs):
        seen: set[str] = set()
        for key, _ in pairs:  # pragma: no branch - a duplicate is found
            if key in seen:
                raise _NotJson(
                    f"duplicate key {shown(key)} in one object; give each key once (the "
                    "command does not guess which one was meant)"
                )
            seen.add(key)
    return result


def _loads(text: str) -> object:
    """JSON as the command reads it: decimals kept exact (as text), no NaN or Infinity, no key
    given twice; raises :class:`_NotJson`, ``JSONDecodeError`` or ``RecursionError``."""
    return json.loads(
        text,
        parse_float=str,
        parse_int=_int,
        parse_constant=_constant,
        object_pairs_hook=_object,
    )


def _read_json(path: str, stdin: IO[Any] | None) -> object:
    what = "standard input" if path == "-" else path
    data = _read_stdin(stdin) if path == "-" else _read_file(path, "$")
    text = _decode(data, what)
    try:
        return _loads(text)
    except json.JSONDecodeError as error:
        raise InputError.single(
            "$",
            f"{what} is not valid JSON: {error.msg} at line {error.lineno} column {error.colno}",
        ) from None
    except _NotJson as error:
        raise InputError.single("$", f"{what}: {error}") from None
    except RecursionError:  # a 100,000-deep list; one within Python's stack meets max_depth
        raise InputError.single(
            "$",
            f"{what} is nested too deeply to read (the input budget allows "
            f"{limits.BUDGET.max_depth} levels, max_depth)",
        ) from None


def _parse_param(text: str) -> tuple[str, object]:
    """``NAME=VALUE``: the value read as JSON by the rules of the facts where it is JSON (so
    ``3``, ``true``, ``[1, 2]``; ``1.5`` stays the exact text ``"1.5"``), else the text itself
    (``60%``, ``20个工作日``, ``NaN``)."""
    name, sep, raw = text.partition("=")
    if not sep or not name:
        raise InputError.single(
            "$.parameters", f'expected NAME=VALUE, got {shown(text)}; e.g. "x=60%"'
        )
    try:
        value: object = _loads(raw)
    except (json.JSONDecodeError, _NotJson):
        value = raw
    except RecursionError:
        raise InputError.single(
            f"$.parameters.{name}",
            f"nested too deeply to read (the input budget allows {limits.BUDGET.max_depth} levels)",
        ) from None
    return name, value


def _on(value: str | None, err: _Writer) -> dt.date:
    if value is None:
        today = today_in_china()
        err.write(
            f"nmgpolicy: evaluated on {today.isoformat()} (today in China, UTC+8; "
            "use --on to change)\n"
        )
        return today
    return parse_date(value, "$.on")


def _cmd_evaluate(args: argparse.Namespace, out: _Writer, err: _Writer) -> int:
    get_ruleset(args.ruleset)
    facts = _read_json(args.file, args.stdin)
    parameters = dict(_parse_param(p) for p in args.param) if args.param else None
    decision = evaluate(args.ruleset, facts, on=_on(args.on, err), parameters=parameters)
    if args.format == "json":
        out.write(_json_text(decision.to_dict()))
    elif args.format == "markdown":
        out.write(decision.to_markdown(args.lang))
    else:
        out.write(decision.explain(args.lang))
    return 0


def _cmd_rules(args: argparse.Namespace, out: _Writer, err: _Writer) -> int:
    ids = [args.ruleset] if args.ruleset else list(rulesets())
    for ruleset_id in ids:
        ruleset = get_ruleset(ruleset_id)
        out.write(f"== {ruleset_id} ==\n")
        out.write(criteria_text(ruleset.title, ruleset.criteria(), args.lang))
    return 0


def _cmd_deadline(args: argparse.Namespace, out: _Writer, err: _Writer) -> int:
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


def _cmd_catalog(args: argparse.Namespace, out: _Writer, err: _Writer) -> int:
    # Read here, bounded and from a regular file only, like a facts file; decoded by the
    # catalog's own rules (UTF-8, or UTF-16 with a byte order mark): load_catalog decodes a
    # stream that returns bytes as it decodes a file.
    loaded = (
        load_catalog(cast(IO[str], io.BytesIO(_read_file(args.file, "$.path"))))
        if args.file
        else bundled_catalog()
    )
    if args.format == "json":
        out.write(_json_text(_catalog_dict(loaded)))
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


def _cmd_schema(args: argparse.Namespace, out: _Writer, err: _Writer) -> int:
    from nmgpolicy.schema import facts_schema

    out.write(_json_text(facts_schema(args.ruleset)))
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


def _cmd_demo(args: argparse.Namespace, out: _Writer, err: _Writer) -> int:
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


class _Parser(argparse.ArgumentParser):
    """An ``ArgumentParser`` whose help and error messages go through the command's writers
    (UTF-8 whatever the console), when it has them."""

    writers: tuple[_Writer, _Writer] | None = None

    def _print_message(self, message: str, file: SupportsWrite[str] | None = None) -> None:
        if self.writers is None or not message:
            super()._print_message(message, file)
            return
        out, err = self.writers
        (err if file is sys.stderr else out).write(message)


def _parser(writers: tuple[_Writer, _Writer] | None = None) -> _Parser:
    parser = _Parser(
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
    common = _Parser(add_help=False)
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
    for each in (parser, *sub.choices.values()):
        each.writers = writers
    return parser


def _silence_stdout() -> None:  # pragma: no cover - runs in the piped subprocess of a test
    """Point stdout at /dev/null so that Python's exit flush does not fail again."""
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, sys.stdout.fileno())


_TEXT_ARGUMENTS = ("ruleset", "start", "period", "on", "param")


def _utf8_arguments(args: argparse.Namespace) -> None:
    """Under an ASCII locale with Python's UTF-8 mode turned off (``LC_ALL=C PYTHONUTF8=0``),
    Python decodes each byte of a command-line argument above 0x7f as a surrogate escape: read
    the text arguments (not the file names, which open as they are) as the UTF-8 they were."""
    if codecs.lookup(sys.getfilesystemencoding()).name != "ascii":
        return

    def utf8(text: str) -> str:
        return os.fsencode(text).decode("utf-8", "surrogateescape")

    for name in _TEXT_ARGUMENTS:
        value = getattr(args, name, None)
        if isinstance(value, str):
            setattr(args, name, utf8(value))
        elif isinstance(value, list):
            setattr(args, name, [utf8(v) for v in value])


@exact
def main(
    argv: Sequence[str] | None = None,
    *,
    out: TextIO | None = None,
    err: TextIO | None = None,
    stdin: IO[Any] | None = None,
) -> int:
    """Run the command line; returns the exit status.

    ``out``, ``err`` and ``stdin`` default to ``sys.stdout``, ``sys.stderr`` and ``sys.stdin``.
    Output is UTF-8 whatever a stream's encoding (bytes into its ``buffer`` when it has one);
    ``stdin`` is read as bytes (from its ``buffer`` when it has one; a text stream is taken as
    UTF-8).
    """
    out_stream = out or sys.stdout
    writers = (_Utf8(out_stream, _replaced), _Utf8(err or sys.stderr, _escaped))
    write_out, write_err = writers
    parser = _parser(writers)
    try:
        try:
            args = parser.parse_args(argv)
        except SystemExit as exit_:
            return int(exit_.code or 0)
        if argv is None:
            _utf8_arguments(args)
        args.stdin = sys.stdin if stdin is None else stdin
        with _scoped_registrations():
            for path in [*args.calendar, *args.calendar_after]:
                years = register_schedule_file(path)
                shown_years = ", ".join(str(y) for y in years) or "no year"
                write_err.write(f"nmgpolicy: working days of {shown_years} from {path}\n")
            return int(args.handler(args, write_out, write_err))
    except BrokenPipeError:  # `nmgpolicy rules | head`: the reader has had enough
        if out_stream is sys.stdout:
            _silence_stdout()
        return 0
    except InputError as error:
        write_err.write(f"nmgpolicy: {error}\n")
        return 2
    except CalendarNotCovered as error:
        write_err.write(
            f"nmgpolicy: {type(error).__name__}: {error}; or, without Python, transcribe the "
            f"notice into a schedule file and pass --calendar FILE or set NMGPOLICY_CALENDAR "
            f"(format: docs/calendar.md)\n"
        )
        return 2
    except NmgPolicyError as error:
        write_err.write(f"nmgpolicy: {type(error).__name__}: {error}\n")
        return 2


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
