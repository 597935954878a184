"""What a bureau officer reads: a Decision's Chinese output holds no code values or Python,
its English output no Chinese units.

``chinese_problems(decision)`` lists every place in the Chinese output (finding messages, the
displayed measured / required / gap values, notes, the text, Markdown and HTML reports) that shows
a code value, an ASCII word, a Python literal or a degenerate phrase. Finding ids and the rule-set
id (stable identifiers), unit symbols (kVA, km²), ISO dates, SEI codes and named standards
(ISO9001) are allowed.

``english_problems(decision)`` lists every place in the English output (messages, displayed
values, notes, the text, Markdown and HTML reports) where a number carries a Chinese unit name
(``15亿元``, ``30万吨``, ``120平方公里``, ``20个工作日``), outside the quoted law: 《document
names》, “quotations” and the basis lines and columns of the reports, which are the Chinese
original.
"""

from __future__ import annotations

import html
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
    problems += _problems_in(_html_text(decision._repr_html_()), "html", ids)
    return sorted(set(problems))


def _html_text(markup: str) -> str:
    """The text of an HTML report as a reader sees it (tags and their attributes dropped)."""
    return html.unescape(re.sub(r"<[^>]*>", " ", markup))


# A number followed by a Chinese unit name, and the parts of English output that quote the
# Chinese original (document names, quotations).
_CHINESE_UNIT = re.compile(
    r"\d[\d,.]*\s*(?:万元|亿元|万吨|平方公里|千伏安|元|吨|个工作日|工作日|个月|年|日|天|人|家|项|分|名)"
)
_QUOTED = re.compile(r"《[^》]*》|“[^”]*”|「[^」]*」")


def _units_in(text: str, where: str) -> list[str]:
    bare = _QUOTED.sub("", text)
    return [
        f"{where}: Chinese unit {m.group()!r} in {bare[max(0, m.start() - 40) : m.end() + 40]!r}"
        for m in _CHINESE_UNIT.finditer(bare)
    ]


def english_problems(decision: Decision) -> list[str]:
    """Every number with a Chinese unit name in the decision's English output (outside the
    quoted law)."""
    try:
        labels = load_parameters(decision.ruleset).labels
    except FileNotFoundError:
        labels = {}
    problems: list[str] = []
    for finding in decision.findings:
        problems += _units_in(finding.message.en, f"{finding.id}.message")
        for name in ("measured", "required", "gap"):
            shown = display(getattr(finding, name), "en", labels)
            problems += _units_in(shown, f"{finding.id}.{name}")
    for index, note in enumerate(decision.notes):
        problems += _units_in(note.en, f"notes[{index}]")
    report = [
        line
        for line in decision.explain("en").splitlines()
        if not line.strip().startswith("basis:")
    ]
    problems += _units_in("\n".join(report), "explain")
    for line in decision.to_markdown("en").splitlines():
        if line.startswith("| `"):  # a finding's row: every cell but the basis column
            problems += _units_in(" | ".join(line.split(" | ")[:-1]), "markdown")
        elif not line.startswith("- `"):  # the quoted law of each finding
            problems += _units_in(line, "markdown")
    english_html = re.sub(r"<td title='[^']*'>.*?</td>", "", _english_html(decision))
    problems += _units_in(_html_text(english_html), "html")
    return sorted(set(problems))


def _english_html(decision: Decision) -> str:
    from nmgpolicy.render import decision_html

    return decision_html(decision, "en")
