"""Chinese type for the court's PDFs: an embedded font, and lines broken by the Chinese
rules (避头尾) rather than wherever a line happens to fill.

The font is WenQuanYi Micro Hei (文泉驿微米黑), a TrueType collection shipped by the PyPI
package ``paperang-p2-fonts-cjk`` (byte for byte the file Debian ships as
fonts-wqy-microhei), so ``pip install`` brings it and every PDF carries the glyphs it
uses (reportlab embeds a subset): the document looks the same in every reader, on a
machine with no Chinese font too.

reportlab's own CJK wrapping (``wordWrap="CJK"``, as of reportlab 5.1) cuts between
any two characters. It knows only part of the closing punctuation (not ，；：？！》),
lets at most one such character hang past the margin, never keeps an opening bracket
off a line's end, and may cut inside a figure such as ¥1,234,567.89. ``KinsokuParagraph``
breaks instead at the last place before the margin where GB/T 15834 and the W3C's
Chinese layout requirements allow it: no line starts with closing punctuation, none
ends with opening punctuation, and a run of Latin letters and figures stays whole.
"""

from __future__ import annotations

from importlib.resources import files
from itertools import groupby
from typing import Any
from xml.sax.saxutils import escape

from reportlab.pdfbase import pdfmetrics  # type: ignore[import-untyped]
from reportlab.pdfbase.ttfonts import TTFont  # type: ignore[import-untyped]
from reportlab.platypus.paragraph import (  # type: ignore[import-untyped]
    Paragraph,
    ParaLines,
    cjkU,
    makeCJKParaLine,
)
from reportlab.rl_config import _FUZZ  # type: ignore[import-untyped]

CJK_FONT = "WenQuanYiMicroHei"
_FONT_PACKAGE = "paperang_p2_fonts_cjk"
_FONT_FILE = "fonts/wqy-microhei.ttc"  # face 0: WenQuanYi Micro Hei; face 1: its Mono

#: May not begin a line (行首禁则): closing brackets and quotes, pause and stop marks,
#: the two-em dash and the ellipsis (which are not split either), the interpunct, and
#: marks that follow a figure.
CANNOT_START = frozenset("，。、；：？！）》」』】〕〗〉］｝〙〛’”〞〟…—–‥·・～％‰℃°′″!),.:;?]}%")
#: May not end a line (行尾禁则): opening brackets and quotes, and currency signs.
CANNOT_END = frozenset("（《「『【〔〖〈［｛〘〚‘“〝([{¥￥$＄£")


def register_cjk_font() -> None:
    """Register the embedded Chinese font once; a clear error if its package is missing."""
    if CJK_FONT in pdfmetrics.getRegisteredFontNames():
        return
    try:
        path = files(_FONT_PACKAGE).joinpath(_FONT_FILE)
        font = TTFont(CJK_FONT, str(path), subfontIndex=0)
    except (ModuleNotFoundError, OSError) as error:
        raise RuntimeError(
            f"the Chinese font for court documents is missing ({_FONT_PACKAGE}/{_FONT_FILE}): "
            "install the package paperang-p2-fonts-cjk (a dependency of fapai; "
            f"pip install -c constraints.txt -e .): {error}"
        ) from error
    pdfmetrics.registerFont(font)


def is_cjk(ch: str) -> bool:
    """CJK ideographs, kana, CJK and full-width punctuation: all above U+2E80."""
    return ord(ch) >= 0x2E80


def mixed_markup(text: str) -> str:
    """Paragraph markup for Latin text with Chinese runs (names, addresses, case numbers)
    switched to the Chinese font, which the Latin fonts lack. Escaped: reportlab parses
    ``<`` as markup, so a lot titled ``<script>`` would otherwise break the PDF."""
    return "".join(
        f'<font face="{CJK_FONT}">{escape("".join(run))}</font>' if cjk else escape("".join(run))
        for cjk, run in groupby(text, key=is_cjk)
    )


def _in_word(ch: str) -> bool:
    """Part of a Latin word or a figure (¥1,234.56, Q7K2M9, 3101**123X)."""
    return not is_cjk(ch) and not ch.isspace()


def may_break(before: str, after: str) -> bool:
    """Whether a line may end after ``before`` with ``after`` starting the next."""
    if after in CANNOT_START or before in CANNOT_END:
        return False
    return not (_in_word(before) and _in_word(after))


def break_lines(
    glyphs: list[str], widths: list[float], max_widths: list[float]
) -> list[tuple[int, int]]:
    """Each line as (start, end) indices into ``glyphs``: as many characters as fit, then
    back to the last place a line may end. Only a run too long for a whole line is cut
    where it must be. A space a line breaks at starts no line."""
    lines: list[tuple[int, int]] = []
    start, count = 0, len(glyphs)
    while start < count:
        room = max_widths[min(len(lines), len(max_widths) - 1)]
        end, used = start, 0.0
        while end < count and (end == start or used + widths[end] <= room + _FUZZ):
            used += widths[end]
            end += 1
        if end < count:
            end = next(
                (k for k in range(end, start, -1) if may_break(glyphs[k - 1], glyphs[k])), end
            )
        lines.append((start, end))
        start = end
        while start < count and glyphs[start].isspace():
            start += 1
    return lines


class KinsokuParagraph(Paragraph):  # type: ignore[misc]
    """A Chinese paragraph (``wordWrap="CJK"``) broken by ``break_lines``. It holds no
    images and no forced breaks; the documents have neither."""

    def breakLinesCJK(self, maxWidths: Any) -> Any:
        if hasattr(self, "blPara") and getattr(self, "_splitpara", False):
            return self.blPara  # the part of a paragraph split across pages
        glyphs = [cjkU(ch, frag, "utf8") for frag in self.frags for ch in frag.text]
        if not glyphs:
            return super().breakLinesCJK(maxWidths)
        max_widths = list(maxWidths) if isinstance(maxWidths, (list, tuple)) else [maxWidths]
        self.height = 0
        auto = getattr(self, "autoLeading", getattr(self.style, "autoLeading", ""))
        widths = [glyph.width for glyph in glyphs]
        lines: list[Any] = []
        for start, end in break_lines(glyphs, widths, max_widths):
            room = max_widths[min(len(lines), len(max_widths) - 1)]
            used = sum(widths[start:end])
            line = glyphs[start:end]
            lines.append(
                makeCJKParaLine(line, room, used, room - used, False, auto not in ("", "off"))
            )
        return ParaLines(kind=1, lines=lines)
