"""Every citation's ``text`` is the law's own words: checked against the shipped sources.

The sources are the bureau's catalog (``data/baotou_miit_catalog.tsv``, which quotes most of the
regulations) and the passages in ``data/sources/*.md`` (statutes the catalog does not quote, and
the 63号 standards as extracted). White space and HTML paragraph tags are ignored; a quote may
leave words out where it says so with an ellipsis (… or ……), each part then standing in order.
A paraphrase belongs in ``summary``, never in ``text``.

So that the check cannot be passed by accident, a quote must

* stand within ONE passage: a row of the catalog, a fenced ``text`` block of a source file, or a
  paragraph of a source file written without Latin letters (the statutes' articles, the SEI
  classes). The source files' own prose — where each passage was taken from, how sure it is —
  is the library's commentary, not the law, and quotes nothing;
* be at least ``MIN_QUOTE`` characters long (white space and ellipses removed), each part
  between ellipses at least ``MIN_PART``: a stray character or two occurs somewhere in any text.
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Iterator, Mapping, Sequence
from importlib import resources
from typing import Any

import pytest

DATA = resources.files("nmgpolicy").joinpath("data")
_SPACE = re.compile(r"\s+|</?[A-Za-z][^<>]*>")
_ELLIPSIS = re.compile(r"……|…|\.\.\.")
_FENCE = re.compile(r"^```[^\n]*\n(.*?)^```", re.S | re.M)
_LATIN = re.compile(r"[A-Za-z]")
MIN_QUOTE = 6
"""The fewest characters a quote may have (white space and ellipses removed)."""
MIN_PART = 3
"""The fewest characters each part of a quote between ellipses may have."""


def _normalise(text: str) -> str:
    return _SPACE.sub("", text)


def passages_of(name: str, text: str) -> list[str]:
    """The passages a quote may come from in one source file (normalised): each row of the
    catalog; each fenced block of a Markdown source, and each paragraph outside the fences
    written without Latin letters (the commentary around them is left out)."""
    if name.endswith(".tsv"):
        return [_normalise(row) for row in text.splitlines() if row.strip()]
    found = [_normalise(block) for block in _FENCE.findall(text)]
    for paragraph in re.split(r"\n\s*\n", _FENCE.sub("\n\n", text)):
        if paragraph.strip() and not _LATIN.search(paragraph):
            found.append(_normalise(paragraph))
    return [passage for passage in found if passage]


def _passages() -> tuple[str, ...]:
    entries = [DATA.joinpath("baotou_miit_catalog.tsv")]
    entries += sorted(
        (e for e in DATA.joinpath("sources").iterdir() if e.name.endswith(".md")),
        key=lambda e: e.name,
    )
    return tuple(p for e in entries for p in passages_of(e.name, e.read_text(encoding="utf-8")))


PASSAGES = _passages()
SOURCES = "\n".join(PASSAGES)
"""Every passage, one a line (for a quick look; :func:`quoted_verbatim` checks passage by
passage)."""


def _citations(node: Any, where: str) -> Iterator[tuple[str, Mapping[str, Any]]]:
    if isinstance(node, Mapping):
        if "document" in node and "text" in node:
            yield where, node
        for key, value in node.items():
            yield from _citations(value, f"{where}.{key}")
    elif isinstance(node, list):
        for index, value in enumerate(node):
            yield from _citations(value, f"{where}[{index}]")


def _all_citations() -> list[tuple[str, str]]:
    found = []
    for entry in sorted(DATA.iterdir(), key=lambda e: e.name):
        if entry.name.endswith(".toml"):
            data = tomllib.loads(entry.read_text(encoding="utf-8"))
            for where, citation in _citations(data, entry.name):
                found.append((where, str(citation["text"])))
    return found


CITATIONS = _all_citations()


def _in_order(parts: Sequence[str], passage: str) -> bool:
    position = 0
    for part in parts:
        found = passage.find(part, position)
        if found < 0:
            return False
        position = found + len(part)
    return True


def quoted_verbatim(
    text: str,
    passages: str | Sequence[str] = PASSAGES,
    *,
    minimum: int = MIN_QUOTE,
    part_minimum: int = MIN_PART,
) -> bool:
    """Whether ``text`` stands in one of ``passages`` (its ellipsis-separated parts, in order),
    long enough to mean something (``minimum`` characters in all, ``part_minimum`` in each part).

    ``passages`` is one text or several (normalised); by default every passage of the shipped
    sources. A short label located in a source (a band's "无=0") is checked with a smaller
    ``minimum``; a citation never is.
    """
    parts = [part for part in _ELLIPSIS.split(_normalise(text)) if part]
    if sum(len(part) for part in parts) < minimum or any(len(p) < part_minimum for p in parts):
        return False
    chosen = [passages] if isinstance(passages, str) else passages
    return any(_in_order(parts, passage) for passage in chosen)


def test_the_checker_refuses_a_paraphrase_and_accepts_a_quote() -> None:
    quote = "公示期为5个工作日"
    assert quoted_verbatim(quote)
    assert quoted_verbatim("第十条 自治区工业和信息化厅……公示期为5个工作日")
    assert not quoted_verbatim("公示期为五个工作日")
    assert not quoted_verbatim("公示期为5个工作日……第一条为实施创新驱动发展战略")  # out of order


@pytest.mark.parametrize(
    "text",
    [
        "…",  # nothing but an ellipsis
        "……",
        "的",  # one character occurs in any text
        "公开",
        "工作日",
        "第…条…公开",  # parts too short to place anything
        "属于…法规…规定",
    ],
)
def test_the_checker_refuses_what_proves_nothing(text: str) -> None:
    assert not quoted_verbatim(text)


def test_the_checker_refuses_a_quote_across_passages() -> None:
    """The end of one article and the start of the next are two passages, not one quote."""
    first, second = (
        "各级政府、各部门、各单位应当将政府采购的情况及时向社会公开。",
        "本条前三款规定的公开事项",
    )
    assert quoted_verbatim(first) and quoted_verbatim(second)
    assert not quoted_verbatim(first + second)
    assert not quoted_verbatim(first + "……" + second)
    # Two source files: the Civil Code's 第一千二百五十九条 and the 63号 extraction.
    assert not quoted_verbatim("不包括本数。……Pass = score ≥60")


@pytest.mark.parametrize(
    "commentary",
    [
        "This is not an official text.",
        "Taken from the national law database of the NPC.",
        "工业和信息化部关于印发《优质中小企业梯度培育管理暂行办法》的通知",  # the files' own prose
    ],
)
def test_the_sources_commentary_is_no_quote(commentary: str) -> None:
    assert commentary.replace(" ", "") in _normalise(
        "".join(
            e.read_text(encoding="utf-8")
            for e in DATA.joinpath("sources").iterdir()
            if e.name.endswith(".md")
        )
    )
    assert not quoted_verbatim(commentary)


def test_there_are_citations_to_check() -> None:
    files = {where.partition(".toml")[0] for where, _ in CITATIONS}
    assert {"cluster", "disclosure", "ferroalloy", "first_set", "inspection"} <= files
    assert {"sme_innovative", "sme_specialized"} <= files
    assert len(CITATIONS) > 100


@pytest.mark.parametrize(("where", "text"), CITATIONS, ids=[w for w, _ in CITATIONS])
def test_citation_text_is_verbatim(where: str, text: str) -> None:
    assert text.strip(), f"{where}: a citation without the quoted text"
    assert quoted_verbatim(text), f"{where}: not found verbatim in the sources: {text[:80]}"


def test_every_rule_set_citation_is_in_a_data_file() -> None:
    """What the engine serves is what the data files hold (so the check above covers it)."""
    import nmgpolicy
    from nmgpolicy.params import load_parameters

    checked = {text for _, text in CITATIONS}
    for ruleset in nmgpolicy.rulesets():
        data = load_parameters(ruleset)
        served = [info.citation for info in data.criteria.values()]
        served += [p.citation for p in data.parameters.values()]
        for citation in served:
            if citation is not None and citation.text:
                assert citation.text in checked, (ruleset, citation.label)
