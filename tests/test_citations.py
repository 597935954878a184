"""Every citation's ``text`` is the law's own words: checked against the shipped sources.

The sources are the bureau's catalog (``data/baotou_miit_catalog.tsv``, which quotes most of the
regulations) and the passages in ``data/sources/*.md`` (statutes the catalog does not quote, and
the 63号 standards as extracted). White space and HTML paragraph tags are ignored; a quote may
leave words out where it says so with an ellipsis (… or ……), each part then standing in order.
A paraphrase belongs in ``summary``, never in ``text``.
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Iterator, Mapping
from importlib import resources
from typing import Any

import pytest

DATA = resources.files("nmgpolicy").joinpath("data")
_SPACE = re.compile(r"\s+|</?[A-Za-z][^<>]*>")
_ELLIPSIS = re.compile(r"……|…|\.\.\.")


def _normalise(text: str) -> str:
    return _SPACE.sub("", text)


def _sources() -> str:
    parts = [DATA.joinpath("baotou_miit_catalog.tsv").read_text(encoding="utf-8")]
    sources = DATA.joinpath("sources")
    parts += [
        entry.read_text(encoding="utf-8")
        for entry in sorted(sources.iterdir(), key=lambda e: e.name)
        if entry.name.endswith(".md")
    ]
    return _normalise("\n".join(parts))


SOURCES = _sources()


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


def quoted_verbatim(text: str, sources: str = SOURCES) -> bool:
    """Whether ``text`` stands in ``sources`` (its ellipsis-separated parts, in order)."""
    position = 0
    for part in _ELLIPSIS.split(_normalise(text)):
        if not part:
            continue
        found = sources.find(part, position)
        if found < 0:
            return False
        position = found + len(part)
    return True


def test_the_checker_refuses_a_paraphrase_and_accepts_a_quote() -> None:
    quote = "公示期为5个工作日"
    assert quoted_verbatim(quote)
    assert quoted_verbatim("第十条 自治区工业和信息化厅……公示期为5个工作日")
    assert not quoted_verbatim("公示期为五个工作日")
    assert not quoted_verbatim("公示期为5个工作日……第一条为实施创新驱动发展战略")  # out of order


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
