"""The texts the scripts show, translated on the server and handed to the page as JSON.

The scripts never hold a language of their own: a notice, a label or a refusal
hint reads the same catalog as the HTML around it.
"""

from __future__ import annotations

from fapai.web.i18n import N_
from fapai.web.pages import labels

CLIENT_TEXT: dict[str, str] = {
    # the live panel
    "price.current": N_("当前价"),
    "price.start": N_("起拍价"),
    "price.sale": N_("变卖价"),
    "price.sold": N_("成交价"),
    "price.unsold": N_("流拍"),
    "price.revoked": N_("撤销时最高出价"),
    "leader.live": N_("领先竞买代码"),
    "leader.buyer": N_("买受人竞买代码"),
    "leader.revoked": N_("最高出价竞买代码"),
    "countdown.to_start": N_("距开始"),
    "countdown.to_end": N_("距结束"),
    "countdown.ended": N_("已结束"),
    "countdown.days": N_("{days} 天 "),
    "bid.leading": N_("领先"),
    "bid.out": N_("出局"),
    "bid.sold": N_("成交"),
    "bid.defaulted": N_("悔拍"),
    "bid.highest": N_("最高出价"),
    # the bidder's actions
    "bid.minimum": N_("最低可出价 {amount}"),
    "bid.not_started": N_("竞价开始后方可出价。"),
    "bid.enter_amount": N_("请输入出价金额，如 4242000.00（最多两位小数）。"),
    "bid.sent": N_("出价成功：{amount}。您当前领先。"),
    "bid.retry": N_("网络异常，未能确认出价是否成功。请点击「出价」重试：同一笔出价不会重复提交。"),
    "bid.capital_prefix": N_("人民币"),
    "notice.outbid": N_("您的出价已被超过：当前价 {amount}（{code}）。"),
    "notice.ending": N_("距竞价结束不足 5 分钟。此时出价，结束时间将顺延 5 分钟。"),
    "notice.extended": N_("有新的出价，结束时间已顺延至 {time}。"),
    "notice.moved": N_("结束时间已顺延至 {time}。"),
    "notice.closed": N_("竞价已结束：{outcome}。"),
    "notice.watch_ending": N_("您关注的「{title}」即将结束。"),
    "notice.close": N_("关闭提示"),
    "register.done": N_("报名成功，您的竞买代码为 {code}。"),
    "register.closed": N_("竞价已结束，不能报名。"),
    "deposit.pay_again": N_("继续支付"),
    "watch.empty": N_("尚未关注任何拍卖。"),
    "watch.remove": N_("取消关注"),
    "who.logout": N_("退出"),
    "who.me": N_("我的账户"),
    "error.network": N_("网络异常，请稍后重试。"),
    "error.required": N_("请填写{field}。"),
    "code.sent": N_("验证码已发送，5 分钟内有效。"),
    "code.simulated": N_("模拟短信（演示）：验证码 {code}，5 分钟内有效。"),
    "error.amount": N_("{field}须为金额，如 1000.00。"),
    # the simulated bank
    "bank.confirmed": N_("付款成功，保证金已确认到账。"),
    "bank.refused.payer_not_bidder": N_(
        "付款人户名与竞买人姓名不一致，款项将原路退回（保证金须以竞买人本人名义交纳，第十七条）。"
    ),
    "bank.refused.wrong_amount": N_("付款金额与订单金额不一致，款项将原路退回。"),
    "bank.refused.auction_closed": N_("竞价已结束，保证金未被接受，款项将原路退回（第十八条）。"),
    "bank.refused.already_paid": N_("该笔保证金已缴纳，本次付款将原路退回。"),
    "bank.refused.not_the_buyer": N_("您不是本次拍卖的买受人，款项将原路退回。"),
    "bank.refused": N_("付款未被接受：{reason}"),
    # the court's desk
    "court.summary": N_("共 {total} 场拍卖，其中正在进行 {live} 场。"),
    "court.open": N_("公开页面"),
    "court.watch": N_("监控"),
    "court.accepted": N_("有效"),
    "court.priority": N_("第 {rank} 顺位"),
    "court.before_close": N_(
        "竞价结束前不显示竞买代码：报名 {registrations} 人，保证金到账 {confirmed} 笔，"
        "共 {amount}（《网络司法拍卖规定》第十八条）。"
    ),
    # the bidder centre (/me) and the bidder's own lines on a closed auction page
    "centre.due_day": N_("{day} 24:00（含当日）"),
    "centre.account": N_("{court}指定账户"),
    "centre.watch_failed": N_("未能更新关注，请稍后重试。"),
    "centre.instructions": N_(
        "请向 {bank} 户名「{account}」的账户交付 {amount}，付款时注明参考号 {reference}。"
    ),
    "centre.go_pay": N_("前往银行付款"),
    **{f"next.{key}": text for key, text in labels.NEXT_STEP.items()},
    **{f"money.{key}": text for key, text in labels.MONEY_KIND.items()},
    **{f"refund.{key}": text for key, text in labels.REFUND_STATE.items()},
    **{f"status.{code}": text for code, text in labels.STATUS.items()},
    **{f"deposit.{code}": text for code, text in labels.DEPOSIT.items()},
    **{f"round.{number}": text for number, text in labels.ROUND.items()},
    "round.sale": labels.SALE,
}
