"""The mutants a run need not judge, because they cannot change what the code does.

* **Signature and local annotations.** Every module starts with ``from __future__ import
  annotations``, so the annotation of a parameter or a return value is never evaluated, and
  Python never evaluates the annotation of a local variable (``known: Sequence[int] = …``
  inside a function). (Class-level annotations — the facts models' fields, which the
  structurer reads — are mutated.)
* **Typing only**: an ``@overload`` stub (its decorator, signature and ``...`` body; the
  implementation that follows replaces it) and an ``if TYPE_CHECKING:`` block are never run.
* **Identity made equality on a singleton**: ``x is None`` → ``x == None``, ``s is Status.MET``
  → ``s == Status.MET``, ``type(v) is Decimal`` → ``type(v) == Decimal`` (and ``is not`` →
  ``!=``). ``None``, an enum member (``Name.UPPER_CASE``) and a type are equal only to
  themselves, so the two forms agree on every value the code compares them with. (The other
  direction, ``==`` → ``is``, is mutated: equal strings or numbers need not be identical.)

Both are found in the syntax tree of the unmutated module and marked ``SKIPPED`` in the
cosmic-ray session before it runs, with the reason as the result's output.
"""

from __future__ import annotations

import ast
import sqlite3
from pathlib import Path

Span = tuple[tuple[int, int], tuple[int, int]]

ANNOTATION = "in a signature or local-variable annotation"
IDENTITY = "identity made equality on None, an enum member or a type"
TYPING = "typing only (an @overload stub, an if TYPE_CHECKING: block)"
_IDENTITY_OPERATORS = (
    "core/ReplaceComparisonOperator_Is_Eq",
    "core/ReplaceComparisonOperator_IsNot_NotEq",
)


def _span(node: ast.AST) -> Span:
    start = (node.lineno, node.col_offset)  # type: ignore[attr-defined]
    end_line = node.end_lineno or node.lineno  # type: ignore[attr-defined]
    return start, (end_line, node.end_col_offset or 0)  # type: ignore[attr-defined]


def _local_annotations(function: ast.AST) -> list[ast.expr]:
    """The annotations of the local variables of ``function`` (not of a class within it)."""
    found: list[ast.expr] = []
    stack = list(ast.iter_child_nodes(function))
    while stack:
        node = stack.pop()
        if isinstance(node, ast.ClassDef):
            continue
        if isinstance(node, ast.AnnAssign):
            found.append(node.annotation)
        stack.extend(ast.iter_child_nodes(node))
    return found


def annotation_spans(tree: ast.AST) -> list[Span]:
    """The spans of the annotations of function parameters, returns and local variables."""
    spans = []
    for node in ast.walk(tree):
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
            arguments = node.args
            every = [*arguments.posonlyargs, *arguments.args, *arguments.kwonlyargs]
            every += [a for a in (arguments.vararg, arguments.kwarg) if a is not None]
            notes = [a.annotation for a in every if a.annotation is not None]
            notes += [node.returns] if node.returns is not None else []
            notes += _local_annotations(node)
            spans += [_span(note) for note in notes]
    return spans


def _is_overload(decorator: ast.expr) -> bool:
    name = decorator.attr if isinstance(decorator, ast.Attribute) else None
    if isinstance(decorator, ast.Name):
        name = decorator.id
    return name == "overload"


def typing_spans(tree: ast.AST) -> list[Span]:
    """The spans of ``@overload`` stubs (decorators included) and ``if TYPE_CHECKING:`` blocks."""
    spans = []
    for node in ast.walk(tree):
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef) and any(
            _is_overload(d) for d in node.decorator_list
        ):
            first = min(d.lineno for d in node.decorator_list)
            spans.append(((first, 0), _span(node)[1]))
        elif isinstance(node, ast.If):
            test = node.test
            name = test.attr if isinstance(test, ast.Attribute) else None
            name = test.id if isinstance(test, ast.Name) else name
            if name == "TYPE_CHECKING":
                spans.append(_span(node))
    return spans


def _singleton(node: ast.expr) -> bool:
    """``None``, ``Name.MEMBER`` (an enum member) or ``type(...)``."""
    if isinstance(node, ast.Constant):
        return node.value is None
    if isinstance(node, ast.Attribute):
        owner = node.value
        named = isinstance(owner, ast.Name) and owner.id[:1].isupper()
        return named and node.attr.isupper() and len(node.attr) > 1
    if isinstance(node, ast.Call):
        return isinstance(node.func, ast.Name) and node.func.id == "type"
    return False


def identity_spans(tree: ast.AST) -> list[Span]:
    """The spans between the operands of each ``is`` / ``is not`` with a singleton operand
    (where the operator is)."""
    spans = []
    for node in ast.walk(tree):
        if not isinstance(node, ast.Compare):
            continue
        operands = [node.left, *node.comparators]
        for index, op in enumerate(node.ops):
            left, right = operands[index], operands[index + 1]
            if isinstance(op, ast.Is | ast.IsNot) and (_singleton(left) or _singleton(right)):
                spans.append((_span(left)[1], _span(right)[0]))
    return spans


def skip_unjudgeable(session: Path, source: Path) -> None:
    """Mark the session's mutants of these kinds skipped, with the reason."""
    tree = ast.parse(source.read_text(encoding="utf-8"))
    annotations, identities = annotation_spans(tree), identity_spans(tree)
    typing_only = typing_spans(tree)
    marks: list[tuple[str, str]] = []
    with sqlite3.connect(session) as db:
        specs = db.execute(
            "SELECT job_id, operator_name, start_pos_row, start_pos_col FROM mutation_specs"
        )
        for job, operator, row, col in specs.fetchall():
            where = (row, col)
            if any(start <= where < end for start, end in annotations):
                marks.append((ANNOTATION, job))
            elif any(start <= where < end for start, end in typing_only):
                marks.append((TYPING, job))
            elif operator in _IDENTITY_OPERATORS and any(
                start <= where < end for start, end in identities
            ):
                marks.append((IDENTITY, job))
        db.executemany(
            "INSERT OR REPLACE INTO work_results (worker_outcome, output, test_outcome, diff, "
            "job_id) VALUES ('SKIPPED', ?, NULL, NULL, ?)",
            marks,
        )
