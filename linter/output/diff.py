"""``--diff``: the fixes of each file as a unified diff, written as files are fixed."""

from __future__ import annotations

from linter.output import Formatter


class DiffFormatter(Formatter):
    def add(self, result) -> None:
        self.out.write(result.diff)
