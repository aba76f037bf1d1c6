"""Which files a run lints: explicit files as given, folders walked recursively for
the included files (by default, every suffix a reader handles), minus excluded paths
(by default also README, CHANGELOG, LICENSE … which are not reports) and git-ignored ones."""

from __future__ import annotations

import os
import subprocess

from linter.sources import InputError


def _git_visible(folder: str) -> set[str] | None:
    """Files git does not ignore below ``folder`` (absolute paths); None outside a repo."""
    try:
        done = subprocess.run(
            ["git", "-C", folder, "ls-files", "--cached", "--others", "--exclude-standard", "-z", "--full-name"],
            capture_output=True, timeout=60, check=False)
        top = subprocess.run(["git", "-C", folder, "rev-parse", "--show-toplevel"], capture_output=True,
                             timeout=60, check=False)
    except (OSError, subprocess.SubprocessError):
        return None
    if done.returncode != 0 or top.returncode != 0:
        return None
    root = os.fsdecode(top.stdout).strip()
    return {os.path.realpath(os.path.join(root, os.fsdecode(name))) for name in done.stdout.split(b"\0") if name}


def discover(paths: list[str], suffixes, resolver) -> list[str | InputError]:
    """Expand ``paths`` into the files to lint, in a stable order. A folder that holds no
    report, or a path that does not exist, becomes an E001 error in the list."""
    out: list[str | InputError] = []
    for path in paths:
        if not os.path.isdir(path):
            out.append(path)  # a missing file is reported by the reader, with its OS error
            continue
        settings = resolver.for_path(os.path.join(path, "_"), linted=False)  # its include/exclude
        visible = _git_visible(path) if settings.respect_gitignore else None
        if visible is not None:  # git's ignore rules and index: not files a record can watch
            from linter import replay

            replay.refuse("git")
        found = []
        for folder, dirs, files in os.walk(path, onerror=lambda exc: out.append(
                InputError(exc.filename or path, "E001", f"无法读取文件夹：{exc.strerror}",
                           f"cannot read folder: {exc.strerror}"))):
            dirs[:] = sorted(d for d in dirs if not settings.is_excluded(d))
            for name in sorted(files):
                full = os.path.join(folder, name)
                if not settings.is_included(full, suffixes) or settings.is_excluded(full):
                    continue
                if visible is not None and os.path.realpath(full) not in visible:
                    continue
                found.append(full)
        if not found:
            out.append(InputError(path, "E001", "文件夹中没有可检查的报告文件", "folder contains no report files"))
        out.extend(found)
    return out
