"""A timing worker: ``nmgpolicy.evaluate`` from a given source tree, in a process of its own.

``python -m benchmarks.worker SRC INPUTS [CLOCK]`` puts ``SRC`` (a checkout's ``src`` folder)
first on ``sys.path``, imports nmgpolicy from there — never from anywhere else, checked — and reads
``INPUTS``, a JSON file written by :mod:`benchmarks.run`::

    {"groups": {name: {"ruleset": id, "items": [[facts, on, parameters], ...],
                       "warmup": [[facts, on, parameters], ...]}}}

It then answers JSON-line commands on stdin, one line of JSON on stdout each:

* ``{"warm": name}`` — evaluates the group's warm-up items (untimed);
* ``{"group": name, "start": i, "stop": j}`` — evaluates items ``i`` to ``j - 1`` once each,
  timed; answers ``{"times": [ns, ...], "errors": n, "first_error": text}`` (a call that
  raises is not timed);
* ``{"quit": true}`` — exits.

Two workers (this revision and a baseline) driven chunk by chunk in turn see the same load;
each process evaluates each input once, so no cache of inputs or answers serves a repeat.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import json
import sys
import time
from pathlib import Path
from typing import Any


def _load(src: Path) -> Any:
    sys.path.insert(0, str(src))
    import nmgpolicy

    where = Path(nmgpolicy.__file__).resolve()
    if not where.is_relative_to(src.resolve()):
        raise SystemExit(f"nmgpolicy was imported from {where}, not from {src}")
    return nmgpolicy


def _prepare(groups: dict[str, Any]) -> dict[str, Any]:
    """Dates parsed once, before any timing."""
    for group in groups.values():
        for key in ("items", "warmup"):
            group[key] = [
                (facts, dt.date.fromisoformat(on), parameters)
                for facts, on, parameters in group.get(key, [])
            ]
    return groups


def serve(src: Path, inputs: Path, clock_name: str = "wall") -> None:
    """``CLOCK``: ``wall`` (elapsed, the default) or ``cpu`` (the process's CPU time)."""
    nmgpolicy = _load(src)
    evaluate = nmgpolicy.evaluate
    groups = _prepare(json.loads(inputs.read_text(encoding="utf-8"))["groups"])
    clock = {"wall": time.perf_counter_ns, "cpu": time.process_time_ns}[clock_name]
    print(json.dumps({"ready": True, "nmgpolicy": nmgpolicy.__file__}), flush=True)
    for line in sys.stdin:
        command = json.loads(line)
        if command.get("quit"):
            break
        if "warm" in command:
            group = groups[command["warm"]]
            for facts, on, parameters in group["warmup"]:
                with contextlib.suppress(Exception):  # warm-up only
                    evaluate(group["ruleset"], facts, on=on, parameters=parameters)
            print(json.dumps({"warmed": len(group["warmup"])}), flush=True)
            continue
        group = groups[command["group"]]
        ruleset = group["ruleset"]
        times: list[int] = []
        errors = 0
        first: str | None = None
        for facts, on, parameters in group["items"][command["start"] : command["stop"]]:
            start = clock()
            try:
                evaluate(ruleset, facts, on=on, parameters=parameters)
            except Exception as error:
                errors += 1
                first = first or f"{type(error).__name__}: {error}"
                continue
            times.append(clock() - start)
        print(json.dumps({"times": times, "errors": errors, "first_error": first}), flush=True)


if __name__ == "__main__":
    serve(Path(sys.argv[1]), Path(sys.argv[2]), *sys.argv[3:4])
