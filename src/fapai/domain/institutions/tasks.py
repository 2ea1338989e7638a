"""The work a court may give its auxiliary institution (seed 003 Art 3) as tasks, the work
it may not (Art 3(8): what law or the work's nature reserves to the court), the steps an
institution logs (Art 6(8)) and the checks a task's submission must pass.

Pure: the kinds, their articles and the checks; app/institutions/tasks.py applies them.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

#: Art 3(1): the video is generally at least 1.5 minutes, the photos at least 8
MIN_VIDEO_SECONDS = 90
MIN_PHOTOS = 8
#: Art 3(5): the parties and the preemptive-right holders are told 3 days before the
#: announcement is published
NOTIFY_DAYS_BEFORE = 3


@dataclass(frozen=True, slots=True)
class TaskKind:
    zh: str
    en: str
    article: str


#: The delegable work, kind -> label and article (Art 3(1)-(8)).
TASK_KINDS: dict[str, TaskKind] = {
    "materials": TaskKind(
        "制作视频、照片、文字说明（视频不少于1分半钟，照片不少于8张，有条件的采用VR）",
        "video, photos and description (video >= 90 s, photos >= 8, VR where possible)",
        "seed 003 Art 3(1)",
    ),
    "status_check": TaskKind(
        "调查核实财产现状、权利瑕疵、过户条件、所欠税费",
        "check the property's state, defects, transfer conditions and arrears",
        "seed 003 Art 3(2)",
    ),
    "site_notice": TaskKind(
        "现场张贴公告并上传拍卖平台", "post the notice on site and upload it", "seed 003 Art 3(3)"
    ),
    "viewing": TaskKind(
        "展示财产、接受咨询、引领看样",
        "show the property, answer enquiries, lead viewings",
        "seed 003 Art 3(4)",
    ),
    "storage_transport": TaskKind(
        "封存样品、仓储保管、运输配送、整理归档",
        "seal samples, store, transport, file",
        "seed 003 Art 3(4)",
    ),
    "notify_parties": TaskKind(
        "拍卖公告发布前3日通知当事人和优先购买权人",
        "notify the parties and preemptive-right holders 3 days before the announcement",
        "seed 003 Art 3(5)",
    ),
    "qualification_help": TaskKind(
        "协助审核竞买资格（解答咨询；竞买人身份材料由法院审核）",
        "help with bidder qualification (enquiries; the court reviews bidders' papers)",
        "seed 003 Art 3(5)",
    ),
    "pricing_help": TaskKind(
        "辅助定向询价、网络询价和网络委托评估",
        "help with targeted and online inquiry, online appraisal",
        "seed 003 Art 3(6)",
    ),
    "delivery": TaskKind(
        "辅助交付或交割拍卖、变卖、以物抵债财产",
        "help deliver the sold or taken property",
        "seed 003 Art 3(7)",
    ),
    "other": TaskKind(
        "法院认为需要委托的其他辅助事务", "other auxiliary work", "seed 003 Art 3(8)"
    ),
}

#: Work the law reserves to the court (Art 3(8), second sentence): never a task.
RESERVED: dict[str, tuple[str, str]] = {
    "reference_price": ("确定参考价", "fixing the reference price (REF)"),
    "ruling": ("作出拍卖、成交等裁定", "making rulings (OJA Art 4)"),
    "confirm_bidders": ("确认竞买人资格及优先购买权人", "confirming bidders and holders"),
    "announcement": ("发布拍卖公告", "publishing the announcement (OJA Arts 12-13)"),
    "pause": ("暂缓、中止、撤回拍卖", "postponing, suspending or withdrawing the auction"),
    "money": ("收取、保管、支付拍卖款项", "taking, keeping or paying out the money"),
    "eviction": ("强制腾退、清场", "vacating the premises by force"),
}

#: What an institution logs of a task (Art 6(8)): site visits, calls, viewings, deliveries.
LOG_KINDS: dict[str, tuple[str, str]] = {
    "site_visit": ("现场勘查", "site visit"),
    "call": ("电话", "call"),
    "viewing": ("引领看样", "viewing"),
    "delivery": ("交付", "delivery"),
    "notice": ("张贴或送达通知", "notice posted or served"),
    "upload": ("上传材料", "upload"),
    "other": ("其他", "other"),
}

#: A task's states: with the staff member; submitted to the office; accepted; sent back.
STATES = ("assigned", "submitted", "accepted", "returned")


def latest_notify_day(announce_on: date) -> date:
    """The last day a notify_parties task may be due: 3 days before the announcement."""
    return announce_on - timedelta(days=NOTIFY_DAYS_BEFORE)


def materials_shortfall(photos: int, video_seconds: int) -> list[str]:
    """What falls short of Art 3(1)'s "generally" numbers, each as a short phrase; a
    shortfall needs the institution's reason (the numbers are "一般", not absolute)."""
    short = []
    if photos < MIN_PHOTOS:
        short.append(f"photos {photos} < {MIN_PHOTOS}")
    if video_seconds < MIN_VIDEO_SECONDS:
        short.append(f"video {video_seconds} s < {MIN_VIDEO_SECONDS} s")
    return short
