"""Court documents laid out as A4 PDF (reportlab) and as printable HTML (Jinja2).

The Chinese font is reportlab's built-in CID font STSong-Light. reportlab ships
its metrics; the PDF names the font and the Adobe-GB1 character collection
instead of embedding glyphs, and every PDF reader supplies a Song typeface for
it. So the server needs no font file and nothing is downloaded. English documents
are set in Helvetica, with any Chinese run (names, addresses, case numbers)
switched to STSong-Light, since Helvetica has no Chinese glyphs.

``invariant=1`` fixes the creation date and document id, so the same content
always gives the same bytes: a court can hash a document and show it is unchanged.
"""

from __future__ import annotations

import io
from itertools import groupby
from typing import Any
from xml.sax.saxutils import escape

from jinja2 import Environment, PackageLoader, StrictUndefined
from reportlab.lib import colors  # type: ignore[import-untyped]
from reportlab.lib.enums import TA_CENTER, TA_RIGHT  # type: ignore[import-untyped]
from reportlab.lib.pagesizes import A4  # type: ignore[import-untyped]
from reportlab.lib.styles import ParagraphStyle  # type: ignore[import-untyped]
from reportlab.lib.units import mm  # type: ignore[import-untyped]
from reportlab.pdfbase import pdfmetrics  # type: ignore[import-untyped]
from reportlab.pdfbase.cidfonts import UnicodeCIDFont  # type: ignore[import-untyped]
from reportlab.platypus import (  # type: ignore[import-untyped]
    KeepTogether,
    Paragraph,
    SimpleDocTemplate,
    Spacer,
    Table,
    TableStyle,
)

from fapai.app.documents import DocumentContent

CJK_FONT = "STSong-Light"
_HTML_LANG = {"zh": "zh-CN", "en": "en"}


def _is_cjk(ch: str) -> bool:
    """CJK ideographs, kana, CJK and full-width punctuation: all above U+2E80."""
    return ord(ch) >= 0x2E80


def _markup(text: str, lang: str) -> str:
    """Paragraph markup for plain text: escaped, and in English with Chinese runs in
    the CID font. Escaping matters: reportlab parses ``<`` as markup, so a lot
    titled ``<script>`` would otherwise break the PDF or inject formatting."""
    if lang == "zh":
        return escape(text)
    return "".join(
        f'<font face="{CJK_FONT}">{escape("".join(run))}</font>' if cjk else escape("".join(run))
        for cjk, run in groupby(text, key=_is_cjk)
    )


class _Styles:
    """One document's paragraph styles: Song for Chinese, Helvetica for English."""

    def __init__(self, lang: str) -> None:
        zh = lang == "zh"
        font = CJK_FONT if zh else "Helvetica"
        bold = CJK_FONT if zh else "Helvetica-Bold"
        size = 11.5 if zh else 10.5
        wrap = "CJK" if zh else None
        self.body = ParagraphStyle(
            "body",
            fontName=font,
            fontSize=size,
            leading=size * 1.7,
            firstLineIndent=2 * size if zh else 0,
            spaceAfter=3,
            wordWrap=wrap,
        )
        self.plain = ParagraphStyle("plain", parent=self.body, firstLineIndent=0)
        self.court = ParagraphStyle(
            "court", parent=self.plain, fontName=bold, fontSize=15, leading=22, alignment=TA_CENTER
        )
        self.title = ParagraphStyle(
            "title", parent=self.court, fontSize=21, leading=30, spaceAfter=6
        )
        self.number = ParagraphStyle("number", parent=self.plain, alignment=TA_RIGHT, spaceAfter=8)
        self.heading = ParagraphStyle(
            "heading", parent=self.plain, fontName=bold, fontSize=size + 1, spaceBefore=6
        )
        self.caption = ParagraphStyle("caption", parent=self.heading, alignment=TA_CENTER)
        self.cell = ParagraphStyle(
            "cell", parent=self.plain, fontSize=size - 1, leading=(size - 1) * 1.45, spaceAfter=0
        )
        self.label = ParagraphStyle("label", parent=self.cell, fontName=bold)
        self.signature = ParagraphStyle("signature", parent=self.plain, alignment=TA_RIGHT)
        self.footer = ParagraphStyle(
            "footer",
            parent=self.plain,
            fontSize=7.5,
            leading=11,
            textColor=colors.HexColor("#555555"),
            spaceBefore=14,
        )
        self.font = font


class ReportlabRenderer:
    """The app's DocumentRenderer: A4 PDF through platypus, HTML through Jinja2."""

    def __init__(self) -> None:
        if CJK_FONT not in pdfmetrics.getRegisteredFontNames():
            pdfmetrics.registerFont(UnicodeCIDFont(CJK_FONT))
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
            author=content.signature[0],
            subject=content.number,
            creator="fapai",
            lang=_HTML_LANG[content.lang],
            invariant=1,
        )
        page_word = "第 {} 页" if content.lang == "zh" else "Page {}"

        def number_page(canvas: Any, document: Any) -> None:
            canvas.saveState()
            canvas.setFont(CJK_FONT if content.lang == "zh" else "Helvetica", 8)
            canvas.drawCentredString(A4[0] / 2, 12 * mm, page_word.format(document.page))
            canvas.restoreState()

        doc.build(
            self._flowables(content, styles, doc.width),
            onFirstPage=number_page,
            onLaterPages=number_page,
        )
        data: bytes = buffer.getvalue()
        return data

    def _flowables(self, content: DocumentContent, styles: _Styles, width: float) -> list[Any]:
        lang = content.lang

        def para(text: str, style: ParagraphStyle) -> Paragraph:
            return Paragraph(_markup(text, lang), style)

        story: list[Any] = [
            para(content.signature[0], styles.court),
            para(content.title, styles.title),
        ]
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
            story.append(self._table(content, styles, width))
        story.append(
            KeepTogether(
                [
                    Spacer(1, 10 * mm),
                    para(content.signature[0], styles.signature),
                    para(content.signature[1], styles.signature),
                ]
            )
        )
        if content.footer:
            story.append(para(content.footer, styles.footer))
        return story

    def _table(self, content: DocumentContent, styles: _Styles, width: float) -> Table:
        rows = [
            [
                Paragraph(_markup(label, content.lang), styles.label),
                Paragraph(_markup(value, content.lang), styles.cell),
            ]
            for label, value in content.table
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
