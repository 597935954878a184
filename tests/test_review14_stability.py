"""Review of issue #11 (stability promise): nothing public lost its name or its shape.

The refactor of issue #11 promises that "everything public today keeps its name and shape
(rule-set ids, finding ids, parameter names, result keys, helpers, module constants such as
``cluster.ATTESTATIONS``)" and that helpers such as ``ferroalloy.ratio`` and
``cluster.valid_until`` stay "public and unchanged" (docs/definitions.md, "Stability promise").

``tests/test_review14_frozen.py`` holds the public surface of the library *before* the
refactor (commit f793be7), captured with the functions of this module run against that
commit: every name of every public module's ``__all__``, the signatures of the public
functions, classes and methods, the module constants, the enumerations, the rule-set ids,
criteria, parameters (their types and a digest of their dated values), the facts schemas, the
command line's options, and, on the bundled examples and the golden corpus's stored inputs, the
finding ids, result keys, the JSON shape of the results and their key order; plus a digest per
public helper of its answers (or errors) on a grid of inputs. Nothing here needs the old commit
at run time.

Tests marked ``xfail(strict=True)`` pin a change that the CHANGELOG and tests/golden/README.md do
not list as deliberate: they fail today, and pass (so the mark must go) once it is fixed.
"""

from __future__ import annotations

import ast
import base64
import datetime as dt
import enum
import hashlib
import importlib
import inspect
import json
import os
import pickle
import re
import typing
from collections.abc import Callable, Iterator
from decimal import Decimal
from functools import cache
from pathlib import Path
from typing import Any

import attrs
import pytest

import nmgpolicy
from nmgpolicy import engine, errors, periods, sme, units
from nmgpolicy.outcome import Decision, DecisionStatus, Finding, Message, Status
from nmgpolicy.params import load_parameters
from nmgpolicy.rules import cluster, disclosure, ferroalloy, first_set
from tests.golden import generate

ROOT = Path(__file__).resolve().parent.parent

#: The modules whose ``__all__`` is public (docs/definitions.md names helpers of several).
MODULES = (
    "nmgpolicy",
    "nmgpolicy.rules",
    "nmgpolicy.rules.cluster",
    "nmgpolicy.rules.disclosure",
    "nmgpolicy.rules.ferroalloy",
    "nmgpolicy.rules.first_set",
    "nmgpolicy.rules.sme_innovative",
    "nmgpolicy.rules.sme_specialized",
    "nmgpolicy.sme",
    "nmgpolicy.inspection",
    "nmgpolicy.catalog",
    "nmgpolicy.periods",
    "nmgpolicy.units",
    "nmgpolicy.outcome",
    "nmgpolicy.engine",
    "nmgpolicy.errors",
    "nmgpolicy.params",
    "nmgpolicy.schema",
    "nmgpolicy.cli",
    "nmgpolicy.cluster",
    "nmgpolicy.disclosure",
    "nmgpolicy.ferroalloy",
    "nmgpolicy.first_set",
    "nmgpolicy.criteria",
    "nmgpolicy.render",
    "nmgpolicy.limits",
    "nmgpolicy.convert",
)


def _frozen() -> dict[str, Any]:
    from tests.test_review14_frozen import FROZEN

    return FROZEN


# ------------------------------------------------------------------------------------------
# What is compared (the same functions captured the frozen surface from f793be7)


def canon(value: object) -> str:
    """``repr`` with sets sorted (their order depends on the hash seed)."""
    if isinstance(value, (set, frozenset)):
        return "{" + ", ".join(sorted(repr(x) for x in value)) + "}"
    return repr(value)


def sig_text(obj: object) -> str | None:
    """The signature without annotations: names, kinds and defaults, e.g. ``(a, *, b=None)``."""
    try:
        signature = inspect.signature(obj)  # type: ignore[arg-type]
    except (TypeError, ValueError):
        return None
    out: list[str] = []
    star = False
    for p in signature.parameters.values():
        if p.kind is inspect.Parameter.VAR_POSITIONAL:
            out.append("*" + p.name)
            star = True
            continue
        if p.kind is inspect.Parameter.VAR_KEYWORD:
            out.append("**" + p.name)
            continue
        if p.kind is inspect.Parameter.KEYWORD_ONLY and not star:
            out.append("*")
            star = True
        text = p.name if p.default is inspect.Parameter.empty else f"{p.name}={canon(p.default)}"
        if p.kind is inspect.Parameter.POSITIONAL_ONLY:
            text += "/"
        out.append(text)
    return "(" + ", ".join(out) + ")"


def resolve(path: str) -> object:
    """``nmgpolicy.rules.cluster.ClusterRuleSet.evaluate`` → the object (module, then attrs)."""
    parts = path.split(".")
    for cut in range(len(parts), 0, -1):
        try:
            obj: object = importlib.import_module(".".join(parts[:cut]))
        except ImportError:
            continue
        for name in parts[cut:]:
            obj = getattr(obj, name)
        return obj
    raise ImportError(path)


def flat_shape(value: object, path: str = "") -> Iterator[str]:
    """The JSON shape of ``value`` as ``path:type`` lines (``[]`` for list items)."""
    if isinstance(value, dict):
        if not value:
            yield path + "{}"
        for key, item in value.items():
            yield from flat_shape(item, f"{path}.{key}" if path else key)
    elif isinstance(value, list):
        if not value:
            yield path + "[]"
        for item in value:
            yield from flat_shape(item, path + "[]")
    else:
        yield f"{path}:{type(value).__name__}"


def example_and_golden_inputs(ruleset: str) -> list[tuple[Any, str, Any]]:
    """The bundled examples of ``ruleset``, then the inputs the golden corpus stores in full."""
    out: list[tuple[Any, str, Any]] = []
    for index in sorted((ROOT / "examples").glob("*/index.json")):
        spec = json.loads(index.read_text(encoding="utf-8"))
        for case in spec["cases"]:
            if case.get("ruleset", spec.get("ruleset")) == ruleset:
                facts = json.loads((index.parent / case["file"]).read_text(encoding="utf-8"))
                out.append((facts, case["on"], None))
    _, records = generate.read_corpus(generate.corpus_path(ruleset))
    for i in sorted(records):
        if "input" in records[i]:
            given = records[i]["input"]
            out.append((given["facts"], given["on"], given["parameters"]))
    return out


@cache
def observed(ruleset: str) -> dict[str, Any]:
    """Finding ids, result keys, result shapes and key orders over the inputs above."""
    ids: set[str] = set()
    keys: set[str] = set()
    shapes: set[str] = set()
    orders: list[str] = []
    decision_keys: list[str] = []
    finding_keys: list[str] = []
    count = 0
    for facts, on, parameters in example_and_golden_inputs(ruleset):
        try:
            decision = nmgpolicy.evaluate(
                ruleset, facts, on=dt.date.fromisoformat(on), parameters=parameters
            )
        except nmgpolicy.NmgPolicyError:
            continue
        count += 1
        data = decision.to_dict()
        decision_keys = list(data)
        finding_keys = list(data["findings"][0])
        ids.update(f.id for f in decision.findings)
        keys.update(decision.results)
        shapes.update(flat_shape(json.loads(json.dumps(data["results"]))))
        order = " ".join(decision.results)
        if order not in orders:
            orders.append(order)
    return {
        "finding_ids": " ".join(sorted(ids)),
        "result_keys": " ".join(sorted(keys)),
        "result_shapes": " ".join(sorted(shapes)),
        "result_orders": orders,
        "n_cases": count,
        "decision_to_dict_keys": decision_keys,
        "finding_to_dict_keys": finding_keys,
    }


def probe_lines() -> Iterator[str]:
    """Each public helper called on a grid of inputs: ``label => repr or error``."""

    def call(label: str, f: Callable[..., object], *a: object, **k: object) -> str:
        try:
            shown = repr(f(*a, **k))
        except errors.NmgPolicyError as e:
            shown = f"!{type(e).__name__}: {e}"
        except Exception as e:  # pinned as well: an escape that changes is a change
            shown = f"!!{type(e).__name__}: {e}"
        return f"{label} => {shown}"

    dates: list[object] = [
        dt.date(2024, 2, 29),
        dt.date(2025, 1, 1),
        dt.date(2025, 9, 26),
        dt.date(2025, 12, 31),
        "2026-03-31",
        "2019-05-14",
        None,
        "bad",
        5,
    ]
    scales: list[object] = ["0吨", "29.9999万吨", "30万吨", "50万吨", "50.0001万吨", "100万吨"]
    scales += ["200万吨", "1000万吨", 300000, "-1吨", "abc", None]
    for kind in ("single", "group", "x", None):
        for s in scales:
            for on in (None, dt.date(2025, 6, 1), dt.date(2019, 1, 1)):
                yield call(
                    f"ferroalloy.ratio({kind!r},{s!r},on={on})", ferroalloy.ratio, kind, s, on=on
                )
                yield call(
                    f"ferroalloy.tier({kind!r},{s!r},on={on})", ferroalloy.tier, kind, s, on=on
                )
            for n in ("10万吨", "0吨", "3万吨", "x"):
                yield call(
                    f"ferroalloy.required_retirement({kind!r},{s!r},{n!r})",
                    ferroalloy.required_retirement,
                    kind,
                    s,
                    n,
                )
        yield call(f"ferroalloy.tiers({kind!r})", ferroalloy.tiers, kind)
    yield call("ferroalloy.tiers()", ferroalloy.tiers)
    overrides: list[dict[str, object]] = [
        {"ratio_medium": "1.5"},
        {"ratio_medium": "-1"},
        {"nope": 1},
        {"single_scale_lower": "20万吨"},
    ]
    for p in overrides:
        yield call(
            f"ferroalloy.ratio(single,40万吨,{p})",
            ferroalloy.ratio,
            "single",
            "40万吨",
            parameters=p,
        )
        yield call(f"ferroalloy.tiers(single,{p})", ferroalloy.tiers, "single", parameters=p)
    for d in dates:
        yield call(f"ferroalloy.plan_notice_due({d!r})", ferroalloy.plan_notice_due, d)
        yield call(f"cluster.valid_until({d!r})", cluster.valid_until, d)
        yield call(f"cluster.valid_until({d!r},renewed)", cluster.valid_until, d, renewed=True)
        yield call(f"cluster.change_filing_due({d!r})", cluster.change_filing_due, d)
        yield call(f"first_set.public_notice({d!r})", first_set.public_notice, d)
        yield call(f"first_set.results_disclosure_due({d!r})", first_set.results_disclosure_due, d)
        yield call(f"first_set.validity_window({d!r})", first_set.validity_window, d)
        yield call(
            f"first_set.validity_window({d!r},day_before)",
            first_set.validity_window,
            d,
            parameters={"validity_end": "day_before"},
        )
        for it in ("first-set-results", "annual-budget", "proposals", "nope", 3):
            yield call(f"disclosure.deadline({it!r},{d!r})", disclosure.deadline, it, d)
    for y in (2019, 2024, 2025, "2025", 1900, None):
        yield call(f"cluster.annual_report_due({y!r})", cluster.annual_report_due, y)
    yield call(
        "cluster.valid_until(p)",
        cluster.valid_until,
        "2024-01-01",
        parameters={"validity_years": 5},
    )
    records: list[dict[str, object]] = [
        {},
        {"review_failed": True},
        {
            "reports": [{"year": 2024, "submitted_on": "2025-05-01"}],
            "changes": [{"changed_on": "2025-01-01", "filed_on": "2025-03-01"}],
        },
        {"reports": [{"year": 2024}]},
        {"changes": [{"changed_on": "2025-01-01"}]},
        {"unknown": 1},
        {
            "false_reporting": True,
            "violations": True,
            "refused_monitoring": True,
            "major_incidents": True,
            "report_late": True,
        },
    ]
    for r in records:
        for on in (None, "2026-06-01", dt.date(2025, 2, 1)):
            yield call(
                f"cluster.revocation_grounds({r},on={on})", cluster.revocation_grounds, r, on=on
            )
    yield call("first_set.checklist()", first_set.checklist)
    yield call("disclosure.catalog()", disclosure.catalog)
    for c in disclosure.catalog():
        yield call(f"disclosure.item({c.id})", disclosure.item, c.id)
    yield call("disclosure.item(nope)", disclosure.item, "nope")
    yield call("sme.articles()", sme.articles)
    yield call("sme.priority_fields()", sme.priority_fields)
    yield call("sme.priority_lists()", sme.priority_lists)
    for name in ("稀土新材料", "新能源", "光伏", "x", ""):
        yield call(f"sme.priority_chain({name!r})", sme.priority_chain, name)
    counts: list[dict[str, object]] = [
        {"innovative": 320, "specialized": "100家"},
        {"little_giant": 50},
        {"x": 1},
        {"innovative": -1},
    ]
    for c in counts:
        yield call(f"sme.targets_progress({c})", sme.targets_progress, c)
    texts = ("1.5亿元", "15000万元", "１５亿元", "1,500万元", "3万吨", "60%", "0.6", "600‰", "abc")
    texts += ("1e3元", "5000kVA", "3 MVA", "100平方公里", "0.92吨/万元")
    for t in texts:
        for k in units.Kind:
            yield call(f"units.parse_amount({t!r},{k})", units.parse_amount, t, k, path="$")
        yield call(f"units.parse_share({t!r})", units.parse_share, t, path="$")
        yield call(f"units.parse_ratio({t!r})", units.parse_ratio, t, path="$")
        yield call(f"units.parse_count({t!r})", units.parse_count, t, path="$")
    for v in ("1.5E+8", "0.000001", "123456789.123", "0", "-3.5"):
        value = Decimal(v)
        yield call(f"units.format_decimal({value})", units.format_decimal, value)
        for k in units.Kind:
            yield call(f"units.format_amount({value},{k})", units.format_amount, value, k)
            yield call(
                f"units.format_amount({value},{k},en)", units.format_amount, value, k, lang="en"
            )
    for start in (dt.date(2025, 9, 26), dt.date(2025, 12, 31), dt.date(2024, 1, 31)):
        for period in ("20个工作日", "30日", "1个月", "1 year", "两年", "x"):
            yield call(f"periods.deadline({start},{period})", periods.deadline, start, period)


def helper_digests() -> dict[str, str]:
    """One digest per helper (``ferroalloy.ratio`` …) of all its probe lines."""
    hashes: dict[str, Any] = {}
    for line in probe_lines():
        name = line.partition("(")[0]
        hashes.setdefault(name, hashlib.sha256()).update(line.encode() + b"\n")
    return {name: h.hexdigest()[:16] for name, h in hashes.items()}


# ------------------------------------------------------------------------------------------
# Names


def test_rule_set_ids_and_criteria_are_kept() -> None:
    frozen = _frozen()
    assert list(nmgpolicy.rulesets()) == frozen["rulesets"]
    for ruleset, ids in frozen["criteria"].items():
        now = " ".join(c.id for c in engine.get_ruleset(ruleset).criteria())
        assert now == ids, ruleset


def test_every_public_name_is_kept() -> None:
    missing = []
    for module, names in _frozen()["all"].items():
        mod = importlib.import_module(module)
        now = set(getattr(mod, "__all__", ()))
        missing += [f"{module}.{n}" for n in names.split() if n not in now or not hasattr(mod, n)]
    assert missing == []


def test_re_exports_are_still_the_same_objects() -> None:
    """``nmgpolicy.cluster.valid_until is nmgpolicy.rules.cluster.valid_until`` and so on."""
    different = [
        (alias, target)
        for alias, target in _frozen()["same_as"].items()
        if resolve(alias) is not resolve(target)
    ]
    assert different == []


# ------------------------------------------------------------------------------------------
# Signatures and members

#: Signature changes the CHANGELOG lists (lazy findings): the old calls all still work.
#: ``Finding``'s measured/required/gap default to a private "not given" marker that reads as
#: ``None`` (test_finding_built_by_hand_reads_as_before); ``message`` and ``Context.finding``'s
#: texts became optional (a renderer may supply them); ``render`` is new and optional.
LISTED_DEFAULT_CHANGES = {
    ("nmgpolicy.Finding", "measured"),
    ("nmgpolicy.Finding", "required"),
    ("nmgpolicy.Finding", "gap"),
}


def _parameters(text: str) -> list[tuple[str, str, str | None]]:
    """``(a, b=1, *, c=None)`` → ``[(name, kind, default text)]`` (defaults kept as text)."""
    tree = ast.parse(f"def f{_parsable(text)}: pass").body[0]
    assert isinstance(tree, ast.FunctionDef)
    args = tree.args
    positional = args.posonlyargs + args.args
    defaults: list[ast.expr | None] = [None] * (len(positional) - len(args.defaults))
    defaults += list(args.defaults)
    out = [
        (a.arg, "positional", None if d is None else ast.unparse(d))
        for a, d in zip(positional, defaults, strict=True)
    ]
    if args.vararg:
        out.append((args.vararg.arg, "*", None))
    out += [
        (a.arg, "keyword", None if d is None else ast.unparse(d))
        for a, d in zip(args.kwonlyargs, args.kw_defaults, strict=True)
    ]
    if args.kwarg:
        out.append((args.kwarg.arg, "**", None))
    return out


def _parsable(text: str) -> str:
    """Defaults printed as ``<unset>`` become a name, so the text parses as Python."""
    return re.sub(r"=<[^<>]*>", "=SENTINEL", text.replace("/", ""))


def incompatible(key: str, old: str, new: str) -> list[str]:
    """How a call valid under ``old`` could break or change under ``new``."""
    before, after = _parameters(old), _parameters(new)
    by_name = {name: (i, kind, default) for i, (name, kind, default) in enumerate(after)}
    problems = []
    for i, (name, kind, default) in enumerate(before):
        if name not in by_name:
            problems.append(f"{name} removed")
            continue
        j, kind_now, default_now = by_name[name]
        if kind_now != kind or (kind == "positional" and i != j):
            problems.append(f"{name}: {kind} #{i} → {kind_now} #{j}")
        if (
            default is not None
            and default_now != default
            and (key, name) not in LISTED_DEFAULT_CHANGES
        ):
            problems.append(f"{name}: default {default} → {default_now}")
    old_names = {name for name, _, _ in before}
    for name, kind, default in after:
        if name not in old_names and default is None and kind in ("positional", "keyword"):
            problems.append(f"{name}: new and required")
    return problems


def test_signatures_stay_compatible() -> None:
    """Every old call still binds the same way: no parameter removed, moved or re-defaulted."""
    problems = {}
    for key, old in _frozen()["signatures"].items():
        found_object = resolve(key)
        if not (getattr(found_object, "__module__", None) or "").startswith("nmgpolicy"):
            continue  # another library's (pint's Quantity methods): its release decides them
        new = sig_text(found_object)
        if old is None or new == old:
            continue
        found = incompatible(key, old, new) if new is not None else ["no signature"]
        if found:
            problems[key] = found
    assert problems == {}


def test_class_members_are_kept() -> None:
    missing = {}
    for key, names in _frozen()["members"].items():
        cls = resolve(key)
        gone = [n for n in names.split() if not hasattr(cls, n)]
        if gone:
            missing[key] = gone
    assert missing == {}


def test_module_constants_keep_their_values() -> None:
    changed = {}
    for key, value in _frozen()["constants"].items():
        now = canon(resolve(key))
        if now != value:
            changed[key] = (value, now)
    assert changed == {}
    assert (
        tuple(a.name for a in attrs.fields(cluster.Attestations)) == cluster.ATTESTATIONS
    )  # and it still names the facts' attestations


def test_enumerations_and_literals_are_kept() -> None:
    frozen = _frozen()
    for key, members in frozen["enums"].items():
        cls = resolve(key)
        assert isinstance(cls, type)
        assert issubclass(cls, enum.Enum)
        assert [[e.name, e.value] for e in cls] == [list(m) for m in members], key
    for key, values in frozen["literals"].items():
        assert list(typing.get_args(resolve(key))) == values, key


def test_attrs_classes_take_the_same_fields() -> None:
    """``attrs.fields(cls)`` (what ``attrs.asdict``, ``attrs.evolve``, ``__match_args__`` see)
    still name the constructor's parameters, for every public attrs class but ``Finding``
    (whose storage fields are a listed change: CHANGELOG, docs/definitions.md)."""
    changed = {}
    for key, text in _frozen()["signatures"].items():
        cls = resolve(key)
        if not (isinstance(cls, type) and attrs.has(cls)) or cls is Finding or cls is Decision:
            continue
        names = [f.name for f in attrs.fields(cls) if f.init]
        old = [name for name, _, _ in _parameters(text)]
        if names != old:
            changed[key] = (old, names)
    assert changed == {}


# ------------------------------------------------------------------------------------------
# Where public objects live (pickles and reprs name the module)

MOVED_HELPERS = (
    "nmgpolicy.rules.disclosure.catalog",
    "nmgpolicy.rules.disclosure.deadline",
    "nmgpolicy.rules.disclosure.item",
    "nmgpolicy.rules.ferroalloy.plan_notice_due",
    "nmgpolicy.rules.ferroalloy.ratio",
    "nmgpolicy.rules.ferroalloy.required_retirement",
    "nmgpolicy.rules.ferroalloy.tier",
    "nmgpolicy.rules.ferroalloy.tiers",
    "nmgpolicy.rules.first_set.checklist",
    "nmgpolicy.rules.first_set.public_notice",
    "nmgpolicy.rules.first_set.results_disclosure_due",
    "nmgpolicy.rules.first_set.validity_window",
)


def _modules_now(keys: typing.Iterable[str]) -> dict[str, tuple[str, str]]:
    frozen = _frozen()["modules_of"]
    out = {}
    for key in keys:
        now = getattr(resolve(key), "__module__", None)
        if now != frozen[key]:
            out[key] = (frozen[key], str(now))
    return out


def test_public_objects_keep_their_module() -> None:
    others = [k for k in _frozen()["modules_of"] if k not in MOVED_HELPERS]
    others = [k for k in others if not k.endswith(".Tier")]
    assert _modules_now(others) == {}


def test_ferroalloy_tier_pickles_under_its_public_module() -> None:
    tier = ferroalloy.tier("single", "30万吨")
    assert ferroalloy.Tier.__module__ == "nmgpolicy.rules.ferroalloy"
    assert b"_ferroalloy_words" not in pickle.dumps(tier)
    assert pickle.loads(pickle.dumps(tier)) == tier


def test_public_helpers_keep_their_module() -> None:
    assert _modules_now(MOVED_HELPERS) == {}
    assert b"_ferroalloy_public" not in pickle.dumps(ferroalloy.ratio)


# ------------------------------------------------------------------------------------------
# Parameters, schemas, command line


def test_parameters_keep_their_names_types_and_values() -> None:
    changed = {}
    for ruleset, parameters in _frozen()["parameters"].items():
        now = load_parameters(ruleset).parameters
        for name, (kind, digest) in parameters.items():
            if name not in now:
                changed[f"{ruleset}.{name}"] = "removed"
                continue
            values = hashlib.sha256(repr(now[name].values).encode()).hexdigest()[:12]
            if (now[name].type, values) != (kind, digest):
                changed[f"{ruleset}.{name}"] = f"{kind} → {now[name].type}, values {values}"
    assert changed == {}


def test_facts_schemas_are_unchanged() -> None:
    for ruleset, digest in _frozen()["schema_sha"].items():
        schema = nmgpolicy.schema.facts_schema(ruleset)
        text = json.dumps(schema, sort_keys=True, ensure_ascii=False)
        assert hashlib.sha256(text.encode()).hexdigest() == digest, ruleset


def test_command_line_keeps_its_commands_and_options() -> None:
    import argparse

    from nmgpolicy import cli

    parser = cli._parser()
    sub = next(a for a in parser._actions if isinstance(a, argparse._SubParsersAction))
    now: dict[str, Any] = {"": sorted(o for a in parser._actions for o in a.option_strings)}
    for name, command in sub.choices.items():
        now[name] = sorted(
            [a.dest, sorted(a.option_strings), repr(a.default), repr(a.choices), repr(a.nargs)]
            for a in command._actions
        )
    assert now == _frozen()["cli"]


# ------------------------------------------------------------------------------------------
# Decisions: finding ids, result keys and shapes, to_dict keys


@pytest.mark.parametrize(
    "ruleset",
    ["cluster", "disclosure", "ferroalloy", "first_set", "sme_innovative", "sme_specialized"],
)
def test_decisions_keep_finding_ids_result_keys_and_shapes(ruleset: str) -> None:
    frozen = _frozen()
    now = observed(ruleset)
    assert now["n_cases"] == frozen["n_cases"][ruleset]
    assert now["finding_ids"] == frozen["finding_ids"][ruleset]
    assert now["result_keys"] == frozen["result_keys"][ruleset]
    assert set(now["result_shapes"].split()) == set(frozen["result_shapes"][ruleset].split())
    assert now["decision_to_dict_keys"] == frozen["decision_to_dict_keys"]
    assert now["finding_to_dict_keys"] == frozen["finding_to_dict_keys"]


@pytest.mark.parametrize(
    "ruleset", ["disclosure", "ferroalloy", "first_set", "sme_innovative", "sme_specialized"]
)
def test_results_keep_their_key_order(ruleset: str) -> None:
    assert set(observed(ruleset)["result_orders"]) <= set(_frozen()["result_orders"][ruleset])


def test_cluster_results_keep_their_key_order() -> None:
    assert observed("cluster")["result_orders"] == _frozen()["result_orders"]["cluster"]


def test_decision_and_finding_keep_their_public_attributes() -> None:
    frozen = _frozen()
    decision = nmgpolicy.evaluate(
        "cluster",
        json.loads((ROOT / "examples/cluster/eligible.json").read_text(encoding="utf-8")),
        on=dt.date(2025, 6, 1),
    )
    assert set(frozen["decision_public"]) <= {a for a in dir(decision) if not a.startswith("_")}
    finding = decision.findings[0]
    assert set(frozen["finding_public"]) <= {a for a in dir(finding) if not a.startswith("_")}


def test_finding_built_by_hand_reads_as_before() -> None:
    bare = Finding("cluster.output", Status.MET, Message("产值达标", "output met"))
    assert (bare.measured, bare.required, bare.gap, bare.binding) == (None, None, None, True)
    assert bare.to_dict() == {
        "id": "cluster.output",
        "status": "met",
        "binding": True,
        "citation": None,
        "measured": None,
        "required": None,
        "gap": None,
        "message": {"zh": "产值达标", "en": "output met"},
    }
    assert repr(bare) == (
        "Finding(id='cluster.output', status=<Status.MET: 'met'>, message=Message(zh='产值达标', "
        "en='output met'), citation=None, measured=None, required=None, gap=None, binding=True)"
    )


# ------------------------------------------------------------------------------------------
# Helpers: the same answers (and errors) on a grid of inputs


def test_public_helpers_answer_as_before() -> None:
    if os.environ.get(periods.ENVIRONMENT_VARIABLE) or periods.registrations():
        pytest.skip("a working-day schedule is registered: the deadlines would differ")
    now = helper_digests()
    frozen = _frozen()["helpers"]
    assert sorted(now) == sorted(frozen)
    assert {k: v for k, v in now.items() if frozen[k] != v} == {}


# ------------------------------------------------------------------------------------------
# The shape of Decision (not listed as changed) and pickles of the previous release


def _a_decision() -> Decision:
    return nmgpolicy.evaluate(
        "cluster",
        json.loads((ROOT / "examples/cluster/ineligible.json").read_text(encoding="utf-8")),
        on=dt.date(2025, 6, 1),
    )


def test_decision_attrs_fields_are_its_public_names_as_aliases() -> None:
    """Deliberate (docs/definitions.md, CHANGELOG): the results are stored as ``_results``
    (computed on read); attrs' aliases, ``__match_args__`` and the constructor keep the public
    names."""
    assert [f.alias for f in attrs.fields(Decision)] == [
        "ruleset",
        "on",
        "status",
        "findings",
        "results",
        "notes",
        "overrides",
    ]
    assert Decision.__match_args__ == tuple(f.alias for f in attrs.fields(Decision))
    decision = _a_decision()
    assert attrs.evolve(decision, notes=()).results == decision.results


def test_decision_pattern_matching_gives_the_frozen_results() -> None:
    decision = _a_decision()
    expected = decision.to_dict()
    fresh = _a_decision()
    match fresh:
        case Decision(_, _, _, _, results):
            pass
    with pytest.raises(TypeError):
        results["latest_year"] = 1900  # type: ignore[index]
    assert fresh.to_dict() == expected


def test_finding_pattern_matching_gives_the_public_values() -> None:
    finding = _a_decision().findings[1]
    match finding:
        case Finding(fid, status, message, citation, measured, required, gap, binding):
            pass
    assert (fid, status, citation, binding) == (
        finding.id,
        finding.status,
        finding.citation,
        finding.binding,
    )
    assert (message, measured, required, gap) == (
        finding.message,
        finding.measured,
        finding.required,
        finding.gap,
    )


def test_pickles_of_the_previous_release_still_read() -> None:
    old = pickle.loads(base64.b64decode(_frozen()["old_pickle"]))
    assert old.to_dict() == _frozen()["old_pickle_to_dict"]
    assert old.explain("en") == _frozen()["old_pickle_explain"]


def old_pickle_source() -> Decision:
    """What ``old_pickle`` holds (pickled, protocol 4, by the code of f793be7)."""
    done = Finding("cluster.output", Status.MET, Message("产值达标", "output met"))
    short = Finding(
        "cluster.output",
        Status.NOT_MET,
        Message("产值不足", "output short"),
        measured={"2024": Decimal("14.99")},
        required=Decimal(15),
        gap=Decimal("0.01"),
    )
    return Decision(
        "cluster",
        dt.date(2025, 6, 1),
        DecisionStatus.INELIGIBLE,
        [done, short],
        results={"years": [2022, 2023, 2024]},
        notes=[Message("注", "note")],
    )


# ------------------------------------------------------------------------------------------
# The promise in the docs names what exists


def test_the_documented_promise_names_what_exists() -> None:
    text = (ROOT / "docs/definitions.md").read_text(encoding="utf-8")
    promise = text.partition("## Stability promise")[2].partition("\n## ")[0]
    assert promise, "docs/definitions.md has no 'Stability promise' section"
    for ruleset in nmgpolicy.rulesets():
        assert f"`{ruleset}`" in promise
    for dotted in (
        "nmgpolicy.rules.ferroalloy.ratio",
        "nmgpolicy.rules.cluster.valid_until",
        "nmgpolicy.disclosure.deadline",
        "nmgpolicy.rules.cluster.ATTESTATIONS",
    ):
        assert f"`{dotted}`" in promise
        resolve(dotted)
    for helper in ("annual_report_due", "change_filing_due", "revocation_grounds"):
        assert callable(getattr(cluster, helper))
    assert "cluster.output" in _frozen()["finding_ids"]["cluster"].split()


# ------------------------------------------------------------------------------------------
# How the frozen surface was captured (run against f793be7, never against the current code)


def capture() -> dict[str, Any]:
    """The public surface of the code on ``sys.path``, in the form of ``FROZEN``.

    ``git worktree add /tmp/base f793be7`` then, from the repository root,
    ``PYTHONPATH=/tmp/base/src:. python -m tests.test_review14_stability`` prints it as JSON
    (tests/test_review14_frozen.py holds it as a literal, formatted by ``ruff format``).
    """
    import argparse

    from nmgpolicy import cli

    out: dict[str, Any] = {k: {} for k in ("all", "same_as", "signatures", "members")}
    out.update({k: {} for k in ("constants", "enums", "literals", "modules_of")})
    seen: dict[int, str] = {}
    for module in MODULES:
        mod = importlib.import_module(module)
        out["all"][module] = " ".join(sorted(getattr(mod, "__all__", ())))
        for name in getattr(mod, "__all__", ()):
            obj, key = getattr(mod, name), f"{module}.{name}"
            if inspect.ismodule(obj):
                continue
            if typing.get_origin(obj) is typing.Literal:
                out["literals"][key] = list(typing.get_args(obj))
                continue
            if callable(obj):
                if module.startswith("nmgpolicy.rules."):
                    out["modules_of"][key] = obj.__module__
                if id(obj) in seen:
                    out["same_as"][key] = seen[id(obj)]
                    continue
                seen[id(obj)] = key
            if isinstance(obj, type) and issubclass(obj, enum.Enum):
                out["enums"][key] = [[e.name, e.value] for e in obj]
            elif isinstance(obj, type):
                _capture_class(out, key, obj)
            elif callable(obj):
                out["signatures"][key] = sig_text(obj)
            elif name != "RULESET":  # an instance: its repr shows an address
                out["constants"][key] = canon(obj)
    rulesets = list(nmgpolicy.rulesets())
    out["rulesets"] = rulesets
    out["criteria"] = {
        r: " ".join(c.id for c in engine.get_ruleset(r).criteria()) for r in rulesets
    }
    out["parameters"] = {
        r: {
            n: [p.type, hashlib.sha256(repr(p.values).encode()).hexdigest()[:12]]
            for n, p in load_parameters(r).parameters.items()
        }
        for r in rulesets
    }
    out["schema_sha"] = {
        r: hashlib.sha256(
            json.dumps(
                nmgpolicy.schema.facts_schema(r), sort_keys=True, ensure_ascii=False
            ).encode()
        ).hexdigest()
        for r in rulesets
    }
    parser = cli._parser()
    sub = next(a for a in parser._actions if isinstance(a, argparse._SubParsersAction))
    out["cli"] = {"": sorted(o for a in parser._actions for o in a.option_strings)}
    for name, command in sub.choices.items():
        out["cli"][name] = sorted(
            [a.dest, sorted(a.option_strings), repr(a.default), repr(a.choices), repr(a.nargs)]
            for a in command._actions
        )
    for field in ("finding_ids", "result_keys", "result_shapes", "result_orders", "n_cases"):
        out[field] = {r: observed(r)[field] for r in rulesets}
    out["decision_to_dict_keys"] = observed(rulesets[-1])["decision_to_dict_keys"]
    out["finding_to_dict_keys"] = observed(rulesets[-1])["finding_to_dict_keys"]
    decision = nmgpolicy.evaluate(
        "cluster",
        json.loads((ROOT / "examples/cluster/eligible.json").read_text(encoding="utf-8")),
        on=dt.date(2025, 6, 1),
    )
    out["decision_public"] = sorted(a for a in dir(decision) if not a.startswith("_"))
    out["finding_public"] = sorted(a for a in dir(decision.findings[0]) if not a.startswith("_"))
    out["helpers"] = helper_digests()
    source = old_pickle_source()
    out["old_pickle"] = base64.b64encode(pickle.dumps(source, protocol=4)).decode()
    out["old_pickle_to_dict"] = source.to_dict()
    out["old_pickle_explain"] = source.explain("en")
    return out


def _capture_class(out: dict[str, Any], key: str, cls: type) -> None:
    out["signatures"][key] = sig_text(cls)
    fields = {f.name for f in attrs.fields(cls)} if attrs.has(cls) else set()
    members = []
    for name in dir(cls):
        if name.startswith("_"):
            continue
        if name not in fields:
            members.append(name)
        static = inspect.getattr_static(cls, name, None)
        if inspect.isfunction(static) or isinstance(static, (staticmethod, classmethod)):
            out["signatures"][f"{key}.{name}"] = sig_text(getattr(cls, name))
    out["members"][key] = " ".join(members)


if __name__ == "__main__":
    print(json.dumps(capture(), ensure_ascii=False, indent=1))
