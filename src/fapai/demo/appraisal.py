"""The demo's appraisal report (评估报告): the court may publish it with the
announcement (issue 16; REF Art 30's report is what the reference price rests on), and
the demo shows one on the closing auction's page.

It is a short summary set by the court's own document renderer, signed by a fictitious
appraiser: no party is named, as the court redacts a real report before it publishes
it. The figures are the lot's own.
"""

from __future__ import annotations

from datetime import date

from fapai.app.documents.facts import DocumentContent, Signature

APPRAISER = "上海某房地产土地估价有限公司（演示）"


def report(
    title: str, location: str, area: str, reference_fen: int, valued_on: date
) -> DocumentContent:
    day = f"{valued_on.year}年{valued_on.month}月{valued_on.day}日"
    value = f"{reference_fen // 100:,}"
    return DocumentContent(
        kind="appraisal_report",
        court=APPRAISER,
        title="房地产司法鉴定估价报告（摘要）",
        number=f"沪估字（{valued_on.year}）第 0618 号（演示）",
        addressee="委托方：人民法院（当事人信息已隐去）",
        sections=(
            ("估价对象", (f"{title}，位于{location}，{area}。",)),
            ("估价目的", ("为人民法院确定财产处置参考价提供参考依据。",)),
            ("价值时点", (f"{day}（实地查勘之日）。",)),
            ("估价方法", ("比较法、收益法，两种方法结果加权平均。",)),
            ("估价结果", (f"估价对象在价值时点的市场价值为人民币{value}元。",)),
            ("特别提示", ("本报告为演示文件，所载信息均为虚构；报告中的个人信息已作隐名处理。",)),
        ),
        table=(("估价对象", title), ("面积", area), ("市场价值", f"{value}元")),
        signature=Signature(signers=(("", APPRAISER),), date=day, seal=""),
        footer="演示文件",
        lang="zh",
        dated=valued_on,
        file_name="评估报告",
        table_heading="估价结果一览",
    )
