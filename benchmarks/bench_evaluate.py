"""End-to-end benchmark: ``nmgpolicy.evaluate`` per call, for every registered rule set.

Run as ``python benchmarks/bench_evaluate.py``. Each rule set is timed on the facts of its
bundled examples (``examples/<ruleset>/index.json``): parsing the facts with units, resolving
the dated parameters, deciding every criterion and building the Decision — and, separately,
``Decision.to_dict()``.
"""

from __future__ import annotations

import datetime as dt
import sys
import timeit
from pathlib import Path

try:
    import nmgpolicy
except ImportError:  # run from a checkout without installing: use its src/ folder
    sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))
    import nmgpolicy

from nmgpolicy.cli import example_cases


def _cases() -> list[tuple[str, str, object, dt.date]]:
    return [(r, name, facts, on) for r, name, facts, on, _ in example_cases()]


def _best(stmt: object, number: int = 2000, repeat: int = 5) -> float:
    return min(timeit.repeat(stmt, number=number, repeat=repeat)) / number * 1e6  # type: ignore[arg-type]


def main() -> None:
    print(f"{'evaluate (ruleset/example)':60} {'µs/call':>10} {'to_dict µs':>11}")
    for ruleset, name, facts, on in _cases():
        decision = nmgpolicy.evaluate(ruleset, facts, on=on)
        evaluate_us = _best(lambda r=ruleset, f=facts, d=on: nmgpolicy.evaluate(r, f, on=d))
        to_dict_us = _best(decision.to_dict)
        print(f"{ruleset + ': ' + name:60} {evaluate_us:10.1f} {to_dict_us:11.1f}")


if __name__ == "__main__":
    main()
