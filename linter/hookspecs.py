"""Hook specifications: the whole plugin API of relint.

A plugin is a module (or object) with functions named after these hooks and
decorated with :data:`hookimpl`, registered through the ``relint`` entry-point group::

    # pyproject.toml of a rule pack
    [project.entry-points.relint]
    mypack = "relint_mypack.rules"

    # relint_mypack/rules.py
    from linter import hookimpl

    @hookimpl
    def relint_rules():
        return [MyRule]

relint's own rules are registered exactly this way. Hooks are called with keyword
arguments; pluggy calls implementations in reverse registration order, so relint sorts
whatever it collects (rules by code, kinds by priority) before using it.
"""

from __future__ import annotations

import pluggy

hookspec = pluggy.HookspecMarker("relint")
hookimpl = pluggy.HookimplMarker("relint")


@hookspec
def relint_rules():
    """Return the rule classes this plugin provides.

    Called once when the plugin manager is built. Each class subclasses
    :class:`linter.rule.Rule` and carries its metadata (code, name, severity, fix
    safety) as class attributes and its documentation as a docstring in the fixed
    sections checked by ``relint rule CODE``. Codes must be unique across plugins.

    ``check(report)`` reads the typed model (:class:`linter.model.Report`, read-only: it
    holds no raw source and no other report) and yields diagnostics. A rule that compares
    with last year's report sets ``needs_previous = True`` and is called as
    ``check(report, previous=...)`` (and ``summarize(report, previous=...)``), with last
    year's report of the same body, or None when the engine found none. Options are declared
    as ``options = (Option(...),)`` and read with ``self.option(name)``. One instance of a
    rule serves every report linted under the same settings (it is made once with the plan
    of rules): a rule keeps nothing of a report on ``self``.

    A rule that needs the whole run — comparing the reports of one run with each other, as
    Q006 does — subclasses :class:`linter.rule.RunRule` instead and is registered the same
    way. Its ``digest(report)`` runs where each report is built (a worker process in a
    parallel run) and returns a small value of plain data (numbers, strings, lists, tuples,
    dicts with string keys: it is cached as JSON); once every file is linted,
    ``check_run(digests)`` gets ``(index, digest)`` for every file it is selected for and
    yields ``(index, diagnostic)``, and ``summarize_run(digests)`` yields ``(index, label,
    value)``; ``gathered()`` may return a compact holder (with ``append``) that receives the
    pairs instead of a list, and is what those two then get; a ``group`` label marks the value that groups files (shown as clusters by the
    batch overview). Selection, severity overrides, allow entries and baselines apply to its
    findings as to any other. Run rules run only when more than one file is linted without
    ``--fix``; such a run holds its (slim) results until the last file is done.

    :return: a list of :class:`~linter.rule.Rule` subclasses.
    """


@hookspec
def relint_report_kinds():
    """Return the report kinds this plugin knows, with their mandated elements.

    Called once per run. A report is given the kind whose title patterns match (highest
    ``priority`` first); ``kind`` in the config forces one.

    :return: a list of :class:`linter.model.ReportKind`.
    """


@hookspec
def relint_readers():
    """Return readers for input formats, keyed by file suffix (``".txt"``).

    A reader is a callable ``reader(data: bytes, path: str)`` that returns a
    :class:`linter.sources.Source` or a :class:`linter.sources.InputError`; it must not
    raise on bad input.

    :return: a dict mapping suffixes to readers.
    """


@hookspec
def relint_formatters():
    """Return output formats, keyed by the name given to ``--format``.

    A format is a subclass of :class:`linter.output.Formatter`: relint makes one per run
    with the output stream and options, then calls ``start()``, ``add(result)`` for each
    file as results arrive, and ``finish(totals)``. A plain function
    ``formatter(results, options) -> str`` of the whole run is accepted too. A plugin may
    replace any built-in format, ``text`` included (a later plugin wins).

    :return: a dict mapping format names to formatter classes (or functions).
    """


@hookspec
def relint_profiles():
    """Return deadline profiles this plugin ships, keyed by the name given to ``--profile``.

    A profile is a TOML file (see ``linter/data/profiles/default.toml``): report deadlines
    by issuer type, the publication deadline, extra mandated parts and formulation pairs.
    Called once per run; a plugin's profile of the same name replaces a built-in one.

    :return: a dict mapping profile names to the paths of their files.
    """
