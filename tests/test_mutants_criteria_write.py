"""The code :meth:`Criterion.write` generates for ``Flag``, ``Threshold`` and ``Applies``,
pinned where mutation testing of ``criteria`` found it loose (docs/mutation.md, note 8).

A flag whose explanation cannot depend on the evaluation has its three explanations (true,
false, absent) made once, when the decide function is generated; every other flag is
explained per evaluation by its own ``_text``. These tests hold the generated path to what
the kind's own ``decide`` explains, in the cases where making the text once would be wrong:

* a user kind that overrides only ``_text`` (its own explanation, not the library's);
* a data-file title with a ``{parameter}`` in one language only (filled per evaluation, with
  this evaluation's override, in that language).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import Any

import attrs

from nmgpolicy import definition as definition_module
from nmgpolicy.criteria import Attestation, Flag
from nmgpolicy.definition import Definition, Fact, Row, _one_by_one
from nmgpolicy.engine import Context
from nmgpolicy.outcome import Finding, Message, Rendered, Status
from nmgpolicy.params import ParameterSet, parameter_set_from_mapping

ON = dt.date(2025, 6, 1)


@attrs.frozen
class _Facts:
    done: bool | None = None
    checked: bool | None = None


def _data(titles: Mapping[str, tuple[str, str]]) -> ParameterSet:
    """A small data file: the parameter ``years`` (3) and one criterion for each title."""
    return parameter_set_from_mapping(
        {
            "ruleset": {"id": "mutants_write", "in_force_from": "2020-01-01"},
            "parameters": {"years": {"type": "int", "value": 3}},
            "criteria": {
                cid: {"title": {"zh": zh, "en": en}, "citation": {"document": f"《{cid}》"}}
                for cid, (zh, en) in titles.items()
            },
        },
        "mutants_write.toml",
    )


def _ctx(data: ParameterSet, overrides: Mapping[str, object] | None = None) -> Context:
    return Context(ON, data.resolve(ON, overrides), data, [])


def _generated(definition: Definition[Any], facts: Any, ctx: Context) -> list[Finding]:
    """The findings of the decide function generated for ``definition`` (which must exist)."""
    findings, _ = definition.decide(facts, ctx)
    entry = definition_module._COMPILED.get(id(definition))
    assert entry is not None and entry[2] is not None, "no function was generated"
    return findings


def _asked(definition: Definition[Any], facts: Any, ctx: Context) -> list[Finding]:
    """The findings of the criteria asked one by one (nothing generated)."""
    return _one_by_one(definition, Row(facts, ctx))


def _messages(findings: list[Finding]) -> list[tuple[str, Status, Message]]:
    return [(f.id, f.status, f.message) for f in findings]


# --------------------------------------------------------------------------------------------
# A kind that overrides only _text
# --------------------------------------------------------------------------------------------


@attrs.frozen
class _OwnWords(Flag):
    """A user flag with its own explanation and the library's status."""

    def _text(self, status: Status, value: bool | None, row: Row) -> Rendered:
        return Message(f"自定：{status.value}", f"own: {status.value}"), value, self.expected, None


@attrs.frozen
class _OwnAttestation(Attestation):
    """The same for an attestation (absent → review)."""

    def _text(self, status: Status, value: bool | None, row: Row) -> Rendered:
        return Message(f"自证：{status.value}", f"attested: {status.value}"), value, None, None


def test_a_flag_that_overrides_only_its_text_is_explained_in_its_own_words() -> None:
    data = _data({"w.fixed": ("固定标题", "Fixed title"), "w.attest": ("证明", "Attested")})
    definition = Definition(
        "mutants_write",
        _Facts,
        (
            # a fixed subject and a title without parameters: the library's own flag would
            # have its explanations made once; this kind must still explain itself
            _OwnWords("w.fixed", Fact("done"), subject=Message("主体", "Subject")),
            _OwnAttestation("w.attest", Fact("checked")),
        ),
    )
    ctx = _ctx(data)
    for done in (True, False, None):
        for checked in (True, False, None):
            facts = _Facts(done, checked)
            findings = _generated(definition, facts, ctx)
            assert _messages(findings) == _messages(_asked(definition, facts, ctx))
            fixed, attest = findings
            assert fixed.message == Message(
                f"自定：{fixed.status.value}", f"own: {fixed.status.value}"
            )
            assert attest.message.en == f"attested: {attest.status.value}"
    absent = _generated(definition, _Facts(), ctx)
    assert [f.status for f in absent] == [Status.UNKNOWN, Status.REVIEW]
    assert absent[0].message == Message("自定：unknown", "own: unknown")


# --------------------------------------------------------------------------------------------
# A title with a parameter in one language only
# --------------------------------------------------------------------------------------------


def test_a_title_with_a_parameter_in_one_language_only_is_filled_per_evaluation() -> None:
    data = _data(
        {
            "w.zh_only": ("近{years}年无事故", "No incident in recent years"),
            "w.en_only": ("近年无违法", "No offence in the last {years} years"),
        }
    )
    definition = Definition(
        "mutants_write",
        _Facts,
        (Flag("w.zh_only", Fact("done")), Attestation("w.en_only", Fact("checked"))),
    )
    for years in (None, 5, 7):
        ctx = _ctx(data, None if years is None else {"years": years})
        shown = 3 if years is None else years
        for facts in (_Facts(True, True), _Facts(False, False), _Facts()):
            findings = _generated(definition, facts, ctx)
            assert _messages(findings) == _messages(_asked(definition, facts, ctx))
            zh_only, en_only = findings
            assert f"近{shown}年无事故" in zh_only.message.zh, zh_only.message
            assert "No incident in recent years" in zh_only.message.en
            assert "{" not in zh_only.message.zh
            assert f"No offence in the last {shown} years" in en_only.message.en, en_only.message
            assert "近年无违法" in en_only.message.zh
            assert "{" not in en_only.message.en
    ctx = _ctx(data, {"years": 9})
    met, review = _generated(definition, _Facts(True, None), ctx)
    assert met.message == Message("符合：近9年无事故。", "Met: No incident in recent years.")
    assert review.message == Message(
        "需审查：近年无违法（未提供证明）。",
        "Needs review: No offence in the last 9 years (no attestation given).",
    )


# --------------------------------------------------------------------------------------------
# first_set's kinds: what their repr shows (mutation run of first_set_kinds)
# --------------------------------------------------------------------------------------------


def test_first_sets_derived_lookups_stay_out_of_the_criteria_repr() -> None:
    """A criterion's repr names what it is built from, each argument once: the lookups
    derived from them (``ClassifiedUnder._titles`` from ``classes``, ``Checklist._needs``
    from ``items``) are not repeated in it, nor shown as if they could be passed."""
    from nmgpolicy.rules.first_set import DEFINITION, RULESET_ID

    for name in ("new_material_catalog", "documents"):
        criterion = DEFINITION.criterion(f"{RULESET_ID}.{name}")
        fields = attrs.fields(type(criterion))
        built = ", ".join(f"{a.name}={getattr(criterion, a.name)!r}" for a in fields if a.init)
        shown = repr(criterion)
        assert shown == f"{type(criterion).__name__}({built})"
        assert "_titles" not in shown and "_needs" not in shown


def test_first_sets_derived_lookups_follow_an_evolved_criterion() -> None:
    """``attrs.evolve`` of a first_set kind with other classes or items derives its lookups
    anew: the titles are those of the new classes, the facts read those of the new items
    (a lookup passed on from the old criterion would answer for the old ones)."""
    from nmgpolicy.rules._first_set_kinds import Checklist, ClassifiedUnder
    from nmgpolicy.rules.first_set import DEFINITION, RULESET_ID

    catalog = DEFINITION.criterion(f"{RULESET_ID}.new_material_catalog")
    assert isinstance(catalog, ClassifiedUnder)
    narrowed = attrs.evolve(catalog, classes=(("3.9", "试验材料"),))
    assert narrowed.title("3.9") == "试验材料"
    assert narrowed.status(True, "3.9.1") is Status.MET
    assert narrowed.status(True, "3.1.1") is Status.NOT_MET  # listed before, not now
    assert catalog.status(True, "3.1.1") is Status.MET

    documents = DEFINITION.criterion(f"{RULESET_ID}.documents")
    assert isinstance(documents, Checklist)
    needed = [item for item in documents.items if item.required == "fact"]
    assert needed  # the licences, needed only where a fact says so
    fewer = attrs.evolve(documents, items=tuple(i for i in documents.items if i is not needed[0]))
    reads = fewer.references()
    assert Fact(f"{documents.facts}.{needed[0].fact}") in documents.references()
    assert Fact(f"{documents.facts}.{needed[0].fact}") not in reads
    other = attrs.evolve(documents, facts="other")
    assert all(ref.path.startswith("other.") for ref in other.references()[2:])
    assert len(other.references()) == len(documents.references())
