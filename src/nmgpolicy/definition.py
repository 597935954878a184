"""A rule set as data: its facts model, its criteria in the order of the articles, its measures.

A regulation is written once, as a :class:`Definition`: a tuple of criteria (the kinds in
:mod:`nmgpolicy.criteria` — a flag, an attestation, a threshold, a share, a growth rate …),
each naming its finding id, the facts or *measures* it reads and the parameters of the data file
it compares them with. Everything else is derived from that one statement:

* the row path (:meth:`Definition.decide`): one application, each criterion deciding its
  finding's status at once and leaving the explanation to be rendered when read — as one
  straight-line function generated per definition (:class:`Source`: each kind writes its own
  lines, :meth:`Criterion.write`; the simple kinds written out, the others called);
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
import itertools
import keyword
import linecache
import operator
import threading
from collections.abc import Callable, Iterator, Mapping, Sequence
from functools import partial
from typing import TYPE_CHECKING, Any, ClassVar, Generic, TypeVar, overload

import attrs

from nmgpolicy._codegen import Writer
from nmgpolicy.engine import Context
from nmgpolicy.outcome import _LAZY_MAKERS, Finding, Message, Status

if TYPE_CHECKING:
    from nmgpolicy.params import ParameterSet

__all__ = [
    "Criterion",
    "Definition",
    "Fact",
    "Measure",
    "Param",
    "Ref",
    "Row",
    "Source",
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

    _get: Callable[[Any], Any] = attrs.field(
        init=False,
        repr=False,
        eq=False,
        default=attrs.Factory(lambda self: operator.attrgetter(self.path), takes_self=True),
    )
    """Every step at once: what :meth:`read` gives when no step meets ``None`` (else it raises
    AttributeError, and the steps are taken one at a time)."""

    def read(self, facts: object) -> Any:
        """The value at the path in ``facts`` (``None`` when a step is absent)."""
        try:
            return self._get(facts)
        except AttributeError:
            pass
        value: Any = facts
        for step in self._steps:
            if value is None:
                return None
            value = step(value)
        return value

    def value(self, row: Row) -> Any:
        """The value for the application in ``row``."""
        try:
            return self._get(row.facts)
        except AttributeError:
            pass  # an absent step (None) on the way: read step by step, outside the handler
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
        value = memo.get(self.name, _NOT_YET)
        if value is _NOT_YET:
            value = memo[self.name] = self.function(row)
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

_NOT_YET: Any = object()  # a measure not computed yet (None is a value a measure may have)


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

    def write(self, source: Source, indent: int) -> None:
        """Write the code that adds this criterion's findings to ``findings`` in the decide
        function generated for a definition (:class:`Source`): a call of :meth:`decide` (or
        :meth:`decide_each`); a kind whose test is a line or two writes it out instead, with the
        same status, citation, binding and renderer as its :meth:`decide` gives."""
        if self.many:
            source.emit(indent, f"extend({source.constant('each', self.decide_each)}(row))")
        else:
            source.emit(indent, f"append({source.constant('decide', self.decide)}(row))")

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
        """The findings and results for one application: each criterion decides in turn (in
        the straight-line function generated once for the rule set's data file, or one by one
        for any other data)."""
        row = Row(facts, ctx)
        if self.prepare is not None:
            self.prepare(row)
        compiled = _COMPILED.get(id(self))
        if compiled is None:
            compiled = _compile(self, ctx.data)
        if compiled[1] is ctx.data and compiled[2] is not None:
            findings: list[Finding] = compiled[2](row)
        else:
            findings = _one_by_one(self, row)
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


def _one_by_one(definition: Definition[Any], row: Row) -> list[Finding]:
    """The findings, each criterion asked in turn (no generated code)."""
    if not definition._many:
        return [criterion.decide(row) for criterion in definition.criteria]
    findings: list[Finding] = []
    for criterion in definition.criteria:
        if criterion.many:
            findings.extend(criterion.decide_each(row))
        else:
            findings.append(criterion.decide(row))
    return findings


# --------------------------------------------------------------------------------------------
# The generated decide function: the criteria as straight-line code, once per definition
# --------------------------------------------------------------------------------------------


class Source(Writer):
    """The Python source of one generated decide function, and the objects it names.

    The function takes the :class:`Row` and returns the list of findings, each criterion's in
    the order of the definition: what :meth:`Definition.decide` gives asking each criterion in
    turn. Each criterion writes its own lines (:meth:`Criterion.write`); the function is
    generated for one data file (``data``), whose citations and binding flags it holds as
    constants, and used only for evaluations that read that data file.

    Locals the function offers the lines: ``row``, ``facts`` (``row.facts``), ``params``
    (``row.params``), ``append`` and ``extend`` (of the findings).
    """

    def __init__(self, data: ParameterSet) -> None:
        super().__init__(
            {
                "_partial": partial,
                "_new": object.__new__,
                "_Finding": Finding,
                **{f"_{status.name}": status for status in Status},
            }
        )
        self.data = data
        self.names.update(zip(_SETTERS, _LAZY_MAKERS, strict=True))

    def read(self, ref: Ref, var: str, indent: int) -> None:
        """``var = ref.value(row)``: a fact's path written out (None at the first absent
        step, as :meth:`Fact.read`), a parameter read from ``params``, a measure called."""
        if type(ref) is Fact and all(_plain_name(step) for step in ref.path.split(".")):
            self.emit(indent, f"{var} = facts")
            for step in ref.path.split("."):
                self.emit(indent, f"if {var} is not None: {var} = {var}.{step}")
        elif type(ref) is Param:  # a subclass may read its value otherwise: called
            self.emit(indent, f"{var} = params[{self.constant('name', ref.name)}]")
        else:
            self.emit(indent, f"{var} = {self.constant('ref', ref)}.value(row)")

    def finding(
        self, criterion_id: str, status: str, render: str, indent: int, binding: bool | None = None
    ) -> None:
        """Append the lazy finding :meth:`~nmgpolicy.engine.Context.finding` makes for
        ``criterion_id`` with the status in ``status`` and the renderer ``render`` (both
        expressions), cited from the data file (its citation and binding flag, as constants)."""
        info = self.data.criteria.get(criterion_id)
        citation = None if info is None else info.citation
        if binding is None:
            binding = True if info is None else info.binding
        cited = self.constant("citation", citation)
        var = self.local("finding")
        self.emit(indent, f"{var} = _new(_Finding)")
        self.emit(indent, f"_SET_ID({var}, {self.constant('id', criterion_id)})")
        self.emit(indent, f"_SET_STATUS({var}, {status})")
        self.emit(indent, f"_SET_MESSAGE({var}, None)")
        self.emit(indent, f"_SET_CITATION({var}, {cited})")
        self.emit(indent, f"_SET_BINDING({var}, {self.constant('binding', binding)})")
        self.emit(indent, f"_SET_RENDER({var}, {render})")
        self.emit(indent, f"append({var})")

    def function(self) -> Callable[[Row], list[Finding]]:
        """The generated function (compiled once)."""
        body = [
            "def decide(row):",
            "    facts = row.facts",
            "    params = row.params",
            "    findings = []",
            "    append = findings.append",
            "    extend = findings.extend",
            *self.lines,
            "    return findings",
        ]
        text = "\n".join(body) + "\n"
        filename = f"<nmgpolicy.definition generated decide {next(_SERIALS)}>"  # never reused
        # the source, for tracebacks through the generated lines (never evicted: not a file)
        linecache.cache[filename] = (len(text), None, text.splitlines(True), filename)
        function: Callable[[Row], list[Finding]] = self.compiled(text, filename, "decide")
        return function


def _plain_name(step: str) -> bool:
    """Whether ``step`` can be written as an attribute in generated code and read as itself:
    an ASCII identifier (Python normalises others, NFKC, to another name) and no keyword."""
    return step.isascii() and step.isidentifier() and not keyword.iskeyword(step)


_SERIALS = itertools.count(1)
"""The number in each generated function's file name (a traceback shows its own lines)."""

_SETTERS = (
    "_SET_ID",
    "_SET_STATUS",
    "_SET_MESSAGE",
    "_SET_CITATION",
    "_SET_BINDING",
    "_SET_RENDER",
)
"""The names of :data:`~nmgpolicy.outcome._LAZY_MAKERS`, in their order, in generated code."""

_Compiled = tuple["Definition[Any]", "ParameterSet", "Callable[[Row], list[Finding]] | None"]
_COMPILED: dict[int, _Compiled] = {}
"""The generated decide function of each definition (by ``id``, the definition kept alive in
the entry so that the id is never reused) and the data file it was generated for; None when
it could not be generated (the criteria are then asked one by one)."""
_COMPILED_LOCK = threading.Lock()
_COMPILED_MAX = 256  # bounded: definitions past this many are decided one criterion at a time


def _compile(definition: Definition[Any], data: ParameterSet) -> _Compiled:
    """The entry of :data:`_COMPILED` for ``definition``, generated once (under a lock) for
    ``data`` (the data file of the first evaluation; those of its rule set are all the same
    object, :func:`~nmgpolicy.params.load_parameters` keeps one)."""
    with _COMPILED_LOCK:
        entry = _COMPILED.get(id(definition))
        if entry is not None:
            return entry
        if len(_COMPILED) >= _COMPILED_MAX:  # full: asked one by one, nothing generated
            return (definition, data, None)
        function: Callable[[Row], list[Finding]] | None = None
        try:
            source = Source(data)
            for criterion in definition.criteria:
                criterion.write(source, 1)
            function = source.function()
        except Exception:  # a criterion that cannot be written: asked in turn
            function = None
        entry = _COMPILED[id(definition)] = (definition, data, function)
        return entry
