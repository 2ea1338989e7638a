"""Words and figures every document writes the same way, in Chinese or English.

Money is written in figures and in capital numerals (大写) so that a changed digit is
caught by the words; times are shown in Beijing time.
"""

from __future__ import annotations

from datetime import date, datetime

from fapai.domain.beijing_time import to_beijing
from fapai.domain.numerals import capital_numerals, format_cny

_LABELS: dict[str, dict[str, tuple[str, str]]] = {
    "type": {
        "real_estate": ("不动产", "real property"),
        "movable": ("动产", "movable property"),
        "other_right": ("其他财产权", "other property right"),
    },
    "method": {
        "agreed": ("当事人议价", "agreement of the parties"),
        "targeted": ("定向询价", "targeted inquiry"),
        "online": ("网络询价", "online inquiry"),
        "appraisal": ("委托评估", "appraisal"),
    },
    "kind": {"auction": ("拍卖", "auction"), "sale": ("变卖", "sale")},
    "round": {"1": ("第一次拍卖", "first auction"), "2": ("第二次拍卖", "second auction")},
    "role": {"party": ("当事人", "party"), "preemptive_holder": ("优先购买权人", "holder")},
    "disclosure": {
        "occupancy": ("占有使用情况", "Occupancy and use"),
        "leases": ("租赁情况", "Leases"),
        "arrears": ("欠费情况", "Arrears"),
        "taxes": ("税费负担", "Taxes and who bears them"),
        "encumbrances": ("权利负担", "Encumbrances"),
        "clearing": ("腾退交付", "Vacating and handover"),
        "other": ("其他说明", "Other"),
    },
}
_MONTHS = (
    "January", "February", "March", "April", "May", "June",
    "July", "August", "September", "October", "November", "December",
)  # fmt: skip
_ABBREVIATIONS = {
    "zh": (
        "本文书所称《网络司法拍卖规定》指《最高人民法院关于人民法院网络司法拍卖若干问题的"
        "规定》（法释〔2016〕18号），《拍卖、变卖财产规定》指《最高人民法院关于人民法院民事"
        "执行中拍卖、变卖财产的规定》，《民事诉讼法解释》指《最高人民法院关于适用〈中华人民"
        "共和国民事诉讼法〉的解释》，《房产竞买人资格规定》指《最高人民法院关于人民法院司法"
        "拍卖房产竞买人资格若干问题的规定》，《财产处置参考价规定》指《最高人民法院关于人民"
        "法院确定财产处置参考价若干问题的规定》。"
    ),
    "en": (
        "OJA: SPC Provisions on Online Judicial Auctions by the People's Courts (Fa Shi "
        "[2016] No. 18). ASR: SPC Provisions on Auction and Sale of Property in Civil "
        "Enforcement. CPL: Civil Procedure Law. CPLI: SPC Interpretation on Applying the "
        "CPL. HSE: SPC Provisions on Bidder Eligibility in Judicial House Auctions. REF: "
        "SPC Provisions on Reference Prices for the Disposal of Property."
    ),
}


#: GB/T 15834: one kind of bracket is not nested in itself; an aside that already holds
#: round brackets, like a case number, goes in hexagonal ones.
_NESTED = ("〔", "〕")


def _check_lang(lang: str) -> None:
    if lang not in _ABBREVIATIONS:
        raise ValueError(f"documents are written in 'zh' or 'en', not {lang!r}")


def _t(lang: str, zh: str, en: str) -> str:
    return zh if lang == "zh" else en


def _label(group: str, key: str, lang: str) -> str:
    try:
        zh, en = _LABELS[group][key]
    except KeyError:
        raise ValueError(f"unknown {group} {key!r}") from None
    return _t(lang, zh, en)


def _aside(text: str) -> str:
    """（text）, or 〔text〕 when the text holds round brackets itself: never （（2026）…）."""
    if "（" in text or "）" in text:
        return f"{_NESTED[0]}{text}{_NESTED[1]}"
    return f"（{text}）"


def _said(answer: str, lang: str) -> str:
    """A disclosure answer as a clause inside a sentence: without the full stop the
    sentence adds (no "。。"), and "未载明" where the office left it empty, rather than
    "租赁：；" or an invented "无"."""
    clause = answer.strip().rstrip("。．.；;，,")
    return clause or _t(lang, "未载明", "not stated")


def _amount(fen: int, lang: str) -> str:
    """¥1,234,567.89（大写：人民币壹佰贰拾叁万肆仟伍佰陆拾柒元捌角玖分）."""
    figures, words = format_cny(fen), capital_numerals(fen)
    return _t(lang, f"{figures}（大写：人民币{words}）", f"{figures} (in capitals: {words})")


def _day(on: date, lang: str) -> str:
    return _t(
        lang, f"{on.year}年{on.month}月{on.day}日", f"{on.day} {_MONTHS[on.month - 1]} {on.year}"
    )


def _moment(at: datetime, lang: str) -> str:
    local = to_beijing(at)
    return _day(local.date(), lang) + _t(lang, "", " ") + f"{local:%H:%M}"


def _period(start: datetime, end: datetime, lang: str) -> str:
    return _t(
        lang,
        f"{_moment(start, lang)}起至{_moment(end, lang)}止（北京时间）",
        f"{_moment(start, lang)} to {_moment(end, lang)} (Beijing time)",
    )
