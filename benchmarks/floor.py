"""The floor for a Python linter: read every .txt file below a folder, decode it and run a
dozen regular-expression scans over it, single process. relint should stay within a small
factor of this."""

import os
import re
import sys

SCANS = [re.compile(p) for p in (
    r"[,;:?!()]", r"[ \u3000]+", r"\d+(?:\.\d+)?\s*[%％]", r"\d{4}\s*年", r"\d{1,2}\s*月\s*\d{1,2}\s*日",
    r"^[一二三四五六七八九十]+、", r"^[（(][一二三四五六七八九十]+[）)]", r"\*\*", r"[A-Za-z]{2,}", r"。。",
    r"(以下简称)", r"\d+\s*[-~]\s*\d+",
)]


def main(folder: str) -> int:
    matches = 0
    for root, _, files in os.walk(folder):
        for name in files:
            if name.endswith(".txt"):
                with open(os.path.join(root, name), "rb") as handle:
                    text = handle.read().decode("utf-8", "replace")
                for line in text.splitlines():
                    for scan in SCANS:
                        matches += sum(1 for _ in scan.finditer(line))
    print(matches)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1]))
