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
import ast
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
import tomllib
from collections.abc import Sequence
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
MODULES = ROOT / "mutation" / "modules.toml"
BIN = Path(sys.executable).parent


def _modules() -> dict[str, dict[str, Any]]:
    with MODULES.open("rb") as handle:
        modules: dict[str, dict[str, Any]] = tomllib.load(handle)["modules"]
    return modules


def _copy_tree(target: Path) -> None:
    ignore = shutil.ignore_patterns("__pycache__", "*.pyc", ".hypothesis", ".pytest_cache")
    for name in ("src", "tests", "examples", "docs", "README.md", "pyproject.toml"):
        source = ROOT / name
        if source.is_dir():
            shutil.copytree(source, target / name, ignore=ignore)
        elif source.exists():
            shutil.copy2(source, target / name)


def _config(work: Path, module: dict[str, Any], timeout: float) -> Path:
    tests = " ".join(module["tests"])
    command = (
        f"{sys.executable} -m pytest -x -q -p no:cacheprovider -p no:randomly "
        f"-o addopts= {tests}"
    )
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


def _run(args: Sequence[str], work: Path) -> str:
    env = dict(os.environ, PYTHONPATH=str(work / "src"), NMGPOLICY_GOLDEN="off")
    done = subprocess.run(
        list(args), cwd=work, env=env, capture_output=True, text=True, check=False
    )
    if done.returncode != 0:
        raise SystemExit(f"{' '.join(args)} failed:\n{done.stdout}\n{done.stderr}")
    return done.stdout


def _sample(session: Path, limit: int) -> None:
    """Keep every k-th mutant (a quick look), by marking the others skipped."""
    import sqlite3

    with sqlite3.connect(session) as db:
        ids = [row[0] for row in db.execute("SELECT job_id FROM work_items ORDER BY job_id")]
        step = max(1, len(ids) // limit)
        dropped = [(job,) for index, job in enumerate(ids) if index % step]
        db.executemany("DELETE FROM mutation_specs WHERE job_id = ?", dropped)
        db.executemany("DELETE FROM work_items WHERE job_id = ?", dropped)


def _signature_annotations(source: Path) -> list[tuple[tuple[int, int], tuple[int, int]]]:
    """The spans of the annotations of function parameters and returns (never evaluated here:
    every module has ``from __future__ import annotations``; the facts models' field annotations,
    which the structurer reads, are not among them)."""
    tree = ast.parse(source.read_text(encoding="utf-8"))
    spans = []
    for node in ast.walk(tree):
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
            arguments = node.args
            every = [*arguments.posonlyargs, *arguments.args, *arguments.kwonlyargs]
            every += [a for a in (arguments.vararg, arguments.kwarg) if a is not None]
            notes = [a.annotation for a in every if a.annotation is not None]
            notes += [node.returns] if node.returns is not None else []
            for note in notes:
                end = (note.end_lineno or note.lineno, note.end_col_offset or 0)
                spans.append(((note.lineno, note.col_offset), end))
    return spans


def _skip_annotations(session: Path, source: Path) -> None:
    """Mark the mutants inside a signature's annotation skipped: they cannot change behaviour."""
    import sqlite3

    spans = _signature_annotations(source)
    with sqlite3.connect(session) as db:
        rows = db.execute("SELECT job_id, start_pos_row, start_pos_col FROM mutation_specs")
        inside = [
            job
            for job, row, col in rows.fetchall()
            if any(start <= (row, col) < end for start, end in spans)
        ]
        db.executemany(
            "INSERT OR REPLACE INTO work_results (worker_outcome, output, test_outcome, diff, "
            "job_id) VALUES ('SKIPPED', 'in a signature annotation', NULL, NULL, ?)",
            [(job,) for job in inside],
        )


def _outcomes(work: Path, session: Path) -> tuple[int, int, int, list[str]]:
    killed = survived = skipped = 0
    survivors: list[str] = []
    for line in _run([str(BIN / "cosmic-ray"), "dump", str(session)], work).splitlines():
        item, result = json.loads(line)
        if result is None:
            continue
        outcome = result.get("test_outcome")
        worker = result.get("worker_outcome")
        if worker == "skipped":
            skipped += 1
        elif outcome == "survived":
            survived += 1
            survivors.append(result.get("diff") or json.dumps(item))
        else:
            killed += 1  # killed, or incompetent (the mutant could not even run)
    return killed, survived, skipped, survivors


def run_module(name: str, module: dict[str, Any], limit: int | None, timeout: float) -> float:
    """Mutate one module; print the kill rate and the survivors; return the rate (0–100)."""
    started = time.perf_counter()
    with tempfile.TemporaryDirectory(prefix=f"nmgpolicy-mutation-{name}-") as temp:
        work = Path(temp)
        _copy_tree(work)
        config = _config(work, module, timeout)
        session = work / "session.sqlite"
        _run([str(BIN / "cosmic-ray"), "init", str(config), str(session)], work)
        _run([str(BIN / "cr-filter-pragma"), str(session)], work)
        _skip_annotations(session, work / module["path"])
        if limit:
            _sample(session, limit)
        _run([str(BIN / "cosmic-ray"), "exec", str(config), str(session)], work)
        killed, survived, skipped, survivors = _outcomes(work, session)
    total = killed + survived
    rate = 100.0 * killed / total if total else 100.0
    elapsed = time.perf_counter() - started
    print(f"\n== {name} ({module['path']}): {killed}/{total} mutants killed = {rate:.1f} %, ")
    print(f"   {skipped} skipped (signature annotations; # pragma: no mutate), {elapsed:.0f} s")
    for diff in survivors:
        print("-- survivor:\n" + diff.rstrip())
    return rate


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m mutation", description=__doc__)
    parser.add_argument("names", nargs="*", help="modules of mutation/modules.toml")
    parser.add_argument("--list", action="store_true", help="list the modules and tests")
    parser.add_argument("--limit", type=int, default=None, help="at most about N mutants")
    parser.add_argument("--timeout", type=float, default=60.0, help="seconds per mutant")
    parser.add_argument("--require", type=float, default=90.0, help="minimum kill rate (%%)")
    args = parser.parse_args(argv)
    modules = _modules()
    if args.list or not args.names:
        for name, module in modules.items():
            print(f"{name:16} {module['path']}  ←  {' '.join(module['tests'])}")
        return 0
    unknown = [n for n in args.names if n not in modules]
    if unknown:
        parser.error(f"unknown module(s) {unknown}; known: {sorted(modules)}")
    rates = {n: run_module(n, modules[n], args.limit, args.timeout) for n in args.names}
    print("\n" + "\n".join(f"{n:16} {r:5.1f} %" for n, r in rates.items()))
    return 0 if all(r >= args.require for r in rates.values()) else 1


if __name__ == "__main__":
    raise SystemExit(main())
