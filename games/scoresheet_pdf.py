"""The scoresheet (`games.selectors.scoresheet.Scoresheet`) as a PDF, one landscape page per team: the line score,
the batting order with each inning's plate appearances in scorers' notation, and the team's pitchers. Drawn with
fpdf2's tables in its built-in Helvetica; text it cannot encode (outside Latin-1) is written without accents or as
"?". The layout fits both A4 and US letter landscape."""

from __future__ import annotations

import unicodedata
from collections.abc import Sequence

from fpdf import FPDF
from fpdf.fonts import FontFace

from games.selectors.scoresheet import Mark, Scoresheet, SheetSide

WIDTH = 259.0  # mm: letter landscape (279.4 mm) less 10 mm margins, narrower than A4's
HEADING = FontFace(emphasis="BOLD", fill_color=(225, 230, 236))


def _text(value: object) -> str:
    """``value`` as text Helvetica can draw (Latin-1): accents kept where Latin-1 has them, dropped otherwise."""
    text = str(value)
    try:
        text.encode("latin-1")
    except UnicodeEncodeError:
        text = unicodedata.normalize("NFKD", text)
        text = "".join(ch for ch in text if not unicodedata.combining(ch))
        text = text.encode("latin-1", "replace").decode("latin-1")
    return text


def mark_text(mark: Mark) -> str:
    """A box's text: the code with the out number, then the running, a scored run and the RBI."""
    first = mark.code + (f" ({mark.out})" if mark.out else "")
    extra = [*mark.running, *(["R"] if mark.scored else []), *([f"{mark.rbi} RBI"] if mark.rbi else [])]
    return first + ("\n" + " ".join(extra) if extra else "")


def scoresheet_pdf(sheet: Scoresheet, *, title: str) -> bytes:
    """The scoresheet as PDF bytes (A4 landscape, one page per team)."""
    pdf = FPDF(orientation="landscape", unit="mm", format="A4")
    pdf.set_margins(10, 10, 10)
    pdf.set_auto_page_break(auto=True, margin=10)
    pdf.set_title(_text(title))
    pdf.set_creator("Scorecard")
    for side in sheet.sides:
        pdf.add_page()
        pdf.set_font("Helvetica", style="B", size=13)
        pdf.cell(WIDTH, 7, _text(f"{side.team} ({side.abbreviation})"), new_x="LMARGIN", new_y="NEXT")
        pdf.set_font("Helvetica", size=8)
        pdf.cell(WIDTH, 5, _text(title), new_x="LMARGIN", new_y="NEXT")
        pdf.ln(1)
        _line_score(pdf, sheet)
        pdf.ln(3)
        _batting(pdf, sheet, side)
        pdf.ln(3)
        _pitching(pdf, sheet, side)
    return bytes(pdf.output())


def _table(pdf: FPDF, widths: Sequence[float], rows: Sequence[Sequence[str]], *, line_height: float = 4.0) -> None:
    with pdf.table(
        col_widths=tuple(widths),
        width=sum(widths),
        align="LEFT",
        text_align="CENTER",
        line_height=line_height,
        headings_style=HEADING,
        padding=0.6,
    ) as table:
        for cells in rows:
            row = table.row()
            for index, value in enumerate(cells):
                row.cell(_text(value), align="LEFT" if index == 0 else "CENTER")


def _line_score(pdf: FPDF, sheet: Scoresheet) -> None:
    pdf.set_font("Helvetica", size=8)
    header = ["", *(str(inning) for inning in sheet.innings), "R", "H", "E", "LOB"]
    rows = [header]
    for side in sheet.sides:
        runs = ["" if value is None else str(value) for value in side.runs]
        line = side.line
        rows.append([side.team, *runs, str(line.runs), str(line.hits), str(line.errors), str(line.left_on_base)])
    _table(pdf, [60, *([8.0] * len(sheet.innings)), 9, 9, 9, 10], rows)


def _batting(pdf: FPDF, sheet: Scoresheet, side: SheetSide) -> None:
    innings = len(sheet.innings)
    box = max(12.0, min(20.0, (WIDTH - 48 - 6 - 4 * 8) / innings))
    widths = [48.0, 6.0, *([box] * innings), 8, 8, 8, 8]
    header = ["Batter", "Pos", *(str(inning) for inning in sheet.innings), "AB", "R", "H", "RBI"]
    rows = [header]
    for row in side.rows:
        name = ("  " + row.name) if row.substitute else f"{row.slot}. {row.name}"
        marks = ["\n".join(mark_text(mark) for mark in cell) for cell in row.cells]
        line = row.line
        rows.append([name, row.position, *marks, str(line.ab), str(line.r), str(line.h), str(line.rbi)])
    rows.append(["Runs / hits", "", *side.inning_totals, "", str(side.line.runs), str(side.line.hits), ""])
    pdf.set_font("Helvetica", size=7)
    _table(pdf, widths, rows, line_height=3.4)


def _pitching(pdf: FPDF, sheet: Scoresheet, side: SheetSide) -> None:
    rows = [["Pitcher", "IP", "H", "R", "ER", "BB", "K", "HR", "BF", "Dec"]]
    for line in side.pitchers:
        values = (line.ip, line.h, line.r, line.er, line.bb, line.so, line.hr, line.bf, line.decision or "")
        rows.append([line.name, *(str(value) for value in values)])
    pdf.set_font("Helvetica", size=8)
    _table(pdf, [60, 10, 9, 9, 9, 9, 9, 9, 9, 10], rows)
    if sheet.decisions:
        pdf.ln(1)
        pdf.cell(WIDTH, 5, _text("  ".join(f"{key}: {name}" for key, name in sheet.decisions.items())))
