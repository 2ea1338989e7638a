"""The standing texts of an auction page: the special warnings every auction carries.

OJA Art 14 lists what the platform must warn of on the day of the announcement;
an auction's own warnings (``special_warnings`` in the snapshot, once the court
back office writes them) are shown above these.
"""

from __future__ import annotations

from fapai.web.i18n import N_

SPECIAL_WARNINGS = (
    N_(
        "竞买人应当具备完全民事行为能力；法律、行政法规和司法解释对买受人有资格或者条件要求的（如购房资格），竞买人应当具备相应的资格或者条件。"
    ),
    N_("委托他人代为竞买的，应当在竞价程序开始前经人民法院确认，并通知网络服务提供者。"),
    N_("拍卖财产已知瑕疵和权利负担见下方「标的物情况披露」。"),
    N_("拍卖财产以实物现状为准，竞买人可以申请实地看样。"),
    N_("竞买人决定参与竞买的，视为对拍卖财产完全了解，并接受拍卖财产一切已知和未知瑕疵。"),
    N_("载明买受人真实身份的拍卖结果将在网络司法拍卖平台上公示。"),
    N_("买受人悔拍的，交纳的保证金不予退还。"),
)

# 竞买须知: the platform's standing notice to bidders, as the big platforms put one on every
# listing: who may bid, the deposit, secrecy, how bids count, the preemptive right, the sale
# and a default, each with its article of the OJA (rules.md §1.7-1.10). An item of two
# texts reads (auction, 变卖).
BIDDING_NOTICE: tuple[str | tuple[str, str], ...] = (
    N_(
        "竞买人应当具备完全民事行为能力，以本人真实身份注册实名账户；法律、行政法规和司法解释对买受人有资格或者条件要求的，竞买人应当具备相应的资格或者条件（《网络司法拍卖规定》第十四条）。竞买人数不限，只有一人出价的，也可以成交（第十一条）。"
    ),
    (
        N_(
            "保证金须以竞买人本人名义交纳，到账确认后方可出价；未竞得的，保证金在竞价结束后24小时内退还（第十七条、第十八条、第二十三条）。"
        ),
        N_(
            "变卖须以竞买人本人名义预缴全额变卖价款，到账确认后方可出价；未竞得的，预缴款在竞价结束后24小时内退还（第十七条、第十八条、第二十三条）。"
        ),
    ),
    N_(
        "每位竞买人取得一个竞买代码，出价记录只显示竞买代码；竞价结束前，法院和平台对竞买人的身份保密（第十八条）。"
    ),
    (
        N_(
            "出价以平台服务器收到的时间为准，一经确认即提交，不能撤回。低于起拍价的出价无效，此后每次出价至少比最高出价高一个加价幅度；竞价最后5分钟内有人出价的，结束时间自该出价时点顺延5分钟，次数不限（第二十条）。"
        ),
        N_(
            "出价以平台服务器收到的时间为准，一经确认即提交，不能撤回。首次出价为变卖价，此后每次出价至少比最高出价高一个加价幅度；竞价最后5分钟内有人出价的，结束时间自该出价时点顺延5分钟，次数不限（第二十条）。"
        ),
    ),
    N_(
        "经法院确认的优先购买权人以优先竞买代码参加竞买，可以与最高出价相同的价格出价；无更高出价的，优先购买权人竞得（第十九条、第二十一条）。"
    ),
    N_(
        "竞价结束时出价最高者为买受人，平台自动生成并公示载明买受人真实身份的成交确认书。买受人已交的款项抵作价款，余款须在公告确定的期限内交入法院指定账户；标的物所有权自成交裁定送达买受人时起转移（第二十二条、第二十三条、第二十五条）。"
    ),
    (
        N_(
            "买受人悔拍的，交纳的保证金不予退还，依次用于支付拍卖产生的费用损失、补足重新拍卖价款低于原拍卖价款的差价、冲抵本案被执行人的债务以及与拍卖财产相关的被执行人的债务；悔拍的买受人不得参加该财产的重新拍卖（第二十四条）。"
        ),
        N_(
            "买受人悔拍的，预缴款中相当于前次拍卖保证金数额的部分不予退还，其余退还（第二十四条）。"
        ),
    ),
    N_(
        "税费按公告载明的方式承担（第三十条）。拍卖财产以现状为准，竞买前请阅读公告、特别提示和标的物情况披露，可按看样安排申请实地看样。"
    ),
)

# Texts the use cases write (app/lots/intake.py's disclosure labels, app/auctions/queries.py's
# confirmation), named here so that the catalog keeps their translations.
FROM_USE_CASES = (
    N_("占有使用情况"),
    N_("租赁情况"),
    N_("欠费情况（物业费、水电燃气费等）"),
    N_("税费及承担方式"),
    N_("权利负担（抵押、查封等）"),
    N_("清场交付责任"),
    N_("其他说明"),
    N_("面积"),  # the description's labels (intake.DESCRIPTION_FIELDS)
    N_("用途"),
    N_("权属证书"),
    N_("标的物概况"),
    N_("网络司法拍卖成交确认书"),
    N_(
        "买受人应在拍卖公告确定的期限内将剩余价款交付人民法院指定账户（《网络司法拍卖规定》第二十二条、第二十五条）。"
    ),
)
