"""Human-readable forms of a Decision: plain text, Markdown and HTML (for notebooks).

Each finding is shown with its status, its message, the measured and required values, the
gap, and the article it encodes with the quoted text — in Chinese or English (the quoted law
is always the Chinese original).
"""

from __future__ import annotations

import html
from collections.abc import Iterable, Mapping

from nmgpolicy._exact import exact
from nmgpolicy.errors import InputError, shown
from nmgpolicy.outcome import Citation, Decision, Finding, Message, display

__all__ = [
    "criteria_text",
    "decision_html",
    "decision_markdown",
    "decision_text",
    "status_label",
]

_STATUS_LABELS = {
    "met": Message("符合", "met"),
    "not_met": Message("不符合", "not met"),
    "unknown": Message("缺少事实", "unknown"),
    "review": Message("需审查", "review"),
    "not_applicable": Message("不适用", "not applicable"),
    "eligible": Message("符合条件", "eligible"),
    "ineligible": Message("不符合条件", "ineligible"),
    "undetermined": Message("待定", "undetermined"),
}
_FIELDS = {
    "measured": Message("实测", "measured"),
    "required": Message("要求", "required"),
    "gap": Message("差距", "gap"),
    "basis": Message("依据", "basis"),
    "notes": Message("说明", "notes"),
    "results": Message("计算结果", "results"),
    "informational": Message("（仅供说明，不影响结论）", "(informational, does not decide)"),
}


_HEADS = {
    "zh": ("编号", "结论", "说明", "实测", "要求", "差距", "依据"),
    "en": ("id", "status", "explanation", "measured", "required", "gap", "basis"),
}


def _check_lang(lang: str) -> str:
    if lang not in ("zh", "en"):
        raise InputError.single("$.lang", f'unknown language {shown(lang)}; e.g. "zh" or "en"')
    return lang


def _label(key: str, lang: str) -> str:
    return _STATUS_LABELS[key].get(lang)


def status_label(status: str, lang: str = "zh") -> str:
    """How a finding or decision status reads in ``lang`` ("符合条件", "not met" …)."""
    return _label(status, _check_lang(lang))


def _field(key: str, lang: str) -> str:
    return _FIELDS[key].get(lang)


def _labels(ruleset: str) -> Mapping[str, Message]:
    """The code-value labels of a rule set's data file (none for a rule set without one)."""
    from nmgpolicy.errors import UnknownRuleSet
    from nmgpolicy.params import load_parameters

    try:
        return load_parameters(ruleset).labels
    except UnknownRuleSet:  # no data file of that name
        return {}


def _value(value: object, lang: str, labels: Mapping[str, Message]) -> str:
    return display(value, lang, labels)


def _citation_line(citation: Citation | None) -> str:
    if citation is None:
        return ""
    quoted = f"：“{citation.text}”" if citation.text else ""
    return f"{citation.label}{quoted}"


def _numbers(finding: Finding, lang: str, labels: Mapping[str, Message]) -> list[tuple[str, str]]:
    return [
        (_field(name, lang), _value(getattr(finding, name), lang, labels))
        for name in ("measured", "required", "gap")
        if getattr(finding, name) is not None
    ]


@exact
def decision_text(decision: Decision, lang: str = "zh") -> str:
    """Plain text: the decision, then one paragraph per finding with the quoted law."""
    lang = _check_lang(lang)
    status = decision.status.value
    lines = [f"{decision.ruleset} @ {decision.on.isoformat()}: {_label(status, lang)}"]
    labels = _labels(decision.ruleset)
    for finding in decision.findings:
        extra = "" if finding.binding else f" {_field('informational', lang)}"
        lines.append("")
        lines.append(f"[{_label(finding.status.value, lang)}] {finding.id}{extra}")
        lines.append(f"  {finding.message.get(lang)}")
        numbers = _numbers(finding, lang, labels)
        if numbers:
            lines.append("  " + "; ".join(f"{k}: {v}" for k, v in numbers))
        if finding.citation is not None:
            lines.append(f"  {_field('basis', lang)}: {_citation_line(finding.citation)}")
    if decision.notes:
        lines.append("")
        lines.append(f"{_field('notes', lang)}:")
        lines.extend(f"  - {note.get(lang)}" for note in decision.notes)
    return "\n".join(lines) + "\n"


def _md_cell(text: str) -> str:
    """``text`` as one Markdown table cell or list item. A Markdown renderer passes raw HTML
    through, and a unit id, a name or a note may come from the caller: ``<`` and ``&`` are
    backslash-escaped (CommonMark shows ``\\<`` as ``<`` and starts no tag or entity with it),
    and so are backslashes and pipes; line breaks become ``<br>``."""
    for char in ("\\", "<", "&", "|"):
        text = text.replace(char, "\\" + char)
    return text.replace("\n", "<br>")


@exact
def decision_markdown(decision: Decision, lang: str = "zh") -> str:
    """Markdown: a heading, a table of findings and the quoted law of each."""
    lang = _check_lang(lang)
    heads = _HEADS[lang]
    out = [
        f"## {decision.ruleset} — {_label(decision.status.value, lang)} "
        f"({decision.on.isoformat()})",
        "",
        "| " + " | ".join(heads) + " |",
        "|" + "---|" * len(heads),
    ]
    labels = _labels(decision.ruleset)
    for f in decision.findings:
        cells = (
            f"`{f.id}`",
            _label(f.status.value, lang),
            f.message.get(lang),
            _value(f.measured, lang, labels),
            _value(f.required, lang, labels),
            _value(f.gap, lang, labels),
            f.citation.label if f.citation else "—",
        )
        out.append("| " + " | ".join(_md_cell(c) for c in cells) + " |")
    quoted = [(f.id, f.citation) for f in decision.findings if f.citation and f.citation.text]
    if quoted:
        out += ["", f"### {_field('basis', lang)}", ""]
        out += [f"- {_md_cell(f'`{fid}`')} {c.label}：“{_md_cell(c.text)}”" for fid, c in quoted]
    if decision.notes:
        out += ["", f"### {_field('notes', lang)}", ""]
        out += [f"- {_md_cell(n.get(lang))}" for n in decision.notes]
    return "\n".join(out) + "\n"


@exact
def decision_html(decision: Decision, lang: str = "zh") -> str:
    """An HTML table for Jupyter (``Decision._repr_html_``); all text is escaped."""
    lang = _check_lang(lang)
    esc = html.escape
    colors = {
        "met": "#1a7f37",
        "not_met": "#cf222e",
        "unknown": "#9a6700",
        "review": "#8250df",
        "not_applicable": "#6e7781",
    }
    rows = []
    labels = _labels(decision.ruleset)
    for f in decision.findings:
        title = esc(_citation_line(f.citation)) if f.citation else ""
        rows.append(
            "<tr>"
            f"<td><code>{esc(f.id)}</code></td>"
            f"<td style='color:{colors[f.status.value]}'>{esc(_label(f.status.value, lang))}</td>"
            f"<td>{esc(f.message.get(lang))}</td>"
            f"<td>{esc(_value(f.measured, lang, labels))}</td>"
            f"<td>{esc(_value(f.required, lang, labels))}</td>"
            f"<td>{esc(_value(f.gap, lang, labels))}</td>"
            f"<td title='{title}'>{esc(f.citation.label) if f.citation else '—'}</td>"
            "</tr>"
        )
    notes = "".join(f"<li>{esc(n.get(lang))}</li>" for n in decision.notes)
    return (
        f"<div><strong>{esc(decision.ruleset)}</strong> @ {decision.on.isoformat()}: "
        f"<strong>{esc(_label(decision.status.value, lang))}</strong>"
        "<table><thead><tr>"
        + "".join(f"<th>{esc(head)}</th>" for head in _HEADS[lang])
        + "</tr></thead><tbody>"
        + "".join(rows)
        + "</tbody></table>"
        + (f"<ul>{notes}</ul>" if notes else "")
        + "</div>"
    )


@exact
def criteria_text(title: Message, criteria: Iterable[object], lang: str = "zh") -> str:
    """The criteria of a rule set, each with its article and quoted text (``nmgpolicy rules``)."""
    lang = _check_lang(lang)
    lines = [title.get(lang), ""]
    for info in criteria:
        cid = getattr(info, "id", "")
        ctitle: Message = getattr(info, "title", Message("", ""))
        citation: Citation | None = getattr(info, "citation", None)
        lines.append(f"{cid}: {ctitle.get(lang)}")
        if citation is not None:
            lines.append(f"  {citation.label}")
            if citation.text:
                lines.append(f"  “{citation.text}”")
        lines.append("")
    return "\n".join(lines)
