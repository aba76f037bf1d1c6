"""An example relint plugin: 政府信息公开工作年度报告 as a report kind, a rule for its
mandated parts, a reader for ``.report.json`` files and a ``count`` output format."""
