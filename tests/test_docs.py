"""The documentation holds together: every relative link of README.md and docs/*.md reaches a file
(and a heading, where it names one), the README starts with its two set-up commands, and the
stage picture is the one its script draws."""

from __future__ import annotations

import importlib.util
import re
import unicodedata
from pathlib import Path

import pytest
from conftest import EVAL, needs_shared

ROOT = Path(__file__).resolve().parent.parent
DOCS = sorted([ROOT / "README.md", *(ROOT / "docs").glob("*.md")])
LINK = re.compile(r"!?\[[^\]]*\]\(([^)\s]+)(?:\s+\"[^\"]*\")?\)")
FENCE = re.compile(r"^(```|~~~).*?^\1", re.M | re.S)


def prose(text: str) -> str:
    """The text without its fenced code blocks, where a `](` is code, not a link."""
    return FENCE.sub("", text)


def slug(heading: str) -> str:
    """The anchor GitHub gives a heading: lower case, punctuation dropped, spaces as hyphens.

    >>> slug("Training and how good it is")
    'training-and-how-good-it-is'
    >>> slug("The deal card: `kg deals`")
    'the-deal-card-kg-deals'
    """
    text = heading.strip().lower()
    kept = "".join(c for c in text if c in " -_" or unicodedata.category(c)[0] in "LN")
    return kept.replace(" ", "-")


def anchors(path: Path) -> set[str]:
    """The anchors of a Markdown file's headings, numbered as GitHub numbers repeated ones."""
    seen: dict[str, int] = {}
    found = set()
    for line in prose(path.read_text(encoding="utf-8")).splitlines():
        heading = re.match(r"#{1,6}\s+(.*)", line)
        if not heading:
            continue
        base = slug(heading.group(1))
        count = seen.get(base, 0)
        seen[base] = count + 1
        found.add(base if count == 0 else f"{base}-{count}")
    return found


def relative_links(path: Path) -> list[str]:
    """The links of a Markdown file that point inside the repository."""
    links = LINK.findall(prose(path.read_text(encoding="utf-8")))
    return [link for link in links if not re.match(r"[a-z][a-z0-9+.-]*:", link)]


def broken_links(path: Path, root: Path = ROOT) -> list[str]:
    """The relative links of ``path`` whose file or heading does not exist, with why."""
    broken = []
    for link in relative_links(path):
        target, _, anchor = link.partition("#")
        file = (path.parent / target).resolve() if target else path
        name = file.relative_to(root).as_posix() if file.is_relative_to(root) else str(file)
        if not file.exists():
            broken.append(f"{link}: no file {name}")
        elif anchor and file.suffix == ".md" and anchor not in anchors(file):
            broken.append(f"{link}: no heading #{anchor} in {name}")
    return broken


@pytest.mark.parametrize("path", DOCS, ids=lambda p: p.relative_to(ROOT).as_posix())
def test_every_relative_link_reaches_a_file_and_heading(path):
    assert broken_links(path) == []


def test_a_broken_link_or_anchor_is_found(tmp_path):
    (tmp_path / "other.md").write_text("# A heading\n")
    page = tmp_path / "page.md"
    page.write_text(
        "[ok](other.md#a-heading) [gone](missing.md) [wrong](other.md#nope)\n"
        "```\n[in code](not-a-link.md)\n```\n[web](https://example.org/x.md)\n"
    )
    assert broken_links(page, tmp_path) == [
        "missing.md: no file missing.md",
        "other.md#nope: no heading #nope in other.md",
    ]


def test_the_readme_starts_with_the_two_setup_commands():
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    first_block = re.search(r"```\w*\n(.*?)```", text, re.S).group(1)
    commands = [line.split("#")[0].strip() for line in first_block.splitlines()]
    assert commands == ["make build", "make test"]
    assert text.index("```") < text.index("\n## ")  # before anything else of substance


def test_the_readme_stays_short():
    assert len((ROOT / "README.md").read_text(encoding="utf-8").splitlines()) <= 250


def test_the_stage_picture_is_the_one_its_script_draws():
    spec = importlib.util.spec_from_file_location("render_stages", ROOT / "docs/render_stages.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    committed = (ROOT / "docs/stages.svg").read_text(encoding="utf-8")
    assert committed == module.picture(), "run: python docs/render_stages.py"


@needs_shared(EVAL / "CONTRACT.md")
def test_the_guide_names_every_term_of_the_query_contract():
    contract = (EVAL / "CONTRACT.md").read_text(encoding="utf-8")
    terms = set(re.findall(r"\b(?:nkg|schema|prov|skos):([A-Za-z]+)", contract))
    guide = (ROOT / "docs/guide.md").read_text(encoding="utf-8")
    assert sorted(t for t in terms if not re.search(rf"\b{t}\b", guide)) == []
