"""The command line under attack (issue #10): valid UTF-8 out whatever the console, bounded and
uniform reading in, and nothing but a message and exit status 2 for any bad input.

Each case runs twice where it matters: in-process, through ``main(argv)`` with byte streams
whose own encoding is ASCII (so that writing through their text layer would fail), and as a
subprocess ``python -m nmgpolicy`` with real pipes and environment variables.
"""

from __future__ import annotations

import copy
import io
import json
import os
import random
import subprocess
import sys
import time
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from nmgpolicy import cli, limits
from nmgpolicy.cli import main
from nmgpolicy.engine import get_ruleset, rulesets
from tests.clock import Stopwatch

EXAMPLES = Path(__file__).resolve().parents[1] / "examples"
LIMIT = limits.MAX_INPUT_BYTES


def _stream(data: bytes = b"", encoding: str = "ascii") -> io.TextIOWrapper:
    """A text stream over bytes that cannot encode anything but ASCII by itself."""
    return io.TextIOWrapper(io.BytesIO(data), encoding=encoding, errors="strict")


def run(argv: Sequence[str], stdin: bytes | str | None = None) -> tuple[int, bytes, bytes]:
    """``main(argv)`` in-process; returns the exit status and the bytes written."""
    out, err = _stream(), _stream()
    source = io.StringIO(stdin) if isinstance(stdin, str) else _stream(stdin or b"")
    code = main(list(argv), out=out, err=err, stdin=source)
    out.flush()
    err.flush()
    assert isinstance(out.buffer, io.BytesIO) and isinstance(err.buffer, io.BytesIO)
    return code, out.buffer.getvalue(), err.buffer.getvalue()


def proc(
    argv: Sequence[str],
    data: bytes | None = None,
    env: Mapping[str, str] | None = None,
    timeout: float = 60,
    **kwargs: Any,
) -> subprocess.CompletedProcess[bytes]:
    """``python -m nmgpolicy argv`` with real byte pipes and extra environment variables."""
    environment = {**os.environ, **(env or {})}
    environment.pop("NMGPOLICY_CALENDAR", None)
    if data is not None:
        kwargs["input"] = data
    return subprocess.run(
        [sys.executable, "-m", "nmgpolicy", *argv],
        capture_output=True,
        env=environment,
        timeout=timeout,
        check=False,
        **kwargs,
    )


def both(argv: Sequence[str], stdin: bytes | None = None) -> list[tuple[int, bytes, bytes]]:
    """The same command in-process and as a subprocess."""
    result = proc(argv, stdin)
    return [run(argv, stdin), (result.returncode, result.stdout, result.stderr)]


def utf8(data: bytes) -> str:
    """Strictly decoded: fails the test on any byte sequence that is not UTF-8."""
    return data.decode("utf-8", errors="strict")


def clean(err: bytes) -> str:
    text = utf8(err)
    assert "Traceback" not in text
    return text


def facts(folder: str, name: str) -> Any:
    return json.loads((EXAMPLES / folder / name).read_text(encoding="utf-8"))


def cluster_named(name: str) -> bytes:
    data = facts("cluster", "eligible.json")
    data["name"] = name
    return json.dumps(data).encode("ascii")  # "\ud800" travels as a JSON escape


def ferroalloy_with_unit(unit: str) -> bytes:
    data = facts("ferroalloy", "compliant_plan.json")
    data["retired"][0]["id"] = unit
    return json.dumps(data).encode("ascii")


CLUSTER = ("evaluate", "cluster", "-", "--on", "2025-06-01")
FERRO = ("evaluate", "ferroalloy", "-", "--on", "2026-03-02")
DISCLOSURE = ("evaluate", "disclosure", "-", "--on", "2026-12-02")
FOI = b'{"item": "foi-basics", "formed_on": "2026-11-30"}'


# -- 1. output is valid UTF-8: lone surrogates escaped in JSON, replaced in text ----------------


@pytest.mark.parametrize("code_point", [0xD800, 0xDCFF, 0xDFFF], ids=hex)
def test_lone_surrogate_in_a_name_is_escaped_in_json(code_point: int) -> None:
    surrogate = chr(code_point)
    stdin = cluster_named(f"包头{surrogate}集群")
    for code, out, err in both([*CLUSTER, "--format", "json"], stdin):
        assert code == 0, err
        text = utf8(out)
        assert f'"name": "包头\\u{code_point:04x}集群"' in text  # escaped, CJK kept as is
        assert json.loads(text)["results"]["name"] == f"包头{surrogate}集群"  # round trip
        clean(err)


@pytest.mark.parametrize("fmt", ["text", "markdown"])
@pytest.mark.parametrize("code_point", [0xD800, 0xDCFF], ids=hex)
def test_lone_surrogate_is_replaced_in_text_and_markdown(fmt: str, code_point: int) -> None:
    surrogate = chr(code_point)
    stdin = ferroalloy_with_unit(f"1#炉{surrogate}")
    for code, out, err in both([*FERRO, "--format", fmt, "--lang", "en"], stdin):
        assert code == 0, err
        text = utf8(out)
        assert "1#炉\ufffd" in text
        clean(err)


def test_surrogates_in_json_keep_pairs_and_other_characters() -> None:
    # Only lone surrogates are escaped; astral characters and CJK are written as UTF-8.
    stdin = cluster_named('😀 包头 \ud83d \ude00 \\ "q"')
    code, out, _ = run([*CLUSTER, "--format", "json"], stdin)
    assert code == 0
    text = utf8(out)
    assert "😀 包头 \\ud83d \\ude00" in text
    assert json.loads(text)["results"]["name"] == '😀 包头 \ud83d \ude00 \\ "q"'


def test_lone_surrogate_in_an_error_message_is_valid_utf8() -> None:
    stdin = b'{"item": "foi-basics", "formed_on": "2026-11-30", "\\udcff\\ud800": 1}'
    code, out, err = run(DISCLOSURE, stdin)
    assert (code, out) == (2, b"")
    assert "$.\\udcff\\ud800: unknown key" in clean(err)
    result = proc(DISCLOSURE, stdin)
    assert result.returncode == 2
    assert "unknown key" in clean(result.stderr)


def test_undecodable_file_name_in_an_error_message(tmp_path: Path) -> None:
    # On POSIX, a file name that is not UTF-8 reaches argv as surrogate escapes.
    name = os.fsdecode(b"\xff\xfe.json")
    code, _, err = run(["evaluate", "disclosure", str(tmp_path / name)])
    assert code == 2
    assert "\\udcff\\udcfe.json" in clean(err)


# -- 2. any console encoding ---------------------------------------------------------------------

ASCII_CONSOLES = [
    {"PYTHONIOENCODING": "ascii"},
    {"PYTHONIOENCODING": "ascii:strict"},
    {"PYTHONIOENCODING": "latin-1"},
    {"LC_ALL": "C", "LANG": "C", "PYTHONUTF8": "0", "PYTHONCOERCECLOCALE": "0"},
    {"LC_ALL": "POSIX", "PYTHONUTF8": "0", "PYTHONCOERCECLOCALE": "0"},
]


@pytest.mark.parametrize(
    "env", ASCII_CONSOLES, ids=lambda e: ",".join(f"{k}={v}" for k, v in e.items())
)
@pytest.mark.parametrize(
    ("argv", "stdin", "needle"),
    [
        ((*DISCLOSURE,), FOI, "符合条件"),
        ((*DISCLOSURE, "--format", "json"), FOI, '"status": "eligible"'),
        ((*DISCLOSURE, "--format", "markdown"), FOI, "符合"),
        (("rules", "disclosure"), None, "第二十六条"),
        (("deadline", "2025-09-26", "20个工作日", "-v"), None, "2025-10-30"),
        (("catalog",), None, "民爆和煤炭管理科"),
        (("catalog", "--format", "json"), None, "民爆和煤炭管理科"),
        (("schema", "cluster"), None, '"$schema"'),
        (("demo",), None, "0 mismatches"),
        (("--help",), None, "民法典"),
        (("deadline", "--help"), None, "个工作日"),
    ],
)
def test_any_console_encoding_gives_utf8(
    env: dict[str, str], argv: tuple[str, ...], stdin: bytes | None, needle: str
) -> None:
    result = proc(argv, stdin, env)
    assert result.returncode == 0, result.stderr
    assert needle in utf8(result.stdout)
    clean(result.stderr)


@pytest.mark.parametrize("env", ASCII_CONSOLES[:2] + ASCII_CONSOLES[3:4])
def test_any_console_encoding_error_messages(env: dict[str, str]) -> None:
    bad = b'{"item": "\xe6\x9c\xaa\xe7\x9f\xa5", "formed_on": "2026-11-30"}'  # "未知"
    result = proc(DISCLOSURE, bad, env)
    assert result.returncode == 2
    assert "未知" in clean(result.stderr)
    result = proc(("deadline", "2026-03-01", "不知道"), None, env)
    assert result.returncode == 2
    assert "'不知道'" in clean(result.stderr)
    result = proc(("evaluate", "disclosure", "-"), FOI, env)  # "evaluated on …" note
    assert result.returncode == 0
    assert "today in China" in clean(result.stderr)
    result = proc(("evaluate", "--format", "yaml"), None, env)  # an argparse error
    assert result.returncode == 2
    assert "usage: nmgpolicy" in clean(result.stderr)


def test_arguments_are_utf8_under_an_ascii_locale() -> None:
    # LC_ALL=C with UTF-8 mode off: Python hands the argument bytes over as surrogate escapes.
    env = {"LC_ALL": "C", "LANG": "C", "PYTHONUTF8": "0", "PYTHONCOERCECLOCALE": "0"}
    result = proc(("deadline", "2025-09-26", "20个工作日"), None, env)
    assert (result.returncode, result.stdout) == (0, b"2025-10-30\n"), result.stderr
    late = (EXAMPLES / "disclosure" / "budget_published_late.json").read_bytes()
    argv = ("evaluate", "disclosure", "-", "--on", "2026-03-02", "--format", "json")
    result = proc((*argv, "--param", "budget_law_period=40日"), late, env)
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout)["overrides"] == {"budget_law_period": "40日"}


def test_arguments_are_redecoded_only_under_an_ascii_locale(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    escaped = os.fsencode("20个工作日").decode("ascii", "surrogateescape")
    monkeypatch.setattr(sys, "argv", ["nmgpolicy", "deadline", "2025-09-26", escaped])
    monkeypatch.setattr(sys, "getfilesystemencoding", lambda: "ascii")
    out, err = io.StringIO(), io.StringIO()
    assert main(out=out, err=err) == 0, err.getvalue()
    assert out.getvalue() == "2025-10-30\n"
    monkeypatch.setattr(
        sys, "argv", ["nmgpolicy", "evaluate", "disclosure", "-", "--param", f"x={escaped}"]
    )
    out, err = io.StringIO(), io.StringIO()
    assert main(out=out, err=err, stdin=io.StringIO("{}")) == 2
    assert "$.parameters.x" in err.getvalue()
    monkeypatch.setattr(sys, "getfilesystemencoding", lambda: "utf-8")  # left as they are
    monkeypatch.setattr(sys, "argv", ["nmgpolicy", "deadline", "2025-09-26", escaped])
    out, err = io.StringIO(), io.StringIO()
    assert main(out=out, err=err) == 2
    assert "\\udce4" in err.getvalue()


def test_in_process_streams_that_cannot_encode() -> None:
    # Given streams with a binary buffer, main writes UTF-8 to the buffer, whatever their
    # encoding; given plain text streams (no buffer), it writes text free of lone surrogates.
    code, out, err = run([*DISCLOSURE, "--lang", "zh"], FOI)
    assert code == 0
    assert "符合条件" in utf8(out)
    assert err == b""
    text_out, text_err = io.StringIO(), io.StringIO()
    code = main(
        [*FERRO, "--format", "markdown"],
        out=text_out,
        err=text_err,
        stdin=io.BytesIO(ferroalloy_with_unit("1#\ud800")),
    )
    assert code == 0
    assert "1#\ufffd" in text_out.getvalue()
    text_out.getvalue().encode("utf-8")  # no lone surrogate left


def test_help_goes_to_the_given_stream() -> None:
    code, out, err = run(["--help"])
    assert code == 0
    assert "民法典" in utf8(out)
    assert err == b""
    code, out, err = run(["evaluate", "--format", "yaml"])
    assert code == 2
    assert out == b""
    assert "invalid choice" in clean(err)


# -- 3. bounded reading; only regular files ------------------------------------------------------


def test_the_limit_is_the_documented_one() -> None:
    assert LIMIT == limits.BUDGET.max_input_bytes == 1_000_000
    doc = (Path(__file__).resolve().parents[1] / "docs" / "robustness.md").read_text("utf-8")
    assert "## Command line" in doc
    assert f"`nmgpolicy.limits.MAX_INPUT_BYTES` = {LIMIT:,} bytes" in doc


def test_dev_zero_as_the_facts_file_is_refused() -> None:
    if not os.path.exists("/dev/zero"):  # pragma: no cover - POSIX only
        pytest.skip("no /dev/zero")
    code, out, err = run(["evaluate", "disclosure", "/dev/zero"])
    assert (code, out) == (2, b"")
    assert "/dev/zero is not a regular file" in clean(err)
    started = time.perf_counter()
    result = proc(("evaluate", "disclosure", "/dev/zero"), timeout=30)
    assert time.perf_counter() - started < 10
    assert result.returncode == 2
    assert "not a regular file" in clean(result.stderr)


def test_dev_zero_on_stdin_is_read_only_to_the_limit() -> None:
    if not os.path.exists("/dev/zero"):  # pragma: no cover - POSIX only
        pytest.skip("no /dev/zero")
    with open("/dev/zero", "rb") as zero:
        result = proc(("evaluate", "disclosure", "-"), timeout=30, stdin=zero)
    assert result.returncode == 2
    message = clean(result.stderr)
    assert f"more than {LIMIT:,} bytes" in message


@pytest.mark.parametrize("size", [LIMIT, LIMIT + 1, 3 * LIMIT])
def test_input_over_the_limit_is_refused(tmp_path: Path, size: int) -> None:
    document = FOI + b" " * (size - len(FOI))
    path = tmp_path / "big.json"
    path.write_bytes(document)
    for argv, stdin in (
        (["evaluate", "disclosure", str(path), "--on", "2026-12-02"], None),
        ([*DISCLOSURE], document),
    ):
        code, out, err = run(argv, stdin)
        if size <= LIMIT:
            assert code == 0, err
            assert "符合条件" in utf8(out)
        else:
            assert (code, out) == (2, b"")
            assert f"more than {LIMIT:,} bytes" in clean(err)
    code, _, err = run([*DISCLOSURE], document.decode("ascii"))  # a text stream: same rule
    assert code == (0 if size <= LIMIT else 2), err


def test_a_fifo_is_refused_without_waiting_for_a_writer(tmp_path: Path) -> None:
    if not hasattr(os, "mkfifo"):  # pragma: no cover - POSIX only
        pytest.skip("no FIFOs")
    fifo = tmp_path / "facts.json"
    os.mkfifo(fifo)
    code, out, err = run(["evaluate", "disclosure", str(fifo)])  # no writer: open must not block
    assert (code, out) == (2, b"")
    assert "is not a regular file" in clean(err)
    assert "standard input" in utf8(err)  # says what to do instead


def test_a_directory_is_refused(tmp_path: Path) -> None:
    code, out, err = run(["evaluate", "disclosure", str(tmp_path)])
    assert (code, out) == (2, b"")
    assert "is not a regular file" in clean(err)
    code, _, err = run(["catalog", "--file", str(tmp_path)])
    assert code == 2
    assert "is not a regular file" in clean(err)


def test_a_missing_file(tmp_path: Path) -> None:
    code, _, err = run(["evaluate", "disclosure", str(tmp_path / "nope.json")])
    assert code == 2
    assert "cannot read" in clean(err)
    assert "No such file or directory" in utf8(err)


def test_an_unreadable_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "secret.json"
    path.write_bytes(FOI)
    if hasattr(os, "geteuid") and os.geteuid() != 0:  # pragma: no cover - root reads anything
        path.chmod(0)
        code, _, err = run(["evaluate", "disclosure", str(path)])
        assert code == 2
        assert "Permission denied" in clean(err)

    def refuse(*args: Any, **kwargs: Any) -> int:
        raise PermissionError(13, "Permission denied", str(path))

    monkeypatch.setattr(os, "open", refuse)
    code, _, err = run(["evaluate", "disclosure", str(path)])
    assert code == 2
    assert "cannot read" in clean(err)
    assert "Permission denied" in utf8(err)


def test_a_read_error(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "f.json"
    path.write_bytes(FOI)

    def fail(*args: Any) -> bytes:
        raise OSError(5, "Input/output error")

    monkeypatch.setattr(os, "read", fail)
    code, _, err = run(["evaluate", "disclosure", str(path)])
    assert code == 2
    assert "Input/output error" in clean(err)

    class Broken(io.RawIOBase):
        def readable(self) -> bool:
            return True

        def readinto(self, buffer: Any) -> int:
            raise OSError(5, "Input/output error")

    code, _, err = run_with_stdin(DISCLOSURE, io.BufferedReader(Broken()))
    assert code == 2
    assert "cannot read standard input" in clean(err)


def run_with_stdin(argv: Sequence[str], stdin: Any) -> tuple[int, bytes, bytes]:
    out, err = _stream(), _stream()
    code = main(list(argv), out=out, err=err, stdin=stdin)
    out.flush()
    err.flush()
    assert isinstance(out.buffer, io.BytesIO) and isinstance(err.buffer, io.BytesIO)
    return code, out.buffer.getvalue(), err.buffer.getvalue()


def test_no_or_a_closed_standard_input(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sys, "stdin", None)
    code, _, err = run_with_stdin(DISCLOSURE, None)
    assert code == 2
    assert "cannot read standard input: there is none" in clean(err)
    closed = io.BytesIO(FOI)
    closed.close()
    code, _, err = run_with_stdin(DISCLOSURE, closed)
    assert code == 2
    assert "cannot read standard input" in clean(err)


def test_a_nul_in_a_file_name() -> None:
    code, _, err = run(["evaluate", "disclosure", "a\0b.json"])
    assert code == 2
    assert "cannot read" in clean(err)


def test_catalog_file_is_read_with_the_same_bounds(tmp_path: Path) -> None:
    big = tmp_path / "big.tsv"
    big.write_bytes(b"x" * (LIMIT + 1))
    code, _, err = run(["catalog", "--file", str(big)])
    assert code == 2
    assert f"more than {LIMIT:,} bytes" in clean(err)
    code, _, err = run(["catalog", "--file", str(tmp_path / "none.tsv")])
    assert code == 2
    assert "$.path" in clean(err)


# -- 4. one decoding rule for standard input and files: strict UTF-8, a BOM allowed --------------

INVALID_UTF8 = [
    (b'{"item": "foi-basics\xff", "formed_on": "2026-11-30"}', 20),
    (b'{"item": "\xed\xa0\x80"}', 10),  # an encoded lone surrogate is not UTF-8
    (b'{"item": "\xc0\xaf"}', 10),  # overlong
    (b'{"item": "\xe5\x8c"}', 10),  # truncated
    (b"\xff\xfe{\x00}\x00", 0),  # UTF-16
]


@pytest.mark.parametrize(("data", "offset"), INVALID_UTF8)
def test_invalid_utf8_is_refused_on_stdin_and_in_files(
    tmp_path: Path, data: bytes, offset: int
) -> None:
    path = tmp_path / "bad.json"
    path.write_bytes(data)
    messages = []
    for argv, stdin in (
        (["evaluate", "disclosure", str(path), "--on", "2026-12-02"], None),
        ([*DISCLOSURE], data),
    ):
        code, out, err = run(argv, stdin)
        assert (code, out) == (2, b"")
        messages.append(clean(err))
        result = proc(argv, data if stdin else None)
        assert result.returncode == 2
        assert clean(result.stderr) == messages[-1]
    for message in messages:
        assert f"is not UTF-8: invalid byte at offset {offset}" in message
    assert messages[0].replace(str(path), "-") == messages[1].replace("standard input", "-")


def test_a_text_stdin_with_a_lone_surrogate_follows_the_same_rule() -> None:
    code, _, err = run(DISCLOSURE, '{"item": "\ud800"}')
    assert code == 2
    assert "is not UTF-8: invalid byte at offset 10" in clean(err)


@pytest.mark.parametrize("source", ["file", "stdin"])
def test_a_utf8_bom_is_accepted(tmp_path: Path, source: str) -> None:
    data = b"\xef\xbb\xbf" + FOI
    path = tmp_path / "bom.json"
    path.write_bytes(data)
    if source == "file":
        code, out, err = run(["evaluate", "disclosure", str(path), "--on", "2026-12-02"])
    else:
        code, out, err = run(DISCLOSURE, data)
    assert code == 0, err
    assert "符合条件" in utf8(out)
    code, _, err = run(DISCLOSURE, b"\xef\xbb\xbf" * 2 + FOI)  # one BOM, not two
    assert code == 2
    assert "not valid JSON" in clean(err)


def test_utf8_text_is_read_as_utf8_whatever_the_locale() -> None:
    data = b'{"item": "\xe6\x9c\xaa\xe7\x9f\xa5", "formed_on": "2026-11-30"}'
    result = proc(DISCLOSURE, data, {"LC_ALL": "C", "PYTHONUTF8": "0", "PYTHONCOERCECLOCALE": "0"})
    assert result.returncode == 2
    assert "unknown item '未知'" in clean(result.stderr)


# -- 5. any bad JSON: a message and exit status 2 ------------------------------------------------


@pytest.mark.parametrize(
    ("document", "needle"),
    [
        (b"[" * 100_000 + b"]" * 100_000, "nested too deeply"),
        (b'{"a": ' * 100_000 + b"1" + b"}" * 100_000, "nested too deeply"),
        (b"1" * 5000, "expected a JSON object"),
        # long integers reach the input budget, which refuses them at their path
        (b'{"item": ' + b"9" * 5000 + b"}", "$.item: a number of"),
        (b'{"item": -' + b"9" * 5000 + b"}", "$.item: a number of"),
        (b'{"item": ' + b"9" * 600 + b"}", "$.item: a number of"),
        # decimals are read as their exact text (here, where a text is expected: not an item)
        (b'{"item": 1e999999999}', "$.item: unknown item '1e999999999'"),
        (b'{"item": -0.0}', "$.item: unknown item '-0.0'"),
        (b"[1]", "expected a JSON object"),
        (b'"foi-basics"', "expected a JSON object"),
        (b"null", "expected a JSON object"),
        (b"", "not valid JSON"),
        (b"   ", "not valid JSON"),
        (b"{} {}", "not valid JSON"),
        (b"{'item': 1}", "not valid JSON"),
        (b'{"item": "foi-basics", "item": "proposals"}', "duplicate key 'item'"),
        (b'{"item": "x", "a": {"b": 1, "b": 2}}', "duplicate key 'b'"),
        (b'{"item": NaN}', "NaN is not JSON"),
        (b'{"item": Infinity}', "Infinity is not JSON"),
        (b'{"item": -Infinity}', "-Infinity is not JSON"),
        (b"NaN", "NaN is not JSON"),
        (b'{"item": "\\ud800"}', "unknown item"),
        (b'{"item": "\\u0000"}', "unknown item"),
    ],
)
def test_bad_json_is_a_message_and_exit_2(tmp_path: Path, document: bytes, needle: str) -> None:
    path = tmp_path / "f.json"
    path.write_bytes(document)
    for argv, stdin in (
        (["evaluate", "disclosure", str(path), "--on", "2026-12-02"], None),
        ([*DISCLOSURE], document),
    ):
        code, out, err = run(argv, stdin)
        assert (code, out) == (2, b""), err
        assert needle in clean(err)


def test_bad_json_in_a_subprocess() -> None:
    for document in (b"[" * 100_000 + b"]" * 100_000, b"9" * 5000, b'{"a": NaN}', b'{"a":1,"a":1}'):
        result = proc(DISCLOSURE, document)
        assert result.returncode == 2
        assert result.stdout == b""
        clean(result.stderr)


def test_big_numbers_are_refused_whatever_the_int_limit() -> None:
    # PYTHONINTMAXSTRDIGITS=0 lifts Python's own limit: the CLI's still applies, at once.
    document = b'{"item": ' + b"9" * 500_000 + b"}"
    started = time.perf_counter()
    result = proc(DISCLOSURE, document, {"PYTHONINTMAXSTRDIGITS": "0"})
    assert time.perf_counter() - started < 10
    assert result.returncode == 2
    assert "$.item: a number of" in clean(result.stderr)


@pytest.mark.parametrize(
    ("ruleset", "param"),
    [
        ("cluster", "min_patent_density=1e-999999999"),
        ("cluster", "min_annual_output=1e999999999"),
        ("cluster", "recent_years=" + "9" * 5000),
        ("cluster", "recent_years=" + "9" * 4000),
        ("cluster", "max_area=NaN"),
        ("cluster", "max_area=Infinity"),
        ("cluster", "max_area=-1平方公里"),
        ("disclosure", "default_period=" + "9" * 5000 + "日"),
        ("disclosure", "default_period=[[[[[[[[[[]]]]]]]]]]"),
        ("disclosure", "default_period=" + "[" * 100_000),
        ("disclosure", "default_period=\ud800"),
        ("ferroalloy", "ratio_small=1e999999999"),
        ("first_set", "validity_period=99999999年"),
    ],
)
def test_absurd_parameters_are_bad_input(ruleset: str, param: str) -> None:
    stdin = {
        "cluster": (EXAMPLES / "cluster" / "eligible.json").read_bytes(),
        "disclosure": FOI,
        "ferroalloy": (EXAMPLES / "ferroalloy" / "compliant_plan.json").read_bytes(),
        "first_set": (EXAMPLES / "first_set" / "eligible_complete_set.json").read_bytes(),
    }[ruleset]
    name = param.partition("=")[0]
    started = Stopwatch()
    code, out, err = run(["evaluate", ruleset, "-", "--on", "2025-06-01", "--param", param], stdin)
    assert started.seconds < 5
    assert (code, out) == (2, b""), out
    assert f"$.parameters.{name}" in clean(err)


def test_absurd_parameter_in_a_subprocess_does_not_hang() -> None:
    stdin = (EXAMPLES / "cluster" / "eligible.json").read_bytes()
    result = proc(
        (
            "evaluate",
            "cluster",
            "-",
            "--on",
            "2025-06-01",
            "--param",
            "min_patent_density=1e-999999999",
        ),
        stdin,
        timeout=30,
    )
    assert result.returncode == 2
    assert "$.parameters.min_patent_density" in clean(result.stderr)


def test_parameter_values_follow_the_json_rules() -> None:
    # JSON where it parses (numbers stay exact: floats as decimal text), else the raw text.
    assert cli._parse_param("a=1.10") == ("a", "1.10")
    assert cli._parse_param("a=60%") == ("a", "60%")
    assert cli._parse_param("a=NaN") == ("a", "NaN")  # not JSON: passed on as text
    assert cli._parse_param('a={"x": 1, "x": 2}') == ("a", '{"x": 1, "x": 2}')
    assert cli._parse_param("a=[1, 2]") == ("a", [1, 2])


# -- fuzz: random bytes and random JSON into every rule set, in-process -------------------------

FUZZ = int(os.environ.get("NMGPOLICY_FUZZ", "0") or 0)

JSON_LEAVES = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(min_value=-(10**30), max_value=10**30),
    st.text(max_size=20),
    st.sampled_from(
        ["2026-03-02", "60%", "20万吨", "15亿元", "1e999999", "-0", "3000kVA", "\ud800"]
    ),
)
JSON_VALUES = st.recursive(
    JSON_LEAVES,
    lambda children: (
        st.lists(children, max_size=4) | st.dictionaries(st.text(max_size=12), children, max_size=4)
    ),
    max_leaves=20,
)


def _assert_clean_run(
    ruleset: str, data: bytes, on: str = "2025-06-01", params: Sequence[str] = ()
) -> int:
    argv = ["evaluate", ruleset, "-", "--on", on, "--format", "json"]
    for param in params:
        argv += ["--param", param]
    code, out, err = run(argv, data)
    assert code in {0, 2}, (code, err)
    utf8(out)
    text = utf8(err)
    assert "Traceback" not in text
    if code == 0:
        json.loads(out)
    else:
        assert out == b"" and text.startswith("nmgpolicy: ")
    return code


@settings(max_examples=max(FUZZ, 60))
@given(st.sampled_from(sorted(rulesets())), st.binary(max_size=200))
def test_fuzz_random_bytes(ruleset: str, data: bytes) -> None:
    _assert_clean_run(ruleset, data)


@settings(max_examples=max(FUZZ, 60))
@given(st.sampled_from(sorted(rulesets())), JSON_VALUES)
def test_fuzz_random_json(ruleset: str, value: object) -> None:
    _assert_clean_run(ruleset, json.dumps(value).encode("ascii"))


JUNK: list[Any] = [None, True, -1, 0, 10**40, "", "\ud800", "nan", [], {}, "1e999999", [[[]]]]
JUNK_TEXT = ["NaN", "-1", "1e999999999", "1e-999999999", "9" * 60, "[]", "{}", "\ud800", "x"]


def _mutant(document: Any, rng: random.Random) -> Any:
    """A bundled example with one value, at any depth, swapped for junk."""
    mutated = copy.deepcopy(document)
    node = mutated
    while isinstance(node, dict | list) and node:
        key: Any = rng.choice(sorted(node)) if isinstance(node, dict) else rng.randrange(len(node))
        if rng.random() < 0.4 or not isinstance(node[key], dict | list):
            node[key] = rng.choice(JUNK)
            break
        node = node[key]
    return mutated


def _mangled(data: bytes, rng: random.Random) -> bytes:
    """The bytes of a bundled example with a few bytes changed, dropped or inserted."""
    buffer = bytearray(data)
    for _ in range(rng.randint(1, 4)):
        at = rng.randrange(len(buffer))
        action = rng.randrange(3)
        if action == 0:
            buffer[at] = rng.randrange(256)
        elif action == 1:
            del buffer[at]
        else:
            buffer.insert(at, rng.choice(b'{}[]",:0\\\xff\xed'))
    return bytes(buffer)


def test_fuzz_mutated_examples() -> None:
    rng = random.Random(10)
    cases = cli.example_cases()
    loaded: dict[str, Any] = {r: get_ruleset(r) for r in rulesets()}
    names = {r: sorted(each.data.parameters) for r, each in loaded.items()}
    codes = {0: 0, 2: 0}
    for _ in range(max(FUZZ, 300)):
        ruleset, _, document, on, _ = rng.choice(cases)
        if rng.random() < 0.5:
            data = json.dumps(_mutant(document, rng)).encode("ascii")
        else:
            data = _mangled(json.dumps(document, ensure_ascii=False).encode("utf-8"), rng)
        params = []
        if rng.random() < 0.3:
            params.append(f"{rng.choice(names[ruleset])}={rng.choice(JUNK_TEXT)}")
        codes[_assert_clean_run(ruleset, data, on.isoformat(), params)] += 1
    assert codes[0] and codes[2]  # both outcomes reached: the fuzz is not all rejects


def test_the_examples_still_pass_through_byte_streams() -> None:
    code, out, err = run(["demo"])
    assert code == 0, err
    assert utf8(out).rstrip().endswith("0 mismatches")


def test_a_closed_pipe_on_the_real_stdout(monkeypatch: pytest.MonkeyPatch) -> None:
    class Closed(io.RawIOBase):
        def writable(self) -> bool:
            return True

        def write(self, data: Any) -> int:
            raise BrokenPipeError

    silenced: list[bool] = []
    monkeypatch.setattr(sys, "stdout", io.TextIOWrapper(io.BufferedWriter(Closed())))
    monkeypatch.setattr(cli, "_silence_stdout", lambda: silenced.append(True))
    assert main(["rules"], err=io.StringIO()) == 0
    assert silenced == [True]
