"""``--format junit``: one test case per file and rule that found something (failing), one
passing case for a clean file and an erroring one for a file that could not be read.
The counts go in the opening tags, so test cases are spooled until the end of the run."""

from __future__ import annotations

from xml.sax.saxutils import escape, quoteattr

from linter.output import Formatter, Spool, Totals, safe_name


def _case(classname: str, name: str, inner: str = "") -> str:
    opening = f"    <testcase classname={quoteattr(classname)} name={quoteattr(name)}"
    return f"{opening}>\n{inner}    </testcase>\n" if inner else f"{opening} />\n"


class JunitFormatter(Formatter):
    reads_report = False  # findings only

    def start(self) -> None:
        self.spool = Spool()
        self.tests = self.failures = self.errors = 0

    def add(self, result) -> None:
        if result.error:
            message, code = quoteattr(result.error.message(self.options.lang)), quoteattr(result.error.code)
            self.spool.write(_case(safe_name(result.path), "read", f"      <error message={message} type={code} />\n"))
            self.tests, self.errors = self.tests + 1, self.errors + 1
            return
        super().add(result)

    @staticmethod
    def render(result, options) -> str:
        lang, path = options.lang, safe_name(result.path)
        by_code: dict[str, list] = {}
        for d in result.diagnostics:
            by_code.setdefault(d.code, []).append(d)
        if not by_code:
            return _case(path, "relint")
        cases = []
        for code, found in by_code.items():
            body = "\n".join(f"{path}:{d.span.line}:{d.span.column}: {d.code} {d.text(lang)}" for d in found)
            failure = (f"      <failure message={quoteattr(f'{len(found)} × {code}')} "
                       f"type={quoteattr(found[0].severity)}>{escape(body)}</failure>\n")
            cases.append(_case(path, f"{code} {found[0].name}", failure))
        return "".join(cases)

    def add_rendered(self, text: str) -> None:
        self.spool.write(text)
        # the cases counted by their own tags: names and messages are escaped, so no other "<" stands in the text
        self.tests += text.count("<testcase ")
        self.failures += text.count("<failure ")

    def finish(self, totals: Totals) -> None:
        counts = f'tests="{self.tests}" failures="{self.failures}" errors="{self.errors}"'
        self.out.write(f"<?xml version='1.0' encoding='UTF-8'?>\n<testsuites name=\"relint\" {counts}>\n"
                       f"  <testsuite name=\"relint\" {counts}>\n")
        self.spool.copy_to(self.out)
        self.out.write("  </testsuite>\n</testsuites>\n")
