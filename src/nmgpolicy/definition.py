"""A rule set as data: its facts model, its criteria in the order of the articles, its measures.

A regulation is written once, as a :class:`Definition`: a tuple of criteria (the kinds in
:mod:`nmgpolicy.criteria` — a flag, an attestation, a threshold, a share, a growth rate …),
each naming its finding id, the facts or *measures* it reads and the parameters of the data file
it compares them with. Everything else is derived from that one statement:

* the row path (:meth:`Definition.decide`): one application, each criterion deciding its
  finding's status at once and leaving the explanation to be rendered when read;
* the columnar path (:mod:`nmgpolicy.columnar`): the same criteria lowered to array kernels;
* the law coverage, the documentation and the test strategies, which read
  :meth:`Definition.parameters` and each criterion's :meth:`Criterion.references`.

A *measure* is a small named function of the application (the counted capacity, the years of a
window, a growth series): computed at most once per evaluation (:class:`Row` keeps it), however
many criteria read it. References to facts, measures and parameters are values
(:class:`Fact`, :class:`Measure`, :class:`Param`), so that a definition can be inspected without
running it.
"""

from __future__ import annotations

import abc
import operator
from collections.abc import Callable, Iterator, Mapping, Sequence
from typing import Any, ClassVar, Generic, TypeVar, overload

import attrs

from nmgpolicy.engine import Context
from nmgpolicy.outcome import Finding, Message

__all__ = [
    "Criterion",
    "Definition",
    "Fact",
    "Measure",
    "Param",
    "Ref",
    "Row",
    "measure",
]

F = TypeVar("F")


@attrs.frozen
class Fact:
    """A fact of the application by its dotted path in the facts model (``"attestations.x"``).

    Reading it gives ``None`` when any step of the path is absent.
    """

    path: str
    _steps: tuple[Callable[[Any], Any], ...] = attrs.field(
        init=False,
        repr=False,
        eq=False,
        default=attrs.Factory(
            lambda self: tuple(operator.attrgetter(name) for name in self.path.split(".")),
            takes_self=True,
        ),
    )

    def read(self, facts: object) -> Any:
        """The value at the path in ``facts`` (``None`` when a step is absent)."""
        value: Any = facts
        for step in self._steps:
            if value is None:
                return None
            value = step(value)
        return value

    def value(self, row: Row) -> Any:
        """The value for the application in ``row``."""
        return self.read(row.facts)


@attrs.frozen
class Param:
    """A parameter of the rule set's data file, by name (its value on the evaluation date)."""

    name: str

    def value(self, row: Row) -> Any:
        """The value on the evaluation date (after overrides)."""
        return row.params[self.name]


@attrs.frozen
class Measure:
    """A named function of one application that criteria read (computed once per evaluation).

    ``function`` takes the :class:`Row`; ``doc`` (its docstring by default) says what it
    measures, for the documentation.
    """

    name: str
    function: Callable[[Row], Any] = attrs.field(eq=False, repr=False)
    doc: str = ""
    reads: tuple[Ref, ...] = ()
    """The facts, parameters and other measures it reads (for the documentation)."""

    def value(self, row: Row) -> Any:
        """The value for the application in ``row``, computed once per evaluation."""
        memo = row.memo
        name = self.name
        if name in memo:
            return memo[name]
        value = memo[name] = self.function(row)
        return value


@overload
def measure(function: Callable[[Row], Any], *, reads: tuple[Ref, ...] = ()) -> Measure: ...


@overload
def measure(
    function: None = None, *, reads: tuple[Ref, ...] = ()
) -> Callable[[Callable[[Row], Any]], Measure]: ...


def measure(
    function: Callable[[Row], Any] | None = None, *, reads: tuple[Ref, ...] = ()
) -> Measure | Callable[[Callable[[Row], Any]], Measure]:
    """Decorator: a :class:`Measure` named after ``function``, documented by its docstring;
    ``@measure(reads=(Param("x"),))`` also says what it reads."""

    def make(function: Callable[[Row], Any]) -> Measure:
        return Measure(function.__name__, function, (function.__doc__ or "").strip(), reads)

    return make if function is None else make(function)


Ref = Fact | Measure | Param
"""What a criterion reads: a fact, a measure or a parameter."""


class Row:
    """One application under evaluation: the facts, the context, the measures computed so far.

    ``results`` collects the computed results the decision reports (``Decision.results``).
    """

    __slots__ = ("ctx", "facts", "memo", "params", "results")

    def __init__(self, facts: Any, ctx: Context) -> None:
        self.facts = facts
        self.ctx = ctx
        self.params: Mapping[str, Any] = ctx.params.values
        self.memo: dict[str, Any] = {}
        self.results: dict[str, Any] = {}

    def __call__(self, ref: Ref) -> Any:
        """The value of ``ref`` for this application (a measure is computed once)."""
        return ref.value(self)

    def param(self, name: str) -> Any:
        """The value of parameter ``name`` on the evaluation date (after overrides)."""
        return self.params[name]

    def title(self, criterion_id: str) -> Message:
        """The criterion's title in the data file, each ``{parameter}`` in it filled with that
        parameter's value for this evaluation (:func:`nmgpolicy.criteria_scoring.fill`), so that
        an override never leaves a stale number in a title."""
        from nmgpolicy.criteria_scoring import fill  # here: that module imports this one

        data = self.ctx.data
        return fill(data.criteria[criterion_id].title, self.params, data)


@attrs.frozen
class Criterion(abc.ABC):
    """One legal test: decides one finding (``id``) of one application.

    Subclasses (the kinds of :mod:`nmgpolicy.criteria`) say what they read
    (:meth:`references`), decide a finding on the row path (:meth:`decide`) and, where they can,
    lower themselves to array kernels for :mod:`nmgpolicy.columnar`.
    """

    id: str

    kind: ClassVar[str] = "criterion"
    """The name of the kind, as documentation and coverage reports show it."""

    many: ClassVar[bool] = False
    """True for a kind that decides one finding per item of a list (:meth:`decide_each`)."""

    @abc.abstractmethod
    def decide(self, row: Row) -> Finding:
        """This criterion's finding for the application in ``row``."""

    def decide_each(self, row: Row) -> Sequence[Finding]:
        """The findings of a kind that decides one per item (``many``), in the items' order."""
        return (self.decide(row),)

    def references(self) -> tuple[Ref, ...]:
        """The facts, measures and parameters this criterion reads."""
        return tuple(
            value
            for value in (getattr(self, a.name) for a in attrs.fields(type(self)))
            if isinstance(value, Fact | Measure | Param)
        )


@attrs.frozen
class Definition(Generic[F]):
    """A rule set as data: its criteria (in the order of the articles) and how it reports.

    ``prepare`` (optional) runs first and may compute results every criterion shares;
    ``finish`` (optional) runs last: it adds the computed results and notes that are not a
    finding (``row.results``, ``row.ctx.note``).
    """

    ruleset: str
    facts: type[F]
    criteria: tuple[Criterion, ...]
    prepare: Callable[[Row], None] | None = None
    finish: Callable[[Row, Sequence[Finding]], None] | None = None
    reads: tuple[Ref, ...] = ()
    """What ``prepare`` and ``finish`` read besides the criteria (results, in-force checks)."""
    _many: bool = attrs.field(init=False, default=False, repr=False, eq=False)

    def __attrs_post_init__(self) -> None:
        object.__setattr__(self, "_many", any(c.many for c in self.criteria))
        ids = [c.id for c in self.criteria]
        duplicates = sorted({i for i in ids if ids.count(i) > 1})
        if duplicates:
            raise ValueError(f"criteria defined twice in {self.ruleset}: {duplicates}")

    def decide(self, facts: F, ctx: Context) -> tuple[list[Finding], dict[str, Any]]:
        """The findings and results for one application: each criterion decides in turn."""
        row = Row(facts, ctx)
        if self.prepare is not None:
            self.prepare(row)
        if self._many:
            findings: list[Finding] = []
            for criterion in self.criteria:
                if criterion.many:
                    findings.extend(criterion.decide_each(row))
                else:
                    findings.append(criterion.decide(row))
        else:
            findings = [criterion.decide(row) for criterion in self.criteria]
        if self.finish is not None:
            self.finish(row, findings)
        return findings, row.results

    def criterion(self, criterion_id: str) -> Criterion:
        """The criterion deciding ``criterion_id`` (``KeyError`` when there is none)."""
        for criterion in self.criteria:
            if criterion.id == criterion_id:
                return criterion
        raise KeyError(criterion_id)

    def walk(self) -> Iterator[Criterion]:
        """Every criterion, nested ones (the parts of an any-of …) after their parent."""
        stack = list(reversed(self.criteria))
        while stack:
            criterion = stack.pop()
            yield criterion
            parts = getattr(criterion, "parts", ())
            stack.extend(reversed(tuple(p for p in parts if isinstance(p, Criterion))))

    def parameters(self) -> tuple[str, ...]:
        """The names of the parameters the rule set reads, in order, each once: those its
        criteria compare with, those its measures read, and those its titles and subjects show
        (``{name}`` in a data-file title)."""
        from nmgpolicy.criteria_scoring import placeholders  # that module imports this one
        from nmgpolicy.params import load_parameters

        titles = load_parameters(self.ruleset).criteria
        seen: dict[str, None] = {}

        def add(ref: object, depth: int = 0) -> None:
            if isinstance(ref, Param):
                seen.setdefault(ref.name)
            elif isinstance(ref, Measure) and depth < 10:
                for inner in ref.reads:
                    add(inner, depth + 1)

        for ref in self.reads:
            add(ref)
        for criterion in self.walk():
            for ref in criterion.references():
                add(ref)
            subject = getattr(criterion, "subject", None)
            for ref in getattr(subject, "references", lambda: ())():
                add(ref)
            info = titles.get(criterion.id)
            if info is not None:
                for name in placeholders(info.title):
                    seen.setdefault(name)
        return tuple(seen)
