"""Plugins arrive through the ``relint`` entry-point group, built-in ones included."""

import os
import shutil
import textwrap

from conftest import FIXTURES, run_relint

SEED_000 = str(FIXTURES / "seeds" / "000_00303d11aa6d56d4.txt")


def fake_distribution(site, module_source, name="relint_demo"):
    """A minimal installed distribution (dist-info + module) on a PYTHONPATH folder."""
    (site / f"{name}.py").write_text(textwrap.dedent(module_source), encoding="utf-8")
    info = site / f"{name}-0.1.dist-info"
    info.mkdir()
    (info / "METADATA").write_text(f"Metadata-Version: 2.1\nName: {name}\nVersion: 0.1\n")
    (info / "entry_points.txt").write_text(f"[relint]\ndemo = {name}\n")
    return {"PYTHONPATH": str(site)}


DEMO_RULE = '''
    from linter import hookimpl
    from linter.rule import Rule, Text
    from linter.model import Span

    class Demo(Rule):
        """
        ## 作用
        x
        ## 原因
        x
        ## 示例
        x
        ## 改为
        x
        ## 选项
        x
        ## 修复
        x
        """
        code = "X001"
        name = "demo"
        summary = Text("演示", "demo")
        message = Text("演示规则", "demo rule")

        def check(self, report):
            yield self.diagnostic(Span.point(1, 1))

    @hookimpl
    def relint_rules():
        return [Demo]
'''


def test_builtin_rules_are_entry_point_plugins():
    out = run_relint("--plugins").stdout.decode()
    names = [line.split()[0] for line in out.splitlines()]
    assert {"structure", "signature", "elements", "kinds"} <= set(names)
    assert all("report-relint" in line for line in out.splitlines())


def test_third_party_rule_loads_and_can_be_disabled(tmp_path):
    env = fake_distribution(tmp_path, DEMO_RULE)
    assert "demo" in run_relint("--plugins", env=env).stdout.decode()
    assert ":1:1: X001 演示规则" in run_relint(SEED_000, env=env).stdout.decode()
    env["RELINT_DISABLE_PLUGIN_AUTOLOAD"] = "1"
    done = run_relint(SEED_000, env=env)
    assert "X001" not in done.stdout.decode() and "S102" in done.stdout.decode()


def test_broken_plugin_is_one_clear_error(tmp_path):
    env = fake_distribution(tmp_path, "raise ImportError('boom')\n")
    done = run_relint(SEED_000, env=env)
    assert done.returncode == 2
    assert done.stderr.decode().strip() == "relint: error: plugin 'demo' (relint_demo) failed to load: boom"


def test_misspelt_hook_fails_loudly(tmp_path):
    env = fake_distribution(tmp_path, "from linter import hookimpl\n\n@hookimpl\ndef relint_rulez():\n    return []\n")
    done = run_relint(SEED_000, env=env)
    assert done.returncode == 2
    assert "relint_rulez" in done.stderr.decode()


def test_a_stale_entry_point_cache_is_rebuilt(tmp_path):
    env = fake_distribution(tmp_path, DEMO_RULE)
    env["XDG_CACHE_HOME"] = str(tmp_path / "cache")
    assert "X001" in run_relint(SEED_000, env=env).stdout.decode()  # cached with the demo plugin
    stamp = os.stat(tmp_path).st_mtime_ns
    (tmp_path / "relint_demo.py").unlink()  # the module is gone, the cache still lists it,
    shutil.rmtree(tmp_path / "relint_demo-0.1.dist-info")
    os.utime(tmp_path, ns=(stamp, stamp))  # and the folder's mtime does not tell
    done = run_relint(SEED_000, env=env)
    assert done.returncode == 1 and "S102" in done.stdout.decode() and "X001" not in done.stdout.decode()



WHOLE_RUN_TEXT = '''
    from linter import hookimpl

    def whole_run(results, options):
        return "".join(f"{r.path} has {len(r.diagnostics)}\\n" for r in results)

    @hookimpl
    def relint_formatters():
        return {"text": whole_run}
'''

STREAMING_FORMATS = '''
    from linter import hookimpl
    from linter.output import Formatter

    class Tally(Formatter):
        """Streams: one line per file, the run's total last."""

        def add(self, result):
            self.out.write(f"{result.path} {len(result.diagnostics)}\\n")

        def finish(self, totals):
            self.out.write(f"total {totals.diagnostics}\\n")

    @hookimpl
    def relint_formatters():
        return {"text": Tally, "json": Tally}
'''

SEEDS = sorted(str(p) for p in (FIXTURES / "seeds").glob("*.txt"))


def test_a_plugin_function_replaces_the_default_text_format(tmp_path):
    env = fake_distribution(tmp_path, WHOLE_RUN_TEXT)
    out = run_relint(*SEEDS, env=env).stdout.decode().splitlines()
    assert [line.split(" has ")[0] for line in out] == SEEDS
    assert all(int(line.split(" has ")[1]) > 0 for line in out)


def test_a_plugin_formatter_object_streams_any_format(tmp_path):
    env = fake_distribution(tmp_path, STREAMING_FORMATS)
    lines = run_relint("--format", "json", *SEEDS, env=env).stdout.decode().splitlines()
    counts = [int(line.split(" ")[1]) for line in lines[:-1]]
    assert lines == [f"{path} {n}" for path, n in zip(SEEDS, counts)] + [f"total {sum(counts)}"]
    assert all(n > 0 for n in counts)
    for jobs in ("1", "2"):
        assert run_relint("--jobs", jobs, *SEEDS, env=env).stdout.decode().splitlines() == lines


def test_a_plugin_rule_gets_last_years_report_passed_explicitly(tmp_path):
    """A third-party rule that sets needs_previous receives last year's report as
    ``previous`` (the model itself carries none); older rules keep their check(report)."""
    compare = DEMO_RULE.replace('code = "X001"', 'code = "X002"\n        needs_previous = True').replace(
        "def check(self, report):\n            yield self.diagnostic(Span.point(1, 1))",
        "def check(self, report, previous=None):\n"
        "            assert not hasattr(report, 'previous')\n"
        "            if previous is not None:\n"
        "                yield self.diagnostic(Span.point(1, 1), Text(previous.path, previous.path))")
    site = tmp_path / "site"
    site.mkdir()
    env = fake_distribution(site, compare, name="relint_compare")
    this, last = (FIXTURES / "substance").glob("*2024*.txt"), (FIXTURES / "substance").glob("*2023*.txt")
    this, last = next(this), next(last)
    done = run_relint("--select", "X002", "--previous", str(last), str(this), env=env)
    assert done.returncode == 1, done.stderr.decode()
    assert f"X002 {last}" in done.stdout.decode()
    alone = tmp_path / this.name  # no sibling named for last year: nothing to compare with
    alone.write_bytes(this.read_bytes())
    assert "X002" not in run_relint("--select", "X002", str(alone), env=env).stdout.decode()
    assert "X001" in run_relint("--select", "X001", SEED_000, env=fake_distribution(tmp_path, DEMO_RULE)).stdout.decode()
