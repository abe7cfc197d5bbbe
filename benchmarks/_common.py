"""What the benchmarks share: where the project's files are, finding the tools to time, and
the generated report files they time them on.  Run the benchmarks as scripts
(``python benchmarks/NAME.py``): this directory is then on ``sys.path``."""

from __future__ import annotations

import shutil
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "examples" / "qingshi-2024.toml"
SCHEMA = ROOT / "schemas" / "format-2021.schema.json"
SAMPLES = ROOT.parent / "shared" / "reference" / "samples"


def tool(name: str) -> str:
    """The executable *name*: beside this Python (its virtual environment), else on PATH."""
    here = Path(sys.executable).parent / name
    if here.exists():
        return str(here)
    found = shutil.which(name)
    if not found:
        sys.exit(f"{name} not found: pip install '.[bench]' in this environment, or put it on PATH")
    return found


def make_reports(directory: Path, count: int) -> list[Path]:
    """*count* distinct, valid reports (the example, each by another organ), in one directory."""
    text = EXAMPLE.read_text(encoding="utf-8")
    directory.mkdir(parents=True, exist_ok=True)
    paths = []
    for i in range(count):
        path = directory / f"report-{i:04}.toml"
        path.write_text(text.replace("云岭县青石镇人民政府", f"云岭县第{i}镇人民政府"), encoding="utf-8")
        paths.append(path)
    return paths
