"""Micro-benchmarks of nmgpolicy.units: how long parsing a quantity at the boundary takes.

Run as a plain script: ``python benchmarks/bench_units.py``. It prints microseconds per call
(best of several timeit repeats) for the hot paths, the cold (uncached) unit parse, strings per
second for texts never seen before (the row parser, and the vectorised parser of
``nmgpolicy.columnar._units`` on a million strings when NumPy and Polars are installed), and
the time to import ``nmgpolicy.units`` in a fresh interpreter. ``--quick`` skips the import
times. :func:`row_strings_per_second` and :func:`vector_strings_per_second` can be called
from another benchmark.
"""

from __future__ import annotations

import itertools
import os
import random
import subprocess
import sys
import time
import timeit
from collections.abc import Callable
from decimal import Decimal
from pathlib import Path

SRC = Path(__file__).resolve().parent.parent / "src"
try:
    import nmgpolicy.units as units
except ModuleNotFoundError:  # not installed: run from the checkout
    sys.path.insert(0, str(SRC))
    import nmgpolicy.units as units

Kind = units.Kind


def per_call(func: Callable[[], object], repeat: int = 7) -> float:
    """Best time of one call of ``func``, in microseconds."""
    timer = timeit.Timer(func)
    number, _ = timer.autorange()
    return min(timer.repeat(repeat, number)) / number * 1e6


def cold_parse() -> float:
    """µs per quantity() call whose unit text neither our cache nor pint's has seen.

    The 1600 texts differ only in inner spaces ("80万元 /  套"), so each is a miss everywhere.
    Timed once: a second pass would find them in pint's cache.
    """
    texts = [f"80万元{' ' * a}/{' ' * b}套" for a, b in itertools.product(range(40), range(40))]
    units._READINGS.clear()
    units._lookup_unit.cache_clear()
    start = time.perf_counter()
    for text in texts:
        units.quantity(text)
    return (time.perf_counter() - start) / len(texts) * 1e6


def cleared_cache_parse() -> object:
    """A quantity() call after clearing our caches (pint's own caches stay warm)."""
    units._READINGS.clear()
    units._lookup_unit.cache_clear()
    return units.quantity("80万元/套")


def amount_texts(count: int, seed: int = 11) -> list[str]:
    """``count`` distinct money texts as applications write them: 0 to 4 places, units from
    元 to 亿元, one in twenty in full-width digits, some with a space before the unit."""
    rng = random.Random(seed)
    full_width = str.maketrans("0123456789.", "０１２３４５６７８９．")
    found: dict[str, None] = {}
    while len(found) < count:
        places = rng.choice([0, 0, 1, 2, 4])
        number = rng.randrange(1, 10**7)
        text = (
            str(number)
            if not places
            else f"{number // 10**places}.{number % 10**places:0{places}d}"
        )
        if rng.random() < 0.05:
            text = text.translate(full_width)
        found[text + rng.choice(["元", "万元", "亿元", "千元", " 万元", "百万元"])] = None
    return list(found)


def row_strings_per_second(count: int = 20_000) -> float:
    """Texts per second through ``parse_amount``, each text new (none is cached)."""
    texts = amount_texts(count, seed=count)
    units._READINGS.clear()
    start = time.perf_counter()
    for text in texts:
        units.parse_amount(text, Kind.MONEY, path="$")
    return count / (time.perf_counter() - start)


def vector_strings_per_second(
    size: int = 1_000_000, distinct: int = 100_000, as_series: bool = False
) -> float | None:
    """Texts per second through ``parse_amounts`` on ``size`` rows of ``distinct`` texts
    (a Python list, or a Polars Series when ``as_series``); None without NumPy and Polars."""
    try:
        import polars as pl

        from nmgpolicy.columnar._units import parse_amounts
    except ImportError:
        return None
    texts = amount_texts(distinct)
    rng = random.Random(size)
    rows = [texts[rng.randrange(distinct)] for _ in range(size)]
    column: object = pl.Series(rows) if as_series else rows
    best = float("inf")
    for _ in range(3):
        start = time.perf_counter()
        parse_amounts(column, Kind.MONEY)
        best = min(best, time.perf_counter() - start)
    return size / best


def import_time(module: str, runs: int = 5) -> float:
    """Best wall time of ``import module`` in a fresh interpreter, minus interpreter start-up."""
    env = dict(
        os.environ,
        PYTHONPATH=os.pathsep.join(filter(None, [str(SRC), os.environ.get("PYTHONPATH")])),
    )

    def run(code: str) -> float:
        best = float("inf")
        for _ in range(runs):
            out = subprocess.run(
                [
                    sys.executable,
                    "-c",
                    f"import time; t = time.perf_counter(); {code}; print(time.perf_counter() - t)",
                ],
                capture_output=True,
                text=True,
                check=True,
                env=env,
            )
            best = min(best, float(out.stdout))
        return best * 1e3

    return run(f"import {module}")


def main() -> None:
    cases: list[tuple[str, Callable[[], object]]] = [
        ('quantity("80万元/套")', lambda: units.quantity("80万元/套")),
        ('quantity("８０万元／套")  (full-width)', lambda: units.quantity("８０万元／套")),
        (
            'parse_amount("15亿元", MONEY)',
            lambda: units.parse_amount("15亿元", Kind.MONEY, path="$.x"),
        ),
        (
            'parse_amount("80万元/套", MONEY_PER_SET)',
            lambda: units.parse_amount("80万元/套", Kind.MONEY_PER_SET, path="$.x"),
        ),
        (
            'parse_amount("3000kVA", APPARENT_POWER)',
            lambda: units.parse_amount("3000kVA", Kind.APPARENT_POWER, path="$.x"),
        ),
        ('parse_share("60%")', lambda: units.parse_share("60%", path="$.x")),
        ("parse_share(0.6)", lambda: units.parse_share(0.6, path="$.x")),
        ('parse_count("1200人")', lambda: units.parse_count("1200人", path="$.x")),
        (
            "format_amount(850000, MONEY_PER_SET)",
            lambda: units.format_amount(Decimal(850000), Kind.MONEY_PER_SET),
        ),
        ("format_decimal(Decimal('1.10'))", lambda: units.format_decimal(Decimal("1.10"))),
        ("cold: our unit cache cleared", cleared_cache_parse),
    ]
    width = max(len(name) for name, _ in cases)
    print(f"{'call':<{width}}  µs/call")
    for name, func in cases:
        print(f"{name:<{width}}  {per_call(func):8.2f}")
    print(f"{'cold: unit text never seen (pint too)':<{width}}  {cold_parse():8.2f}")
    print()
    print(f"{'row parser, new texts':<{width}}  {row_strings_per_second():12,.0f} strings/s")
    for label, as_series in (("list", False), ("Polars Series", True)):
        rate = vector_strings_per_second(as_series=as_series)
        shown = "numpy/polars not installed" if rate is None else f"{rate:12,.0f} strings/s"
        print(f"{'vectorised, 1M rows (100k distinct), ' + label:<{width}}  {shown}")
    if "--quick" in sys.argv:
        return
    print()
    print(f"{'import pint (fresh interpreter)':<{width}}  {import_time('pint'):8.1f} ms")
    units_ms = import_time("nmgpolicy.units")
    print(f"{'import nmgpolicy.units (incl. package)':<{width}}  {units_ms:8.1f} ms")


if __name__ == "__main__":
    main()
