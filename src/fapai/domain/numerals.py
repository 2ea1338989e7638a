"""Amounts and dates as court documents write them.

A ruling or a confirmation letter states every amount twice, in figures and in
Chinese capital numerals (大写), so that a changed digit is caught by the words.
The capital form follows the People's Bank rules for writing amounts on
settlement documents (正确填写票据和结算凭证的基本规定): 零 marks a gap inside
the number, one 零 stands for a run of zeros, 整 closes an amount with no jiao
and no fen, and 元零X分 is written when the jiao digit is zero. Where those rules
let 零 be written or left out (a zero at the 万 or 元 place before a non-zero
digit, as in 壹拾万柒仟元), it is left out, so each amount has exactly one form.
"""

from __future__ import annotations

from datetime import date

_DIGITS = "零壹贰叁肆伍陆柒捌玖"
_PLACES = ("", "拾", "佰", "仟")
_WAN = 10**4
_YI = 10**8
_FIGURES = "〇一二三四五六七八九"


def _below_wan(n: int) -> str:
    """1 to 9999: 壹仟零壹, 壹仟零壹拾, 壹拾 (the 壹 before 拾 is never dropped on money)."""
    out: list[str] = []
    pending_zero = False
    for place in range(3, -1, -1):
        digit = n // 10**place % 10
        if digit == 0:
            pending_zero = bool(out)
            continue
        if pending_zero:
            out.append("零")
            pending_zero = False
        out.append(_DIGITS[digit] + _PLACES[place])
    return "".join(out)


def _whole(n: int) -> str:
    """A positive integer in 万/亿 groups; 零 bridges a gap that reaches into the lower group."""
    if n < _WAN:
        return _below_wan(n)
    unit, size, marker = (_YI, _YI // 10, "亿") if n >= _YI else (_WAN, _WAN // 10, "万")
    high, low = divmod(n, unit)
    text = _whole(high) + marker
    if low:
        text += ("零" if low < size else "") + _whole(low)
    return text


def capital_numerals(fen: int) -> str:
    """12345678989 fen → 壹亿贰仟叁佰肆拾伍万陆仟柒佰捌拾玖元捌角玖分; 0 → 零元整."""
    if fen < 0:
        raise ValueError("capital numerals are written for amounts of zero or more")
    yuan, rest = divmod(fen, 100)
    jiao, cents = divmod(rest, 10)
    text = _whole(yuan) + "元" if yuan else ""
    if not jiao and not cents:
        return (text or "零元") + "整"
    if jiao:
        text += _DIGITS[jiao] + "角"
    elif yuan:
        text += "零"
    if cents:
        text += _DIGITS[cents] + "分"
    return text


def format_cny(fen: int) -> str:
    """12345678989 fen → "¥123,456,789.89", the figures that stand beside the capital form."""
    if fen < 0:
        raise ValueError("amounts on court documents are zero or more")
    yuan, cents = divmod(fen, 100)
    return f"¥{yuan:,}.{cents:02d}"


def chinese_date(day: date) -> str:
    """2026-03-05 → 二〇二六年三月五日, the form of the date under a court's signature."""
    year = "".join(_FIGURES[int(d)] for d in str(day.year))
    return f"{year}年{_small(day.month)}月{_small(day.day)}日"


def _small(n: int) -> str:
    """1 to 31 in ordinary numerals: 五, 十, 十二, 二十, 三十一."""
    tens, ones = divmod(n, 10)
    return (
        ("" if tens < 2 else _FIGURES[tens])
        + ("十" if tens else "")
        + (_FIGURES[ones] if ones else "")
    )
