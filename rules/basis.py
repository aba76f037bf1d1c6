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
GBT_15834 = Text("GB/T 15834-2011《标点符号用法》", "GB/T 15834-2011, use of punctuation marks")
GBT_15835 = Text("GB/T 15835-2011《出版物上数字用法》", "GB/T 15835-2011, use of numbers in publications")
REPORT_DEADLINES = Text(
    "《法治政府建设与责任落实督察工作规定》及省级工作指引：部门和市县乡报告次年3月1日前、省级政府报告次年4月1日前报送",
    "the supervision regulation and provincial guidelines: departments and city/county/township bodies report "
    "by 1 March, provincial governments by 1 April of the following year",
)
