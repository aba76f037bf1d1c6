"""``--format junit``: one test case per file and rule that found something (failing), one
passing case for a clean file and an erroring one for a file that could not be read."""

from __future__ import annotations

from xml.etree import ElementTree as ET


def format_results(results, options) -> str:
    suites = ET.Element("testsuites", name="relint")
    suite = ET.SubElement(suites, "testsuite", name="relint")
    tests = failures = errors = 0
    for result in results:
        if result.error:
            case = ET.SubElement(suite, "testcase", classname=result.path, name="read")
            ET.SubElement(case, "error", message=result.error.message(options.lang), type=result.error.code)
            tests, errors = tests + 1, errors + 1
            continue
        by_code: dict[str, list] = {}
        for d in result.diagnostics:
            by_code.setdefault(d.code, []).append(d)
        if not by_code:
            ET.SubElement(suite, "testcase", classname=result.path, name="relint")
            tests += 1
        for code, found in by_code.items():
            case = ET.SubElement(suite, "testcase", classname=result.path, name=f"{code} {found[0].name}")
            body = "\n".join(f"{result.path}:{d.span.line}:{d.span.column}: {d.code} {d.text(options.lang)}"
                             for d in found)
            failure = ET.SubElement(case, "failure", message=f"{len(found)} × {code}", type=found[0].severity)
            failure.text = body
            tests, failures = tests + 1, failures + 1
    for element in (suites, suite):
        element.set("tests", str(tests))
        element.set("failures", str(failures))
        element.set("errors", str(errors))
    ET.indent(suites)
    return ET.tostring(suites, encoding="unicode", xml_declaration=True) + "\n"
