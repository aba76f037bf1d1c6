"""The regulations and standards that rules cite as their basis."""

from linter.rule import Text

SUPERVISION_REGULATION = Text(
    "《法治政府建设与责任落实督察工作规定》（厅字〔2019〕28号）",
    "Regulation on the Supervision of Rule-of-Law Government Construction (厅字〔2019〕28号)",
)
DUTY_REGULATION = Text(
    "《党政主要负责人履行推进法治建设第一责任人职责规定》（2016年）及述法工作意见（2021年）",
    "Provisions on Principal Leaders' First-Responsible-Person Duty (2016) and the 2021 opinion on 述法",
)
REPORT_NAME_GUIDELINE = Text(
    "省级法治政府建设年度报告工作指引：报告名称为“法治政府建设年度报告”",
    "provincial guidelines: the report is named “法治政府建设年度报告”",
)
GBT_9704 = Text("GB/T 9704-2012《党政机关公文格式》", "GB/T 9704-2012, layout of official documents")
