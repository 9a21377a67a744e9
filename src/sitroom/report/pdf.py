"""The briefing as a PDF, rendered offline with fpdf2: DejaVu Sans (shipped with matplotlib) for full Unicode,
charts embedded as PNG, citations as bracketed footnote numbers linked to a closing list of sources."""

from __future__ import annotations

import io
from pathlib import Path

import matplotlib
from fpdf import FPDF
from fpdf.fonts import FontFace

from sitroom.report.charts import draw
from sitroom.report.model import Briefing, Section, Table
from sitroom.report.render import footnotes, safe_url

FONT_DIR = Path(matplotlib.get_data_path()) / "fonts" / "ttf"
FONT = "DejaVu"
ACCENT, MUTED = (29, 78, 137), (95, 107, 122)


class _Doc(FPDF):
    def __init__(self, briefing: Briefing) -> None:
        super().__init__(format="A4")
        self.briefing = briefing
        self.notes = footnotes(briefing)
        self.anchors: dict[int, int] = {}  # footnote number -> link to its entry under Sources
        for style, name in (("", "DejaVuSans.ttf"), ("B", "DejaVuSans-Bold.ttf"), ("I", "DejaVuSans-Oblique.ttf"),
                            ("BI", "DejaVuSans-BoldOblique.ttf")):
            self.add_font(FONT, style, str(FONT_DIR / name))
        self.set_margins(18, 16, 18)
        self.set_auto_page_break(True, margin=16)
        self.set_title(briefing.title)
        self.set_creator("sitroom")

    def footer(self) -> None:
        self.set_y(-12)
        self.set_font(FONT, "", 7.5)
        self.set_text_color(*MUTED)
        self.cell(0, 5, f"{self.briefing.title} · {self.briefing.window} · page {self.page_no()}", align="C")
        self.set_text_color(0, 0, 0)


def _heading(doc: _Doc, text: str) -> None:
    if doc.will_page_break(30):
        doc.add_page()
    doc.ln(3)
    doc.set_font(FONT, "B", 13)
    doc.set_text_color(*ACCENT)
    doc.multi_cell(0, 7, text, new_x="LMARGIN", new_y="NEXT")
    doc.set_draw_color(*ACCENT)
    doc.line(doc.l_margin, doc.get_y(), doc.w - doc.r_margin, doc.get_y())
    doc.set_text_color(0, 0, 0)
    doc.ln(2)


def _table(doc: _Doc, table: Table) -> None:
    doc.set_font(FONT, "B", 9)
    doc.multi_cell(0, 5, table.title, new_x="LMARGIN", new_y="NEXT")
    doc.set_font(FONT, "", 7)
    grid = [table.columns, *table.rows]
    widths = [max(min(max(len(row[i]) for row in grid), 40), 1.3 * max(len(w) for w in col.split())) + 6
              for i, col in enumerate(table.columns)]
    with doc.table(headings_style=FontFace(emphasis="BOLD", fill_color=(240, 243, 247)), line_height=3.6,
                   padding=0.8, first_row_as_headings=True, borders_layout="HORIZONTAL_LINES", col_widths=widths,
                   text_align="LEFT") as out:
        for row in grid:
            line = out.row()
            for cell in row:
                line.cell(cell)
    if table.note:
        doc.set_font(FONT, "I", 7)
        doc.multi_cell(0, 4, table.note, new_x="LMARGIN", new_y="NEXT")
    doc.ln(3)


def _section(doc: _Doc, number: int, section: Section) -> None:
    _heading(doc, f"{number}. {section.title}")
    if not (section.paragraphs or section.tables or section.figures):
        doc.set_font(FONT, "I", 9.5)
        doc.multi_cell(0, 5, section.empty or "", new_x="LMARGIN", new_y="NEXT")
    for paragraph in section.paragraphs:
        for sentence in paragraph.sentences:
            doc.set_font(FONT, "", 9.5)
            doc.write(5, sentence.text)
            doc.set_font(FONT, "", 6.5)
            for c in sentence.citations:
                doc.write(4, f"[{doc.notes[c.key]}]", link=doc.anchors[doc.notes[c.key]])
            doc.write(5, " ")
        doc.ln(7)
    for fig in section.figures:
        png = draw(fig, "png", dpi=130)
        width = doc.w - doc.l_margin - doc.r_margin
        if doc.will_page_break(width * 0.5):
            doc.add_page()
        doc.image(io.BytesIO(png), w=width)
        doc.set_font(FONT, "I", 7.5)
        doc.set_text_color(*MUTED)
        doc.multi_cell(0, 4, f"{fig.title}. {fig.caption}", new_x="LMARGIN", new_y="NEXT")
        doc.set_text_color(0, 0, 0)
        doc.ln(3)
    for table in section.tables:
        _table(doc, table)


def pdf(briefing: Briefing) -> bytes:
    """The briefing as PDF bytes."""
    doc = _Doc(briefing)
    doc.add_page()
    doc.anchors = {n: doc.add_link(page=1) for n in doc.notes.values()}
    doc.set_font(FONT, "B", 18)
    doc.multi_cell(0, 9, briefing.title, new_x="LMARGIN", new_y="NEXT")
    doc.set_font(FONT, "", 9)
    doc.set_text_color(*MUTED)
    s = briefing.scope
    doc.multi_cell(0, 5, f"Window: {briefing.window}" + (f" · Topic: {briefing.topic}" if briefing.topic else "")
                   + f" · generated {briefing.generated_at}\nCoverage: {s.get('articles', 0)} articles from "
                   f"{s.get('outlets', 0)} outlets, {s.get('independent_stories', 0)} independent stories.\n"
                   "Every sentence is written from stored records and cites the exact words of its sources "
                   "(bracketed numbers, listed under Sources).", new_x="LMARGIN", new_y="NEXT")
    doc.set_text_color(0, 0, 0)
    for n, section in enumerate(briefing.sections, start=1):
        _section(doc, n, section)
    _heading(doc, "Sources")
    for c in briefing.citations():
        n = doc.notes[c.key]
        doc.set_link(doc.anchors[n], page=doc.page_no(), y=doc.get_y())
        doc.set_font(FONT, "B", 7.5)
        doc.write(4, f"[{n}] ")
        doc.set_font(FONT, "", 7.5)
        doc.write(4, f"{c.outlet or 'unknown outlet'}" + (f" ({c.camp})" if c.camp else "")
                  + f", {c.published or 'undated'}: ")
        doc.set_font(FONT, "I", 7.5)
        doc.write(4, f"“{c.quote}” ")
        url = safe_url(c.url)
        if url:
            doc.set_text_color(*ACCENT)
            doc.set_font(FONT, "", 7)
            doc.write(4, url, link=url)
            doc.set_text_color(0, 0, 0)
        doc.ln(5.5)
    return bytes(doc.output())
