"""The plugin manager: every rule, report kind, reader and formatter arrives through it."""

from __future__ import annotations

import os

import pluggy

from linter import hookspecs

#: The distribution that ships the built-in plugins; they load even when autoloading of
#: third-party plugins is disabled.
BUILTIN_DIST = "report-relint"
DISABLE_AUTOLOAD = "RELINT_DISABLE_PLUGIN_AUTOLOAD"


class PluginError(Exception):
    """A plugin could not be loaded or declares something invalid."""


def plugin_manager() -> tuple[pluggy.PluginManager, list[tuple[str, str, str]]]:
    """Build the plugin manager: hook specs, then every ``relint`` entry point.

    Third-party entry points are skipped when ``RELINT_DISABLE_PLUGIN_AUTOLOAD`` is set.
    A plugin that fails to import raises :class:`PluginError` naming it. Returns the
    manager and (entry-point name, distribution, version) of every plugin loaded.
    """
    try:
        return _build(use_cache=True)
    except PluginError:
        # The cached list may predate an uninstall or upgrade: look again before failing.
        return _build(use_cache=False)


def _build(use_cache: bool):
    from linter.entrypoints import relint_entry_points

    pm = pluggy.PluginManager("relint")
    pm.add_hookspecs(hookspecs)
    builtin_only = bool(os.environ.get(DISABLE_AUTOLOAD))
    found_builtin = False
    loaded = []
    for ep in relint_entry_points(use_cache=use_cache):
        dist = ep.dist
        is_builtin = dist.lower().replace("_", "-") == BUILTIN_DIST
        found_builtin = found_builtin or is_builtin
        if builtin_only and not is_builtin:
            continue
        if pm.get_plugin(ep.name) is not None:
            continue  # the same distribution seen twice on sys.path
        try:
            plugin = ep.load()
        except Exception as exc:  # any import-time failure of foreign code
            raise PluginError(f"plugin {ep.name!r} ({ep.value}) failed to load: {exc}") from exc
        try:
            pm.register(plugin, name=ep.name)
        except pluggy.PluginValidationError as exc:
            raise PluginError(f"plugin {ep.name!r} ({ep.value}) is invalid: {exc}") from exc
        loaded.append((ep.name, dist, ep.version))
    if not found_builtin:
        raise PluginError(f"no built-in rules found: is {BUILTIN_DIST} installed (pip install .)?")
    try:
        pm.check_pending()  # a misspelt hook name must fail, not register silently
    except pluggy.PluginValidationError as exc:
        raise PluginError(str(exc)) from exc
    return pm, loaded
