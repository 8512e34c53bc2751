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
('Talks resume', datetime.date(2024, 1, 28), 'talks-8fecceae7e')
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import stat
import unicodedata
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from ..errors import InputError

TEXT_SUFFIXES = (".txt", ".text", ".md")
HTML_SUFFIXES = (".html", ".htm", ".xhtml")
ARTICLE_SUFFIXES = TEXT_SUFFIXES + HTML_SUFFIXES
METADATA_KEYS = ("title", "published", "source", "url")
MIN_ARTICLE_WORDS = (
    15  # fewer words than a news paragraph is what remains of a page that holds no article
)
# limits that keep one file from taking the machine: parsing time grows with the text, and with the
# square of a sentence's length (a 1M-character sentence took 334 s and 2.9 GB)
MAX_FILE_BYTES = 20_000_000  # a saved news page with its scripts is a few MB
MAX_TEXT_CHARS = 200_000  # ten times a long feature story
MAX_SENTENCE_CHARS = 3_000  # some 500 words without a full stop, ?, !, semicolon or line break
SENTENCE_RUN = re.compile(r"[^.!?;\n]{" + str(MAX_SENTENCE_CHARS + 1) + ",}")


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


# C0 and C1 control characters but newline and tab: they break XML exports and mean nothing in prose
CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")


def clean_text(text: str) -> str:
    r"""``text`` with Windows line ends made plain and control characters (form feed, ESC...) made spaces.

    >>> clean_text("Talks\r\nresumed\x0c today\x1b.")
    'Talks\nresumed  today .'
    """
    return CONTROL.sub(" ", text.replace("\r\n", "\n").replace("\r", "\n"))


def article_slug(stem: str, url: str | None, body: str) -> str:
    """The article's identity in IRIs: a readable name plus a digest of what the article is, its URL where
    known, else its text; two files that share a name but not their content never collide.

    >>> article_slug("story", None, "Talks resumed."), article_slug("story", None, "Talks ended.")
    ('story-21d7372adc', 'story-4d78a2c039')
    >>> article_slug("قصة", "https://example.org/news/truce-talks", "x")
    'truce-talks-aa3a38c4db'
    """
    if url:  # the same URL is the same article, whatever the file is called
        stem = url.strip().rstrip("/").rsplit("/", 1)[-1].split("?")[0]
    digest = hashlib.sha1((url.strip() if url else body).encode("utf-8")).hexdigest()[:10]
    return f"{(slugify(stem) or 'article')[:60].strip('-')}-{digest}"


def content_digest(article: Article) -> str:
    """A digest of everything an article's graph is made from, so an unchanged article can be skipped."""
    parts = (
        article.title,
        article.body,
        str(article.published),
        article.source or "",
        article.url or "",
    )
    return hashlib.sha1("\x1f".join(parts).encode("utf-8")).hexdigest()


def parse_date(value: object, subject: str) -> date:
    """Return the ``date`` written as ``YYYY-MM-DD``; raise :class:`InputError` otherwise.

    >>> parse_date("2024-02-29", "flag --published")
    datetime.date(2024, 2, 29)
    >>> parse_date("2023-02-29", "flag --published")
    Traceback (most recent call last):
    ...
    kg.errors.InputError: flag --published: '2023-02-29' is not a real date (day is out of range
    for month); write it as YYYY-MM-DD
    """
    text = str(value).strip()
    if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", text):
        raise InputError(
            subject, f"{text!r} is not a date", "write it as YYYY-MM-DD, e.g. 2024-01-28"
        )
    try:
        return date.fromisoformat(text)
    except ValueError as e:
        raise InputError(
            subject, f"{text!r} is not a real date ({e})", "write it as YYYY-MM-DD"
        ) from None


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
            inside = sorted(
                p for p in path.iterdir() if p.is_file() and p.suffix.lower() in ARTICLE_SUFFIXES
            )
            if not inside:
                raise InputError(
                    path,
                    "the directory holds no article",
                    f"put articles in it ({', '.join(ARTICLE_SUFFIXES)})",
                )
            found.extend(inside)
        elif path.is_file():
            found.append(path)
        elif os.path.lexists(path):
            read_bytes(path)  # a FIFO, a device, a link loop: say which
            raise InputError(
                path, "not a regular file", "give an article file or a directory of them"
            )
        else:
            raise InputError(path, "no such file or directory", "check the path")
    return found


def read_metadata(article_path: Path) -> dict:
    """Return the metadata of the ``NAME.json`` sidecar beside ``article_path`` ({} if none)."""
    sidecar = article_path.with_suffix(".json")
    if not sidecar.is_file():
        return {}
    try:
        if sidecar.stat().st_size > MAX_FILE_BYTES:
            raise InputError(
                sidecar,
                "the metadata sidecar is larger than 20 MB",
                "keep only title, published, source and url in it",
            )
        data = json.loads(sidecar.read_text(encoding="utf-8"))
    except UnicodeDecodeError:
        raise InputError(
            sidecar, "the metadata sidecar is not UTF-8 text", "re-save it as UTF-8 JSON"
        ) from None
    except json.JSONDecodeError as e:
        raise InputError(
            sidecar,
            f"malformed JSON at line {e.lineno}, column {e.colno} ({e.msg})",
            "fix the sidecar or remove it",
        ) from None
    except RecursionError:
        raise InputError(
            sidecar,
            "the metadata sidecar is nested too deeply to read",
            'write a flat object: {"title": ..., "published": "YYYY-MM-DD", '
            '"source": ..., "url": ...}',
        ) from None
    except OSError as e:
        raise InputError(
            sidecar, f"cannot read the metadata sidecar ({e.strerror})", "check its permissions"
        ) from None
    if not isinstance(data, dict):
        raise InputError(
            sidecar,
            "the metadata sidecar is not a JSON object",
            'write {"published": "YYYY-MM-DD", ...}',
        )
    meta = {k: data[k] for k in METADATA_KEYS if data.get(k) not in (None, "")}
    for key, value in meta.items():
        if not isinstance(value, str):
            raise InputError(
                sidecar,
                f'"{key}" is a JSON {json_kind(value)}, not a string',
                f'write it as text, e.g. "{key}": "{METADATA_EXAMPLES[key]}"',
            )
        check_text(value, sidecar, f'"{key}"')
    return meta


METADATA_EXAMPLES = {
    "title": "Talks resume in Doha",
    "published": "2024-01-28",
    "source": "Reuters",
    "url": "https://example.org/news/talks",
}


def json_kind(value: object) -> str:
    """What a JSON value is, in JSON's words.

    >>> json_kind([1]), json_kind({}), json_kind(2.5), json_kind(True)
    ('list', 'object', 'number', 'boolean')
    """
    if isinstance(value, bool):
        return "boolean"
    kinds = {list: "list", dict: "object", int: "number", float: "number"}
    return kinds.get(type(value), type(value).__name__)


def check_text(value: str, subject: str | Path, what: str) -> str:
    """``value`` if it can be written as UTF-8; a lone surrogate (half of a character, from a JSON
    ``\\ud800`` escape or an undecodable command-line byte) is refused, naming ``what``.

    >>> check_text("Talks", "a.json", "title")
    'Talks'
    """
    try:
        value.encode("utf-8")
    except UnicodeEncodeError as e:
        raise InputError(
            subject,
            f"the {what} holds half of a character (a lone surrogate "
            f"{value[e.start]!r} at position {e.start})",
            f"fix the {what}: write whole characters",
        ) from None
    return value


def check_size(body: str, path: Path) -> str:
    """``body`` if it is within the limits of one article (its length, its longest sentence); else a
    clear :class:`InputError`."""
    if len(body) > MAX_TEXT_CHARS:
        raise InputError(
            path,
            f"the text is {len(body):,} characters, more than the "
            f"{MAX_TEXT_CHARS:,} an article may have",
            "split it into its articles",
        )
    run = SENTENCE_RUN.search(body)
    if run:
        raise InputError(
            path,
            f"a run of {len(run.group()):,} characters without a sentence end "
            f"(more than {MAX_SENTENCE_CHARS:,}): this is not prose a parser can read "
            "in reasonable time",
            "give articles of sentences; break up lists and tables",
        )
    return body


def decode_text(raw: bytes, path: Path) -> str:
    r"""Return ``raw`` decoded as UTF-8 (or UTF-16 with its byte-order mark), refusing binary and undecodable files.

    >>> decode_text("Talks resumed in Doha".encode("utf-16"), Path("a.txt"))
    'Talks resumed in Doha'
    """
    if not raw.strip():
        raise InputError(path, "the file is empty", "give an article with text in it")
    if raw[:2] in (b"\xff\xfe", b"\xfe\xff"):
        try:
            text = raw.decode("utf-16")
        except UnicodeDecodeError as e:
            raise InputError(
                path, f"cannot decode the file as UTF-16 (byte {e.start})", "re-save it as UTF-8"
            ) from None
        if sum(c.isspace() for c in text) * 40 >= len(
            text
        ):  # prose has spaces; bytes after a stray BOM do not
            return text
        raise InputError(path, "the file is binary, not an article", "give a .txt or .html file")
    if b"\x00" in raw[:8192]:
        raise InputError(path, "the file is binary, not an article", "give a .txt or .html file")
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as e:
        raise InputError(
            path,
            f"cannot decode the file as UTF-8 (byte {e.start})",
            "convert it to UTF-8, e.g. iconv -f latin1 -t utf-8",
        ) from None


def is_html(path: Path, text: str) -> bool:
    return path.suffix.lower() in HTML_SUFFIXES or bool(
        re.match(r"\s*<(!doctype html|html)", text, re.I)
    )


def html_main_text(html: str, path: Path) -> tuple[str, str | None, str | None]:
    """Return (main text, title, date) of an HTML page, extracted by trafilatura."""
    try:
        import trafilatura
    except ImportError as e:  # e.g. lxml_html_clean missing where an older pip left it out
        raise InputError(
            path,
            f"HTML articles cannot be read here ({e})",
            "reinstall negotiation-kg with a recent pip: pip install -U pip; "
            "pip install negotiation-kg",
        ) from None

    doc = trafilatura.bare_extraction(
        html, with_metadata=True, include_comments=False, include_tables=False, favor_precision=True
    )
    text = (getattr(doc, "text", None) or "").strip() if doc else ""
    if (
        len(re.findall(r"\w+", text)) < MIN_ARTICLE_WORDS
    ):  # "Home", a menu, a cookie notice: no article
        raise InputError(
            path,
            "no article text found in the HTML page",
            "save the article page itself, not an index page",
        )
    return text, getattr(doc, "title", None), getattr(doc, "date", None)


def read_article(
    path: str | Path,
    *,
    title: str | None = None,
    published: str | date | None = None,
    source: str | None = None,
    url: str | None = None,
) -> Article:
    """Return the :class:`Article` in ``path``; arguments given here override its sidecar.

    Raises :class:`InputError` for an empty, binary or undecodable file, a
    malformed sidecar or an impossible date.
    """
    path = Path(path)
    raw = read_bytes(path)
    text = decode_text(raw, path)
    meta = read_metadata(path)
    html_title = html_date = None
    if is_html(path, text):
        body, html_title, html_date = html_main_text(text, path)
    else:
        body = text
    body = check_size(clean_text(body), path)
    if not body.strip():
        raise InputError(path, "the file holds no text", "give an article with text in it")
    first_line = next((line.strip() for line in body.splitlines() if line.strip()), "")
    given = {"title": title, "source": source, "url": url}
    meta.update({k: check_text(v, f"--{k}", "value given") for k, v in given.items() if v})
    if published:
        meta["published"] = (
            published if isinstance(published, date) else parse_date(published, "--published")
        )
    elif "published" in meta:
        meta["published"] = parse_date(meta["published"], path.with_suffix(".json"))
    elif html_date:
        meta["published"] = parse_date(html_date[:10], path)
    url = meta.get("url")
    return Article(
        path=str(path),
        slug=article_slug(path.stem, url, body),
        title=str(meta.get("title") or html_title or first_line)[:500],
        body=body,
        published=meta.get("published"),
        source=meta.get("source"),
        url=meta.get("url"),
    )


def read_bytes(path: Path) -> bytes:
    """The bytes of an article file, or an :class:`InputError` that says what the path is instead."""
    try:
        info = path.stat()
        if stat.S_ISFIFO(info.st_mode):
            raise InputError(
                path, "this is a named pipe (FIFO), not a file", "give the article file itself"
            )
        if info.st_size > MAX_FILE_BYTES:
            raise InputError(
                path,
                f"the file is {info.st_size / 1e6:,.0f} MB, more than the "
                f"{MAX_FILE_BYTES // 1_000_000} MB an article may be",
                "split it into its articles",
            )
        return path.read_bytes()
    except FileNotFoundError:
        raise InputError(path, "no such file", "check the path") from None
    except IsADirectoryError:
        raise InputError(
            path, "this is a directory", "give its articles, or the directory to kg ingest"
        ) from None
    except OSError as e:
        if e.errno == 40:  # ELOOP
            raise InputError(
                path, "a symbolic link loop", "point the link at a real file"
            ) from None
        raise InputError(
            path, f"cannot read the file ({e.strerror})", "check its permissions"
        ) from None


def read_articles(paths: Iterable[Path], **overrides) -> Iterator[Article | InputError]:
    """Yield each article of ``paths``, or the :class:`InputError` that stopped it.

    One bad article does not stop the others: the caller decides what to report.
    """
    for path in paths:
        try:
            yield read_article(path, **overrides)
        except InputError as e:
            yield e
