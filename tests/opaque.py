"""A value of no type the library knows, with the same test id in every process.

``object()`` is shown as ``<object object at 0x…>``: its address differs between the processes
of a parallel run (pytest-xdist), so the workers would collect different test ids.
"""

from __future__ import annotations


class Opaque:
    """An object the library has never heard of; its ``repr`` is stable."""

    __slots__ = ()

    def __repr__(self) -> str:
        return "<opaque object>"
