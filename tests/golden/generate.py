"""The golden corpus: write it (``--write``) or check the library against it (``--check``).

::

    python -m tests.golden.generate --write          # rebuild spec.json and every corpus file
    python -m tests.golden.generate --write --keep-spec   # outputs again, facts unchanged
    python -m tests.golden.generate --check          # what tests/test_golden.py does
    python -m tests.golden.generate --check --every 7 --rulesets cluster,ferroalloy

See ``tests/golden/README.md`` for the design and for the rule on changing a digest.
"""

from __future__ import annotations

import argparse
import concurrent.futures
import copy
import datetime as dt
import difflib
import hashlib
import json
import lzma
import multiprocessing
import os
import re
import resource
import sys
import time
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path
from typing import Any

from tests.golden import cases

HERE = Path(__file__).resolve().parent
SPEC = HERE / "spec.json"

SEED = "nmgpolicy-golden-1"
"""The seed: case ``i`` of rule set ``R`` is built from ``random.Random(f"{SEED}/{R}/{i}")``."""

COUNT = 5000
"""Fact sets per rule set."""

FULL_EVERY = 20
"""Every this many cases (``i % FULL_EVERY == 0``) the record keeps the facts and full outputs."""

FORMAT = 1
"""The corpus file format (the header's ``format``)."""

VOLATILE_FIELDS: tuple[tuple[str, ...], ...] = ()
"""Fields of ``Decision.to_dict()`` that :func:`canonical` drops before the digest: fields added
on purpose after the corpus was frozen (a library or data version, a timestamp). A path is a
tuple of keys from the top of ``to_dict()``; ``"*"`` stands for every item of a list or every
value of a mapping, e.g. ``("findings", "*", "trace")``. None yet: add one here, with the
reason in README.md ("Deliberate changes"), when such a field is introduced."""

VOLATILE_EXPLAIN_LINES: tuple[str, ...] = ()
"""Regular expressions of ``explain("zh")`` lines that :func:`canonical_explain` drops (a line
added on purpose that shows a version, say). None yet; same rule as :data:`VOLATILE_FIELDS`."""

ENV_VARIABLES = ("NMGPOLICY_CALENDAR",)
"""Environment variables that change answers; the workers run without them."""


# ------------------------------------------------------------------------------------------
# Canonical forms and digests


def dumps(value: object) -> str:
    """The canonical JSON text digests are taken of."""
    return json.dumps(value, sort_keys=True, ensure_ascii=False, separators=(",", ":"))


def digest(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def _drop(value: Any, path: Sequence[str]) -> None:
    if not path:
        return
    head, rest = path[0], path[1:]
    if head == "*":
        children = list(value.values()) if isinstance(value, dict) else value
        if isinstance(children, list):
            for child in children:
                if rest:
                    _drop(child, rest)
        return
    if isinstance(value, dict) and head in value:
        if rest:
            _drop(value[head], rest)
        else:
            del value[head]


def canonical(decision_dict: Mapping[str, Any]) -> dict[str, Any]:
    """``Decision.to_dict()`` without the :data:`VOLATILE_FIELDS` (a copy; the input is kept)."""
    if not VOLATILE_FIELDS:
        return dict(decision_dict)
    out = copy.deepcopy(dict(decision_dict))
    for path in VOLATILE_FIELDS:
        _drop(out, path)
    return out


def canonical_explain(text: str) -> str:
    """``Decision.explain("zh")`` without the lines matching :data:`VOLATILE_EXPLAIN_LINES`."""
    if not VOLATILE_EXPLAIN_LINES:
        return text
    patterns = [re.compile(p) for p in VOLATILE_EXPLAIN_LINES]
    lines = text.split("\n")
    return "\n".join(line for line in lines if not any(p.search(line) for p in patterns))


def input_digest(case: Mapping[str, Any]) -> str:
    """16 hex digits identifying the regenerated input (facts, date, overrides)."""
    body = {"facts": case["facts"], "on": case["on"], "parameters": case["parameters"]}
    return digest(dumps(body))[:16]


# ------------------------------------------------------------------------------------------
# Evaluating one case


def evaluate(ruleset: str, case: Mapping[str, Any], full: bool) -> dict[str, Any]:
    """The golden record of one case (digests; with ``full``, the input and outputs too)."""
    import nmgpolicy
    from nmgpolicy.errors import InputError, NmgPolicyError

    facts = json.loads(json.dumps(case["facts"]))  # a private copy, JSON types only
    parameters = json.loads(json.dumps(case["parameters"]))
    record: dict[str, Any] = {"f": input_digest(case)}
    explained: str | None = None
    try:
        decision = nmgpolicy.evaluate(
            ruleset, facts, on=dt.date.fromisoformat(case["on"]), parameters=parameters
        )
        output = canonical(decision.to_dict())
        explained = canonical_explain(decision.explain("zh"))
    except InputError as error:
        problems = sorted([p.path, p.message] for p in error.problems)
        record.update(e="InputError", p=sorted(p for p, _ in problems), m=digest(dumps(problems)))
        output = error.to_dict()
    except NmgPolicyError as error:
        record.update(e=type(error).__name__, m=digest(str(error)))
        output = {"error": type(error).__name__, "message": str(error)}
    except Exception as error:  # a bug of the library: pinned too, marked with "!"
        record.update(e="!" + type(error).__name__, m=digest(str(error)))
        output = {"error": type(error).__name__, "message": str(error)}
    else:
        record.update(s=output.get("status"), o=digest(dumps(output)), x=digest(explained or ""))
    if full:
        record["input"] = {k: case[k] for k in ("facts", "on", "parameters")}
        record["output"] = output
        if explained is not None:
            record["explain"] = explained
    return record


# ------------------------------------------------------------------------------------------
# Workers (separate processes: a clean calendar, no state left by other tests)

_SPEC: dict[str, Any] = {}


def _init(spec_text: str) -> None:
    for name in ENV_VARIABLES:
        os.environ.pop(name, None)
    _SPEC.clear()
    _SPEC.update(json.loads(spec_text))


def _chunk(
    ruleset: str, indices: Sequence[int], seed: str, full_every: int
) -> list[tuple[int, dict[str, Any], list[str]]]:
    spec = _SPEC["rulesets"][ruleset]
    out = []
    for index in indices:
        case = cases.build(seed, ruleset, spec, index)
        record = evaluate(ruleset, case, full=index % full_every == 0)
        out.append((index, record, case["ops"]))
    return out


def _calendar_years() -> list[int]:
    """The years the working-day calendar covers (in a worker: as the cases saw it)."""
    from nmgpolicy import periods

    return sorted(periods.covered_years())


def jobs_default() -> int:
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # not on Linux
        return max(1, os.cpu_count() or 1)


def run(
    spec_text: str,
    work: Mapping[str, Sequence[int]],
    *,
    seed: str,
    full_every: int,
    jobs: int,
    chunk: int = 100,
) -> tuple[dict[str, dict[int, tuple[dict[str, Any], list[str]]]], list[int]]:
    """Build and evaluate the cases ``work`` names, in ``jobs`` fresh processes; the results
    by rule set and case, and the years the workers' working-day calendar covers."""
    results: dict[str, dict[int, tuple[dict[str, Any], list[str]]]] = {r: {} for r in work}
    context = multiprocessing.get_context("spawn")
    before = _children_cpu()
    with concurrent.futures.ProcessPoolExecutor(
        max_workers=jobs, mp_context=context, initializer=_init, initargs=(spec_text,)
    ) as pool:
        futures = [
            (ruleset, pool.submit(_chunk, ruleset, list(indices[i : i + chunk]), seed, full_every))
            for ruleset, indices in work.items()
            for i in range(0, len(indices), chunk)
        ]
        calendar = pool.submit(_calendar_years)
        for ruleset, future in futures:
            for index, record, ops in future.result():
                results[ruleset][index] = (record, ops)
        covered = calendar.result()
    LAST_RUN["cpu_seconds"] = round(_children_cpu() - before, 1)
    return results, covered


LAST_RUN: dict[str, float] = {}
"""The CPU time of the last :func:`run`'s workers (user + system), for the reports."""


def _children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


# ------------------------------------------------------------------------------------------
# Files


def corpus_path(ruleset: str, directory: Path = HERE) -> Path:
    return directory / f"{ruleset}.jsonl.xz"


def read_corpus(path: Path) -> tuple[dict[str, Any], dict[int, dict[str, Any]]]:
    """The header and the records (by case index) of one corpus file."""
    lines = lzma.decompress(path.read_bytes()).decode("utf-8").splitlines()
    header = json.loads(lines[0])
    records = {}
    for line in lines[1:]:
        record = json.loads(line)
        records[int(record["id"].rpartition("/")[2])] = record
    return header, records


def compress(text: str) -> bytes:
    """xz (LZMA2, preset 6, CRC64): the same bytes for the same text with the same liblzma.

    xz rather than gzip: the full records repeat citations and messages across records, which
    deflate's 32 KiB window cannot reach and LZMA's 8 MiB dictionary can (10x smaller)."""
    return lzma.compress(
        text.encode("utf-8"), format=lzma.FORMAT_XZ, check=lzma.CHECK_CRC64, preset=6
    )


def _write_bytes(path: Path, data: bytes) -> None:
    temporary = path.with_name(path.name + ".tmp")
    temporary.write_bytes(data)
    os.replace(temporary, path)


def _stats(entries: Iterable[tuple[dict[str, Any], list[str]]]) -> dict[str, Any]:
    outcomes: Counter[str] = Counter()
    ops: Counter[str] = Counter()
    for record, labels in entries:
        outcomes[record.get("s") or record.get("e") or "?"] += 1
        ops.update(labels)
    return {"outcomes": dict(sorted(outcomes.items())), "ops": dict(sorted(ops.items()))}


def write(
    directory: Path = HERE,
    *,
    keep_spec: bool = False,
    count: int = COUNT,
    full_every: int = FULL_EVERY,
    seed: str = SEED,
    jobs: int | None = None,
    quiet: bool = False,
) -> dict[str, Any]:
    """Rewrite ``spec.json`` (unless ``keep_spec``) and every rule set's corpus file."""
    spec_path = directory / "spec.json"
    if keep_spec:
        spec_text = spec_path.read_text(encoding="utf-8")
    else:
        from tests.golden import spec as spec_module

        spec_text = json.dumps(spec_module.build(), ensure_ascii=False, indent=1) + "\n"
    spec = json.loads(spec_text)
    rulesets = list(spec["rulesets"])
    work = {r: range(count) for r in rulesets}
    started = time.perf_counter()
    results, calendar = run(
        spec_text, work, seed=seed, full_every=full_every, jobs=jobs or jobs_default()
    )
    elapsed = time.perf_counter() - started
    summary: dict[str, Any] = {
        "seconds": round(elapsed, 1),
        "cpu_seconds": LAST_RUN.get("cpu_seconds"),
        "rulesets": {},
    }
    # Nothing is written before every case has been evaluated: a failed run leaves the old corpus.
    if not keep_spec:
        _write_bytes(spec_path, spec_text.encode("utf-8"))
    for stale in sorted(directory.glob("*.jsonl.xz")):
        if stale.name.removesuffix(".jsonl.xz") not in rulesets:
            stale.unlink()
    for ruleset in rulesets:
        entries = [results[ruleset][i] for i in range(count)]
        header = {
            "format": FORMAT,
            "ruleset": ruleset,
            "seed": seed,
            "count": count,
            "full_every": full_every,
            "spec_sha256": digest(spec_text),
            "volatile_fields": [list(p) for p in VOLATILE_FIELDS],
            "volatile_explain_lines": list(VOLATILE_EXPLAIN_LINES),
            "calendar_years": calendar,
            "stats": _stats(entries),
        }
        lines = [dumps(header)]
        for i, (record, _ops) in enumerate(entries):
            lines.append(dumps({"id": f"{ruleset}/{i:05d}", **record}))
        data = compress("\n".join(lines) + "\n")
        path = corpus_path(ruleset, directory)
        _write_bytes(path, data)
        summary["rulesets"][ruleset] = {
            "bytes": len(data),
            "full": sum(1 for r, _ in entries if "output" in r),
            **header["stats"],
        }
        if not quiet:
            print(f"{path.name}: {count} cases, {len(data):,} bytes, {header['stats']['outcomes']}")
    if not quiet:
        total = sum(p.stat().st_size for p in directory.iterdir() if p.is_file())
        print(
            f"wrote {len(rulesets)} rule sets in {elapsed:.1f} s "
            f"({summary['cpu_seconds']} s CPU in workers); {directory}: {total:,} bytes"
        )
    return summary


# ------------------------------------------------------------------------------------------
# Checking

COMPARED = ("f", "s", "o", "x", "e", "p", "m")


def selection(count: int, every: int, offset: int = 0) -> list[int]:
    """The cases checked: all of them (``every`` = 1) or every ``every``-th from ``offset``."""
    return [i for i in range(count) if i % every == offset % every]


def _pretty(value: object) -> list[str]:
    return json.dumps(value, ensure_ascii=False, indent=1, sort_keys=True).splitlines()


def describe(ruleset: str, index: int, stored: dict[str, Any], fresh: dict[str, Any]) -> str:
    """A report of one mismatch: id, what differs, the facts, and a diff of the output."""
    changed = [k for k in COMPARED if stored.get(k) != fresh.get(k)]
    lines = [f"--- {ruleset}/{index:05d} ({ruleset}): differs in {', '.join(changed)}"]
    if "f" in changed:
        lines.append(
            "    the input regenerated differently (generator or spec drift, not the library)"
        )
    lines.append("facts, date and overrides:")
    lines += ["    " + line for line in _pretty(fresh.get("input"))]
    if "output" in stored:
        lines.append("diff of the output (stored → now):")
        lines += [
            "    " + line
            for line in difflib.unified_diff(
                _pretty(stored["output"]),
                _pretty(fresh.get("output")),
                "stored",
                "now",
                lineterm="",
            )
        ]
        if stored.get("explain") != fresh.get("explain"):
            lines.append('diff of explain("zh") (stored → now):')
            lines += [
                "    " + line
                for line in difflib.unified_diff(
                    (stored.get("explain") or "").splitlines(),
                    (fresh.get("explain") or "").splitlines(),
                    "stored",
                    "now",
                    lineterm="",
                )
            ]
    else:
        stored_brief = {k: stored.get(k) for k in COMPARED if k in stored}
        lines.append(f"stored: {dumps(stored_brief)}")
        lines.append("output now (no full output stored for this case):")
        lines += ["    " + line for line in _pretty(fresh.get("output"))]
        if fresh.get("explain"):
            lines.append('explain("zh") now:')
            lines += ["    " + line for line in fresh["explain"].splitlines()]
    return "\n".join(lines)


def check(
    directory: Path = HERE,
    *,
    every: int = 1,
    offset: int = 0,
    rulesets: Sequence[str] | None = None,
    jobs: int | None = None,
    details: int = 10,
) -> tuple[int, list[str], dict[str, Any]]:
    """Regenerate and evaluate the selected cases; (checked, mismatch reports, summary)."""
    spec_text = (directory / "spec.json").read_text(encoding="utf-8")
    spec = json.loads(spec_text)
    names = list(rulesets or spec["rulesets"])
    problems: list[str] = []
    headers: dict[str, dict[str, Any]] = {}
    stored: dict[str, dict[int, dict[str, Any]]] = {}
    work: dict[str, list[int]] = {}
    for ruleset in names:
        path = corpus_path(ruleset, directory)
        if ruleset not in spec["rulesets"] or not path.exists():
            problems.append(f"--- {ruleset}: no corpus file {path.name} (run --write)")
            continue
        header, records = read_corpus(path)
        headers[ruleset], stored[ruleset] = header, records
        if header["spec_sha256"] != digest(spec_text):
            problems.append(f"--- {ruleset}: spec.json changed since the corpus was written")
        work[ruleset] = selection(header["count"], every, offset)
    started = time.perf_counter()
    seed = next(iter(headers.values()))["seed"] if headers else SEED
    full_every = next(iter(headers.values()))["full_every"] if headers else FULL_EVERY
    results, calendar = run(
        spec_text, work, seed=seed, full_every=full_every, jobs=jobs or jobs_default()
    )
    elapsed = time.perf_counter() - started
    mismatched: list[tuple[str, int]] = []
    for ruleset, indices in work.items():
        for index in indices:
            fresh, _ = results[ruleset][index]
            old = stored[ruleset].get(index, {})
            if any(old.get(k) != fresh.get(k) for k in COMPARED):
                mismatched.append((ruleset, index))
    if mismatched:
        shown = mismatched[:details]
        again, _ = run(
            spec_text,
            {r: [i for rr, i in shown if rr == r] for r in dict.fromkeys(r for r, _ in shown)},
            seed=seed,
            full_every=1,
            jobs=1,
        )
        for ruleset, index in shown:
            problems.append(
                describe(ruleset, index, stored[ruleset][index], again[ruleset][index][0])
            )
        rest = mismatched[details:]
        if rest:
            problems.append(
                f"--- and {len(rest)} more: " + ", ".join(f"{r}/{i:05d}" for r, i in rest[:200])
            )
    for ruleset, header in headers.items():
        if header.get("calendar_years") != calendar:
            problems.append(
                f"--- {ruleset}: the working-day calendar covers {calendar}, the corpus was "
                f"written with {header.get('calendar_years')} (chinesecalendar upgraded?)"
            )
            break
    checked = sum(len(v) for v in work.values())
    summary = {
        "seconds": round(elapsed, 1),
        "cpu_seconds": LAST_RUN.get("cpu_seconds"),
        "checked": {r: len(v) for r, v in work.items()},
        "mismatched": len(mismatched),
    }
    return checked, problems, summary


def _arguments(argv: Sequence[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="python -m tests.golden.generate", description=__doc__)
    mode = parser.add_mutually_exclusive_group(required=True)
    mode.add_argument("--write", action="store_true", help="rewrite spec.json and the corpus")
    mode.add_argument("--check", action="store_true", help="check the library against it")
    parser.add_argument(
        "--keep-spec", action="store_true", help="--write: keep spec.json (same facts)"
    )
    parser.add_argument("--jobs", type=int, default=None, help="worker processes (all cores)")
    parser.add_argument("--every", type=int, default=1, help="--check: every N-th case only")
    parser.add_argument("--offset", type=int, default=0, help="--check: first case of --every")
    parser.add_argument("--rulesets", default=None, help="--check: comma-separated rule sets")
    parser.add_argument("--details", type=int, default=10, help="--check: mismatches shown")
    parser.add_argument("--directory", type=Path, default=HERE, help=argparse.SUPPRESS)
    return parser.parse_args(argv)


def main(argv: Sequence[str] | None = None) -> int:
    args = _arguments(argv)
    if args.write:
        write(args.directory, keep_spec=args.keep_spec, jobs=args.jobs)
        return 0
    rulesets = args.rulesets.split(",") if args.rulesets else None
    checked, problems, summary = check(
        args.directory,
        every=args.every,
        offset=args.offset,
        rulesets=rulesets,
        jobs=args.jobs,
        details=args.details,
    )
    for problem in problems:
        print(problem)
    verdict = "FAILED" if problems else "ok"
    print(
        f"golden: {checked} cases checked in {summary['seconds']} s "
        f"({summary['cpu_seconds']} s CPU in workers), "
        f"{summary['mismatched']} mismatched: {verdict}"
    )
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
