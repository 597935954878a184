"""The inputs of the benchmark: golden fact sets per rule set, and numeric cluster applications.

Two kinds of input, both deterministic (fixed seeds) and all distinct:

* :func:`golden_inputs` — for every rule set, fact sets rebuilt from the golden corpus
  generator (``tests.golden.cases.build``), keeping only the cases the corpus records as
  decisions (no error) and only one case per distinct input (the corpus's input digest). These
  crowd every threshold, use odd units, leave facts out and override parameters: the row path
  as users meet it.
* :func:`cluster_applications` — complete cluster applications generated here as *numbers*
  (amounts as integers in 元, shares in 0.01 %, areas in 0.01 km², carbon intensity in
  0.0001 吨/万元), each crowding the thresholds of 第五条 (exactly at a threshold, one smallest
  unit either side, or comfortably past it), with :func:`cluster_facts` writing the same
  numbers as the facts a caller passes to ``nmgpolicy.evaluate`` (in 元, 万元 or 亿元, "7.99%",
  "0.9200吨/万元" …). The ZEN peer and the plain-Python floor take the numbers; nmgpolicy takes
  the facts: the same applications on every path.

Nothing here imports nmgpolicy at import time (the baseline worker times an older revision on
these inputs); the attestation keys are the library's own (:func:`attestation_keys`); the
thresholds come in from the caller, read with ``nmgpolicy.params.load_parameters``.
"""

from __future__ import annotations

import datetime as dt
import json
import random
from collections.abc import Iterator, Sequence
from decimal import Decimal
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
GOLDEN = ROOT / "tests" / "golden"


def attestation_keys() -> tuple[str, ...]:
    """The attestations of the cluster facts, in order: ``nmgpolicy.rules.cluster.ATTESTATIONS``
    itself (imported when first asked for, so that importing this module imports no nmgpolicy)."""
    from nmgpolicy.rules.cluster import ATTESTATIONS

    return ATTESTATIONS


def __getattr__(name: str) -> Any:
    """``ATTESTATION_KEYS``: :func:`attestation_keys` (the name the adapters import)."""
    if name == "ATTESTATION_KEYS":
        return attestation_keys()
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


CHAMPION = ("single_champion", "little_giant")
DESIGNATED = ("innovative_sme", "specialized_sme", "high_tech")


# ------------------------------------------------------------------------------------------
# Golden fact sets


def golden_inputs(ruleset: str, count: int, *, skip: int = 0) -> list[dict[str, Any]]:
    """Up to ``count`` distinct golden cases of ``ruleset`` that the corpus records as decisions.

    Each is ``{"id", "facts", "on", "parameters"}`` (``on`` an ISO date). Cases are taken in a
    fixed shuffled order after the first ``skip`` distinct ones (which a caller keeps for a
    warm-up), so that every base example and every kind of mutation is represented.
    """
    from tests.golden import cases, generate

    spec = json.loads((GOLDEN / "spec.json").read_text(encoding="utf-8"))["rulesets"][ruleset]
    _, records = generate.read_corpus(generate.corpus_path(ruleset))
    order = sorted(records)
    random.Random(f"bench/{ruleset}").shuffle(order)
    seen: set[str] = set()
    picked: list[dict[str, Any]] = []
    for index in order:
        record = records[index]
        if "e" in record or record["f"] in seen:
            continue
        seen.add(record["f"])
        if len(seen) <= skip:
            continue
        case = cases.build(generate.SEED, ruleset, spec, index)
        picked.append(
            {
                "id": record["id"],
                "facts": case["facts"],
                "on": case["on"],
                "parameters": case["parameters"],
            }
        )
        if len(picked) == count:
            break
    return picked


def rulesets() -> list[str]:
    """The rule sets of the golden corpus (every registered rule set when it was frozen)."""
    spec = json.loads((GOLDEN / "spec.json").read_text(encoding="utf-8"))
    return sorted(spec["rulesets"])


# ------------------------------------------------------------------------------------------
# Numeric cluster applications


def _around(
    rng: random.Random,
    edge: int,
    good: tuple[int, int],
    bad: tuple[int, int],
    *,
    crowd: float = 0.25,
    fail: float = 0.05,
) -> int:
    """A value at ``edge`` exactly or one unit either side (``crowd`` of the time), in the
    failing range ``bad`` (``fail`` of the time), else in the passing range ``good``."""
    draw = rng.random()
    if draw < crowd:
        return edge + rng.choice((-1, 0, 0, 1))
    low, high = bad if draw < crowd + fail else good
    return rng.randint(min(low, high), max(low, high))


def _ceil_div(a: int, b: int) -> int:
    return -(-a // b)


def _fraction(value: Decimal) -> tuple[int, int]:
    numerator, denominator = value.as_integer_ratio()
    return numerator, denominator


def _growth_pair(rng: random.Random, first: int, rate: Decimal, steps: int) -> tuple[int, int]:
    """(first, last) whose compound growth over ``steps`` crowds ``rate``."""
    n, d = _fraction((1 + rate) ** steps)
    edge = _ceil_div(first * n, d)
    return first, max(1, _around(rng, edge, (edge, edge * 3 // 2), (first * 9 // 10, edge - 1)))


def _carbon(rng: random.Random) -> list[int]:
    """Three years of carbon intensity (0.0001 吨/万元): falling, flat, or rising by a hair."""
    first = rng.randint(5000, 12000)
    falls = [
        rng.choice((-50, 0)) if rng.random() < 0.06 else rng.choice((1, 40, 120, 300))
        for _ in range(2)
    ]
    return [first, first - falls[0], first - falls[0] - falls[1]]


def cluster_application(
    rng: random.Random, thresholds: dict[str, Any], year: int
) -> dict[str, Any]:
    """One complete cluster application as numbers, its recent years ending with ``year``.

    ``thresholds`` is ``load_parameters("cluster").resolve(on, None).values``. Each condition
    is met about nine times in ten (a fifth of the applications are eligible), and crowded:
    a quarter of the values sit at the threshold exactly or one smallest unit either side.
    """
    t = thresholds
    steps = t["growth_window_years"] - 1
    low = int(t["min_annual_output"])
    output = [
        _around(rng, low, (low, 3 * low), (low * 8 // 10, low - 1), crowd=0.1, fail=0.02)
        for _ in range(3)
    ]
    sme_n, sme_d = _fraction(t["min_sme_share"])
    lead_n, lead_d = _fraction(t["min_leading_share"])
    sme_edge = _ceil_div(output[2] * sme_n, sme_d)
    sme_last = min(output[2], _around(rng, sme_edge, (sme_edge, output[2]), (0, sme_edge - 1)))
    lead_edge = _ceil_div(output[2] * lead_n, lead_d)
    lead_last = _around(rng, lead_edge, (lead_edge, output[2]), (output[2] // 3, lead_edge - 1))
    lead_last = max(1, min(output[2], lead_last))
    g_n, g_d = _fraction((1 + t["min_leading_growth"]) ** steps)
    lead_edge0 = lead_last * g_d // g_n  # the largest first year that still grows enough
    lead_first = _around(rng, lead_edge0, (lead_last // 2, lead_edge0), (lead_edge0 + 1, lead_last))
    lead_first = max(1, min(lead_first, output[0]))
    leading = [lead_first, min(output[1], (lead_first + lead_last) // 2), lead_last]
    sme = [output[0] * 7 // 10, output[1] * 7 // 10, sme_last]
    rd = _growth_pair(rng, rng.randint(10**7, 10**8), t["min_rd_expense_growth"], steps)
    patents = _growth_pair(rng, rng.randint(20, 400), t["min_patent_growth"], steps)
    density_n, density_d = _fraction(t["min_patent_density"])
    # patents * per / employees >= density  <=>  employees <= patents * per / density
    cap = max(2, patents[1] * t["patent_density_per"] * density_d // max(1, density_n))
    employees = max(1, _around(rng, cap, (cap // 2, cap), (cap + 1, cap * 3 // 2)))
    staff_n, staff_d = _fraction(t["min_rd_staff_share"])
    staff_edge = _ceil_div(employees * staff_n, staff_d)
    rd_staff = _around(rng, staff_edge, (staff_edge, employees // 5), (0, staff_edge - 1))
    rd_staff = min(employees, max(0, rd_staff))
    area_edge = int(t["max_area"] * 100)
    net_edge = int(t["min_industrial_internet"] * 10000)
    platforms = t["min_innovation_platforms"]
    return {
        "year": year,
        "area": _around(
            rng, area_edge, (area_edge // 5, area_edge), (area_edge + 1, area_edge * 11 // 10)
        ),
        "output": output,
        "sme_output": sme,
        "leading": leading,
        "rd_expense": [rd[0], (rd[0] + rd[1]) // 2, rd[1]],
        "patents": [patents[0], (patents[0] + patents[1]) // 2, patents[1]],
        "employees": employees,
        "rd_staff": rd_staff,
        "platforms": max(
            0, _around(rng, platforms, (platforms, platforms + 4), (0, platforms - 1))
        ),
        "internet": _around(rng, net_edge, (net_edge, net_edge * 3), (net_edge // 2, net_edge - 1)),
        "carbon": _carbon(rng),
        "champions": rng.choice((0, 1, 1, 2)),
        "designated": rng.choice((0, 2, 2, 3)),
        "high_energy": rng.random() < 0.5,
        "energy_ok": rng.random() < 0.9,
        "high_water": rng.random() < 0.3,
        "water_ok": rng.random() < 0.9,
        "incidents": rng.random() < 0.03,
        "attest": [rng.random() < 0.995 for _ in attestation_keys()],
    }


def cluster_applications(
    count: int, thresholds: dict[str, Any], *, seed: str = "bench/cluster"
) -> list[dict[str, Any]]:
    """``count`` numeric cluster applications (distinct: each carries its own index)."""
    rng = random.Random(seed)
    apps = []
    for index in range(count):
        app = cluster_application(rng, thresholds, 2020 + index % 5)
        app["index"] = index
        apps.append(app)
    return apps


# ---- the same application as facts ----------------------------------------------------------

_MONEY_UNITS = (("元", 0), ("万元", 4), ("亿元", 8))


def _scaled(value: int, places: int) -> str:
    """``value / 10**places`` written exactly, without trailing zeros ("16.2", "1500000000")."""
    text = format(Decimal(value).scaleb(-places), "f")
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return text


def _money(rng: random.Random, value: int) -> str:
    suffix, places = rng.choice(_MONEY_UNITS)
    return _scaled(value, places) + suffix


def _names(index: int, count: int, tag: str) -> Iterator[str]:
    for k in range(count):
        yield f"包头某{tag}{index}-{k}有限公司"


def _enterprises(app: dict[str, Any], rng: random.Random) -> list[dict[str, Any]]:
    people: list[dict[str, Any]] = [
        {"name": name, "designations": [rng.choice(CHAMPION)]}
        for name in _names(app["index"], app["champions"], "冠军")
    ]
    people += [
        {"name": name, "designations": [rng.choice(DESIGNATED)]}
        for name in _names(app["index"], app["designated"], "科技")
    ]
    if people and rng.random() < 0.3:  # a champion that is also high-tech counts in both
        people[0]["designations"].append("high_tech")
    people.append({"name": f"包头某配套{app['index']}有限公司", "designations": []})
    return people


def cluster_counts(facts: dict[str, Any]) -> tuple[int, int]:
    """(champions, designated) as 第五条（三） counts them from the facts' enterprises."""
    champions = sum(1 for e in facts["enterprises"] if set(e["designations"]) & set(CHAMPION))
    designated = sum(1 for e in facts["enterprises"] if set(e["designations"]) & set(DESIGNATED))
    return champions, designated


def cluster_facts(app: dict[str, Any]) -> tuple[dict[str, Any], str]:
    """The facts of ``app`` for ``nmgpolicy.evaluate("cluster", …)``, and the evaluation date.

    The application date is 20 May of the year after the last recent year, so "近三年" are the
    three years given; amounts are written in a unit drawn at random.
    """
    rng = random.Random(f"facts/{app['index']}")
    last = app["year"]
    years = [
        {
            "year": last - 2 + k,
            "output": _money(rng, app["output"][k]),
            "sme_output": _money(rng, app["sme_output"][k]),
            "leading_output": _money(rng, app["leading"][k]),
            "sme_rd_expense": _money(rng, app["rd_expense"][k]),
            "invention_patents": app["patents"][k],
            "carbon_intensity": _scaled(app["carbon"][k], 4) + "吨/万元",
        }
        for k in range(3)
    ]
    rng.shuffle(years)
    facts: dict[str, Any] = {
        "name": f"包头市某特色产业集群{app['index']}",
        "leading_industry": "稀土永磁材料",
        "applied_on": dt.date(last + 1, 5, 20).isoformat(),
        "area": _scaled(app["area"], 2) + "平方公里",
        "years": years,
        "enterprises": _enterprises(app, rng),
        "employees": f"{app['employees']}人",
        "rd_staff": f"{app['rd_staff']}人",
        "innovation_platforms": app["platforms"],
        "industrial_internet_penetration": _scaled(app["internet"], 2) + "%",
        "high_energy": app["high_energy"],
        "energy_efficiency_above_benchmark": app["energy_ok"],
        "high_water": app["high_water"],
        "water_efficiency_above_average": app["water_ok"],
        "major_incidents_last_3_years": app["incidents"],
        "attestations": dict(zip(attestation_keys(), app["attest"], strict=True)),
    }
    return facts, dt.date(last + 1, 6, 1).isoformat()


def peer_numbers(app: dict[str, Any], facts: dict[str, Any]) -> dict[str, Any]:
    """What the ZEN graph and the floor take: the numbers, pre-parsed (no units, no dates)."""
    champions, designated = cluster_counts(facts)
    return {
        "area": app["area"],
        "output": app["output"],
        "sme_output": app["sme_output"][2],
        "leading": app["leading"],
        "rd_expense": app["rd_expense"],
        "patents": app["patents"],
        "employees": app["employees"],
        "rd_staff": app["rd_staff"],
        "platforms": app["platforms"],
        "internet": app["internet"],
        "carbon": app["carbon"],
        "champions": champions,
        "designated": designated,
        "high_energy": app["high_energy"],
        "energy_ok": app["energy_ok"],
        "high_water": app["high_water"],
        "water_ok": app["water_ok"],
        "incidents": app["incidents"],
        "attest": app["attest"],
    }


def cluster_workload(
    count: int, thresholds: dict[str, Any], *, seed: str = "bench/cluster"
) -> list[dict[str, Any]]:
    """``count`` applications, each ``{"facts", "on", "numbers", "app"}``: the same
    application on every path (``app``: every year's numbers, for the columnar tables)."""
    out = []
    for app in cluster_applications(count, thresholds, seed=seed):
        facts, on = cluster_facts(app)
        numbers = peer_numbers(app, facts)
        app = {**app, "champions": numbers["champions"], "designated": numbers["designated"]}
        out.append({"facts": facts, "on": on, "numbers": numbers, "app": app})
    return out


def chunks(items: Sequence[Any], size: int) -> Iterator[Sequence[Any]]:
    for start in range(0, len(items), size):
        yield items[start : start + size]
