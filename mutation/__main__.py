"""Mutation testing of one module at a time against its own tests (cosmic-ray).

    python -m mutation criteria ferroalloy     # the names of mutation/modules.toml
    python -m mutation --list                  # the modules and their tests
    python -m mutation cluster --limit 50      # a sample (every k-th mutant), for a quick look

Each run copies ``src`` and ``tests`` of the working tree to a temporary directory (cosmic-ray
writes each mutant to disk, so it never touches the checkout), makes a cosmic-ray session of
every mutant of the module, drops the mutants on lines marked ``# pragma: no mutate`` (an
equivalent mutant, with the reason beside the pragma; docs/mutation.md lists them), runs the
module's tests against each remaining mutant (``pytest -x``) and prints the kill rate and every
survivor's diff. The exit status is 1 when the kill rate is below ``--require`` (90 % by default).
Requires the ``mutation`` tools: ``pip install cosmic-ray``.
"""

from __future__ import annotations

import argparse
import json
import os
import shlex
import shutil
import subprocess
import sys
import tempfile
import time
import tomllib
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from mutation._skips import skip_unjudgeable

ROOT = Path(__file__).resolve().parents[1]
MODULES = ROOT / "mutation" / "modules.toml"
BIN = Path(sys.executable).parent
SOCKET = "mutation.sock"
NAMES = "mutation-preimport.txt"


def _modules() -> dict[str, dict[str, Any]]:
    with MODULES.open("rb") as handle:
        modules: dict[str, dict[str, Any]] = tomllib.load(handle)["modules"]
    return modules


_COPIED = (
    "src",
    "tests",
    "mutation",
    "benchmarks",  # some tests draw their inputs from the benchmark workload
    "examples",
    "docs",
    "README.md",
    "pyproject.toml",
)
"""What a run copies from the checkout (and ``--rejudge`` refreshes)."""


def _copy_tree(target: Path) -> None:
    ignore = shutil.ignore_patterns("__pycache__", "*.pyc", ".hypothesis", ".pytest_cache")
    for name in _COPIED:
        source = ROOT / name
        if source.is_dir():
            shutil.copytree(source, target / name, ignore=ignore)
        elif source.exists():
            shutil.copy2(source, target / name)


def _options() -> list[str]:
    """pytest's options for every run: stop at the first failure, no cache, no random order,
    property tests derandomised (mutation/_pytest_profile.py)."""
    quiet = ["-x", "-q", "-p", "no:cacheprovider", "-p", "no:randomly", "-o", "addopts="]
    return [*quiet, "-p", "mutation._pytest_profile", "--hypothesis-profile=mutation"]


def _pytest_args(module: dict[str, Any]) -> list[str]:
    """One pytest run of all the module's tests (``quick`` first, then ``tests``)."""
    return [*_options(), *module.get("quick", []), *module["tests"]]


def _config(work: Path, module: dict[str, Any], timeout: float, fork: bool) -> Path:
    if fork:  # the fork server answers; cosmic-ray's own timeout only backs up the server's
        stages = [module.get("quick", []), module["tests"]]
        runs = [" ".join([*_options(), *files]) for files in stages if files]
        client = ROOT / "mutation" / "_client.py"
        command = f"{sys.executable} -S {client} {work / SOCKET} -- " + " --then ".join(runs)
        timeout += 10
    else:
        command = f"{sys.executable} -m pytest " + " ".join(_pytest_args(module))
    config = work / "cosmic-ray.toml"
    config.write_text(
        "[cosmic-ray]\n"
        f'module-path = "{module["path"]}"\n'
        f"timeout = {timeout}\n"
        "excluded-modules = []\n"
        f"test-command = {json.dumps(command)}\n"
        "\n[cosmic-ray.distributor]\n"
        'name = "local"\n',
        encoding="utf-8",
    )
    return config


def _env(work: Path) -> dict[str, str]:
    # one thread per numeric library: the machine running this is usually shared
    threads = dict.fromkeys(("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS"), "1")
    return dict(os.environ, PYTHONPATH=str(work / "src"), NMGPOLICY_GOLDEN="off", **threads)


def _baseline(work: Path, module: dict[str, Any]) -> None:
    """The module's tests must pass on the unmutated copy (else every mutant looks killed)."""
    probe = ROOT / "mutation" / "_probe.py"
    args = [sys.executable, str(probe), str(work / NAMES), "--", *_pytest_args(module)]
    done = subprocess.run(
        args, cwd=work, env=_env(work), capture_output=True, text=True, check=False
    )
    if done.returncode != 0:
        raise SystemExit(f"the baseline run fails, no mutant can be judged:\n{done.stdout[-5000:]}")


def _check_command(work: Path, config: Path) -> None:
    """The test command itself passes on the unmutated copy (a command that cannot even run
    would count every mutant killed)."""
    command = tomllib.loads(config.read_text(encoding="utf-8"))["cosmic-ray"]["test-command"]
    done = subprocess.run(
        shlex.split(command), cwd=work, env=_env(work), capture_output=True, text=True, check=False
    )
    if done.returncode != 0:
        raise SystemExit(f"the test command fails on the unmutated code:\n{done.stdout[-5000:]}")


def _start_server(work: Path, timeout: float) -> subprocess.Popen[str]:
    server = ROOT / "mutation" / "_server.py"
    args = [sys.executable, str(server), str(work / SOCKET), str(timeout), str(work / NAMES)]
    process = subprocess.Popen(args, cwd=work, env=_env(work), stdout=subprocess.PIPE, text=True)
    assert process.stdout is not None
    if process.stdout.readline().strip() != "ready":
        process.kill()
        raise SystemExit("the mutation fork server did not start")
    return process


def _run(args: Sequence[str], work: Path) -> str:
    done = subprocess.run(
        list(args), cwd=work, env=_env(work), capture_output=True, text=True, check=False
    )
    if done.returncode != 0:
        raise SystemExit(f"{' '.join(args)} failed:\n{done.stdout}\n{done.stderr}")
    return done.stdout


def _sample(session: Path, limit: int) -> None:
    """Keep about ``limit`` mutants evenly spread over the module (a quick look), dropping the
    others; the mutants already judged (skipped) are not counted."""
    import sqlite3

    with sqlite3.connect(session) as db:
        ids = [
            row[0]
            for row in db.execute(
                "SELECT job_id FROM work_items WHERE job_id NOT IN "
                "(SELECT job_id FROM work_results) ORDER BY job_id"
            )
        ]
        step = max(1, len(ids) // limit)
        dropped = [(job,) for index, job in enumerate(ids) if index % step]
        db.executemany("DELETE FROM mutation_specs WHERE job_id = ?", dropped)
        db.executemany("DELETE FROM work_items WHERE job_id = ?", dropped)


def _changed(diff: str) -> tuple[str, str]:
    """The lines a mutant removes and adds (stripped, blank lines dropped), each joined by \\n."""
    lines = diff.splitlines()
    removed = [x[1:].strip() for x in lines if x.startswith("-") and not x.startswith("---")]
    added = [x[1:].strip() for x in lines if x.startswith("+") and not x.startswith("+++")]
    return "\n".join(x for x in removed if x), "\n".join(x for x in added if x)


def _equivalent(diff: str, known: list[dict[str, str]]) -> dict[str, str] | None:
    """The entry of ``equivalent`` in modules.toml that names this mutant, if any."""
    removed, added = _changed(diff)
    for entry in known:
        same = entry["before"].strip() == removed and entry.get("after", "").strip() == added
        if same and entry.get("context", "") in diff:  # context tells like lines apart
            return entry
    return None


@dataclass
class Outcomes:
    """The mutants of one run by outcome (``survivors`` and ``equivalents`` hold the diffs)."""

    killed: int = 0
    skipped: dict[str, int] = field(default_factory=dict)
    survivors: list[str] = field(default_factory=list)
    equivalents: list[tuple[str, dict[str, str]]] = field(default_factory=list)

    @property
    def judged(self) -> int:
        """The mutants counted in the kill rate: killed or survived, equivalents left out."""
        return self.killed + len(self.survivors)

    @property
    def rate(self) -> float:
        return 100.0 * self.killed / self.judged if self.judged else 100.0


def _outcomes(work: Path, session: Path, known: list[dict[str, str]]) -> Outcomes:
    outcomes = Outcomes()
    for line in _run([str(BIN / "cosmic-ray"), "dump", str(session)], work).splitlines():
        item, result = json.loads(line)
        if result is None:
            continue
        outcome = result.get("test_outcome")
        worker = result.get("worker_outcome")
        if worker == "skipped":
            reason = result.get("output") or "# pragma: no mutate"
            outcomes.skipped[reason] = outcomes.skipped.get(reason, 0) + 1
        elif outcome == "survived":
            diff = result.get("diff") or json.dumps(item)
            entry = _equivalent(diff, known)
            if entry is None:
                outcomes.survivors.append(diff)
            else:
                outcomes.equivalents.append((diff, entry))
        else:
            outcomes.killed += 1  # killed, timed out, or incompetent (could not even run)
    return outcomes


def _report(name: str, module: dict[str, Any], found: Outcomes, elapsed: float) -> None:
    print(
        f"\n== {name} ({module['path']}): {found.killed}/{found.judged} mutants killed = "
        f"{found.rate:.1f} %; {len(found.survivors)} survived, {len(found.equivalents)} "
        f"equivalent (modules.toml), {sum(found.skipped.values())} skipped; {elapsed:.0f} s"
    )
    for reason, count in sorted(found.skipped.items()):
        print(f"   skipped: {count} {reason}")
    for diff in found.survivors:
        print("-- survivor:\n" + diff.rstrip())
    for diff, entry in found.equivalents:
        print(f"-- equivalent ({entry['why']}):\n" + diff.rstrip())


def _mutate(
    work: Path, module: dict[str, Any], limit: int | None, timeout: float, fork: bool
) -> Outcomes:
    """Run every mutant of ``module`` in the working copy ``work``."""
    _copy_tree(work)
    _baseline(work, module)
    config = _config(work, module, timeout, fork)
    session = work / "session.sqlite"
    _run([str(BIN / "cosmic-ray"), "init", str(config), str(session)], work)
    _run([str(BIN / "cr-filter-pragma"), str(session)], work)
    skip_unjudgeable(session, work / module["path"])
    if limit:
        _sample(session, limit)
    return _execute(work, module, config, session, timeout, fork)


def _rejudge(work: Path, module: dict[str, Any], timeout: float, fork: bool) -> Outcomes:
    """Run again, in a working copy kept by an earlier run (``--keep``), the mutants that
    survived there, against the checkout's current tests (the module itself must not have
    changed: the session's mutants are positions in it). The mutants judged killed or skipped
    before are not run again."""
    import sqlite3

    source, kept = ROOT / module["path"], work / module["path"]
    if not kept.exists() or kept.read_bytes() != source.read_bytes():
        raise SystemExit(f"{module['path']} changed since {work} was made: run it afresh")
    for name in _COPIED:
        old = work / name
        if old.is_dir():
            shutil.rmtree(old)
        elif old.exists():
            old.unlink()
    _copy_tree(work)
    _baseline(work, module)
    config = _config(work, module, timeout, fork)
    session = work / "session.sqlite"
    with sqlite3.connect(session) as db:
        db.execute("DELETE FROM work_results WHERE test_outcome = 'SURVIVED'")
    skip_unjudgeable(session, work / module["path"])
    return _execute(work, module, config, session, timeout, fork)


def _execute(
    work: Path, module: dict[str, Any], config: Path, session: Path, timeout: float, fork: bool
) -> Outcomes:
    """Judge the session's pending mutants (through the fork server unless ``fork`` is off)."""
    server = _start_server(work, timeout) if fork else None
    try:
        _check_command(work, config)
        _run([str(BIN / "cosmic-ray"), "exec", str(config), str(session)], work)
    finally:
        if server is not None:
            server.terminate()
            server.wait()
    return _outcomes(work, session, module.get("equivalent", []))


def run_module(
    name: str,
    module: dict[str, Any],
    limit: int | None,
    timeout: float,
    fork: bool = True,
    keep: bool = False,
    rejudge: Path | None = None,
) -> float:
    """Mutate one module; print the kill rate and the survivors; return the rate (0–100).
    With ``keep`` the working copy (and its cosmic-ray session) is left for inspection or for
    ``rejudge``: run again there only the mutants that survived (see :func:`_rejudge`)."""
    started = time.perf_counter()
    if rejudge is not None:
        found = _rejudge(rejudge, module, timeout, fork)
        _report(name, module, found, time.perf_counter() - started)
        return found.rate
    work = Path(tempfile.mkdtemp(prefix=f"nmgpolicy-mutation-{name}-"))
    if keep:
        print(f"working copy (kept): {work}", flush=True)
    try:
        found = _mutate(work, module, limit, timeout, fork)
    finally:
        if not keep:
            shutil.rmtree(work, ignore_errors=True)
    _report(name, module, found, time.perf_counter() - started)
    return found.rate


def _cell(text: str) -> str:
    return text.replace("|", "\\|")


def _equivalents_table(modules: dict[str, dict[str, Any]]) -> str:
    """The equivalent mutants of every module, as docs/mutation.md lists them."""
    rows = ["| module | mutant | why it cannot be told apart |", "|---|---|---|"]
    for name, module in modules.items():
        for entry in module.get("equivalent", []):
            # a mutant may remove and add several lines
            before, after = (entry.get(k, "").replace("\n", "` ⏎ `") for k in ("before", "after"))
            change = f"`{before}` → `{after}`"
            why = entry["why"]
            rows.append(f"| {name} | {_cell(change)} | {_cell(why)} |")
    return "\n".join(rows)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m mutation", description=__doc__)
    parser.add_argument("names", nargs="*", help="modules of mutation/modules.toml")
    parser.add_argument("--list", action="store_true", help="list the modules and tests")
    parser.add_argument("--limit", type=int, default=None, help="at most about N mutants")
    parser.add_argument("--timeout", type=float, default=60.0, help="seconds per mutant")
    parser.add_argument("--require", type=float, default=90.0, help="minimum kill rate (%%)")
    parser.add_argument(
        "--equivalents",
        action="store_true",
        help="print the equivalent mutants of modules.toml as a Markdown table (docs/mutation.md)",
    )
    parser.add_argument(
        "--keep", action="store_true", help="keep the working copy and its session (debugging)"
    )
    parser.add_argument(
        "--rejudge",
        type=Path,
        metavar="DIR",
        help="in a working copy kept by --keep, run again only the survivors (one module)",
    )
    parser.add_argument(
        "--no-fork",
        action="store_true",
        help="start pytest afresh for every mutant (slower) instead of forking a warm server",
    )
    args = parser.parse_args(argv)
    modules = _modules()
    if args.equivalents:
        print(_equivalents_table(modules))
        return 0
    if args.list or not args.names:
        for name, module in modules.items():
            tests = " ".join([*module.get("quick", []), *module["tests"]])
            print(f"{name:18} {module['path']}  ←  {tests}")
        return 0
    unknown = [n for n in args.names if n not in modules]
    if unknown:
        parser.error(f"unknown module(s) {unknown}; known: {sorted(modules)}")
    fork = not args.no_fork
    if args.rejudge is not None and len(args.names) != 1:
        parser.error("--rejudge takes one module, the one whose working copy it is")
    rates = {
        n: run_module(n, modules[n], args.limit, args.timeout, fork, args.keep, args.rejudge)
        for n in args.names
    }
    print("\n" + "\n".join(f"{n:16} {r:5.1f} %" for n, r in rates.items()))
    return 0 if all(r >= args.require for r in rates.values()) else 1


if __name__ == "__main__":
    raise SystemExit(main())
