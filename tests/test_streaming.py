"""Every format is written file by file: a run's peak memory does not grow with the number
of files (measured in process with tracemalloc, one process, no cache)."""

import shutil
import tracemalloc

import pytest
from conftest import SEEDS

from linter.cli import main

FORMATS = ["text", "json", "checklist", "sarif", "github", "junit", "html"]


def corpus(folder, count):
    folder.mkdir()
    for number in range(count):
        shutil.copyfile(SEEDS[number % len(SEEDS)], folder / f"r{number:04d}.txt")
    return str(folder)


def peak(args) -> int:
    tracemalloc.start()
    try:
        main(args)
        return tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()


@pytest.mark.parametrize("output_format", FORMATS)
def test_peak_memory_is_flat_in_the_number_of_files(output_format, tmp_path):
    small, large = corpus(tmp_path / "small", 8), corpus(tmp_path / "large", 60)
    common = ["--no-cache", "--jobs", "1", "--exit-zero", "--format", output_format, "-o", str(tmp_path / "out")]
    main(common + [small])  # warm-up: imports and parser tables are not the run's memory
    few, many = peak(common + [small]), peak(common + [large])
    assert (tmp_path / "out").stat().st_size > 0
    assert many < few * 1.3, f"{output_format}: peak {few / 1e6:.1f} MB for 8 files, {many / 1e6:.1f} MB for 60"
