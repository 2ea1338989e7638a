"""Court documents laid out as A4 PDF (reportlab) and as printable HTML (Jinja2).

Chinese is set in an embedded TrueType font with lines broken by the Chinese rules
(``chinese_type``). English documents are set in Helvetica, with any Chinese run (names,
addresses, case numbers) switched to the Chinese font, since Helvetica has none.

``invariant=1`` fixes the document id, and the creation date is the document's own
(``DocumentContent.dated``), so the same content always gives the same bytes: a court
can hash a document and show it is unchanged.
"""

from __future__ import annotations

import io
import threading
from datetime import date
from itertools import groupby
from typing import Any
from xml.sax.saxutils import escape

from jinja2 import Environment, PackageLoader, StrictUndefined
from reportlab.lib import colors  # type: ignore[import-untyped]
from reportlab.lib.enums import TA_CENTER, TA_RIGHT  # type: ignore[import-untyped]
from reportlab.lib.pagesizes import A4  # type: ignore[import-untyped]
from reportlab.lib.styles import ParagraphStyle  # type: ignore[import-untyped]
from reportlab.lib.units import mm  # type: ignore[import-untyped]
from reportlab.pdfbase.pdfmetrics import stringWidth  # type: ignore[import-untyped]
from reportlab.platypus import (  # type: ignore[import-untyped]
    Flowable,
    Paragraph,
    SimpleDocTemplate,
    Spacer,
    Table,
    TableStyle,
)

from fapai.adapters.chinese_type import (
    CJK_FONT,
    KinsokuParagraph,
    is_cjk,
    mixed_markup,
    register_cjk_font,
)
from fapai.app.documents import DocumentContent, Signature

_HTML_LANG = {"zh": "zh-CN", "en": "en"}
_GREY = colors.HexColor("#555555")
_SEAL_GREY = colors.HexColor("#B0B0B0")
_RED = colors.HexColor("#BB0000")  # a revoked document's line


def _markup(text: str, lang: str) -> str:
    """Paragraph markup for plain text, escaped (reportlab parses ``<`` as markup)."""
    return escape(text) if lang == "zh" else mixed_markup(text)


def _runs(text: str, lang: str) -> list[tuple[str, str]]:
    """(font, text) runs: all Chinese type in Chinese, Helvetica for Latin in English."""
    if lang == "zh":
        return [(CJK_FONT, text)]
    return [
        (CJK_FONT if cjk else "Helvetica", "".join(run)) for cjk, run in groupby(text, key=is_cjk)
    ]


def _pdf_date(day: date) -> str:
    """The PDF date of a day's start in Beijing, the day court documents are dated by."""
    return f"D:{day:%Y%m%d}000000+08'00'"


class _Styles:
    """One document's paragraph styles: the Chinese font for Chinese, Helvetica for English."""

    def __init__(self, lang: str) -> None:
        zh = lang == "zh"
        font = CJK_FONT if zh else "Helvetica"
        bold = CJK_FONT if zh else "Helvetica-Bold"
        size = 11.5 if zh else 10.5
        self.body = ParagraphStyle(
            "body",
            fontName=font,
            fontSize=size,
            leading=size * 1.7,
            firstLineIndent=2 * size if zh else 0,
            spaceAfter=3,
            wordWrap="CJK" if zh else None,
        )
        self.plain = ParagraphStyle("plain", parent=self.body, firstLineIndent=0)
        self.court = ParagraphStyle(
            "court", parent=self.plain, fontName=bold, fontSize=15, leading=22, alignment=TA_CENTER
        )
        self.title = ParagraphStyle(
            "title", parent=self.court, fontSize=21, leading=30, spaceAfter=6
        )
        self.number = ParagraphStyle("number", parent=self.plain, alignment=TA_RIGHT, spaceAfter=8)
        self.revoked = ParagraphStyle(
            "revoked", parent=self.plain, fontName=bold, textColor=_RED, borderColor=_RED,
            borderWidth=1, borderPadding=4, spaceBefore=4, spaceAfter=10,
        )  # fmt: skip
        self.heading = ParagraphStyle(
            "heading", parent=self.plain, fontName=bold, fontSize=size + 1, spaceBefore=6
        )
        self.caption = ParagraphStyle("caption", parent=self.heading, alignment=TA_CENTER)
        self.cell = ParagraphStyle(
            "cell", parent=self.plain, fontSize=size - 1, leading=(size - 1) * 1.45, spaceAfter=0
        )
        self.label = ParagraphStyle("label", parent=self.cell, fontName=bold)
        self.footer = ParagraphStyle(
            "footer", parent=self.plain, fontSize=7.5, leading=11, textColor=_GREY, spaceBefore=14
        )
        self.size = size
        self.paragraph = KinsokuParagraph if zh else Paragraph


class _SignatureBlock(Flowable):  # type: ignore[misc]
    """The signature at the right: a panel's roles and names in two columns, or the
    court's name; the date centred under them; the seal mark under the date; a ruling's
    clerk last. A dashed circle the size of a court seal (42 mm) is centred on the date,
    where the seal goes (it covers the date, and the court's name when the court signs).
    One flowable, so the block never splits across pages."""

    _SEAL_RADIUS = 21 * mm

    def __init__(self, signature: Signature, lang: str, size: float) -> None:
        super().__init__()
        self._signature, self._lang, self._size = signature, lang, size
        self._leading = size * 1.9
        # lines above the date (a panel has a blank line before it) and below it
        self._above = len(signature.signers) + (1 if signature.signers[0][0] else 0)
        self._below = 1 + (1 if signature.clerk else 0)
        # room for the whole circle, so that it covers neither the text above nor below
        reach = self._SEAL_RADIUS + 2 * mm - 0.35 * size
        self._top = max(8 * mm, reach - size - self._above * self._leading)
        self._bottom = max(0.0, reach - self._below * self._leading)

    def _width(self, text: str) -> float:
        return sum(
            float(stringWidth(run, font, self._size)) for font, run in _runs(text, self._lang)
        )

    def _draw(self, x: float, y: float, text: str) -> None:
        for font, run in _runs(text, self._lang):
            self.canv.setFont(font, self._size)
            self.canv.drawString(x, y, run)
            x += stringWidth(run, font, self._size)

    def wrap(self, available_width: float, available_height: float) -> tuple[float, float]:
        self.width = available_width
        lines = self._above + self._below
        self.height = self._top + self._size + lines * self._leading + self._bottom
        return self.width, self.height

    def draw(self) -> None:
        sign = self._signature
        gap = self._size  # one character between a role and a name
        pairs = [*sign.signers, *([sign.clerk] if sign.clerk else [])]
        roles = max(self._width(role) for role, _ in pairs)
        names = max(self._width(name) for _, name in pairs)
        paired = sign.signers[0][0] != ""
        block = max(roles + gap + names if paired else names, self._width(sign.date))
        # a Chinese signature stands back two characters from the margin, as written
        left = self.width - block - (2 * self._size if self._lang == "zh" else 0)
        y = self.height - self._top - self._size

        def centred(text: str) -> None:
            self._draw(left + (block - self._width(text)) / 2, y, text)

        for role, name in sign.signers:
            if paired:
                self._draw(left, y, role)
                self._draw(left + roles + gap, y, name)
            else:
                centred(name)
            y -= self._leading
        if paired:
            y -= self._leading  # a blank line between the panel and the date
        centred(sign.date)
        self._seal(left + block / 2, y + self._size * 0.35)
        y -= self._leading
        self.canv.saveState()
        self.canv.setFillColor(_GREY)
        centred(sign.seal)
        self.canv.restoreState()
        if sign.clerk:
            y -= self._leading
            self._draw(left, y, sign.clerk[0])
            self._draw(left + roles + gap, y, sign.clerk[1])

    def _seal(self, x: float, y: float) -> None:
        self.canv.saveState()
        self.canv.setStrokeColor(_SEAL_GREY)
        self.canv.setLineWidth(0.6)
        self.canv.setDash(3, 3)
        self.canv.circle(x, y, self._SEAL_RADIUS, stroke=1, fill=0)
        self.canv.restoreState()


class ReportlabRenderer:
    """The app's DocumentRenderer: A4 PDF through platypus, HTML through Jinja2."""

    def __init__(self) -> None:
        register_cjk_font()
        # reportlab keeps a font's subsets per document in the shared font object; one
        # PDF at a time keeps two requests' subsets apart.
        self._lock = threading.Lock()
        self._env = Environment(
            loader=PackageLoader("fapai.adapters", "templates"),
            autoescape=True,
            undefined=StrictUndefined,
            trim_blocks=True,
            lstrip_blocks=True,
        )

    def html(self, content: DocumentContent) -> str:
        template = self._env.get_template("document.html")
        return template.render(c=content, html_lang=_HTML_LANG[content.lang])

    def pdf(self, content: DocumentContent) -> bytes:
        styles = _Styles(content.lang)
        buffer = io.BytesIO()
        doc = SimpleDocTemplate(
            buffer,
            pagesize=A4,
            leftMargin=26 * mm,
            rightMargin=26 * mm,
            topMargin=24 * mm,
            bottomMargin=22 * mm,
            title=content.title,
            author=content.court,
            subject=content.file_name.removesuffix(".pdf"),
            creator="fapai",
            lang=_HTML_LANG[content.lang],
            invariant=1,
        )
        page_word = "第 {} 页" if content.lang == "zh" else "Page {}"
        dated = _pdf_date(content.dated)

        def first_page(canvas: Any, document: Any) -> None:
            canvas.setDateFormatter(lambda *_: dated)  # CreationDate and ModDate
            number_page(canvas, document)

        def number_page(canvas: Any, document: Any) -> None:
            canvas.saveState()
            canvas.setFont(CJK_FONT if content.lang == "zh" else "Helvetica", 8)
            canvas.drawCentredString(A4[0] / 2, 12 * mm, page_word.format(document.page))
            canvas.restoreState()

        with self._lock:
            doc.build(
                self._flowables(content, styles, doc.width),
                onFirstPage=first_page,
                onLaterPages=number_page,
            )
        data: bytes = buffer.getvalue()
        return data

    def _flowables(self, content: DocumentContent, styles: _Styles, width: float) -> list[Any]:
        lang = content.lang

        def para(text: str, style: ParagraphStyle) -> Paragraph:
            return styles.paragraph(_markup(text, lang), style)

        story: list[Any] = [para(content.court, styles.court), para(content.title, styles.title)]
        if content.revoked:  # at the head, where no reader can miss it
            story.append(para(content.revoked, styles.revoked))
        if content.number:
            story.append(para(content.number, styles.number))
        if content.addressee:
            story.append(para(content.addressee, styles.plain))
        for heading, paragraphs in content.sections:
            if heading:
                story.append(para(heading, styles.heading))
            story.extend(para(text, styles.body) for text in paragraphs)
        if content.table:
            story.append(Spacer(1, 4 * mm))
            if content.table_heading:
                story.append(para(content.table_heading, styles.caption))
            story.append(self._table(content, styles, para, width))
        story.append(_SignatureBlock(content.signature, lang, styles.size))
        if content.footer:
            story.append(para(content.footer, styles.footer))
        return story

    def _table(self, content: DocumentContent, styles: _Styles, para: Any, width: float) -> Table:
        rows = [
            [para(label, styles.label), para(value, styles.cell)] for label, value in content.table
        ]
        table = Table(rows, colWidths=[0.28 * width, 0.72 * width], repeatRows=0)
        table.setStyle(
            TableStyle(
                [
                    ("GRID", (0, 0), (-1, -1), 0.5, colors.HexColor("#777777")),
                    ("BACKGROUND", (0, 0), (0, -1), colors.HexColor("#EEEEEE")),
                    ("VALIGN", (0, 0), (-1, -1), "TOP"),
                    ("TOPPADDING", (0, 0), (-1, -1), 4),
                    ("BOTTOMPADDING", (0, 0), (-1, -1), 4),
                    ("LEFTPADDING", (0, 0), (-1, -1), 5),
                    ("RIGHTPADDING", (0, 0), (-1, -1), 5),
                ]
            )
        )
        return table
