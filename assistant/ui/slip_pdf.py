"""The answer slip as an A4 PDF, drawn line by line with matplotlib (already a dependency), so the
PDF needs no browser. Chinese is drawn with the project's CJK font (assistant/ui/fonts.py)."""

from __future__ import annotations

import unicodedata
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from matplotlib.backends.backend_pdf import PdfPages
from matplotlib.figure import Figure

from assistant.ui.fonts import cjk_font

A4_INCHES = (8.27, 11.69)
# In half-width cells (a Chinese character is two): 10.5 pt text across the 488 pt between the margins
# holds 46 characters; keep a little slack for punctuation and digits.
LINE_WIDTH = 88
LINE_STEP = 0.021  # of the page height
TOP, BOTTOM, LEFT = 0.93, 0.06, 0.09


def _cells(char: str) -> int:
    return 2 if unicodedata.east_asian_width(char) in "WF" else 1


def wrap(text: str, width: int = LINE_WIDTH) -> list[str]:
    """Break a paragraph into lines of at most `width` cells (Chinese has no spaces to break at)."""
    lines, line, used = [], "", 0
    for char in text:
        if used + _cells(char) > width:
            lines.append(line)
            line, used = "", 0
        line += char
        used += _cells(char)
    return [*lines, line] if line else lines


def _lines(
    title: str, dated: str, sections: Sequence[tuple[str, list[str]]], disclaimer: str
) -> Iterator[tuple[str, str]]:
    """(style, text) for every printed line: title, date, headings, wrapped paragraphs, disclaimer."""
    yield "title", title
    yield "body", dated
    for head, paras in sections:
        yield "head", head
        for para in paras:
            for line in wrap(para):
                yield "body", line
    for n, line in enumerate(wrap(disclaimer, LINE_WIDTH * 10 // 12)):  # drawn at 12 pt
        yield ("head" if n == 0 else "emph"), line


@dataclass(frozen=True)
class LineStyle:
    size: float
    color: str = "black"
    align: Literal["left", "center"] = "left"


STYLES = {
    "title": LineStyle(16, align="center"),
    "head": LineStyle(12, "#8b1a1a"),
    "emph": LineStyle(12, "#8b1a1a"),
    "body": LineStyle(10.5),
}


def write_pdf(
    path: Path, title: str, dated: str, sections: Sequence[tuple[str, list[str]]], disclaimer: str
) -> None:
    """Lay the lines out top-down, starting a new page when one is full."""
    font = cjk_font()
    with PdfPages(path) as pdf:
        fig, y = Figure(figsize=A4_INCHES), TOP
        for style, text in _lines(title, dated, sections, disclaimer):
            gap = LINE_STEP * 0.8 if style in ("title", "head") else 0  # space above headings
            if y - gap - LINE_STEP < BOTTOM:
                pdf.savefig(fig)
                fig, y = Figure(figsize=A4_INCHES), TOP + gap
            x = 0.5 if style == "title" else LEFT
            look = STYLES[style]
            fig.text(x, y - gap, text, va="top", ha=look.align, fontsize=look.size, color=look.color,
                     fontfamily=font)
            y -= gap + LINE_STEP * (1 if style == "body" else 1.2)
        pdf.savefig(fig)
