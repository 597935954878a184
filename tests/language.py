"""What a bureau officer reads: a Decision's Chinese output holds no code values or Python.

``chinese_problems(decision)`` lists every place in the Chinese output (finding messages, the
displayed measured / required / gap values, notes, the text and Markdown reports) that shows a
code value, an ASCII word, a Python literal or a degenerate phrase. Finding ids and the rule-set
id (stable identifiers), unit symbols (kVA, km²), ISO dates, SEI codes and named standards
(ISO9001) are allowed.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from nmgpolicy.outcome import Decision, display
from nmgpolicy.params import load_parameters

# ASCII words allowed in Chinese text: unit symbols and names of standards.
ALLOWED_WORDS = frozenset({"kVA", "km", "ISO", "GB", "APEC", "SEI", "CAGR"})
_WORD = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")
_FORBIDDEN = ("True", "False", "None", "调用方", "满0年", "：>", "{'", "['", "Decimal(", "Amount(")


def _problems_in(text: str, where: str, ids: Iterable[str]) -> list[str]:
    for identifier in sorted(ids, key=len, reverse=True):
        text = text.replace(identifier, "")

    def around(at: int) -> str:
        return text[max(0, at - 40) : at + 60]

    found = [f"{where}: {bad!r} in {around(text.find(bad))!r}" for bad in _FORBIDDEN if bad in text]
    found += [
        f"{where}: ASCII word {m.group()!r} in {around(m.start())!r}"
        for m in _WORD.finditer(text)
        if m.group() not in ALLOWED_WORDS and not re.fullmatch(r"ISO\d+", m.group())
    ]
    return found


def chinese_problems(decision: Decision) -> list[str]:
    """Every code value, ASCII word or Python literal in the decision's Chinese output."""
    try:
        labels = load_parameters(decision.ruleset).labels
    except FileNotFoundError:
        labels = {}
    ids = [f.id for f in decision.findings] + [decision.ruleset]
    problems: list[str] = []
    for finding in decision.findings:
        problems += _problems_in(finding.message.zh, f"{finding.id}.message", ids)
        for name in ("measured", "required", "gap"):
            shown = display(getattr(finding, name), "zh", labels)
            problems += _problems_in(shown, f"{finding.id}.{name}", ids)
    for index, note in enumerate(decision.notes):
        problems += _problems_in(note.zh, f"notes[{index}]", ids)
    problems += _problems_in(decision.explain("zh"), "explain", ids)
    problems += _problems_in(decision.to_markdown("zh"), "markdown", ids)
    return sorted(set(problems))
