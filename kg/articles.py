"""Reading articles: text or HTML files plus metadata → :class:`Article` records.

A plain-text article has its headline on the first line; its body is the whole
file. An HTML page is reduced to its main text by trafilatura. Metadata comes
from a ``NAME.json`` sidecar (``title``, ``published``, ``source``, ``url``)
and may be overridden by the caller.

>>> import tempfile, pathlib
>>> d = pathlib.Path(tempfile.mkdtemp())
>>> _ = (d / "talks.txt").write_text("Talks resume\\nEnvoys met in Doha on Monday.\\n")
>>> a = read_article(d / "talks.txt", published="2024-01-28")
>>> a.title, a.published, a.slug
('Talks resume', datetime.date(2024, 1, 28), 'talks')
"""
from __future__ import annotations

import json
import re
import unicodedata
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Iterable, Iterator

from .errors import InputError

TEXT_SUFFIXES = (".txt", ".text", ".md")
HTML_SUFFIXES = (".html", ".htm", ".xhtml")
ARTICLE_SUFFIXES = TEXT_SUFFIXES + HTML_SUFFIXES
METADATA_KEYS = ("title", "published", "source", "url")


@dataclass(frozen=True)
class Article:
    """One news article as ingested: its text and its metadata."""

    path: str
    slug: str
    title: str
    body: str
    published: date | None = None
    source: str | None = None
    url: str | None = None


def slugify(text: str) -> str:
    """Return a lowercase ASCII slug of ``text`` for use in IRIs.

    >>> slugify("Sheikh Mohammed bin Abdulrahman Al Thani")
    'sheikh-mohammed-bin-abdulrahman-al-thani'
    >>> slugify("U.S.")
    'u-s'
    """
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")


def parse_date(value: object, subject: str) -> date:
    """Return the ``date`` written as ``YYYY-MM-DD``; raise :class:`InputError` otherwise.

    >>> parse_date("2024-02-29", "flag --published")
    datetime.date(2024, 2, 29)
    >>> parse_date("2023-02-29", "flag --published")
    Traceback (most recent call last):
    ...
    kg.errors.InputError: flag --published: '2023-02-29' is not a real date (day is out of range for month); write it as YYYY-MM-DD
    """
    text = str(value).strip()
    if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", text):
        raise InputError(subject, f"{text!r} is not a date", "write it as YYYY-MM-DD, e.g. 2024-01-28")
    try:
        return date.fromisoformat(text)
    except ValueError as e:
        raise InputError(subject, f"{text!r} is not a real date ({e})", "write it as YYYY-MM-DD") from None


def find_articles(paths: Iterable[str | Path]) -> list[Path]:
    """Return the article files named by ``paths``; a directory means every article in it.

    Raises :class:`InputError` for a path that does not exist or a directory
    holding no article.

    >>> find_articles(["no/such/file.txt"])
    Traceback (most recent call last):
    ...
    kg.errors.InputError: no/such/file.txt: no such file or directory; check the path
    """
    found: list[Path] = []
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            inside = sorted(p for p in path.iterdir() if p.is_file() and p.suffix.lower() in ARTICLE_SUFFIXES)
            if not inside:
                raise InputError(path, "the directory holds no article",
                                 f"put articles in it ({', '.join(ARTICLE_SUFFIXES)})")
            found.extend(inside)
        elif path.is_file():
            found.append(path)
        else:
            raise InputError(path, "no such file or directory", "check the path")
    return found


def read_metadata(article_path: Path) -> dict:
    """Return the metadata of the ``NAME.json`` sidecar beside ``article_path`` ({} if none)."""
    sidecar = article_path.with_suffix(".json")
    if not sidecar.is_file():
        return {}
    try:
        data = json.loads(sidecar.read_text(encoding="utf-8"))
    except UnicodeDecodeError:
        raise InputError(sidecar, "the metadata sidecar is not UTF-8 text", "re-save it as UTF-8 JSON") from None
    except json.JSONDecodeError as e:
        raise InputError(sidecar, f"malformed JSON at line {e.lineno}, column {e.colno} ({e.msg})",
                         "fix the sidecar or remove it") from None
    if not isinstance(data, dict):
        raise InputError(sidecar, "the metadata sidecar is not a JSON object", 'write {"published": "YYYY-MM-DD", ...}')
    return {k: data[k] for k in METADATA_KEYS if data.get(k) not in (None, "")}


def decode_text(raw: bytes, path: Path) -> str:
    """Return ``raw`` decoded as UTF-8, refusing binary and undecodable files."""
    if not raw.strip():
        raise InputError(path, "the file is empty", "give an article with text in it")
    if b"\x00" in raw[:8192]:
        raise InputError(path, "the file is binary, not an article", "give a .txt or .html file")
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as e:
        raise InputError(path, f"cannot decode the file as UTF-8 (byte {e.start})",
                         "convert it to UTF-8, e.g. iconv -f latin1 -t utf-8") from None


def is_html(path: Path, text: str) -> bool:
    return path.suffix.lower() in HTML_SUFFIXES or bool(re.match(r"\s*<(!doctype html|html)", text, re.I))


def html_main_text(html: str, path: Path) -> tuple[str, str | None, str | None]:
    """Return (main text, title, date) of an HTML page, extracted by trafilatura."""
    import trafilatura

    doc = trafilatura.bare_extraction(html, with_metadata=True, include_comments=False,
                                      include_tables=False, favor_precision=True)
    text = (getattr(doc, "text", None) or "").strip() if doc else ""
    if not text:
        raise InputError(path, "no article text found in the HTML page", "save the article page itself, not an index page")
    return text, getattr(doc, "title", None), getattr(doc, "date", None)


def read_article(path: str | Path, *, title: str | None = None, published: str | date | None = None,
                 source: str | None = None, url: str | None = None) -> Article:
    """Return the :class:`Article` in ``path``; arguments given here override its sidecar.

    Raises :class:`InputError` for an empty, binary or undecodable file, a
    malformed sidecar or an impossible date.
    """
    path = Path(path)
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        raise InputError(path, "no such file", "check the path") from None
    except OSError as e:
        raise InputError(path, f"cannot read the file ({e.strerror})", "check its permissions") from None
    text = decode_text(raw, path)
    meta = read_metadata(path)
    html_title = html_date = None
    if is_html(path, text):
        body, html_title, html_date = html_main_text(text, path)
    else:
        body = text.replace("\r\n", "\n")
    first_line = next((line.strip() for line in body.splitlines() if line.strip()), "")
    given = {"title": title, "source": source, "url": url}
    meta.update({k: v for k, v in given.items() if v})
    if published:
        meta["published"] = published if isinstance(published, date) else parse_date(published, "--published")
    elif "published" in meta:
        meta["published"] = parse_date(meta["published"], path.with_suffix(".json"))
    elif html_date:
        meta["published"] = parse_date(html_date[:10], path)
    return Article(
        path=str(path), slug=slugify(path.stem) or "article",
        title=str(meta.get("title") or html_title or first_line)[:500], body=body,
        published=meta.get("published"), source=meta.get("source"), url=meta.get("url"))


def read_articles(paths: Iterable[Path], **overrides) -> Iterator[Article | InputError]:
    """Yield each article of ``paths``, or the :class:`InputError` that stopped it.

    One bad article does not stop the others: the caller decides what to report.
    """
    for path in paths:
        try:
            yield read_article(path, **overrides)
        except InputError as e:
            yield e
