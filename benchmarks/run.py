"""The benchmark: one command, one run, every figure and every ratio.

::

    python -m benchmarks                    # default sizes (about a minute on 2 cores)
    python -m benchmarks --quick            # smaller samples (about 20 s)
    python -m benchmarks --full             # larger samples (under 2 minutes)
    python -m benchmarks --baseline /tmp/nmg-baseline   # also time an older checkout
    python benchmarks/run.py …              # the same

It prints, in this order: the row path (``nmgpolicy.evaluate``) per rule set on distinct golden
fact sets; the cluster conditions on nmgpolicy, on the GoRules ZEN peer and on the plain-Python
floor, interleaved on the same applications; with ``--baseline``, every rule set's median on
this checkout and on the baseline, timed in two worker processes chunk by chunk in turn; the
columnar figures (ferroalloy on the numpy floor, on OpenFisca-Core and on
``nmgpolicy.columnar`` when it exists; the cluster on the numpy floor and the columnar path;
money texts parsed by ``columnar.parse_amounts``); the ratios; the elapsed time.
``docs/benchmarks.md`` says how to read them.

Benchmark-only dependencies (the ``bench`` extra): ``zen-engine``, ``openfisca-core`` (which
brings numpy). A section whose dependency is missing says so and the run goes on.
"""

from __future__ import annotations

import argparse
import dataclasses
import datetime as dt
import gc
import json
import os
import platform
import resource
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

if __package__ in (None, ""):  # run as a script: python benchmarks/run.py
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import contextlib

from benchmarks import columnar_adapter, timing, workload
from benchmarks.cluster_peers import Thresholds, ZenPeer, floor_check, load_thresholds
from benchmarks.timing import Sample

ROOT = Path(__file__).resolve().parents[1]


@dataclass(frozen=True)
class Sizes:
    golden: int  # distinct golden fact sets timed per rule set
    golden_warmup: int
    cluster: int  # numeric cluster applications timed on every path
    cluster_warmup: int
    zen_warmup: int  # ZEN calls before timing (it needs thousands to settle)
    rows: int  # columnar rows (ferroalloy plans, cluster applications)
    repeat: int  # best-of repeats of the columnar runs
    chunk: int  # worker chunk size (baseline comparison)


SIZES = {
    "quick": Sizes(300, 40, 800, 100, 3000, 200_000, 2, 50),
    "default": Sizes(800, 60, 2000, 200, 5000, 1_000_000, 3, 50),
    "full": Sizes(2000, 100, 3000, 300, 10000, 1_000_000, 5, 100),
}


class Report:
    """Collects the figures (for ``--json``) while printing them."""

    def __init__(self, clock: str = "wall", budget: float = 110.0) -> None:
        self.figures: dict[str, Any] = {"clock": clock}
        self.ratios: list[tuple[str, float, str]] = []
        self.started = time.perf_counter()
        self.deadline = self.started + budget
        self.clock_name = clock
        self.clock = timing.CLOCKS[clock]

    def section(self, title: str) -> None:
        clock = f" [{time.perf_counter() - self.started:.0f} s]"
        print(f"\n== {title}{clock} " + "=" * max(0, 70 - len(title)), flush=True)

    def line(self, text: str) -> None:
        print(text, flush=True)

    def ratio(self, name: str, value: float, goal: str = "") -> None:
        self.ratios.append((name, value, goal))
        self.figures.setdefault("ratios", {})[name] = value


def _fmt_us(value: float) -> str:
    return f"{value:10.1f}" if value == value else f"{'n/a':>10}"


def _rate(value: float) -> str:
    if value != value:
        return "n/a"
    if value >= 1e6:
        return f"{value / 1e6:.2f} M/s"
    if value >= 1e3:
        return f"{value / 1e3:.1f} k/s"
    return f"{value:.0f} /s"


def _sample_row(label: str, sample: Sample) -> str:
    line = (
        f"{label:<28}{sample.n:>6}{_fmt_us(sample.median_us)}{_fmt_us(sample.percentile_us(90))}"
        f"{_fmt_us(sample.mean_us)}  {_rate(sample.rows_per_s):>10}  {sample.errors:>4}"
    )
    if sample.first_error:
        line += f"\n{'':<28}first error: {sample.first_error[:200]}"
    return line


SAMPLE_HEADER = (
    f"{'path':<28}{'n':>6}{'median µs':>10}{'p90 µs':>10}{'mean µs':>10}  {'rows/s':>10}  "
    f"{'err':>4}"
)


# ------------------------------------------------------------------------------------------
# The row path on the golden fact sets


def golden_groups(sizes: Sizes) -> dict[str, dict[str, Any]]:
    """Per rule set: the timed items and the warm-up items (distinct from them)."""
    groups = {}
    for ruleset in workload.rulesets():
        warm = workload.golden_inputs(ruleset, sizes.golden_warmup)
        items = workload.golden_inputs(ruleset, sizes.golden, skip=sizes.golden_warmup)
        groups[ruleset] = {
            "ruleset": ruleset,
            "items": [[c["facts"], c["on"], c["parameters"]] for c in items],
            "warmup": [[c["facts"], c["on"], c["parameters"]] for c in warm],
        }
    return groups


def _evaluator(ruleset: str) -> Callable[[Sequence[Any]], object]:
    import nmgpolicy

    evaluate = nmgpolicy.evaluate

    def call(item: Sequence[Any]) -> object:
        facts, on, parameters = item
        return evaluate(ruleset, facts, on=on, parameters=parameters)

    return call


def _dated(items: Sequence[Sequence[Any]]) -> list[tuple[Any, dt.date, Any]]:
    return [(f, dt.date.fromisoformat(on), p) for f, on, p in items]


def row_path(report: Report, groups: Mapping[str, Mapping[str, Any]]) -> dict[str, Sample]:
    """``nmgpolicy.evaluate`` per rule set, each distinct golden fact set timed once."""
    report.section("Row path: nmgpolicy.evaluate per rule set (distinct golden fact sets)")
    report.line(SAMPLE_HEADER)
    samples = {}
    for ruleset, group in groups.items():
        call = _evaluator(ruleset)
        timing.warm(call, _dated(group["warmup"]))
        items = [{ruleset: x} for x in _dated(group["items"])]
        sample = timing.interleaved({ruleset: call}, items, clock=report.clock)
        samples[ruleset] = sample[ruleset]
        report.line(_sample_row(ruleset, samples[ruleset]))
    report.figures["row_path"] = {r: _summary(s) for r, s in samples.items()}
    return samples


def _summary(sample: Sample) -> dict[str, float]:
    return {
        "n": sample.n,
        "median_us": sample.median_us,
        "p90_us": sample.percentile_us(90),
        "mean_us": sample.mean_us,
        "rows_per_s": sample.rows_per_s,
        "errors": sample.errors,
    }


# ------------------------------------------------------------------------------------------
# The cluster conditions: nmgpolicy, ZEN, the floor


def cluster_inputs(sizes: Sizes, t: Thresholds) -> tuple[list[Any], list[Any]]:
    """(warm-up, timed) numeric applications with their facts; all distinct."""
    total = sizes.cluster_warmup + sizes.cluster
    apps = workload.cluster_workload(total, dict(t.values))
    return apps[: sizes.cluster_warmup], apps[sizes.cluster_warmup :]


def cluster_peers(
    report: Report, sizes: Sizes, t: Thresholds, warm: list[Any], timed: list[Any]
) -> dict[str, Sample]:
    """nmgpolicy, ZEN and the floor on the same applications, in turns of :data:`PEER_BLOCK`."""
    report.section("Cluster conditions (第五条, 第六条): nmgpolicy vs GoRules ZEN vs plain Python")
    nmg = _evaluator("cluster")
    paths: dict[str, Callable[[Any], object]] = {"nmgpolicy": nmg}
    zen = _zen(report, t)
    if zen is not None:
        paths["zen"] = zen.check
    paths["floor"] = lambda x: floor_check(x, t)
    numbers = [w["numbers"] for w in warm]
    timing.warm(nmg, [(w["facts"], dt.date.fromisoformat(w["on"]), None) for w in warm])
    if zen is not None:
        timing.warm(zen.check, numbers, calls=sizes.zen_warmup)
    timing.warm(paths["floor"], numbers, calls=sizes.zen_warmup)
    inputs = [
        {
            "nmgpolicy": (w["facts"], dt.date.fromisoformat(w["on"]), None),
            "zen": w["numbers"],
            "floor": w["numbers"],
        }
        for w in timed
    ]
    samples = timing.interleaved(paths, inputs, block=PEER_BLOCK, clock=report.clock)
    report.line(SAMPLE_HEADER)
    labels = {"nmgpolicy": "nmgpolicy.evaluate", "zen": "ZEN (zen-engine)", "floor": "plain Python"}
    for name, sample in samples.items():
        report.line(_sample_row(labels[name], sample))
    if zen is not None:
        _zen_extra(report, zen, [w["numbers"] for w in timed])
    _agreement(report, t, zen, timed)
    report.figures["cluster_peers"] = {n: _summary(s) for n, s in samples.items()}
    return samples


def _zen(report: Report, t: Thresholds) -> ZenPeer | None:
    try:
        return ZenPeer(t)
    except ImportError:
        report.line("ZEN: not available (pip install zen-engine, or the bench extra)")
        return None


PEER_BLOCK = 50
"""The cluster paths take turns of this many applications each (see ``timing.interleaved``)."""


def _spin(seconds: float) -> Callable[[], None]:
    """Other work: a Python loop running for ``seconds``."""

    def busy() -> None:
        end = time.perf_counter() + seconds
        while time.perf_counter() < end:
            pass

    return busy


def _zen_extra(report: Report, zen: ZenPeer, numbers: list[Any]) -> None:
    """ZEN's own batch call, and ZEN one call at a time after 0.5 ms of other Python work."""
    seconds, _ = timing.best_of(lambda: zen.batch(numbers), 1)
    rate = len(numbers) / seconds
    report.line(f"{'ZEN evaluate_batch':<28}{len(numbers):>6}{'':>30}  {_rate(rate):>10}")
    cold = timing.after_other_work(zen.check, numbers[:300], _spin(0.0005), report.clock)
    report.line(_sample_row("ZEN after 0.5 ms other work", cold))
    report.figures["zen_batch_rows_per_s"] = rate
    report.figures["zen_after_other_work_median_us"] = cold.median_us


def _agreement(report: Report, t: Thresholds, zen: ZenPeer | None, timed: list[Any]) -> None:
    """The three paths decide the same: ZEN = floor on every condition, and nmgpolicy's
    status is ``eligible`` exactly when the floor's ``eligible`` is true."""
    import nmgpolicy

    zen_differs = status_differs = eligible = 0
    for w in timed:
        floor = floor_check(w["numbers"], t)
        eligible += floor["eligible"]
        if zen is not None and zen.check(w["numbers"]) != floor:
            zen_differs += 1
        decision = nmgpolicy.evaluate("cluster", w["facts"], on=dt.date.fromisoformat(w["on"]))
        if (str(getattr(decision.status, "value", decision.status)) == "eligible") != floor[
            "eligible"
        ]:
            status_differs += 1
    report.line(
        f"agreement: {eligible} of {len(timed)} eligible; ZEN ≠ floor on {zen_differs}; "
        f"nmgpolicy status ≠ floor on {status_differs} (each must be 0)"
    )
    report.figures["cluster_agreement"] = {
        "eligible": eligible,
        "zen_differs": zen_differs,
        "nmgpolicy_differs": status_differs,
    }


# ------------------------------------------------------------------------------------------
# This checkout against a baseline checkout, in two workers


class Worker:
    """A :mod:`benchmarks.worker` process timing nmgpolicy from ``src``."""

    def __init__(self, src: Path, inputs: Path, clock: str = "wall") -> None:
        env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "NMGPOLICY_CALENDAR")}
        self.process = subprocess.Popen(
            [sys.executable, "-m", "benchmarks.worker", str(src), str(inputs), clock],
            cwd=ROOT,
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            text=True,
            env=env,
        )
        self.where = self.ask(None)["nmgpolicy"]

    def ask(self, command: Mapping[str, Any] | None) -> dict[str, Any]:
        assert self.process.stdin is not None
        assert self.process.stdout is not None
        if command is not None:
            self.process.stdin.write(json.dumps(command) + "\n")
            self.process.stdin.flush()
        line = self.process.stdout.readline()
        if not line:
            raise RuntimeError(f"worker exited ({self.process.wait()})")
        answer: dict[str, Any] = json.loads(line)
        return answer

    def close(self) -> None:
        with contextlib.suppress(RuntimeError, BrokenPipeError, ValueError):
            self.ask({"quit": True})
        self.process.wait(timeout=30)


def baseline(
    report: Report,
    sizes: Sizes,
    groups: Mapping[str, Mapping[str, Any]],
    path: Path,
) -> dict[str, tuple[Sample, Sample]]:
    """Every group's medians on this checkout and on ``path``, chunk by chunk in turn."""
    report.section(f"Against the baseline: {path}")
    src = path / "src" if (path / "src" / "nmgpolicy").is_dir() else path
    with tempfile.TemporaryDirectory() as folder:
        inputs = Path(folder) / "inputs.json"
        inputs.write_text(json.dumps({"groups": groups}, ensure_ascii=False), encoding="utf-8")
        workers = {
            "current": Worker(ROOT / "src", inputs, report.clock_name),
            "baseline": Worker(src, inputs, report.clock_name),
        }
        try:
            results = _drive(workers, groups, sizes.chunk, report.deadline)
        finally:
            for worker in workers.values():
                worker.close()
    report.line(f"this checkout: {_where(workers['current'].where)}")
    report.line(f"baseline:      {_where(workers['baseline'].where)}")
    report.line(
        f"{'group':<28}{'n':>6}{'this µs':>10}{'base µs':>10}{'speed-up':>10}  (baseline ÷ this)"
    )
    figures = {}
    for name, (current, base) in results.items():
        speedup = base.median_us / current.median_us if current.n and base.n else float("nan")
        report.line(
            f"{name:<28}{current.n:>6}{_fmt_us(current.median_us)}{_fmt_us(base.median_us)}"
            f"{speedup:>9.2f}×"
            + (f"  errors {current.errors}/{base.errors}" if current.errors or base.errors else "")
        )
        for who, sample in (("this", current), ("baseline", base)):
            if sample.first_error:
                report.line(f"{'':<28}first error ({who}): {sample.first_error[:200]}")
        report.ratio(f"{name}: speed-up vs baseline", speedup, "≥ 1 (none slower)")
        figures[name] = {"this": _summary(current), "baseline": _summary(base), "speedup": speedup}
    report.figures["baseline"] = {"path": str(path), "groups": figures}
    return results


MIN_BASELINE_INPUTS = 200
"""Each group of the baseline comparison times at least this many inputs, whatever the budget."""

COLUMNAR_RESERVE_S = 25.0
"""The time kept for the columnar section when the baseline comparison is cut short."""


def _drive(
    workers: Mapping[str, Worker],
    groups: Mapping[str, Mapping[str, Any]],
    chunk: int,
    deadline: float,
) -> dict[str, tuple[Sample, Sample]]:
    """Chunk by chunk in turns; a group stops early (after :data:`MIN_BASELINE_INPUTS`) when
    its share of the time left before ``deadline`` is spent (the table shows its ``n``)."""
    results: dict[str, tuple[Sample, Sample]] = {}
    for index, (name, group) in enumerate(groups.items()):
        share = (deadline - COLUMNAR_RESERVE_S - time.perf_counter()) / (len(groups) - index)
        stop_at = time.perf_counter() + share
        samples = {key: Sample(key) for key in workers}
        for worker in workers.values():
            worker.ask({"warm": name})
        for start in range(0, len(group["items"]), chunk):
            if start >= MIN_BASELINE_INPUTS and time.perf_counter() > stop_at:
                break
            for key, worker in workers.items():
                answer = worker.ask({"group": name, "start": start, "stop": start + chunk})
                samples[key].times_ns += answer["times"]
                samples[key].errors += answer["errors"]
                samples[key].first_error = samples[key].first_error or answer["first_error"]
        results[name] = (samples["current"], samples["baseline"])
    return results


# ------------------------------------------------------------------------------------------
# Columnar: ferroalloy (numpy floor, OpenFisca, nmgpolicy.columnar) and the cluster


def columnar(report: Report, sizes: Sizes, cluster_apps: list[Any], t: Thresholds) -> None:
    left = report.deadline - time.perf_counter()
    if left < COLUMNAR_RESERVE_S and sizes.rows > 200_000:
        report.line(f"\n(time budget: {left:.0f} s left, the columnar section runs 200,000 rows)")
        sizes = dataclasses.replace(sizes, rows=200_000, repeat=min(sizes.repeat, 2))
    report.section(f"Columnar: {sizes.rows:,} rows from pre-parsed numeric columns")
    try:
        import numpy  # noqa: F401
    except ImportError:
        report.line("numpy: not available (pip install openfisca-core, or the bench extra)")
        return
    _ferroalloy_columns(report, sizes)
    _cluster_columns(report, sizes, cluster_apps, t)
    _unit_strings(report, sizes)


def _unit_strings(report: Report, sizes: Sizes) -> None:
    """Money texts ("1234.5万元", full-width digits, spaces) parsed exactly to int64 fen by
    ``columnar.parse_amounts``, ``sizes.rows`` rows of ``sizes.rows // 10`` distinct texts,
    from a list and from a Polars Series; the row parser on new texts for scale."""
    from benchmarks import bench_units

    report.line(f"unit strings: {sizes.rows:,} money texts ({sizes.rows // 10:,} distinct)")
    row_rate = bench_units.row_strings_per_second(20_000)
    report.line(f"{'row parser (units.parse_amount), new texts':<40}{'':>13}{_rate(row_rate):>12}")
    best = 0.0
    for label, as_series in (("list", False), ("Polars Series", True)):
        rate = bench_units.vector_strings_per_second(
            size=sizes.rows, distinct=max(1, sizes.rows // 10), as_series=as_series
        )
        if rate is None:
            report.line(f"{'columnar.parse_amounts, ' + label:<40}  polars not installed")
            continue
        best = max(best, rate)
        report.line(f"{'columnar.parse_amounts, ' + label:<40}{'':>13}{_rate(rate):>12}")
    if best:
        report.ratio("unit strings: best parse_amounts ÷ 1 M strings/s", best / 1e6, "≥ 1")


def _columnar_line(
    report: Report, label: str, rows: int, best: timing.Best, note: str = ""
) -> None:
    """One columnar figure: the best wall time, its rate, and the rate by the CPU clock."""
    wall, cpu = _rate(rows / best.wall), _rate(rows / best.cpu) if best.cpu > 0 else "?"
    report.line(f"{label:<40}{best.wall * 1e3:>10.1f} ms  {wall:>12}{cpu:>12}  {note}")


def _columnar_header(report: Report, unit: str) -> None:
    report.line(f"{'path':<40}{'time':>13}  {unit + '/s':>12}{'CPU ' + unit + '/s':>12}")


def _ferroalloy_columns(report: Report, sizes: Sizes) -> None:
    from benchmarks import ferroalloy_peers as fp

    rule = fp.load_rule()
    columns = fp.generate(sizes.rows, rule)
    units = len(columns["unit_plan"])
    report.line(f"ferroalloy: {sizes.rows:,} plans, {units:,} retired units (第三条–第五条)")
    _columnar_header(report, "plans")
    best, result = timing.best_of_clocks(lambda: fp.numpy_floor(columns, rule), sizes.repeat)
    exact = result[2]  # type: ignore[index]
    _columnar_line(report, "numpy floor (int64, exact)", sizes.rows, best)
    figures: dict[str, Any] = {
        "rows": sizes.rows,
        "units": units,
        "numpy_floor_rows_per_s": sizes.rows / best.wall,
    }
    openfisca_rate = _openfisca(report, sizes, rule, columns, exact, figures)

    def differs(result: Any, rows: int) -> int:
        met = columnar_adapter.finding(result, "ferroalloy.sufficient_retirement")
        return -1 if met is None else int(((met == 0) != exact[:rows]).sum())

    columnar_rate = _columnar(
        report,
        sizes,
        "ferroalloy",
        lambda rows: columnar_adapter.ferroalloy_tables(fp.head(columns, rows)),
        differs,
        figures,
    )
    if openfisca_rate and columnar_rate:
        _ratios_by_clock(
            report,
            "ferroalloy: columnar ÷ OpenFisca (rows/s, {} clock)",
            columnar_rate,
            openfisca_rate,
        )
    report.figures["ferroalloy_columnar"] = figures


def _openfisca(
    report: Report, sizes: Sizes, rule: Any, columns: Any, exact: Any, figures: dict[str, Any]
) -> timing.Best | None:
    """Time OpenFisca's simulation of the rule; its rates (rows/s by each clock), or None."""
    from benchmarks import ferroalloy_peers as fp

    try:
        peer = fp.OpenFiscaPeer(rule)
    except ImportError:
        report.line("OpenFisca: not available (pip install openfisca-core, or the bench extra)")
        return None
    start = time.perf_counter()
    simulation = peer.simulation(columns)
    build = time.perf_counter() - start
    best, result = timing.best_of_clocks(lambda: peer.calculate(simulation), sizes.repeat)
    differs = int((result != exact).sum())
    _columnar_line(
        report,
        "OpenFisca-Core simulation (float32)",
        sizes.rows,
        best,
        f"(+{build:.1f} s to build; {differs} plans differ from exact)",
    )
    rates = _rates(sizes.rows, best)
    figures.update(
        openfisca_rows_per_s=rates.wall,
        openfisca_cpu_rows_per_s=rates.cpu,
        openfisca_build_s=build,
        openfisca_differs=differs,
    )
    return rates


def _rates(rows: int, best: timing.Best) -> timing.Best:
    """Rows per second by each clock (a :class:`timing.Best` of rates, not of seconds)."""
    return timing.Best(rows / best.wall, rows / best.cpu if best.cpu > 0 else float("inf"))


def _ratios_by_clock(
    report: Report, name: str, rates: timing.Best, over: timing.Best, goal: str = "≥ 1"
) -> None:
    """One ratio line per clock: ``rates`` ÷ ``over`` (``name`` has a ``{}`` for the clock)."""
    for clock in ("wall", "cpu"):
        report.ratio(name.format(clock), getattr(rates, clock) / getattr(over, clock), goal)


CLUSTER_GOAL_RATE = 10e6  # applications per second (issue 11)
CLUSTER_GOAL_ROWS = 1_000_000
"""The goal of 10 M applications/s is set for a batch of a million (a smaller batch pays the
fixed cost of a call on fewer rows; ``--rows`` may ask for any size)."""

PROBE_ROWS = 2000
"""The columnar path first runs on this many rows; the full run only if it would take < 10 s
(rows the columnar path sends to the row path cost a row-path call each)."""


def _columnar(
    report: Report,
    sizes: Sizes,
    ruleset: str,
    tables: Callable[[int], Any],
    differs: Callable[[Any, int], int],
    figures: dict[str, Any],
) -> timing.Best | None:
    """Time ``nmgpolicy.columnar`` (through the adapter); its rows/s by each clock, or None."""
    if columnar_adapter.module() is None:
        report.line("columnar: not available (nmgpolicy.columnar)")
        return None
    try:
        probe = min(sizes.rows, PROBE_ROWS)
        best, result = timing.best_of_clocks(
            lambda: columnar_adapter.evaluate(ruleset, tables(probe)), 1
        )
        rows = probe
        if probe < sizes.rows and best.wall * sizes.rows / probe < 10:
            big = tables(sizes.rows)
            rows = sizes.rows
            best, result = timing.best_of_clocks(
                lambda: columnar_adapter.evaluate(ruleset, big), sizes.repeat
            )
    except Exception as error:  # the API is in flux: report, go on
        report.line(f"columnar: failed ({type(error).__name__}: {error}); see columnar_adapter.py")
        return None
    share = columnar_adapter.row_path_share(result)
    wrong = differs(result, rows)
    note = f"({share:.0%} of rows on the row path; {wrong} rows differ from exact"
    if rows < sizes.rows:
        note += f"; probe of {rows:,} rows — the {sizes.rows:,}-row run would take > 10 s"
    else:
        peak = _peak_mb(lambda: columnar_adapter.evaluate(ruleset, tables(sizes.rows)))
        note += f"; peak {peak:.0f} MB"
        figures["columnar_peak_mb"] = peak
    _columnar_line(report, "nmgpolicy.columnar", rows, best, note + ")")
    rates = _rates(rows, best)
    figures.update(
        columnar_rows=rows,
        columnar_rows_per_s=rates.wall,
        columnar_cpu_rows_per_s=rates.cpu,
        columnar_row_path_share=share,
        columnar_differs=wrong,
    )
    return rates


def _cluster_columns(report: Report, sizes: Sizes, apps: list[Any], t: Thresholds) -> None:
    from benchmarks.cluster_peers import numpy_floor

    columns = columnar_adapter.cluster_columns([a["app"] for a in apps], sizes.rows)
    report.line(f"cluster: {sizes.rows:,} applications × 3 years, every condition")
    _columnar_header(report, "apps")
    best, floor = timing.best_of_clocks(lambda: numpy_floor(columns, t), sizes.repeat)
    _columnar_line(report, "numpy floor (int64, exact)", sizes.rows, best)
    figures: dict[str, Any] = {"rows": sizes.rows, "numpy_floor_rows_per_s": sizes.rows / best.wall}
    eligible = floor["eligible"]  # type: ignore[index]

    def differs(result: Any, rows: int) -> int:
        return int(((columnar_adapter.decisions(result) == 0) != eligible[:rows]).sum())

    rates = _columnar(
        report,
        sizes,
        "cluster",
        lambda rows: columnar_adapter.cluster_tables(columnar_adapter.head(columns, rows)),
        differs,
        figures,
    )
    if rates is not None and figures["columnar_rows"] == CLUSTER_GOAL_ROWS:
        goal = timing.Best(CLUSTER_GOAL_RATE, CLUSTER_GOAL_RATE)
        _ratios_by_clock(report, "cluster: columnar ÷ 10 M applications/s ({} clock)", rates, goal)
    report.figures["cluster_columnar"] = figures


def _peak_mb(run: Callable[[], object]) -> float:
    """Peak memory allocated during ``run`` (tracemalloc; numpy's buffers are traced)."""
    import tracemalloc

    tracemalloc.start()
    try:
        run()
        return tracemalloc.get_traced_memory()[1] / 2**20
    finally:
        tracemalloc.stop()


# ------------------------------------------------------------------------------------------
# The ratios, and the run


def ratios(report: Report, peers: Mapping[str, Sample]) -> None:
    report.section("Ratios (measured in this run)")
    nmg = peers["nmgpolicy"].median_us
    if "zen" in peers:
        report.ratio(
            "cluster: ZEN median ÷ nmgpolicy median",
            peers["zen"].median_us / nmg,
            "≥ 3 (nmgpolicy 3× faster than ZEN)",
        )
    report.ratio(
        "cluster: nmgpolicy median ÷ plain-Python median",
        nmg / peers["floor"].median_us,
        "the distance to the floor",
    )
    for name, value, goal in report.ratios:
        report.line(f"{name:<58}{value:>8.2f}×   goal: {goal}")


def _load_warning(report: Report) -> None:
    """Say so when the machine is busy: every figure is slower, long calls most."""
    if not hasattr(os, "getloadavg"):
        return
    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
    load = os.getloadavg()[0]
    if cores and load > 1.5 * cores:
        report.line(
            f"note: load {load:.1f} on {cores} cores — figures and elapsed time suffer; compare "
            "only ratios, and consider --clock cpu"
        )


def _where(module_file: str) -> str:
    """A package's folder, relative to this checkout when it is inside it."""
    folder = Path(module_file).resolve().parent
    return str(folder.relative_to(ROOT)) if folder.is_relative_to(ROOT) else str(folder)


def machine() -> str:
    load = os.getloadavg() if hasattr(os, "getloadavg") else ("?",)
    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
    return (
        f"{platform.python_implementation()} {platform.python_version()}, {platform.machine()}, "
        f"{cores} cores, load average {', '.join(f'{x:.2f}' for x in load)}"
    )


def versions() -> str:
    from importlib import metadata

    out = []
    for package in ("zen-engine", "openfisca-core", "numpy"):
        try:
            out.append(f"{package} {metadata.version(package)}")
        except metadata.PackageNotFoundError:
            out.append(f"{package} (not installed)")
    return ", ".join(out)


def arguments(argv: Sequence[str] | None) -> argparse.Namespace:
    summary = (__doc__ or "").split("\n")[0]
    parser = argparse.ArgumentParser(prog="python -m benchmarks", description=summary)
    size = parser.add_mutually_exclusive_group()
    size.add_argument("--quick", action="store_true", help="smaller samples (about 20 s)")
    size.add_argument("--full", action="store_true", help="larger samples (under 2 minutes)")
    parser.add_argument(
        "--baseline",
        type=Path,
        metavar="PATH",
        help="a checkout of an older revision (its src/ is timed in a worker)",
    )
    parser.add_argument("--rows", type=int, help="columnar rows (default: 1,000,000)")
    parser.add_argument("--json", type=Path, metavar="PATH", help="also write the figures here")
    parser.add_argument("--no-columnar", action="store_true", help="skip the columnar section")
    parser.add_argument(
        "--budget",
        type=float,
        default=110.0,
        metavar="SECONDS",
        help="time budget (default 110): on a busy machine the baseline comparison stops early "
        "(at least 200 inputs a group) and the columnar section runs fewer rows",
    )
    parser.add_argument(
        "--clock",
        choices=sorted(timing.CLOCKS),
        default="wall",
        help="single calls timed by elapsed time (wall, the default) or by the process's CPU "
        "time (cpu: steadier on a loaded machine)",
    )
    return parser.parse_args(argv)


def main(argv: Sequence[str] | None = None) -> int:
    args = arguments(argv)
    started = time.perf_counter()
    os.environ.pop("NMGPOLICY_CALENDAR", None)  # as the golden corpus: the shipped calendar
    sizes = SIZES["quick" if args.quick else "full" if args.full else "default"]
    if args.rows:
        sizes = dataclasses.replace(sizes, rows=args.rows)
    report = Report(args.clock, args.budget)
    import nmgpolicy

    report.line(f"nmgpolicy benchmark — {dt.datetime.now():%Y-%m-%d %H:%M}")
    report.line(f"machine: {machine()}")
    _load_warning(report)
    report.line(f"nmgpolicy: {_where(nmgpolicy.__file__)}; peers: {versions()}")
    report.line(f"sizes: {sizes}; single calls timed by the {args.clock} clock")
    gc.collect()
    t = load_thresholds()
    groups = golden_groups(sizes)
    row_path(report, groups)
    warm, timed = cluster_inputs(sizes, t)
    peers = cluster_peers(report, sizes, t, warm, timed)
    if args.baseline is not None:
        groups = {**groups, "cluster (peer inputs)": _peer_group(warm, timed)}
        baseline(report, sizes, groups, args.baseline)
    if not args.no_columnar:
        columnar(report, sizes, timed, t)
    ratios(report, peers)
    elapsed = time.perf_counter() - started
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    report.line(f"\npeak memory of this process: {peak:.0f} MB; elapsed: {elapsed:.1f} s")
    if args.json is not None:
        report.figures.update(
            elapsed_s=elapsed, peak_rss_mb=peak, machine=machine(), sizes=dataclasses.asdict(sizes)
        )
        args.json.write_text(
            json.dumps(report.figures, indent=2, ensure_ascii=False) + "\n", encoding="utf-8"
        )
    return 0


def _peer_group(warm: list[Any], timed: list[Any]) -> dict[str, Any]:
    return {
        "ruleset": "cluster",
        "items": [[w["facts"], w["on"], None] for w in timed],
        "warmup": [[w["facts"], w["on"], None] for w in warm],
    }


if __name__ == "__main__":
    raise SystemExit(main())
