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
    N_("网络司法拍卖成交确认书"),
    N_(
        "买受人应在拍卖公告确定的期限内将剩余价款交付人民法院指定账户（《网络司法拍卖规定》第二十二条、第二十五条）。"
    ),
)
