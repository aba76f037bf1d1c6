"""Configuration: discovery, validation and what each key does."""

import pytest
from conftest import FIXTURES, codes, lint_text, run_relint

from linter.config import ConfigError, ConfigResolver, Settings, check_options, load_config_file

REPORT = (FIXTURES / "rules" / "S102.txt").read_text(encoding="utf-8")  # S102 and nothing else


@pytest.mark.parametrize("settings, code, default, selected", [
    ({}, "S102", True, True),
    ({}, "S106", False, False),
    ({"extend_select": ("S106",)}, "S106", False, True),
    ({"select": ("S1",)}, "S201", True, False),
    ({"select": ("S1",)}, "S106", False, True),
    ({"select": ("ALL",)}, "S108", False, True),
    ({"ignore": ("S",)}, "S102", True, False),
    ({"ignore": ("S",), "extend_select": ("S102",)}, "S102", True, True),  # longer prefix wins
    ({"select": ("S102",), "ignore": ("S102",)}, "S102", True, False),  # a tie goes to ignore
    ({"select": ("S10",), "ignore": ("S1",)}, "S102", True, True),
])
def test_selection_longest_prefix_wins(settings, code, default, selected):
    assert Settings(**settings).is_selected(code, default) is selected


def test_per_file_ignores_and_severity_overrides(tmp_path, registry):
    settings = Settings(root=str(tmp_path), per_file_ignores=(("drafts/*.txt", ("S1",)),),
                        severity=(("S", "info"), ("S10", "warning")))
    assert settings.ignored_for(str(tmp_path / "drafts" / "a.txt")) == ("S1",)
    assert settings.ignored_for(str(tmp_path / "final" / "a.txt")) == ()
    assert settings.severity_of("S102", "error") == "warning"
    assert settings.severity_of("S201", "warning") == "info"
    result = lint_text(registry, REPORT, severity=(("S102", "info"),))
    assert [d.severity for d in result.diagnostics] == ["info"]


def write(path, text):
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def test_nearest_config_wins_and_pyproject_without_table_is_skipped(tmp_path):
    write(tmp_path / "relint.toml", 'ignore = ["S1"]\n')
    write(tmp_path / "a" / "pyproject.toml", '[project]\nname = "x"\n')
    write(tmp_path / "a" / "b" / "pyproject.toml", '[tool.relint]\nignore = ["S2"]\n')
    resolver = ConfigResolver()
    assert resolver.for_path(str(tmp_path / "a" / "r.txt")).ignore == ("S1",)
    assert resolver.for_path(str(tmp_path / "a" / "b" / "r.txt")).ignore == ("S2",)
    write(tmp_path / "a" / ".relint.toml", 'ignore = ["S3"]\n')
    assert ConfigResolver().for_path(str(tmp_path / "a" / "r.txt")).ignore == ("S3",)


@pytest.mark.parametrize("text, key, expected", [
    ('selct = ["S1"]\n', "selct", "unknown key"),
    ('select = "S1"\n', "select", "list of rule codes"),
    ('select = ["S1x"]\n', "select", "not a rule code"),
    ('lang = "fr"\n', "lang", "one of zh, en"),
    ('fail-on = "fatal"\n', "fail-on", "one of info, warning, error"),
    ('[severity]\nS102 = "high"\n', "severity.S102", "one of"),
    ('[per-file-ignores]\n"*.txt" = "S1"\n', "per-file-ignores.*.txt", "list of rule codes"),
    ('respect-gitignore = "yes"\n', "respect-gitignore", "true or false"),
    ('deadline = "02-30"\n', "deadline", "month-day"),
    ('deadline = "02-29"\n', "deadline", "exists every year"),  # a leap day is no yearly deadline
    ('[[allow]]\ncode = "T003"\ntext = "and"\nline = 3\n', "allow[1].line", "unknown key"),
    ('[elements.review]\nheading = "复议"\n', "elements.review.heading", "list of strings"),
    ('[elements.review]\nheading = ["("]\n', "elements.review.heading", "invalid regular expression"),
    ('[elements.review]\ntitle = ["x"]\n', "elements.review.title", "unknown key"),
    ('select = [\n', "-", "not valid TOML"),
    ('[furniture]\nlines = ["(本站"]\n', "furniture.lines", "invalid regular expression"),
    ('[recognition.annual]\ntitle = ["(a+)+b"]\n', "recognition.annual.title", "nested or repeated"),
    ('[recognition.annual]\nheading = ["x"]\n', "recognition.annual.heading", "unknown key"),
    ('[recognition.budget]\ntitle = ["x"]\n', "recognition.budget", "unknown report kind"),
    ('[recognition]\ndata = "missing.toml"\n', "recognition.data", "recognition data file not found"),
])
def test_bad_config_names_file_key_and_expectation(registry, tmp_path, text, key, expected):
    """(The older keys of rule options are checked in tests/test_rule_options.py.)"""
    path = write(tmp_path / "relint.toml", text)
    with pytest.raises(ConfigError) as info:
        check_options(load_config_file(str(path)), registry.rules)  # unknown keys: once the rules are known
    assert (info.value.path, info.value.key) == (str(path), key)
    assert expected in info.value.expected


def test_bad_config_exits_2_with_one_line(tmp_path):
    write(tmp_path / "relint.toml", 'selct = ["S1"]\n')
    write(tmp_path / "r.txt", REPORT)
    done = run_relint("r.txt", cwd=tmp_path)
    assert done.returncode == 2
    assert done.stderr.decode().strip().splitlines() == [
        f"relint: error: {tmp_path / 'relint.toml'}: selct: unknown key; known keys: allow, deadline, elements, "
        "exclude, extend-exclude, extend-include, extend-select, fail-on, furniture, ignore, include, "
        "kind, lang, lint, output-format, patterns, per-file-ignores, previous, profile, recognition, respect-gitignore, "
        "select, severity, unknown-kind-severity (rule options go in [lint.<CODE or name>], see `relint rule CODE`)"]


def test_config_elements_extend_keywords_and_add_required_parts(registry):
    renamed = REPORT.replace("四、其他需要报告的情况", "四、弱项分析\n人员少，原因是招录倾斜。\n五、其他需要报告的情况")
    plain = lint_text(registry, renamed)
    assert "S102" in codes(plain)
    extended = lint_text(registry, renamed, elements=(("shortcomings", {"heading": ["弱项"]}),))
    assert "S102" not in codes(extended)
    custom = lint_text(registry, REPORT, elements=(("review", {"name": "行政复议和应诉情况", "heading": ["行政复议"]}),))
    assert [d.code for d in custom.diagnostics] == ["S102", "S109"]
    assert "行政复议和应诉情况" in custom.diagnostics[1].message.zh


def test_recognition_tables_extend_how_a_kind_is_recognised(registry, tmp_path):
    # a province whose reports are titled 依法治县工作报告: not an annual report to the built-in data
    titled = REPORT.replace(REPORT.splitlines()[1], "关于2024年度依法治县工作情况的报告")
    assert lint_text(registry, titled).report.kind == "unknown"
    path = write(tmp_path / "relint.toml", '[recognition.annual]\ntitle = ["依法治县.{0,6}报告"]\n')
    settings = load_config_file(str(path))
    assert settings.recognition == (("annual", (("title", ("依法治县.{0,6}报告",)),)),)
    assert lint_text(registry, titled, recognition=settings.recognition).report.kind == "annual"


def test_a_recognition_data_file_adds_kinds_elements_and_furniture(registry, tmp_path):
    write(tmp_path / "province.toml", '[kinds.annual]\ntitle = ["依法治县.{0,6}报告"]\n'
          '[elements.shortcomings]\nheading = ["弱项"]\n[furniture]\nlines = ["^本站声明"]\n')
    path = write(tmp_path / "relint.toml", '[recognition]\ndata = "province.toml"\n'
                 '[recognition.annual]\nparts = ["依法治县"]\n[elements.plan]\nheading = ["明年"]\n')
    settings = load_config_file(str(path))
    assert settings.recognition == (("annual", (("title", ("依法治县.{0,6}报告",)),)),
                                    ("annual", (("parts", ("依法治县",)),)))
    assert settings.elements == (("plan", {"heading": ("明年",)}), ("shortcomings", {"heading": ("弱项",)}))
    assert settings.furniture == (("lines", ("^本站声明",)),)
    text = (REPORT.replace(REPORT.splitlines()[1], "关于2024年度依法治县工作情况的报告")
            .replace("四、其他需要报告的情况", "四、弱项分析\n人员少，原因是招录倾斜。\n五、其他需要报告的情况")
            + "本站声明：转载请注明出处\n")
    plain = lint_text(registry, text)
    assert plain.report.kind == "unknown" and "W001" not in codes(plain)
    result = lint_text(registry, text, recognition=settings.recognition, elements=settings.elements,
                       furniture=settings.furniture)
    assert result.report.kind == "annual"
    assert "W001" in codes(result) and "S102" not in codes(result)


def test_a_bad_recognition_data_file_is_named_in_the_error(tmp_path):
    write(tmp_path / "province.toml", '[furniture]\nwatermarks = ["[本站"]\n')
    path = write(tmp_path / "relint.toml", '[recognition]\ndata = "province.toml"\n')
    with pytest.raises(ConfigError) as info:
        load_config_file(str(path))
    assert (info.value.path, info.value.key) == (str(tmp_path / "province.toml"), "furniture.watermarks")
    assert "invalid regular expression" in info.value.expected


def test_pyproject_config_applies_from_the_command_line(tmp_path):
    write(tmp_path / "pyproject.toml", '[tool.relint]\nignore = ["S102"]\n')
    write(tmp_path / "r.txt", REPORT)
    done = run_relint("r.txt", cwd=tmp_path)
    assert done.returncode == 0, done.stdout.decode()
    other = write(tmp_path / "other.toml", 'select = ["S102"]\n')
    done = run_relint("--config", str(other), "r.txt", cwd=tmp_path)
    assert done.returncode == 1 and b"S102" in done.stdout


def test_the_rule_selection_is_worked_out_once_per_settings_and_kind(registry):
    """Files that share their settings (a folder's) share the selection; other settings, another
    kind or a file's own ignores get their own."""
    quiet = Settings(ignore=("T",), severity=(("S", "info"),))
    chosen = registry.plan(quiet, "annual", ())
    assert registry.plan(quiet, "annual", ()) is chosen
    assert chosen and all(not code.startswith("T") for code, _, _ in chosen)
    assert {severity for code, _, severity in chosen if code.startswith("S")} == {"info"}
    assert any(code.startswith("T") for code, _, _ in registry.plan(Settings(), "annual", ()))
    assert [code for code, _, _ in registry.plan(quiet, "annual", ("S",))] == \
           [code for code, _, _ in chosen if not code.startswith("S")]
    unknown = {severity for _, _, severity in registry.plan(Settings(), "unknown", ())}
    assert "error" not in unknown
