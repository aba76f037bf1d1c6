"""Build a corpus of N report files from the fixtures, varied so that no two are the same:
years shifted, paragraphs repeated or dropped, blank lines added or removed, every fifth
file saved in GBK. Deterministic for a given N."""

import random
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def sources() -> list[str]:
    paths = sorted((ROOT / "fixtures").rglob("*.txt"))
    return [p.read_text(encoding="utf-8") for p in paths]


def vary(text: str, rng: random.Random) -> str:
    shift = rng.randint(-3, 2)
    for year in range(2019, 2028):
        text = text.replace(f"{year}年", f"{year + shift}年")
    lines = text.split("\n")
    if len(lines) > 6 and rng.random() < 0.5:
        at = rng.randrange(3, len(lines) - 1)
        lines.insert(at, lines[at])
    if rng.random() < 0.3:
        lines = [line for line in lines if line.strip()]
    elif rng.random() < 0.3:
        lines = [part for line in lines for part in (line, "")]
    return "\n".join(lines)


def build(folder: Path, count: int) -> Path:
    rng = random.Random(count)
    texts = sources()
    folder.mkdir(parents=True, exist_ok=True)
    for number in range(count):
        text = vary(texts[number % len(texts)], rng)
        target = folder / f"{number // 500:03d}" / f"report_{number:05d}.txt"
        target.parent.mkdir(exist_ok=True)
        target.write_bytes(text.encode("gbk" if number % 5 == 4 else "utf-8", errors="replace"))
    return folder


if __name__ == "__main__":
    build(Path(sys.argv[1]), int(sys.argv[2]))
