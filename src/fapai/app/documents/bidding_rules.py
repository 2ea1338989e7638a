"""Sections 2 to 4 of the announcement: the price and how bidding runs, the deposit (or
the prepayment of a 变卖), and who may bid.
"""

from __future__ import annotations

from fapai.app.documents.facts import Section, TermsFacts
from fapai.app.documents.wording import _amount, _t


def _bidding_rules(terms: TermsFacts, lang: str) -> Section:
    start = _amount(terms.start_price, lang)
    if terms.preemptive_holders:
        holders = _t(
            lang,
            f"经本院确认的优先购买权人共{terms.preemptive_holders}名，以优先竞买代码参与竞买，"
            "可以与其他竞买人以相同的价格出价，没有更高出价的，由优先购买权人竞得；顺序不同的"
            "由顺序在先者竞得，顺序相同的由出价在先者竞得（第十九条、第二十一条）。",
            f"{terms.preemptive_holders} preemptive-right holder(s) confirmed by the court bid "
            "with priority codes and may bid the same price as another bidder, winning if "
            "nobody bids higher; between holders the higher rank wins, and at the same rank "
            "the earlier bid (OJA Arts 19, 21).",
        )
    else:
        holders = _t(
            lang,
            "截至本公告发布之日，本院未确认优先购买权人（第十三条第（六）项）。",
            "The court has confirmed no preemptive-right holder (OJA Art 13(6)).",
        )
    soft_close = _t(
        lang,
        "竞价程序结束前五分钟内有出价的，竞价时间自该出价时点顺延五分钟；出价时间以进入"
        "平台服务系统的时间为准（《网络司法拍卖规定》第二十条）。",
        "A bid in the last five minutes moves the end to five minutes after that bid; a bid's "
        "time is when it enters the platform's system (OJA Art 20).",
    )
    if terms.kind == "sale":
        return _t(lang, "二、变卖价与竞价规则", "2. Sale price and bidding"), (
            _t(
                lang,
                f"变卖价为{start}，加价幅度为{_amount(terms.increment, lang)}。",
                f"The sale price is {start}; the increment is {_amount(terms.increment, lang)}.",
            ),
            _t(
                lang,
                "变卖期为六十日。竞买人须预缴全部变卖价款后方可取得竞买资格；变卖期内首位"
                "竞买人出价后，进入二十四小时竞价程序，其他取得竞买资格的竞买人可以在此期间"
                "加价竞买；二十四小时内无人加价的，由首位出价人以变卖价竞得；变卖期届满无人"
                "出价的，变卖不成交（参照《网络司法拍卖规定》第三十七条；最高人民法院关于网络司法"
                "拍卖与网络司法变卖衔接工作的通知）。",
                "The sale period is 60 days. A bidder qualifies only by prepaying the full sale "
                "price. The first bid in the period starts a 24-hour countdown in which other "
                "qualified bidders may raise; if nobody raises in those 24 hours, the first "
                "bidder buys at the sale price; if nobody bids in the period, nothing is sold "
                "(OJA Art 37; SPC notice on linking online auctions and online sales).",
            ),
            soft_close,
            holders,
        )
    return _t(lang, "二、起拍价与竞价规则", "2. Starting price and bidding"), (
        _t(
            lang,
            f"起拍价为{start}，保留价即为起拍价；加价幅度为{_amount(terms.increment, lang)}"
            "（《网络司法拍卖规定》第十条、第二十条）。",
            f"The starting price is {start} and is the reserve; the increment is "
            f"{_amount(terms.increment, lang)} (OJA Arts 10, 20).",
        ),
        _t(
            lang,
            "竞买人以低于起拍价出价的无效。一人参与竞拍，出价不低于起拍价的，拍卖成交"
            "（第十一条、第二十条）。竞价时间不少于二十四小时。",
            "A bid below the starting price is void. One bidder at or above the starting price "
            "is enough for a sale (OJA Arts 11, 20). Bidding lasts at least 24 hours.",
        ),
        soft_close,
        holders,
    )


def _deposit_rules(terms: TermsFacts, lang: str) -> Section:
    deposit = _amount(terms.deposit, lang)
    secrecy = _t(
        lang,
        "竞价程序结束前，本院及平台对竞买人身份及其他能够确认竞买人真实身份的信息、密码"
        "予以保密（《网络司法拍卖规定》第十八条）。",
        "Until bidding closes, the court and the platform keep secret the bidders' identities, "
        "anything that could reveal them, and their passwords (OJA Art 18).",
    )
    if terms.kind == "sale":
        return _t(lang, "三、预缴款与保证金", "3. Prepayment and deposit"), (
            _t(
                lang,
                f"竞买人须以本人实名预缴全部变卖价款{_amount(terms.start_price, lang)}；买受人"
                f"悔拍的，预缴款中相当于保证金数额{deposit}的部分不予退还，其余退还。",
                f"Bidders prepay the full sale price, {_amount(terms.start_price, lang)}, in "
                f"their real names; a buyer who reneges loses an amount equal to the deposit, "
                f"{deposit}, and the rest is refunded.",
            ),
            _t(
                lang,
                "未成交竞买人的预缴款在竞价程序结束后二十四小时内退还或者解冻（第二十三条）。",
                "Other bidders' prepayments are refunded or unfrozen within 24 hours after "
                "bidding closes (OJA Art 23).",
            ),
            secrecy,
        )
    return _t(lang, "三、保证金", "3. Deposit"), (
        _t(
            lang,
            f"保证金为{deposit}。竞买人应当在竞价程序结束前以本人实名交纳保证金，经本院或者"
            "平台确认后取得竞买资格及竞买代码、参拍密码，以竞买代码参与竞买；未交纳的，不得"
            "参加竞买（第十七条、第十八条）。",
            f"The deposit is {deposit}. Bidders pay it in their real names before bidding "
            "closes; once the court or the platform confirms it they receive a bidder code and "
            "password and bid under the code; without a deposit there is no bidding (OJA "
            "Arts 17, 18).",
        ),
        _t(
            lang,
            "申请执行人参加竞买的，可以不交保证金；但债权数额小于保证金数额的，按差额部分交纳"
            "（第十七条）。",
            "The applicant may bid without a deposit, but pays the difference if its claim is "
            "smaller than the deposit (OJA Art 17).",
        ),
        _t(
            lang,
            "拍卖成交后，买受人交纳的保证金充抵价款；其他竞买人的保证金在竞价程序结束后"
            "二十四小时内退还或者解冻；拍卖未成交的，亦同（第二十三条）。",
            "After a sale the buyer's deposit counts towards the price; other deposits are "
            "refunded or unfrozen within 24 hours after bidding closes, as they are when "
            "nothing sells (OJA Art 23).",
        ),
        secrecy,
    )


def _bidder_conditions(terms: TermsFacts, lang: str) -> Section:
    lines = [
        _t(
            lang,
            "竞买人应当具备完全民事行为能力；法律、行政法规和司法解释对买受人资格或者条件有"
            "特殊规定的，应当具备规定的资格或者条件（《网络司法拍卖规定》第十四条）。",
            "Bidders need full civil capacity and any qualification the law requires of a "
            "buyer (OJA Art 14).",
        ),
    ]
    if terms.house_eligibility_required:
        lines.append(
            _t(
                lang,
                "本标的为房产。竞买人应当符合房产所在地关于购房资格的规定，不具备购房资格的，不得"
                "参与竞买；竞买人报名时应当承诺具备购房资格，并自行承担不具备资格的法律后果"
                "（《房产竞买人资格规定》第一条、第二条）。成交后、成交裁定作出前，本院审查买受人"
                "自报名时起持续具备购房资格的证明，不具备的，不作出成交裁定（第三条）。",
                "This is a house. Bidders must meet the local house-purchase eligibility rules and "
                "may not bid without eligibility; at registration each bidder commits that it is "
                "eligible and bears the legal consequences if not (HSE Arts 1, 2). After the sale "
                "and before the ruling the court checks proof that the buyer stayed eligible since "
                "registration; if not, no sale ruling issues (HSE Art 3).",
            )
        )
    lines.append(
        _t(
            lang,
            "负责执行的人民法院、网络服务提供者、承担拍卖辅助工作的社会机构或者组织，及其工作"
            "人员和近亲属，不得竞买并不得委托他人代为竞买（《网络司法拍卖规定》第三十四条）。",
            "The enforcing court, the platform, the auxiliary institution, their staff and close "
            "relatives may not bid or have others bid for them (OJA Art 34).",
        )
    )
    return _t(lang, "四、竞买人条件", "4. Who may bid"), tuple(lines)
