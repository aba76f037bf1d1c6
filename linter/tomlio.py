"""TOML reading for config and data files (tomllib on Python ≥ 3.11, tomli before)."""

from __future__ import annotations

import sys

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - exercised on old Pythons only
    import tomli as tomllib

TOMLDecodeError = tomllib.TOMLDecodeError


def load_path(path: str) -> dict:
    with open(path, "rb") as handle:
        return tomllib.load(handle)


def load_package_data(package: str, name: str) -> dict:
    """A TOML file shipped inside ``package`` (works from a wheel and an editable install)."""
    from importlib.resources import files

    return tomllib.loads(files(package).joinpath(name).read_text(encoding="utf-8"))
