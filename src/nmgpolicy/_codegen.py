"""Writing the library's generated functions: the lines, the objects they name, and the
function made from them.

Two pieces of the library write Python once and run it many times: the structurer generated
per facts model (:mod:`nmgpolicy.convert`) and the decide function generated per definition
(:mod:`nmgpolicy.definition`). Both keep their lines and the objects those lines name in a
:class:`Writer`; only the library's own text is compiled — a value from data or input reaches
the function as a named constant, never as source.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any


class Writer:
    """The lines of one generated function and the objects they name (``names``)."""

    def __init__(self, names: Mapping[str, object]) -> None:
        self.lines: list[str] = []
        self.names: dict[str, object] = dict(names)
        self.count = 0

    def local(self, hint: str) -> str:
        """A new local variable's name."""
        self.count += 1
        return f"{hint}{self.count}"

    def constant(self, hint: str, value: object) -> str:
        """The name under which the function sees ``value``."""
        name = "_" + self.local(hint)
        self.names[name] = value
        return name

    def emit(self, indent: int, line: str) -> None:
        self.lines.append("    " * indent + line)

    def compiled(self, text: str, filename: str, name: str) -> Callable[..., Any]:
        """The function ``name`` defined by ``text`` (the library's own text), compiled
        under ``filename`` with :attr:`names` as its globals."""
        code = compile(text, filename, "exec")
        namespace = dict(self.names)
        exec(code, namespace)
        function: Callable[..., Any] = namespace[name]  # type: ignore[assignment]
        return function
