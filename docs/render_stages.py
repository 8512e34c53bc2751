"""Draw docs/stages.svg, the picture of docs/architecture.md: one box per stage, with its module.

The picture is plain SVG written by this script (standard library only), so it needs no
drawing tool and stays in step with the text: the stages and seams are the two lists below.
Run it after changing them: ``python docs/render_stages.py`` (tests/test_docs.py checks that
the committed picture is what this script draws).
"""

from __future__ import annotations

import sys
from pathlib import Path
from xml.sax.saxutils import escape

# (what flows, the module or package that makes it): the one-way data flow, top to bottom
STAGES = (
    ("article", "a .txt or .html file + NAME.json sidecar"),
    ("text", "kg/read/ · Article records"),
    ("annotations", "kg/annotate.py · spaCy parse"),
    ("candidate facts with spans", "kg/extract/ · registered components"),
    ("factuality", "kg/extract/factuality.py"),
    ("identity", "kg/identity/ · spans → actors"),
    ("facts", "kg/facts.py · kg/extract/merging.py"),
    ("RDF", "kg/rdf/ · IRIs, facts → triples"),
    ("store", "kg/store/ · kg/ingestion.py, kg/link/"),
)
# what reads the store, side by side under it
READERS = (
    ("query", "kg/query.py, kg/serve.py"),
    ("traversal", "kg/views/network.py"),
    ("views", "kg/views/ · pages"),
    ("export", "kg/views/export.py"),
)
# where code or data from outside plugs in: (label, the row it is drawn on, the row it feeds);
# row len(STAGES) is the readers' row, drawn under it; export formats feed the export box
SEAMS = (
    ("kinds: ontology/ + kg/data/", 2, 3),
    ("components (entry points)", 3, 3),
    ("merge policy (entry points)", 6, 6),
    ("storage backends (entry points)", 8, 8),
)
EXPORT_SEAM = "export formats (entry points)"

BOX_W, BOX_H, GAP = 300, 46, 22
LEFT, TOP = 40, 50
READER_W = 175
SEAM_X, SEAM_W = 420, 250
WIDTH = LEFT + 4 * READER_W + 3 * 12 + LEFT
FONT = "font-family='DejaVu Sans, Helvetica, Arial, sans-serif'"
MONO = "font-family='DejaVu Sans Mono, Menlo, Consolas, monospace'"


def box(x: int, y: int, w: int, title: str, detail: str, dashed: bool = False) -> str:
    """One stage's box: its name in bold, its module below in monospace."""
    style = (
        "fill='#fff8e7' stroke='#b07d1a' stroke-dasharray='6 4'"
        if dashed
        else "fill='#eef4fb' stroke='#2f5f8f'"
    )
    title_y = y + (BOX_H // 2 + 5 if not detail else 19)
    weight = "normal" if dashed else "bold"
    parts = [
        f"<rect x='{x}' y='{y}' width='{w}' height='{BOX_H}' rx='8' {style} stroke-width='1.5'/>",
        f"<text x='{x + w // 2}' y='{title_y}' text-anchor='middle' {FONT} "
        f"font-size='14' font-weight='{weight}'>{escape(title)}</text>",
    ]
    if detail:
        parts.append(
            f"<text x='{x + w // 2}' y='{y + 36}' text-anchor='middle' {MONO} "
            f"font-size='11' fill='#333'>{escape(detail)}</text>"
        )
    return "\n".join(parts)


def arrow(x1: int, y1: int, x2: int, y2: int, dashed: bool = False) -> str:
    """A line with an arrow head at its end."""
    dash = " stroke-dasharray='5 4'" if dashed else ""
    colour = "#b07d1a" if dashed else "#2f5f8f"
    marker = "seam" if dashed else "flow"
    return (
        f"<line x1='{x1}' y1='{y1}' x2='{x2}' y2='{y2}' stroke='{colour}' "
        f"stroke-width='1.5'{dash} marker-end='url(#{marker})'/>"
    )


def row_y(row: int) -> int:
    """The top of the box of the stage in ``row``."""
    return TOP + row * (BOX_H + GAP)


def reader_x(column: int) -> int:
    """The left of the reader box in ``column``."""
    return LEFT + column * (READER_W + 12)


def flow() -> list[str]:
    """The stages down the left, then the readers fanning out under the store."""
    parts = []
    for row, (title, detail) in enumerate(STAGES):
        parts.append(box(LEFT, row_y(row), BOX_W, title, detail))
        if row:
            parts.append(arrow(LEFT + BOX_W // 2, row_y(row) - GAP, LEFT + BOX_W // 2, row_y(row)))
    store_bottom = row_y(len(STAGES) - 1) + BOX_H
    readers_top = row_y(len(STAGES)) + 10
    for column, (title, detail) in enumerate(READERS):
        x = reader_x(column)
        parts.append(box(x, readers_top, READER_W, title, detail))
        parts.append(arrow(LEFT + BOX_W // 2, store_bottom, x + READER_W // 2, readers_top))
    return parts


def seams() -> list[str]:
    """The extension seams, each with a dashed arrow into the stage it feeds."""
    parts = []
    for title, row, feeds in SEAMS:
        parts.append(box(SEAM_X, row_y(row), SEAM_W, title, "", dashed=True))
        target_y = row_y(feeds) + BOX_H // 2 + (8 if feeds < row else 0)
        parts.append(arrow(SEAM_X, row_y(row) + BOX_H // 2, LEFT + BOX_W, target_y, dashed=True))
    export_x, readers_top = reader_x(len(READERS) - 1), row_y(len(STAGES)) + 10
    seam_top = readers_top + BOX_H + GAP + 10
    parts.append(box(export_x - 40, seam_top, READER_W + 40, EXPORT_SEAM, "", dashed=True))
    parts.append(
        arrow(
            export_x + READER_W // 2,
            seam_top,
            export_x + READER_W // 2,
            readers_top + BOX_H,
            dashed=True,
        )
    )
    return parts


def picture() -> str:
    """The whole SVG document."""
    height = row_y(len(STAGES) + 1) + 20 + BOX_H + 20
    heads = "".join(
        f"<marker id='{name}' viewBox='0 0 10 10' refX='9' refY='5' markerWidth='7' "
        f"markerHeight='7' orient='auto'><path d='M0,0 L10,5 L0,10 z' fill='{colour}'/></marker>"
        for name, colour in (("flow", "#2f5f8f"), ("seam", "#b07d1a"))
    )
    body = "\n".join(flow() + seams())
    legend = (
        f"<text x='{LEFT}' y='28' {FONT} font-size='15' font-weight='bold'>"
        "negotiation-kg: the stages (data flows one way, down)</text>\n"
        f"<text x='{SEAM_X}' y='{row_y(1) + 20}' {FONT} font-size='12' fill='#7a5a12'>"
        "dashed: extension seams (plug-ins: kg/plugins.py)</text>"
    )
    return (
        f"<svg xmlns='http://www.w3.org/2000/svg' width='{WIDTH}' height='{height}' "
        f"viewBox='0 0 {WIDTH} {height}'>\n<defs>{heads}</defs>\n"
        f"<rect width='100%' height='100%' fill='white'/>\n{legend}\n{body}\n</svg>\n"
    )


def main(argv: list[str]) -> int:
    """Write the picture beside this script, or where the one argument says; print where."""
    out = Path(argv[0]) if argv else Path(__file__).with_name("stages.svg")
    out.write_text(picture(), encoding="utf-8")
    print(out)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
