"""The rule-set contract, the registry and :func:`evaluate`.

Every regulation is one module under :mod:`nmgpolicy.rules` holding a rule set that follows
the :class:`RuleSet` protocol: an id, a facts model (a frozen attrs class), the criteria it
decides (described, with citations, in its data file) and ``evaluate``. Most rule sets
derive from :class:`BaseRuleSet`, which does the shared work in one place: checks ``on``,
checks the in-force window, resolves the dated parameters and the caller's overrides,
structures the facts (all problems at once, with paths), aggregates the findings, and notes
any working-day schedule the user registered that the decision relied on.
"""

from __future__ import annotations

import abc
import datetime as dt
import functools
import importlib
import pkgutil
import threading
from collections.abc import Callable, Mapping, Sequence
from typing import TYPE_CHECKING, Any, ClassVar, Generic, Protocol, TypeVar, runtime_checkable

import attrs

from nmgpolicy._exact import exact
from nmgpolicy.convert import structure
from nmgpolicy.errors import InputError, NotInForce, Problem, UnknownRuleSet, shown
from nmgpolicy.outcome import (
    _LAZY_MAKERS,
    Citation,
    Decision,
    Finding,
    Message,
    Rendered,
    Status,
    decided,
    finding_status,
    lazy_finding,
)
from nmgpolicy.params import (
    CriterionInfo,
    ParameterSet,
    Resolved,
    load_parameters,
    shown_overrides,
)
from nmgpolicy.periods import Registration, track_registered_years

if TYPE_CHECKING:
    from nmgpolicy.definition import Definition

__all__ = [
    "BaseRuleSet",
    "Context",
    "RuleSet",
    "evaluate",
    "get_ruleset",
    "register",
    "rulesets",
]

F = TypeVar("F")


@runtime_checkable
class RuleSet(Protocol):
    """What every rule set provides (one module per regulation under ``nmgpolicy.rules``)."""

    @property
    def id(self) -> str:
        """The stable rule-set id, e.g. ``"disclosure"``."""

    @property
    def title(self) -> Message:
        """The regulation's name, in Chinese and English."""

    def criteria(self) -> tuple[CriterionInfo, ...]:
        """Every criterion it decides, with its citation (for ``nmgpolicy rules``)."""

    def evaluate(
        self, facts: object, *, on: dt.date, parameters: Mapping[str, object] | None = None
    ) -> Decision:
        """Decide one application (JSON-like ``facts``) as the law stands on ``on``."""


@attrs.define
class Context:
    """What a rule set's decision logic receives besides the facts.

    ``params`` are the values in force on ``on`` (after overrides); ``notes`` collects
    what the decision could not establish; :meth:`finding` builds a finding whose citation
    comes from the data file.
    """

    on: dt.date
    params: Resolved
    data: ParameterSet
    notes: list[Message] = attrs.field(factory=list)

    def note(self, zh: str, en: str) -> None:
        self.notes.append(Message(zh, en))

    def label(self, code: str) -> Message:
        """How a code value (an enumeration value, a mapping key) reads in zh and en."""
        return self.data.label(code)

    def citation(self, criterion_id: str) -> Citation | None:
        info = self.data.criteria.get(criterion_id)
        return info.citation if info else None

    def finding(
        self,
        criterion_id: str,
        status: Status,
        zh: str = "",
        en: str = "",
        *,
        measured: Any = None,
        required: Any = None,
        gap: Any = None,
        binding: bool | None = None,
        citation_of: str | None = None,
        render: Callable[[], Rendered] | None = None,
    ) -> Finding:
        """A finding for ``criterion_id``, cited from the data file.

        ``citation_of`` names another criterion whose citation applies (for per-item
        findings such as ``ferroalloy.unit.<id>``). With ``render``, the message and the
        measured, required and gap values are written when first read (``zh``, ``en`` and the
        values given here are then ignored): ``render`` must only format values the decision
        has already established — never compute a legal result — so that when it runs does
        not matter.
        """
        if status.__class__ is not Status:  # a criterion of one's own may give "met"
            status = finding_status(status)
        info = self.data.criteria.get(citation_of or criterion_id)
        if render is not None:  # the hot path: a lazy finding, cited from the data file
            if info is None:
                binding = True if binding is None else binding
                return lazy_finding(criterion_id, status, None, binding, render)
            if binding is None:
                binding = info.binding
            # lazy_finding(criterion_id, status, info.citation, binding, render), written out:
            # one call fewer for each of the 20-30 findings of an evaluation
            finding: Finding = _new(Finding)
            _SET_ID(finding, criterion_id)
            _SET_STATUS(finding, status)
            _SET_MESSAGE(finding, None)
            _SET_CITATION(finding, info.citation)
            _SET_BINDING(finding, binding)
            _SET_RENDER(finding, render)
            return finding
        citation = info.citation if info else None
        binding = (info.binding if info else True) if binding is None else binding
        return Finding(
            criterion_id,
            status,
            Message(zh, en),
            citation,
            measured,
            required,
            gap,
            binding,
        )


_new = object.__new__
_SET_ID, _SET_STATUS, _SET_MESSAGE, _SET_CITATION, _SET_BINDING, _SET_RENDER = _LAZY_MAKERS


def check_on(on: object) -> dt.date:
    """``on`` must be a :class:`datetime.date` (keyword-only, no hidden clock)."""
    if isinstance(on, dt.datetime) or not isinstance(on, dt.date):
        raise InputError.single(
            "$.on",
            f"expected a date (datetime.date), got {shown(on)}; e.g. datetime.date(2026, 6, 1)",
        )
    return on


class BaseRuleSet(abc.ABC, Generic[F]):
    """Shared evaluation steps; subclasses set ``id`` and ``facts_type`` and write ``decide``.

    A rule set is shared by every caller (:func:`get_ruleset` returns the registered object), so
    its instances are read-only: setting or deleting an attribute raises ``AttributeError``.
    """

    id: ClassVar[str]
    facts_type: ClassVar[type[Any]]

    def __setattr__(self, name: str, value: object) -> None:
        raise AttributeError(f"rule set {type(self).__name__} is read-only (set {name!r})")

    def __delattr__(self, name: str) -> None:
        raise AttributeError(f"rule set {type(self).__name__} is read-only (delete {name!r})")

    @property
    def data(self) -> ParameterSet:
        """The rule set's data file (parameters, criteria, in-force window)."""
        return load_parameters(self.id)

    @property
    def title(self) -> Message:
        return self.data.title

    def criteria(self) -> tuple[CriterionInfo, ...]:
        """Every criterion with its citation, each ``{parameter}`` of its title filled with the
        data file's latest value (``nmgpolicy rules``), as an evaluation fills it with its own
        (:meth:`nmgpolicy.definition.Row.title`)."""
        from nmgpolicy.criteria_scoring_fill import fill  # here: that module imports this one

        data = self.data
        values = {n: p.latest for n, p in data.parameters.items() if p.values}
        return tuple(
            attrs.evolve(info, title=fill(info.title, values, data))
            for info in data.criteria.values()
        )

    def check_in_force(self, on: dt.date, notes: list[Message], params: Resolved) -> None:
        """Raise :class:`NotInForce` outside the window; note when the window is unknown.

        ``params`` are the resolved parameters, for rule sets whose window depends on one
        (e.g. a publication date the source does not give and the caller supplies).
        """
        data = self.data
        if (data.in_force_from and on < data.in_force_from) or (
            data.in_force_to and on > data.in_force_to
        ):
            raise NotInForce(
                self.id,
                on,
                start=data.in_force_from,
                end=data.in_force_to,
                successor=data.successor,
            )
        if data.window_note is not None:
            notes.append(data.window_note)
        elif data.in_force_from is None and data.in_force_to is None:
            notes.append(
                Message(
                    f"{data.document or self.id}的施行日期和有效期未知，"
                    "未核对评估日是否在其适用期间内。",
                    f"The in-force window of {data.document or self.id} is not known to this "
                    "library, so the evaluation date was not checked against it.",
                )
            )

    def in_force_date(self, facts: F, on: dt.date, params: Resolved) -> dt.date:
        """The date the in-force window is checked at: ``on`` unless a rule set says otherwise.

        A rule set whose regulation is judged at the application date (an application filed
        while the regulation was in force is decided under it) returns that date when the
        facts give it.
        """
        return on

    def parameter_problems(self, params: Resolved, on: dt.date) -> Sequence[Problem]:
        """What keeps the caller's overrides from working together, each problem at
        ``$.parameters.<name>`` with a valid example: the checks across parameters (a scoring
        table's rows in order, tiers that still tile the scale line, a span whose first year is
        not after its last). :meth:`evaluate` calls it only when some parameter is overridden
        and every override is valid on its own (parsed, in range), and reports what it finds
        with the facts' problems in one :class:`InputError`; the decision's own checks of the
        same parameters then pass. None by default."""
        del params, on
        return ()

    def parse_facts(self, facts: object) -> F:
        """Structure the JSON-like facts into the facts model (all problems at once)."""
        result: F = structure(facts, self.facts_type)
        return result

    @exact
    def evaluate(
        self, facts: object, *, on: dt.date, parameters: Mapping[str, object] | None = None
    ) -> Decision:
        """Decide ``facts`` as of ``on``; a working-day schedule the user registered (rather
        than the one shipped) that the decision relied on is named in a note.

        Bad input is one :class:`InputError` holding every problem found, in a fixed order: the
        overrides first (each in the order the caller gave them: unknown, of the wrong type or
        out of range), then — when each override is valid on its own — the checks across
        parameters (:meth:`parameter_problems`, in the data file's order), then the facts' (as
        :meth:`parse_facts` reports them)."""
        with track_registered_years() as used:
            decision = self._evaluate(facts, on=on, parameters=parameters)
        if not used:
            return decision
        return attrs.evolve(decision, notes=decision.notes + _calendar_notes(used))

    def _evaluate(
        self, facts: object, *, on: dt.date, parameters: Mapping[str, object] | None
    ) -> Decision:
        on = check_on(on)
        data = self.data
        notes: list[Message] = []
        problems: list[Problem] = []
        params: Resolved | None = None
        model: F | None = None
        try:
            params = data.resolve(on, parameters)
        except InputError as error:
            problems.extend(error.problems)
        else:
            if params.overrides:  # the data file's own values were checked when it was loaded
                problems.extend(self.parameter_problems(params, on))
        try:
            model = self.parse_facts(facts)
        except InputError as error:
            problems.extend(error.problems)
        if problems or params is None or model is None:
            raise InputError(problems)
        self.check_in_force(self.in_force_date(model, on, params), notes, params)
        context = Context(on, params, data, notes)
        findings, results = self.decide(model, context)
        # Every parameter that differs from the data file's value, after the decision (so that
        # whatever the decision used is recorded), and every one the caller named.
        overrides = shown_overrides(data, context.params)
        return decided(self.id, on, findings, results, context.notes, overrides)

    definition: ClassVar[Definition[Any] | None] = None
    """The rule set as data (:class:`~nmgpolicy.definition.Definition`): its criteria, measures
    and parameters, from which the row path, the columnar path and the documentation derive."""

    @exact
    def decide(self, facts: F, ctx: Context) -> tuple[list[Finding], dict[str, Any]]:
        """The regulation's logic: findings and computed results for one application (the
        definition's, unless a rule set without one overrides this)."""
        if self.definition is None:
            raise NotImplementedError(f"rule set {self.id} has neither a definition nor decide()")
        return self.definition.decide(facts, ctx)


def _calendar_notes(used: Mapping[int, Registration]) -> tuple[Message, ...]:
    """One note per registered year a decision used, naming where its schedule came from."""
    return tuple(Message(*used[year].note()) for year in sorted(used))


_REGISTRY: dict[str, RuleSet] = {}
_LOCK = threading.Lock()


def register(ruleset: RuleSet) -> RuleSet:
    """Add a rule set to the registry (replacing one with the same id)."""
    if not isinstance(ruleset, RuleSet):
        raise InputError.single("$.ruleset", "expected an object following the RuleSet protocol")
    with _LOCK:
        _REGISTRY[ruleset.id] = ruleset
    return ruleset


@functools.cache
def _load_builtins() -> None:
    """Import every module of :mod:`nmgpolicy.rules`; each registers its rule set."""
    package = importlib.import_module("nmgpolicy.rules")
    for module in sorted(pkgutil.iter_modules(package.__path__), key=lambda m: m.name):
        importlib.import_module(f"nmgpolicy.rules.{module.name}")


def rulesets() -> tuple[str, ...]:
    """The ids of the registered rule sets, sorted."""
    _load_builtins()
    return tuple(sorted(_REGISTRY))


def get_ruleset(ruleset_id: object) -> RuleSet:
    """The rule set registered under ``ruleset_id``; :class:`UnknownRuleSet` otherwise."""
    _load_builtins()
    found = _REGISTRY.get(ruleset_id) if isinstance(ruleset_id, str) else None
    if found is None:
        raise UnknownRuleSet(ruleset_id, tuple(sorted(_REGISTRY)))
    return found


@exact
def evaluate(
    ruleset_id: str,
    facts: object,
    *,
    on: dt.date,
    parameters: Mapping[str, object] | None = None,
) -> Decision:
    """Evaluate ``facts`` (a JSON-like mapping) under rule set ``ruleset_id`` as of ``on``.

    Raises :class:`~nmgpolicy.errors.InputError` for bad facts or overrides (every problem
    with its JSON path), :class:`~nmgpolicy.errors.UnknownRuleSet` and
    :class:`~nmgpolicy.errors.NotInForce`; a failed criterion is a finding, not an error.
    """
    return get_ruleset(ruleset_id).evaluate(facts, on=on, parameters=parameters)
