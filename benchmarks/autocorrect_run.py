"""AutoCorrect (autocorrect-py, a Rust linter for CJK copywriting) over the same corpus,
single process, for comparison: it lints every .txt file below a folder."""

import os
import sys

import autocorrect_py


def main(folder: str) -> int:
    findings = 0
    for root, _, files in os.walk(folder):
        for name in files:
            if name.endswith(".txt"):
                path = os.path.join(root, name)
                with open(path, encoding="utf-8", errors="replace") as handle:
                    findings += len(autocorrect_py.lint_for(handle.read(), path).lines)
    print(findings)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1]))
