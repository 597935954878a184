"""``nmgpolicy.evaluate`` per rule set — now part of the one benchmark command.

Kept so that ``python benchmarks/bench_evaluate.py`` still works: it runs ``python -m
benchmarks --quick --no-columnar`` (the row path per rule set on distinct golden fact sets, and
the cluster conditions against ZEN and the plain-Python floor), in about 20 seconds. The old
script timed the bundled examples 10,000 times each (the same input again and again) and took
over two minutes. See ``docs/benchmarks.md``.
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from benchmarks.run import main

if __name__ == "__main__":
    raise SystemExit(main(["--quick", "--no-columnar", *sys.argv[1:]]))
